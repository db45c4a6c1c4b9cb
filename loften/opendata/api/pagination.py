from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 10**9


class Pagination(LimitOffsetPagination):
    """limit/offset pages of at most 1,000 rows; a bad value is a 400, not ignored."""

    default_limit = 100
    max_limit = 1000

    def _parse(self, request, name: str, low: int, high: int, default: int) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high or not raw.strip().isdigit():
            raise ValidationError(
                {
                    name: [
                        _("Use a whole number from %(low)s to %(high)s.")
                        % {"low": low, "high": high}
                    ]
                }
            )
        return value

    def get_limit(self, request):
        return self._parse(
            request, self.limit_query_param, 1, self.max_limit, self.default_limit
        )

    def get_offset(self, request):
        return self._parse(request, self.offset_query_param, 0, MAX_OFFSET, 0)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("How many rows to return per page (default 100, at most 1000).")
                ),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_limit,
                },
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": str(_("How many rows to skip from the start.")),
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
            },
        ]
