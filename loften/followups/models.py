from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from loften.core import limits
from loften.promises.models import Activity, Promise

from . import periods as period_rules


class ReportingPeriod(models.Model):
    """A period that follow-ups are written for: a tertial, a quarter or a whole year.

    Periods are shared by all promises; each promise's cadence picks the kind.
    """

    class Kind(models.TextChoices):
        TERTIAL = period_rules.TERTIAL, _("Tertial")
        QUARTER = period_rules.QUARTER, _("Quarter")
        YEAR = period_rules.YEAR, pgettext_lazy("reporting period", "Year")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(
        _("number"), help_text=_("1–3 for tertials, 1–4 for quarters, 0 for a year.")
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    due_date = models.DateField(
        _("follow-up due"), help_text=_("When the follow-up should be written.")
    )

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "number"],
                name="reporting_period_unique",
                violation_error_message=_("This reporting period already exists."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")),
                name="reporting_period_starts_before_it_ends",
                violation_error_message=_(
                    "The start date must not be after the end date."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="tertial", number__gte=1, number__lte=3)
                    | Q(kind="quarter", number__gte=1, number__lte=4)
                    | Q(kind="year", number=0)
                ),
                name="reporting_period_number_fits_kind",
                violation_error_message=_(
                    "Tertials are numbered 1–3, quarters 1–4 and a year 0."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def short_label(self) -> str:
        """T1, Q2 or the year, as used in tables and exports."""
        if self.kind == self.Kind.TERTIAL:
            return f"T{self.number}"
        if self.kind == self.Kind.QUARTER:
            return f"Q{self.number}"
        return str(self.year)

    @property
    def code(self) -> str:
        """T1…T3, Q1…Q4 or "year": the period key used in imports and open data."""
        return "year" if self.kind == self.Kind.YEAR else self.short_label

    @property
    def label(self) -> str:
        if self.kind == self.Kind.TERTIAL:
            return gettext("Tertial %(number)s %(year)s") % {
                "number": self.number,
                "year": self.year,
            }
        if self.kind == self.Kind.QUARTER:
            return gettext("Quarter %(number)s %(year)s") % {
                "number": self.number,
                "year": self.year,
            }
        return gettext("Whole year %(year)s") % {"year": self.year}


class FollowUpStatus(models.Model):
    """One entry in the configurable list of follow-up statuses.

    No national list exists, so administrators keep their own wording; each status
    maps to a fixed category that statistics and open data can rely on.
    """

    class Category(models.TextChoices):
        DONE = "done", _("Done")
        PARTLY_DONE = "partly_done", _("Partly done")
        ONGOING = "ongoing", _("Ongoing")
        PLANNED = "planned", _("Planned")
        NOT_DONE = "not_done", _("Not done")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    order = models.PositiveIntegerField(
        _("order"), default=0, validators=limits.between(0, limits.ORDER)
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("follow-up status")
        verbose_name_plural = _("follow-up statuses")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class FollowUp(models.Model):
    """What was done for one activity in one reporting period."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="followups",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    status = models.ForeignKey(
        FollowUpStatus,
        verbose_name=_("status"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followups",
    )
    text = models.TextField(
        _("follow-up"), blank=True, **limits.text_field(limits.FOLLOWUP)
    )
    quantity = models.PositiveIntegerField(
        _("quantity achieved"),
        null=True,
        blank=True,
        validators=limits.between(0, limits.COUNT),
    )
    quantity_note = models.CharField(
        _("why the quantity differs from the log"),
        max_length=300,
        blank=True,
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.between(0, limits.HOURS),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking: a save must name the version it was based on.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["period__start_date", "activity__order", "activity_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "period"],
                name="followup_one_per_activity_and_period",
                violation_error_message=_(
                    "This activity already has a follow-up for the period."
                ),
            ),
            models.CheckConstraint(
                condition=Q(quantity__isnull=True) | Q(quantity__gte=0),
                name="followup_quantity_not_negative",
                violation_error_message=_("A quantity cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
                name="followup_hours_not_negative",
                violation_error_message=_("Hours cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(version__gte=1),
                name="followup_version_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} – {self.period}"


class ActivityEvent(models.Model):
    """One logged occurrence of an activity; period totals are sums of these."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    date = models.DateField(_("date"), db_index=True)
    quantity = models.PositiveIntegerField(
        _("quantity"), default=1, validators=limits.between(0, limits.DAY_COUNT)
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=limits.between(0, limits.DAY_HOURS),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True, **limits.text_field(limits.COMMENT))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("logged"), auto_now_add=True)

    class Meta:
        verbose_name = _("logged occurrence")
        verbose_name_plural = _("logged occurrences")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0),
                name="activity_event_quantity_not_negative",
                violation_error_message=_("A quantity cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
                name="activity_event_hours_not_negative",
                violation_error_message=_("Hours cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.date:%Y-%m-%d}"


class PeriodReport(models.Model):
    """The follow-up of one promise for one period, as a unit that is approved.

    Its revision is bumped whenever a follow-up in it changes, so approvals of an
    earlier revision no longer count.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        PUBLISHED = "published", _("Published")

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="period_reports",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("A short summary of the period."),
        **limits.text_field(limits.SUMMARY),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    due_date = models.DateField(
        _("follow-up due"),
        null=True,
        blank=True,
        help_text=_("For this promise only; empty means the period's usual due date."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("period report")
        verbose_name_plural = _("period reports")
        ordering = ["period__start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "period"],
                name="period_report_one_per_promise_and_period",
                violation_error_message=_(
                    "This promise already has a report for the period."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promise} – {self.period}"
