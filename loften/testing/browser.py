"""Helpers for browser tests."""

from loften.core.models import User

from . import factories

# What the browser refused under the Content-Security-Policy during the current
# test; any entry fails the test (conftest.py's `_no_csp_violations`).
CSP_VIOLATIONS: list[str] = []


class CheckedBrowser:
    """The browser, with every context it opens listening for violations of the
    Content-Security-Policy, which Chromium reports on the console."""

    def __init__(self, browser) -> None:  # type: ignore[no-untyped-def]
        self._browser = browser

    def new_context(self, **options):  # type: ignore[no-untyped-def]
        context = self._browser.new_context(**options)

        def console(message) -> None:  # type: ignore[no-untyped-def]
            if "Content Security Policy" in message.text:
                url = message.location.get("url", "")
                CSP_VIOLATIONS.append(f"{url}: {message.text}")

        context.on("console", console)
        return context

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._browser, name)


def shares_test_connection() -> bool:
    """Whether a live server can serve through the tests' own database connection
    and so see data of a transaction not committed: on SQLite, whose test database
    is in memory. A module can then build its data once for all its browser tests
    (`module_data`, `shared_site`); on PostgreSQL the server has a connection of
    its own, and each test commits the data it needs (transaction=True)."""
    from django.db import connection

    return connection.vendor == "sqlite"


def log_in(tab, base_url: str, user: User, password: str = factories.PASSWORD) -> None:
    """Sign `user` in through the login form and wait until the form is left."""
    tab.goto(base_url + "/konto/logga-in/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", password)
    tab.locator("main").get_by_role("button", name="Logga in").click()
    tab.wait_for_url(lambda url: "/konto/logga-in/" not in url)
