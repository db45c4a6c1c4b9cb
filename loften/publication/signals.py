"""Signals of publication: the read model was rebuilt (inside the transaction, for
what is built from it, such as the search index) and a publication was committed
(for clearing cached public pages)."""

from django.dispatch import Signal

# Sent with `promise_id` and `version_id` once the transaction has committed.
promise_published = Signal()

# Sent with `promise_id` and `snapshot` (the published version's data) right after
# the Published* tables were rebuilt, inside the same transaction, so a receiver's
# writes commit or roll back with the publication.
read_model_rebuilt = Signal()

# Sent inside the transaction of each step of the approval state machine, with
# `step` ("submitted", "approved", "sent_back"), `promise`, `period` (None for
# the plan), `actor`, `organisation` (the approving or returning party, or None)
# and `comment`; a receiver's writes commit or roll back with the step.
approval_step = Signal()

# Sent inside the transaction with `comment` (a publication.models.Comment)
# when a party writes in a promise's or a period's thread.
comment_posted = Signal()
