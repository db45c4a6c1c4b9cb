"""The import review form and the plan editor apply the one activity rule set
(`promises.rules.activity_problems`), so a bad activity gets the same message
in both."""

import pytest

from loften.editor.forms.plan import ActivityForm
from loften.imports.forms import ActivityReviewForm
from loften.promises.models import TargetScope

BAD_ACTIVITIES = [
    # Nobody responsible.
    ({"target_comparator": "", "target_value": ""}, "responsible_police"),
    # A comparator without a number.
    (
        {"responsible_police": "on", "target_comparator": "at_least"},
        "target_value",
    ),
    # A number without a comparator.
    ({"responsible_police": "on", "target_value": "4"}, "target_comparator"),
    # A unit without a number.
    (
        {"responsible_municipality": "on", "target_unit": "trygghetsvandringar"},
        "target_value",
    ),
]


def review_form(values):
    data = {
        "text": "Genomföra trygghetsvandringar.",
        "target_scope": TargetScope.PER_YEAR,
    }
    data.update(values)
    return ActivityReviewForm(data, focus_areas=[], commitments=[])


def editor_form(values, promise):
    data = {
        "text": "Genomföra trygghetsvandringar.",
        "target_scope": TargetScope.PER_YEAR,
    }
    data.update(values)
    return ActivityForm(data, promise=promise)


@pytest.mark.django_db
@pytest.mark.parametrize(("values", "field"), BAD_ACTIVITIES)
def test_the_review_form_and_the_editor_give_the_same_message(parties, values, field):
    review = review_form(values)
    editor = editor_form(values, parties.promise)
    assert not review.is_valid()
    assert not editor.is_valid()
    assert review.errors[field]
    assert review.errors[field] == editor.errors[field]


def test_a_good_activity_passes_the_review_form():
    form = review_form(
        {
            "responsible_police": "on",
            "target_comparator": "at_least",
            "target_value": "4",
            "target_unit": "trygghetsvandringar",
        }
    )
    assert form.is_valid(), form.errors
