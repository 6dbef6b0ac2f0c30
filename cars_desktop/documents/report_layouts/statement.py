"""A partner's statement: every contribution of one partner in a period, with the totals."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import KeepTogether, Spacer

from cars_desktop.core import vocab
from cars_desktop.core.report_text import format_hours, format_number, period_title, short_date
from cars_desktop.documents.scripts import Paragraph


def layout(maker, data) -> list:
    w, money = maker.w, maker.money
    story = maker.opening(period_title(data.start, data.end, maker.lang))
    address = "<br/>".join(escape(line) for line in [data.name, *data.address])
    story.append(Paragraph(address, maker.body))
    if not data.rows:
        return [*story, Spacer(1, 6), maker.nothing()]
    rows = []
    for day, family, kind, status, what, amount, outstanding, minutes in data.rows:
        state = maker.label(vocab.CONTRIBUTION_STATUSES, status)
        if status == "pledged" and outstanding:
            state += f" ({w['to_come'].lower()} {money(outstanding)})"
        shown = money(amount) if amount else w["not_valued"] if \
            family == "in_kind" and not minutes else ""  # time tells in its own column
        rows.append([short_date(day, maker.lang), maker.kind_label(family, kind), what,
                     state, shown, format_hours(minutes, maker.lang) if minutes else ""])
    story.append(Spacer(1, 6))
    story.append(maker.table(
        [w["date"], w["kind"], w["gift"], w["status"], w["amount"], w["hours_short"]],
        rows, [maker.width * f for f in (0.17, 0.17, 0.28, 0.16, 0.13, 0.09)],
        right={4, 5}))
    totals = data.totals
    story.append(Spacer(1, 10))
    story.append(KeepTogether([maker.kpis([
        (w["cash"], money(totals.cash_cents)), maker.in_kind_kpi(totals),
        (w["time_value"], money(totals.volunteer_value_cents)),
        (w["support"], money(totals.support_cents)),
        (w["hours"], format_hours(totals.minutes, maker.lang)),
        (w["pledged"], money(totals.pledged_cents)),
        (w["to_come"], money(totals.outstanding_cents)),
        (w["gifts"], format_number(totals.gifts, maker.lang))]),
        *maker.notes(totals, data.rate_cents)]))
    return story
