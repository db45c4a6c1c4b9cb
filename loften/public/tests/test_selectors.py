"""Reads of the public site that are plain code over plain values."""

import datetime

from loften.public.selectors import PromiseItem, promise_groups

TODAY = datetime.date(2026, 5, 10)


def _promise(title, start, end, *, concluded=False):
    return PromiseItem(
        id=hash(title),
        title=title,
        slug=title,
        start_date=datetime.date.fromisoformat(start),
        end_date=datetime.date.fromisoformat(end),
        is_concluded=concluded,
        municipalities=(),
        updated_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )


def test_promises_are_grouped_as_running_coming_and_ended():
    promises = [
        _promise("2026", "2026-01-01", "2026-12-31"),
        _promise("2025–2026", "2025-01-01", "2026-12-31"),
        _promise("2025", "2025-01-01", "2025-12-31"),
        _promise("2027", "2027-01-01", "2027-12-31"),
        _promise("2026 hösten", "2026-09-01", "2026-12-31"),
        _promise("2024", "2024-01-01", "2024-12-31"),
    ]
    current, upcoming, earlier = promise_groups(promises, TODAY)
    # Both running promises are current, not one of them current and one "earlier".
    assert [p.title for p in current] == ["2026", "2025–2026"]
    assert [p.title for p in upcoming] == ["2026 hösten", "2027"]
    assert [p.title for p in earlier] == ["2025", "2024"]


def test_a_promise_concluded_before_its_end_date_is_earlier():
    concluded = _promise("Avslutat", "2026-01-01", "2026-12-31", concluded=True)
    current, upcoming, earlier = promise_groups([concluded], TODAY)
    assert (current, upcoming, earlier) == ([], [], [concluded])


def test_a_promise_is_current_on_its_first_and_last_day():
    one_day = _promise("En dag", "2026-05-10", "2026-05-10")
    assert promise_groups([one_day], TODAY) == ([one_day], [], [])
