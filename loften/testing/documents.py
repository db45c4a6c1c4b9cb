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
    """A PDF of `pages` A4 pages of ruled tables with small cells: slow to read,
    as every cell's four rules are looked at. Written as PDF drawing operators
    (each cell's rules and a number in Helvetica), which takes milliseconds where
    laying the tables out with WeasyPrint took seconds; reading it takes as long."""
    width, height, margin = 595, 842, 28
    cell_width = (width - 2 * margin) / columns
    cell_height = (height - 2 * margin - 30) / rows
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages have their numbers
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for _ in range(pages):
        top = height - margin - 30
        lines = ["0.5 w", f"BT /F1 14 Tf {margin} {top + 16} Td (Uppfoljning) Tj ET"]
        for row in range(rows):
            y = top - (row + 1) * cell_height
            upper = y + cell_height
            for column in range(columns):
                x = margin + column * cell_width
                right = x + cell_width
                lines.append(
                    f"{x:.2f} {y:.2f} m {right:.2f} {y:.2f} l S "
                    f"{right:.2f} {y:.2f} m {right:.2f} {upper:.2f} l S "
                    f"{right:.2f} {upper:.2f} m {x:.2f} {upper:.2f} l S "
                    f"{x:.2f} {upper:.2f} m {x:.2f} {y:.2f} l S "
                    f"BT /F1 6 Tf {x + 1:.2f} {y + 2:.2f} Td ({column}) Tj ET"
                )
        stream = "\n".join(lines).encode()
        objects.append(
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (width, height, len(objects))
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    return _pdf_file(objects)


def _pdf_file(objects: list[bytes]) -> bytes:
    """A PDF file of the numbered objects (1, 2, ...; the first is the catalog)
    with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)
