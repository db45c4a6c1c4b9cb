"""/sitemap.xml: an index of sections (/sitemap-<section>.xml, in pages of at
most LIMIT entries), which together list every public page in Swedish and English.

Municipality pages are listed when the municipality has a published promise; the
pages of the others say only that nothing is published yet and are marked
noindex. Earlier versions of a promise are listed too (the latest one is the
promise page itself). The promises and their versions are read a page at a time
from the database, so no answer grows with the number of promises.
"""

import functools
from urllib.parse import quote

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max, OuterRef, Subquery
from django.urls import get_script_prefix, reverse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language, override

from loften.core.cache import public_cached
from loften.geography.models import Municipality
from loften.publication.models import PublishedPromise

from . import selectors

# Addresses on one page of a section (an item in two languages is two): small
# enough that a page is made well within 100 ms at national scale
# (docs/benchmarks.md), and the index has a line per page.
LIMIT = 200


def _version_rows(versions):
    """Slug, number and date of each version, in the order of the promise and
    the number; the slug is read only for the rows of the page asked for."""
    published = PublishedPromise.objects.all()
    return (
        versions.annotate(
            slug=Subquery(published.filter(pk=OuterRef("promise_id")).values("slug")),
            lastmod=F("published_at"),
        )
        .order_by("promise_id", "number")
        .values("slug", "number", "lastmod")
    )


class _PerLanguage:
    """(item, language) for each item of a queryset and each language, read a
    slice at a time: what Django's i18n sitemap makes of its items as a list."""

    def __init__(self, items, languages: list[str]) -> None:
        self.items = items
        self.languages = languages

    def __len__(self) -> int:
        return self.items.count() * len(self.languages)

    def __getitem__(self, index: slice) -> list:
        per_item = len(self.languages)
        start, stop = index.start or 0, index.stop
        first = start // per_item
        last = -(-stop // per_item)
        pairs = [
            (item, language)
            for item in self.items[first:last]
            for language in self.languages
        ]
        offset = start - first * per_item
        return pairs[offset : offset + stop - start]


class _PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = LIMIT


_SLUG = "sitemap-slug-placeholder"
_NUMBER = 987654321


@functools.cache
def _address_pattern(name: str, language: str, numbered: bool, prefix: str) -> str:
    with override(language):
        kwargs = {"slug": _SLUG, "number": _NUMBER} if numbered else {"slug": _SLUG}
        return reverse(name, kwargs=kwargs)


def _address(name: str, *, slug: str, number: int | None = None) -> str:
    """`reverse(name, kwargs=…)` in the active language, for a page of a section
    that names thousands of addresses: the address is reversed once per name
    and language, and the slug (quoted as `reverse` quotes it) and number put in
    its place."""
    pattern = _address_pattern(
        name, get_language(), number is not None, get_script_prefix()
    )
    address = pattern.replace(_SLUG, quote(slug, safe=RFC3986_SUBDELIMS + "/~:@"))
    if number is not None:
        address = address.replace(str(_NUMBER), str(number))
    return address


class _QuerysetSitemap(_PublicSitemap):
    """A section whose items() is an ordered queryset of dicts with `lastmod`."""

    def _items(self):
        return _PerLanguage(self.items(), list(self._languages()))

    def lastmod(self, item):
        return item["lastmod"]

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("lastmod"))["latest"]


class StaticSitemap(_PublicSitemap):
    changefreq = "daily"

    def items(self):
        return [
            "public:home",
            "public:municipality_find",
            "public:promise_list",
            "public:overview",
            "search:search",
            "public:accessibility",
            "public:accessibility_report",
            "opendata:data",
            "opendata:api-docs",
        ]

    def location(self, item):
        return reverse(item)


class CountySitemap(_PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return public_cached(
            "sitemap-counties",
            build=lambda: [
                county.slug
                for county in selectors.county_directory(
                    selectors.municipality_directory()
                )
            ],
        )

    def location(self, item):
        return reverse("public:county", kwargs={"slug": item})


class MunicipalitySitemap(_PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return public_cached(
            "sitemap-municipalities",
            build=lambda: list(
                Municipality.objects.filter(published_promises__isnull=False)
                .values("slug")
                .annotate(lastmod=Max("published_promises__updated_at"))
                .order_by("slug")
            ),
        )

    def location(self, item):
        return reverse("public:municipality", kwargs={"slug": item["slug"]})

    def lastmod(self, item):
        return item["lastmod"]


class PromiseSitemap(_QuerysetSitemap):
    changefreq = "weekly"

    def items(self):
        return (
            PublishedPromise.objects.order_by("slug")
            .annotate(lastmod=F("updated_at"))
            .values("slug", "lastmod")
        )

    def location(self, item):
        return _address("public:promise", slug=item["slug"])


class VersionSitemap(_QuerysetSitemap):
    """Earlier versions of published promises."""

    changefreq = "yearly"

    def items(self):
        # Every version of a published promise but the one it shows now (its
        # latest).
        return _version_rows(
            selectors.versions_of_published().exclude(
                pk__in=PublishedPromise.objects.values("version_id")
            )
        )

    def location(self, item):
        return _address(
            "public:promise_version", slug=item["slug"], number=item["number"]
        )


class ChangesSitemap(_QuerysetSitemap):
    """Every version's page of what changed, the newest included."""

    changefreq = "yearly"

    def items(self):
        # Read a page at a time, like the versions: the index needs only the
        # count and the latest date.
        return _version_rows(selectors.versions_of_published())

    def location(self, item):
        return _address(
            "public:promise_changes", slug=item["slug"], number=item["number"]
        )


SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {
    "pages": StaticSitemap,
    "counties": CountySitemap,
    "municipalities": MunicipalitySitemap,
    "promises": PromiseSitemap,
    "versions": VersionSitemap,
    "changes": ChangesSitemap,
}
