"""The shared ReportLab kit of the reports: styles, page templates with the letterhead, the
"Page 2 of 5" canvas, tables, key figures and charts. Each report's own layout is in
`report_layouts/`; which reports exist is in `reports.py`."""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cars_desktop.core import vocab
from cars_desktop.core.kinds import EVERY_KIND
from cars_desktop.core.letter_text import written_date
from cars_desktop.core.money import format_money
from cars_desktop.core.report_text import format_number, month_label, unvalued_text, words
from cars_desktop.documents.fonts import BOLD, ITALIC, REGULAR
from cars_desktop.documents.letterhead import GREY, INCH, NAVY, draw_letterhead, fitted, load_logo
from cars_desktop.documents.output import Cancelled, write_whole
from cars_desktop.documents.scripts import Paragraph, draw_line, text_width

TEAL = colors.Color(0.16, 0.55, 0.55)
GOLD = colors.Color(0.91, 0.69, 0.25)
ZEBRA = colors.Color(0.95, 0.96, 0.97)
SIZES = {"letter": (8.5 * INCH, 11 * INCH), "a4": (595.27, 841.89)}


CELL_MAX = 600  # characters a table's cell lays out; a field holds at most 250


def build_pdf(maker: ReportMaker, story: list, path: str | os.PathLike,
              progress: Callable[[int, int], bool] | None = None) -> int:
    """Write `story` to `path`, whole or not at all. `progress(done, total)` is told as the
    pieces are laid out, and may return False to stop (`Cancelled`). Returns the page count."""
    total = len(story)

    def write(partial: str) -> int:
        doc = _Document(partial, pagesize=maker.size, pageTemplates=maker.templates(),
                        title=maker.title, author=maker.head.name, creator="CARS Desktop",
                        subject=maker.subtitle)
        if progress:
            doc.progress = lambda done: progress(done, total)
        doc.build(story, canvasmaker=_numbered(maker))
        return doc.page

    return write_whole(path, write)

class _Document(BaseDocTemplate):
    progress = None
    _done = 0

    def afterFlowable(self, flowable):  # noqa: N802 - ReportLab's name
        self._done += 1
        if self.progress and self.progress(self._done) is False:
            raise Cancelled()


def _numbered(maker: ReportMaker):
    class NumberedCanvas(Canvas):
        """Holds each page until the last is known, to print "Page 2 of 5"."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                maker.footer(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


class ReportMaker:
    def __init__(self, title: str, head, lang: str, today: dt.date) -> None:
        self.head, self.lang, self.today = head, lang, today
        self.w = words(lang)
        self.size = SIZES.get(head.options.paper, SIZES["letter"])
        self.margin = 0.75 * INCH
        self.width = self.size[0] - 2 * self.margin
        self.title = title
        self.subtitle = ""
        self.logo = load_logo(head.logo, max_height=0.7 * INCH)
        self.body = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=13,
                                   spaceAfter=6)
        self.heading = ParagraphStyle("heading", parent=self.body, fontName=BOLD, fontSize=12,
                                      leading=15, textColor=colors.Color(*NAVY), spaceBefore=12,
                                      spaceAfter=6)
        self.big_title = ParagraphStyle("title", parent=self.body, fontName=BOLD, fontSize=17,
                                        leading=21, textColor=colors.Color(*NAVY), spaceAfter=2)
        self.sub = ParagraphStyle("sub", parent=self.body, textColor=colors.Color(*GREY),
                                  spaceAfter=10)
        self.note = ParagraphStyle("note", parent=self.body, fontName=ITALIC, fontSize=8.5,
                                   leading=11, textColor=colors.Color(*GREY))
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=9, leading=11.5,
                                   spaceAfter=0)
        self.cell_right = ParagraphStyle("cell_right", parent=self.cell, alignment=TA_RIGHT)
        self.small_cell = ParagraphStyle("small_cell", parent=self.cell, fontSize=8,
                                         leading=10.5)
        self.cell_head = ParagraphStyle("cell_head", parent=self.cell, fontName=BOLD)
        self.cell_head_right = ParagraphStyle("cell_head_right", parent=self.cell_head,
                                              alignment=TA_RIGHT)
        self.kpi_label = ParagraphStyle("kpi_label", parent=self.cell, fontSize=8,
                                        textColor=colors.Color(*GREY))
        self.kpi_value = ParagraphStyle("kpi_value", parent=self.cell, fontName=BOLD,
                                        fontSize=13, leading=16, textColor=colors.Color(*NAVY))

    # Pages

    def templates(self):
        width, height = self.size
        first_top = height - 1.75 * INCH
        first = Frame(self.margin, 0.8 * INCH, self.width, first_top - 0.8 * INCH, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(self.margin, 0.8 * INCH, self.width, height - 1.05 * INCH - 0.8 * INCH,
                      id="later", leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0)
        return [PageTemplate("first", [first], onPage=self._first_page),
                PageTemplate("later", [later], onPage=self._later_page)]

    def _first_page(self, canvas, doc) -> None:
        width, height = self.size
        draw_letterhead(canvas, self.head, width, height, self.margin, self.logo)

    def _later_page(self, canvas, doc) -> None:
        width, height = self.size
        canvas.setFont(REGULAR, 8.5)
        canvas.setFillColorRGB(*GREY)
        top = height - 0.6 * INCH
        name = fitted(self.head.name, REGULAR, 8.5, self.width / 2 - 6, 8.5)[0]
        draw_line(canvas, self.margin, top, name, REGULAR, 8.5)
        room = self.width - text_width(name, REGULAR, 8.5) - 18
        draw_line(canvas, width - self.margin, top, fitted(
            f"{self.title} · {self.subtitle}", REGULAR, 8.5, room, 8.5)[0], REGULAR, 8.5,
            "right")
        canvas.setStrokeColorRGB(0.75, 0.75, 0.78)
        canvas.setLineWidth(0.5)
        canvas.line(self.margin, top - 6, width - self.margin, top - 6)

    def footer(self, canvas, number: int, total: int) -> None:
        width = self.size[0]
        canvas.setFont(REGULAR, 8)
        canvas.setFillColorRGB(*GREY)
        canvas.drawString(self.margin, 0.5 * INCH, self.w["prepared"].format(
            date=written_date(self.today, self.lang)))
        canvas.drawRightString(width - self.margin, 0.5 * INCH,
                               self.w["page"].format(n=number, total=total))
        if self.head.charity_number:
            canvas.drawCentredString(width / 2, 0.5 * INCH - 11, (
                "Organisme de bienfaisance enregistré {}" if self.lang == "fr" else
                "Registered charity {}").format(self.head.charity_number))

    # Pieces

    def opening(self, subtitle: str) -> list:
        self.subtitle = subtitle
        return [NextPageTemplate("later"), Paragraph(escape(self.title), self.big_title),
                Paragraph(escape(subtitle), self.sub)]

    def money(self, cents: int) -> str:
        return format_money(cents, self.lang)

    def label(self, vocabulary: vocab.Vocabulary, code: str) -> str:
        return vocabulary.label(code, self.lang)

    def kind_label(self, family: str, kind: str) -> str:
        return EVERY_KIND.label(kind, self.lang)

    def table(self, header: list[str], rows: list[list], widths: list[float],
              right: set[int] = frozenset(), total: bool = False) -> Table:
        """A table that may run over pages (its header repeats), numbers on the right, and a
        total line in bold when `total`."""
        def cell(value, column, style_left, style_right):
            if isinstance(value, Paragraph):
                return value
            text = str(value)
            if len(text) > CELL_MAX:  # text entered before there was a limit: a cell, not a page
                text = text[:CELL_MAX] + "…"
            return Paragraph(escape(text), style_right if column in right else style_left)

        data = [[cell(h, i, self.cell_head, self.cell_head_right) for i, h in enumerate(header)]]
        for number, row in enumerate(rows):
            bold = total and number == len(rows) - 1
            data.append([cell(v, i, self.cell_head if bold else self.cell,
                              self.cell_head_right if bold else self.cell_right)
                         for i, v in enumerate(row)])
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT",
                      splitInRow=1)  # a row taller than a page goes on over the next
        style = [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # Table's own default is Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.Color(*NAVY)),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        last_plain = len(data) - (2 if total else 1)
        if last_plain >= 1:
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, last_plain), [colors.white, ZEBRA]))
        if total:
            style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.Color(*NAVY)))
        table.setStyle(TableStyle(style))
        return table

    def kpis(self, items: list[tuple], columns: int = 4) -> Table:
        """The headline figures as cards: a small label over a big number, and under it,
        for some, a small line (label, value[, line])."""
        longest = max(len(item[1]) for item in items)
        value_style = self.kpi_value if longest <= 13 else ParagraphStyle(
            "kpi_small", parent=self.kpi_value, fontSize=10.5, leading=13)
        cells = [[Paragraph(escape(label), self.kpi_label),
                  Paragraph(escape(value), value_style),
                  *(Paragraph(escape(line), self.kpi_label) for line in more if line)]
                 for label, value, *more in items]
        while len(cells) % columns:
            cells.append("")
        rows = [cells[start:start + columns] for start in range(0, len(cells), columns)]
        table = Table(rows, colWidths=[self.width / columns] * columns, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("BOX", (0, 0), (-1, -1), 0.5, colors.Color(0.8, 0.82, 0.86)),
            ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.Color(0.8, 0.82, 0.86)),
            ("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.97, 0.98, 0.99)),
            ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ]))
        return table

    def section(self, title: str, *flowables, whole: bool = False) -> list:
        """A heading kept with the start of what it introduces; a short section (`whole`)
        is not split over two pages."""
        heading = Paragraph(escape(title), self.heading)
        if whole:
            return [KeepTogether([heading, *flowables])]
        return [CondPageBreak(1.4 * INCH), heading, *flowables]

    def in_kind(self, cents: int, unvalued: int) -> str | Paragraph:
        """A value in kind, saying how many gifts were given no value rather than $0.00."""
        if not unvalued:
            return self.money(cents)
        if not cents:
            return unvalued_text(unvalued, self.lang)
        return Paragraph(f"{escape(self.money(cents))}<br/><font size=7.5>"
                         f"{escape(unvalued_text(unvalued, self.lang, True))}</font>",
                         self.cell_right)

    def in_kind_kpi(self, totals) -> tuple[str, str, str]:
        """The in-kind card: its value, and the gifts given none."""
        unvalued = totals.unvalued_gifts
        if unvalued and not totals.in_kind_cents:
            return self.w["in_kind"], unvalued_text(unvalued, self.lang), ""
        return self.w["in_kind"], self.money(totals.in_kind_cents), \
            unvalued_text(unvalued, self.lang, True) if unvalued else ""

    def notes(self, totals, rate_cents: int) -> list:
        """The notes on how time and loans were counted, under the figures they explain."""
        lines = [self.w["rate_note"].format(rate=self.money(rate_cents))]
        if totals.loans_cents:
            lines.append(self.w["loans_note"].format(amount=self.money(totals.loans_cents)))
        return [Spacer(1, 4), *(Paragraph(escape(line), self.note) for line in lines)]

    def nothing(self) -> Paragraph:
        return Paragraph(escape(self.w["nothing"]), self.body)

    def _axis_money(self, dollars: float) -> str:
        """Whole dollars on a chart's axis: "$25,000" or "25 000 $"."""
        whole = format_number(round(dollars), self.lang)
        return f"{whole}\u00a0$" if self.lang == "fr" else f"${whole}"

    def month_chart(self, months: list[tuple[dt.date, int, int]]):
        """Cash and in-kind value as grouped bars: by month, by quarter past two years, by
        year past five. None for a period too short to chart."""
        if len(months) < 2:
            return None
        if len(months) > 60:
            groups = self._grouped(months, lambda day: day.year, lambda day: str(day.year))
        elif len(months) > 24:
            groups = self._grouped(months, lambda day: (day.year, (day.month - 1) // 3),
                                   lambda day: f"T{(day.month - 1) // 3 + 1} {day.year}"
                                   if self.lang == "fr" else
                                   f"Q{(day.month - 1) // 3 + 1} {day.year}")
        else:
            spans_years = months[0][0].year != months[-1][0].year
            groups = [(month_label(day, self.lang) + (
                f" {day.year}" if spans_years and (day.month == 1 or day == months[0][0])
                else ""), cash, in_kind) for day, cash, in_kind in months]
        height = 2.3 * INCH
        drawing = Drawing(self.width, height)
        chart = VerticalBarChart()
        chart.x, chart.y = 58, 34
        chart.width, chart.height = self.width - 70, height - 52
        chart.data = [[cash / 100 for _unused, cash, _unused in groups],
                      [in_kind / 100 for _unused, _unused, in_kind in groups]]
        chart.categoryAxis.categoryNames = [label for label, _unused, _unused in groups]
        top = max(max(row) for row in chart.data)
        if top <= 0:
            return None  # nothing received: no chart of zeros
        step = 10 ** math.floor(math.log10(top))  # a round top a little above the tallest bar
        chart.valueAxis.valueMax = math.ceil(top * 1.05 / step) * step
        chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
        chart.bars[0].fillColor = colors.Color(*NAVY)
        chart.bars[1].fillColor = TEAL
        chart.bars.strokeColor = None
        chart.groupSpacing = 4 if len(months) <= 12 else 2
        chart.barSpacing = 0.5
        chart.valueAxis.valueMin = 0
        chart.valueAxis.labelTextFormat = self._axis_money
        chart.valueAxis.labels.fontName = REGULAR
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.gridStrokeColor = colors.Color(0.88, 0.89, 0.91)
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.strokeColor = colors.Color(0.6, 0.6, 0.6)
        chart.categoryAxis.labels.fontName = REGULAR
        chart.categoryAxis.labels.fontSize = 7 if len(groups) <= 12 else 6.5
        chart.categoryAxis.labels.angle = 0 if len(groups) <= 12 else 40
        chart.categoryAxis.labels.boxAnchor = "n" if len(groups) <= 12 else "ne"
        chart.categoryAxis.strokeColor = colors.Color(0.6, 0.6, 0.6)
        drawing.add(chart)
        drawing.add(self._legend(height - 8, [(colors.Color(*NAVY), self.w["cash_short"]),
                                              (TEAL, self.w["in_kind_short"])]))
        return drawing

    @staticmethod
    def _grouped(months, key, label) -> list[tuple[str, int, int]]:
        groups: dict = {}
        for day, cash, in_kind in months:
            name, old_cash, old_kind = groups.get(key(day), (label(day), 0, 0))
            groups[key(day)] = (name, old_cash + cash, old_kind + in_kind)
        return list(groups.values())

    def sector_chart(self, rows: list[tuple[str, int, int, int]]) -> Drawing:
        """Each sector's support as one bar: cash, in kind and time stacked."""
        height = max(1.2 * INCH, 0.32 * INCH * len(rows) + 0.6 * INCH)
        drawing = Drawing(self.width, height)
        chart = HorizontalBarChart()
        chart.x, chart.y = 90, 26
        chart.width, chart.height = self.width - 110, height - 46
        chart.data = [[cash / 100 for _unused, cash, _unused, _unused in rows],
                      [in_kind / 100 for _unused, _unused, in_kind, _unused in rows],
                      [time / 100 for _unused, _unused, _unused, time in rows]]
        chart.categoryAxis.categoryNames = [self.label(vocab.SECTORS, code)
                                            for code, *_unused in rows]
        chart.categoryAxis.style = "stacked"
        chart.categoryAxis.reverseDirection = True  # the first sector on top
        for number, colour in enumerate((colors.Color(*NAVY), TEAL, GOLD)):
            chart.bars[number].fillColor = colour
        chart.bars.strokeColor = None
        chart.valueAxis.valueMin = 0
        chart.valueAxis.labelTextFormat = self._axis_money
        chart.valueAxis.labels.fontName = REGULAR
        chart.valueAxis.labels.fontSize = 7
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = colors.Color(0.88, 0.89, 0.91)
        chart.categoryAxis.labels.fontName = REGULAR
        chart.categoryAxis.labels.fontSize = 8
        drawing.add(chart)
        drawing.add(self._legend(height - 6, [(colors.Color(*NAVY), self.w["cash_short"]),
                                              (TEAL, self.w["in_kind_short"]),
                                              (GOLD, self.w["time_short"])]))
        return drawing

    def _legend(self, y: float, items) -> Legend:
        legend = Legend()
        legend.x, legend.y = self.width - 10, y
        legend.alignment = "right"
        legend.boxAnchor = "ne"
        legend.columnMaximum = 1
        legend.deltax = 70
        legend.dx = legend.dy = 7
        legend.fontName = REGULAR
        legend.fontSize = 8
        legend.colorNamePairs = items
        legend.strokeColor = None
        return legend

    # The reports
