from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "loften.public"
    verbose_name = _("Public site")

    def ready(self):
        from loften.core.cache import public_cache_invalidate
        from loften.publication.signals import promise_published

        from .signals import reference_signals_connect

        promise_published.connect(
            public_cache_invalidate, dispatch_uid="public_cache_invalidate"
        )
        reference_signals_connect()
