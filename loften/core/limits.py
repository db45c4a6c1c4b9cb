"""The longest text and the largest number each input may hold: far more than
any real promise needs (the longest paragraph in the corpus of published
promises is under 2 000 characters), far less than would make a page unusable
or overflow the database. Models validate with these, forms show them, and the
importer's drafts are checked by the same model validation.
"""

from decimal import Decimal

from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
)

# Texts, in characters.
CHANGE_REASON = 300  # why a published activity changes, shown publicly
CONTACT = 200  # a contact person's name, role or contact route
COMMENT = 1_000  # a comment on an approval, a note in the activity log
COMMITMENT = 1_000  # one promise statement
DESCRIPTION = 2_000  # a source's note, an indicator's or focus area's description
ACTIVITY = 4_000  # an activity, with what an imported document said about it
FOLLOWUP = 5_000  # what was done in a period, the plan for the follow-up
SUMMARY = 10_000  # the situational picture, a period's summary

# Numbers.
COUNT = 1_000_000  # a target, the quantity achieved in a period
DAY_COUNT = 100_000  # the quantity of one entry in the activity log
HOURS = Decimal("100000")  # hours in a period's follow-up
DAY_HOURS = Decimal("10000")  # hours of one entry in the activity log
INDICATOR_VALUE = Decimal("1000000000")  # an effect measure, either sign
FIRST_YEAR, LAST_YEAR = 1990, 2100
ORDER = 32_767  # a position in a list
# A single entry in the log more than this many times the year's target is
# probably a typing mistake (a warning, not a refusal).
IMPLAUSIBLE_TIMES_TARGET = 10
# The largest number a hidden version field may carry (a PostgreSQL integer).
VERSION = 2_147_483_647


def text_field(limit: int) -> dict:
    """The options of a model's TextField of at most `limit` characters: the
    form's limit (and the text area's maxlength) and the model's validation
    (Django does not validate a TextField's max_length by itself)."""
    return {"max_length": limit, "validators": [MaxLengthValidator(limit)]}


def between(low, high) -> list:  # type: ignore[no-untyped-def]
    """Validators of a number from `low` to `high`."""
    return [MinValueValidator(low), MaxValueValidator(high)]
