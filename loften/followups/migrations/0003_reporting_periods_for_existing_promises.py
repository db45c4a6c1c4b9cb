"""Store the reporting periods of every existing promise.

Periods used to be created the first time a page needed them; now the services
create them with the promise, and pages only read. Promises made before that
get theirs here.
"""

from django.db import migrations

from loften.followups.periods import periods_for_cadence


def create_periods(apps, schema_editor):
    Promise = apps.get_model("promises", "Promise")
    ReportingPeriod = apps.get_model("followups", "ReportingPeriod")
    for cadence, start, end in Promise.objects.values_list(
        "cadence", "start_date", "end_date"
    ).distinct():
        for key in periods_for_cadence(cadence, start, end):
            ReportingPeriod.objects.get_or_create(
                kind=key.kind,
                year=key.year,
                number=key.number,
                defaults={
                    "start_date": key.start_date,
                    "end_date": key.end_date,
                    "due_date": key.due_date,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("followups", "0002_seed_followup_statuses"),
        ("promises", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_periods, migrations.RunPython.noop)]
