"""The search page: form, filters, one hit per promise with highlighted snippets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from loften.geography.models import Municipality
from loften.search import views
from loften.testing.public import published_promise

# The tests read one corpus built for the module: on one worker it is built once.
pytestmark = pytest.mark.xdist_group("search_views")


def _html(client, params):
    response = client.get("/sok/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_page_without_a_query_shows_only_the_form(client, corpus):
    html = _html(client, {})
    assert "Sök i medborgarlöftena" in html
    assert "Något behöver rättas" not in html
    assert "Resultat" not in html


def test_an_inflected_form_finds_and_highlights_the_word(client, corpus):
    html = _html(client, {"q": "trygghetsvandring", "kommun": "nässjö"})
    assert "1 medborgarlöfte matchar." in html
    assert html.count('class="search-result"') == 1
    assert "<mark>trygghetsvandringar</mark>" in html
    slug = corpus.nassjo.promise.slug
    assert f'href="/lofte/{slug}/#aktivitet-' in html
    assert "3 texter till i medborgarlöftet matchar." in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_word_of_the_situational_picture_is_shown_marked_and_escaped(client, corpus):
    html = _html(client, {"q": "narkotikaförsäljning"})
    assert f'href="/lofte/{corpus.nassjo.promise.slug}/#lagesbild"' in html
    assert "Lägesbild" in html
    # The source's note holds markup; only the <mark> is the page's own.
    assert "&lt;b&gt;<mark>narkotikaförsäljning</mark>&lt;/b&gt;" in html
    assert "<b>" not in html


def test_a_word_typed_without_swedish_letters_marks_the_word_as_printed(client, corpus):
    html = _html(client, {"q": "hundsok"})
    assert "1 medborgarlöfte matchar." in html
    assert "<mark>hundsök</mark>" in html


def test_an_effect_measure_is_found_and_linked(client, corpus):
    html = _html(client, {"q": "skadegorelsebrott"})
    assert "Effektmått" in html
    assert "<mark>skadegörelsebrott</mark>" in html
    assert "#indikator-" in html


def test_filters_narrow_the_hits(client, corpus):
    every = _html(client, {"q": "trygghetsvandringar"})
    later = _html(client, {"q": "trygghetsvandringar", "ar": "2027"})
    assert every.count('class="search-result"') == 2
    assert later.count('class="search-result"') == 1
    assert '<details class="search-form__filters" open>' in later


def test_an_empty_query_without_filters_gets_an_error_summary(client, corpus):
    html = _html(client, {"q": "  "})
    assert "Något behöver rättas" in html
    assert "Skriv ett eller flera ord att söka efter, eller välj" in html
    assert 'href="#id_q"' in html


def test_filters_without_words_list_the_promises_they_allow(client, corpus):
    html = _html(client, {"ansvarig": "polisen", "kommun": "nässjö"})
    assert "Något behöver rättas" not in html
    assert "1 medborgarlöfte matchar." in html
    assert "<mark>" not in html
    assert "<title>Sök: allt som matchar filtren" in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_filter_that_matches_nothing_says_so(client, corpus):
    html = _html(client, {"ar": "2026", "ansvarig": "annan"})
    assert "0 medborgarlöften matchar." in html


def test_only_a_page_number_is_still_the_empty_form(client, corpus):
    html = _html(client, {"sida": "2"})
    assert "Resultat" not in html
    assert "Något behöver rättas" not in html


def test_a_query_of_only_common_words_is_explained(client, corpus):
    html = _html(client, {"q": "och att"})
    assert "sådana söks inte på" in html


def test_an_unknown_filter_value_is_an_error_not_a_crash(client, corpus):
    html = _html(client, {"q": "område", "kommun": "atlantis"})
    assert "Något behöver rättas" in html


def test_no_hits_says_so(client, corpus):
    html = _html(client, {"q": "rymdraket"})
    assert "0 medborgarlöften matchar." in html
    assert "Inget publicerat matchar sökningen." in html


def test_markup_in_the_query_is_escaped(client, corpus):
    html = _html(client, {"q": "<script>alert(1)</script> område"})
    assert "<script>alert(1)</script>" not in html


def _queries(client, params) -> int:
    client.get("/sok/", params)  # fills the cache of the filters' choices
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sok/", params).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_hits(client, corpus):
    few = _queries(client, {"q": "trygghetsvandringar"})
    for code in ("0604", "0686", "0687"):
        published_promise(
            activities=3, periods=2, municipality=Municipality.objects.get(code=code)
        )
    assert _queries(client, {"q": "trygghetsvandringar"}) == few
    assert _queries(client, {"q": "trygghetsvandringar", "ar": "2026"}) == few
    assert _queries(client, {"ar": "2026"}) == few
    assert few <= 4


def test_hits_are_paged(client, corpus):
    eksjo = Municipality.objects.get(code="0686")
    for number in range(3):
        published_promise(
            activities=1, periods=0, title=f"Löfte {number} 2026", municipality=eksjo
        )
    first = _html(client, {"q": "område", "kommun": "eksjö", "sida": "1"})
    assert "3 medborgarlöften matchar." in first
    views.HITS_PER_PAGE, saved = 2, views.HITS_PER_PAGE
    try:
        second = _html(client, {"q": "område", "kommun": "eksjö", "sida": "2"})
    finally:
        views.HITS_PER_PAGE = saved
    assert second.count('class="search-result"') == 1
    assert 'start="3"' in second
    assert "Sida 2 av 2" in second


def test_a_page_number_past_the_end_or_absurd_shows_the_last_page(client, corpus):
    for number in ("99", "99999999999999999999999", "-1", "x"):
        html = _html(client, {"q": "trygghetsvandringar", "sida": number})
        assert "2 medborgarlöften matchar." in html
        assert html.count('class="search-result"') == 2
