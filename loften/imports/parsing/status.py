"""Read a follow-up status from its wording ("genomfört", "delvis", "pågår" …).

No national status list exists, so these are the words documents use in
practice. A negated completion ("har inte genomförts") always beats the
positive word inside it.
"""

import re
from typing import Literal

Status = Literal[
    "done", "partly_done", "ongoing", "planned", "not_done", "not_applicable"
]
STATUSES: tuple[Status, ...] = (
    "done",
    "partly_done",
    "ongoing",
    "planned",
    "not_done",
    "not_applicable",
)

_COMPLETION = (
    r"(?:genomför\w*|utför\w*|gjort\w*|gjordes|hållits|hållit|hölls|skett|skedde|"
    r"uppfyll\w*|infria\w*|slutför\w*|påbörja\w*|startat\w*|blivit av|"
    r"kommit igång|ägt rum|verkställ\w*|klar\w*)"
)
_NEGATION = r"(?:inte|ej|icke|aldrig|ännu inte|ännu ej)"

# Wholly a status word, as in a status column ("Ja", "Klart", "Nej").
_SHORT_DONE = re.compile(r"^\s*(?:ja|klart|klar|ok|x|✓|✔)\s*[.!]?\s*$", re.IGNORECASE)
_SHORT_NOT_DONE = re.compile(r"^\s*(?:nej|✗|✘)\s*[.!]?\s*$", re.IGNORECASE)

_PARTLY_NEGATED = re.compile(
    r"\b(?:inte|ej)\s+(?:helt|fullt ut|fullständigt|till fullo)\b",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(
    rf"\b{_NEGATION}\s+(?:\w+\s+){{0,2}}?{_COMPLETION}"
    rf"|\b{_COMPLETION}\s+(?:har\s+)?{_NEGATION}\b"
    r"|\b(?:ingen|inga|inget)\s+(?:\w+\s+)?(?:träff\w*|möte\w*|vandring\w*|"
    r"kontroll\w*|insats\w*|aktivitet\w*|hundsök\w*|samverkansmöte\w*)"
    r"(?!\s+(?:behov|anledning))"
    r"|\bblev\s+(?:inte|aldrig)\s+av\b|\buteblev\b|\bställdes\s+in\b|\binställ(?:d|t|da)\b"
    r"|\b(?:har|hade)\s+(?:inte|ej)\s+kunnat\b|\bkunde\s+(?:inte|ej)\b",
    re.IGNORECASE,
)
_PARTLY = re.compile(
    r"\bdelvis\b|\btill\s+(?:viss|en\s+del)\b|\bi\s+viss\s+mån\b|\bdelar\s+av\b",
    re.IGNORECASE,
)
_DONE = re.compile(
    r"\bgenomför(?:t|ts|d|da|des|de)\b|\butför(?:t|ts|d|da|des|de)\b"
    r"|\b(?:är|har|blev)\s+(?:nu\s+)?(?:gjort|gjorts)\b|\bgjordes\b"
    r"|\bhar\s+vi\s+gjort\b|\bhar\s+(?:\w+\s+)?hållits\b|\bhölls\b"
    r"|\b(?:har|hade)\s+(?:\w+\s+)?(?:skett|ägt\s+rum|träffats|tagits\s+fram)\b"
    r"|\bskedde\b|\bägde\s+rum\b|\bslutför(?:t|ts|des)\b|\bavklarat?\b|\bavslutat?s?\b"
    r"|\buppfyll(?:t|ts|des|da)\b|\buppnått?s?\b|\binfriat?s?\b|\bklart\b"
    r"|\bkan\s+anses\s+vara\s+(?:uppfyllt|genomfört|klart|infriat)\b",
    re.IGNORECASE,
)
_ONGOING = re.compile(
    r"\bpågår\b|\bpågående\b|\bfortsätter\b|\bfortgår\b|\bfortlöpande\b"
    r"|\bkommer\s+(?:att\s+)?fortsätta\b|\bdriver\s+fortsatt\b|\bfortsatt\s+arbete\b"
    r"|\bpåbörja(?:t|ts|de|des)\b|\binlett?s?\b|\binitiera(?:t|ts|des)\b"
    r"|\bstartat?s?\b|\bunder\s+(?:arbete|uppbyggnad)\b|\bi\s+gång\b",
    re.IGNORECASE,
)
_PLANNED = re.compile(
    r"\binplaner(?:at|ad|ade)\b|\bplaneras\b|\bplanerad\b|\bplanerat\b"
    r"|\b(?:är|blir)\s+planerade\b"
    r"|\bär\s+(?:bokad|bokat|bokade)\b|\bbokad\s+till\b"
    r"|\bkommer\s+(?:att\s+)?(?:genomföras|hållas|ske|äga\s+rum)\b"
    r"|\bska\s+(?:genomföras|hållas|ske)\b",
    re.IGNORECASE,
)
_NOT_APPLICABLE = re.compile(
    r"\binget\s+specifikt\b|\binget\s+att\s+(?:rapportera|redovisa)\b"
    r"|\b(?:ej|inte|inget|ingen)\s+(?:\w+\s+)?behov\b"
    r"|\bbehov\w*\s+(?:\w+\s+){0,4}?(?:har|hade)\s+(?:ej|inte)\s+(?:funnits|uppstått)"
    r"|\b(?:ej|inte)\s+(?:funnits|uppstått)\s+(?:\w+\s+)?behov\b"
    r"|\b(?:har|hade)\s+(?:inte|ej)\s+behövts\b"
    r"|\b(?:ej|inte)\s+(?:aktuellt|aktuell|relevant|tillämpligt)\b"
    r"|\bingen\s+anledning\b|\butgår\b",
    re.IGNORECASE,
)
# "Löftet är delvis uppfyllt": a verdict on the whole outweighs the details.
_VERDICT = re.compile(
    r"\b(?:löftet|löftena|medborgarlöftet|aktiviteten|aktiviteterna|målet|åtagandet|"
    r"insatsen)\s+(?:är|har|blev|kan\s+anses\s+vara|bedöms\s+(?:vara|som))\s+"
    r"(?:(?P<negated>inte|ej)\s+)?(?:(?P<partly>delvis|till\s+viss\s+del)\s+)?"
    r"(?:helt\s+)?(?:genomfört|genomförd|genomförda|uppfyllt|uppfylld|uppfyllda|"
    r"uppnått|infriat|klart|nått|fullföljt)\b",
    re.IGNORECASE,
)
_WEAK_NOT_DONE = re.compile(
    r"\b(?:har|hade)\s+(?:ännu\s+)?(?:inte|ej|aldrig)\b|\bännu\s+(?:inte|ej)\b",
    re.IGNORECASE,
)


def read_status(text: str) -> Status | None:
    """The status a follow-up text states, or None when its wording states none.

    Order of precedence: a verdict on the whole ("Löftet är delvis uppfyllt"),
    "inte helt" (partly done), a negated completion (not
    done), "delvis", done (done together with planned reads as partly done),
    ongoing, planned, not applicable, then a bare "har inte" (not done).
    """
    if not text or not text.strip():
        return None
    if _SHORT_DONE.match(text):
        return "done"
    if _SHORT_NOT_DONE.match(text):
        return "not_done"
    verdict = _VERDICT.search(text)
    if verdict:
        if verdict.group("negated"):
            return "not_done"
        return "partly_done" if verdict.group("partly") else "done"
    if _PARTLY_NEGATED.search(text):
        return "partly_done"
    if _NOT_DONE.search(text):
        return "not_done"
    if _PARTLY.search(text):
        return "partly_done"
    if _DONE.search(text):
        return "partly_done" if _PLANNED.search(text) else "done"
    if _ONGOING.search(text):
        return "ongoing"
    if _PLANNED.search(text):
        return "planned"
    if _NOT_APPLICABLE.search(text):
        return "not_applicable"
    if _WEAK_NOT_DONE.search(text):
        return "not_done"
    return None
