"""What the editors were told and which reminders went out, for an
administrator answering "did anyone tell us?". Read only: notifications are
made by the services and read by their recipient."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from loften.core.admin import ReadOnlyModelAdmin

from .models import Notification, ReminderSent


class _DoneFilter(admin.SimpleListFilter):
    field: str

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() in {"yes", "no"}:
            return queryset.filter(**{f"{self.field}__isnull": self.value() == "no"})
        return queryset


class ReadFilter(_DoneFilter):
    title = _("read")
    parameter_name = "read"
    field = "read_at"


class EmailedFilter(_DoneFilter):
    title = _("e-mailed")
    parameter_name = "emailed"
    field = "emailed_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin):
    list_display = (
        "created_at",
        "recipient",
        "kind",
        "promise",
        "read_at",
        "emailed_at",
    )
    list_filter = ("kind", ReadFilter, EmailedFilter)
    list_select_related = ("recipient", "promise")
    search_fields = ("recipient__username", "recipient__full_name", "promise__title")
    date_hierarchy = "created_at"


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyModelAdmin):
    list_display = ("sent_on", "promise", "period", "key", "due_date")
    list_filter = ("key",)
    list_select_related = ("promise", "period")
    search_fields = ("promise__title",)
    date_hierarchy = "sent_on"
