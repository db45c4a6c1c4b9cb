"""The public site in a real browser: axe-core on every page in Swedish and English,
the keyboard, the finder with and without JavaScript, small screens and print."""

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import expect

from loften.examples.loader import example_data_load
from loften.testing.browser import shares_test_connection
from loften.testing.reference import module_data, reference_data_ensure

# The example data is loaded once for the module, in a transaction rolled back
# after it, and each test runs in its own transaction on top; on PostgreSQL each
# test loads and commits it (see `shares_test_connection`).
SHARED = shares_test_connection()
# One worker builds the module's data once and runs all its tests.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=not SHARED),
    pytest.mark.xdist_group("public_browser"),
]

# Extra pages that the sitemap does not list: the required start, search,
# overview, statement and login pages, and the states forms and lists can be in.
EXTRA_PATHS = [
    "/",
    "/sok/",
    "/sok/?q=trygghetsvandringar",
    "/sok/?q=och",
    "/sok/?q=hundsok",
    "/sok/?q=narkotika&ar=2026",
    "/oversikt/",
    "/oversikt/?ar=2025&region=ost",
    "/loften/?ar=2026",
    "/kommuner/?q=n",
    "/kommuner/?q=nasjo",
    "/kommun/ydre/",
    "/kommun/falun/",
    "/tillganglighet/",
    "/konto/logga-in/",
]


def _example_data_load() -> None:
    with translation.override("sv"):
        example_data_load(today=datetime.date(2026, 11, 22))


@pytest.fixture(scope="module")
def _module_example(request, django_db_blocker):
    if not SHARED:
        yield
        return
    request.getfixturevalue("shared_server")
    with module_data(django_db_blocker):
        _example_data_load()
        yield


@pytest.fixture
def example_site(_module_example, shared_site):
    if not SHARED:
        reference_data_ensure()
        _example_data_load()
    return shared_site


def _sitemap_paths(page, base: str, address: str = "/sitemap.xml") -> list[str]:
    """The paths of every page in the sitemap, following the index's sections."""
    response = page.request.get(base + address)
    assert response.ok
    root = ET.fromstring(response.body())  # noqa: S314 - our own output
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    paths = [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", namespace)]
    for loc in root.findall("s:sitemap/s:loc", namespace):
        section = urlsplit(loc.text)
        query = f"?{section.query}" if section.query else ""
        paths += _sitemap_paths(page, base, section.path + query)
    return paths


def _report(url, results) -> list[str]:
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{url}: {violation['id']} ({violation['impact']}) {targets}")
    return lines


# The paths read from the sitemap of the module's data, once (see `_public_paths`).
_PATHS: dict[str, list[str]] = {}


def _public_paths(page, base: str) -> list[str]:
    """Every page of the sitemap and the extra paths, in both languages. Where
    the module's data is built once, so is this list; otherwise each test reads
    the sitemap of the data it loaded."""
    if SHARED and base in _PATHS:
        return _PATHS[base]
    everything = _sitemap_paths(page, base)
    for path in EXTRA_PATHS:
        everything += [path, "/en" + path]
    _PATHS[base] = list(dict.fromkeys(everything))
    return _PATHS[base]


def test_the_sitemap_lists_every_page_in_swedish_and_english(example_site, page):
    paths = _sitemap_paths(page, example_site.url)
    assert len(paths) > 60  # both languages of every page
    assert "/en/" in paths


def test_the_accessibility_checker_fails_a_page_with_a_known_fault(page):
    page.set_content('<html><body><img src="x.png"></body></html>')
    assert Axe().run(page).violations_count > 0


# The pages are checked in a few shares per language, so that parallel test
# workers can take them side by side; together the shares cover every page.
AXE_SHARES = 5


@pytest.mark.parametrize("share", range(AXE_SHARES))
@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_public_page_passes_axe_in_swedish_and_english(
    example_site, page, language, share
):
    base = example_site.url
    paths = [
        path
        for path in _public_paths(page, base)
        if path.startswith("/en/") == (language == "en")
    ]
    assert len(paths) > 2 * AXE_SHARES, paths
    axe = Axe()
    problems: list[str] = []
    for path in paths[share::AXE_SHARES]:
        response = page.goto(base + path)
        assert response.status == 200, path
        problems += _report(unquote(path), axe.run(page))
    assert problems == []


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_report_form_with_errors_passes_axe(example_site, page, prefix):
    page.goto(example_site.url + prefix + "/tillganglighet/rapportera-problem/")
    page.get_by_role("button").last.click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert _report(prefix + " report form with errors", Axe().run(page)) == []


def _focus(page) -> dict:
    """Where the focus is: on the page's body (left the page's stops), or on an
    element, with its text and whether the focus shows on it."""
    return page.evaluate(
        """() => {
            const element = document.activeElement;
            if (element === document.body) return {body: true};
            const style = getComputedStyle(element);
            return {
                body: false,
                name: element.textContent.trim(),
                visible: (style.outlineStyle !== 'none' && style.outlineWidth !== '0px')
                    || style.boxShadow !== 'none',
            };
        }"""
    )


# One page of each kind, for the keyboard and small-screen checks.
PAGE_KINDS = [
    "/",
    "/kommuner/?q=ås",
    "/lan/jönköpings-län/",
    "/kommun/nässjö/",
    "/lofte/exempel-nassjo-2026/",
    "/lofte/exempel-nassjo-2025/version/2/",
    "/loften/?ar=2026",
    "/oversikt/",
    "/sok/?q=trafik",
    "/tillganglighet/",
    "/tillganglighet/rapportera-problem/",
]


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_the_keyboard_reaches_everything_and_focus_is_always_visible(
    example_site, page, path
):
    page.goto(example_site.url + path)
    names = []
    for _ in range(400):
        page.keyboard.press("Tab")
        focus = _focus(page)
        if focus["body"]:
            break
        names.append(focus["name"])
        assert focus["visible"], (path, names[-1])
    else:
        pytest.fail(f"the focus never left the page on {path}")
    assert names[0] == "Hoppa till huvudinnehållet"
    # The last stops are the footer's links: nothing traps the focus before them.
    assert "Tillgänglighetsredogörelse" in names[-6:]
    assert names[-1] == "API för utvecklare"


def test_the_report_form_can_be_filled_and_sent_with_the_keyboard(example_site, page):
    page.goto(example_site.url + "/tillganglighet/rapportera-problem/")
    page.locator("#id_description").focus()
    page.keyboard.type("Fokus syns inte på knappen.")
    page.keyboard.press("Tab")
    page.keyboard.type("/oversikt/")
    page.keyboard.press("Tab")
    page.keyboard.type("besokare@example.se")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tillganglighet/$"))
    assert "Tack! Vi har tagit emot din rapport" in page.content()


def test_the_finder_suggests_municipalities_while_typing(example_site, page):
    page.goto(example_site.url + "/")
    page.get_by_label("Kommunens namn").type("nässj")
    # The answer to "näs" lists Nässjö too: wait for the answer to the whole word.
    expect(page.locator("#finder-status")).to_contain_text("1 kommun matchar")
    suggestion = page.locator("#finder-results").get_by_role("link", name="Nässjö")
    expect(suggestion).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Nässjö"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/kommun/"))
    assert "Medborgarlöften i Nässjö" in page.locator("h1").inner_text()


def test_the_finder_works_without_javascript(example_site, chromium):
    context = chromium.new_context(java_script_enabled=False, locale="sv-SE")
    tab = context.new_page()
    tab.goto(example_site.url + "/")
    tab.get_by_label("Kommunens namn").fill("Aneby")
    tab.get_by_role("button", name="Hitta").click()
    expect(tab.locator("h1")).to_have_text("Medborgarlöften i Aneby")
    tab.goto(example_site.url + "/")
    tab.get_by_label("Kommunens namn").fill("ås")
    tab.get_by_role("button", name="Hitta").click()
    # count() does not wait for the page that the click started to load.
    suggestions = tab.locator(".finder__list li")
    suggestions.first.wait_for()
    assert suggestions.count() > 3
    context.close()


@pytest.mark.parametrize("path", PAGE_KINDS)
def test_pages_reflow_on_a_320_pixel_screen(example_site, chromium, path):
    """400 % zoom of a 1280 pixel window: no sideways scrolling of the page."""
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    tab = context.new_page()
    tab.goto(example_site.url + path)
    wide = tab.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.scrollWidth > e.clientWidth + 1
                && getComputedStyle(e).overflowX === 'visible')
            .map(e => e.tagName + ': ' + (e.textContent || '').trim().slice(0, 40))"""
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= 320, wide
    context.close()


def test_a_promise_page_prints_as_a_clean_report(example_site, page):
    page.goto(example_site.url + "/lofte/exempel-nassjo-2026/")
    page.emulate_media(media="print")
    for selector in (".site-header", ".site-footer", ".contents", ".breadcrumbs"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".print-only").is_visible()
    assert page.locator(".activity").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_followup_values_show_their_column_labels_on_a_phone(example_site, chromium):
    context = chromium.new_context(viewport={"width": 360, "height": 640})
    tab = context.new_page()
    tab.goto(example_site.url + "/lofte/exempel-nassjo-2026/")
    cell = tab.locator(".followup-table td[data-label]").first
    label = cell.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Status" in label or "Vad som gjordes" in label
    assert not tab.locator(".followup-table thead").first.is_visible() or (
        tab.locator(".followup-table thead").first.bounding_box()["height"] <= 1
    )
    context.close()
