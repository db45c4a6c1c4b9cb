"""Writes of the public site: a visitor's report of an accessibility problem."""

from django.db import transaction

from loften.core.services import audit_log

from .models import AccessibilityReport
from .tasks import accessibility_report_notify


@transaction.atomic
def accessibility_report_create(
    *, description: str, page_url: str = "", email: str = "", language: str
) -> AccessibilityReport:
    """Store a report and, once it is committed, e-mail the site administrators."""
    report = AccessibilityReport(
        description=description.strip(),
        page_url=page_url.strip(),
        email=email.strip(),
        language=language,
    )
    report.full_clean()
    report.save()
    audit_log(actor=None, action="accessibility_report.create", obj=report)
    transaction.on_commit(lambda: accessibility_report_notify.enqueue(report.pk))
    return report
