import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult


@task()
def double(number: int) -> int:
    return number * 2


@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_queued_tasks_in_batch_mode():
    result = double.enqueue(21)
    call_command("worker", "--batch")
    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == "SUCCESSFUL"
    assert stored.return_value == 42
