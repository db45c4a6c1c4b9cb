"""Generated follow-up report files.

A report is rendered from a snapshot: the published version of the promise, or
for a draft the working copy as it stood when the draft was asked for. The file
is kept in MEDIA_ROOT so that a published report is made once per version, and
so that a large report can be made in the background and fetched when ready.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loften.followups.models import ReportingPeriod
from loften.promises.models import Promise
from loften.publication.models import PromiseVersion


def report_upload_to(instance: "GeneratedReport", filename: str) -> str:
    return f"reports/{instance.promise_id}/{instance.pk}/{filename}"


class GeneratedReport(models.Model):
    """One rendering of a promise's follow-up for one period, in one format."""

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("Published")
        DRAFT = "draft", _("Draft")

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        XLSX = "xlsx", "Excel"
        CSV = "csv", "CSV"

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be made")
        RUNNING = "running", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be made")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="generated_reports",
    )
    version = models.ForeignKey(
        PromiseVersion,
        verbose_name=_("published version"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="generated_reports",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="generated_reports",
    )
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    language = models.CharField(_("language"), max_length=10)
    # A draft keeps the working copy it was asked for, so the file shows exactly
    # that even when it is made later in the background.
    source = models.JSONField(_("content of the draft"), null=True, blank=True)
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to=report_upload_to, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("generated report")
        verbose_name_plural = _("generated reports")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "period", "format", "language"],
                condition=Q(kind="published"),
                name="generated_report_once_per_published_version",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="published", version__isnull=False)
                    | Q(kind="draft", version__isnull=True, source__isnull=False)
                ),
                name="generated_report_source_matches_kind",
                violation_error_message=_(
                    "A published report names its version; a draft keeps its content."
                ),
            ),
            models.CheckConstraint(
                condition=Q(format__in=["pdf", "docx", "xlsx", "csv"]),
                name="generated_report_format_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["promise", "period", "format", "language", "fingerprint"],
                name="generated_report_draft_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.promise} – {self.period} ({self.format}, {self.kind})"

    @property
    def is_draft(self) -> bool:
        return self.kind == self.Kind.DRAFT

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and bool(self.file)

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.READY, self.Status.FAILED}
