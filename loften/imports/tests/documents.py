"""Example documents built in code: a Word file with a real table, a PDF with a
ruled table (WeasyPrint, so pdfplumber finds the cells) and broken files."""

import io
import logging
import zipfile

import docx


def ljungby_docx() -> bytes:
    """A follow-up per quarter in a Word table, with a vertically merged row."""
    document = docx.Document()
    document.add_heading("Medborgarlöfte Ljungby 2021 – uppföljning kvartal 1–2", 0)
    document.add_paragraph(
        "Polisen och Ljungby kommun lovar att minska otryggheten i centrala "
        "Ljungby under 2021."
    )
    document.add_heading("Aktiviteter och uppföljning", 1)
    rows = [
        ("Aktivitet", "Ansvarig", "Kvartal 1", "Kvartal 2"),
        (
            "Genomföra minst åtta trygghetsvandringar under året",
            "Polisen och kommunen",
            "Två vandringar genomförda.",
            "Tre vandringar genomförda.",
        ),
        (
            "Utreda kameraövervakning vid resecentrum",
            "Kommunen",
            "Pågår",
            "Ansökan är inlämnad.",
        ),
        ("", "", "", "Beslut väntas under hösten."),
        (
            "Riktade insatser mot narkotikaförsäljning i centrum",
            "Polisen",
            "Ej genomfört",
            "Genomfört vid 5 tillfällen",
        ),
    ]
    table = document.add_table(rows=len(rows), cols=4)
    table.style = "Table Grid"
    for row_index, values in enumerate(rows):
        for column, value in enumerate(values):
            if value:
                table.cell(row_index, column).text = value
    # The activity cell spans the row below, as Word users often lay it out.
    table.cell(2, 0).merge(table.cell(3, 0))
    document.add_heading("Lägesbild", 1)
    document.add_paragraph(
        "Anmälda bostadsinbrott i centrum ökade under 2020.", style="List Bullet"
    )
    document.add_paragraph(
        "Många unga upplever otrygghet vid resecentrum.", style="List Bullet"
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SALA_HTML = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<style>
  body { font-family: serif; font-size: 11pt; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #000; padding: 4pt; vertical-align: top; }
</style></head><body>
<h1>Medborgarlöfte Sala och Heby 2022</h1>
<p>Polisen, Sala kommun och Heby kommun lovar att under 2022 arbeta tillsammans
för att minska narkotikabrotten bland unga och öka tryggheten vid stationerna i
Sala och Heby.</p>
<h2>Aktiviteter och uppföljning</h2>
<table>
<tr><th>Aktivitet</th><th>Tertial 1</th><th>Tertial 2</th><th>Tertial 3</th></tr>
<tr><td>Polisen genomför minst 15 narkotikakontroller vid stationerna i Sala
och Heby</td>
<td>Genomfört vid 6 tillfällen</td><td>Genomfört vid 5 tillfällen</td>
<td>Pågår</td></tr>
<tr><td>Kommunerna anordnar två föräldraträffar om droger tillsammans med skolan</td>
<td>Inplanerat</td><td>En träff genomförd i Sala</td><td>Ej genomfört i Heby</td></tr>
</table>
<p>Uppföljningen redovisas för det brottsförebyggande rådet.</p>
</body></html>
"""


def sala_pdf() -> bytes:
    """A follow-up with a ruled tertial table, rendered to PDF."""
    import weasyprint

    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return weasyprint.HTML(string=SALA_HTML).write_pdf()


HEBY_ROWS = 30


def heby_pdf() -> bytes:
    """A table running over pages, with a running head and page numbers."""
    import weasyprint

    rows = "".join(
        f"<tr><td>Polisen genomför minst {n} kontroller vid skola {n}</td>"
        f"<td>Genomfört vid {n} tillfällen</td><td>Pågår</td></tr>"
        for n in range(1, HEBY_ROWS + 1)
    )
    html = f"""<html><head><meta charset="utf-8"><style>
    @page {{ size: A5; margin: 2cm;
             @top-center {{ content: "Uppföljning medborgarlöfte Heby 2022"; }}
             @bottom-center {{ content: "Sida " counter(page); }} }}
    h1 {{ font-size: 20pt; }}
    table {{ border-collapse: collapse; }}
    td, th {{ border: 1px solid #000; padding: 2pt; }}
    </style></head><body>
    <h1>Uppföljning av medborgarlöftet för Heby kommun 2022</h1>
    <p>Polisen och Heby kommun lovade 2022 att öka tryggheten vid skolorna.</p>
    <table><tr><th>Aktivitet</th><th>Tertial 1</th><th>Tertial 2</th></tr>{rows}
    </table></body></html>"""
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return weasyprint.HTML(string=html).write_pdf()


def tranemo_text_table_pdf() -> bytes:
    """A follow-up whose table has no ruling lines: only columns of text, the
    first column so wide that its text touches the next."""
    import weasyprint

    html = """<html><head><meta charset="utf-8"><style>
    body { font-family: sans-serif; font-size: 11pt; }
    table { border-collapse: collapse; }
    td, th { padding: 0 1pt; text-align: left; vertical-align: top; }
    th { font-weight: normal; }
    </style></head><body>
    <h1>Uppföljning medborgarlöfte Tranemo kommun 2023</h1>
    <p>Löftet följs upp varje tertial i brottsförebyggande rådet.</p>
    <table>
    <tr><th style="width: 30mm">Aktivitet</th><th style="width: 50mm">Tertial 1</th>
        <th>Tertial 2</th></tr>
    <tr><td>Narkotikakontroller</td><td>Genomfört vid 12 tillfällen</td>
        <td>Pågår</td></tr>
    <tr><td>Föräldrautbildning</td><td>Inplanerat</td><td>Genomfört en gång</td></tr>
    </table>
    <p>Resultaten redovisas för kommunstyrelsen.</p>
    </body></html>"""
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return weasyprint.HTML(string=html).write_pdf()


def _minimal_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer + b">>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def encrypted_pdf() -> bytes:
    """A PDF whose /Encrypt dictionary needs a password nobody knows."""
    return _minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            b"<< /Length 0 >>\nstream\n\nendstream",
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + b"11" * 32
            + b"> /U <"
            + b"22" * 32
            + b"> /P -4 >>",
        ],
        b"/Encrypt 5 0 R /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ",
    )


def scanned_pdf() -> bytes:
    """A valid one-page PDF with no text at all, like a scan without OCR."""
    return _minimal_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
            b"<< /Length 18 >>\nstream\n0 0 100 100 re f\n\nendstream",
        ]
    )


def zip_without_word_document() -> bytes:
    """A zip archive that is not a Word document; the same bytes every time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("hello.txt", (2026, 1, 1, 0, 0, 0)), "hej")
    return buffer.getvalue()
