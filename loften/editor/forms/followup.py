"""The form of one activity on a period's follow-up screen."""

import hashlib
import json
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loften.core import limits
from loften.followups.models import FollowUp, FollowUpStatus

from ..selectors import SheetRow
from .common import ConflictMixin, DecimalField, live_checks

# --- Follow-ups -----------------------------------------------------------------------


def followup_fingerprint(values: dict[str, Any]) -> str:
    """A digest of a follow-up's values, to tell an untouched row from an edited one."""
    status = values.get("status")
    hours = values.get("hours")
    normal = {
        "status": getattr(status, "pk", status),
        "text": (values.get("text") or "").replace("\r\n", "\n").strip(),
        "quantity": values.get("quantity"),
        "quantity_note": (values.get("quantity_note") or "").strip(),
        "hours": None if hours is None else format(Decimal(hours).normalize(), "f"),
    }
    digest = hashlib.sha256(json.dumps(normal, sort_keys=True).encode())
    return digest.hexdigest()[:16]


class FollowUpRowForm(ConflictMixin, forms.Form):
    """The follow-up of one activity on the period's follow-up screen."""

    conflict_fields = ("status", "text", "quantity", "quantity_note", "hours")

    # Choices, not a ModelChoiceField: a sheet has a status list per activity,
    # and the statuses are read once for all of them.
    status = forms.TypedChoiceField(
        label=gettext_lazy("Status"), coerce=int, empty_value=None, required=False
    )
    text = forms.CharField(
        label=gettext_lazy("What was done"),
        required=False,
        max_length=limits.FOLLOWUP,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    quantity = forms.IntegerField(
        label=gettext_lazy("Quantity achieved"),
        required=False,
        min_value=0,
        max_value=limits.COUNT,
    )
    quantity_note = forms.CharField(
        label=gettext_lazy("Why the quantity differs from the log"),
        required=False,
        max_length=300,
    )
    hours = DecimalField(
        label=gettext_lazy("Hours"),
        required=False,
        min_value=0,
        max_value=limits.HOURS,
        max_digits=8,
        decimal_places=1,
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=limits.VERSION
    )
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        row: SheetRow,
        statuses: list[FollowUpStatus],
        submitting: bool = False,
        **kwargs,
    ):
        initial = dict(row.initial)
        initial["original"] = followup_fingerprint(row.initial)
        kwargs.setdefault("initial", initial)
        kwargs.setdefault("prefix", f"a{row.activity.pk}")
        super().__init__(*args, **kwargs)
        self.row = row
        self.submitting = submitting
        self.statuses = {status.pk: status for status in statuses}
        self.fields["status"].choices = [
            ("", _("Choose a status")),
            *[(status.pk, status.name) for status in statuses],
        ]
        live_checks(self, "text")

    def clean_status(self) -> FollowUpStatus | None:
        chosen = self.cleaned_data["status"]
        return None if chosen is None else self.statuses[chosen]

    def clean(self):
        cleaned = super().clean()
        quantity = cleaned.get("quantity")
        row = self.row
        # A row nobody touched keeps what was saved, even if more was logged
        # since; only a quantity someone enters now must agree with the log.
        if (
            self.touched
            and quantity is not None
            and row.logged_count
            and quantity != row.logged_quantity
            and not cleaned.get("quantity_note")
        ):
            self.add_error(
                "quantity_note",
                _("The log says %(logged)s. Say why the quantity is different.")
                % {"logged": row.logged_quantity},
            )
        if self.submitting and cleaned.get("status") is None:
            self.add_error("status", _("Choose a status before sending for approval."))
        return cleaned

    @property
    def touched(self) -> bool:
        """Whether the user changed anything from what the screen showed (a row
        that was not on the screen, for an activity added meanwhile, was not)."""
        if self.add_prefix("original") not in self.data:
            return False
        return followup_fingerprint(self.cleaned_data) != self.data.get(
            self.add_prefix("original")
        )

    def values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("status", "text", "quantity", "quantity_note", "hours")
        }


def rebased_data(form: forms.Form, **fields: Any):
    """The form's data with hidden fields moved on to the version now saved, so
    that saving again after merging goes through; what the user typed stays."""
    data = form.data.copy()
    for name, value in fields.items():
        data[form.add_prefix(name)] = "" if value is None else value
    return data


def followup_current_values(followup: FollowUp | None) -> dict[str, Any]:
    if followup is None:
        return {
            "status": None,
            "text": "",
            "quantity": None,
            "quantity_note": "",
            "hours": None,
        }
    return {
        "status": followup.status,
        "text": followup.text,
        "quantity": followup.quantity,
        "quantity_note": followup.quantity_note,
        "hours": followup.hours,
    }
