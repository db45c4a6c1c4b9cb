"""Database-specific SQL for the search index, used by migrations, selectors and
tests.

On SQLite an FTS5 table uses `search_searchentry` as external content (it stores
no copy of the text) and triggers keep it in step with inserts, updates and
deletes, including the cascading deletes when a promise's read model is rebuilt.
On PostgreSQL a GIN index covers the tsvector column. Both index the same folded
Snowball stems (`text.stemmed`).
"""

# ruff: noqa: S608 - every statement is built from the constant names below.

TABLE = "search_searchentry"
FTS = "search_searchentry_fts"
COLUMNS = "title_stems, body_stems, context_stems"

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    f"{COLUMNS}, "
    f"content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)

_DELETE_OLD = (
    f"INSERT INTO {FTS}({FTS}, rowid, {COLUMNS}) "
    "VALUES ('delete', old.id, old.title_stems, old.body_stems, old.context_stems);"
)
_INSERT_NEW = (
    f"INSERT INTO {FTS}(rowid, {COLUMNS}) "
    "VALUES (new.id, new.title_stems, new.body_stems, new.context_stems);"
)

TRIGGER_NAMES = [f"{TABLE}_fts_insert", f"{TABLE}_fts_delete", f"{TABLE}_fts_update"]
CREATE_TRIGGERS = [
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_insert AFTER INSERT ON {TABLE} "
    f"BEGIN {_INSERT_NEW} END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_delete AFTER DELETE ON {TABLE} "
    f"BEGIN {_DELETE_OLD} END",
    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_update AFTER UPDATE ON {TABLE} "
    f"BEGIN {_DELETE_OLD} {_INSERT_NEW} END",
]

DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGER_NAMES] + [
    f"DROP TABLE IF EXISTS {FTS}"
]

# The ids of the entries that match an FTS5 query.
SQLITE_MATCHING_IDS = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"

# One page of the promises with a matching entry that `{where}` (empty, or
# "AND" and conditions on the entry `e` from the filters) allows, best first, and
# how many promises match in all (counted after grouping, in the same pass):
# each promise scored by its best entry. On SQLite bm25() is lower for better
# hits (the title counts three times the text and the context a tenth);
# MATERIALIZED scores the matches once, in one pass over the full-text index.
SQLITE_RANKED_PROMISES = (
    f"WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25({FTS}, 3.0, 1.0, 0.1) "
    f"AS score FROM {FTS} WHERE {FTS} MATCH %s) "
    "SELECT e.promise_id, -min(hits.score) AS best, count(*) OVER () AS total "
    f"FROM hits JOIN {TABLE} e ON e.id = hits.id WHERE 1 = 1 {{where}} "
    "GROUP BY e.promise_id ORDER BY best DESC, e.promise_id LIMIT %s OFFSET %s"
)
POSTGRES_RANKED_PROMISES = (
    "SELECT e.promise_id, max(ts_rank(e.document, q.query)) AS best, "
    "count(*) OVER () AS total "
    f"FROM {TABLE} e, to_tsquery('simple', %s) AS q(query) "
    "WHERE e.document @@ q.query {where} "
    "GROUP BY e.promise_id ORDER BY best DESC, e.promise_id LIMIT %s OFFSET %s"
)
# Filters without words: the promises with an entry they allow, the newest first.
BROWSE_PROMISES = (
    "SELECT e.promise_id, count(*) AS n, count(*) OVER () AS total "
    f"FROM {TABLE} e JOIN publication_publishedpromise p ON p.id = e.promise_id "
    "{where} GROUP BY e.promise_id, p.start_date, p.title "
    "ORDER BY p.start_date DESC, p.title, e.promise_id LIMIT %s OFFSET %s"
)

POSTGRES_INDEX = "search_searchentry_document_gin"
CREATE_POSTGRES_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON {TABLE} USING gin (document)"
)
DROP_POSTGRES_INDEX = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"

# The tsvector of the stems, as `services.search_entries_rebuild` builds it with the
# ORM. `simple` only splits at the spaces between stems: the stemming is done.
POSTGRES_DOCUMENT = (
    "setweight(to_tsvector('simple', coalesce(title_stems, '')), 'A') || "
    "setweight(to_tsvector('simple', coalesce(body_stems, '')), 'B') || "
    "setweight(to_tsvector('simple', coalesce(context_stems, '')), 'D')"
)
UPDATE_POSTGRES_DOCUMENTS = f"UPDATE {TABLE} SET document = {POSTGRES_DOCUMENT}"
