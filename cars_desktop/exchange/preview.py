"""An import's plan as a list for the one table model: every row of the file with what will
happen to it."""

from __future__ import annotations

from cars_desktop.core.money import format_amount, format_money
from cars_desktop.core.text import format_count
from cars_desktop.exchange.plan import (
    ACTIONS,
    DUPLICATE,
    ERROR,
    MATCHED,
    NEAR,
    NEW,
    NOT_GIFT,
    REVERSE,
    SKIPPED,
    WAITING,
    Plan,
)
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store.lists import Column, RecordList, Row

_TONES = {ERROR: "warn", NEAR: "warn", WAITING: "warn", DUPLICATE: "", SKIPPED: "",
          NOT_GIFT: ""}
_ORDER = {ERROR: 0, WAITING: 1, NEAR: 2, NEW: 3, MATCHED: 4, REVERSE: 5, DUPLICATE: 6,
          NOT_GIFT: 7, SKIPPED: 8}


class ImportPreviewList(RecordList):
    in_memory = True
    columns = (
        Column("line", N_("Line"), "right", width=55),
        Column("action", N_("What happens"), width=200),
        Column("partner", N_("Partner"), width=210),
        Column("date", N_("Date"), width=95),
        Column("amount", N_("Amount"), "right", width=95),
        Column("reference", N_("Reference"), width=120),
        Column("why", N_("Why"), width=300),
    )
    sort_key = "line"

    def __init__(self, plan: Plan | None = None) -> None:
        self.plan = plan

    def ids(self) -> list[int]:
        if self.plan is None:
            return []
        numbers = list(range(len(self.plan.rows)))
        rows = self.plan.rows
        key = {"line": lambda n: rows[n].line,
               "action": lambda n: (_ORDER.get(rows[n].shown, 9), rows[n].line),
               "partner": lambda n: (rows[n].partner_name.lower(), rows[n].line),
               "date": lambda n: (str(rows[n].date or ""), rows[n].line),
               "amount": lambda n: (rows[n].amount_cents, rows[n].line),
               "reference": lambda n: (rows[n].reference, rows[n].line),
               "why": lambda n: (rows[n].why, rows[n].line)}[self.sort_key]
        return sorted(numbers, key=key, reverse=self.descending)

    def rows(self, ids: list[int]) -> dict[int, Row]:
        found = {}
        for number in ids:
            row = self.plan.rows[number]
            found[number] = Row(
                number,
                (
                    str(row.line),
                    _(ACTIONS[row.shown]),
                    row.partner_name,
                    f"{row.date:%Y-%m-%d}" if row.date else "",
                    format_money(row.amount_cents) if row.amount_cents else
                    (f"{format_amount(row.original_cents)} {row.original_currency}"
                     if row.original_currency else ""),
                    row.reference,
                    row.why,
                ),
                muted=row.action in (DUPLICATE, SKIPPED, NOT_GIFT),
                tones=("", _TONES.get(row.shown, "good"), "", "", "", "", ""),
                tips=(
                    "",
                    "",
                    row.near_name and _("Close to: {name}").format(name=row.near_name),
                    "",
                    "",
                    "",
                    row.why,
                ),
            )
        return found

    def total(self) -> int:
        return len(self.plan.rows) if self.plan else 0


def summary_parts(plan: Plan, same_as_near: set) -> list[str]:
    """What the preview says above the rows, part by part (simple markup, no file text)."""
    counts = plan.counts()
    writes = counts[NEW] + counts[MATCHED] + counts[NEAR]
    new_partners = len({r.partner_name.lower() for r in plan.rows
                        if r.action == NEW and r.writes}) + \
        len([r for r in plan.rows if r.action == NEAR and r.writes and
             r.key not in same_as_near])
    what = plan.format_name + (f", {plan.table.encoding}" if plan.table.encoding else "")
    rows = len({row.line for row in plan.rows})  # a row may hold two gifts (a match)
    found = [ngettext("{n} row ({what})", "{n} rows ({what})", rows).format(
        n=format_count(rows), what=what)]
    found.append(ngettext("<b>{n} gift to import</b> ({partners})",
                          "<b>{n} gifts to import</b> ({partners})", writes).format(
        n=format_count(writes),
        partners=ngettext("{n} new partner", "{n} new partners", new_partners).format(
            n=format_count(new_partners))))
    if counts[NEAR]:
        found.append(_("{n} with a name close to a known partner: check them").format(
            n=format_count(counts[NEAR])))
    if counts[DUPLICATE]:
        found.append(_("{n} already in the data, skipped").format(
            n=format_count(counts[DUPLICATE])))
    if counts[WAITING]:
        found.append(ngettext(
            "<b>{n} waiting for your answer</b> (select it, then Amount in dollars or Whose "
            "gift)", "<b>{n} waiting for your answer</b> (select them, then Amount in dollars "
            "or Whose gift)", counts[WAITING]).format(n=format_count(counts[WAITING])))
    if counts[REVERSE]:
        found.append(ngettext(
            "{n} cancelling a gift already there (refunded or voided)",
            "{n} cancelling gifts already there (refunded or voided)",
            counts[REVERSE]).format(n=format_count(counts[REVERSE])))
    if counts[NOT_GIFT]:
        found.append(ngettext(
            "{n} line that is not a gift (transfer, fee, pending, refunded)",
            "{n} lines that are not gifts (transfers, fees, pending, refunded)",
            counts[NOT_GIFT]).format(n=format_count(counts[NOT_GIFT])))
    if counts[SKIPPED]:
        found.append(_("{n} skipped").format(n=format_count(counts[SKIPPED])))
    if counts[ERROR]:
        found.append(_("<span style='color:#b00020'>{n} with an error, not imported "
                       "(see Why)</span>").format(n=format_count(counts[ERROR])))
    if plan.needs_date_order:
        found.append(_("<b>The dates could be day first or month first: choose which "
                     "above.</b>"))
    return found
