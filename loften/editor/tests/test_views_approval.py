"""Sending for approval, joint approval, publishing and the history."""

import pytest
from django.urls import reverse

from loften.followups.periods import PeriodKey
from loften.followups.services import followup_save
from loften.promises.models import Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import promise as promise_services
from loften.publication.models import PromiseVersion, PublishedActivity
from loften.publication.services import promise_submit_for_review
from loften.testing import factories
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db

T1 = PeriodKey(2026, "tertial", 1)


def _shown(client, url) -> dict:
    """The hidden fields of the approval form as the page shows them."""
    form = client.get(url).context["form"]
    return {"revision": form.initial["revision"], "seen": form.initial["seen"]}


def _approve(client, user, promise, organisation, shown=None):
    client.force_login(user)
    shown = shown or _shown(
        client, reverse("editor:promise_approval", args=[promise.pk])
    )
    return client.post(
        reverse("editor:promise_approve", args=[promise.pk]),
        {"organisation": organisation.pk, "comment": "Bra.", **shown},
    )


def test_an_editor_sends_the_plan_for_approval(client, planned):
    client.force_login(planned.municipality_editor)
    response = client.post(reverse("editor:promise_submit", args=[planned.promise.pk]))
    assert response.status_code == 302
    planned.promise.refresh_from_db()
    assert planned.promise.status == Promise.Status.IN_REVIEW


def test_sending_an_empty_plan_explains_why_not(client, parties):
    client.force_login(parties.municipality_editor)
    response = client.post(
        reverse("editor:promise_submit", args=[parties.promise.pk]), follow=True
    )
    assert response.status_code == 200
    assert next(iter(response.context["messages"])).level_tag == "error"


def test_both_parties_approve_and_the_plan_is_published(client, planned):
    promise = planned.promise
    promise_submit_for_review(promise=promise, actor=planned.municipality_editor)
    _approve(client, planned.municipality_approver, promise, planned.municipality)
    assert not PromiseVersion.objects.exists()
    page = client.get(reverse("editor:promise_approval", args=[promise.pk]))
    assert page.context["missing"] == [planned.police]
    _approve(client, planned.police_approver, promise, planned.police)
    version = PromiseVersion.objects.get()
    assert version.published_by == planned.police_approver
    promise.refresh_from_db()
    assert promise.status == Promise.Status.PUBLISHED


def test_an_approver_cannot_approve_for_the_other_party(client, planned):
    promise = planned.promise
    promise_submit_for_review(promise=promise, actor=planned.municipality_editor)
    response = _approve(client, planned.police_approver, promise, planned.municipality)
    assert response.status_code == 302
    assert not promise.approvals.exists()


def test_an_editor_cannot_approve(client, planned):
    promise = planned.promise
    promise_submit_for_review(promise=promise, actor=planned.municipality_editor)
    response = _approve(client, planned.police_editor, promise, planned.police)
    assert response.status_code == 403


def test_the_approval_page_shows_the_checks(client, planned):
    promise_services.promise_update(
        promise=planned.promise,
        actor=None,
        situation_summary="Anmälan från 880320-0016.",
    )
    client.force_login(planned.municipality_editor)
    response = client.get(reverse("editor:promise_approval", args=[planned.promise.pk]))
    assert response.context["checks"].blocks
    assert "880320-0016" in response.content.decode()


def test_the_approval_page_shows_what_publishing_would_change(client, planned):
    publish_plan(planned)
    activity_services.activity_update(
        activity=planned.activity, actor=None, text="Ändrad aktivitet."
    )
    client.force_login(planned.police_approver)
    response = client.get(reverse("editor:promise_approval", args=[planned.promise.pk]))
    assert [c.item for c in response.context["pending"].plan] == ["Ändrad aktivitet."]


def _write_t1(planned):
    followup_save(
        activity=planned.activity,
        period=factories.tertial(),
        actor=planned.municipality_editor,
        expected_version=None,
        status=factories.status(),
        text="Tre vandringar.",
        quantity=3,
    )


def test_a_period_is_approved_by_both_and_published(client, planned):
    publish_plan(planned)
    _write_t1(planned)
    promise = planned.promise
    client.force_login(planned.municipality_editor)
    client.post(reverse("editor:period_submit", args=[promise.pk, T1]))
    for user, organisation in (
        (planned.municipality_approver, planned.municipality),
        (planned.police_approver, planned.police),
    ):
        client.force_login(user)
        shown = _shown(client, reverse("editor:period_approval", args=[promise.pk, T1]))
        response = client.post(
            reverse("editor:period_approve", args=[promise.pk, T1]),
            {"organisation": organisation.pk, **shown},
        )
        assert response.status_code == 302
    version = PromiseVersion.objects.order_by("number").last()
    assert (version.number, version.kind) == (2, PromiseVersion.Kind.PERIOD)
    page = client.get(reverse("editor:period_approval", args=[promise.pk, T1]))
    assert page.context["report"].status == "published"


def test_the_period_approval_page_lists_what_will_be_published(client, planned):
    _write_t1(planned)
    client.force_login(planned.police_approver)
    response = client.get(
        reverse("editor:period_approval", args=[planned.promise.pk, T1])
    )
    assert response.status_code == 200
    assert "Tre vandringar." in response.content.decode()
    assert response.context["plan_published"] is False


def test_an_approver_concludes_a_published_promise(client, planned):
    publish_plan(planned)
    client.force_login(planned.municipality_approver)
    client.post(reverse("editor:promise_conclude", args=[planned.promise.pk]))
    planned.promise.refresh_from_db()
    assert planned.promise.status == Promise.Status.CONCLUDED


def test_the_history_shows_versions_with_readable_changes(client, planned):
    publish_plan(planned)
    activity_services.activity_update(
        activity=planned.activity, actor=None, target_value=6
    )
    publish_plan(planned)
    activity_services.activity_update(
        activity=planned.activity, actor=None, text="Utkast till ny text."
    )
    client.force_login(planned.municipality_editor)
    response = client.get(reverse("editor:history", args=[planned.promise.pk]))
    versions = response.context["versions"]
    assert [entry.version.number for entry in versions] == [2, 1]
    (target_change,) = versions[0].changes
    assert (target_change.old, target_change.new) == (
        "minst 4 trygghetsvandringar per period",
        "minst 6 trygghetsvandringar per period",
    )
    html = response.content.decode()
    assert "Utkast till ny text." in html  # the draft's changes, not yet public
    assert planned.police_approver.display_name in html  # who published
    assert (
        PublishedActivity.objects.get().text
        == "Genomföra trygghetsvandringar i centrum."
    )


def test_an_approval_of_a_plan_changed_since_it_was_shown_is_refused(client, planned):
    promise = planned.promise
    promise_submit_for_review(promise=promise, actor=planned.municipality_editor)
    client.force_login(planned.police_approver)
    shown = _shown(client, reverse("editor:promise_approval", args=[promise.pk]))
    activity = planned.activity
    activity_services.activity_update(
        activity=activity,
        actor=planned.municipality_editor,
        text="Genomföra trygghetsvandringar varje vecka i centrum.",
    )
    promise_submit_for_review(promise=promise, actor=planned.municipality_editor)

    response = _approve(client, planned.police_approver, promise, planned.police, shown)

    assert response.status_code == 409
    assert not promise.approvals.exists()
    html = response.content.decode()
    assert "ändrades efter att du öppnade sidan" in html
    assert "Genomföra trygghetsvandringar varje vecka i centrum." in html
    # The page now offers the current revision, which can be approved.
    assert response.context["form"].initial["revision"] == shown["revision"] + 1
    assert (
        _approve(client, planned.police_approver, promise, planned.police).status_code
        == 302
    )
    assert promise.approvals.get().revision == shown["revision"] + 1


def test_an_approval_of_a_follow_up_changed_since_it_was_shown_is_refused(
    client, planned
):
    publish_plan(planned)
    _write_t1(planned)
    promise = planned.promise
    url = reverse("editor:period_approval", args=[promise.pk, T1])
    client.force_login(planned.municipality_editor)
    client.post(reverse("editor:period_submit", args=[promise.pk, T1]))
    client.force_login(planned.police_approver)
    shown = _shown(client, url)
    activity = planned.activity
    period = factories.tertial(2026, 1)
    followup = activity.followups.get(period=period)
    followup_save(
        activity=activity,
        period=period,
        actor=planned.municipality_editor,
        text="Sju vandringar i stället för tre.",
        status=followup.status,
        expected_version=followup.version,
    )
    client.force_login(planned.municipality_editor)
    client.post(reverse("editor:period_submit", args=[promise.pk, T1]))

    client.force_login(planned.police_approver)
    response = client.post(
        reverse("editor:period_approve", args=[promise.pk, T1]),
        {"organisation": planned.police.pk, **shown},
    )

    assert response.status_code == 409
    assert not promise.approvals.filter(period=period).exists()
    html = response.content.decode()
    assert "Uppföljningen ändrades efter att du öppnade sidan" in html
    assert "Sju vandringar i stället för tre." in html


def test_an_approval_without_the_revision_shown_is_refused(client, planned):
    promise = planned.promise
    promise_submit_for_review(promise=promise, actor=planned.municipality_editor)
    client.force_login(planned.police_approver)
    response = client.post(
        reverse("editor:promise_approve", args=[promise.pk]),
        {"organisation": planned.police.pk},
        follow=True,
    )
    assert not promise.approvals.exists()
    assert "vilken version" in response.content.decode()
