"""The admin's shared bases: every write is audited, and where an app has
services, the admin writes through them.

`ServiceModelAdmin` and `ServiceInlineMixin` hand a validated form to the app's
service. The service is first run inside a savepoint that is always rolled back,
so whatever it refuses (a ValidationError or PermissionDenied) appears on the form
and nothing is saved; the real save then runs it again and the service writes its
own audit entry. See docs/decisions/0002-admin-through-services.md.
"""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .forms import AdminLoginForm
from .models import AuditEntry, User, WorkerProcess
from .services import audit_log, field_changes

# The admin's login is throttled like the site's (loften/core/throttle.py).
admin.site.login_form = AdminLoginForm


def form_changes(stored: models.Model | None, form) -> dict[str, list[Any]]:
    """{field: [old, new]} for the model fields `form` changed; old is what is
    stored (None when the row is new). Many-to-many values are lists of names."""
    changes: dict[str, list[Any]] = {}
    opts = form._meta.model._meta
    for name in form.changed_data:
        if name not in form.cleaned_data:
            continue
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            continue
        new = form.cleaned_data[name]
        if field.many_to_many:
            old_names = (
                sorted(str(o) for o in getattr(stored, name).all()) if stored else []
            )
            new_names = sorted(str(o) for o in new or [])
            if old_names != new_names:
                changes[name] = [old_names, new_names]
        elif stored is None:
            if new not in (None, ""):
                changes[name] = [None, _as_json(new)]
        else:
            changes.update(field_changes(stored, {name: new}))
    return changes


def _as_json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def add_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on `form`: on the fields it names that the
    form has, the rest above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class _RollBack(Exception):
    """Ends a service call that was made only to validate a form."""


def validate_with_service(form, write) -> None:
    """Run `write()` (a service call) in a savepoint that is always rolled back;
    put what the service refuses on `form`."""
    try:
        with transaction.atomic():
            write()
            raise _RollBack
    except _RollBack:
        pass
    except ValidationError as error:
        add_service_error(form, error)
    except PermissionDenied as error:
        form.add_error(None, str(error))
    # The service may have refreshed instances the form holds (a promise's
    # revision) from the rolled-back state; read them again.
    for value in form.cleaned_data.values():
        if isinstance(value, models.Model) and value.pk is not None:
            value.refresh_from_db()


class AuditedModelAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletions are written to the audit log, with
    the stored value before the change and the new one. For models that no
    service writes (reference data, the status list)."""

    def save_model(self, request, obj, form, change):
        stored = (
            self.model._default_manager.filter(pk=obj.pk).first() if change else None
        )
        # Before saving: many-to-many fields are saved later, in save_related.
        changes = form_changes(stored, form)
        super().save_model(request, obj, form, change)
        audit_log(
            actor=request.user,
            action=f"admin.{'update' if change else 'create'}",
            obj=obj,
            promise_id=self.promise_id_of(obj),
            changes=changes,
        )

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
        if getattr(formset, "writes_through_services", False):
            formset.save()
            return
        promise_id = self.promise_id_of(form.instance)
        row_changes = {}
        for row in formset.initial_forms:
            if row.instance.pk is not None and row.has_changed():
                stored = type(row.instance)._default_manager.get(pk=row.instance.pk)
                row_changes[row.instance.pk] = form_changes(stored, row)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit_log(
                actor=request.user,
                action="admin.delete",
                obj=obj,
                promise_id=promise_id,
            )
            obj.delete()
        new_rows = {id(row.instance): row for row in formset.extra_forms}
        for obj in instances:
            created = obj.pk is None
            obj.save()
            audit_log(
                actor=request.user,
                action=f"admin.{'create' if created else 'update'}",
                obj=obj,
                promise_id=promise_id,
                changes=form_changes(None, new_rows[id(obj)])
                if created
                else row_changes.get(obj.pk),
            )
        formset.save_m2m()

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def promise_id_of(self, obj) -> int | None:
        return None


class ServiceModelAdmin(AuditedModelAdmin):
    """A ModelAdmin that creates, changes and deletes through the app's services.

    Subclasses implement `service_create(request, form)`,
    `service_update(request, stored, form)` (`stored` is a fresh copy of the row,
    untouched by the form) and `service_delete(request, obj)`, reading the values
    from `form.cleaned_data`. The services check the actor's rights, validate,
    keep the workflow state (revisions, versions, statuses) and write the audit
    entry; fields that only the workflow changes belong in `readonly_fields`.
    Not for `list_editable`: the changelist's forms hold only some fields.
    """

    def service_create(self, request, form) -> models.Model:
        raise NotImplementedError

    def service_update(self, request, stored, form) -> models.Model:
        raise NotImplementedError

    def service_delete(self, request, obj) -> None:
        raise NotImplementedError

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        model_admin = self

        class ServiceForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                if not self._errors:
                    validate_with_service(
                        self, lambda: model_admin._write(request, self, change)
                    )

        ServiceForm.__name__ = form_class.__name__
        return ServiceForm

    def _write(self, request, form, change: bool) -> models.Model:
        if change:
            stored = self.model._default_manager.get(pk=form.instance.pk)
            return self.service_update(request, stored, form)
        return self.service_create(request, form)

    def save_model(self, request, obj, form, change):
        saved = self._write(request, form, change)
        # The admin goes on with `obj` (change message, log entry, redirect).
        obj.pk = saved.pk
        obj._state.adding = False
        obj._state.db = saved._state.db
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # The services save many-to-many fields together with the row.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        self.service_delete(request, obj)


class ServiceInlineMixin:
    """For an inline whose rows are written through services.

    Implement `service_create(request, parent, form)`,
    `service_update(request, stored, form)` and `service_delete(request, obj)`.
    Use it only where the service validates no more than the row's own form does
    (its fields and constraints, and the rights that the parent's page already
    needs), since inline rows are not run through the service before saving.
    """

    def service_create(self, request, parent, form) -> models.Model:
        raise NotImplementedError

    def service_update(self, request, stored, form) -> models.Model:
        raise NotImplementedError

    def service_delete(self, request, obj) -> None:
        raise NotImplementedError

    def get_formset(self, request, obj=None, **kwargs):
        formset_class = super().get_formset(request, obj, **kwargs)
        inline = self

        class ServiceFormSet(formset_class):
            writes_through_services = True

            def save_new(self, form, commit=True):
                return inline.service_create(request, self.instance, form)

            def save_existing(self, form, obj, commit=True):
                stored = type(obj)._default_manager.get(pk=obj.pk)
                return inline.service_update(request, stored, form)

            def delete_existing(self, obj, commit=True):
                inline.service_delete(request, obj)

        return ServiceFormSet


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


@admin.register(WorkerProcess)
class WorkerProcessAdmin(ReadOnlyModelAdmin):
    """The background workers and when each was last seen (docs/operations.md)."""

    list_display = ("host", "pid", "started_at", "seen_at")
