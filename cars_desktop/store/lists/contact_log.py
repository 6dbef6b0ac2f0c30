"""One partner's communication log, newest first."""

from __future__ import annotations

from typing import Any

from cars_desktop.core import vocab
from cars_desktop.i18n import N_
from cars_desktop.store.lists.base import Column, SqlList
from cars_desktop.store.models import db


class ContactLog(SqlList):
    columns = (
        Column("date", N_("Date"), width=95, sort="i.date", select="i.date"),
        Column("kind", N_("How"), width=90, sort="i.kind", select="i.kind",
               show=lambda v, row: vocab.INTERACTION_KINDS.label(v)),
        Column("who", N_("With"), width=140, sort="i.who COLLATE NOCASE", select="i.who"),
        Column("summary", N_("About"), width=320, sort="i.summary COLLATE NOCASE",
               select="i.summary", show=lambda v, row: " ".join(v.split())),
        Column("follow_up", N_("Follow up"), width=95, sort="i.follow_up", select="i.follow_up"),
    )
    source = "interaction i"
    id_sql = "i.id"

    def __init__(self) -> None:
        self.partner_id = -1
        self.sort_key = "date"
        self.descending = True

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        direction = "DESC" if self.descending else "ASC"
        return (f"SELECT i.id FROM interaction i WHERE i.partner_id = :partner ORDER BY "
                f"{self.sort_sql()} {direction}, i.id {direction}",
                {"partner": self.partner_id})

    def total(self) -> int:
        return db.execute_sql("SELECT COUNT(*) FROM interaction WHERE partner_id = ?",
                              (self.partner_id,)).fetchone()[0]
