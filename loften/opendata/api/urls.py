from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from ..cors import cors_public
from . import views

app_name = "api"


class Router(DefaultRouter):
    """Adds /api/v1/ itself: a JSON index with a link to every resource."""

    include_format_suffixes = False
    APIRootView = views.APIRootView


router = Router()
router.register("police-regions", views.PoliceRegionViewSet, basename="policeregion")
router.register("counties", views.CountyViewSet, basename="county")
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("police-areas", views.PoliceAreaViewSet, basename="policearea")
router.register("focus-areas", views.FocusAreaViewSet, basename="focusarea")
router.register("promises", views.PromiseViewSet, basename="promise")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("activities", views.ActivityViewSet, basename="activity")
router.register("follow-ups", views.FollowUpViewSet, basename="followup")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register(
    "indicator-values", views.IndicatorValueViewSet, basename="indicatorvalue"
)

urlpatterns = [
    path(
        "openapi.json",
        cors_public(
            SpectacularJSONAPIView.as_view(
                authentication_classes=[], permission_classes=[]
            )
        ),
        name="schema",
    ),
    *router.urls,
    re_path(r"^.*$", views.not_found),
]
