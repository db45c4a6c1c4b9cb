"""The history of a promise: every published version with who, when and what
changed, what the draft would change, and the audit log."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..permissions import VIEW, access_promise
from ..publishing import audit_list_for_promise, unpublished_changes, version_history
from .common import rights

AUDIT_ENTRIES_SHOWN = 200


@login_required
def history(request, promise_id: int):
    promise = access_promise(user=request.user, promise_id=promise_id, action=VIEW)
    return render(
        request,
        "editor/history.html",
        {
            "promise": promise,
            "versions": version_history(promise=promise),
            "pending": unpublished_changes(promise=promise),
            "audit": audit_list_for_promise(promise=promise, limit=AUDIT_ENTRIES_SHOWN),
            **rights(request, promise),
        },
    )
