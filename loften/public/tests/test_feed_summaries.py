"""The feeds' summaries are worked out when a version is published and stored
beside it; the feeds read them and compare no snapshots. What a reader sees is
what the feeds said when they compared the version's snapshot with the one
before (kept here as `_from_snapshots`, the rules the feeds used until then),
word for word, in both languages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from loften.followups.models import FollowUp
from loften.followups.services import followup_save
from loften.geography.models import Municipality
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import promise as promise_services
from loften.public import feeds, selectors
from loften.public.changes import change_sentence, full_stop, summary_sentences
from loften.public.presentation import activity_change
from loften.publication import services as publication
from loften.publication.models import PromiseVersion, PublishedVersionSummary
from loften.publication.snapshot import snapshot_diff
from loften.testing import factories
from loften.testing.public import published_promise
from loften.testing.reference import module_data
from loften.testing.workflow import publish_period_directly, publish_plan_directly

pytestmark = pytest.mark.django_db

MARKUP = "Trygghetsvandringar <i>kvällstid</i> & helger"
DRAFT_TEXT = "Ett utkast som aldrig publicerats"


# --- The rules the feeds followed when they compared snapshots --------------------


def _short(text: str, length: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _from_snapshots(
    old: dict | None, new: dict, *, number: int, period_label: str = ""
) -> list[str]:
    lines: list[str] = []
    changes = snapshot_diff(old, new)
    if period_label:
        followed = [
            c.item.split(": ", 1)[-1]
            for c in changes
            if c.section == "followup" and c.kind in {"added", "changed"}
        ]
        lines.append(
            str(
                _("The follow-up of %(period)s was published.")
                % {"period": period_label}
            )
        )
        if followed:
            names = [_short(text, 60).rstrip(" .;") for text in followed[:8]]
            if len(followed) > 8:
                names.append("…")
            lines.append(
                full_stop(
                    str(_("Activities followed up: %(list)s"))
                    % {"list": "; ".join(names)}
                )
            )
        return lines
    if old is None:
        count = len(new.get("activities", []))
        lines.append(
            str(_("The promise was published with %(count)s activities."))
            % {"count": count}
        )
        return lines
    for data in new.get("activity_changes", []):
        if data.get("version") != number:
            continue
        change = activity_change(data)
        what = _short(change.activity, 70)
        if change.subject == "target":
            sentence = _("The target of “%(what)s” changed from %(old)s to %(new)s") % {
                "what": what,
                "old": change.old,
                "new": change.new,
            }
        elif change.subject == "removed":
            sentence = _("“%(what)s” was removed") % {"what": what}
        elif change.subject == "text":
            sentence = _("The text of “%(what)s” changed") % {"what": what}
        else:
            sentence = _("Who is responsible for “%(what)s” changed") % {"what": what}
        reason = change.reason.strip()
        lines.append(full_stop(f"{sentence}: {reason}" if reason else str(sentence)))
    told = {"target", "text", "responsible_police", "responsible_municipality"}
    told.add("partners")
    other = [
        c
        for c in changes
        if c.section in {"promise", "commitment", "activity", "indicator"}
        and not (c.section == "activity" and (c.field in told or c.kind == "removed"))
    ]
    for change in other[:6]:
        item = (
            f": {_short(change.item, 70)}"
            if change.item and change.section != "promise"
            else ""
        )
        lines.append(full_stop(f"{change_sentence(change)}{item}"))
    if len(other) > 6:
        lines.append(str(_("And %(count)s more changes.")) % {"count": len(other) - 6})
    if not lines:
        lines.append(str(_("The content is the same as in the version before.")))
    return lines


def _period_label(version: PromiseVersion) -> str:
    return version.period.label.lower() if version.period else ""


def _with_summaries_from_snapshots(publications):
    """The feed's items as they were built: both snapshots of every entry."""
    items = []
    for p in publications:
        versions = {
            v.number: v
            for v in PromiseVersion.objects.filter(
                promise_id=p.promise.id,
                number__in=[p.version.number, p.version.number - 1],
            )
        }
        shown, before = versions[p.version.number], versions.get(p.version.number - 1)
        period = p.version.period
        summary = _from_snapshots(
            before.snapshot if before else None,
            shown.snapshot,
            number=shown.number,
            period_label=period.label.lower() if period else "",
        )
        items.append(
            feeds.FeedItem(promise=p.promise, version=p.version, summary=tuple(summary))
        )
    return items


# --- The sample: first publications, periods, changed plans ----------------------


def _sample() -> None:
    nassjo = published_promise(activities=10, periods=2)  # v1, v2 (T1), v3 (T2)
    parties, promise = nassjo.parties, nassjo.promise
    editor, activities = parties.municipality_editor, nassjo.activities

    def reason(activity, subject, text):
        publication.change_reason_record(
            promise=promise,
            actor=editor,
            activity_id=activity.pk,
            subject=subject,
            reason=text,
        )

    # A changed plan (v4): the four changes that give reasons, and more than six
    # others (the promise, a commitment, activities, an indicator).
    activity_services.activity_update(
        activity=activities[0], actor=editor, target_value=6
    )
    reason(activities[0], "target", "Fler vandringar efter medborgardialogen")
    activity_services.activity_update(activity=activities[2], actor=editor, text=MARKUP)
    reason(activities[2], "text", "Tydligare!")
    activity_services.activity_update(
        activity=activities[1], actor=editor, responsible_police=True
    )
    reason(activities[3], "removed", "Genomförd redan under våren")
    activity_services.activity_delete(activity=activities[3], actor=editor)
    activity_services.activity_delete(activity=activities[4], actor=editor)
    activity_services.activity_update(
        activity=activities[5], actor=editor, place="Resecentrum"
    )
    promise_services.promise_update(
        promise=promise,
        actor=editor,
        title="Medborgarlöfte Nässjö 2026, reviderat",
        situation_summary="En ny lägesbild efter sommaren.",
        followup_plan="Uppföljning varje tertial i brottsförebyggande rådet.",
    )
    part_services.commitment_create(
        promise=promise, actor=editor, text="Vi ska minska skadegörelsen."
    )
    activity_services.activity_create(
        promise=promise,
        actor=editor,
        text="Nattvandra med föreningarna",
        responsible_municipality=True,
    )
    indicator_services.indicator_create(
        promise=promise,
        actor=editor,
        name="Anmäld skadegörelse",
        source="Polisen",
        unit="anmälningar",
        direction="decrease",
    )
    publish_plan_directly(parties)
    # The plan published again unchanged (v5), and one follow-up of T1 changed
    # and T1 published again (v6).
    publish_plan_directly(parties)
    followup_save(
        activity=activities[6],
        period=nassjo.periods[0],
        actor=editor,
        expected_version=FollowUp.objects.get(
            activity=activities[6], period=nassjo.periods[0]
        ).version,
        status=factories.status(),
        text="Fler vandringar än planerat.",
        quantity=5,
    )
    publish_period_directly(parties, nassjo.periods[0])
    # Concluded (v7): a plan version with a note.
    publication.promise_conclude(promise=promise, actor=parties.police_approver)

    aneby = published_promise(
        activities=1, periods=0, municipality=Municipality.objects.get(code="0604")
    )
    # Never published: a draft edit of a published promise, and a new promise.
    activity_services.activity_update(
        activity=aneby.activities[0],
        actor=aneby.parties.municipality_editor,
        text=DRAFT_TEXT,
    )
    factories.PromiseFactory(
        title=DRAFT_TEXT, municipalities=[Municipality.objects.get(code="0604")]
    )


@pytest.fixture(scope="module")
def _module_sample(django_db_setup, django_db_blocker):
    with module_data(django_db_blocker):
        _sample()
        yield


@pytest.fixture
def sample(_module_sample, db, settings) -> None:
    settings.PUBLIC_CACHE = settings.PUBLIC_PAGE_CACHE = False


def _versions() -> list[PromiseVersion]:
    return list(
        PromiseVersion.objects.select_related("period", "summary").order_by(
            "promise_id", "number"
        )
    )


def test_the_sample_has_every_kind_of_summary(sample):
    summaries = [v.summary.summary for v in _versions()]
    kinds = [s["kind"] for s in summaries]
    assert kinds.count("first") == 2
    assert kinds.count("period") == 3
    assert kinds.count("changes") == 3
    changed = [s for s in summaries if s["kind"] == "changes"]
    assert {c["subject"] for c in changed[0]["activity_changes"]} == {
        "target",
        "text",
        "responsible",
        "removed",
    }
    assert changed[0]["more"] > 0
    assert any(s["kind"] == "period" and s["more"] for s in summaries)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_each_stored_summary_says_what_comparing_the_snapshots_said(sample, language):
    versions = _versions()
    snapshots = {(v.promise_id, v.number): v.snapshot for v in versions}
    with translation.override(language):
        for version in versions:
            expected = _from_snapshots(
                snapshots.get((version.promise_id, version.number - 1)),
                version.snapshot,
                number=version.number,
                period_label=_period_label(version),
            )
            told = summary_sentences(
                version.summary.summary, period_label=_period_label(version)
            )
            assert told == expected, f"{version.promise_id} v{version.number}"


@pytest.mark.parametrize(
    "url",
    ["/flode/", "/en/flode/", "/flode/kommun/nässjö/", "/en/flode/kommun/aneby/"],
)
def test_the_feeds_are_what_they_were_when_built_from_snapshots(
    sample, client, monkeypatch, url
):
    stored = client.get(url)
    with monkeypatch.context() as patched:
        patched.setattr(feeds, "with_summaries", _with_summaries_from_snapshots)
        compared = client.get(url)
    assert stored.status_code == compared.status_code == 200
    assert stored.content == compared.content
    assert stored.content.count(b"<entry>") >= 1


def test_the_feed_escapes_what_editors_wrote(sample, client):
    body = client.get("/flode/").content.decode()
    assert "&lt;i&gt;kvällstid&lt;/i&gt; &amp; helger" in body
    assert "<i>" not in body


def test_drafts_never_appear_in_a_feed(sample, client):
    for url in ("/flode/", "/flode/kommun/aneby/"):
        assert DRAFT_TEXT not in client.get(url).content.decode()
    published = {v.pk for v in PromiseVersion.objects.all()}
    assert (
        set(PublishedVersionSummary.objects.values_list("version_id", flat=True))
        == published
    )


def test_a_feed_reads_no_snapshot(sample):
    with CaptureQueriesContext(connection) as captured:
        items = feeds.with_summaries(selectors.publication_list(limit=feeds.ENTRIES))
    assert len(items) == PromiseVersion.objects.count()
    assert all(item.summary for item in items)
    assert not [q["sql"] for q in captured if "snapshot" in q["sql"]]
