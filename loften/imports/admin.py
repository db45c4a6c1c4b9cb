from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from loften.core.admin import ReadOnlyModelAdmin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyModelAdmin):
    """Imports are records of where drafts came from; they change only through
    the import pages and the worker."""

    list_display = (
        "created_at",
        "original_name",
        "organisation",
        "uploaded_by",
        "status",
        "promise",
    )
    list_filter = ("status", "file_type")
    search_fields = ("original_name", "source_url", "sha256", "organisation__name")
    date_hierarchy = "created_at"
    list_select_related = ("organisation", "uploaded_by", "promise")
    # The parse result and the source text are shown on the import's own page,
    # which also serves the file to those allowed to fetch it.
    exclude = ("result", "source_blocks", "source")
    readonly_fields = ("import_page",)

    @admin.display(description=_("import page"))
    def import_page(self, obj: ImportJob) -> str:
        url = reverse("imports:job", kwargs={"job_id": obj.pk})
        return format_html('<a href="{}">{}</a>', url, obj.original_name)
