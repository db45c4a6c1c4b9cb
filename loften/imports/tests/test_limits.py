"""An imported document's figures and texts meet the same limits as what an
editor types, with a message that names the activity."""

import pytest
from django.core.exceptions import ValidationError

from loften.followups.models import FollowUpStatus
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


def test_the_review_form_shows_the_limits_next_to_the_fields():
    from loften.imports.forms import ActivityReviewForm, FollowUpReviewForm

    activity = ActivityReviewForm(
        data={
            "text": "x" * 4001,
            "responsible_police": "on",
            "target_comparator": "at_least",
            "target_value": str(10**12),
            "target_scope": "per_year",
        },
        focus_areas=[],
        commitments=[],
    )
    assert not activity.is_valid()
    assert "som mest 4000 tecken" in activity.errors["text"][0]
    assert "1000000" in activity.errors["target_value"][0]
    assert 'maxlength="4000"' in str(activity["text"])

    followup = FollowUpReviewForm(
        data={"period": "T1", "year": "2026", "quantity": str(10**7)},
        statuses=FollowUpStatus.objects.none(),
    )
    assert not followup.is_valid()
    assert "1000000" in followup.errors["quantity"][0]
    assert "9223372036854775807" not in str(followup.errors)
