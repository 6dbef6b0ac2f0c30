"""The Maintenance tab's grid: formal partnerships as rows, the checklist's practices as
columns, each cell the mark of the latest review, in words and a sign as well as colour."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cars_desktop.core import vocab
from cars_desktop.i18n import N_, _
from cars_desktop.store.batches import batches, placeholders
from cars_desktop.store.lists.base import Column, RecordList, Row
from cars_desktop.store.models import db

# the latest review of each partner, and its next date, are kept on the partner
_LAST_DATE = "(SELECT r.date FROM review r WHERE r.id = p.latest_review_id)"


def _practice_sort(practice_id: int) -> str:
    """Attention first, then done, then not applicable, then not reviewed."""
    return ("COALESCE((SELECT CASE ri.mark WHEN 'attention' THEN 0 WHEN 'done' THEN 1"
            f" ELSE 2 END FROM review_item ri WHERE ri.review_id = p.latest_review_id"
            f" AND ri.practice_id = {int(practice_id)}), 3)")


class ReviewGrid(RecordList):
    # a sign alone, so the whole checklist fits a laptop's width: its words are in the
    # cell's tooltip and in the legend under the grid
    SIGNS = {"done": ("✓", "good"), "attention": ("⚠", "warn"), "na": ("–", "")}

    def __init__(self, today: dt.date | None = None) -> None:
        self.sector: str | None = None
        self.overdue_only = False
        self.sort_key = "name"
        self.descending = False
        self.today = today
        self.reload_practices()

    def reload_practices(self) -> None:
        from cars_desktop.store.maintenance import practices

        self.practices = practices()
        self.columns = (
            Column("name", N_("Partner"), width=230, sort="p.sort_name"),
            Column("last", N_("Last review"), width=95, sort=f"COALESCE({_LAST_DATE}, '')"),
            Column("due", N_("Next due"), width=95, sort="COALESCE(p.review_due, '')"),
            *(Column(f"p{p.id}", f"{number}. {p.text}", "center", width=36,
                     tip=p.text, sort=_practice_sort(p.id))
              for number, p in enumerate(self.practices, start=1)),
        )

    def _today(self) -> str:
        return (self.today or dt.date.today()).isoformat()

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        clauses = ["p.partnership_type = 'formal'", "p.status != 'archived'"]
        params: dict[str, Any] = {}
        if self.sector:
            clauses.append("p.sector = :sector")
            params["sector"] = self.sector
        if self.overdue_only:
            clauses.append("COALESCE(p.review_due, '') < :today")
            params["today"] = self._today()
        direction = "DESC" if self.descending else "ASC"
        return (f"SELECT p.id FROM partner p WHERE {' AND '.join(clauses)} "
                f"ORDER BY {self.sort_sql()} {direction}, p.sort_name, p.id"), params

    def rows(self, ids: list[int]) -> dict[int, Row]:
        from cars_desktop.store.maintenance import latest_reviews

        if not ids:
            return {}
        latest = latest_reviews(ids)
        names = {}
        for part in batches(ids):
            names.update(db.execute_sql(
                f"SELECT id, name FROM partner WHERE id IN ({placeholders(part)})",
                part).fetchall())
        today = self.today or dt.date.today()
        found = {}
        for pid in ids:
            review = latest[pid]
            cells, tones, tips = [names.get(pid, ""), "", ""], ["", "", ""], ["", "", ""]
            if review.date:
                cells[1] = review.date.isoformat()
                cells[2] = review.next_due.isoformat() if review.next_due else ""
                if review.overdue(today):
                    cells[2] = f"⚠ {cells[2]}"
                    tones[2] = "warn"
                    tips[2] = _("The review is overdue")
            else:
                cells[1], cells[2], tones[2] = _("never"), _("⚠ now"), "warn"
            for practice in self.practices:
                mark = review.marks.get(practice.id)
                text, tone = self.SIGNS.get(mark.mark, ("", "")) if mark else ("", "")
                cells.append(text)
                tones.append(tone)
                label = vocab.REVIEW_MARKS.label(mark.mark) if mark else _("Not reviewed")
                tips.append(f"{practice.text}: {label}" +
                            (f" — {mark.note}" if mark and mark.note else ""))
            found[pid] = Row(pid, tuple(cells), tones=tuple(tones), tips=tuple(tips))
        return found

    def total(self) -> int:
        return db.execute_sql("SELECT COUNT(*) FROM partner WHERE partnership_type = 'formal'"
                              " AND status != 'archived'").fetchone()[0]
