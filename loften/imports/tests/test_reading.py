"""Each document is read in a child process under one time limit and one memory
limit, with caps on its size that say what happened."""

import resource
import time

import pytest

from loften.imports.parsing import ReadError
from loften.imports.parsing.readers.docx_reader import read_docx
from loften.imports.parsing.readers.pdf_reader import read_pdf
from loften.imports.reading import read_in_child
from loften.testing import documents

TEXT = (
    "Medborgarlöfte Ydre 2024\n\n"
    "Polisen och Ydre kommun lovar att arbeta för ökad trygghet.\n\n"
    "Aktiviteter\n\n"
    "- Genomföra trygghetsvandringar i centrum\n"
    "- Minst fyra samverkansmöten under året\n"
).encode()


@pytest.fixture(scope="module")
def slow_pdf():
    # About 4 s of reading here, well over the 1 s limit the test sets, so
    # that a faster machine is stopped too.
    return documents.pdf_of_ruled_tables(pages=24)


def test_a_document_is_read_in_a_child_process(monkeypatch):
    def read_here(*args, **kwargs):
        raise AssertionError("the document was read in the worker itself")

    # The worker's own parser is never called: the child has its own.
    monkeypatch.setattr("loften.imports.parsing.read_and_parse", read_here)
    document = read_in_child(TEXT, filename="ydre.txt", municipalities=[])
    assert document["file_type"] == "txt"
    assert document["result"]["activities"]
    assert document["blocks"][0]["text"] == "Medborgarlöfte Ydre 2024"


def test_a_fault_of_the_child_is_told_with_its_traceback():
    """An error in Löften's own code in the child (here a header without the
    municipalities) comes back as a fault, not as a verdict on the document."""
    from loften.imports.reading import _run_child

    header = {"filename": "x.txt", "seconds": 5, "memory_mb": 512, "max_bytes": 10}
    answer, exitcode = _run_child(header, b"text", timeout=30)
    assert exitcode == 0
    assert "KeyError: 'municipalities'" in answer["fault"]


def test_a_child_that_ends_without_an_answer_is_a_fault(monkeypatch):
    monkeypatch.setattr(
        "loften.imports.reading._run_child",
        lambda header, data, *, timeout: ({"fault": "Traceback: boom"}, 0),
    )
    with pytest.raises(RuntimeError, match="stopped with status 0: Traceback: boom"):
        read_in_child(TEXT, filename="ydre.txt", municipalities=[])
    monkeypatch.setattr(
        "loften.imports.reading._run_child",
        lambda header, data, *, timeout: (None, 1),
    )
    with pytest.raises(RuntimeError, match="stopped with status 1"):
        read_in_child(TEXT, filename="ydre.txt", municipalities=[])


def test_a_word_file_of_tiny_paragraphs_is_refused_before_it_is_parsed():
    bomb = documents.docx_of_tiny_paragraphs()
    assert len(bomb) < 150_000
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_docx(bomb)
    assert caught.value.code == "too_many_parts"
    assert caught.value.message.startswith(
        "Word-filen har fler än 20\N{NO-BREAK SPACE}000 stycken, långt fler än"
    )
    assert time.monotonic() - started < 5  # counted while unpacking, not parsed


def test_a_word_file_that_needs_too_much_memory_is_stopped(settings):
    settings.IMPORT_MEMORY_MB = 400
    bomb = documents.docx_of_long_paragraphs(megabytes=150)
    assert len(bomb) < 1_000_000
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReadError) as caught:
        read_in_child(bomb, filename="bomb.docx", municipalities=[])
    assert caught.value.code == "too_much_memory"
    assert "mer än de 400 MB minne" in caught.value.message
    # The worker's own memory never held the unpacked document.
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before
    assert grown < 50 * 1024, f"{grown} kB"


def test_a_slow_pdf_is_stopped_at_the_time_limit(settings, slow_pdf):
    settings.IMPORT_PARSE_SECONDS = 1
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_in_child(slow_pdf, filename="slow.pdf", municipalities=[])
    assert caught.value.code == "too_slow"
    assert "längre än 1 sekunder" in caught.value.message
    # Stopped at the limit, not when the reading would have finished; the
    # child's own start-up comes on top.
    assert time.monotonic() - started < 1 + 15


def test_a_pdf_whose_pages_repeat_the_same_lines_says_so():
    with pytest.raises(ReadError) as caught:
        read_pdf(documents.pdf_of_repeated_lines(pages=6))
    assert caught.value.code == "repeated_lines"
    assert caught.value.message.startswith(
        "Varje sida i PDF-filen (6 lästa) innehåller bara samma rader"
    )
