"""Who may send for approval, approve and publish. Built on the promise policy
(`loften.promises.permissions`): rights come from memberships in the parties.

Editors send a plan or a period for approval; an approver (or an organisation's
administrator) approves on behalf of their own organisation and publishes. A site
administrator approves only where they are a member: an approval names the party
it is given for.
"""

from loften.core.models import User
from loften.organisations.models import Membership, Organisation
from loften.promises.models import Promise
from loften.promises.permissions import (
    can_approve_promise,
    can_edit_promise,
    promise_role,
)
from loften.promises.selectors import promise_party_organisations

PUBLISHING_ROLES = frozenset({Membership.Role.APPROVER, Membership.Role.ADMINISTRATOR})


def can_submit_for_approval(*, user: User | None, promise: Promise) -> bool:
    """May send the plan or a period's follow-up to the approvers."""
    return can_edit_promise(user=user, promise=promise)


def can_publish(*, user: User | None, promise: Promise) -> bool:
    """May publish once every party has approved."""
    return promise_role(user=user, promise=promise) in PUBLISHING_ROLES


def approval_organisations(*, user: User, promise: Promise) -> list[Organisation]:
    """The parties on whose behalf `user` may approve `promise`."""
    return [
        organisation
        for organisation in promise_party_organisations(promise=promise)
        if can_approve_promise(user=user, promise=promise, organisation=organisation)
    ]


COMMENTING_ROLES = PUBLISHING_ROLES | {Membership.Role.EDITOR}


def can_comment(*, user: User | None, promise: Promise) -> bool:
    """May write in the thread between the parties: an editor or an approver of
    a party, or a site administrator."""
    if user is not None and user.is_active and user.is_superuser:
        return True
    return promise_role(user=user, promise=promise) in COMMENTING_ROLES
