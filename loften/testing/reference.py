"""Reference rows for tests that commit (transaction=True).

Such a test empties every table when it ends, including the regions,
municipalities, focus areas and statuses that the data migrations loaded.
Django's serialized rollback would put them back, but not once a Playwright
browser has been started in the test session: its event loop makes Django hand
out a second connection object, one without the saved copy. So these tests load
the reference rows again themselves, with the data migrations' own functions.
"""

from importlib import import_module

from django.apps import apps

DATA_MIGRATIONS = (
    ("loften.geography.migrations.0002_load_reference_geography", "load"),
    ("loften.promises.migrations.0002_seed_focus_areas", "seed"),
    ("loften.followups.migrations.0002_seed_followup_statuses", "seed"),
)


def reference_data_ensure() -> None:
    """Load the reference rows the data migrations make, where they are missing."""
    for module, function in DATA_MIGRATIONS:
        getattr(import_module(module), function)(apps, None)
