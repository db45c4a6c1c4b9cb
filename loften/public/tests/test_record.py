"""The public record of a change: a published target changed with a reason,
earlier periods judged against the old target, what changed in every version,
the feed's summary and the reports of each version."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from loften.promises.services import activities as activity_services
from loften.publication import services as publication
from loften.publication.models import ChangeReason, PublishedFollowUp
from loften.testing.record import follow_up, promise_with_published_tertial
from loften.testing.workflow import publish_plan

pytestmark = pytest.mark.django_db

REASON = "Fler kontroller efter medborgardialogen i september"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def _text(response) -> str:
    """The page's text without its markup, spaces collapsed."""
    html = re.sub(r"<[^>]+>", "", response.content.decode())
    return " ".join(html.split())


def _edit_url(record) -> str:
    promise_id, activity_id = record.parties.promise.pk, record.activity.pk
    return f"/redaktion/loften/{promise_id}/aktiviteter/{activity_id}/"


def _form(activity, **changes):
    data = {
        "text": activity.text,
        "responsible_police": "on",
        "target_comparator": "at_least",
        "target_value": "40",
        "target_unit": "trafikkontroller",
        "target_scope": "per_year",
        "version": str(activity.version),
    }
    data.update(changes)
    return data


@pytest.fixture
def changed(client):
    """The target changed from 40 to 50 with a reason (version 3), and T2
    followed up with 20 (version 4)."""
    record = promise_with_published_tertial()
    client.force_login(record.parties.municipality_editor)
    url = _edit_url(record)
    refused = client.post(url, _form(record.activity, target_value="50"))
    assert refused.status_code == 200
    assert "Varför ändras detta?" in refused.content.decode()
    assert not ChangeReason.objects.exists()
    saved = client.post(
        url, _form(record.activity, target_value="50", change_reason=REASON)
    )
    assert saved.status_code == 302
    client.logout()
    publish_plan(record.parties)
    follow_up(record, record.tertials[1], 20)
    return record


def test_a_change_of_the_target_without_a_reason_is_refused_and_with_one_kept(
    changed,
):
    (reason,) = ChangeReason.objects.all()
    assert (reason.subject, reason.reason) == ("target", REASON)
    assert reason.version.number == 3
    (entry,) = reason.version.snapshot["activity_changes"]
    assert entry["old"]["value"] == 40 and entry["new"]["value"] == 50


def test_a_place_change_needs_no_reason(client):
    record = promise_with_published_tertial()
    client.force_login(record.parties.municipality_editor)
    url = _edit_url(record)
    response = client.post(url, _form(record.activity, place="Resecentrum"))
    assert response.status_code == 302
    assert not ChangeReason.objects.exists()


def test_the_public_page_marks_the_change_and_judges_earlier_periods_by_the_old_target(
    client, changed
):
    response = client.get(f"/lofte/{changed.parties.promise.slug}/")
    html, text = response.content.decode(), _text(response)
    assert "Målet ändrades" in text
    assert "från minst 40 trafikkontroller till minst 50 trafikkontroller" in text
    assert REASON in text
    assert f"/lofte/{changed.parties.promise.slug}/version/3/andringar/" in html
    assert "hittills i år: 14 av minst 40 trafikkontroller" in text
    assert "hittills i år: 34 av minst 50 trafikkontroller" in text
    assert "Perioden bedöms mot målet som gällde när den publicerades" in text
    assert "Denna period: 20 gånger" in text
    assert "14 av minst 50" not in text


def test_the_read_model_keeps_the_target_each_period_was_published_against(changed):
    rows = {
        row.period_id: row
        for row in PublishedFollowUp.objects.filter(activity_id=changed.activity.pk)
    }
    t1, t2 = changed.tertials[0].pk, changed.tertials[1].pk
    assert (rows[t1].running_total, rows[t1].target_value_then) == (14, 40)
    assert (rows[t2].running_total, rows[t2].target_value_then) == (34, 50)


def test_the_api_gives_the_running_total_and_the_target_then(client, changed):
    response = client.get(f"/api/v1/follow-ups/?promise={changed.parties.promise.pk}")
    assert response.status_code == 200
    results = {
        r["period"]["code"] if isinstance(r["period"], dict) else r["period"]: r
        for r in response.json()["results"]
    }
    totals = sorted((r["running_total"], r["target_value"]) for r in results.values())
    assert totals == [(14, 40), (34, 50)]


def test_every_version_has_a_what_changed_page_the_newest_too(client, changed):
    slug = changed.parties.promise.slug
    newest = client.get(f"/lofte/{slug}/version/4/andringar/")
    assert newest.status_code == 200
    assert "Vad som ändrades i version 4" in newest.content.decode()
    plan = _text(client.get(f"/lofte/{slug}/version/3/andringar/"))
    assert "Ändringar i det som lovades, och varför" in plan
    assert REASON in plan
    assert "minst 40 trafikkontroller per år" in plan  # the diff, before
    first = _text(client.get(f"/lofte/{slug}/version/1/andringar/"))
    assert "Det här är den första publicerade versionen" in first
    assert client.get(f"/lofte/{slug}/version/9/andringar/").status_code == 404
    page = client.get(f"/lofte/{slug}/").content.decode()
    assert f'href="/lofte/{slug}/version/4/andringar/"' in page


def test_the_feed_entry_summarises_the_change_and_the_period(client, changed):
    root = ET.fromstring(client.get("/flode/").content)  # noqa: S314 - our own
    summaries = {
        e.find("a:id", ATOM).text.rsplit("-v", 1)[1]: e.find("a:summary", ATOM).text
        for e in root.findall("a:entry", ATOM)
    }
    assert "Målet för ”Genomföra riktade trafikkontroller" in summaries["3"]
    assert (
        "från minst 40 trafikkontroller till minst 50 trafikkontroller"
        in summaries["3"]
    )
    assert REASON in summaries["3"]
    assert "Uppföljningen av tertial 2 2026 publicerades." in summaries["4"]
    assert "Genomföra riktade trafikkontroller" in summaries["4"]


def test_the_report_of_each_version_stays_downloadable(client, changed):
    promise, t1 = changed.parties.promise, changed.tertials[0]
    first = client.get(f"/rapporter/{promise.pk}/version/2/{t1.pk}/csv/")
    assert first.status_code == 200
    assert "40" in b"".join(first.streaming_content).decode("utf-8-sig")
    current = client.get(f"/rapporter/{promise.pk}/{t1.pk}/csv/")
    assert current.status_code == 200
    # Version 1 published no follow-up: it has no report for T1.
    assert (
        client.get(f"/rapporter/{promise.pk}/version/1/{t1.pk}/csv/").status_code == 404
    )
    page = client.get(f"/lofte/{promise.slug}/version/2/").content.decode()
    assert f'href="/rapporter/{promise.pk}/version/2/{t1.pk}/pdf/"' in page


def test_removing_a_published_activity_asks_for_a_reason(client):
    record = promise_with_published_tertial()
    promise = record.parties.promise
    client.force_login(record.parties.municipality_editor)
    url = f"/redaktion/loften/{promise.pk}/aktiviteter/{record.activity.pk}/ta-bort/"
    refused = client.post(url, {})
    assert refused.status_code == 200
    assert "Skriv kort varför den publicerade aktiviteten tas bort." in (
        refused.content.decode()
    )
    asked = client.post(url, {}, headers={"HX-Request": "true"})
    assert asked.status_code == 204 and asked["HX-Redirect"].endswith("/ta-bort/")
    reason = "Ingår nu i polisens ordinarie arbete"
    removed = client.post(url, {"change_reason": reason})
    assert removed.status_code == 302
    assert ChangeReason.objects.get().subject == "removed"
    activity_services.activity_create(
        promise=promise,
        actor=record.parties.municipality_editor,
        text="Trygghetsvandringar i centrum",
        responsible_municipality=True,
    )
    publish_plan(record.parties)
    text = _text(client.get(f"/lofte/{promise.slug}/"))
    assert "Borttagna aktiviteter" in text
    assert "Aktiviteten togs bort" in text and reason in text


def test_a_reason_with_a_personal_identity_number_is_refused(changed):
    with pytest.raises(ValidationError):
        publication.change_reason_record(
            promise=changed.parties.promise,
            actor=changed.parties.municipality_editor,
            activity_id=changed.activity.pk,
            subject="text",
            reason="Enligt 19811218-9876 ska det ändras",
        )


def test_contact_persons_are_checked_and_shown_once_published(
    client, django_capture_on_commit_callbacks
):
    from loften.promises.services import parts as part_services

    record = promise_with_published_tertial()
    promise = record.parties.promise
    editor = record.parties.municipality_editor
    contact = part_services.contact_create(
        promise=promise,
        actor=editor,
        kind="police",
        name="Kim Andersson",
        role="Kommunpolis, Nässjö",
        route="811218-9876",
    )
    with pytest.raises(ValidationError):  # a personnummer is never published
        publication.promise_submit_for_review(promise=promise, actor=editor)
    assert "Kim Andersson" not in _text(client.get(f"/lofte/{promise.slug}/"))
    part_services.contact_update(
        contact=contact,
        actor=editor,
        kind="police",
        name="Kim Andersson",
        role="Kommunpolis, Nässjö",
        route="nassjo.kommunpolis@polisen.se",
    )
    with django_capture_on_commit_callbacks(execute=True):  # the cache follows
        publish_plan(record.parties)
    response = client.get(f"/lofte/{promise.slug}/")
    assert "Kontaktpersoner" in _text(response)
    assert "Kim Andersson" in _text(response)
    assert 'href="mailto:nassjo.kommunpolis@polisen.se"' in response.content.decode()
