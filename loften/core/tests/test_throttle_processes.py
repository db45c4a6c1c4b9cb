"""The login throttle holds across the web server's processes: gunicorn with
several workers, each restarted after every request, so that no two requests
share a process's memory. It counts in the shared cache: Redis, or the
database cache that production uses without Redis."""

import os
import re
import uuid

import pytest
import requests

from loften.testing import factories
from loften.testing.processes import (
    SharedDatabase,
    environment,
    free_port,
    python_command,
    running,
    wait_for_http,
)

pytestmark = pytest.mark.processes

REDIS_URL = os.environ.get("LOFTEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/2")


def _cache_environment(kind: str) -> dict[str, str]:
    if kind == "database":
        return {"DATABASE_CACHE": "true"}
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"no Redis at {REDIS_URL} ({error}); set LOFTEN_TEST_REDIS_URL")
    # A key prefix of its own: nothing another test run counted is seen.
    return {"REDIS_URL": REDIS_URL, "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}"}


def _login_form_token(session: requests.Session, base: str) -> str:
    page = session.get(f"{base}/konto/logga-in/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, page.text[:500]
    return token.group(1)


def _post_login(session: requests.Session, base: str, token: str, password: str):
    response = session.post(
        f"{base}/konto/logga-in/",
        data={
            "csrfmiddlewaretoken": token,
            "username": "karin",
            "password": password,
        },
        headers={"Referer": f"{base}/konto/logga-in/"},
        allow_redirects=False,
        timeout=30,
    )
    return response.status_code


@pytest.mark.parametrize("cache", ["database", "redis"])
def test_failed_logins_lock_the_account_across_gunicorn_processes(
    transactional_db, tmp_path, cache
):
    extra = _cache_environment(cache)
    factories.UserFactory(username="karin")
    database = SharedDatabase(tmp_path)
    port = free_port()
    command = python_command(
        "-m",
        "gunicorn",
        "config.wsgi",
        "--workers",
        "2",
        # Every worker is replaced after one request: a count kept in a
        # process's memory would never reach the limit.
        "--max-requests",
        "1",
        "--preload",
        "--bind",
        f"127.0.0.1:{port}",
    )
    base = f"http://127.0.0.1:{port}"
    env = environment(
        database,
        LOGIN_FAILURES_PER_ACCOUNT="3",
        **extra,
    )
    with running(command, env) as server:
        wait_for_http(f"{base}/konto/logga-in/", process=server)
        session = requests.Session()
        token = _login_form_token(session, base)
        statuses = [_post_login(session, base, token, "fel-123") for _ in range(4)]
        right = _post_login(session, base, token, factories.PASSWORD)
    # Two failures are answered, the third locks the account, whichever
    # process counted the others; then even the right password is refused.
    assert statuses == [200, 200, 429, 429]
    assert right == 429
