"""Reading is reading: every editor page that answers GET writes nothing to the
database, whoever asks (a viewer, an editor of a party, a site administrator)."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.urls import reverse

from loften.core.models import AuditEntry
from loften.editor.urls import urlpatterns
from loften.followups.models import ReportingPeriod
from loften.followups.periods import PeriodKey
from loften.organisations.models import Membership
from loften.testing import factories

from .test_permissions import GET, T1, VIEWS, _world

pytestmark = pytest.mark.django_db

_WRITE = re.compile(
    r"^\s*(INSERT|UPDATE|DELETE|REPLACE|MERGE|CREATE|DROP|ALTER)\b", re.I
)


@contextmanager
def no_writes() -> Iterator[list[str]]:
    """Collect every statement run inside that would change the database."""
    writes: list[str] = []

    def guard(execute, sql, params, many, context):
        if _WRITE.match(sql):
            writes.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(guard):
        yield writes


GET_VIEWS = [view for view in VIEWS if view[1] == GET]


def test_the_guard_sees_a_write():
    with no_writes() as writes:
        AuditEntry.objects.create(action="test.write")
    assert writes and writes[0].lstrip().upper().startswith("INSERT")


def test_every_editor_get_view_is_tried():
    named = {view[0] for view in GET_VIEWS}
    assert len(named) >= 20
    assert named <= {pattern.name for pattern in urlpatterns}


@pytest.mark.parametrize("role", ["viewer", "editor", "administrator"])
def test_no_editor_get_view_writes(client, parties, role):
    world = _world(parties)
    world["period"] = T1
    user = {
        "viewer": lambda: factories.member(parties.police, Membership.Role.VIEWER),
        "editor": lambda: parties.municipality_editor,
        "administrator": lambda: factories.UserFactory(
            is_superuser=True, is_staff=True
        ),
    }[role]()
    client.force_login(user)
    written = {}
    for name, _method, arguments, _data, _expected in GET_VIEWS:
        url = reverse(f"editor:{name}", args=[world[a] for a in arguments])
        with no_writes() as writes:
            response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
        if writes:
            written[url] = writes
    assert not written, written


def test_a_period_page_of_a_new_promise_writes_nothing(client, parties):
    """The periods of a promise exist from its creation on, so showing one of them
    never has to create it."""
    ReportingPeriod.objects.all().delete()
    client.force_login(parties.municipality_editor)
    from loften.promises.services import promise as promise_services

    promise = promise_services.promise_create(
        actor=parties.municipality_editor,
        title="Trygg i Ljungby",
        municipalities=parties.promise.municipalities.all(),
        police_area=parties.promise.police_area,
        start_date=parties.promise.start_date,
        end_date=parties.promise.end_date,
    )
    year = PeriodKey(2026, "year", 0)
    urls = [
        reverse("editor:promise_detail", args=[promise.pk]),
        reverse("editor:promise_approval", args=[promise.pk]),
        reverse("editor:history", args=[promise.pk]),
        reverse("editor:start"),
        *(
            reverse(f"editor:{name}", args=[promise.pk, key])
            for name in ("followup", "period_approval")
            for key in (T1, year)
        ),
    ]
    for url in urls:
        with no_writes() as writes:
            response = client.get(url)
        assert response.status_code == 200, url
        assert not writes, (url, writes)
