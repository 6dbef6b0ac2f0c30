"""Changes to settle: each field two laptops changed without seeing each other's change, with
both values, who gave each and when. The later value is in place until a volunteer keeps one;
the choice travels to the other laptops with the next sharing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.i18n import _
from cars_desktop.store import history
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.history_window import local_time
from cars_desktop.ui.widgets import button_row, fit_to_screen, muted, plain_label, plain_tip

ROLE = Qt.ItemDataRole.UserRole


class SettleWindow(QDialog):
    def __init__(self, parent: QWidget | None, changed=None) -> None:
        super().__init__(parent)
        self.changed = changed
        self.setWindowTitle(_("Changes to settle"))
        layout = QVBoxLayout(self)
        explain = muted(plain_label(_(
            "Two laptops changed the same field before sharing. The later value is in place; "
            "choose the one to keep. Your choice reaches the other laptops the next time "
            "changes are shared.")))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        self.list = QTreeWidget()
        self.list.setObjectName("settleList")
        self.list.setAccessibleName(_("Changes to settle"))
        self.list.setAccessibleDescription(_("Each field changed on two laptops, with its "
                                             "values below it: who gave each, and when"))
        self.list.setHeaderLabels([_("Record and field"), _("Value"), _("Who"), _("When"),
                                   _("Now")])
        self.list.currentItemChanged.connect(lambda *_args: self._update())
        self.list.itemActivated.connect(lambda _item, _column: self.keep())
        layout.addWidget(self.list, 1)
        row, self.buttons = button_row(((_("&Keep this value"), "keepValue", self.keep),))
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 900, 460)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for item in history.to_settle():
            change = history.Change(0, "", 0, "", "", item.table, item.row_uuid, "update",
                                    {}, "", item.row_name)
            top = QTreeWidgetItem([_("{kind} {name}: {field}").format(
                kind=_(history.TABLES.get(item.table, item.table)), name=item.row_name,
                field=history.field_label(item.column)).strip(), "", "", "", ""])
            top.setFirstColumnSpanned(False)
            for index, choice in enumerate(item.choices):
                shown = history.shown_value(change, item.column, choice["value"])
                child = QTreeWidgetItem(["", shown, choice["volunteer"] or "—",
                                         local_time(choice["stamp"]),
                                         _("in place") if choice["value"] == item.current
                                         else ""])
                child.setToolTip(1, plain_tip(shown))
                child.setData(0, ROLE, (item, index))
                top.addChild(child)
            self.list.addTopLevelItem(top)
            top.setExpanded(True)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        first = self.list.topLevelItem(0)
        if first is not None and first.childCount():
            self.list.setCurrentItem(first.child(0))
        self._update()

    def _update(self) -> None:
        current = self.list.currentItem()
        self.buttons["keepValue"].setEnabled(
            current is not None and current.data(0, ROLE) is not None)

    def keep(self) -> None:
        current = self.list.currentItem()
        chosen = current.data(0, ROLE) if current is not None else None
        if chosen is None:
            return
        item, index = chosen
        try:
            history.settle(item, index)
        except StoreError as err:
            messages.warning(self, _("Not settled"), str(err))
            return
        if self.changed is not None:
            self.changed()
        self.refresh()
