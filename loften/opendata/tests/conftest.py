import pytest


@pytest.fixture(autouse=True)
def _no_throttling(settings):
    """Tests make many requests from one address; throttling is tested on its own."""
    settings.API_THROTTLE_RATE = ""


@pytest.fixture(autouse=True)
def _swedish_outside_requests():
    from django.utils import translation

    with translation.override("sv"):
        yield
