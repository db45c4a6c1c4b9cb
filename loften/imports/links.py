"""Where an import's pages link to outside the import app, in one place."""

from django.urls import reverse

from loften.core.models import User
from loften.promises.models import Promise
from loften.promises.permissions import can_view_promise


def promise_draft_url(*, promise: Promise, user: User | None) -> str | None:
    """The editors' page of the draft an import created, or None when `user` may
    not see it."""
    if not can_view_promise(user=user, promise=promise):
        return None
    return reverse("editor:promise_detail", kwargs={"promise_id": promise.pk})
