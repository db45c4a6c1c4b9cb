"""The review lists the document's sentences that produced no activity, and one
action (a plain form, no JavaScript needed) turns such a sentence into one."""

import html

import pytest
from django.urls import reverse

from loften.testing.imports import ready_job

pytestmark = pytest.mark.django_db

DOCUMENT = """\
Medborgarlöfte Nässjö kommun 2026

Många boende oroar sig för mopedtrafiken. Under året vill vi även ordna en \
trygghetsdag i Forserum.

Polisen och Nässjö kommun lovar att:

- Polisen genomför minst tio trafikkontroller vid skolorna.
"""


def test_a_sentence_without_an_activity_becomes_one_with_one_action(client, people):
    job = ready_job(people, data=DOCUMENT.encode(), name="lofte.txt")
    assert len(job.result["activities"]) == 1
    client.force_login(people.editor)
    url = reverse("imports:job", kwargs={"job_id": job.pk})
    page = html.unescape(client.get(url).content.decode())
    assert "Under året vill vi även ordna en trygghetsdag i Forserum." in page
    assert 'name="sentence"' in page

    action = reverse("imports:make_activity", kwargs={"job_id": job.pk})
    keys = [
        key
        for key, sentence in _unused(job)
        if sentence.startswith("Under året vill vi")
    ]
    response = client.post(action, {"sentence": keys[0]})
    assert response.status_code == 302
    job.refresh_from_db()
    texts = [activity["text"] for activity in job.result["activities"]]
    assert texts[-1] == "Under året vill vi även ordna en trygghetsdag i Forserum."
    assert all(s != texts[-1] for _, s in _unused(job))
    page = html.unescape(client.get(url).content.decode())
    assert 'name="activities-1-text"' in page


def test_a_viewer_cannot_make_an_activity(client, people):
    job = ready_job(people, data=DOCUMENT.encode(), name="lofte.txt")
    client.force_login(people.viewer)
    action = reverse("imports:make_activity", kwargs={"job_id": job.pk})
    response = client.post(action, {"sentence": "0.0"})
    assert response.status_code == 403
    job.refresh_from_db()
    assert len(job.result["activities"]) == 1


def test_an_unknown_sentence_changes_nothing(client, people):
    job = ready_job(people, data=DOCUMENT.encode(), name="lofte.txt")
    client.force_login(people.editor)
    action = reverse("imports:make_activity", kwargs={"job_id": job.pk})
    client.post(action, {"sentence": "99.0"})
    job.refresh_from_db()
    assert len(job.result["activities"]) == 1


def _unused(job):
    from loften.imports.selectors import import_result_unused_sentences

    return import_result_unused_sentences(result=job.result)
