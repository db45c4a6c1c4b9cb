from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "loften.subscriptions"
    verbose_name = _("E-mail subscriptions")

    def ready(self):
        from loften.publication.signals import promise_published

        from .services import subscribers_on_published

        promise_published.connect(
            subscribers_on_published, dispatch_uid="subscriptions_published"
        )
