"""A citizen's e-mail subscription to a municipality's or one promise's
publications. Only the address, what it follows, its language and whether it
was confirmed are stored; unsubscribing deletes the row."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loften.geography.models import Municipality
from loften.promises.models import Promise


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"))
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    promise = models.ForeignKey(
        Promise,
        verbose_name=_("promise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # The secret in the confirmation and unsubscribe links.
    token = models.CharField(_("token"), max_length=64, unique=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail subscription")
        verbose_name_plural = _("e-mail subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(municipality__isnull=False, promise__isnull=True)
                    | Q(municipality__isnull=True, promise__isnull=False)
                ),
                name="subscription_follows_one_thing",
                violation_error_message=_(
                    "A subscription follows either a municipality or a promise."
                ),
            ),
            models.UniqueConstraint(
                fields=["email", "municipality"],
                condition=Q(municipality__isnull=False),
                name="subscription_once_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["email", "promise"],
                condition=Q(promise__isnull=False),
                name="subscription_once_per_promise",
            ),
        ]

    def __str__(self) -> str:
        return str(self.municipality or self.promise)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
