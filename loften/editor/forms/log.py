"""Forms for the activity log."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loften.core import limits
from loften.core.text import shorten
from loften.promises.models import Activity

from ..selectors import activity_choices_by_promise
from .common import DATE_INPUT, DecimalField

# --- The activity log ----------------------------------------------------------------


class ActivityEventForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Date"), widget=DATE_INPUT)
    quantity = forms.IntegerField(
        label=gettext_lazy("How many"),
        min_value=0,
        max_value=limits.DAY_COUNT,
        initial=1,
        help_text=gettext_lazy("E.g. 1 safety walk, or 3 traffic checks that day."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    hours = DecimalField(
        label=gettext_lazy("Hours"),
        required=False,
        min_value=0,
        max_value=limits.DAY_HOURS,
        max_digits=6,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    place = forms.CharField(label=gettext_lazy("Place"), required=False, max_length=200)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Not published. Do not write names of private persons."),
    )

    def __init__(self, *args, activity: Activity | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        if activity is not None:
            self.fields["place"].initial = activity.place

    def values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("date", "quantity", "hours", "place", "note")
        }


class QuickLogForm(ActivityEventForm):
    """Log an occurrence of any activity the user may log, from one page."""

    field_order = ["activity", "date", "quantity", "hours", "place", "note"]

    activity = forms.TypedChoiceField(
        label=gettext_lazy("Activity"), coerce=int, empty_value=None
    )

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = {activity.pk: activity for activity in activities}
        self.fields["activity"].choices = [
            ("", _("Choose an activity")),
            *[
                (
                    promise.title,
                    [(activity.pk, shorten(activity.text)) for activity in items],
                )
                for promise, items in activity_choices_by_promise(activities)
            ],
        ]

    def clean_activity(self) -> Activity:
        activity = self.activities.get(self.cleaned_data["activity"])
        if activity is None:
            raise forms.ValidationError(_("Choose an activity from the list."))
        return activity
