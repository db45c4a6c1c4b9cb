"""The public pages of e-mail subscriptions: ask, confirm, unsubscribe, and
what is stored. No account is needed; the token in each link is the key."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from loften.core.clients import client_address
from loften.core.throttle import public_post_allowed
from loften.geography.models import Municipality
from loften.promises.models import Promise
from loften.publication.models import PublishedPromise

from .forms import SubscriptionForm
from .models import Subscription
from .services import subscription_confirm, subscription_delete, subscription_request


def _followed(form: SubscriptionForm):
    """The municipality or the published promise the form names, or None."""
    data = form.cleaned_data if form.is_bound and hasattr(form, "cleaned_data") else {}
    data = data or form.initial
    if data.get("kommun"):
        return Municipality.objects.filter(slug=data["kommun"]).first(), None
    if data.get("lofte"):
        published = PublishedPromise.objects.filter(slug=data["lofte"]).first()
        promise = Promise.objects.get(pk=published.pk) if published else None
        return None, promise
    return None, None


# Without a CSRF token, so that the public pages that carry this form are the
# same for every visitor and served from the page cache as stored: a request
# made from another site can do no more than anyone can with the form itself
# (one confirmation e-mail to the address given, nothing followed until its
# link is confirmed, and the per-address limit of the public forms).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Ask for e-mail about a municipality (?kommun=slug) or a promise
    (?lofte=slug). A filled-in trap field gets the same answer but nothing is
    stored or sent; more than the public forms' limit per hour is refused."""
    status = 200
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            municipality, promise = _followed(form)
            if municipality is None and promise is None:
                raise Http404
            if not public_post_allowed(
                scope="subscriptions", address=client_address(request)
            ):
                form.add_error(
                    None,
                    _(
                        "Many requests came from your connection in a short time, "
                        "so this one was not sent. Wait an hour and try again."
                    ),
                )
                status = 429
            else:
                if not form.is_spam:
                    subscription_request(
                        email=form.cleaned_data["email"],
                        language=get_language(),
                        municipality=municipality,
                        promise=promise,
                    )
                return redirect("subscriptions:requested")
    else:
        form = SubscriptionForm(
            initial={
                "kommun": request.GET.get("kommun", "")[:120],
                "lofte": request.GET.get("lofte", "")[:120],
            }
        )
    municipality, promise = _followed(form)
    return render(
        request,
        "subscriptions/subscribe.html",
        {"form": form, "municipality": municipality, "promise": promise},
        status=status,
    )


@require_GET
def requested(request):
    return render(request, "subscriptions/requested.html")


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """The link in the confirmation e-mail: a button that confirms, so that a
    mail scanner that opens links confirms nothing."""
    subscription = get_object_or_404(Subscription, token=token)
    if request.method == "POST":
        subscription = subscription_confirm(token=token)
    return render(request, "subscriptions/confirm.html", {"subscription": subscription})


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token;
# the secret token in the address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """The link in every e-mail: one button (or the mail program's own
    unsubscribe) deletes the subscription and its address."""
    if request.method == "POST":
        subscription_delete(token=token)
        return render(request, "subscriptions/unsubscribed.html")
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return render(request, "subscriptions/unsubscribed.html")
    return render(
        request, "subscriptions/unsubscribe.html", {"subscription": subscription}
    )


@require_GET
def about(request):
    return render(request, "subscriptions/about.html")
