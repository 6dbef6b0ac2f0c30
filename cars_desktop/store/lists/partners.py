"""The Partners tab's list: search, filters, sort, and what each row shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cars_desktop.core import vocab
from cars_desktop.core.money import format_money
from cars_desktop.core.text import fold
from cars_desktop.i18n import N_
from cars_desktop.store.lists.base import Column, SqlList, like_pattern
from cars_desktop.store.models import ContactPerson, db

# The primary contact (or the first one; ContactPerson's order, alike on every
# laptop): `c` in the rows' query, a subquery when sorting.
_FIRST_CONTACT = ("(SELECT {field} FROM contact_person c WHERE c.partner_id = p.id"
                  f" ORDER BY {ContactPerson.order_sql('c')} LIMIT 1)")
# what the partner gave this year, kept by the data file (store.kept_values)
_GIVEN = ("(SELECT y.given_cents FROM partner_year y WHERE y.partner_id = p.id"
          " AND y.year = :year)")


class PartnerList(SqlList):
    # the partner's name breaks ties in every sort, so the order is stable
    columns = (
        Column("name", N_("Name"), width=240, sort="p.sort_name", select="p.name"),
        Column("sector", N_("Sector"), width=100, sort="p.sector", select="p.sector",
               show=lambda v, row: vocab.SECTORS.label(v)),
        Column("type", N_("Type"), width=80, sort="p.partnership_type", select="p.partnership_type",
               show=lambda v, row: vocab.PARTNERSHIP_TYPES.label(v)),
        Column("status", N_("Status"), width=90, sort="p.status", select="p.status",
               show=lambda v, row: vocab.PARTNER_STATUSES.label(v)),
        Column("contact", N_("Primary contact"), width=170, sort="p.contact_sort",
               select="c.name"),
        Column("phone", N_("Phone"), width=130,
               sort=f"COALESCE(NULLIF(p.phone, ''), {_FIRST_CONTACT.format(field='c.phone')}, '')",
               select="COALESCE(NULLIF(p.phone, ''), c.phone, '')"),
        Column("last_contact", N_("Last contact"), width=100, sort="p.last_contact_on",
               select="p.last_contact_on"),
        Column("given", N_("Given this year"), "right", width=120,
               sort=f"COALESCE({_GIVEN}, 0)", select=_GIVEN,
               show=lambda v, row: format_money(v) if v else ""),
    )
    source = ("partner p LEFT JOIN contact_person c ON c.id = ("
              "SELECT c2.id FROM contact_person c2 WHERE c2.partner_id = p.id"
              f" ORDER BY {ContactPerson.order_sql('c2')} LIMIT 1)")
    id_sql = "p.id"

    def __init__(self, today: dt.date | None = None) -> None:
        self.search = ""
        self.sector: str | None = None
        self.partnership_type: str | None = None
        self.status: str | None = None  # None: all but archived; "all": archived too
        self.sort_key = "name"
        self.descending = False
        self.today = today

    def _year(self) -> dict[str, str]:
        return {"year": str((self.today or dt.date.today()).year)}

    def row_params(self) -> dict[str, Any]:
        return self._year()

    def muted(self, row: dict[str, Any]) -> bool:
        return row["status"] == "archived"

    def _where(self) -> tuple[str, dict[str, Any]]:
        clauses, params = self._clauses()
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _clauses(self) -> tuple[list[str], dict[str, Any]]:
        clauses, params = [], {}
        for number, word in enumerate(fold(self.search).split()):
            clauses.append(f"p.search_text LIKE :w{number} ESCAPE '\\'")
            params[f"w{number}"] = like_pattern(word)
        for column, value in (("sector", self.sector), ("partnership_type", self.partnership_type),
                              ("status", self.status if self.status != "all" else None)):
            if value:
                clauses.append(f"p.{column} = :{column}")
                params[column] = value
        if self.status is None:
            clauses.append("p.status != 'archived'")
        return clauses, params

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        where, params = self._where()
        direction = "DESC" if self.descending else "ASC"
        if self.sort_key == "given":
            params.update(self._year())
        return (f"SELECT p.id FROM partner p{where} "
                f"ORDER BY {self.sort_sql()} {direction}, p.sort_name, p.id"), params

    def ids_from(self, offset: int, limit: int) -> list[int]:
        """A page; by what was given this year, read in the order of the yearly totals' index:
        those who gave (the most first), then those who gave nothing this year (by name), then
        any whose gifts this year add up below zero; the other way round going up."""
        if self.sort_key != "given":
            return super().ids_from(offset, limit)
        clauses, params = self._clauses()
        params.update(self._year())
        direction = "DESC" if self.descending else "ASC"
        gave = ("SELECT p.id FROM partner_year y INDEXED BY partner_year_given"
                " JOIN partner p ON p.id = y.partner_id WHERE "
                + " AND ".join(["y.year = :year", "y.given_cents {sign} 0", *clauses])
                + f" ORDER BY y.given_cents {direction}, p.sort_name, p.id")
        nothing = ("SELECT p.id FROM partner p WHERE " + " AND ".join([
            "NOT EXISTS (SELECT 1 FROM partner_year y WHERE y.partner_id = p.id"
            " AND y.year = :year)", *clauses]) + " ORDER BY p.sort_name, p.id")
        parts = [gave.format(sign=">"), nothing, gave.format(sign="<")]
        found: list[int] = []
        for sql in parts if self.descending else reversed(parts):
            if len(found) >= limit:
                break
            page = [row[0] for row in db.execute_sql(
                f"{sql} LIMIT {int(limit - len(found))} OFFSET {int(offset)}", params)]
            if page:
                found += page
                offset = 0
            else:  # the whole part comes before the page
                offset -= db.execute_sql(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0]
                offset = max(offset, 0)
        return found

    def total(self) -> int:
        """Every partner, whatever the filters: tells "no partners yet" from "no match"."""
        return db.execute_sql("SELECT COUNT(*) FROM partner").fetchone()[0]

    def archived(self) -> int:
        return db.execute_sql(
            "SELECT COUNT(*) FROM partner WHERE status = 'archived'").fetchone()[0]

    def filtered(self) -> bool:
        """Whether anything but the default (all partners but the archived) is asked for."""
        return bool(self.search.strip() or self.sector or self.partnership_type or self.status)
