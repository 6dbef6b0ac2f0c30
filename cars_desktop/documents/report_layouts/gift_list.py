"""The gift list: every gift received in a period, one line each, by date or under each
partner with their subtotal; then the totals by kind of contribution, cash and in kind apart,
and what was left out. For the treasurer and the board, so it reads as accounts: dates,
references, amounts, and whether each gift was thanked."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table, TableStyle

from cars_desktop.core import vocab
from cars_desktop.core.report_text import (
    format_hours,
    format_number,
    period_title,
    short_date,
    unvalued_text,
)
from cars_desktop.documents.fonts import BOLD, REGULAR
from cars_desktop.documents.letterhead import NAVY
from cars_desktop.documents.long_table import GROUP, ROW, LongTable, Rows
from cars_desktop.documents.reading_order import latin_only
from cars_desktop.documents.report_kit import CELL_MAX
from cars_desktop.documents.scripts import Paragraph
from cars_desktop.store.gift_list import Sums

WORDS = {
    "en": {
        "count": "from {partners}", "one_gift": "{n} gift", "many_gifts": "{n} gifts",
        "one_partner": "{n} partner", "many_partners": "{n} partners",
        "kind_of": "Cash / in kind", "payment": "Payment", "thanked": "Thanked",
        "not_yet": "Not yet", "est": "est.", "cheque": "{method} no. {reference}",
        "hour": "{n} hour", "hours": "{n} hours", "grand_total": "Total of the gifts",
        "totals": "Totals by kind of contribution", "totals_by": "Totals {by}",
        "cash_gifts": "Cash", "in_kind_gifts": "In kind (estimated value)",
        "legend": "Gifts in kind are listed at their estimated value, as recorded, marked "
                  "“est.”.",
        "left_out": "Not listed: pledges not yet received ({pledges}) and cancelled "
                    "contributions ({cancelled}).",
        "left_out_loans": "Not listed: pledges not yet received ({pledges}), cancelled "
                          "contributions ({cancelled}) and loans, which are paid back "
                          "({loans}).",
        "none": "none", "to_come": "{count}, {amount} still to come",
        "counted": "{count}, {amount}",
        "no_gifts": "No gift was received in this period.", "continued": "{title} (continued)",
        "no_fund": "No fund or campaign",
    },
    "fr": {
        "count": "de {partners}", "one_gift": "{n} don", "many_gifts": "{n} dons",
        "one_partner": "{n} partenaire", "many_partners": "{n} partenaires",
        "kind_of": "Argent / nature", "payment": "Paiement", "thanked": "Remercié",
        "not_yet": "Pas encore", "est": "estim.", "cheque": "{method} nº {reference}",
        "hour": "{n} heure", "hours": "{n} heures", "grand_total": "Total des dons",
        "totals": "Totaux par type de contribution", "totals_by": "Totaux {by}",
        "cash_gifts": "Argent", "in_kind_gifts": "En nature (valeur estimée)",
        "legend": "Les dons en nature figurent à leur valeur estimée, telle qu'inscrite, "
                  "marquée «\u00a0estim.\u00a0».",
        "left_out": "Ne figurent pas ici\u00a0: les promesses pas encore reçues ({pledges}) et "
                    "les contributions annulées ({cancelled}).",
        "left_out_loans": "Ne figurent pas ici\u00a0: les promesses pas encore reçues "
                          "({pledges}), les contributions annulées ({cancelled}) et les prêts, "
                          "qui sont remboursés ({loans}).",
        "none": "aucune", "to_come": "{count}, {amount} à venir",
        "counted": "{count}, {amount}",
        "no_gifts": "Aucun don reçu pendant cette période.", "continued": "{title} (suite)",
        "no_fund": "Aucun fonds ni campagne",
    },
}
# a cell's line is 1.2 times its size: ReportLab splits a row taller than a page so
FONT_SIZE, LEADING, PAD = 8, 9.6, 3
# each column's share of the width: date, partner, kind, cash or in kind, payment, amount,
# thanked; grouped by partner, the partner's column is left out (it heads each group)
SHARES = {"date": (64, 100, 78, 46, 78, 74, 64), "partner": (64, 122, 48, 130, 76, 64)}


def layout(maker, data) -> list:
    w = {**maker.w, **WORDS["fr" if maker.lang == "fr" else "en"]}
    story = maker.opening(period_title(data.start, data.end, maker.lang))
    sums = data.sums
    if not sums.gifts:
        return [*story, Paragraph(escape(w["no_gifts"]), maker.body), _left_out(maker, w, data)]
    story += [maker.kpis([
        (w["gifts"], format_number(sums.gifts, maker.lang), _count(maker, w, data.partners)),
        (maker.w["cash"], maker.money(sums.cash_cents)), _in_kind_kpi(maker, w, sums),
        (w["grand_total"], maker.money(sums.total_cents))]),
        Spacer(1, 4), _left_out(maker, w, data), Paragraph(escape(w["legend"]), maker.note),
        Spacer(1, 8)]
    story += _list(maker, w, data)
    story += maker.section(w["totals"], _totals(maker, w, data), whole=True)
    if data.group_totals:
        from cars_desktop.documents.reports import GIFT_GROUPINGS

        story += maker.section(w["totals_by"].format(
            by=maker.label(GIFT_GROUPINGS, data.by).lower()), _group_totals(maker, w, data))
    return story


def _count(maker, w, partners: int) -> str:
    return w["count"].format(partners=w["one_partner" if partners == 1 else "many_partners"]
                             .format(n=format_number(partners, maker.lang)))


def _in_kind_kpi(maker, w, sums) -> tuple[str, str, str]:
    more = unvalued_text(sums.unvalued, maker.lang, True) if sums.unvalued else ""
    return maker.w["in_kind"], maker.money(sums.in_kind_cents), more


def _left_out(maker, w, data) -> Paragraph:
    def told(left, key="counted") -> str:
        if not left.count:
            return w["none"]
        return w[key].format(count=format_number(left.count, maker.lang),
                             amount=maker.money(left.cents))

    text = w["left_out_loans" if data.loans.count else "left_out"].format(
        pledges=told(data.pledges, "to_come"), cancelled=told(data.cancelled),
        loans=told(data.loans))
    return Paragraph(escape(text), maker.note)


# The list


class _Cells:
    """Table cells, made as fast as a long list needs: a line of Latin letters is plain
    text, broken into lines where it is too long (drawn as is); text in another script, or a
    word wider than its column, a paragraph that finds each word its font and breaks it."""

    def __init__(self, maker, widths: list[float]) -> None:
        from reportlab.lib.styles import ParagraphStyle

        self.room = [width - 2 * PAD for width in widths]
        self.styles = {(bold, right): ParagraphStyle(
            f"gift-{bold}-{right}", parent=maker.cell_right if right else maker.cell,
            fontName=BOLD if bold else REGULAR, fontSize=FONT_SIZE, leading=LEADING)
            for bold in (False, True) for right in (False, True)}
        self.known: dict[tuple, str] = {}  # dates, kinds, amounts come back again and again

    def __call__(self, text: str, column: int, bold: bool = False, right: bool = False,
                 room: float | None = None):
        font, room = BOLD if bold else REGULAR, room or self.room[column]
        known = self.known.get((text, font, room))
        if known is not None:
            return known
        if len(text) > CELL_MAX:  # text entered before there was a limit: a cell, not a page
            text = text[:CELL_MAX] + "…"
        if latin_only(text):
            lines = [text] if stringWidth(text, font, FONT_SIZE) <= room else \
                simpleSplit(text, font, FONT_SIZE, room)
            if len(lines) == 1 or all(stringWidth(line, font, FONT_SIZE) <= room
                                      for line in lines):
                self.known[text, font, room] = "\n".join(lines)
                return self.known[text, font, room]
        return Paragraph(escape(text).replace("\n", "<br/>"), self.styles[bold, right])


def _list(maker, w, data) -> list:
    grouped, by_partner = data.by != "date", data.by == "partner"  # a heading per group
    shares = SHARES["partner" if by_partner else "date"]
    widths = [maker.width * share / sum(shares) for share in shares]
    cell = _Cells(maker, widths)
    amount = len(widths) - 2  # the amount's column
    header = [w["date"], *([] if by_partner else [w["partner"]]), w["kind"], w["kind_of"],
              w["payment"], w["amount"], w["thanked"]]
    head = [cell(text, column, bold=True, right=column == amount)
            for column, text in enumerate(header)]
    rows, marks, titles = [], [], {}
    for group in data.groups:
        if grouped:
            titles[len(rows)] = group.title or w["no_fund"]
            rows.append(_group_row(maker, w, cell, group, widths, amount))
            marks.append(GROUP)
        for gift in group.gifts:
            rows.append(_gift_row(maker, w, cell, gift, by_partner))
            marks.append(ROW)

    def continued(heading: int) -> list:
        title = w["continued"].format(title=titles[heading])
        return [cell(title, 0, bold=True, room=sum(widths[:amount]) - 2 * PAD),
                *[""] * (len(widths) - 1)]

    return [LongTable(Rows(head, rows, marks, widths, amount, FONT_SIZE, LEADING, PAD,
                           continued))]


def _group_row(maker, w, cell, group, widths, amount) -> list:
    count = w["one_gift" if group.sums.gifts == 1 else "many_gifts"].format(
        n=format_number(group.sums.gifts, maker.lang))
    title = cell(f"{group.title or w['no_fund']} · {count}", 0, bold=True,
                 room=sum(widths[:amount]) - 2 * PAD)
    return [title, *[""] * (amount - 1), _shown(maker, w, group.sums), ""]


def _shown(maker, w, sums) -> str:
    """What a gift or a group gave, in the amount's column: cash, and apart the estimated
    value in kind; else the hours given, or "not valued"."""
    parts = [maker.money(sums.cash_cents)] if sums.cash_cents else []
    if sums.in_kind_cents:
        parts.append(f"{maker.money(sums.in_kind_cents)} {w['est']}")
    if not parts and sums.minutes:
        parts.append(w["hour" if sums.minutes == 60 else "hours"].format(
            n=format_hours(sums.minutes, maker.lang)))
    if not parts:
        parts.append(maker.w["not_valued"] if sums.unvalued else maker.money(0))
    return "\n".join(parts)


def _gift_row(maker, w, cell, gift, by_partner: bool) -> list:
    lang = maker.lang
    method = maker.label(vocab.PAYMENT_METHODS, gift.method) if gift.method else ""
    if gift.reference:
        method = w["cheque"].format(method=method, reference=gift.reference) \
            if gift.method == "cheque" else f"{method} {gift.reference}".strip()
    sums = Sums()
    sums.add(gift)
    texts = [short_date(gift.day, lang), *([] if by_partner else [gift.partner]),
             maker.kind_label(gift.family, gift.kind),
             maker.w["cash_short"] if gift.family == "cash" else maker.w["in_kind_short"],
             method, _shown(maker, w, sums),
             short_date(gift.thanked_on, lang) if gift.thanked_on else w["not_yet"]]
    amount = len(texts) - 2
    return [cell(text, column, right=column == amount) for column, text in enumerate(texts)]


# The totals


def _totals(maker, w, data) -> Table:
    money, lang = maker.money, maker.lang
    rows, bold = [], []
    minutes = any(sums.minutes for sums in data.by_kind.values())
    for family, title, total in (("cash", w["cash_gifts"], data.sums.cash_cents),
                                 ("in_kind", w["in_kind_gifts"], data.sums.in_kind_cents)):
        mine = [(kind, sums) for (fam, kind), sums in data.by_kind.items() if fam == family]
        if not mine:
            continue
        for kind, sums in mine:
            rows.append([maker.kind_label(family, kind), format_number(sums.gifts, lang),
                         money(sums.cash_cents) if family == "cash" else
                         "—" if sums.minutes and not sums.total_cents and not sums.unvalued
                         else maker.in_kind(sums.in_kind_cents, sums.unvalued),
                         format_hours(sums.minutes, lang) if sums.minutes else ""])
        count = sum(sums.gifts for _kind, sums in mine)
        hours = sum(sums.minutes for _kind, sums in mine)
        rows.append([w["subtotal"].format(what=title.lower()), format_number(count, lang),
                     money(total), format_hours(hours, lang) if hours else ""])
        bold.append(len(rows))
    sums = data.sums
    rows.append([w["grand_total"], format_number(sums.gifts, lang), money(sums.total_cents),
                 format_hours(sums.minutes, lang) if sums.minutes else ""])
    header = [w["kind"], w["gifts"], w["amount"], w["hours_short"]]
    shares = [0.5, 0.14, 0.2, 0.16] if minutes else [0.6, 0.16, 0.24]
    if not minutes:
        header, rows = header[:3], [row[:3] for row in rows]
    table = maker.table(header, [[_bold(maker, value, column) if number + 1 in bold else value
                                  for column, value in enumerate(row)]
                                 for number, row in enumerate(rows)],
                        [maker.width * share for share in shares], right={1, 2, 3},
                        total=True)
    table.setStyle(TableStyle([("LINEABOVE", (0, row), (-1, row), 0.5, colors.Color(*NAVY))
                               for row in bold]))
    return table


def _bold(maker, value, column: int):
    if not isinstance(value, str):
        return value
    return Paragraph(escape(value), maker.cell_head if column == 0 else maker.cell_head_right)


def _group_totals(maker, w, data) -> Table:
    """Each group's gifts, cash and value in kind: for groupings of a few groups (a fund)."""
    money, lang = maker.money, maker.lang
    rows = [[group.title or w["no_fund"], format_number(group.sums.gifts, lang),
             money(group.sums.cash_cents),
             maker.in_kind(group.sums.in_kind_cents, group.sums.unvalued),
             money(group.sums.total_cents)] for group in data.groups]
    sums = data.sums
    rows.append([w["grand_total"], format_number(sums.gifts, lang), money(sums.cash_cents),
                 maker.in_kind(sums.in_kind_cents, sums.unvalued), money(sums.total_cents)])
    return maker.table(["", w["gifts"], w["cash_short"], w["in_kind_short"], w["total"]], rows,
                       [maker.width * share for share in (0.36, 0.1, 0.18, 0.18, 0.18)],
                       right={1, 2, 3, 4}, total=True)
