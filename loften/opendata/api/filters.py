"""Query filters of the API. Each documents its exact type in the OpenAPI schema
and answers a value outside it with 400 and a message, never a silent default."""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from loften.followups.models import FollowUpStatus
from loften.geography.models import County, Municipality, PoliceArea, PoliceRegion
from loften.promises.models import FocusArea
from loften.publication.models import (
    PublishedActivity,
    PublishedCommitment,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
    PublishedPromise,
)

from .params import (
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    PUBLISHED_SINCE_HELP,
    UPDATED_SINCE_HELP,
    SinceField,
)


def _schema(filter_, schema: dict):
    return extend_schema_field(schema)(filter_)


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class IdFilter(django_filters.NumberFilter):
    field_class = IdField


class YearFilter(django_filters.NumberFilter):
    field_class = YearField


class SinceFilter(django_filters.Filter):
    field_class = SinceField

    def __init__(self, **kwargs):
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("field_name", "updated_at")
        super().__init__(**kwargs)


def id_filter(field_name: str, description) -> IdFilter:
    return _schema(
        IdFilter(field_name=field_name),
        {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_ID,
            "description": description,
        },
    )


CODE_ERRORS = {
    2: _("Use a county code of two digits, such as 06."),
    4: _("Use a municipality code of four digits, such as 0682."),
}


def code_filter(
    field_name: str, digits: int, description, method: str | None = None
) -> django_filters.Filter:
    pattern = rf"^[0-9]{{{digits}}}$"
    return _schema(
        django_filters.CharFilter(
            field_name=field_name,
            method=method,
            validators=[RegexValidator(pattern, CODE_ERRORS[digits])],
        ),
        {"type": "string", "pattern": pattern, "description": description},
    )


def year_filter(method: str, description) -> YearFilter:
    return _schema(
        YearFilter(method=method),
        {
            "type": "integer",
            "minimum": MIN_YEAR,
            "maximum": MAX_YEAR,
            "description": description,
        },
    )


def since_filter() -> SinceFilter:
    date = {"type": "string", "format": "date"}
    moment = {"type": "string", "format": "date-time"}
    return _schema(
        SinceFilter(),
        {"anyOf": [date, moment], "description": UPDATED_SINCE_HELP},
    )


def choice_filter(field_name: str, choices: list[str], description, method=None):
    return _schema(
        django_filters.ChoiceFilter(
            field_name=field_name,
            choices=[(choice, choice) for choice in choices],
            method=method,
        ),
        {"type": "string", "enum": choices, "description": description},
    )


class StrictFilterSet(django_filters.FilterSet):
    """A parameter given with no value is an error, not the same as leaving it out."""

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and not self.data.get(name, "").strip():
                self.form.add_error(
                    name, _("Give a value, or leave the parameter out.")
                )
                valid = False
        return valid


MUNICIPALITY_HELP = _("Only those in the municipality with this four-digit code.")
COUNTY_HELP = _("Only those in the county with this two-digit code.")
REGION_HELP = _("Only those in the police region with this id.")
POLICE_AREA_HELP = _("Only those of the police area with this id.")
PROMISE_HELP = _("Only those of the promise with this id.")
FOCUS_AREA_HELP = _("Only those in the focus area with this id.")
PROMISE_YEAR_HELP = _("Only those of promises that run during this year.")
PROMISE_STATUS_HELP = _(
    "Only those of promises with this status: published (still running) or "
    "concluded (the promise period is over)."
)
PROMISE_STATUSES = ["published", "concluded"]


def _promise_year(queryset: QuerySet, prefix: str, year: int) -> QuerySet:
    return queryset.filter(
        **{
            f"{prefix}start_date__year__lte": year,
            f"{prefix}end_date__year__gte": year,
        }
    )


class PoliceRegionFilter(StrictFilterSet):
    county = code_filter(
        "counties__code", 2, _("Only the police region the county belongs to.")
    )
    municipality = code_filter(
        "counties__municipalities__code",
        4,
        _("Only the police region the municipality belongs to."),
    )

    class Meta:
        model = PoliceRegion
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class CountyFilter(StrictFilterSet):
    police_region = id_filter("police_region_id", REGION_HELP)
    municipality = code_filter(
        "municipalities__code", 4, _("Only the county the municipality lies in.")
    )

    class Meta:
        model = County
        fields: list[str] = []


class MunicipalityFilter(StrictFilterSet):
    county = code_filter("county__code", 2, COUNTY_HELP)
    police_region = id_filter("county__police_region_id", REGION_HELP)

    class Meta:
        model = Municipality
        fields: list[str] = []


class PoliceAreaFilter(StrictFilterSet):
    police_region = id_filter("police_region_id", REGION_HELP)
    municipality = code_filter("municipalities__code", 4, MUNICIPALITY_HELP)
    county = code_filter("municipalities__county__code", 2, COUNTY_HELP)

    class Meta:
        model = PoliceArea
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class _PublishedFilter(StrictFilterSet):
    """Filters shared by everything that belongs to a published promise."""

    promise_path = "promise__"

    updated_since = since_filter()

    def _in_promises(self, queryset, condition: Q) -> QuerySet:
        promises = PublishedPromise.objects.filter(condition).values("pk")
        return queryset.filter(**{f"{self.promise_path}pk__in": promises})

    def filter_municipality(self, queryset, name, value):
        return self._in_promises(queryset, Q(municipalities__code=value))

    def filter_county(self, queryset, name, value):
        return self._in_promises(queryset, Q(municipalities__county__code=value))

    def filter_promise_year(self, queryset, name, value):
        return _promise_year(queryset, self.promise_path, value)

    def filter_promise_status(self, queryset, name, value):
        return queryset.filter(
            **{f"{self.promise_path}is_concluded": value == "concluded"}
        )


def _municipality(help_text=MUNICIPALITY_HELP):
    return code_filter("municipality", 4, help_text, method="filter_municipality")


def _county(help_text=COUNTY_HELP):
    return code_filter("county", 2, help_text, method="filter_county")


def _promise_status():
    return choice_filter(
        "status", PROMISE_STATUSES, PROMISE_STATUS_HELP, method="filter_promise_status"
    )


class PromiseFilter(_PublishedFilter):
    promise_path = ""

    municipality = _municipality(
        _("Only promises made for the municipality with this four-digit code.")
    )
    county = _county(_("Only promises for municipalities in this county."))
    police_region = id_filter(
        "police_area__police_region_id",
        _("Only promises of police areas in the police region with this id."),
    )
    police_area = id_filter(
        "police_area_id", _("Only promises of the police area with this id.")
    )
    year = year_filter("filter_promise_year", _("Only promises that run this year."))
    focus_area = id_filter(
        "activities__focus_area_id",
        _("Only promises with an activity in the focus area with this id."),
    )
    status = choice_filter(
        "is_concluded",
        PROMISE_STATUSES,
        _("published: still running; concluded: the promise period is over."),
        method="filter_promise_status",
    )
    published_since = _schema(
        SinceFilter(field_name="version__published_at"),
        {
            "anyOf": [
                {"type": "string", "format": "date"},
                {"type": "string", "format": "date-time"},
            ],
            "description": PUBLISHED_SINCE_HELP,
        },
    )

    class Meta:
        model = PublishedPromise
        fields: list[str] = []

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).distinct()


class CommitmentFilter(_PublishedFilter):
    promise = id_filter("promise_id", PROMISE_HELP)
    municipality = _municipality()
    county = _county()
    year = year_filter("filter_promise_year", PROMISE_YEAR_HELP)
    focus_area = _schema(
        IdFilter(method="filter_focus_area"),
        {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_ID,
            "description": _(
                "Only commitments carried out by an activity in the focus area "
                "with this id."
            ),
        },
    )
    status = _promise_status()

    class Meta:
        model = PublishedCommitment
        fields: list[str] = []

    def filter_focus_area(self, queryset, name, value):
        activities = PublishedActivity.objects.filter(focus_area_id=value)
        return queryset.filter(pk__in=activities.values("commitment_id"))


class ActivityFilter(_PublishedFilter):
    promise = id_filter("promise_id", PROMISE_HELP)
    commitment = id_filter(
        "commitment_id", _("Only activities that carry out this commitment.")
    )
    municipality = _municipality()
    county = _county()
    year = year_filter("filter_promise_year", PROMISE_YEAR_HELP)
    focus_area = id_filter("focus_area_id", FOCUS_AREA_HELP)
    status = _promise_status()

    class Meta:
        model = PublishedActivity
        fields: list[str] = []


class FollowUpFilter(_PublishedFilter):
    promise_path = "activity__promise__"

    promise = id_filter("activity__promise_id", PROMISE_HELP)
    activity = id_filter("activity_id", _("Only follow-ups of this activity."))
    municipality = _municipality()
    county = _county()
    year = year_filter("filter_year", _("Only follow-ups of periods in this year."))
    period = choice_filter(
        "period",
        ["T1", "T2", "T3", "Q1", "Q2", "Q3", "Q4", "year"],
        _("Only follow-ups of this period: T1–T3, Q1–Q4, or year for a whole year."),
        method="filter_period",
    )
    focus_area = id_filter("activity__focus_area_id", FOCUS_AREA_HELP)
    status = choice_filter(
        "status_category",
        list(FollowUpStatus.Category.values),
        _("Only follow-ups whose status is in this category."),
    )

    class Meta:
        model = PublishedFollowUp
        fields: list[str] = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(period__year=value)

    def filter_period(self, queryset, name, value):
        if value == "year":
            return queryset.filter(period__kind="year")
        kind = "tertial" if value.startswith("T") else "quarter"
        return queryset.filter(period__kind=kind, period__number=int(value[1]))


class IndicatorFilter(_PublishedFilter):
    promise = id_filter("promise_id", PROMISE_HELP)
    municipality = _municipality()
    county = _county()
    year = year_filter("filter_promise_year", PROMISE_YEAR_HELP)
    focus_area = id_filter("focus_area_id", FOCUS_AREA_HELP)
    status = _promise_status()

    class Meta:
        model = PublishedIndicator
        fields: list[str] = []


class IndicatorValueFilter(_PublishedFilter):
    promise_path = "indicator__promise__"

    indicator = id_filter("indicator_id", _("Only values of this indicator."))
    promise = id_filter("indicator__promise_id", PROMISE_HELP)
    municipality = _municipality()
    county = _county()
    year = year_filter("filter_year", _("Only values measured this year."))
    focus_area = id_filter(
        "indicator__focus_area_id",
        _("Only values of indicators in the focus area with this id."),
    )
    status = _promise_status()

    class Meta:
        model = PublishedIndicatorValue
        fields: list[str] = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(year=value)


class FocusAreaFilter(StrictFilterSet):
    """Focus areas that published promises work on: each parameter narrows the
    promises, and a focus area is listed when one of those promises has an
    activity or an indicator in it."""

    promise = id_filter("pk", PROMISE_HELP)
    municipality = code_filter("municipalities__code", 4, MUNICIPALITY_HELP)
    county = code_filter("municipalities__county__code", 2, COUNTY_HELP)
    year = year_filter("filter_promise_year", PROMISE_YEAR_HELP)
    status = choice_filter(
        "is_concluded",
        PROMISE_STATUSES,
        PROMISE_STATUS_HELP,
        method="filter_promise_status",
    )

    class Meta:
        model = FocusArea
        fields: list[str] = []

    def filter_promise_year(self, queryset, name, value):
        return _promise_year(queryset, "", value)

    def filter_promise_status(self, queryset, name, value):
        return queryset.filter(is_concluded=value == "concluded")

    def filter_queryset(self, queryset):
        given = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "")
        }
        if not given:
            return queryset
        # The conditions apply to the same promise, so they are applied together
        # to the promises rather than one by one to the focus areas.
        promises = PublishedPromise.objects.all()
        for name, value in given.items():
            promises = self.filters[name].filter(promises, value)
        activities = PublishedActivity.objects.filter(promise__in=promises.values("pk"))
        indicators = PublishedIndicator.objects.filter(
            promise__in=promises.values("pk")
        )
        return queryset.filter(
            Q(pk__in=activities.values("focus_area_id"))
            | Q(pk__in=indicators.values("focus_area_id"))
        )
