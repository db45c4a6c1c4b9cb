"""The search index: one row per published text (see `documents`): the promise, its
lägesbild, commitments, activities, effect measures, signatories and follow-ups.

Rows are rebuilt with the public read model whenever a version is published
(`services.search_entries_rebuild`), so only published text is ever searchable.

Both databases match the same folded Snowball stems (`title_stems`, `body_stems`
and `context_stems`, made by `text.stemmed`; see docs/public-site.md):
- PostgreSQL: `document` is a tsvector of those stems made with the `simple`
  configuration (title weight A, text B, context D), with a GIN index.
- SQLite: an FTS5 table, `search_searchentry_fts`, indexes the stems as external
  content and is kept in step by triggers. A later migration that makes SQLite
  rebuild this table drops those triggers and must create them again
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
        SITUATION = documents.SITUATION, _("Situational picture")
        COMMITMENT = documents.COMMITMENT, _("We promise")
        ACTIVITY = documents.ACTIVITY, _("Activity")
        INDICATOR = documents.INDICATOR, _("Indicator")
        SIGNATORIES = documents.SIGNATORIES, _("Signed by")
        FOLLOWUP = documents.FOLLOWUP, _("Follow-up")

    promise = models.ForeignKey(
        PublishedPromise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="search_entries",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField(
        _("id of the promise, commitment, activity, indicator or follow-up")
    )
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
    # The promise's title, places and police area: matched, never shown.
    context_stems = models.TextField(_("stemmed context"), blank=True)
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
        indexes = [
            models.Index(fields=["first_year", "last_year"]),
            models.Index(fields=["promise", "kind"], name="search_entry_promise_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title[:60]}"

    @property
    def shows_title(self) -> bool:
        """Whether the title is this text's own (not the promise's title)."""
        return self.kind in documents.OWN_TITLE

    @property
    def anchor(self) -> str:
        """Where on the promise page this text is (without '#'), or ''."""
        return _ANCHORS.get(self.kind, "").format(id=self.object_id)


# The ids the promise page gives its sections and items.
_ANCHORS = {
    documents.SITUATION: "lagesbild",
    documents.COMMITMENT: "loften",
    documents.ACTIVITY: "aktivitet-{id}",
    documents.INDICATOR: "indikator-{id}",
    documents.SIGNATORIES: "undertecknat",
    documents.FOLLOWUP: "uppfoljning-{id}",
}
