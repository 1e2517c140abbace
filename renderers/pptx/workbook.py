"""Chart data whose embedded workbook holds only literal cells: no formula, no hyperlink, whatever the text says.

python-pptx writes a chart's numbers into an Excel workbook inside the PPTX ("Edit Data" opens it) with
XlsxWriter's `write()`, which turns a string that starts with `=` into a formula and one that looks like a URL into
a hyperlink. Chart categories and series names come from user data (a CSV, a plan), so a category such as
`=HYPERLINK("http://…","click")` or `=cmd|' /C calc'!A0` became a live formula in deck.pptx and infographic.pptx.
Following OWASP's guidance on CSV injection, every text cell is written as a literal string (`write_string`), every
number as a number, and the workbook is opened with XlsxWriter's conversions turned off as well.

Use `CategoryChartData` and `XyChartData` from here in place of python-pptx's own.
"""

from __future__ import annotations

from contextlib import contextmanager

from pptx.chart import data as pptx_data
from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
from pptx.util import lazyproperty
from xlsxwriter import Workbook

# No conversion of text into anything but text (XlsxWriter's defaults turn '=…' into formulas and URLs into links).
WORKBOOK_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False}


class _LiteralSheet:
    """A worksheet whose `write` and `write_column` put text in as text; everything else is the worksheet's own."""

    def __init__(self, sheet):
        self._sheet = sheet

    def write(self, row: int, col: int, value, cell_format=None):
        if isinstance(value, str):
            return self._sheet.write_string(row, col, value, cell_format)
        return self._sheet.write(row, col, value, cell_format)

    def write_column(self, row: int, col: int, values, cell_format=None):
        for offset, value in enumerate(values):
            self.write(row + offset, col, value, cell_format)
        return 0

    def __getattr__(self, name: str):
        return getattr(self._sheet, name)


class _LiteralCells:
    """Mixed into python-pptx's workbook writers: the same cells, through `_LiteralSheet`, in a workbook that
    converts nothing."""

    @contextmanager
    def _open_worksheet(self, xlsx_file):
        workbook = Workbook(xlsx_file, WORKBOOK_OPTIONS)
        worksheet = workbook.add_worksheet()
        yield workbook, _LiteralSheet(worksheet)
        workbook.close()


class LiteralCategoryWorkbookWriter(_LiteralCells, CategoryWorkbookWriter):
    pass


class LiteralXyWorkbookWriter(_LiteralCells, XyWorkbookWriter):
    pass


class CategoryChartData(pptx_data.CategoryChartData):
    @lazyproperty
    def _workbook_writer(self):
        return LiteralCategoryWorkbookWriter(self)


class XyChartData(pptx_data.XyChartData):
    @lazyproperty
    def _workbook_writer(self):
        return LiteralXyWorkbookWriter(self)
