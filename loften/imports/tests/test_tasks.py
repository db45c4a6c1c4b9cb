import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from loften.imports.models import ImportJob
from loften.imports.tasks import process_import_job
from loften.testing.imports import import_people, upload


@pytest.mark.django_db(transaction=True)
def test_the_worker_reads_an_uploaded_document_in_batch_mode(reference_data):
    people = import_people()
    job = upload(actor=people.editor, organisation=people.municipality)
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("worker", "--batch")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    assert len(job.result["activities"]) == 4
    assert DBTaskResult.objects.get().return_value == "ready"


@pytest.mark.django_db
def test_the_task_reports_an_import_that_no_longer_exists():
    assert process_import_job.call(123456) == "missing"
