"""Promises and their follow-up told in running text: news items and short
follow-ups with no list of activities.

These rules read what a careful reader of such a page takes from it: who makes
the promise ("både polisen och kommunen", "X kommun och Polisen lämnar följande
löften"), the pieces of work a sentence names ("De aktiviteter som … lovade var
bland annat A i kombination med B"), the work a party reports having done ("har
kommunen påbörjat installation av kameror"), and whose "vi" a quotation speaks
for ("…, säger NN, kommunpolis").
"""

import re
from collections.abc import Sequence

from .blocks import Block
from .draft import Draft
from .parties import Parties, parties_from_list, statement_parties
from .party_words import classify_party
from .periods import find_years
from .result import Activity, Note
from .text import sentences

# A quotation in a news item: "…, säger Anna Andersson, kommunpolis."
QUOTED = re.compile(r",\s+säger\s+(?:[A-ZÅÄÖ]|han\b|hon\b)")
# The speaker and the role after the name: "säger Jörgen Sjåstad, kommunpolis i
# X", "säger Anna-Lena Mann Kommunpolis i X", "säger NN, kommunstyrelsens
# ordförande".
_SPEAKER = re.compile(r",\s+säger\s+(?P<who>[^.!?]{3,120})")
_SPEAKER_WORDS = 6
_ATTRIBUTION = re.compile(r",\s+säger\s+.*$", re.DOTALL)
# The pieces of work one sentence names: "De aktiviteter som polisen och
# kommunen lovade att genomföra var bland annat A i kombination med B".
_NAMED_WORK = re.compile(
    r"^(?P<head>.*?\b(?:aktiviteter(?:na)?|insatser(?:na)?|åtgärder(?:na)?|"
    r"löften(?:a)?)\s+som\b.{3,160}?\s(?:var|är|blev|handlade\s+om|handlar\s+om)\s+"
    r"(?:bland\s+annat\s+|bl\.\s?a\.?\s+|främst\s+|framför\s+allt\s+)?)"
    r"(?P<items>.+?)[.!]?$",
    re.IGNORECASE | re.DOTALL,
)
_ITEM_SPLIT = re.compile(
    r"\s*,\s*|\s+(?:samt|i\s+kombination\s+med|liksom|tillsammans\s+med)\s+",
    re.IGNORECASE,
)
_LAST_AND = re.compile(r"\s+och\s+", re.IGNORECASE)
# Work a party reports having done or doing: "har kommunen påbörjat
# installation av …", "Polisen har 2022 arbetat aktivt med …", "Kommunen
# arbetar också med kameraövervakning", "arbete har gjorts från både kommun och
# polis".
_REPORTED_WORK = re.compile(
    r"\bhar\s+(?:[\wåäö]+\s+){0,3}?(?:påbörjat|arbetat|genomfört|startat|infört|"
    r"inlett|installerat|utfört|förstärkt|satt\s+in)\b"
    r"|\barbetar\s+(?:också|även|dessutom)\s+med\b",
    re.IGNORECASE,
)
# A passive with its agent: "har gjorts från både kommun och polis", "har
# genomförts av polisen".
_BY_AGENT = re.compile(
    r"\b(?:har|hade)\s+(?:gjorts|genomförts|utförts|bedrivits)\s+(?:från|av)\s+"
    r"(?:både\s+)?(?P<who>[\wåäö]+(?:\s+kommun)?\s+(?:och|samt)\s+[\wåäö]+"
    r"(?:\s+kommun)?|[\wåäö]+(?:\s+kommun)?)\b",
    re.IGNORECASE,
)
# Police and municipality named together: "både polisen och kommunen", "Höörs
# kommun och Polisen", "kommun och polis".
_JOINT = re.compile(
    r"\b(?P<who>(?:[A-ZÅÄÖ][\wåäö]+s?\s+)?(?i:kommunen|kommun|polisen|polis)\s+"
    r"(?:och|samt)\s+(?:[A-ZÅÄÖ][\wåäö]+s?\s+)?(?i:kommunen|kommun|polisen|polis))"
    r"\b"
)
# A sentence about the promise itself.
_ABOUT_PROMISE = re.compile(
    r"medborgarl[öo]fte|\bl[öo]fte|\blovade\b|\blovar\b|\blovat\b", re.IGNORECASE
)
_LONGEST_SENTENCE = 400
# The fewest letters of a named piece of work ("trygghetsvandringar").
_ITEM_LETTERS = 4


def speaker_party(text: str) -> Parties | None:
    """The party a quotation speaks for, from the speaker's role ("…, säger
    Jörgen Sjåstad, kommunpolis i X" → the police), or None."""
    match = _SPEAKER.search(text)
    if not match:
        return None
    for word in re.findall(r"[\wåäöÅÄÖ-]+", match.group("who"))[:_SPEAKER_WORDS]:
        kind = classify_party(word)
        if kind in ("polisen", "kommunen"):
            return Parties({kind})
    return None


def without_attribution(text: str) -> str:
    """A quotation without its ", säger NN …" (the words said)."""
    return _ATTRIBUTION.sub("", text).strip().rstrip(",") or text


def named_work(text: str) -> list[str]:
    """The pieces of work a sentence names after "De aktiviteter som … var
    (bland annat)": split at commas, "samt" and "i kombination med" (and the last
    "och" of a comma list), each with a capital; [] when it names no list."""
    match = _NAMED_WORK.match(text.strip())
    if not match:
        return []
    items = [item.strip() for item in _ITEM_SPLIT.split(match.group("items"))]
    if "," in match.group("items") and items:
        # "A, B och C": the last "och" joins the last two pieces.
        items[-1:] = _LAST_AND.split(items[-1], maxsplit=1)
    items = [item for item in items if len(item) >= _ITEM_LETTERS]
    if len(items) < 2:
        return []
    return [item[:1].upper() + item[1:] for item in items]


def promise_parties(draft: Draft, blocks: Sequence[Block]) -> list[str]:
    """The parties that make the promise, as the document names them: those of
    the promise statements, and police and municipality named together in a
    sentence about the promise ("För att uppfylla medborgarlöftet genomförde
    både polisen och kommunen …", "Medborgarlöfte 2023 mellan X kommun och
    Polisen"). Ordered polisen, kommunen, then named others."""
    found = Parties()
    for text in draft.result.commitments:
        parties = statement_parties(text)
        if parties:
            found.responsible |= parties.responsible
            for name in parties.partners:
                found.add_partner(name)
    for block in blocks:
        if block.kind not in ("heading", "paragraph") or not _JOINT.search(block.text):
            continue
        for sentence in sentences(block.text):
            if len(sentence) > _LONGEST_SENTENCE or not _ABOUT_PROMISE.search(sentence):
                continue
            for match in _JOINT.finditer(sentence):
                parties = parties_from_list(match.group("who"), accept_unknown=False)
                if parties and parties.responsible >= {"polisen", "kommunen"}:
                    found.responsible |= {"polisen", "kommunen"}
    ordered = [p for p in found.ordered_responsible() if p != "annan"]
    return ordered + [name for name in found.partners if name not in ordered]


def reported_work(draft: Draft, blocks: Sequence[Block]) -> None:
    """In a news item or short follow-up whose promises are told only in prose,
    each sentence of the text left as introduction or summary in which the
    police or the municipality reports work it has done or is doing ("För att
    åtgärda detta har kommunen påbörjat installation av kameror", "Polisen har
    2022 arbetat aktivt med …", "… arbete har gjorts från både kommun och
    polis") is an activity of that party, with the sentence as its follow-up
    (of the year the sentence names). Reports already tied to an activity, and
    the lägesbild, are left as they are."""
    result = draft.result
    listed = {" ".join(b.text.split()) for b in blocks if b.kind == "list_item"}
    if draft.listed_commitments or any(
        " ".join(a.text.split()) in listed and not QUOTED.search(a.text)
        for a in result.activities
    ):
        # Promises listed as items: reports belong to them, not beside them.
        return
    if any(text.rstrip().endswith(":") for text in result.commitments):
        # "… genom följande aktiviteter:" over a list the page does not hold
        # (cut short): the reports are about that list.
        return
    draft.group = None
    draft.focus_area = None
    draft.commitment_index = None
    draft.period = None
    kept: list[Note] = []
    for note in result.notes:
        if note.kind not in ("intro", "summary"):
            kept.append(note)
            continue
        rest: list[str] = []
        for sentence in sentences(note.text):
            parties = (
                None
                if len(sentence) > _LONGEST_SENTENCE or sentence.endswith("?")
                else _reporting_parties(sentence)
            )
            if parties is None:
                rest.append(sentence)
                continue
            text = without_attribution(sentence)
            activity = draft.add_activity(text)
            if not activity.responsible:
                activity.responsible = parties.ordered_responsible()
            followup = draft.new_followup(activity, text)
            years = find_years(sentence)
            if len(years) == 1:
                followup.year = years[0]
                draft.years.add(years[0])
            draft.clear_current()
        if rest:
            note.text = " ".join(rest)
            kept.append(note)
    result.notes = kept


# Background, not a report of the promise's work: "Polisen och kommunen har sedan
# 2016 arbetat med medborgarlöften", "… har arbetat i samverkan i många år".
_BACKGROUND = re.compile(
    r"\bsedan\b|medborgarl[öo]fte|samverkansavtal|överenskommelse|\bi\s+många\s+år\b",
    re.IGNORECASE,
)


def _reporting_parties(sentence: str) -> Parties | None:
    if _BACKGROUND.search(sentence):
        return None
    agent = _BY_AGENT.search(sentence)
    if agent:
        parties = parties_from_list(agent.group("who"), accept_unknown=False)
        if parties and parties.responsible & {"polisen", "kommunen"}:
            return parties
    if not _REPORTED_WORK.search(sentence):
        return None
    parties = statement_parties(without_attribution(sentence))
    if parties and parties.responsible & {"polisen", "kommunen"}:
        return parties
    return None


# "bland annat A och B": the named pieces are some of the work, not all of it.
_SOME_OF = re.compile(r"\b(?:bland\s+annat|bl\.\s?a\.?|bl\.a\.?)\s", re.IGNORECASE)
# More work told in a report: "Det har också genomförts trygghetsvandringar",
# "Kommunen arbetar också med kameraövervakning".
_MORE_WORK = re.compile(
    r"\b(?:har|hade)\s+(?:också|även|dessutom)\s+(?:[\wåäö]+\s+)?"
    r"(?:genomförts|genomfört|utförts|utfört|startats|startat|påbörjats|påbörjat|"
    r"införts|infört|anordnats|anordnat)\b"
    r"|\barbetar\s+(?:också|även|dessutom)\s+med\b",
    re.IGNORECASE,
)
_STEM = 6
_CONTENT_WORD = re.compile(r"[a-zåäöéü]{5,}")


def told_work(
    draft: Draft,
    statement: str,
    pieces: Sequence[str],
    reports: Sequence[str],
    parties: Parties | None,
) -> None:
    """A promise told in one sentence that names its pieces of work ("De
    aktiviteter som polisen och kommunen lovade … var bland annat A i
    kombination med B"), and the report on it: each piece is an activity of the
    sentence's parties; each report sentence is the follow-up of the piece it
    shares words with, else of the activity told just before it. When the
    pieces are only some of the work ("bland annat"), a report sentence that
    tells more work ("Kommunen arbetar också med kameraövervakning", "Det har
    också genomförts trygghetsvandringar") is an activity of its own."""
    some_only = bool(_SOME_OF.search(statement))
    activities: list[Activity] = []
    for piece in pieces:
        activity = draft.add_activity(piece)
        _give_parties(activity, parties)
        activities.append(activity)
    told: dict[int, list[str]] = {}
    latest = activities[0]
    for report in reports:
        for sentence in sentences(report):
            if some_only and _MORE_WORK.search(sentence):
                latest = draft.add_activity(sentence)
                _give_parties(latest, parties)
                activities.append(latest)
            else:
                latest = _sharing_words(sentence, activities[: len(pieces)]) or latest
            told.setdefault(id(latest), []).append(sentence)
    for activity in activities:
        if told.get(id(activity)):
            draft.new_followup(activity, " ".join(told[id(activity)]))
    draft.clear_current()


def _give_parties(activity: Activity, parties: Parties | None) -> None:
    if activity.responsible or parties is None:
        return
    activity.responsible = parties.ordered_responsible()
    for name in parties.partners:
        if name not in activity.partners:
            activity.partners.append(name)


def _sharing_words(sentence: str, activities: Sequence[Activity]) -> Activity | None:
    """The activity that shares the most content-word stems with the sentence,
    or None when none shares any."""
    stems = {word[:_STEM] for word in _CONTENT_WORD.findall(sentence.lower())}
    best: Activity | None = None
    best_count = 0
    for activity in activities:
        own = {word[:_STEM] for word in _CONTENT_WORD.findall(activity.text.lower())}
        count = len(stems & own)
        if count > best_count:
            best, best_count = activity, count
    return best
