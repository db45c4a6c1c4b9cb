"""Template filters that mark the words a search matched, with <mark>."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from .. import text

register = template.Library()


def _html(fragments: list[text.Fragment]) -> SafeString:
    html = "".join(
        f"<mark>{conditional_escape(fragment.text)}</mark>"
        if fragment.match
        else str(conditional_escape(fragment.text))
        for fragment in fragments
    )
    return mark_safe(html)  # noqa: S308 - every fragment is escaped above


@register.filter
def highlight(value: str, terms: list[str]) -> SafeString:
    """The text with the words the search matched in <mark>."""
    return _html(text.highlight(value or "", terms))


@register.filter
def snippet(value: str, terms: list[str]) -> SafeString:
    """An excerpt around the first match, with the matched words in <mark>."""
    return _html(text.snippet(value or "", terms))
