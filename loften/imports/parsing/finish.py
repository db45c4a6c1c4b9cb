"""The last steps of a parse, once every block has been placed: statuses, counts
and periods of the follow-ups, the years, the municipality and the kind."""

import re
from collections import Counter
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .blocks import Block
from .draft import Draft
from .municipalities import find_municipality, find_police_area
from .parties import Parties, parties_from_list, read_subject, statement_parties
from .periods import (
    PERIOD_CODES,
    PeriodCode,
    find_periods,
    find_years,
    read_duration,
    year_of_address,
    years_of_dates,
)
from .prose import (
    QUOTED,
    named_work,
    promise_parties,
    reported_work,
    speaker_party,
    told_work,
    without_attribution,
)
from .quantities import read_quantities
from .result import Municipality
from .sections import split_joined_work
from .status import read_status
from .targets import is_outcome
from .text import sentences

# A document that names itself a promise or its follow-up: "Medborgarlöfte Ort 2023",
# "Uppföljning av medborgarlöftet", "Så uppfyllde polisen sitt löfte".
_NAMES_A_PROMISE = re.compile(
    r"medborgarl[öo]ft|trygghetsl[öo]ft|(?:lokala?|gemensamma?|sitt|v[åa]rt|"
    r"polisens|kommunens)\s+l[öo]fte",
    re.IGNORECASE,
)
# A sentence saying who works on the promise: "polisen ska arbeta med …",
# "… som undertecknats mellan LPO X och X kommun".
_WORK_VERB = re.compile(
    r"\b(?:lovar|lovade|ska|skall|kommer\s+att|åtar\s+sig|arbetar|undertecknat|"
    r"undertecknats|tecknat|tecknats|tecknade|utsett|utser|tagit\s+fram|tar\s+fram|"
    r"kommit\s+överens|enats|ingått)\b",
    re.IGNORECASE,
)
# A sentence that says how long the promise runs.
_VALIDITY = re.compile(
    r"\b(?:gäller|gälla|löper|giltig\w*|tidsperiod\w*|perioden|avtalsperiod\w*|"
    r"lovar|lovade|medborgarlöfte[tn]?\s+(?:för|under|inför))\b",
    re.IGNORECASE,
)
# A sentence whose years are those of data or of the news item, not the promise:
# "Trygghetsmätningen 2017 visar …", "lägesbild som gjordes hösten 2018",
# "Publicerad 2023-02-13", "Under 2017 anmäldes 450 brott".
_DATA_YEAR = re.compile(
    r"\b(?:mätning\w*|trygghetsmätning\w*|undersökning\w*|enkät\w*|statistik\w*|"
    r"visar|visade|anmäldes|anmälda|jämfört|gjordes|genomfördes|publicerad|"
    r"uppdaterad|lägesbild\w*|polisanmäl\w*|NTU)\b",
    re.IGNORECASE,
)
# The fewest words of a listed promise that is work rather than a focus area.
_ACTIVITY_WORDS = 3
# A listed promise that names work, not a place: "Ökad närvaro …", "Insatser mot
# …", "Vi ska tillsammans arbeta …" (not "Centrala Ljungby (kring torget)").
_WORK_WORD = re.compile(
    r"\b(?:ska|skall|kommer|arbet|genomför|insats|närvaro|kontroll|vandring|dialog|"
    r"samverk|samarbet|information|informera|utbild|patrull|ökad|ökat|öka|minska|"
    r"förebygg|motverka|stärka|utveckla|tillsyn|möte|besök|synlig|bekämpa|stödja|"
    r"stötta|erbjud|anordna|arrangera)",
    re.IGNORECASE,
)
# The longest sentence taken as a promise statement naming its parties.
_STATEMENT_CHARS = 400
# A prose sentence that tells one promise: "Polisen lovade att …", "har polisen
# och kommunen lovat att …", "Löftet är att …", "Ett av löftena handlar om att …",
# "De löften som finns inskrivna är att …", "av de 4 000 utlovade".
_PROSE_PROMISE = re.compile(
    r"\b(?:lovade|lovat|utlovade|utlovat)\b"
    r"|\blöfte(?:t|na|n)?\b(?:\s+[\wåäö]+){0,4}?\s+(?:är|var|handlar\s+om)\s+att\b",
    re.IGNORECASE,
)
# "Man ska också …", "Vi ska även …", "Polisen ska dessutom …": more of what was
# promised, told after a promise sentence.
_ALSO_PROMISED = re.compile(
    r"^(?:\w+\s+){1,3}?(?:ska|skall|kommer\s+att)\s+(?:också|även|dessutom)\b",
    re.IGNORECASE,
)
# What a promise is for rather than what is done: "lovade att arbeta aktivt och i
# samverkan för att förebygga brott", "lovar att gemensamt arbeta för ökad trygghet".
_AIM = re.compile(
    r"\b(?:lovar|lovade|lovat)\s+(?:\w+\s+){0,3}?att\s+(?:(?:aktivt|gemensamt|"
    r"tillsammans|i\s+samverkan|i\s+samarbete|och)\s+)*arbeta\s+(?:(?:aktivt|"
    r"gemensamt|tillsammans|i\s+samverkan|i\s+samarbete|och)\s+)*för\b",
    re.IGNORECASE,
)
_ATT_CLAUSE = re.compile(r"\b(?:att|som)\s+", re.IGNORECASE)
# Whose promise the document is: "Om polisen och kommunens medborgarlöfte 2017",
# "polisens och kommunens gemensamma medborgarlöfte".
_WHOSE_PROMISE = re.compile(
    r"\b(?P<who>(?:[\wåäö]+\s+(?:och|samt)\s+)?[\wåäö]+s)\s+(?:gemensamma\s+|"
    r"lokala\s+)?(?:medborgarl[öo]ft|trygghetsl[öo]ft)",
    re.IGNORECASE,
)
# How far into a document its name for itself is looked for.
_SELF_NAME_BLOCKS = 40


def names_a_promise(blocks: Sequence[Block]) -> bool:
    """Whether the document calls itself a medborgarlöfte or its follow-up, in
    its first blocks (the title, the introduction)."""
    return any(
        _NAMES_A_PROMISE.search(block.text) for block in blocks[:_SELF_NAME_BLOCKS]
    )


def finish_draft(draft: Draft, blocks: Sequence[Block]) -> None:
    """Complete the result in `draft.result` from what the walk collected."""
    result = draft.result
    _listed_promises(draft)
    _verdict_prose(draft)
    _prose_promises(draft, blocks)
    if names_a_promise(blocks):
        reported_work(draft, blocks)
    if len(result.commitments) == 1:
        for activity in result.activities:
            if activity.commitment is None:
                activity.commitment = 0
    _inherit_parties(draft, blocks)
    _finish_followups(draft)
    _finish_years(draft, blocks)
    _finish_municipality(draft, blocks)
    has_followups = any(activity.followups for activity in result.activities)
    result.kind = "followup" if draft.followup_document or has_followups else "promise"
    for activity in result.activities:
        if activity.focus_area and activity.focus_area not in result.focus_areas:
            result.focus_areas.append(activity.focus_area)
    if not result.activities:
        _promise_makers(draft, blocks)
    result.parties = promise_parties(draft, blocks)
    if not result.activities and names_a_promise(blocks):
        about = result.title or next((b.text for b in blocks if b.text.strip()), "")
        draft.warn(
            _(
                "No activities were found in “%(text)s”; the draft holds the "
                "municipality, years and text that were found. Add the activities "
                "by hand."
            ),
            about,
        )
    if draft.warnings_left_out:
        count = draft.warnings_left_out
        result.warnings.append(
            ngettext(
                "%(count)s more warning was left out.",
                "%(count)s more warnings were left out.",
                count,
            )
            % {"count": count}
        )


def _listed_promises(draft: Draft) -> None:
    """A list of promises with no activities anywhere ("Aktörerna lovar" over
    "• Ökad närvaro och tillgänglighet", "• Vi ska tillsammans arbeta för …"):
    each listed promise is an activity. Items of one or two words ("Trafik",
    "Öppen droghantering") name focus areas, not work."""
    result = draft.result
    if result.activities or not draft.listed_commitments:
        return
    listed = [
        index
        for index in sorted(draft.listed_commitments)
        if index < len(result.commitments)
        and len(result.commitments[index].split()) >= _ACTIVITY_WORDS
        and _WORK_WORD.search(result.commitments[index])
    ]
    if not listed:
        return
    texts = [result.commitments[index] for index in listed]
    result.commitments = [
        text for index, text in enumerate(result.commitments) if index not in listed
    ]
    draft.group = None
    draft.focus_area = None
    draft.commitment_index = None
    for text in texts:
        draft.add_activity(text)


def _inherit_parties(draft: Draft, blocks: Sequence[Block]) -> None:
    """An activity that names no party of its own is the work of the parties that
    make its promise statement ("Polisen och Mullsjö kommun lovar att …"), else of
    the document's promise (the statements' parties, else the first sentence of
    the introduction that names who works on it), third parties included."""
    result = draft.result
    orphans = [a for a in result.activities if not a.responsible]
    if not orphans:
        return
    by_statement = [statement_parties(text) for text in result.commitments]
    named = [parties for parties in by_statement if parties]
    document = Parties()
    for parties in named:
        document.responsible |= parties.responsible
        for name in parties.partners:
            document.add_partner(name)
    if not named:
        texts = [
            sentence
            for block in blocks
            if block.kind in ("heading", "paragraph")
            for sentence in sentences(block.text)
        ]
        for text in texts:
            if not _WORK_VERB.search(text):
                continue
            parties = _clause_parties(text)
            if parties:
                document = parties
                break
        else:
            document = _whose_promise(texts) or document
    for activity in orphans:
        own = (
            by_statement[activity.commitment]
            if activity.commitment is not None
            and activity.commitment < len(by_statement)
            else None
        )
        source = own or document
        activity.responsible = source.ordered_responsible()
        for name in source.partners:
            if name not in activity.partners:
                activity.partners.append(name)


def _promise_makers(draft: Draft, blocks: Sequence[Block]) -> None:
    """A promise page with no activities (an introduction, a news item, a page
    cut short) still says who makes the promise: "Polisen och X kommun ska
    samverka för …", "… som undertecknats mellan LPO X och X stad". Each
    sentence that says who works on the promise and names a party the promise
    statements do not yet name becomes a promise statement, so the draft
    records every party."""
    result = draft.result
    named: set[str] = set()
    for text in result.commitments:
        parties = statement_parties(text)
        if parties:
            named |= parties.responsible
            named.update(parties.partners)
    for block in blocks:
        if block.kind not in ("heading", "paragraph"):
            continue
        for sentence in sentences(block.text):
            if len(sentence) > _STATEMENT_CHARS or not _WORK_VERB.search(sentence):
                continue
            parties = _clause_parties(sentence)
            if parties is None:
                continue
            new = (parties.responsible | set(parties.partners)) - named - {"annan"}
            if new:
                draft.add_commitment(sentence)
                named |= new


def _prose_promises(draft: Draft, blocks: Sequence[Block]) -> None:
    """A news item or follow-up that tells the promises only in prose, with no
    list anywhere: each sentence that says what was promised ("Polisen lovade
    att …", "I medborgarlöftet har polisen och kommunen lovat att …", "Löftet
    är att minst två möten ska hållas", "Ett av löftena handlar om att …",
    "… timmar av de 4 000 utlovade") is an activity. A sentence about the whole
    medborgarlöfte ("Medborgarlöftet för 2021 var att …") is not one promise."""
    result = draft.result
    if result.activities or not names_a_promise(blocks):
        return
    # Each promise sentence, and whether it adds to the one told before it.
    texts: list[tuple[str, bool, Parties | None]] = []
    for block in blocks:
        quoted = bool(QUOTED.search(block.text))
        # A quotation set as a dash item ("- Ett av löftena handlar om att …,
        # säger NN, kommunpolis") tells the promise as a paragraph would; its
        # "vi" is the speaker's side.
        if block.kind != "paragraph" and not (block.kind == "list_item" and quoted):
            continue
        speaker = speaker_party(block.text) if quoted else None
        telling = False
        for sentence in sentences(block.text):
            usable = len(sentence) <= _STATEMENT_CHARS and not sentence.endswith("?")
            # "… är att kommunen och polisen ska … Man ska också verka för …": a
            # sentence that adds to the promise just told is one more promise.
            also = telling and bool(_ALSO_PROMISED.match(sentence))
            telling = usable and bool(_PROSE_PROMISE.search(sentence) or also)
            if telling:
                texts.append((without_attribution(sentence), also, speaker))
    aims = [text for text, _also, _speaker in texts if _AIM.search(text)]
    if aims and len(aims) < len(texts):
        # "… lovade Polisen att arbeta aktivt och i samverkan för att förebygga
        # brott …" beside the concrete promises: the aim of them all.
        for text in aims:
            draft.add_commitment(text)
        texts = [entry for entry in texts if entry[0] not in aims]
    if not texts:
        return
    draft.group = None
    draft.focus_area = None
    draft.commitment_index = None
    draft.period = None
    parties: Parties | None = None
    for text, also, speaker in texts:
        # "De löften som finns inskrivna är att kommunen och polisen ska …": the
        # subject of the clause after "att"; a sentence that adds to the promise
        # before it and names no party is of that promise's parties; a quotation
        # is its speaker's.
        parties = _clause_parties(text) or (parties if also else None) or speaker
        for piece in named_work(text) or split_joined_work(text):
            activity = draft.add_activity(piece)
            if activity.responsible or not parties:
                continue
            activity.responsible = parties.ordered_responsible()
            for name in parties.partners:
                if name not in activity.partners:
                    activity.partners.append(name)


def _clause_parties(text: str) -> Parties | None:
    """The parties a sentence names as making or working on the promise: as its
    subject, else as the subject of a clause after "att" or "som" ("Det handlar
    om de områden som kommun och polis tillsammans kommit överens om")."""
    parties = statement_parties(text)
    if parties:
        return parties
    for clause in _ATT_CLAUSE.finditer(text):
        parties = read_subject(text[clause.end() :])
        if parties and parties.responsible & {"polisen", "kommunen"}:
            return parties
    return None


def _whose_promise(texts: Sequence[str]) -> Parties | None:
    """The parties a document names as the promise's owners ("polisen och
    kommunens medborgarlöfte") when no sentence says who works on it."""
    for text in texts:
        for match in _WHOSE_PROMISE.finditer(text):
            parties = parties_from_list(match.group("who"), accept_unknown=False)
            if parties and parties.responsible & {"polisen", "kommunen"}:
                return parties
    return None


def _verdict_prose(draft: Draft) -> None:
    """A news-style follow-up: one promise, and prose with a verdict or counts.
    The promise becomes the activity and the prose its follow-up for the year."""
    result = draft.result
    if result.activities or not result.commitments:
        return
    reports = [
        note
        for note in result.notes
        if note.kind in ("intro", "summary")
        and (read_status(note.text) is not None or is_outcome(note.text))
    ]
    if not reports:
        return
    if len(result.commitments) > 1:
        draft.warn(_("The follow-up text could not be tied to one promise statement."))
        return
    if result.commitments[0].rstrip().endswith(":"):
        # "… lovar att … genom följande aktiviteter:" introduces a list that the
        # page does not hold (cut short); it is not itself the work reported on.
        return
    draft.group = None
    draft.focus_area = None
    draft.commitment_index = 0
    draft.period = None
    statement = result.commitments[0]
    pieces = named_work(statement)
    if pieces:
        # "De aktiviteter som … lovade var bland annat A i kombination med B".
        told_work(
            draft,
            statement,
            pieces,
            [note.text for note in reports],
            _clause_parties(statement),
        )
    else:
        activity = draft.add_activity(statement)
        draft.new_followup(activity, "\n".join(note.text for note in reports))
    result.notes = [note for note in result.notes if note not in reports]


def _finish_followups(draft: Draft) -> None:
    """Status and counts from each follow-up's text; the period, where no
    heading or column gave it, from the text, the introduction or the document."""
    result = draft.result
    texts = [f.text for a in result.activities for f in a.followups]
    intro = [note.text for note in result.notes if note.kind == "intro"]
    intro_periods = {period for text in intro for period in find_periods(text)}
    document_periods = {period for text in texts for period in find_periods(text)}
    fallback: PeriodCode = "year"
    if len(intro_periods) == 1:
        fallback = next(iter(intro_periods))
    elif len(document_periods) == 1:
        fallback = next(iter(document_periods))
    found: set[PeriodCode] = set()
    for activity in result.activities:
        unit = activity.target.unit if activity.target else None
        for followup in activity.followups:
            if id(followup) in draft.inferred_period:
                own = find_periods(followup.text)
                followup.period = own[0] if len(own) == 1 else fallback
            if id(followup) not in draft.preset_status:
                followup.status = read_status(followup.text)
            followup.quantities = read_quantities(followup.text, default_unit=unit)
            found.add(followup.period)
    result.periods = [code for code in PERIOD_CODES if code in found]


def _finish_years(draft: Draft, blocks: Sequence[Block]) -> None:
    """Years from the title, headings, promise statements and time frame; a
    duration ("två (2) år") extends from the first. When none of those names a
    year: a sentence that says how long the promise runs ("gäller från 1 januari
    2023 – 31 december 2025"), then the introduction, then the year named most
    often anywhere. Years of data ("trygghetsmätningen 2017", "lägesbilden från
    hösten 2018") and of news dates are not promise years."""
    result = draft.result
    years: set[int] = set(draft.years)
    time_frames = [note.text for note in result.notes if note.kind == "time_frame"]
    for text in time_frames:
        years.update(find_years(text))
        years.update(years_of_dates(text))
    if not years:
        years = _years_elsewhere(draft, blocks)
    if years:
        start = min(years)
        for text in [*result.commitments, *time_frames]:
            duration = read_duration(text)
            if duration:
                years.update(range(start, start + duration))
    if not years and result.source_url:
        # A page's address often carries its publication date ("…/arkiv/
        # 2020-04-29-medborgarlofte-…"); a year in the text always wins.
        from_address = year_of_address(result.source_url)
        if from_address is not None:
            years = {from_address}
            draft.warn(
                _(
                    "The year %(year)s is taken from the source address “%(text)s”;"
                    " check it."
                )
                % {"year": from_address, "text": "%(text)s"},
                result.source_url,
            )
    result.years = sorted(years)
    if not result.years:
        draft.warn(_("No year for the promise was found; enter it by hand."))


def _years_elsewhere(draft: Draft, blocks: Sequence[Block]) -> set[int]:
    counted: Counter[int] = Counter()
    validity: set[int] = set()
    for block in blocks:
        text = block.text if block.kind != "table_row" else " ".join(block.cells)
        for sentence in sentences(text):
            # A year named as such wins over the year of a date in the same
            # sentence: "Den 13 februari 2023 undertecknades löftet för 2024".
            found = set(find_years(sentence)) or set(years_of_dates(sentence))
            if not found or _DATA_YEAR.search(sentence):
                continue
            if _VALIDITY.search(sentence):
                validity.update(found)
            else:
                counted.update(found)
    if validity:
        return validity
    intro = [note.text for note in draft.result.notes if note.kind == "intro"]
    candidates = {
        year
        for text in intro
        for sentence in sentences(text)
        if not _DATA_YEAR.search(sentence)
        for year in find_years(sentence)
    }
    if 0 < len(candidates) <= 2:
        return candidates
    if counted:
        most = max(counted.values())
        return {max(year for year, count in counted.items() if count == most)}
    return set()


def _finish_municipality(draft: Draft, blocks: Sequence[Block]) -> None:
    result = draft.result
    # The first block is left out only when it is the title (read on its own).
    body = blocks[1:] if result.title is not None else blocks
    texts = [block.text for block in body if block.kind != "table_row"]
    texts += [" ".join(block.cells) for block in blocks if block.kind == "table_row"]
    match = find_municipality(
        result.title or "", texts, draft.refs, shared_texts=result.commitments
    )
    if match is None:
        area = find_police_area([result.title or "", *texts], draft.refs)
        if area is not None and len(area.refs) == 1:
            # "Lokalpolisområde Södra Vätterbygden": the area of one municipality.
            ref = area.refs[0]
            result.municipality = Municipality(ref.name, ref.code)
            return
        if area is not None:
            draft.warn(
                _(
                    "The police area “%(text)s” covers several municipalities "
                    "(%(names)s); choose the one the promise is for."
                )
                % {
                    "text": area.text,
                    "names": ", ".join(ref.name for ref in area.refs),
                }
            )
            return
        draft.warn(
            _("No municipality from the reference list was found; choose it by hand.")
        )
        return
    result.municipality = Municipality(match.ref.name, match.ref.code)
    result.other_municipalities = [
        Municipality(ref.name, ref.code) for ref in match.others
    ]
