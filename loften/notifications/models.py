"""What editors and approvers are told: a notification in the app (and by
e-mail as each recipient chose), their choices, and the reminders already sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loften.core import limits
from loften.followups.models import ReportingPeriod
from loften.promises.models import Promise


class Kind(models.TextChoices):
    SUBMITTED = "submitted", _("Sent for approval")
    APPROVED = "approved", _("Approved by a party")
    SENT_BACK = "sent_back", _("Sent back to the editors")
    PUBLISHED = "published", _("Published")
    COMMENT = "comment", _("A comment between the parties")
    DEADLINE = "deadline", _("A follow-up due soon or overdue")


class Delivery(models.TextChoices):
    IMMEDIATELY = "immediately", _("By e-mail at once")
    DAILY = "daily", _("In a daily digest")
    NEVER = "never", _("Only here, no e-mail")


class Notification(models.Model):
    """One thing one user is told about one promise. It names what happened and
    links to the page; it never holds a draft's text."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The name of who did it (empty: Löften itself), kept as it was then.
    actor_name = models.CharField(_("who"), max_length=200, blank=True)
    # What an approver or a commenter wrote to the other party, not the draft.
    comment = models.TextField(
        _("comment"), blank=True, **limits.text_field(limits.COMMENT)
    )
    # Due date and days for reminders; the party's name for approvals.
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    path = models.CharField(_("link"), max_length=500)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values), name="notification_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.get_kind_display()} ({self.promise})"


class NotificationSettings(models.Model):
    """A user's language for e-mail and the day their last digest was sent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    language = models.CharField(
        _("language of e-mail"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    digest_sent_on = models.DateField(_("last digest"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="notification_settings_language_known",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class NotificationPreference(models.Model):
    """How one user wants to hear of one kind of notification by e-mail; without
    a row, at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    delivery = models.CharField(
        _("e-mail"),
        max_length=20,
        choices=Delivery.choices,
        default=Delivery.IMMEDIATELY,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], name="notification_preference_once_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=Kind.values),
                name="notification_preference_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(delivery__in=Delivery.values),
                name="notification_preference_delivery_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {self.delivery}"


class ReminderSent(models.Model):
    """A reminder of a promise's follow-up for one period, sent once: `key` is
    `before-14`, `before-3` or `overdue-N` (the Nth overdue week)."""

    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    key = models.CharField(_("reminder"), max_length=20)
    due_date = models.DateField(_("follow-up due"))
    sent_on = models.DateField(_("sent"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["promise", "period", "due_date", "key"],
                name="reminder_sent_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.promise} {self.period} {self.key}"
