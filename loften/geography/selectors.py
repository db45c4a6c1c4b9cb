"""Reads of the reference geography."""

from django.db.models import QuerySet

from .models import County, Municipality, PoliceArea, PoliceRegion


def municipality_list(*, county: County | None = None) -> QuerySet[Municipality]:
    queryset = Municipality.objects.select_related("county", "county__police_region")
    if county is not None:
        queryset = queryset.filter(county=county)
    return queryset.order_by("name")


def county_list() -> QuerySet[County]:
    return County.objects.select_related("police_region").order_by("code")


def police_region_list() -> QuerySet[PoliceRegion]:
    return PoliceRegion.objects.prefetch_related("counties").order_by("name")


def police_area_list(*, region: PoliceRegion | None = None) -> QuerySet[PoliceArea]:
    queryset = PoliceArea.objects.select_related("police_region").prefetch_related(
        "municipalities"
    )
    if region is not None:
        queryset = queryset.filter(police_region=region)
    return queryset.order_by("name")
