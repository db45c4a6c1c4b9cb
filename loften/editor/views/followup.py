"""The follow-up of a promise for one period: every activity with its target,
what the log says, and what was done. Saved as a draft at any time, sent for
approval when complete."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from loften.followups import periods as period_rules
from loften.followups.selectors import period_report_get
from loften.followups.services import FollowUpEntry, followups_save
from loften.publication import services as publication

from ..forms import (
    FollowUpRowForm,
    followup_current_values,
    followup_fingerprint,
    rebased_data,
)
from ..permissions import EDIT, VIEW, access_period, access_promise
from ..selectors import followup_sheet, followup_status_options, period_rows
from .common import rights

_ROW_TEXT = re.compile(r"^a(\d+)-text$")


def _orphans(data, rows) -> list[str]:
    """Texts typed for activities that were removed while the user wrote."""
    known = {row.activity.pk for row in rows}
    return [
        value
        for name, value in data.items()
        if (match := _ROW_TEXT.match(name))
        and int(match.group(1)) not in known
        and value.strip()
    ]


@login_required
def followup(request, promise_id: int, key: period_rules.PeriodKey):
    action = EDIT if request.method == "POST" else VIEW
    promise = access_promise(user=request.user, promise_id=promise_id, action=action)
    period = access_period(promise=promise, key=key)
    url = reverse("editor:followup", args=[promise.pk, period])
    submitting = request.POST.get("action") == "submit"
    rows = followup_sheet(promise=promise, period=period)
    statuses = followup_status_options(rows)
    forms = [
        FollowUpRowForm(
            request.POST or None, row=row, statuses=statuses, submitting=submitting
        )
        for row in rows
    ]
    conflicts: dict[int, list] = {}
    orphans: list[str] = []
    problems: list[str] = []
    if request.method == "POST":
        orphans = _orphans(request.POST, rows)
        # Validate every row (not stopping at the first) so all errors show.
        valid = [form.is_valid() for form in forms]
        if all(valid):
            results = followups_save(
                period=period,
                actor=request.user,
                entries=[
                    FollowUpEntry(
                        activity=form.row.activity,
                        expected_version=form.cleaned_data["version"],
                        **form.values(),
                    )
                    for form in forms
                    if form.touched
                ],
            )
            forms, conflicts = _after_save(promise, period, forms, results, statuses)
            failed = any(form.is_bound and form.errors for form in forms)
            if not (conflicts or orphans or failed):
                if not submitting:
                    messages.success(request, _("The follow-up was saved as a draft."))
                    return redirect(url)
                try:
                    publication.period_report_submit(
                        promise=promise, period=period, actor=request.user
                    )
                except ValidationError as error:
                    problems = error.messages
                else:
                    messages.success(
                        request,
                        _("The follow-up was sent to the parties' approvers."),
                    )
                    return redirect(
                        reverse("editor:period_approval", args=[promise.pk, period])
                    )
    report = period_report_get(promise=promise, period=period)
    return render(
        request,
        "editor/followup.html",
        {
            "promise": promise,
            "period": period,
            "forms": forms,
            "conflicts": conflicts,
            "orphans": orphans,
            "problems": problems,
            "report": report,
            "periods": period_rows(promise=promise, today=timezone.localdate()),
            "has_errors": any(form.errors for form in forms),
            **rights(request, promise),
        },
    )


def _after_save(promise, period, forms, results, statuses):
    """The forms to show after saving: rows that were saved show what is stored
    now; a row that someone else saved meanwhile keeps what the user typed, shows
    their version beside it and is ready to be saved again."""
    outcome = {result.entry.activity.pk: result for result in results}
    rows = followup_sheet(promise=promise, period=period)
    submitted = {form.row.activity.pk: form for form in forms}
    fresh, conflicts = [], {}
    for row in rows:
        old_form = submitted.get(row.activity.pk)
        result = outcome.get(row.activity.pk)
        if result is not None and result.conflict is not None:
            current = result.conflict.current
            conflicts[row.activity.pk] = old_form.differences_from(current)
            form = FollowUpRowForm(
                rebased_data(
                    old_form,
                    version=current.version if current else None,
                    original=followup_fingerprint(followup_current_values(current)),
                ),
                row=row,
                statuses=statuses,
            )
            form.is_valid()
            form.conflict = conflicts[row.activity.pk]
            form.conflict_message = result.conflict.message
        elif result is not None and result.error is not None:
            form = FollowUpRowForm(old_form.data, row=row, statuses=statuses)
            form.is_valid()
            for message in result.error.messages:
                form.add_error(None, message)
        else:
            form = FollowUpRowForm(row=row, statuses=statuses)
        fresh.append(form)
    return fresh, conflicts
