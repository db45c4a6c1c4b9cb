"""Background work: rendering reports too large to make while the user waits."""

from django_tasks import task

from .models import GeneratedReport


@task()
def generate_report(report_id: str) -> str:
    """Render a queued report; returns its status."""
    report = GeneratedReport.objects.filter(pk=report_id).first()
    if report is None or report.status == GeneratedReport.Status.READY:
        return "gone" if report is None else report.status
    from .services import report_render

    return report_render(report=report).status
