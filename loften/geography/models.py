from django.db import models
from django.utils.translation import gettext_lazy as _


class PoliceRegion(models.Model):
    """One of Polismyndigheten's seven regions, made of whole counties."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("police region")
        verbose_name_plural = _("police regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class County(models.Model):
    """A län, with its two-digit SCB code."""

    code = models.CharField(_("county code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    police_region = models.ForeignKey(
        PoliceRegion,
        verbose_name=_("police region"),
        on_delete=models.PROTECT,
        related_name="counties",
    )

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{2}$"),
                name="county_code_two_digits",
                violation_error_message=_("A county code is two digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A kommun, with its four-digit SCB code; the first two digits are its county."""

    code = models.CharField(_("municipality code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True, allow_unicode=True)
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="municipalities",
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^[0-9]{4}$"),
                name="municipality_code_four_digits",
                violation_error_message=_("A municipality code is four digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.code and self.county_id and self.code[:2] != self.county.code:
            raise ValidationError(
                {"code": _("The first two digits must be the county code.")}
            )


class PoliceArea(models.Model):
    """A lokalpolisområde (LPO). It covers one or more municipalities.

    No official machine-readable list exists, so administrators keep these.
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    police_region = models.ForeignKey(
        PoliceRegion,
        verbose_name=_("police region"),
        on_delete=models.PROTECT,
        related_name="police_areas",
    )
    district = models.CharField(
        _("police district"),
        max_length=120,
        blank=True,
        help_text=_("The polisområde the police area belongs to, if known."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities"),
        related_name="police_areas",
        blank=True,
    )

    class Meta:
        verbose_name = _("police area")
        verbose_name_plural = _("police areas")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
