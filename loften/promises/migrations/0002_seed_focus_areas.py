"""Seed the shared focus-area taxonomy with the areas promises use most."""

from django.db import migrations
from django.utils.text import slugify

FOCUS_AREAS = [
    "Narkotika",
    "Alkohol, narkotika, doping och tobak (ANDT)",
    "Skadegörelse",
    "Trafik",
    "Ungdomar i riskzon",
    "Trygghet i offentlig miljö",
    "Våld i nära relation",
    "Inbrott",
    "Bedrägerier",
    "Ordningsstörningar",
    "Organiserad brottslighet",
    "Brott i skolmiljö",
]


def seed(apps, schema_editor):
    FocusArea = apps.get_model("promises", "FocusArea")
    for order, name in enumerate(FOCUS_AREAS, start=1):
        FocusArea.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("promises", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
