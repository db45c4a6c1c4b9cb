"""Schemathesis against the live OpenAPI description: every operation, with
positive and negative examples and all stateless checks, over published data.

Fails on anything schemathesis finds: a server error, an answer that does not
match the description, a valid request refused or an invalid one accepted.
"""

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from loften.examples.loader import example_data_load

# The description is read from the running application, as a client would. (The
# lazy schemathesis.pytest.from_fixture loader fails under pytest 9, so the
# schema is loaded here and the data by the fixtures below.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())

# Every operation reads the example data the module loads: on one worker, once.
pytestmark = pytest.mark.xdist_group("api_schema")


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The application is called directly, not through Django's test client, so
    stop it from closing the test's database connection after each request (the
    test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def example_data(django_db_setup, django_db_blocker):
    """The example promises, published with their follow-ups, loaded once for all
    operations and rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        example_data_load(today=datetime.date(2026, 11, 22))
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def published_data(example_data, db):
    """Each operation's examples run inside the test's own transaction, on top of
    the example data."""


@schema.parametrize()
@hypothesis_settings(
    max_examples=30,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_openapi_description(case):
    # Its WSGI client asks for gzip, as a browser does, but reads the answer as
    # it comes; a page the cache holds compressed is then not JSON to it.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})


def test_the_operations_run_against_the_published_example_data(client):
    promises = client.get("/api/v1/promises/").json()
    assert promises["count"] == 3
    assert client.get("/api/v1/follow-ups/").json()["count"] > 0
