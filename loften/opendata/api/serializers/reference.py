"""The reference geography and the focus areas in the API."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from loften.geography.models import County, Municipality, PoliceArea, PoliceRegion
from loften.promises.models import FocusArea

from ...columns import describe
from .fields import ListLink, identity, link


class CountyRefSerializer(serializers.ModelSerializer):
    url = identity("county", "code")

    class Meta:
        model = County
        fields = ["url", "code", "name"]
        extra_kwargs = {
            "code": {"help_text": describe("counties", "code")},
            "name": {"help_text": describe("counties", "name")},
        }


class MunicipalityRefSerializer(serializers.ModelSerializer):
    url = identity("municipality", "code")

    class Meta:
        model = Municipality
        fields = ["url", "code", "name"]
        extra_kwargs = {
            "code": {"help_text": describe("municipalities", "code")},
            "name": {"help_text": describe("municipalities", "name")},
        }


class PoliceAreaRefSerializer(serializers.ModelSerializer):
    url = identity("policearea")

    class Meta:
        model = PoliceArea
        fields = ["url", "id", "name"]
        extra_kwargs = {"name": {"help_text": describe("police_areas", "name")}}


class FocusAreaRefSerializer(serializers.ModelSerializer):
    url = identity("focusarea")

    class Meta:
        model = FocusArea
        fields = ["url", "id", "name"]
        extra_kwargs = {"name": {"help_text": describe("focus_areas", "name")}}


class PoliceRegionSerializer(serializers.ModelSerializer):
    url = identity("policeregion")
    counties = CountyRefSerializer(many=True, read_only=True)
    police_areas = ListLink(
        "policearea",
        "police_region",
        "pk",
        help_text=_("The police areas of the region."),
    )

    class Meta:
        model = PoliceRegion
        fields = ["url", "id", "name", "slug", "counties", "police_areas"]
        extra_kwargs = {
            "id": {"help_text": describe("police_regions", "id")},
            "name": {"help_text": describe("police_regions", "name")},
            "slug": {"help_text": describe("police_regions", "slug")},
        }


class CountySerializer(serializers.ModelSerializer):
    url = identity("county", "code")
    police_region = link(
        "policeregion", help_text=_("The police region it belongs to.")
    )
    police_region_id = serializers.IntegerField(
        read_only=True, help_text=describe("counties", "police_region_id")
    )
    municipalities = ListLink(
        "municipality",
        "county",
        "code",
        help_text=_("The municipalities in the county."),
    )

    class Meta:
        model = County
        fields = [
            "url",
            "code",
            "name",
            "police_region",
            "police_region_id",
            "municipalities",
        ]
        extra_kwargs = {
            "code": {"help_text": describe("counties", "code")},
            "name": {"help_text": describe("counties", "name")},
        }


# Slugs may hold å, ä and ö; the schema must not promise ASCII.
SLUG_HELP = _("The name as used in web addresses.")


class MunicipalitySerializer(serializers.ModelSerializer):
    url = identity("municipality", "code")
    slug = serializers.CharField(read_only=True, help_text=SLUG_HELP)
    county = CountyRefSerializer(read_only=True)
    police_areas = PoliceAreaRefSerializer(many=True, read_only=True)
    promises = ListLink(
        "promise",
        "municipality",
        "code",
        help_text=_("The published promises made for the municipality."),
    )

    class Meta:
        model = Municipality
        fields = ["url", "code", "name", "slug", "county", "police_areas", "promises"]
        extra_kwargs = {
            "code": {"help_text": describe("municipalities", "code")},
            "name": {"help_text": describe("municipalities", "name")},
        }


class PoliceAreaSerializer(serializers.ModelSerializer):
    url = identity("policearea")
    police_region = link(
        "policeregion", help_text=_("The police region it belongs to.")
    )
    police_region_id = serializers.IntegerField(
        read_only=True, help_text=describe("police_areas", "police_region_id")
    )
    municipalities = MunicipalityRefSerializer(many=True, read_only=True)
    promises = ListLink(
        "promise",
        "police_area",
        "pk",
        help_text=_("The published promises of the police area."),
    )

    class Meta:
        model = PoliceArea
        fields = [
            "url",
            "id",
            "name",
            "district",
            "police_region",
            "police_region_id",
            "municipalities",
            "promises",
        ]
        extra_kwargs = {
            "id": {"help_text": describe("police_areas", "id")},
            "name": {"help_text": describe("police_areas", "name")},
            "district": {"help_text": describe("police_areas", "district")},
        }


class FocusAreaSerializer(serializers.ModelSerializer):
    url = identity("focusarea")
    activities = ListLink(
        "activity",
        "focus_area",
        "pk",
        help_text=_("The published activities in the focus area."),
    )

    class Meta:
        model = FocusArea
        fields = ["url", "id", "name", "slug", "description", "activities"]
        extra_kwargs = {
            "id": {"help_text": describe("focus_areas", "id")},
            "name": {"help_text": describe("focus_areas", "name")},
            "slug": {"help_text": describe("focus_areas", "slug")},
            "description": {"help_text": describe("focus_areas", "description")},
        }
