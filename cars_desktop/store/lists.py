"""The lists the app shows, as SQL: filtering and sorting happen in SQLite with indexes, and only
the rows on screen are read. A list gives the ordered ids of its rows (cheap: one integer
each) and then the display text of just the rows asked for. The one table model of the UI
serves any class shaped like `PartnerList`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cars_desktop.core import vocab
from cars_desktop.core.money import format_money
from cars_desktop.core.text import fold
from cars_desktop.store.models import db


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    align: str = "left"  # "left" or "right": numbers and money are right-aligned
    width: int = 120  # starting width in pixels; the user's own widths are remembered


@dataclass(frozen=True)
class Row:
    id: int
    cells: tuple[str, ...]
    muted: bool = False  # shown greyed (an archived partner)


class RecordList:
    """What the table model needs of a list. A list writes its SQL in `ids_query`."""

    columns: tuple[Column, ...] = ()
    sort_key = ""
    descending = False

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        """The SQL giving the ids of the rows, filtered and in order (timed alone, as the floor,
        by the benchmark)."""
        raise NotImplementedError

    def ids(self) -> list[int]:
        sql, params = self.ids_query()
        return [row[0] for row in db.execute_sql(sql, params).fetchall()]

    def rows(self, ids: list[int]) -> dict[int, Row]:
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PartnerList(RecordList):
    """The Partners tab: search, filters, sort, and what each row shows."""

    columns = (
        Column("name", "Name", width=240),
        Column("sector", "Sector", width=100),
        Column("type", "Type", width=80),
        Column("status", "Status", width=80),
        Column("contact", "Primary contact", width=170),
        Column("phone", "Phone", width=130),
        Column("last_contact", "Last contact", width=100),
        Column("given", "Given this year", "right", width=120),
    )

    # What each column sorts by; the partner's name breaks ties so the order is stable.
    _SORT_SQL = {
        "name": "p.sort_name",
        "sector": "p.sector",
        "type": "p.partnership_type",
        "status": "p.status",
        "contact": "COALESCE((SELECT c.sort_name FROM contact_person c WHERE c.partner_id = p.id"
                   " ORDER BY c.is_primary DESC, c.position LIMIT 1), '')",
        "phone": "p.phone",
        "last_contact": "COALESCE((SELECT MAX(i.date) FROM interaction i"
                        " WHERE i.partner_id = p.id), '')",
        "given": "COALESCE((SELECT SUM(g.amount_cents) FROM contribution g"
                 " WHERE g.partner_id = p.id AND g.status = 'received'"
                 " AND g.date_received BETWEEN :year_start AND :year_end), 0)",
    }

    def __init__(self, today: dt.date | None = None) -> None:
        self.search = ""
        self.sector: str | None = None
        self.partnership_type: str | None = None
        self.status: str | None = None
        self.show_archived = False
        self.sort_key = "name"
        self.descending = False
        self.today = today

    def _year(self) -> dict[str, str]:
        year = (self.today or dt.date.today()).year
        return {"year_start": f"{year}-01-01", "year_end": f"{year}-12-31"}

    def _where(self) -> tuple[str, dict[str, Any]]:
        clauses, params = [], {}
        for number, word in enumerate(fold(self.search).split()):
            clauses.append(f"p.search_text LIKE :w{number} ESCAPE '\\'")
            params[f"w{number}"] = like_pattern(word)
        for column, value in (("sector", self.sector), ("partnership_type", self.partnership_type),
                              ("status", self.status)):
            if value:
                clauses.append(f"p.{column} = :{column}")
                params[column] = value
        if not self.show_archived and self.status != "archived":
            clauses.append("p.status != 'archived'")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        where, params = self._where()
        direction = "DESC" if self.descending else "ASC"
        order = self._SORT_SQL[self.sort_key]
        if self.sort_key == "given":
            params.update(self._year())
        return (f"SELECT p.id FROM partner p{where} "
                f"ORDER BY {order} {direction}, p.sort_name, p.id"), params

    def rows(self, ids: list[int]) -> dict[int, Row]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        year = self._year()
        sql = f"""
            SELECT p.id, p.name, p.sector, p.partnership_type, p.status, c.name,
                   COALESCE(NULLIF(p.phone, ''), c.phone, ''),
                   (SELECT MAX(i.date) FROM interaction i WHERE i.partner_id = p.id),
                   (SELECT SUM(g.amount_cents) FROM contribution g
                     WHERE g.partner_id = p.id AND g.status = 'received'
                       AND g.date_received BETWEEN ? AND ?)
            FROM partner p
            LEFT JOIN contact_person c ON c.id = (
                SELECT c2.id FROM contact_person c2 WHERE c2.partner_id = p.id
                ORDER BY c2.is_primary DESC, c2.position LIMIT 1)
            WHERE p.id IN ({marks})"""
        found = {}
        args = [year["year_start"], year["year_end"], *ids]
        for pid, name, sector, ptype, status, contact, phone, last, given in \
                db.execute_sql(sql, args).fetchall():
            found[pid] = Row(pid, (
                name,
                vocab.SECTORS.label(sector),
                vocab.PARTNERSHIP_TYPES.label(ptype),
                vocab.PARTNER_STATUSES.label(status),
                contact or "",
                phone,
                last or "",
                format_money(given) if given else "",
            ), muted=status == "archived")
        return found

    def total(self) -> int:
        """Every partner, whatever the filters: tells "no partners yet" from "no match"."""
        return db.execute_sql("SELECT COUNT(*) FROM partner").fetchone()[0]
