"""Reads of the search index: matching, filtering and ranking published text."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, Exists, F, Max, Min, OuterRef, QuerySet, When
from django.db.models.expressions import RawSQL

from loften.geography.models import Municipality
from loften.promises.models import FocusArea
from loften.publication.models import PublishedPromise

from . import schema, text
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


class RankedHits:
    """The hits of a search on SQLite, best first, counted and sliced in SQL so that
    a Paginator can page through them.

    FTS5 ranks with bm25() in one pass over the matching rows of the full-text
    table; the filters come from the ORM as a subquery of the ids they allow.
    """

    def __init__(self, matching: QuerySet[SearchEntry], match: str):
        self._matching = matching
        self._match = match

    def count(self) -> int:
        return self._matching.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self):
        return iter(self[0:])

    def __getitem__(self, index):
        if isinstance(index, int):
            return self[index : index + 1][0]
        start = index.start or 0
        limit = -1 if index.stop is None else max(0, index.stop - start)
        ids_sql, ids_params = self._matching.values("id").query.sql_with_params()
        with connections[self._matching.db].cursor() as cursor:
            cursor.execute(
                schema.SQLITE_RANKED.format(ids=ids_sql),
                [self._match, *ids_params, limit, start],
            )
            ranked = cursor.fetchall()
        entries = _for_display(SearchEntry.objects.all()).in_bulk(
            [pk for pk, _score in ranked]
        )
        hits = []
        for pk, score in ranked:
            entry = entries[pk]
            entry.rank = score
            hits.append(entry)
        return hits


def _for_display(queryset: QuerySet[SearchEntry]) -> QuerySet[SearchEntry]:
    return (
        queryset.select_related("promise", "period", "focus_area")
        .prefetch_related("promise__municipalities")
        .defer("document", "title_stems", "body_stems")
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


def search_entry_list(
    *, terms: list[str], filters: SearchFilters | None = None
) -> QuerySet[SearchEntry] | RankedHits:
    """Published entries matching every term, best first, each with a `rank`.

    `terms` come from `text.query_terms`; without terms nothing matches.
    """
    queryset = SearchEntry.objects.all()
    if not terms:
        return queryset.none()
    if connections[queryset.db].vendor == "postgresql":
        query = SearchQuery(text.tsquery(terms), search_type="raw", config="swedish")
        matching = _filtered(queryset.filter(document=query), filters)
        return (
            _for_display(matching)
            .annotate(rank=SearchRank(F("document"), query))
            .order_by("-rank", "-promise__start_date", "kind", "id")
        )
    match = text.fts5_match(terms)
    # The SQL is constant; the user's words only ever travel as a parameter.
    ids = RawSQL(schema.SQLITE_MATCHING_IDS, [match])  # noqa: S611
    return RankedHits(_filtered(queryset.filter(id__in=ids), filters), match)


def search_entry_browse(*, filters: SearchFilters) -> QuerySet[SearchEntry]:
    """Published entries matching the filters, for a search without words: the
    newest promises first, each followed by its activities and then its follow-ups
    in period order. The same query on SQLite and PostgreSQL."""
    kind_order = Case(
        When(kind=SearchEntry.Kind.PROMISE, then=0),
        When(kind=SearchEntry.Kind.ACTIVITY, then=1),
        default=2,
    )
    return (
        _for_display(_filtered(SearchEntry.objects.all(), filters))
        .annotate(kind_order=kind_order)
        .order_by(
            "-promise__start_date",
            "promise__title",
            "promise_id",
            "kind_order",
            F("period__end_date").asc(nulls_first=True),
            "object_id",
        )
    )


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
