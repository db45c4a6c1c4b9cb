"""Forms for the plan: the promise, its parts and its activities."""

import datetime
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loften.core import limits
from loften.core.models import User
from loften.core.text import shorten
from loften.geography.models import Municipality, PoliceArea
from loften.organisations.models import Membership, Organisation
from loften.organisations.names import split_names
from loften.organisations.selectors import organisation_list_for_user
from loften.promises.models import (
    Activity,
    Cadence,
    Commitment,
    Comparator,
    Contact,
    FocusArea,
    Indicator,
    Promise,
    SituationSource,
    TargetScope,
)
from loften.promises.rules import activity_problems
from loften.promises.selectors import focus_area_choices, promise_fingerprint
from loften.publication.snapshot import activity_subject_changes

from .common import (
    DATE_INPUT,
    MAX_CHECKBOXES,
    ConflictMixin,
    DecimalField,
    check_dates,
    live_checks,
)

# --- The promise ----------------------------------------------------------------------


class PromiseCreateForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=250,
        help_text=gettext_lazy("E.g. Medborgarlöfte Nässjö 2027."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Municipalities"),
        queryset=Municipality.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    police_area = forms.ModelChoiceField(
        label=gettext_lazy("Police area"),
        queryset=PoliceArea.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Leave empty if the municipality makes the promise alone."
        ),
    )
    start_date = forms.DateField(label=gettext_lazy("Start date"), widget=DATE_INPUT)
    end_date = forms.DateField(label=gettext_lazy("End date"), widget=DATE_INPUT)
    cadence = forms.ChoiceField(
        label=gettext_lazy("Follow-up cadence"),
        choices=Cadence.choices,
        initial=Cadence.TERTIAL,
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities, police_areas = self._places_for(user)
        self.fields["municipalities"].queryset = municipalities
        self.fields["police_area"].queryset = police_areas
        if municipalities.count() > MAX_CHECKBOXES:
            self.fields["municipalities"].widget = forms.SelectMultiple(
                attrs={"size": 10}
            )
        elif municipalities.count() == 1:
            self.fields["municipalities"].initial = list(municipalities)
        if police_areas.count() == 1:
            self.fields["police_area"].initial = police_areas.get()
        year = timezone.localdate().year + 1
        self.fields["start_date"].initial = datetime.date(year, 1, 1)
        self.fields["end_date"].initial = datetime.date(year, 12, 31)

    @staticmethod
    def _places_for(user: User):
        if user.is_superuser:
            return (
                Municipality.objects.order_by("name"),
                PoliceArea.objects.order_by("name"),
            )
        organisations = organisation_list_for_user(
            user=user, min_role=Membership.Role.EDITOR
        )
        own_municipalities = organisations.filter(
            kind=Organisation.Kind.MUNICIPALITY
        ).values("municipality_id")
        own_areas = organisations.filter(kind=Organisation.Kind.POLICE_AREA).values(
            "police_area_id"
        )
        municipalities = Municipality.objects.filter(
            Q(pk__in=own_municipalities) | Q(police_areas__in=own_areas)
        ).distinct()
        areas = PoliceArea.objects.filter(
            Q(pk__in=own_areas) | Q(municipalities__in=own_municipalities)
        ).distinct()
        return municipalities.order_by("name"), areas.order_by("name")

    def clean(self):
        cleaned = super().clean()
        check_dates(self)
        return cleaned


class FingerprintForm(ConflictMixin, forms.Form):
    """A form over some of the promise's own fields, refusing stale saves."""

    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)
    prose_fields: tuple[str, ...] = ()

    def __init__(self, *args, promise: Promise, **kwargs):
        initial = {name: getattr(promise, name) for name in self.promise_fields()}
        initial["fingerprint"] = promise_fingerprint(
            promise=promise, fields=self.promise_fields()
        )
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.conflict_fields = tuple(self.promise_fields())
        live_checks(self, *self.prose_fields)

    def promise_fields(self) -> list[str]:
        return [name for name in self.base_fields if name != "fingerprint"]

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.promise_fields()}


class PromiseDetailsForm(FingerprintForm):
    anchor = "details"
    prose_fields = ("followup_plan",)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    start_date = forms.DateField(label=gettext_lazy("Start date"), widget=DATE_INPUT)
    end_date = forms.DateField(label=gettext_lazy("End date"), widget=DATE_INPUT)
    cadence = forms.ChoiceField(
        label=gettext_lazy("Follow-up cadence"), choices=Cadence.choices
    )
    followup_plan = forms.CharField(
        label=gettext_lazy("Follow-up plan"),
        required=False,
        max_length=limits.FOLLOWUP,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "How often, who reports to whom, and which effect measures are used."
        ),
    )
    signing_date = forms.DateField(
        label=gettext_lazy("Signing date"), required=False, widget=DATE_INPUT
    )

    def clean(self):
        cleaned = super().clean()
        check_dates(self)
        return cleaned


class SituationForm(FingerprintForm):
    anchor = "situation"
    prose_fields = ("situation_summary",)
    situation_summary = forms.CharField(
        label=gettext_lazy("Situational picture (lägesbild)"),
        required=False,
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "The problems found, in brief and in plain language. It is published "
            "with the promise."
        ),
    )


class RenewForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    start_date = forms.DateField(label=gettext_lazy("Start date"), widget=DATE_INPUT)
    end_date = forms.DateField(label=gettext_lazy("End date"), widget=DATE_INPUT)

    def clean(self):
        cleaned = super().clean()
        check_dates(self)
        return cleaned


# --- Parts of the plan ---------------------------------------------------------------


class SituationSourceForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of source"), choices=SituationSource.Kind.choices
    )
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250)
    year = forms.IntegerField(
        label=gettext_lazy("Year"), required=False, min_value=1990, max_value=2100
    )
    url = forms.URLField(
        label=gettext_lazy("Link"), required=False, assume_scheme="https"
    )
    note = forms.CharField(
        label=gettext_lazy("What it showed"),
        required=False,
        max_length=limits.DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        live_checks(self, "note")


class CommitmentForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Commitment"),
        max_length=limits.COMMITMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "One promise statement, e.g. “Vi ska arbeta för en drogfri miljö för "
            "barn och ungdomar.”"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        live_checks(self, "text")


class SignatoryForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=200,
        help_text=gettext_lazy("E.g. Kommunstyrelsens ordförande."),
    )
    organisation = forms.CharField(label=gettext_lazy("Organisation"), max_length=200)


class ContactForm(forms.Form):
    """A named contact person of the promise, shown on the public page."""

    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of contact"), choices=Contact.Kind.choices
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=limits.CONTACT)
    role = forms.CharField(
        label=gettext_lazy("Role"),
        max_length=limits.CONTACT,
        help_text=gettext_lazy("E.g. Kommunpolis, Nässjö or Trygghetssamordnare."),
    )
    route = forms.CharField(
        label=gettext_lazy("How the public reaches them"),
        max_length=limits.CONTACT,
        help_text=gettext_lazy(
            "A work e-mail address, a switchboard number or a web page. It is "
            "published: never a private number."
        ),
    )


class IndicatorForm(forms.Form):
    """An effect measure followed over the years, e.g. from the trygghetsmätning."""

    name = forms.CharField(
        label=gettext_lazy("Effect measure"),
        max_length=250,
        help_text=gettext_lazy(
            "E.g. “Andel som känner sig otrygga i centrum på kvällen”."
        ),
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        required=False,
        max_length=limits.DESCRIPTION,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("How it is measured, and what it says."),
    )
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=250,
        help_text=gettext_lazy(
            "E.g. the police's trygghetsmätning, NTU, reported crime."
        ),
    )
    unit = forms.CharField(
        label=gettext_lazy("Unit"),
        max_length=60,
        help_text=gettext_lazy("E.g. %, antal."),
    )
    direction = forms.ChoiceField(
        label=gettext_lazy("Desired direction"), choices=Indicator.Direction.choices
    )
    focus_area = forms.ModelChoiceField(
        label=gettext_lazy("Focus area"),
        queryset=FocusArea.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        live_checks(self, "description")
        areas = focus_area_choices()
        current = self.initial.get("focus_area")
        if current is not None:
            areas = FocusArea.objects.filter(
                Q(pk__in=areas.values("pk")) | Q(pk=getattr(current, "pk", current))
            ).order_by("order", "name")
        self.fields["focus_area"].queryset = areas


class IndicatorValueForm(forms.Form):
    """The measured value of an indicator for one year; a year that has a value
    already gets the new one."""

    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=1990, max_value=2100
    )
    value = DecimalField(
        label=gettext_lazy("Value"),
        max_digits=12,
        decimal_places=2,
        min_value=-limits.INDICATOR_VALUE,
        max_value=limits.INDICATOR_VALUE,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        help_text=gettext_lazy("A number, e.g. 23,5."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=250,
        help_text=gettext_lazy("E.g. a changed question, or a small sample."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        live_checks(self, "note")


class RemovalReasonForm(forms.Form):
    """The public reason for removing a published activity."""

    change_reason = forms.CharField(
        label=gettext_lazy("Why is the activity removed?"),
        max_length=limits.CHANGE_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "The activity is published, so the removal is shown publicly with "
            "this reason."
        ),
        error_messages={
            "required": gettext_lazy(
                "Say briefly why the published activity is removed."
            )
        },
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])

    @property
    def offset(self) -> int:
        return -1 if self.cleaned_data["direction"] == "up" else 1


# --- Activities -----------------------------------------------------------------------


class ActivityForm(ConflictMixin, forms.Form):
    conflict_fields = (
        "text",
        "focus_area",
        "commitment",
        "responsible_police",
        "responsible_municipality",
        "partners",
        "target_comparator",
        "target_value",
        "target_unit",
        "target_scope",
        "place",
    )

    text = forms.CharField(
        label=gettext_lazy("Activity"),
        max_length=limits.ACTIVITY,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "What will be done, e.g. “Genomföra trygghetsvandringar i centrum”."
        ),
    )
    focus_area = forms.ModelChoiceField(
        label=gettext_lazy("Focus area"),
        queryset=FocusArea.objects.none(),
        required=False,
    )
    new_focus_area = forms.CharField(
        label=gettext_lazy("Or a new focus area"),
        required=False,
        max_length=100,
        help_text=gettext_lazy(
            "Only if none in the list fits. It is added to the list that every "
            "promise shares."
        ),
    )
    commitment = forms.ModelChoiceField(
        label=gettext_lazy("Commitment it carries out"),
        queryset=Commitment.objects.none(),
        required=False,
    )
    responsible_police = forms.BooleanField(
        label=gettext_lazy("The police are responsible"), required=False
    )
    responsible_municipality = forms.BooleanField(
        label=gettext_lazy("The municipality is responsible"), required=False
    )
    partners = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Other responsible partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    new_partners = forms.CharField(
        label=gettext_lazy("Partners not in the list"),
        required=False,
        max_length=400,
        help_text=gettext_lazy(
            "Names separated by commas, e.g. “Bostadsbolaget, Nattvandrarna”. "
            "Each is registered as a partner in the municipality."
        ),
    )
    target_comparator = forms.ChoiceField(
        label=gettext_lazy("Target"),
        choices=[("", gettext_lazy("No numeric target")), *Comparator.choices],
        required=False,
    )
    target_value = forms.IntegerField(
        label=gettext_lazy("Number"),
        required=False,
        min_value=0,
        max_value=limits.COUNT,
    )
    target_unit = forms.CharField(
        label=gettext_lazy("What is counted"),
        required=False,
        max_length=120,
        help_text=gettext_lazy("E.g. trygghetsvandringar or trafikkontroller."),
    )
    target_scope = forms.ChoiceField(
        label=gettext_lazy("The target applies"),
        choices=TargetScope.choices,
        initial=TargetScope.PER_YEAR,
    )
    place = forms.CharField(
        label=gettext_lazy("Place"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("E.g. resecentrum or a school; leave empty if none."),
    )
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=limits.VERSION
    )

    def __init__(
        self,
        *args,
        promise: Promise,
        activity: Activity | None = None,
        published: dict[str, Any] | None = None,
        **kwargs,
    ):
        if activity is not None:
            kwargs.setdefault("initial", self.initial_for(activity))
        super().__init__(*args, **kwargs)
        live_checks(self, "text")
        # The published target, text and responsible parties: changing any of
        # them asks for a public reason.
        self.published = published
        self.changed_subjects: list[str] = []
        if published is not None:
            self.fields["change_reason"] = forms.CharField(
                label=_("Why does this change?"),
                required=False,
                max_length=limits.CHANGE_REASON,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_(
                    "Needed when you change the target, the text or who is "
                    "responsible. It is published with the change, e.g. “Fler "
                    "kontroller efter medborgardialogen i september”."
                ),
            )
            # Required only for some changes: not marked "(optional)".
            self.fields["change_reason"].conditional = True
        areas = focus_area_choices(promise=promise)
        if activity is not None and activity.focus_area_id:
            areas = FocusArea.objects.filter(
                Q(pk__in=areas.values("pk")) | Q(pk=activity.focus_area_id)
            ).order_by("order", "name")
        self.fields["focus_area"].queryset = areas
        self.fields["commitment"].queryset = promise.commitments.order_by("order", "id")
        self.fields["commitment"].label_from_instance = lambda c: shorten(c.text)
        local = Q(municipality__isnull=True) | Q(
            municipality__in=promise.municipalities.all()
        )
        if activity is not None:
            local |= Q(activities=activity)
        self.fields["partners"].queryset = (
            Organisation.objects.filter(Q(kind=Organisation.Kind.PARTNER) & local)
            .distinct()
            .order_by("name")
        )

    @staticmethod
    def initial_for(activity: Activity) -> dict[str, Any]:
        return {
            "text": activity.text,
            "focus_area": activity.focus_area_id,
            "commitment": activity.commitment_id,
            "responsible_police": activity.responsible_police,
            "responsible_municipality": activity.responsible_municipality,
            "partners": list(activity.partners.all()),
            "target_comparator": activity.target_comparator,
            "target_value": activity.target_value,
            "target_unit": activity.target_unit,
            "target_scope": activity.target_scope,
            "place": activity.place,
            "version": activity.version,
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("focus_area") and cleaned.get("new_focus_area", "").strip():
            self.add_error(
                "new_focus_area",
                _("Choose a focus area from the list or name a new one, not both."),
            )
        problems = activity_problems(
            responsible_police=bool(cleaned.get("responsible_police")),
            responsible_municipality=bool(cleaned.get("responsible_municipality")),
            partner_count=len(cleaned.get("partners") or [])
            + len(self.new_partner_names()),
            target_comparator=cleaned.get("target_comparator") or "",
            target_value=cleaned.get("target_value"),
            target_unit=cleaned.get("target_unit") or "",
        )
        for field, messages in problems.items():
            if field in self.errors:
                continue  # the field's own error (not a number) says enough
            for message in messages:
                self.add_error(field, message)
        if self.published is not None and not self.errors:
            self.changed_subjects = [
                subject
                for subject, _old, _new in activity_subject_changes(
                    self.published, self.published_form()
                )
            ]
            if self.changed_subjects and not cleaned.get("change_reason", "").strip():
                self.add_error(
                    "change_reason",
                    _(
                        "Say briefly why the published activity changes; the "
                        "reason is shown publicly with the change."
                    ),
                )
        return cleaned

    def published_form(self) -> dict[str, Any]:
        """The target, text and responsible parties typed, in the form the
        published values have."""
        cleaned = self.cleaned_data
        value = cleaned.get("target_value")
        partners = [p.name for p in cleaned.get("partners") or []]
        return {
            "text": (cleaned.get("text") or "").strip(),
            "responsible_police": bool(cleaned.get("responsible_police")),
            "responsible_municipality": bool(cleaned.get("responsible_municipality")),
            "partners": sorted({*partners, *self.new_partner_names()}),
            "target": None
            if value is None
            else {
                "comparator": cleaned.get("target_comparator") or "",
                "value": value,
                "unit": (cleaned.get("target_unit") or "").strip(),
                "scope": cleaned.get("target_scope") or "",
            },
        }

    def new_partner_names(self) -> list[str]:
        """The partners typed in, each once, in the order given."""
        return split_names(self.cleaned_data.get("new_partners", ""))

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        for name in (
            "version",
            "partners",
            "new_focus_area",
            "new_partners",
            "change_reason",
        ):
            data.pop(name, None)
        if data["target_value"] is None:
            data["target_comparator"] = ""
        return data
