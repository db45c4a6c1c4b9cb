"""Who is responsible for an activity, and which other parties take part.

`responsible` holds only "polisen", "kommunen" and "annan" (a named other party
is responsible); the named others go in `partners` under short canonical names
("tull", "skolan", "fastighetsägare" …). Responsibility is read from, in order:
a party suffix ("(kommun och fastighetsägarna)", "/ ansvarig polisen"), the
sentence subject ("Polisen skall …"), "mellan polisen och kommunen", and the
group heading the activity stands under ("Kommunen lovar att:").
"""

import re
from dataclasses import dataclass, field
from typing import Literal

from .party_words import (
    GENITIVE,
    LETTERS,
    LIST_SPLIT,
    MUNICIPALITY_NAMED,
    POLICE_NAMED,
    apposition,
    classify_party,
    find_partners,
)

Party = Literal["polisen", "kommunen", "annan"]
PARTY_ORDER: tuple[Party, ...] = ("polisen", "kommunen", "annan")
GroupKind = Literal["promise", "done"]

_SLASH_SUFFIX = re.compile(
    r"\s*(?:/|–|-|,)\s*(?:huvud)?ansvar(?:iga|ig|et)?\b\s*:?\s*(?P<who>[^/()]{2,80}?)"
    r"\s*[.;]?\s*$",
    re.IGNORECASE,
)
_PAREN_SUFFIX = re.compile(
    r"\s*\(\s*(?P<label>(?:huvud)?ansvar(?:iga|ig)?\b\s*:?\s*)?(?P<who>[^()]{2,80})\)"
    r"\s*[.;]?\s*$",
    re.IGNORECASE,
)
_FRONTED = re.compile(
    r"^(?P<front>(?:under|inför|i|från|efter|sedan|nu|därför|dessutom|år|utifrån|"
    r"tillsammans\s+med|i\s+samverkan\s+med|i\s+samarbete\s+med)\b[^,.;:]{0,70}?"
    # "För att skapa trygghet och förebygga brott ska polisen …": a purpose first.
    r"|för\s+att\b[^,.;:]{0,80}?)\s"
    r"(?:lovade|lovar|ska|skall|skulle|avsåg|kommer|har|hade|genomför|genomförde|arbetar|"
    r"arbetade|deltar|deltog|erbjuder|erbjöd|anordnar|gör|sätter|håller)\s+"
    r"(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# "Tillsammans med polisen genomför kommunen …": the fronted partner shares the work.
_FRONTED_WITH = re.compile(
    r"^(?:tillsammans|i\s+samverkan|i\s+samarbete)\s+med\s+(?P<who>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_ATT_START = re.compile(r"^\s*att\s+(?=[A-ZÅÄÖa-zåäö])", re.IGNORECASE)
# "… undertecknats mellan LPO Västerås och Västerås stad", "avtal mellan …".
_BETWEEN_LIST = re.compile(r"\bmellan\s+(?P<who>[^.;:]{3,160})", re.IGNORECASE)
_FINITE_VERB = re.compile(
    r"\b(?:har|hade|lovar|lovade|ska|skall|kommer|vill)\s+", re.IGNORECASE
)
_SIDE = re.compile(r"\bfrån\s+(?P<who>\w+)\s+sida\b", re.IGNORECASE)
_WE_WITH = re.compile(
    r"^\s*tillsammans\s+med\s+(?P<who>\w+)\s+(?:lovade|lovar|ska|kommer)\s+vi\b",
    re.IGNORECASE,
)
_TOGETHER_AFTER_VERB = re.compile(
    r"^[^.;:]{0,80}?\b(?:ska|skall|kommer\s+att|lovar\s+att)\s+(?:tillsammans|"
    r"i\s+samverkan|i\s+samarbete)\s+med\s+(?P<who>[^.;:]{3,80})",
    re.IGNORECASE,
)
# The shortest name of another party ("ICA", "HSB"); shorter is a word cut short.
_SHORTEST_NAME = 2
_LINKS = frozenset({"och", "samt", ",", "&"})
_FIRST_SENTENCE = re.compile(r"^(.*?[.!?])(?:\s|$)")
_TOKEN = re.compile(rf"[{LETTERS}][{LETTERS}0-9-]*|,|&")
_GROUP_DONE = re.compile(
    r"^(?:detta|det\s+här|så\s+här|här\s+är\s+vad|vad)\s+(?:har\s+)?(?P<who>.+?)\s+"
    r"(?:har\s+)?(?:gjort|genomfört|åstadkommit|arbetat|gjort\s+under\s+året)"
    r"(?:\s+(?:under|i)\s+(?:året|\d{4}|tertial\s*\d|\w+))?$"
    r"|^(?:detta|det\s+här|så\s+här)\s+har\s+(?P<who2>.+?)\s+(?:gjort|genomfört)\b.*$"
    # "Under 2023 har X kommun och polisen bland annat genomfört följande".
    r"|^(?:under\s+(?:\d{4}|året)\s+)?har\s+(?P<who3>.+?)\s+(?:bland\s+annat\s+)?"
    r"(?:gjort|genomfört|utfört)\s+följande(?:\s+(?:aktiviteter|insatser))?$",
    re.IGNORECASE,
)
_GROUP_PROMISE = re.compile(
    r"^(?:(?:detta|det\s+här|så\s+här)\s+(?:gör|ska|kommer)\s+(?P<who2>.+?)"
    r"(?:\s+(?:att\s+)?göra)?"
    r"|(?P<who>.+?)\s+(?:lovar|lovade|åtar\s+sig|ska|skall|kommer(?=\s+(?:att|"
    r"tillsammans|gemensamt)\b)|ansvarar\s+för)"
    r"(?:\s+(?:tillsammans|gemensamt))?"
    r"(?:\s+(?:under|inför|i)\s+(?:\d{4}(?:\s*[-–/]\s*\d{2,4})?|året))?"
    r"(?:\s+att)?(?:\s+(?:under|inför|i)\s+(?:\d{4}(?:\s*[-–/]\s*\d{2,4})?|året|\w+))?"
    r"(?:\s+(?:genomföra|göra|arbeta\s+med))?)$",
    re.IGNORECASE,
)
_GROUP_NOUN = re.compile(
    r"^(?P<who>.+?)\s+(?:åtaganden|aktiviteter|insatser|löften|ansvar|del)"
    # "Polisens del i löftet för 2018".
    r"(?:\s+i\s+(?:medborgar)?löfte(?:t|na)?(?:\s+(?:för|under)\s+\d{4}(?:\s*[-–]\s*\d{2,4})?)?)?$"
    r"|^(?:aktiviteter|åtaganden|insatser|ansvar)\s*[-–:]?\s*(?P<who2>.+)$",
    re.IGNORECASE,
)
_JOINT = re.compile(
    r"^(?:gemensamma|gemensamt|gemensam)\s+(?:aktiviteter|åtaganden|insatser|ansvar|"
    r"löften)$|^(?:polisen|polis)\s+och\s+kommun(?:en)?\s+(?:gemensamt|tillsammans|"
    r"i\s+samverkan)$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Parties:
    """Responsible parties and named partners of one activity."""

    responsible: set[str] = field(default_factory=set)
    partners: list[str] = field(default_factory=list)

    def ordered_responsible(self) -> list[str]:
        """The responsible parties in the fixed order polisen, kommunen, annan."""
        return [party for party in PARTY_ORDER if party in self.responsible]

    def add_partner(self, name: str) -> None:
        if name and name not in self.partners:
            self.partners.append(name)

    def __bool__(self) -> bool:
        return bool(self.responsible or self.partners)


@dataclass(slots=True)
class GroupHeading:
    """A heading that names who the items under it belong to."""

    parties: Parties
    kind: GroupKind


def parties_from_list(who: str, *, accept_unknown: bool) -> Parties | None:
    """Parties from "polisen och kommunen" or "kommun och fastighetsägarna"."""
    parts = [part for part in LIST_SPLIT.split(who.strip()) if part]
    if not parts:
        return None
    parties = Parties()
    known = 0
    unknown: list[str] = []
    for index, part in enumerate(parts):
        kind = classify_party(part)
        if kind is None:
            if index == 0 and not accept_unknown:
                return None
            unknown.append(part.strip(" .:;,"))
            continue
        known += 1
        if kind in ("polisen", "kommunen"):
            parties.responsible.add(kind)
        else:
            parties.responsible.add("annan")
            parties.add_partner(kind)
    if not known and not accept_unknown:
        return None
    for name in unknown:
        if not name or len(name.split()) > 4:
            return None if not known else parties
        if len(name) < _SHORTEST_NAME and known:
            continue  # "kommunen och p": a word cut short, not a party
        parties.responsible.add("annan")
        parties.add_partner(name)
    return parties


def split_party_suffix(text: str) -> tuple[str, Parties | None]:
    """Remove a trailing party suffix and return (text without it, its parties).

    Reads "… i centrum/ ansvarig polisen", "… (Polis och kommun)" and
    "… (kommun och fastighetsägarna)"; a parenthesis that names no known party
    ("(alkohol, narkotika, doping och tobak)") is left in place.
    """
    stripped = text.rstrip()
    match = _SLASH_SUFFIX.search(stripped)
    if match:
        parties = parties_from_list(match.group("who"), accept_unknown=True)
        if parties:
            return stripped[: match.start()].rstrip(" ,–-"), parties
    match = _PAREN_SUFFIX.search(stripped)
    if match:
        parties = parties_from_list(
            match.group("who"), accept_unknown=bool(match.group("label"))
        )
        paren = stripped.find("(", match.start())
        if parties and not match.group("label") and apposition(stripped, paren):
            return text, None  # "… med Stubo (bostadsbolaget)." explains a name
        if parties:
            return stripped[: match.start()].rstrip(" ,–-"), parties
    return text, None


def read_subject(text: str) -> Parties | None:
    """The parties named as the subject of the first sentence ("Polisen och
    Mullsjö kommun skall …", "Kommunens säkerhetsgrupp …", "Inför 2018 lovade
    polisen och kommunen …"), or None."""
    first = _FIRST_SENTENCE.match(text)
    sentence = first.group(1) if first else text
    # A bullet under "… lovar:" reads "Att polisen ska …": the subject follows "Att".
    sentence = _ATT_START.sub("", sentence, count=1)
    parties = _subject_at_start(sentence)
    together = _TOGETHER_AFTER_VERB.match(sentence)
    if parties is not None and together:
        # "Sölvesborgs kommun ska tillsammans med Polismyndigheten arbeta …".
        with_parties = _subject_at_start(together.group("who"))
        if with_parties is not None:
            parties.responsible |= with_parties.responsible & {"polisen", "kommunen"}
    if parties is None:
        # Swedish puts the verb second: after a fronted time phrase the subject
        # follows the verb.
        inverted = _FRONTED.match(sentence)
        if inverted:
            parties = _subject_at_start(inverted.group("rest"))
            fronted = _FRONTED_WITH.match(inverted.group("front"))
            if parties is not None and fronted:
                with_parties = parties_from_list(
                    fronted.group("who"), accept_unknown=False
                )
                if with_parties is not None:
                    parties.responsible |= with_parties.responsible
                    for name in with_parties.partners:
                        parties.add_partner(name)
    return parties


def _is_name(token: str) -> bool:
    return token[:1].isupper() and not token.endswith("-")


def _looks_like_a_name(token: str) -> bool:
    """A capitalised word that is a name even at the start of a sentence:
    "X-trafik", "KBAB", "AB"."""
    capitals = sum(1 for char in token if char.isupper())
    return _is_name(token) and ("-" in token or capitals >= 2)


def _name_width(tokens: list[str], index: int) -> int:
    """How many capitalised words from `index` make one name (at most three)."""
    width = 0
    while (
        index + width < len(tokens)
        and width < 3
        and _is_name(tokens[index + width])
        and classify_party(tokens[index + width]) is None
    ):
        width += 1
    return width


def _known_party_at(tokens: list[str], index: int) -> bool:
    if index >= len(tokens):
        return False
    if index + 1 < len(tokens):
        pair = f"{tokens[index]} {tokens[index + 1]}"
        if MUNICIPALITY_NAMED.match(pair) or POLICE_NAMED.match(pair):
            return True
    return classify_party(tokens[index]) is not None


def _subject_at_start(sentence: str) -> Parties | None:
    tokens = _TOKEN.findall(sentence[:200])
    parties = Parties()
    index = 0
    after_link = False
    while index < len(tokens):
        token = tokens[index]
        if (
            token.endswith("-")
            and index + 2 < len(tokens)
            and tokens[index + 1].lower() in ("och", "eller")
        ):
            # "Kultur- och fritidsnämnden": the compound is its last word.
            index += 2
            continue
        kind = None
        width = 1
        if index + 1 < len(tokens):
            pair = f"{token} {tokens[index + 1]}"
            if MUNICIPALITY_NAMED.match(pair):
                kind, width = "kommunen", 2
            elif POLICE_NAMED.match(pair) and token[:1].isupper():
                kind, width = "polisen", 2
        if kind is None:
            kind = classify_party(token)
            # "Ökad polisiär närvaro": an adjective before the police word.
            if kind is None and index == 0 and index + 1 < len(tokens):
                following = classify_party(tokens[index + 1])
                if following == "polisen" and tokens[index + 1].lower().startswith(
                    "polisiär"
                ):
                    kind, width = "polisen", 2
        if kind is None:
            # A named other party beside a known one: "Polisen och Ljusdalshem",
            # "X-trafik och polisen".
            width = _name_width(tokens, index)
            linked_to_party = (
                index + width < len(tokens)
                and tokens[index + width].lower() in _LINKS
                and _known_party_at(tokens, index + width + 1)
            )
            if not width or not (
                after_link
                or (linked_to_party and (index > 0 or _looks_like_a_name(token)))
            ):
                break
            parties.responsible.add("annan")
            parties.add_partner(" ".join(tokens[index : index + width]))
            index += width
        else:
            if kind in ("polisen", "kommunen"):
                parties.responsible.add(kind)
            else:
                parties.responsible.add("annan")
                parties.add_partner(kind)
            index += width
            # A genitive ("Kommunens säkerhetsgrupp") owns the noun after it.
            if (
                GENITIVE.search(tokens[index - 1])
                and index < len(tokens)
                and tokens[index][0].islower()
                and tokens[index].lower() not in ("och", "samt", "tillsammans")
            ):
                index += 1
            # A name after the party word: "Räddningstjänsten Norra Hälsingland",
            # "LPO Mullsjö", "Fritidsgården Ungdomens hus".
            index += _name_width(tokens, index)
            if (
                kind == "polisen"
                and index + 1 < len(tokens)
                and tokens[index].lower() in ("i", "på")
                and _is_name(tokens[index + 1])
            ):
                # "Polisen på Gotland", "Polisen i Skara": the police of a place.
                index += 1 + _name_width(tokens, index + 1)
        after_link = False
        if index < len(tokens) and tokens[index].lower() in _LINKS:
            index += 1
            after_link = True
            continue
        if (
            index + 1 < len(tokens)
            and tokens[index].lower() == "tillsammans"
            and tokens[index + 1].lower() == "med"
        ):
            index += 2
            after_link = True
            continue
        break
    if not parties:
        return None
    if index < len(tokens) and not (tokens[index][0].islower() or tokens[index] == ","):
        return None
    return parties


def _between_parties(text: str) -> set[str]:
    match = re.search(
        r"\bmellan\s+(?P<a>[\wÅÄÖåäö]+(?:\s+kommun)?)\s+och\s+(?P<b>[\wÅÄÖåäö]+"
        r"(?:\s+kommun)?)",
        text,
        re.IGNORECASE,
    )
    if not match:
        return set()
    both = {"polisen", "kommunen"}
    named = {classify_party(match.group("a")), classify_party(match.group("b"))}
    return both if named == both else set()


def read_parties(text: str, *, group: Parties | None = None) -> tuple[str, Parties]:
    """The activity text without any party suffix, and its parties.

    Own statements (a suffix, then the sentence subject) win over the group
    heading's parties; "mellan polisen och kommunen" is used only when nothing
    else names a party.
    """
    clean_text, suffix = split_party_suffix(text)
    parties = Parties()
    if suffix:
        parties.responsible |= suffix.responsible
        for name in suffix.partners:
            parties.add_partner(name)
    else:
        subject = read_subject(clean_text)
        if subject:
            parties.responsible |= subject.responsible
            for name in subject.partners:
                parties.add_partner(name)
    if group is not None and not parties.responsible & {"polisen", "kommunen"}:
        # Under "Kommunen lovar att:", an item naming only a partner is still the
        # municipality's; the partner adds to it.
        parties.responsible |= group.responsible
        for name in group.partners:
            parties.add_partner(name)
    if not parties.responsible:
        parties.responsible |= _between_parties(clean_text)
    for name in find_partners(clean_text):
        parties.add_partner(name)
    return clean_text, parties


def statement_parties(text: str) -> Parties | None:
    """The parties that make a promise statement: its subject ("Polisen och
    Mullsjö kommun lovar …", "I Mullsjö lovar polisen, Mullsjö kommun och HSB:"),
    or the parties it is signed "mellan"; None when it names none."""
    side = _SIDE.search(text)
    if side:
        # "lovade vi från polisens sida att:"; "Tillsammans med kommunen lovade
        # vi": the speaker's side, and the party named with it.
        kind = classify_party(side.group("who"))
        if kind in ("polisen", "kommunen"):
            parties = Parties({kind})
            with_match = _WE_WITH.search(text)
            if with_match:
                other = classify_party(with_match.group("who"))
                if other in ("polisen", "kommunen"):
                    parties.responsible.add(other)
            return parties
    with_match = _WE_WITH.search(text)
    if with_match and classify_party(with_match.group("who")) == "kommunen":
        # Police pages speak as "vi": "Tillsammans med kommunen lovade vi …".
        return Parties({"polisen", "kommunen"})
    parties = read_subject(text)
    if parties and parties.responsible & {"polisen", "kommunen"}:
        return parties
    match = _BETWEEN_LIST.search(text)
    if match:
        between = _subject_at_start(match.group("who"))
        if between and between.responsible & {"polisen", "kommunen"}:
            return between
    # Verb second after a fronted phrase of any kind: "Tillsammans genom
    # samverkan har polisen och Mullsjö kommun utsett …".
    for verb in _FINITE_VERB.finditer(text[:300]):
        after = _subject_at_start(text[verb.end() :])
        if after and after.responsible & {"polisen", "kommunen"}:
            return after
    return None


def read_group_heading(text: str) -> GroupHeading | None:
    """The parties a group heading names ("Polisen lovar att:", "Detta har kommunen
    gjort:", "Polisens åtaganden"), or None when the heading is not one."""
    heading = text.strip().rstrip(":").strip()
    if not heading or len(heading) > 80:
        return None
    if _JOINT.match(heading):
        return GroupHeading(Parties({"polisen", "kommunen"}), "promise")
    for pattern, kind in (
        (_GROUP_DONE, "done"),
        (_GROUP_PROMISE, "promise"),
        (_GROUP_NOUN, "promise"),
    ):
        match = pattern.match(heading)
        if not match:
            continue
        groups = match.groupdict()
        who = groups.get("who") or groups.get("who2") or groups.get("who3")
        if not who:
            continue
        if who.strip().lower() in ("vi", "vi gemensamt", "vi tillsammans"):
            return GroupHeading(Parties(), kind)  # type: ignore[arg-type]
        who = re.sub(r"^(?:har|ska|skall)\s+", "", who.strip(), flags=re.IGNORECASE)
        who = re.sub(r"\s+(?:gemensamt|tillsammans)$", "", who, flags=re.IGNORECASE)
        parties = parties_from_list(who, accept_unknown=False)
        if parties is None or len(who.split()) > 6:
            continue
        if not parties.responsible:
            continue
        return GroupHeading(parties, kind)  # type: ignore[arg-type]
    # A heading that is only parties: "Polisen", "Kommunen och fastighetsägarna".
    parts = [part for part in LIST_SPLIT.split(heading) if part]
    kinds = [classify_party(part) for part in parts]
    if 0 < len(parts) <= 4 and all(kinds) and {"polisen", "kommunen"} & set(kinds):
        parties = parties_from_list(heading, accept_unknown=False)
        if parties is not None:
            return GroupHeading(parties, "promise")
    return None
