"""The contributions summary: cash, gifts in kind and time in a period, by kind, sector
and month, with the top partners and the period before."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, TableStyle

from cars_desktop.core import vocab
from cars_desktop.core.kinds import kind_of
from cars_desktop.core.letter_text import written_date
from cars_desktop.core.report_text import format_change, format_hours, format_number, period_title
from cars_desktop.documents.letterhead import NAVY
from cars_desktop.documents.scripts import Paragraph


def layout(maker, data) -> list:
    w, money = maker.w, maker.money
    story = maker.opening(period_title(data.start, data.end, maker.lang))
    now, before = data.totals, data.previous
    if not now.gifts and not now.pledged_cents and not now.loans_cents:
        return [*story, maker.nothing()]
    story.append(KeepTogether([maker.kpis([
        (w["cash"], money(now.cash_cents)), maker.in_kind_kpi(now),
        (w["hours"], format_hours(now.minutes, maker.lang)),
        (w["time_value"], money(now.volunteer_value_cents)),
        (w["support"], money(now.support_cents)), (w["pledged"], money(now.pledged_cents)),
        (w["to_come"], money(now.outstanding_cents)),
        (w["givers"], format_number(now.givers, maker.lang))]),
        *maker.notes(now, data.rate_cents)]))
    compared = [
        (w["cash"], now.cash_cents, before.cash_cents, True),
        (w["in_kind"], now.in_kind_cents, before.in_kind_cents, True),
        (w["time_value"], now.volunteer_value_cents, before.volunteer_value_cents, True),
        (w["support"], now.support_cents, before.support_cents, True),
        (w["hours"], now.minutes, before.minutes, False),
        (w["gifts"], now.gifts, before.gifts, False),
        (w["givers"], now.givers, before.givers, False)]
    if now.loans_cents or before.loans_cents:  # apart, never inside cash received
        compared.append((w["loans"], now.loans_cents, before.loans_cents, True))

    def shown(value: int, is_money: bool) -> str:
        if is_money:
            return money(value)
        return format_hours(value, maker.lang) if value and label == w["hours"] else \
            format_number(value, maker.lang)

    rows = []
    for label, value_now, value_before, is_money in compared:
        rows.append([label, shown(value_now, is_money), shown(value_before, is_money),
                     format_change(value_now, value_before, maker.lang)])
    third = maker.width / 5
    before_period = period_title(data.previous_start, data.previous_end, maker.lang)
    story += maker.section(
        w["compared"].format(period=before_period),
        maker.table(["", w["this"], w["before"], w["change"]], rows,
                   [maker.width - 3 * third, third * 1.1, third * 1.1, third * 0.8],
                   right={1, 2, 3}), whole=True)
    if data.first_record and data.previous_start < data.first_record:
        story.append(Paragraph(escape(w["before_records"].format(
            date=written_date(data.first_record, maker.lang))), maker.note))
    chart = maker.month_chart(data.by_month)
    if chart is not None:
        story += maker.section(w["by_month"], chart)
    story += maker.section(w["by_kind"], *_kinds(maker, data.by_kind, data.unvalued_by_kind),
                          whole=True)
    sector_rows = [[maker.label(vocab.SECTORS, sector), money(cash),
                    maker.in_kind(in_kind, data.unvalued_by_sector.get(sector, 0)),
                    money(time), money(cash + in_kind + time)]
                   for sector, cash, in_kind, time in data.by_sector]
    sector_rows.append([w["total"], money(now.cash_cents),
                        maker.in_kind(now.in_kind_cents, now.unvalued_gifts),
                        money(now.volunteer_value_cents), money(now.support_cents)])
    fifth = maker.width / 5
    story += maker.section(w["by_sector"], maker.table(
        [w["sector"], w["cash_short"], w["in_kind_short"], w["time_short"], w["total"]],
        sector_rows, [fifth * 1.2, fifth * 0.95, fifth * 0.95, fifth * 0.95, fifth * 0.95],
        right={1, 2, 3, 4}, total=True), whole=True)
    if data.by_fund:  # where the gifts went, and how far each goal is
        story += maker.section(w["by_fund"], maker.table(
            [w["fund"], w["in_period"], w["goal"], w["toward_goal"]],
            [[name, money(cents), money(goal) if goal else "—",
              f"{money(raised)} ({format_number(raised * 100 // goal, maker.lang)} %)"
              if goal else "—"] for name, cents, goal, raised in data.by_fund],
            [fifth * 1.7, fifth * 1.0, fifth * 1.0, fifth * 1.3], right={1, 2, 3}),
            whole=True)
    top_rows = [[name, maker.label(vocab.SECTORS, sector), money(cash),
                 maker.in_kind(in_kind, unvalued), money(time)]
                for (name, sector, cash, in_kind, time), unvalued
                in zip(data.top_partners, data.top_unvalued, strict=True)]
    story += maker.section(w["top"], maker.table(
        [w["partner"], w["sector"], w["cash_short"], w["in_kind_short"], w["time_short"]],
        top_rows, [fifth * 1.8, fifth * 0.8, fifth * 0.8, fifth * 0.8, fifth * 0.8],
        right={2, 3, 4}), whole=True)
    return story

def _kinds(maker, by_kind, unvalued: dict[str, int]) -> list:
    """Cash kinds, then gifts in kind, each with its subtotal; loans apart, last."""
    w, money = maker.w, maker.money
    rows, bold_rows = [], []
    for family, title in (("cash", w["cash_short"]), ("in_kind", w["in_kind_short"])):
        mine = [r for r in by_kind if r[0] == family and kind_of(r[1]).counts_as_support]
        if not mine:
            continue
        for _unused, kind, count, cents, minutes in mine:
            rows.append([maker.kind_label(family, kind), format_number(count, maker.lang),
                         w["as_time"] if minutes and not cents and kind not in unvalued
                         else maker.in_kind(cents, unvalued.get(kind, 0)),
                         format_hours(minutes, maker.lang) if minutes else ""])
        minutes = sum(r[4] for r in mine)
        bold = [w["subtotal"].format(what=title.lower()),
                format_number(sum(r[2] for r in mine), maker.lang),
                money(sum(r[3] for r in mine)),
                format_hours(minutes, maker.lang) if minutes else ""]
        rows.append([Paragraph(escape(text), maker.cell_head if column == 0
                               else maker.cell_head_right)
                     for column, text in enumerate(bold)])
        bold_rows.append(len(rows))
    loans = [r for r in by_kind if kind_of(r[1]).paid_back]
    if loans:
        rows.append([w["loans"], format_number(sum(r[2] for r in loans), maker.lang),
                     money(sum(r[3] for r in loans)), ""])
    table = maker.table([w["kind"], w["gifts"], w["value"], w["hours_short"]], rows,
                       [maker.width * 0.46, maker.width * 0.14, maker.width * 0.22,
                        maker.width * 0.18], right={1, 2, 3})
    table.setStyle(TableStyle(
        [("LINEABOVE", (0, row), (-1, row), 0.5, colors.Color(*NAVY)) for row in bold_rows]))
    return [table]
