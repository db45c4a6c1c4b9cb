"""Submitting, approving and publishing promises and their period follow-ups.

The plan of a promise and each period's follow-up go through one state machine
(`Approvable`): a draft is submitted, an approver of every party (the
municipality or municipalities, and the police area) approves the revision
shown to them, and it is published. Publishing writes an immutable
PromiseVersion and rebuilds the public read model from it; later edits never
touch what was published.
"""

from dataclasses import dataclass
from typing import cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from loften.core.exceptions import StaleApprovalError
from loften.core.models import User
from loften.core.services import audit_log
from loften.followups.models import FollowUp, PeriodReport, ReportingPeriod
from loften.followups.services import (
    period_report_get_or_create,
    reporting_periods_ensure,
)
from loften.organisations.models import Organisation
from loften.promises.models import Promise
from loften.promises.permissions import can_approve_promise
from loften.promises.selectors import promise_party_organisations
from loften.promises.services.activities import focus_areas_share

from . import checks
from . import snapshot as snapshot_rules
from .models import Approval, ChangeReason, Comment, PromiseVersion, PublishedActivity
from .permissions import can_comment, can_publish, can_submit_for_approval
from .read_model import read_model_rebuild, version_summaries_store
from .selectors import approvals_missing, latest_version, promise_snapshot_build
from .signals import approval_step, comment_posted, promise_published


def _lock(promise: Promise) -> Promise:
    """Serialise publication of one promise (two approvers may click at once)."""
    return Promise.objects.select_for_update().get(pk=promise.pk)


def _require_edit(actor: User | None, promise: Promise) -> None:
    if actor is not None and not can_submit_for_approval(user=actor, promise=promise):
        raise PermissionDenied(_("You may not change this promise."))


def _require_publisher(actor: User | None, promise: Promise) -> None:
    """Publishing is done by an approver of a party (or the system itself)."""
    if actor is not None and not can_publish(user=actor, promise=promise):
        raise PermissionDenied(_("Only an approver of a party may publish."))


def _require_parties(promise: Promise) -> list[Organisation]:
    parties = promise_party_organisations(promise=promise)
    if not parties:
        raise ValidationError(
            _(
                "Neither the municipality nor the police area has an organisation "
                "in Löften, so nobody can approve this promise. Ask an administrator "
                "to add them."
            )
        )
    return parties


def _missing_message(missing: list[Organisation]) -> str:
    return _("Waiting for approval from: %(parties)s.") % {
        "parties": ", ".join(o.name for o in missing)
    }


def _refuse_personal_numbers(texts: list[checks.PublicText]) -> None:
    """A personnummer must never be published, whichever screen or command tries."""
    found = checks.blocking_findings(texts)
    if found:
        places = list(dict.fromkeys(text.where for text, _finding in found))
        raise ValidationError(
            _(
                "A personal identity number (personnummer) must never be "
                "published. Remove it from: %(places)s."
            )
            % {"places": "; ".join(places)},
            code="personnummer",
        )


def _next_version(
    *,
    promise: Promise,
    actor: User | None,
    kind: str,
    snapshot: dict,
    period: ReportingPeriod | None = None,
    note: str = "",
) -> PromiseVersion:
    previous = latest_version(promise=promise)
    version = PromiseVersion.objects.create(
        promise=promise,
        number=1 if previous is None else previous.number + 1,
        kind=kind,
        period=period,
        snapshot=snapshot,
        published_at=timezone.now(),
        published_by=actor,
        note=note,
    )
    read_model_rebuild(version=version)
    version_summaries_store([(version, previous.snapshot if previous else None)])
    transaction.on_commit(
        lambda: promise_published.send(
            sender=PromiseVersion, promise_id=promise.pk, version_id=version.pk
        )
    )
    return version


# --- The approval state machine ------------------------------------------------------


@dataclass(frozen=True)
class ApprovalKind:
    """What differs between approving a plan and approving a period's follow-up:
    the name in the audit log, the status of being sent for approval and the
    sentences that refuse a step."""

    audit_name: str
    submitted: str
    published: str
    not_submitted_to_approve: str
    not_submitted_to_publish: str
    stale: str


PLAN = ApprovalKind(
    audit_name="promise",
    submitted=Promise.Status.IN_REVIEW,
    published=Promise.Status.PUBLISHED,
    not_submitted_to_approve=gettext_lazy(
        "Only a promise sent for approval can be approved."
    ),
    not_submitted_to_publish=gettext_lazy(
        "Only a promise sent for approval can be published."
    ),
    stale=gettext_lazy(
        "The promise was changed after you opened this page, so your approval "
        "was not saved. Read what changed below and approve again if you agree."
    ),
)
PERIOD = ApprovalKind(
    audit_name="period_report",
    submitted=PeriodReport.Status.SUBMITTED,
    published=PeriodReport.Status.PUBLISHED,
    not_submitted_to_approve=gettext_lazy(
        "Only a follow-up sent for approval can be approved."
    ),
    not_submitted_to_publish=gettext_lazy(
        "Only a follow-up sent for approval can be published."
    ),
    stale=gettext_lazy(
        "The follow-up was changed after you opened this page, so your approval "
        "was not saved. Read what changed below and approve again if you agree."
    ),
)


@dataclass(frozen=True)
class Approvable:
    """The plan of a promise (no period) or one period's follow-up, locked for
    the step: `row` (the Promise or the PeriodReport) holds its status and the
    revision that approvals name."""

    kind: ApprovalKind
    promise: Promise
    period: ReportingPeriod | None
    row: Promise | PeriodReport | None

    @property
    def revision(self) -> int | None:
        return None if self.row is None else self.row.revision

    @property
    def is_submitted(self) -> bool:
        return self.row is not None and self.row.status == self.kind.submitted

    def approvals_missing(self) -> list[Organisation]:
        return approvals_missing(promise=self.promise, period=self.period)


def _plan(promise: Promise) -> Approvable:
    promise = _lock(promise)
    return Approvable(kind=PLAN, promise=promise, period=None, row=promise)


def _period(promise: Promise, period: ReportingPeriod) -> Approvable:
    report = (
        PeriodReport.objects.select_for_update()
        .filter(promise=promise, period=period)
        .first()
    )
    return Approvable(kind=PERIOD, promise=promise, period=period, row=report)


def _submitted(item: Approvable, actor: User | None) -> None:
    """Move a checked draft to 'sent for approval' and audit it."""
    row = cast(Promise | PeriodReport, item.row)
    row.status = item.kind.submitted
    if isinstance(row, PeriodReport):
        row.submitted_by = actor
        row.submitted_at = timezone.now()
        row.save()
    else:
        row.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor,
        action=f"{item.kind.audit_name}.submit",
        obj=row,
        promise_id=item.promise.pk,
    )
    _step_sent(item, "submitted", actor=actor)


def _step_sent(
    item: Approvable,
    step: str,
    *,
    actor: User | None,
    organisation: Organisation | None = None,
    comment: str = "",
) -> None:
    approval_step.send(
        sender=Approvable,
        step=step,
        promise=item.promise,
        period=item.period,
        actor=actor,
        organisation=organisation,
        comment=comment,
    )


def _approve(
    item: Approvable,
    *,
    actor: User,
    organisation: Organisation,
    comment: str,
    revision: int | None,
    comment_public: bool = False,
) -> Approval:
    """Record one party's approval of the revision that was shown (`revision`;
    None approves the current one, for the system and the command line)."""
    if not can_approve_promise(
        user=actor, promise=item.promise, organisation=organisation
    ):
        raise PermissionDenied(
            _("You may not approve on behalf of %(organisation)s.")
            % {"organisation": organisation}
        )
    if not item.is_submitted:
        raise ValidationError(str(item.kind.not_submitted_to_approve))
    if revision is not None and revision != item.revision:
        raise StaleApprovalError(
            str(item.kind.stale), shown=revision, current=item.revision
        )
    if Approval.objects.filter(
        promise=item.promise,
        period=item.period,
        organisation=organisation,
        revision=item.revision,
    ).exists():
        raise ValidationError(_("This party has already approved this version."))
    approval = Approval.objects.create(
        promise=item.promise,
        period=item.period,
        organisation=organisation,
        user=actor,
        revision=item.revision,
        comment=comment.strip(),
        comment_public=comment_public and bool(comment.strip()),
    )
    audit_log(
        actor=actor,
        action=f"{item.kind.audit_name}.approve",
        obj=item.row,
        promise_id=item.promise.pk,
        changes={"revision": [None, item.revision]},
        message=str(organisation)
        + (f": {approval.comment}" if approval.comment else ""),
    )
    _step_sent(
        item,
        "approved",
        actor=actor,
        organisation=organisation,
        comment=approval.comment,
    )
    return approval


def _send_back(
    item: Approvable,
    *,
    actor: User,
    organisation: Organisation,
    comment: str,
) -> Comment:
    """An approver returns a submitted item to its editors with a reason: it is a
    draft again, with a new revision, so every party approves anew after the fix."""
    if not can_approve_promise(
        user=actor, promise=item.promise, organisation=organisation
    ):
        raise PermissionDenied(
            _("You may not send back on behalf of %(organisation)s.")
            % {"organisation": organisation}
        )
    if not item.is_submitted:
        raise ValidationError(_("Only what was sent for approval can be sent back."))
    text = comment.strip()
    if not text:
        raise ValidationError(
            _("Write why you send it back, so the editors know what to change."),
            code="required",
        )
    row = cast(Promise | PeriodReport, item.row)
    row.status = (
        Promise.Status.DRAFT if item.period is None else PeriodReport.Status.DRAFT
    )
    row.revision = row.revision + 1
    row.save(update_fields=["status", "revision", "updated_at"])
    note = Comment(
        promise=item.promise,
        period=item.period,
        author=actor,
        organisation=organisation,
        kind=Comment.Kind.SEND_BACK,
        text=text,
    )
    note.full_clean()
    note.save()
    audit_log(
        actor=actor,
        action=f"{item.kind.audit_name}.send_back",
        obj=row,
        promise_id=item.promise.pk,
        changes={"revision": [row.revision - 1, row.revision]},
        message=f"{organisation}: {text}",
    )
    _step_sent(item, "sent_back", actor=actor, organisation=organisation, comment=text)
    return note


def _publish(
    item: Approvable,
    *,
    actor: User | None,
    snapshot: dict,
    texts: list[checks.PublicText],
    note: str,
) -> PromiseVersion:
    """Publish a submitted item that every party approved: a new version, the
    item marked published, audited."""
    if not item.is_submitted:
        raise ValidationError(str(item.kind.not_submitted_to_publish))
    _require_parties(item.promise)
    missing = item.approvals_missing()
    if missing:
        raise ValidationError(_missing_message(missing))
    _refuse_personal_numbers(texts)
    version = _next_version(
        promise=item.promise,
        actor=actor,
        kind=PromiseVersion.Kind.PLAN
        if item.period is None
        else PromiseVersion.Kind.PERIOD,
        snapshot=snapshot,
        period=item.period,
        note=note,
    )
    row = cast(Promise | PeriodReport, item.row)
    row.status = item.kind.published
    row.save(update_fields=["status", "updated_at"])
    Approval.objects.filter(
        promise=item.promise, period=item.period, revision=item.revision
    ).update(version=version)
    audit_log(
        actor=actor,
        action=f"{item.kind.audit_name}.publish",
        obj=row,
        promise_id=item.promise.pk,
        changes={"version": [None, version.number]},
    )
    return version


# --- The promise (the plan) -----------------------------------------------------------


@transaction.atomic
def promise_submit_for_review(*, promise: Promise, actor: User | None) -> Promise:
    """Send the draft to the parties' approvers."""
    _require_edit(actor, promise)
    item = _plan(promise)
    promise = item.promise
    if promise.status != Promise.Status.DRAFT:
        raise ValidationError(_("Only a draft can be sent for approval."))
    _require_parties(promise)
    if not promise.activities.exists():
        raise ValidationError(
            _("Add at least one activity before sending for approval.")
        )
    _refuse_personal_numbers(checks.plan_texts(promise_snapshot_build(promise=promise)))
    _submitted(item, actor)
    return promise


@transaction.atomic
def promise_approve(
    *,
    promise: Promise,
    actor: User,
    organisation: Organisation,
    comment: str = "",
    revision: int | None = None,
    comment_public: bool = False,
) -> Approval:
    """Approve the promise's revision `revision` (the one the approver was shown)
    on behalf of one party; refused with StaleApprovalError when the plan has
    changed since. Without `revision`, the current revision is approved."""
    return _approve(
        _plan(promise),
        actor=actor,
        organisation=organisation,
        comment=comment,
        revision=revision,
        comment_public=comment_public,
    )


@transaction.atomic
def promise_send_back(
    *, promise: Promise, actor: User, organisation: Organisation, comment: str
) -> Comment:
    """Return the submitted plan to its editors with a required comment, on
    behalf of one party; the promise is a draft again."""
    return _send_back(
        _plan(promise), actor=actor, organisation=organisation, comment=comment
    )


def plan_snapshot_build(*, promise: Promise) -> tuple[dict, list[ChangeReason]]:
    """The snapshot that publishing the plan writes: the working copy merged
    into the latest version, marked published, with each change of a published
    activity and the reason given for it; and the reasons it uses, which wait
    for a version until then."""
    previous = latest_version(promise=promise)
    snapshot = snapshot_rules.merge_plan(
        previous.snapshot if previous else None,
        promise_snapshot_build(promise=promise),
    )
    snapshot["promise"]["status"] = Promise.Status.PUBLISHED
    pending = list(ChangeReason.objects.filter(promise=promise, version__isnull=True))
    # The latest reason given for each change wins.
    reasons = {(r.activity_id, r.subject): r.reason for r in pending}
    snapshot_rules.record_activity_changes(
        previous.snapshot if previous else None,
        snapshot,
        reasons=reasons,
        version=1 if previous is None else previous.number + 1,
        date=timezone.localdate().isoformat(),
    )
    return snapshot, pending


@transaction.atomic
def promise_publish(
    *, promise: Promise, actor: User | None, note: str = ""
) -> PromiseVersion:
    """Publish the approved plan as a new immutable version."""
    _require_publisher(actor, promise)
    item = _plan(promise)
    if not item.is_submitted:
        raise ValidationError(str(PLAN.not_submitted_to_publish))
    reporting_periods_ensure(promise=item.promise)
    snapshot, pending = plan_snapshot_build(promise=item.promise)
    version = _publish(
        item,
        actor=actor,
        snapshot=snapshot,
        texts=checks.plan_texts(snapshot),
        note=note,
    )
    focus_areas_share(promise=item.promise)
    ChangeReason.objects.filter(pk__in=[r.pk for r in pending]).update(version=version)
    return version


@transaction.atomic
def promise_conclude(
    *, promise: Promise, actor: User | None, note: str = ""
) -> PromiseVersion:
    """Mark a published promise as concluded; it becomes read-only."""
    _require_publisher(actor, promise)
    promise = _lock(promise)
    previous = latest_version(promise=promise)
    if previous is None:
        raise ValidationError(_("Only a published promise can be concluded."))
    if promise.status == Promise.Status.CONCLUDED:
        raise ValidationError(_("The promise is already concluded."))
    version = _next_version(
        promise=promise,
        actor=actor,
        kind=PromiseVersion.Kind.PLAN,
        snapshot=snapshot_rules.with_status(
            previous.snapshot, Promise.Status.CONCLUDED
        ),
        note=note or _("The promise was concluded."),
    )
    promise.status = Promise.Status.CONCLUDED
    promise.save(update_fields=["status", "updated_at"])
    audit_log(
        actor=actor, action="promise.conclude", obj=promise, promise_id=promise.pk
    )
    return version


# --- Reasons for changes to what was promised -----------------------------------------


def activity_published_values(*, activity_id: int) -> dict | None:
    """The published target, text and responsible parties of an activity, as
    the newest version shows them; None when it is not published."""
    row = PublishedActivity.objects.filter(pk=activity_id).first()
    if row is None:
        return None
    return {
        "text": row.text,
        "responsible_police": row.responsible_police,
        "responsible_municipality": row.responsible_municipality,
        "partners": sorted(row.partners),
        "target": None
        if row.target_value is None
        else {
            "comparator": row.target_comparator,
            "value": row.target_value,
            "unit": row.target_unit,
            "scope": row.target_scope,
        },
    }


@transaction.atomic
def change_reason_record(
    *,
    promise: Promise,
    actor: User | None,
    activity_id: int,
    subject: str,
    reason: str,
) -> ChangeReason:
    """Keep the public reason for a change of a published activity until the
    plan is published again (called with the change, in its transaction)."""
    _require_edit(actor, promise)
    if subject not in ChangeReason.Subject.values:
        raise ValueError(f"unknown subject {subject!r}")
    item = ChangeReason(
        promise=promise,
        activity_id=activity_id,
        subject=subject,
        reason=" ".join(reason.split()),
        created_by=actor,
    )
    item.full_clean()
    _refuse_personal_numbers(
        [checks.PublicText(where=_("Why it changes"), text=item.reason)]
    )
    item.save()
    audit_log(
        actor=actor,
        action="change_reason.create",
        obj=item,
        promise_id=promise.pk,
        message=item.reason,
    )
    return item


# --- A period's follow-up -------------------------------------------------------------


def _check_period(promise: Promise, period: ReportingPeriod) -> None:
    if period not in reporting_periods_ensure(promise=promise):
        raise ValidationError(_("The promise does not report on this period."))


@transaction.atomic
def period_report_submit(
    *, promise: Promise, period: ReportingPeriod, actor: User | None
) -> PeriodReport:
    """Send a period's follow-up to the parties' approvers."""
    _require_edit(actor, promise)
    _check_period(promise, period)
    period_report_get_or_create(promise=promise, period=period)
    item = _period(promise, period)
    report = cast(PeriodReport, item.row)
    if report.status == PeriodReport.Status.SUBMITTED:
        raise ValidationError(_("This follow-up has already been sent for approval."))
    if report.status == PeriodReport.Status.PUBLISHED:
        raise ValidationError(
            _("This follow-up is published and has not changed since.")
        )
    if not promise.activities.filter(followups__period=period).exists():
        raise ValidationError(
            _("Write at least one follow-up before sending for approval.")
        )
    with_status = FollowUp.objects.filter(period=period, status__isnull=False).values(
        "activity_id"
    )
    without_status = promise.activities.exclude(pk__in=with_status).count()
    if without_status:
        raise ValidationError(
            ngettext(
                "%(count)d activity has no status for the period yet.",
                "%(count)d activities have no status for the period yet.",
                without_status,
            )
            % {"count": without_status},
            code="incomplete",
        )
    _refuse_personal_numbers(
        checks.period_texts(promise_snapshot_build(promise=promise), period.pk)
    )
    _submitted(item, actor)
    return report


@transaction.atomic
def period_report_approve(
    *,
    promise: Promise,
    period: ReportingPeriod,
    actor: User,
    organisation: Organisation,
    comment: str = "",
    revision: int | None = None,
    comment_public: bool = False,
) -> Approval:
    """Approve the follow-up's revision `revision` (the one shown) on behalf of
    one party; see `promise_approve`."""
    return _approve(
        _period(promise, period),
        actor=actor,
        organisation=organisation,
        comment=comment,
        revision=revision,
        comment_public=comment_public,
    )


@transaction.atomic
def period_report_send_back(
    *,
    promise: Promise,
    period: ReportingPeriod,
    actor: User,
    organisation: Organisation,
    comment: str,
) -> Comment:
    """Return a submitted period follow-up to its editors with a required
    comment, on behalf of one party; the follow-up is a draft again."""
    return _send_back(
        _period(promise, period),
        actor=actor,
        organisation=organisation,
        comment=comment,
    )


@transaction.atomic
def comment_create(
    *,
    promise: Promise,
    actor: User,
    text: str,
    period: ReportingPeriod | None = None,
) -> Comment:
    """Write in the thread of a promise (or of one period's follow-up) between
    the parties; audited, so it is kept in the history."""
    if not can_comment(user=actor, promise=promise):
        raise PermissionDenied(_("You may not comment on this promise."))
    if period is not None:
        _check_period(promise, period)
    organisations = [
        o
        for o in promise_party_organisations(promise=promise)
        if o.memberships.filter(user=actor).exists()
    ]
    comment = Comment(
        promise=promise,
        period=period,
        author=actor,
        organisation=organisations[0] if organisations else None,
        kind=Comment.Kind.COMMENT,
        text=text.strip(),
    )
    comment.full_clean()
    comment.save()
    audit_log(
        actor=actor,
        action="comment.create",
        obj=comment,
        promise_id=promise.pk,
        message=comment.text,
    )
    comment_posted.send(sender=Comment, comment=comment)
    return comment


@transaction.atomic
def period_report_publish(
    *,
    promise: Promise,
    period: ReportingPeriod,
    actor: User | None,
    note: str = "",
) -> PromiseVersion:
    """Publish an approved period follow-up as a new version of the promise."""
    _require_publisher(actor, promise)
    promise = _lock(promise)
    previous = latest_version(promise=promise)
    if previous is None:
        raise ValidationError(
            _("Publish the promise itself before publishing a follow-up.")
        )
    item = _period(promise, period)
    if not item.is_submitted:
        raise ValidationError(str(PERIOD.not_submitted_to_publish))
    snapshot = snapshot_rules.merge_period(
        previous.snapshot, promise_snapshot_build(promise=promise), period.pk
    )
    return _publish(
        item,
        actor=actor,
        snapshot=snapshot,
        texts=checks.period_texts(snapshot, period.pk),
        note=note,
    )


# --- Approving as the last party ------------------------------------------------------


@transaction.atomic
def promise_approve_and_publish(
    *,
    promise: Promise,
    actor: User,
    organisation: Organisation,
    comment: str = "",
    revision: int | None = None,
    comment_public: bool = False,
) -> tuple[Approval, PromiseVersion | None]:
    """Approve for one party and, when no approval is missing any more, publish.

    Follow-ups that every party approved while the plan waited are published
    with it, oldest period first. Returns the approval and the newest version
    published (None when other parties still have to approve).
    """
    approval = promise_approve(
        promise=promise,
        actor=actor,
        organisation=organisation,
        comment=comment,
        revision=revision,
        comment_public=comment_public,
    )
    promise.refresh_from_db()
    if approvals_missing(promise=promise):
        return approval, None
    version = promise_publish(promise=promise, actor=actor)
    waiting = (
        PeriodReport.objects.filter(
            promise=promise, status=PeriodReport.Status.SUBMITTED
        )
        .select_related("period")
        .order_by("period__start_date", "period__kind")
    )
    for report in waiting:
        if not approvals_missing(promise=promise, period=report.period):
            version = period_report_publish(
                promise=promise, period=report.period, actor=actor
            )
    return approval, version


@transaction.atomic
def period_report_approve_and_publish(
    *,
    promise: Promise,
    period: ReportingPeriod,
    actor: User,
    organisation: Organisation,
    comment: str = "",
    revision: int | None = None,
    comment_public: bool = False,
) -> tuple[Approval, PromiseVersion | None]:
    """Approve a period's follow-up for one party and publish it once every party
    has approved and the promise itself is published (otherwise it is published
    together with the promise)."""
    approval = period_report_approve(
        promise=promise,
        period=period,
        actor=actor,
        organisation=organisation,
        comment=comment,
        revision=revision,
        comment_public=comment_public,
    )
    if approvals_missing(promise=promise, period=period):
        return approval, None
    if latest_version(promise=promise) is None:
        return approval, None
    return approval, period_report_publish(promise=promise, period=period, actor=actor)
