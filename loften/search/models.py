"""The search index: one row per published promise, activity and follow-up.

Rows are rebuilt with the public read model whenever a version is published
(`services.search_entries_rebuild`), so only published text is ever searchable.

Each database matches in its own way (see docs/public-site.md):
- PostgreSQL: `document` is a tsvector made with the `swedish` configuration
  (title weighted above body), with a GIN index created by migration 0001.
- SQLite: `title_stems` and `body_stems` hold the Snowball stems; an FTS5 table,
  `search_searchentry_fts`, indexes them as external content and is kept in step by
  triggers created by migration 0001. A later migration that makes SQLite rebuild
  this table drops those triggers and must create them again
  (`loften.search.schema`); a test checks they exist.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from loften.followups.models import ReportingPeriod
from loften.promises.models import FocusArea
from loften.publication.models import PublishedPromise

from . import documents


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        PROMISE = documents.PROMISE, _("Citizen promise")
        ACTIVITY = documents.ACTIVITY, _("Activity")
        FOLLOWUP = documents.FOLLOWUP, _("Follow-up")

    promise = models.ForeignKey(
        PublishedPromise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="search_entries",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField(_("id of the promise, activity or follow-up"))
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_year = models.PositiveIntegerField(_("first year"))
    last_year = models.PositiveIntegerField(_("last year"))
    responsible_police = models.BooleanField(_("the police are responsible"))
    responsible_municipality = models.BooleanField(_("the municipality is responsible"))
    responsible_partner = models.BooleanField(_("another partner is responsible"))
    title = models.TextField(_("title"))
    body = models.TextField(_("text"), blank=True)
    title_stems = models.TextField(_("stemmed title"), blank=True)
    body_stems = models.TextField(_("stemmed text"), blank=True)
    # Filled on PostgreSQL only; SQLite matches through its FTS5 table instead.
    document = SearchVectorField(_("search document"), null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_unique_object"
            ),
            models.CheckConstraint(
                condition=models.Q(first_year__lte=models.F("last_year")),
                name="search_entry_years_in_order",
            ),
        ]
        indexes = [models.Index(fields=["first_year", "last_year"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title[:60]}"
