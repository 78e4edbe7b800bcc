"""The monitor's charts: pygal draws them on the server as SVG (docs/decisions/0027); here its
script and inline style are taken out (each bar keeps its value as a ``desc``), so the SVG
sits in the page under the strict CSP and static/css/app.css colours it, and a title and
description make it one accessible image whose figures are in the table beside it. A
suppressed cell ("<5") draws no bar."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pygal
import pygal.style
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from voortgang.monitor.tables import Monitor, Table

SVG = "http://www.w3.org/2000/svg"

# pygal lays the labels out by these sizes; static/css/app.css draws them at the same.
STYLE = pygal.style.Style(
    font_family="inherit",
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=12,
    no_data_font_size=16,
)
CONFIG = {
    "style": STYLE,
    "js": [],
    "css": [],
    "disable_xml_declaration": True,
    "no_prefix": True,
    "width": 640,
    "height": 300,
    "legend_at_bottom": True,
    "truncate_label": 40,
    "truncate_legend": 40,
    "margin": 12,
}


@dataclass(frozen=True)
class Chart:
    key: str
    table_key: str  # the table with the same figures
    svg: SafeString


def _number(cell):
    return cell if isinstance(cell, int | float) and not isinstance(cell, bool) else None


def _clean(markup: str, *, key: str, title: str, description: str) -> SafeString:
    root = ET.fromstring(markup)
    for parent in root.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG}}}script", f"{{{SVG}}}style"):
                parent.remove(child)
            elif child.tag == f"{{{SVG}}}desc" and child.get("class") != "value":
                parent.remove(child)  # pygal's tooltip positions; each bar keeps its value
            elif child.tag == f"{{{SVG}}}title" and parent is not root:
                parent.remove(child)  # the axes' tooltips
        parent.attrib.pop("style", None)
    for old in root.findall(f"{{{SVG}}}title"):
        root.remove(old)
    root.attrib.pop("id", None)
    root.set("class", "app-monitor-chart")
    root.set("role", "img")
    root.set("aria-labelledby", f"chart-{key}-title chart-{key}-desc")
    title_element = ET.Element(f"{{{SVG}}}title", {"id": f"chart-{key}-title"})
    title_element.text = title
    desc_element = ET.Element(f"{{{SVG}}}desc", {"id": f"chart-{key}-desc"})
    desc_element.text = description
    root.insert(0, desc_element)
    root.insert(0, title_element)
    # Safe: pygal drew it from our own figures and labels, and ElementTree escapes all text.
    return mark_safe(ET.tostring(_unprefixed(root), encoding="unicode"))


def _unprefixed(root: ET.Element) -> ET.Element:
    """The tree with plain tag names and the SVG namespace declared on the root: ElementTree's
    prefix registry is shared by the whole process (qrcode registers "svg:"), and an HTML
    page reads only unprefixed SVG."""
    for element in root.iter():
        element.tag = element.tag.removeprefix(f"{{{SVG}}}")
        for key in [key for key in element.attrib if key.startswith("{")]:
            element.attrib.pop(key)  # pygal's xlink references: none in these charts
    root.set("xmlns", SVG)
    return root


def _see_table(table: Table) -> str:
    return _("The figures are in the table “%(table)s”.") % {"table": table.title}


def _chart(key: str, table: Table, chart, series: list[int], *, reverse: bool = False) -> Chart:
    """``chart`` with a series per column in ``series`` and a label per row of ``table``."""
    chart.config.no_data_text = _("Nothing to draw: no figures, or only counts under 5.")
    rows = list(reversed(table.rows)) if reverse else table.rows
    chart.x_labels = [str(row[0]) for row in rows]
    columns = {index: [_number(row[index]) for row in rows] for index in series}
    for index, values in columns.items():
        chart.add(table.columns[index], values)
    # Whole numbers on the value axis: these are counts of people.
    drawn = [v for values in columns.values() for v in values if v is not None]
    if isinstance(chart, pygal.StackedBar):
        drawn = [sum(v or 0 for v in stack) for stack in zip(*columns.values(), strict=True)]
    top = math.ceil(max(drawn, default=0))
    step = max(1, math.ceil(top / 8))
    chart.y_labels = list(range(0, top + step, step)) if top else [0]
    svg = _clean(
        chart.render(is_unicode=True),
        key=key,
        title=table.title,
        description=_see_table(table),
    )
    return Chart(key, table.key, svg)


def charts(monitor: Monitor) -> list[Chart]:
    """The funnel, the lead-time distribution, the quarter-by-quarter trend and the route
    mix. HorizontalBar draws its first label lowest: the funnel is reversed to read down."""
    on_time = monitor["on_time"]
    routes = monitor["routes"]
    return [
        _chart(
            "funnel",
            monitor["funnel"],
            pygal.HorizontalBar(show_legend=False, **CONFIG),
            [1],
            reverse=True,
        ),
        _chart(
            "distribution",
            monitor["distribution"],
            pygal.Bar(show_legend=False, x_label_rotation=30, **CONFIG),
            [1],
        ),
        _chart("on_time", on_time, pygal.Bar(**CONFIG), [1, 2]),
        _chart("routes", routes, pygal.StackedBar(**CONFIG), [1, 2, 3]),
    ]
