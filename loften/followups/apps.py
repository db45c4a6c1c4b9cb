from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupsConfig(AppConfig):
    name = "loften.followups"
    verbose_name = _("Follow-ups")

    def ready(self):
        from loften.promises.signals import activity_deleting, promise_schedule_changed

        from .services import (
            period_reports_on_activity_deleting,
            reporting_periods_on_schedule_changed,
        )

        activity_deleting.connect(
            period_reports_on_activity_deleting,
            dispatch_uid="period_reports_on_activity_deleting",
        )
        promise_schedule_changed.connect(
            reporting_periods_on_schedule_changed,
            dispatch_uid="reporting_periods_on_schedule_changed",
        )
