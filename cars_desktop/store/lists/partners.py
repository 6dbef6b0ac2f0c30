"""The Partners tab's list: search, filters, sort, and what each row shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cars_desktop.core import counting, vocab
from cars_desktop.core.money import format_money
from cars_desktop.core.text import fold
from cars_desktop.i18n import N_
from cars_desktop.store.lists.base import Column, SqlList, like_pattern
from cars_desktop.store.models import db

# The primary contact (or the first one): `c` in the rows' query, a subquery when sorting.
_FIRST_CONTACT = ("(SELECT {field} FROM contact_person c WHERE c.partner_id = p.id"
                  " ORDER BY c.is_primary DESC, c.position LIMIT 1)")
_GIVEN = ("(SELECT SUM(g.amount_cents) FROM contribution g"
          f" WHERE g.partner_id = p.id AND {counting.where('support', 'g')}"
          " AND g.date BETWEEN :year_start AND :year_end)")


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
              " ORDER BY c2.is_primary DESC, c2.position LIMIT 1)")
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
        year = (self.today or dt.date.today()).year
        return {"year_start": f"{year}-01-01", "year_end": f"{year}-12-31"}

    def row_params(self) -> dict[str, Any]:
        return self._year()

    def muted(self, row: dict[str, Any]) -> bool:
        return row["status"] == "archived"

    def _where(self) -> tuple[str, dict[str, Any]]:
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
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        where, params = self._where()
        direction = "DESC" if self.descending else "ASC"
        if self.sort_key == "given":
            params.update(self._year())
        return (f"SELECT p.id FROM partner p{where} "
                f"ORDER BY {self.sort_sql()} {direction}, p.sort_name, p.id"), params

    def total(self) -> int:
        """Every partner, whatever the filters: tells "no partners yet" from "no match"."""
        return db.execute_sql("SELECT COUNT(*) FROM partner").fetchone()[0]

    def archived(self) -> int:
        return db.execute_sql(
            "SELECT COUNT(*) FROM partner WHERE status = 'archived'").fetchone()[0]

    def filtered(self) -> bool:
        """Whether anything but the default (all partners but the archived) is asked for."""
        return bool(self.search.strip() or self.sector or self.partnership_type or self.status)
