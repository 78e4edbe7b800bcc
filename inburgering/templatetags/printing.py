"""Template tags for the printed documents (templates/print/base.html).

WeasyPrint lays the documents out from a string and fetches no stylesheet, so the print base
cannot link static/css/theme.css as the pages do. ``{% theme_tokens %}`` writes the brand
values of that file (its section 1, the ``--inburgering-*`` custom properties) into the
document's <style> as a ``:root`` rule: the pages and the print read the municipality's
colours from the same place. ``|css_string`` puts text inside a CSS string, such as the
municipality's name in the running header ("'s-Hertogenbosch").
"""

import re
from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString

register = template.Library()

THEME = "css/theme.css"
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
BRAND_TOKEN = re.compile(r"(--inburgering-[a-z0-9-]+)\s*:\s*([^;{}]+);")


def brand_tokens() -> dict[str, str]:
    """The ``--inburgering-*`` declarations of the theme, in its order, values on one line."""
    css = COMMENT.sub("", Path(finders.find(THEME)).read_text(encoding="utf-8"))
    return {name: " ".join(value.split()) for name, value in BRAND_TOKEN.findall(css)}


@register.simple_tag
def theme_tokens() -> SafeString:
    declarations = " ".join(f"{name}: {value};" for name, value in brand_tokens().items())
    # Our own stylesheet's values, written into a <style>: HTML escaping would break them.
    return SafeString(f":root {{ {declarations} }}")


CSS_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\a ", "\r": "", "<": "\\3c "}


@register.filter
def css_string(value) -> SafeString:
    """Text as the inside of a double-quoted CSS string: CSS escapes, not HTML entities
    (which a <style> shows as they are)."""
    return SafeString("".join(CSS_STRING_ESCAPES.get(char, char) for char in str(value)))
