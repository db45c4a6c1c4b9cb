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


OFFICIAL = [Place(n) for n in ["Falun", "Gotland", "Malmö", "Nässjö", "Mölndal"]]


def test_the_official_forms_of_a_name_find_the_municipality():
    for typed, wanted in [
        ("Nässjö kommun", "Nässjö"),
        ("Malmö stad", "Malmö"),
        ("Region Gotland", "Gotland"),
        ("Gotlands kommun", "Gotland"),
        ("Falu kommun", "Falun"),
        ("nassjo kommun", "Nässjö"),
    ]:
        assert [p.name for p in finder.matches(typed, OFFICIAL)] == [wanted], typed


def test_the_official_form_of_a_name_is_an_exact_match():
    assert finder.exact_match("Nässjö kommun", OFFICIAL).name == "Nässjö"
    assert finder.exact_match("Malmö stad", OFFICIAL).name == "Malmö"
    assert finder.exact_match("Region Gotland", OFFICIAL).name == "Gotland"
    assert finder.exact_match("kommun", OFFICIAL) is None


def test_a_small_typo_suggests_the_nearest_names():
    assert finder.matches("nasjo", OFFICIAL) == []
    assert [p.name for p in finder.nearest("nasjo", OFFICIAL)] == ["Nässjö"]
    assert [p.name for p in finder.nearest("Malmp stad", OFFICIAL)] == ["Malmö"]
    assert [p.name for p in finder.nearest("Gtoland", OFFICIAL)] == ["Gotland"]
    assert finder.nearest("stockholm", OFFICIAL) == []
    assert finder.nearest("ma", OFFICIAL) == []


def test_the_edit_distance_counts_one_swap_as_one():
    assert finder.edit_distance("nasjo", "nassjo", limit=2) == 1
    assert finder.edit_distance("gtoland", "gotland", limit=2) == 1
    assert finder.edit_distance("abc", "xyz", limit=1) == 2
