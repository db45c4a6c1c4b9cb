"""Reads for imports: jobs, the choices a review offers, and the draft defaults."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from loften.core.models import User
from loften.followups.models import FollowUpStatus
from loften.geography.models import Municipality, PoliceArea
from loften.organisations.models import Membership, Organisation
from loften.organisations.selectors import organisation_list_for_user
from loften.promises.models import FocusArea

from . import mapping
from .drafts import ActivityDraft, FollowUpDraft, PromiseDraft
from .models import ImportJob
from .parsing import MunicipalityRef
from .permissions import PARTY_KINDS

TITLE_MAX = 250


def no_responsible_party_hint() -> str:
    return _("The document names no responsible party.")


def municipality_refs() -> list[MunicipalityRef]:
    """The municipalities the parser recognises: the reference list in the database."""
    return [
        MunicipalityRef(code=code, name=name)
        for code, name in Municipality.objects.order_by("code").values_list(
            "code", "name"
        )
    ]


def import_organisations_for_user(*, user: User) -> QuerySet[Organisation]:
    """The organisations `user` may import documents for (all parties, for site
    administrators)."""
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        queryset = Organisation.objects.all()
    else:
        queryset = organisation_list_for_user(
            user=user, min_role=Membership.Role.EDITOR
        )
    return queryset.filter(kind__in=PARTY_KINDS).order_by("name")


def import_job_list_for_user(*, user: User) -> QuerySet[ImportJob]:
    """The imports of the organisations `user` belongs to, newest first."""
    queryset = ImportJob.objects.select_related(
        "organisation", "uploaded_by", "promise"
    ).order_by("-created_at", "-id")
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(
        organisation__in=organisation_list_for_user(user=user).values("pk")
    )


def import_job_same_file(*, job: ImportJob, user: User) -> QuerySet[ImportJob]:
    """Other imports of the very same file that `user` may see."""
    return (
        import_job_list_for_user(user=user).filter(sha256=job.sha256).exclude(pk=job.pk)
    )


def municipality_choices(
    *, organisation: Organisation | None
) -> QuerySet[Municipality]:
    """The municipalities a promise imported for `organisation` can be made for:
    its own, or those its police area covers (every one, for no organisation)."""
    if organisation is None:
        return Municipality.objects.order_by("name")
    if organisation.kind == Organisation.Kind.MUNICIPALITY:
        return Municipality.objects.filter(organisations=organisation)
    if organisation.kind == Organisation.Kind.POLICE_AREA:
        return Municipality.objects.filter(
            police_areas__organisations=organisation
        ).order_by("name")
    return Municipality.objects.none()


def police_area_choices(*, organisation: Organisation | None) -> QuerySet[PoliceArea]:
    """The police areas such a promise can be made with."""
    if organisation is None:
        return PoliceArea.objects.order_by("name")
    if organisation.kind == Organisation.Kind.POLICE_AREA:
        return PoliceArea.objects.filter(organisations=organisation)
    return PoliceArea.objects.filter(
        municipalities__in=municipality_choices(organisation=organisation)
    ).distinct()


def active_focus_areas() -> list[FocusArea]:
    """The shared focus areas a review offers (those typed in for other drafts
    are theirs until published)."""
    return list(
        FocusArea.objects.filter(is_active=True, private_to__isnull=True).order_by(
            "order", "name"
        )
    )


def active_followup_statuses() -> list[FollowUpStatus]:
    return list(FollowUpStatus.objects.filter(is_active=True).order_by("order", "name"))


# --- Draft defaults ------------------------------------------------------------------


def import_draft_defaults(
    *, result: dict[str, Any], organisation: Organisation | None
) -> PromiseDraft:
    """The draft a parse result suggests, for the review form to start from.

    Names are matched to the taxonomy and the configured statuses; nothing is
    created here. What could not be decided is left empty with a hint.
    """
    hints: list[str] = []
    municipality = _default_municipality(result, organisation, hints)
    others = [m["name"] for m in result.get("other_municipalities") or []]
    if others:
        hints.append(
            _(
                "The document also names %(names)s as sharing the promise; add "
                "them in the editor after accepting."
            )
            % {"names": ", ".join(others)}
        )
    police_area = _default_police_area(municipality, organisation)
    years = mapping.document_years(result)
    if not years:
        hints.append(_("No year was recognised; set the period by hand."))
    codes = list(result.get("periods") or []) or [
        followup["period"]
        for activity in result.get("activities") or []
        for followup in activity.get("followups") or []
    ]
    cadence = mapping.cadence_for_periods(codes)
    notes = result.get("notes") or []
    draft = PromiseDraft(
        title=_default_title(result, municipality, years),
        municipality=municipality,
        police_area=police_area,
        start_date=datetime.date(years[0], 1, 1) if years else None,
        end_date=datetime.date(years[-1], 12, 31) if years else None,
        cadence=cadence,
        situation_summary="\n\n".join(
            n["text"] for n in notes if n["kind"] == "situation"
        ),
        followup_plan="\n\n".join(
            n["text"] for n in notes if n["kind"] == "followup_plan"
        ),
        commitments=list(result.get("commitments") or []),
        hints=hints,
    )
    focus_areas = active_focus_areas()
    focus_area_keys = [(area.pk, area.name) for area in focus_areas]
    focus_area_by_pk = {area.pk: area for area in focus_areas}
    statuses = active_followup_statuses()
    status_keys = [(status.pk, status.category) for status in statuses]
    status_by_pk = {status.pk: status for status in statuses}
    for item in result.get("activities") or []:
        activity = _default_activity(item, cadence, years)
        area_pk = mapping.match_focus_area(item.get("focus_area"), focus_area_keys)
        activity.focus_area = focus_area_by_pk.get(area_pk) if area_pk else None
        if item.get("focus_area") and activity.focus_area is None:
            activity.hints.append(
                _(
                    "The document names the focus area “%(name)s”, which is not "
                    "in the list of focus areas."
                )
                % {"name": item["focus_area"]}
            )
        for followup in activity.followups:
            pk = mapping.status_for_category(followup.document_status, status_keys)
            followup.status = status_by_pk.get(pk) if pk else None
        draft.activities.append(activity)
    return draft


def _default_municipality(
    result: dict[str, Any], organisation: Organisation | None, hints: list[str]
) -> Municipality | None:
    choices = list(municipality_choices(organisation=organisation))
    found = result.get("municipality")
    if found:
        chosen = next((m for m in choices if m.code == found["code"]), None)
        if chosen is None:
            hints.append(
                _(
                    "The document seems to be about %(name)s, which is not among "
                    "the municipalities this import can be made for."
                )
                % {"name": found["name"]}
            )
        return chosen
    hints.append(_("No municipality was recognised in the document."))
    return choices[0] if len(choices) == 1 else None


def _default_police_area(
    municipality: Municipality | None, organisation: Organisation | None
) -> PoliceArea | None:
    if organisation is not None and organisation.kind == Organisation.Kind.POLICE_AREA:
        return organisation.police_area
    if municipality is None:
        return None
    areas = list(municipality.police_areas.all()[:2])
    return areas[0] if len(areas) == 1 else None


def _default_title(
    result: dict[str, Any], municipality: Municipality | None, years: list[int]
) -> str:
    title = " ".join((result.get("title") or "").split())
    if not title:
        place = municipality.name if municipality else ""
        span = (
            ""
            if not years
            else str(years[0])
            if years[0] == years[-1]
            else f"{years[0]}–{years[-1]}"
        )
        title = " ".join(part for part in (_("Citizen promise"), place, span) if part)
    if len(title) > TITLE_MAX:
        title = title[: TITLE_MAX - 1].rsplit(" ", 1)[0] + "…"
    return title


def _default_activity(
    item: dict[str, Any], cadence: str, years: list[int]
) -> ActivityDraft:
    responsible = item.get("responsible") or []
    activity = ActivityDraft(
        text=item["text"],
        document_focus_area=item.get("focus_area"),
        commitment=item.get("commitment"),
        responsible_police="polisen" in responsible,
        responsible_municipality="kommunen" in responsible,
        partners=list(item.get("partners") or []),
        notes=list(item.get("notes") or []),
    )
    if not (
        activity.responsible_police
        or activity.responsible_municipality
        or activity.partners
    ):
        activity.hints.append(no_responsible_party_hint())
    target = item.get("target")
    if target:
        _default_target(activity, target, cadence)
    activity.followups = _default_followups(item, activity, cadence, years)
    return activity


def _default_target(activity: ActivityDraft, target: dict[str, Any], cadence: str):
    """The target a parsed one becomes, or a hint why it cannot be kept as it
    stands: a number whose meaning would change is left out, never rescaled."""
    written = target.get("text") or " ".join(
        str(part) for part in (target.get("value"), target.get("unit")) if part
    )
    value = mapping.whole_number(target.get("value"))
    scope = mapping.target_scope_for(
        target.get("per"), cadence, whole_promise=bool(target.get("whole_promise"))
    )
    if value is None:
        activity.hints.append(
            _("The target “%(value)s” is not a whole number and was left out.")
            % {"value": target.get("value")}
        )
        return
    if scope is None:
        activity.hints.append(
            _(
                "The target “%(target)s” counts per %(per)s, which a target here "
                "cannot hold (per reporting period, per year or for the whole "
                "promise); no target was set. Enter one by hand if it can be "
                "expressed per tertial or year."
            )
            % {"target": written, "per": target["per"]}
        )
        return
    activity.target_comparator = target["comparator"]
    activity.target_value = value
    activity.target_unit = target.get("unit") or ""
    activity.target_scope = scope
    if target.get("condition"):
        activity.hints.append(
            _(
                "The target applies only “%(condition)s”; a saved target has no "
                "condition, so make sure the activity's text says it."
            )
            % {"condition": target["condition"]}
        )


def _is_named(label: str) -> bool:
    """Whether a follow-up's label is the document's own, not a period code."""
    return label not in ("T1", "T2", "T3", "Q1", "Q2", "Q3", "Q4", "year")


def _default_followups(
    item: dict[str, Any], activity: ActivityDraft, cadence: str, years: list[int]
) -> list[FollowUpDraft]:
    followups: dict[tuple[str, int | None], FollowUpDraft] = {}
    for found in item.get("followups") or []:
        period = found["period"]
        label = found.get("label") or period
        text = found.get("text") or ""
        if not mapping.period_fits_cadence(period, cadence):
            activity.hints.append(
                _(
                    "The document reports for %(label)s, a period the cadence does "
                    "not have; the report is placed on the whole year."
                )
                % {"label": label}
            )
            text = f"{label}: {text}" if text else label
            period = "year"
        year = found.get("year") or (years[0] if years else None)
        chosen, others = mapping.choose_quantity(
            found.get("quantities") or [], activity.target_unit
        )
        key = (period, year)
        if key in followups:
            # Two reports on one period (a page per half-year, say): one follow-up,
            # each part under the heading it had, so neither loses its meaning.
            existing = followups[key]
            named = found.get("label") and _is_named(existing.label)
            if named and existing.label != label:
                if not existing.text.startswith(f"{existing.label}:"):
                    existing.text = f"{existing.label}: {existing.text}"
                    activity.hints.append(
                        _(
                            "The document reports on “%(first)s” and “%(second)s” "
                            "separately; both are in one follow-up, each under its "
                            "heading."
                        )
                        % {"first": existing.label, "second": label}
                    )
                text = f"{label}: {text}" if text else label
            existing.text = "\n\n".join(t for t in (existing.text, text) if t)
            existing.other_quantities += [
                mapping.format_quantity(q)
                for q in ([chosen] if chosen else []) + others
            ]
            continue
        followups[key] = FollowUpDraft(
            period=period,
            year=year,
            text=text,
            quantity=mapping.whole_number(chosen["value"]) if chosen else None,
            label=label,
            document_status=found.get("status"),
            other_quantities=[mapping.format_quantity(q) for q in others],
        )
    return list(followups.values())


# The notes whose sentences may hold an activity the parser did not see.
_UNUSED_NOTE_KINDS = ("intro", "summary", "situation")


def import_result_unused_sentences(*, result: dict | None) -> list[tuple[str, str]]:
    """The document's sentences that produced no activity (from its introduction,
    summaries and lägesbild), as (key, sentence); the key names the sentence for
    `import_job_make_activity`."""
    from .parsing.text import sentences

    found: list[tuple[str, str]] = []
    for note_index, note in enumerate((result or {}).get("notes", [])):
        if note.get("kind") not in _UNUSED_NOTE_KINDS:
            continue
        for sentence_index, sentence in enumerate(sentences(note.get("text", ""))):
            if len(sentence.split()) >= 3:
                found.append((f"{note_index}.{sentence_index}", sentence))
    return found
