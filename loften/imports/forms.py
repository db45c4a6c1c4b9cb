"""Forms for importing: the upload, and the review of a parsed document.

The review is one form for the promise, a formset of commitments, a formset of
activities and, per activity, a formset of its follow-ups. `ImportReview` holds
them together, checks what spans them and turns them into a `PromiseDraft`.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from loften.core import limits
from loften.followups.models import FollowUpStatus
from loften.organisations.models import Organisation
from loften.organisations.names import split_names
from loften.organisations.selectors import PartnerChoice, partner_resolve
from loften.promises.models import Cadence, Comparator, FocusArea, TargetScope
from loften.promises.rules import activity_problems

from . import mapping
from .drafts import ActivityDraft, FollowUpDraft, PromiseDraft
from .models import SOURCE_URL_MAX_LENGTH, ImportJob
from .parsing.text import excerpt
from .selectors import (
    active_focus_areas,
    import_draft_defaults,
    municipality_choices,
    police_area_choices,
)
from .services import (
    MAX_FILES_PER_UPLOAD,
    check_upload,
    one_document_per_address,
    source_url_clean,
)

ACCEPTED_TYPES = ".txt,.html,.htm,.pdf,.docx"
# What becomes of a note the document makes on an activity.
NOTE_TEXT, NOTE_ACTIVITY, NOTE_LEAVE_OUT = "text", "activity", "leave_out"
NOTE_CHOICES = [
    (NOTE_TEXT, _("Add it to the activity's text")),
    (NOTE_ACTIVITY, _("Make it an activity of its own")),
    (NOTE_LEAVE_OUT, _("Leave it out")),
]
NEW_FOCUS_AREA = "new"
PERIOD_CHOICES = [
    ("T1", _("Tertial 1")),
    ("T2", _("Tertial 2")),
    ("T3", _("Tertial 3")),
    ("Q1", _("Quarter 1")),
    ("Q2", _("Quarter 2")),
    ("Q3", _("Quarter 3")),
    ("Q4", _("Quarter 4")),
    ("year", _("Whole year")),
]


# --- Upload --------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """One or more files from one file input."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPTED_TYPES}))
        # Empty files get the importer's own message, with the file's name.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data or self.required else []


class UploadForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Import for"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("The draft promise will have this organisation as a party."),
    )
    files = MultipleFileField(
        label=_("Documents"),
        help_text=_(
            "Word (.docx), PDF, web pages (.html) or text (.txt); at most "
            "%(megabytes)s MB each and %(count)s files at a time. Choose several "
            "files to import them one by one."
        ),
        error_messages={"required": _("Choose at least one file.")},
    )
    source_url = forms.URLField(
        label=_("Source address (optional)"),
        required=False,
        max_length=SOURCE_URL_MAX_LENGTH,
        assume_scheme="https",
        help_text=_(
            "The web address the document was published at, for one file. When "
            "the text names no year, a date or year in the address is used."
        ),
        error_messages={
            "invalid": _(
                "Enter the web address the document was published at, starting "
                "with http:// or https://."
            ),
            "max_length": _(
                "The source address may be at most %(limit_value)s characters long."
            ),
        },
    )

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["files"].help_text = self.fields["files"].help_text % {
            "megabytes": settings.IMPORT_MAX_BYTES // (1024 * 1024),
            "count": MAX_FILES_PER_UPLOAD,
        }

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES_PER_UPLOAD:
            raise ValidationError(
                _("Upload at most %(count)s files at a time."),
                params={"count": MAX_FILES_PER_UPLOAD},
            )
        problems = []
        for upload in files:
            try:
                check_upload(name=upload.name, size=upload.size)
            except ValidationError as error:
                problems.extend(error.messages)
        if problems:
            raise ValidationError(problems)
        return files

    def clean_source_url(self):
        value = self.cleaned_data["source_url"]
        return source_url_clean(value) if value else ""

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("files") or []
        if cleaned.get("source_url") and len(files) > 1:
            self.add_error("source_url", one_document_per_address())
        return cleaned


# --- Review --------------------------------------------------------------------------


class PromiseReviewForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=None, empty_label=_("Choose …")
    )
    police_area = forms.ModelChoiceField(
        label=_("Police area"), queryset=None, required=False, empty_label="—"
    )
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    cadence = forms.ChoiceField(label=_("Follow-up cadence"), choices=Cadence.choices)
    situation_summary = forms.CharField(
        label=_("Situational picture (lägesbild)"),
        required=False,
        max_length=limits.SUMMARY,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    followup_plan = forms.CharField(
        label=_("Follow-up plan"),
        required=False,
        max_length=limits.FOLLOWUP,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, organisation: Organisation | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipality_choices(
            organisation=organisation
        )
        self.fields["police_area"].queryset = police_area_choices(
            organisation=organisation
        ).prefetch_related("municipalities")
        if organisation is not None and organisation.kind == "police_area":
            self.fields["police_area"].required = True
            self.fields["police_area"].empty_label = None

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and start > end:
            self.add_error("end_date", _("The end date must not be before the start."))
        area, place = data.get("police_area"), data.get("municipality")
        if area and place and place not in area.municipalities.all():
            self.add_error(
                "police_area",
                _("%(area)s does not cover %(place)s.")
                % {"area": area, "place": place},
            )
        return data


class CommitmentReviewForm(forms.Form):
    text = forms.CharField(
        label=_("Commitment"),
        required=False,
        max_length=limits.COMMITMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActivityReviewForm(forms.Form):
    text = forms.CharField(
        label=_("Activity"),
        max_length=limits.ACTIVITY,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    focus_area = forms.ChoiceField(label=_("Focus area"), required=False)
    new_focus_area = forms.CharField(required=False, widget=forms.HiddenInput)
    commitment = forms.TypedChoiceField(
        label=_("Commitment"), required=False, coerce=int, empty_value=None
    )
    responsible_police = forms.BooleanField(
        label=_("The police are responsible"), required=False
    )
    responsible_municipality = forms.BooleanField(
        label=_("The municipality is responsible"), required=False
    )
    partners = forms.CharField(
        label=_("Other responsible partners"),
        required=False,
        max_length=1000,
        help_text=_("Separate names with commas."),
    )
    target_comparator = forms.ChoiceField(
        label=_("At least, at most or exactly"),
        required=False,
        choices=[("", _("No target")), *Comparator.choices],
    )
    target_value = forms.IntegerField(
        label=_("Target value"),
        required=False,
        min_value=0,
        max_value=limits.COUNT,
    )
    target_unit = forms.CharField(
        label=_("Target unit"),
        required=False,
        max_length=120,
        help_text=_("What is counted, e.g. trafikkontroller."),
    )
    target_scope = forms.ChoiceField(
        label=_("The target applies"), choices=TargetScope.choices
    )

    def __init__(
        self,
        *args,
        focus_areas: list[FocusArea],
        commitments: list[str],
        new_focus_area: str | None = None,
        notes: list[str] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        # What the document also says about the activity: saving drops it unless
        # the editor keeps it in the text or makes an activity of it.
        self.notes = list(notes or [])
        for index, note in enumerate(self.notes):
            self.fields[f"note_{index}"] = forms.ChoiceField(
                label=note,
                choices=NOTE_CHOICES,
                initial=NOTE_TEXT,
                required=False,
                widget=forms.RadioSelect,
            )
        choices: list[tuple[str, str]] = [("", "—")]
        choices += [(str(area.pk), area.name) for area in focus_areas]
        name = self["new_focus_area"].value() or new_focus_area
        if name:
            choices.append(
                (
                    NEW_FOCUS_AREA,
                    _("Add “%(name)s” as a new focus area") % {"name": name},
                )
            )
        self.fields["focus_area"].choices = choices
        self.fields["commitment"].choices = [("", _("None"))] + [
            (str(index), f"{index + 1}. {excerpt(text, 70)}")
            for index, text in enumerate(commitments)
        ]

    def clean(self):
        data = super().clean()
        # The one rule set for activities, as the plan editor uses it.
        problems = activity_problems(
            responsible_police=bool(data.get("responsible_police")),
            responsible_municipality=bool(data.get("responsible_municipality")),
            partner_count=len(split_names(data.get("partners") or "")),
            target_comparator=data.get("target_comparator") or "",
            target_value=data.get("target_value"),
            target_unit=data.get("target_unit") or "",
        )
        for field, messages in problems.items():
            if field in self.errors:
                continue  # the field's own error (not a number) says enough
            for message in messages:
                self.add_error(field, message)
        if data.get("focus_area") == NEW_FOCUS_AREA and not data.get("new_focus_area"):
            self.add_error("focus_area", _("Choose a focus area from the list."))
        return data

    def note_fields(self) -> list[forms.BoundField]:
        return [self[f"note_{index}"] for index in range(len(self.notes))]

    def note_choices(self) -> list[tuple[str, str]]:
        """(note, what to do with it) for each note, as posted or proposed."""
        chosen = []
        for index, note in enumerate(self.notes):
            name = f"note_{index}"
            value = (
                self.cleaned_data.get(name)
                if hasattr(self, "cleaned_data")
                else self[name].value()
            )
            chosen.append((note, value or NOTE_TEXT))
        return chosen


class FollowUpReviewForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES)
    year = forms.IntegerField(
        label=pgettext_lazy("calendar year", "Year"),
        min_value=limits.FIRST_YEAR,
        max_value=limits.LAST_YEAR,
    )
    status = forms.ModelChoiceField(
        label=_("Status"), queryset=None, required=False, empty_label="—"
    )
    text = forms.CharField(
        label=_("Follow-up"),
        required=False,
        max_length=limits.FOLLOWUP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    quantity = forms.IntegerField(
        label=_("Quantity achieved"),
        required=False,
        min_value=0,
        max_value=limits.COUNT,
    )

    def __init__(
        self,
        *args,
        statuses: QuerySet[FollowUpStatus],
        status_choices: list | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["status"].queryset = statuses
        if status_choices is not None:
            # The same options for every follow-up, read once for the page.
            self.fields["status"].choices = status_choices


class _ActivityFormSet(forms.BaseFormSet):
    def __init__(self, *args, defaults: list[ActivityDraft], **kwargs):
        self.defaults = defaults
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.defaults):
            default = self.defaults[index]
            if default.focus_area is None and default.document_focus_area:
                kwargs["new_focus_area"] = default.document_focus_area
            kwargs["notes"] = default.notes
        elif index is not None:
            # An activity the reader missed: an empty row stays unchanged (and
            # left out) until the editor writes in it.
            kwargs["initial"] = {"target_scope": TargetScope.PER_YEAR}
        return kwargs


CommitmentFormSet = forms.formset_factory(
    CommitmentReviewForm, extra=1, can_delete=True
)
ActivityFormSet = forms.formset_factory(
    ActivityReviewForm,
    formset=_ActivityFormSet,
    extra=1,
    can_delete=True,
    can_delete_extra=False,
)
FollowUpFormSet = forms.formset_factory(FollowUpReviewForm, extra=0, can_delete=True)


@dataclass
class SummaryField:
    """One entry of the error summary: a field's id, a label that says where it
    is, and its errors."""

    id_for_label: str
    label: str
    errors: list[str]


class ReviewErrors:
    """All the review's errors in the shape components/error_summary.html reads."""

    def __init__(self, general: list[str], fields: list[SummaryField]):
        self.general = general
        self.fields = fields
        self.errors = bool(general or fields)

    def non_field_errors(self) -> list[str]:
        return self.general

    def __iter__(self):
        return iter(self.fields)


@dataclass
class FollowUpRow:
    form: FollowUpReviewForm
    default: FollowUpDraft | None


@dataclass
class ActivityRow:
    """What the template shows for one activity: its form, its follow-ups, what
    the document said, and what its partners will be."""

    number: int
    form: ActivityReviewForm
    followup_formset: Any  # FollowUpFormSet, for its management form
    followups: list[FollowUpRow]
    default: ActivityDraft | None
    partners: list[PartnerChoice]
    is_new: bool = False  # the empty row for an activity the reader missed


class ImportReview:
    """The whole review of one import: the forms, their checks and the draft."""

    def __init__(self, *, job: ImportJob, data=None):
        self.job = job
        self.defaults = import_draft_defaults(
            result=job.result, organisation=job.organisation
        )
        self.general_errors: list[str] = []
        defaults = self.defaults
        self.promise_form = PromiseReviewForm(
            data,
            prefix="promise",
            organisation=job.organisation,
            initial={
                "title": defaults.title,
                "municipality": defaults.municipality,
                "police_area": defaults.police_area,
                "start_date": defaults.start_date,
                "end_date": defaults.end_date,
                "cadence": defaults.cadence,
                "situation_summary": defaults.situation_summary,
                "followup_plan": defaults.followup_plan,
            },
        )
        self.commitments = CommitmentFormSet(
            data,
            prefix="commitments",
            initial=[{"text": text} for text in defaults.commitments],
        )
        focus_areas = active_focus_areas()
        self.focus_areas = {area.pk: area for area in focus_areas}
        self.activities = ActivityFormSet(
            data,
            prefix="activities",
            initial=[_activity_initial(a) for a in defaults.activities],
            defaults=defaults.activities,
            form_kwargs={
                "focus_areas": focus_areas,
                "commitments": defaults.commitments,
            },
        )
        statuses = FollowUpStatus.objects.filter(is_active=True).order_by(
            "order", "name"
        )
        status_choices = list(
            forms.ModelChoiceField(queryset=statuses, empty_label="—").choices
        )
        self.followups = []
        for index in range(self.activities.total_form_count()):
            default = (
                defaults.activities[index] if index < len(defaults.activities) else None
            )
            self.followups.append(
                FollowUpFormSet(
                    data,
                    prefix=f"activities-{index}-followups",
                    initial=[
                        _followup_initial(f)
                        for f in (default.followups if default else [])
                    ],
                    form_kwargs={
                        "statuses": statuses,
                        "status_choices": status_choices,
                    },
                )
            )

        self._label_forms()

    def _label_forms(self) -> None:
        for number, form in enumerate(self.commitments.forms, start=1):
            if number > self.commitments.initial_form_count():
                form.fields["text"].label = _("Add a commitment")
                form.fields["text"].help_text = _(
                    "If the document states a commitment that was not found."
                )
                continue
            form.fields["text"].label = _("Commitment %(number)s") % {"number": number}
            form.fields["DELETE"].label = _("Leave out this commitment")
        for number, form in enumerate(self.activities.forms, start=1):
            if number > self.activities.initial_form_count():
                form.fields["text"].label = _("Add an activity")
                form.fields["text"].help_text = _(
                    "If the document names an activity that was not found; fill in "
                    "who is responsible too. Follow-ups can be added in the editor."
                )
                continue
            form.fields["DELETE"].label = _("Leave out this activity")
        for formset in self.followups:
            for form in formset.forms:
                form.fields["DELETE"].label = _("Leave out this follow-up")

    # --- Validation ---

    def is_valid(self) -> bool:
        valid = [
            self.promise_form.is_valid(),
            self.commitments.is_valid(),
            self.activities.is_valid(),
            *[formset.is_valid() for formset in self.followups],
        ]
        if all(valid):
            self._check_across()
        return not self.errors().errors

    def _kept(self, formset) -> list[tuple[int, forms.Form]]:
        """The forms that are not left out: every initial one not marked, and any
        extra one that was filled in."""
        return [
            (index, form)
            for index, form in enumerate(formset.forms)
            if (index < formset.initial_form_count() or form.has_changed())
            and not _deleted(form)
        ]

    def _kept_commitments(self) -> dict[int, str]:
        return {
            index: form.cleaned_data["text"].strip()
            for index, form in self._kept(self.commitments)
            if form.cleaned_data.get("text", "").strip()
        }

    def _check_across(self) -> None:
        promise = self.promise_form.cleaned_data
        cadence = promise["cadence"]
        years = range(promise["start_date"].year, promise["end_date"].year + 1)
        kept_commitments = self._kept_commitments()
        for index, form in self._kept(self.activities):
            commitment = form.cleaned_data.get("commitment")
            if commitment is not None and commitment not in kept_commitments:
                form.add_error(
                    "commitment",
                    _("That commitment is left out; choose another or none."),
                )
            seen = set()
            for _index, followup in self._kept(self.followups[index]):
                period = followup.cleaned_data["period"]
                year = followup.cleaned_data["year"]
                if not mapping.period_fits_cadence(period, cadence):
                    followup.add_error(
                        "period",
                        _("The promise is not followed up per this kind of period."),
                    )
                elif (period, year) in seen:
                    followup.add_error(
                        "period",
                        _("The activity already has a follow-up for this period."),
                    )
                if year not in years:
                    followup.add_error(
                        "year", _("The year is outside the promise's period.")
                    )
                seen.add((period, year))

    def add_error(self, error: ValidationError) -> None:
        """Show an error from saving the draft."""
        if hasattr(error, "error_dict"):
            for field, errors in error.message_dict.items():
                if field in self.promise_form.fields:
                    self.promise_form.add_error(field, errors)
                else:
                    self.general_errors.extend(errors)
        else:
            self.general_errors.extend(error.messages)

    def errors(self) -> ReviewErrors:
        fields: list[SummaryField] = []
        general = list(self.general_errors)
        general += list(self.promise_form.non_field_errors())

        def collect(form, where: str) -> None:
            general.extend(
                f"{where}: {error}" if where else error
                for error in form.non_field_errors()
            )
            for field in form:
                if field.errors:
                    label = f"{where} – {field.label}" if where else field.label
                    fields.append(SummaryField(field.id_for_label, label, field.errors))

        collect_fields = [(self.promise_form, "")]
        for number, (_index, form) in enumerate(self._kept(self.commitments), 1):
            collect_fields.append(
                (form, _("Commitment %(number)s") % {"number": number})
            )
        for index, form in enumerate(self.activities.forms):
            if _deleted(form):
                continue
            where = _("Activity %(number)s") % {"number": index + 1}
            collect_fields.append((form, where))
            formset = self.followups[index]
            general.extend(f"{where}: {e}" for e in formset.non_form_errors())
            for number, (_i, followup) in enumerate(self._kept(formset), 1):
                collect_fields.append(
                    (
                        followup,
                        _("Activity %(activity)s, follow-up %(number)s")
                        % {"activity": index + 1, "number": number},
                    )
                )
        general.extend(self.commitments.non_form_errors())
        general.extend(self.activities.non_form_errors())
        for form, where in collect_fields:
            if form.is_bound:
                collect(form, where)
        return ReviewErrors(general, fields)

    # --- What the template shows ---

    def current_municipality(self):
        form = self.promise_form
        if form.is_bound:
            try:
                return form.fields["municipality"].clean(form["municipality"].value())
            except ValidationError:
                return None
        return self.defaults.municipality

    def rows(self) -> list[ActivityRow]:
        municipality = self.current_municipality()
        rows = []
        for index, form in enumerate(self.activities.forms):
            default = (
                self.defaults.activities[index]
                if index < len(self.defaults.activities)
                else None
            )
            names = split_names(form["partners"].value() or "")
            found = default.followups if default else []
            formset = self.followups[index]
            rows.append(
                ActivityRow(
                    number=index + 1,
                    form=form,
                    followup_formset=formset,
                    followups=[
                        FollowUpRow(
                            followup, found[number] if number < len(found) else None
                        )
                        for number, followup in enumerate(formset.forms)
                    ],
                    default=default,
                    partners=partner_resolve(names=names, municipality=municipality),
                    is_new=index >= self.activities.initial_form_count(),
                )
            )
        return rows

    def outcome(self, rows: list[ActivityRow]) -> dict[str, Any]:
        """What accepting would create, from the form as it stands."""

        initial = self.activities.initial_form_count()
        kept_rows = [
            row
            for index, row in enumerate(rows)
            if not _deleted(row.form)
            and (index < initial or (row.form.is_bound and row.form.has_changed()))
        ]
        note_activities = sum(
            1
            for row in kept_rows
            for _note, choice in row.form.note_choices()
            if choice == NOTE_ACTIVITY
        )
        new_partners = sorted(
            {
                choice.new_name
                for row in kept_rows
                for choice in row.partners
                if choice.organisation is None
            }
        )
        new_focus_areas = sorted(
            {
                row.form["new_focus_area"].value()
                for row in kept_rows
                if row.form["focus_area"].value() == NEW_FOCUS_AREA
                and row.form["new_focus_area"].value()
            }
        )
        return {
            "commitments": sum(
                1
                for form in self.commitments.forms
                if not _deleted(form) and (form["text"].value() or "").strip()
            ),
            "activities": len(kept_rows) + note_activities,
            "targets": sum(
                1
                for row in kept_rows
                if row.form["target_value"].value() not in (None, "")
            ),
            "followups": sum(
                1
                for row in kept_rows
                for followup in row.followups
                if not _deleted(followup.form)
            ),
            "new_partners": new_partners,
            "new_focus_areas": new_focus_areas,
        }

    # --- The draft ---

    def to_draft(self) -> PromiseDraft:
        """The corrected draft; call after is_valid()."""
        promise = self.promise_form.cleaned_data
        kept_commitments = self._kept_commitments()
        commitment_order = {index: n for n, index in enumerate(kept_commitments)}
        activities = []
        for index, form in self._kept(self.activities):
            data = form.cleaned_data
            focus_area_value = data.get("focus_area") or ""
            focus_area = None
            new_focus_area = ""
            if focus_area_value == NEW_FOCUS_AREA:
                new_focus_area = data["new_focus_area"]
            elif focus_area_value:
                focus_area = self.focus_areas[int(focus_area_value)]
            comparator = data.get("target_comparator") or ""
            choices = form.note_choices()
            activities.append(
                ActivityDraft(
                    text=data["text"],
                    notes=[note for note, choice in choices if choice == NOTE_TEXT],
                    focus_area=focus_area,
                    new_focus_area=new_focus_area,
                    commitment=commitment_order.get(data.get("commitment")),
                    responsible_police=data["responsible_police"],
                    responsible_municipality=data["responsible_municipality"],
                    partners=split_names(data.get("partners") or ""),
                    target_comparator=comparator,
                    target_value=data.get("target_value") if comparator else None,
                    target_unit=(data.get("target_unit") or "") if comparator else "",
                    target_scope=data["target_scope"],
                    followups=[
                        FollowUpDraft(
                            period=followup.cleaned_data["period"],
                            year=followup.cleaned_data["year"],
                            status=followup.cleaned_data.get("status"),
                            text=followup.cleaned_data.get("text") or "",
                            quantity=followup.cleaned_data.get("quantity"),
                        )
                        for _i, followup in self._kept(self.followups[index])
                    ],
                )
            )
            parent = activities[-1]
            for note, choice in choices:
                if choice == NOTE_ACTIVITY:
                    activities.append(
                        ActivityDraft(
                            text=note,
                            focus_area=parent.focus_area,
                            new_focus_area=parent.new_focus_area,
                            commitment=parent.commitment,
                            responsible_police=parent.responsible_police,
                            responsible_municipality=parent.responsible_municipality,
                            partners=list(parent.partners),
                        )
                    )
        return PromiseDraft(
            title=promise["title"],
            municipality=promise["municipality"],
            police_area=promise.get("police_area"),
            start_date=promise["start_date"],
            end_date=promise["end_date"],
            cadence=promise["cadence"],
            situation_summary=promise.get("situation_summary") or "",
            followup_plan=promise.get("followup_plan") or "",
            commitments=list(kept_commitments.values()),
            activities=activities,
        )


def _deleted(form: forms.Form) -> bool:
    """Whether the form's "leave out" box is ticked (bound or not)."""
    return "DELETE" in form.fields and bool(form["DELETE"].value())


def _activity_initial(activity: ActivityDraft) -> dict[str, Any]:
    focus_area = str(activity.focus_area.pk) if activity.focus_area else ""
    return {
        "text": activity.text,
        "focus_area": focus_area,
        "new_focus_area": (
            activity.document_focus_area if activity.focus_area is None else ""
        )
        or "",
        "commitment": activity.commitment,
        "responsible_police": activity.responsible_police,
        "responsible_municipality": activity.responsible_municipality,
        "partners": ", ".join(activity.partners),
        "target_comparator": activity.target_comparator,
        "target_value": activity.target_value,
        "target_unit": activity.target_unit,
        "target_scope": activity.target_scope,
    }


def _followup_initial(followup: FollowUpDraft) -> dict[str, Any]:
    return {
        "period": followup.period,
        "year": followup.year,
        "status": followup.status,
        "text": followup.text,
        "quantity": followup.quantity,
    }
