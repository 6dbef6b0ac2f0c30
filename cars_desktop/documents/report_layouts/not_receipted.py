"""Gifts not receipted: the gifts received in a period that have no official receipt, and
why (still to receipt, a service, a platform's own receipt, no address…)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Spacer

from cars_desktop.core.report_text import format_number, period_title, short_date
from cars_desktop.documents.scripts import Paragraph


def layout(maker, data) -> list:
    w, money = maker.w, maker.money
    story = maker.opening(period_title(data.start, data.end, maker.lang))
    if not data.rows:
        return [*story, Paragraph(escape(w["all_receipted"]), maker.body)]
    story += [maker.kpis([(w["not_receipted_total"], format_number(len(data.rows), maker.lang)),
                          (w["amount"], money(data.amount_cents))], columns=3), Spacer(1, 10)]
    rows = [[short_date(day, maker.lang), donor, money(cents) if cents else "", why]
            for day, donor, cents, why in data.rows]
    story.append(maker.table([w["date"], w["donor"], w["amount"], w["why"]], rows,
                             [maker.width * f for f in (0.17, 0.28, 0.14, 0.41)], right={2}))
    return story
