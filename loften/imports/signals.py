"""An import whose reading task failed outside the reader (its worker died
twice, or a fault escaped) is marked failed, so that it never stays "being read"."""

from django.dispatch import receiver
from django_tasks.signals import task_finished

from loften.core.worker import was_lost

TASK = "loften.imports.tasks.process_import_job"


@receiver(task_finished, dispatch_uid="imports_task_finished")
def import_task_finished(sender, task_result, **kwargs) -> None:
    if task_result.task.module_path != TASK or task_result.status != "FAILED":
        return
    from .services import import_job_interrupted

    import_job_interrupted(job_id=task_result.args[0], lost=was_lost(task_result))
