from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person who signs in: an editor, approver, analyst or administrator.

    Citizens never need an account. What a user may change follows from their
    memberships in organisations (see loften.organisations).
    """

    email = models.EmailField(_("e-mail address"), blank=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("E.g. kommunpolis.")
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class AuditEntry(models.Model):
    """One change that matters, written by a service in the same transaction."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    promise_id = models.BigIntegerField(
        _("promise"), null=True, blank=True, db_index=True
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class WorkerProcess(models.Model):
    """A running `loften worker`, which writes `seen_at` every few seconds.

    A task left running by a worker that stopped writing (or, on the same
    machine, whose process is gone) is put back in the queue once and then
    failed (loften/core/worker.py).
    """

    worker_id = models.CharField(_("worker"), max_length=40, unique=True)
    host = models.CharField(
        _("host"),
        max_length=200,
        help_text=_("The machine (and its process namespace) the worker runs on."),
    )
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("background worker")
        verbose_name_plural = _("background workers")
        ordering = ["started_at"]

    def __str__(self) -> str:
        return f"{self.host} {self.pid}"
