"""Citizens' e-mail subscriptions in the admin: only the citizen makes and
confirms one (double opt-in); an administrator can find an address, for a
request to be forgotten or a complaint, and delete it. The secret token of the
links is never shown, and the audit entry of a deletion names what was followed,
not the address."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loften.core.admin import AuditedModelAdmin

from .models import Subscription


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Not confirmed yet"))]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(confirmed_at__isnull=self.value() == "no")
        return queryset


@admin.register(Subscription)
class SubscriptionAdmin(AuditedModelAdmin):
    list_display = ("email", "follows", "language", "created_at", "confirmed_at")
    list_filter = (ConfirmedFilter, "language")
    list_select_related = ("municipality", "promise")
    search_fields = ("email",)
    date_hierarchy = "created_at"
    fields = readonly_fields = (
        "email",
        "municipality",
        "promise",
        "language",
        "created_at",
        "confirmed_at",
    )

    @admin.display(description=_("follows"))
    def follows(self, obj: Subscription) -> str:
        return str(obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
