"""Load the 7 police regions, 21 counties and 290 municipalities.

The facts come from the project's copy of the cross-checked reference lists
(loften/geography/data/, see docs/reference-data.md). Rows that already exist are
left as administrators may have edited them.
"""

from django.db import migrations
from django.utils.text import slugify

from loften.geography import reference


def load(apps, schema_editor):
    PoliceRegion = apps.get_model("geography", "PoliceRegion")
    County = apps.get_model("geography", "County")
    Municipality = apps.get_model("geography", "Municipality")

    regions = {}
    for name in reference.police_region_names():
        regions[name], _ = PoliceRegion.objects.get_or_create(
            name=name, defaults={"slug": slugify(name)}
        )
    counties = {}
    for row in reference.counties():
        counties[row.code], _ = County.objects.get_or_create(
            code=row.code,
            defaults={"name": row.name, "police_region": regions[row.region]},
        )
    for row in reference.municipalities():
        Municipality.objects.get_or_create(
            code=row.code,
            defaults={
                "name": row.name,
                "slug": row.slug,
                "county": counties[row.county_code],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("geography", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
