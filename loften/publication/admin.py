from django.contrib import admin

from loften.core.admin import ReadOnlyModelAdmin

from .models import Approval, PromiseVersion


@admin.register(PromiseVersion)
class PromiseVersionAdmin(ReadOnlyModelAdmin):
    list_display = (
        "promise",
        "number",
        "kind",
        "period",
        "published_at",
        "published_by",
    )
    list_filter = ("kind",)
    search_fields = ("promise__title",)


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyModelAdmin):
    list_display = (
        "promise",
        "period",
        "organisation",
        "user",
        "revision",
        "created_at",
    )
    list_filter = ("organisation",)
    search_fields = ("promise__title", "user__username")
