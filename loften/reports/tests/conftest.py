import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Generated files go to a throwaway folder, not var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _swedish_outside_requests():
    """A request to /en/ leaves English active in the thread; URLs reversed by the
    next test would then point to /en/."""
    from django.utils import translation

    with translation.override("sv"):
        yield
