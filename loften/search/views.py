from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from loften.public.cache import public_cached

from .forms import SearchForm
from .selectors import search_entry_list, search_filter_choices
from .text import query_terms

HITS_PER_PAGE = 20


@require_GET
def search(request):
    """Search the published promises, activities and follow-ups."""
    choices = public_cached("search-choices", build=search_filter_choices)
    form = SearchForm(request.GET if "q" in request.GET else None, choices=choices)
    terms: list[str] = []
    page = None
    if form.is_bound and form.is_valid():
        terms = query_terms(form.cleaned_data["q"])
        if terms:
            hits = search_entry_list(terms=terms, filters=form.filters())
            page = Paginator(hits, HITS_PER_PAGE).get_page(request.GET.get("sida"))
        else:
            form.add_error(
                "q",
                _(
                    "Only very common words were given (like “och” or “att”), and "
                    "those are not searched for. Add a more specific word."
                ),
            )
    return render(
        request,
        "search/search.html",
        {"form": form, "terms": terms, "page": page},
    )
