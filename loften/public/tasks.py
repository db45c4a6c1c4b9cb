"""Background work of the public site."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from loften.core.models import User

from .models import AccessibilityReport

logger = logging.getLogger(__name__)


@task()
def accessibility_report_notify(report_id: int) -> int:
    """E-mail a new accessibility report to every active site administrator with an
    e-mail address; the number of recipients. Without any, the report is still
    stored and listed in the admin, and a warning is logged."""
    report = AccessibilityReport.objects.get(pk=report_id)
    recipients = sorted(
        set(
            User.objects.filter(is_superuser=True, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if not recipients:
        # The report is stored all the same and listed in the admin.
        logger.warning(
            "No active superuser has an e-mail address: accessibility report %s "
            "is only in the admin.",
            report.pk,
        )
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        admin_url = settings.SITE_URL + reverse(
            "admin:public_accessibilityreport_change", args=[report.pk]
        )
        body = "\n\n".join(
            part
            for part in (
                _("Someone has reported an accessibility problem on the public site."),
                _("Page: %(page)s") % {"page": report.page_url or "–"},
                report.description,
                _("Reply to: %(email)s") % {"email": report.email}
                if report.email
                else _("The reporter left no e-mail address."),
                _("Handle the report in the administration: %(url)s")
                % {"url": admin_url},
            )
        )
        send_mail(
            subject=_("Accessibility problem reported on %(site)s")
            % {"site": settings.SITE_URL},
            message=body,
            from_email=None,
            recipient_list=recipients,
        )
    return len(recipients)
