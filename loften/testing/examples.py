"""Helpers for tests of the example data."""

from loften.promises.models import Indicator


def indicator_values(slug: str, name_start: str) -> list[tuple[int, str]]:
    """The (year, note) of each value of the indicator of the promise `slug`
    whose name starts with `name_start`, oldest first."""
    indicator = Indicator.objects.get(promise__slug=slug, name__startswith=name_start)
    return [(v.year, v.note) for v in indicator.values.order_by("year")]
