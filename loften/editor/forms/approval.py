"""The approval form: a comment, the party approved for, and what was shown (the
revision approved and the newest change-log entry then), so that an approval
always counts for the text the approver saw."""

from django import forms
from django.utils.translation import gettext_lazy

from loften.core import limits
from loften.organisations.models import Organisation

# --- Approval -----------------------------------------------------------------------


class ApprovalForm(forms.Form):
    organisation = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    revision = forms.IntegerField(
        min_value=1, max_value=2_000_000_000, widget=forms.HiddenInput
    )
    seen = forms.IntegerField(
        min_value=0, max_value=2**63 - 1, required=False, widget=forms.HiddenInput
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Optional; shown in the history."),
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]
