"""The admin of organisations and memberships, writing through their services."""

from django.contrib import admin

from loften.core.admin import ServiceInlineMixin, ServiceModelAdmin

from . import services
from .models import Membership, Organisation


class MembershipInline(ServiceInlineMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ("user", "role")
    autocomplete_fields = ("user",)

    def service_create(self, request, parent, form):
        return services.membership_set(
            actor=request.user,
            user=form.cleaned_data["user"],
            organisation=parent,
            role=form.cleaned_data["role"],
        )

    def service_update(self, request, stored, form):
        user = form.cleaned_data["user"]
        if user != stored.user:
            # The row now names someone else: the first user leaves.
            services.membership_remove(actor=request.user, membership=stored)
        return services.membership_set(
            actor=request.user,
            user=user,
            organisation=stored.organisation,
            role=form.cleaned_data["role"],
        )

    def service_delete(self, request, obj):
        services.membership_remove(actor=request.user, membership=obj)


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    list_display = ("name", "kind", "municipality", "police_area")
    list_filter = ("kind",)
    search_fields = ("name",)
    autocomplete_fields = ("municipality", "police_area")
    readonly_fields = ("created_at",)
    inlines = [MembershipInline]

    def _values(self, form) -> dict:
        data = form.cleaned_data
        return {name: data[name] for name in services.ORGANISATION_FIELDS}

    def service_create(self, request, form):
        return services.organisation_create(actor=request.user, **self._values(form))

    def service_update(self, request, stored, form):
        return services.organisation_update(
            organisation=stored, actor=request.user, **self._values(form)
        )

    def service_delete(self, request, obj):
        # Promises, approvals and activities protect an organisation that is
        # used; one that is not can go, with its memberships.
        for membership in obj.memberships.all():
            services.membership_remove(actor=request.user, membership=membership)
        super(ServiceModelAdmin, self).delete_model(request, obj)


@admin.register(Membership)
class MembershipAdmin(ServiceModelAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role", "organisation__kind")
    search_fields = ("user__username", "user__full_name", "organisation__name")
    autocomplete_fields = ("user", "organisation")
    readonly_fields = ("created_at",)

    def get_readonly_fields(self, request, obj=None):
        # A membership is one user's in one organisation; change only the role.
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "user", "organisation") if obj is not None else fields

    def service_create(self, request, form):
        return services.membership_set(
            actor=request.user,
            user=form.cleaned_data["user"],
            organisation=form.cleaned_data["organisation"],
            role=form.cleaned_data["role"],
        )

    def service_update(self, request, stored, form):
        return services.membership_set(
            actor=request.user,
            user=stored.user,
            organisation=stored.organisation,
            role=form.cleaned_data["role"],
        )

    def service_delete(self, request, obj):
        services.membership_remove(actor=request.user, membership=obj)
