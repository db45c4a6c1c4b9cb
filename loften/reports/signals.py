"""Stored report files go with their rows, also when a promise is deleted; a
report whose task failed outside the renderer (its worker died twice) says so."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django_tasks.signals import task_finished

from loften.core.worker import was_lost

from .models import GeneratedReport

TASK = "loften.reports.tasks.generate_report"


@receiver(post_delete, sender=GeneratedReport)
def remove_file(sender, instance: GeneratedReport, **kwargs) -> None:
    if instance.file:
        instance.file.delete(save=False)


@receiver(task_finished, dispatch_uid="reports_task_finished")
def report_task_finished(sender, task_result, **kwargs) -> None:
    if task_result.task.module_path != TASK or not was_lost(task_result):
        return
    from .services import report_interrupted

    report_interrupted(report_id=task_result.args[0])
