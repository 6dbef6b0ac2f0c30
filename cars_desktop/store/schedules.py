"""Schedules: a pledge paid in instalments (monthly, every three months, yearly), or a gift that
comes every month (a pre-authorised debit). Each payment falls due on its date; those due are
marked received in one step, each a received gift that says which due date it paid (and, for
a pledge, pays toward it); those not come in are overdue, in what needs attention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cars_desktop.core.money import MoneyError, format_money, parse_money
from cars_desktop.core.schedules import FREQUENCIES, due_dates, instalments
from cars_desktop.core.validation import ValidationError
from cars_desktop.i18n import _
from cars_desktop.store import contributions
from cars_desktop.store.batches import batches
from cars_desktop.store.database import transaction
from cars_desktop.store.models import Contribution, Partner, Schedule

MOST_PAYMENTS = 240  # twenty years of months: more is a typing mistake
LATE_AFTER_DAYS = 7  # a payment a week past its date is overdue: banks and mail take days


@dataclass(frozen=True)
class Due:
    """One payment of a schedule that has fallen due and not come in."""
    schedule_id: int
    partner_id: int
    partner_name: str
    due_on: dt.date
    amount_cents: int
    pledge_id: int | None

    def said(self) -> str:
        return (_("{name}: instalment of {amount} due {date}") if self.pledge_id else
                _("{name}: monthly gift of {amount} due {date}")).format(
            name=self.partner_name, amount=format_money(self.amount_cents), date=self.due_on)


def amounts(schedule: Schedule) -> list[int]:
    """Each payment's amount, in order. A pledge's instalments share what was still to come
    when they were set up (kept as the schedule's amount)."""
    if schedule.pledge_id and schedule.count:
        return instalments(schedule.amount_cents, schedule.count)
    return [schedule.amount_cents] * (schedule.count or 1)


def save_schedule(values: Mapping[str, Any]) -> int:
    """A new schedule. `pledge_id` (its instalments) or `amount` (a gift every month);
    `frequency`, `first_due`, `count` (0: no end, for a gift only); raises `ValidationError`
    naming each wrong field."""
    errors: dict[str, str] = {}
    pledge = Contribution.get_or_none(Contribution.id == values.get("pledge_id")) \
        if values.get("pledge_id") else None
    partner_id = pledge.partner_id if pledge else values.get("partner_id")
    if not partner_id or Partner.get_or_none(Partner.id == partner_id) is None:
        errors["partner_id"] = _("Choose the partner who gives.")
    frequency = values.get("frequency")
    if frequency not in FREQUENCIES.codes():
        errors["frequency"] = _("Choose how often it falls due.")
    count = int(values.get("count") or 0)
    if pledge is not None and not 2 <= count <= MOST_PAYMENTS:
        errors["count"] = _("A pledge is paid in 2 to {most} instalments.").format(
            most=MOST_PAYMENTS)
    elif not 0 <= count <= MOST_PAYMENTS:
        errors["count"] = _("At most {most} payments.").format(most=MOST_PAYMENTS)
    amount = 0
    if pledge is None:
        try:
            amount = parse_money(values.get("amount") or "")
        except MoneyError as err:
            errors["amount"] = str(err)
        else:
            if amount <= 0:
                errors["amount"] = _("Enter the amount of each gift.")
    elif pledge.status != "pledged" or not pledge.outstanding_cents or Schedule.select().where(
            (Schedule.pledge == pledge) & Schedule.ended_on.is_null()).exists():
        errors["pledge_id"] = _("Choose a pledge still to come that has no instalments yet.")
    else:
        amount = pledge.outstanding_cents  # what the instalments share
    first = values.get("first_due")
    if not isinstance(first, dt.date):
        errors["first_due"] = _("Give the date the first payment is due.")
    if errors:
        raise ValidationError(errors)
    with transaction():
        schedule = Schedule.create(
            partner=partner_id, pledge=pledge, frequency=frequency, amount_cents=amount,
            first_due=first, count=count, payment_method=values.get("payment_method") or "")
        if pledge is not None:  # the pledge is expected by its last instalment
            last = due_dates(first, frequency, count, dt.date.max)[-1]
            Contribution.update(date_expected=last).where(
                Contribution.id == pledge.id).execute()
    return schedule.id


def due(today: dt.date) -> list[Due]:
    """Every payment fallen due by `today` that has not come in, the oldest first."""
    found = []
    running = list(Schedule.select().where(Schedule.ended_on.is_null()))
    names: dict[int, str] = {}  # of their partners not erased; read for these schedules alone
    for part in batches(sorted({schedule.partner_id for schedule in running})):
        names.update(Partner.select(Partner.id, Partner.name).where(
            Partner.id.in_(part) & Partner.erased_at.is_null()).tuples())
    for schedule in running:
        if schedule.partner_id not in names:
            continue
        paid = {day for (day,) in Contribution.select(Contribution.due_on).where(
            (Contribution.schedule == schedule.id) & (Contribution.status != "cancelled"))
            .tuples()}
        each = amounts(schedule)
        for number, day in enumerate(due_dates(schedule.first_due, schedule.frequency,
                                               schedule.count, today)):
            if day not in paid:
                found.append(Due(schedule.id, schedule.partner_id, names[schedule.partner_id], day,
                                 each[min(number, len(each) - 1)], schedule.pledge_id))
    return sorted(found, key=lambda payment: (payment.due_on, payment.partner_name))


def mark_received(payments: list[Due], day: dt.date | None = None) -> list[int]:
    """These payments received, each a received cash gift of its pledge's kind (or a
    one-time gift), all or none: on `day`, or each on its own due date when `day` is None
    (a debit comes out on its date)."""
    made = []
    with transaction():
        for payment in payments:
            schedule = Schedule.get_by_id(payment.schedule_id)
            pledge = schedule.pledge
            gift = contributions.save_contribution({
                "partner_id": payment.partner_id, "family": "cash",
                "kind": pledge.kind if pledge is not None else "one_time",
                "status": "received", "date": day or payment.due_on,
                "amount": payment.amount_cents, "pledge_id": payment.pledge_id,
                "payment_method": schedule.payment_method, "fund_id":
                pledge.fund_id if pledge is not None else None,
                "purpose": pledge.purpose if pledge is not None else ""})
            Contribution.update(schedule=schedule.id, due_on=payment.due_on).where(
                Contribution.id == gift).execute()
            made.append(gift)
    return made


def overdue(today: dt.date) -> list[Due]:
    """The payments more than a week past their date, for what needs attention."""
    late = today - dt.timedelta(days=LATE_AFTER_DAYS)
    return [payment for payment in due(today) if payment.due_on < late]


def end(schedule_id: int, day: dt.date) -> None:
    """No more payments fall due after `day` (a debit stopped, a pledge let go)."""
    with transaction():
        Schedule.update(ended_on=day).where(Schedule.id == schedule_id).execute()


@dataclass(frozen=True)
class ScheduleSummary:
    id: int
    partner_name: str
    what: str  # "Instalments of a pledge of $1,200.00" or "Monthly gift of $25.00"
    frequency: str
    paid: int
    count: int
    next_due: dt.date | None
    overdue: int
    ended_on: dt.date | None


def schedules(today: dt.date) -> list[ScheduleSummary]:
    late: dict[int, int] = {}
    for payment in due(today):
        late[payment.schedule_id] = late.get(payment.schedule_id, 0) + 1
    found = []
    for schedule in Schedule.select(Schedule, Partner).join(Partner).order_by(
            Schedule.ended_on.is_null(False), Partner.sort_name):
        paid = Contribution.select().where((Contribution.schedule == schedule.id)
                                           & (Contribution.status != "cancelled")).count()
        dates = due_dates(schedule.first_due, schedule.frequency, schedule.count,
                          dt.date.max if schedule.count else today + dt.timedelta(days=400))
        coming = [day for day in dates if day > today]
        what = (_("Instalments of {amount} toward a pledge") if schedule.pledge_id
                else _("Gift of {amount}")).format(amount=format_money(schedule.amount_cents))
        found.append(ScheduleSummary(
            schedule.id, schedule.partner.name, what, FREQUENCIES.label(schedule.frequency),
            paid, schedule.count, None if schedule.ended_on or not coming else coming[0],
            late.get(schedule.id, 0), schedule.ended_on))
    return found
