"""The example content: invented promises for two real municipalities.

Everything here is written for Löften's demonstration and is labelled as example
data wherever it is shown. It is not taken from any real promise.
"""

EXAMPLE_LABEL = "Exempeldata"
EXAMPLE_PASSWORD = "exempel-lofte-2026"  # noqa: S105 - printed by `make run`, dev only

# The reference data (geography migration 0003) loads Höglandet with the
# municipalities its sources name; the example promises are made by it, for Nässjö
# and Aneby, so the example adds Nässjö and Vetlanda, which belong to it.
POLICE_AREAS = [
    {
        "name": "Lokalpolisområde Höglandet",
        "region": "Öst",
        "district": "Polisområde Jönköpings län",
        "municipalities": ["0682", "0604", "0686", "0684", "0685", "0687"],
    },
]

ORGANISATIONS = [
    {
        "name": "Nässjö kommun",
        "kind": "municipality",
        "municipality": "0682",
        "website": "https://www.nassjo.se/",
        "feedback_url": "https://www.nassjo.se/",
    },
    {
        "name": "Aneby kommun",
        "kind": "municipality",
        "municipality": "0604",
        "website": "https://www.aneby.se/",
        "feedback_url": "https://www.aneby.se/",
    },
    {
        "name": "Lokalpolisområde Höglandet",
        "kind": "police_area",
        "police_area": "Lokalpolisområde Höglandet",
        "website": "https://polisen.se/",
        "feedback_url": "https://polisen.se/",
    },
    {
        "name": "Nattvandrarna i Nässjö (exempel)",
        "kind": "partner",
        "municipality": "0682",
    },
    {
        "name": "Fastighetsägarna i centrum (exempel)",
        "kind": "partner",
        "municipality": "0682",
    },
]

# username, full name, title, organisation, role
USERS = [
    (
        "kommun.redaktor",
        "Karin Lund",
        "Brottsförebyggande samordnare",
        "Nässjö kommun",
        "editor",
    ),
    (
        "kommun.godkannare",
        "Per Holm",
        "Kommunstyrelsens ordförande",
        "Nässjö kommun",
        "approver",
    ),
    (
        "polis.redaktor",
        "Amir Haddad",
        "Kommunpolis",
        "Lokalpolisområde Höglandet",
        "editor",
    ),
    (
        "polis.godkannare",
        "Eva Strand",
        "Lokalpolisområdeschef",
        "Lokalpolisområde Höglandet",
        "approver",
    ),
    ("aneby.redaktor", "Sofia Berg", "Folkhälsostrateg", "Aneby kommun", "editor"),
    (
        "aneby.godkannare",
        "Jonas Ek",
        "Kommunstyrelsens ordförande",
        "Aneby kommun",
        "approver",
    ),
]

SITUATION_SOURCES = [
    {
        "kind": "survey",
        "title": "Polisens trygghetsmätning",
        "note": "Fler än var fjärde boende känner sig otrygg i centrum och vid "
        "resecentrum "
        "kvällstid.",
    },
    {
        "kind": "citizen_dialogue",
        "title": "Medborgardialog på torget",
        "note": "Boende efterfrågar mer synlig polis och bättre belysning på "
        "gångstråken.",
    },
    {
        "kind": "crime_statistics",
        "title": "Anmälda brott",
        "note": "Skadegörelse och narkotikabrott bland unga har ökat de senaste "
        "två åren.",
    },
    {
        "kind": "staff_dialogue",
        "title": "Medarbetardialog i skola och socialtjänst",
        "note": "Personalen ser fler unga som dras in i narkotikaförsäljning.",
    },
]

# Each activity: focus area, commitment index, text, police?, municipality?,
# partners, target (comparator, value, unit, scope) or None, place, and how many
# occurrences are logged per tertial (T1, T2, T3) for the demonstration.
NASSJO_ACTIVITIES = [
    (
        "trygghet-i-offentlig-miljo",
        0,
        "Genomföra trygghetsvandringar i centrum tillsammans med boende och "
        "fastighetsägare.",
        True,
        True,
        ["Fastighetsägarna i centrum (exempel)"],
        ("at_least", 4, "trygghetsvandringar", "per_year"),
        "Nässjö centrum",
        (1, 2, 1),
    ),
    (
        "trygghet-i-offentlig-miljo",
        0,
        "Fotpatrullera vid resecentrum fredag och lördag kväll.",
        True,
        False,
        [],
        ("at_least", 40, "patrulleringar", "per_year"),
        "Resecentrum",
        (14, 12, 9),
    ),
    (
        "trygghet-i-offentlig-miljo",
        0,
        "Åtgärda brister i belysningen som trygghetsvandringarna visar, inom fyra "
        "veckor.",
        False,
        True,
        [],
        None,
        "",
        (0, 0, 0),
    ),
    (
        "ungdomar-i-riskzon",
        1,
        "Hålla samverkansmöten mellan skola, socialtjänst och polis om unga i riskzon.",
        True,
        True,
        [],
        ("at_least", 8, "samverkansmöten", "per_year"),
        "",
        (3, 2, 2),
    ),
    (
        "ungdomar-i-riskzon",
        1,
        "Genomföra förebyggande hundsök på högstadieskolor och gymnasiet.",
        True,
        False,
        [],
        ("at_least", 6, "hundsök", "per_year"),
        "Skolorna i Nässjö",
        (2, 1, 1),
    ),
    (
        "ungdomar-i-riskzon",
        1,
        "Stötta nattvandrarna med utrustning och rekrytering av nya vuxna.",
        False,
        True,
        ["Nattvandrarna i Nässjö (exempel)"],
        ("at_least", 20, "nattvandringar", "per_year"),
        "Centrum och Runnerydsområdet",
        (8, 6, 4),
    ),
    (
        "trafik",
        None,
        "Genomföra riktade hastighetskontroller vid skolor och förskolor.",
        True,
        False,
        [],
        ("at_least", 10, "trafikkontroller", "per_period"),
        "Skolområden",
        (11, 7, 6),
    ),
    (
        "trafik",
        None,
        "Informera föräldrar om en säker skolväg vid varje terminsstart.",
        False,
        True,
        [],
        ("at_least", 2, "informationsinsatser", "per_year"),
        "",
        (1, 1, 0),
    ),
]

NASSJO_COMMITMENTS = [
    "Vi ska öka tryggheten i Nässjö centrum och vid resecentrum, särskilt kvällstid.",
    "Vi ska minska risken för att unga i Nässjö hamnar i droger och kriminalitet.",
]

ANEBY_COMMITMENTS = [
    "Vi ska göra det tryggare att röra sig i Aneby tätort på kvällar och helger.",
]

ANEBY_ACTIVITIES = [
    (
        "trygghet-i-offentlig-miljo",
        0,
        "Genomföra en trygghetsvandring per tertial med boende i tätorten.",
        True,
        True,
        [],
        ("at_least", 1, "trygghetsvandringar", "per_period"),
        "Aneby tätort",
        (1, 1, 0),
    ),
    (
        "trygghet-i-offentlig-miljo",
        0,
        "Vara synlig polis vid större evenemang och på helgkvällar.",
        True,
        False,
        [],
        ("at_least", 12, "insatser", "per_year"),
        "",
        (5, 6, 2),
    ),
    (
        "ungdomar-i-riskzon",
        0,
        "Erbjuda öppen fritidsgård fredagar med vuxna på plats.",
        False,
        True,
        [],
        ("at_least", 30, "öppna kvällar", "per_year"),
        "Fritidsgården",
        (12, 7, 9),
    ),
    (
        "ungdomar-i-riskzon",
        0,
        "Samverka med skolan kring elever med hög frånvaro.",
        True,
        True,
        [],
        None,
        "",
        (0, 0, 0),
    ),
    (
        "trafik",
        None,
        "Kontrollera hastigheten på riksväg 32 genom tätorten.",
        True,
        False,
        [],
        ("at_least", 6, "trafikkontroller", "per_year"),
        "Riksväg 32",
        (2, 3, 1),
    ),
]

# Effect measures. "values" are by year relative to the promise's year (-1 is the
# year before), so the example stays recent whatever year it is loaded in. A
# promise's own year has a value only where it would already be measured:
# "this_year_from" is the day that year's figure is out (the trygghetsmätning's
# result in the autumn); reported crime is counted for whole years, and the
# drug survey in year 9 is made every other year.
INDICATORS = [
    {
        "name": "Andel boende som känner sig otrygga i centrum kvällstid",
        "source": "Polisens trygghetsmätning",
        "unit": "%",
        "direction": "decrease",
        "focus_area": "trygghet-i-offentlig-miljo",
        "values": {-3: "31", -2: "29", -1: "27", 0: "26"},
        "this_year_from": (10, 1),
    },
    {
        "name": "Anmälda skadegörelsebrott",
        "source": "Polisens anmälningsstatistik",
        "unit": "antal",
        "direction": "decrease",
        "focus_area": None,
        "values": {-3: "412", -2: "388", -1: "401"},
    },
    {
        "name": "Andel elever i årskurs 9 som någon gång använt narkotika",
        "source": "Drogvaneundersökning i årskurs 9",
        "unit": "%",
        "direction": "decrease",
        "focus_area": "ungdomar-i-riskzon",
        "values": {-3: "6", -1: "5"},
    },
]

FOLLOWUP_PLAN = (
    "Aktiviteterna följs upp varje tertial och redovisas för det brottsförebyggande "
    "rådet. Effekterna följs med polisens trygghetsmätning, anmälda brott och "
    "drogvaneundersökningen i årskurs 9."
)


def followup_text(unit: str, count: int) -> str:
    """An example follow-up in plain Swedish for `count` logged occurrences."""
    if count == 0:
        return "Inget gjordes under perioden."
    times = "en gång" if count == 1 else f"{count} gånger"
    return f"Vi gjorde det {times} under perioden. Antalet kommer från loggen."
