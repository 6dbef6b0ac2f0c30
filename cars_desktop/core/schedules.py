"""When the payments of a schedule fall due: a pledge paid in instalments, or a gift that comes
every month (a pre-authorised debit). Plain dates, no data."""

from __future__ import annotations

import datetime as dt

from cars_desktop.core.dates import add_months
from cars_desktop.core.terms import Term, Vocabulary

FREQUENCIES = Vocabulary(
    Term("monthly", "Monthly", "Mensuel"),
    Term("quarterly", "Every three months", "Tous les trois mois"),
    Term("yearly", "Yearly", "Annuel"),
)
MONTHS_APART = {"monthly": 1, "quarterly": 3, "yearly": 12}


def due_dates(first: dt.date, frequency: str, count: int, until: dt.date) -> list[dt.date]:
    """The due dates from `first`, `count` of them (0: with no end), up to `until`. Each is
    counted from the first, so a 31st stays the month's last day after a short month."""
    found, step = [], MONTHS_APART[frequency]
    number = 0
    while not count or number < count:
        day = add_months(first, number * step)
        if day > until:
            break
        found.append(day)
        number += 1
    return found


def instalments(total_cents: int, count: int) -> list[int]:
    """`total_cents` in `count` payments of whole cents, the cents left over on the last."""
    each = total_cents // count
    return [each] * (count - 1) + [total_cents - each * (count - 1)]
