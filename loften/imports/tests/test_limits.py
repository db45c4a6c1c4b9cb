"""An imported document's figures and texts meet the same limits as what an
editor types, with a message that names the activity."""

import pytest
from django.core.exceptions import ValidationError

from loften.imports.selectors import import_draft_defaults
from loften.imports.services import import_job_accept
from loften.promises.models import Promise
from loften.testing.imports import ready_job

pytestmark = pytest.mark.django_db


def _draft(job, organisation):
    draft = import_draft_defaults(result=job.result, organisation=organisation)
    for activity in draft.activities:
        activity.responsible_police = True
    return draft


@pytest.mark.parametrize("number", [10**12, 10**20])
def test_a_target_beyond_the_range_is_refused_naming_the_activity(people, number):
    job = ready_job(people)
    draft = _draft(job, people.municipality)
    draft.activities[0].target_comparator = "at_least"
    draft.activities[0].target_value = number
    with pytest.raises(ValidationError) as caught:
        import_job_accept(job=job, actor=people.editor, data=draft)
    message = " ".join(caught.value.messages)
    assert message.startswith("Aktivitet 1 (")
    assert "mindre än eller lika med 1000000" in message
    assert "9223372036854775807" not in message
    assert not Promise.objects.exists()


def test_an_activity_text_beyond_the_maximum_is_refused(people):
    job = ready_job(people)
    draft = _draft(job, people.municipality)
    draft.activities[0].text = "Trygghetsvandring. " * 300
    with pytest.raises(ValidationError) as caught:
        import_job_accept(job=job, actor=people.editor, data=draft)
    assert "som mest 4000 tecken" in " ".join(caught.value.messages)
