"""The draft being built while the structure parser walks a document.

`Draft` holds the result so far and the context that new items inherit (the
current focus area, group heading, promise statement and period), and knows
how to add commitments, activities, follow-ups, notes and warnings.
"""

import re
from collections.abc import Sequence

from django.utils.translation import gettext as _

from .municipalities import MunicipalityRef
from .parties import GroupHeading, parties_from_list, read_parties
from .periods import PeriodCode, find_years, is_generic_label
from .quantities import head_noun
from .result import Activity, FollowUp, Note, NoteKind, ParseResult
from .status import read_status
from .tables import ParsedTable
from .targets import Target, read_target, read_targets
from .text import excerpt, one_line, similarity

# A reviewer reads warnings one by one; past this many, they are counted instead.
MAX_WARNINGS = 100
# How much of a caption's wording must match a promise statement to refer to it.
_COMMITMENT_MATCH = 0.6
_SAME_COMMITMENT = 0.9
# How much of a report row's wording must be in a listed activity to be it.
_SAME_ACTIVITY = 1.0


# A cell that says nothing but fills the grid: "-", "–", "…" (an "x" is a tick).
_PLACEHOLDER = re.compile(r"^\s*[-–—−.…/?]*\s*$")


def _key(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(" .:;")


class Draft:
    """The result being built, and the context new items inherit."""

    def __init__(
        self, filename: str, refs: Sequence[MunicipalityRef], *, cite_lines: bool
    ) -> None:
        self.result = ParseResult(source=filename)
        self.refs = refs
        # The source line of the block being placed; cited in warnings when the
        # blocks' positions are real line numbers (plain text).
        self.line = 0
        self.cite_lines = cite_lines
        self.focus_area: str | None = None
        self.group: GroupHeading | None = None
        self.commitment_index: int | None = None
        self.period: PeriodCode | None = None
        self.period_label: str | None = None
        self.period_year: int | None = None
        self.current: Activity | None = None
        self.current_followup: FollowUp | None = None
        # After "Resultat:", paragraphs report on the current activity.
        self.followup_mode = False
        self.followup_document = False
        self.by_text: dict[str, Activity] = {}
        # Years named where a promise year is stated: the title, section and
        # period headings and promise statements.
        self.years: set[int] = set()
        # Follow-ups whose status was given (a status column, a "done" list) and
        # those whose period is read from their text when the parse is finished.
        self.preset_status: set[int] = set()
        self.inferred_period: set[int] = set()
        self.warned: set[str] = set()
        # Promise statements that were items of a list ("Aktörerna lovar" over
        # bullets): when no activity is found, they are the activities.
        self.listed_commitments: set[int] = set()
        self.warnings_left_out = 0

    def clear_current(self) -> None:
        self.current, self.current_followup, self.followup_mode = None, None, False

    def in_done_group(self) -> bool:
        return self.group is not None and self.group.kind == "done"

    def warn(self, message: str, text: str | None = None) -> None:
        if text is not None:
            message = message % {"text": excerpt(text)}
        if message in self.warned:
            return
        self.warned.add(message)
        if len(self.result.warnings) < MAX_WARNINGS:
            self.result.warnings.append(message)
        else:
            self.warnings_left_out += 1

    def unplaced(self, text: str, line: int | None = None) -> None:
        line = line or self.line
        if self.cite_lines and line:
            message = _("Could not place this text (line %(line)s): “%(text)s”")
            self.warn(message % {"line": line, "text": "%(text)s"}, text)
        else:
            self.warn(_("Could not place this text: “%(text)s”"), text)

    def note(self, kind: NoteKind, text: str) -> None:
        focus = self.focus_area if kind == "summary" else None
        self.result.notes.append(Note(kind, text, focus))

    def add_focus_area(self, name: str) -> None:
        name = name.strip().rstrip(":.").strip()
        if not name:
            return
        existing = next(
            (area for area in self.result.focus_areas if area.lower() == name.lower()),
            None,
        )
        if existing is None:
            self.result.focus_areas.append(name)
            existing = name
        self.focus_area = existing

    def matching_commitment(self, text: str) -> int | None:
        best, best_score = None, 0.0
        for index, commitment in enumerate(self.result.commitments):
            score = similarity(text, commitment)
            if score > best_score:
                best, best_score = index, score
        return best if best_score >= _COMMITMENT_MATCH else None

    def add_commitment(self, text: str) -> int:
        text = one_line(text)
        existing = self.matching_commitment(text)
        if existing is not None and (
            similarity(text, self.result.commitments[existing]) > _SAME_COMMITMENT
        ):
            return existing
        self.result.commitments.append(text)
        self.years.update(find_years(text))
        return len(self.result.commitments) - 1

    def add_year_text(self, text: str) -> None:
        self.years.update(find_years(text))

    def promise_sentence(self, sentence: str) -> None:
        """A sentence with "lovar"/"lovade": a commitment, or the renewal for a
        later year at the end of a follow-up."""
        years = find_years(sentence)
        known = self.years
        is_followup = self.followup_document or bool(self.result.activities)
        if years and known and is_followup and min(years) > max(known):
            self.note("renewal", sentence)
            return
        self.add_commitment(sentence)

    def new_followup(self, activity: Activity, text: str) -> FollowUp:
        followup = FollowUp(period=self.period or "year", status=None, text=text)
        if self.period is None:
            self.inferred_period.add(id(followup))
        else:
            followup.label = self.period_label
            followup.year = self.period_year
        activity.followups.append(followup)
        return followup

    def add_followup_text(self, activity: Activity, text: str) -> None:
        followup = self.current_followup
        if followup is not None and followup in activity.followups:
            followup.text = f"{followup.text}\n{text}" if followup.text else text
        else:
            self.current_followup = self.new_followup(activity, text)

    def add_activity(self, text: str) -> Activity:
        """An activity from its text, with parties, target and the current context;
        the same text seen again (under another period heading) is the same one."""
        group = self.group.parties if self.group else None
        clean_text, parties = read_parties(text, group=group)
        clean_text = one_line(clean_text)
        key = _key(clean_text)
        existing = self.by_text.get(key)
        if existing is not None:
            self.clear_current()
            self.current = existing
            return existing
        done = self.in_done_group()
        targets = [] if done else read_targets(clean_text)
        if len({(t.comparator, t.value, t.unit) for t in targets}) > 1:
            self.warn(
                _(
                    "The activity has more than one target; only the first was "
                    "kept: “%(text)s”"
                ),
                clean_text,
            )
        activity = Activity(
            text=clean_text,
            focus_area=self.focus_area,
            commitment=self.commitment_index,
            responsible=parties.ordered_responsible(),
            partners=list(parties.partners),
            target=targets[0] if targets else None,
        )
        if activity.target is not None:
            self.check_rate(activity.target, clean_text)
            for part in activity.target.parts:
                # A target holds one number; the share stays in the text.
                self.warn(
                    _(
                        "The target of “%(text)s” has a share, “%(part)s”, that "
                        "a target cannot hold; it stays in the activity's text."
                    )
                    % {"text": "%(text)s", "part": part.text},
                    clean_text,
                )
        self.result.activities.append(activity)
        self.by_text[key] = activity
        self.clear_current()
        self.current = activity
        if done:
            # "Detta har polisen gjort": the item is itself the year's report.
            followup = self.new_followup(activity, clean_text)
            followup.status = read_status(clean_text) or "done"
            self.preset_status.add(id(followup))
        return activity

    def drop_last_activity(self) -> Activity:
        """Take back the activity added last (it turned out to be a heading)."""
        activity = self.result.activities.pop()
        self.by_text.pop(_key(activity.text), None)
        self.clear_current()
        return activity

    def add_table_rows(self, table: ParsedTable) -> None:
        """Activities from a table with a header: one per merged row, with a
        follow-up per period column and the responsible, target and status
        columns applied."""
        columns = table.columns or []
        activity_column = next(
            index for index, column in enumerate(columns) if column.role == "activity"
        )
        # A table of reports (period or status columns) may report on activities
        # listed above it under a shorter name.
        reports = any(column.role in ("period", "status") for column in columns)
        listed = list(self.result.activities)
        for row in table.rows:
            cells = [
                (column, "" if _PLACEHOLDER.match(cell) else cell)
                for column, cell in zip(columns, row.cells, strict=True)
            ]
            for column, cell in cells:
                if column.role == "focus" and cell:
                    self.add_focus_area(cell)
            activity = self.matching_activity(
                row.cells[activity_column], reports=reports, among=listed
            ) or self.add_activity(row.cells[activity_column])
            period_followups: list[FollowUp] = []
            status_cell = None
            for column, cell in cells:
                if not cell or column.role == "activity":
                    continue
                if column.role == "period" and column.period is not None:
                    period, label = column.period, column.label
                    if self.period is not None and is_generic_label(label):
                        # "Kommentar" under "Uppföljning tertial 1" reports on T1.
                        period, label = self.period, self.period_label or label
                    # A column headed by a year ("2022", "Utfall 2023") is that year.
                    label_years = find_years(label) if period == "year" else []
                    year = label_years[0] if len(label_years) == 1 else self.period_year
                    followup = FollowUp(period, None, cell, label=label, year=year)
                    activity.followups.append(followup)
                    period_followups.append(followup)
                elif column.role == "responsible":
                    self.apply_parties(activity, cell, label=column.label)
                elif column.role == "target":
                    self.apply_target(activity, cell, label=column.label)
                elif column.role == "status":
                    status_cell = cell
                elif column.role == "other":
                    label = column.label
                    activity.notes.append(f"{label}: {cell}" if label else cell)
            if status_cell is not None:
                if len(period_followups) == 1:
                    period_followups[0].status = read_status(status_cell)
                    self.preset_status.add(id(period_followups[0]))
                elif not period_followups:
                    followup = FollowUp("year", read_status(status_cell), status_cell)
                    activity.followups.append(followup)
                    self.preset_status.add(id(followup))
        self.clear_current()

    def matching_activity(
        self, text: str, *, reports: bool, among: list[Activity] | None = None
    ) -> Activity | None:
        """An activity already listed that a report row names by a shorter name
        ("Trafikkontroller" for "Genomföra minst 15 trafikkontroller vid
        skolorna"): all of its content words, and no other activity as well."""
        if not reports:
            return None
        clean = one_line(text)
        if _key(clean) in self.by_text:
            return None  # the same text: add_activity finds it
        candidates = among if among is not None else self.result.activities
        scored = [
            (similarity(clean, activity.text), activity) for activity in candidates
        ]
        best = [activity for score, activity in scored if score >= _SAME_ACTIVITY]
        if len(best) != 1:
            return None
        self.clear_current()
        self.current = best[0]
        return best[0]

    def apply_parties(
        self, activity: Activity, value: str, *, label: str, responsible: bool = True
    ) -> None:
        """Parties from an "Ansvarig" cell or label; partners are added either way."""
        parties = parties_from_list(value, accept_unknown=True)
        if parties is None:
            activity.notes.append(f"{label}: {value}")
            return
        if responsible:
            activity.responsible = parties.ordered_responsible()
        activity.partners = list(dict.fromkeys([*activity.partners, *parties.partners]))

    def apply_target(self, activity: Activity, value: str, *, label: str) -> None:
        """A target from a "Mål" cell or label, kept as a note when it has no number
        or says more than a target holds (a rate per week, a condition)."""
        target = read_target(value, default_unit=head_noun(activity.text))
        if target is None or not target.has_period_rate or target.condition:
            activity.notes.append(f"{label}: {value}")
        if target is not None:
            activity.target = target
            self.check_rate(target, activity.text)

    def check_rate(self, target: Target, activity_text: str) -> None:
        """Warn when a target's rate (per week, per month …) fits no target scope:
        a reviewer has to decide what it means per tertial or year."""
        if target.has_period_rate:
            return
        written = (target.text or f"{target.value} {target.unit}").replace("%", "%%")
        self.warn(
            _(
                "The target “%(target)s” in “%(text)s” cannot be expressed per "
                "tertial, quarter or year; check it."
            ).replace("%(target)s", written),
            activity_text,
        )
