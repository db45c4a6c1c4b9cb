"""The public site: start page, places, promises, the overview and the
accessibility statement. Anyone may read them; only published content is shown."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from loften.core.cache import PUBLIC_CACHE_SECONDS, public_cache_key, public_cached
from loften.core.clients import client_address
from loften.core.page_cache import public_page
from loften.core.throttle import public_post_allowed
from loften.reports.selectors import report_periods

from . import finder, selectors, statistics
from .forms import AccessibilityReportForm, MunicipalityFindForm, PromiseFilterForm
from .services import accessibility_report_create
from .sitemaps import SITEMAPS

PROMISES_PER_PAGE = 25
# The date the accessibility statement was last reviewed; change it with the text.
STATEMENT_REVIEWED = datetime.date(2026, 12, 1)


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _directory() -> list[selectors.MunicipalityItem]:
    return public_cached("directory", build=selectors.municipality_directory)


@public_page
@require_GET
def start(request):
    """The start page: find a municipality, and what was published lately."""
    page = public_cached(
        "start", build=lambda: selectors.start_page(directory=_directory())
    )
    return render(
        request,
        "public/start.html",
        {
            "counties": page.counties,
            "followups": page.followups,
            "promise_count": page.promise_count,
            "form": MunicipalityFindForm(auto_id="finder-%s"),
            "is_home": True,
        },
    )


@public_page
@require_GET
def municipality_find(request):
    """Municipalities whose name matches what was typed; htmx asks for the list only.

    Without JavaScript the form is sent here; an exact name (or its official form,
    "Malmö stad") goes straight to the municipality. When nothing matches, the
    names within a small typo are suggested.
    """
    form = MunicipalityFindForm(request.GET, auto_id="finder-%s")
    query = form.cleaned_data["q"] if form.is_valid() else ""
    directory = _directory()
    results = finder.matches(query, directory)
    suggestions = [] if results else finder.nearest(query, directory)
    if not _is_htmx(request) and query:
        exact = finder.exact_match(query, directory)
        if exact is not None:
            return redirect("public:municipality", slug=exact.slug)
    context = {
        "form": form,
        "query": query,
        "results": results,
        "suggestions": suggestions,
    }
    if _is_htmx(request):
        response = render(
            request,
            "public/components/finder_form.html#results",
            {**context, "htmx": True},
        )
    else:
        context["counties"] = selectors.county_directory(directory)
        response = render(request, "public/municipality_find.html", context)
    # The same address answers with a whole page or with the suggestions only.
    patch_vary_headers(response, ["HX-Request"])
    return response


def _one_by_plain_slug(items, slug: str):
    """The one item whose slug is `slug` when case and diacritics are ignored."""
    wanted = finder.normalise(slug)
    found = [item for item in items if finder.normalise(item.slug) == wanted]
    return found[0] if len(found) == 1 else None


@public_page
@require_GET
def county_detail(request, slug: str):
    county = next(
        (
            c
            for c in selectors.county_directory(_directory())
            if c.slug == slug or c.code == slug
        ),
        None,
    ) or _one_by_plain_slug(selectors.county_directory(_directory()), slug)
    if county is None:
        raise Http404
    if county.slug != slug:
        return redirect("public:county", slug=county.slug, permanent=True)
    return render(request, "public/county.html", {"county": county})


@public_page
@require_GET
def municipality_detail(request, slug: str):
    today = timezone.localdate()
    page = public_cached(
        "municipality",
        slug,
        today,
        build=lambda: selectors.municipality_page(slug=slug, today=today),
    )
    if page is None:
        # An address typed without å, ä and ö (/kommun/nassjo/) means the one
        # municipality it spells; Habo and Håbo each keep their own address.
        place = _one_by_plain_slug(_directory(), slug)
        if place is None:
            raise Http404
        return redirect("public:municipality", slug=place.slug, permanent=True)
    return render(request, "public/municipality.html", {"page": page})


def _promise_response(request, slug: str, number: int | None):
    view = public_cached(
        "promise",
        slug,
        number,
        build=lambda: selectors.promise_view(slug=slug, number=number),
    )
    if view is None:
        raise Http404
    if number is not None and view.is_latest:
        return redirect("public:promise", slug=slug)
    # Every version keeps the reports of its own follow-ups, as published.
    report_links = report_periods(
        {
            "id": period.id,
            "kind": period.kind,
            "number": period.number,
            "year": period.year,
            "published": period.published,
        }
        for period in view.page.periods
    )
    context = {
        "view": view,
        "page": view.page,
        "report_links": report_links,
        "article_key": public_cache_key(
            "promise-article", slug, number, [link.period_id for link in report_links]
        ),
        "cache_seconds": PUBLIC_CACHE_SECONDS if settings.PUBLIC_CACHE else 0,
    }
    return render(request, "public/promise.html", context)


@public_page
@require_GET
def promise_detail(request, slug: str):
    return _promise_response(request, slug, None)


@public_page
@require_GET
def promise_version(request, slug: str, number: int):
    return _promise_response(request, slug, number)


@require_GET
def promise_changes(request, slug: str, number: int):
    """What changed in version `number` since the version before, in words; the
    newest version too."""
    changes = public_cached(
        "promise-changes",
        slug,
        number,
        build=lambda: selectors.version_changes(slug=slug, number=number),
    )
    if changes is None:
        raise Http404
    report_links = report_periods(changes.report_periods)
    return render(
        request,
        "public/promise_changes.html",
        {"changes": changes, "report_links": report_links},
    )


def _filter_form(request, *, counties: bool, all_years: bool, today):
    choices = public_cached(
        "filter-choices", today, build=lambda: selectors.filter_choices(today=today)
    )
    form = PromiseFilterForm(
        request.GET or None,
        years=choices.years,
        regions=choices.regions,
        counties=choices.counties if counties else None,
        focus_areas=choices.focus_areas,
        all_years=all_years,
    )
    return form, choices


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("sida", "1")))
    except ValueError:
        return 1


@public_page
@require_GET
def promise_list(request):
    """Every published promise, filtered by year, region, county and focus area."""
    form, choices = _filter_form(
        request, counties=True, all_years=True, today=timezone.localdate()
    )
    valid = not form.is_bound or form.is_valid()
    filters = form.filters() if form.is_bound and valid else statistics.PromiseFilters()
    page = None
    if valid:
        number = _page_number(request)
        page = public_cached(
            "promise-list",
            filters,
            number,
            build=lambda: selectors.promise_list_page(
                filters=filters, number=number, per_page=PROMISES_PER_PAGE
            ),
        )
    focus_area = next(
        (f for f in choices.focus_areas if f.slug == filters.focus_area), None
    )
    return render(
        request,
        "public/promise_list.html",
        {"form": form, "filters": filters, "page": page, "focus_area": focus_area},
    )


@public_page
@require_GET
def overview(request):
    """National figures from the published promises."""
    today = timezone.localdate()
    form, choices = _filter_form(request, counties=False, all_years=False, today=today)
    default_year = today.year if today.year in choices.years else choices.years[0]
    valid = not form.is_bound or form.is_valid()
    if form.is_bound and valid:
        filters = form.filters(default_year=default_year)
    else:
        filters = statistics.PromiseFilters(year=default_year)
    if not form.is_bound:
        form.initial = {"ar": default_year}
    data = None
    if valid:
        data = public_cached(
            "overview", filters, build=lambda: statistics.overview(filters)
        )
    return render(request, "public/overview.html", {"form": form, "overview": data})


@public_page
@require_GET
def accessibility_statement(request):
    return render(
        request,
        "public/accessibility.html",
        {
            "reviewed": STATEMENT_REVIEWED,
            "contact_email": accessibility_contact_email(),
        },
    )


def accessibility_contact_email() -> str:
    """Where visitors can write instead of using the report form:
    ACCESSIBILITY_CONTACT_EMAIL, or else the address the site sends from."""
    return (
        getattr(settings, "ACCESSIBILITY_CONTACT_EMAIL", "")
        or settings.DEFAULT_FROM_EMAIL
    )


def _report_allowed(request) -> bool:
    """Count a report from this address; False once it has sent
    PUBLIC_POSTS_PER_HOUR within the hour (the shared limit of public forms)."""
    return public_post_allowed(
        scope="accessibility-reports", address=client_address(request)
    )


@require_http_methods(["GET", "POST"])
def accessibility_report(request):
    """Report an accessibility problem; stored and e-mailed to the administrators.

    A filled-in trap field (robots) gets the same thanks but nothing is stored;
    more than REPORTS_PER_HOUR reports from one address are refused with a message
    that gives the e-mail address instead.
    """
    status = 200
    if request.method == "POST":
        form = AccessibilityReportForm(request.POST)
        if form.is_valid():
            if not _report_allowed(request):
                form.add_error(
                    None,
                    _(
                        "You have sent many reports in a short time, so this one "
                        "was not sent. Wait an hour and try again, or e-mail us "
                        "at %(email)s."
                    )
                    % {"email": accessibility_contact_email()},
                )
                status = 429
            else:
                if not form.is_spam:
                    accessibility_report_create(
                        description=form.cleaned_data["description"],
                        page_url=form.cleaned_data["page_url"],
                        email=form.cleaned_data["email"],
                        language=get_language(),
                    )
                messages.success(
                    request,
                    _(
                        "Thank you. Your report has been received and will be "
                        "looked at."
                    ),
                )
                return redirect("public:accessibility")
    else:
        form = AccessibilityReportForm(
            initial={"page_url": request.GET.get("fran", "")[:500]}
        )
    return render(
        request,
        "public/accessibility_report.html",
        {"form": form, "contact_email": accessibility_contact_email()},
        status=status,
    )


@public_page
@require_GET
def sitemap_xml(request):
    """/sitemap.xml: the index of the sections, each in pages."""
    return sitemap_views.index(
        request, sitemaps=SITEMAPS, sitemap_url_name="sitemap_section"
    )


@public_page
@require_GET
def sitemap_section(request, section: str):
    """/sitemap-<section>.xml?p=<page>: one page of one section."""
    return sitemap_views.sitemap(request, sitemaps=SITEMAPS, section=section)


@public_page
@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /redaktion/",
        "Disallow: /en/admin/",
        "Disallow: /en/konto/",
        "Disallow: /en/redaktion/",
        "Disallow: /i18n/",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
