"""Template tags for the page components in templates/components/.

``{% table %}`` draws a data table's accessible frame; the page writes the rows::

    {% load components %}
    {% table _("Date") _("Status") caption=_("All progress talks") items=talks empty=_("None.") %}
      {% for talk in talks %}
      <tr class="utrecht-table__row">
        <td class="utrecht-table__cell">…</td>
        <td class="utrecht-table__cell">…</td>
      </tr>
      {% endfor %}
    {% endtable %}

Positional arguments are the column headers (``<th scope="col">``), in order. Options:

- ``caption`` (required): the table's name. Screen readers only, unless ``show_caption=True``.
- ``actions=True``: a last column for buttons and links, its header read by screen readers only.
- ``items``: what the rows are made of. When it is empty, neither the table nor its rows are
  rendered (so the rows' queries do not run either), only ``empty``: the text that says so, in
  a paragraph, with ``empty_role`` (e.g. ``"status"`` for search results) as its role.

A row header is the row's first cell written as
``<th class="utrecht-table__header-cell" scope="row">``.
"""

from django import template
from django.template.base import token_kwargs

register = template.Library()

TABLE_DEFAULTS = {"show_caption": False, "actions": False, "empty": "", "empty_role": ""}
TABLE_OPTIONS = {"caption", "items", *TABLE_DEFAULTS}


class TableNode(template.Node):
    def __init__(self, headers, options, rows):
        self.headers = headers
        self.options = options
        self.rows = rows

    def render(self, context):
        options = {name: value.resolve(context) for name, value in self.options.items()}
        has_rows = "items" not in options or bool(options.pop("items"))
        options = {**TABLE_DEFAULTS, **options}  # nothing leaks in from the page's context
        component = context.template.engine.get_template("components/table.html")
        with context.push(
            **options,
            headers=[header.resolve(context) for header in self.headers],
            has_rows=has_rows,
            rows=self.rows.render(context) if has_rows else "",
        ):
            return component.render(context)


@register.tag
def table(parser, token):
    bits = token.split_contents()
    name = bits.pop(0)
    headers = []
    while bits and "=" not in bits[0]:
        headers.append(parser.compile_filter(bits.pop(0)))
    options = token_kwargs(bits, parser, support_legacy=False)
    if bits:
        raise template.TemplateSyntaxError(
            f"{name!r}: headers come first, then options as name=value; not understood: {bits}"
        )
    if unknown := set(options) - TABLE_OPTIONS:
        raise template.TemplateSyntaxError(f"{name!r} has no option {', '.join(sorted(unknown))}")
    if "caption" not in options:
        raise template.TemplateSyntaxError(f"{name!r} needs a caption: every table has a name")
    if not headers:
        raise template.TemplateSyntaxError(f"{name!r} needs its column headers")
    rows = parser.parse(("endtable",))
    parser.delete_first_token()
    return TableNode(headers, options, rows)
