"""Sent after a publication has been committed, e.g. to clear cached public pages."""

from django.dispatch import Signal

# Sent with `promise_id` and `version_id` once the transaction has committed.
promise_published = Signal()
