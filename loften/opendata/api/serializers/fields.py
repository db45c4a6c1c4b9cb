"""Links between API resources: an item's own address, links to related items
and links to filtered lists of them."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

URL_HELP = _("The address of this item in the API.")


def _list_url(request, name: str, **query) -> str:
    url = reverse(f"api:{name}-list")
    if request is not None:
        url = request.build_absolute_uri(url)
    return f"{url}?{urlencode(query)}"


@extend_schema_field({"type": "string", "format": "uri"})
class ListLink(serializers.Field):
    """A link to a filtered list of related items, e.g. a promise's activities."""

    def __init__(self, resource: str, parameter: str, attribute: str, **kwargs):
        self.resource, self.parameter, self.attribute = resource, parameter, attribute
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return _list_url(
            self.context.get("request"),
            self.resource,
            **{self.parameter: getattr(value, self.attribute)},
        )


def link(
    view: str, lookup: str = "pk", **kwargs
) -> serializers.HyperlinkedRelatedField:
    return serializers.HyperlinkedRelatedField(
        view_name=f"api:{view}-detail", lookup_field=lookup, read_only=True, **kwargs
    )


def identity(view: str, lookup: str = "pk") -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(
        view_name=f"api:{view}-detail", lookup_field=lookup, help_text=URL_HELP
    )
