"""Reporting periods (tertials, quarters, the whole year) and promise years."""

import re
from typing import Literal

PeriodCode = Literal["T1", "T2", "T3", "Q1", "Q2", "Q3", "Q4", "year"]
PERIOD_CODES: tuple[PeriodCode, ...] = (
    "T1",
    "T2",
    "T3",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "year",
)

_ORDINAL = {
    "första": 1,
    "1:a": 1,
    "andra": 2,
    "2:a": 2,
    "tredje": 3,
    "3:e": 3,
    "fjärde": 4,
    "4:e": 4,
}
_MONTH_NAMES = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_MONTH = (
    r"(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)\.?"
)

_PERIOD = re.compile(
    r"\btertial(?:et)?\s*(?P<tn>[1-3])(?:\s*(?:[-–]|och|till)\s*(?P<tn2>[1-3]))?\b"
    r"|(?-i:\bT(?P<tc>[1-3])(?:\s*[-–]\s*T?(?P<tc2>[1-3]))?\b)"
    r"|\b(?P<to>första|andra|tredje|1:a|2:a|3:e)\s+tertialet\b"
    r"|\b(?:kvartal(?:et)?|kv\.?)\s*(?P<qn>[1-4])(?:\s*(?:[-–]|och|till)\s*(?P<qn2>[1-4]))?\b"
    r"|(?-i:\bQ(?P<qc>[1-4])(?:\s*[-–]\s*Q?(?P<qc2>[1-4]))?\b)"
    r"|\b(?P<qo>första|andra|tredje|fjärde|1:a|2:a|3:e|4:e)\s+kvartalet\b"
    r"|\b(?P<m1>jan(?:uari)?|maj|sep(?:tember)?)\.?\s*[-–]\s*"
    r"(?P<m2>apr(?:il)?|aug(?:usti)?|dec(?:ember)?)\b",
    re.IGNORECASE,
)
# Every period _PERIOD reads has a digit, "tertial", "kvartal" or a first month.
_PERIOD_HINT = re.compile(r"\d|tertial|kvartal|jan|maj|sep", re.IGNORECASE)
_MONTH_TERTIAL = {("jan", "apr"): "T1", ("maj", "aug"): "T2", ("sep", "dec"): "T3"}
_YEAR_LABEL = re.compile(
    r"^(?:(?:helår(?:et|suppföljning)?|hela\s+året|året|årsuppföljning|årsvis|"
    r"(?:första|andra)\s+halvåret|halvår\s*[12]|utfall(?:et)?(?:\s+blev)?|"
    r"resultat(?:et)?|uppföljning|status|kommentar(?:er)?|måluppfyllelse|"
    r"redovisning|så\s+blev\s+det|utfört|genomfört)\b[\s:]*"
    r"(?:(?:år\s+)?(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?)?"
    r"|(?:år\s+)?(?:19|20)\d{2}(?:\s*[-–/]\s*(?:19|20)?\d{2})?)\s*:?$",
    re.IGNORECASE,
)

_HALF_YEAR = re.compile(
    r"^(?:uppföljning\s+)?(?:(?:första|andra)\s+halvåret|halvår\s*[12])\b",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}-\d{1,2}-\d{2,4}\b")
_FULL_DATE = re.compile(
    rf"\b\d{{1,2}}(?::[ae])?\s+{_MONTH}\s+(?:19|20)\d{{2}}\b", re.IGNORECASE
)
_YEAR_RANGE = re.compile(
    rf"(?:\b{_MONTH}\s+)?\b(?P<y1>(?:19|20)\d{{2}})\s*"
    r"(?:[-–—/]|till(?:\s+och\s+med)?|t\.o\.m\.?)\s*"
    rf"(?:{_MONTH}\s+)?(?P<y2>(?:19|20)\d{{2}}|\d{{2}})\b(?![-/]\d)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?P<y>(?:19|20)\d{2})\b(?![-/]\d{2}\b)")
# The year of a date: "2018-07-01", "22 januari 2018", "1:a maj 2023".
_DATE_YEAR = re.compile(
    rf"\b(?P<iso>(?:19|20)\d{{2}})-\d{{1,2}}-\d{{1,2}}\b"
    rf"|\b\d{{1,2}}(?::[ae])?\s+{_MONTH}\s+(?P<full>(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)
# What joins the two dates of a range: "2018-07-01—2020-06-30",
# "1 januari 2023 - 31 december 2025", "2023-06-20 till och med 2024-06-20".
_DATE_LINK = re.compile(
    r"^\s*(?:[-–—]{1,2}|till(?:\s+och\s+med)?|t\.o\.m\.?)\s*$", re.IGNORECASE
)
_DURATION = re.compile(
    r"(?<!senaste )(?<!senaste\s)\b(?P<n>två|tre|fyra|fem|2|3|4|5)\s*"
    r"(?:\(\s*(?:\d|[a-zåäö]+)\s*\)\s*)?(?:år|års)\b(?!\s*(?:sedan|tillbaka))"
    r"|\b(?P<adj>två|tre|fyra|fem)årig[ta]?\b",
    re.IGNORECASE,
)
_DURATION_WORDS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5}


def _tertial_or_quarter(prefix: str, first: str, last: str | None) -> list[PeriodCode]:
    start = int(first)
    end = int(last) if last and int(last) > start else start
    return [f"{prefix}{n}" for n in range(start, end + 1)]  # type: ignore[misc]


def find_periods(text: str) -> list[PeriodCode]:
    """Every tertial or quarter the text mentions, in order of first mention.

    "under tertial 3", "T1–T3", "första tertialet", "Kvartal 2", "Q1" and
    "januari–april" are read; a bare "tertialet" names no period.
    """
    found: list[PeriodCode] = []
    if not _PERIOD_HINT.search(text):
        return found
    for match in _PERIOD.finditer(text):
        groups = match.groupdict()
        codes: list[PeriodCode]
        if groups["tn"]:
            codes = _tertial_or_quarter("T", groups["tn"], groups["tn2"])
        elif groups["tc"]:
            codes = _tertial_or_quarter("T", groups["tc"], groups["tc2"])
        elif groups["to"]:
            codes = [f"T{_ORDINAL[groups['to'].lower()]}"]  # type: ignore[list-item]
        elif groups["qn"]:
            codes = _tertial_or_quarter("Q", groups["qn"], groups["qn2"])
        elif groups["qc"]:
            codes = _tertial_or_quarter("Q", groups["qc"], groups["qc2"])
        elif groups["qo"]:
            codes = [f"Q{_ORDINAL[groups['qo'].lower()]}"]  # type: ignore[list-item]
        else:
            key = (groups["m1"][:3].lower(), groups["m2"][:3].lower())
            code = _MONTH_TERTIAL.get(key)
            codes = [code] if code else []  # type: ignore[list-item]
        for code in codes:
            if code not in found:
                found.append(code)
    return found


def read_period_label(text: str) -> PeriodCode | None:
    """The period a short label names ("Tertial 1", "T2", "Kvartal 3", "Helår",
    "Utfall 2018"), or None when the text is not a period label."""
    label = text.strip().rstrip(":").strip()
    if not label or len(label.split()) > 8:
        return None
    periods = find_periods(label)
    if len(periods) == 1:
        return periods[0]
    if not periods and _YEAR_LABEL.match(label):
        return "year"
    return None


_GENERIC_LABEL = re.compile(
    r"^(?:utfall(?:et)?(?:\s+blev)?|resultat(?:et)?|uppföljning|status|"
    r"kommentar(?:er)?|måluppfyllelse|redovisning|så\s+blev\s+det|utfört|genomfört)"
    r"\s*:?$",
    re.IGNORECASE,
)


def is_generic_label(text: str) -> bool:
    """Whether a follow-up label names no period of its own ("Kommentar",
    "Resultat", "Status"), so that the period comes from the context."""
    return bool(_GENERIC_LABEL.match(text.strip()))


def is_half_year(text: str) -> bool:
    """Whether a label names a half-year ("Första halvåret", "Halvår 2"), which has
    no period code of its own and is reported as the year."""
    return bool(_HALF_YEAR.match(text.strip()))


def _without_dates(text: str) -> str:
    text = _ISO_DATE.sub(" ", text)
    return _FULL_DATE.sub(" ", text)


def find_years(text: str) -> list[int]:
    """The years the text names, ranges expanded ("2018-2019", "2020/2021",
    "oktober 2018 – oktober 2019"), leaving out full dates."""
    text = _without_dates(text)
    years: list[int] = []
    covered: list[tuple[int, int]] = []
    for match in _YEAR_RANGE.finditer(text):
        first = int(match.group("y1"))
        raw_last = match.group("y2")
        last = (
            int(raw_last) if len(raw_last) == 4 else first // 100 * 100 + int(raw_last)
        )
        if not 0 < last - first <= 5:
            continue
        covered.append(match.span())
        years.extend(range(first, last + 1))
    for match in _YEAR.finditer(text):
        if any(start <= match.start() < end for start, end in covered):
            continue
        years.append(int(match.group("y")))
    return sorted({year for year in years if 1990 <= year <= 2099})


def years_of_dates(text: str) -> list[int]:
    """The years of the full dates in the text, a range of dates expanded
    ("från 1 januari 2018 till 31 december 2019" gives 2018 and 2019)."""
    matches = list(_DATE_YEAR.finditer(text))
    years: set[int] = set()
    for index, match in enumerate(matches):
        first = int(match.group("iso") or match.group("full"))
        years.add(first)
        if index + 1 < len(matches):
            following = matches[index + 1]
            last = int(following.group("iso") or following.group("full"))
            between = text[match.end() : following.start()]
            if _DATE_LINK.match(between) and 0 < last - first <= 5:
                years.update(range(first, last + 1))
    return sorted(year for year in years if 1990 <= year <= 2099)


def read_duration(text: str) -> int | None:
    """How many years a promise runs when the text says so ("under två (2) år",
    "två år framåt", "tvåårigt"), or None."""
    match = _DURATION.search(text)
    if not match:
        return None
    raw = (match.group("n") or match.group("adj")).lower()
    return int(raw) if raw.isdigit() else _DURATION_WORDS[raw]


def read_years(text: str, *, start: int | None = None) -> list[int]:
    """The years a promise covers according to the text.

    Explicit years and ranges are read; a duration ("två (2) år") extends from
    `start`, or from the only explicit year when there is exactly one.
    """
    years = find_years(text)
    duration = read_duration(text)
    if duration:
        first = start if start is not None else (years[0] if len(years) == 1 else None)
        if first is not None:
            years = sorted(set(years) | set(range(first, first + duration)))
    return years


# A date in a web address: "/arkiv/2020-04-29-medborgarlofte-…", "/2020/04/29/",
# "20200429"; else a year standing alone between separators ("/2021/", "-2021-").
_ADDRESS_DATE = re.compile(
    r"(?<!\d)(?P<year>20\d{2})(?P<sep>[-/_.]?)(?:0[1-9]|1[0-2])(?P=sep)"
    r"(?:0[1-9]|[12]\d|3[01])(?!\d)"
)
_ADDRESS_YEAR = re.compile(r"(?<![\d])(?P<year>20\d{2})(?![\d])")


def year_of_address(address: str) -> int | None:
    """The year a document's web address gives: that of a date in its path
    ("…/arkiv/2020-04-29-medborgarlofte-…"), else the one year it names. None
    when the address names no year, or several different ones and no date."""
    # The host name never dates a page ("polisen2020.se" is a name).
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/?#]*", "", address.strip(), flags=re.I)
    date = _ADDRESS_DATE.search(path)
    if date:
        return int(date.group("year"))
    years = {int(match.group("year")) for match in _ADDRESS_YEAR.finditer(path)}
    return years.pop() if len(years) == 1 else None
