"""Background work of subscriptions: the e-mail, so no page waits for SMTP."""

from django_tasks import task


@task()
def subscription_confirmation_send(subscription_id: int) -> bool:
    """E-mail the confirmation link; False when the subscription is gone or
    already confirmed."""
    from .email import confirmation_email_send
    from .models import Subscription

    found = Subscription.objects.filter(
        pk=subscription_id, confirmed_at__isnull=True
    ).first()
    if found is None:
        return False
    confirmation_email_send(subscription=found)
    return True


@task()
def subscribers_notify(version_id: int) -> int:
    """E-mail every confirmed subscriber of a published version once; the
    number of e-mails sent."""
    from loften.publication.models import PromiseVersion

    from .email import publication_email_send
    from .selectors import subscribers_for_version

    version = PromiseVersion.objects.select_related("promise", "period").get(
        pk=version_id
    )
    sent = 0
    for subscription in subscribers_for_version(version=version):
        publication_email_send(subscription=subscription, version=version)
        sent += 1
    return sent
