"""Receivers of publication's signals: each step of the cycle told to those who
act next."""

from typing import Any

from loften.promises.models import Promise
from loften.publication.models import PromiseVersion

from .models import Kind
from .selectors import APPROVERS, EDITORS, EVERYONE, members_of_parties
from .services import notifications_create


def on_approval_step(
    *, step: str, promise, period, actor, organisation, comment, **kwargs: Any
) -> None:
    """Submitted: the approvers of every party. Approved: the other parties'
    approvers and the editors. Sent back: the editors, with the comment."""
    if step == "submitted":
        recipients = members_of_parties(promise=promise, roles=APPROVERS)
        kind = Kind.SUBMITTED
    elif step == "approved":
        others = [
            o
            for o in _parties(promise)
            if organisation is None or o.pk != organisation.pk
        ]
        recipients = _unique(
            members_of_parties(promise=promise, roles=APPROVERS, organisations=others)
            + members_of_parties(promise=promise, roles=EDITORS)
        )
        kind = Kind.APPROVED
    elif step == "sent_back":
        recipients = members_of_parties(promise=promise, roles=EDITORS)
        kind = Kind.SENT_BACK
    else:
        return
    notifications_create(
        recipients=recipients,
        kind=kind,
        promise=promise,
        period=period,
        actor=actor,
        comment=comment if step == "sent_back" else "",
        detail=str(organisation) if organisation is not None else "",
    )


def on_comment_posted(*, comment, **kwargs: Any) -> None:
    """A comment: the editors and approvers of every party but its author."""
    notifications_create(
        recipients=members_of_parties(
            promise=comment.promise, roles=EDITORS + APPROVERS
        ),
        kind=Kind.COMMENT,
        promise=comment.promise,
        period=comment.period,
        actor=comment.author,
        comment=comment.text,
    )


def on_promise_published(*, promise_id: int, version_id: int, **kwargs: Any) -> None:
    """Published (after commit): everyone who is a member of a party."""
    from django.db import transaction

    version = PromiseVersion.objects.select_related("promise", "period").get(
        pk=version_id
    )
    promise: Promise = version.promise
    with transaction.atomic():
        notifications_create(
            recipients=members_of_parties(promise=promise, roles=EVERYONE),
            kind=Kind.PUBLISHED,
            promise=promise,
            period=version.period,
            actor=version.published_by,
        )


def _parties(promise):
    from loften.promises.selectors import promise_party_organisations

    return promise_party_organisations(promise=promise)


def _unique(users):
    seen = {}
    for user in users:
        seen.setdefault(user.pk, user)
    return list(seen.values())
