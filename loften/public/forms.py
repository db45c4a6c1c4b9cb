from django import forms
from django.utils.translation import gettext_lazy as _

from loften.core.forms import HoneypotForm
from loften.core.widgets import ContentSelect

from .finder import MAX_QUERY_LENGTH
from .statistics import PromiseFilters


class MunicipalityFindForm(forms.Form):
    q = forms.CharField(
        label=_("Name of the municipality"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )


def _choices(empty_label, pairs):
    return [("", empty_label), *pairs]


class PromiseFilterForm(forms.Form):
    """Filters of the promise list and the overview: year, region, county, focus area.

    The caller passes the choices that exist in the published data.
    """

    ar = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    region = forms.ChoiceField(label=_("Police region"), required=False)
    lan = forms.ChoiceField(label=_("County"), required=False)
    fokusomrade = forms.ChoiceField(
        label=_("Focus area"), required=False, widget=ContentSelect
    )

    def __init__(
        self,
        *args,
        years,
        regions,
        counties=None,
        focus_areas,
        all_years=True,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        year_choices = [(year, str(year)) for year in years]
        self.fields["ar"].choices = (
            _choices(_("All years"), year_choices) if all_years else year_choices
        )
        self.fields["region"].choices = _choices(
            _("All regions"), [(r.slug, r.name) for r in regions]
        )
        if counties is None:
            del self.fields["lan"]
        else:
            self.fields["lan"].choices = _choices(
                _("All counties"), [(c.code, c.name) for c in counties]
            )
        self.fields["fokusomrade"].choices = _choices(
            _("All focus areas"), [(f.slug, f.name) for f in focus_areas]
        )

    def filters(self, *, default_year: int | None = None) -> PromiseFilters:
        """The chosen filters (call after is_valid())."""
        data = self.cleaned_data
        year = data.get("ar")
        return PromiseFilters(
            year=default_year if year in (None, "") else year,
            region=data.get("region", ""),
            county=data.get("lan", ""),
            focus_area=data.get("fokusomrade", ""),
        )


class AccessibilityReportForm(HoneypotForm):
    """A visitor's report; `webbplats` is a trap for robots (see `is_spam`)."""

    description = forms.CharField(
        label=_("What is the problem?"),
        help_text=_(
            "Describe what you tried to do and what did not work, for example "
            "which page, what you used (screen reader, keyboard, zoom) and what "
            "happened."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Describe the problem so that we can fix it."),
        },
    )
    page_url = forms.CharField(
        label=_("Which page is it about?"),
        help_text=_("The address or the name of the page, if you know it."),
        max_length=500,
        required=False,
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("If you want an answer. We use it only to reply to you."),
        required=False,
        error_messages={
            "invalid": _(
                "Enter an e-mail address in the right format, like "
                "namn@example.se, or leave the field empty."
            ),
        },
    )
