"""Small text helpers shared by the readers and the parser."""

import re

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_ANY_SPACE = re.compile(r"\s+")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[”\"')]?\s+(?=[A-ZÅÄÖÉ0-9”\"–•-])")
_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]{3,}")
_ENDS_SENTENCE = re.compile(r"[.!?:;…)\]”\"]\s*$")


def word_set(words: str) -> frozenset[str]:
    """A set of the whitespace-separated words, for readable word lists."""
    return frozenset(words.split())


_STOP_WORDS = word_set(
    """
    att och som för med den det till från över under mot samt eller inom där
    vid sig sin sina sitt har ska skall kommer alla även inte på av är var
    """
)


def clean(text: str) -> str:
    """Text with invisible characters removed and runs of spaces collapsed per line."""
    text = _INVISIBLE.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def one_line(text: str) -> str:
    """Text on one line with single spaces."""
    return _ANY_SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


def sentences(text: str) -> list[str]:
    """Split running text into sentences (a good-enough rule for Swedish prose)."""
    parts: list[str] = []
    for paragraph in text.splitlines():
        parts.extend(
            part.strip() for part in _SENTENCE_BREAK.split(paragraph) if part.strip()
        )
    return parts


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a finished sentence or clause."""
    return bool(_ENDS_SENTENCE.search(text))


def starts_lowercase(text: str) -> bool:
    """Whether the first letter of the text is a lowercase letter."""
    for char in text:
        if char.isalpha():
            return char.islower()
        if char.isdigit():
            return False
    return False


def content_words(text: str) -> set[str]:
    """The lowercase words of three letters or more that carry meaning."""
    return {
        word
        for word in (w.lower() for w in _WORD.findall(text))
        if word not in _STOP_WORDS
    }


def similarity(a: str, b: str) -> float:
    """How much of the shorter text's content words the other text has (0–1)."""
    words_a, words_b = content_words(a), content_words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def excerpt(text: str, limit: int = 160) -> str:
    """The text on one line, cut at a word boundary with an ellipsis if too long."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + "…"
