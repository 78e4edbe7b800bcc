"""The {% table %} component: the accessible frame of every data table on the pages."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def _render(source: str, **context) -> str:
    with translation.override("en"):
        return Template("{% load components %}" + source).render(Context(context))


ROWS = '{% for name in names %}<tr class="utrecht-table__row"><td>{{ name }}</td></tr>{% endfor %}'


def test_the_frame_has_a_caption_column_headers_and_the_pages_rows():
    html = _render(
        '{% table _("Name") label caption=_("People") %}' + ROWS + "{% endtable %}",
        names=["Ada", "<b>"],
        label="Born <on>",
    )
    assert html.startswith('<div class="app-table-wrapper"><table class="utrecht-table app-table">')
    assert '<caption class="utrecht-table__caption visually-hidden">People</caption>' in html
    assert '<th class="utrecht-table__header-cell" scope="col">Name</th>' in html
    assert '<th class="utrecht-table__header-cell" scope="col">Born &lt;on&gt;</th>' in html
    assert '<tbody class="utrecht-table__body"><tr class="utrecht-table__row"><td>Ada</td>' in html
    assert "<td>&lt;b&gt;</td>" in html  # the rows are escaped where the page writes them


def test_a_shown_caption_and_an_actions_column():
    html = _render(
        '{% table _("Name") caption="People" show_caption=True actions=True %}{% endtable %}'
    )
    assert '<caption class="utrecht-table__caption">People</caption>' in html
    assert (
        '<th class="utrecht-table__header-cell" scope="col">'
        '<span class="visually-hidden">Actions</span></th>'
    ) in html


class _Unreadable:
    def __bool__(self):
        return False

    def __iter__(self):
        raise AssertionError("the rows of an empty table are not rendered")


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ('empty="Nobody."', '<p class="utrecht-paragraph">Nobody.</p>'),
        (
            'empty="Nobody." empty_role="status"',
            '<p class="utrecht-paragraph" role="status">Nobody.</p>',
        ),
        ("", ""),
    ],
)
def test_without_items_only_the_empty_text_is_shown(options, expected):
    source = '{% table "Name" caption="People" items=names ' + options + " %}"
    html = _render(source + ROWS + "{% endtable %}", names=_Unreadable(), empty="leaked")
    assert html.strip() == expected  # nothing of the page's own "empty" leaks in


@pytest.mark.parametrize(
    "source",
    [
        '{% table "Name" %}{% endtable %}',
        '{% table caption="People" %}{% endtable %}',
        '{% table "Name" caption="People" colour="red" %}{% endtable %}',
        '{% table "Name" caption="People" "Late" %}{% endtable %}',
    ],
)
def test_a_table_without_caption_or_headers_or_with_unknown_options_is_refused(source):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load components %}" + source)
