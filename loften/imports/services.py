"""Writes for imports: upload, reading in the background, acceptance as a draft.

Acceptance builds the draft through the promises' and follow-ups' own services, so
validation, permissions and the audit log behave as when an editor types the plan
in; it runs in one transaction, so a draft is created whole or not at all.
"""

import datetime
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loften.core.models import User
from loften.core.services import audit_log
from loften.core.text import shorten
from loften.followups.services import (
    followup_save,
    reporting_period_get_or_create,
    reporting_periods_ensure,
)
from loften.geography.models import Municipality
from loften.organisations.models import Organisation
from loften.organisations.names import normalise
from loften.organisations.selectors import organisations_for_places
from loften.organisations.services import partners_get_or_create
from loften.promises.models import FocusArea, Promise
from loften.promises.services.activities import activity_create, focus_area_create
from loften.promises.services.parts import commitment_create
from loften.promises.services.promise import promise_create

from . import mapping
from .drafts import PromiseDraft
from .models import SOURCE_URL_MAX_LENGTH, ImportJob, source_url_validator
from .parsing import ParsedDocument, ReadError
from .parsing import errors as read_errors
from .permissions import can_import_for, can_review_import_job
from .reading import blocks_as_data, read_in_child
from .selectors import (
    import_draft_defaults,
    municipality_refs,
    no_responsible_party_hint,
)

logger = logging.getLogger(__name__)

MAX_FILES_PER_UPLOAD = 20


def _file_name(name: str) -> str:
    """The file's own name, without any folders a browser or a path sent along."""
    name = PurePath(name.replace("\\", "/")).name.strip() or "dokument"
    if len(name) > 255:
        suffix = PurePath(name).suffix[:20]
        name = name[: 255 - len(suffix)] + suffix
    return name


def _sha256(content: File) -> str:
    digest = hashlib.sha256()
    for chunk in content.chunks():
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


def _delete_file_on_commit(name: str) -> None:
    if name:
        storage = ImportJob._meta.get_field("source").storage
        transaction.on_commit(partial(storage.delete, name))


def check_upload(*, name: str, size: int) -> None:
    """Refuse a file that is empty or over the limit before anything is stored."""
    if size == 0:
        raise ValidationError(f"{name}: {read_errors.empty().message}")
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        error = read_errors.too_large(size, limit)
        raise ValidationError(f"{name}: {error.message}")


# --- Upload and reading --------------------------------------------------------------


def one_document_per_address() -> str:
    return _("A source address belongs to one document: upload that file on its own.")


def source_url_clean(value: str | None) -> str:
    """The web address a document was published at, stripped and checked (http
    or https, at most SOURCE_URL_MAX_LENGTH characters); "" when none is given.
    Raises ValidationError with a message for the editor."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > SOURCE_URL_MAX_LENGTH:
        raise ValidationError(
            _("The source address may be at most %(count)s characters long.")
            % {"count": SOURCE_URL_MAX_LENGTH},
            code="max_length",
        )
    source_url_validator(value)
    return value


@transaction.atomic
def import_jobs_create(
    *,
    actor: User,
    organisation: Organisation,
    files: Sequence[File],
    source_url: str = "",
) -> list[ImportJob]:
    """Store uploaded documents as imports for `organisation` and queue them to
    be read. All files are stored, or none. `source_url`, the address the
    document was published at, belongs to a single document."""
    if not can_import_for(user=actor, organisation=organisation):
        raise PermissionDenied(
            _("You may only import documents for an organisation you edit for.")
        )
    if not files:
        raise ValidationError(_("Choose at least one file."))
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise ValidationError(
            _("Upload at most %(count)s files at a time.")
            % {"count": MAX_FILES_PER_UPLOAD}
        )
    for upload in files:
        check_upload(name=_file_name(upload.name or ""), size=upload.size)
    source_url = source_url_clean(source_url)
    if source_url and len(files) > 1:
        raise ValidationError(one_document_per_address(), code="one_document")
    from .tasks import process_import_job

    jobs: list[ImportJob] = []
    stored: list[str] = []
    try:
        for upload in files:
            name = _file_name(upload.name or "")
            job = ImportJob(
                uploaded_by=actor,
                organisation=organisation,
                original_name=name,
                source_url=source_url,
                size=upload.size,
                sha256=_sha256(upload),
            )
            job.source.save(name, upload, save=False)
            stored.append(job.source.name)
            job.save()
            audit_log(
                actor=actor,
                action="import.upload",
                obj=job,
                changes=_upload_changes(job),
            )
            # Later files of one upload wait behind a single file someone else
            # uploads meanwhile, so one large upload does not hold up everyone.
            queued = process_import_job.using(priority=-min(len(jobs), 20))
            transaction.on_commit(partial(queued.enqueue, job.pk))
            jobs.append(job)
    except BaseException:
        storage = ImportJob._meta.get_field("source").storage
        for name in stored:
            storage.delete(name)
        raise
    return jobs


def _upload_changes(job: ImportJob) -> dict[str, list]:
    changes: dict[str, list] = {
        "file": [None, job.original_name],
        "size": [None, job.size],
    }
    if job.source_url:
        changes["source_url"] = [None, job.source_url]
    return changes


def import_job_process(*, job_id: int) -> ImportJob | None:
    """Read and parse a queued import (the worker's task), in a child process
    under the time and memory limits (`reading.read_in_child`). A document that
    cannot be read fails with its message and its stored file is removed; a job
    that is already read is left as it is."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or not job.is_pending:
            return job
        job.status = ImportJob.Status.PROCESSING
        job.save(update_fields=["status", "updated_at"])
    try:
        with job.source.open("rb") as handle:
            data = handle.read()
        document = read_in_child(
            data,
            filename=job.original_name,
            municipalities=municipality_refs(),
            source_url=job.source_url,
        )
    except ReadError as error:
        return _fail(job, code=error.code, message=error.message, keep_file=False)
    except Exception:
        # A fault in Löften, not in the document: keep the file to look into it.
        logger.exception("Import %s could not be processed", job.pk)
        return _fail(
            job,
            code="internal",
            message=_fault_message(),
            keep_file=True,
        )
    return _finish(
        job,
        status=ImportJob.Status.READY,
        file_type=document["file_type"],
        result=document["result"],
        source_blocks=document["blocks"],
    )


def _fault_message() -> str:
    return _(
        "The document could not be read because of a fault in Löften. "
        "Try again later, or ask an administrator to look at it."
    )


def import_job_interrupted(*, job_id: int, lost: bool) -> ImportJob | None:
    """Fail an import whose reading task failed outside the reader: `lost` when
    the worker died during every attempt, otherwise a fault in Löften. The file
    is kept for an administrator to look at."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None or not job.is_pending:
        return job
    # _finish only changes an import that is being read.
    ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.PROCESSING
    )
    if lost:
        message = _(
            "Reading the document was interrupted twice because the background "
            "worker stopped, so it was not read. Upload it again later; if the "
            "same happens, ask an administrator to look at it."
        )
    else:
        message = _fault_message()
    logger.error("Import %s failed outside the reader (worker lost: %s)", job_id, lost)
    return _fail(
        job, code="interrupted" if lost else "internal", message=message, keep_file=True
    )


def _fail(
    job: ImportJob, *, code: str, message: str, keep_file: bool
) -> ImportJob | None:
    values = {
        "status": ImportJob.Status.FAILED,
        "error_code": code,
        "error_message": message,
    }
    if not keep_file:
        values["source"] = ""
    stored = job.source.name
    with transaction.atomic():
        finished = _finish(job, **values)
        if finished is not None and not keep_file:
            _delete_file_on_commit(stored)
    return finished


def _finish(job: ImportJob, **values) -> ImportJob | None:
    """Store what reading found, unless the import was removed meanwhile (a save
    would bring it back)."""
    updated = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.PROCESSING
    ).update(updated_at=timezone.now(), **values)
    if not updated:
        return None
    job.refresh_from_db()
    return job


# --- Acceptance ----------------------------------------------------------------------


def _place_and_period(
    draft: PromiseDraft,
) -> tuple[Municipality, datetime.date, datetime.date]:
    """The draft's municipality and period, or a ValidationError for what is missing."""
    errors = {}
    if draft.municipality is None:
        errors["municipality"] = _("Choose the municipality the promise is for.")
    if draft.start_date is None or draft.end_date is None:
        errors["start_date"] = _("Give the period the promise covers.")
    if errors or not (draft.municipality and draft.start_date and draft.end_date):
        raise ValidationError(errors)
    return draft.municipality, draft.start_date, draft.end_date


@transaction.atomic
def import_job_accept(
    *, job: ImportJob, actor: User | None, data: PromiseDraft
) -> Promise:
    """Create the draft promise with its commitments, activities, targets and
    follow-ups from a reviewed import, and mark the import accepted.

    Any validation error rolls everything back: the promise, the partners and
    focus areas it would have added, and the follow-ups. Never publishes.
    """
    draft = data
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if actor is not None and not can_review_import_job(user=actor, job=job):
        raise PermissionDenied(_("You may not accept this import."))
    if job.status == ImportJob.Status.ACCEPTED:
        raise ValidationError(_("This import has already been accepted."))
    if job.status != ImportJob.Status.READY:
        raise ValidationError(_("This import is not ready to be accepted."))
    municipality, start_date, end_date = _place_and_period(draft)
    parties = list(
        organisations_for_places(
            municipality_ids=[municipality.pk],
            police_area_id=draft.police_area.pk if draft.police_area else None,
        )
    )
    if job.organisation is not None and job.organisation not in parties:
        raise ValidationError(
            _(
                "%(organisation)s must be a party to the promise: choose its "
                "municipality or police area."
            )
            % {"organisation": job.organisation}
        )
    promise = promise_create(
        actor=actor,
        title=draft.title,
        municipalities=[municipality],
        police_area=draft.police_area,
        start_date=start_date,
        end_date=end_date,
        cadence=draft.cadence,
        situation_summary=draft.situation_summary.strip(),
        followup_plan=draft.followup_plan.strip(),
    )
    commitments = [
        commitment_create(promise=promise, actor=actor, text=text)
        for text in draft.commitments
    ]
    reporting_periods_ensure(promise=promise)
    new_partners: list[str] = []
    partners = _partners(draft, actor, new_partners)
    focus_areas: dict[str, FocusArea] = {}
    new_focus_areas: list[str] = []
    followup_count = 0
    for number, item in enumerate(draft.activities, start=1):
        try:
            focus_area = item.focus_area
            if focus_area is None and item.new_focus_area.strip():
                key = normalise(item.new_focus_area)
                if key not in focus_areas:
                    is_new = not FocusArea.objects.filter(
                        name__iexact=item.new_focus_area.strip()
                    ).exists()
                    focus_areas[key] = focus_area_create(
                        actor=actor, name=item.new_focus_area, promise=promise
                    )
                    if is_new:
                        new_focus_areas.append(focus_areas[key].name)
                focus_area = focus_areas[key]
            activity = activity_create(
                promise=promise,
                actor=actor,
                text=item.text_with_notes,
                focus_area=focus_area,
                commitment=(
                    commitments[item.commitment]
                    if item.commitment is not None
                    and 0 <= item.commitment < len(commitments)
                    else None
                ),
                responsible_police=item.responsible_police,
                responsible_municipality=item.responsible_municipality,
                partners=[partners[normalise(n)] for n in item.partners],
                target_comparator=item.target_comparator,
                target_value=item.target_value,
                target_unit=item.target_unit,
                target_scope=item.target_scope,
            )
            for followup in item.followups:
                if not (followup.text.strip() or followup.status or followup.quantity):
                    continue
                kind, period_number = mapping.period_key(followup.period)
                period = reporting_period_get_or_create(
                    kind=kind,
                    year=followup.year or start_date.year,
                    number=period_number,
                )
                followup_save(
                    activity=activity,
                    period=period,
                    actor=actor,
                    expected_version=None,
                    status=followup.status,
                    text=followup.text,
                    quantity=followup.quantity,
                )
                followup_count += 1
        except ValidationError as error:
            raise ValidationError(
                _("Activity %(number)s (“%(text)s”): %(errors)s")
                % {
                    "number": number,
                    "text": shorten(item.text, 60),
                    "errors": " ".join(error.messages),
                }
            ) from error
    job.status = ImportJob.Status.ACCEPTED
    job.promise = promise
    job.created = {
        "commitments": len(commitments),
        "activities": len(draft.activities),
        "targets": draft.target_count,
        "followups": followup_count,
        "partners": new_partners,
        "focus_areas": new_focus_areas,
    }
    job.accepted_by = actor if actor is not None and actor.is_authenticated else None
    job.accepted_at = timezone.now()
    job.save()
    audit_log(
        actor=actor,
        action="import.accept",
        obj=job,
        promise_id=promise.pk,
        changes={
            "status": [ImportJob.Status.READY, ImportJob.Status.ACCEPTED],
            "promise": [None, promise.pk],
            "file": [None, job.original_name],
        },
        message=_(
            "Import %(job)s of %(file)s (SHA-256 %(sha256)s): %(commitments)s "
            "commitments, %(activities)s activities, %(followups)s follow-ups."
        )
        % {
            "job": job.pk,
            "file": job.original_name,
            "sha256": job.sha256,
            "commitments": len(commitments),
            "activities": len(draft.activities),
            "followups": followup_count,
        },
    )
    return promise


def _partners(
    draft: PromiseDraft, actor: User | None, created: list[str]
) -> dict[str, Organisation]:
    """The partner organisations the draft names, creating those not registered
    (their names are added to `created`)."""
    names = list(
        {normalise(n): n for a in draft.activities for n in a.partners}.values()
    )
    found = partners_get_or_create(
        actor=actor, names=names, municipality=draft.municipality
    )
    created += [organisation.name for organisation, new in found if new]
    return {
        normalise(name): organisation
        for name, (organisation, _new) in zip(names, found, strict=True)
    }


@transaction.atomic
def import_job_discard(*, job: ImportJob, actor: User) -> None:
    """Remove an import that was not accepted, with its stored file."""
    job = ImportJob.objects.select_for_update().get(pk=job.pk)
    if not can_review_import_job(user=actor, job=job):
        raise PermissionDenied(_("You may not discard this import."))
    if job.status == ImportJob.Status.ACCEPTED:
        raise ValidationError(
            _("An accepted import is the record of where its draft came from.")
        )
    audit_log(
        actor=actor,
        action="import.discard",
        obj=job,
        changes={"file": [job.original_name, None]},
    )
    _delete_file_on_commit(job.source.name)
    job.delete()


# --- The command line ----------------------------------------------------------------


class DraftNotCreated(ValidationError):
    """A document was read but cannot become a draft without a person's choice."""


@dataclass
class SavedDraft:
    """A document saved from the command line: its import, the draft, and what
    a reviewer should check."""

    job: ImportJob
    promise: Promise
    hints: list[str]


@transaction.atomic
def import_document_save_draft(
    *,
    actor: User | None,
    data: bytes,
    filename: str,
    parsed: ParsedDocument,
    municipality: Municipality | None = None,
    year: int | None = None,
    source_url: str = "",
) -> SavedDraft:
    """Keep a document read on the command line as an accepted import and create
    its draft from the parse alone, for editors to review in the web interface.

    `municipality` and `year` are used when the document names none;
    `source_url`, the address the document was published at, is kept on the
    import (the parse should have been given it too). Activities
    that name no responsible party are given to both the police and the
    municipality, which the draft's hints say.
    """
    result = parsed.result.to_dict()
    draft = import_draft_defaults(result=result, organisation=None)
    place = draft.municipality or municipality
    if place is None:
        raise DraftNotCreated(
            _("No municipality was recognised in the document."),
            code="no_municipality",
        )
    draft.municipality = place
    if draft.police_area is None:
        areas = list(place.police_areas.all()[:2])
        draft.police_area = areas[0] if len(areas) == 1 else None
    if draft.start_date is None:
        if year is None:
            raise DraftNotCreated(
                _("No year was recognised in the document."), code="no_year"
            )
        draft = _with_year(draft, year)
    for activity in draft.activities:
        if activity.notes:
            activity.hints.append(
                _(
                    "What the document also says about the activity was added to "
                    "its text."
                )
            )
        if not (
            activity.responsible_police
            or activity.responsible_municipality
            or activity.partners
        ):
            activity.responsible_police = activity.responsible_municipality = True
            activity.hints = [
                _(
                    "No responsible party was named; the police and the "
                    "municipality are set until someone checks it."
                ),
                *(h for h in activity.hints if h != no_responsible_party_hint()),
            ]
    # The municipality's own organisation comes before the police area's.
    organisation = organisations_for_places(
        municipality_ids=[place.pk],
        police_area_id=draft.police_area.pk if draft.police_area else None,
    ).first()
    job = ImportJob(
        organisation=organisation,
        original_name=_file_name(filename),
        source_url=source_url_clean(source_url),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        file_type=parsed.file_type,
        status=ImportJob.Status.READY,
        result=result,
        source_blocks=blocks_as_data(parsed.blocks),
    )
    job.source.save(job.original_name, ContentFile(data), save=False)
    try:
        job.save()
        audit_log(
            actor=actor,
            action="import.upload",
            obj=job,
            changes=_upload_changes(job),
        )
        promise = import_job_accept(job=job, actor=actor, data=draft)
    except BaseException:
        job.source.storage.delete(job.source.name)
        raise
    job.refresh_from_db()
    hints = list(draft.hints)
    for number, activity in enumerate(draft.activities, start=1):
        hints += [
            _("Activity %(number)s: %(hint)s") % {"number": number, "hint": hint}
            for hint in activity.hints
        ]
    return SavedDraft(job=job, promise=promise, hints=hints)


def _with_year(draft: PromiseDraft, year: int) -> PromiseDraft:
    draft.start_date = datetime.date(year, 1, 1)
    draft.end_date = datetime.date(year, 12, 31)
    for activity in draft.activities:
        for followup in activity.followups:
            followup.year = followup.year or year
    return draft


def import_job_make_activity(*, job: ImportJob, actor: User, key: str) -> str:
    """Turn one sentence of the document that produced no activity (a key from
    `import_result_unused_sentences`) into an activity of the import's result,
    to be reviewed like the others; returns the sentence."""
    from .parsing.targets import read_targets
    from .parsing.text import sentences
    from .permissions import can_review_import_job

    if not can_review_import_job(user=actor, job=job):
        raise PermissionDenied
    if job.status != ImportJob.Status.READY or not job.result:
        raise ValidationError(_("This import is no longer waiting for review."))
    try:
        note_index, sentence_index = (int(part) for part in key.split(".", 1))
        note = job.result["notes"][note_index]
        parts = sentences(note["text"])
        sentence = parts[sentence_index]
    except (ValueError, KeyError, IndexError, TypeError):
        raise ValidationError(
            _("That sentence is no longer in the document.")
        ) from None
    if note_index < 0 or sentence_index < 0:
        raise ValidationError(_("That sentence is no longer in the document."))
    targets = read_targets(sentence)
    activity: dict = {
        "text": sentence,
        "focus_area": note.get("focus_area"),
        "commitment": None,
        "responsible": [],
        "partners": [],
        "target": None,
        "followups": [],
    }
    if targets:
        target = targets[0]
        activity["target"] = {
            "comparator": target.comparator,
            "value": target.value,
            "unit": target.unit,
        }
    rest = [part for index, part in enumerate(parts) if index != sentence_index]
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        result = job.result
        if rest:
            result["notes"][note_index]["text"] = " ".join(rest)
        else:
            del result["notes"][note_index]
        result["activities"].append(activity)
        job.result = result
        job.save(update_fields=["result"])
    return sentence
