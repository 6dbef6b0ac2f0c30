"""Thank-you letters as one PDF: the group's letterhead, the recipient's address where a window
envelope shows it, the body, and a signature block that stays with the last lines."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from cars_desktop.core.letter_text import (
    CONTINUED,
    GIFT_LIST_HEADINGS,
    GIFT_TABLE,
    NOT_A_RECEIPT,
    TOTAL_LABEL,
    Letter,
    written_date,
)
from cars_desktop.documents.fonts import BOLD, ITALIC, REGULAR
from cars_desktop.documents.letterhead import (
    GREY,
    INCH,
    MM,
    NAVY,
    draw_letterhead,
    fitted,
    load_logo,
)
from cars_desktop.documents.output import Cancelled, write_whole
from cars_desktop.documents.scripts import (
    Paragraph,
    draw_line,
    register_script_fonts,
    split_lines,
)

__all__ = ["Cancelled", "write_letters"]


@dataclass(frozen=True)
class Page:
    """Where things go on a sheet. Sizes are in points (1/72 inch)."""
    width: float
    height: float
    margin: float
    address_left: float  # the envelope window
    address_top: float  # from the top of the sheet
    address_width: float
    body_top: float  # where the letter's text starts on its first page


# A #10 window envelope shows the block 2 in from the top and 7/8 in from the left of a sheet
# folded in three; DIN 5008 puts it 45 mm down and 20 mm in on A4 for a DL envelope.
PAGES = {
    "letter": Page(8.5 * INCH, 11 * INCH, 1.0 * INCH, 1.0 * INCH, 2.05 * INCH, 3.9 * INCH,
                   3.35 * INCH),
    "a4": Page(210 * MM, 297 * MM, 25 * MM, 25 * MM, 50 * MM, 80 * MM, 92 * MM),
}

CHARITY = {"en": "Registered charity {}", "fr": "Organisme de bienfaisance enregistré {}"}


def write_letters(letters: list[Letter], head, path: str | os.PathLike, today,
                  progress: Callable[[int, int], bool] | None = None,
                  starts: list[int] | None = None) -> int:
    """Write every letter into one PDF at `path`, one letter per page (or more when long).
    `head` is a `store.letters.Letterhead`. `progress(done, total)` may return False to stop:
    then `Cancelled` is raised. The file appears whole or not at all. Returns the page count;
    `starts`, when given, receives the page each letter starts on (from 1)."""
    if not letters:
        raise ValueError("There are no letters to make.")
    register_script_fonts()
    page = PAGES.get(head.options.paper, PAGES["letter"])

    def write(partial: str) -> int:
        maker = _LetterMaker(head, page, today, letters, progress)
        maker.starts = starts if starts is not None else []
        doc = BaseDocTemplate(partial, pagesize=(page.width, page.height),
                              pageTemplates=maker.templates(),
                              title="Thank-you letters" if letters[0].language != "fr"
                              else "Lettres de remerciement",
                              author=head.name, creator="CARS Desktop", subject="",
                              leftMargin=page.margin, rightMargin=page.margin)
        doc.build(maker.story())
        return doc.page

    return write_whole(path, write)


class _LetterMaker:
    def __init__(self, head, page: Page, today, letters: list[Letter],
                 progress: Callable[[int, int], bool] | None):
        self.head, self.page, self.today, self.letters = head, page, today, letters
        self.progress = progress
        self.current: Letter | None = None
        self.done = 0
        self.starts: list[int] = []
        self.body = ParagraphStyle("body", fontName=REGULAR, fontSize=10.5, leading=14.5,
                                   spaceAfter=9, alignment=TA_LEFT)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8.5, leading=11,
                                    spaceAfter=0, textColor=GREY)
        self.note = ParagraphStyle("note", parent=self.small, fontName=ITALIC)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=9.5, leading=12,
                                   spaceAfter=0)
        self.logo = load_logo(self.head.logo)

    # Page templates

    def templates(self):
        page = self.page
        bottom = 0.9 * INCH
        first = Frame(page.margin, bottom, page.width - 2 * page.margin,
                      page.height - page.body_top - bottom, id="first", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(page.margin, bottom, page.width - 2 * page.margin,
                      page.height - 1.15 * INCH - bottom, id="later", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        return [PageTemplate("first", [first], onPageEnd=self._first_page),
                PageTemplate("later", [later], onPageEnd=self._later_page)]

    def _first_page(self, canvas, doc) -> None:
        letter = self.current
        self._letterhead(canvas)
        self._address(canvas, letter.address)
        page = self.page
        canvas.setFont(REGULAR, 10.5)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawRightString(page.width - page.margin, page.height - page.address_top - 10.5,
                               written_date(self.today, letter.language))
        self._footer(canvas, letter.language)

    def _later_page(self, canvas, doc) -> None:
        letter = self.current
        page = self.page
        canvas.setFont(REGULAR, 8.5)
        canvas.setFillColorRGB(*GREY)
        top = page.height - 0.7 * INCH
        half = (page.width - 2 * page.margin) / 2 - 6
        draw_line(canvas, page.margin, top, fitted(
            f"{letter.partner_name} — {written_date(self.today, letter.language)}",
            REGULAR, 8.5, half, 8.5)[0], REGULAR, 8.5)
        draw_line(canvas, page.width - page.margin, top, fitted(
            f"{self.head.name} ({CONTINUED[letter.language]})", REGULAR, 8.5, half, 8.5)[0],
            REGULAR, 8.5, "right")
        canvas.setStrokeColorRGB(0.75, 0.75, 0.78)
        canvas.setLineWidth(0.5)
        canvas.line(page.margin, top - 6, page.width - page.margin, top - 6)
        self._footer(canvas, letter.language)

    def _letterhead(self, canvas) -> None:
        page = self.page
        draw_letterhead(canvas, self.head, page.width, page.height, page.margin, self.logo)

    def _address(self, canvas, lines: list[str]) -> None:
        page = self.page
        canvas.setFillColorRGB(0, 0, 0)
        size = 10.5
        canvas.setFont(REGULAR, size)
        wrapped = [part for line in lines
                   for part in split_lines(line, REGULAR, size, page.address_width) or [""]]
        if len(wrapped) > 6:  # more does not fit the window: the last line says so
            wrapped = wrapped[:5] + [fitted(" ".join(wrapped[5:]), REGULAR, size,
                                            page.address_width, size)[0]]
        baseline = page.height - page.address_top - size
        for line in wrapped:
            draw_line(canvas, page.address_left, baseline, line, REGULAR, size)
            baseline -= size * 1.25

    def _footer(self, canvas, lang: str) -> None:
        if not self.head.charity_number:
            return
        canvas.setFont(REGULAR, 8)
        canvas.setFillColorRGB(*GREY)
        canvas.drawCentredString(self.page.width / 2, 0.5 * INCH,
                                 CHARITY[lang].format(self.head.charity_number))

    # The story: every letter's flowables, one after the other

    def story(self) -> list:
        story: list = []
        for number, letter in enumerate(self.letters):
            if number:
                story += [NextPageTemplate("first"), PageBreak()]
            story += [_Start(self, letter), NextPageTemplate("later")]
            body = [part for text in letter.paragraphs for part in self._block(text, letter)]
            closing = body[-2:] if len(body) > 2 else body
            story += body[:len(body) - len(closing)]
            ending = [*closing, Spacer(1, 0.5 * INCH), *self._signature(letter)]
            story.append(KeepTogether(ending))
        return story

    def _block(self, text: str, letter: Letter):
        if text is GIFT_TABLE:
            return self._gift_table(letter)
        return [Paragraph(escape(text).replace("\n", "<br/>"), self.body)]

    def _signature(self, letter: Letter) -> list:
        head = self.head
        lines = [f"<b>{escape(head.signatory_name)}</b>" if head.signatory_name else "",
                 escape(head.title_in(letter.language)), escape(head.name)]
        block = [Paragraph("<br/>".join(line for line in lines if line), self.body)]
        if head.options.not_a_receipt:
            block += [Spacer(1, 6), Paragraph(escape(NOT_A_RECEIPT[letter.language]), self.note)]
        if letter.receipt_note:
            block += [Spacer(1, 3 if head.options.not_a_receipt else 6),
                      Paragraph(escape(letter.receipt_note), self.note)]
        return block

    def _gift_table(self, letter: Letter):
        width = self.page.width - 2 * self.page.margin
        # Dates, amounts and headings are our own short words: plain cells, much quicker to lay
        # out than paragraphs. What was given is the volunteer's text: it wraps, in any script.
        rows = [list(GIFT_LIST_HEADINGS[letter.language])]
        rows += [[day, Paragraph(escape(what), self.cell), amount]
                 for day, what, amount in letter.gifts]
        counted = any(amount for _unused, _unused, amount in letter.gifts)
        if counted:
            rows.append([TOTAL_LABEL[letter.language], "", letter.total])
        table = Table(rows, colWidths=[1.55 * INCH, width - 2.75 * INCH, 1.2 * INCH],
                      repeatRows=1, hAlign="LEFT")
        gifts_end = len(rows) - 2 if counted else len(rows) - 1  # the last gift's row
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),  # Table's own default is Helvetica
            ("FONTSIZE", (0, 0), (-1, -1), self.cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), self.cell.leading),
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            *([("FONTNAME", (0, -1), (-1, -1), BOLD)] if counted else []),
            ("ALIGN", (2, 0), (2, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
            ("LINEBELOW", (0, gifts_end), (-1, gifts_end), 0.8, NAVY),
            ("ROWBACKGROUNDS", (0, 1), (-1, gifts_end), [(1, 1, 1), (0.95, 0.96, 0.97)]),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]))
        after = [Spacer(1, 3), Paragraph(escape(letter.total_note), self.note)] \
            if letter.total_note else []
        return [table, *after, Spacer(1, 10)]  # a long table flows on to the next page


class _Start(Flowable):
    """Takes no room; marks where a letter begins, so that its pages know whom they are for,
    and counts progress."""

    def __init__(self, maker: _LetterMaker, letter: Letter):
        super().__init__()
        self.maker, self.letter = maker, letter

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        maker = self.maker
        maker.current = self.letter
        maker.done += 1
        maker.starts.append(self.canv.getPageNumber())
        if maker.progress and maker.progress(maker.done, len(maker.letters)) is False:
            raise Cancelled()
