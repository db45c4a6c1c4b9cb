from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "loften.imports"
    verbose_name = _("Import")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
