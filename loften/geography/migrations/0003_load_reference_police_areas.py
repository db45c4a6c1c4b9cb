"""Load the sourced police areas (lokalpolisområden) and the municipalities each
covers from loften/geography/data/lokalpolisomraden.csv (see
docs/reference-data.md for the sources).

The list is partial: 53 areas covering 122 of the 290 municipalities; the
administrators add the rest in the admin. An area that already exists under the
same name (from the example data, or entered by an administrator) keeps its own
fields and gains the municipalities the list gives it; nothing is removed.
"""

from django.db import migrations
from django.utils.text import slugify

from loften.geography import reference


def load(apps, schema_editor):
    PoliceRegion = apps.get_model("geography", "PoliceRegion")
    PoliceArea = apps.get_model("geography", "PoliceArea")
    Municipality = apps.get_model("geography", "Municipality")

    regions = {region.name: region for region in PoliceRegion.objects.all()}
    places = {place.code: place for place in Municipality.objects.all()}
    for row in reference.police_areas():
        area = PoliceArea.objects.filter(name=row.full_name).first()
        if area is None:
            base = slugify(row.full_name)
            slug, suffix = base, 2
            while PoliceArea.objects.filter(slug=slug).exists():
                slug, suffix = f"{base}-{suffix}", suffix + 1
            area = PoliceArea.objects.create(
                name=row.full_name,
                slug=slug,
                police_region=regions[row.region],
                district=row.full_district,
            )
        area.municipalities.add(*(places[code] for code in row.municipality_codes))


class Migration(migrations.Migration):
    dependencies = [("geography", "0002_load_reference_geography")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
