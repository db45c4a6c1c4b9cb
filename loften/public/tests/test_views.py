"""The public pages: what they show, in Swedish by default and in English."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.cache import cache
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from loften.geography.models import Municipality
from loften.organisations.models import Organisation
from loften.promises.services import activities as activity_services
from loften.public import finder
from loften.public.models import AccessibilityReport
from loften.public.selectors import promise_view
from loften.reports.selectors import report_periods
from loften.testing import factories
from loften.testing.public import published_promise
from loften.testing.workflow import promise_with_parties, publish_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def nassjo():
    """A promise for Nässjö 2026 with its plan, T1 and T2 published."""
    return published_promise(activities=3, periods=2, quantity=2)


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# --- Start page and finding a municipality -----------------------------------------


def test_the_start_page_is_swedish_with_a_skip_link_and_a_finder(client):
    html = _html(client, "/")
    assert '<html lang="sv">' in html
    assert 'href="#main-content"' in html
    assert "Medborgarlöften från polisen och kommunerna" in html
    assert 'action="/kommuner/"' in html
    assert "Jönköpings län" in html


def test_the_english_start_page_is_in_english(client):
    html = _html(client, "/en/")
    assert '<html lang="en">' in html
    assert "Citizen promises from the police and the municipalities" in html
    assert 'hreflang="sv"' in html


def test_the_start_page_lists_the_latest_published_followups(client, nassjo):
    html = _html(client, "/")
    assert nassjo.promise.title in html
    assert "Uppföljning för tertial 2 2026" in html


def test_an_exact_municipality_name_goes_straight_to_its_page(client):
    response = client.get("/kommuner/", {"q": "nassjo"})
    assert response.status_code == 302
    assert response["Location"] == "/kommun/n%C3%A4ssj%C3%B6/"


def test_part_of_a_name_lists_the_matches_without_javascript(client, nassjo):
    html = _html(client, "/kommuner/?q=nä")
    assert "kommuner matchar ”nä”" in html
    assert '<a href="/kommun/n%C3%A4ssj%C3%B6/">Nässjö</a>' in html
    assert "har ett publicerat medborgarlöfte" in html


def test_htmx_gets_only_the_suggestions_and_the_live_count(client):
    response = client.get("/kommuner/", {"q": "nässj"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="finder-status" hx-swap-oob="innerHTML"' in html
    assert "1 kommun matchar" in html
    assert "Nässjö" in html


def test_a_county_page_lists_its_municipalities(client, nassjo):
    html = _html(client, "/lan/jönköpings-län/")
    assert "<h1>Jönköpings län</h1>" in html
    assert "Aneby" in html
    assert "Publicerat" in html


def test_a_county_code_redirects_to_the_county_page(client):
    response = client.get("/lan/06/")
    assert response.status_code == 301
    assert response["Location"] == "/lan/j%C3%B6nk%C3%B6pings-l%C3%A4n/"


def test_an_unknown_county_or_municipality_is_not_found(client):
    _html(client, "/lan/atlantis/", status=404)
    _html(client, "/kommun/atlantis/", status=404)


# --- The municipality page ----------------------------------------------------------


def test_the_municipality_page_shows_the_current_promise_and_how_to_give_input(
    client, nassjo, monkeypatch
):
    Organisation.objects.filter(pk=nassjo.parties.municipality.pk).update(
        feedback_url="https://www.nassjo.se/synpunkter"
    )
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 5, 10))
    html = _html(client, "/kommun/nässjö/")
    assert "Medborgarlöften i Nässjö" in html
    assert "Aktuellt medborgarlöfte" in html
    assert nassjo.promise.title in html
    assert "Vi ska öka tryggheten i centrum." in html
    assert nassjo.promise.police_area.name in html
    assert "https://www.nassjo.se/synpunkter" in html
    assert "114 14" in html
    assert 'name="robots"' not in html


def test_earlier_years_are_listed_on_the_municipality_page(client, nassjo):
    earlier = published_promise(activities=1, periods=0, year=2024, title="Löfte 2024")
    assert earlier.promise.municipalities.get().slug == "nässjö"
    html = _html(client, "/kommun/nässjö/")
    assert "Tidigare år" in html
    assert "Löfte 2024" in html


def test_a_municipality_without_a_promise_says_so_and_is_not_indexed(client):
    html = _html(client, "/kommun/ydre/")
    assert "Inget aktuellt medborgarlöfte för Ydre" in html
    assert '<meta name="robots" content="noindex">' in html


def test_every_running_promise_is_current_and_none_is_listed_as_earlier(
    client, nassjo, monkeypatch
):
    two_years = promise_with_parties(
        municipalities=[factories.municipality()],
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        title="Tvåårigt löfte",
    )
    activity_services.activity_create(
        promise=two_years.promise,
        actor=two_years.municipality_editor,
        text="Nattvandring",
        responsible_municipality=True,
    )
    publish_plan(two_years)
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 5, 10))
    html = _html(client, "/kommun/nässjö/")
    assert "Aktuella medborgarlöften" in html
    current = html.split('id="current-heading"', 1)[1].split("</section>", 1)[0]
    assert nassjo.promise.title in current
    assert "Tvåårigt löfte" in current
    assert "Tidigare år" not in html


def test_the_police_general_routes_are_links(client):
    html = _html(client, "/kommun/ydre/")
    assert '<a href="https://polisen.se/" rel="external">polisen.se</a>' in html
    assert (
        'href="https://polisen.se/kontakt/tipsa-polisen/tipsa-polisen-via-webben/"'
        in html
    )
    assert '<a href="tel:11414">114 14</a>' in html
    assert '<a href="tel:112">112</a>' in html


def test_a_municipality_without_contact_details_links_no_website(client):
    html = _html(client, "/kommun/ydre/")
    assert "Löften har inga kontaktuppgifter till Ydre kommun." in html
    assert "webbplats" not in html.split('id="input-heading"', 1)[1].split("<h3>", 1)[0]


def test_a_municipality_organisation_without_a_way_to_reach_it_is_not_listed(
    client, nassjo
):
    Organisation.objects.filter(pk=nassjo.parties.municipality.pk).update(
        website="", feedback_url="", contact_email="", contact_phone=""
    )
    html = _html(client, "/kommun/nässjö/")
    assert "Löften har inga kontaktuppgifter till Nässjö kommun." in html


def test_a_municipality_page_without_a_promise_names_its_police_area(client):
    html = _html(client, "/kommun/link%C3%B6ping/")
    assert "Inget aktuellt medborgarlöfte för Linköping" in html
    assert "Lokalpolisområde Linköping" in html
    assert "Polisområde Östergötland" in html
    assert "har inte lagts in" not in html


def test_the_police_area_names_the_other_places_it_serves(client):
    html = _html(client, "/kommun/falun/")
    assert "Lokalpolisområde Falun" in html
    assert "Det betjänar också Avesta, Hedemora." in html


def test_a_municipality_with_contact_details_lists_them(client, nassjo):
    Organisation.objects.filter(pk=nassjo.parties.municipality.pk).update(
        website="https://www.nassjo.se/"
    )
    html = _html(client, "/kommun/nässjö/")
    assert 'href="https://www.nassjo.se/"' in html
    assert "har inga kontaktuppgifter" not in html


# --- The promise page ---------------------------------------------------------------


def test_the_promise_page_shows_plan_followups_and_target_against_actual(
    client, nassjo
):
    html = _html(client, f"/lofte/{nassjo.promise.slug}/")
    assert f'<h1 lang="sv">{nassjo.promise.title}</h1>' in html
    assert "Vi ska öka tryggheten i centrum." in html
    assert "Genomföra trygghetsvandringar i område 1" in html
    assert "Tertial 1 2026" in html and "Tertial 2 2026" in html
    # 2 per tertial against at least 4 per year: 2 after T1, 4 after T2.
    assert '2 av minst 4 <span lang="sv">trygghetsvandringar</span>' in html
    assert '4 av minst 4 <span lang="sv">trygghetsvandringar</span>' in html
    assert "Målet är nått" in html
    assert '<rect class="progress__bar progress__bar--met" width="100"' in html
    assert "Per Holm" in html
    assert "Polisens trygghetsmätning" in html
    assert '<th scope="col">År</th>' in html
    assert 'role="img"' in html
    assert "Publicerade versioner" in html


def test_each_followup_value_carries_its_column_label_for_narrow_screens(
    client, nassjo
):
    html = _html(client, f"/lofte/{nassjo.promise.slug}/")
    table = html.split('<table class="table followup-table" role="table">', 1)[1]
    table = table.split("</table>", 1)[0]
    assert '<th scope="col" role="columnheader"' in table
    assert '<td role="cell" data-label="Status">' in table
    assert '<td role="cell" data-label="Vad som gjordes">' in table
    assert '<td role="cell" data-label="Utfört mot målet">' in table


@pytest.fixture
def rf_request():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return request


TERTIAL_2_2026_PUBLISHED = {
    "id": 7,
    "kind": "tertial",
    "number": 2,
    "year": 2026,
    "published": True,
}


def test_the_report_download_section_appears_only_with_links(rf_request, nassjo):
    view = promise_view(slug=nassjo.promise.slug)
    context = {"view": view, "page": view.page, "cache_seconds": 60}
    without = render_to_string(
        "public/promise.html",
        {**context, "report_links": [], "article_key": "without"},
        request=rf_request,
    )
    assert "Ladda ner rapporten" not in without
    with_links = render_to_string(
        "public/promise.html",
        {
            **context,
            "report_links": report_periods(
                [
                    {
                        "id": 7,
                        "kind": "tertial",
                        "number": 2,
                        "year": 2026,
                        "published": True,
                    }
                ]
            ),
            "article_key": "with",
        },
        request=rf_request,
    )
    assert "Ladda ner rapporten" in with_links
    assert f'href="/rapporter/{view.page.id}/7/pdf/"' in with_links


def test_an_earlier_version_is_shown_with_a_notice_and_what_changed(client, nassjo):
    html = _html(client, f"/lofte/{nassjo.promise.slug}/version/2/")
    assert "Du läser version 2, en tidigare publicering." in html
    assert "Vad som ändrades i version 2" in html
    assert "Uppföljningen för en period publicerades" in html
    # Version 2 published only tertial 1.
    assert "Tertial 1 2026" in html
    assert "4 av minst 4" not in html


def test_the_latest_version_number_redirects_to_the_promise_page(client, nassjo):
    latest = nassjo.version.number
    response = client.get(f"/lofte/{nassjo.promise.slug}/version/{latest}/")
    assert response.status_code == 302
    assert response["Location"] == f"/lofte/{nassjo.promise.slug}/"


def test_unknown_promises_and_versions_are_not_found(client, nassjo):
    _html(client, "/lofte/finns-inte/", status=404)
    _html(client, f"/lofte/{nassjo.promise.slug}/version/99/", status=404)


def test_the_english_promise_page_translates_the_interface_not_the_content(
    client, nassjo
):
    html = _html(client, f"/en/lofte/{nassjo.promise.slug}/")
    assert '2 of at least 4 <span lang="sv">trygghetsvandringar</span>' in html
    assert "Focus areas and activities" in html
    assert '<h1 lang="sv">' in html


# --- Lists and the overview ---------------------------------------------------------


def test_the_promise_list_filters_and_shows_targets_met_for_a_year(client, nassjo):
    other = published_promise(
        activities=1,
        periods=0,
        municipality=Municipality.objects.get(code="1280"),
        title="Malmös löfte",
    )
    html = _html(client, "/loften/")
    assert nassjo.promise.title in html and other.promise.title in html
    html = _html(client, "/loften/?ar=2026&region=ost")
    assert nassjo.promise.title in html
    assert other.promise.title not in html
    assert "Nådda mål 2026" in html
    assert "2 av 2" in html


def test_a_focus_area_figure_of_the_overview_leads_to_the_same_figures(client):
    # Activities cycle through trafik, narkotika, skadegörelse, ungdomar i riskzon;
    # every other one has a target, so trafik and skadegörelse have one each.
    published_promise(activities=4, periods=1, quantity=4)
    overview = _html(client, "/oversikt/?ar=2026")
    row = overview.split('<th scope="row"><span lang="sv">Trafik</span></th>', 1)[1]
    row = row.split("</tr>", 1)[0]
    assert "1 av 1 (100 %)" in row
    assert 'href="/loften/?ar=2026&amp;fokusomrade=trafik"' in row
    listed = _html(client, "/loften/?ar=2026&fokusomrade=trafik")
    assert 'Nådda mål 2026 i <span lang="sv">Trafik</span>' in listed
    assert '<td class="number">1 av 1</td>' in listed
    everything = _html(client, "/loften/?ar=2026")
    assert '<td class="number">2 av 2</td>' in everything


def test_a_bad_filter_value_shows_an_error_summary(client):
    html = _html(client, "/loften/?ar=1066")
    assert "Något behöver rättas" in html
    assert 'href="#id_ar"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/loften/?ar=1066",
        "/oversikt/?region=atlantis",
        "/kommuner/?q=" + "x" * 81,
        "/sok/?q=och",
        "/en/loften/?ar=1066",
    ],
)
def test_a_page_with_form_errors_says_so_first_in_its_title(client, url):
    html = _html(client, url)
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert title.startswith("Error: " if url.startswith("/en/") else "Fel: ")
    assert "data-error-summary" in html
    assert "/static/core/js/loften.js" in html


def test_a_page_without_form_errors_has_no_error_in_its_title(client):
    html = _html(client, "/loften/?ar=")
    assert "<title>Alla publicerade medborgarlöften" in html


def test_the_overview_shows_figures_that_link_to_the_promises(client, nassjo):
    html = _html(client, "/oversikt/?ar=2026")
    assert "Nationell översikt" in html
    assert "1 av 290" in html
    assert 'href="/loften/?ar=2026&amp;region=ost"' in html
    assert "Trafik" in html


def test_the_overview_defaults_to_this_year_or_the_latest_published(client, nassjo):
    html = _html(client, "/oversikt/")
    assert "I korthet, 2026" in html


# --- Accessibility statement and reports ---------------------------------------------


def test_the_accessibility_statement_says_what_was_tested_and_how_to_report(client):
    html = _html(client, "/tillganglighet/")
    assert "Tillgänglighetsredogörelse" in html
    assert "axe-core" in html
    assert "tangentbord" in html
    assert "/tillganglighet/rapportera-problem/" in html
    assert "https://www.digg.se/tdosanmalan" in html


def test_a_report_with_bad_input_gets_a_translated_error_summary(client):
    response = client.post(
        "/tillganglighet/rapportera-problem/", {"description": "", "email": "nej"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Något behöver rättas" in html
    assert "Beskriv problemet så att vi kan rätta det." in html
    assert "Skriv e-postadressen i rätt format" in html
    assert "<title>Fel: Rapportera ett tillgänglighetsproblem" in html
    assert not AccessibilityReport.objects.exists()


def test_a_report_is_stored_and_mailed_to_the_site_administrators(
    client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    factories.UserFactory(
        username="admin", is_superuser=True, is_staff=True, email="admin@example.se"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/tillganglighet/rapportera-problem/",
            {
                "description": "Diagrammet går inte att läsa med skärmläsare.",
                "page_url": "/lofte/x/",
                "email": "besokare@example.se",
            },
            follow=True,
        )
    assert "Tack! Vi har tagit emot din rapport" in response.content.decode()
    report = AccessibilityReport.objects.get()
    assert report.page_url == "/lofte/x/"
    assert report.language == "sv"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin@example.se"]
    assert "Diagrammet går inte att läsa" in mail.outbox[0].body
    assert "besokare@example.se" in mail.outbox[0].body


REPORT = {"description": "Knappen syns inte.", "page_url": "/", "email": ""}


def test_the_statement_names_the_criteria_of_each_limitation_and_digg(client):
    html = _html(client, "/tillganglighet/")
    for criterion in ("2.4.4 Syfte med länk", "3.1.5 Läsnivå", "3.1.2 Språk för delar"):
        assert criterion in html
    assert "Myndigheten för digital förvaltning (Digg) är tillsynsmyndighet" in html
    assert "kontakta Digg och påtala det" in html
    assert "hanterar den i webbplatsens administration" in html
    english = _html(client, "/en/tillganglighet/")
    assert '<span lang="sv">Myndigheten för digital förvaltning</span>' in english


def test_the_statement_and_the_form_offer_e_mail_instead(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "tillganglighet@example.se"
    for url in ("/tillganglighet/", "/tillganglighet/rapportera-problem/"):
        html = _html(client, url)
        assert '<a href="mailto:tillganglighet@example.se">' in html
    del settings.ACCESSIBILITY_CONTACT_EMAIL
    settings.DEFAULT_FROM_EMAIL = "loften@example.se"
    cache.clear()  # settings change with a restart, whose pages are not cached
    html = _html(client, "/tillganglighet/")
    assert '<a href="mailto:loften@example.se">' in html


def test_a_robot_that_fills_in_the_trap_field_is_thanked_but_not_stored(client):
    html = _html(client, "/tillganglighet/rapportera-problem/")
    assert '<div class="honeypot">' in html
    assert 'name="webbplats"' in html and 'tabindex="-1"' in html
    response = client.post(
        "/tillganglighet/rapportera-problem/",
        {**REPORT, "webbplats": "https://spam.example/"},
        follow=True,
    )
    assert "Tack! Vi har tagit emot din rapport" in response.content.decode()
    assert not AccessibilityReport.objects.exists()


def test_one_address_may_send_a_few_reports_an_hour(client):
    url = "/tillganglighet/rapportera-problem/"
    for _ in range(5):
        assert client.post(url, REPORT).status_code == 302
    response = client.post(url, REPORT)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Du har skickat många rapporter på kort tid" in html
    assert "<title>Fel: " in html
    assert AccessibilityReport.objects.count() == 5
    # Another address is not affected.
    assert client.post(url, REPORT, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_behind_the_proxy_the_address_it_adds_is_the_one_counted(client, settings):
    settings.PROXY_COUNT = 1
    url = "/tillganglighet/rapportera-problem/"
    for number in range(6):
        # The visitor can forge the first entries, not the one the proxy adds.
        forged = f"198.51.100.{number}, 203.0.113.9"
        response = client.post(url, REPORT, HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
    other = client.post(url, REPORT, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 302


def test_a_report_without_any_administrator_e_mail_is_kept_for_the_admin(
    client, settings, django_capture_on_commit_callbacks, caplog
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    }
    admin = factories.UserFactory(
        username="admin", is_superuser=True, is_staff=True, email=""
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/tillganglighet/rapportera-problem/", REPORT)
    assert mail.outbox == []
    assert "only in the admin" in caplog.text
    client.force_login(admin)
    html = _html(client, "/admin/public/accessibilityreport/")
    assert "Knappen syns inte." in html


def test_the_report_form_remembers_which_page_it_came_from(client):
    html = _html(client, "/tillganglighet/rapportera-problem/?fran=/oversikt/")
    assert 'value="/oversikt/"' in html


# --- Discovery ------------------------------------------------------------------------


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_accounts(client):
    response = client.get("/robots.txt")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /konto/" in text


def test_every_page_has_its_own_title_and_description(client, nassjo):
    urls = [
        "/",
        "/kommuner/",
        "/kommun/nässjö/",
        "/lan/jönköpings-län/",
        f"/lofte/{nassjo.promise.slug}/",
        "/loften/",
        "/oversikt/",
        "/sok/",
        "/tillganglighet/",
    ]
    titles = set()
    for url in urls:
        html = _html(client, url)
        title = html.split("<title>", 1)[1].split("</title>", 1)[0]
        description = html.split('<meta name="description" content="', 1)[1]
        titles.add(title)
        assert not description.startswith("Löften: medborgarlöftena"), url
    assert len(titles) == len(urls)


def test_a_too_long_municipality_name_gets_an_error_summary(client):
    response = client.get("/kommuner/", {"q": "x" * 81})
    html = response.content.decode()
    assert "Något behöver rättas" in html
    assert 'href="#finder-q"' in html
    assert response["Vary"].count("HX-Request") == 1


def test_the_language_switch_keeps_the_page(client, nassjo):
    response = client.post(
        "/i18n/setlang/",
        {"language": "en", "next": "/kommun/n%C3%A4ssj%C3%B6/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/kommun/n%C3%A4ssj%C3%B6/"


def test_the_promise_page_links_to_the_published_reports_of_each_period(client, nassjo):
    html = _html(client, f"/lofte/{nassjo.promise.slug}/")
    published = [p for p in nassjo.periods if p.kind == "tertial"][:2]
    for period in published:
        for fmt in ("pdf", "docx", "xlsx", "csv"):
            assert f'href="/rapporter/{nassjo.promise.pk}/{period.pk}/{fmt}/"' in html
    # An earlier version links to its own reports, as they were published.
    versions = list(nassjo.promise.versions.order_by("number"))
    earlier = versions[-2]
    html = _html(client, f"/lofte/{nassjo.promise.slug}/version/{earlier.number}/")
    in_earlier = [p["id"] for p in earlier.snapshot["periods"] if p.get("published")]
    for period_id in in_earlier:
        assert (
            f'href="/rapporter/{nassjo.promise.pk}/version/{earlier.number}/'
            f'{period_id}/pdf/"'
        ) in html
    assert f'href="/rapporter/{nassjo.promise.pk}/{published[0].pk}/pdf/"' not in html


@pytest.mark.parametrize(
    "typed", ["Nässjö kommun", "nassjo kommun", "Malmö stad", "Region Gotland"]
)
def test_the_official_form_of_a_name_goes_straight_to_the_municipality(client, typed):
    response = client.get("/kommuner/", {"q": typed})
    assert response.status_code == 302
    wanted = {"Nässjö": "nässjö", "Malmö": "malmö", "Gotland": "gotland"}
    place = next(
        name for name in wanted if finder.normalise(name) in finder.normalise(typed)
    )
    assert response["Location"] == reverse(
        "public:municipality", kwargs={"slug": wanted[place]}
    )


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Nässjö kommun", "Nässjö"),
        ("Malmö stad", "Malmö"),
        ("Region Gotland", "Gotland"),
    ],
)
def test_the_live_finder_lists_the_municipality_of_an_official_form(
    client, typed, name
):
    response = client.get("/kommuner/", {"q": typed}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "1 kommun matchar" in html
    assert f">{name}</a>" in html
    assert "0 kommuner matchar" not in html


def test_a_typo_suggests_the_nearest_names(client):
    html = _html(client, "/kommuner/?q=nasjo")
    assert "0 kommuner matchar" not in html
    assert "Ingen kommun heter ”nasjo”. Menade du någon av dessa?" in html
    assert '<a href="/kommun/n%C3%A4ssj%C3%B6/">Nässjö</a>' in html
    live = client.get("/kommuner/", {"q": "nasjo"}, HTTP_HX_REQUEST="true")
    assert "Menade du" in live.content.decode()


@pytest.mark.parametrize(
    ("address", "wanted"),
    [
        ("/kommun/nassjo/", "/kommun/n%C3%A4ssj%C3%B6/"),
        ("/kommun/malmo/", "/kommun/malm%C3%B6/"),
        ("/lan/jonkopings-lan/", "/lan/j%C3%B6nk%C3%B6pings-l%C3%A4n/"),
    ],
)
def test_addresses_without_swedish_letters_redirect_permanently(
    client, address, wanted
):
    response = client.get(address)
    assert response.status_code == 301
    assert response["Location"] == wanted
    assert client.get(wanted).status_code == 200


def test_habo_and_habo_with_a_ring_keep_their_own_pages(client):
    assert client.get("/kommun/habo/").status_code == 200
    assert client.get("/kommun/h%C3%A5bo/").status_code == 200
    assert client.get("/kommun/hxbo/").status_code == 404
