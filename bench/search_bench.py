"""How fast search is over a national index: p50 and p95 of the search page.

Fills a throwaway database (a temporary SQLite file, and a PostgreSQL database
named `<name>_search_bench` next to the one `--postgres` or DATABASE_URL names)
with generated published promises for all 290 municipalities over ten years, at
least 100,000 indexed texts, then times searches with and without filters
through Django's test client and writes the result into docs/benchmarks.md.

Every generated promise is titled "Genererat testlöfte …": the data is made up
to have the size and shape of real promises, and the database is dropped after
the run.

    .venv/bin/python -m bench.search_bench [--years 10] [--rounds 20]
        [--postgres postgres://postgres@127.0.0.1:5432/loften]
"""

import argparse
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench._common import cpu_model, markers, write_section

ROOT = Path(__file__).resolve().parent.parent
MARKER = "search"
GENERATED = "Genererat testlöfte"
AIM_MS = 50.0

# The words of the generated texts: what real promises speak of, so that common
# and rare words are spread as in real text.
PLACES = [
    "centrum",
    "resecentrum",
    "skolgården",
    "idrottsplatsen",
    "stationsområdet",
    "torget",
    "badplatsen",
    "de östra delarna",
    "bostadsområdet",
]
ACTIVITIES = [
    "Genomföra trygghetsvandringar i {place}",
    "Genomföra riktade trafikkontroller mot bilburen ungdom vid {place}",
    "Genomföra förebyggande hundsök på högstadieskolor och gymnasiet",
    "Nattvandring med föreningar och fältarbetare kring {place}",
    "Samverkansmöten mellan polisen, socialtjänsten och skolan",
    "Sanera klotter och annan skadegörelse i {place} inom ett dygn",
    "Föräldramöten om narkotika och alkohol i årskurs 8",
    "Synlig polisiär närvaro vid {place} på helgkvällar",
    "Kartlägga ungdomar i riskzon och erbjuda SSPF-insatser",
    "Medborgardialog om otrygghet i {place}",
    "Belysning och röjning av buskage vid {place}",
    "Kontroller av alkohol- och tobaksförsäljning",
]
FOLLOWUPS = [
    "Vi genomförde {n} trygghetsvandringar med boende och fastighetsägare.",
    "Polisen gjorde {n} kontroller; flera förare rapporterades.",
    "Hundsök vid {n} tillfällen utan fynd av narkotika.",
    "Nattvandrarna var ute {n} kvällar, sammanlagt {h} timmar.",
    "Klotter sanerades inom ett dygn vid {n} tillfällen.",
    "Mötet genomfördes med {n} deltagare från skolan och socialtjänsten.",
    "Insatsen är inplanerad till hösten.",
    "Delvis genomfört: personalbrist under sommaren.",
]
SITUATIONS = [
    "Skadegörelse och narkotikabrott bland unga har ökat de senaste åren.",
    "Otryggheten i {place} är hög kvällstid, särskilt bland kvinnor.",
    "Trafiken vid skolorna upplevs som farlig av föräldrar.",
    "Anmälda inbrott i bostäder har minskat men oron är stor.",
    "Personalen ser fler unga som dras in i narkotikaförsäljning.",
]
INDICATORS = [
    ("Anmälda skadegörelsebrott", "Polisens öppna statistik", "brott"),
    ("Andel som känner sig otrygga i centrum", "Polisens trygghetsmätning", "%"),
    ("Andel elever i årskurs 9 som använt narkotika", "Drogvaneundersökningen", "%"),
    ("Anmälda narkotikabrott", "Brå", "brott"),
]


def _snapshot(ids, rng, place, year, number, county, focus_areas) -> dict:
    """One generated promise in the snapshot form (publication/snapshot.py)."""
    promise_id = next(ids["promise"])
    spot = rng.choice(PLACES)
    activities, followups = [], []
    for order in range(8):
        area = rng.choice(focus_areas)
        activities.append(
            {
                "id": next(ids["activity"]),
                "text": rng.choice(ACTIVITIES).format(place=rng.choice(PLACES)),
                "order": order,
                "commitment_id": None,
                "focus_area_id": area.id,
                "responsible_police": rng.random() < 0.7,
                "responsible_municipality": rng.random() < 0.7,
                "partners": ["Fältarbetarna"] if rng.random() < 0.2 else [],
                "target": None,
                "place": rng.choice(PLACES) if rng.random() < 0.4 else "",
            }
        )
    periods = []
    for tertial in (1, 2, 3):
        period = number[(year, tertial)]
        periods.append(
            {"id": period.id, "year": year, "label": period.label, "published": True}
        )
        for activity in activities:
            followups.append(
                {
                    "id": next(ids["followup"]),
                    "activity_id": activity["id"],
                    "period_id": period.id,
                    "status": {"name": "Genomfört", "category": "done"},
                    "text": rng.choice(FOLLOWUPS).format(
                        n=rng.randint(1, 40), h=rng.randint(2, 120)
                    ),
                }
            )
    indicators = [
        {
            "id": next(ids["indicator"]),
            "name": name,
            "description": f"Följs upp varje år i {place.name}.",
            "source": source,
            "unit": unit,
            "focus_area_id": None,
            "values": [],
        }
        for name, source, unit in rng.sample(INDICATORS, 2)
    ]
    return {
        "promise": {
            "id": promise_id,
            "title": f"{GENERATED} {place.name} {year}",
            "start_date": f"{year}-01-01",
            "end_date": f"{year}-12-31",
            "municipalities": [{"name": place.name, "county": county}],
            "police_area": None,
            "situation_summary": " ".join(
                s.format(place=spot) for s in rng.sample(SITUATIONS, 2)
            ),
            "situation_sources": [
                {
                    "kind": "survey",
                    "title": "Trygghetsmätning",
                    "year": year - 1,
                    "url": "",
                    "note": f"Otryggheten kvällstid i {spot}.",
                }
            ],
            "followup_plan": "Uppföljning varje tertial i brottsförebyggande rådet.",
            "signatories": [
                {
                    "name": "Generad Person",
                    "title": "Kommunstyrelsens ordförande",
                    "organisation": f"{place.name} kommun",
                }
            ],
        },
        "commitments": [
            {"id": next(ids["commitment"]), "text": text, "order": order}
            for order, text in enumerate(
                [
                    "Vi ska öka tryggheten i centrum.",
                    "Vi ska arbeta för en drogfri miljö för barn och unga.",
                ]
            )
        ],
        "focus_areas": [{"id": a.id, "name": a.name} for a in focus_areas],
        "activities": activities,
        "indicators": indicators,
        "periods": periods,
        "followups": followups,
    }


def fill(years: int, seed: int = 2026) -> tuple[int, int]:
    """Generated, published promises for every municipality and year, with their
    search entries written in bulk; (promises, entries)."""
    import itertools

    from django.db import connection, transaction
    from django.db.models.expressions import RawSQL
    from django.utils import timezone

    from loften.followups.services import reporting_period_get_or_create
    from loften.geography.models import Municipality
    from loften.promises.models import FocusArea, Promise
    from loften.publication.models import PromiseVersion, PublishedPromise
    from loften.search import schema
    from loften.search.documents import documents_from_snapshot, index_fields
    from loften.search.models import SearchEntry

    rng = random.Random(seed)
    first = 2027 - years
    places = list(Municipality.objects.select_related("county").order_by("code"))
    focus_areas = list(FocusArea.objects.filter(private_to__isnull=True))
    number = {
        (year, tertial): reporting_period_get_or_create(
            kind="tertial", year=year, number=tertial
        )
        for year in range(first, first + years)
        for tertial in (1, 2, 3)
    }
    ids = {
        kind: itertools.count(1)
        for kind in ("promise", "activity", "followup", "indicator", "commitment")
    }
    now = timezone.now()
    entries = 0
    promises = 0
    for year in range(first, first + years):
        with transaction.atomic():
            snapshots = [
                _snapshot(ids, rng, place, year, number, place.county.name, focus_areas)
                for place in places
            ]
            rows = Promise.objects.bulk_create(
                Promise(
                    id=s["promise"]["id"],
                    title=s["promise"]["title"],
                    slug=f"genererat-{s['promise']['id']}",
                    start_date=datetime.date(year, 1, 1),
                    end_date=datetime.date(year, 12, 31),
                    cadence="tertial",
                    status=Promise.Status.PUBLISHED,
                )
                for s in snapshots
            )
            Promise.municipalities.through.objects.bulk_create(
                Promise.municipalities.through(promise_id=p.id, municipality_id=m.id)
                for p, m in zip(rows, places, strict=True)
            )
            versions = PromiseVersion.objects.bulk_create(
                PromiseVersion(
                    promise_id=s["promise"]["id"],
                    number=1,
                    kind=PromiseVersion.Kind.PLAN,
                    snapshot=s,
                    published_at=now,
                )
                for s in snapshots
            )
            PublishedPromise.objects.bulk_create(
                PublishedPromise(
                    id=p.id,
                    version=v,
                    title=p.title,
                    slug=p.slug,
                    start_date=p.start_date,
                    end_date=p.end_date,
                    cadence=p.cadence,
                    first_published_at=now,
                    updated_at=now,
                )
                for p, v in zip(rows, versions, strict=True)
            )
            PublishedPromise.municipalities.through.objects.bulk_create(
                PublishedPromise.municipalities.through(
                    publishedpromise_id=p.id, municipality_id=m.id
                )
                for p, m in zip(rows, places, strict=True)
            )
            written = SearchEntry.objects.bulk_create(
                (
                    SearchEntry(**index_fields(s["promise"]["id"], document))
                    for s in snapshots
                    for document in documents_from_snapshot(s)
                ),
                batch_size=2000,
            )
            entries += len(written)
            promises += len(rows)
    if connection.vendor == "postgresql":
        SearchEntry.objects.update(
            document=RawSQL(schema.POSTGRES_DOCUMENT, [])  # noqa: S611
        )
        # The update leaves a dead copy of every row, which autovacuum would
        # clear within a minute on a real install; until then PostgreSQL plans
        # a common word as a sequential scan over twice the rows (135 ms instead
        # of 26 ms over the GIN index for "trygghetsvandring"). Clear them, as
        # autovacuum would, so the figures are those of a settled index.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {schema.TABLE}")
    return promises, entries


def _same_as_the_service() -> None:
    """The bulk path writes exactly what publishing would: rebuild one promise's
    entries through the service and compare."""
    from loften.publication.models import PublishedPromise
    from loften.search.models import SearchEntry
    from loften.search.services import search_entries_rebuild

    sample = PublishedPromise.objects.select_related("version").order_by("id")[7]
    fields = [
        f.name
        for f in SearchEntry._meta.concrete_fields
        if f.name not in ("id", "document")
    ]

    def rows():
        return sorted(
            SearchEntry.objects.filter(promise_id=sample.pk).values_list(*fields)
        )

    bulk = rows()
    search_entries_rebuild(promise_id=sample.pk, snapshot=sample.version.snapshot)
    assert rows() == bulk, "the bulk index differs from the service's"


SEARCHES = [
    ("common word", {"q": "trygghetsvandring"}),
    ("lägesbild word", {"q": "narkotikabrott"}),
    ("without å/ä/ö", {"q": "hundsok"}),
    ("two words", {"q": "klotter skadegörelse"}),
    ("effect measure", {"q": "otrygga"}),
    ("very common word", {"q": "polisen"}),
    ("rare word", {"q": "tobaksförsäljning"}),
    ("word + municipality", {"q": "trygghetsvandring", "kommun": "nässjö"}),
    ("word + county", {"q": "narkotika", "lan": "06"}),
    ("word + year", {"q": "hundsök", "ar": "2026"}),
    ("word + focus area", {"q": "kontroller", "fokusomrade": "trafik"}),
    ("word + responsible", {"q": "skolan", "ansvarig": "polisen"}),
    (
        "word + all filters",
        {"q": "trygghet", "ar": "2026", "lan": "01", "ansvarig": "kommunen"},
    ),
    ("filters only", {"ar": "2026", "fokusomrade": "narkotika"}),
    ("second page", {"q": "centrum", "sida": "2"}),
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _search_only(params: dict) -> None:
    """What the search itself costs: the count and the first page of hits, with
    their best texts, as the page reads them (no form, no template)."""
    from loften.search.forms import SearchForm
    from loften.search.selectors import (
        search_filter_choices,
        search_promise_browse,
        search_promise_list,
    )
    from loften.search.text import query_terms

    form = SearchForm(params, choices=_choices(search_filter_choices))
    assert form.is_valid(), form.errors
    terms = query_terms(form.cleaned_data["q"])
    hits = (
        search_promise_list(terms=terms, filters=form.filters())
        if terms
        else search_promise_browse(filters=form.filters())
    )
    page = int(params.get("sida", 1))
    assert hits.count() > 0
    assert hits[(page - 1) * 20 : page * 20]


_CHOICES: list = []


def _choices(build):
    # The filters' choices are cached in production; read them once here too.
    if not _CHOICES:
        _CHOICES.append(build())
    return _CHOICES[0]


def measure(rounds: int) -> list[dict]:
    import time as clock

    from django.test import Client

    client = Client()
    results = []
    for name, params in SEARCHES:
        response = client.get("/sok/", params)  # warm the code and the choices
        assert response.status_code == 200, (name, response.status_code)
        assert b"search-result" in response.content, name
        _search_only(params)
        pages, searches, cpu = [], [], []
        for _ in range(rounds):
            start, used = clock.perf_counter(), clock.process_time()
            _search_only(params)
            searches.append((clock.perf_counter() - start) * 1000)
            cpu.append((clock.process_time() - used) * 1000)
            start = clock.perf_counter()
            response = client.get("/sok/", params)
            pages.append((clock.perf_counter() - start) * 1000)
        results.append(
            {
                "name": name,
                "params": params,
                "timings": searches,
                "cpu": cpu,
                "pages": pages,
            }
        )
    return results


def child(args) -> None:
    """Build, measure and drop one database; print the result as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    database = settings.DATABASES["default"]
    temporary = None
    if connection.vendor == "sqlite":
        temporary = tempfile.TemporaryDirectory()
        database["TEST"]["NAME"] = str(Path(temporary.name) / "search.sqlite3")
    else:
        database["TEST"]["NAME"] = f"{database['NAME']}_search_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        promises, entries = fill(args.years)
        built = time.perf_counter() - start
        _same_as_the_service()
        results = measure(args.rounds)
        vendor = connection.vendor
        server = (
            ".".join(str(n) for n in divmod(connection.pg_version, 10000))
            if (vendor == "postgresql")
            else connection.Database.sqlite_version
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        if temporary is not None:
            temporary.cleanup()
    print(
        json.dumps(
            {
                "vendor": vendor,
                "server": server,
                "promises": promises,
                "entries": entries,
                "built": built,
                "load": " / ".join(f"{n:.1f}" for n in os.getloadavg()),
                "results": results,
            }
        )
    )


def report(data: dict, args, command: str) -> str:
    vendor = data["vendor"]
    database = "PostgreSQL" if vendor == "postgresql" else "SQLite"
    everything = [t for r in data["results"] for t in r["timings"]]
    p50, p95 = _percentile(everything, 0.5), _percentile(everything, 0.95)
    whole = [t for r in data["results"] for t in r["pages"]]
    used = [t for r in data["results"] for t in r["cpu"]]
    cpu50, cpu95 = _percentile(used, 0.5), _percentile(used, 0.95)
    page50, page95 = _percentile(whole, 0.5), _percentile(whole, 0.95)
    rows = []
    for r in data["results"]:
        query = "&".join(f"{k}={v}" for k, v in r["params"].items())
        rows.append(
            f"| {r['name']} | `{query}` "
            f"| {_percentile(r['timings'], 0.5):.1f} "
            f"| {_percentile(r['timings'], 0.95):.1f} "
            f"| {_percentile(r['cpu'], 0.95):.1f} "
            f"| {_percentile(r['pages'], 0.5):.1f} "
            f"| {_percentile(r['pages'], 0.95):.1f} |"
        )
    today = datetime.datetime.now(tz=datetime.UTC).date()
    name = MARKER if vendor == "sqlite" else f"{MARKER}-{vendor}"
    start, end = markers(name)
    verdict = "met" if p95 < AIM_MS else "**not met**"
    return "\n".join(
        [
            start,
            f"## Search over {data['entries']:,} indexed texts ({database})".replace(
                ",", " "
            ),
            "",
            f"Measured {today:%Y-%m-%d} on {platform.platform()}, {cpu_model()}, "
            f"Python {platform.python_version()}, {database} {data['server']}. "
            f"Command: `{command}`.",
            "",
            f"A throwaway database filled with {data['promises']} generated "
            f'published promises ("{GENERATED} …": 290 municipalities × '
            f"{args.years} years, each with a lägesbild and a source, 2 "
            "commitments, 8 activities, 2 effect measures, signatories and 3 "
            f"tertials of follow-ups), {data['entries']} search entries written in "
            f"bulk in {data['built']:.0f} s (one promise rebuilt through "
            "`search_entries_rebuild` gives the same rows). Each search is timed "
            f"{args.rounds} times after one warm-up, twice: *search* is what the "
            "page asks of the index (the count and one page of 20 promises with "
            "their best texts: `search_promise_list` or `search_promise_browse`), "
            "*page* the whole response through Django's test client (form with "
            "290 municipalities, the search, 20 hits with highlighted snippets). "
            "The filters' choices come from the cache, as they do in production. "
            f"Load average of the machine at the start: {data['load']}.",
            "",
            f"**Search: p50 {p50:.1f} ms, p95 {p95:.1f} ms** "
            f"(aim: p95 under {AIM_MS:.0f} ms, {verdict}). "
            f"CPU time of this process per search: p50 {cpu50:.1f} ms, "
            f"p95 {cpu95:.1f} ms. "
            f"Whole page: p50 {page50:.1f} ms, p95 {page95:.1f} ms.",
            "",
            "| search | parameters | search p50 ms | search p95 ms "
            "| search CPU p95 ms | page p50 ms | page p95 ms |",
            "|---|---|---:|---:|---:|---:|---:|",
            *rows,
            end,
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL")
        or (
            os.environ.get("DATABASE_URL", "")
            if os.environ.get("DATABASE_URL", "").startswith("postg")
            else ""
        ),
        help="a PostgreSQL URL; its database name gets the suffix _search_bench",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0

    command = "python -m bench.search_bench " + " ".join(
        a for a in sys.argv[1:] if not a.startswith("postgres")
    )
    targets = [("sqlite", "")]
    if args.postgres:
        targets.append(("postgresql", args.postgres))
    else:
        print("PostgreSQL skipped: give --postgres or DATABASE_URL", file=sys.stderr)
    for vendor, url in targets:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if url:
            env["DATABASE_URL"] = url
        completed = subprocess.run(  # noqa: S603
            [
                sys.executable,
                "-m",
                "bench.search_bench",
                "--child",
                "--years",
                str(args.years),
                "--rounds",
                str(args.rounds),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            print(completed.stdout, completed.stderr, file=sys.stderr)
            return 1
        data = json.loads(completed.stdout.strip().splitlines()[-1])
        text = report(data, args, command.strip())
        name = MARKER if vendor == "sqlite" else f"{MARKER}-{vendor}"
        write_section(name, text)
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
