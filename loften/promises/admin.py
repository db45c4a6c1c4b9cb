from django.contrib import admin

from loften.core.admin import AuditedModelAdmin

from .models import (
    Activity,
    Commitment,
    FocusArea,
    Indicator,
    IndicatorValue,
    Promise,
    Signatory,
    SituationSource,
)
from .services import promise_plan_changed


class PlanPartAdmin(AuditedModelAdmin):
    """Admin for a promise or a part of its plan: a change needs new approvals."""

    def promise_id_of(self, obj):
        return obj.pk if isinstance(obj, Promise) else obj.promise_id

    def after_change(self, obj):
        promise = obj if isinstance(obj, Promise) else obj.promise
        promise_plan_changed(promise=promise)


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


class SituationSourceInline(admin.TabularInline):
    model = SituationSource
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = Signatory
    extra = 0


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0
    fields = (
        ("text", "order"),
        ("focus_area", "commitment"),
        ("responsible_police", "responsible_municipality", "partners"),
        ("target_comparator", "target_value", "target_unit", "target_scope"),
        "place",
    )
    autocomplete_fields = ("partners",)
    show_change_link = True


@admin.register(Promise)
class PromiseAdmin(PlanPartAdmin):
    list_display = ("title", "status", "start_date", "end_date", "police_area")
    list_filter = ("status", "cadence", "police_area__police_region")
    search_fields = ("title", "municipalities__name", "police_area__name")
    autocomplete_fields = ("municipalities", "police_area", "previous")
    readonly_fields = ("revision", "created_by", "created_at", "updated_at")
    date_hierarchy = "start_date"
    inlines = [SituationSourceInline, CommitmentInline, ActivityInline, SignatoryInline]


@admin.register(Activity)
class ActivityAdmin(PlanPartAdmin):
    list_display = ("text", "promise", "focus_area", "target_value", "target_unit")
    list_filter = ("focus_area", "responsible_police", "responsible_municipality")
    search_fields = ("text", "promise__title")
    autocomplete_fields = ("promise", "partners")
    readonly_fields = ("version",)


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(PlanPartAdmin):
    list_display = ("name", "promise", "unit", "direction")
    search_fields = ("name", "promise__title")
    autocomplete_fields = ("promise",)
    inlines = [IndicatorValueInline]


@admin.register(FocusArea)
class FocusAreaAdmin(AuditedModelAdmin):
    list_display = ("name", "is_active", "order")
    list_editable = ("is_active", "order")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
