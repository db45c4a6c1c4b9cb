"""Seed the configurable status list with the words follow-ups use today."""

from django.db import migrations

STATUSES = [
    ("genomfort", "Genomfört", "done"),
    ("delvis-genomfort", "Delvis genomfört", "partly_done"),
    ("pagar", "Pågår", "ongoing"),
    ("inplanerat", "Inplanerat", "planned"),
    ("ej-genomfort", "Ej genomfört", "not_done"),
    ("ej-aktuellt", "Ej aktuellt", "not_applicable"),
]


def seed(apps, schema_editor):
    FollowUpStatus = apps.get_model("followups", "FollowUpStatus")
    for order, (slug, name, category) in enumerate(STATUSES, start=1):
        FollowUpStatus.objects.get_or_create(
            slug=slug, defaults={"name": name, "category": category, "order": order * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("followups", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
