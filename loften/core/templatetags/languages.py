"""The address of the page being shown, in another language."""

from django import template
from django.urls import reverse, translate_url
from django.utils.translation import override

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_language(context, language: str) -> str:
    """This page's address in `language` (i18n_patterns give each language its
    own prefix), or that language's start page when there is no request."""
    request = context.get("request")
    if request is None:
        with override(language):
            return reverse("public:home")
    return translate_url(request.get_full_path(), language)
