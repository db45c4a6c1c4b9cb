"""Reads of the search index: matching, filtering and ranking published text."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    QuerySet,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL

from loften.geography.models import Municipality
from loften.promises.models import FocusArea
from loften.publication.models import PublishedPromise

from . import schema, text
from .documents import KIND_ORDER
from .models import SearchEntry

RESPONSIBLE_POLICE = "polisen"
RESPONSIBLE_MUNICIPALITY = "kommunen"
RESPONSIBLE_PARTNER = "annan"


@dataclass(frozen=True)
class SearchFilters:
    """What a search may be narrowed to; empty values do not narrow."""

    municipality: str = ""  # Municipality.slug
    county: str = ""  # County.code
    year: int | None = None
    focus_area: str = ""  # FocusArea.slug
    responsible: str = ""  # one of the RESPONSIBLE_* values

    @property
    def narrows(self) -> bool:
        """Whether any filter is set."""
        return any(
            (
                self.municipality,
                self.county,
                self.year is not None,
                self.focus_area,
                self.responsible,
            )
        )


@dataclass
class PromiseHit:
    """One published promise that matches, with its best-matching texts."""

    promise: PublishedPromise
    entries: list[SearchEntry]  # the best few, best first
    matches: int  # how many of its texts match

    @property
    def more(self) -> int:
        """How many matching texts are not shown."""
        return self.matches - len(self.entries)


class PromiseHits:
    """The hits of a search, one per promise, best first; counted and sliced in
    SQL so that a Paginator can page through them.

    `ranked(limit, offset)` gives one page of (promise id, score); the texts shown
    for each promise on that page are read in one more query.
    """

    def __init__(
        self,
        entries: QuerySet[SearchEntry],
        ranked: Callable[[int, int], list[tuple[int, float]]],
        terms: Sequence[str],
    ):
        self._entries = entries
        self._ranked = ranked
        self._terms = list(terms)

    def count(self) -> int:
        return self._entries.values("promise_id").distinct().count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[0:])

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        limit = -1 if index.stop is None else max(0, index.stop - start)
        if limit == 0:
            return []
        ranked = self._ranked(limit, start)
        ids = [promise_id for promise_id, _score in ranked]
        grouped: dict[int, list[SearchEntry]] = {promise_id: [] for promise_id in ids}
        promises: dict[int, PublishedPromise] = {}
        entries = _for_display(self._entries.filter(promise_id__in=ids))
        for entry in entries.select_related("promise"):
            grouped[entry.promise_id].append(entry)
            promises.setdefault(entry.promise_id, entry.promise)
        prefetch_related_objects(list(promises.values()), "municipalities")
        hits = []
        for promise_id in ids:
            entries = sorted(grouped[promise_id], key=self._order)
            hits.append(
                PromiseHit(
                    promise=promises[promise_id],
                    entries=entries[:ENTRIES_PER_HIT],
                    matches=len(entries),
                )
            )
        return hits

    def _order(self, entry: SearchEntry) -> tuple:
        # The texts where the words are in the title, then in the text, first;
        # then in the order of the promise page; follow-ups the latest first.
        in_title = len(text.matched_terms(entry.title, self._terms))
        in_body = len(text.matched_terms(entry.body, self._terms))
        shown_title = in_title if entry.shows_title else 0
        return (
            -(3 * shown_title + in_body),
            KIND_ORDER.index(entry.kind),
            -(entry.period_id or 0),
            entry.object_id,
        )


ENTRIES_PER_HIT = 3


def _for_display(queryset: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    return queryset.select_related("period", "focus_area").defer(
        "document", "title_stems", "body_stems", "context_stems"
    )


def _filtered(
    queryset: QuerySet[SearchEntry], filters: SearchFilters | None
) -> QuerySet[SearchEntry]:
    filters = filters or SearchFilters()
    if filters.municipality or filters.county:
        promises = PublishedPromise.objects.all()
        if filters.municipality:
            promises = promises.filter(municipalities__slug=filters.municipality)
        if filters.county:
            promises = promises.filter(municipalities__county__code=filters.county)
        queryset = queryset.filter(promise__in=promises.values("id"))
    if filters.year is not None:
        queryset = queryset.filter(
            first_year__lte=filters.year, last_year__gte=filters.year
        )
    if filters.focus_area:
        queryset = queryset.filter(focus_area__slug=filters.focus_area)
    if filters.responsible == RESPONSIBLE_POLICE:
        queryset = queryset.filter(responsible_police=True)
    elif filters.responsible == RESPONSIBLE_MUNICIPALITY:
        queryset = queryset.filter(responsible_municipality=True)
    elif filters.responsible == RESPONSIBLE_PARTNER:
        queryset = queryset.filter(responsible_partner=True)
    return queryset


def search_promise_list(
    *, terms: list[str], filters: SearchFilters | None = None
) -> PromiseHits:
    """The published promises with a text that matches every term (and the
    filters), one hit per promise, the best first.

    `terms` come from `text.query_terms`; without terms nothing matches.
    """
    filters = filters or SearchFilters()
    entries = SearchEntry.objects.all()
    if not terms:
        return PromiseHits(entries.none(), lambda limit, offset: [], terms)
    if connections[entries.db].vendor == "postgresql":
        query = SearchQuery(text.tsquery(terms), search_type="raw", config="simple")
        matching = _filtered(entries.filter(document=query), filters)

        def ranked(limit: int, offset: int) -> list[tuple[int, float]]:
            rows = (
                matching.values("promise_id")
                .annotate(score=Max(SearchRank(F("document"), query)))
                .order_by("-score", "promise_id")
                .values_list("promise_id", "score")
            )
            return list(rows[offset:] if limit < 0 else rows[offset : offset + limit])

        return PromiseHits(matching, ranked, terms)

    match = text.fts5_match(terms)
    # The SQL is constant; the user's words only ever travel as a parameter.
    ids = RawSQL(schema.SQLITE_MATCHING_IDS, [match])  # noqa: S611
    matching = _filtered(entries.filter(id__in=ids), filters)
    allowed = _filtered(SearchEntry.objects.all(), filters)

    def ranked_sqlite(limit: int, offset: int) -> list[tuple[int, float]]:
        if filters.narrows:
            sql, params = allowed.values("id").query.sql_with_params()
            statement = schema.SQLITE_RANKED_PROMISES.format(
                where=f"WHERE e.id IN ({sql})"
            )
        else:
            statement, params = schema.SQLITE_RANKED_PROMISES.format(where=""), ()
        with connections[entries.db].cursor() as cursor:
            cursor.execute(statement, [match, *params, limit, offset])
            return [(row[0], row[1]) for row in cursor.fetchall()]

    return PromiseHits(matching, ranked_sqlite, terms)


def search_promise_browse(*, filters: SearchFilters) -> PromiseHits:
    """The published promises with a text that matches the filters, for a search
    without words: the newest promise first, each with its texts in the order of
    its page. The same query on SQLite and PostgreSQL."""
    matching = _filtered(SearchEntry.objects.all(), filters)

    def ranked(limit: int, offset: int) -> list[tuple[int, float]]:
        rows = (
            matching.values("promise_id", "promise__start_date", "promise__title")
            .annotate(n=Count("id"))
            .order_by("-promise__start_date", "promise__title", "promise_id")
            .values_list("promise_id", "n")
        )
        return list(rows[offset:] if limit < 0 else rows[offset : offset + limit])

    return PromiseHits(matching, ranked, [])


@dataclass(frozen=True)
class FilterChoices:
    """The values the search filters offer: those that occur in published text."""

    municipalities: list[tuple[str, str]]  # (slug, name)
    counties: list[tuple[str, str]]  # (code, name)
    years: list[int]
    focus_areas: list[tuple[str, str]]  # (slug, name)


def search_filter_choices() -> FilterChoices:
    places = list(
        Municipality.objects.filter(
            Exists(PublishedPromise.objects.filter(municipalities=OuterRef("pk")))
        )
        .select_related("county")
        .order_by("name")
    )
    counties = sorted({(m.county.code, m.county.name) for m in places})
    span = SearchEntry.objects.aggregate(first=Min("first_year"), last=Max("last_year"))
    years = list(range(span["last"], span["first"] - 1, -1)) if span["first"] else []
    focus_areas = list(
        FocusArea.objects.filter(
            Exists(SearchEntry.objects.filter(focus_area=OuterRef("pk")))
        )
        .order_by("order", "name")
        .values_list("slug", "name")
    )
    return FilterChoices(
        municipalities=[(m.slug, m.name) for m in places],
        counties=counties,
        years=years,
        focus_areas=focus_areas,
    )
