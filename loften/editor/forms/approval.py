"""The approval form: a comment and the party approved for."""

from django import forms
from django.utils.translation import gettext_lazy

from loften.organisations.models import Organisation

# --- Approval -----------------------------------------------------------------------


class ApprovalForm(forms.Form):
    organisation = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Optional; shown in the history."),
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]
