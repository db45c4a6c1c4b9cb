"""Atom feeds of new publications: the whole country, and one per municipality."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from loften.core.cache import public_cached
from loften.geography.models import Municipality

from . import selectors
from .changes import summary_sentences

ENTRIES = 30


def publication_title(publication: selectors.Publication) -> str:
    version = publication.version
    if version.period is not None:
        what = _("Follow-up of %(period)s") % {"period": version.period.label.lower()}
    elif version.number == 1:
        what = _("The promise was published")
    else:
        what = _("The promise was updated")
    return f"{publication.promise.title}: {what}"


@dataclass(frozen=True)
class FeedItem:
    """A publication with the summary a feed reader shows."""

    promise: selectors.PromiseItem
    version: selectors.VersionItem
    summary: tuple[str, ...]


def with_summaries(publications: list[selectors.Publication]) -> list[FeedItem]:
    """The publications with their summaries in the current language, from the
    summaries stored when each was published (no snapshot is read)."""
    summaries = selectors.publication_summaries(publications)
    items = []
    for p in publications:
        summary = summaries.get((p.promise.id, p.version.number))
        period = p.version.period
        items.append(
            FeedItem(
                promise=p.promise,
                version=p.version,
                summary=()
                if summary is None
                else tuple(
                    summary_sentences(
                        summary, period_label=period.label.lower() if period else ""
                    )
                ),
            )
        )
    return items


class NationalFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Citizen promises: new publications")

    def subtitle(self):
        return _(
            "Promises and follow-ups published by the police and the municipalities."
        )

    def link(self):
        return reverse("public:home")

    def feed_url(self):
        return reverse("public:feed")

    def items(self):
        return public_cached(
            "feed",
            build=lambda: with_summaries(selectors.publication_list(limit=ENTRIES)),
        )

    def item_title(self, item):
        return publication_title(item)

    def item_description(self, item):
        places = ", ".join(m.name for m in item.promise.municipalities)
        heading = " · ".join(
            part for part in (places, item.promise.period_label) if part
        )
        lines = [heading, *item.summary]
        if item.version.note:
            lines.append(item.version.note)
        # Plain text: feed readers show it as it is (Django escapes it).
        return "\n".join(line for line in lines if line)

    def item_link(self, item):
        return reverse(
            "public:promise_version",
            kwargs={"slug": item.promise.slug, "number": item.version.number},
        )

    def item_guid(self, item):
        # Stable across languages and addresses: the promise and version number.
        host = urlsplit(settings.SITE_URL).hostname or "localhost"
        return f"tag:{host},2026:promise-{item.promise.id}-v{item.version.number}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.version.published_at

    def item_updateddate(self, item):
        return item.version.published_at


class MunicipalityFeed(NationalFeed):
    def get_object(self, request, slug):
        place = Municipality.objects.filter(slug=slug).only("name", "slug").first()
        if place is None:
            raise Http404
        return place

    def title(self, obj):
        return _("Citizen promises in %(place)s: new publications") % {
            "place": obj.name
        }

    def subtitle(self, obj):
        return _("Promises and follow-ups published for %(place)s.") % {
            "place": obj.name
        }

    def link(self, obj):
        return reverse("public:municipality", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        return reverse("public:municipality_feed", kwargs={"slug": obj.slug})

    def items(self, obj):
        return public_cached(
            "municipality-feed",
            obj.slug,
            build=lambda: with_summaries(
                selectors.publication_list(limit=ENTRIES, municipality_slug=obj.slug)
            ),
        )
