"""Bank deposits: the cheques and cash of one trip to the bank, entered together with a running
total to check against the deposit slip, kept, and their gifts found by it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cars_desktop.core import validation
from cars_desktop.core.money import MoneyError, format_money, parse_money
from cars_desktop.core.text import clean
from cars_desktop.core.validation import LINE_MAX, ValidationError
from cars_desktop.i18n import _
from cars_desktop.store import contributions
from cars_desktop.store.database import transaction
from cars_desktop.store.models import Contribution, Deposit, Partner, db


@dataclass(frozen=True)
class DepositLine:
    """A cheque or cash gift of the deposit, as typed."""
    partner_id: int
    partner_name: str
    payment_method: str  # vocab.PAYMENT_METHODS
    reference: str  # the cheque's number
    amount_cents: int
    purpose: str = ""
    fund_id: int | None = None
    pledge_id: int | None = None  # the pledge it pays toward


def check_line(values: Mapping[str, Any], day: dt.date) -> DepositLine:
    """One line, checked as the contribution window checks a gift; `ValidationError` names
    each wrong field (partner_id, amount_cents, reference…)."""
    cleaned = validation.validate_contribution({
        "family": "cash", "kind": "one_time", "status": "received", "date": day,
        **{name: values.get(name) for name in ("partner_id", "payment_method", "reference",
                                               "amount", "purpose", "fund_id", "pledge_id")}})
    return DepositLine(cleaned["partner_id"], Partner.get_by_id(cleaned["partner_id"]).name,
                       cleaned["payment_method"], cleaned["reference"],
                       cleaned["amount_cents"], cleaned["purpose"], cleaned["fund_id"],
                       cleaned["pledge_id"])


def slip_cents(text: str) -> int:
    """The deposit slip's total as typed (empty: not given)."""
    if not clean(text or ""):
        return 0
    try:
        return parse_money(text)
    except MoneyError as err:
        raise ValidationError({"slip": str(err)}) from None


def difference_said(lines_cents: int, slip: int) -> str:
    """The running total against the slip, in words."""
    total = format_money(lines_cents)
    if not slip:
        return _("Total {total}").format(total=total)
    if lines_cents == slip:
        return _("Total {total}: the same as the deposit slip ✓").format(total=total)
    gap = format_money(abs(slip - lines_cents))
    return (_("Total {total}: {gap} less than the deposit slip's {slip}") if lines_cents < slip
            else _("Total {total}: {gap} more than the deposit slip's {slip}")).format(
        total=total, gap=gap, slip=format_money(slip))


def save_deposit(day: dt.date, lines: list[DepositLine], slip: int = 0, account: str = "",
                 notes: str = "") -> int:
    """The deposit and one received cash gift per line, all or nothing; returns its id."""
    if not lines:
        raise ValidationError({"lines": _("Add the cheques and cash of the deposit first.")})
    if len(clean(account)) > LINE_MAX:
        raise ValidationError({"account": _("An account's name holds {most} characters at "
                                            "most.").format(most=LINE_MAX)})
    with transaction():
        deposit = Deposit.create(date=day, slip_cents=slip, account=clean(account),
                                 notes=notes.strip())
        for line in lines:
            gift = contributions.save_contribution({
                "partner_id": line.partner_id, "family": "cash", "kind": "one_time",
                "status": "received", "date": day, "amount": line.amount_cents,
                "payment_method": line.payment_method, "reference": line.reference,
                "purpose": line.purpose, "fund_id": line.fund_id,
                "pledge_id": line.pledge_id})
            Contribution.update(deposit=deposit).where(Contribution.id == gift).execute()
    return deposit.id


@dataclass(frozen=True)
class DepositSummary:
    id: int
    date: dt.date
    account: str
    gifts: int
    total_cents: int  # of its gifts as they are now (a cancelled one counts nowhere)
    slip_cents: int

    @property
    def matches(self) -> bool:
        return not self.slip_cents or self.slip_cents == self.total_cents


def deposits() -> list[DepositSummary]:
    """Every deposit, the latest first, with its count and total; one query."""
    sql = ("SELECT d.id, d.date, d.account, d.slip_cents,"
           " COUNT(CASE WHEN c.status != 'cancelled' THEN 1 END),"
           " COALESCE(SUM(CASE WHEN c.status != 'cancelled' THEN c.amount_cents END), 0)"
           " FROM deposit d LEFT JOIN contribution c ON c.deposit_id = d.id"
           " GROUP BY d.id ORDER BY d.date DESC, d.id DESC")
    return [DepositSummary(row[0], dt.date.fromisoformat(row[1]), row[2], row[4], row[5],
                           row[3]) for row in db.execute_sql(sql).fetchall()]


def deposit_summary(deposit_id: int) -> DepositSummary:
    return next(found for found in deposits() if found.id == deposit_id)


def gifts_of(deposit_id: int) -> list[Contribution]:
    """The deposit's gifts in the order they were entered, cancelled ones left out."""
    return list(Contribution.select(Contribution, Partner).join(Partner)
                .where((Contribution.deposit == deposit_id)
                       & (Contribution.status != "cancelled"))
                .order_by(Contribution.id))
