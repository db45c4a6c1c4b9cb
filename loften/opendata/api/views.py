"""The read-only open-data API (/api/v1/). Public, paged, throttled, and built
only from published data: the Published* read model and the reference tables."""

from django.db.models import Exists, F, OuterRef, Prefetch
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, routers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

from loften.core.page_cache import public_page_mark
from loften.geography.models import County, Municipality, PoliceArea, PoliceRegion
from loften.publication.models import (
    PublishedActivity,
    PublishedCommitment,
    PublishedFollowUp,
    PublishedIndicator,
    PublishedIndicatorValue,
    PublishedPromise,
)
from loften.publication.selectors import focus_area_list_published

from ..cors import allow_any_origin
from . import filters, serializers
from .pagination import Pagination
from .throttling import SCOPE, AnonymousThrottle, api_rate

# Taken by every address besides its own parameters: DRF's choice of format
# (only json is offered, so it changes nothing).
GENERAL_PARAMETERS = ("format",)


class UnknownParameters(exceptions.ValidationError):
    """Query parameters the address does not take: a 400, never silently ignored."""

    def __init__(self, unknown: list[str], accepted: list[str]):
        self.unknown, self.accepted = unknown, accepted
        super().__init__(
            {name: [_("This parameter is not known here.")] for name in unknown}
        )


def api_exception_handler(error, context):
    """Errors as {"detail": …} and, for bad parameters, {"errors": {name: […]}}."""
    response = exception_handler(error, context)
    if response is None:
        return None
    if isinstance(error, UnknownParameters):
        response.data = {
            "detail": _(
                "Unknown query parameter: %(unknown)s. This address takes: "
                "%(accepted)s."
            )
            % {
                "unknown": ", ".join(error.unknown),
                "accepted": ", ".join(error.accepted),
            },
            "errors": {name: [str(error.detail[name][0])] for name in error.unknown},
        }
    elif isinstance(error, Http404 | exceptions.NotFound):
        # Not Django's "No PublishedPromise matches the given query.", which names
        # an internal model and is not translated.
        response.data = {
            "detail": _("There is no published item with this identifier.")
        }
    elif isinstance(error, exceptions.ValidationError):
        errors = error.detail if isinstance(error.detail, dict) else {}
        response.data = {
            "detail": _("A query parameter has a value it cannot have."),
            "errors": {
                str(name): [str(message) for message in messages]
                if isinstance(messages, list)
                else [str(messages)]
                for name, messages in errors.items()
            },
        }
    elif not isinstance(response.data, dict) or "detail" not in response.data:
        response.data = {"detail": str(response.data)}
    return response


class JsonOnly:
    """A view that serves JSON alone: another `format` is a bad parameter (400),
    not a missing page."""

    renderer_classes = [JSONRenderer]

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)  # type: ignore[misc]
        except Http404:
            if force:
                raise
            raise exceptions.ValidationError(
                {"format": [_("Only the format json is served here.")]}
            ) from None


class PublicReadOnlyViewSet(JsonOnly, viewsets.ReadOnlyModelViewSet):
    """No sign-in, no sessions, JSON only, paged, throttled per address."""

    authentication_classes: list = []
    permission_classes: list = []
    pagination_class = Pagination
    throttle_classes = [AnonymousThrottle]
    filter_backends = [DjangoFilterBackend]
    # Any segment reaches the view, so a malformed id is a JSON 404 like any other.
    lookup_value_regex = "[^/]+"

    def get_exception_handler(self):
        return api_exception_handler

    def accepted_parameters(self) -> list[str]:
        """The query parameters this address takes: a list takes its filters and
        the page parameters, an item only the general ones."""
        names = list(GENERAL_PARAMETERS)
        if self.action == "list":
            paginator = self.paginator
            names += [paginator.limit_query_param, paginator.offset_query_param]
            if self.filterset_class is not None:
                names += list(self.filterset_class.base_filters)
        return sorted(names)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in {"GET", "HEAD"}:
            return  # refused with 405 whatever its parameters
        accepted = self.accepted_parameters()
        unknown = sorted(set(request.query_params) - set(accepted))
        if unknown:
            raise UnknownParameters(unknown, accepted)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # The same for every client until the next publication: the page cache
        # may answer it, counting each answer against the client's rate limit.
        public_page_mark(response, rate_limit=(SCOPE, api_rate()))
        return allow_any_origin(response)


def _tagged(tag: str, list_help, detail_help):
    return extend_schema_view(
        list=extend_schema(tags=[tag], description=list_help),
        retrieve=extend_schema(tags=[tag], description=detail_help),
    )


@_tagged(
    "reference",
    "The seven police regions.",
    "One police region by its id.",
)
class PoliceRegionViewSet(PublicReadOnlyViewSet):
    queryset = PoliceRegion.objects.prefetch_related(
        Prefetch("counties", queryset=County.objects.order_by("code"))
    ).order_by("id")
    serializer_class = serializers.PoliceRegionSerializer
    filterset_class = filters.PoliceRegionFilter


@_tagged(
    "reference",
    "The 21 counties (län).",
    "One county by its two-digit code.",
)
class CountyViewSet(PublicReadOnlyViewSet):
    queryset = County.objects.order_by("code")
    serializer_class = serializers.CountySerializer
    lookup_field = "code"
    filterset_class = filters.CountyFilter


@_tagged(
    "reference",
    "The 290 municipalities (kommuner).",
    "One municipality by its four-digit code.",
)
class MunicipalityViewSet(PublicReadOnlyViewSet):
    queryset = (
        Municipality.objects.select_related("county")
        .prefetch_related(
            Prefetch("police_areas", queryset=PoliceArea.objects.order_by("name"))
        )
        .order_by("code")
    )
    serializer_class = serializers.MunicipalitySerializer
    filterset_class = filters.MunicipalityFilter
    lookup_field = "code"


@_tagged(
    "reference",
    "The local police areas (lokalpolisområden).",
    "One police area by its id.",
)
class PoliceAreaViewSet(PublicReadOnlyViewSet):
    queryset = PoliceArea.objects.prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.order_by("code"))
    ).order_by("id")
    serializer_class = serializers.PoliceAreaSerializer
    filterset_class = filters.PoliceAreaFilter


@_tagged(
    "reference",
    "The focus areas (fokusområden) that published promises use.",
    "One focus area by its id.",
)
class FocusAreaViewSet(PublicReadOnlyViewSet):
    queryset = focus_area_list_published().order_by("order", "id")
    serializer_class = serializers.FocusAreaSerializer
    filterset_class = filters.FocusAreaFilter


@_tagged(
    "promises",
    "The published citizen promises, in their newest published version.",
    "One published promise by its id.",
)
class PromiseViewSet(PublicReadOnlyViewSet):
    queryset = (
        PublishedPromise.objects.select_related("police_area", "version")
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("code"))
        )
        .defer("version__snapshot")
        .annotate(
            previous_is_published=Exists(
                PublishedPromise.objects.filter(pk=OuterRef("previous_id"))
            ),
        )
        .order_by("id")
    )
    serializer_class = serializers.PromiseSerializer
    filterset_class = filters.PromiseFilter

    def get_queryset(self):
        # Only the parts of the published snapshot the API shows, not all of it.
        return (
            super()
            .get_queryset()
            .annotate(
                snapshot_signatories=F("version__snapshot__promise__signatories"),
                snapshot_sources=F("version__snapshot__promise__situation_sources"),
                snapshot_periods=F("version__snapshot__periods"),
            )
        )


@_tagged(
    "promises",
    "The commitments (löften) of the published promises.",
    "One commitment by its id.",
)
class CommitmentViewSet(PublicReadOnlyViewSet):
    queryset = PublishedCommitment.objects.order_by("id")
    serializer_class = serializers.CommitmentSerializer
    filterset_class = filters.CommitmentFilter


@_tagged(
    "promises",
    "The activities of the published promises, with responsible parties and targets.",
    "One activity by its id.",
)
class ActivityViewSet(PublicReadOnlyViewSet):
    queryset = PublishedActivity.objects.select_related("focus_area").order_by("id")
    serializer_class = serializers.ActivitySerializer
    filterset_class = filters.ActivityFilter


@_tagged(
    "follow-up",
    "The published follow-ups: what was done per activity and period.",
    "One follow-up by its id.",
)
class FollowUpViewSet(PublicReadOnlyViewSet):
    queryset = PublishedFollowUp.objects.select_related("period", "activity").order_by(
        "id"
    )
    serializer_class = serializers.FollowUpSerializer
    filterset_class = filters.FollowUpFilter


@_tagged(
    "follow-up",
    "The effect measures (effektmått) of the published promises, with their values.",
    "One indicator by its id.",
)
class IndicatorViewSet(PublicReadOnlyViewSet):
    queryset = (
        PublishedIndicator.objects.select_related("focus_area")
        .prefetch_related(
            Prefetch(
                "values", queryset=PublishedIndicatorValue.objects.order_by("year")
            )
        )
        .order_by("id")
    )
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilter


@_tagged(
    "follow-up",
    "The measured values of the indicators, one per indicator and year.",
    "One indicator value by its id.",
)
class IndicatorValueViewSet(PublicReadOnlyViewSet):
    queryset = PublishedIndicatorValue.objects.select_related("indicator").order_by(
        "id"
    )
    serializer_class = serializers.IndicatorValueSerializer
    filterset_class = filters.IndicatorValueFilter


class APIRootView(JsonOnly, routers.APIRootView):
    """/api/v1/ itself: a JSON index with a link to every resource."""

    authentication_classes: list = []
    permission_classes: list = []

    def get_exception_handler(self):
        return api_exception_handler

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in {"GET", "HEAD"}:
            return  # refused with 405 whatever its parameters
        unknown = sorted(set(request.query_params) - set(GENERAL_PARAMETERS))
        if unknown:
            raise UnknownParameters(unknown, list(GENERAL_PARAMETERS))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return allow_any_origin(response)


def not_found(request, *args, **kwargs):
    """Any other address under /api/v1/: a JSON 404 rather than an HTML page."""
    return allow_any_origin(
        JsonResponse({"detail": _("There is no such address in the API.")}, status=404)
    )
