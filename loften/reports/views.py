from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from loften.followups.models import ReportingPeriod

from .models import GeneratedReport
from .permissions import (
    access_generated_report,
    access_promise_for_action_plan,
    access_promise_for_draft_report,
)
from .renderers import CONTENT_TYPES, FORMATS
from .selectors import published_report_version, published_report_version_number
from .services import action_plan_make, report_draft_obtain, report_published_obtain
from .wording import period_heading


def _language() -> str:
    return (get_language() or "sv").split("-")[0]


def _period(period_id: int) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod, pk=period_id)


@require_safe
def published_report(request, promise_id: int, period_id: int, fmt: str):
    """The published follow-up report of a promise for a period, in `fmt`."""
    if fmt not in FORMATS:
        raise Http404
    version = published_report_version(promise_id=promise_id, period_id=period_id)
    if version is None:
        raise Http404
    report = report_published_obtain(
        version=version, period=_period(period_id), fmt=fmt, language=_language()
    )
    return _deliver(report)


@require_safe
def version_report(request, promise_id: int, number: int, period_id: int, fmt: str):
    """The follow-up report for a period as published in version `number`: a
    newer version adds reports and never replaces these."""
    if fmt not in FORMATS:
        raise Http404
    version = published_report_version_number(
        promise_id=promise_id, number=number, period_id=period_id
    )
    if version is None:
        raise Http404
    report = report_published_obtain(
        version=version, period=_period(period_id), fmt=fmt, language=_language()
    )
    return _deliver(report)


@login_required
@require_safe
def draft_report(request, promise_id: int, period_id: int, fmt: str):
    """A draft report of the working copy, for those who may read it."""
    if fmt not in FORMATS:
        raise Http404
    promise = access_promise_for_draft_report(user=request.user, promise_id=promise_id)
    try:
        report = report_draft_obtain(
            promise=promise,
            period=_period(period_id),
            fmt=fmt,
            language=_language(),
            actor=request.user,
        )
    except ValidationError:
        raise Http404 from None  # the promise does not report on that period
    return _deliver(report)


def _deliver(report: GeneratedReport):
    if not report.is_ready:
        return redirect("reports:report_status", report_id=report.pk, permanent=False)
    response = FileResponse(
        report.file.open("rb"),
        as_attachment=report.format != GeneratedReport.Format.PDF,
        filename=report.filename,
        content_type=CONTENT_TYPES[report.format],
    )
    if report.is_draft:
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    else:
        # The current report's address shows the next publication's file; a
        # version's own address always the same one.
        response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def report_status(request, report_id):
    """Whether a report being made in the background is ready, with its link."""
    report = access_generated_report(user=request.user, report_id=report_id)
    snapshot = report.source if report.is_draft else report.version.snapshot
    period = report.period
    arguments = {
        "promise_id": report.promise_id,
        "period_id": period.pk,
        "fmt": report.format,
    }
    if report.is_draft:
        retry_url = reverse("reports:draft_report", kwargs=arguments)
    else:
        # A version's own report is asked for again at that version's address.
        retry_url = reverse(
            "reports:version_report",
            kwargs={**arguments, "number": report.version.number},
        )
    context = {
        "report": report,
        "promise_title": snapshot["promise"]["title"],
        "period_heading": period_heading(period.kind, period.number, period.year),
        "retry_url": retry_url,
    }
    template = "reports/report_status.html"
    if request.headers.get("HX-Request"):
        template += "#status"
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def report_download(request, report_id):
    report = access_generated_report(user=request.user, report_id=report_id)
    return _deliver(report)


@login_required
@require_safe
def action_plan(request, promise_id: int):
    """The municipality's action plan under lag (2023:196), as Word, for editors."""
    promise = access_promise_for_action_plan(user=request.user, promise_id=promise_id)
    filename, content = action_plan_make(promise=promise, actor=request.user)
    response = HttpResponse(content, content_type=CONTENT_TYPES["docx"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
