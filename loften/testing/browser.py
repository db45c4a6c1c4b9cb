"""Helpers for browser tests."""

from loften.core.models import User

from . import factories


def log_in(tab, base_url: str, user: User, password: str = factories.PASSWORD) -> None:
    """Sign `user` in through the login form and wait until the form is left."""
    tab.goto(base_url + "/konto/logga-in/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", password)
    tab.locator("main").get_by_role("button", name="Logga in").click()
    tab.wait_for_url(lambda url: "/konto/logga-in/" not in url)
