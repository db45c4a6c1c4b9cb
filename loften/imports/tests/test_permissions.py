import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from loften.imports.models import ImportJob
from loften.imports.permissions import (
    access_import_job,
    can_import_for,
    can_review_import_job,
    can_view_import_job,
)
from loften.testing import factories
from loften.testing.imports import ready_job

pytestmark = pytest.mark.django_db


def test_editors_and_higher_import_for_their_own_organisation(people):
    approver = factories.member(people.municipality, "approver")
    assert can_import_for(user=people.editor, organisation=people.municipality)
    assert can_import_for(user=approver, organisation=people.municipality)
    assert not can_import_for(user=people.viewer, organisation=people.municipality)
    assert not can_import_for(
        user=people.other_editor, organisation=people.municipality
    )
    assert not can_import_for(user=AnonymousUser(), organisation=people.municipality)
    assert not can_import_for(user=None, organisation=people.municipality)


def test_an_inactive_editor_imports_nothing(people):
    people.editor.is_active = False
    people.editor.save()
    assert not can_import_for(user=people.editor, organisation=people.municipality)


def test_members_see_their_organisations_imports_and_editors_review_them(people):
    job = ready_job(people)
    assert can_view_import_job(user=people.viewer, job=job)
    assert not can_review_import_job(user=people.viewer, job=job)
    assert can_review_import_job(user=people.editor, job=job)
    for outsider in (people.other_editor, people.police_editor, AnonymousUser()):
        assert not can_view_import_job(user=outsider, job=job)
        assert not can_review_import_job(user=outsider, job=job)


def test_an_import_of_no_organisation_is_for_site_administrators(people):
    job = ready_job(people)
    ImportJob.objects.filter(pk=job.pk).update(organisation=None)
    job.refresh_from_db()
    admin = factories.UserFactory(is_superuser=True)
    assert can_review_import_job(user=admin, job=job)
    assert not can_view_import_job(user=people.editor, job=job)


def test_access_answers_404_for_imports_the_user_may_not_see(people):
    job = ready_job(people)
    assert access_import_job(user=people.viewer, job_id=job.pk) == job
    with pytest.raises(Http404):
        access_import_job(user=people.other_editor, job_id=job.pk)
    with pytest.raises(Http404):
        access_import_job(user=people.editor, job_id=job.pk + 1000)
