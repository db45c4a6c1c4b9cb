"""The words for parties: the police, the municipality and a curated list of
partners (tull, skolan, fastighetsägare …) under short canonical names."""

import re

LETTERS = "A-Za-zÅÄÖåäöÉéÜü"

_POLICE = re.compile(
    r"^(?:polis|polisen|polisens|polismyndigheten|polismyndighetens|"
    r"lokalpolisen|lokalpolisens|lokalpolisområdet|lokalpolisområdets|lpo|"
    r"lokalpolisområde|lokalpolisområdes|polisområde|polismyndighet|"
    r"områdespolis|områdespolisen|områdespoliser|områdespoliserna|"
    r"kommunpolis|kommunpolisen|kommunpoliserna|närpolisen|polisområdet|"
    r"polisregionen|poliser|poliserna|polisiär|polisiära)$",
    re.IGNORECASE,
)
_MUNICIPALITY_WORD = re.compile(
    r"^(?:kommun|kommunen|kommunens|kommunerna|kommunernas|staden|stadens)$",
    re.IGNORECASE,
)
MUNICIPALITY_NAMED = re.compile(
    rf"^(?:[A-ZÅÄÖ][{LETTERS}-]*kommuns?|[A-ZÅÄÖ][{LETTERS}-]*\s+(?:kommuns?|stads?|Stads?)"
    r"|Region\s+Gotlands?)$"
)
# The police area named before its police word: "Växjö lokalpolisområde".
POLICE_NAMED = re.compile(
    rf"^[A-ZÅÄÖ][{LETTERS}-]*\s+(?:lokal)?polisområde(?:s|t|ts)?$", re.IGNORECASE
)
# A department of the municipality: "Fritidsförvaltningen", "Socialnämnden",
# "Kultur- och fritidsförvaltningen" (the social services keep their own name).
_MUNICIPAL_DEPARTMENT = re.compile(
    rf"^[{LETTERS}-]*(?:förvaltning(?:en|ens)?|nämnd(?:en|ens)?|kontor(?:et|ets))$"
    r"|^kommunstyrelse(?:n|ns)?$",
    re.IGNORECASE,
)
# Words a name may carry after its party word: "Region Jönköpings län".
_NAME_TAIL = frozenset({"län", "kommun", "ab", "i", "och"})
GENITIVE = re.compile(r"(?:ens|ets|ans|kommuns|stads|arnas|ernas)$", re.IGNORECASE)
# Curated partners: (pattern over a word or phrase, canonical name, needs context).
# Organisations named outright always take part; places such as a school only
# count when the text says it works *with* them.
_PARTNERS: tuple[tuple[str, str, bool], ...] = (
    (r"tull(?:en|ens|verket|verkets)?", "tull", False),
    (r"länsstyrelsen?s?", "länsstyrelsen", False),
    (r"räddningstjänst(?:en|ens)?", "räddningstjänsten", False),
    (r"trafikverket", "Trafikverket", False),
    (r"transportstyrelsen", "Transportstyrelsen", False),
    (r"kriminalvården|frivården", "kriminalvården", False),
    (r"migrationsverket", "Migrationsverket", False),
    (r"skatteverket", "Skatteverket", False),
    (r"försäkringskassan", "Försäkringskassan", False),
    (r"arbetsförmedlingen", "Arbetsförmedlingen", False),
    (r"systembolaget", "Systembolaget", False),
    (r"brottsofferjouren|kvinnojouren|tjejjouren|ungdomsjouren", "jourer", False),
    (r"svenska kyrkan|församlingen|församlingar(?:na)?", "kyrkan", False),
    (r"nattvandr(?:are|arna|arnas|arföreningen|ing)", "nattvandrare", False),
    (
        r"fält(?:arbetare|arbetarna|arbetaren|are|arna|assistent(?:er|erna)?|"
        r"gruppen|personal(?:en)?|sekreterare)",
        "fältarbetare",
        False,
    ),
    (r"fastighetsägar(?:e|en|na|nas)", "fastighetsägare", False),
    (
        r"bostadsbolag(?:et|en|ets)?|bostadsstiftelsen|hyresvärd(?:ar|arna|en)?|"
        r"allmännyttan|(?-i:AB\s+\w*[Bb]ostäder|[A-ZÅÄÖ]\w+bostäder(?:\s+AB)?)",
        "bostadsbolag",
        False,
    ),
    (
        r"kollektivtrafik(?:en|ens)?|\w*länstrafik(?:en)?|trafikbolag(?:et)?|"
        r"skånetrafiken|hallandstrafiken|östgötatrafiken|värmlandstrafik|dalatrafik|"
        r"blekingetrafiken|kronobergstrafiken|västtrafik|(?-i:SJ|SL|UL)|arriva|"
        r"nobina|keolis|transdev|bussbolag(?:et)?",
        "kollektivtrafiken",
        False,
    ),
    (r"region(?:en|ens)?", "regionen", False),
    (r"väktare|vaktbolag(?:et)?|ordningsvakter(?:na)?", "väktare", False),
    (
        r"näringsliv(?:et)?|handlare(?:na)?|företagare(?:na)?|näringsidkare|"
        r"centrumförening(?:en)?|köpmannaföreningen",
        "näringslivet",
        False,
    ),
    (
        r"skol(?:a|an|or|orna|ans|ornas)|grundskol(?:a|an|or|orna)|gymnasie(?:t|skolan)|"
        r"rektor(?:er|erna|n)?",
        "skolan",
        True,
    ),
    (r"elevhälsa(?:n|ns)?", "elevhälsan", True),
    (r"socialtjänst(?:en|ens)?|socialförvaltningen|soc", "socialtjänsten", True),
    (r"fritidsgård(?:en|ar|arna)?|fritid(?:en|sverksamhet(?:en)?)?", "fritid", True),
    (
        r"(?:idrotts)?förening(?:ar|arna|en|slivet)?|idrottsklubb(?:ar|en)?",
        "föreningar",
        True,
    ),
    (r"ungdomsmottagning(?:en)?", "ungdomsmottagningen", True),
    (r"bilinspektör(?:er|erna|en)?", "bilinspektörer", True),
)
_PARTNER_PATTERN = re.compile(
    "|".join(f"(?P<p{i}>{pattern})" for i, (pattern, _, _) in enumerate(_PARTNERS)),
    re.IGNORECASE,
)
_PARTNER_ANYWHERE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        f"(?P<p{i}>{pattern})"
        for i, (pattern, _, needs_context) in enumerate(_PARTNERS)
        if not needs_context
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
# Partners named by place or role ("skolan", "socialtjänsten"): written with a
# capital inside a sentence ("funktion på Socialtjänsten") they name the
# organisation, which takes part without a "tillsammans med".
_PARTNER_CAPITALISED = re.compile(
    r"(?<=[\w,;)] )(?:"
    + "|".join(
        f"(?P<p{i}>{pattern})"
        for i, (pattern, _, needs_context) in enumerate(_PARTNERS)
        if needs_context
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)
# "… i samverkan med skolan och socialtjänsten": what follows names partners.
_WITH_TRIGGER = re.compile(
    r"\b(?:tillsammans|samverkan|samverka|samverkar|samarbete|samarbeta|samarbetar|"
    r"kontakt|kontakter|kontakten|dialog|dialogen|möte|möten|träffar|nätverk|"
    r"samråd|samordning|överenskommelse)\s+med\b"
    r"|\bmellan\b|\bstöd\s+till\b|\bstötta[rs]?\b|\bstödja\b|\bstödjer\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(
    r"[.;:!?]|\s(?:för att|i syfte|genom att|så att|vilket|där|som)\s", re.IGNORECASE
)
_APPOSITION = re.compile(r"\(\s*(?P<kind>[^()]{2,40}?)\s*\)")
_PAREN_OPEN = re.compile(r"\(")
LIST_SPLIT = re.compile(
    r"\s*(?:,|\boch\b|\bsamt\b|&|/|\beller\b|\btillsammans\s+med\b|"
    r"\bi\s+samverkan\s+med\b)\s*",
    re.IGNORECASE,
)


def partner_name(phrase: str) -> str | None:
    """The canonical name of a partner in the curated list ("Tullverket" → "tull")."""
    match = _PARTNER_PATTERN.fullmatch(phrase.strip())
    if not match:
        return None
    for name, value in match.groupdict().items():
        if value is not None:
            return _PARTNERS[int(name[1:])][1]
    return None


def classify_party(phrase: str) -> str | None:
    """What one party phrase names: "polisen", "kommunen", a partner, or None."""
    phrase = phrase.strip(" .:;,”\"'()")
    if not phrase:
        return None
    if _POLICE.match(phrase):
        return "polisen"
    if POLICE_NAMED.match(phrase) and phrase[:1].isupper():
        return "polisen"
    if _MUNICIPALITY_WORD.match(phrase) or MUNICIPALITY_NAMED.match(phrase):
        return "kommunen"
    lower = phrase.lower()
    for prefix in ("de ", "den ", "det ", "lokala ", "lokal ", "berörda ", "övriga "):
        if lower.startswith(prefix):
            return classify_party(phrase[len(prefix) :])
    partner = partner_name(phrase)
    if partner is not None:
        return partner
    if _MUNICIPAL_DEPARTMENT.match(phrase):
        return "kommunen"
    words = phrase.split()
    if len(words) > 1 and all(
        word[:1].isupper() or word.lower() in _NAME_TAIL for word in words[1:]
    ):
        # A party word and its name: "LPO Mullsjö", "Bostadsbolaget Mullsjöhem".
        return classify_party(words[0])
    return None


def apposition(text: str, position: int) -> tuple[str, str] | None:
    """(name, kind) when the parenthesis at `position` explains the name before it
    ("Stubo (bostadsbolaget)", "KBAB (bostadsbolaget)"), else None."""
    match = _APPOSITION.match(text, position)
    if not match or not match.group("kind")[:1].islower():
        return None  # "(Bostadsbolaget Orsahem)" names a party of its own
    before = text[:position].rstrip()
    name_match = re.search(rf"([{LETTERS}][{LETTERS}0-9-]*)$", before)
    if not name_match or not name_match.group(1)[:1].isupper():
        return None
    ahead = before[: name_match.start()].rstrip()
    if not ahead or ahead[-1] in ".!?:•–-":
        return None  # a sentence's first word is capitalised anyway
    kind = classify_party(match.group("kind"))
    if kind is None or kind in ("polisen", "kommunen"):
        return None
    return name_match.group(1), kind


def find_partners(text: str) -> list[str]:
    """Partners the text names: organisations anywhere, and places such as schools
    only after "i samverkan med", "tillsammans med", "mellan", "stötta" and the like.
    A name explained in a parenthesis ("Stubo (bostadsbolaget)") is the partner."""
    found: list[tuple[int, str]] = []
    explained: list[tuple[int, int]] = []
    for match in _PAREN_OPEN.finditer(text):
        named = apposition(text, match.start())
        if named:
            found.append((match.start() - len(named[0]) - 1, named[0]))
            end = text.find(")", match.start())
            explained.append((match.start(), end if end >= 0 else len(text)))
    for match in _PARTNER_ANYWHERE.finditer(text):
        if text.startswith(" Gotland", match.end()):
            continue  # Region Gotland is the municipality, not the region.
        if any(start <= match.start() < end for start, end in explained):
            continue
        name = partner_name(match.group(0))
        if name:
            found.append((match.start(), name))
    for match in _PARTNER_CAPITALISED.finditer(text):
        if match.group(0)[:1].isupper():
            name = partner_name(match.group(0))
            if name:
                found.append((match.start(), name))
    for trigger in _WITH_TRIGGER.finditer(text):
        tail_start = trigger.end()
        end_match = _CLAUSE_END.search(text, tail_start)
        tail_end = end_match.start() if end_match else len(text)
        tail_end = min(tail_end, tail_start + 120)
        for part in LIST_SPLIT.split(text[tail_start:tail_end]):
            words = part.split()
            for width in (3, 2, 1):
                if len(words) >= width:
                    name = classify_party(" ".join(words[:width]))
                    if name:
                        break
            else:
                name = None
            if name and name not in ("polisen", "kommunen"):
                found.append((tail_start + text[tail_start:tail_end].find(part), name))
    found.sort()
    partners: list[str] = []
    for position, name in found:
        # "föreningen Mullsjö Nattvandrare" is one association, not two partners.
        if name == "föreningar" and any(
            other != name and 0 < other_position - position < 30
            for other_position, other in found
        ):
            continue
        if name not in partners:
            partners.append(name)
    return partners
