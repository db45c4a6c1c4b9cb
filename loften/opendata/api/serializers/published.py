"""The published promises and their parts in the API, read from the read model."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from loften.publication.models import (
    PublishedActivity,
    PublishedCommitment,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
    PublishedPromise,
)
from loften.reports.renderers import FORMATS as REPORT_FORMATS

from ...columns import describe
from .fields import ListLink, identity, link
from .nested import (
    PeriodSerializer,
    PromisePeriodSerializer,
    SignatorySerializer,
    SituationSourceSerializer,
    TargetSerializer,
    period_code,
)
from .reference import (
    FocusAreaRefSerializer,
    MunicipalityRefSerializer,
    PoliceAreaRefSerializer,
)


class PromiseSerializer(serializers.ModelSerializer):
    url = identity("promise")
    slug = serializers.CharField(read_only=True, help_text=describe("promises", "slug"))
    status = serializers.SerializerMethodField(help_text=describe("promises", "status"))
    municipalities = MunicipalityRefSerializer(
        many=True,
        read_only=True,
        help_text=_("The municipalities the promise is made for."),
    )
    police_area = PoliceAreaRefSerializer(
        read_only=True,
        allow_null=True,
        help_text=describe("promises", "police_area_id"),
    )
    previous = serializers.SerializerMethodField(
        help_text=describe("promises", "previous_id")
    )
    version = serializers.IntegerField(
        source="version.number",
        read_only=True,
        help_text=describe("promises", "version"),
    )
    version_published_at = serializers.DateTimeField(
        source="version.published_at",
        read_only=True,
        help_text=describe("promises", "version_published_at"),
    )
    signatories = serializers.SerializerMethodField(
        help_text=_("Who signed the promise.")
    )
    situation_sources = serializers.SerializerMethodField(
        help_text=_("What the situational picture is based on.")
    )
    periods = serializers.SerializerMethodField(
        help_text=_("The reporting periods of the promise.")
    )
    commitments = ListLink(
        "commitment", "promise", "pk", help_text=_("Its commitments.")
    )
    activities = ListLink("activity", "promise", "pk", help_text=_("Its activities."))
    follow_ups = ListLink("followup", "promise", "pk", help_text=_("Its follow-ups."))
    indicators = ListLink("indicator", "promise", "pk", help_text=_("Its indicators."))

    class Meta:
        model = PublishedPromise
        fields = [
            "url",
            "id",
            "title",
            "slug",
            "status",
            "start_date",
            "end_date",
            "cadence",
            "municipalities",
            "police_area",
            "previous",
            "signing_date",
            "situation_summary",
            "followup_plan",
            "signatories",
            "situation_sources",
            "periods",
            "version",
            "version_published_at",
            "first_published_at",
            "updated_at",
            "commitments",
            "activities",
            "follow_ups",
            "indicators",
        ]
        extra_kwargs = {
            name: {"help_text": describe("promises", name)}
            for name in (
                "id",
                "title",
                "start_date",
                "end_date",
                "cadence",
                "signing_date",
                "situation_summary",
                "followup_plan",
                "first_published_at",
                "updated_at",
            )
        }

    @extend_schema_field(serializers.ChoiceField(choices=["published", "concluded"]))
    def get_status(self, promise) -> str:
        return "concluded" if promise.is_concluded else "published"

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_previous(self, promise) -> str | None:
        if promise.previous_id is None or not promise.previous_is_published:
            return None
        url = reverse("api:promise-detail", kwargs={"pk": promise.previous_id})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(SignatorySerializer(many=True))
    def get_signatories(self, promise) -> list[dict[str, Any]]:
        return [
            {
                "name": person.get("name", ""),
                "title": person.get("title", ""),
                "organisation": person.get("organisation", ""),
            }
            for person in promise.snapshot_signatories or []
        ]

    @extend_schema_field(SituationSourceSerializer(many=True))
    def get_situation_sources(self, promise) -> list[dict[str, Any]]:
        return [
            {
                "kind": source.get("kind", ""),
                "title": source.get("title", ""),
                "year": source.get("year"),
                "url": source.get("url", ""),
                "note": source.get("note", ""),
            }
            for source in promise.snapshot_sources or []
        ]

    @extend_schema_field(PromisePeriodSerializer(many=True))
    def get_periods(self, promise) -> list[dict[str, Any]]:
        request = self.context.get("request")
        periods = []
        for period in promise.snapshot_periods or []:
            published = bool(period.get("published"))
            reports = None
            if published:
                reports = {}
                for fmt in REPORT_FORMATS:
                    url = reverse(
                        "reports:published_report",
                        kwargs={
                            "promise_id": promise.pk,
                            "period_id": period["id"],
                            "fmt": fmt,
                        },
                    )
                    reports[fmt] = request.build_absolute_uri(url) if request else url
            periods.append(
                {
                    "id": period["id"],
                    "kind": period["kind"],
                    "year": period["year"],
                    "number": period["number"],
                    "code": period_code(period["kind"], period["number"]),
                    "start_date": period["start_date"],
                    "end_date": period["end_date"],
                    "followup_published": published,
                    "reports": reports,
                }
            )
        return periods


class CommitmentSerializer(serializers.ModelSerializer):
    url = identity("commitment")
    promise = link("promise", help_text=_("The promise."))
    promise_id = serializers.IntegerField(
        read_only=True, help_text=describe("commitments", "promise_id")
    )
    activities = ListLink(
        "activity",
        "commitment",
        "pk",
        help_text=_("The activities that carry it out."),
    )

    class Meta:
        model = PublishedCommitment
        fields = [
            "url",
            "id",
            "promise",
            "promise_id",
            "order",
            "text",
            "activities",
            "updated_at",
        ]
        extra_kwargs = {
            name: {"help_text": describe("commitments", name)}
            for name in ("id", "order", "text", "updated_at")
        }


class ActivitySerializer(serializers.ModelSerializer):
    url = identity("activity")
    promise = link("promise", help_text=_("The promise."))
    promise_id = serializers.IntegerField(
        read_only=True, help_text=describe("activities", "promise_id")
    )
    commitment = link(
        "commitment", allow_null=True, help_text=_("The commitment it carries out.")
    )
    commitment_id = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text=describe("activities", "commitment_id"),
    )
    focus_area = FocusAreaRefSerializer(
        read_only=True,
        allow_null=True,
        help_text=describe("activities", "focus_area_id"),
    )
    partners = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text=describe("activities", "partners"),
    )
    target = serializers.SerializerMethodField(
        help_text=_("The target, or null when the activity has none.")
    )
    follow_ups = ListLink(
        "followup", "activity", "pk", help_text=_("Its published follow-ups.")
    )

    class Meta:
        model = PublishedActivity
        fields = [
            "url",
            "id",
            "promise",
            "promise_id",
            "commitment",
            "commitment_id",
            "focus_area",
            "order",
            "text",
            "responsible_police",
            "responsible_municipality",
            "partners",
            "target",
            "place",
            "follow_ups",
            "updated_at",
        ]
        extra_kwargs = {
            name: {"help_text": describe("activities", name)}
            for name in (
                "id",
                "order",
                "text",
                "responsible_police",
                "responsible_municipality",
                "place",
                "updated_at",
            )
        }

    @extend_schema_field(TargetSerializer(allow_null=True))
    def get_target(self, activity) -> dict[str, Any] | None:
        if activity.target_value is None:
            return None
        return {
            "comparator": activity.target_comparator,
            "value": activity.target_value,
            "unit": activity.target_unit,
            "scope": activity.target_scope,
        }


class FollowUpSerializer(serializers.ModelSerializer):
    url = identity("followup")
    activity = link("activity", help_text=_("The activity."))
    activity_id = serializers.IntegerField(
        read_only=True, help_text=describe("followups", "activity_id")
    )
    promise = serializers.SerializerMethodField(help_text=_("The promise."))
    promise_id = serializers.IntegerField(
        source="activity.promise_id",
        read_only=True,
        help_text=describe("followups", "promise_id"),
    )
    period = serializers.SerializerMethodField(help_text=_("The reporting period."))
    status = serializers.CharField(
        source="status_name", read_only=True, help_text=describe("followups", "status")
    )
    status_category = serializers.CharField(
        read_only=True, help_text=describe("followups", "status_category")
    )
    hours = serializers.DecimalField(
        max_digits=8,
        decimal_places=1,
        coerce_to_string=False,
        read_only=True,
        allow_null=True,
        help_text=describe("followups", "hours"),
    )
    target_value = serializers.IntegerField(
        source="target_value_then",
        read_only=True,
        allow_null=True,
        help_text=describe("followups", "target_value"),
    )

    class Meta:
        model = PublishedFollowUp
        fields = [
            "url",
            "id",
            "activity",
            "activity_id",
            "promise",
            "promise_id",
            "period",
            "status",
            "status_category",
            "text",
            "quantity",
            "hours",
            "running_total",
            "target_value",
            "target_met",
            "target_final",
            "updated_at",
        ]
        extra_kwargs = {
            name: {"help_text": describe("followups", name)}
            for name in (
                "id",
                "text",
                "quantity",
                "running_total",
                "target_met",
                "target_final",
                "updated_at",
            )
        }

    @extend_schema_field({"type": "string", "format": "uri"})
    def get_promise(self, followup) -> str:
        url = reverse("api:promise-detail", kwargs={"pk": followup.activity.promise_id})
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    @extend_schema_field(PeriodSerializer)
    def get_period(self, followup) -> dict[str, Any]:
        period = followup.period
        return {
            "id": period.id,
            "kind": period.kind,
            "year": period.year,
            "number": period.number,
            "code": period_code(period.kind, period.number),
            "start_date": period.start_date.isoformat(),
            "end_date": period.end_date.isoformat(),
        }


class IndicatorValueSerializer(serializers.ModelSerializer):
    url = identity("indicatorvalue")
    indicator = link("indicator", help_text=_("The indicator."))
    indicator_id = serializers.IntegerField(
        read_only=True, help_text=describe("indicator_values", "indicator_id")
    )
    promise_id = serializers.IntegerField(
        source="indicator.promise_id",
        read_only=True,
        help_text=describe("indicator_values", "promise_id"),
    )
    value = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        coerce_to_string=False,
        read_only=True,
        help_text=describe("indicator_values", "value"),
    )

    class Meta:
        model = PublishedIndicatorValue
        fields = [
            "url",
            "id",
            "indicator",
            "indicator_id",
            "promise_id",
            "year",
            "value",
            "note",
            "updated_at",
        ]
        extra_kwargs = {
            name: {"help_text": describe("indicator_values", name)}
            for name in ("id", "year", "note", "updated_at")
        }


class IndicatorValueInlineSerializer(IndicatorValueSerializer):
    class Meta(IndicatorValueSerializer.Meta):
        fields = ["url", "id", "year", "value", "note", "updated_at"]


class IndicatorSerializer(serializers.ModelSerializer):
    url = identity("indicator")
    promise = link("promise", help_text=_("The promise."))
    promise_id = serializers.IntegerField(
        read_only=True, help_text=describe("indicators", "promise_id")
    )
    focus_area = FocusAreaRefSerializer(
        read_only=True,
        allow_null=True,
        help_text=describe("indicators", "focus_area_id"),
    )
    values = IndicatorValueInlineSerializer(
        many=True, read_only=True, help_text=_("The measured values, year by year.")
    )

    class Meta:
        model = PublishedIndicator
        fields = [
            "url",
            "id",
            "promise",
            "promise_id",
            "focus_area",
            "order",
            "name",
            "description",
            "source",
            "unit",
            "direction",
            "values",
            "updated_at",
        ]
        extra_kwargs = {
            name: {"help_text": describe("indicators", name)}
            for name in (
                "id",
                "order",
                "name",
                "description",
                "source",
                "unit",
                "direction",
                "updated_at",
            )
        }
