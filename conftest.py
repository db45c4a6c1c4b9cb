"""Shared pytest configuration and fixtures.

Optional inputs (Chromium, the document corpus) make their tests skip with a
reason when absent; CI sets LOFTEN_REQUIRE_BROWSER=1 so a missing browser fails
instead of hiding the tests.
"""

import gc
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Speed belongs in the benchmarks (bench/), not in tests: a property test must
# not fail because a busy machine ran one example slowly.
hypothesis_settings.register_profile("loften", deadline=None)
hypothesis_settings.load_profile("loften")

REPOSITORY = Path(__file__).resolve().parent
CORPUS_DIR = Path(
    os.environ.get("LOFTEN_CORPUS_DIR", REPOSITORY.parent / "shared" / "corpus")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def pytest_configure(config):
    # Collect young objects less often: a test makes many short-lived ones, and
    # each collection of the oldest generation walks everything still alive.
    gc.set_threshold(50_000, 20, 20)


def pytest_collection_finish(session):
    """Once Django, the code and the collected tests are loaded, their objects
    live until the end: frozen, no later collection walks them again (about 5 %
    of the suite's processor time went into collections before)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """A fast password hasher for the whole session, so that module-scoped
    fixtures that create users are fast too (they are set up before any test's
    own fixtures); the production hasher costs about 0.3 s a password."""
    from django.test import override_settings

    from loften.testing.reference import FAST_PASSWORD_HASHERS

    with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Swedish: a request to /en/ leaves English active in the
    thread, and reverse() and gettext outside requests would follow it."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.deactivate()


@pytest.fixture
def reference_data(transactional_db):
    """For tests that commit: the reference rows the data migrations load, put back
    if an earlier transactional test emptied the tables."""
    from loften.testing.reference import reference_data_ensure

    reference_data_ensure()


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached public pages must not outlive the test database they were built from,
    # neither in the shared cache nor the copies this process keeps.
    from django.core.cache import cache

    from loften.core.page_cache import public_page_local_clear

    cache.clear()
    public_page_local_clear()


@pytest.fixture
def corpus_dir() -> Path:
    """The folder of real published documents, or a skip when it is absent."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(
            f"the document corpus is not at {CORPUS_DIR} (set LOFTEN_CORPUS_DIR)"
        )
    return CORPUS_DIR


@pytest.fixture
def parties(db):
    """A promise with a municipality and a police area, and a member of each role."""
    from loften.testing.workflow import promise_with_parties

    return promise_with_parties()


# Debian's Chromium for the browser tests: its headless shell where installed,
# which runs the same engine without the full browser around it and so costs
# about half the processor time (docs/decisions/0005-browser-tests-headless-shell.md);
# otherwise the full browser, headless.
CHROMIUM_COMMANDS = ("chromium-headless-shell", "chromium")


def _chromium_path() -> str | None:
    chosen = os.environ.get("LOFTEN_CHROMIUM")
    if chosen:
        return chosen if os.path.exists(chosen) else None
    for command in CHROMIUM_COMMANDS:
        path = shutil.which(command)
        if path:
            return path
    return None


@pytest.fixture(autouse=True)
def _no_csp_violations(request):
    """A browser test fails when a page broke the Content-Security-Policy."""
    from loften.testing.browser import CSP_VIOLATIONS

    CSP_VIOLATIONS.clear()
    yield
    if "chromium" in request.fixturenames and CSP_VIOLATIONS:
        found = "\n".join(CSP_VIOLATIONS)
        CSP_VIOLATIONS.clear()
        pytest.fail(f"Content-Security-Policy violations:\n{found}")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright, for browser tests; every page it
    opens is checked for Content-Security-Policy violations."""
    path = _chromium_path()
    if path is None:
        reason = (
            "Chromium is not installed "
            "(apt-get install chromium-headless-shell, or chromium)"
        )
        if os.environ.get("LOFTEN_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the test's own
    # ORM calls are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, headless=True, args=CHROMIUM_ARGS
        )
        from loften.testing.browser import CheckedBrowser

        yield CheckedBrowser(browser)
        browser.close()


@pytest.fixture(scope="session")
def shared_server(chromium, django_db_setup, django_db_blocker):
    """A live server for browser tests that read data a module built once, inside a
    transaction: unlike `live_server`, it serves through the test thread's own
    connection (the one Django hands out once Playwright's event loop runs), so it
    sees that open transaction, and what a test writes through it is rolled back
    with the test. Only on in-memory SQLite, the one connection threads share."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def shared_site(request):
    """A live server for one browser test of module data (see
    `loften.testing.browser.shares_test_connection`): `shared_server` on SQLite,
    `live_server` on PostgreSQL, where the test commits its own data."""
    from loften.testing.browser import shares_test_connection

    if shares_test_connection():
        request.getfixturevalue("db")
        server = request.getfixturevalue("shared_server")
    else:
        server = request.getfixturevalue("live_server")
    with server._live_server_modified_settings:
        yield server


@pytest.fixture
def page(chromium):
    """A fresh browser tab (its own cookies) in Swedish."""
    context = chromium.new_context(
        locale="sv-SE", viewport={"width": 1280, "height": 900}
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
