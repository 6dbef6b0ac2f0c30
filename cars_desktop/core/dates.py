"""Date arithmetic the store and the reports share: months added, whole years between two
days, the months of a period and the period to compare it with. Plain Python, no data."""

from __future__ import annotations

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months; the 31st becomes the month's last day where it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last_day))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def whole_years(since: dt.date, until: dt.date) -> int:
    years = until.year - since.year
    return years - 1 if (until.month, until.day) < (since.month, since.day) else years


def previous_period(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The period to compare with: whole months give the same number of months just before
    (last year for a year, the quarter before for a quarter); a period that starts on the
    first of a month but stops part-way ("this year, to date") gives the same dates a year
    earlier; any other period the same number of days just before."""
    next_day = end + dt.timedelta(days=1)
    if start.day == 1 and next_day.day == 1:
        months = (next_day.year - start.year) * 12 + next_day.month - start.month
        return add_months(start, -months), start - dt.timedelta(days=1)
    if start.day == 1 and (end - start).days < 366:
        return add_months(start, -12), add_months(end, -12)
    length = (end - start).days + 1
    return start - dt.timedelta(days=length), start - dt.timedelta(days=1)


def months_of(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of each month the period touches."""
    first = start.replace(day=1)
    months = []
    while first <= end:
        months.append(first)
        first = add_months(first, 1)
    return months
