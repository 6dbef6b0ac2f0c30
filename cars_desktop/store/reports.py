"""The numbers of each report, summed in SQL over a period. Plain data out: the PDF is drawn by
`cars_desktop.documents.reports`, and the tests check these sums against their own.

What counts where follows the one rule of `core.counting` (loans apart, pledges apart), over
contributions dated in the period. Beside it, for the reports alone:
- volunteer hours are valued (hours × the group's hourly rate) only where the time was given
  no estimated value of its own, so nothing counts twice;
- pledged: pledges promised in the period, and what is still to come of them today;
- a gift in kind with neither a value nor hours is counted, as a gift "not valued"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.core import counting
from cars_desktop.core.address import town_line
from cars_desktop.core.dates import months_of, previous_period, whole_years
from cars_desktop.core.kinds import kind_in
from cars_desktop.store import settings
from cars_desktop.store.gift_list import gift_list  # noqa: F401 - a report's numbers
from cars_desktop.store.maintenance import latest_reviews, practices
from cars_desktop.store.models import ContactPerson, db
from cars_desktop.store.receipt_reports import (  # noqa: F401 - reports' numbers
    gifts_not_receipted,
    receipts_issued,
)
from cars_desktop.store.recognition import recognition_list  # noqa: F401 - a report's numbers

DEFAULT_HOURLY_RATE = settings.HOURLY_RATE.default  # $20.00 an hour, until the group sets its own


def hourly_rate_cents() -> int:
    return settings.get(settings.HOURLY_RATE)


@dataclass(frozen=True)
class Totals:
    cash_cents: int = 0
    in_kind_cents: int = 0
    minutes: int = 0
    volunteer_value_cents: int = 0
    pledged_cents: int = 0
    outstanding_cents: int = 0
    gifts: int = 0  # received contributions
    givers: int = 0  # partners who gave
    loans_cents: int = 0  # received as loans: to be paid back, so not counted as support
    unvalued_gifts: int = 0  # gifts in kind with neither a value nor hours

    @property
    def support_cents(self) -> int:
        """All the community gave: cash, in-kind value and the value of volunteer time."""
        return self.cash_cents + self.in_kind_cents + self.volunteer_value_cents


def _range(start: dt.date, end: dt.date) -> dict[str, str]:
    return {"start": start.isoformat(), "end": end.isoformat()}


_RECEIVED = f"{counting.where('support')} AND c.date BETWEEN :start AND :end"
_IN_PERIOD = "c.date BETWEEN :start AND :end"
_UNVALUED = f"CASE WHEN {counting.unvalued()} THEN 1 ELSE 0 END"
_CASH = f"COALESCE(SUM(CASE WHEN {counting.where('cash')} THEN c.amount_cents END), 0)"
_IN_KIND = f"COALESCE(SUM(CASE WHEN {counting.where('in_kind')} THEN c.amount_cents END), 0)"
# time with no estimated value of its own is valued at the group's rate, rounded to the cent
# for each contribution, so that sectors, partners and the total add up to the same cents
_TIME_VALUE = "CASE WHEN c.amount_cents = 0 THEN (c.minutes * :rate + 30) / 60 ELSE 0 END"


def period_totals(start: dt.date, end: dt.date, rate_cents: int,
                  partner_id: int | None = None) -> Totals:
    params: dict = {**_range(start, end), "partner": partner_id, "rate": rate_cents}
    mine = " AND c.partner_id = :partner" if partner_id else ""
    row = db.execute_sql(
        "SELECT"
        f" COALESCE(SUM(CASE WHEN {counting.where('cash')} THEN c.amount_cents END), 0),"
        f" COALESCE(SUM(CASE WHEN {counting.where('in_kind')} THEN c.amount_cents END), 0),"
        f" COALESCE(SUM(c.minutes), 0), COALESCE(SUM({_TIME_VALUE}), 0),"
        f" COUNT(*), COUNT(DISTINCT c.partner_id), COALESCE(SUM({_UNVALUED}), 0)"
        f" FROM contribution c WHERE {_RECEIVED}{mine}", params).fetchone()
    pledged = db.execute_sql(
        "SELECT COALESCE(SUM(c.amount_cents), 0), COALESCE(SUM(c.outstanding_cents), 0)"
        f" FROM contribution c WHERE {counting.where('pledged')} AND {_IN_PERIOD}{mine}",
        params).fetchone()
    loans = db.execute_sql(
        "SELECT COALESCE(SUM(c.amount_cents), 0) FROM contribution c"
        f" WHERE {counting.where('loan')} AND {_IN_PERIOD}{mine}", params).fetchone()[0]
    return Totals(cash_cents=row[0], in_kind_cents=row[1], minutes=row[2],
                  volunteer_value_cents=row[3], pledged_cents=pledged[0],
                  outstanding_cents=pledged[1], gifts=row[4], givers=row[5], loans_cents=loans,
                  unvalued_gifts=row[6])


# The contributions summary


@dataclass
class ContributionsSummary:
    start: dt.date
    end: dt.date
    rate_cents: int
    totals: Totals
    previous_start: dt.date
    previous_end: dt.date
    previous: Totals
    by_kind: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    """family, kind, how many, value in cents, minutes"""
    by_sector: list[tuple[str, int, int, int]] = field(default_factory=list)
    """sector, cash, in-kind value, volunteer value"""
    by_month: list[tuple[dt.date, int, int]] = field(default_factory=list)
    """first day of the month, cash, in-kind value"""
    top_partners: list[tuple[str, str, int, int, int]] = field(default_factory=list)
    """name, sector, cash, in-kind value, volunteer value"""
    first_record: dt.date | None = None  # the earliest contribution in the data
    # gifts in kind with neither a value nor hours: by kind, by sector, and for each of the
    # top partners in their order
    unvalued_by_kind: dict[str, int] = field(default_factory=dict)
    unvalued_by_sector: dict[str, int] = field(default_factory=dict)
    top_unvalued: list[int] = field(default_factory=list)
    by_fund: list[tuple[str, int, int, int]] = field(default_factory=list)
    """fund or campaign, received in the period, its goal, all received toward it"""


def contributions_summary(start: dt.date, end: dt.date, top: int = 10) -> ContributionsSummary:
    rate = hourly_rate_cents()
    before = previous_period(start, end)
    params = {**_range(start, end), "rate": rate}
    report = ContributionsSummary(start, end, rate, period_totals(start, end, rate),
                                  before[0], before[1], period_totals(*before, rate))
    by_kind = db.execute_sql(
        "SELECT c.family, c.kind, COUNT(*), SUM(c.amount_cents), SUM(c.minutes),"
        f" SUM({_UNVALUED}) FROM contribution c WHERE c.status = 'received' AND {_IN_PERIOD}"
        " GROUP BY c.family, c.kind"
        " ORDER BY c.family, SUM(c.amount_cents) DESC, c.kind", params).fetchall()
    report.by_kind = [tuple(row[:5]) for row in by_kind]
    report.unvalued_by_kind = {row[1]: row[5] for row in by_kind if row[5]}
    by_sector = db.execute_sql(
        f"SELECT p.sector, {_CASH}, {_IN_KIND}, COALESCE(SUM({_TIME_VALUE}), 0),"
        f" SUM({_UNVALUED})"
        f" FROM contribution c JOIN partner p ON p.id = c.partner_id WHERE {_RECEIVED}"
        " GROUP BY p.sector", params).fetchall()
    report.by_sector = [tuple(row[:4]) for row in by_sector]
    report.unvalued_by_sector = {row[0]: row[4] for row in by_sector if row[4]}
    from cars_desktop.core.vocab import SECTORS

    order = {code: number for number, code in enumerate(SECTORS.codes())}
    report.by_sector.sort(key=lambda row: order.get(row[0], len(order)))
    monthly = {dt.date.fromisoformat(month + "-01"): (cash, in_kind) for month, cash, in_kind
               in db.execute_sql(
        "SELECT substr(c.date, 1, 7),"
        f" {_CASH}, {_IN_KIND}"
        f" FROM contribution c WHERE {_RECEIVED} GROUP BY substr(c.date, 1, 7)", params)}
    report.by_month = [(month, *monthly.get(month, (0, 0))) for month in months_of(start, end)]
    first = db.execute_sql("SELECT MIN(date) FROM contribution").fetchone()[0]
    report.first_record = dt.date.fromisoformat(first) if first else None
    top_rows = db.execute_sql(
        f"SELECT p.name, p.sector, {_CASH}, {_IN_KIND}, COALESCE(SUM({_TIME_VALUE}), 0),"
        f" SUM({_UNVALUED}), SUM(c.amount_cents) + COALESCE(SUM({_TIME_VALUE}), 0) AS given"
        f" FROM contribution c JOIN partner p ON p.id = c.partner_id WHERE {_RECEIVED}"
        " GROUP BY p.id ORDER BY given DESC, p.sort_name LIMIT :top",
        {**params, "top": top}).fetchall()
    report.top_partners = [tuple(row[:5]) for row in top_rows]
    report.top_unvalued = [row[5] for row in top_rows]
    from cars_desktop.store.funds import funds

    raised = {fund.id: fund.raised_cents for fund in funds()}
    report.by_fund = [(name, cents, goal, raised.get(fund_id, 0)) for fund_id, name, goal, cents
                      in db.execute_sql(
        "SELECT f.id, f.name, f.goal_cents, SUM(c.amount_cents) FROM contribution c"
        f" JOIN fund f ON f.id = c.fund_id WHERE {_RECEIVED} GROUP BY f.id"
        " ORDER BY SUM(c.amount_cents) DESC, f.name", params)]
    return report


# Community impact and leverage


@dataclass
class ImpactReport:
    start: dt.date
    end: dt.date
    rate_cents: int
    totals: Totals
    by_sector: list[tuple[str, int, int, int, int]] = field(default_factory=list)
    """sector, cash, in-kind value, volunteer value, partners who gave in the period"""
    unvalued_by_sector: dict[str, int] = field(default_factory=dict)
    """gifts in kind with neither a value nor hours"""
    matching_cents: int = 0
    matching_gifts: int = 0
    lengths: list[tuple[str, int]] = field(default_factory=list)
    """how long the partners who gave had been partners at the period's end: bucket, count"""
    new_partners: list[tuple[str, str, dt.date]] = field(default_factory=list)
    """name, sector, since when"""

    @property
    def leverage(self) -> float | None:
        """What partners gave in kind and in time for each dollar of cash."""
        if not self.totals.cash_cents:
            return None
        return (self.totals.in_kind_cents + self.totals.volunteer_value_cents) / \
            self.totals.cash_cents


LENGTHS = (("under_1", 0, 1), ("1_to_2", 1, 3), ("3_to_4", 3, 5), ("5_to_9", 5, 10),
           ("10_plus", 10, 1000))
# when a partnership began: the date entered, else its first contribution
_FIRST_GIFT = "(SELECT MIN(c.date) FROM contribution c WHERE c.partner_id = p.id)"
_SINCE = f"COALESCE(p.partner_since, {_FIRST_GIFT})"


def impact_report(start: dt.date, end: dt.date) -> ImpactReport:
    """Everything here is about the period, never about today: the partners counted are
    those who gave in it, and how long each had been a partner is measured at its end."""
    rate = hourly_rate_cents()
    params = {**_range(start, end), "rate": rate}
    report = ImpactReport(start, end, rate, period_totals(start, end, rate))
    from cars_desktop.core.vocab import SECTORS

    given = {row[0]: row[1:] for row in db.execute_sql(
        f"SELECT p.sector, {_CASH}, {_IN_KIND}, COALESCE(SUM({_TIME_VALUE}), 0),"
        f" COUNT(DISTINCT c.partner_id), SUM({_UNVALUED})"
        f" FROM contribution c JOIN partner p ON p.id = c.partner_id WHERE {_RECEIVED}"
        " GROUP BY p.sector", params)}
    report.by_sector = [(code, *given[code][:4]) for code in SECTORS.codes() if code in given]
    report.unvalued_by_sector = {code: row[4] for code, row in given.items() if row[4]}
    report.matching_cents, report.matching_gifts = db.execute_sql(
        "SELECT COALESCE(SUM(c.amount_cents), 0), COUNT(*) FROM contribution c"
        f" WHERE {_RECEIVED} AND {kind_in(lambda k: k.matches_gifts)}", params).fetchone()
    counts = dict.fromkeys((code for code, _unused, _unused in LENGTHS), 0)
    for entered, first in db.execute_sql(
            f"SELECT p.partner_since, {_FIRST_GIFT} FROM partner p WHERE p.id IN"
            f" (SELECT c.partner_id FROM contribution c WHERE {_RECEIVED})", params):
        # a "partner since" later than the period is wrong for it: they gave in it already
        since = entered if entered and entered <= end.isoformat() else first
        years = whole_years(dt.date.fromisoformat(since), end)
        for code, low, high in LENGTHS:
            if low <= years < high:
                counts[code] += 1
    report.lengths = list(counts.items())
    # a partnership that began in the period (a prospect is not a partner yet)
    report.new_partners = [(name, sector, dt.date.fromisoformat(since)) for name, sector, since
                           in db.execute_sql(
        f"SELECT p.name, p.sector, {_SINCE} AS since FROM partner p"
        " WHERE p.erased_at IS NULL AND p.status != 'prospect'"
        " AND since BETWEEN :start AND :end ORDER BY since, p.sort_name", params)]
    return report


# One partner's statement


@dataclass
class PartnerStatement:
    partner_id: int
    name: str
    address: list[str]
    language: str
    start: dt.date
    end: dt.date
    rate_cents: int
    rows: list[tuple[dt.date, str, str, str, str, int, int, int]] = field(default_factory=list)
    """date, family, kind, status, what (description or purpose), amount, outstanding, minutes"""
    totals: Totals = field(default_factory=Totals)


def partner_statement(partner_id: int, start: dt.date, end: dt.date) -> PartnerStatement:
    from cars_desktop.store.models import Partner

    partner = Partner.get_or_none(Partner.id == partner_id)
    if partner is None or partner.erased_at:
        raise LookupError("That partner no longer exists.")
    rate = hourly_rate_cents()
    town = town_line(partner.city, partner.province, partner.postal_code)
    address = [line for line in (partner.address_line1, partner.address_line2, town) if line]
    report = PartnerStatement(partner.id, partner.name, address, partner.language, start, end,
                              rate, totals=period_totals(start, end, rate, partner_id))
    report.rows = [(dt.date.fromisoformat(day), family, kind, status,
                    description or purpose, amount, outstanding, minutes)
                   for day, family, kind, status, description, purpose, amount, outstanding,
                   minutes in db.execute_sql(
        "SELECT c.date, c.family, c.kind, c.status, c.description, c.purpose, c.amount_cents,"
        " c.outstanding_cents, c.minutes FROM contribution c WHERE c.partner_id = :partner"
        " AND c.status != 'cancelled' AND c.date BETWEEN :start AND :end"
        " ORDER BY c.date, c.id", {**_range(start, end), "partner": partner_id})]
    return report


# The partner directory


@dataclass(frozen=True)
class DirectoryEntry:
    name: str
    sector: str
    partnership_type: str
    phone: str
    email: str
    town: str
    contacts: tuple[tuple[str, str, str, str], ...]  # name, role, phone, email


def partner_directory() -> list[DirectoryEntry]:
    """Active partners by name, each with its contact people (primary first)."""
    contacts: dict[int, list[tuple[str, str, str, str]]] = {}
    for pid, name, role, phone, email in db.execute_sql(
            "SELECT cp.partner_id, cp.name, cp.role, cp.phone, cp.email FROM contact_person cp"
            " JOIN partner p ON p.id = cp.partner_id WHERE p.status = 'active'"
            " AND p.erased_at IS NULL"
            f" ORDER BY {ContactPerson.order_sql('cp')}"):
        contacts.setdefault(pid, []).append((name, role, phone, email))
    return [DirectoryEntry(name, sector, ptype, phone, email,
                           " ".join(part for part in (city, province) if part),
                           tuple(contacts.get(pid, ())))
            for pid, name, sector, ptype, phone, email, city, province in db.execute_sql(
        "SELECT id, name, sector, partnership_type, phone, email, city, province FROM partner"
        " WHERE status = 'active' AND erased_at IS NULL ORDER BY sort_name, id")]


# Partnership health


@dataclass(frozen=True)
class HealthRow:
    name: str
    last_review: dt.date | None
    next_due: dt.date | None
    overdue: bool
    done: int
    attention: int
    not_applicable: int


@dataclass
class HealthReport:
    today: dt.date
    rows: list[HealthRow] = field(default_factory=list)
    needing_attention: list[tuple[str, str, str, str]] = field(default_factory=list)
    """practice (English, French), partner, note"""

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.rows)


def partnership_health(today: dt.date) -> HealthReport:
    """The latest checklist review of each active formal partner."""
    partners = db.execute_sql(
        "SELECT id, name FROM partner WHERE partnership_type = 'formal'"
        " AND status = 'active' AND erased_at IS NULL ORDER BY sort_name, id").fetchall()
    reviews = latest_reviews([pid for pid, _unused in partners])
    current = {p.id: p for p in practices()}
    report = HealthReport(today)
    for pid, name in partners:
        review = reviews[pid]
        marks = [m for practice, m in review.marks.items() if practice in current]
        report.rows.append(HealthRow(
            name, review.date, review.next_due, review.overdue(today),
            sum(m.mark == "done" for m in marks), sum(m.mark == "attention" for m in marks),
            sum(m.mark == "na" for m in marks)))
        for practice_id, mark in review.marks.items():
            if mark.mark == "attention" and practice_id in current:
                practice = current[practice_id]
                report.needing_attention.append(
                    (practice.text_en, practice.text_fr or practice.text_en, name, mark.note))
    position = {p.text_en: p.position for p in current.values()}
    # stable: within a practice, partners stay in the list's order (people by last name)
    report.needing_attention.sort(key=lambda item: position[item[0]])
    return report
