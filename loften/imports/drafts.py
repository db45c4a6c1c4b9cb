"""The draft an import becomes: what the review form edits and acceptance saves.

A `PromiseDraft` is built from a parse result (`selectors.import_draft_defaults`),
corrected in the review form (`forms.ImportReview.to_draft`) or completed by the
command line, and saved in one go by `services.import_job_accept`.
"""

import datetime
from dataclasses import dataclass, field

from loften.followups.models import FollowUpStatus
from loften.geography.models import Municipality, PoliceArea
from loften.promises.models import FocusArea


@dataclass
class FollowUpDraft:
    """What was reported for one activity in one period."""

    period: str  # T1…T3, Q1…Q4 or "year"
    year: int | None
    status: FollowUpStatus | None = None
    text: str = ""
    quantity: int | None = None
    # Shown beside the form: the period as the document names it, the status
    # word the parser read, and quantities other than the one chosen.
    label: str = ""
    document_status: str | None = None
    other_quantities: list[str] = field(default_factory=list)


@dataclass
class ActivityDraft:
    text: str
    focus_area: FocusArea | None = None
    # A focus area to create, when the editor chose to add the document's own.
    new_focus_area: str = ""
    document_focus_area: str | None = None
    commitment: int | None = None  # index into PromiseDraft.commitments
    responsible_police: bool = False
    responsible_municipality: bool = False
    partners: list[str] = field(default_factory=list)
    target_comparator: str = ""
    target_value: int | None = None
    target_unit: str = ""
    target_scope: str = "per_year"
    followups: list[FollowUpDraft] = field(default_factory=list)
    # What the document also says about the activity (a sub-point, an extra
    # table cell); saved as paragraphs after its text.
    notes: list[str] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)

    @property
    def text_with_notes(self) -> str:
        """The activity's text as saved: its notes follow it as paragraphs."""
        return "\n\n".join([self.text.strip(), *(n.strip() for n in self.notes)])


@dataclass
class PromiseDraft:
    title: str
    municipality: Municipality | None
    police_area: PoliceArea | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    cadence: str
    situation_summary: str = ""
    followup_plan: str = ""
    commitments: list[str] = field(default_factory=list)
    activities: list[ActivityDraft] = field(default_factory=list)
    # What the defaults could not decide and a reviewer should check.
    hints: list[str] = field(default_factory=list)

    @property
    def followup_count(self) -> int:
        return sum(len(activity.followups) for activity in self.activities)

    @property
    def target_count(self) -> int:
        return sum(a.target_value is not None for a in self.activities)
