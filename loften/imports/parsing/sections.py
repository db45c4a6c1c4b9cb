"""What a heading, label or paragraph announces: the section vocabulary of
promise documents, and tests for text that reads like an activity or a promise."""

import re
from typing import Literal

from .parties import read_subject, split_party_suffix
from .status import read_status
from .targets import read_target

Section = Literal[
    "intro",
    "general",
    "followup_intro",
    "situation",
    "commitments",
    "focus_list",
    "activities",
    "promised_list",
    "outcome_list",
    "time_frame",
    "followup_plan",
    "communication",
    "contact",
]

_I = re.IGNORECASE
_SITUATION = re.compile(
    r"^(?:lägesbild(?:en)?|problembild(?:en)?|bakgrund(?:en)?|nuläge[t]?|"
    r"enkät(?:en|undersökningen|svaren)?|trygghetsmätning(?:en)?|trygghetsundersökning\w*|"
    r"medborgardialog(?:en)?|medarbetardialog(?:en)?|orsaksanalys(?:en)?|statistik(?:en)?|"
    r"brottsutveckling(?:en)?|brottsstatistik\w*|analys(?:en)?|utmaningar(?:na)?|"
    r"problem(?:en)?|så\s+ser\s+det\s+ut|detta\s+(?:har\s+)?(?:framkom|visade|har\s+"
    r"framkommit)|vad\s+(?:säger|tycker)\s+\w+|invånarna\s+(?:tycker|säger)|"
    r"(?:enkäten|undersökningen|dialogen|medborgardialogen|mätningen|statistiken|"
    r"lägesbilden)\s+(?:visade|visar|pekar))\b",
    _I,
)
_COMMITMENTS = re.compile(
    r"^(?:(?:lokala\s+)?medborgarlöfte(?:n|t|na)?|(?:vårt|våra|vår)\s+löften?|"
    r"löften?|löftet|löftena|(?:det\s+här|detta|så\s+här)\s+lovar\s+vi|vi\s+lovar|"
    r"vad\s+lovar\s+vi)\b"
    # "Bollnäs medborgarlöfte", "Gemensamt medborgarlöfte 2024": the promise itself.
    r"|^[\w\s-]{0,40}\bmedborgarlöfte(?:t|n|na)?(?:\s+(?:för\s+)?\d{4}"
    r"(?:\s*[-–]\s*\d{2,4})?)?$",
    _I,
)
_FOLLOWUP_HEADING = re.compile(
    r"^(?:uppföljning|redovisning|återrapport\w*|resultat(?:et)?\s+(?:av|för)|"
    r"så\s+(?:har|gick|blev)|så\s+här\s+gick|hur\s+gick\s+det|utvärdering\s+av|"
    r"utvärdering\s+(?:av\s+)?(?:medborgarlöfte\w*|löfte\w*)|återkoppling\s+(?:av|på)|"
    r"så\s+uppfyllde|[\w\s,]{0,40}[–-]\s+så\s+(?:uppfyllde|gick|har))\b",
    _I,
)
# Headings of any report that open no promise section: their text is context.
_GENERAL = re.compile(
    r"^(?:inledning|sammanfattning|syftet?|ingress|förord|avslutning|slutsats(?:er)?|"
    r"nästa\s+steg|(?:vägen\s+)?framåt|om\s+medborgarlöften?|"
    r"vad\s+är\s+(?:ett\s+)?medborgarlöfte|läs\s+mer|tack|"
    # What the promise is to achieve, and where to follow it: not activities.
    r"(?:det\s+här|detta|så\s+här)\s+(?:vill|ska)\s+vi\s+(?:åstadkomma|uppnå)"
    r"(?:\s+tillsammans)?|förväntade?\s+effekt(?:er(?:na)?)?|önskat\s+läge|"
    r"följ\s+(?:med\s+i\s+hur\s+det\s+går|arbetet))[?!]?$",
    _I,
)
_INLINE_REPORT = re.compile(
    r"^(?P<head>.+?)(?:\s+[–—-]\s+|\s*\((?=[^()]+\)\s*\.?$))(?P<tail>[^–—]+?)\)?\s*\.?$"
)
_INLINE_REPORT_MAX = 400
_FOCUS_LIST = re.compile(
    r"^(?:fokusområden?|prioriterade\s+områden|insatsområden?|fokus(?:erar)?|"
    r"områden\s+i\s+fokus|prioriteringar)\b",
    _I,
)
_FOCUS_NAMED = re.compile(
    r"^(?:fokusområde|insatsområde|område)\s*\d*\s*[:–-]\s*(?P<name>.+)$"
    # "Fokusområde narkotika", without a colon.
    r"|^(?:fokusområde|insatsområde)\s+(?!(?:för|i|är|och|som|inom|med)\b)"
    r"(?P<bare>[^\d\s][^:]{1,60})$",
    _I,
)
# Words of the usual focus areas: a short heading with one of them names one.
_FOCUS_WORDS = re.compile(
    r"\b\w*(?:narkotika|drog|alkohol|andt|doping|tobak|langning|skadegörelse|klotter|"
    r"trafik|buskörning|moped|trygg|ungdom|våld|inbrott|stöld|bedräg|ordningsstör|"
    r"brott|kriminalitet|gäng|skolmiljö|nattliv|heder|riskzon)\w*"
    r"|\b(?:unga|barn|centrum|skolan?|äldre|offentlig\s+miljö)\b",
    _I,
)
_ACTIVITIES = re.compile(
    r"^(?:aktiviteter(?:na)?|aktivitet|åtgärder(?:na)?|insatser(?:na)?|"
    r"planerade\s+aktiviteter|så\s+här\s+(?:ska|kommer)\s+vi|det\s+här\s+(?:ska|gör)\s+vi|"
    r"(?:det\s+här|detta)\s+ska\s+(?:göras|vi\s+göra)|"
    r"vad\s+ska\s+göras|följande\s+(?:aktiviteter|åtgärder|insatser)|"
    r"(?:uppföljning|redovisning)\s+av\s+(?:aktiviteter|åtgärder|insatser|arbetet))\b",
    _I,
)
_PROMISED = re.compile(
    r"^(?:(?:detta|det\s+här|vad\s+som)\s+)?(?:utlovades|lovades|vi\s+lovade|"
    r"detta\s+lovade\s+vi|det\s+här\s+lovade\s+vi|utlovat|löftet\s+var)\b",
    _I,
)
_OUTCOME = re.compile(
    r"^(?:(?:och\s+)?utfall(?:et)?(?:\s+blev)?|så\s+blev\s+(?:det|utfallet|resultatet)|"
    r"detta\s+blev\s+(?:utfallet|resultatet)|resultat(?:et)?(?:\s+blev)?|"
    r"detta\s+har\s+(?:vi\s+)?gjorts?|vad\s+blev\s+det)\s*:?$",
    _I,
)
_TIME_FRAME = re.compile(
    r"^(?:tidsram(?:en)?|tidsperiod|tidsplan|giltighet(?:stid)?|löftets\s+period|"
    r"period|under\s+vilken\s+tid)\b",
    _I,
)
_FOLLOWUP_PLAN = re.compile(
    r"^(?:uppföljning(?:en)?|utvärdering(?:en)?|effektmått(?:en)?|mätning(?:ar)?|"
    r"så\s+följer\s+vi\s+upp|uppföljning\s+och\s+utvärdering|återkoppling)\s*:?$",
    _I,
)
_CONTACT = re.compile(
    r"^(?:kontakt(?:a\s+oss)?|kontaktpersoner|kontaktuppgifter|frågor\??|"
    r"mer\s+information|underskrifter|undertecknat|signaturer|undertecknare)\b"
    # A contact line of its own: "Telefon: 010-56 57 421", "namn@kommun.se".
    r"|^(?:telefon|tel|e-post|epost|e-mail|mejl|mobil)\s*:|^[\w.+-]+@[\w-]+\.[\w.]+$",
    _I,
)
_COMMUNICATION = re.compile(
    r"^(?:information(?:sinsatser)?|kommunikation(?:sinsatser)?|spridning|"
    r"informationsspridning)\b",
    _I,
)
_LABEL = re.compile(
    r"^(?P<label>resultat|utfall(?:et)?|uppföljning|status|kommentar|måluppfyllelse|"
    r"ansvarig[a]?|ansvar|mål|målvärde|målsättning|aktivitet(?:\s+\d+)?|"
    r"löfte\s*\d+|åtgärd\s*\d*|fokusområde|tidsperiod|period|tidsram|"
    r"samverkanspart(?:ner|er)?|partners?)\s*:\s*(?P<value>.*)$",
    _I,
)
# "Vi ska tillsammans arbeta för …", "Vi kommer att genomföra …": the parties of
# the promise doing something.
_WE_WILL = re.compile(
    r"^(?:vi|tillsammans\s+ska\s+vi)\s+(?:ska|skall|kommer\s+att|lovar\s+att)\s+"
    r"(?:\w+\s+){0,2}?(?:arbeta|genomföra|göra|ha|hålla|ordna|anordna|delta|"
    r"erbjuda|fortsätta|verka|öka|minska|skapa|stärka|utveckla|genomför|samverka)",
    _I,
)
# "… lovar att …"; "X och Y lämnar följande löften till invånarna".
_PROMISE_VERB = re.compile(
    r"\b(?:lovar|lovade|lovat|utlovar)\b"
    # "För åren 2021-2022 lyder löftet:".
    r"|\blyder\s+(?:medborgar)?löfte(?:t|na)\b"
    r"|\b(?:lämnar|ger|avger)\s+(?:följande|dessa|sina|nedanstående)\s+löften\b",
    _I,
)
_PLAN_VERB = re.compile(
    # "kommer områdespolisen, tillsammans med skolan, att …": subject after "kommer".
    r"\b(?:ska|skall|kommer\s+(?:[^.;:!?]{1,80}?\s)?att|lovar|åtar\s+sig|förbinder\s+sig|avser\s+att|"
    r"ansvarar\s+för|genomför|arbetar|"
    r"erbjuder|anordnar|arrangerar|deltar|fortsätter|verkar|samverkar|håller|bjuder|"
    r"bedriver|utför|patrullerar|besöker|stöttar|stödjer|informerar|utbildar|gör|"
    r"sätter\s+upp|rustar|ordnar|har\s+öppet)\b",
    _I,
)
_WORK_INFINITIVES = (
    r"(?:genomföra|arrangera|anordna|arbeta|utveckla|identifiera|öka|minska|skapa|"
    r"stärka|fortsätta|delta|erbjuda|hålla|ta\s+fram|informera|samverka|verka|"
    r"utbilda|stötta|bjuda|bedriva|inrätta|starta|förbättra|främja|planera|kartlägga|"
    r"sprida|förebygga|motverka|säkerställa|följa\s+upp|etablera|genomför|besöka|"
    r"patrullera|medverka|bidra|ordna|införa|kontrollera)\b"
)
_INFINITIVE_START = re.compile(r"^" + _WORK_INFINITIVES, _I)
# "… ska genomföra trygghetsvandringar … och verka för att …": a second piece of
# work joined to the first.
_JOINED_WORK = re.compile(r",?\s+(?:och|samt)\s+(?=" + _WORK_INFINITIVES + ")", _I)
# In a list of work ("… arbetar för att förbättra miljön, ha ökad närvaro och
# fortsätta samverkan"), a comma too joins the pieces, and short verbs count.
_LISTED_WORK = re.compile(
    r"(?:,|,?\s+(?:och|samt))\s+(?=" + _WORK_INFINITIVES + r"|(?:ha|ge|ta|få)\s)", _I
)
_PURPOSE_CLAUSE = re.compile(r"\b(?:för|i\s+syfte|genom|med\s+målet)\s+att\b", _I)
# The fewest words of each piece when one sentence is split into two pieces of work.
_JOINED_WORK_WORDS = 4


_EFFECT_SOURCE = re.compile(
    r"\b(?:trygghetsmätning\w*|trygghetsundersökning\w*|NTU|brottsstatistik\w*|"
    r"statistik\w*|anmälda\s+\w*brott|antalet\s+anmäl\w+|polisanmälningar|"
    r"drogvaneundersökning\w*|ELSA|enkät\w*|LUPP|Liv\s+och\s+hälsa)\b",
    _I,
)
_EFFECT_CHANGE = re.compile(
    r"\d\s*(?:%|procent)|\bjämfört\s+med\b|\b(?:minskat|ökat|minskade|ökade|"
    r"sjönk|steg|oförändrad\w*)\b",
    _I,
)


# "Uppföljning sker varje halvår i Brottsförebyggande rådet", "Löftet följs upp
# per tertial": how the promise is followed up, not a report on an activity.
_FOLLOWUP_PLAN_SENTENCE = re.compile(
    r"^(?:uppföljning(?:en)?|löftet|löftena|medborgarlöftet|medborgarlöftena|"
    r"arbetet|resultaten?|aktiviteterna)\s+(?:\w+\s+){0,2}?(?:sker|görs|"
    r"genomförs|redovisas|rapporteras|följs\s+upp|ska\s+följas\s+upp|"
    r"kommer\s+att\s+följas\s+upp|presenteras)\b",
    re.IGNORECASE,
)


def is_followup_plan(text: str) -> bool:
    """Whether a paragraph says how the promise is followed up."""
    return bool(_FOLLOWUP_PLAN_SENTENCE.match(text.strip()))


def is_effect_measure(text: str) -> bool:
    """Whether text reports an effect measure (a survey, reported crime) rather
    than work done: "Enligt trygghetsmätningen känner sig 18 procent otrygga"."""
    return bool(_EFFECT_SOURCE.search(text) and _EFFECT_CHANGE.search(text))


def heading_section(text: str, *, followup_document: bool) -> Section | None:
    """The section a heading opens, or None for a heading of no known kind."""
    heading = text.strip().rstrip(":").strip()
    if _GENERAL.match(heading):
        return "general"
    if _ACTIVITIES.match(heading):
        return "activities"
    if _PROMISED.match(heading):
        return "promised_list"
    if _OUTCOME.match(heading):
        return "outcome_list"
    if _SITUATION.match(heading):
        return "situation"
    if _FOCUS_LIST.match(heading):
        return "focus_list"
    if _TIME_FRAME.match(heading):
        return "time_frame"
    if _FOLLOWUP_PLAN.match(heading) and not followup_document:
        return "followup_plan"
    if _CONTACT.match(heading):
        return "contact"
    if _COMMUNICATION.match(heading):
        return "communication"
    if _FOLLOWUP_HEADING.match(heading):
        return "followup_intro"
    if _COMMITMENTS.match(heading):
        return "commitments"
    return None


def split_inline_report(text: str) -> tuple[str, str | None]:
    """("Trygghetsvandring i centrum", "genomförd i maj") for "Trygghetsvandring i
    centrum – genomförd i maj": an activity with its follow-up after a dash or in
    a closing parenthesis. Text without a status after the break is left whole."""
    if len(text) > _INLINE_REPORT_MAX:
        return text, None
    match = _INLINE_REPORT.match(text.strip())
    if not match:
        return text, None
    head, tail = match.group("head").strip(), match.group("tail").strip()
    if len(head.split()) < 2 or read_status(tail) is None:
        return text, None
    return head, tail


def named_focus_area(text: str) -> str | None:
    """The name in "Fokusområde 1: Trafik" or "Fokusområde narkotika", or None."""
    match = _FOCUS_NAMED.match(text.strip())
    if not match:
        return None
    name = (match.group("name") or match.group("bare")).strip(" .:")
    return name[:1].upper() + name[1:] if match.group("bare") else name


def sounds_like_focus_area(text: str) -> bool:
    """Whether a short heading names what focus areas are about ("Trygghet i
    centrum", "Ungdomar i riskzon"), unlike "Slutord"."""
    return bool(_FOCUS_WORDS.search(text))


def is_followup_title(text: str) -> bool:
    """Whether a title announces a follow-up ("Uppföljning …", "Så har vi …")."""
    return bool(_FOLLOWUP_HEADING.match(text.strip()))


def read_label(text: str) -> tuple[str, str] | None:
    """The label and the value of a line such as "Resultat: Genomfört …"."""
    match = _LABEL.match(text.strip())
    if not match:
        return None
    label = re.sub(r"\s*\d+$", "", match.group("label").lower())
    return label, match.group("value").strip()


def is_promise_sentence(text: str) -> bool:
    """Whether a sentence states a promise ("… lovar att …", "Inför 2018 lovade …")."""
    return bool(_PROMISE_VERB.search(text))


def looks_like_activity(text: str) -> bool:
    """Whether text reads like a planned activity: a party suffix, a party doing
    something ("Polisen ska …"), an infinitive start ("Genomföra …") or a target."""
    stripped = text.strip()
    if split_party_suffix(stripped)[1] is not None:
        return True
    if _WE_WILL.match(stripped):
        return True
    if _INFINITIVE_START.match(stripped):
        return True
    subject = read_subject(stripped)
    if subject and subject.responsible and _PLAN_VERB.search(stripped[:160]):
        return True
    target = read_target(stripped)
    return target is not None and target.comparator != "exactly"


def plans_counted_work(text: str) -> bool:
    """Whether text plans counted work in so many words: an infinitive start and
    a target ("Genomföra minst tre medborgarkontakter per vecka …")."""
    stripped = text.strip()
    if not _INFINITIVE_START.match(stripped):
        return False
    target = read_target(stripped)
    return target is not None and target.comparator == "at_least"


def split_joined_work(text: str, *, listed: bool = False) -> list[str]:
    """The pieces of work one prose sentence joins with "och"/"samt" before an
    infinitive ("… ska genomföra trygghetsvandringar och verka för att handeln
    minskar"), each a sentence of its own; the text alone when there are none.
    With `listed` the sentence is known to list the work (it stands under "Detta
    gör vi genom att:"), so commas join pieces too, also after "för att"."""
    pieces: list[str] = []
    start = 0
    pattern = _LISTED_WORK if listed else _JOINED_WORK
    for match in pattern.finditer(text):
        piece = text[start : match.start()].strip()
        rest = text[match.end() :]
        if (
            len(piece.split()) < _JOINED_WORK_WORDS
            or len(rest.split()) < _JOINED_WORK_WORDS
            or (not listed and _PURPOSE_CLAUSE.search(piece))
        ):
            # "… för att förebygga brott och öka tryggheten": one purpose.
            continue
        pieces.append(piece)
        start = match.end()
    if not pieces:
        return [text]
    pieces.append(text[start:].strip())
    return [piece[:1].upper() + piece[1:] for piece in pieces]
