from django.db import models
from django.utils.translation import gettext_lazy as _

from loften.core import limits


class AccessibilityReport(models.Model):
    """A visitor's report of an accessibility problem on the public site.

    Stored so that nothing is lost if e-mail fails; site administrators are
    e-mailed and handle reports in the admin.
    """

    page_url = models.CharField(_("page"), max_length=500, blank=True)
    description = models.TextField(
        _("what the problem is"), **limits.text_field(limits.FOLLOWUP)
    )
    email = models.EmailField(_("e-mail address for a reply"), blank=True)
    language = models.CharField(_("language of the form"), max_length=10)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    is_handled = models.BooleanField(_("handled"), default=False)
    handling_note = models.TextField(
        _("how it was handled"), blank=True, **limits.text_field(limits.FOLLOWUP)
    )

    class Meta:
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} {self.description[:60]}"
