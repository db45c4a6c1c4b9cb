"""Commitments, signatories and the sources of the lägesbild: adding and changing
them. Deleting and moving them is `plan.plan_part_delete` and
`plan.plan_part_move`, shared with every ordered part."""

from django.db import transaction

from loften.core.models import User

from ..models import Commitment, Contact, Promise, Signatory, SituationSource
from .plan import next_order, part_save, part_update, require_edit


@transaction.atomic
def commitment_create(*, promise: Promise, actor: User | None, text: str) -> Commitment:
    require_edit(actor, promise)
    commitment = Commitment(
        promise=promise, text=text.strip(), order=next_order(promise.commitments)
    )
    return part_save(
        actor=actor, promise=promise, instance=commitment, action="commitment.create"
    )


@transaction.atomic
def commitment_update(
    *, commitment: Commitment, actor: User | None, text: str
) -> Commitment:
    return part_update(
        actor=actor,
        instance=commitment,
        values={"text": text.strip()},
        action="commitment.update",
    )


@transaction.atomic
def signatory_create(
    *, promise: Promise, actor: User | None, name: str, title: str, organisation: str
) -> Signatory:
    require_edit(actor, promise)
    signatory = Signatory(
        promise=promise,
        name=name.strip(),
        title=title.strip(),
        organisation=organisation.strip(),
        order=next_order(promise.signatories),
    )
    return part_save(
        actor=actor, promise=promise, instance=signatory, action="signatory.create"
    )


@transaction.atomic
def signatory_update(
    *,
    signatory: Signatory,
    actor: User | None,
    name: str,
    title: str,
    organisation: str,
) -> Signatory:
    return part_update(
        actor=actor,
        instance=signatory,
        values={
            "name": name.strip(),
            "title": title.strip(),
            "organisation": organisation.strip(),
        },
        action="signatory.update",
    )


@transaction.atomic
def contact_create(
    *,
    promise: Promise,
    actor: User | None,
    kind: str,
    name: str,
    role: str,
    route: str,
) -> Contact:
    """Name a contact person of the promise (shown publicly once published)."""
    require_edit(actor, promise)
    contact = Contact(
        promise=promise,
        kind=kind,
        name=name.strip(),
        role=role.strip(),
        route=route.strip(),
        order=next_order(promise.contacts),
    )
    return part_save(
        actor=actor, promise=promise, instance=contact, action="contact.create"
    )


@transaction.atomic
def contact_update(
    *,
    contact: Contact,
    actor: User | None,
    kind: str,
    name: str,
    role: str,
    route: str,
) -> Contact:
    return part_update(
        actor=actor,
        instance=contact,
        values={
            "kind": kind,
            "name": name.strip(),
            "role": role.strip(),
            "route": route.strip(),
        },
        action="contact.update",
    )


@transaction.atomic
def situation_source_create(
    *,
    promise: Promise,
    actor: User | None,
    kind: str,
    title: str,
    year: int | None = None,
    url: str = "",
    note: str = "",
) -> SituationSource:
    require_edit(actor, promise)
    source = SituationSource(
        promise=promise,
        kind=kind,
        title=title.strip(),
        year=year,
        url=url,
        note=note,
        order=next_order(promise.situation_sources),
    )
    return part_save(
        actor=actor, promise=promise, instance=source, action="situation_source.create"
    )


@transaction.atomic
def situation_source_update(
    *,
    source: SituationSource,
    actor: User | None,
    kind: str,
    title: str,
    year: int | None = None,
    url: str = "",
    note: str = "",
) -> SituationSource:
    return part_update(
        actor=actor,
        instance=source,
        values={
            "kind": kind,
            "title": title.strip(),
            "year": year,
            "url": url.strip(),
            "note": note.strip(),
        },
        action="situation_source.update",
    )
