"""What the editor views share: htmx detection, the plan's context, errors."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from loften.core import limits
from loften.followups.periods import periods_per_year
from loften.followups.progress import implausibly_large
from loften.promises.models import Activity, Promise
from loften.promises.permissions import can_edit_promise
from loften.publication.permissions import approval_organisations, can_publish

from ..forms import (
    CommitmentForm,
    ContactForm,
    IndicatorForm,
    SignatoryForm,
    SituationSourceForm,
)
from ..selectors import plan_view


def warn_if_implausible(
    request: HttpRequest, *, activity: Activity, quantity: int | None
) -> None:
    """Warn (never refuse) when one entry in the log is far above the whole
    year's target: most likely a typing mistake, but possibly right."""
    yearly = implausibly_large(
        quantity=quantity,
        target=activity.target_value,
        scope=activity.target_scope,
        periods_per_year=periods_per_year(activity.promise.cadence),
        times=limits.IMPLAUSIBLE_TIMES_TARGET,
    )
    if yearly is None:
        return
    messages.warning(
        request,
        _(
            "%(quantity)s in one entry is far more than the target for the whole "
            "year (%(target)s %(unit)s). Check the figure, and correct the entry "
            "in the log if it is wrong."
        )
        % {
            "quantity": formats.number_format(quantity, force_grouping=True),
            "target": formats.number_format(yearly, force_grouping=True),
            "unit": activity.target_unit,
        },
    )


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def plan_url(promise: Promise, anchor: str = "") -> str:
    url = reverse("editor:promise_detail", args=[promise.pk])
    return f"{url}#{anchor}" if anchor else url


def rights(request: HttpRequest, promise: Promise) -> dict:
    """What the signed-in user may do with the promise, for the templates."""
    return {
        "can_edit": can_edit_promise(user=request.user, promise=promise),
        "approve_organisations": approval_organisations(
            user=request.user, promise=promise
        ),
        "may_publish": can_publish(user=request.user, promise=promise),
    }


def plan_context(request: HttpRequest, promise: Promise, **extra) -> dict:
    promise.refresh_from_db()
    context = {
        "promise": promise,
        "plan": plan_view(promise=promise, today=timezone.localdate()),
        "commitment_form": CommitmentForm(),
        "source_form": SituationSourceForm(),
        "signatory_form": SignatoryForm(),
        "contact_form": ContactForm(),
        "indicator_form": IndicatorForm(),
        **rights(request, promise),
    }
    context.update(extra)
    return context


def render_plan_part(
    request: HttpRequest, promise: Promise, partial: str, **extra
) -> HttpResponse:
    """One part of the plan page for htmx, with the promise's status banner
    swapped in beside it (a change may have made a new draft)."""
    context = plan_context(request, promise, **extra)
    response = render(request, f"editor/promise_detail.html#{partial}", context)
    banner = render_to_string(
        "editor/promise_detail.html#status_banner",
        {**context, "oob": True},
        request=request,
    )
    response.content += banner.encode()
    return response


def add_service_errors(form: Form, error: ValidationError) -> None:
    """Show a service's validation error on the form: on the fields it names,
    otherwise above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
