"""Reads of the search index: matching, filtering and ranking published text."""

# ruff: noqa: S608 - the SQL is built from the models' table names and constant
# text; every value travels as a parameter.

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import connections
from django.db.models import (
    Exists,
    Max,
    Min,
    OuterRef,
    QuerySet,
    prefetch_related_objects,
)

from loften.geography.models import County, Municipality
from loften.promises.models import FocusArea
from loften.publication.models import PublishedPromise

from . import schema, text
from .documents import KIND_ORDER, OWN_TITLE
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


Ranked = tuple[list[tuple[int, float]], int]


class PromiseHits:
    """The hits of a search, one per promise, best first; counted and sliced in
    SQL so that a Paginator can page through them.

    `ranked(limit, offset)` gives one page of (promise id, score) and the number
    of matching promises in one query (one pass over the full-text index); the
    texts shown for each promise on that page are then chosen from its entries
    by their stored stems, without the full-text index.
    """

    def __init__(
        self,
        ranked: Callable[[int, int], Ranked],
        entries: QuerySet[SearchEntry],
        terms: Sequence[str],
        page_size: int = 20,
    ):
        self._ranked = ranked
        self._entries = entries
        self._terms = list(terms)
        self._stems = [text.stem(term) for term in terms]
        self._page_size = page_size
        self._pages: dict[tuple[int, int], list[tuple[int, float]]] = {}
        self._count: int | None = None

    def _page(self, limit: int, offset: int) -> list[tuple[int, float]]:
        for (known_limit, known_offset), rows in self._pages.items():
            # The Paginator asks for fewer than a page at the end.
            if known_offset == offset and 0 <= limit <= known_limit:
                return rows[:limit]
        key = (limit, offset)
        if key not in self._pages:
            rows, total = self._ranked(limit, offset)
            self._pages[key] = rows
            if rows or offset == 0:
                self._count = total
        return self._pages[key]

    def prepare(self, *, limit: int, offset: int) -> None:
        """Rank and count the page that will be shown in one query, so that the
        Paginator's count does not rank the first page as well."""
        if limit > 0 and offset >= 0:
            self._page(limit, offset)

    def count(self) -> int:
        if self._count is None:
            self._page(self._page_size, 0)
        if self._count is None:  # an offset beyond the last promise
            self._count = self._ranked(1, 0)[1]
        return self._count

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
        ids = [promise_id for promise_id, _score in self._page(limit, start)]
        # Every text of these promises that the filters allow, as plain values:
        # those that hold every query word (by their stored stems) are the hits.
        grouped: dict[int, list[tuple]] = {promise_id: [] for promise_id in ids}
        for row in self._entries.filter(promise_id__in=ids).values_list(
            "id",
            "promise_id",
            "kind",
            "object_id",
            "period_id",
            "title",
            "body",
            "title_stems",
            "body_stems",
            "context_stems",
        ):
            if self._holds_every_word(row):
                grouped[row[1]].append(row)
        chosen: dict[int, list[int]] = {}
        for promise_id, rows in grouped.items():
            rows.sort(key=self._order)
            chosen[promise_id] = [row[0] for row in rows[:ENTRIES_PER_HIT]]
        shown = _for_display(
            SearchEntry.objects.filter(
                id__in=[pk for pks in chosen.values() for pk in pks]
            )
        ).select_related("promise")
        entries = {entry.pk: entry for entry in shown}
        promises = {entry.promise_id: entry.promise for entry in entries.values()}
        missing = [promise_id for promise_id in ids if promise_id not in promises]
        if missing:
            promises.update(PublishedPromise.objects.in_bulk(missing))
        prefetch_related_objects(list(promises.values()), "municipalities")
        return [
            PromiseHit(
                promise=promises[promise_id],
                entries=[entries[pk] for pk in chosen[promise_id]],
                matches=len(grouped[promise_id]),
            )
            for promise_id in ids
        ]

    def _holds_every_word(self, row: tuple) -> bool:
        if not self._stems:
            return True
        stems = f"{row[7]} {row[8]} {row[9]}".split()
        return all(any(s.startswith(wanted) for s in stems) for wanted in self._stems)

    def _order(self, row: tuple) -> tuple:
        # The texts with the words in their own title, then in their text, first;
        # then in the order of the promise page; follow-ups the latest first.
        _pk, _promise, kind, object_id, period_id, title, body = row[:7]
        own = kind in OWN_TITLE
        in_title = len(text.matched_terms(title, self._terms)) if own else 0
        in_body = len(text.matched_terms(body, self._terms))
        return (
            -(3 * in_title + in_body),
            KIND_ORDER.index(kind),
            -(period_id or 0),
            object_id,
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


def _filter_sql(filters: SearchFilters) -> tuple[str, list]:
    """The filters as conditions on the entry `e`, for the ranking queries.

    Written out rather than taken from the ORM so that each is a plain condition
    on the entry (or a small subquery of promise ids) that both databases plan
    well next to the full-text match.
    """
    conditions: list[str] = []
    params: list = []
    places = PublishedPromise.municipalities.through._meta.db_table
    municipality = Municipality._meta.db_table
    if filters.municipality:
        conditions.append(
            f"e.promise_id IN (SELECT pm.publishedpromise_id FROM {places} pm "
            f"JOIN {municipality} m ON m.id = pm.municipality_id WHERE m.slug = %s)"
        )
        params.append(filters.municipality)
    if filters.county:
        county = County._meta.db_table
        conditions.append(
            f"e.promise_id IN (SELECT pm.publishedpromise_id FROM {places} pm "
            f"JOIN {municipality} m ON m.id = pm.municipality_id "
            f"JOIN {county} c ON c.id = m.county_id WHERE c.code = %s)"
        )
        params.append(filters.county)
    if filters.year is not None:
        conditions.append("e.first_year <= %s AND e.last_year >= %s")
        params += [filters.year, filters.year]
    if filters.focus_area:
        conditions.append(
            f"e.focus_area_id IN (SELECT id FROM {FocusArea._meta.db_table} "
            "WHERE slug = %s)"
        )
        params.append(filters.focus_area)
    column = {
        RESPONSIBLE_POLICE: "responsible_police",
        RESPONSIBLE_MUNICIPALITY: "responsible_municipality",
        RESPONSIBLE_PARTNER: "responsible_partner",
    }.get(filters.responsible)
    if column:
        conditions.append(f"e.{column} = %s")
        params.append(True)
    return " AND ".join(conditions), params


def _run(db: str, sql: str, params: list) -> Ranked:
    if params[-2] < 0 and connections[db].vendor == "postgresql":
        params[-2] = None  # no limit: PostgreSQL's LIMIT NULL, SQLite's LIMIT -1
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    total = rows[0][2] if rows else 0
    return [(row[0], float(row[1])) for row in rows], total


def search_promise_list(
    *, terms: list[str], filters: SearchFilters | None = None
) -> PromiseHits:
    """The published promises with a text that matches every term (and the
    filters), one hit per promise, the best first.

    `terms` come from `text.query_terms`; without terms nothing matches.
    """
    filters = filters or SearchFilters()
    db = SearchEntry.objects.db
    entries = _filtered(SearchEntry.objects.all(), _entry_filters(filters))
    if not terms:
        return PromiseHits(lambda limit, offset: ([], 0), entries.none(), terms)
    where, params = _filter_sql(filters)
    where = f"AND {where}" if where else ""
    if connections[db].vendor == "postgresql":
        sql = schema.POSTGRES_RANKED_PROMISES.format(where=where)
        match = text.tsquery(terms)
    else:
        sql = schema.SQLITE_RANKED_PROMISES.format(where=where)
        match = text.fts5_match(terms)

    def ranked(limit: int, offset: int) -> Ranked:
        # The SQL is constant; the user's words only ever travel as a parameter.
        return _run(db, sql, [match, *params, limit, offset])

    return PromiseHits(ranked, entries, terms)


def search_promise_browse(*, filters: SearchFilters) -> PromiseHits:
    """The published promises with a text that matches the filters, for a search
    without words: the newest promise first, each with its texts in the order of
    its page. The same query on SQLite and PostgreSQL."""
    db = SearchEntry.objects.db
    where, params = _filter_sql(filters)
    sql = schema.BROWSE_PROMISES.format(where=f"WHERE {where}" if where else "")
    entries = _filtered(SearchEntry.objects.all(), _entry_filters(filters))

    def ranked(limit: int, offset: int) -> Ranked:
        return _run(db, sql, [*params, limit, offset])

    return PromiseHits(ranked, entries, [])


def _entry_filters(filters: SearchFilters) -> SearchFilters:
    # The promises are chosen already; only what narrows their texts is left.
    return SearchFilters(
        year=filters.year,
        focus_area=filters.focus_area,
        responsible=filters.responsible,
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
