"""Periods people ask about: this or last calendar year, this or last fiscal year (the group
chooses the month its year starts), a quarter, or any two dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cars_desktop.i18n import N_, _


@dataclass(frozen=True)
class Period:
    start: dt.date | None  # None: since the beginning
    end: dt.date | None  # None: until now and after
    label: str


def calendar_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), str(year))


def fiscal_year(today: dt.date, start_month: int, years_back: int = 0) -> Period:
    """The fiscal year containing `today` (or that many years before it)."""
    first_year = today.year if today.month >= start_month else today.year - 1
    first_year -= years_back
    start = dt.date(first_year, start_month, 1)
    end = dt.date(first_year + 1, start_month, 1) - dt.timedelta(days=1)
    label = str(first_year) if start_month == 1 else f"{first_year}–{str(first_year + 1)[2:]}"
    return Period(start, end, _("fiscal year {label}").format(label=label))


def quarter(today: dt.date, start_month: int = 1) -> Period:
    """The fiscal quarter containing `today`."""
    months_in = (today.month - start_month) % 12
    first = dt.date(today.year if today.month >= start_month else today.year - 1,
                    start_month, 1)
    month_index = first.month - 1 + months_in // 3 * 3
    start = dt.date(first.year + month_index // 12, month_index % 12 + 1, 1)
    end_index = month_index + 3
    end = dt.date(first.year + end_index // 12, end_index % 12 + 1, 1) - dt.timedelta(days=1)
    return Period(start, end, _("quarter starting {start:%B %Y}").format(start=start))


def named_period(name: str, today: dt.date, fiscal_start_month: int = 1) -> Period:
    """One of "all", "this_year", "last_year", "this_fiscal", "last_fiscal", "this_quarter",
    "last_quarter"."""
    if name == "all":
        return Period(None, None, _("all dates"))
    if name == "this_year":
        return calendar_year(today.year)
    if name == "last_year":
        return calendar_year(today.year - 1)
    if name == "this_fiscal":
        return fiscal_year(today, fiscal_start_month)
    if name == "last_fiscal":
        return fiscal_year(today, fiscal_start_month, years_back=1)
    if name == "this_quarter":
        return quarter(today, fiscal_start_month)
    if name == "last_quarter":
        return quarter(quarter(today, fiscal_start_month).start - dt.timedelta(days=1),
                       fiscal_start_month)
    raise ValueError(_("unknown period {name!r}").format(name=name))


PERIOD_CHOICES = (
    ("all", N_("All dates")), ("this_year", N_("This year")), ("last_year", N_("Last year")),
    ("this_fiscal", N_("This fiscal year")), ("last_fiscal", N_("Last fiscal year")),
    ("this_quarter", N_("This quarter")), ("last_quarter", N_("Last quarter")),
    ("custom", N_("Between dates…")),
)
