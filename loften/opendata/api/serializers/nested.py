"""Objects nested in the API's items: periods, targets, signatories, sources."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ...columns import describe


def period_code(kind: str, number: int) -> str:
    return {"tertial": f"T{number}", "quarter": f"Q{number}"}.get(kind, "year")


class SignatorySerializer(serializers.Serializer):
    name = serializers.CharField(help_text=describe("signatories", "name"))
    title = serializers.CharField(help_text=describe("signatories", "title"))
    organisation = serializers.CharField(
        help_text=describe("signatories", "organisation")
    )


class SituationSourceSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=describe("situation_sources", "kind"))
    title = serializers.CharField(help_text=describe("situation_sources", "title"))
    year = serializers.IntegerField(
        allow_null=True, help_text=describe("situation_sources", "year")
    )
    url = serializers.CharField(help_text=describe("situation_sources", "url"))
    note = serializers.CharField(help_text=describe("situation_sources", "note"))


class ReportLinksSerializer(serializers.Serializer):
    pdf = serializers.URLField(help_text=_("The follow-up report as PDF."))
    docx = serializers.URLField(help_text=_("The follow-up report as Word."))
    xlsx = serializers.URLField(help_text=_("The follow-up report as Excel."))
    csv = serializers.URLField(help_text=_("The follow-up report as CSV."))


class PeriodSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=describe("reporting_periods", "id"))
    kind = serializers.ChoiceField(
        choices=["tertial", "quarter", "year"],
        help_text=describe("reporting_periods", "kind"),
    )
    year = serializers.IntegerField(help_text=describe("reporting_periods", "year"))
    number = serializers.IntegerField(help_text=describe("reporting_periods", "number"))
    code = serializers.CharField(help_text=describe("reporting_periods", "code"))
    start_date = serializers.DateField(
        help_text=describe("reporting_periods", "start_date")
    )
    end_date = serializers.DateField(
        help_text=describe("reporting_periods", "end_date")
    )


class PromisePeriodSerializer(PeriodSerializer):
    followup_published = serializers.BooleanField(
        help_text=describe("promise_periods", "followup_published")
    )
    reports = ReportLinksSerializer(
        allow_null=True,
        help_text=_(
            "The follow-up report of the period in each format, once its "
            "follow-up is published."
        ),
    )


class TargetSerializer(serializers.Serializer):
    comparator = serializers.ChoiceField(
        choices=["at_least", "at_most", "exactly"],
        help_text=describe("activities", "target_comparator"),
    )
    value = serializers.IntegerField(help_text=describe("activities", "target_value"))
    unit = serializers.CharField(help_text=describe("activities", "target_unit"))
    scope = serializers.ChoiceField(
        choices=["per_period", "per_year", "whole_promise"],
        help_text=describe("activities", "target_scope"),
    )
