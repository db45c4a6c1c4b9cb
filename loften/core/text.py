"""Small helpers for showing user text in messages, lists and labels."""


def shorten(text: str, length: int = 90) -> str:
    """`text` on one line, cut to at most `length` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
