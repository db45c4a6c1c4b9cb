import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from loften.imports.models import ImportJob, source_upload_to
from loften.testing import factories

pytestmark = pytest.mark.django_db

SHA = "a" * 64


def job(**values):
    fields = {"original_name": "x.txt", "size": 1, "sha256": SHA}
    fields.update(values)
    return ImportJob(**fields)


@pytest.mark.parametrize(
    "values",
    [
        # A draft promise only on an accepted import.
        {"status": "ready", "result": {}, "promise": "promise"},
        # Accepted exactly when it has a time of acceptance.
        {"status": "accepted", "result": {}},
        {"status": "ready", "result": {}, "accepted_at": "now"},
        # A failure says why; nothing else has an error.
        {"status": "failed"},
        {"status": "queued", "error_code": "binary"},
        # A read import has its result.
        {"status": "ready"},
        {"sha256": "not a checksum"},
        {"status": "lost"},
    ],
)
def test_the_database_refuses_an_inconsistent_import(values):
    if values.get("promise") == "promise":
        values["promise"] = factories.PromiseFactory()
    if values.get("accepted_at") == "now":
        values["accepted_at"] = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        job(**values).save()


def test_the_database_accepts_the_states_an_import_goes_through():
    promise = factories.PromiseFactory()
    job(status="queued").save()
    job(status="processing").save()
    job(status="failed", error_code="binary", error_message="Binärt.").save()
    job(status="ready", result={"activities": []}).save()
    job(
        status="accepted", result={}, promise=promise, accepted_at=timezone.now()
    ).save()
    job(status="accepted", result={}, accepted_at=timezone.now()).save()
    assert ImportJob.objects.count() == 6


def test_stored_files_get_a_random_name_with_a_safe_extension():
    first = source_upload_to(None, "Medborgarlöfte 2026.PDF")
    second = source_upload_to(None, "Medborgarlöfte 2026.PDF")
    assert first.startswith("imports/") and first.endswith(".pdf")
    assert first != second
    assert "Medborgarlöfte" not in first
    assert not source_upload_to(None, "x.p$f").endswith("$f")
    assert "." not in source_upload_to(None, "README").rsplit("/", 1)[1]
