"""Writes for promises: validation, permissions, revisions and the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from loften.core.exceptions import StaleVersionError
from loften.core.models import AuditEntry
from loften.organisations.models import Membership
from loften.promises.models import Activity, FocusArea, Promise
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import plan as plan_services
from loften.promises.services import promise as promise_services
from loften.promises.services import renewal as renewal_services
from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_promise_create_by_an_editor_of_a_party(parties):
    promise = promise_services.promise_create(
        actor=parties.municipality_editor,
        title="Medborgarlöfte Nässjö 2027",
        municipalities=[factories.municipality("0682")],
        police_area=parties.promise.police_area,
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    assert promise.status == Promise.Status.DRAFT
    assert promise.slug == "medborgarlofte-nassjo-2027"
    entry = AuditEntry.objects.get(action="promise.create")
    assert entry.promise_id == promise.pk
    assert entry.actor == parties.municipality_editor


def test_an_older_promise_keeps_its_address_with_swedish_letters(parties):
    promise = parties.promise
    Promise.objects.filter(pk=promise.pk).update(slug="medborgarlöfte-nässjö-2025")
    promise.refresh_from_db()
    newer = promise_services.promise_create(
        actor=parties.municipality_editor,
        title="Medborgarlöfte Nässjö 2025",
        municipalities=[factories.municipality("0682")],
        police_area=parties.promise.police_area,
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 12, 31),
    )
    assert newer.slug == "medborgarlofte-nassjo-2025"
    assert Promise.objects.get(pk=promise.pk).slug == "medborgarlöfte-nässjö-2025"


def test_promise_create_is_refused_for_an_editor_of_another_municipality(parties):
    other = factories.municipality_organisation(factories.municipality("0180"))
    outsider = factories.member(other, Membership.Role.EDITOR)
    with pytest.raises(PermissionDenied):
        promise_services.promise_create(
            actor=outsider,
            title="Inte ert löfte",
            municipalities=[factories.municipality("0682")],
            police_area=None,
            start_date=datetime.date(2027, 1, 1),
            end_date=datetime.date(2027, 12, 31),
        )


def test_promise_create_needs_a_municipality():
    with pytest.raises(ValidationError):
        promise_services.promise_create(
            actor=None,
            title="Ingen kommun",
            municipalities=[],
            police_area=None,
            start_date=datetime.date(2027, 1, 1),
            end_date=datetime.date(2027, 12, 31),
        )


def test_promise_update_records_changes_and_bumps_the_revision(parties):
    promise = parties.promise
    before = promise.revision
    promise_services.promise_update(
        promise=promise, actor=parties.police_editor, title="Nytt namn"
    )
    promise.refresh_from_db()
    assert promise.title == "Nytt namn"
    assert promise.revision == before + 1
    entry = AuditEntry.objects.get(action="promise.update")
    assert entry.changes["title"][1] == "Nytt namn"


def test_a_viewer_may_not_update(parties):
    viewer = factories.member(parties.municipality, Membership.Role.VIEWER)
    with pytest.raises(PermissionDenied):
        promise_services.promise_update(
            promise=parties.promise, actor=viewer, title="Nej"
        )


def test_a_change_to_a_promise_in_review_sends_it_back_to_draft(parties):
    promise = parties.promise
    activity_services.activity_create(
        promise=promise,
        actor=parties.municipality_editor,
        text="Något",
        responsible_police=True,
    )
    promise.status = Promise.Status.IN_REVIEW
    promise.save()
    part_services.commitment_create(
        promise=promise, actor=parties.municipality_editor, text="Vi lovar mer."
    )
    promise.refresh_from_db()
    assert promise.status == Promise.Status.DRAFT


def test_activity_create_with_a_target(parties):
    activity = activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Genomföra trygghetsvandringar",
        responsible_municipality=True,
        target_comparator="at_least",
        target_value=4,
        target_unit="trygghetsvandringar",
    )
    assert activity.has_target
    assert AuditEntry.objects.filter(
        action="activity.create", object_id=str(activity.pk)
    ).exists()


def test_activity_needs_a_responsible_party(parties):
    with pytest.raises(ValidationError):
        activity_services.activity_create(
            promise=parties.promise,
            actor=parties.municipality_editor,
            text="Ingen ansvarig",
        )


def test_activity_target_without_comparator_is_refused(parties):
    with pytest.raises(ValidationError) as error:
        activity_services.activity_create(
            promise=parties.promise,
            actor=parties.municipality_editor,
            text="Oklart mål",
            responsible_police=True,
            target_value=4,
        )
    assert "target_comparator" in error.value.message_dict


def test_activity_partners_must_be_other_partners(parties):
    with pytest.raises(ValidationError):
        activity_services.activity_create(
            promise=parties.promise,
            actor=parties.municipality_editor,
            text="Fel sorts partner",
            partners=[parties.police],
        )


def test_activity_update_refuses_a_stale_version_and_keeps_both_sides(parties):
    activity = activity_services.activity_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        text="Första texten",
        responsible_police=True,
    )
    activity_services.activity_update(
        activity=activity,
        actor=parties.police_editor,
        expected_version=1,
        text="Polisens text",
    )
    with pytest.raises(StaleVersionError) as error:
        activity_services.activity_update(
            activity=activity,
            actor=parties.municipality_editor,
            expected_version=1,
            text="Kommunens text",
        )
    assert error.value.current.text == "Polisens text"
    assert error.value.submitted["text"] == "Kommunens text"
    assert Activity.objects.get(pk=activity.pk).text == "Polisens text"


def test_activity_move_reorders_the_plan(parties):
    *_, third = (
        activity_services.activity_create(
            promise=parties.promise, actor=None, text=text, responsible_police=True
        )
        for text in ("Ett", "Två", "Tre")
    )
    activity_services.activity_move(
        activity=third, actor=parties.municipality_editor, offset=-2
    )
    order = list(
        parties.promise.activities.order_by("order").values_list("text", flat=True)
    )
    assert order == ["Tre", "Ett", "Två"]


def test_promise_delete_is_refused_once_published(parties):
    from loften.testing.workflow import publish_plan

    activity_services.activity_create(
        promise=parties.promise, actor=None, text="Något", responsible_police=True
    )
    publish_plan(parties)
    with pytest.raises(ValidationError):
        promise_services.promise_delete(
            promise=parties.promise, actor=parties.municipality_editor
        )


def test_indicator_value_set_creates_then_corrects(parties):
    indicator = indicator_services.indicator_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        name="Andel otrygga",
        source="Trygghetsmätningen",
        unit="%",
        direction="decrease",
    )
    indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2025, value=30
    )
    indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2025, value=28
    )
    assert indicator.values.get(year=2025).value == 28
    assert AuditEntry.objects.filter(action="indicator_value.set").count() == 2


def _indicator(parties, name="Andel otrygga"):
    return indicator_services.indicator_create(
        promise=parties.promise,
        actor=parties.municipality_editor,
        name=name,
        source="Trygghetsmätningen",
        unit="%",
        direction="decrease",
    )


def test_indicator_update_records_only_what_changed(parties):
    indicator = _indicator(parties)
    indicator_services.indicator_update(
        indicator=indicator,
        actor=parties.police_editor,
        name="Andel otrygga i centrum",
        source="Trygghetsmätningen",
        unit="%",
        direction="decrease",
    )
    indicator.refresh_from_db()
    assert indicator.name == "Andel otrygga i centrum"
    entry = AuditEntry.objects.get(action="indicator.update")
    assert set(entry.changes) == {"name"}
    assert entry.actor == parties.police_editor


def test_indicator_update_without_a_change_writes_no_audit_entry(parties):
    indicator = _indicator(parties)
    indicator_services.indicator_update(
        indicator=indicator,
        actor=None,
        name="Andel otrygga",
        source="Trygghetsmätningen",
        unit="%",
        direction="decrease",
    )
    assert not AuditEntry.objects.filter(action="indicator.update").exists()


def test_indicator_delete_removes_its_values(parties):
    indicator = _indicator(parties)
    indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2025, value=30
    )
    plan_services.plan_part_delete(part=indicator, actor=parties.municipality_editor)
    assert not parties.promise.indicators.exists()
    assert AuditEntry.objects.filter(action="indicator.delete").count() == 1


def test_indicator_move_changes_the_order(parties):
    first = _indicator(parties, "Första")
    second = _indicator(parties, "Andra")
    assert plan_services.plan_part_move(part=second, actor=None, offset=-1)
    names = list(parties.promise.indicators.values_list("name", flat=True))
    assert names == ["Andra", "Första"]
    first.refresh_from_db()
    assert not plan_services.plan_part_move(part=first, actor=None, offset=1)


def test_indicator_value_delete_removes_one_year(parties):
    indicator = _indicator(parties)
    indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2024, value=31
    )
    value = indicator_services.indicator_value_set(
        indicator=indicator, actor=None, year=2025, value=30
    )
    plan_services.plan_part_delete(part=value, actor=parties.municipality_editor)
    assert list(indicator.values.values_list("year", flat=True)) == [2024]
    assert AuditEntry.objects.filter(action="indicator_value.delete").count() == 1


def test_indicator_changes_are_refused_for_an_outsider(parties):
    indicator = _indicator(parties)
    other = factories.municipality_organisation(factories.municipality("0180"))
    outsider = factories.member(other, Membership.Role.EDITOR)
    with pytest.raises(PermissionDenied):
        plan_services.plan_part_delete(part=indicator, actor=outsider)
    with pytest.raises(PermissionDenied):
        indicator_services.indicator_value_set(
            indicator=indicator, actor=outsider, year=2025, value=1
        )
    assert parties.promise.indicators.exists()


# --- Renewing, reordering and the remaining updates --------------------------------


def _renewable():
    from loften.testing.editor import published_promise

    return published_promise(2025)


def test_promise_renew_copies_the_plan_into_a_linked_draft(db):
    old = _renewable()
    old_promise = old.promise
    activity = old_promise.activities.order_by("order").first()
    partner = factories.OrganisationFactory(name="Nattvandrarna")
    activity.partners.add(partner)
    renewed = renewal_services.promise_renew(
        promise=old_promise, actor=old.municipality_editor
    )
    assert renewed.previous == old_promise
    assert renewed.status == Promise.Status.DRAFT
    assert renewed.title == "Medborgarlöfte Testköping 2026"
    assert (renewed.start_date, renewed.end_date) == (
        datetime.date(2026, 1, 1),
        datetime.date(2026, 12, 31),
    )
    assert list(renewed.municipalities.all()) == list(old_promise.municipalities.all())
    assert renewed.police_area == old_promise.police_area
    copied = renewed.activities.order_by("order").first()
    assert copied.pk != activity.pk
    assert (copied.text, copied.target_value, copied.target_unit, copied.place) == (
        activity.text,
        40,
        "patrulleringar",
        "Resecentrum",
    )
    assert copied.focus_area == activity.focus_area
    assert copied.commitment.promise == renewed
    assert copied.commitment.text == activity.commitment.text
    assert list(copied.partners.all()) == [partner]
    assert renewed.activities.count() == 2
    assert not renewed.situation_sources.exists()
    assert not renewed.signatories.exists()
    assert AuditEntry.objects.filter(
        action="promise.renew", promise_id=renewed.pk
    ).exists()


def test_promise_renew_leaves_the_old_promise_and_its_publication_alone(db):
    old = _renewable()
    version = old.promise.versions.get()
    renewal_services.promise_renew(promise=old.promise, actor=old.municipality_editor)
    old.promise.refresh_from_db()
    assert old.promise.status == Promise.Status.PUBLISHED
    assert old.promise.versions.get() == version
    assert old.promise.activities.count() == 2


def test_a_promise_is_renewed_once(db):
    old = _renewable()
    renewal_services.promise_renew(promise=old.promise, actor=old.municipality_editor)
    with pytest.raises(ValidationError):
        renewal_services.promise_renew(
            promise=old.promise, actor=old.municipality_editor
        )


def test_promise_renew_is_refused_for_a_stranger(db):
    old = _renewable()
    stranger = factories.member(
        factories.municipality_organisation(factories.municipality("0180"))
    )
    with pytest.raises(PermissionDenied):
        renewal_services.promise_renew(promise=old.promise, actor=stranger)


def test_promise_renew_takes_a_title_and_dates(db):
    old = _renewable()
    renewed = renewal_services.promise_renew(
        promise=old.promise,
        actor=old.police_editor,
        title="Trygga Testköping",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 12, 31),
    )
    assert renewed.title == "Trygga Testköping"
    assert renewed.end_date == datetime.date(2027, 12, 31)


def test_promise_update_refuses_a_stale_form_and_keeps_both_sides(parties):
    from loften.promises.selectors import promise_fingerprint

    promise = parties.promise
    seen = promise_fingerprint(promise=promise, fields=["situation_summary"])
    promise_services.promise_update(
        promise=promise,
        actor=parties.police_editor,
        situation_summary="Polisens lägesbild.",
    )
    with pytest.raises(StaleVersionError) as error:
        promise_services.promise_update(
            promise=promise,
            actor=parties.municipality_editor,
            expected_fingerprint=seen,
            situation_summary="Kommunens lägesbild.",
        )
    assert error.value.current.situation_summary == "Polisens lägesbild."
    assert error.value.submitted == {"situation_summary": "Kommunens lägesbild."}
    promise.refresh_from_db()
    assert promise.situation_summary == "Polisens lägesbild."


def test_promise_update_ignores_changes_to_other_fields(parties):
    from loften.promises.selectors import promise_fingerprint

    promise = parties.promise
    seen = promise_fingerprint(promise=promise, fields=["situation_summary"])
    promise_services.promise_update(promise=promise, actor=None, title="Ny titel")
    promise_services.promise_update(
        promise=promise,
        actor=parties.municipality_editor,
        expected_fingerprint=seen,
        situation_summary="Kommunens lägesbild.",
    )
    promise.refresh_from_db()
    assert (promise.title, promise.situation_summary) == (
        "Ny titel",
        "Kommunens lägesbild.",
    )


def test_promise_update_from_a_stale_copy_keeps_the_stored_revision(parties):
    promise = parties.promise
    stale = Promise.objects.get(pk=promise.pk)
    promise_services.promise_update(promise=promise, actor=None, title="Ett")
    promise_services.promise_update(promise=promise, actor=None, title="Två")
    promise_services.promise_update(promise=stale, actor=None, followup_plan="Plan")
    promise.refresh_from_db()
    assert promise.revision == 4
    assert promise.title == "Två"


def test_situation_source_and_signatory_updates_are_audited(parties):
    promise = parties.promise
    editor = parties.municipality_editor
    source = part_services.situation_source_create(
        promise=promise, actor=editor, kind="survey", title="Enkät"
    )
    part_services.situation_source_update(
        source=source, actor=editor, kind="survey", title="Enkät 2025", year=2025
    )
    signatory = part_services.signatory_create(
        promise=promise, actor=editor, name="Per", title="Ordf", organisation="K"
    )
    part_services.signatory_update(
        signatory=signatory,
        actor=editor,
        name="Per Holm",
        title="Ordförande",
        organisation="Kommunen",
    )
    source.refresh_from_db()
    signatory.refresh_from_db()
    assert (source.title, source.year) == ("Enkät 2025", 2025)
    assert signatory.name == "Per Holm"
    assert (
        AuditEntry.objects.filter(
            action__in=["situation_source.update", "signatory.update"]
        ).count()
        == 2
    )


def test_a_viewer_cannot_update_a_signatory(parties):
    signatory = part_services.signatory_create(
        promise=parties.promise, actor=None, name="A", title="B", organisation="C"
    )
    viewer = factories.member(parties.police, Membership.Role.VIEWER)
    with pytest.raises(PermissionDenied):
        part_services.signatory_update(
            signatory=signatory, actor=viewer, name="X", title="B", organisation="C"
        )


def test_commitments_move_and_bump_the_revision(parties):
    promise = parties.promise
    _first, second = (
        part_services.commitment_create(promise=promise, actor=None, text=text)
        for text in ("Första", "Andra")
    )
    revision = Promise.objects.get(pk=promise.pk).revision
    assert plan_services.plan_part_move(part=second, actor=None, offset=-1)
    assert list(promise.commitments.values_list("text", flat=True)) == [
        "Andra",
        "Första",
    ]
    assert Promise.objects.get(pk=promise.pk).revision == revision + 1
    assert not plan_services.plan_part_move(part=second, actor=None, offset=-1)


def _activity(promise, text, area):
    return activity_services.activity_create(
        promise=promise,
        actor=None,
        text=text,
        focus_area=FocusArea.objects.get(slug=area),
        responsible_police=True,
    )


def test_an_activity_moves_within_its_focus_area(parties):
    promise = parties.promise
    _activity(promise, "T1", "trafik")
    _activity(promise, "N1", "narkotika")
    t2 = _activity(promise, "T2", "trafik")
    # Shown as: trafik [T1, T2], narkotika [N1]; T2 moves above T1.
    assert activity_services.activity_move(activity=t2, actor=None, offset=-1)
    texts = list(promise.activities.order_by("order").values_list("text", flat=True))
    assert texts == ["T2", "T1", "N1"]
    # T2 is now first in its group and cannot move further up.
    t2.refresh_from_db()
    assert not activity_services.activity_move(activity=t2, actor=None, offset=-1)


def test_a_focus_area_moves_as_a_group(parties):
    promise = parties.promise
    _activity(promise, "T1", "trafik")
    n1 = _activity(promise, "N1", "narkotika")
    _activity(promise, "T2", "trafik")
    assert activity_services.focus_area_move(
        promise=promise, focus_area=n1.focus_area, actor=None, offset=-1
    )
    texts = list(promise.activities.order_by("order").values_list("text", flat=True))
    assert texts == ["N1", "T1", "T2"]
    assert AuditEntry.objects.filter(action="focus_area.move").exists()
    assert not activity_services.focus_area_move(
        promise=promise, focus_area=n1.focus_area, actor=None, offset=-1
    )
