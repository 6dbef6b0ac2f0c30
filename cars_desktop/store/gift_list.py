"""The treasurer's list of gifts for a period: every gift received in it, one line each, in
groups (one group for the whole list by date, one per partner), with each group's subtotals,
the totals by kind of contribution, and what was left out.

What is listed follows `core.counting` ("support": received, loans apart). Left out, and
counted in one line: pledges promised in the period (listed when their payments come in),
cancelled contributions, and loans received (paid back, so not gifts).

A way of grouping is one entry of `GROUPINGS`: the SQL of its group's key and title, how the
groups are ordered, and the tables it needs joined. The list is read in one query in that
order and cut where the key changes, so grouping by something else (a fund, a campaign) is
one more entry here and one more term in `documents.reports.GIFT_GROUPINGS`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.core import counting
from cars_desktop.core.kinds import kind_in
from cars_desktop.store.models import db


@dataclass(frozen=True)
class Grouping:
    key: str = "NULL"  # SQL: the gifts with one value of it are one group
    title: str = "''"  # SQL: the group's heading
    order: str = ""  # SQL: the groups' order, before the gifts' own (date, then partner)
    joins: str = ""  # SQL: the tables the key or title need, beside contribution and partner
    totals: bool = False  # a table of each group's totals at the end (a few groups only)


GROUPINGS = {
    "date": Grouping(),  # one group: the whole list by date
    "partner": Grouping("p.id", "p.name", "p.sort_name, p.id,"),
    # gifts to no fund last; the layout names their group
    "fund": Grouping("c.fund_id", "COALESCE(f.name, '')",
                     "f.name IS NULL, f.name COLLATE NOCASE, c.fund_id,",
                     "LEFT JOIN fund f ON f.id = c.fund_id", totals=True),
}


@dataclass(frozen=True)
class Gift:
    day: dt.date
    partner: str
    family: str  # cash or in_kind
    kind: str
    method: str  # vocab.PAYMENT_METHODS, or ""
    reference: str  # a cheque's number, a transfer's reference
    amount_cents: int  # cash, or a gift in kind's estimated value
    minutes: int
    thanked_on: dt.date | None


@dataclass
class Sums:
    """What a set of gifts adds up to, cash and in kind apart."""
    gifts: int = 0
    cash_cents: int = 0
    in_kind_cents: int = 0  # estimated values
    unvalued: int = 0  # gifts in kind with neither a value nor hours
    minutes: int = 0

    def add(self, gift: Gift) -> None:
        self.gifts += 1
        self.minutes += gift.minutes
        if gift.family == "cash":
            self.cash_cents += gift.amount_cents
        else:
            self.in_kind_cents += gift.amount_cents
            self.unvalued += counting.is_unvalued(gift.family, gift.amount_cents, gift.minutes)

    @property
    def total_cents(self) -> int:
        return self.cash_cents + self.in_kind_cents


@dataclass
class GiftGroup:
    title: str  # "" for the whole list
    gifts: list[Gift] = field(default_factory=list)
    sums: Sums = field(default_factory=Sums)


@dataclass(frozen=True)
class LeftOut:
    count: int = 0
    cents: int = 0  # for pledges, what is still to come of them


@dataclass
class GiftList:
    start: dt.date
    end: dt.date
    by: str  # a code of GROUPINGS
    groups: list[GiftGroup] = field(default_factory=list)
    by_kind: dict[tuple[str, str], Sums] = field(default_factory=dict)
    """(family, kind) → its sums, cash kinds first"""
    sums: Sums = field(default_factory=Sums)
    partners: int = 0  # who gave
    pledges: LeftOut = field(default_factory=LeftOut)
    cancelled: LeftOut = field(default_factory=LeftOut)
    loans: LeftOut = field(default_factory=LeftOut)

    @property
    def group_totals(self) -> bool:
        return GROUPINGS[self.by].totals


def gift_list(start: dt.date, end: dt.date, by: str | None = "date") -> GiftList:
    by = by if by in GROUPINGS else "date"
    grouping = GROUPINGS[by]
    report = GiftList(start, end, by)
    params = {"start": start.isoformat(), "end": end.isoformat()}
    rows = db.execute_sql(
        f"SELECT {grouping.key}, {grouping.title}, c.date, p.name, c.family, c.kind,"
        " c.payment_method, c.reference, c.amount_cents, c.minutes, c.thanked_on, p.id"
        f" FROM contribution c JOIN partner p ON p.id = c.partner_id {grouping.joins}"
        f" WHERE {counting.where('support')} AND c.date BETWEEN :start AND :end"
        f" ORDER BY {grouping.order} c.date, p.sort_name, c.id", params)
    group, key, givers = None, object(), set()
    date, by_kind = dt.date.fromisoformat, {}
    for here, title, day, name, family, kind, method, reference, cents, minutes, thanked, \
            pid in rows:
        if group is None or here != key:
            group, key = GiftGroup(title or ""), here
            report.groups.append(group)
        gift = Gift(date(day), name, family, kind, method, reference, cents, minutes,
                    date(thanked) if thanked else None)
        group.gifts.append(gift)
        group.sums.add(gift)
        report.sums.add(gift)
        by_kind.setdefault((family, kind), Sums()).add(gift)
        givers.add(pid)
    report.partners = len(givers)
    # cash kinds first, then gifts in kind, each by value (the largest first)
    report.by_kind = dict(sorted(by_kind.items(), key=lambda item: (
        item[0][0] != "cash", -item[1].total_cents, item[0][1])))
    report.pledges, report.cancelled, report.loans = _left_out(params)
    return report


def _left_out(params: dict) -> tuple[LeftOut, LeftOut, LeftOut]:
    """Pledges promised in the period (what is still to come of them), cancelled
    contributions, and loans received."""
    loans = kind_in(lambda kind: kind.paid_back)
    row = db.execute_sql(
        "SELECT"
        " COALESCE(SUM(c.status = 'pledged'), 0),"
        " COALESCE(SUM(CASE WHEN c.status = 'pledged' THEN c.outstanding_cents END), 0),"
        " COALESCE(SUM(c.status = 'cancelled'), 0),"
        " COALESCE(SUM(CASE WHEN c.status = 'cancelled' THEN c.amount_cents END), 0),"
        f" COALESCE(SUM({counting.where('loan')}), 0),"
        f" COALESCE(SUM(CASE WHEN {counting.where('loan')} THEN c.amount_cents END), 0)"
        " FROM contribution c WHERE c.date BETWEEN :start AND :end"
        f" AND (c.status != 'received' OR {loans})", params).fetchone()
    return LeftOut(row[0], row[1]), LeftOut(row[2], row[3]), LeftOut(row[4], row[5])
