"""/health/ tells a load balancer whether this process can serve."""

from unittest import mock

import pytest
from django.utils import timezone

from loften.core.models import WorkerProcess

pytestmark = pytest.mark.django_db


def test_a_healthy_process_answers_ok(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "workers": 0,
    }
    assert "no-cache" in response["Cache-Control"]


def test_the_workers_seen_lately_are_counted(client):
    now = timezone.now()
    WorkerProcess.objects.create(
        worker_id="w1", host="h", pid=1, started_at=now, seen_at=now
    )
    assert client.get("/health/").json()["workers"] == 1


def test_a_cache_that_fails_makes_the_check_fail(client):
    with mock.patch("loften.core.views.cache.set", side_effect=ConnectionError):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"] == "failed"
    assert response.json()["database"] == "ok"


def test_a_database_that_fails_makes_the_check_fail(client):
    from django.db import OperationalError

    with mock.patch(
        "loften.core.views.connection.cursor", side_effect=OperationalError
    ):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "failed"
