"""The search page: form, filters, highlighted hits."""

import pytest

from loften.testing.public import published_promise

pytestmark = pytest.mark.django_db


@pytest.fixture
def walks():
    return published_promise(activities=2, periods=1)


def _html(client, params):
    response = client.get("/sok/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_search_page_without_a_query_shows_only_the_form(client, walks):
    html = _html(client, {})
    assert "Sök i medborgarlöftena" in html
    assert "Något behöver rättas" not in html
    assert "Resultat" not in html


def test_an_inflected_form_finds_and_highlights_the_word(client, walks):
    html = _html(client, {"q": "trygghetsvandring"})
    assert "träffar." in html
    assert "<mark>trygghetsvandringar</mark>" in html
    assert f'href="/lofte/{walks.promise.slug}/#aktivitet-' in html
    assert f'href="/lofte/{walks.promise.slug}/#uppfoljning-' in html
    assert "Uppföljning, Tertial 1 2026" in html
    assert '<meta name="robots" content="noindex">' in html


def test_filters_narrow_the_hits(client, walks):
    every = _html(client, {"q": "område"})
    police = _html(client, {"q": "område", "ansvarig": "polisen"})
    assert every.count('class="search-result"') > police.count('class="search-result"')
    assert '<details class="search-form__filters" open>' in police


def test_an_empty_query_without_filters_gets_an_error_summary(client, walks):
    html = _html(client, {"q": "  "})
    assert "Något behöver rättas" in html
    assert "Skriv ett eller flera ord att söka efter, eller välj" in html
    assert 'href="#id_q"' in html


def test_filters_without_words_list_everything_they_allow(client, walks):
    html = _html(client, {"ansvarig": "polisen"})
    assert "Något behöver rättas" not in html
    # Activity 1 is the police's, activity 2 the municipality's alone; the
    # promise and the follow-ups of the police's activity are listed too.
    assert "Genomföra trygghetsvandringar i område 1" in html
    assert "Genomföra trygghetsvandringar i område 2" not in html
    assert "<mark>" not in html
    assert "<title>Sök: allt som matchar filtren" in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_filter_only_search_lists_the_promise_then_its_activities(client, walks):
    html = _html(client, {"ar": "2026", "q": ""})
    kinds = [
        part.split("</p>", 1)[0]
        for part in html.split('<p class="search-result__kind">')[1:]
    ]
    assert kinds[0] == "Medborgarlöfte"
    assert kinds[1].startswith("Aktivitet")
    assert kinds[-1].startswith("Uppföljning, Tertial 1 2026")
    assert "5 träffar." in html  # the promise, 2 activities and 2 follow-ups


def test_a_filter_only_search_is_paged(client):
    published_promise(activities=12, periods=1)  # 1 + 12 + 12 entries
    second = _html(client, {"fokusomrade": "", "ar": "2026", "sida": "2"})
    assert "25 träffar." in second
    assert second.count('class="search-result"') == 5
    assert "Sida 2 av 2" in second


def test_a_filter_that_matches_nothing_says_so(client, walks):
    html = _html(client, {"ar": "2026", "ansvarig": "annan"})
    assert "0 träffar." in html


def test_only_a_page_number_is_still_the_empty_form(client, walks):
    html = _html(client, {"sida": "2"})
    assert "Resultat" not in html
    assert "Något behöver rättas" not in html


def test_a_query_of_only_common_words_is_explained(client, walks):
    html = _html(client, {"q": "och att"})
    assert "sådana söks inte på" in html


def test_an_unknown_filter_value_is_an_error_not_a_crash(client, walks):
    html = _html(client, {"q": "område", "kommun": "atlantis"})
    assert "Något behöver rättas" in html


def test_no_hits_says_so(client, walks):
    html = _html(client, {"q": "rymdraket"})
    assert "0 träffar." in html
    assert "Inget publicerat matchar sökningen." in html


def test_markup_in_the_query_is_escaped(client, walks):
    html = _html(client, {"q": "<script>alert(1)</script> område"})
    assert "<script>alert(1)</script>" not in html


def test_hits_are_paged(client):
    published_promise(activities=12, periods=1)  # 24 hits for "område"
    first = _html(client, {"q": "område"})
    second = _html(client, {"q": "område", "sida": "2"})
    assert "24 träffar." in first
    assert first.count('class="search-result"') == 20
    assert second.count('class="search-result"') == 4
    assert 'start="21"' in second
    assert "Sida 2 av 2" in second
