"""Who may change organisations and memberships: site administrators
(superusers), and editors only to add a partner that a promise names. A user of
None is the system itself (the example data, migrations)."""

from loften.core.models import User

from .models import Membership, Organisation
from .selectors import organisation_list_for_user


def can_manage_organisations(*, user: User | None) -> bool:
    """May add and change organisations and give or remove memberships."""
    return user is None or (user.is_active and user.is_superuser)


def can_add_organisation(*, user: User | None, kind: str) -> bool:
    """May register an organisation of `kind`: an editor of any organisation may
    add a partner (as accepting an imported document does)."""
    if can_manage_organisations(user=user):
        return True
    return (
        kind == Organisation.Kind.PARTNER
        and organisation_list_for_user(
            user=user, min_role=Membership.Role.EDITOR
        ).exists()
    )
