"""What the editors' forms share: comparing versions, live text checks, dates
and decimal commas."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext as _

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Many checkboxes are hard to use; past this many choices a list box is shown.
MAX_CHECKBOXES = 20


def display(value: Any) -> str:
    """A value as it is shown when two versions are compared."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if hasattr(value, "all"):
        value = list(value.all())
    if isinstance(value, list | tuple):
        return ", ".join(sorted(str(item) for item in value)) or "–"
    return str(value)


class ConflictMixin:
    """Compares what the user typed with what someone else saved meanwhile."""

    conflict_fields: tuple[str, ...] = ()
    # Set by the view when a save was refused as stale.
    conflict: list[dict[str, str]] | None = None
    conflict_message = ""

    def differences_from(self, current: Any) -> list[dict[str, str]]:
        """[{label, theirs, yours}] for each field where the saved version and the
        user's input differ."""
        rows = []
        for name in self.conflict_fields:
            field = self.fields[name]
            theirs = getattr(current, name, None)
            yours = self.cleaned_data.get(name)
            if type(field) is forms.ChoiceField:
                labels = {str(value): label for value, label in field.choices}
                theirs = labels.get(str(theirs or ""), theirs)
                yours = labels.get(str(yours or ""), yours)
            theirs, yours = display(theirs), display(yours)
            if theirs != yours:
                rows.append(
                    {
                        "label": self.fields[name].label,
                        "theirs": theirs,
                        "yours": yours,
                        "name": name,
                    }
                )
        return rows


def live_checks(form: forms.Form, *names: str) -> None:
    """Let htmx show the text checks of these fields while they are typed."""
    for name in names:
        bound = form[name]
        form.fields[name].widget.attrs.update(
            {
                "hx-post": f"{reverse('editor:text_check')}?field={bound.html_name}",
                "hx-trigger": "input changed delay:700ms",
                "hx-target": f"#{bound.auto_id}-checks",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )


class DecimalField(forms.DecimalField):
    """Takes "2,5" as well as "2.5": Swedes write a decimal comma."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".").replace(" ", "")
        return super().to_python(value)


def check_dates(form: forms.Form, start: str = "start_date", end: str = "end_date"):
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and first > last:
        form.add_error(end, _("The end date must not be before the start date."))
