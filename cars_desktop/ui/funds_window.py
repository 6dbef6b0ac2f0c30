"""Funds and campaigns (Contribution › Funds and campaigns…): each with its goal and how far
its gifts have brought it; a new one, a change, closing one that is over, and its gifts in
the Contributions tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core.money import format_money
from cars_desktop.core.validation import ValidationError
from cars_desktop.i18n import _
from cars_desktop.store import database, funds
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.form_dialog import FormDialog
from cars_desktop.ui.widgets import button_row, fit_to_screen, side_by_side


class FundsWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Funds and campaigns"))
        self.show_gifts_of: int | None = None  # the fund whose gifts the volunteer asked for
        layout = QVBoxLayout(self)
        self.list = QTreeWidget()
        self.list.setObjectName("fundList")
        self.list.setAccessibleName(_("Funds and campaigns"))
        self.list.setAccessibleDescription(_("Each fund or campaign with its goal and what "
                                             "its gifts have brought so far"))
        self.list.setHeaderLabels([_("Fund or campaign"), _("Goal"), _("Received"),
                                   _("Progress"), _("Still promised"), _("Ends"), _("Status")])
        self.list.setRootIsDecorated(False)
        self.list.itemActivated.connect(lambda _item, _column: self.edit())
        self.list.currentItemChanged.connect(lambda *_args: self._update())
        layout.addWidget(self.list, 1)
        buttons, self.buttons = button_row((
            (_("&New…"), "newFund", self.new),
            (_("&Change…"), "editFund", self.edit),
            (_("C&lose it"), "closeFund", self.close_or_reopen),
            (_("Show its &gifts"), "fundGifts", self.show_gifts)))
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 860, 460)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        current = select or self.chosen()
        self.list.clear()
        for fund in funds.funds():
            item = QTreeWidgetItem([
                fund.name, format_money(fund.goal_cents) if fund.goal_cents else "—",
                format_money(fund.raised_cents),
                f"{fund.percent} %" if fund.percent is not None else "—",
                format_money(fund.promised_cents) if fund.promised_cents else "—",
                fund.ends_on.isoformat() if fund.ends_on else "",
                _("closed") if fund.closed else _("open")])
            item.setData(0, Qt.ItemDataRole.UserRole, fund.id)
            item.setToolTip(0, fund.progress())
            for column in (1, 2, 3, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.list.addTopLevelItem(item)
            if fund.id == current:
                self.list.setCurrentItem(item)
        for column in range(7):
            self.list.resizeColumnToContents(column)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._update()

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _update(self) -> None:
        fund_id, writable = self.chosen(), not database.opened_read_only()
        self.buttons["newFund"].setEnabled(writable)
        for name in ("editFund", "closeFund"):
            self.buttons[name].setEnabled(writable and fund_id is not None)
        self.buttons["fundGifts"].setEnabled(fund_id is not None)
        item = self.list.currentItem()
        closed = item is not None and item.text(6) == _("closed")
        self.buttons["closeFund"].setText(_("Re&open it") if closed else _("C&lose it"))

    def new(self) -> None:
        dialog = FundDialog(self)
        if dialog.exec():
            self.refresh(select=dialog.saved_id)

    def edit(self) -> None:
        if self.chosen() is None or database.opened_read_only():
            return
        dialog = FundDialog(self, self.chosen())
        if dialog.exec():
            self.refresh()

    def close_or_reopen(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        closed = item.text(6) == _("closed")
        if not closed and messages.question(self, _("Close it"), _(
                "Close “{name}”? Its gifts keep it and its totals stay; new gifts are no "
                "longer offered it. It can be reopened.").format(name=item.text(0))) \
                != QMessageBox.StandardButton.Yes:
            return
        try:
            funds.set_closed(self.chosen(), not closed)
        except StoreError as err:
            messages.critical(self, _("Not changed"), str(err))
        self.refresh()

    def show_gifts(self) -> None:
        """Close, for the Contributions tab to show this fund's gifts."""
        self.show_gifts_of = self.chosen()
        self.accept()


class FundDialog(FormDialog):
    """A fund or campaign: its name, its goal, when it ends, notes."""

    def __init__(self, parent: QWidget | None = None, fund_id: int | None = None) -> None:
        super().__init__(parent)
        self.fund_id, self.saved_id = fund_id, None
        self.setWindowTitle(_("New fund or campaign") if fund_id is None
                            else _("Fund or campaign"))
        values = funds.load_fund(fund_id) if fund_id else {}
        form = QFormLayout()
        self.name = self.add_row(form, "name", _("&Name"), QLineEdit(values.get("name", "")))
        self.name.setPlaceholderText(_("Hall roof 2026, Food bank, Summer camp…"))
        self.goal = self.add_row(form, "goal", _("&Goal"), QLineEdit(values.get("goal", "")))
        self.goal.setPlaceholderText(_("for example 25 000 (leave empty for no goal)"))
        self.ends = QCheckBox(_("It &ends on"))
        self.ends.setChecked(values.get("ends_on") is not None)
        self.end_date = DateField(values.get("ends_on") or dt.date.today())
        self.end_date.setAccessibleName(_("Last day of the campaign"))
        self.end_date.setEnabled(self.ends.isChecked())
        self.ends.toggled.connect(self.end_date.setEnabled)
        self.add_row(form, "ends_on", "", side_by_side(self.ends, (self.end_date, 1)))
        self.notes = self.add_row(form, "notes", _("N&otes"),
                                  QPlainTextEdit(values.get("notes", "")))
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.remember_values()

    def values(self) -> dict:
        return {"name": self.name.text(), "goal": self.goal.text(),
                "ends_on": self.end_date.date().toPython() if self.ends.isChecked() else None,
                "notes": self.notes.toPlainText()}

    def save(self) -> None:
        if not self.ready_to_save():
            return
        try:
            self.saved_id = funds.save_fund(self.values(), self.fund_id)
        except ValidationError as err:
            first = self.show_errors(err.errors)
            if first is not None:
                first.setFocus()
            return
        except StoreError as err:
            messages.critical(self, _("Not saved"), str(err))
            return
        self.accept()
