from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from loften.geography.models import Municipality, PoliceArea

from .logos import logo_upload_to, validate_logo


class Organisation(models.Model):
    """A party to promises: a municipality's administration, a police area or a partner.

    Partners (a school, an association, a housing company) can be named as
    responsible for activities; users belong to organisations through memberships.
    """

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE_AREA = "police_area", _("Police area")
        PARTNER = "partner", _("Other partner")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
        help_text=_(
            "For a municipality: the municipality it runs. For a partner: "
            "its home municipality, if it is local."
        ),
    )
    police_area = models.ForeignKey(
        PoliceArea,
        verbose_name=_("police area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    feedback_url = models.URLField(
        _("where citizens give input"),
        blank=True,
        help_text=_("A page where residents can send views and tips."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        max_length=200,
        validators=[
            FileExtensionValidator(["png", "jpg", "jpeg"]),
            validate_logo,
        ],
        help_text=_(
            "Printed on the cover of follow-up reports. PNG or JPEG, at most 1 MB."
        ),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="municipality") | Q(municipality__isnull=False),
                name="organisation_municipality_has_municipality",
                violation_error_message=_(
                    "A municipality organisation must name its municipality."
                ),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="police_area", police_area__isnull=False)
                    | (~Q(kind="police_area") & Q(police_area__isnull=True))
                ),
                name="organisation_police_area_matches_kind",
                violation_error_message=_(
                    "Only a police area organisation names a police area, and it must."
                ),
            ),
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(kind="municipality"),
                name="organisation_one_per_municipality",
                violation_error_message=_(
                    "This municipality already has an organisation."
                ),
            ),
            models.UniqueConstraint(
                fields=["police_area"],
                condition=Q(kind="police_area"),
                name="organisation_one_per_police_area",
                violation_error_message=_(
                    "This police area already has an organisation."
                ),
            ),
            models.UniqueConstraint(
                fields=["kind", "name"],
                name="organisation_unique_name_per_kind",
                violation_error_message=_(
                    "An organisation of this kind with this name already exists."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one organisation."""

    class Role(models.TextChoices):
        VIEWER = "viewer", _("Viewer")
        EDITOR = "editor", _("Editor")
        APPROVER = "approver", _("Approver")
        ADMINISTRATOR = "administrator", _("Administrator")

    # Each role includes the rights of the roles before it.
    ROLE_ORDER = [Role.VIEWER, Role.EDITOR, Role.APPROVER, Role.ADMINISTRATOR]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_unique_user_organisation",
                violation_error_message=_(
                    "The user is already a member of this organisation."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["viewer", "editor", "approver", "administrator"]),
                name="membership_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def has_role(self, role: str) -> bool:
        """True when this membership's role is `role` or a higher one."""
        return self.ROLE_ORDER.index(self.role) >= self.ROLE_ORDER.index(role)
