"""Published promises shared by the search tests: built once per module through
the editors' services and rolled back afterwards."""

from dataclasses import dataclass

import pytest
from django.db import transaction

from loften.geography.models import Municipality
from loften.promises.services import activities as activity_services
from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import promise as promise_services
from loften.testing.public import PublishedPromise, published_promise
from loften.testing.workflow import publish_plan


@dataclass
class Corpus:
    nassjo: PublishedPromise  # 2026, lägesbild, effect measures, hundsök
    aneby: PublishedPromise  # 2027, trygghetsvandringar only


def build_corpus() -> Corpus:
    nassjo = published_promise(activities=2, periods=2)
    parties = nassjo.parties
    editor = parties.municipality_editor
    promise_services.promise_update(
        promise=parties.promise,
        actor=editor,
        situation_summary=(
            "Skadegörelse och narkotikabrott bland unga har ökat de senaste åren."
        ),
    )
    part_services.situation_source_create(
        promise=parties.promise,
        actor=editor,
        kind="staff_dialogue",
        title="Medarbetardialog",
        year=2025,
        note="Personalen ser fler unga som dras in i <b>narkotikaförsäljning</b>.",
    )
    activity_services.activity_create(
        promise=parties.promise,
        actor=editor,
        text="Genomföra förebyggande hundsök på högstadieskolor.",
        responsible_police=True,
    )
    indicator_services.indicator_create(
        promise=parties.promise,
        actor=editor,
        name="Anmälda skadegörelsebrott",
        source="Polisens öppna statistik",
        unit="brott",
        direction="decrease",
    )
    publish_plan(parties)
    aneby = published_promise(
        activities=1,
        periods=1,
        municipality=Municipality.objects.get(code="0604"),
        year=2027,
        indicators=0,
    )
    return Corpus(nassjo=nassjo, aneby=aneby)


@pytest.fixture(scope="module")
def module_corpus(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_corpus()
        transaction.set_rollback(True)


@pytest.fixture
def corpus(module_corpus, db) -> Corpus:
    """Each test runs in its own transaction on top of the corpus."""
    return module_corpus
