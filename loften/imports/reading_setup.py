"""Loaded once by the server process that forks the document-reading children
(`reading.py`): what the parser needs of Django, and no more.

The settings and the translations of this app and of Django itself are loaded;
no model and no other app, since the parser is pure. The readers and their
libraries are loaded here too, so that every child has them before its limits
start counting.
"""

import os
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.utils.log import configure_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
settings.LOCALE_PATHS = [
    *settings.LOCALE_PATHS,
    str(Path(__file__).resolve().parent / "locale"),
]
apps.populate([])

from .parsing import read_and_parse  # noqa: E402, F401
from .parsing.readers import docx_reader, pdf_reader  # noqa: E402, F401
