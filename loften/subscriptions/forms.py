from django import forms
from django.utils.translation import gettext_lazy as _

from loften.core.forms import HoneypotForm


class SubscriptionForm(HoneypotForm):
    """An address and what it follows: a municipality (`kommun`) or a promise
    (`lofte`), by the slug of its public page."""

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _(
                "Enter an e-mail address in the right format, like namn@example.se."
            ),
        },
    )
    kommun = forms.SlugField(
        required=False, max_length=120, widget=forms.HiddenInput, allow_unicode=True
    )
    lofte = forms.SlugField(
        required=False, max_length=120, widget=forms.HiddenInput, allow_unicode=True
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("kommun")) == bool(cleaned.get("lofte")):
            raise forms.ValidationError(
                _("Choose a municipality or a promise to follow."), code="target"
            )
        return cleaned
