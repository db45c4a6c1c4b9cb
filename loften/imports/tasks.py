"""Background work for imports, run by `loften worker`."""

from django_tasks import task


@task(queue_name="imports")
def process_import_job(job_id: int) -> str:
    """Read and parse one uploaded document; returns the import's new status."""
    from .services import import_job_process

    job = import_job_process(job_id=job_id)
    return job.status if job is not None else "missing"
