"""How published data looks in the API: ids, links between resources, and the
column descriptions of the data catalogue as field documentation."""

from .published import (
    ActivitySerializer,
    CommitmentSerializer,
    FollowUpSerializer,
    IndicatorSerializer,
    IndicatorValueSerializer,
    PromiseSerializer,
)
from .reference import (
    CountySerializer,
    FocusAreaSerializer,
    MunicipalitySerializer,
    PoliceAreaSerializer,
    PoliceRegionSerializer,
)

__all__ = [
    "ActivitySerializer",
    "CommitmentSerializer",
    "CountySerializer",
    "FocusAreaSerializer",
    "FollowUpSerializer",
    "IndicatorSerializer",
    "IndicatorValueSerializer",
    "MunicipalitySerializer",
    "PoliceAreaSerializer",
    "PoliceRegionSerializer",
    "PromiseSerializer",
]
