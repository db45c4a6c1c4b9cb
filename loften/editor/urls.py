"""The editors' screens, under /redaktion/."""

from django.urls import path, register_converter

from .converters import PeriodConverter
from .views import (
    activities,
    approval,
    followup,
    history,
    indicators,
    log,
    notifications,
    parts,
    plan,
    start,
)

register_converter(PeriodConverter, "period")

app_name = "editor"

PROMISE = "loften/<int:promise_id>/"


def _parts(segment: str, kind: str) -> list:
    base = f"{PROMISE}{segment}/"
    return [
        path(f"{base}ny/", parts.part_create, {"kind": kind}, name=f"{kind}_create"),
        path(
            f"{base}<int:part_id>/",
            parts.part_edit,
            {"kind": kind},
            name=f"{kind}_edit",
        ),
        path(
            f"{base}<int:part_id>/ta-bort/",
            parts.part_delete,
            {"kind": kind},
            name=f"{kind}_delete",
        ),
        path(
            f"{base}<int:part_id>/flytta/",
            parts.part_move,
            {"kind": kind},
            name=f"{kind}_move",
        ),
    ]


urlpatterns = [
    path("", start.start, name="start"),
    path("logga/", start.quick_log, name="quick_log"),
    path("kontrollera-text/", start.text_check, name="text_check"),
    path("loften/nytt/", plan.promise_create, name="promise_create"),
    path(PROMISE, plan.promise_detail, name="promise_detail"),
    path(f"{PROMISE}uppgifter/", plan.promise_edit, name="promise_edit"),
    path(f"{PROMISE}lagesbild/", plan.situation_edit, name="situation_edit"),
    path(f"{PROMISE}radera/", plan.promise_delete, name="promise_delete"),
    path(f"{PROMISE}fornya/", plan.promise_renew, name="promise_renew"),
    *_parts("kallor", "source"),
    *_parts("loftespunkter", "commitment"),
    *_parts("undertecknare", "signatory"),
    *_parts("kontaktpersoner", "contact"),
    *_parts("effektmatt", "indicator"),
    path(
        f"{PROMISE}effektmatt/<int:part_id>/varden/",
        indicators.indicator_values,
        name="indicator_values",
    ),
    path(
        f"{PROMISE}effektmatt/<int:part_id>/varden/<int:value_id>/ta-bort/",
        indicators.indicator_value_delete,
        name="indicator_value_delete",
    ),
    path(
        f"{PROMISE}aktiviteter/ny/", activities.activity_create, name="activity_create"
    ),
    path(
        f"{PROMISE}aktiviteter/<int:activity_id>/",
        activities.activity_edit,
        name="activity_edit",
    ),
    path(
        f"{PROMISE}aktiviteter/<int:activity_id>/ta-bort/",
        activities.activity_delete,
        name="activity_delete",
    ),
    path(
        f"{PROMISE}aktiviteter/<int:activity_id>/flytta/",
        activities.activity_move,
        name="activity_move",
    ),
    path(
        f"{PROMISE}fokusomraden/<int:focus_area_id>/flytta/",
        activities.focus_area_move,
        name="focus_area_move",
    ),
    path(
        f"{PROMISE}aktiviteter/<int:activity_id>/logg/",
        log.activity_log,
        name="activity_log",
    ),
    path(
        f"{PROMISE}aktiviteter/<int:activity_id>/logg/<int:event_id>/",
        log.event_edit,
        name="event_edit",
    ),
    path(
        f"{PROMISE}aktiviteter/<int:activity_id>/logg/<int:event_id>/ta-bort/",
        log.event_delete,
        name="event_delete",
    ),
    path(
        f"{PROMISE}uppfoljning/<period:key>/",
        followup.followup,
        name="followup",
    ),
    path(
        f"{PROMISE}uppfoljning/<period:key>/godkannande/",
        approval.period_approval,
        name="period_approval",
    ),
    path(
        f"{PROMISE}uppfoljning/<period:key>/skicka/",
        approval.period_submit,
        name="period_submit",
    ),
    path(
        f"{PROMISE}uppfoljning/<period:key>/godkann/",
        approval.period_approve,
        name="period_approve",
    ),
    path(
        f"{PROMISE}uppfoljning/<period:key>/publicera/",
        approval.period_publish,
        name="period_publish",
    ),
    path(f"{PROMISE}godkannande/", approval.promise_approval, name="promise_approval"),
    path(f"{PROMISE}skicka/", approval.promise_submit, name="promise_submit"),
    path(f"{PROMISE}godkann/", approval.promise_approve, name="promise_approve"),
    path(f"{PROMISE}publicera/", approval.promise_publish, name="promise_publish"),
    path(f"{PROMISE}avsluta/", approval.promise_conclude, name="promise_conclude"),
    path(f"{PROMISE}historik/", history.history, name="history"),
    path(
        f"{PROMISE}skicka-tillbaka/",
        approval.promise_send_back,
        name="promise_send_back",
    ),
    path(f"{PROMISE}kommentar/", approval.promise_comment, name="promise_comment"),
    path(
        f"{PROMISE}uppfoljning/<period:key>/skicka-tillbaka/",
        approval.period_send_back,
        name="period_send_back",
    ),
    path(
        f"{PROMISE}uppfoljning/<period:key>/kommentar/",
        approval.period_comment,
        name="period_comment",
    ),
    path(
        f"{PROMISE}uppfoljning/<period:key>/sista-dag/",
        approval.period_due_date,
        name="period_due_date",
    ),
    path("notiser/", notifications.notification_list, name="notifications"),
    path(
        "notiser/installningar/",
        notifications.notification_preferences,
        name="notification_preferences",
    ),
]
