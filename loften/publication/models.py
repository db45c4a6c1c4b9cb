"""Approval, the immutable published versions, and the public read model.

Publishing freezes the promise into a `PromiseVersion` (a JSON snapshot that is
never changed afterwards, as an official record must not be) and rebuilds the
`Published*` tables from it. Everything public (pages, search, statistics, open
data, reports) reads only these, so a draft cannot leak by construction.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loften.core import limits
from loften.followups.models import ReportingPeriod
from loften.geography.models import Municipality, PoliceArea
from loften.organisations.models import Organisation
from loften.promises.models import (
    Comparator,
    FocusArea,
    Indicator,
    Promise,
    TargetScope,
)


class Approval(models.Model):
    """An approver's yes, for one party, to one revision of a plan or a report."""

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approvals",
        help_text=_("Empty when the promise itself was approved."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="approvals",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        related_name="approvals",
    )
    revision = models.PositiveIntegerField(_("revision"))
    comment = models.TextField(
        _("comment"), blank=True, **limits.text_field(limits.COMMENT)
    )
    comment_public = models.BooleanField(
        _("show the comment on the public version page"), default=False
    )
    version = models.ForeignKey(
        "PromiseVersion",
        verbose_name=_("published as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approvals",
        help_text=_("The version this approval led to, once published."),
    )
    created_at = models.DateTimeField(_("approved"), auto_now_add=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "organisation", "revision"],
                condition=Q(period__isnull=True),
                name="approval_once_per_plan_revision",
                violation_error_message=_(
                    "This party has already approved this version."
                ),
            ),
            models.UniqueConstraint(
                fields=["promise", "period", "organisation", "revision"],
                condition=Q(period__isnull=False),
                name="approval_once_per_report_revision",
                violation_error_message=_(
                    "This party has already approved this version."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promise} – {self.organisation} ({self.user})"


class VersionImmutableError(Exception):
    """A published version is an official record: it is never changed or removed."""


class Comment(models.Model):
    """A message between the parties about a promise's plan or one period's
    follow-up; an approver's send-back is one too, with its reason."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        SEND_BACK = "send_back", _("Sent back")

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the comment is about the promise itself."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.COMMENT
    )
    text = models.TextField(_("comment"), **limits.text_field(limits.COMMENT))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["comment", "send_back"]),
                name="comment_kind_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promise} – {self.author or '–'}: {self.text[:40]}"


class PromiseVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise VersionImmutableError("A published version cannot be changed.")

    def delete(self):
        raise VersionImmutableError("A published version cannot be removed.")


class PromiseVersion(models.Model):
    """One published state of a promise. Never changed once written.

    Saving an existing row, `update()` and deleting through the model or its
    manager refuse; the promise itself cannot be deleted while it has versions.
    """

    class Kind(models.TextChoices):
        PLAN = "plan", _("The promise")
        PERIOD = "period", _("Follow-up")

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(
        _("what was published"), max_length=10, choices=Kind.choices
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    snapshot = models.JSONField(_("published content"))
    published_at = models.DateTimeField(_("published"), db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("what changed"), blank=True)

    objects = PromiseVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["promise", "-number"]
        get_latest_by = "number"
        # The newest versions (start page, feeds) and the sitemap's dates are
        # read from these alone: on SQLite every column after the snapshot sits
        # behind it, so reading them from the table means reading the snapshot.
        indexes = [
            models.Index(
                fields=["published_at", "id", "promise"],
                name="promise_version_by_date",
            ),
            models.Index(
                fields=["kind", "published_at", "id", "promise"],
                name="promise_version_kind_by_date",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "number"],
                name="promise_version_number_unique",
                violation_error_message=_("This version number is already used."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="promise_version_number_positive",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="plan", period__isnull=True)
                    | Q(kind="period", period__isnull=False)
                ),
                name="promise_version_period_matches_kind",
                violation_error_message=_(
                    "A follow-up version names its period; a promise version does not."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promise} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise VersionImmutableError("A published version cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise VersionImmutableError("A published version cannot be removed.")


class ChangeReason(models.Model):
    """Why an editor changed a published activity's target, text or responsible
    parties, or removed it: the public reason ("Varför ändras detta?"). It waits
    for the next publication of the plan, which writes it into the version and
    names that version here."""

    class Subject(models.TextChoices):
        TARGET = "target", _("Target")
        TEXT = "text", _("Activity text")
        RESPONSIBLE = "responsible", _("Responsible parties")
        REMOVED = "removed", _("Removed")

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="change_reasons",
    )
    # A plain id, not a foreign key: the reason for a removal outlives the activity.
    activity_id = models.PositiveBigIntegerField(_("activity"))
    subject = models.CharField(
        _("what changed"), max_length=20, choices=Subject.choices
    )
    reason = models.CharField(_("why it changes"), max_length=limits.CHANGE_REASON)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("given by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("given"), auto_now_add=True)
    version = models.ForeignKey(
        PromiseVersion,
        verbose_name=_("published in version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_reasons",
    )

    class Meta:
        verbose_name = _("reason for a change")
        verbose_name_plural = _("reasons for changes")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject__in=["target", "text", "responsible", "removed"]),
                name="change_reason_subject_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_subject_display()}: {self.reason[:60]}"


# --- The public read model ---------------------------------------------------------
# Rebuilt from the latest PromiseVersion on every publication; primary keys are the
# ids of the live rows, so public identifiers stay stable from version to version.


class PublishedPromise(models.Model):
    id = models.BigIntegerField(primary_key=True)
    version = models.ForeignKey(
        PromiseVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities"),
        related_name="published_promises",
    )
    police_area = models.ForeignKey(
        PoliceArea,
        verbose_name=_("police area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="published_promises",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    cadence = models.CharField(_("follow-up cadence"), max_length=10)
    is_concluded = models.BooleanField(_("concluded"), default=False)
    situation_summary = models.TextField(
        _("situational picture (lägesbild)"), blank=True
    )
    followup_plan = models.TextField(_("follow-up plan"), blank=True)
    signing_date = models.DateField(_("signing date"), null=True, blank=True)
    previous_id = models.BigIntegerField(_("previous promise"), null=True, blank=True)
    first_published_at = models.DateTimeField(_("first published"))
    updated_at = models.DateTimeField(_("updated"), db_index=True)

    class Meta:
        verbose_name = _("published promise")
        verbose_name_plural = _("published promises")
        ordering = ["-start_date", "title"]

    def __str__(self) -> str:
        return self.title


class PublishedCommitment(models.Model):
    id = models.BigIntegerField(primary_key=True)
    promise = models.ForeignKey(
        PublishedPromise, on_delete=models.CASCADE, related_name="commitments"
    )
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"))
    updated_at = models.DateTimeField(_("updated"), db_index=True)

    class Meta:
        verbose_name = _("published commitment")
        verbose_name_plural = _("published commitments")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class PublishedActivity(models.Model):
    id = models.BigIntegerField(primary_key=True)
    promise = models.ForeignKey(
        PublishedPromise, on_delete=models.CASCADE, related_name="activities"
    )
    commitment = models.ForeignKey(
        PublishedCommitment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    focus_area = models.ForeignKey(
        FocusArea,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="published_activities",
    )
    text = models.TextField(_("activity"))
    responsible_police = models.BooleanField(_("the police are responsible"))
    responsible_municipality = models.BooleanField(_("the municipality is responsible"))
    partners = models.JSONField(_("other responsible partners"), default=list)
    target_comparator = models.CharField(
        _("target comparator"), max_length=10, choices=Comparator.choices, blank=True
    )
    target_value = models.PositiveIntegerField(_("target value"), null=True, blank=True)
    target_unit = models.CharField(_("target unit"), max_length=120, blank=True)
    target_scope = models.CharField(
        _("target applies"), max_length=20, choices=TargetScope.choices
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"))
    updated_at = models.DateTimeField(_("updated"), db_index=True)

    class Meta:
        verbose_name = _("published activity")
        verbose_name_plural = _("published activities")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class PublishedFollowUp(models.Model):
    id = models.BigIntegerField(primary_key=True)
    activity = models.ForeignKey(
        PublishedActivity, on_delete=models.CASCADE, related_name="followups"
    )
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.PROTECT, related_name="published_followups"
    )
    status_name = models.CharField(_("status"), max_length=80, blank=True)
    status_category = models.CharField(_("status category"), max_length=20, blank=True)
    text = models.TextField(_("follow-up"), blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity achieved"), null=True, blank=True
    )
    hours = models.DecimalField(
        _("hours"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    target_met = models.BooleanField(_("target met"), null=True, blank=True)
    # The running total compared with the target at this period (the figure
    # "hittills i år"), and the target in force when the period was published.
    running_total = models.PositiveIntegerField(
        _("counted toward the target"), null=True, blank=True
    )
    target_value_then = models.PositiveIntegerField(
        _("target in force when published"), null=True, blank=True
    )
    target_final = models.BooleanField(
        _("figure final"),
        null=True,
        blank=True,
        help_text=_(
            "Whether no later period adds to the figure compared with the target."
        ),
    )
    # Whether this is the activity's latest figure against its target in the
    # period's year, the one the national figures count (public/statistics.py):
    # worked out when the read model is built, so that the overview need not
    # compare every follow-up with every other of its year.
    latest_in_year = models.BooleanField(_("latest figure of the year"), default=False)
    # Whether the figure counts as the target met for good
    # (loften.followups.progress.met_for_good, with the activity's comparator),
    # so that the national figures count it from this table alone.
    met_for_good = models.BooleanField(_("target met for good"), default=False)
    updated_at = models.DateTimeField(_("updated"), db_index=True)

    class Meta:
        verbose_name = _("published follow-up")
        verbose_name_plural = _("published follow-ups")
        ordering = ["period__start_date", "id"]
        indexes = [
            models.Index(
                fields=["period", "activity", "met_for_good"],
                condition=models.Q(latest_in_year=True),
                name="published_followup_latest",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.period}"


class PublishedIndicator(models.Model):
    id = models.BigIntegerField(primary_key=True)
    promise = models.ForeignKey(
        PublishedPromise, on_delete=models.CASCADE, related_name="indicators"
    )
    focus_area = models.ForeignKey(
        FocusArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=250)
    unit = models.CharField(_("unit"), max_length=60)
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Indicator.Direction.choices
    )
    order = models.PositiveIntegerField(_("order"))
    updated_at = models.DateTimeField(_("updated"), db_index=True)

    class Meta:
        verbose_name = _("published indicator")
        verbose_name_plural = _("published indicators")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class PublishedIndicatorValue(models.Model):
    id = models.BigIntegerField(primary_key=True)
    indicator = models.ForeignKey(
        PublishedIndicator, on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=250, blank=True)
    updated_at = models.DateTimeField(_("updated"), db_index=True)

    class Meta:
        verbose_name = _("published indicator value")
        verbose_name_plural = _("published indicator values")
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.year}"


class PublishedVersionSummary(models.Model):
    """What a feed reader is told of one published version (`summary.py`),
    worked out from it and the version before when it is published, so the
    feeds never compare snapshots. Written once, with the version; like the
    version, it is never changed afterwards."""

    version = models.OneToOneField(
        PromiseVersion,
        verbose_name=_("version"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="summary",
    )
    summary = models.JSONField(_("summary"))

    class Meta:
        verbose_name = _("summary of a published version")
        verbose_name_plural = _("summaries of published versions")

    def __str__(self) -> str:
        return str(self.version)
