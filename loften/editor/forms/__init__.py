"""Forms of the editors' screens. They parse and validate input; the services in
promises, followups and publication make the changes."""

from .approval import ApprovalForm, CommentForm, DueDateForm, SendBackForm
from .common import ConflictMixin, DecimalField, display, live_checks
from .followup import (
    FollowUpRowForm,
    followup_current_values,
    followup_fingerprint,
    rebased_data,
)
from .log import ActivityEventForm, QuickLogForm
from .plan import (
    ActivityForm,
    CommitmentForm,
    ContactForm,
    FingerprintForm,
    IndicatorForm,
    IndicatorValueForm,
    MoveForm,
    PromiseCreateForm,
    PromiseDetailsForm,
    RemovalReasonForm,
    RenewForm,
    SignatoryForm,
    SituationForm,
    SituationSourceForm,
)

__all__ = [
    "ActivityEventForm",
    "ActivityForm",
    "ApprovalForm",
    "CommentForm",
    "CommitmentForm",
    "ConflictMixin",
    "ContactForm",
    "DecimalField",
    "DueDateForm",
    "FingerprintForm",
    "FollowUpRowForm",
    "IndicatorForm",
    "IndicatorValueForm",
    "MoveForm",
    "PromiseCreateForm",
    "PromiseDetailsForm",
    "QuickLogForm",
    "RemovalReasonForm",
    "RenewForm",
    "SendBackForm",
    "SignatoryForm",
    "SituationForm",
    "SituationSourceForm",
    "display",
    "followup_current_values",
    "followup_fingerprint",
    "live_checks",
    "rebased_data",
]
