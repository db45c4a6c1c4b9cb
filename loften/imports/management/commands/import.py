"""`loften import PATH...`: read promise and follow-up documents.

With --dry-run nothing is saved: each document's result (or why it could not be
read) is printed. Without it, each document becomes a draft promise, kept with its
file as an accepted import, for editors to review in the web interface. --json
prints one JSON object per document and line (JSON Lines), in the form of
loften/imports/schema/import-result.schema.json.
"""

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from loften.geography.models import Municipality
from loften.imports.parsing import ParsedDocument, ReadError, read_and_parse
from loften.imports.parsing import errors as read_errors
from loften.imports.selectors import municipality_refs
from loften.imports.services import (
    DraftNotCreated,
    SavedDraft,
    import_document_save_draft,
    one_document_per_address,
    source_url_clean,
)


class DocumentError(Exception):
    """One document that did not go through, with the line to print for it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class Command(BaseCommand):
    help = (
        "Read medborgarlöfte and follow-up documents (.txt, .html, .pdf, .docx). "
        "With --dry-run, only print what was found; otherwise create a draft "
        "promise per document for review. Exits non-zero when any document fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files to read.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Only read the documents and print the result; save nothing.",
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object per document and line (see docs/import.md).",
        )
        parser.add_argument(
            "--municipality",
            metavar="CODE",
            help=(
                "For documents in which no municipality is recognised: its "
                "four-digit code or its name."
            ),
        )
        parser.add_argument(
            "--year",
            type=int,
            help="For documents in which no year is recognised: the promise's year.",
        )
        parser.add_argument(
            "--source-url",
            metavar="URL",
            default="",
            help=(
                "The web address the document was published at (one document "
                "only). When its text names no year, a date or year in the "
                "address is used, with a warning."
            ),
        )

    def handle(self, *args, **options):
        self.as_json = options["json"]
        self.dry_run = options["dry_run"]
        self.refs = municipality_refs()
        self.municipality = self._municipality(options["municipality"])
        year = options["year"]
        if year is not None and not 1990 <= year <= 2099:
            raise CommandError(_("--year must be between 1990 and 2099."))
        self.year = year
        paths = options["paths"]
        try:
            self.source_url = source_url_clean(options["source_url"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if self.source_url and len(paths) > 1:
            raise CommandError(one_document_per_address())
        failed = 0
        for path in paths:
            try:
                self._one(path)
            except DocumentError as error:
                failed += 1
                self._print_error(path, error)
        if failed:
            raise CommandError(
                ngettext(
                    "%(failed)s of %(total)s document could not be imported.",
                    "%(failed)s of %(total)s documents could not be imported.",
                    len(paths),
                )
                % {"failed": failed, "total": len(paths)},
                returncode=1,
            )

    def _municipality(self, value: str | None) -> Municipality | None:
        if not value:
            return None
        found = Municipality.objects.filter(
            Q(code=value.strip()) | Q(name__iexact=value.strip())
        ).first()
        if found is None:
            raise CommandError(
                _("No municipality has the code or name “%(value)s”.")
                % {"value": value}
            )
        return found

    # --- One document ---

    def _read(self, path: str) -> bytes:
        file = Path(path)
        try:
            if not file.exists():
                raise DocumentError("not_found", _("There is no such file."))
            if not file.is_file():
                raise DocumentError(
                    "not_a_file", _("This is a folder or a device, not a file.")
                )
            size = file.stat().st_size
            if size > settings.IMPORT_MAX_BYTES:
                error = read_errors.too_large(size, settings.IMPORT_MAX_BYTES)
                raise DocumentError(error.code, error.message)
            return file.read_bytes()
        except OSError:
            raise DocumentError(
                "unreadable", _("The file cannot be opened; check its permissions.")
            ) from None

    def _one(self, path: str) -> None:
        data = self._read(path)
        try:
            parsed = read_and_parse(
                data,
                filename=path,
                municipalities=self.refs,
                max_bytes=settings.IMPORT_MAX_BYTES,
                source_url=self.source_url or None,
            )
        except ReadError as error:
            raise DocumentError(error.code, error.message) from None
        if self.dry_run:
            self._print_result(parsed)
            return
        try:
            saved = import_document_save_draft(
                actor=None,
                data=data,
                filename=path,
                parsed=parsed,
                municipality=self.municipality,
                year=self.year,
                source_url=self.source_url,
            )
        except DraftNotCreated as error:
            hint = {
                "no_municipality": _("name one with --municipality"),
                "no_year": _("give one with --year"),
            }.get(error.code or "", "")
            message = " ".join(error.messages).rstrip(".")
            raise DocumentError(
                error.code or "not_saved",
                f"{message}; {hint}." if hint else f"{message}.",
            ) from None
        except ValidationError as error:
            raise DocumentError(
                "not_saved",
                _("The draft could not be saved: %(errors)s")
                % {"errors": " ".join(error.messages)},
            ) from None
        self._print_result(parsed, saved)

    # --- Output ---

    def _review_url(self, saved: SavedDraft) -> str:
        return settings.SITE_URL + reverse("imports:job", args=[saved.job.pk])

    def _print_error(self, path: str, error: DocumentError) -> None:
        if self.as_json:
            line = {"source": path, "error": error.message, "code": error.code}
            self.stdout.write(json.dumps(line, ensure_ascii=False))
        else:
            self.stdout.write(
                _("%(source)s: not imported: %(error)s")
                % {"source": path, "error": error.message}
            )

    def _print_result(self, parsed: ParsedDocument, saved: SavedDraft | None = None):
        data: dict[str, Any] = parsed.result.to_dict()
        if self.as_json:
            if saved is not None:
                data["draft"] = {
                    "promise": saved.promise.pk,
                    "title": saved.promise.title,
                    "import": saved.job.pk,
                    "review_url": self._review_url(saved),
                    "check": saved.hints,
                }
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        self.stdout.write(self._summary(data))
        for warning in data["warnings"]:
            self.stdout.write("  " + _("warning: %(text)s") % {"text": warning})
        if saved is not None:
            self.stdout.write(
                "  "
                + _("draft created: “%(title)s”; review it at %(url)s")
                % {"title": saved.promise.title, "url": self._review_url(saved)}
            )
            for hint in saved.hints:
                self.stdout.write("  " + _("check: %(text)s") % {"text": hint})

    def _summary(self, data: dict[str, Any]) -> str:
        kind = _("follow-up") if data["kind"] == "followup" else _("promise")
        place = (
            f"{data['municipality']['name']} ({data['municipality']['code']})"
            if data["municipality"]
            else _("no municipality recognised")
        )
        years = (
            "–".join(str(y) for y in sorted({data["years"][0], data["years"][-1]}))
            if data["years"]
            else _("no year recognised")
        )
        followups = sum(len(a["followups"]) for a in data["activities"])
        commitments = len(data["commitments"])
        activities = len(data["activities"])
        warnings = len(data["warnings"])
        counts = ", ".join(
            [
                ngettext("%(n)s commitment", "%(n)s commitments", commitments)
                % {"n": commitments},
                ngettext("%(n)s activity", "%(n)s activities", activities)
                % {"n": activities},
                ngettext("%(n)s follow-up", "%(n)s follow-ups", followups)
                % {"n": followups},
                ngettext("%(n)s warning", "%(n)s warnings", warnings) % {"n": warnings},
            ]
        )
        return f"{data['source']}: {kind} · {place} · {years} · {counts}"
