from django.contrib import admin

from loften.core.admin import AuditedModelAdmin

from .models import (
    ActivityEvent,
    FollowUp,
    FollowUpStatus,
    PeriodReport,
    ReportingPeriod,
)
from .services import period_report_changed


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(AuditedModelAdmin):
    list_display = ("__str__", "kind", "year", "start_date", "end_date", "due_date")
    list_filter = ("kind", "year")


@admin.register(FollowUpStatus)
class FollowUpStatusAdmin(AuditedModelAdmin):
    list_display = ("name", "category", "order", "is_active")
    list_editable = ("order", "is_active")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(FollowUp)
class FollowUpAdmin(AuditedModelAdmin):
    list_display = ("activity", "period", "status", "quantity", "hours", "updated_at")
    list_filter = ("period__year", "period__kind", "status")
    search_fields = ("activity__text", "text", "activity__promise__title")
    autocomplete_fields = ("activity",)
    readonly_fields = ("version", "author", "created_at", "updated_at")

    def promise_id_of(self, obj):
        return obj.activity.promise_id

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def after_change(self, obj):
        period_report_changed(promise=obj.activity.promise, period=obj.period)


@admin.register(ActivityEvent)
class ActivityEventAdmin(AuditedModelAdmin):
    list_display = ("activity", "date", "quantity", "hours", "place", "author")
    list_filter = ("date",)
    search_fields = ("activity__text", "note", "place")
    autocomplete_fields = ("activity",)
    date_hierarchy = "date"

    def promise_id_of(self, obj):
        return obj.activity.promise_id


@admin.register(PeriodReport)
class PeriodReportAdmin(admin.ModelAdmin):
    list_display = ("promise", "period", "status", "revision", "submitted_at")
    list_filter = ("status", "period__year")
    readonly_fields = (
        "promise",
        "period",
        "status",
        "revision",
        "submitted_by",
        "submitted_at",
    )

    def has_add_permission(self, request):
        return False
