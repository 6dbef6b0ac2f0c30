"""The one table model behind every list. It holds only the ordered ids of the rows; the text of
a row is read from SQL, a page at a time, when the view paints it. Sorting is handed to the
list's SQL, never done on Python rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from cars_desktop.i18n import _
from cars_desktop.store.lists import RecordList, Row
from cars_desktop.ui.widgets import plain_tip

PAGE = 200  # rows whose text is read at once, as the view paints them
FIRST = 500  # ids read at once: the first screen and a few more, so a long list shows at once
MORE = 5000  # then as many again each time the view is scrolled to the end of what was read
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class RecordTableModel(QAbstractTableModel):
    def __init__(self, records: RecordList, parent=None) -> None:
        super().__init__(parent)
        self.records = records
        self._ids: list[int] = []
        self._pages: dict[int, dict[int, Row]] = {}
        self._loaded = False  # no query until the view is set up and the first refresh asks
        self.complete = True  # every row's id was read (False: more come as the view scrolls)
        self._italic = QFont()
        self._italic.setItalic(True)

    # Reading

    def refresh(self) -> None:
        """Run the list's query again (after a search, a filter, a sort or a save)."""
        self.beginResetModel()
        self._loaded = True
        if self.records.in_memory:  # worked out in Python: there whole already
            self._ids, self.complete = self.records.ids(), True
        else:
            self._ids = self.records.ids_from(0, FIRST + 1)
            self.complete = len(self._ids) <= FIRST
            del self._ids[FIRST:]
        self._pages.clear()
        self.endResetModel()

    def _append(self, more: list[int], room: int) -> None:
        complete = len(more) <= room
        del more[room:]
        if more:
            first = len(self._ids)
            self._pages.pop(first // PAGE, None)  # a page read half full
            self.beginInsertRows(_ROOT, first, first + len(more) - 1)
            self._ids += more
            self.endInsertRows()
        self.complete = complete

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return self._loaded and not self.complete and not parent.isValid()

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if self.canFetchMore(parent):
            self._append(self.records.ids_from(len(self._ids), MORE + 1), MORE)

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        """The row of a record, reading the list down to it if it is further than was read
        (a record just saved, say); None when the list does not hold it."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            if self.complete:
                return None
        every = self.records.ids()
        if record_id not in every:
            return None
        rest = every[len(self._ids):]
        self._append(rest, rest.index(record_id) + FIRST)
        return self._ids.index(record_id)

    def _row(self, row: int) -> Row | None:
        page = row // PAGE
        if page not in self._pages:
            self._pages[page] = self.records.rows(self._ids[page * PAGE:(page + 1) * PAGE])
        return self._pages[page].get(self._ids[row])

    # QAbstractTableModel

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.records.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            record = self._row(index.row())
            text = record.cells[index.column()] if record else ""
            if role == Qt.ItemDataRole.ToolTipRole:
                if record and record.tips and record.tips[index.column()]:
                    return plain_tip(record.tips[index.column()])
                if len(text) < 30:
                    return None  # short text is never cut off: no tooltip needed
                return plain_tip(text)
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(self.records.columns[index.column()].align)
        if role in (Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole):
            record = self._row(index.row())
            tone = record.tones[index.column()] if record and record.tones else ""
            if tone and role == Qt.ItemDataRole.ForegroundRole:
                return _TONES[tone]
            if record and record.muted:
                if role == Qt.ItemDataRole.FontRole:
                    return self._italic
                # greyed, but still readable (the disabled colour is too faint to read)
                return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            column = self.records.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return _(column.title)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _alignment(column.align)
            if role == Qt.ItemDataRole.ToolTipRole and column.tip:
                return _(column.tip)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        wanted = (self.records.columns[column].key, order == Qt.SortOrder.DescendingOrder)
        if wanted == (self.records.sort_key, self.records.descending) and self._loaded:
            return  # setting up a view asks for the same sort several times
        self.records.sort_key, self.records.descending = wanted
        if self._loaded:
            self.refresh()


# Beside the words and signs, never instead of them: dark enough to read on white.
_TONES = {"good": QColor("#1b6e2e"), "warn": QColor("#a14d00")}


def _alignment(align: str) -> Qt.AlignmentFlag:
    horizontal = {"right": Qt.AlignmentFlag.AlignRight,
                  "center": Qt.AlignmentFlag.AlignHCenter}.get(align, Qt.AlignmentFlag.AlignLeft)
    return horizontal | Qt.AlignmentFlag.AlignVCenter
