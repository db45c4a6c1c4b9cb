"""/sitemap.xml: every public page, in Swedish and English.

Municipality pages are listed when the municipality has a published promise; the
pages of the others say only that nothing is published yet and are marked
noindex. Earlier versions of a promise are listed too (the latest one is the
promise page itself).
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from loften.core.cache import public_cached
from loften.geography.models import Municipality
from loften.publication.models import PromiseVersion, PublishedPromise

from . import selectors


class _PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


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


class PromiseSitemap(_PublicSitemap):
    changefreq = "weekly"

    def items(self):
        return public_cached(
            "sitemap-promises",
            build=lambda: list(
                PublishedPromise.objects.order_by("slug").values("slug", "updated_at")
            ),
        )

    def location(self, item):
        return reverse("public:promise", kwargs={"slug": item["slug"]})

    def lastmod(self, item):
        return item["updated_at"]


class VersionSitemap(_PublicSitemap):
    changefreq = "yearly"

    def items(self):
        def build():
            promises = {
                pk: (slug, latest)
                for pk, slug, latest in PublishedPromise.objects.values_list(
                    "id", "slug", "version__number"
                )
            }
            return [
                {"slug": promises[promise_id][0], "number": number, "at": published_at}
                for promise_id, number, published_at in PromiseVersion.objects.filter(
                    promise_id__in=list(promises)
                )
                .order_by("promise_id", "number")
                .values_list("promise_id", "number", "published_at")
                if number < promises[promise_id][1]
            ]

        return public_cached("sitemap-versions", build=build)

    def location(self, item):
        return reverse(
            "public:promise_version",
            kwargs={"slug": item["slug"], "number": item["number"]},
        )

    def lastmod(self, item):
        return item["at"]


class ChangesSitemap(_PublicSitemap):
    """Every version's page of what changed, the newest included."""

    changefreq = "yearly"

    def items(self):
        def build():
            slugs = dict(PublishedPromise.objects.values_list("id", "slug"))
            return [
                {"slug": slugs[promise_id], "number": number, "at": published_at}
                for promise_id, number, published_at in PromiseVersion.objects.filter(
                    promise_id__in=list(slugs)
                )
                .order_by("promise_id", "number")
                .values_list("promise_id", "number", "published_at")
            ]

        return public_cached("sitemap-changes", build=build)

    def location(self, item):
        return reverse(
            "public:promise_changes",
            kwargs={"slug": item["slug"], "number": item["number"]},
        )

    def lastmod(self, item):
        return item["at"]


SITEMAPS: dict[str, type[Sitemap] | Sitemap] = {
    "pages": StaticSitemap,
    "counties": CountySitemap,
    "municipalities": MunicipalitySitemap,
    "promises": PromiseSitemap,
    "versions": VersionSitemap,
    "changes": ChangesSitemap,
}
