"""Published follow-ups say whether their figure is final for the target, so the
national figures count an "at most" or "exactly" target as met only when nothing
later can change it. Existing rows get the value from their published snapshot."""

from django.db import migrations, models


def _position(period):
    return (period["year"], 99 if period["kind"] == "year" else period["number"])


def _final(scope, period, periods):
    # The same rule as loften.followups.progress.figure_is_final, kept here so
    # that the migration does not change when the application code does.
    if scope == "per_period":
        return True
    later = [
        p
        for p in periods
        if p["kind"] != "year" and _position(p) > _position(period)
    ]
    if scope == "per_year":
        return not any(p["year"] == period["year"] for p in later)
    return not later


def fill_target_final(apps, schema_editor):
    PublishedPromise = apps.get_model("publication", "PublishedPromise")
    PublishedFollowUp = apps.get_model("publication", "PublishedFollowUp")
    for promise in PublishedPromise.objects.select_related("version"):
        periods = promise.version.snapshot.get("periods", [])
        by_id = {p["id"]: p for p in periods}
        rows = PublishedFollowUp.objects.filter(
            activity__promise=promise, target_met__isnull=False
        ).select_related("activity")
        for row in rows:
            period = by_id.get(row.period_id)
            if period is None:
                continue
            final = _final(row.activity.target_scope, period, periods)
            PublishedFollowUp.objects.filter(pk=row.pk).update(target_final=final)


class Migration(migrations.Migration):
    dependencies = [
        ("publication", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedfollowup",
            name="target_final",
            field=models.BooleanField(
                blank=True,
                help_text=(
                    "Whether no later period adds to the figure compared with "
                    "the target."
                ),
                null=True,
                verbose_name="figure final",
            ),
        ),
        migrations.RunPython(fill_target_final, migrations.RunPython.noop),
    ]
