"""Test helpers for imports: a follow-up document, the people who import it, and
the review form's proposal as POST data."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from loften.core.models import User
from loften.geography.models import Municipality, PoliceArea
from loften.imports.forms import ImportReview
from loften.imports.models import ImportJob
from loften.imports.services import import_job_process, import_jobs_create
from loften.organisations.models import Membership, Organisation

from . import factories

# A tertial follow-up for Nässjö 2026, written for these tests. It has a matched
# focus area (Trafik) and one that is not in the taxonomy (Trygghet i centrum), a
# target, partners, an activity with no responsible party, and a line the
# reader cannot place (a warning).
FOLLOWUP_TEXT = """\
Uppföljning av medborgarlöfte Nässjö kommun 2026

Vi lovar att öka tryggheten i centrala Nässjö under 2026.

Trafik

Aktivitet\tTertial 1\tTertial 2
Polisen genomför minst tio trafikkontroller vid skolorna.\t\
Genomfört, 8 trafikkontroller och sammanlagt 12 timmar.\tPågår.
Kommunen bjuder in till två trygghetsvandringar i samverkan med skolan.\t\
Inplanerat.\tGenomfört vid 2 tillfällen.
Belysning vid gång- och cykeltunneln under järnvägen.\tEj genomfört.\tPågår.

Trygghet i centrum

Aktivitet\tTertial 1\tTertial 2
Nattvandring varje fredag i samverkan med nattvandrare.\tGenomfört.\tEj genomfört.
Statistiken för hösten saknas ännu, men redovisas i nästa uppföljning.
"""
WARNING_LINE = "Statistiken för hösten saknas ännu"


def followup_document() -> bytes:
    return FOLLOWUP_TEXT.encode()


@dataclass
class ImportPeople:
    """Nässjö's and its police area's organisations, and people in them."""

    municipality: Organisation
    police: Organisation
    police_area: PoliceArea
    editor: User
    viewer: User
    police_editor: User
    other_editor: User  # an editor in Aneby, a municipality of the same area


def import_people() -> ImportPeople:
    nassjo = factories.municipality("0682")
    aneby = factories.municipality("0604")
    area = factories.PoliceAreaFactory(
        name="Lokalpolisområde Höglandet (test)", municipalities=[nassjo, aneby]
    )
    municipality = factories.municipality_organisation(nassjo)
    police = factories.police_area_organisation(area)
    other = factories.municipality_organisation(aneby)
    return ImportPeople(
        municipality=municipality,
        police=police,
        police_area=area,
        editor=factories.member(municipality, Membership.Role.EDITOR),
        viewer=factories.member(municipality, Membership.Role.VIEWER),
        police_editor=factories.member(police, Membership.Role.EDITOR),
        other_editor=factories.member(other, Membership.Role.EDITOR),
    )


def upload(
    *,
    actor: User,
    organisation: Organisation,
    data: bytes | None = None,
    name: str = "uppfoljning-nassjo-2026.txt",
) -> ImportJob:
    """One uploaded document, queued."""
    file = SimpleUploadedFile(name, followup_document() if data is None else data)
    (job,) = import_jobs_create(actor=actor, organisation=organisation, files=[file])
    return job


def ready_job(
    people: ImportPeople, *, data: bytes | None = None, name: str | None = None
) -> ImportJob:
    """An uploaded document that the worker has read."""
    kwargs = {"name": name} if name else {}
    job = upload(
        actor=people.editor, organisation=people.municipality, data=data, **kwargs
    )
    return import_job_process(job_id=job.pk)


def review_post_data(job: ImportJob) -> dict[str, Any]:
    """The review form as proposed, as the browser would post it unchanged."""
    review = ImportReview(job=job)
    data: dict[str, Any] = {}
    forms: list = [review.promise_form]
    for formset in [review.commitments, review.activities, *review.followups]:
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if field.widget_type == "checkbox":
                if value:
                    data[field.html_name] = "on"
                continue
            if hasattr(value, "pk"):
                value = value.pk
            if isinstance(value, datetime.date):
                value = value.isoformat()
            data[field.html_name] = "" if value is None else value
    return data


def municipality_named(name: str) -> Municipality:
    return Municipality.objects.get(name=name)
