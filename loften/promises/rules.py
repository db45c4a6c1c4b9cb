"""The rules an activity's values must keep, whichever screen they come from.
Pure; no database.

`activity_problems` is the one rule set for who is responsible and for the
target: the activities service refuses what it finds, and the editor's activity
form and the importer's review form show the same messages on their fields.
"""

from django.utils.translation import gettext as _


def activity_problems(
    *,
    responsible_police: bool,
    responsible_municipality: bool,
    partner_count: int,
    target_comparator: str,
    target_value: int | None,
    target_unit: str = "",
) -> dict[str, list[str]]:
    """What is wrong with these values of an activity, as {field name: messages};
    empty when nothing is. `partner_count` counts the other partners named, chosen
    or typed. A form can call it with its cleaned values:

        for field, messages in activity_problems(...).items():
            for message in messages:
                form.add_error(field, message)
    """
    problems: dict[str, list[str]] = {}
    if not (responsible_police or responsible_municipality or partner_count):
        problems["responsible_police"] = [
            _("Name who is responsible: the police, the municipality or a partner.")
        ]
    if target_comparator and target_value is None:
        problems["target_value"] = [_("Give the number the target counts.")]
    elif target_value is not None and not target_comparator:
        problems["target_comparator"] = [
            _("Say whether the target is at least, at most or exactly.")
        ]
    elif target_unit.strip() and target_value is None:
        problems["target_value"] = [
            _("Give the number and the comparison, or no unit.")
        ]
    return problems
