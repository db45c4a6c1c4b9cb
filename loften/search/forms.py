from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from loften.core.widgets import ContentSelect, Select

from .selectors import (
    RESPONSIBLE_MUNICIPALITY,
    RESPONSIBLE_PARTNER,
    RESPONSIBLE_POLICE,
    FilterChoices,
    SearchFilters,
)

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    """Words to search for, filters, or both; the filters alone list everything
    published that they allow."""

    q = forms.CharField(
        label=_("Search for"),
        help_text=_(
            "Words anywhere in the published promises: the situational picture, "
            "commitments, activities, effect measures and follow-ups. Other forms "
            'of a word are found too ("trygghetsvandring" also finds '
            '"trygghetsvandringar"), and å, ä and ö can be written a and o.'
        ),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kommun = forms.ChoiceField(label=_("Municipality"), required=False, widget=Select)
    lan = forms.ChoiceField(label=_("County"), required=False, widget=Select)
    ar = forms.TypedChoiceField(
        label=_("Year"), coerce=int, required=False, widget=Select
    )
    fokusomrade = forms.ChoiceField(
        label=_("Focus area"), required=False, widget=ContentSelect
    )
    ansvarig = forms.ChoiceField(
        label=_("Responsible"),
        required=False,
        widget=Select,
        choices=[
            ("", _("Anyone")),
            (RESPONSIBLE_POLICE, _("The police")),
            (RESPONSIBLE_MUNICIPALITY, _("The municipality")),
            (RESPONSIBLE_PARTNER, _("Another partner")),
        ],
    )

    def __init__(self, *args, choices: FilterChoices, **kwargs):
        super().__init__(*args, **kwargs)
        fields = cast(dict[str, forms.ChoiceField], self.fields)
        fields["kommun"].choices = [
            ("", _("All municipalities")),
            *choices.municipalities,
        ]
        fields["lan"].choices = [("", _("All counties")), *choices.counties]
        fields["ar"].choices = [
            ("", _("All years")),
            *((year, str(year)) for year in choices.years),
        ]
        fields["fokusomrade"].choices = [
            ("", _("All focus areas")),
            *choices.focus_areas,
        ]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned["q"] and not self.filters().narrows:
            self.add_error(
                "q",
                _(
                    "Write one or more words to search for, or choose something "
                    "to narrow the search by."
                ),
            )
        return cleaned

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            municipality=data["kommun"],
            county=data["lan"],
            year=data["ar"] if data["ar"] != "" else None,
            focus_area=data["fokusomrade"],
            responsible=data["ansvarig"],
        )
