"""The recognition list: every partner who gave in a period, named as each chose, under their
sector or each kind of support they gave. For a newsletter, the annual general meeting or a
poster, so it reads as a thank-you, not as accounts: large names in balanced columns, no
amounts, the anonymous partners counted in one line."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer
from reportlab.platypus.flowables import BalancedColumns, HRFlowable

from cars_desktop.core import vocab
from cars_desktop.core.letter_text import written_date
from cars_desktop.core.report_text import format_number, period_title
from cars_desktop.documents.fonts import BOLD, ITALIC
from cars_desktop.documents.letterhead import INCH, NAVY
from cars_desktop.documents.report_kit import GOLD
from cars_desktop.documents.scripts import Paragraph, text_width

NARROW = 3  # columns of names; fewer when names are long, so few of them wrap
GUTTER = 14  # points between two columns
SHORT_LIST = 6  # rows of names a group may have and still never be split over two pages


def layout(maker, data) -> list:
    w, lang = maker.w, maker.lang
    story = maker.opening(period_title(data.start, data.end, lang))
    if not data.givers:
        return [*story, Paragraph(escape(w["no_one"]), maker.body)]
    styles = _styles(maker)
    count = format_number(data.givers, lang)
    intro = w["thanks_intro_one" if data.givers == 1 else "thanks_intro"].format(
        group=maker.head.name, count=count, start=written_date(data.start, lang),
        end=written_date(data.end, lang))
    story += [Spacer(1, 6), Paragraph(escape(w["thanks"]), styles["headline"]),
              _rule(maker.width * 0.3), Paragraph(escape(intro), styles["intro"])]
    vocabulary = vocab.SECTORS if data.by == "sector" else vocab.SUPPORTS
    # one number of columns for the whole list, so that the names line up from group to group
    columns = _columns(maker, [name for _code, names in data.groups for name in names],
                       styles["name"])
    for code, names in data.groups:
        story += _group(maker, styles, maker.label(vocabulary, code), names, columns)
    ending = [Spacer(1, 14), _rule(maker.width * 0.3),
              Paragraph(escape(w["closing"]), styles["closing"])]
    if data.anonymous:
        one = data.anonymous == 1
        key = ("anonymous_more" if data.named else "anonymous_all") + ("_one" if one else "")
        ending.insert(0, Paragraph(escape(w[key].format(
            count=format_number(data.anonymous, lang))), styles["anonymous"]))
    story.append(KeepTogether(ending))
    return story


def _styles(maker) -> dict[str, ParagraphStyle]:
    navy = colors.Color(*NAVY)
    return {
        "headline": ParagraphStyle("headline", parent=maker.body, fontName=BOLD, fontSize=22,
                                   leading=27, alignment=TA_CENTER, textColor=navy,
                                   spaceBefore=4, spaceAfter=6),
        "intro": ParagraphStyle("intro", parent=maker.body, fontSize=11, leading=15,
                                alignment=TA_CENTER, spaceBefore=6, spaceAfter=10,
                                leftIndent=0.4 * INCH, rightIndent=0.4 * INCH),
        "group": ParagraphStyle("group", parent=maker.heading, fontSize=14, leading=18,
                                spaceBefore=10, spaceAfter=1),
        "name": ParagraphStyle("name", parent=maker.body, fontSize=11, leading=13.5,
                               spaceAfter=2.5, leftIndent=10, firstLineIndent=-10),
        "anonymous": ParagraphStyle("anonymous", parent=maker.body, fontName=ITALIC,
                                    fontSize=11, leading=14, spaceBefore=8),
        "closing": ParagraphStyle("closing", parent=maker.body, fontName=ITALIC, fontSize=13,
                                  leading=17, alignment=TA_CENTER, textColor=navy,
                                  spaceBefore=8),
    }


def _rule(width: float) -> HRFlowable:
    return HRFlowable(width=width, thickness=1.5, color=GOLD, spaceBefore=2, spaceAfter=4,
                      hAlign="CENTER")


def _group(maker, styles, title: str, names: list[str], columns: int) -> list:
    """The group's title, a gold rule under it, then its names in columns read downwards;
    a short group is kept whole on one page."""
    head = [Paragraph(escape(title), styles["group"]),
            HRFlowable(width="100%", thickness=0.6, color=GOLD, spaceBefore=1, spaceAfter=5)]
    paragraphs = [Paragraph(escape(name), styles["name"]) for name in names]
    if columns > 1:
        paragraphs = [BalancedColumns(paragraphs, nCols=columns, leftPadding=0,
                                      rightPadding=0, innerPadding=GUTTER, topPadding=0,
                                      bottomPadding=0)]
    if len(names) <= SHORT_LIST * columns:
        return [KeepTogether([*head, *paragraphs])]
    return [CondPageBreak(1.2 * INCH), *head, *paragraphs]


def _columns(maker, names: list[str], style: ParagraphStyle) -> int:
    """As many columns as the longer names allow without most of them wrapping."""
    widths = sorted(text_width(name, style.fontName, style.fontSize) for name in names)
    if not widths:
        return 1
    typical = widths[max(0, int(len(widths) * 0.9) - 1)]  # a few very long names may wrap
    for columns in range(NARROW, 1, -1):
        if typical <= (maker.width - GUTTER * (columns - 1)) / columns - style.leftIndent:
            return columns
    return 1
