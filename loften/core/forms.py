"""The login forms (the site's and the admin's), throttled: too many failed
logins for an account or from a client address pause logging in for a while
(`loften.core.throttle`)."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .clients import client_address
from .throttle import Lockout, login_failed, login_lockout, login_succeeded


def lockout_message(lockout: Lockout, *, login: bool = True) -> str:
    """What to tell someone who is locked out: why, and when to try again."""
    local = timezone.localtime(lockout.until)
    when = formats.time_format(local, "TIME_FORMAT")
    if local.date() != timezone.localdate():
        when = formats.date_format(local, "SHORT_DATETIME_FORMAT")
    if login:
        return _(
            "Too many failed attempts to log in. For your security, logging in "
            "is paused until %(time)s. Try again then, or ask for a new password."
        ) % {"time": when}
    return _(
        "Too many requests for a new password. Try again after %(time)s, and "
        "check your inbox and spam folder for the e-mail already sent."
    ) % {"time": when}


class ThrottledLoginMixin:
    """Refuses a login while the account or the client is locked out, counts
    every failed login, and forgets the account's failures after a success."""

    lockout: Lockout | None = None

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request)
        self.lockout = login_lockout(username=username, address=address)
        if self.lockout is not None:
            raise forms.ValidationError(lockout_message(self.lockout), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            self.lockout = login_failed(username=username, address=address)
            if self.lockout is not None:
                raise forms.ValidationError(
                    lockout_message(self.lockout), code="throttled"
                ) from None
            raise
        login_succeeded(username=username)
        return cleaned


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
    """The site's login form."""


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The admin's login form, under the same limits as the site's."""


class HoneypotForm(forms.Form):
    """A public form with a trap for robots: the `webbplats` field is hidden
    from people by CSS and left out of the tab order, and robots that fill in
    every field fill it too (see `is_spam`). Render the field inside an
    element of the class `honeypot`."""

    HONEYPOT = "webbplats"
    webbplats = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != self.HONEYPOT]

    @property
    def is_spam(self) -> bool:
        """Whether the trap field was filled in (call after is_valid())."""
        return bool(self.cleaned_data.get(self.HONEYPOT, "").strip())
