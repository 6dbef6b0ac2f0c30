"""An import's plan as a list for the one table model: every row of the file with what will
happen to it."""

from __future__ import annotations

from cars_desktop.core.money import format_money
from cars_desktop.exchange.importer import ACTIONS, DUPLICATE, ERROR, NEAR, SKIPPED, Plan
from cars_desktop.i18n import N_, _
from cars_desktop.store.lists import Column, RecordList, Row

_TONES = {ERROR: "warn", NEAR: "warn", DUPLICATE: "", SKIPPED: ""}
_ORDER = {ERROR: 0, NEAR: 1, "new": 2, "matched": 3, DUPLICATE: 4, SKIPPED: 5}


class ImportPreviewList(RecordList):
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
               "action": lambda n: (_ORDER.get(rows[n].action, 9), rows[n].line),
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
                    _(ACTIONS[row.action]),
                    row.partner_name,
                    f"{row.date:%Y-%m-%d}" if row.date else "",
                    format_money(row.amount_cents) if row.amount_cents else "",
                    row.reference,
                    row.why,
                ),
                muted=row.action in (DUPLICATE, SKIPPED),
                tones=("", _TONES.get(row.action, "good"), "", "", "", "", ""),
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
