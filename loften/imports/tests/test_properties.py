"""Whatever the input, the parser returns a valid result or raises ReadError."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loften.imports.parsing.errors import ReadError
from loften.imports.parsing.structure import parse_document

EXTENSIONS = [".txt", ".html", ".pdf", ".docx", ".unknown", ""]
FRAGMENTS = [
    "Medborgarlöfte Mullsjö 2021",
    "Polisen lovar att:",
    "Detta har kommunen gjort:",
    "Lägesbild",
    "Fokusområden",
    "Aktiviteter",
    "Trafik",
    "Resultat:",
    "Detta utlovades",
    "Utfallet blev",
    "Aktivitet\tTertial 1\tTertial 2\tTertial 3",
    "Polisen genomför minst tio trafikkontroller.\tGenomfört minst åtta\t\t",
    "\t<p>fortsättning</p>\t\t",
    "<ul> -Ett -Två",
    "• Kommunen ska genomföra två trygghetsvandringar / ansvarig kommunen",
    "- Trygghetsvandring (kommun och fastighetsägarna)",
    "1. Trettiosju (37) besök",
    "Vi lovar att öka tryggheten under två (2) år.",
    "Inför 2019 lovade polisen och Eksjö kommun ca 2–3 möten.",
    "Ej genomfört",
    "Inget specifikt",
    "Uppföljning tertial 2 2020",
    "Kvartal 4",
    "17-05-22",
    "Storgatan 12",
    "åk 9",
    "**fet**",
    "Till toppen",
    "…",
    "",
]

structured_text = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25
).map(lambda parts: "\n".join(parts))


def parses_or_read_error(data: bytes, filename: str, refs, assert_valid) -> None:
    try:
        result = parse_document(data, filename=filename, municipalities=refs)
    except ReadError as error:
        assert error.code
        assert error.message
        assert_valid(error.to_dict(filename))
        return
    assert_valid(json.loads(result.to_json()))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400))
def test_arbitrary_text_never_raises_anything_but_read_error(text, refs, assert_valid):
    parses_or_read_error(
        text.encode("utf-8", "surrogatepass"), "doc.txt", refs, assert_valid
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=structured_text, extension=st.sampled_from([".txt", ".html"]))
def test_document_like_text_never_raises_and_results_match_the_schema(
    text, extension, refs, assert_valid
):
    parses_or_read_error(
        text.encode("utf-8", "surrogatepass"), f"doc{extension}", refs, assert_valid
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), extension=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes_never_raise_anything_but_read_error(
    data, extension, refs, assert_valid
):
    parses_or_read_error(data, f"fil{extension}", refs, assert_valid)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [b"%PDF-1.4\n", b"PK\x03\x04", b"<!DOCTYPE html>", b"\xef\xbb\xbf"]
    ),
    data=st.binary(max_size=400),
    extension=st.sampled_from(EXTENSIONS),
)
def test_bytes_that_look_like_a_known_format_never_raise_anything_but_read_error(
    prefix, data, extension, refs, assert_valid
):
    parses_or_read_error(prefix + data, f"fil{extension}", refs, assert_valid)
