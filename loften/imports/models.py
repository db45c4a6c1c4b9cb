import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loften.organisations.models import Organisation
from loften.promises.models import Promise


def source_upload_to(instance: "ImportJob", filename: str) -> str:
    """A random name under imports/<year>/<month>/: the original name is kept on
    the job, and a stored name that cannot be guessed keeps the file private."""
    extension = PurePath(filename).suffix.lower()
    if not extension[1:].isalnum() or len(extension) > 8:
        extension = ""
    return f"imports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


# The longest source address kept; longer ones are refused, not cut.
SOURCE_URL_MAX_LENGTH = 500
source_url_validator = URLValidator(
    schemes=["http", "https"],
    message=_(
        "Enter the web address the document was published at, starting with "
        "http:// or https://."
    ),
)


class ImportJob(models.Model):
    """One uploaded document on its way to a draft promise.

    The worker reads it (queued → processing → ready or failed); an editor
    reviews the result and accepts it, which creates the draft (accepted).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be read")
        PROCESSING = "processing", _("Being read")
        READY = "ready", _("Ready for review")
        FAILED = "failed", _("Could not be read")
        ACCEPTED = "accepted", _("Accepted")

    # Jobs in these states are still being worked on by the worker.
    PENDING = (Status.QUEUED, Status.PROCESSING)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty for documents imported from the command line."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="import_jobs",
        help_text=_(
            "The organisation the document is imported for; its members see the "
            "import. Empty only for command-line imports for a place that has no "
            "organisation."
        ),
    )
    source = models.FileField(
        _("source file"), upload_to=source_upload_to, max_length=200, blank=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    source_url = models.URLField(
        _("source address"),
        max_length=SOURCE_URL_MAX_LENGTH,
        blank=True,
        validators=[source_url_validator],
        help_text=_(
            "The web address the document was published at, if known. When the "
            "text names no year, a date or year in the address is used."
        ),
    )
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    file_type = models.CharField(
        _("read as"),
        max_length=10,
        blank=True,
        help_text=_("txt, html, pdf or docx, once the file has been read."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.QUEUED,
        db_index=True,
    )
    result = models.JSONField(_("parse result"), null=True, blank=True)
    source_blocks = models.JSONField(
        _("source text"),
        null=True,
        blank=True,
        help_text=_("The document as read: headings, paragraphs, list items, rows."),
    )
    error_code = models.CharField(_("error code"), max_length=30, blank=True)
    error_message = models.TextField(_("error"), blank=True)
    promise = models.ForeignKey(
        Promise,
        verbose_name=_("draft promise"),
        null=True,
        blank=True,
        # The record of the import outlives a draft that is deleted later.
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    created = models.JSONField(
        _("created on acceptance"),
        default=dict,
        blank=True,
        help_text=_(
            "How many commitments, activities, targets and follow-ups the draft "
            "got, and the partners and focus areas that were added."
        ),
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    status__in=["queued", "processing", "ready", "failed", "accepted"]
                ),
                name="import_job_status_valid",
            ),
            # A draft comes only from an accepted import. (An accepted import may
            # lose its draft when the draft is deleted later.)
            models.CheckConstraint(
                condition=Q(promise__isnull=True) | Q(status="accepted"),
                name="import_job_promise_only_when_accepted",
                violation_error_message=_(
                    "Only an accepted import has a draft promise."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="accepted", accepted_at__isnull=False)
                    | (~Q(status="accepted") & Q(accepted_at__isnull=True))
                ),
                name="import_job_accepted_when_and_only_when_accepted",
            ),
            models.CheckConstraint(
                condition=(
                    (Q(status="failed") & ~Q(error_code=""))
                    | (~Q(status="failed") & Q(error_code=""))
                ),
                name="import_job_error_when_and_only_when_failed",
                violation_error_message=_("A failed import must say why, and only it."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(result__isnull=False) | ~Q(status__in=["ready", "accepted"])
                ),
                name="import_job_ready_has_result",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"),
                name="import_job_sha256_hex",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING

    @property
    def warnings(self) -> list[str]:
        return list((self.result or {}).get("warnings", []))
