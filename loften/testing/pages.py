"""The look of a PDF page as numbers, to compare a rendering with a stored
reference region by region: the page is drawn with pypdfium2 (which pdfplumber
also uses) and cut into a grid; each cell holds the share of its area that is
ink. An empty, blank or broken page, a missing logo or a block of text that moved
changes the cells it touches."""

import io
import json
from pathlib import Path

ROWS, COLUMNS = 12, 8
DARK = 170  # grey levels below this count as ink
DPI = 40


def page_profile(content: bytes, page: int = 0) -> list[list[float]]:
    """The ink share (0–1) of each cell of a ROWS × COLUMNS grid over the page."""
    import pypdfium2
    from PIL import ImageStat

    document = pypdfium2.PdfDocument(io.BytesIO(content))
    try:
        image = document[page].render(scale=DPI / 72).to_pil().convert("L")
    finally:
        document.close()
    ink = image.point(lambda value: 255 if value < DARK else 0)
    width, height = ink.size
    profile = []
    for row in range(ROWS):
        cells = []
        for column in range(COLUMNS):
            box = (
                column * width // COLUMNS,
                row * height // ROWS,
                (column + 1) * width // COLUMNS,
                (row + 1) * height // ROWS,
            )
            cells.append(round(ImageStat.Stat(ink.crop(box)).mean[0] / 255, 4))
        profile.append(cells)
    return profile


def profile_differences(
    profile: list[list[float]], reference: list[list[float]], tolerance: float
) -> list[str]:
    """The cells whose ink share differs from the reference by more than
    `tolerance`, as "row 3, column 2: 0.120 (reference 0.015)"."""
    differences = []
    for r, (cells, expected) in enumerate(zip(profile, reference, strict=True)):
        for c, (value, wanted) in enumerate(zip(cells, expected, strict=True)):
            if abs(value - wanted) > tolerance:
                differences.append(
                    f"row {r + 1}, column {c + 1}: {value:.3f} (reference {wanted:.3f})"
                )
    return differences


def load_reference(path: Path) -> list[list[float]]:
    return json.loads(path.read_text(encoding="utf-8"))


def save_reference(path: Path, profile: list[list[float]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = ",\n".join(" " + json.dumps(row) for row in profile)
    path.write_text(f"[\n{rows}\n]\n", encoding="utf-8")
