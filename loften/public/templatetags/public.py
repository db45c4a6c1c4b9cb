"""Template helpers of the public site."""

from django import template
from django.conf import settings
from django.http import QueryDict
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from loften.core import text
from loften.core.widgets import CONTENT_LANGUAGE

from ..changes import change_sentence as describe_change

register = template.Library()


@register.simple_tag
def content_lang() -> SafeString:
    """The lang attribute of an element holding content: `<p {% content_lang %}>`."""
    return mark_safe(f'lang="{CONTENT_LANGUAGE}"')  # noqa: S308 - a constant


@register.filter
def content(value) -> SafeString | str:
    """`value` (escaped) marked as content, for content inside an interface sentence:
    `{% blocktranslate with unit=target.unit|content %}`."""
    if value in ("", None):
        return ""
    return format_html('<span lang="{}">{}</span>', CONTENT_LANGUAGE, value)


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[tuple[str, str]]:
    """(language code, absolute address) of this page in every language."""
    request = context.get("request")
    if request is None:
        return []
    here = request.build_absolute_uri(request.path)
    return [(code, translate_url(here, code)) for code, _name in settings.LANGUAGES]


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed ("" removes one)."""
    query = QueryDict(mutable=True)
    query.update(context["request"].GET)
    for key, value in changes.items():
        if value in ("", None):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def list_query(params: dict[str, str]) -> str:
    """A query string from a dict of parameters (for links to the promise list)."""
    query = QueryDict(mutable=True)
    query.update(params)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else ""


@register.filter
def change_sentence(change) -> str:
    """One change between two versions, in words."""
    return describe_change(change)


@register.filter
def unit_after(unit: str) -> str:
    """The unit to write after a figure, or "" when it only means "a number"."""
    return text.unit_after(unit)


@register.simple_tag
def approval_comments(promise_id: int, number: int) -> list:
    """The approvers' comments marked public on version `number` of a promise."""
    from loften.publication.selectors import public_approval_comments

    return list(public_approval_comments(promise_id=promise_id, number=number))
