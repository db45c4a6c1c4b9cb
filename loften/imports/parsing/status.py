"""Read a follow-up status from its wording ("genomfört", "delvis", "pågår" …).

No national status list exists, so these are the words documents use in
practice. A negated completion ("har inte genomförts") always beats the
positive word inside it.
"""

import re
from typing import Literal

from .numbers import parse_number_word

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
    r"kommit igång|ägt rum|verkställ\w*|klar\w*|nåddes|nått|uppnå\w*)"
)
_NEGATION = r"(?:inte|ej|icke|aldrig|ännu inte|ännu ej)"

# Wholly a status word, as in a status column ("Ja", "Klart", "Nej").
_SHORT_DONE = re.compile(r"^\s*(?:ja|klart|klar|ok|x|✓|✔)\s*[.!]?\s*$", re.IGNORECASE)
_SHORT_NOT_DONE = re.compile(r"^\s*(?:nej|✗|✘)\s*[.!]?\s*$", re.IGNORECASE)

_PARTLY_NEGATED = re.compile(
    r"\b(?:inte|ej)\s+(?:helt|fullt ut|fullständigt|till fullo|alla|allt|samtliga)\b"
    r"|\b(?:inte|ej)\s+(?:\w+\s+){1,2}?(?:fullt\s+ut|till\s+fullo|fullständigt|"
    r"i\s+sin\s+helhet)\b",
    re.IGNORECASE,
)
_NOT_DONE = re.compile(
    rf"\b{_NEGATION}\s+(?:\w+\s+){{0,2}}?{_COMPLETION}"
    rf"|\b{_COMPLETION}\s+(?:har\s+)?{_NEGATION}\b"
    r"|\b(?:ingen|inga|inget)\s+(?:\w+\s+)?\w*(?:träff|möte|vandring|kontroll|"
    r"insats|aktivitet|sök|patrull|utbildning|kampanj)"
    r"(?:en|et|ar|arna|er|erna|na|n|ering|eringar|eringen)?\b"
    r"(?!\s+(?:behov|anledning))"
    # "Ingen trygghetsvandring har genomförts", "Inga möten hölls".
    rf"|\b(?:ingen|inga|inget)\s+(?:[\w-]+\s+){{1,3}}?(?:har\s+|hade\s+|kunde\s+)?"
    rf"(?:{_COMPLETION})"
    r"|\bblev\s+(?:inte|aldrig)\s+av\b|\buteblev\b|\binställ(?:d|t|da|des|ts)\b"
    r"|\bställ(?:des|ts|t)\s+(?:\w+\s+)?in\b"
    r"|\b(?:har|hade)\s+(?:inte|ej)\s+kunnat\b|\bkunde\s+(?:inte|ej)\b",
    re.IGNORECASE,
)
_PARTLY = re.compile(
    r"\bdelvis\b|\btill\s+(?:viss|en\s+del|stor\s+del|största\s+del(?:en)?)\b"
    r"|\bi\s+viss\s+mån\b|\bdelar\s+av\b|\bmen\s+inte\s+(?:alla|allt|samtliga)\b"
    r"|\bnästan\s+(?:helt\s+)?(?:klart?|färdig\w*|genomför\w*|slutför\w*|klara)\b",
    re.IGNORECASE,
)
_DONE = re.compile(
    r"\bgenomför(?:t|ts|d|da|des|de)\b|\butför(?:t|ts|d|da|des|de)\b"
    r"|\b(?:är|har|blev)\s+(?:nu\s+)?(?:gjort|gjorts)\b|\bgjordes\b"
    r"|\bhar\s+vi\s+gjort\b|\bhar\s+(?:\w+\s+)?hållits\b|\bhölls\b"
    r"|\b(?:har|hade)\s+(?:\w+\s+)?(?:skett|ägt\s+rum|träffats|tagits\s+fram)\b"
    r"|\bskedde\b|\bägde\s+rum\b|\bslutför(?:t|ts|des)\b|\bavklarat?\b|\bavslutat?s?\b"
    r"|\buppfyll(?:t|ts|des|da)\b|\buppnått?s?\b|\binfriat?s?\b|\bklart\b"
    r"|\bkan\s+anses\s+vara\s+(?:uppfyllt|genomfört|klart|infriat)\b"
    r"|\b(?:målet|målen)\s+(?:är\s+|har\s+|blev\s+)?(?:upp)?(?:nått|nåtts|nåddes)\b"
    # "Lärarna har lyft …, och haft riktade insatser": things done in the period.
    r"|\bhar\s+(?:(?!inte\b|ej\b|aldrig\b)\w+\s+){0,2}?(?:lyft|tagit\s+fram|satt\s+upp)\b"
    r"|\bhaft\s+(?:[\w-]+\s+)?\w*(?:insats|möte|träff|kontroll|besök|samtal|"
    r"aktivitet|vandring|utbildning|föreläsning|dialog)\w*",
    re.IGNORECASE,
)
_ONGOING = re.compile(
    r"\bpågår\b|\bpågående\b|\bfortsätter\b|\bfortgår\b|\bfortlöpande\b"
    r"|\bkommer\s+(?:att\s+)?fortsätta\b|\bdriver\s+fortsatt\b|\bfortsatt\s+arbete\b"
    r"|\bpåbörja(?:t|ts|de|des)\b|\binlett?s?\b|\binitiera(?:t|ts|des)\b"
    r"|\bstartat?s?\b|\bunder\s+(?:arbete|uppbyggnad)\b|\bi\s+gång\b"
    # "Genomförs löpande", "Sker kontinuerligt": work that goes on.
    r"|\b(?:genomförs|sker|görs|utförs|hålls|arbetar|jobbar)\s+(?:\w+\s+)?"
    r"(?:löpande|kontinuerligt|regelbundet|fortlöpande|återkommande|aktivt)\b"
    # "Polisen har arbetat aktivt med …", "har jobbat kontinuerligt".
    r"|\b(?:har|hade)\s+(?:(?!inte\b|ej\b|aldrig\b)[\w-]+\s+){0,3}?"
    r"(?:arbetat|jobbat|verkat|bedrivit|drivit)\b",
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
# A count of occasions or hours reported ("På plats vid minst 45 tillfällen
# sammanlagt 116 timmar") says the work was done, when nothing else says more.
_REPORTED_COUNT = re.compile(
    r"\bvid\s+(?:minst\s+|ca\.?\s+|cirka\s+|drygt\s+|totalt\s+)?\d+\s+"
    r"(?:tillfällen|pass|kvällar|helger|besök)\b"
    r"|\b(?:sammanlagt|totalt)\s+(?:ca\.?\s+|cirka\s+)?\d+\s+(?:timmar|tillfällen)\b",
    re.IGNORECASE,
)
# Clauses of a report, to see one part done and another not ("En vandring
# genomfördes, den andra ställdes in").
_CLAUSE_BREAK = re.compile(r"[.;!?]\s+|,\s+|\s+men\s+", re.IGNORECASE)
# "Genomfört två av fyra": fewer than all.
_SOME_OF = re.compile(
    r"\b(?P<done>\d+|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+av\s+"
    r"(?P<all>\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\b",
    re.IGNORECASE,
)


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else parse_number_word(word)


def _some_of_all(text: str) -> bool:
    """Whether the text reports fewer than all ("två av fyra")."""
    for match in _SOME_OF.finditer(text):
        done, total = _number(match.group("done")), _number(match.group("all"))
        if done is not None and total is not None and 0 < done < total:
            return True
    return False


def _clause_status(text: str) -> Status | None:
    if _SHORT_DONE.match(text):
        return "done"
    if _SHORT_NOT_DONE.match(text):
        return "not_done"
    if _PARTLY_NEGATED.search(text):
        return "partly_done"
    if _NOT_DONE.search(text):
        return "not_done"
    if _PARTLY.search(text):
        return "partly_done"
    if _DONE.search(text):
        if _PLANNED.search(text) or _some_of_all(text):
            return "partly_done"
        return "done"
    return None


def read_status(text: str) -> Status | None:
    """The status a follow-up text states, or None when its wording states none.

    Order of precedence: a verdict on the whole ("Löftet är delvis uppfyllt"),
    "inte helt" (partly done), one part done and another not (partly done), a
    negated completion (not done), "delvis", done (done together with planned
    or "två av fyra" reads as partly done), ongoing, planned, not applicable,
    a bare "har inte" (not done), then a reported count of occasions (done).
    """
    if not text or not text.strip():
        return None
    verdict = _VERDICT.search(text)
    if verdict:
        if verdict.group("negated"):
            return "not_done"
        return "partly_done" if verdict.group("partly") else "done"
    status = _clause_status(text)
    if status == "not_done":
        clauses = {_clause_status(part) for part in _CLAUSE_BREAK.split(text)}
        if "done" in clauses and "not_done" in clauses:
            return "partly_done"
    if status is not None:
        return status
    if _ONGOING.search(text):
        return "ongoing"
    if _PLANNED.search(text):
        return "planned"
    if _NOT_APPLICABLE.search(text):
        return "not_applicable"
    if _WEAK_NOT_DONE.search(text):
        return "not_done"
    if _REPORTED_COUNT.search(text):
        return "done"
    return None
