"""The admin of promises and their plans, writing through `promises.services`.

A promise's status changes only on the editors' screens, through the publication
services (submit, approve, publish, conclude), so the admin shows it read-only
together with the revision, versions and order that the services keep.
"""

from django import forms
from django.contrib import admin

from loften.core import limits
from loften.core.admin import AuditedModelAdmin, ServiceInlineMixin, ServiceModelAdmin
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import plan as plan_services
from loften.promises.services import promise as promise_services

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
from .selectors import promise_fingerprint

ADMIN_PROMISE_FIELDS = sorted(promise_services.PROMISE_FIELDS)


def _promise_of(obj) -> Promise | None:
    if obj is None:
        return None
    if isinstance(obj, Promise):
        return obj
    if isinstance(obj, IndicatorValue):
        return obj.indicator.promise
    return obj.promise


def _values(form, names) -> dict:
    return {name: form.cleaned_data[name] for name in names}


def _is_open(obj) -> bool:
    """A concluded promise and its plan cannot be changed (see permissions.py)."""
    promise = _promise_of(obj)
    return promise is None or promise.status != Promise.Status.CONCLUDED


class PlanPartAdmin(ServiceModelAdmin):
    """Admin for a promise or a part of its plan."""

    def promise_id_of(self, obj):
        promise = _promise_of(obj)
        return promise.pk if promise else None

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _is_open(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _is_open(obj)


class PlanPartInline(ServiceInlineMixin, admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and _is_open(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and _is_open(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and _is_open(obj)


class CommitmentInline(PlanPartInline):
    model = Commitment
    fields = ("text",)

    def service_create(self, request, parent, form):
        return part_services.commitment_create(
            promise=parent, actor=request.user, text=form.cleaned_data["text"]
        )

    def service_update(self, request, stored, form):
        return part_services.commitment_update(
            commitment=stored, actor=request.user, text=form.cleaned_data["text"]
        )

    def service_delete(self, request, obj):
        plan_services.plan_part_delete(part=obj, actor=request.user)


class SituationSourceInline(PlanPartInline):
    model = SituationSource
    fields = ("kind", "title", "year", "url", "note")

    def service_create(self, request, parent, form):
        return part_services.situation_source_create(
            promise=parent, actor=request.user, **_values(form, self.fields)
        )

    def service_update(self, request, stored, form):
        return part_services.situation_source_update(
            source=stored, actor=request.user, **_values(form, self.fields)
        )

    def service_delete(self, request, obj):
        plan_services.plan_part_delete(part=obj, actor=request.user)


class SignatoryInline(PlanPartInline):
    model = Signatory
    fields = ("name", "title", "organisation")

    def service_create(self, request, parent, form):
        return part_services.signatory_create(
            promise=parent, actor=request.user, **_values(form, self.fields)
        )

    def service_update(self, request, stored, form):
        return part_services.signatory_update(
            signatory=stored, actor=request.user, **_values(form, self.fields)
        )

    def service_delete(self, request, obj):
        plan_services.plan_part_delete(part=obj, actor=request.user)


class ActivityInline(admin.TabularInline):
    """The promise's activities, read-only: each is changed on its own page,
    where the same checks as on the editors' screens apply."""

    model = Activity
    extra = 0
    fields = ("text", "focus_area", "target_comparator", "target_value", "target_unit")
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PromiseAdminForm(forms.ModelForm):
    # What the promise's fields were when the form was shown: a save over
    # someone else's change in between is refused.
    expected_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_fingerprint"].initial = promise_fingerprint(
                promise=self.instance, fields=self.promise_fields()
            )

    def promise_fields(self) -> list[str]:
        return [name for name in ADMIN_PROMISE_FIELDS if name in self.fields]


@admin.register(Promise)
class PromiseAdmin(PlanPartAdmin):
    form = PromiseAdminForm
    list_display = ("title", "status", "start_date", "end_date", "police_area")
    list_filter = ("status", "cadence", "police_area__police_region")
    search_fields = ("title", "municipalities__name", "police_area__name")
    autocomplete_fields = ("municipalities", "police_area", "previous")
    readonly_fields = ("status", "revision", "created_by", "created_at", "updated_at")
    date_hierarchy = "start_date"
    inlines = [SituationSourceInline, CommitmentInline, ActivityInline, SignatoryInline]

    def get_readonly_fields(self, request, obj=None):
        # The slug is the promise's public address; it is chosen once.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "slug") if obj is not None else fields

    def has_delete_permission(self, request, obj=None):
        # A published promise is an official record (promise_delete refuses).
        return super().has_delete_permission(request, obj) and not (
            obj is not None and obj.versions.exists()
        )

    def service_create(self, request, form):
        data = form.cleaned_data
        return promise_services.promise_create(
            actor=request.user,
            municipalities=data["municipalities"],
            slug=data["slug"],
            **{name: data[name] for name in form.promise_fields()},
        )

    def service_update(self, request, stored, form):
        data = form.cleaned_data
        return promise_services.promise_update(
            promise=stored,
            actor=request.user,
            municipalities=data["municipalities"],
            expected_fingerprint=data["expected_fingerprint"] or None,
            **{name: data[name] for name in form.promise_fields()},
        )

    def service_delete(self, request, obj):
        promise_services.promise_delete(promise=obj, actor=request.user)


class ActivityAdminForm(forms.ModelForm):
    # The version the form was based on: a save over someone else's is refused.
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=limits.VERSION
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
            if "commitment" in self.fields:
                self.fields["commitment"].queryset = Commitment.objects.filter(
                    promise_id=self.instance.promise_id
                )


@admin.register(Activity)
class ActivityAdmin(PlanPartAdmin):
    form = ActivityAdminForm
    list_display = ("text", "promise", "focus_area", "target_value", "target_unit")
    list_filter = ("focus_area", "responsible_police", "responsible_municipality")
    search_fields = ("text", "promise__title")
    autocomplete_fields = ("promise", "partners")
    readonly_fields = ("order", "version", "created_at", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "promise") if obj is not None else fields

    def _values(self, form) -> dict:
        data = form.cleaned_data
        return {
            name: data[name]
            for name in activity_services.ACTIVITY_FIELDS
            if name in data
        }

    def service_create(self, request, form):
        return activity_services.activity_create(
            promise=form.cleaned_data["promise"],
            actor=request.user,
            partners=form.cleaned_data["partners"],
            **self._values(form),
        )

    def service_update(self, request, stored, form):
        return activity_services.activity_update(
            activity=stored,
            actor=request.user,
            expected_version=form.cleaned_data["expected_version"],
            partners=form.cleaned_data["partners"],
            **self._values(form),
        )

    def service_delete(self, request, obj):
        activity_services.activity_delete(activity=obj, actor=request.user)


class IndicatorValueInline(PlanPartInline):
    model = IndicatorValue
    fields = ("year", "value", "note")

    def service_create(self, request, parent, form):
        return indicator_services.indicator_value_set(
            indicator=parent, actor=request.user, **_values(form, self.fields)
        )

    def service_update(self, request, stored, form):
        data = _values(form, self.fields)
        if data["year"] != stored.year:
            # A value entered under the wrong year moves to the right one.
            plan_services.plan_part_delete(part=stored, actor=request.user)
        return indicator_services.indicator_value_set(
            indicator=stored.indicator, actor=request.user, **data
        )

    def service_delete(self, request, obj):
        plan_services.plan_part_delete(part=obj, actor=request.user)


INDICATOR_FIELDS = ("name", "source", "unit", "direction", "description", "focus_area")


@admin.register(Indicator)
class IndicatorAdmin(PlanPartAdmin):
    list_display = ("name", "promise", "unit", "direction")
    search_fields = ("name", "promise__title")
    autocomplete_fields = ("promise",)
    fields = ("promise", *INDICATOR_FIELDS, "order")
    readonly_fields = ("order",)
    inlines = [IndicatorValueInline]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "promise") if obj is not None else fields

    def service_create(self, request, form):
        data = form.cleaned_data
        return indicator_services.indicator_create(
            promise=data["promise"],
            actor=request.user,
            **{name: data[name] for name in INDICATOR_FIELDS},
        )

    def service_update(self, request, stored, form):
        data = form.cleaned_data
        return indicator_services.indicator_update(
            indicator=stored,
            actor=request.user,
            **{name: data[name] for name in INDICATOR_FIELDS},
        )

    def service_delete(self, request, obj):
        plan_services.plan_part_delete(part=obj, actor=request.user)


@admin.register(FocusArea)
class FocusAreaAdmin(AuditedModelAdmin):
    list_display = ("name", "is_active", "order", "private_to")
    list_editable = ("is_active", "order")
    list_filter = (("private_to", admin.EmptyFieldListFilter),)
    raw_id_fields = ("private_to",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
