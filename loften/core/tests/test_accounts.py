"""Logging out and the whole password-reset path, from the e-mail to the new
password."""

import re

import pytest
from django.urls import reverse

from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_logging_out_needs_a_post_and_ends_the_session(client):
    user = factories.UserFactory(username="karin")
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get(reverse("editor:start")).status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_the_reset_link_in_the_email_sets_a_new_password(client, mailoutbox):
    user = factories.UserFactory(username="karin", email="karin@example.invalid")
    client.post(reverse("password_reset"), {"email": "karin@example.invalid"})
    link = re.search(r"https?://[^/\s]+(/\S*/nytt-losenord/\S+/)", mailoutbox[0].body)
    assert link, mailoutbox[0].body
    # The link redirects once to a URL without the token, as Django does.
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    form_url = form_page.redirect_chain[-1][0]
    new_password = "ett-nytt-långt-lösenord-2026"
    response = client.post(
        form_url, {"new_password1": new_password, "new_password2": new_password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(new_password)


def test_a_used_or_wrong_reset_link_is_refused_clearly(client):
    factories.UserFactory(username="karin", email="karin@example.invalid")
    response = client.get("/konto/nytt-losenord/MQ/fel-token/")
    assert response.status_code == 200
    assert not response.context["validlink"]
    assert 'name="new_password1"' not in response.content.decode()


def test_a_reset_for_an_unknown_address_sends_nothing_but_looks_the_same(
    client, mailoutbox
):
    response = client.post(
        reverse("password_reset"), {"email": "ingen@example.invalid"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []
