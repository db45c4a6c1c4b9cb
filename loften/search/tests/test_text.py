"""Swedish words for search: pure functions, plain inputs."""

from loften.search import text


def test_inflected_forms_share_a_stem():
    assert text.stem("trygghetsvandringar") == text.stem("trygghetsvandring")
    assert text.stem("trafikkontroller") == text.stem("trafikkontroll")
    assert text.stem("ungdomar") == text.stem("ungdom")


def test_words_are_lower_case_letters_and_digits():
    assert text.words("Trygghetsvandringar i Nässjö, 37 st_ycken!") == [
        "trygghetsvandringar",
        "i",
        "nässjö",
        "37",
        "st",
        "ycken",
    ]


def test_stemmed_text_leaves_out_stop_words():
    assert text.stemmed("Polisen och kommunen genomför trygghetsvandringar") == (
        "polis kommun genomf trygghetsvandring"
    )


def test_words_typed_without_swedish_letters_have_the_same_stem():
    assert text.stem("hundsok") == text.stem("hundsök") == text.stem("HUNDSÖK")
    assert text.stem("skadegorelse") == text.stem("skadegörelse")
    assert text.stem("nassjo") == text.stem("Nässjö")


def test_stop_words_are_recognised_without_swedish_letters_too():
    assert text.query_terms("for pa hundsok") == ["hundsok"]


def test_query_terms_that_differ_only_in_swedish_letters_count_once():
    assert text.query_terms("hundsök hundsok") == ["hundsök"]


def test_matched_terms_names_the_query_words_a_text_contains():
    terms = ["narkotika", "skola"]
    assert text.matched_terms("Narkotikabrott bland unga", terms) == {0}
    assert text.matched_terms("Hundsök i skolorna mot narkotika", terms) == {0, 1}
    assert text.matched_terms("", terms) == set()


def test_query_terms_drop_stop_words_and_repeats_and_are_capped():
    assert text.query_terms("och Trafik trafik i skolan") == ["trafik", "skolan"]
    many = " ".join(f"ord{n}" for n in range(20))
    assert len(text.query_terms(many)) == text.MAX_QUERY_TERMS


def test_a_query_of_only_stop_words_has_no_terms():
    assert text.query_terms("och att det") == []


def test_fts5_match_quotes_each_stem_as_a_required_prefix():
    assert text.fts5_match(["trygghetsvandringar", "centrum"]) == (
        '"trygghetsvandring"* "centrum"*'
    )


def test_query_syntax_in_the_input_cannot_reach_the_match_expression():
    terms = text.query_terms('trafik" OR * NEAR(x) -centrum')
    assert text.fts5_match(terms) == '"trafik"* "or"* "near"* "x"* "centrum"*'
    assert text.tsquery(text.query_terms("trafik' | !centrum:*")) == (
        "'trafik':* & 'centrum':*"
    )
    assert text.tsquery(["hundsök"]) == "'hundsok':*"


def test_highlight_marks_inflected_forms_and_compounds_of_the_query():
    fragments = text.highlight(
        "Två trygghetsvandringar och en trygghetsvandring i centrum.",
        ["trygghetsvandring"],
    )
    assert [f.text for f in fragments if f.match] == [
        "trygghetsvandringar",
        "trygghetsvandring",
    ]
    assert "".join(f.text for f in fragments) == (
        "Två trygghetsvandringar och en trygghetsvandring i centrum."
    )


def test_highlight_never_marks_stop_words():
    fragments = text.highlight("och det och", ["och"])
    assert not any(f.match for f in fragments)


def test_a_snippet_starts_near_the_first_match_with_ellipses():
    long_text = (
        ("Inledande text utan träff. " * 20)
        + "Här nämns hundsök i skolan. "
        + ("Avslutande text. " * 20)
    )
    fragments = text.snippet(long_text, ["hundsök"], length=120)
    joined = "".join(f.text for f in fragments)
    assert joined.startswith("… ")
    assert joined.endswith(" …")
    assert len(joined) <= 130
    assert any(f.match and f.text == "hundsök" for f in fragments)


def test_a_short_text_is_its_own_snippet():
    fragments = text.snippet("Kort text om trafik.", ["trafik"])
    assert "".join(f.text for f in fragments) == "Kort text om trafik."
