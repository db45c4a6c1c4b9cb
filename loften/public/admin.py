from django.contrib import admin

from loften.core.admin import AuditedModelAdmin

from .models import AccessibilityReport


@admin.register(AccessibilityReport)
class AccessibilityReportAdmin(AuditedModelAdmin):
    list_display = ("created_at", "page_url", "email", "is_handled")
    list_filter = ("is_handled", "language")
    search_fields = ("description", "page_url", "email")
    readonly_fields = ("created_at", "description", "page_url", "email", "language")
    fields = (
        "created_at",
        "language",
        "page_url",
        "email",
        "description",
        "is_handled",
        "handling_note",
    )

    def has_add_permission(self, request):
        # Reports come from visitors through the public form.
        return False
