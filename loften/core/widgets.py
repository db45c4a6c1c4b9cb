"""Form widgets shared by the public site and the search page."""

from django import forms
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# What the parties write (titles, texts, units, names of focus areas, partners and
# places) is Swedish, also when the interface is English: templates mark it with
# this language (WCAG 3.1.2, language of parts).
CONTENT_LANGUAGE = "sv"


class Select(forms.Select):
    """Django's select with its options written in Python instead of one template
    each: a list of the 290 municipalities renders in a fraction of the time.
    Option groups are not supported."""

    template_name = "components/select_widget.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options = []
        for group_name, group_choices, _index in context["widget"]["optgroups"]:
            if group_name:
                raise ValueError("Select does not render option groups.")
            for option in group_choices:
                extra = [
                    format_html(" {}", key)
                    if value is True
                    else format_html(' {}="{}"', key, value)
                    for key, value in option["attrs"].items()
                    if value is not False
                ]
                options.append(
                    format_html(
                        '\n  <option value="{}"{}>{}</option>',
                        option["value"],
                        mark_safe("".join(extra)),  # noqa: S308 - each part escaped
                        option["label"],
                    )
                )
        context["widget"]["options_html"] = mark_safe("".join(options))  # noqa: S308
        return context


class ContentSelect(Select):
    """A select whose choices are content (focus areas' Swedish names): each
    option but the empty one is marked with the content's language."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value not in ("", None):
            option["attrs"]["lang"] = CONTENT_LANGUAGE
        return option
