"""What an editor or approver has been told, and how they want to be told."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from loften.notifications.models import Delivery, Kind
from loften.notifications.selectors import (
    notification_deliveries,
    notification_language,
    notification_list_for_user,
    notification_unread_count,
)
from loften.notifications.services import (
    notification_preferences_set,
    notifications_mark_read,
)
from loften.notifications.wording import notification_sentence

NOTIFICATIONS_PER_PAGE = 50


class PreferencesForm(forms.Form):
    """One choice per kind (at once, a daily digest, not at all) and the
    language of e-mail."""

    language = forms.ChoiceField(
        label=gettext_lazy("Language of e-mail"), choices=settings.LANGUAGES
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind, label in Kind.choices:
            self.fields[kind] = forms.ChoiceField(
                label=label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
            )

    def deliveries(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in Kind.values}


@login_required
@require_http_methods(["GET", "POST"])
def notification_list(request):
    """The user's notifications, newest first; unread ones are marked. Posting
    marks them all read."""
    if request.method == "POST":
        notifications_mark_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("editor:notifications")
    page = Paginator(
        notification_list_for_user(user=request.user), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("sida"))
    items = [(n, notification_sentence(n)) for n in page.object_list]
    return render(
        request,
        "editor/notifications.html",
        {
            "page": page,
            "items": items,
            "unread": notification_unread_count(user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    """Per kind: e-mail at once, in a daily digest, or not at all; and the
    language of e-mail."""
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            notification_preferences_set(
                user=request.user,
                deliveries=form.deliveries(),
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Your choices were saved."))
            return redirect("editor:notification_preferences")
    else:
        form = PreferencesForm(
            initial={
                **notification_deliveries(user=request.user),
                "language": notification_language(user=request.user),
            }
        )
    return render(
        request,
        "editor/notification_preferences.html",
        {"form": form, "has_email": bool(request.user.email)},
    )
