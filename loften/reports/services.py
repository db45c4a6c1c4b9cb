"""Making follow-up report files: at once when small, in the background when large.

A published report is made once per published version, period, format and
language and then served from storage. A draft is made from the working copy as
it stands when asked for; asking again without changes reuses the file.

Rendering a report does not change any record, so no audit entry is written.
"""

import datetime
import hashlib
import json
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from loften.core.models import User
from loften.followups.models import ReportingPeriod
from loften.promises.models import Promise
from loften.promises.permissions import can_view_promise
from loften.publication.models import PromiseVersion, PublishedPromise
from loften.publication.selectors import promise_snapshot_build

from . import layout
from .models import GeneratedReport
from .permissions import can_make_action_plan
from .renderers import FORMATS, render
from .selectors import report_sources_draft, report_sources_published

logger = logging.getLogger(__name__)

# A report still waiting after this long was lost (a worker stopped); ask again.
STALE_AFTER = datetime.timedelta(minutes=20)
# Drafts are working material: they (the file and the copy of the working copy
# they were made from) are removed after this long.
DRAFT_KEPT_FOR = datetime.timedelta(days=7)
DEFAULT_SYNC_MAX_SIZE = 200


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError(_("Unknown report format."))


def _sync_max_size() -> int:
    return getattr(settings, "REPORTS_SYNC_MAX_SIZE", DEFAULT_SYNC_MAX_SIZE)


def _is_stale(report: GeneratedReport) -> bool:
    if report.status == GeneratedReport.Status.FAILED:
        return True
    if report.status == GeneratedReport.Status.READY:
        return not report.file
    return report.created_at < timezone.now() - STALE_AFTER


def _schedule(report: GeneratedReport, snapshot: dict[str, Any]) -> GeneratedReport:
    """Render now if the report is small, otherwise queue it for the worker."""
    if layout.report_size(snapshot, report.period_id) <= _sync_max_size():
        return report_render(report=report)
    from .tasks import generate_report

    report_id = str(report.pk)
    transaction.on_commit(lambda: generate_report.enqueue(report_id))
    return report


def _restart(report: GeneratedReport) -> GeneratedReport:
    if report.file:
        report.file.delete(save=False)
    report.status = GeneratedReport.Status.PENDING
    report.error = ""
    report.finished_at = None
    report.created_at = timezone.now()
    report.save()
    return report


def report_published_obtain(
    *, version: PromiseVersion, period: ReportingPeriod, fmt: str, language: str
) -> GeneratedReport:
    """The stored report of a published version for `period`, made if missing.

    The result is ready unless the report is large; then it is queued and the
    caller shows its status page.
    """
    _check_format(fmt)
    if not any(
        p["id"] == period.pk and p.get("published") for p in version.snapshot["periods"]
    ):
        raise ValidationError(_("This period's follow-up has not been published."))
    lookup = {
        "kind": GeneratedReport.Kind.PUBLISHED,
        "version": version,
        "period": period,
        "format": fmt,
        "language": language,
    }
    report = GeneratedReport.objects.filter(**lookup).first()
    if report is not None:
        if not _is_stale(report):
            return report
        return _schedule(_restart(report), version.snapshot)
    try:
        with transaction.atomic():
            report = GeneratedReport.objects.create(
                promise_id=version.promise_id, **lookup
            )
    except IntegrityError:
        # Someone asked for the same report at the same moment.
        return GeneratedReport.objects.get(**lookup)
    return _schedule(report, version.snapshot)


def _fingerprint(snapshot: dict[str, Any]) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def report_draft_obtain(
    *,
    promise: Promise,
    period: ReportingPeriod,
    fmt: str,
    language: str,
    actor: User,
) -> GeneratedReport:
    """A draft report of the working copy, for someone who may read it."""
    _check_format(fmt)
    if not can_view_promise(user=actor, promise=promise):
        raise PermissionDenied(_("You may not read this promise's working copy."))
    snapshot = promise_snapshot_build(promise=promise)
    if not any(p["id"] == period.pk for p in snapshot["periods"]):
        raise ValidationError(_("The promise does not report on this period."))
    fingerprint = _fingerprint(snapshot)
    existing = (
        GeneratedReport.objects.filter(
            kind=GeneratedReport.Kind.DRAFT,
            promise=promise,
            period=period,
            format=fmt,
            language=language,
            fingerprint=fingerprint,
        )
        .order_by("-created_at")
        .first()
    )
    if existing is not None and not _is_stale(existing):
        return existing
    report = GeneratedReport.objects.create(
        kind=GeneratedReport.Kind.DRAFT,
        promise=promise,
        period=period,
        format=fmt,
        language=language,
        source=snapshot,
        fingerprint=fingerprint,
        requested_by=actor,
    )
    return _schedule(report, snapshot)


def _source(
    report: GeneratedReport,
) -> tuple[dict[str, Any], int | None, datetime.datetime | None]:
    """The snapshot the report shows, with its version number and time if published."""
    version = report.version
    if version is None:
        return report.source or {}, None, None
    return version.snapshot, version.number, version.published_at


def report_sources(report: GeneratedReport):
    """The parties, approvals, last report and renewal the report shows."""
    if report.version is not None:
        return report_sources_published(version=report.version, period=report.period)
    return report_sources_draft(promise=report.promise, period=report.period)


def report_render(*, report: GeneratedReport) -> GeneratedReport:
    """Render the report's file and store it; on failure the report says so."""
    GeneratedReport.objects.filter(pk=report.pk).update(
        status=GeneratedReport.Status.RUNNING
    )
    try:
        snapshot, version_number, published_at = _source(report)
        sources = report_sources(report)
        with translation.override(report.language):
            rendered = render(
                layout.report_build(
                    snapshot,
                    report.period_id,
                    is_draft=report.is_draft,
                    generated_at=timezone.now(),
                    version=version_number,
                    published_at=published_at,
                    sources=sources,
                ),
                report.format,
            )
        report.file.save(rendered.filename, ContentFile(rendered.content), save=False)
    except Exception as error:
        logger.exception("Report %s could not be made", report.pk)
        report.status = GeneratedReport.Status.FAILED
        report.error = f"{type(error).__name__}: {error}"[:1000]
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "error", "finished_at"])
        return report
    report.filename = rendered.filename
    report.status = GeneratedReport.Status.READY
    report.error = ""
    report.finished_at = timezone.now()
    report.save(update_fields=["file", "filename", "status", "error", "finished_at"])
    # Whenever a report is made, what is no longer needed goes, so that an
    # installation nobody runs `loften reports_prune` on still stays tidy.
    report_prune(exclude_id=report.pk)
    return report


def report_interrupted(*, report_id: str) -> None:
    """Mark a report failed whose rendering was interrupted twice by a worker
    that stopped; asking for it again starts it anew."""
    GeneratedReport.objects.filter(
        pk=report_id,
        status__in=[GeneratedReport.Status.PENDING, GeneratedReport.Status.RUNNING],
    ).update(
        status=GeneratedReport.Status.FAILED,
        error="WorkerLost: the background worker stopped while making the report",
        finished_at=timezone.now(),
    )


def report_prune(
    *,
    kept_for: datetime.timedelta = DRAFT_KEPT_FOR,
    now: datetime.datetime | None = None,
    exclude_id=None,
) -> dict[str, int]:
    """Delete draft reports older than `kept_for`, and the published reports of
    promises no longer published (withdrawn), with their files. The reports of
    older versions of a published promise are kept: each version keeps the
    reports it was published with. Returns how many of each were deleted."""
    now = now or timezone.now()
    drafts = GeneratedReport.objects.filter(
        kind=GeneratedReport.Kind.DRAFT, created_at__lt=now - kept_for
    )
    replaced = GeneratedReport.objects.filter(
        kind=GeneratedReport.Kind.PUBLISHED
    ).exclude(promise_id__in=PublishedPromise.objects.values("id"))
    counts = {}
    for name, queryset in (("drafts", drafts), ("replaced", replaced)):
        old = list(queryset.exclude(pk=exclude_id)) if exclude_id else list(queryset)
        report_delete_many(reports=old)
        counts[name] = len(old)
    return counts


def report_delete_many(*, reports: list[GeneratedReport]) -> None:
    """Delete stored reports; their files go with them (see signals.py)."""
    for old in reports:
        old.delete()


def action_plan_make(*, promise: Promise, actor: User) -> tuple[str, bytes]:
    """The action plan of the promise's municipality as a Word file, from the
    working copies of the promises it covers (`selectors.action_plan_promises`):
    (file name, content). Made on request and not stored: it is a working
    document that the council's secretary edits further."""
    from .action_plan import action_plan_build
    from .renderers.action_plan import render_action_plan
    from .selectors import action_plan_promises
    from .wording import version_label

    if not can_make_action_plan(user=actor, promise=promise):
        raise PermissionDenied(_("Only editors may make the action plan."))
    promises = action_plan_promises(promise=promise, user=actor)
    snapshots, statuses = [], []
    for each in promises:
        snapshots.append(promise_snapshot_build(promise=each))
        latest = each.versions.order_by("-number").first()
        published = latest is not None and each.status == Promise.Status.PUBLISHED
        statuses.append(
            version_label(is_draft=not published, version=latest.number)
            if published
            else _("Draft, not published")
        )
    first = snapshots[0]["promise"].get("municipalities") or [
        {"code": "", "name": promise.title}
    ]
    plan = action_plan_build(
        municipality=first[0],
        snapshots=snapshots,
        statuses=statuses,
        generated_at=timezone.now(),
    )
    return plan.filename, render_action_plan(plan)
