"""History: who changed what, when, on which laptop, from what to what; for one partner (with
its contact people, log, reviews and gifts), one contribution, or the whole group; and undoing
one change when nothing later depends on it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.i18n import _
from cars_desktop.store import history
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.widgets import ask, button_row, fit_to_screen, muted, plain_label, plain_tip

ROLE = Qt.ItemDataRole.UserRole


def local_time(stamp: str) -> str:
    """A change's stamp (UTC) as this laptop's clock shows it, to the minute."""
    try:
        when = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return when.strftime("%Y-%m-%d %H:%M")


def what_changed(change: history.Change) -> str:
    """"city: Rimouski → Matane; phone: — → (506) 555-0199", or the main values of a row
    added or deleted."""
    parts = []
    for column, before, after in history.shown_fields(change):
        label = history.field_label(column)
        if change.op == "update":
            parts.append(f"{label}: {history.shown_value(change, column, before)} → "
                         f"{history.shown_value(change, column, after)}")
        else:
            shown = after if change.op == "insert" else before
            parts.append(f"{label}: {history.shown_value(change, column, shown)}")
    if change.op == "erase":
        return _("what named the person was erased")
    return "; ".join(parts) if parts else ("—" if change.fields else _("details erased"))


class HistoryWindow(QDialog):
    """`loader()` gives the changes to list; `group` adds the filter by volunteer."""

    def __init__(self, parent: QWidget | None, title: str, loader, group: bool = False,
                 changed=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.loader, self.changed = loader, changed
        layout = QVBoxLayout(self)
        self.who = None
        if group:
            self.who = QComboBox()
            self.who.setObjectName("historyVolunteer")
            self.who.setAccessibleName(_("Whose changes"))
            label = QLabel(_("&Whose changes:"))
            label.setBuddy(self.who)
            self.who.addItem(_("Everyone's"), None)
            for name in history.volunteers():
                self.who.addItem(name, name)
            self.who.currentIndexChanged.connect(lambda _index: self.refresh())
            layout.addWidget(label)
            layout.addWidget(self.who)
        self.list = QTreeWidget()
        self.list.setObjectName("historyList")
        self.list.setAccessibleName(title)
        self.list.setAccessibleDescription(_("Each change: when, who, what, and its fields "
                                             "from what to what; newest first"))
        self.list.setHeaderLabels([_("When"), _("Who"), _("What"), _("Fields")])
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(False)
        self.list.currentItemChanged.connect(lambda *_args: self._update())
        layout.addWidget(self.list, 1)
        row, self.buttons = button_row(((_("&Undo this change…"), "undoChange", self.undo),))
        layout.addLayout(row)
        self.reason = muted(plain_label())
        self.reason.setObjectName("undoReason")
        layout.addWidget(self.reason)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 1000, 520)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        who = self.who.currentData() if self.who is not None else None
        for change in (self.loader(who) if self.who is not None else self.loader()):
            volunteer = change.volunteer or "—"
            if change.here:
                volunteer = _("{name} (this laptop)").format(name=volunteer)
            what = _("{did} {kind} {name}").format(
                did=_(history.OPS.get(change.op, change.op)),
                kind=_(history.TABLES.get(change.table, change.table)),
                name=change.row_name).strip()
            if change.undoes and change.undoes != "settled":
                what += " " + _("(an undo)")
            fields = what_changed(change)
            item = QTreeWidgetItem([local_time(change.stamp), volunteer, what, fields])
            item.setToolTip(3, plain_tip(fields))
            item.setToolTip(2, plain_tip(what))
            item.setData(0, ROLE, change)
            self.list.addTopLevelItem(item)
        for column, width in enumerate((130, 170, 260)):
            self.list.setColumnWidth(column, width)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update()

    def chosen(self) -> history.Change | None:
        item = self.list.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def _update(self) -> None:
        change = self.chosen()
        reason = history.why_not_undo(change) if change else _("Choose a change.")
        self.buttons["undoChange"].setEnabled(not reason)
        self.buttons["undoChange"].setToolTip(reason)
        self.reason.setText(reason if change else "")

    def undo(self) -> None:
        change = self.chosen()
        if change is None or history.why_not_undo(change):
            return
        if not ask(self, _("Undo this change?"),
                   _("This puts back what the change replaced:\n\n{what}").format(
                       what=what_changed(change)), _("&Undo it"), _("&Keep it")):
            return
        try:
            history.undo(change)
        except (history.CannotUndo, StoreError) as err:
            messages.warning(self, _("Not undone"), str(err))
            return
        if self.changed is not None:
            self.changed()
        self.refresh()


def partner_history(parent, partner_id: int, name: str, changed=None) -> HistoryWindow:
    return HistoryWindow(parent, _("History of {name}").format(name=name),
                         lambda: history.for_partner(partner_id), changed=changed)


def gift_history(parent, contribution_id: int, changed=None) -> HistoryWindow:
    return HistoryWindow(parent, _("History of this contribution"),
                         lambda: history.for_gift(contribution_id), changed=changed)


def recent_changes(parent, changed=None) -> HistoryWindow:
    return HistoryWindow(parent, _("Recent changes"),
                         lambda who: history.recent(500, who), group=True, changed=changed)
