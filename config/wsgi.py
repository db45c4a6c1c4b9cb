"""The WSGI application that gunicorn (`config.wsgi`) and runserver
(WSGI_APPLICATION) serve: Django, behind the page cache's answer to a hit
(loften/core/page_cache.py)."""

import os

from django.core.wsgi import get_wsgi_application

from loften.core.page_cache import PublicPageCacheApplication

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = PublicPageCacheApplication(get_wsgi_application())
