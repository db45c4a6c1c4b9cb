"""Sources of the lägesbild, commitments, effect measures, signatories and
contact persons: add,
change in place, reorder and remove. One set of views serves every kind of part."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from loften.promises.services import indicators as indicator_services
from loften.promises.services import parts as part_services
from loften.promises.services import plan as plan_services

from ..forms import (
    CommitmentForm,
    ContactForm,
    IndicatorForm,
    MoveForm,
    SignatoryForm,
    SituationSourceForm,
)
from ..permissions import (
    EDIT,
    access_commitment,
    access_contact,
    access_indicator,
    access_promise,
    access_signatory,
    access_situation_source,
)
from .common import (
    add_service_errors,
    is_htmx,
    plan_context,
    plan_url,
    render_plan_part,
)


@dataclass(frozen=True)
class PartKind:
    """How one kind of part is fetched, changed and shown."""

    name: str  # the template prefix and the plan's anchor for one item
    section: str  # the plan's section (partial and anchor)
    argument: str  # the services' keyword for the part
    form_class: type
    access: Callable
    access_argument: str
    create: Callable
    update: Callable
    add_title: LazyText
    edit_title: LazyText
    form_context: str  # the name of the add form in the plan's context

    def initial(self, part) -> dict[str, Any]:
        return {name: getattr(part, name) for name in self.form_class.base_fields}

    def describe(self, part) -> str:
        return str(part)


SOURCE = PartKind(
    name="source",
    section="sources",
    argument="source",
    form_class=SituationSourceForm,
    access=access_situation_source,
    access_argument="source_id",
    create=part_services.situation_source_create,
    update=part_services.situation_source_update,
    add_title=gettext_lazy("Add a source of the situational picture"),
    edit_title=gettext_lazy("Change a source of the situational picture"),
    form_context="source_form",
)
COMMITMENT = PartKind(
    name="commitment",
    section="commitments",
    argument="commitment",
    form_class=CommitmentForm,
    access=access_commitment,
    access_argument="commitment_id",
    create=part_services.commitment_create,
    update=part_services.commitment_update,
    add_title=gettext_lazy("Add a commitment"),
    edit_title=gettext_lazy("Change a commitment"),
    form_context="commitment_form",
)
SIGNATORY = PartKind(
    name="signatory",
    section="signatories",
    argument="signatory",
    form_class=SignatoryForm,
    access=access_signatory,
    access_argument="signatory_id",
    create=part_services.signatory_create,
    update=part_services.signatory_update,
    add_title=gettext_lazy("Add a signatory"),
    edit_title=gettext_lazy("Change a signatory"),
    form_context="signatory_form",
)
INDICATOR = PartKind(
    name="indicator",
    section="indicators",
    argument="indicator",
    form_class=IndicatorForm,
    access=access_indicator,
    access_argument="indicator_id",
    create=indicator_services.indicator_create,
    update=indicator_services.indicator_update,
    add_title=gettext_lazy("Add an effect measure"),
    edit_title=gettext_lazy("Change an effect measure"),
    form_context="indicator_form",
)
CONTACT = PartKind(
    name="contact",
    section="contacts",
    argument="contact",
    form_class=ContactForm,
    access=access_contact,
    access_argument="contact_id",
    create=part_services.contact_create,
    update=part_services.contact_update,
    add_title=gettext_lazy("Add a contact person"),
    edit_title=gettext_lazy("Change a contact person"),
    form_context="contact_form",
)
KINDS = {
    kind.name: kind for kind in (SOURCE, COMMITMENT, INDICATOR, SIGNATORY, CONTACT)
}


def _access(spec: PartKind, request, promise_id: int, part_id: int):
    return spec.access(
        user=request.user,
        promise_id=promise_id,
        action=EDIT,
        **{spec.access_argument: part_id},
    )


def _form_page(request, spec: PartKind, promise, form, part=None, title=""):
    context = {
        "promise": promise,
        "kind": spec,
        "form": form,
        "part": part,
        "title": title,
    }
    if is_htmx(request) and part is not None:
        return render(request, "editor/part_form.html#form", context)
    return render(request, "editor/part_form.html", context)


@login_required
def part_create(request, promise_id: int, kind: str):
    spec = KINDS[kind]
    promise = access_promise(user=request.user, promise_id=promise_id, action=EDIT)
    form = spec.form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            spec.create(promise=promise, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if is_htmx(request):
                return render_plan_part(request, promise, spec.section)
            messages.success(request, _("Added."))
            return redirect(plan_url(promise, spec.section))
    if is_htmx(request):
        return render_plan_part(
            request, promise, spec.section, **{spec.form_context: form}
        )
    return _form_page(request, spec, promise, form, title=spec.add_title)


@login_required
def part_edit(request, promise_id: int, part_id: int, kind: str):
    spec = KINDS[kind]
    part = _access(spec, request, promise_id, part_id)
    promise = part.promise
    form = spec.form_class(request.POST or None, initial=spec.initial(part))
    if request.method == "POST" and form.is_valid():
        try:
            spec.update(
                actor=request.user, **{spec.argument: part}, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if is_htmx(request):
                context = plan_context(request, promise, item=part)
                siblings = [item.pk for item in getattr(context["plan"], spec.section)]
                context["first"] = siblings[:1] == [part.pk]
                context["last"] = siblings[-1:] == [part.pk]
                return render(
                    request, f"editor/promise_detail.html#{spec.name}_item", context
                )
            messages.success(request, _("Saved."))
            return redirect(plan_url(promise, f"{spec.name}-{part.pk}"))
    return _form_page(request, spec, promise, form, part=part, title=spec.edit_title)


@login_required
def part_delete(request, promise_id: int, part_id: int, kind: str):
    spec = KINDS[kind]
    part = _access(spec, request, promise_id, part_id)
    promise = part.promise
    if request.method == "POST":
        plan_services.plan_part_delete(part=part, actor=request.user)
        if is_htmx(request):
            return render_plan_part(request, promise, spec.section)
        messages.success(request, _("Removed."))
        return redirect(plan_url(promise, spec.section))
    return render(
        request,
        "editor/confirm_delete.html",
        {
            "promise": promise,
            "what": spec.describe(part),
            "back_url": plan_url(promise, f"{spec.name}-{part.pk}"),
        },
    )


@login_required
@require_POST
def part_move(request, promise_id: int, part_id: int, kind: str):
    spec = KINDS[kind]
    part = _access(spec, request, promise_id, part_id)
    form = MoveForm(request.POST)
    if form.is_valid():
        plan_services.plan_part_move(part=part, actor=request.user, offset=form.offset)
    if is_htmx(request):
        return render_plan_part(request, part.promise, spec.section)
    return redirect(plan_url(part.promise, f"{spec.name}-{part.pk}"))
