"""Funds and campaigns ("Hall roof 2026", goal $25,000): each with what its gifts have brought
so far, by the one rule of `core.counting` (cash received and gifts in kind at their value;
pledges still to come apart; loans and cancelled gifts nowhere)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import peewee as pw

from cars_desktop.core import counting
from cars_desktop.core.money import MoneyError, format_money, parse_money
from cars_desktop.core.text import clean
from cars_desktop.core.validation import LINE_MAX, NOTES_MAX, ValidationError
from cars_desktop.i18n import _
from cars_desktop.store.database import transaction
from cars_desktop.store.models import Fund, db, utc_now


@dataclass(frozen=True)
class FundProgress:
    id: int
    name: str
    goal_cents: int  # 0: no goal
    raised_cents: int  # received: cash, and gifts in kind at their value
    promised_cents: int  # pledged and still to come
    gifts: int  # received gifts
    ends_on: dt.date | None
    closed: bool

    @property
    def percent(self) -> int | None:
        """How far toward the goal, in whole percent (None without a goal)."""
        return self.raised_cents * 100 // self.goal_cents if self.goal_cents else None

    def progress(self) -> str:
        """"$12,300 of $25,000 (49 %)", or what was raised when there is no goal."""
        if not self.goal_cents:
            return _("{raised} raised").format(raised=format_money(self.raised_cents))
        return _("{raised} of {goal} ({percent} %)").format(
            raised=format_money(self.raised_cents), goal=format_money(self.goal_cents),
            percent=self.percent)


def funds(include_closed: bool = True) -> list[FundProgress]:
    """Every fund with its progress, open ones first, then by name; one query."""
    support, pledged = counting.where("support"), counting.where("pledged")
    sql = (f"SELECT f.id, f.name, f.goal_cents, f.ends_on, f.closed,"
           f" COALESCE(SUM(CASE WHEN {support} THEN c.amount_cents END), 0),"
           f" COALESCE(SUM(CASE WHEN {pledged} THEN c.outstanding_cents END), 0),"
           f" COUNT(CASE WHEN {support} THEN 1 END)"
           " FROM fund f LEFT JOIN contribution c ON c.fund_id = f.id"
           + ("" if include_closed else " WHERE f.closed = 0") +
           " GROUP BY f.id ORDER BY f.closed, f.name COLLATE NOCASE")
    return [FundProgress(row[0], row[1], row[2], row[5], row[6], row[7],
                         dt.date.fromisoformat(row[3]) if row[3] else None, bool(row[4]))
            for row in db.execute_sql(sql).fetchall()]


def progress_of(fund_id: int) -> FundProgress | None:
    return next((fund for fund in funds() if fund.id == fund_id), None)


def fund_choices(keep: int | None = None) -> list[tuple[int, str]]:
    """The funds a gift can be given to: the open ones, and `keep` (its own) even closed."""
    return [(fund.id, fund.name) for fund in Fund.select().where(
        (Fund.closed == False) | (Fund.id == keep)).order_by(Fund.name)]  # noqa: E712


EDITABLE = ("name", "goal", "ends_on", "notes")


def load_fund(fund_id: int) -> dict[str, Any]:
    fund = Fund.get_by_id(fund_id)
    return {"name": fund.name, "goal": format_money(fund.goal_cents) if fund.goal_cents else "",
            "ends_on": fund.ends_on, "notes": fund.notes,
            "closed": fund.closed}


def validate_fund(values: Mapping[str, Any], fund_id: int | None = None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = clean(values.get("name") or "")
    if not name:
        errors["name"] = _("Give the fund or campaign a name, such as “Hall roof 2026”.")
    elif len(name) > LINE_MAX:
        errors["name"] = _("A name holds {most} characters at most.").format(most=LINE_MAX)
    elif Fund.select().where((pw.fn.LOWER(Fund.name) == name.lower())
                             & (Fund.id != (fund_id or 0))).exists():
        errors["name"] = _("There is already a fund or campaign named “{name}”.").format(
            name=name)
    goal = 0
    if clean(values.get("goal") or ""):
        try:
            goal = parse_money(values["goal"])
        except MoneyError as err:
            errors["goal"] = str(err)
    notes = values.get("notes") or ""
    if len(notes) > NOTES_MAX:
        errors["notes"] = _("Notes hold {most} characters at most.").format(most=NOTES_MAX)
    if errors:
        raise ValidationError(errors)
    return {"name": name, "goal_cents": goal, "ends_on": values.get("ends_on") or None,
            "notes": notes.strip()}


def save_fund(values: Mapping[str, Any], fund_id: int | None = None) -> int:
    """Save a fund or campaign; raises `ValidationError` naming each wrong field."""
    cleaned = validate_fund(values, fund_id)
    with transaction():
        if fund_id is None:
            return Fund.create(**cleaned).id
        fund = Fund.get_by_id(fund_id)
        for name, value in cleaned.items():
            setattr(fund, name, value)
        fund.save()
        return fund_id


def set_closed(fund_id: int, closed: bool) -> None:
    """A closed fund keeps its gifts and its totals; it is no longer offered for new ones."""
    with transaction():
        Fund.update(closed=closed, updated_at=utc_now()).where(Fund.id == fund_id).execute()
