import functools
import hashlib
import re
from collections.abc import Iterator

from django.conf import settings
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.views.decorators.http import condition, require_safe

from . import apidocs
from .columns import LICENCE_NAME, LICENCE_TEXT, LICENCE_URL, TABLES, TYPE_DESCRIPTIONS
from .cors import cors_public
from .export import columns_csv, csv_zip_stream, json_stream
from .selectors import data_fingerprint, data_published_at


def _etag(request, *args, **kwargs) -> str:
    """A weak validator of the download: the same whenever the published data,
    the reference data, the column descriptions and the language are."""
    digest = hashlib.sha256()
    for part in (
        data_fingerprint(),
        translation.get_language() or "",
        columns_csv(),
        settings.SITE_URL,
    ):
        digest.update(part.encode())
        digest.update(b"\0")
    return f'W/"{digest.hexdigest()[:32]}"'


@require_safe
def data(request):
    """The bulk download page: the files, the licence and every column explained."""
    return render(
        request,
        "opendata/data.html",
        {
            "tables": TABLES,
            "types": TYPE_DESCRIPTIONS.items(),
            "published_at": data_published_at(),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "licence_text": LICENCE_TEXT,
            "api_docs_url": reverse("opendata:api-docs"),
        },
    )


def _in_language(language: str, chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Keep the request's language while the response is streamed."""
    with translation.override(language):
        yield from chunks


def _download(request, chunks, content_type: str, filename: str):
    response = StreamingHttpResponse(
        _in_language(translation.get_language(), chunks), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300"
    # The date of the data, for information. Conditional requests go by the
    # ETag only: the reference data has no change time, so If-Modified-Since
    # could answer 304 after a police area changed.
    published_at = data_published_at()
    if published_at is not None:
        response["Last-Modified"] = http_date(published_at.timestamp())
    return response


@cors_public
@require_safe
@condition(etag_func=_etag)
def data_csv(request):
    return _download(request, csv_zip_stream(), "application/zip", "loften-data.zip")


@cors_public
@require_safe
@condition(etag_func=_etag)
def data_json(request):
    return _download(
        request, json_stream(), "application/json; charset=utf-8", "loften-data.json"
    )


@functools.lru_cache(maxsize=8)
def _schema(language: str) -> dict:
    """The OpenAPI description in `language`; it only changes with the code."""
    from drf_spectacular.generators import SchemaGenerator

    with translation.override(language):
        return SchemaGenerator().get_schema(request=None, public=True)


@require_safe
def api_docs(request):
    """The API explained for people, from the same OpenAPI description machines use."""
    openapi = _schema(translation.get_language())
    resources = apidocs.resources(openapi)
    referenced = {
        name
        for resource in resources
        for field in resource.fields
        for name in re.findall(r"[A-Z][A-Za-z]+", field.type)
    }
    api_root = request.build_absolute_uri("/api/v1/")
    return render(
        request,
        "opendata/api_docs.html",
        {
            "resources": resources,
            "objects": apidocs.components(openapi, referenced),
            "api_root": api_root,
            "openapi_url": request.build_absolute_uri(reverse("api:schema")),
            "example_url": f"{api_root}promises/?municipality=0682&year=2026",
            "version": openapi.get("info", {}).get("version", ""),
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "data_url": reverse("opendata:data"),
        },
    )
