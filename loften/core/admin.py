from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, User
from .services import audit_log


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions are written to the audit log.

    `after_change(obj)` lets a model's admin apply the same side effects as its
    services (e.g. a plan change needs new approvals).
    """

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changes = {
            name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data
        }
        audit_log(
            actor=request.user,
            action=f"admin.{'update' if change else 'create'}",
            obj=obj,
            promise_id=self.promise_id_of(obj),
            changes=changes,
        )
        self.after_change(obj)

    def delete_model(self, request, obj):
        audit_log(
            actor=request.user,
            action="admin.delete",
            obj=obj,
            promise_id=self.promise_id_of(obj),
        )
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows are audited one by one, like the parent."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit_log(
                actor=request.user,
                action="admin.delete",
                obj=obj,
                promise_id=self.promise_id_of(form.instance),
            )
            obj.delete()
        for obj in instances:
            created = obj.pk is None
            obj.save()
            audit_log(
                actor=request.user,
                action=f"admin.{'create' if created else 'update'}",
                obj=obj,
                promise_id=self.promise_id_of(form.instance),
            )
        formset.save_m2m()
        if instances or formset.deleted_objects:
            self.after_change(form.instance)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def promise_id_of(self, obj) -> int | None:
        return None

    def after_change(self, obj) -> None:
        return None


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For records nobody may change: the audit log and published versions."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Work"), {"fields": ("full_name", "title")}),
    )
    list_display = ("username", "full_name", "email", "is_staff", "is_active")
    search_fields = ("username", "full_name", "email")


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyModelAdmin):
    list_display = ("created_at", "actor", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("object_repr", "message", "actor__username")
    date_hierarchy = "created_at"
