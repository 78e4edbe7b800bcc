"""Cells for files people open in a spreadsheet: a cell that starts like a formula would be run
by it (CSV injection), so such text gets a leading quote."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
