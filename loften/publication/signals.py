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
