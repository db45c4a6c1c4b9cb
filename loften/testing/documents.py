"""Documents built to exhaust the importer: Word files that unpack to far more
than they seem, a PDF that is slow to read, a PDF whose pages repeat the same
lines. Made in code, so no such file is kept in the repository."""

import io
import logging
import zipfile

import docx


def _docx_with_body(body_xml: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("Medborgarlöfte")
    plain = io.BytesIO()
    document.save(plain)
    source = zipfile.ZipFile(io.BytesIO(plain.getvalue()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = content.decode()
                start = text.index("<w:body>") + len("<w:body>")
                content = (text[:start] + body_xml + text[start:]).encode()
            archive.writestr(item, content)
    return output.getvalue()


def docx_of_tiny_paragraphs(count: int = 400_000) -> bytes:
    """A Word file of about 75 kB that unpacks to `count` one-letter
    paragraphs (14 MB of XML for 400 000)."""
    return _docx_with_body("<w:p><w:r><w:t>a</w:t></w:r></w:p>" * count)


def docx_of_long_paragraphs(megabytes: int = 150, paragraphs: int = 300) -> bytes:
    """A Word file of a few hundred kB whose few paragraphs unpack to
    `megabytes` MB of text: under the paragraph cap, over any sane memory."""
    size = megabytes * 1024 * 1024 // paragraphs
    paragraph = "<w:p><w:r><w:t>" + "trygghet " * (size // 9) + "</w:t></w:r></w:p>"
    return _docx_with_body(paragraph * paragraphs)


def _pdf(html: str) -> bytes:
    import weasyprint

    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    return weasyprint.HTML(string=html).write_pdf()


def pdf_of_repeated_lines(pages: int = 6) -> bytes:
    """A PDF whose every page holds the same two lines near its top edge."""
    page = (
        "<p>Medborgarlöfte Ydre 2024</p><p>Polisen och kommunen lovar trygghet.</p>"
        '<div class="break"></div>'
    )
    return _pdf(
        "<html><head><style>@page { size: A4; margin: 1cm } "
        ".break { break-after: page }</style></head><body>"
        + page * pages
        + "</body></html>"
    )


def pdf_of_ruled_tables(pages: int = 12, rows: int = 40, columns: int = 8) -> bytes:
    """A PDF of `pages` pages of ruled tables with small cells: slow to read,
    as every cell's ruling is looked at."""
    cells = "".join(f"<td>{n}</td>" for n in range(columns))
    table = "<table>" + f"<tr>{cells}</tr>" * rows + "</table>"
    return _pdf(
        "<html><head><style>@page { size: A4; margin: 1cm } "
        "table { border-collapse: collapse; break-after: page } "
        "td { border: 0.5pt solid #000; font-size: 6pt; padding: 1pt }"
        "</style></head><body><h1>Uppföljning</h1>" + table * pages + "</body></html>"
    )
