import pytest
from django.urls import reverse

from loften.testing import factories

pytestmark = pytest.mark.django_db


def test_admin_asks_anonymous_users_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_login_page_and_logging_in(client):
    user = factories.UserFactory(username="karin")
    assert client.get(reverse("login")).status_code == 200
    response = client.post(
        reverse("login"), {"username": "karin", "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == user


def test_a_wrong_password_shows_an_error_summary(client):
    factories.UserFactory(username="karin")
    response = client.post(reverse("login"), {"username": "karin", "password": "fel"})
    assert response.status_code == 200
    assert "Något behöver rättas" in response.content.decode()


def test_password_reset_sends_an_email(client, mailoutbox):
    factories.UserFactory(username="karin", email="karin@example.invalid")
    response = client.post(
        reverse("password_reset"), {"email": "karin@example.invalid"}
    )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "Nytt lösenord till Löften" in mailoutbox[0].subject


def test_a_form_with_mistakes_puts_error_first_in_the_title(client):
    response = client.post(reverse("login"), {"username": "karin", "password": "fel"})
    assert "<title>Fel: Logga in" in response.content.decode()
