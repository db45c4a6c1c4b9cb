"""The pages each gunicorn worker keeps go stale at once when another process
publishes: no worker serves its copy once the shared generation has moved on."""

import os
import sqlite3
import urllib.parse
import uuid

import pytest
import requests
from django.db import connection

from loften.organisations.models import Organisation
from loften.testing.processes import (
    SharedDatabase,
    environment,
    free_port,
    python_command,
    running,
    wait_for_http,
)
from loften.testing.public import published_promise

pytestmark = pytest.mark.processes

REDIS_URL = os.environ.get("LOFTEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")
FEEDBACK = "https://synpunkter.example.se/"


def _redis():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); set LOFTEN_TEST_REDIS_URL")
    return client


def _write(database: SharedDatabase, sql: str, *params: object) -> None:
    """Change what the other processes read, as another process would."""
    if database.file is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
        return
    writer = sqlite3.connect(database.file, timeout=10)
    try:
        with writer:
            writer.execute(sql.replace("%s", "?"), params)
    finally:
        writer.close()


def test_a_publication_elsewhere_makes_every_workers_kept_page_stale(
    reference_data, tmp_path
):
    client = _redis()
    prefix = f"test-{uuid.uuid4().hex}"
    published = published_promise(activities=1, periods=0)
    place = published.promise.municipalities.get()
    organisation = published.parties.municipality
    database = SharedDatabase(tmp_path)
    port = free_port()
    command = python_command(
        "-m", "gunicorn", "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"
    )
    base = f"http://127.0.0.1:{port}"
    page = f"{base}/kommun/{urllib.parse.quote(place.slug)}/"
    env = environment(database, REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix)
    try:
        with running(command, env) as server:
            wait_for_http(page, process=server)
            session = requests.Session()
            before = [session.get(page, timeout=30) for _ in range(20)]
            table = Organisation._meta.db_table
            _write(
                database,
                f"UPDATE {table} SET feedback_url = %s WHERE id = %s",  # noqa: S608
                FEEDBACK,
                organisation.pk,
            )
            # Another process's publication: the shared generation goes up.
            client.incr(f"{prefix}:1:public:generation")
            after = [session.get(page, timeout=30) for _ in range(20)]
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    assert all(response.headers.get("X-Page-Cache") == "hit" for response in before)
    assert not any(FEEDBACK in response.text for response in before)
    assert all(FEEDBACK in response.text for response in after)
    assert after[-1].headers.get("X-Page-Cache") == "hit"
