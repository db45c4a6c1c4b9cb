"""Who may import documents and see or act on an import: one policy for views,
services and the command line.

Editors (or higher roles) of a municipality or police-area organisation may upload
documents for it; every member of that organisation sees its imports; editors
accept or discard them. Site administrators may do everything. An import that
belongs to no organisation (from the command line) is seen only by site
administrators.
"""

from typing import TypeGuard

from django.http import Http404

from loften.core.models import User
from loften.organisations.models import Membership, Organisation

from .models import ImportJob

# Only these organisations can be party to a promise, so only they import.
PARTY_KINDS = (Organisation.Kind.MUNICIPALITY, Organisation.Kind.POLICE_AREA)


def _active(user: User | None) -> TypeGuard[User]:
    return user is not None and user.is_authenticated and user.is_active


def _role_in(user: User, organisation: Organisation | None, role: str) -> bool:
    if organisation is None:
        return False
    roles = Membership.ROLE_ORDER[Membership.ROLE_ORDER.index(Membership.Role(role)) :]
    return Membership.objects.filter(
        user=user, organisation=organisation, role__in=roles
    ).exists()


def can_import_for(*, user: User | None, organisation: Organisation) -> bool:
    """May upload documents to be imported for `organisation`."""
    if not _active(user) or organisation.kind not in PARTY_KINDS:
        return False
    if user.is_superuser:
        return True
    return _role_in(user, organisation, Membership.Role.EDITOR)


def can_view_import_job(*, user: User | None, job: ImportJob) -> bool:
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return _role_in(user, job.organisation, Membership.Role.VIEWER)


def can_review_import_job(*, user: User | None, job: ImportJob) -> bool:
    """May correct and accept the import, or discard it."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return _role_in(user, job.organisation, Membership.Role.EDITOR)


def access_import_job(*, user: User | None, job_id: int) -> ImportJob:
    """The import with `job_id` if `user` may see it; 404 otherwise, so that
    imports of other organisations do not reveal that they exist."""
    job = (
        ImportJob.objects.select_related(
            "organisation", "uploaded_by", "accepted_by", "promise"
        )
        .filter(pk=job_id)
        .first()
    )
    if job is None or not can_view_import_job(user=user, job=job):
        raise Http404
    return job
