"""Every page is sent with a strict Content-Security-Policy, and no template
relies on what it forbids (inline script, inline style)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from loften.testing import factories

REPOSITORY = Path(__file__).resolve().parents[3]
# Rendered by WeasyPrint into PDF files, never served to a browser.
NOT_SERVED = {"reports/pdf"}


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: " ".join(part.split()[1:])
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/kommuner/",
        "/oversikt/",
        "/sok/",
        "/data/",
        "/api/",
        "/konto/logga-in/",
        "/finns-inte/",
        "/en/",
        "/admin/login/",
    ],
)
def test_public_pages_are_sent_with_a_strict_policy(client, path):
    response = client.get(path)
    assert response.status_code in {200, 404}
    policy = _policy(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_editors_pages_and_the_api_are_sent_with_the_policy(client):
    client.force_login(factories.UserFactory())
    assert _policy(client.get(reverse("editor:start")))["script-src"] == "'self'"
    assert "Content-Security-Policy" in client.get("/api/v1/promises/")


def _templates() -> list[Path]:
    return [
        path
        for path in (REPOSITORY / "loften").glob("*/templates/**/*.html")
        if not any(part in path.as_posix() for part in NOT_SERVED)
    ]


def test_no_template_has_an_inline_script_or_event_handler():
    found = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                found.append(f"{path}: {tag}")
        found += [f"{path}: {m}" for m in re.findall(r"\son[a-z]+=\"", text)]
        found += [f"{path}: javascript:" for _ in re.findall("javascript:", text)]
    assert found == []


def test_no_template_has_an_inline_style():
    found = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        found += [f"{path}: <style>" for _ in re.findall(r"<style\b", text)]
        found += [f"{path}: {m}" for m in re.findall(r"\sstyle=\S+", text)]
    assert found == []
