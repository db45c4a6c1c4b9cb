"""Database-specific SQL for the search index, used by migrations, selectors and
tests.

On SQLite an FTS5 table uses `search_searchentry` as external content (it stores
no copy of the text) and triggers keep it in step with inserts, updates and
deletes, including the cascading deletes when a promise's read model is rebuilt.
On PostgreSQL a GIN index covers the tsvector column.
"""

# ruff: noqa: S608 - every statement is built from the constant names below.

TABLE = "search_searchentry"
FTS = "search_searchentry_fts"

CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    "title_stems, body_stems, "
    f"content='{TABLE}', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)

_DELETE_OLD = (
    f"INSERT INTO {FTS}({FTS}, rowid, title_stems, body_stems) "
    "VALUES ('delete', old.id, old.title_stems, old.body_stems);"
)
_INSERT_NEW = (
    f"INSERT INTO {FTS}(rowid, title_stems, body_stems) "
    "VALUES (new.id, new.title_stems, new.body_stems);"
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

# Matching on SQLite: the ids of matching entries; and one page of the matching
# entries that `{ids}` (a subquery) allows, best first, with a score. The matches
# are scored once, in one pass (MATERIALIZED keeps SQLite from looking each id up
# in the full-text index again). bm25() is lower for better hits; the title
# counts three times the body.
SQLITE_MATCHING_IDS = f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s"
SQLITE_RANKED = (
    f"WITH hits AS MATERIALIZED (SELECT rowid AS id, bm25({FTS}, 3.0, 1.0) AS score "
    f"FROM {FTS} WHERE {FTS} MATCH %s) "
    "SELECT id, -score FROM hits WHERE id IN ({ids}) "
    "ORDER BY score, id LIMIT %s OFFSET %s"
)

POSTGRES_INDEX = "search_searchentry_document_gin"
CREATE_POSTGRES_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {POSTGRES_INDEX} ON {TABLE} USING gin (document)"
)
DROP_POSTGRES_INDEX = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"

# The tsvector of every entry that has none yet; the same expression as
# `services.search_entries_rebuild` builds with the ORM.
UPDATE_POSTGRES_DOCUMENTS = (
    f"UPDATE {TABLE} SET document = "
    "setweight(to_tsvector('swedish', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('swedish', coalesce(body, '')), 'B') "
    "WHERE document IS NULL"
)
