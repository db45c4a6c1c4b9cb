"""Checks before publishing: personal data, readability and completeness. Pure.

A *personnummer* (or samordningsnummer) blocks publishing; telephone numbers,
e-mail addresses, hard-to-read text (LIX above 50), targets without a reported
quantity and periods without follow-ups only warn. The same functions serve the
editors' screens (shown beside each text) and the publication services (which
refuse to publish a personnummer whatever the screen).
"""

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

from loften.core.text import shorten

BLOCK = "block"
WARN = "warn"

# LIX (Björnsson): words per sentence + 100 × share of words longer than six letters.
LIX_WARNING_ABOVE = 50
LIX_LONG_WORD = 6
# Below this many words the index says little, so a high value only informs.
LIX_MIN_WORDS = 10

# 6 or 8 digits of birth date, an optional - or +, and 4 digits; not inside a
# longer run of digits.
_PERSONNUMMER = re.compile(r"(?<![\d\w])(\d{6}|\d{8})([-+]?)(\d{4})(?![\d\w])")
# Swedish telephone numbers: +46, 0046 or 0, then at least 6 more digits that may
# be grouped with spaces or hyphens.
_PHONE = re.compile(r"(?<![\w+])(?:\+46|0046|0)(?:[ -]?\(0\))?(?:[ -]?\d){6,11}(?!\d)")
_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
# Abbreviations whose full stops do not end a sentence.
_ABBREVIATIONS = re.compile(
    r"\b(?:t\.ex|bl\.a|m\.m|m\.fl|o\.s\.v|osv|dvs|d\.v\.s|s\.k|ca|fr\.o\.m|t\.o\.m"
    r"|p\.g\.a|pga|jfr|kl|nr|st|resp|inkl|exkl|tel|ang|enl)\.",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n\s*\n|\n(?=\s*[-–•*]\s)")


@dataclass(frozen=True)
class Finding:
    """One thing a check found in a text or in the promise as a whole."""

    code: str
    severity: str
    message: str
    match: str = ""

    @property
    def blocks(self) -> bool:
        return self.severity == BLOCK


@dataclass(frozen=True)
class Lix:
    score: int
    words: int
    sentences: int
    long_words: int

    @property
    def reliable(self) -> bool:
        return self.words >= LIX_MIN_WORDS

    @property
    def level(self) -> str:
        """How hard the text is to read, in words (the common Swedish scale)."""
        if self.score < 30:
            return _("very easy")
        if self.score < 40:
            return _("easy")
        if self.score <= 50:
            return _("medium, like a newspaper")
        if self.score <= 60:
            return _("hard, like typical official text")
        return _("very hard")


@dataclass(frozen=True)
class TextCheck:
    """The findings for one text, and its LIX when it is prose."""

    findings: tuple[Finding, ...]
    lix: Lix | None

    @property
    def blocks(self) -> bool:
        return any(f.blocks for f in self.findings)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.blocks)


# --- Personal data -----------------------------------------------------------------


def _is_personal_number(date_part: str, separator: str, serial: str) -> bool:
    if personnummer.is_valid(f"{date_part}{separator}{serial}"):
        return True
    # A samordningsnummer is a personnummer with 60 added to the day of birth;
    # the check digit is computed on the number as written.
    day = int(date_part[-2:])
    if not 61 <= day <= 91:
        return False
    real = f"{date_part[:-2]}{day - 60:02d}{separator or '-'}{serial}"
    try:
        personnummer.get_birth_date(real)
    except ValidationError:
        return False
    return luhn.is_valid(f"{date_part}{serial}"[-10:])


def find_personal_numbers(text: str) -> list[str]:
    """Every valid personnummer or samordningsnummer in `text`, as written.

    Written with or without century and with or without the - or + separator.
    A number whose check digit is wrong is not one (it may be an order number).
    """
    found = []
    for match in _PERSONNUMMER.finditer(text or ""):
        date_part, separator, serial = match.groups()
        if _is_personal_number(date_part, separator, serial):
            found.append(match.group(0))
    return found


def find_phone_numbers(text: str) -> list[str]:
    """Swedish telephone numbers in `text` (not those that are personnummer)."""
    personal = set(find_personal_numbers(text))
    found = []
    for match in _PHONE.finditer(text or ""):
        number = match.group(0).strip(" -")
        digits = re.sub(r"\D", "", number)
        if len(digits) < 8 or number in personal or digits in personal:
            continue
        found.append(number)
    return found


def find_email_addresses(text: str) -> list[str]:
    return [m.group(0) for m in _EMAIL.finditer(text or "")]


# --- Readability -------------------------------------------------------------------


def lix(text: str) -> Lix | None:
    """The LIX readability index of `text`, or None when it has no words.

    Sentences end at . ! ? or : followed by a space or the end, at a blank line,
    and before a bulleted line; common abbreviations (t.ex., bl.a., ca) do not
    end a sentence.
    """
    text = (text or "").replace("\r\n", "\n").strip()
    words = _WORD.findall(text)
    if not words:
        return None
    plain = _ABBREVIATIONS.sub(lambda m: m.group(0).replace(".", ""), text)
    segments = [s for s in _SENTENCE_END.split(plain) if _WORD.search(s)]
    sentences = max(1, len(segments))
    long_words = sum(1 for word in words if len(word) > LIX_LONG_WORD)
    score = len(words) / sentences + 100 * long_words / len(words)
    return Lix(
        score=int(score + 0.5),  # half up, as LIX tables do
        words=len(words),
        sentences=sentences,
        long_words=long_words,
    )


# --- One text ------------------------------------------------------------------------


def check_text(text: str, *, prose: bool = True) -> TextCheck:
    """Run every text check on one public text. `prose` texts also get a LIX."""
    findings: list[Finding] = []
    for number in find_personal_numbers(text):
        findings.append(
            Finding(
                "personnummer",
                BLOCK,
                _(
                    "This looks like a personal identity number (personnummer). "
                    "It must never be published: remove it."
                ),
                number,
            )
        )
    for number in find_phone_numbers(text):
        findings.append(
            Finding(
                "phone",
                WARN,
                _(
                    "A telephone number. Publish it only if it belongs to an "
                    "organisation, not to a private person."
                ),
                number,
            )
        )
    for address in find_email_addresses(text):
        findings.append(
            Finding(
                "email",
                WARN,
                _(
                    "An e-mail address. Publish it only if it belongs to an "
                    "organisation, not to a private person."
                ),
                address,
            )
        )
    readability = lix(text) if prose else None
    if (
        readability is not None
        and readability.reliable
        and readability.score > LIX_WARNING_ABOVE
    ):
        findings.append(
            Finding(
                "lix",
                WARN,
                _(
                    "Hard to read (LIX %(score)s). Write shorter sentences and "
                    "shorter words; public text must be plain and easy to understand."
                )
                % {"score": readability.score},
            )
        )
    return TextCheck(findings=tuple(findings), lix=readability)


# --- The public texts of a snapshot -----------------------------------------------


@dataclass(frozen=True)
class PublicText:
    """A text that publishing would make public, and where it is."""

    where: str
    text: str
    prose: bool = True


def plan_texts(snapshot: Mapping[str, Any]) -> list[PublicText]:
    """The public texts of the plan in a snapshot (see publication/snapshot.py)."""
    promise = snapshot["promise"]
    texts = [
        PublicText(_("Title"), promise.get("title", ""), prose=False),
        PublicText(
            _("Situational picture (lägesbild)"), promise.get("situation_summary", "")
        ),
        PublicText(_("Follow-up plan"), promise.get("followup_plan", "")),
    ]
    for source in promise.get("situation_sources", []):
        where = _("Source: %(title)s") % {"title": shorten(source["title"])}
        texts.append(PublicText(where, source["title"], prose=False))
        texts.append(PublicText(where, source.get("note", "")))
    for signatory in promise.get("signatories", []):
        texts.append(
            PublicText(
                _("Signatory: %(name)s") % {"name": shorten(signatory["name"])},
                " ".join(
                    [signatory["name"], signatory["title"], signatory["organisation"]]
                ),
                prose=False,
            )
        )
    for contact in promise.get("contacts", []):
        texts.append(
            PublicText(
                _("Contact: %(name)s") % {"name": shorten(contact["name"])},
                " ".join([contact["name"], contact["role"], contact["route"]]),
                prose=False,
            )
        )
    for change in snapshot.get("activity_changes", []):
        texts.append(
            PublicText(
                _("Why it changes: %(text)s") % {"text": shorten(change["activity"])},
                change.get("reason", ""),
            )
        )
    for commitment in snapshot.get("commitments", []):
        texts.append(
            PublicText(
                _("Commitment: %(text)s") % {"text": shorten(commitment["text"])},
                commitment["text"],
            )
        )
    for activity in snapshot.get("activities", []):
        where = _("Activity: %(text)s") % {"text": shorten(activity["text"])}
        texts.append(PublicText(where, activity["text"]))
        extra = " ".join(
            [activity.get("place", ""), (activity.get("target") or {}).get("unit", "")]
        )
        texts.append(PublicText(where, extra, prose=False))
    for indicator in snapshot.get("indicators", []):
        where = _("Indicator: %(name)s") % {"name": shorten(indicator["name"])}
        texts.append(
            PublicText(
                where,
                " ".join(
                    [
                        indicator["name"],
                        indicator.get("source", ""),
                        indicator.get("unit", ""),
                    ]
                ),
                prose=False,
            )
        )
        texts.append(PublicText(where, indicator.get("description", "")))
        notes = [value.get("note", "") for value in indicator.get("values", [])]
        texts.append(PublicText(where, " ".join(notes), prose=False))
    return [t for t in texts if t.text.strip()]


def period_texts(snapshot: Mapping[str, Any], period_id: int) -> list[PublicText]:
    """The public texts of one period's follow-ups in a snapshot."""
    activity_text = {a["id"]: a["text"] for a in snapshot.get("activities", [])}
    return [
        PublicText(
            _("Follow-up: %(activity)s")
            % {"activity": shorten(activity_text.get(f["activity_id"], ""))},
            f["text"],
        )
        for f in snapshot.get("followups", [])
        if f["period_id"] == period_id and (f.get("text") or "").strip()
    ]


def blocking_findings(
    texts: Iterable[PublicText],
) -> list[tuple[PublicText, Finding]]:
    """The findings that stop publication, with the text each was found in."""
    return [
        (text, finding)
        for text in texts
        for finding in check_text(text.text, prose=False).findings
        if finding.blocks
    ]


# --- The promise as a whole ----------------------------------------------------------


@dataclass(frozen=True)
class ActivityFacts:
    id: int
    text: str
    has_target: bool


@dataclass(frozen=True)
class PeriodFacts:
    id: int
    label: str
    ended: bool


def targets_without_quantity(
    *,
    activities: Sequence[ActivityFacts],
    period: PeriodFacts,
    quantities: Mapping[int, int | None],
) -> list[Finding]:
    """Activities with a target whose follow-up for `period` gives no quantity.

    `quantities` maps activity id to the reported quantity (absent: no follow-up).
    """
    return [
        Finding(
            "target_without_quantity",
            WARN,
            _(
                "The activity has a target, but the follow-up for %(period)s "
                "gives no quantity: %(activity)s"
            )
            % {"period": period.label, "activity": shorten(activity.text)},
        )
        for activity in activities
        if activity.has_target and quantities.get(activity.id) is None
    ]


def missing_followups(
    *,
    activities: Sequence[ActivityFacts],
    periods: Sequence[PeriodFacts],
    followed: set[tuple[int, int]],
) -> list[Finding]:
    """Ended periods in which some activities have no follow-up.

    `followed` holds (activity id, period id) for every follow-up written.
    """
    findings = []
    for period in periods:
        if not period.ended:
            continue
        missing = [a for a in activities if (a.id, period.id) not in followed]
        if missing:
            findings.append(
                Finding(
                    "missing_followups",
                    WARN,
                    _(
                        "%(period)s has ended, but %(count)s of %(total)s "
                        "activities have no follow-up."
                    )
                    % {
                        "period": period.label,
                        "count": len(missing),
                        "total": len(activities),
                    },
                )
            )
    return findings


def missing_signatures(
    *, signatories: int, signing_date: datetime.date | str | None
) -> list[Finding]:
    """A promise is signed by named people on a date; warn when either is missing."""
    findings = []
    if not signatories:
        findings.append(
            Finding(
                "no_signatories",
                WARN,
                _(
                    "The promise has no signatories. Add who signs it (name and "
                    "role) before it is published."
                ),
            )
        )
    if not signing_date:
        findings.append(
            Finding(
                "no_signing_date",
                WARN,
                _("The promise has no signing date. Add the date it was signed."),
            )
        )
    return findings


def activities_without_status(*, count: int, period_label: str) -> list[Finding]:
    """Activities whose follow-up for the period has no status (or no follow-up)."""
    if not count:
        return []
    return [
        Finding(
            "no_status",
            WARN,
            ngettext(
                "%(count)d activity has no status for %(period)s.",
                "%(count)d activities have no status for %(period)s.",
                count,
            )
            % {"count": count, "period": period_label},
        )
    ]
