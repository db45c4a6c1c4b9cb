"""Form widgets shared by the public site and the search page."""

from django import forms

# What the parties write (titles, texts, units, names of focus areas, partners and
# places) is Swedish, also when the interface is English: templates mark it with
# this language (WCAG 3.1.2, language of parts).
CONTENT_LANGUAGE = "sv"


class ContentSelect(forms.Select):
    """A select whose choices are content (focus areas' Swedish names): each
    option but the empty one is marked with the content's language."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value not in ("", None):
            option["attrs"]["lang"] = CONTENT_LANGUAGE
        return option
