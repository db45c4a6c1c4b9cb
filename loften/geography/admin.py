from django.contrib import admin

from loften.core.admin import AuditedModelAdmin

from .models import County, Municipality, PoliceArea, PoliceRegion


@admin.register(PoliceRegion)
class PoliceRegionAdmin(AuditedModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(County)
class CountyAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "police_region")
    list_filter = ("police_region",)
    search_fields = ("code", "name")


@admin.register(Municipality)
class MunicipalityAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "county")
    list_filter = ("county__police_region", "county")
    search_fields = ("code", "name")
    list_select_related = ("county",)


@admin.register(PoliceArea)
class PoliceAreaAdmin(AuditedModelAdmin):
    list_display = ("name", "police_region", "district")
    list_filter = ("police_region",)
    search_fields = ("name", "district", "municipalities__name")
    filter_horizontal = ("municipalities",)
    prepopulated_fields = {"slug": ("name",)}
