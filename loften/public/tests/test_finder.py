"""Finding a municipality by name: pure, plain inputs."""

from dataclasses import dataclass

from loften.public import finder


@dataclass
class Place:
    name: str


PLACES = [
    Place(n)
    for n in ["Habo", "Håbo", "Malung-Sälen", "Nässjö", "Bollnäs", "Sala", "Salem"]
]


def _names(query):
    return [p.name for p in finder.matches(query, PLACES)]


def test_case_and_diacritics_do_not_matter():
    assert _names("NASSJO") == ["Nässjö"]
    assert _names("nässjö") == ["Nässjö"]


def test_names_that_start_with_the_query_come_first():
    assert _names("sal") == ["Sala", "Salem", "Malung-Sälen"]


def test_a_word_inside_a_hyphenated_name_is_found():
    assert _names("sälen") == ["Malung-Sälen"]


def test_an_empty_query_finds_nothing():
    assert _names("   ") == []


def test_an_exact_name_prefers_the_spelling_typed():
    assert finder.exact_match("håbo", PLACES).name == "Håbo"
    assert finder.exact_match("Habo", PLACES).name == "Habo"


def test_without_an_exact_spelling_diacritics_are_ignored_when_unambiguous():
    assert finder.exact_match("nassjo", PLACES).name == "Nässjö"
    assert finder.exact_match("hãbo", PLACES) is None
    assert finder.exact_match("näss", PLACES) is None
