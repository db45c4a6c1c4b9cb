from django.contrib import admin

from loften.core.admin import ReadOnlyModelAdmin

from .models import GeneratedReport


@admin.register(GeneratedReport)
class GeneratedReportAdmin(ReadOnlyModelAdmin):
    list_display = (
        "promise",
        "period",
        "format",
        "kind",
        "language",
        "status",
        "created_at",
        "finished_at",
    )
    list_filter = ("status", "kind", "format")
    search_fields = ("promise__title",)
    exclude = ("source",)
