from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "loften.search"
    verbose_name = _("Search")

    def ready(self):
        from loften.publication.signals import read_model_rebuilt

        from .services import search_entries_on_read_model_rebuilt

        read_model_rebuilt.connect(
            search_entries_on_read_model_rebuilt,
            dispatch_uid="search_entries_on_read_model_rebuilt",
        )
