"""What every list is made of. A list gives the ordered ids of its rows (cheap: one integer
each) and then the display text of just the rows asked for; the one table model of the UI
serves any `RecordList`.

A column carries everything about itself: its title, the SQL it shows (`select`), the SQL it
sorts by (`sort`) and how its value is written (`show`). Adding a column to a list is one
`Column(...)` line in that list's `columns`."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cars_desktop.store.models import db


def as_text(value: Any, row: dict[str, Any]) -> str:
    """The default way a value shows: as it is, nothing for NULL."""
    return "" if value is None else value


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    align: str = "left"  # "left", "right" (numbers and money) or "center" (a sign alone)
    width: int = 120  # starting width in pixels; the user's own widths are remembered
    tip: str = ""  # shown over the column's header
    sort: str = ""  # SQL the list is ordered by when this column is clicked
    select: str = ""  # SQL giving the column's raw value for a row
    # the raw value and the whole row (by key, with the list's extra values) -> the cell's text
    show: Callable[[Any, dict[str, Any]], str] = as_text


@dataclass(frozen=True)
class Row:
    id: int
    cells: tuple[str, ...]
    muted: bool = False  # shown greyed (an archived partner)
    tones: tuple[str, ...] = ()  # per cell: "good", "warn" or "" (colour beside the text)
    tips: tuple[str, ...] = ()  # per cell: what a pointer resting on it shows


class RecordList:
    """What the table model needs of a list. A list writes its SQL in `ids_query`; one worked
    out in Python instead says so with `in_memory` and gives its `ids()`."""

    columns: tuple[Column, ...] = ()
    sort_key = ""
    descending = False
    in_memory = False

    def ids_query(self) -> tuple[str, dict[str, Any]]:
        """The SQL giving the ids of the rows, filtered and in order (timed alone, as the floor,
        by the benchmark)."""
        raise NotImplementedError

    def ids(self) -> list[int]:
        sql, params = self.ids_query()
        return [row[0] for row in db.execute_sql(sql, params).fetchall()]

    def ids_from(self, offset: int, limit: int) -> list[int]:
        """At most `limit` ids from row `offset` on: the first screen of a long list is read
        without reading the whole list."""
        if self.in_memory:
            return self.ids()[offset:offset + limit]
        sql, params = self.ids_query()
        return [row[0] for row in db.execute_sql(
            f"{sql} LIMIT {int(limit)} OFFSET {int(offset)}", params).fetchall()]

    def count_reader(self) -> Callable[[sqlite3.Connection], int]:
        """Counts the list's rows as they are asked for now, on any connection (a long list's
        is counted beside the window)."""
        sql, params = self.ids_query()
        sql = f"SELECT COUNT(*) FROM ({without_order(sql)})"  # sorting first would double it
        return lambda connection: connection.execute(sql, params).fetchone()[0]

    def rows(self, ids: list[int]) -> dict[int, Row]:
        raise NotImplementedError

    def total(self) -> int:
        raise NotImplementedError

    def sort_sql(self) -> str:
        """The SQL of the column the list is sorted by."""
        return next(c.sort for c in self.columns if c.key == self.sort_key)


class SqlList(RecordList):
    """A list whose cells come straight from its columns' `select` SQL, one query per page."""

    source = ""  # FROM ... (with joins), the row's id being `id_sql`
    id_sql = ""
    extra: dict[str, str] = {}  # values a cell or the row needs beside the shown ones: key -> SQL

    def row_params(self) -> dict[str, Any]:
        """Named parameters the columns' SQL uses."""
        return {}

    def row_context(self) -> dict[str, Any]:
        """Values every row's `show` may read (today's date, say)."""
        return {}

    def muted(self, row: dict[str, Any]) -> bool:
        return False

    def rows(self, ids: list[int]) -> dict[int, Row]:
        if not ids:
            return {}
        keys = [c.key for c in self.columns] + list(self.extra)
        selects = [c.select for c in self.columns] + list(self.extra.values())
        marks = ",".join(str(int(number)) for number in ids)  # integers only: safe inline
        sql = (f"SELECT {self.id_sql}, {', '.join(selects)} FROM {self.source}"
               f" WHERE {self.id_sql} IN ({marks})")
        context = self.row_context()
        found = {}
        for record_id, *values in db.execute_sql(sql, self.row_params()).fetchall():
            row = {**context, **dict(zip(keys, values, strict=True))}
            cells = tuple(column.show(row[column.key], row) for column in self.columns)
            found[record_id] = Row(record_id, cells, muted=self.muted(row))
        return found


def without_order(sql: str) -> str:
    """`sql` without its own ORDER BY; one inside a subquery (a sort by a partner's primary
    contact) stays."""
    depth, quoted, cut = 0, False, len(sql)
    for at, char in enumerate(sql):
        if char == "'":
            quoted = not quoted
        elif quoted:
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif depth == 0 and sql.startswith(" ORDER BY ", at):
            cut = at
    return sql[:cut]


def like_pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
