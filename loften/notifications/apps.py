from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "loften.notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from loften.publication.signals import (
            approval_step,
            comment_posted,
            promise_published,
        )

        from . import receivers

        approval_step.connect(
            receivers.on_approval_step, dispatch_uid="notifications_approval_step"
        )
        comment_posted.connect(
            receivers.on_comment_posted, dispatch_uid="notifications_comment"
        )
        promise_published.connect(
            receivers.on_promise_published, dispatch_uid="notifications_published"
        )
