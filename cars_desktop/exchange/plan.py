"""An import's plan: what will happen to every row of the file. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.exchange.platforms import Format
from cars_desktop.exchange.reader import Table
from cars_desktop.i18n import N_, _

NEW, MATCHED, NEAR, DUPLICATE, ERROR, SKIPPED = (
    "new", "matched", "near", "duplicate", "error", "skipped")
NOT_GIFT, REVERSE, WAITING = "not_gift", "reverse", "waiting"
ACTIONS = {
    NEW: N_("New partner and gift"), MATCHED: N_("Gift from a known partner"),
    NEAR: N_("Gift: is this a known partner?"), WAITING: N_("Waiting for your answer"),
    REVERSE: N_("Cancels a gift already there"), DUPLICATE: N_("Already in the data: skipped"),
    NOT_GIFT: N_("Not a gift: left out"), ERROR: N_("Not imported"),
    SKIPPED: N_("Skipped by you"),
}
WRITES = (NEW, MATCHED, NEAR, REVERSE)


@dataclass(slots=True)
class PlanRow:
    line: int
    action: str
    partner_name: str = ""
    partner_id: int | None = None  # a known partner it goes to
    near_id: int | None = None  # a known partner with a close name, offered
    near_name: str = ""
    date: dt.date | None = None
    amount_cents: int = 0
    reference: str = ""
    why: str = ""
    values: dict = field(default_factory=dict)  # what the row says, by field
    # what a platform says beside the gift
    kind: str = ""  # a contribution kind the platform gives (employee, matching)
    fee_cents: int = 0
    original_currency: str = ""  # the gift was given in another currency…
    original_cents: int = 0  # …this much of it
    tribute: str = ""
    receipt: str = ""
    credit_line: int = -1  # a matching gift: the index in the plan of the gift it matched
    reverses: int | None = None  # a refund: the contribution already there it cancels
    needs: str = ""  # "amount" (in dollars) or "partner" (whose gift): asked in the preview
    sender: str = ""  # a bank's e-Transfer sender, remembered with the partner chosen
    original_fee: int = 0  # a fee in the currency the gift was given in
    lessens: int = 0  # a partial refund: how much less its gift already there becomes

    @property
    def key(self) -> tuple[int, str]:
        """What tells this row from the others, even a second gift on the same line (a
        company's match): its line and its reference."""
        return self.line, self.reference

    @property
    def shown(self) -> str:
        """The action as the preview shows it: waiting while a question is open."""
        return WAITING if self.needs and self.action in WRITES else self.action

    @property
    def writes(self) -> bool:
        return self.action in WRITES and not self.needs


@dataclass
class Answers:
    """What the volunteer said in the preview, by row key: kept through every new plan."""
    skipped: set = field(default_factory=set)
    same_as_near: set = field(default_factory=set)  # the close partner is the same one
    dollars: dict = field(default_factory=dict)  # -> Canadian cents a foreign gift brought
    partners: dict = field(default_factory=dict)  # -> (partner id, name) whose gift it is


@dataclass
class Plan:
    file_name: str
    table: Table
    mapping: list[str]
    file_format: Format | None
    date_order: str  # "ymd", "dmy" or "mdy"
    rows: list[PlanRow] = field(default_factory=list)
    needs_date_order: bool = False  # dates like 03/04/2026: ask once for the file
    file_totals: dict = field(default_factory=dict)  # what a report's trailer says
    totals_note: str = ""  # do the rows agree with the file's own totals?

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            found[row.shown] += 1
        return found

    @property
    def format_name(self) -> str:
        return _(self.file_format.name if self.file_format else
                 "Spreadsheet (columns as chosen)")
