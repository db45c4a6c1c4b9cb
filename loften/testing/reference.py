"""Reference rows for tests that commit (transaction=True).

Such a test empties every table when it ends, including the regions,
municipalities, focus areas and statuses that the data migrations loaded.
Django's serialized rollback would put them back, but not once a Playwright
browser has been started in the test session: its event loop makes Django hand
out a second connection object, one without the saved copy. So these tests load
the reference rows again themselves, with the data migrations' own functions
(then with a copy of the rows those made).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings

# Real hashing is slow on purpose; tests only need it to be correct. Every test
# hashes with these (conftest.py), module data too, so that its passwords check.
FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DATA_MIGRATIONS = (
    ("loften.geography.migrations.0002_load_reference_geography", "load"),
    ("loften.promises.migrations.0002_seed_focus_areas", "seed"),
    ("loften.followups.migrations.0002_seed_followup_statuses", "seed"),
)


# The tables those functions fill, in an order that inserts a row after the
# rows it refers to.
REFERENCE_MODELS = (
    "geography.PoliceRegion",
    "geography.County",
    "geography.Municipality",
    "promises.FocusArea",
    "followups.FollowUpStatus",
)
# The rows as the functions made them, kept by the first call in the process.
_made: dict[str, list[dict]] = {}


def reference_data_ensure() -> None:
    """Load the reference rows the data migrations make, where they are missing.

    Once the functions have run in this process, tables that a committing test
    emptied get the same rows back by a bulk copy, which is much quicker."""
    models = [apps.get_model(label) for label in REFERENCE_MODELS]
    counts = [model.objects.count() for model in models]
    if _made and counts == [len(_made[label]) for label in REFERENCE_MODELS]:
        return  # all there: the functions would find every row and add none
    if _made and not any(counts):
        for model in models:
            model.objects.bulk_create(model(**row) for row in _made[model._meta.label])
        # The copies keep their ids: sequences (PostgreSQL) must not hand them out.
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        return
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
    if not _made:
        for model in models:
            _made[model._meta.label] = list(model.objects.values())


@contextmanager
def module_data(django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The database for data a module builds once for all its tests: a
    transaction rolled back after them, with the reference rows present even when
    a test that committed ran before on the same worker and emptied the tables."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS),
        transaction.atomic(),
    ):
        reference_data_ensure()
        yield
        transaction.set_rollback(True)
