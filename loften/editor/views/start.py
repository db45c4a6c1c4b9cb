"""The editors' start page, the quick log and the live text check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loften.core.text import shorten
from loften.followups.services import activity_event_log
from loften.notifications.selectors import (
    notification_list_for_user,
    notification_unread_count,
)
from loften.notifications.wording import notification_sentence

from ..forms import QuickLogForm
from ..permissions import loggable_activities
from ..selectors import editor_overview
from .common import add_service_errors, warn_if_implausible

# Unread notifications shown on the start page (all are on their own page).
RECENT_NOTIFICATIONS = 5
# The live check of a text being typed; longer input is cut, not refused.
TEXT_CHECK_MAX_CHARS = 20_000


@login_required
def start(request):
    """The editor's organisations, promises by status, and what is due now."""
    overview = editor_overview(user=request.user, today=timezone.localdate())
    return render(
        request,
        "editor/start.html",
        {
            "overview": overview,
            "unread": notification_unread_count(user=request.user),
            "recent": [
                (n, notification_sentence(n))
                for n in notification_list_for_user(user=request.user).filter(
                    read_at__isnull=True
                )[:RECENT_NOTIFICATIONS]
            ],
        },
    )


@login_required
def quick_log(request):
    """Log one occurrence of any activity the user may log: a short form that
    works on a phone."""
    activities = list(
        loggable_activities(user=request.user, today=timezone.localdate())
    )
    # After logging, the same activity stays chosen for the next occurrence.
    last = request.GET.get("aktivitet", "")
    initial = {"activity": int(last)} if last.isdigit() else {}
    form = QuickLogForm(request.POST or None, activities=activities, initial=initial)
    if request.method == "POST" and form.is_valid():
        activity = form.cleaned_data["activity"]
        try:
            activity_event_log(activity=activity, actor=request.user, **form.values())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Logged: %(activity)s, %(date)s.")
                % {
                    "activity": shorten(activity.text, 80),
                    "date": date_format(form.cleaned_data["date"]),
                },
            )
            warn_if_implausible(
                request, activity=activity, quantity=form.cleaned_data["quantity"]
            )
            return redirect(f"{reverse('editor:quick_log')}?aktivitet={activity.pk}")
    return render(
        request,
        "editor/quick_log.html",
        {"form": form, "has_activities": bool(activities)},
    )


@login_required
@require_POST
def text_check(request):
    """The checks of a text as it is typed (htmx); the same as shown after saving."""
    field = request.GET.get("field", "text")
    text = request.POST.get(field, "")[:TEXT_CHECK_MAX_CHARS]
    return render(
        request,
        "editor/components/text_check_live.html",
        {"text": text, "prose": request.POST.get("prose", "1") == "1"},
    )
