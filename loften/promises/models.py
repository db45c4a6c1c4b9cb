from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from loften.core import limits
from loften.geography.models import Municipality, PoliceArea
from loften.organisations.models import Organisation


class FocusArea(models.Model):
    """A fokusområde from the shared, editable taxonomy (narkotika, trafik, …), or
    one typed in for a draft that is not shared yet (`private_to`)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(
        _("description"), blank=True, **limits.text_field(limits.DESCRIPTION)
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Inactive focus areas stay on old promises but cannot be chosen."),
    )
    order = models.PositiveIntegerField(
        _("order"), default=0, validators=limits.between(0, limits.ORDER)
    )
    # A focus area an editor typed in is the draft's own until a promise that
    # uses it is published; only then (or when an administrator clears this) do
    # other organisations and the public see it.
    private_to = models.ForeignKey(
        "Promise",
        verbose_name=_("private to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="private_focus_areas",
        help_text=_(
            "A focus area typed in by an editor is shown only in this promise "
            "until a promise that uses it is published. Clear it to share the "
            "focus area with everyone now."
        ),
    )

    class Meta:
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Cadence(models.TextChoices):
    TERTIAL = "tertial", _("Per tertial")
    QUARTER = "quarter", _("Per quarter")
    YEAR = "year", _("Per year")


class Promise(models.Model):
    """A medborgarlöfte: what the police area and the municipality promise together."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        CONCLUDED = "concluded", _("Concluded")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities"),
        related_name="promises",
    )
    police_area = models.ForeignKey(
        PoliceArea,
        verbose_name=_("police area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="promises",
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    cadence = models.CharField(
        _("follow-up cadence"),
        max_length=10,
        choices=Cadence.choices,
        default=Cadence.TERTIAL,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
    )
    situation_summary = models.TextField(
        _("situational picture (lägesbild)"),
        blank=True,
        **limits.text_field(limits.SUMMARY),
        help_text=_("The problems found, in brief and in plain language."),
    )
    followup_plan = models.TextField(
        _("follow-up plan"),
        blank=True,
        **limits.text_field(limits.FOLLOWUP),
        help_text=_(
            "How often, who reports to whom, and which effect measures are used."
        ),
    )
    signing_date = models.DateField(_("signing date"), null=True, blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous promise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    # Bumped by every service that changes the plan; approvals name the revision
    # they approved, so a change after approval needs a new approval.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("promise")
        verbose_name_plural = _("promises")
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")),
                name="promise_starts_before_it_ends",
                violation_error_message=_(
                    "The start date must not be after the end date."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(previous=F("id")),
                name="promise_not_its_own_previous",
                violation_error_message=_("A promise cannot renew itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.start_date.year, self.end_date.year + 1))

    @property
    def period_label(self) -> str:
        if self.start_date.year == self.end_date.year:
            return str(self.start_date.year)
        return f"{self.start_date.year}–{self.end_date.year}"


class SituationSource(models.Model):
    """Where the lägesbild comes from: a survey, a dialogue, statistics, …"""

    class Kind(models.TextChoices):
        SURVEY = "survey", _("Survey")
        CITIZEN_DIALOGUE = "citizen_dialogue", _("Citizen dialogue")
        STAFF_DIALOGUE = "staff_dialogue", _("Staff dialogue")
        SAFETY_WALK = "safety_walk", _("Safety walk")
        CRIME_STATISTICS = "crime_statistics", _("Crime statistics")
        INTELLIGENCE = "intelligence", _("Police intelligence")
        OTHER = "other", _("Other")

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="situation_sources",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    year = models.PositiveIntegerField(
        _("year"),
        null=True,
        blank=True,
        validators=limits.between(limits.FIRST_YEAR, limits.LAST_YEAR),
    )
    url = models.URLField(_("link"), blank=True)
    note = models.TextField(
        _("what it showed"), blank=True, **limits.text_field(limits.DESCRIPTION)
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("source of the situational picture")
        verbose_name_plural = _("sources of the situational picture")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Signatory(models.Model):
    """A person who signed the promise (name, title, organisation)."""

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("title"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class Contact(models.Model):
    """A named contact person of the promise (the kommunpolis, the municipality's
    coordinator), with a public way to reach them. Shown on the public page."""

    class Kind(models.TextChoices):
        POLICE = "police", _("Community police officer (kommunpolis)")
        COORDINATOR = "coordinator", _("The municipality's coordinator")
        OTHER = "other", _("Other contact")

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.POLICE
    )
    name = models.CharField(_("name"), max_length=limits.CONTACT)
    role = models.CharField(_("role"), max_length=limits.CONTACT)
    route = models.CharField(
        _("how to reach them"),
        max_length=limits.CONTACT,
        help_text=_(
            "A public way to reach them: a work e-mail address, a switchboard "
            "number or a web page. Never a private number."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["police", "coordinator", "other"]),
                name="contact_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.role}"


class Commitment(models.Model):
    """One promise statement ("Vi ska arbeta för en drogfri miljö …")."""

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    text = models.TextField(_("text"), **limits.text_field(limits.COMMITMENT))
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class Comparator(models.TextChoices):
    AT_LEAST = "at_least", _("at least")
    AT_MOST = "at_most", _("at most")
    EXACTLY = "exactly", _("exactly")


class TargetScope(models.TextChoices):
    PER_PERIOD = "per_period", _("per reporting period")
    PER_YEAR = "per_year", _("per year")
    WHOLE_PROMISE = "whole_promise", _("for the whole promise period")


class Activity(models.Model):
    """Something the parties will do, with who is responsible and an optional target."""

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    text = models.TextField(_("activity"), **limits.text_field(limits.ACTIVITY))
    responsible_police = models.BooleanField(
        _("the police are responsible"), default=False
    )
    responsible_municipality = models.BooleanField(
        _("the municipality is responsible"), default=False
    )
    partners = models.ManyToManyField(
        Organisation,
        verbose_name=_("other responsible partners"),
        blank=True,
        related_name="activities",
        limit_choices_to={"kind": Organisation.Kind.PARTNER},
    )
    target_comparator = models.CharField(
        _("target comparator"), max_length=10, choices=Comparator.choices, blank=True
    )
    target_value = models.PositiveIntegerField(
        _("target value"),
        null=True,
        blank=True,
        validators=limits.between(0, limits.COUNT),
    )
    target_unit = models.CharField(
        _("target unit"),
        max_length=120,
        blank=True,
        help_text=_("What is counted, e.g. trafikkontroller or trygghetsvandringar."),
    )
    target_scope = models.CharField(
        _("target applies"),
        max_length=20,
        choices=TargetScope.choices,
        default=TargetScope.PER_YEAR,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(target_comparator="", target_value__isnull=True)
                    | (~Q(target_comparator="") & Q(target_value__isnull=False))
                ),
                name="activity_target_complete_or_absent",
                violation_error_message=_(
                    "A target needs both a comparator and a number, or neither."
                ),
            ),
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | Q(target_value__gte=0),
                name="activity_target_not_negative",
                violation_error_message=_("A target cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(
                    target_comparator__in=["", "at_least", "at_most", "exactly"]
                ),
                name="activity_target_comparator_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def has_target(self) -> bool:
        return self.target_value is not None


class Indicator(models.Model):
    """An effect measure (effektmått), e.g. the share who feel unsafe in the centre."""

    class Direction(models.TextChoices):
        DECREASE = "decrease", _("Lower is better")
        INCREASE = "increase", _("Higher is better")

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    focus_area = models.ForeignKey(
        FocusArea,
        verbose_name=_("focus area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=250)
    description = models.TextField(
        _("description"), blank=True, **limits.text_field(limits.DESCRIPTION)
    )
    source = models.CharField(
        _("source"),
        max_length=250,
        help_text=_("E.g. the police's trygghetsmätning, NTU, reported crime."),
    )
    unit = models.CharField(_("unit"), max_length=60, help_text=_("E.g. %, antal."))
    direction = models.CharField(
        _("desired direction"), max_length=10, choices=Direction.choices
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """The measured value of an indicator for one year."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="values",
    )
    year = models.PositiveIntegerField(
        _("year"), validators=limits.between(limits.FIRST_YEAR, limits.LAST_YEAR)
    )
    value = models.DecimalField(
        _("value"),
        max_digits=12,
        decimal_places=2,
        validators=limits.between(-limits.INDICATOR_VALUE, limits.INDICATOR_VALUE),
    )
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="indicator_value_one_per_year",
                violation_error_message=_(
                    "This indicator already has a value for the year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1990) & Q(year__lte=2100),
                name="indicator_value_year_plausible",
                violation_error_message=_("The year must be between 1990 and 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.year}"
