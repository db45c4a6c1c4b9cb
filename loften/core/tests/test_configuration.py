"""Bad configuration stops with one clear sentence; production passes check --deploy."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]

pytestmark = pytest.mark.processes
# Each test sets these itself; DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser
# tests' fixture and would fail the deployment checks.
CONTROLLED_VARIABLES = {
    "DATABASE_URL",
    "LOFTEN_VAR_DIR",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "LOFTEN_ENV",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
GOOD_SECRET = "k" * 20 + "Zq9-" + "x" * 40


def run_loften(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in CONTROLLED_VARIABLES
    }
    environment.update(env)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "-m", "loften.cli", *args],
        cwd=REPOSITORY,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_one_clear_sentence(
    result: subprocess.CompletedProcess, expected: str
) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    # A second sentence starts after a full stop with a capital ("e.g." is not one).
    assert not re.search(r"(?<!e\.g)\.\s+[A-ZÅÄÖ]", lines[0]), lines[0]


def test_production_without_a_secret_stops_with_one_sentence(tmp_path):
    result = run_loften(
        "check",
        LOFTEN_ENV="production",
        ALLOWED_HOSTS="loften.example.se",
        LOFTEN_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "SECRET_KEY")


def test_production_without_allowed_hosts_stops_with_one_sentence(tmp_path):
    result = run_loften(
        "check",
        LOFTEN_ENV="production",
        SECRET_KEY=GOOD_SECRET,
        LOFTEN_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "ALLOWED_HOSTS")


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = run_loften("check", LOFTEN_ENV="staging", LOFTEN_VAR_DIR=str(tmp_path))
    assert_one_clear_sentence(result, "LOFTEN_ENV")


def test_a_database_url_of_another_kind_is_refused(tmp_path):
    result = run_loften(
        "check", DATABASE_URL="mysql://root@127.0.0.1/x", LOFTEN_VAR_DIR=str(tmp_path)
    )
    assert_one_clear_sentence(result, "DATABASE_URL")


def test_an_unreachable_database_stops_with_one_sentence(tmp_path):
    result = run_loften(
        "migrate",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nothing",
        LOFTEN_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "cannot use the database")


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = run_loften(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        LOFTEN_ENV="production",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="loften.example.se",
        LOFTEN_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_negative_size_of_the_pages_a_process_keeps_is_refused(tmp_path):
    result = run_loften(
        "check", PUBLIC_PAGE_CACHE_LOCAL_BYTES="-1", LOFTEN_VAR_DIR=str(tmp_path)
    )
    assert_one_clear_sentence(result, "PUBLIC_PAGE_CACHE_LOCAL_BYTES must be 0 or more")


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_yes_no_setting_with_another_value_is_refused(tmp_path, value):
    result = run_loften("check", DEBUG=value, LOFTEN_VAR_DIR=str(tmp_path))
    assert_one_clear_sentence(result, "DEBUG must be true or false")


def test_runserver_with_an_unreachable_database_stops_with_one_sentence(tmp_path):
    # Without the check first, Django's autoreloader thread printed psycopg's
    # traceback and the server went on waiting.
    result = run_loften(
        "runserver",
        "127.0.0.1:8799",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/x",
        LOFTEN_VAR_DIR=str(tmp_path),
    )
    assert_one_clear_sentence(result, "cannot use the database")


@pytest.mark.parametrize(
    "url",
    [
        "postgres://loften:hemligt@db.example.se:femtiofyra/loften",
        "postgres://loften:hemligt@[::1/loften",
        "loften:hemligt@db.example.se/loften",
    ],
)
def test_a_malformed_database_url_stops_with_one_sentence_without_the_password(
    tmp_path, url
):
    result = run_loften("check", DATABASE_URL=url, LOFTEN_VAR_DIR=str(tmp_path))
    assert_one_clear_sentence(result, "DATABASE_URL")
    assert "hemligt" not in result.stderr


def test_a_var_dir_whose_parents_are_missing_is_created(tmp_path):
    folder = tmp_path / "finns" / "inte" / "var"
    result = run_loften("check", LOFTEN_VAR_DIR=str(folder))
    assert result.returncode == 0, result.stderr
    assert folder.is_dir()


def test_a_var_dir_that_cannot_be_created_stops_with_one_sentence(tmp_path):
    (tmp_path / "en-fil").write_text("")
    result = run_loften("check", LOFTEN_VAR_DIR=str(tmp_path / "en-fil" / "var"))
    assert_one_clear_sentence(result, "cannot create LOFTEN_VAR_DIR")


def _production(**env: str) -> dict[str, str]:
    return {
        "LOFTEN_ENV": "production",
        "SECRET_KEY": GOOD_SECRET,
        "ALLOWED_HOSTS": "loften.example.se",
        **env,
    }


def test_production_without_a_var_dir_stops_with_one_sentence():
    # Installed with `pip install .`, the default var/ would be inside the
    # virtualenv's site-packages.
    result = run_loften("check", **_production())
    assert_one_clear_sentence(result, "LOFTEN_VAR_DIR")


def test_production_refuses_a_relative_var_dir():
    result = run_loften("check", **_production(LOFTEN_VAR_DIR="var"))
    assert_one_clear_sentence(result, "must be an absolute path")


def test_production_keeps_uploaded_and_static_files_in_the_var_dir(tmp_path):
    result = run_loften(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.conf import settings; "
        "print(settings.MEDIA_ROOT); print(settings.STATIC_ROOT)",
        **_production(LOFTEN_VAR_DIR=str(tmp_path)),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / "media"), str(tmp_path / "static")]


def test_production_may_name_each_place_instead_of_a_var_dir(tmp_path):
    result = run_loften(
        "check",
        **_production(
            MEDIA_ROOT=str(tmp_path / "media"),
            STATIC_ROOT=str(tmp_path / "static"),
            DATABASE_URL="postgres://loften@127.0.0.1:5432/loften",
        ),
    )
    assert result.returncode == 0, result.stderr
