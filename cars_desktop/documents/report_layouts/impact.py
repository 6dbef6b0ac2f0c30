"""The community impact report, for grant applications: all the support partners gave, by
sector, and how long partnerships last."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import KeepTogether, Spacer

from cars_desktop.core import vocab
from cars_desktop.core.money import format_money
from cars_desktop.core.report_text import format_number, period_title, short_date
from cars_desktop.documents.scripts import Paragraph

NEW_LISTED = 30  # new partners named in the report; the rest are counted


def layout(maker, data) -> list:
    w, money = maker.w, maker.money
    story = maker.opening(period_title(data.start, data.end, maker.lang))
    now = data.totals
    if not now.gifts:
        return [*story, maker.nothing()]
    story.append(KeepTogether([maker.kpis([
        (w["support"], money(now.support_cents)), (w["cash"], money(now.cash_cents)),
        maker.in_kind_kpi(now), (w["time_value"], money(now.volunteer_value_cents))]),
        *maker.notes(now, data.rate_cents)]))
    story.append(Spacer(1, 8))
    if data.leverage is None:
        lead = w["no_cash"] if now.support_cents else w["nothing"]
    else:
        lead = w["leverage"].format(amount=format_money(round(data.leverage * 100),
                                                        maker.lang))
    story.append(Paragraph(f"<b>{escape(lead)}</b>", maker.body))
    rows = [[maker.label(vocab.SECTORS, sector), money(cash),
             maker.in_kind(in_kind, data.unvalued_by_sector.get(sector, 0)), money(time),
             money(cash + in_kind + time), format_number(active, maker.lang)]
            for sector, cash, in_kind, time, active in data.by_sector]
    rows.append([w["total"], money(now.cash_cents),
                 maker.in_kind(now.in_kind_cents, now.unvalued_gifts),
                 money(now.volunteer_value_cents), money(now.support_cents),
                 format_number(now.givers, maker.lang)])
    sixth = maker.width / 6
    story += maker.section(
        w["support_by_sector"],
        maker.sector_chart([(sector, cash, in_kind, time)
                           for sector, cash, in_kind, time, _unused in data.by_sector]),
        Spacer(1, 6),
        maker.table([w["sector"], w["cash_short"], w["in_kind_short"], w["time_short"],
                    w["total"], w["active"]], rows,
                   [sixth * 1.3, sixth, sixth, sixth * 0.9, sixth, sixth * 0.8],
                   right={1, 2, 3, 4, 5}, total=True))
    if data.matching_gifts:
        matching = w["matching_one" if data.matching_gifts == 1 else "matching_text"].format(
            count=format_number(data.matching_gifts, maker.lang),
            amount=money(data.matching_cents))
    else:
        matching = w["no_matching"]
    story += maker.section(w["matching"], Paragraph(escape(matching), maker.body),
                          whole=True)
    length_rows = [[w[code], format_number(count, maker.lang)]
                   for code, count in data.lengths]
    story += maker.section(w["lengths"], maker.table(
        ["", w["partners"]], length_rows, [maker.width * 0.45, maker.width * 0.2],
        right={1}), whole=True)
    if data.new_partners:
        # a grant form wants how many and from where; a long list would bury that
        counts: dict[str, int] = {}
        for _unused, sector, _unused in data.new_partners:
            counts[sector] = counts.get(sector, 0) + 1
        by_sector = ", ".join(f"{maker.label(vocab.SECTORS, sector)} "
                              f"{format_number(count, maker.lang)}"
                              for sector, count in sorted(counts.items()))
        listed = data.new_partners[-NEW_LISTED:]  # the most recent
        new_rows = [[name, maker.label(vocab.SECTORS, sector),
                     short_date(since, maker.lang)] for name, sector, since in listed]
        more = [Paragraph(escape(w["new_more"].format(
            shown=format_number(len(listed), maker.lang))), maker.note)] \
            if len(listed) < len(data.new_partners) else []
        story += maker.section(
            w["new"], Paragraph(escape(w[
                "new_count_one" if len(data.new_partners) == 1 else "new_count"].format(
                count=format_number(len(data.new_partners), maker.lang),
                sectors=by_sector)), maker.body),
            maker.table([w["partner"], w["sector"], w["since"]], new_rows,
                       [maker.width * 0.5, maker.width * 0.22, maker.width * 0.28]), *more)
    else:
        story += maker.section(w["new"], Paragraph(escape(w["no_new"]), maker.body))
    return story
