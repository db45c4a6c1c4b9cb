"""Project-wide guards: migrations match the models, translations are complete."""

import gettext
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

LOFTEN = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"models changed without a migration:\n{out.getvalue()} ({exit_})")


def _entries(po_path: Path):
    text = po_path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if not msgid or not msgstr:
            continue
        join = lambda raw: "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', raw))  # noqa: E731
        yield join(msgid.group(1)), join(msgstr.group(1)), "#, fuzzy" in block


PO_FILES = sorted(LOFTEN.glob("*/locale/sv/LC_MESSAGES/django.po"))


def test_every_app_with_ui_text_has_swedish_translations():
    assert PO_FILES, "no Swedish translation files found"


@pytest.mark.parametrize("po_path", PO_FILES, ids=lambda p: p.parts[-5])
def test_swedish_translations_are_complete_and_compiled(po_path):
    mo = gettext.GNUTranslations(po_path.with_suffix(".mo").open("rb"))
    for msgid, msgstr, fuzzy in _entries(po_path):
        if not msgid:
            continue
        assert msgstr, f"untranslated in {po_path}: {msgid!r}"
        assert not fuzzy, f"fuzzy in {po_path}: {msgid!r}"
        unescaped = msgid.encode().decode("unicode_escape").encode("latin-1").decode()
        if "\\" not in msgid:
            unescaped = msgid
        compiled = mo._catalog.get(unescaped)
        if compiled is None:
            compiled = next(
                (
                    v
                    for k, v in mo._catalog.items()
                    if isinstance(k, str) and k.endswith("\x04" + unescaped)
                ),
                None,
            )
        assert compiled is not None, f".mo is out of date for {po_path}: {msgid!r}"


def test_a_text_has_the_same_swedish_translation_in_every_app():
    # Django merges the apps' catalogues and the first app wins, so two
    # translations of one text would make the wording depend on app order.
    seen: dict[str, tuple[str, Path]] = {}
    for po_path in PO_FILES:
        text = po_path.read_text(encoding="utf-8")
        contexts = {
            match.group(1)
            for match in re.finditer(r'^msgctxt ".*"\nmsgid "(.*)"', text, re.M)
        }
        for msgid, msgstr, _fuzzy in _entries(po_path):
            if not msgid or msgid in contexts:
                continue
            if msgid in seen:
                other, where = seen[msgid]
                assert msgstr == other, (
                    f"{msgid!r} is {other!r} in {where} but {msgstr!r} in {po_path}"
                )
            else:
                seen[msgid] = (msgstr, po_path)
