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


# --- Error pages ----------------------------------------------------------------------


def _assert_site_shell(html: str, language: str = "sv") -> None:
    assert f'<html lang="{language}">' in html
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'action="/sok/"' in html or 'action="/en/sok/"' in html


def test_an_unknown_address_gets_the_sites_own_404_page(client):
    response = client.get("/finns-inte/")
    html = response.content.decode()
    assert response.status_code == 404
    _assert_site_shell(html)
    assert "<title>Sidan finns inte – Löften</title>" in html
    assert 'href="/kommuner/"' in html


def test_the_404_page_is_english_under_en(client):
    response = client.get("/en/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    _assert_site_shell(html, "en")
    assert "Page not found" in html


def test_a_view_that_finds_nothing_gets_the_same_404_page(client):
    response = client.get("/lofte/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_permission_denied_gets_the_sites_own_403_page(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied

    from config import urls
    from loften.core import views

    assert urls.handler403 == "loften.core.views.permission_denied"
    request = rf.get("/redaktion/")
    request.user = AnonymousUser()
    response = views.permission_denied(request, PermissionDenied())
    html = response.content.decode()
    assert response.status_code == 403
    _assert_site_shell(html)
    assert "Du har inte tillgång till sidan" in html
    assert 'href="/konto/logga-in/?next=/redaktion/"' in html


def test_a_failed_csrf_check_gets_a_page_that_explains_what_to_do(client):
    client = type(client)(enforce_csrf_checks=True)
    response = client.post(
        "/tillganglighet/rapportera-problem/", {"description": "Knappen syns inte."}
    )
    html = response.content.decode()
    assert response.status_code == 403
    _assert_site_shell(html)
    assert "Formuläret kunde inte skickas" in html
    assert "kakor" in html


def test_a_server_error_gets_the_sites_own_500_page(client, monkeypatch):
    from loften.public import views as public_views

    def broken(**kwargs):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(public_views.selectors, "start_page", broken)
    client.raise_request_exception = False
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 500
    _assert_site_shell(html, "en")
    assert "Something went wrong" in html


def test_the_500_page_needs_neither_the_database_nor_the_context_processors(
    rf, django_db_blocker
):
    from config import urls
    from loften.core import views

    assert urls.handler500 == "loften.core.views.server_error"
    request = rf.get("/")  # no session and no user: the middleware may not have run
    with django_db_blocker.block():
        response = views.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    _assert_site_shell(html)
    assert "Något gick fel" in html
    assert 'name="language"' not in html  # no form that would need a CSRF token


def test_the_500_page_falls_back_to_plain_html_if_its_template_fails(rf, monkeypatch):
    from loften.core import views

    def broken(name):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(views.loader, "get_template", broken)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Ett fel uppstod" in response.content.decode()


def test_the_language_switch_links_to_the_same_page_in_the_other_language(client):
    swedish = client.get("/tillganglighet/?fran=x").content.decode()
    assert 'href="/en/tillganglighet/?fran=x" hreflang="en"' in swedish
    english = client.get("/en/tillganglighet/").content.decode()
    assert 'href="/tillganglighet/" hreflang="sv"' in english


def test_only_signed_in_users_pages_carry_a_token_for_htmx(client, django_user_model):
    assert "X-CSRFToken" not in client.get("/tillganglighet/").content.decode()
    client.force_login(django_user_model.objects.create_user("ed@example.se", "pw"))
    assert "X-CSRFToken" in client.get("/tillganglighet/").content.decode()
