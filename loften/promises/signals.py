"""Signals sent by the promises' services, inside their transaction, for what other
apps keep beside a promise (the follow-ups' reporting periods and period reports).

They let `promises` stay below `followups`: the promises app never imports the
follow-ups, which depend on it.
"""

from django.dispatch import Signal

# Sent with `promise` after a promise was created or its period or cadence changed.
promise_schedule_changed = Signal()

# Sent with `activity` just before an activity is deleted with its follow-ups.
activity_deleting = Signal()
