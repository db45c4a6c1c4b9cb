"""Template helpers of the editors' screens."""

from django import template
from django.utils.translation import gettext as _

from loften.core.text import unit_after as count_free_unit
from loften.publication import checks

from .. import diffs
from ..audit import action_label

register = template.Library()


@register.inclusion_tag("editor/components/text_checks.html")
def text_checks(text: str, prose: bool = True, field_id: str = ""):
    """The checks of one public text, shown beside it: what blocks publishing,
    what to look at, and its LIX."""
    check = checks.check_text(text or "", prose=prose)
    return {
        "check": check,
        "lix_warned": any(finding.code == "lix" for finding in check.findings),
        "field_id": field_id,
    }


@register.filter
def target(activity) -> str:
    """The activity's target as people write it, or an empty string."""
    return diffs.target_text(
        activity.target_comparator,
        activity.target_value,
        activity.target_unit,
        activity.target_scope,
    )


@register.filter
def responsible(activity) -> str:
    """Who is responsible for the activity, in words."""
    parties = []
    if activity.responsible_police:
        parties.append(_("the police"))
    if activity.responsible_municipality:
        parties.append(_("the municipality"))
    parties += [partner.name for partner in activity.partners.all()]
    text = ", ".join(parties)
    return text[:1].upper() + text[1:]


@register.filter
def unit_after(unit: str) -> str:
    """The unit to write after a figure, or "" when it only means "a number"."""
    return count_free_unit(unit)


@register.filter
def audit_action(action: str) -> str:
    return action_label(action)
