"""Failed logins and password-reset requests are limited per account (or e-mail
address) and per client address, with a clear message saying when to try again."""

import datetime
import logging
import re
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from loften.core.clients import client_address
from loften.testing import factories

pytestmark = pytest.mark.django_db

LOGIN = "/konto/logga-in/"


WRONG = "fel-lösenord-123"


def _login(client, username, password=WRONG, **headers):
    return client.post(LOGIN, {"username": username, "password": password}, **headers)


def test_thirty_wrong_passwords_lock_the_account_with_a_clear_message(client, caplog):
    user = factories.UserFactory(username="karin")
    caplog.set_level(logging.WARNING, logger="loften.security")
    statuses = [_login(client, "karin").status_code for _ in range(30)]
    assert statuses[:9] == [200] * 9  # wrong password, try again
    assert set(statuses[9:]) == {429}
    # Even the right password is refused while the account is locked.
    response = _login(client, "karin", factories.PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "För många misslyckade inloggningar" in page
    until = timezone.localtime() + datetime.timedelta(minutes=15)
    assert re.search(rf"till {until:%H}:\d\d", page), page
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    assert any(
        "Too many failed logins (login-account)" in r.message for r in caplog.records
    )
    assert any("Refused a login for 'karin'" in r.message for r in caplog.records)
    assert user.username == "karin"


def test_the_lock_ends_after_its_time(client):
    factories.UserFactory(username="karin")
    for _ in range(10):
        _login(client, "karin")
    assert _login(client, "karin", factories.PASSWORD).status_code == 429
    later = timezone.now() + datetime.timedelta(minutes=16)
    with mock.patch("loften.core.throttle.timezone.now", return_value=later):
        response = _login(client, "karin", factories.PASSWORD)
    assert response.status_code == 302


def test_many_accounts_tried_from_one_address_lock_the_address(client):
    factories.UserFactory(username="karin")
    statuses = [_login(client, f"konto{n}").status_code for n in range(25)]
    assert statuses.count(429) == 6  # the 20th failure locks, and it answers so
    assert _login(client, "karin", factories.PASSWORD).status_code == 429
    # Someone else, elsewhere, logs in as usual.
    other = _login(client, "karin", factories.PASSWORD, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_a_client_cannot_escape_the_limit_by_forging_its_address(client):
    for n in range(25):
        _login(client, f"konto{n}", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert _login(client, "konto99").status_code == 429


def test_behind_a_proxy_the_address_the_proxy_saw_counts(rf, settings):
    settings.PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5")
    assert client_address(request) == "203.0.113.5"
    settings.PROXY_COUNT = 0
    assert client_address(request) == "127.0.0.1"


def test_a_successful_login_forgets_the_accounts_failures(client):
    factories.UserFactory(username="karin")
    for _ in range(9):
        _login(client, "karin")
    assert _login(client, "karin", factories.PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(9):
        assert _login(client, "karin").status_code == 200


def test_the_admin_login_is_throttled_too(client):
    factories.UserFactory(username="admin", is_staff=True, is_superuser=True)
    for _ in range(10):
        client.post(
            "/admin/login/", {"username": "admin", "password": "fel-lösenord-123"}
        )
    response = client.post(
        "/admin/login/", {"username": "admin", "password": factories.PASSWORD}
    )
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_reset_requests_are_limited_per_address_and_email(
    client, mailoutbox, caplog
):
    factories.UserFactory(username="karin", email="karin@example.invalid")
    caplog.set_level(logging.WARNING, logger="loften.security")
    url = reverse("password_reset")
    for _ in range(3):
        response = client.post(url, {"email": "karin@example.invalid"})
        assert response.status_code == 302
    response = client.post(url, {"email": "KARIN@example.invalid"})
    assert response.status_code == 429
    assert "För många begäranden om nytt lösenord" in response.content.decode()
    assert len(mailoutbox) == 3
    assert any("Refused a password reset" in r.message for r in caplog.records)
    # Other addresses from the same client, up to the client's own limit.
    statuses = [
        client.post(url, {"email": f"n{n}@example.invalid"}).status_code
        for n in range(10)
    ]
    assert statuses == [302] * 7 + [429] * 3
