"""What makes cached public pages stale besides a publication: changes to the
reference data they show (contact details, the municipality → police area mapping,
places and focus areas)."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from loften.core.cache import public_cache_invalidate
from loften.geography.models import County, Municipality, PoliceArea, PoliceRegion
from loften.organisations.models import Organisation
from loften.promises.models import FocusArea

REFERENCE_MODELS = (
    Organisation,
    PoliceArea,
    Municipality,
    County,
    PoliceRegion,
    FocusArea,
)


def reference_data_changed(**kwargs) -> None:
    """Make the cached public pages stale once the change is committed, so that no
    request rebuilds them from the data as it was before."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # a many-to-many change is also sent before it is made
    transaction.on_commit(public_cache_invalidate, using=kwargs.get("using"))


def reference_signals_connect() -> None:
    for model in REFERENCE_MODELS:
        uid = f"public_cache_{model._meta.label_lower}"
        post_save.connect(reference_data_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(
            reference_data_changed, sender=model, dispatch_uid=f"{uid}_delete"
        )
    m2m_changed.connect(
        reference_data_changed,
        sender=PoliceArea.municipalities.through,
        dispatch_uid="public_cache_police_area_municipalities",
    )
