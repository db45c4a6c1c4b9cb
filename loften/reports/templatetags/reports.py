from django import template

from ..renderers import FORMATS

register = template.Library()


@register.inclusion_tag("reports/components/draft_report_links.html")
def draft_report_links(promise_id: int, period_id: int) -> dict:
    """Links to the draft follow-up report of one period in every format, for
    editors: `{% load reports %}{% draft_report_links promise.pk period.pk %}`."""
    return {"promise_id": promise_id, "period_id": period_id, "formats": FORMATS}
