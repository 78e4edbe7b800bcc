"""The monitor's tables as XLSX (a sheet per table) and CSV (the tables one under another),
each opening with the filters it was made with. Cells are neutralised against formulas as in
the audit trail's CSV (``inburgering.web.spreadsheet``)."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from inburgering.web.spreadsheet import safe_cell
from voortgang.monitor.tables import Monitor

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _header(filters: list[tuple[str, str]], made_on: str) -> list[list[str]]:
    return [[_("Monitor inburgering"), made_on], *([label, value] for label, value in filters), []]


def _value(cell):
    """Numbers stay numbers; text is neutralised; an empty cell stays empty."""
    if cell is None:
        return None
    return cell if isinstance(cell, int | float) else safe_cell(cell)


def xlsx(monitor: Monitor, filters, made_on: str) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in monitor.tables:
        sheet = book.create_sheet(table.key[:31])
        for row in _header(filters, made_on):
            sheet.append([_value(cell) for cell in row])
        sheet.append([safe_cell(table.title)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.append([safe_cell(column) for column in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_value(cell) for cell in row])
        if table.note:
            sheet.append([safe_cell(table.note)])
        sheet.column_dimensions["A"].width = 48
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_text(monitor: Monitor, filters, made_on: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _header(filters, made_on):
        writer.writerow([safe_cell(cell) for cell in row])
    for table in monitor.tables:
        writer.writerow([safe_cell(table.title)])
        writer.writerow([safe_cell(column) for column in table.columns])
        for row in table.rows:
            writer.writerow([safe_cell(cell) for cell in row])
        writer.writerow([])
    return out.getvalue()


def response(monitor: Monitor, filters, made_on: str, kind: str) -> HttpResponse:
    name = f"monitor-inburgering-{made_on}"
    if kind == "xlsx":
        response = HttpResponse(xlsx(monitor, filters, made_on), content_type=XLSX)
    else:
        response = HttpResponse(
            "\ufeff" + csv_text(monitor, filters, made_on), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response
