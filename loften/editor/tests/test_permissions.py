"""Every editor view, tried as an anonymous visitor, a viewer, an editor of
another municipality and an editor of a party: who gets what."""

import datetime

import pytest
from django.urls import reverse

from loften.followups.periods import PeriodKey
from loften.followups.services import activity_event_log, followup_save
from loften.organisations.models import Membership
from loften.promises.models import FocusArea
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.testing import factories
from loften.testing.reference import module_data
from loften.testing.workflow import promise_with_parties

pytestmark = pytest.mark.django_db

T1 = PeriodKey(2026, "tertial", 1)
GET, POST = "get", "post"


def _world(parties):
    promise = parties.promise
    activity = activity_services.activity_create(
        promise=promise,
        actor=None,
        text="Trygghetsvandringar",
        focus_area=FocusArea.objects.get(slug="trafik"),
        responsible_municipality=True,
    )
    event = activity_event_log(
        activity=activity, actor=None, date=datetime.date(2026, 2, 1)
    )
    followup_save(
        activity=activity,
        period=factories.tertial(),
        actor=None,
        expected_version=None,
        status=factories.status(),
        text="Gjort.",
    )
    indicator = indicator_services.indicator_create(
        promise=promise,
        actor=None,
        name="Andel otrygga",
        source="Trygghetsmätning",
        unit="%",
        direction="decrease",
    )
    return {
        "promise_id": promise.pk,
        "activity_id": activity.pk,
        "event_id": event.pk,
        "focus_area_id": activity.focus_area_id,
        "source_id": part_services.situation_source_create(
            promise=promise, actor=None, kind="survey", title="Enkät"
        ).pk,
        "commitment_id": part_services.commitment_create(
            promise=promise, actor=None, text="Vi lovar."
        ).pk,
        "signatory_id": part_services.signatory_create(
            promise=promise, actor=None, name="A", title="B", organisation="C"
        ).pk,
        "contact_id": part_services.contact_create(
            promise=promise,
            actor=None,
            kind="police",
            name="Kim Polis",
            role="Kommunpolis",
            route="kommunpolis@example.se",
        ).pk,
        "indicator_id": indicator.pk,
        "value_id": indicator_services.indicator_value_set(
            indicator=indicator, actor=None, year=2025, value=23
        ).pk,
    }


# view name, method, URL arguments (names in _world), POST data,
# expected status for: viewer, editor of another municipality, editor of a party.
# Anonymous visitors are always sent to the login page.
VIEWS = [
    ("start", GET, [], {}, (200, 200, 200)),
    ("quick_log", GET, [], {}, (200, 200, 200)),
    ("text_check", POST, [], {"text": "Hej"}, (200, 200, 200)),
    ("promise_create", GET, [], {}, (403, 200, 200)),
    ("promise_detail", GET, ["promise_id"], {}, (200, 404, 200)),
    ("promise_edit", GET, ["promise_id"], {}, (403, 404, 200)),
    ("situation_edit", GET, ["promise_id"], {}, (403, 404, 200)),
    ("promise_delete", GET, ["promise_id"], {}, (403, 404, 200)),
    ("promise_renew", GET, ["promise_id"], {}, (403, 404, 200)),
    ("source_create", GET, ["promise_id"], {}, (403, 404, 200)),
    ("source_edit", GET, ["promise_id", "source_id"], {}, (403, 404, 200)),
    ("source_delete", GET, ["promise_id", "source_id"], {}, (403, 404, 200)),
    (
        "source_move",
        POST,
        ["promise_id", "source_id"],
        {"direction": "up"},
        (403, 404, 302),
    ),
    ("commitment_create", GET, ["promise_id"], {}, (403, 404, 200)),
    ("commitment_edit", GET, ["promise_id", "commitment_id"], {}, (403, 404, 200)),
    ("commitment_delete", GET, ["promise_id", "commitment_id"], {}, (403, 404, 200)),
    (
        "commitment_move",
        POST,
        ["promise_id", "commitment_id"],
        {"direction": "up"},
        (403, 404, 302),
    ),
    ("signatory_create", GET, ["promise_id"], {}, (403, 404, 200)),
    ("signatory_edit", GET, ["promise_id", "signatory_id"], {}, (403, 404, 200)),
    ("signatory_delete", GET, ["promise_id", "signatory_id"], {}, (403, 404, 200)),
    (
        "signatory_move",
        POST,
        ["promise_id", "signatory_id"],
        {"direction": "up"},
        (403, 404, 302),
    ),
    ("contact_create", GET, ["promise_id"], {}, (403, 404, 200)),
    ("contact_edit", GET, ["promise_id", "contact_id"], {}, (403, 404, 200)),
    ("contact_delete", GET, ["promise_id", "contact_id"], {}, (403, 404, 200)),
    (
        "contact_move",
        POST,
        ["promise_id", "contact_id"],
        {"direction": "up"},
        (403, 404, 302),
    ),
    ("indicator_create", GET, ["promise_id"], {}, (403, 404, 200)),
    ("indicator_edit", GET, ["promise_id", "indicator_id"], {}, (403, 404, 200)),
    ("indicator_delete", GET, ["promise_id", "indicator_id"], {}, (403, 404, 200)),
    (
        "indicator_move",
        POST,
        ["promise_id", "indicator_id"],
        {"direction": "up"},
        (403, 404, 302),
    ),
    ("indicator_values", GET, ["promise_id", "indicator_id"], {}, (200, 404, 200)),
    (
        "indicator_values",
        POST,
        ["promise_id", "indicator_id"],
        {"year": "2026", "value": "21,5"},
        (403, 404, 302),
    ),
    (
        "indicator_value_delete",
        GET,
        ["promise_id", "indicator_id", "value_id"],
        {},
        (403, 404, 200),
    ),
    ("activity_create", GET, ["promise_id"], {}, (403, 404, 200)),
    ("activity_edit", GET, ["promise_id", "activity_id"], {}, (403, 404, 200)),
    ("activity_delete", GET, ["promise_id", "activity_id"], {}, (403, 404, 200)),
    (
        "activity_move",
        POST,
        ["promise_id", "activity_id"],
        {"direction": "up"},
        (403, 404, 302),
    ),
    (
        "focus_area_move",
        POST,
        ["promise_id", "focus_area_id"],
        {"direction": "up"},
        (403, 404, 302),
    ),
    ("activity_log", GET, ["promise_id", "activity_id"], {}, (200, 404, 200)),
    (
        "activity_log",
        POST,
        ["promise_id", "activity_id"],
        {"date": "2026-02-02", "quantity": "1"},
        (403, 404, 302),
    ),
    ("event_edit", GET, ["promise_id", "activity_id", "event_id"], {}, (403, 404, 200)),
    (
        "event_delete",
        GET,
        ["promise_id", "activity_id", "event_id"],
        {},
        (403, 404, 200),
    ),
    ("followup", GET, ["promise_id", "period"], {}, (200, 404, 200)),
    ("followup", POST, ["promise_id", "period"], {"action": "save"}, (403, 404, 302)),
    ("period_approval", GET, ["promise_id", "period"], {}, (200, 404, 200)),
    ("period_submit", POST, ["promise_id", "period"], {}, (403, 404, 302)),
    ("period_approve", POST, ["promise_id", "period"], {}, (403, 404, 403)),
    ("period_publish", POST, ["promise_id", "period"], {}, (403, 404, 403)),
    ("promise_approval", GET, ["promise_id"], {}, (200, 404, 200)),
    ("promise_submit", POST, ["promise_id"], {}, (403, 404, 302)),
    ("promise_approve", POST, ["promise_id"], {}, (403, 404, 403)),
    ("promise_publish", POST, ["promise_id"], {}, (403, 404, 403)),
    ("promise_conclude", POST, ["promise_id"], {}, (403, 404, 403)),
    ("history", GET, ["promise_id"], {}, (200, 404, 200)),
    (
        "promise_send_back",
        POST,
        ["promise_id"],
        {"comment": "Ändra målet."},
        (403, 404, 403),
    ),
    (
        "period_send_back",
        POST,
        ["promise_id", "period"],
        {"comment": "Ändra texten."},
        (403, 404, 403),
    ),
    ("promise_comment", POST, ["promise_id"], {"text": "Hej"}, (403, 404, 302)),
    (
        "period_comment",
        POST,
        ["promise_id", "period"],
        {"text": "Hej"},
        (403, 404, 302),
    ),
    (
        "period_due_date",
        POST,
        ["promise_id", "period"],
        {"due_date": "2026-06-30"},
        (403, 404, 302),
    ),
    ("notifications", GET, [], {}, (200, 200, 200)),
    ("notification_preferences", GET, [], {}, (200, 200, 200)),
]
ROLES = ["anonymous", "viewer", "stranger", "editor"]


def _user(role, parties):
    if role == "viewer":
        return factories.member(parties.police, Membership.Role.VIEWER)
    if role == "stranger":
        stockholm = factories.municipality_organisation(factories.municipality("0180"))
        return factories.member(stockholm, Membership.Role.EDITOR)
    if role == "editor":
        return parties.municipality_editor
    return None


def test_every_editor_url_is_in_the_table():
    from loften.editor.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {view[0] for view in VIEWS}


@pytest.fixture(scope="module")
def _built_once(django_db_setup, django_db_blocker):
    """The promise with one of each part and a user of each role, built once for
    the module; each request's changes are rolled back after its test."""
    with module_data(django_db_blocker):
        parties = promise_with_parties()
        world = _world(parties) | {"period": T1}
        yield world, {role: _user(role, parties) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("name", "method", "arguments", "data", "expected"),
    VIEWS,
    ids=[f"{view[0]}-{view[1]}" for view in VIEWS],
)
def test_who_gets_what(
    client, db, _built_once, role, name, method, arguments, data, expected
):
    world, users = _built_once
    url = reverse(f"editor:{name}", args=[world[a] for a in arguments])
    user = users[role]
    if user is not None:
        client.force_login(user)
    response = getattr(client, method)(url, data)
    if role == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
        return
    assert response.status_code == expected[ROLES.index(role) - 1]


def test_approvers_of_a_party_approve_and_nobody_else(client, parties):
    from loften.publication.services import promise_submit_for_review

    world = _world(parties)
    promise_submit_for_review(promise=parties.promise, actor=None)
    url = reverse("editor:promise_approve", args=[world["promise_id"]])
    client.force_login(parties.police_approver)
    parties.promise.refresh_from_db()
    response = client.post(
        url,
        {"organisation": parties.police.pk, "revision": parties.promise.revision},
    )
    assert response.status_code == 302
    assert parties.promise.approvals.get().organisation == parties.police


def test_a_site_administrator_edits_every_promise(client, parties):
    world = _world(parties)
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("editor:promise_edit", args=[world["promise_id"]])
    assert client.get(url).status_code == 200


def test_a_concluded_promise_can_be_read_but_not_changed(client, parties):
    from loften.testing.workflow import publish_plan

    world = _world(parties)
    publish_plan(parties)
    from loften.publication.services import promise_conclude

    promise_conclude(promise=parties.promise, actor=None)
    client.force_login(parties.municipality_editor)
    assert (
        client.get(
            reverse("editor:promise_detail", args=[world["promise_id"]])
        ).status_code
        == 200
    )
    assert (
        client.get(
            reverse("editor:promise_edit", args=[world["promise_id"]])
        ).status_code
        == 403
    )
