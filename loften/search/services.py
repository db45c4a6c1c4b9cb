"""Writes of the search index. Rebuilt when the public read model is (on its
`read_model_rebuilt` signal, in its transaction), so the index always shows
exactly what is published."""

from typing import Any

from django.db import connections, transaction
from django.db.models.expressions import RawSQL

from loften.publication.models import PublishedPromise

from . import schema
from .documents import documents_from_snapshot, index_fields
from .models import SearchEntry


def search_entries_on_read_model_rebuilt(
    *, promise_id: int, snapshot: dict[str, Any], **kwargs: Any
) -> None:
    """Receiver of `publication.signals.read_model_rebuilt`."""
    search_entries_rebuild(promise_id=promise_id, snapshot=snapshot)


def search_entries_rebuild(*, promise_id: int, snapshot: dict[str, Any]) -> int:
    """Replace the promise's search entries with those of `snapshot`; the count."""
    SearchEntry.objects.filter(promise_id=promise_id).delete()
    entries = SearchEntry.objects.bulk_create(
        SearchEntry(**index_fields(promise_id, document))
        for document in documents_from_snapshot(snapshot)
    )
    if connections[SearchEntry.objects.db].vendor == "postgresql":
        SearchEntry.objects.filter(promise_id=promise_id).update(
            # Constant SQL over the entry's own columns.
            document=RawSQL(schema.POSTGRES_DOCUMENT, [])  # noqa: S611
        )
    return len(entries)


def search_index_rebuild_all() -> int:
    """Rebuild every published promise's entries from its current version, one
    promise per transaction (after a restore, or when the stemming rules change).
    The number of entries written."""
    written = 0
    promises = PublishedPromise.objects.select_related("version").only(
        "id", "version__snapshot"
    )
    for published in promises.iterator(chunk_size=100):
        with transaction.atomic():
            written += search_entries_rebuild(
                promise_id=published.pk, snapshot=published.version.snapshot
            )
    return written
