"""The partner directory: active partners with their contact people, phone and email."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import TableStyle

from cars_desktop.core import vocab
from cars_desktop.core.letter_text import written_date
from cars_desktop.documents.scripts import Paragraph


def layout(maker, entries) -> list:
    """Each partner on a line with its own phone and email, then its contact people
    under it, each with theirs: a number is always beside the person it reaches."""
    w = maker.w
    story = maker.opening(written_date(maker.today, maker.lang))
    if not entries:
        return [*story, Paragraph(escape(w["no_partners"]), maker.body)]
    rows, partner_rows = [], []

    def kept(text: str) -> str:  # a phone number never breaks over two lines
        return escape(text).replace(" ", "\u00a0").replace("-", "\u2011")

    for entry in entries:
        partner_rows.append(len(rows) + 1)
        rows.append([
            Paragraph(f"<b>{escape(entry.name)}</b>" + (
                f" — {escape(entry.town)}" if entry.town else ""), maker.cell),
            Paragraph(escape(maker.label(vocab.SECTORS, entry.sector)) + " · " + escape(
                maker.label(vocab.PARTNERSHIP_TYPES, entry.partnership_type)), maker.cell),
            Paragraph(kept(entry.phone), maker.cell), Paragraph(escape(entry.email),
                                                              maker.small_cell)])
        for name, role, phone, email in entry.contacts:
            rows.append([Paragraph("\u2003" + escape(name) + (
                f" <i>({escape(role)})</i>" if role else ""), maker.cell), "",
                Paragraph(kept(phone), maker.cell), Paragraph(escape(email),
                                                             maker.small_cell)])
    table = maker.table([w["partner"] + " / " + w["contacts"].lower(), w["sector"],
                        w["phone"], w["email"]], rows,
                       [maker.width * f for f in (0.35, 0.17, 0.2, 0.28)])
    table.setStyle(TableStyle(  # a line above each partner, no stripes
        [("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white])]
        + [("LINEABOVE", (0, row), (-1, row), 0.4, colors.Color(0.75, 0.77, 0.8))
           for row in partner_rows[1:]]))
    story.append(table)
    return story
