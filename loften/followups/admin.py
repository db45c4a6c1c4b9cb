"""The admin of reporting periods, statuses, the activity log and follow-ups.

Follow-ups and logged occurrences are written through `followups.services`, so
the admin refuses what the editors' screens refuse (a period the promise does not
report on, a date in the future or outside the promise, a stale version).
"""

from django import forms
from django.contrib import admin

from loften.core import limits
from loften.core.admin import (
    AuditedModelAdmin,
    ReadOnlyModelAdmin,
    ServiceModelAdmin,
)
from loften.promises.models import Promise

from . import services
from .models import (
    ActivityEvent,
    FollowUp,
    FollowUpStatus,
    PeriodReport,
    ReportingPeriod,
)


def _is_open(activity) -> bool:
    return activity is None or activity.promise.status != Promise.Status.CONCLUDED


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedModelAdmin):
    list_display = ("__str__", "kind", "year", "start_date", "end_date", "due_date")
    list_filter = ("kind", "year")

    def get_readonly_fields(self, request, obj=None):
        # Periods are shared by every promise's follow-ups: which period a row
        # is stays fixed; only its dates can be corrected.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "kind", "year", "number") if obj is not None else fields


@admin.register(FollowUpStatus)
class FollowUpStatusAdmin(AuditedModelAdmin):
    list_display = ("name", "category", "order", "is_active")
    list_editable = ("order", "is_active")
    prepopulated_fields = {"slug": ("name",)}


class FollowUpAdminForm(forms.ModelForm):
    # The version the form was based on: a save over someone else's is refused.
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=limits.VERSION
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version


FOLLOWUP_FIELDS = ("status", "text", "quantity", "quantity_note", "hours")


@admin.register(FollowUp)
class FollowUpAdmin(ServiceModelAdmin):
    form = FollowUpAdminForm
    list_display = ("activity", "period", "status", "quantity", "hours", "updated_at")
    list_filter = ("period__year", "period__kind", "status")
    search_fields = ("activity__text", "text", "activity__promise__title")
    autocomplete_fields = ("activity",)
    readonly_fields = ("version", "author", "created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        # A follow-up is the one of its activity for its period.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "activity", "period") if obj is not None else fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _is_open(
            obj and obj.activity
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _is_open(
            obj and obj.activity
        )

    def promise_id_of(self, obj):
        return obj.activity.promise_id

    def service_create(self, request, form):
        data = form.cleaned_data
        return services.followup_save(
            activity=data["activity"],
            period=data["period"],
            actor=request.user,
            expected_version=None,
            **{name: data[name] for name in FOLLOWUP_FIELDS},
        )

    def service_update(self, request, stored, form):
        data = form.cleaned_data
        return services.followup_save(
            activity=stored.activity,
            period=stored.period,
            actor=request.user,
            expected_version=data["expected_version"],
            **{name: data[name] for name in FOLLOWUP_FIELDS},
        )

    def service_delete(self, request, obj):
        services.followup_delete(followup=obj, actor=request.user)


EVENT_FIELDS = ("date", "quantity", "hours", "place", "note")


@admin.register(ActivityEvent)
class ActivityEventAdmin(ServiceModelAdmin):
    list_display = ("activity", "date", "quantity", "hours", "place", "author")
    list_filter = ("date",)
    search_fields = ("activity__text", "note", "place")
    autocomplete_fields = ("activity",)
    date_hierarchy = "date"
    fields = ("activity", *EVENT_FIELDS, "author", "created_at")
    readonly_fields = ("author", "created_at")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "activity") if obj is not None else fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _is_open(
            obj and obj.activity
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _is_open(
            obj and obj.activity
        )

    def promise_id_of(self, obj):
        return obj.activity.promise_id

    def service_create(self, request, form):
        data = form.cleaned_data
        return services.activity_event_log(
            activity=data["activity"],
            actor=request.user,
            **{name: data[name] for name in EVENT_FIELDS},
        )

    def service_update(self, request, stored, form):
        data = form.cleaned_data
        return services.activity_event_update(
            event=stored,
            actor=request.user,
            **{name: data[name] for name in EVENT_FIELDS},
        )

    def service_delete(self, request, obj):
        services.activity_event_delete(event=obj, actor=request.user)


@admin.register(PeriodReport)
class PeriodReportAdmin(ReadOnlyModelAdmin):
    """A period's report changes only through its follow-ups and the approval
    screens (submit, approve, publish)."""

    list_display = ("promise", "period", "status", "revision", "submitted_at")
    list_filter = ("status", "period__year")
