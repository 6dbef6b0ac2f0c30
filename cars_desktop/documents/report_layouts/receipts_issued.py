"""Receipts issued: the official receipts of a period, those cancelled and what replaced them."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Spacer

from cars_desktop.core.report_text import format_number, period_title, short_date
from cars_desktop.documents.scripts import Paragraph


def layout(maker, data) -> list:
    w, money = maker.w, maker.money
    story = maker.opening(period_title(data.start, data.end, maker.lang))
    if not data.rows:
        return [*story, Paragraph(escape(w["no_receipts"]), maker.body)]
    story += [maker.kpis([(w["receipts_figures"], format_number(data.issued, maker.lang)),
                          (w["receipts_cancelled"], format_number(data.cancelled, maker.lang)),
                          (w["receipts_total"], money(data.eligible_cents))], columns=3),
              Spacer(1, 10)]
    rows = []
    for serial, issued_on, donor, cancelled_on, cents, replaces in data.rows:
        notes = [w["cancelled_on"].format(date=short_date(cancelled_on, maker.lang))
                 if cancelled_on else "", w["replaces"].format(serial=replaces)
                 if replaces else ""]
        rows.append([serial, short_date(issued_on, maker.lang), donor, money(cents),
                     "; ".join(note for note in notes if note)])
    story.append(maker.table([w["receipt"], w["issued_on"], w["donor"], w["eligible"],
                              w["receipt_note"]], rows,
                             [maker.width * f for f in (0.14, 0.14, 0.34, 0.16, 0.22)],
                             right={3}))
    return story
