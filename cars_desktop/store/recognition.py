"""Who is thanked in public for a period: every partner who gave cash, a gift in kind or
volunteer time, named as each chose (`vocab.RECOGNITIONS`), grouped by sector or by kind of
support. No amounts: a public list thanks everyone alike, it does not rank them.

What counts as given follows `core.counting` ("support": received, loans apart). A gift in
kind is time when its kind is a gift of time or it carries hours; goods otherwise. Archived and
erased partners are left out, as are those who asked not to be listed; the anonymous ones are
only counted, in one number for the whole list (a count per group could name them, in a
group with one government partner)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.core import counting
from cars_desktop.core.kinds import kind_in
from cars_desktop.core.text import sort_key
from cars_desktop.core.vocab import RECOGNITION_GROUPINGS, SECTORS, SUPPORTS
from cars_desktop.store.models import db


@dataclass
class RecognitionList:
    start: dt.date
    end: dt.date
    by: str  # a code of vocab.RECOGNITION_GROUPINGS
    groups: list[tuple[str, list[str]]] = field(default_factory=list)
    """each group's code (a sector, or a code of vocab.SUPPORTS) and the names printed"""
    named: int = 0  # partners named on the list
    anonymous: int = 0  # partners who gave and asked not to be named

    @property
    def givers(self) -> int:
        return self.named + self.anonymous


def _time(alias: str = "c") -> str:
    return (f"({counting.where('in_kind', alias)} AND"
            f" ({kind_in(lambda kind: kind.is_time, alias)} OR {alias}.minutes > 0))")


def printed_name(name: str, recognition: str, wording: str) -> str | None:
    """What a public list prints for a partner; None when it is not named there."""
    if recognition in ("anonymous", "not_listed"):
        return None
    # a wording chosen but left empty (an older file, an erased partner) prints the name
    return wording.strip() if recognition == "wording" and wording.strip() else name


def recognition_list(start: dt.date, end: dt.date, by: str | None = "sector"
                     ) -> RecognitionList:
    by = by if by in RECOGNITION_GROUPINGS else "sector"
    report = RecognitionList(start, end, by)
    rows = db.execute_sql(
        "SELECT p.name, p.recognition, p.recognition_wording, p.sector,"
        f" MAX({counting.where('cash')}), MAX({counting.where('in_kind')} AND NOT {_time()}),"
        f" MAX({_time()})"
        " FROM contribution c JOIN partner p ON p.id = c.partner_id"
        f" WHERE {counting.where('support')} AND c.date BETWEEN :start AND :end"
        " AND p.erased_at IS NULL AND p.status != 'archived'"
        " AND p.recognition != 'not_listed'"
        " GROUP BY p.id", {"start": start.isoformat(), "end": end.isoformat()}).fetchall()
    groups: dict[str, list[str]] = {}
    for name, recognition, wording, sector, cash, goods, time in rows:
        shown = printed_name(name, recognition, wording)
        if shown is None:
            report.anonymous += 1
            continue
        report.named += 1
        if by == "sector":
            codes = [sector]
        else:
            codes = [code for code, gave in zip(SUPPORTS.codes(), (cash, goods, time),
                                                strict=True) if gave]
        for code in codes:
            groups.setdefault(code, []).append(shown)
    order = SECTORS.codes() if by == "sector" else SUPPORTS.codes()
    # a name printed twice in a group looks like a mistake (two branches entered with one
    # name, two families who chose the same wording): once is enough to thank them
    report.groups = [(code, sorted(set(groups[code]), key=lambda name: (sort_key(name), name)))
                     for code in order + sorted(set(groups) - set(order)) if code in groups]
    return report
