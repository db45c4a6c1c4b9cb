"""The import pages under /redaktion/import/: upload, follow the reading, review
and accept, download the original, discard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from loften.core.text import shorten

from . import mapping
from .forms import ImportReview, UploadForm
from .links import promise_draft_url
from .models import ImportJob
from .permissions import access_import_job, can_review_import_job
from .selectors import (
    import_job_list_for_user,
    import_job_same_file,
    import_organisations_for_user,
    import_result_unused_sentences,
)
from .services import (
    import_job_accept,
    import_job_discard,
    import_job_make_activity,
    import_jobs_create,
)

JOBS_PER_PAGE = 25


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    """Upload documents, and the list of imports of the user's organisations."""
    organisations = import_organisations_for_user(user=request.user)
    can_upload = organisations.exists()
    form = UploadForm(organisations=organisations) if can_upload else None
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES, organisations=organisations)
        if form.is_valid():
            try:
                jobs = import_jobs_create(
                    actor=request.user,
                    organisation=form.cleaned_data["organisation"],
                    files=form.cleaned_data["files"],
                    source_url=form.cleaned_data["source_url"],
                )
            except ValidationError as error:
                form.add_error("files", error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The file was uploaded and is being read.",
                        "%(count)s files were uploaded and are being read.",
                        len(jobs),
                    )
                    % {"count": len(jobs)},
                )
                if len(jobs) == 1:
                    return redirect("imports:job", job_id=jobs[0].pk)
                return redirect("imports:start")
    page = Paginator(
        import_job_list_for_user(user=request.user), JOBS_PER_PAGE
    ).get_page(request.GET.get("page"))
    # What the list shows, so that polling swaps it only when something changed
    # (a swap would take the keyboard focus away from a link in it).
    version = "-".join(f"{job.pk}.{job.status}" for job in page)
    context = {
        "form": form,
        "page": page,
        "any_pending": any(job.is_pending for job in page),
        "version": version,
    }
    if _is_htmx(request) and request.method == "GET":
        if request.GET.get("version") == version:
            return HttpResponse(status=204)
        return render(request, "imports/start.html#jobs", context)
    return render(request, "imports/start.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_job_detail(request, job_id: int):
    """The import: being read, why it failed, the review form, or what it created."""
    job = access_import_job(user=request.user, job_id=job_id)
    if _is_htmx(request) and request.method == "GET":
        if job.is_pending:
            if request.GET.get("status") == job.status:
                return HttpResponse(status=204)  # unchanged: nothing to swap
            return render(request, "imports/job.html#status", {"job": job})
        # Read: reload the whole page to show the result.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    may_review = can_review_import_job(user=request.user, job=job)
    review = None
    if request.method == "POST":
        if not may_review:
            raise PermissionDenied
        if job.status != ImportJob.Status.READY:
            messages.info(request, _("This import is no longer waiting for review."))
            return redirect("imports:job", job_id=job.pk)
        review = ImportReview(job=job, data=request.POST)
        if review.is_valid():
            try:
                promise = import_job_accept(
                    job=job, actor=request.user, data=review.to_draft()
                )
            except ValidationError as error:
                review.add_error(error)
            else:
                messages.success(
                    request,
                    _("The draft promise “%(title)s” was created. It is not published.")
                    % {"title": promise.title},
                )
                return redirect("imports:job", job_id=job.pk)
    elif job.status == ImportJob.Status.READY and may_review:
        review = ImportReview(job=job)
    context = {
        "job": job,
        "may_review": may_review,
        "same_file": import_job_same_file(job=job, user=request.user)[:5],
        "warnings": job.warnings,
        "blocks": _source_blocks(job),
    }
    if review is not None:
        rows = review.rows()
        context.update(
            review=review,
            rows=rows,
            outcome=review.outcome(rows),
            review_errors=review.errors() if review.promise_form.is_bound else None,
            unused_sentences=import_result_unused_sentences(result=job.result),
        )
    if job.status == ImportJob.Status.ACCEPTED and job.promise is not None:
        context["promise_url"] = promise_draft_url(
            promise=job.promise, user=request.user
        )
    return render(request, "imports/job.html", context)


def _source_blocks(job: ImportJob) -> list[dict]:
    blocks = job.source_blocks or []
    quoted = mapping.quoted_blocks(job.warnings, [b["text"] for b in blocks])
    return [dict(block, quoted=index in quoted) for index, block in enumerate(blocks)]


@login_required
def import_job_source(request, job_id: int):
    """The original file, as uploaded, for members of the import's organisation."""
    job = access_import_job(user=request.user, job_id=job_id)
    if not job.source:
        raise Http404
    try:
        handle = job.source.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.original_name,
        content_type="application/octet-stream",
    )


@login_required
@require_http_methods(["POST"])
def import_job_make_activity_view(request, job_id: int):
    """One action: a sentence of the document that produced no activity becomes
    one, to be reviewed with the others."""
    job = access_import_job(user=request.user, job_id=job_id)
    try:
        sentence = import_job_make_activity(
            job=job, actor=request.user, key=request.POST.get("sentence", "")[:20]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("“%(text)s” was added as an activity; review it below.")
            % {"text": shorten(sentence)},
        )
    return redirect("imports:job", job_id=job.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_job_discard_view(request, job_id: int):
    """Ask, then remove an import that was not accepted."""
    job = access_import_job(user=request.user, job_id=job_id)
    if not can_review_import_job(user=request.user, job=job):
        raise PermissionDenied
    if job.status == ImportJob.Status.ACCEPTED:
        messages.info(request, _("An accepted import is kept with its draft."))
        return redirect("imports:job", job_id=job.pk)
    if request.method == "POST":
        import_job_discard(job=job, actor=request.user)
        messages.success(
            request, _("The import of %(file)s was removed.") % {"file": job}
        )
        return redirect(reverse("imports:start"))
    return render(request, "imports/discard.html", {"job": job})
