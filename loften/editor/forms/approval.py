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
    comment_public = forms.BooleanField(
        label=gettext_lazy("Show the comment on the public page of the version"),
        required=False,
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]


class SendBackForm(forms.Form):
    """An approver returns what was sent for approval, for one party, with why."""

    organisation = forms.TypedChoiceField(coerce=int, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=gettext_lazy("What should be changed?"),
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Required. The editors of both parties are told, and it is kept in "
            "the history."
        ),
        error_messages={
            "required": gettext_lazy(
                "Write why you send it back, so the editors know what to change."
            )
        },
    )

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        # Its own ids: it shares the page with the approval form's comment.
        kwargs.setdefault("auto_id", "id_send_back_%s")
        super().__init__(*args, **kwargs)
        self.organisations = {o.pk: o for o in organisations}
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_organisation(self) -> Organisation:
        return self.organisations[self.cleaned_data["organisation"]]


class CommentForm(forms.Form):
    """A message in the thread between the parties."""

    text = forms.CharField(
        label=gettext_lazy("Write to the other party"),
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "The editors and approvers of both parties are told. Kept in the "
            "history; never published."
        ),
        error_messages={"required": gettext_lazy("Write a comment first.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_thread_%s")
        super().__init__(*args, **kwargs)


class DueDateForm(forms.Form):
    """When this promise's follow-up for a period is due."""

    due_date = forms.DateField(
        label=gettext_lazy("Follow-up due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Empty: the usual due date for the period."),
    )
