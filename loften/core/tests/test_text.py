from loften.core.text import shorten

WALKS = "Trygghetsvandring " * 10


def test_a_short_text_is_kept_on_one_line():
    assert shorten("Trygghetsvandring\n i  centrum") == "Trygghetsvandring i centrum"


def test_a_long_text_is_cut_at_the_length_with_an_ellipsis():
    assert shorten(WALKS, 40) == "Trygghetsvandring Trygghetsvandring Try…"


def test_no_space_is_left_before_the_ellipsis():
    assert shorten(WALKS, 37) == "Trygghetsvandring Trygghetsvandring…"


def test_an_empty_text_stays_empty():
    assert shorten("") == ""
