"""Reading the dates of an imported file: ISO, slashed (day or month first, as the file says),
or written out in English or French ("May 3, 2026", "1er mai 2026")."""

from __future__ import annotations

import datetime as dt
import re

from cars_desktop.core.text import fold
from cars_desktop.i18n import _
from cars_desktop.store.import_writer import ImportProblem

SLASHED = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO = re.compile(r"^(\d{4})[-/.]?(\d{1,2})[-/.]?(\d{1,2})")
_MONTHS = {name: number for names in (
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"),
    ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
     "octobre", "novembre", "decembre"),
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
    ("janv", "fevr", "mars", "avr", "mai", "juin", "juil", "aout", "sept", "oct", "nov",
     "dec")) for number, name in enumerate(names, start=1)}


def date_order_of(cells: list[str]) -> str | None:
    """"dmy" or "mdy" when the file's slashed dates say which, None when none can tell;
    raises ImportProblem when some say one and some the other."""
    days_first = months_first = False
    for cell in cells:
        match = SLASHED.match(cell.strip())
        if match:
            first, second = int(match[1]), int(match[2])
            if first > 12 and second > 12:
                continue  # an impossible date (31/31/2026): that row's error, not the file's
            days_first |= first > 12
            months_first |= second > 12
    if days_first and months_first:
        raise ImportProblem(_("The dates in this file are written both day first and month "
                            "first: correct them in the spreadsheet."))
    return "dmy" if days_first else "mdy" if months_first else None


_TIME = re.compile(r"(?i)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:am|pm|a\.m\.|p\.m\.)?"
                   r"\s*(?:z|utc|[+-]\d{2}:?\d{2}|[a-z]{2,4})?)$")
EMPTY_DATE = dt.date(1900, 1, 1)  # what a spreadsheet shows for a date cell left at zero


_UTC = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*"
                  r"(z|utc|\+00:?00)?$", re.I)


def parse_date(text: str, order: str, utc: bool = False) -> dt.date:
    """The date of a cell, with any time after it ("2026-03-14 9:45 AM") left aside; a time
    in UTC ("2023-04-01T01:10:39Z", or any when `utc`) gives the day it was here."""
    raw = text.strip()
    moment = _UTC.match(raw)
    # midnight sharp is a date written as a time (Benevity's older reports): no time to move
    if moment and (utc or moment[3]) and moment[2].lstrip("0") not in (":00:00", ":00"):
        try:
            when = dt.datetime.fromisoformat(f"{moment[1]}T{moment[2]}").replace(
                tzinfo=dt.UTC)
            return when.astimezone().date()
        except ValueError:
            pass  # said below, as for any date that cannot be read
    found = _parse_date(_TIME.sub("", raw).strip() or raw, order)
    if found.year < 1900:
        raise ValueError(_("“{raw}” has no year in full: write 2024, not 24").format(raw=raw))
    if found <= EMPTY_DATE:
        raise ValueError(_("the date {raw} is what a spreadsheet shows for an empty date: "
                           "write the real date").format(raw=raw))
    return found


def _parse_date(raw: str, order: str) -> dt.date:
    try:
        if match := _ISO.match(raw):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := SLASHED.match(raw):
            a, b, year = int(match[1]), int(match[2]), int(match[3])
            day, month = (a, b) if order == "dmy" else (b, a)
            return dt.date(year, month, day)
        words = re.findall(r"[a-z]+|\d+", fold(raw).replace("1er", "1"))
        numbers = [int(w) for w in words if w.isdigit()]
        months = [_MONTHS[w] for w in words if w in _MONTHS]
        if months and len(numbers) >= 2:
            day, year = (numbers[0], numbers[1]) if numbers[1] > 31 else \
                (numbers[1], numbers[0])
            return dt.date(year, months[0], day)
    except (ValueError, OverflowError):
        pass
    raise ValueError(
        _("“{raw}” is not a date this import can read (write 2026-05-01)").format(raw=raw)
    )
