from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from loften.core.cache import public_cached

from .forms import SearchForm
from .selectors import search_filter_choices, search_promise_browse, search_promise_list
from .text import query_terms

HITS_PER_PAGE = 20
# More pages than 2,900 promises a year for ten years could fill.
MAX_PAGE = 10_000


@require_GET
def search(request):
    """Search every published text of the promises: by words, by filters, or
    both; one hit per promise. Without any input the page is the empty form."""
    choices = public_cached("search-choices", build=search_filter_choices)
    given = any(name in request.GET for name in SearchForm.base_fields)
    form = SearchForm(request.GET if given else None, choices=choices)
    terms: list[str] = []
    page = None
    if form.is_bound and form.is_valid():
        terms = query_terms(form.cleaned_data["q"])
        if terms:
            hits = search_promise_list(terms=terms, filters=form.filters())
        elif not form.cleaned_data["q"]:
            hits = search_promise_browse(filters=form.filters())
        else:
            hits = None
            form.add_error(
                "q",
                _(
                    "Only very common words were given (like “och” or “att”), and "
                    "those are not searched for. Add a more specific word."
                ),
            )
        if hits is not None:
            number = request.GET.get("sida", "1")
            if number.isdigit() and 1 <= int(number) <= MAX_PAGE:
                hits.prepare(
                    limit=HITS_PER_PAGE, offset=(int(number) - 1) * HITS_PER_PAGE
                )
            page = Paginator(hits, HITS_PER_PAGE).get_page(number)
    return render(
        request,
        "search/search.html",
        {"form": form, "terms": terms, "page": page},
    )
