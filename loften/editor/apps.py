from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorConfig(AppConfig):
    name = "loften.editor"
    verbose_name = _("Editors' workflow")
