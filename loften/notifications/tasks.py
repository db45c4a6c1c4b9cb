"""Background work of notifications: e-mail, so that no page waits for SMTP."""

from django.utils import timezone
from django_tasks import task

from .models import Notification


@task()
def notification_email_send(notification_id: int) -> bool:
    """E-mail one notification to its recipient, once; whether it was sent."""
    from .email import notification_email_send as send

    notification = (
        Notification.objects.select_related("recipient", "promise", "period")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    send(notification=notification)
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
