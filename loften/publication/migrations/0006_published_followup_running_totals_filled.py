"""Published follow-ups carry the figure compared with the target (the running
total) and the target's number then in force. Existing rows get them from their
published snapshot; before this, a follow-up was judged against the plan's
target, so that is the target they were published under."""

from django.db import migrations


def _achieved(scope, period, periods, quantities):
    # The same rule as loften.followups.progress.achieved_towards_target, kept
    # here so that the migration does not change when the application code does.
    own = quantities.get(period["id"])
    if scope == "per_period":
        return own
    if period["kind"] == "year" and own is not None and scope == "per_year":
        return own
    sub_periods = [
        p
        for p in periods
        if p["kind"] != "year"
        and (p["year"], p["number"]) <= (period["year"], period["number"] or 99)
        and (scope == "whole_promise" or p["year"] == period["year"])
    ]
    if period["kind"] == "year":
        reported = [quantities.get(p["id"]) for p in sub_periods]
        if all(value is None for value in reported):
            return own
        return sum(value or 0 for value in reported)
    if own is None:
        return None
    return sum(quantities.get(p["id"]) or 0 for p in sub_periods)


def fill_running_totals(apps, schema_editor):
    PublishedPromise = apps.get_model("publication", "PublishedPromise")
    PublishedFollowUp = apps.get_model("publication", "PublishedFollowUp")
    for promise in PublishedPromise.objects.select_related("version"):
        snapshot = promise.version.snapshot
        periods = [p for p in snapshot.get("periods", []) if p.get("published")]
        by_id = {p["id"]: p for p in periods}
        targets = {a["id"]: a.get("target") for a in snapshot.get("activities", [])}
        quantities = {}
        for f in snapshot.get("followups", []):
            quantities.setdefault(f["activity_id"], {})[f["period_id"]] = f.get(
                "quantity"
            )
        for f in snapshot.get("followups", []):
            target = f.get("target", targets.get(f["activity_id"]))
            period = by_id.get(f["period_id"])
            if not target or period is None:
                continue
            PublishedFollowUp.objects.filter(pk=f["id"]).update(
                running_total=_achieved(
                    target["scope"], period, periods, quantities[f["activity_id"]]
                ),
                target_value_then=target["value"],
            )


class Migration(migrations.Migration):
    dependencies = [("publication", "0005_comments_send_back_and_public_approval_comments")]

    operations = [
        migrations.RunPython(fill_running_totals, migrations.RunPython.noop),
    ]
