import pytest

from loften.imports.parsing.errors import ReadError
from loften.imports.parsing.readers import read_blocks, read_document
from loften.imports.parsing.readers.furniture import is_furniture
from loften.imports.parsing.readers.html_reader import blocks_from_html
from loften.imports.parsing.readers.lines import html_fragment_to_text
from loften.imports.parsing.readers.text_reader import blocks_from_text, decode_text

from . import documents
from .conftest import fixture_bytes


def kinds(blocks):
    return [(block.kind, block.text) for block in blocks]


# --- plain text ---------------------------------------------------------------------


def test_reads_windows_1252_text():
    data = "Detta har polisen gjort: två hundsök på skolgårdar.".encode("cp1252")
    assert decode_text(data) == "Detta har polisen gjort: två hundsök på skolgårdar."


def test_reads_the_windows_1252_fixture_with_its_swedish_letters():
    blocks = read_blocks(fixture_bytes("lysekil_2019_gjort_cp1252.txt"), "lysekil.txt")
    texts = [block.text for block in blocks]
    assert "Så gick arbetet med medborgarlöftet i Lysekil 2019" in texts
    assert (
        "Förbättrat belysningen vid färjeläget och i Gamlestan "
        "(kommun och fastighetsägarna)." in texts
    )


def test_reads_utf8_with_a_byte_order_mark():
    assert decode_text("\ufeffÅtgärder".encode()) == "Åtgärder"


def test_tab_separated_lines_become_table_rows_with_cells():
    blocks = blocks_from_text(
        "Aktivitet\tTertial 1\tTertial 2\nHundsök\tGenomfört\tPågår\n"
    )
    assert [block.kind for block in blocks] == ["table_row", "table_row"]
    assert blocks[1].cells == ["Hundsök", "Genomfört", "Pågår"]


def test_a_row_starting_with_a_tab_keeps_its_empty_first_cell():
    blocks = blocks_from_text("Aktivitet\tTertial 1\nHundsök\tGenomfört\n\tMer text\n")
    assert blocks[2].cells == ["", "Mer text"]


def test_trailing_tabs_do_not_make_a_line_a_table_row():
    (block,) = blocks_from_text("➤ Skapa en drogfri miljö.\t\t\t\n")
    assert (block.kind, block.text) == ("list_item", "Skapa en drogfri miljö.")


@pytest.mark.parametrize(
    "line",
    ["• Punkt", "- Punkt", "➤ Punkt", "* Punkt", "1. Punkt", "2) Punkt", "– Punkt"],
)
def test_reads_bullets_and_numbered_items_as_list_items(line):
    (block,) = blocks_from_text(f"Rubrik\n\n{line}\n")[1:]
    assert (block.kind, block.text) == ("list_item", "Punkt")


def test_nested_bullets_get_a_deeper_level():
    blocks = blocks_from_text("• Första\n    • Underpunkt\n• Andra\n")
    assert [(b.text, b.level) for b in blocks] == [
        ("Första", 1),
        ("Underpunkt", 2),
        ("Andra", 1),
    ]


def test_joins_lines_hard_wrapped_mid_sentence():
    text = "Polisen har arbetat med trafiken\ni centrum under hela\nåret. Ny mening.\n"
    (block,) = blocks_from_text(text)
    assert (
        block.text
        == "Polisen har arbetat med trafiken i centrum under hela året. Ny mening."
    )


def test_keeps_finished_sentences_on_separate_lines_apart():
    blocks = blocks_from_text("Rutinen har följts.\nDet har inte funnits behov.\n")
    assert [b.text for b in blocks] == [
        "Rutinen har följts.",
        "Det har inte funnits behov.",
    ]


def test_a_short_standalone_line_is_a_heading_and_the_first_is_the_title():
    blocks = blocks_from_text(
        "Medborgarlöfte Habo 2021\n\nTrafik\n\nPolisen ska göra mer.\n"
    )
    assert [(b.kind, b.level) for b in blocks] == [
        ("heading", 1),
        ("heading", 2),
        ("paragraph", 0),
    ]


@pytest.mark.parametrize("status_line", ["Inget specifikt", "Genomfört", "Pågår"])
def test_a_short_status_line_is_not_mistaken_for_a_heading(status_line):
    blocks = blocks_from_text(f"Rubrik\n\n{status_line}\n")
    assert blocks[1].kind == "paragraph"


def test_bold_markers_are_removed_and_remembered():
    (block,) = blocks_from_text("- **Vi ska arbeta för en drogfri miljö.**\n")
    assert block.text == "Vi ska arbeta för en drogfri miljö."
    assert block.strong


def test_turns_html_fragments_in_text_into_text():
    assert html_fragment_to_text("<p>Inget specifikt.</p>") == "Inget specifikt."
    fragment = '<p>Vi jobbar med</p> <ul style="x"> -Föräldramöten -SOTIS – samtal '
    assert (
        html_fragment_to_text(fragment)
        == "Vi jobbar med\n- Föräldramöten\n- SOTIS – samtal"
    )


def test_html_fragments_inside_table_cells_are_turned_into_text():
    (row,) = blocks_from_text("<p>Hundsök</p>\t<p>Två &amp; tre</p>\n")
    assert row.cells == ["Hundsök", "Två & tre"]


@pytest.mark.parametrize(
    "line",
    [
        "Sök",
        "Stäng Meny",
        "Till toppen",
        "Sök på polisen.se",
        "Javascript är inte påslaget i din webbläsare. Vi rekommenderar javascript.",
        "Vi använder kakor för att ge dig en bättre upplevelse av webbplatsen.",
        "Godkänn alla kakor",
        "Startsida > Trygghet > Medborgarlöften",
        "Foto: Polisen",
        "Sida 2 av 5",
        "Publicerad 2020-02-03",
    ],
)
def test_drops_page_furniture(line):
    assert is_furniture(line)
    assert blocks_from_text(f"{line}\n") == []


@pytest.mark.parametrize(
    "line",
    ["Trafik", "Polisen ska öka närvaron.", "Kakor till fikat på trygghetsvandringen."],
)
def test_keeps_content_that_only_resembles_furniture(line):
    assert not is_furniture(line)


# --- HTML -----------------------------------------------------------------------------


def test_reads_visible_html_with_headings_lists_and_table_cells():
    blocks = read_blocks(fixture_bytes("vetlanda_2022_uppfoljning.html"), "v.html")
    assert blocks[0].kind == "heading"
    assert blocks[0].text == "Uppföljning av medborgarlöftet i Vetlanda 2022"
    rows = [block.cells for block in blocks if block.kind == "table_row"]
    assert rows[0] == ["Aktivitet", "Ansvarig", "T1", "T2", "T3"]
    assert rows[2][4] == "Inget behov."


def test_drops_scripts_navigation_cookie_banners_captions_and_footers():
    text = " ".join(
        block.text
        for block in read_blocks(
            fixture_bytes("vetlanda_2022_uppfoljning.html"), "v.html"
        )
    )
    for noise in (
        "dataLayer",
        "kakor",
        "Huvudmeny",
        "Omsorg och stöd",
        "Startsida",
        "Foto:",
        "574 80",
        "laddad",
    ):
        assert noise not in text


def test_nested_html_lists_get_levels():
    html = "<ul><li>Ett<ul><li>Ett a</li></ul></li><li>Två</li></ul>"
    assert [(b.text, b.level) for b in blocks_from_html(html)] == [
        ("Ett", 1),
        ("Ett a", 2),
        ("Två", 1),
    ]


def test_breaks_inside_an_html_paragraph_are_read_like_text_lines():
    blocks = blocks_from_html("<p>Första raden<br>fortsätter här.<br>• En punkt</p>")
    assert kinds(blocks) == [
        ("paragraph", "Första raden fortsätter här."),
        ("list_item", "En punkt"),
    ]


def test_a_bold_html_paragraph_can_be_a_heading():
    (block,) = blocks_from_html("<p><strong>Polisen lovar att:</strong></p>")
    assert block.kind == "heading"


def test_text_that_starts_with_an_html_doctype_is_read_as_html():
    data = b"<!DOCTYPE html><html><body><h1>Rubrik</h1><p>Text.</p></body></html>"
    assert read_document(data, "sida.txt").file_type == "html"


# --- Word -----------------------------------------------------------------------------


def test_reads_docx_headings_lists_and_a_real_table_in_order(ljungby_docx):
    blocks = read_blocks(ljungby_docx, "ljungby.docx")
    assert blocks[0].kind == "heading"
    assert blocks[0].text.startswith("Medborgarlöfte Ljungby 2021")
    first_row = next(block for block in blocks if block.kind == "table_row")
    assert first_row.cells == ["Aktivitet", "Ansvarig", "Kvartal 1", "Kvartal 2"]
    assert [b.kind for b in blocks[-2:]] == ["list_item", "list_item"]


def test_a_vertically_merged_docx_cell_repeats_in_the_row_below(ljungby_docx):
    rows = [
        b.cells
        for b in read_blocks(ljungby_docx, "ljungby.docx")
        if b.kind == "table_row"
    ]
    assert rows[3][0] == rows[2][0] == "Utreda kameraövervakning vid resecentrum"
    assert rows[3][3] == "Beslut väntas under hösten."


# --- PDF ------------------------------------------------------------------------------


def test_reads_pdf_table_cells_and_text_lines(sala_pdf):
    reading = read_document(sala_pdf, "sala.pdf")
    assert reading.file_type == "pdf"
    blocks = reading.blocks
    assert (blocks[0].kind, blocks[0].text) == (
        "heading",
        "Medborgarlöfte Sala och Heby 2022",
    )
    rows = [b.cells for b in blocks if b.kind == "table_row"]
    assert rows[0] == ["Aktivitet", "Tertial 1", "Tertial 2", "Tertial 3"]
    assert rows[1][0] == (
        "Polisen genomför minst 15 narkotikakontroller vid stationerna i Sala och Heby"
    )


def test_rejoins_hard_wrapped_pdf_lines(sala_pdf):
    paragraphs = [
        b.text for b in read_blocks(sala_pdf, "sala.pdf") if b.kind == "paragraph"
    ]
    assert paragraphs[0].startswith(
        "Polisen, Sala kommun och Heby kommun lovar att under 2022"
    )
    assert paragraphs[0].endswith("vid stationerna i Sala och Heby.")


def test_a_pdf_table_over_several_pages_keeps_every_row(heby_pdf):
    blocks = read_blocks(heby_pdf, "heby.pdf")
    assert blocks[0].kind == "heading"
    assert blocks[0].text == "Uppföljning av medborgarlöftet för Heby kommun 2022"
    rows = [b.cells for b in blocks if b.kind == "table_row"]
    # Every cell of every row, also of the row a page break cut in two.
    assert rows == [
        ["Aktivitet", "Tertial 1", "Tertial 2"],
        *(
            [
                f"Polisen genomför minst {n} kontroller vid skola {n}",
                f"Genomfört vid {n} tillfällen",
                "Pågår",
            ]
            for n in range(1, documents.HEBY_ROWS + 1)
        ),
    ]


def _pdf_page(rows_by_top, lines=()):
    from loften.imports.parsing.readers.pdf_reader import _Line, _Page

    page = _Page(height=800.0)
    page.tables = [(top, [list(row) for row in rows]) for top, rows in rows_by_top]
    page.lines = [_Line(text, top, top + 10, 60.0, 10.0, False) for text, top in lines]
    return page


def test_a_fragment_at_the_bottom_of_a_page_is_the_top_half_of_the_next_row():
    from loften.imports.parsing.readers.pdf_reader import _join_split_rows

    first = _pdf_page(
        [
            (
                100,
                [["Aktivitet", "T1", "T2"], ["A", "Gjort", "Pågår"], ["", "", "Pågår"]],
            )
        ],
        lines=[("Sida 1", 780)],
    )
    second = _pdf_page([(60, [["B", "Gjort", ""], ["C", "Gjort", "Pågår"]])])
    _join_split_rows([first, second], running={"Sida #"})
    assert first.tables[0][1] == [["Aktivitet", "T1", "T2"], ["A", "Gjort", "Pågår"]]
    assert second.tables[0][1][0] == ["B", "Gjort", "Pågår"]


def test_a_fragment_is_left_alone_when_the_next_row_has_text_in_its_cells():
    from loften.imports.parsing.readers.pdf_reader import _join_split_rows

    first = _pdf_page([(100, [["A", "Gjort", "Pågår"], ["", "", "mer text"]])])
    second = _pdf_page([(60, [["B", "Gjort", "Pågår"]])])
    _join_split_rows([first, second], running=set())
    assert first.tables[0][1][-1] == ["", "", "mer text"]  # continues row A
    assert second.tables[0][1][0] == ["B", "Gjort", "Pågår"]


def test_a_fragment_is_left_alone_when_text_follows_the_table():
    from loften.imports.parsing.readers.pdf_reader import _join_split_rows

    first = _pdf_page(
        [(100, [["A", "Gjort", "Pågår"], ["", "", "Pågår"]])],
        lines=[("Uppföljningen redovisas i rådet.", 500)],
    )
    second = _pdf_page([(60, [["B", "Gjort", ""]])])
    _join_split_rows([first, second], running=set())
    assert second.tables[0][1][0] == ["B", "Gjort", ""]


def test_a_table_without_ruling_lines_is_read_from_its_columns():
    blocks = read_blocks(documents.tranemo_text_table_pdf(), "tranemo.pdf")
    assert kinds(blocks)[:2] == [
        ("heading", "Uppföljning medborgarlöfte Tranemo kommun 2023"),
        ("paragraph", "Löftet följs upp varje tertial i brottsförebyggande rådet."),
    ]
    assert [b.cells for b in blocks if b.kind == "table_row"] == [
        ["Aktivitet", "Tertial 1", "Tertial 2"],
        ["Narkotikakontroller", "Genomfört vid 12 tillfällen", "Pågår"],
        ["Föräldrautbildning", "Inplanerat", "Genomfört en gång"],
    ]
    assert kinds(blocks)[-1] == (
        "paragraph",
        "Resultaten redovisas för kommunstyrelsen.",
    )


def test_running_heads_and_page_numbers_are_dropped_from_pdfs(heby_pdf):
    texts = [b.text for b in read_blocks(heby_pdf, "heby.pdf") if b.kind != "table_row"]
    assert not any(text.startswith("Sida ") for text in texts)
    assert "Uppföljning medborgarlöfte Heby 2022" not in texts


def test_a_pdf_saved_with_a_txt_name_is_read_as_a_pdf(sala_pdf):
    assert read_document(sala_pdf, "sala.txt").file_type == "pdf"


# --- what cannot be read --------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "filename", "code"),
    [
        (documents.encrypted_pdf(), "hemlig.pdf", "encrypted_pdf"),
        (b"%PDF-1.4\nnot really a pdf", "trasig.pdf", "corrupt_pdf"),
        ("Det här är text, ingen pdf.".encode(), "fel.pdf", "corrupt_pdf"),
        (documents.scanned_pdf(), "skannad.pdf", "empty"),
        (b"PK\x03\x04 trasigt arkiv", "trasig.docx", "corrupt_docx"),
        (documents.zip_without_word_document(), "arkiv.docx", "corrupt_docx"),
        (b"Vanlig text", "fel.docx", "corrupt_docx"),
        (bytes(range(256)) * 4, "skräp.txt", "binary"),
        (b"\x00\x01\x02\x03" * 50, "skräp.html", "binary"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
            "gammal.doc",
            "unsupported_type",
        ),
        (b"kod,namn\n1,2\n", "tabell.xlsx", "unsupported_type"),
    ],
    # Named by file and code: every test worker must collect the same names.
    ids=lambda value: "" if isinstance(value, bytes) else value,
)
def test_unreadable_files_give_a_read_error_with_a_code(data, filename, code):
    with pytest.raises(ReadError) as caught:
        read_document(data, filename)
    assert caught.value.code == code


def test_html_cells_spanning_rows_leave_an_empty_cell_below():
    html = (
        "<table><tr><th>Aktivitet</th><th>T1</th><th>T2</th></tr>"
        "<tr><td rowspan=2>Hundsök</td><td>Genomfört</td><td>Pågår</td></tr>"
        "<tr><td>Mer T1</td><td>Mer T2</td></tr>"
        "<tr><td>Vandring</td><td colspan=2>Inplanerat</td></tr></table>"
    )
    rows = [block.cells for block in blocks_from_html(html)]
    assert rows[2] == ["", "Mer T1", "Mer T2"]
    assert rows[3] == ["Vandring", "Inplanerat", ""]


def html_texts(data):
    return [block.text for block in read_blocks(data, "sida.html")]


def test_deeply_nested_lists_are_read_once_each_at_their_level():
    depth = 60
    html = "<ul><li>Punkt 1" * depth + "</li></ul>" * depth
    blocks = blocks_from_html(html)
    assert [(b.kind, b.level) for b in blocks] == [
        ("list_item", level) for level in range(1, depth + 1)
    ]


def test_a_latin_1_page_without_a_charset_is_detected():
    page = "<html><body><h1>Medborgarlöfte Älmhult 2020</h1><p>Genomföra tre "
    page += "trygghetsvandringar på Ågatan.</p></body></html>"
    assert html_texts(page.encode("latin-1")) == [
        "Medborgarlöfte Älmhult 2020",
        "Genomföra tre trygghetsvandringar på Ågatan.",
    ]


def test_a_utf8_page_with_a_wrong_declared_charset_is_read_as_utf8():
    page = (
        '<html><head><meta charset="iso-8859-1"></head><body>'
        "<h1>Medborgarlöfte Älmhult 2020</h1></body></html>"
    )
    assert html_texts(page.encode("utf-8")) == ["Medborgarlöfte Älmhult 2020"]


def test_the_declared_charset_is_used_when_the_page_is_not_utf8():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; '
        'charset=windows-1252"></head><body><h1>Medborgarlöfte – Åre 2022</h1>'
        "</body></html>"
    )
    assert html_texts(page.encode("cp1252")) == ["Medborgarlöfte – Åre 2022"]


def test_a_byte_order_mark_wins_over_the_declared_charset():
    page = '<html><head><meta charset="windows-1252"></head><body><h1>Löfte</h1>'
    assert html_texts(b"\xef\xbb\xbf" + page.encode("utf-8")) == ["Löfte"]


def test_an_unknown_extension_is_read_when_the_content_is_plainly_html():
    data = b"<!DOCTYPE html><html><body><h1>Rubrik</h1></body></html>"
    assert read_document(data, "sida.aspx").file_type == "html"
