"""The OpenAPI description: every operation also documents its error answers."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in words."))
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("For a bad query parameter: its name and what is wrong with it."),
    )

    class Meta:
        ref_name = "Error"


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "429": _("Too many requests from this address; wait and try again."),
        }
        if self._is_list_view():
            errors["400"] = _(
                "A query parameter is not one this address takes, or has a value "
                "it cannot have."
            )
        else:
            errors["400"] = _("A query parameter is not one this address takes.")
            errors["404"] = _("There is no published item with this identifier.")
        for code, description in errors.items():
            responses.setdefault(
                code,
                self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description),
                    code,
                    direction=direction,
                ),
            )
        return responses
