"""Page furniture: menus, skip links, cookie and JavaScript notices, captions.

These lines belong to the web page or PDF layout, not to the promise, so the
readers drop them before the parser sees the text.
"""

import re

_WHOLE_LINE = re.compile(
    r"^(?:sök|sök\s+på\s+[\w.-]+|sökfält|stäng|stäng\s+meny|meny|öppna\s+meny|"
    r"visa\s+meny|huvudmeny|till\s+toppen|tillbaka\s+till\s+toppen|upp\s+till\s+toppen|"
    r"(?:hoppa|gå)\s+(?:direkt\s+)?till\s+(?:huvud)?innehåll(?:et)?|skriv\s+ut|"
    r"skip\s+to\s+(?:main\s+)?content|"
    # "Hoppa till innehåll Hoppa till meny" on one line; "Pressmeddelande • Feb 05, …".
    r"(?:hoppa\s+till\s+\w+\s*){2,}|pressmeddelande\s*[•·|-].*|"
    r"denna\s+nyhet\s+är\s+äldre\s+än\b.*|publicerad|"
    r"dela|dela\s+sidan|dela\s+på\s+\w+|tipsa(?:\s+om\s+sidan)?|lyssna|"
    r"lyssna\s+på\s+sidan|läs\s+upp|facebook|twitter|linkedin|instagram|youtube|"
    r"e-post|mejla|innehåll|innehållsförteckning|navigering|brödsmulor|"
    r"du\s+är\s+här:?.*|startsida|startsidan|hem|senast\s+(?:uppdaterad|ändrad|"
    r"granskad)\b.*|sidan\s+(?:uppdaterades|uppdaterad|publicerad|granskad)\b.*|"
    r"publicerad\s*:?\s*\d.*|uppdaterad\s*:?\s*\d.*|publicerad\s+\d.*|"
    r"var\s+(?:det\s+här|den\s+här\s+sidan|sidan)\s+till\s+hjälp.*|"
    r"hittade\s+du\s+det\s+du\s+sökte.*|relaterade\s+länkar|relaterat|läs\s+mer|"
    r"läs\s+också|följ\s+oss.*|acceptera(?:\s+alla)?(?:\s+kakor|\s+cookies)?|"
    r"godkänn(?:\s+alla)?(?:\s+kakor|\s+cookies)?|neka(?:\s+alla)?|"
    r"endast\s+nödvändiga(?:\s+kakor|\s+cookies)?|anpassa(?:\s+inställningar)?|"
    r"jag\s+förstår|ok,?\s+jag\s+förstår|(?:sida\s*)?\d{1,3}(?:\s*(?:av|/)\s*\d{1,3})?|"
    r"[-–]\s*\d{1,3}\s*[-–]|(?:foto|bild|fotograf|illustration|bildtext)\s*:.*)$",
    re.IGNORECASE,
)
_COOKIE = re.compile(
    r"^(?=.*\b(?:cookies?|kakor|kakorna)\b)(?=.*\b(?:använder|webbplats\w*|"
    r"godkänn\w*|accepter\w*|samtyck\w*|inställningar|besök\w*)\b)",
    re.IGNORECASE,
)
_JAVASCRIPT = re.compile(
    r"\bjava\s?script\b.*\b(?:påslaget|aktiverat|avstängt|inaktiverat|stöd|"
    r"aktivera|slå\s+på)\b|\bjavacsript\b",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(
    r"^[^\s>›»].{0,150}?(?:\s[>›»]\s.*){2,}$|^(?:start|hem)\s*[>›»/]"
)


def is_furniture(text: str) -> bool:
    """Whether a line of text is page furniture rather than content."""
    line = text.strip()
    if not line:
        return True
    if len(line) > 400:
        return False
    return bool(
        _WHOLE_LINE.match(line)
        or _COOKIE.match(line)
        or _JAVASCRIPT.search(line)
        or _BREADCRUMB.match(line)
    )
