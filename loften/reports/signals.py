"""Stored report files go with their rows, also when a promise is deleted."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import GeneratedReport


@receiver(post_delete, sender=GeneratedReport)
def remove_file(sender, instance: GeneratedReport, **kwargs) -> None:
    if instance.file:
        instance.file.delete(save=False)
