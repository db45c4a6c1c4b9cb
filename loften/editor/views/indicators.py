"""The yearly values of an effect measure: record, correct and remove them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _

from loften.core.text import shorten
from loften.promises.permissions import can_edit_promise
from loften.promises.services import indicators as indicator_services
from loften.promises.services import plan as plan_services

from ..forms import IndicatorValueForm
from ..permissions import EDIT, VIEW, access_indicator, access_indicator_value
from .common import add_service_errors


def _values_url(indicator) -> str:
    return reverse("editor:indicator_values", args=[indicator.promise_id, indicator.pk])


@login_required
def indicator_values(request, promise_id: int, part_id: int):
    """The measured values per year, and a form to record one (a year that has a
    value already gets the new one)."""
    action = EDIT if request.method == "POST" else VIEW
    indicator = access_indicator(
        user=request.user, promise_id=promise_id, indicator_id=part_id, action=action
    )
    promise = indicator.promise
    year = request.GET.get("ar", "")
    initial = {}
    if year.isdigit():
        current = indicator.values.filter(year=int(year)).first()
        initial = (
            {"year": current.year, "value": current.value, "note": current.note}
            if current
            else {"year": int(year)}
        )
    form = IndicatorValueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_services.indicator_value_set(
                indicator=indicator, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The value for %(year)s was saved.")
                % {"year": form.cleaned_data["year"]},
            )
            return redirect(_values_url(indicator))
    return render(
        request,
        "editor/indicator_values.html",
        {
            "promise": promise,
            "indicator": indicator,
            "values": indicator.values.order_by("-year"),
            "form": form,
            "can_edit": can_edit_promise(user=request.user, promise=promise),
        },
    )


@login_required
def indicator_value_delete(request, promise_id: int, part_id: int, value_id: int):
    value = access_indicator_value(
        user=request.user,
        promise_id=promise_id,
        indicator_id=part_id,
        value_id=value_id,
        action=EDIT,
    )
    indicator = value.indicator
    if request.method == "POST":
        plan_services.plan_part_delete(part=value, actor=request.user)
        messages.success(request, _("Removed."))
        return redirect(_values_url(indicator))
    return render(
        request,
        "editor/confirm_delete.html",
        {
            "promise": indicator.promise,
            "what": _("%(indicator)s, %(year)s: %(value)s")
            % {
                "indicator": shorten(indicator.name, 80),
                "year": value.year,
                "value": floatformat(value.value, -2),
            },
            "back_url": _values_url(indicator),
        },
    )
