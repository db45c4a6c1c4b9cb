"""Small helpers for showing user text in messages, lists and labels."""


def shorten(text: str, length: int = 90) -> str:
    """`text` on one line, cut to at most `length` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# Units that only say "a number of": after a figure they add nothing ("412 antal").
COUNT_WORDS = frozenset({"antal", "st", "st.", "stycken", "number", "count"})


def unit_after(unit: str) -> str:
    """The unit to write after a figure, or "" when it only means "a number"."""
    return "" if (unit or "").strip().lower() in COUNT_WORDS else unit
