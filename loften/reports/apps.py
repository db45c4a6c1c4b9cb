from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "loften.reports"
    verbose_name = _("Follow-up reports")

    def ready(self):
        from . import signals  # noqa: F401 - connects the receivers
        from .renderers.pdf import warm_up_in_server_process

        warm_up_in_server_process()
