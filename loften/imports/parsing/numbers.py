"""Read the numbers in Swedish running text: digits, number words, ranges, estimates.

Dates, times, years, percentages, phone numbers, postcodes, addresses, school
years ("åk 9") and period labels ("tertial 3") are numbers too, but never
quantities, so `read_numbers` leaves them out.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Comparator = Literal["at_least", "at_most"]

_UNITS = {
    "noll": 0,
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
}
_TEENS = {
    "tio": 10,
    "elva": 11,
    "tolv": 12,
    "tretton": 13,
    "fjorton": 14,
    "femton": 15,
    "sexton": 16,
    "sjutton": 17,
    "arton": 18,
    "aderton": 18,
    "nitton": 19,
}
_TENS = {
    "tjugo": 20,
    "trettio": 30,
    "tretti": 30,
    "fyrtio": 40,
    "förtio": 40,
    "femtio": 50,
    "sextio": 60,
    "sjuttio": 70,
    "åttio": 80,
    "nittio": 90,
}

# Words that start like a number word; anything else is skipped without parsing.
_NUMBER_WORD_START = re.compile(
    r"(?:noll|en|ett|två|tre|fyr|fem|sex|sj|åtta|nio|tio|elva|tolv|fjorton|arton|"
    r"aderton|nitton|tjugo|fyrtio|förtio|femtio|sextio|sjuttio|åttio|nittio|"
    r"hundra|tusen|etthundra|ettusen)",
    re.IGNORECASE,
)


def _below_hundred(word: str) -> int | None:
    if word in _UNITS and word != "noll":
        return _UNITS[word]
    if word in _TEENS:
        return _TEENS[word]
    for tens_word, tens in _TENS.items():
        if word.startswith(tens_word):
            rest = word[len(tens_word) :]
            if not rest:
                return tens
            if rest in _UNITS and rest != "noll":
                return tens + _UNITS[rest]
    return None


def _below_thousand(word: str) -> int | None:
    if not word:
        return None
    index = word.find("hundra")
    if index == -1:
        return _below_hundred(word)
    head, tail = word[:index], word[index + len("hundra") :]
    multiplier = 1 if head in ("", "ett", "en") else _below_hundred(head)
    if multiplier is None or multiplier > 9:
        return None
    if not tail:
        return multiplier * 100
    rest = _below_hundred(tail)
    return None if rest is None else multiplier * 100 + rest


@lru_cache(maxsize=4096)
def parse_number_word(word: str) -> int | None:
    """The value of one Swedish number word ("trettiosju" → 37), or None.

    Compounds up to the hundred thousands are read: "tvåhundrafemtio",
    "ettusen", "tretusenfemhundra". "en" and "ett" read as 1.
    """
    word = word.lower()
    if word == "noll":
        return 0
    index = word.find("tusen")
    if index == -1:
        return _below_thousand(word)
    head, tail = word[:index], word[index + len("tusen") :]
    multiplier = 1 if head in ("", "ett", "et", "en") else _below_thousand(head)
    if multiplier is None:
        return None
    if not tail:
        return multiplier * 1000
    rest = _below_thousand(tail)
    return None if rest is None else multiplier * 1000 + rest


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number found in text with its position and how it was written.

    `high` is set for ranges ("2–3"), `approximate` for "ca 30", `comparator`
    for "minst"/"högst" in front (`strict` when the bound itself is excluded:
    "fler än 15", "färre än 3"), `deadline` for "inom 48 timmar", `spelled`
    when written in words and `weak` for "en"/"ett", which are usually articles
    rather than counts.
    """

    value: int | float
    start: int
    end: int
    high: int | float | None = None
    approximate: bool = False
    comparator: Comparator | None = None
    spelled: bool = False
    weak: bool = False
    strict: bool = False
    deadline: bool = False
    # Where the number's qualifier ("minst", "ca") starts; the start otherwise.
    lead: int = -1


_LETTER = r"A-Za-zÅÄÖåäöÉéÜü"
_MONTHS = (
    r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)

# Stretches of text whose digits are never quantities.
_MASK = re.compile(
    r"(?:"
    r"\b(?:SFS\s*)?\d{4}:\d+\b"  # SFS 2023:196, a statute
    r"|\b\d{2,4}-\d{1,2}-\d{1,2}\b"  # 2018-03-01, 17-05-22
    r"|\b\d{1,2}/\d{1,2}(?:[-/]\d{2,4})?\b"  # 3/5, 3/5-2018
    r"|\b\d{1,2}[.:]\d{2}\b(?![.,]\d)"  # 18.00, 18:30
    r"|\b\d{1,2}\s*[-–]\s*\d{1,2}\s+(?:" + _MONTHS + r")\b"  # 3–5 maj
    r"|\b\d{1,2}(?::[ae])?\s+(?:" + _MONTHS + r")\b\.?(?:\s+\d{4})?"  # 14 januari 2020
    r"|\b(?:" + _MONTHS + r")\s+\d{4}\b"  # februari 2018
    r"|\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)?\d{2}\b"  # 2018-2019, 2020/21
    r"|\b(?:19|20)\d{2}\b(?!\s?\d{3}\b)"  # a year
    r"|(?:\+46|\b0)\d{1,3}\s?[-–/]\s?\d{2,3}(?:[\s-]?\d{2,3}){1,3}\b"  # phone
    r"|\b\d{3}\s\d{2}(?=\s+[A-ZÅÄÖ])"  # postcode before a town
    r"|\b\d+:[ae]\b"  # 1:a, 3:e
    r"|\b\d+(?:[.,]\d+)?\s*(?:%|procent\w*)"  # percentages
    r"|(?:\b(?:åk|årskurs|klass|tertial|kvartal|vecka|v\.|kl\.?|klockan|nr|"
    r"nummer|sida|sidan|s\.|kap\.?|kapitel|paragraf|lag|punkt|steg|fas|etapp|"
    r"bilaga|version|linje|buss|väg|riksväg)|§)\s*\.?\s*\d+"
    r"(?:\s*(?:[-–]|till|och)\s*\d+)?(?:\s*:\s*\d+)?\b"
    r"|\b[A-ZÅÄÖ][" + _LETTER + r"]*(?:gatan|vägen|gränd|gränden|torget|torg|allé|"
    r"allén|plan|backe|backen|stigen|leden|gata|väg|plats|platsen)\s+\d+\s?[A-Za-z]?\b"
    r"|\b[TQ]\s?\d\b"  # T3, Q1
    r"|\b\d+-talet\b"  # 90-talet, a decade
    r")",
    re.IGNORECASE,
)

_NUMBER = re.compile(
    r"(?<![\w.,/])"
    r"(?:(?P<digits>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(?P<decimals>\d+))?"
    r"(?=st\b|(?![\w/]|[.,:/]\d))"
    r"|(?P<word>[" + _LETTER + r"]+)\b)"
)
_PAREN_NUMBER = re.compile(
    r"\s*\(\s*(?P<inner>\d+|[" + _LETTER + r"]+)\s*\)",
)
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|till|à)\s*", re.IGNORECASE)
# "(5) fem": the digits first, then the same number in words.
_PAREN_CLOSE = re.compile(r"\s*\)\s*")
# "ett tiotal", "ett 30-tal": an estimate of the round number.
_ROUGHLY = re.compile(
    r"\b(?:ett\s+)?(?:(?P<word>tio|tjugo|trettio|fyrtio|femtio|sextio|sjuttio|"
    r"åttio|nittio|hundra|tusen)tal|(?P<digits>\d+)-tal)\b(?!-)"
    r"|\b(?P<couple>ett\s+par)\b(?!\s+av\b)",
    re.IGNORECASE,
)
_LARGE_MULTIPLIER = re.compile(
    r"\s+(?P<word>tusen|miljon(?:er)?|miljard(?:er)?)\b", re.IGNORECASE
)
_FACTORS = {"tusen": 1000, "miljon": 10**6, "miljard": 10**9}
_BETWEEN = re.compile(r"mellan\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+och\s+", re.IGNORECASE)
_MULTIPLIER_WORD = re.compile(r"\s+(hundra|tusen)\b", re.IGNORECASE)

# The word just before a number that qualifies it: an estimate ("ca"), a lower
# or upper bound ("minst", "högst"; "fler än" and "färre än" are strict), or a
# deadline ("inom 48 timmar", read as at most; it does not make "en" a count).
# One pattern, so each number costs one search.
_QUALIFIER_BEFORE = re.compile(
    r"(?:(?P<approximate>\bca\.?|\bc:a|\bcirka|\bcirca|\bdrygt|\bomkring|\bungefär|"
    r"\bunge\.|\brunt|\buppemot|\bnästan|\bknappt|\bnärmare|~)"
    r"|(?P<at_most>\bhögst|\bmax\.?|\bmaximalt|\bmaximum|\bsom mest|\bupp till|"
    r"\binte mer än|\binte fler än)"
    r"|(?P<below>\bmindre än|\bfärre än)"
    r"|(?P<at_least>\bminst|\båtminstone|\bminimum|\blägst|\binte mindre än|"
    r"\binte färre än)"
    r"|(?P<above>\bmer än|\bfler än|\böver)"
    r"|(?P<within>\binom))\s*$",
    re.IGNORECASE,
)


# "inom högst fem arbetsdagar": a deadline with its bound.
_DEADLINE_BEFORE = re.compile(
    r"\binom\s+(?:högst|max\.?|maximalt|som\s+mest)\s*$", re.IGNORECASE
)


_DIGIT = re.compile(r"\d")
# Larger than any position, for bisecting (start, end) spans by their start.
_BEYOND = 2**62
_NUMBER_WORD_ANYWHERE = re.compile(r"\b" + _NUMBER_WORD_START.pattern, re.IGNORECASE)


def _word_value(word: str) -> int | None:
    if not _NUMBER_WORD_START.match(word):
        return None
    return parse_number_word(word)


# Every masked stretch contains a digit, and none reaches further from its digits
# than this (a street name before its number, a month and a year after a day).
_MASK_BEFORE, _MASK_AFTER = 60, 30
_DIGITS = re.compile(r"\d+")


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """The stretches that are dates, years, phone numbers, addresses and the like.

    The mask is searched only near digits: scanning whole paragraphs with it was
    most of the parse time. Searching from `pos` to `endpos` sees the characters
    around the window (as `\\b` needs), so the spans are those of a full search.
    """
    windows: list[list[int]] = []
    for match in _DIGITS.finditer(text):
        start = max(0, match.start() - _MASK_BEFORE)
        end = min(len(text), match.end() + _MASK_AFTER)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    spans: list[tuple[int, int]] = []
    for start, end in windows:
        spans += [match.span() for match in _MASK.finditer(text, start, end)]
    return spans


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    # The spans come from one finditer, so they are sorted and do not overlap.
    index = bisect_right(spans, (start, _BEYOND)) - 1
    return index >= 0 and spans[index][0] <= start and end <= spans[index][1]


def _factor(word: str) -> int:
    word = word.lower()
    return next(f for stem, f in _FACTORS.items() if word.startswith(stem))


def _raw_numbers(text: str) -> list[tuple[int | float, int, int, bool, bool, bool]]:
    """(value, start, end, spelled, weak, approximate) for every plain number not
    masked."""
    if not _DIGIT.search(text) and not _NUMBER_WORD_ANYWHERE.search(text):
        return []
    masked = _masked_spans(text)
    found: list[tuple[int | float, int, int, bool, bool, bool]] = []
    rough = {match.start(): match for match in _ROUGHLY.finditer(text)}
    consumed = 0
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if start < consumed or (masked and _inside(masked, start, end)):
            continue
        estimate = rough.get(start)
        if estimate is not None:
            if estimate.group("couple"):
                value_rough: int = 2  # "ett par trygghetsvandringar"
            elif estimate.group("digits"):
                value_rough = int(estimate.group("digits"))
            else:
                value_rough = parse_number_word(estimate.group("word")) or 0
            found.append((value_rough, start, estimate.end(), True, False, True))
            consumed = estimate.end()
            continue
        if match.group("digits") is not None:
            if start > 1 and text[start - 1] == "-" and text[start - 2].isalpha():
                continue  # covid-19, E-4: part of a name
            digits = re.sub(r"\D", "", match.group("digits"))
            decimals = match.group("decimals")
            value: int | float = (
                float(f"{digits}.{decimals}") if decimals else int(digits)
            )
            large = _LARGE_MULTIPLIER.match(text, end)
            if large:
                # "5 miljoner kronor", "1,5 miljoner": the number is the product.
                value = value * _factor(large.group("word"))
                value = int(value) if value == int(value) else value
                end = large.end()
                consumed = end
            found.append((value, start, end, False, False, False))
            continue
        word = match.group("word")
        number = _word_value(word)
        if number is None:
            continue
        multiplier = _MULTIPLIER_WORD.match(text, end)
        if multiplier and number < 1000:
            factor = 100 if multiplier.group(1).lower() == "hundra" else 1000
            if number < 100 or factor == 1000:
                number *= factor
                end = multiplier.end()
        large = _LARGE_MULTIPLIER.match(text, end)
        if large and large.group("word").lower() != "tusen":
            number *= _factor(large.group("word"))
            end = large.end()
        weak = word.lower() in ("en", "ett")
        found.append((number, start, end, True, weak and end == match.end(), False))
        consumed = end
    return found


def read_numbers(text: str) -> list[NumberMatch]:
    """Every quantity-like number in `text`, in order.

    "Trettiosju (37)" and "13 (tretton)" count once; "2–3", "två till tre" and
    "mellan 2 och 3" give a range; "ca", "drygt" and similar words before the
    number set `approximate`, "minst"/"högst" set `comparator`.
    """
    raw = _raw_numbers(text)
    results: list[NumberMatch] = []
    index = 0
    while index < len(raw):
        value, start, end, spelled, weak, rough = raw[index]
        index += 1
        if (
            index < len(raw)
            and raw[index][0] == value
            and text[max(0, start - 4) : start].rstrip().endswith("(")
            and _PAREN_CLOSE.fullmatch(text, end, raw[index][1])
        ):
            # "(5) fem": one number, the digits in front.
            end = raw[index][2]
            weak = False
            index += 1
        # "Trettiosju (37)" or "13 (tretton)": one number, written twice.
        paren = _PAREN_NUMBER.match(text, end)
        if paren:
            inner = paren.group("inner")
            inner_value = int(inner) if inner.isdigit() else _word_value(inner)
            if inner_value is not None:
                if inner.isdigit():
                    value = inner_value
                end = paren.end()
                weak = False
                while index < len(raw) and raw[index][1] < end:
                    index += 1
        high: int | float | None = None
        if index < len(raw):
            next_value, next_start, next_end, _, next_weak, _ = raw[index]
            between = text[end:next_start]
            joined = _RANGE_JOIN.fullmatch(between) and not next_weak
            between_and = _AND.fullmatch(between) and _BETWEEN.search(
                text[max(0, start - 16) : start]
            )
            if (joined or between_and) and next_value > value:
                high, end = next_value, next_end
                index += 1
                weak = False
        qualifier = _QUALIFIER_BEFORE.search(text, max(0, start - 24), start)
        kind = qualifier.lastgroup if qualifier else None
        approximate = kind == "approximate" or rough
        comparator: Comparator | None = None
        strict = kind in ("above", "below")
        if kind in ("at_least", "above"):
            comparator = "at_least"
        elif kind in ("at_most", "below", "within"):
            comparator = "at_most"
        if kind is not None and kind != "within":
            weak = False
        results.append(
            NumberMatch(
                value=value,
                start=start,
                end=end,
                high=high,
                approximate=approximate,
                comparator=comparator,
                spelled=spelled,
                weak=weak,
                strict=strict,
                deadline=kind == "within"
                or (
                    kind == "at_most"
                    and bool(_DEADLINE_BEFORE.search(text, max(0, start - 30), start))
                ),
                lead=qualifier.start(kind) if qualifier and kind else start,
            )
        )
    return results


def read_number(text: str) -> NumberMatch | None:
    """The first quantity-like number in `text`, or None."""
    numbers = read_numbers(text)
    return numbers[0] if numbers else None
