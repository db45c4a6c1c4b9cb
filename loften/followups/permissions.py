"""Who may log occurrences and write follow-ups: the editors of a promise's
parties, while the promise is not concluded (`loften.promises.permissions`)."""

from loften.core.models import User
from loften.promises.models import Activity, Promise
from loften.promises.permissions import can_edit_promise


def can_log_occurrence(*, user: User | None, activity: Activity) -> bool:
    """May log, change or remove an occurrence of `activity`."""
    return can_edit_promise(user=user, promise=activity.promise)


def can_write_followup(*, user: User | None, promise: Promise) -> bool:
    """May write the follow-ups of the promise's periods."""
    return can_edit_promise(user=user, promise=promise)
