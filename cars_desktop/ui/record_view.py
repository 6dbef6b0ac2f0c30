"""A list on screen: the table over the one table model, and in its place, when the list is
empty, a message that tells the volunteer what to do."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
)
from shiboken6 import isValid

from cars_desktop.store.lists import RecordList
from cars_desktop.store.models import db
from cars_desktop.ui.table_model import RecordTableModel
from cars_desktop.ui.worker import Job, read_beside


class RecordView(QStackedWidget):
    link_activated = Signal(str)  # a link in the empty-state message

    def __init__(self, records: RecordList, name: str, stretch_column: int = 0,
                 multi_select: bool = False) -> None:
        super().__init__()
        self.records = records
        self.model = RecordTableModel(records, self)
        self.table = QTableView()
        self.table.setObjectName(name)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection
                                    if multi_select else
                                    QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.verticalHeader().hide()
        # Fixed row height: no per-row measuring, so 100,000 rows scroll as fast as 10.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        title_room = header.fontMetrics()
        for number, column in enumerate(records.columns):
            # never narrower than its title and the sort arrow
            self.table.setColumnWidth(number, max(
                column.width, title_room.horizontalAdvance(column.title) + 36))
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        # The list's own order first: enabling sorting sorts by whatever the header shows.
        header.setSortIndicator(
            next(i for i, c in enumerate(records.columns) if c.key == records.sort_key),
            Qt.SortOrder.DescendingOrder if records.descending else Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        self._working: dict[str, Job] = {}  # what is being worked out beside
        self.empty = QLabel()
        self.empty.setObjectName(f"{name}Empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setStyleSheet("QLabel { font-size: 11pt; padding: 30px; }")
        self.empty.linkActivated.connect(self.link_activated)
        self.addWidget(self.table)
        self.addWidget(self.empty)

    def refresh(self, empty_text: str, select_id: int | None = None) -> int:
        """Read the list again, keeping (or moving to) the selected row; returns the rows."""
        keep = select_id if select_id is not None else self.selected_id()
        self.model.refresh()
        shown = self.model.rowCount()
        if shown:
            self.setCurrentWidget(self.table)
            row = self.model.row_of(keep) if keep is not None else None
            if row is not None:
                self.select_row(row)
        else:
            self.empty.setText(empty_text)
            self.setCurrentWidget(self.empty)
        return shown

    def when_counted(self, done: Callable[[int], None]) -> None:
        """Tell `done` how many rows the list has (see `work_out`)."""
        if self.model.complete:
            done(self.model.rowCount())
            return
        self.work_out("count", self.records.count_reader(), done)

    def count_into(self, label: QLabel, words: Callable[[int | None], str]) -> None:
        """`label` says `words(count)` of the list's rows, `words(None)` meanwhile."""
        if not self.model.complete:
            label.setText(words(None))
        self.when_counted(lambda count: label.setText(words(count)))

    def work_out(self, what: str, read: Callable[[sqlite3.Connection], Any],
                 done: Callable[[Any], None]) -> None:
        """Work out something of the whole list (its count, its totals) and give it to `done`:
        at once when every row was read, else beside the window, so that the list shows and
        the next keystroke is taken without waiting for it. Only the last asked is given."""
        job = self._working.pop(what, None)
        if job is not None:
            job.cancel()
        if self.model.complete:
            done(read(db.connection()))
            return
        self._working[what] = read_beside(read, lambda value: isValid(self) and done(value))

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.id_at(row) for row in rows]

    def selected_id(self) -> int | None:
        ids = self.selected_ids()
        return ids[0] if len(ids) == 1 else None
