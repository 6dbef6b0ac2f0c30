"""The Contributions tab's list, and a partner's own contributions on the Partners tab."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cars_desktop.core import vocab
from cars_desktop.core.kinds import EVERY_KIND
from cars_desktop.core.money import format_money
from cars_desktop.core.text import fold
from cars_desktop.i18n import N_, _
from cars_desktop.store.batches import placeholders
from cars_desktop.store.lists.base import Column, SqlList, like_pattern
from cars_desktop.store.models import db
from cars_desktop.store.thanks_rule import THANKABLE_STATUSES, awaiting_thanks_sql


def _kind(kind: str, row: dict[str, Any]) -> str:
    return EVERY_KIND.label(kind)


def _status(status: str, row: dict[str, Any]) -> str:
    """"Pledged, overdue: $12,500.00 to come" says more than "Pledged"."""
    if status != "pledged":
        return vocab.CONTRIBUTION_STATUSES.label(status)
    if row["outstanding"] == 0:
        return _("Pledged, fulfilled")
    if row["expected"] and row["expected"] < row["today"]:
        return _("Pledged, overdue: {amount} to come").format(
            amount=format_money(row["outstanding"])
        )
    return _("Pledged: {amount} to come").format(
        amount=format_money(row["outstanding"])
    )


def _value(amount: int | None, row: dict[str, Any]) -> str:
    value = format_money(amount) if amount or row["family"] == "cash" else ""
    if row["minutes"]:
        value = f"{row['minutes'] / 60:.1f} h".replace(".0 h", " h") + \
            (f", {value}" if value else "")
    return value


def _thanked(thanked: str | None, row: dict[str, Any]) -> str:
    return thanked or (_("Not yet") if row["status"] in THANKABLE_STATUSES else "")


class ContributionList(SqlList):
    columns = (
        Column("date", N_("Date"), width=95, sort="c.date", select="c.date"),
        Column("partner", N_("Partner"), width=230, sort="c.partner_sort", select="p.name"),
        Column("family", N_("Family"), width=95, sort="c.family", select="c.family",
               show=lambda v, row: vocab.CONTRIBUTION_FAMILIES.label(v)),
        Column("kind", N_("Kind"), width=150, sort="c.kind", select="c.kind", show=_kind),
        Column("status", N_("Status"), width=250, sort="c.status", select="c.status", show=_status),
        Column("amount", N_("Amount or value"), "right", width=120, sort="c.amount_cents",
               select="c.amount_cents", show=_value),
        Column("purpose", N_("Purpose"), width=150, sort="c.purpose COLLATE NOCASE",
               select="c.purpose"),
        Column("thanked", N_("Thanked"), width=95, sort="c.thanked_on", select="c.thanked_on",
               show=_thanked),
    )
    source = "contribution c JOIN partner p ON p.id = c.partner_id"
    id_sql = "c.id"
    extra = {"outstanding": "c.outstanding_cents", "expected": "c.date_expected",
             "minutes": "c.minutes"}
    STATUS_CHOICES = (("received", N_("Received")), ("pledged", N_("Pledged")),
                      ("outstanding", N_("Pledged, still to come")),
                      ("overdue", N_("Pledged, overdue")), ("cancelled", N_("Cancelled")))

    def __init__(self, today: dt.date | None = None) -> None:
        self.search = ""
        self.start: dt.date | None = None
        self.end: dt.date | None = None
        self.family: str | None = None
        self.kind: str | None = None
        self.status: str | None = None  # a code of STATUS_CHOICES
        self.thanked: bool | None = None
        self.partner_id: int | None = None
        self.fund_id: int | None = None
        self.deposit_id: int | None = None
        self.sort_key = "date"
        self.descending = True
        self.today = today

    def row_context(self) -> dict[str, Any]:
        return {"today": (self.today or dt.date.today()).isoformat()}

    def muted(self, row: dict[str, Any]) -> bool:
        return row["status"] == "cancelled"

    MIN_SEARCH = 2  # one letter matches most of 100,000 contributions: wait for the second

    def search_words(self) -> list[str]:
        words = fold(self.search).split()
        return words if sum(map(len, words)) >= self.MIN_SEARCH else []

    def _search(self, alias: str) -> tuple[list[str], dict[str, Any]]:
        clauses, params = [], {}
        for number, word in enumerate(self.search_words()):
            clauses.append(f"{alias}.search_text LIKE :w{number} ESCAPE '\\'")
            params[f"w{number}"] = like_pattern(word)
        return clauses, params

    def _filters(self) -> tuple[list[str], dict[str, Any]]:
        clauses, params = [], {}
        # a pledge still to come matters whenever it was made: the period does not hide it
        if self.status in ("outstanding", "overdue"):
            pass
        elif self.start:
            clauses.append("c.date >= :start")
            params["start"] = self.start.isoformat()
        if self.end and self.status not in ("outstanding", "overdue"):
            clauses.append("c.date <= :end")
            params["end"] = self.end.isoformat()
        for column, value in (("family", self.family), ("kind", self.kind),
                              ("partner_id", self.partner_id), ("fund_id", self.fund_id),
                              ("deposit_id", self.deposit_id)):
            if value:
                clauses.append(f"c.{column} = :{column}")
                params[column] = value
        if self.status in ("received", "pledged", "cancelled"):
            clauses.append("c.status = :status")
            params["status"] = self.status
        elif self.status in ("outstanding", "overdue"):
            clauses.append("c.status = 'pledged' AND c.outstanding_cents > 0")
            if self.status == "overdue":
                clauses.append("c.date_expected < :today")
                params["today"] = (self.today or dt.date.today()).isoformat()
        if self.thanked:
            clauses.append("c.thanked_on IS NOT NULL")
        elif self.thanked is not None:  # the thank-you queue, by its one rule
            clauses.append(awaiting_thanks_sql("c"))
        return clauses, params

    def _order(self) -> str:
        """Ties break on the date, then the id, in the same direction: the index order."""
        direction = "DESC" if self.descending else "ASC"
        order = list(dict.fromkeys([self.sort_sql(), "c.date", "c.id"]))  # by date: no second
        return ", ".join(f"{key} {direction}" for key in order)

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        clauses, params = self._filters()
        search, search_params = self._search("s" if self.sort_key != "date" else "c")
        params.update(search_params)
        source = "contribution c"
        if search and self.sort_key == "date":
            # the narrow (date, text) index gives the matches already in date order
            source = "contribution c INDEXED BY contribution_search"
            clauses = search + clauses
        elif search:
            clauses.insert(0, "c.id IN (SELECT s.id FROM contribution s INDEXED BY "
                              f"contribution_search WHERE {' AND '.join(search)})")
        elif self.status in ("outstanding", "overdue") and self.sort_key == "date":
            source = "contribution c INDEXED BY contribution_open_by_date"  # pledges to come
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        return f"SELECT c.id FROM {source}{where} ORDER BY {self._order()}", params

    # Below this many matches SQLite sorts them itself; above, sorting them means reading the
    # sort column of each row from the wide table, so the ids are taken in the order of the
    # sort column's index instead, and kept if they match.
    SMALL = 3000

    def order_query(self) -> str:
        """All ids in the list's order, read from the sort column's index alone."""
        return f"SELECT c.id FROM contribution c ORDER BY {self._order()}"

    def _matching(self) -> set[int] | None:
        """The ids matching the filters and the search, each read from its own narrow index
        and intersected here; None when nothing filters."""
        found: list[set[int]] = []
        clauses, params = self._filters()
        if clauses:
            sql = f"SELECT c.id FROM contribution c WHERE {' AND '.join(clauses)}"
            found.append({row[0] for row in db.execute_sql(sql, params).fetchall()})
        search, params = self._search("c")
        if search:
            sql = ("SELECT c.id FROM contribution c INDEXED BY contribution_search "
                   f"WHERE {' AND '.join(search)}")
            found.append({row[0] for row in db.execute_sql(sql, params).fetchall()})
        if not found:
            return None
        found.sort(key=len)
        return found[0].intersection(*found[1:])

    def ids(self) -> list[int]:
        found = self._matching()
        if found is None:
            return self._ordered()
        if len(found) <= self.SMALL:  # few enough for SQLite to sort them by row id lookups
            # One query, not batches: SQLite orders them all at once (it takes up to 32,766
            # values since 3.32, more than SMALL).
            sql = self.order_query().replace(" ORDER BY",
                                             f" WHERE c.id IN ({placeholders(found)}) ORDER BY")
            return [row[0] for row in db.execute_sql(sql, list(found)).fetchall()] \
                if found else []
        return [number for number in self._ordered() if number in found]

    def ids_from(self, offset: int, limit: int) -> list[int]:
        """A page of the list. SQLite walks the sort column's index and stops once the page is
        full; only a search sorted by anything but the date first finds its matches (if they
        are few, they are sorted by looking each up)."""
        clauses, params = self._filters()
        search, search_params = self._search("c")
        if search and self.sort_key != "date":
            sql = ("SELECT c.id FROM contribution c INDEXED BY contribution_search "
                   f"WHERE {' AND '.join(search)} LIMIT {self.SMALL + 1}")
            found = [row[0] for row in db.execute_sql(sql, search_params).fetchall()]
            if len(found) <= self.SMALL:
                clauses.insert(0, f"c.id IN ({','.join(str(int(n)) for n in found)})")
                where = " WHERE " + " AND ".join(clauses)
                sql = (f"SELECT c.id FROM contribution c{where} ORDER BY {self._order()} "
                       f"LIMIT {int(limit)} OFFSET {int(offset)}")
                return [row[0] for row in db.execute_sql(sql, params).fetchall()]
        return super().ids_from(offset, limit)

    def _ordered(self) -> list[int]:
        """The whole list in order, kept until the data or the order changes."""
        conn = db.connection()
        stamp = (self.sort_key, self.descending, conn.total_changes,
                 conn.execute("PRAGMA data_version").fetchone()[0])
        if getattr(self, "_order_cache", (None,))[0] != stamp:
            ordered = [row[0] for row in conn.execute(self.order_query()).fetchall()]
            self._order_cache = (stamp, ordered)
        return self._order_cache[1]

    def totals_query(self) -> tuple[str, dict[str, Any]]:
        from cars_desktop.store.contributions import TOTALS_SQL

        clauses, params = self._filters()
        search, search_params = self._search("c")
        params.update(search_params)
        where = (" WHERE " + " AND ".join(search + clauses)) if search + clauses else ""
        # one pass over the table beats an index plus a lookup per row for sums
        index = " NOT INDEXED" if self.partner_id is None else ""
        return f"SELECT {TOTALS_SQL} FROM contribution c{index}{where}", params

    def totals_reader(self):
        """Adds up the list as it is asked for now, on any connection (a long list's totals
        are added up beside the window)."""
        from cars_desktop.store.contributions import totals_from_row

        sql, params = self.totals_query()
        return lambda connection: totals_from_row(connection.execute(sql, params).fetchone())

    def totals(self):
        return self.totals_reader()(db.connection())

    def total(self) -> int:
        return db.execute_sql("SELECT COUNT(*) FROM contribution").fetchone()[0]
