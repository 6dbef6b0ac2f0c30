"""A table of thousands of rows laid out one page at a time. ReportLab's own Table, given
20,000 rows, measures the rows left and copies its styles at every page it splits: a year of
gifts took most of a minute. Here each page is a small Table of the rows that fit, under the
column heads; the rows beyond are not looked at until their page comes.

Each row is plain (every other one shaded) or a group's heading: in bold, over the columns
left of the amount, never last on a page, and said again, "(continued)", at the top of a
page its group goes on to. A row taller than a whole page goes on over the next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tables import CellStyle

from cars_desktop.documents.fonts import BOLD, REGULAR
from cars_desktop.documents.letterhead import NAVY
from cars_desktop.documents.report_kit import ZEBRA

ROW, GROUP = 0, 1  # a row's mark
GROUP_TINT = colors.Color(0.91, 0.93, 0.96)


@dataclass
class Rows:
    head: list  # the column heads
    rows: list[list]  # each row's cells: text (lines apart by "\n") or paragraphs
    marks: list[int]  # ROW or GROUP, for each row
    widths: list[float]
    amount: int  # the column of the amounts: on the right
    font_size: float
    leading: float
    padding: float
    # the heading of a group going on from the page before, from its own heading's index
    continued: Callable[[int], list] = lambda heading: []
    styles: dict = field(default_factory=dict)  # each kind of row's cell styles, made once
    headings: list[int] = field(default_factory=list)  # each row's group heading, or -1

    def __post_init__(self) -> None:
        heading = -1
        for number, mark in enumerate(self.marks):
            heading = number if mark == GROUP else heading
            self.headings.append(heading)
        # every page's table shares these: a style command over a whole table would be
        # applied cell by cell, page after page
        self.styles = {"head": self._cells("head", BOLD, "BOTTOM"),
                       ROW: self._cells("row", REGULAR, "TOP"),
                       GROUP: self._cells("group", BOLD, "TOP")}

    def _cells(self, name: str, font: str, valign: str) -> list[CellStyle]:
        cells = []
        for column in range(len(self.widths)):
            cell = CellStyle(f"{name}-{column}")
            cell.fontname, cell.fontsize, cell.leading = font, self.font_size, self.leading
            cell.leftPadding = cell.rightPadding = self.padding
            cell.topPadding = cell.bottomPadding = 2
            cell.valign = valign
            cell.alignment = "RIGHT" if column == self.amount else "LEFT"
            cells.append(cell)
        return cells


class LongTable(Flowable):
    def __init__(self, rows: Rows, start: int = 0, heads: bool = True) -> None:
        super().__init__()
        self.all, self.start = rows, start
        self.heads = heads  # it begins with the column heads (a page's first rows)
        self._laid: tuple | None = None  # (width, height) → (the rows' table, how many fit)
        self._whole: Table | None = None  # the rest of the list, when it fits

    def _lead(self) -> list[tuple[list, int]]:
        """The rows above this one's own: the column heads, and the heading of a group
        that goes on from the page before."""
        if not self.heads:
            return []
        lead = [(list(self.all.head), "head")]
        heading = self.all.headings[self.start] if self.start < len(self.all.rows) else -1
        if 0 <= heading < self.start:
            lead.append((self.all.continued(heading), GROUP))
        return lead

    def _piece(self, stop: int, split_in_row: int = 0) -> Table:
        """A table of the rows from this one's start to `stop`, under the heads; with
        `split_in_row`, one row that may be split over pages, under its heading: both are
        said again above the rest of it."""
        everything = self.all
        lead = self._lead()
        above = len(lead)
        marks = [mark for _row, mark in lead] + everything.marks[self.start:stop]
        data = [row for row, _mark in lead] + \
            [list(row) for row in everything.rows[self.start:stop]]  # the table changes them
        amount = everything.amount
        style = [  # every other line shaded, counted from the list's first line
            ("ROWBACKGROUNDS", (0, above), (-1, -1),
             [ZEBRA, colors.white] if self.start % 2 else [colors.white, ZEBRA])]
        if self.heads:
            style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.Color(*NAVY)))
        for at, mark in enumerate(marks):
            if mark != GROUP:
                continue
            style += [("SPAN", (0, at), (amount - 1, at)),
                      ("BACKGROUND", (0, at), (-1, at), GROUP_TINT)]
            if at + 1 < len(data) and not split_in_row:  # a heading never ends a page
                style.append(("NOSPLIT", (0, at), (-1, at + 1)))
        repeat = len(data) - 1 if split_in_row else 1 if self.heads else 0
        table = Table(data, colWidths=everything.widths, repeatRows=repeat,
                      hAlign="LEFT", splitInRow=split_in_row, normalizedData=1,
                      cellStyles=[everything.styles[mark] for mark in marks])
        table.setStyle(TableStyle(style))
        return table

    def _at_top(self) -> bool:
        at_top = getattr(getattr(self, "_frame", None), "_atTop", False)
        if at_top:
            self.heads = True  # a page begins: with the column heads
        return at_top

    def _lay(self, width: float, height: float) -> tuple[Table, int]:
        """The table of the rows that may fit in `height` (no row is lower than one line),
        measured, and how many of them fit whole, a heading never last."""
        if self._laid is not None and self._laid[0] == (width, height):
            return self._laid[1]
        self._at_top()
        count = len(self.all.rows)
        stop = min(count, self.start + int(height // (self.all.leading + 4)) + 2)
        table = self._piece(stop)
        table.wrap(width, height)
        above = len(self._lead())
        used, fit = sum(table._rowHeights[:above]), 0
        for row_height in table._rowHeights[above:]:
            used += row_height
            if used > height:
                break
            fit += 1
        if self.start + fit < count:  # some rows go on: no heading last on the page
            while fit and self.all.marks[self.start + fit - 1] == GROUP:
                fit -= 1
        self._laid = ((width, height), (table, fit))
        return table, fit

    def wrap(self, available_width, available_height):
        table, fit = self._lay(available_width, available_height)
        if self.start + fit == len(self.all.rows):  # the rest of the list fits here
            self._whole = table
            self.width, self.height = table._width, table._height
        else:  # more than fits: the frame asks to split
            self.width, self.height = available_width, available_height + 1
        return self.width, self.height

    def draw(self) -> None:
        self._whole.drawOn(self.canv, 0, 0)

    def split(self, available_width, available_height) -> list:
        _table, fit = self._lay(available_width, available_height)
        if fit:
            return [self._piece(self.start + fit), LongTable(self.all, self.start + fit)]
        if not self._at_top():
            return []  # not one row fits here: on to the next page
        # a row taller than the whole page (under its heading, if it has one): it goes on
        # over the next page, under the heads
        stop = self.start + 1
        while stop < len(self.all.rows) and self.all.marks[stop - 1] == GROUP:
            stop += 1
        parts = self._piece(stop, split_in_row=1).split(available_width, available_height)
        if len(parts) < 2:
            return []
        return [parts[0], parts[1], LongTable(self.all, stop, heads=False)]
