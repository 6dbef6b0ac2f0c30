"""Instalments and monthly gifts (Contribution › Instalments and monthly gifts…): each schedule
with what was paid and when the next payment falls due; a new one; the payments due, marked
received in one step; ending one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.money import format_money
from cars_desktop.core.schedules import FREQUENCIES
from cars_desktop.core.validation import ValidationError
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import contributions, database, schedules
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.form_dialog import FormDialog
from cars_desktop.ui.partner_picker import PartnerPicker
from cars_desktop.ui.widgets import ErrorLabel, button_row, fill_combo, fit_to_screen, side_by_side


def _tree(name: str, accessible: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setAccessibleName(accessible)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    return tree


class SchedulesWindow(QDialog):
    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Instalments and monthly gifts"))
        self.today = today or dt.date.today()
        layout = QVBoxLayout(self)
        self.list = _tree("scheduleList", _("Instalments and monthly gifts"), [
            _("Partner"), _("What"), _("How often"), _("Paid"), _("Next payment"), _("Late")])
        layout.addWidget(self.list, 1)
        buttons, self.buttons = button_row((
            (_("&New…"), "newSchedule", self.new),
            (_("Payments &due…"), "paymentsDue", self.payments_due),
            (_("&End it"), "endSchedule", self.end)))
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 860, 440)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for found in schedules.schedules(self.today):
            paid = f"{found.paid} / {found.count}" if found.count else str(found.paid)
            item = QTreeWidgetItem([
                found.partner_name, found.what, found.frequency, paid,
                _("ended {date}").format(date=found.ended_on) if found.ended_on else
                found.next_due.isoformat() if found.next_due else "—",
                str(found.overdue) if found.overdue else ""])
            item.setData(0, Qt.ItemDataRole.UserRole, found.id)
            self.list.addTopLevelItem(item)
        for column in range(6):
            self.list.resizeColumnToContents(column)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        writable = not database.opened_read_only()
        for button in self.buttons.values():
            button.setEnabled(writable)
        self.buttons["endSchedule"].setEnabled(writable and self.list.currentItem() is not None)

    def new(self) -> None:
        if ScheduleDialog(self, self.today).exec():
            self.refresh()

    def payments_due(self) -> None:
        DueDialog(self, self.today).exec()
        self.refresh()

    def end(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        answer = messages.question(self, _("End it"), _(
            "No more payments of {partner} will fall due after today. Those received are "
            "kept.").format(partner=item.text(0)))
        if answer == QMessageBox.StandardButton.Yes:
            schedules.end(item.data(0, Qt.ItemDataRole.UserRole), self.today)
            self.refresh()


class ScheduleDialog(FormDialog):
    """A pledge's instalments, or a gift that comes again and again."""

    def __init__(self, parent: QWidget | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New schedule"))
        self.form = form = QFormLayout()
        self.partner = self.add_row(form, "partner_id", _("&Partner"), PartnerPicker())
        self.partner.chosen.connect(self._partner_changed)
        self.of_pledge = QRadioButton(_("Ins&talments of a pledge"))
        self.of_pledge.setObjectName("ofPledge")
        self.gift = QRadioButton(_("A gift that comes &again (a monthly debit)"))
        self.gift.setObjectName("comesAgain")
        self.of_pledge.setChecked(True)
        self.of_pledge.toggled.connect(self._update)
        self.add_row(form, "kind", "", side_by_side(self.of_pledge, self.gift))
        self.pledge = self.add_row(form, "pledge_id", _("Pl&edge"), QComboBox())
        self.amount = self.add_row(form, "amount", _("Amo&unt of each"), QLineEdit())
        self.frequency = self.add_row(form, "frequency", _("&How often"), QComboBox())
        fill_combo(self.frequency, FREQUENCIES)
        self.first_due = self.add_row(form, "first_due", _("&First one due"), DateField(today))
        self.first_due.setAccessibleName(_("First one due"))
        self.count = self.add_row(form, "count", _("&Number of payments"), QSpinBox())
        self.count.setRange(0, schedules.MOST_PAYMENTS)
        self.count.setSpecialValueText(_("No end"))
        self.count.setValue(12)
        self.method = self.add_row(form, "payment_method", _("Pa&id by"), QComboBox())
        self.method.addItem("—", "")
        fill_combo(self.method, vocab.PAYMENT_METHODS, clear=False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(540)
        self._partner_changed(None)
        self.remember_values()

    def _partner_changed(self, partner_id) -> None:
        self.pledge.clear()
        for pledge in contributions.open_pledges(partner_id) if partner_id else []:
            self.pledge.addItem(pledge.label(), pledge.id)
        self._update()

    def _update(self) -> None:
        of_pledge = self.of_pledge.isChecked()
        for field, shown in (("pledge_id", of_pledge), ("amount", not of_pledge)):
            self.form.setRowVisible(self.fields[field], shown)
        self.count.setMinimum(2 if of_pledge else 0)

    def values(self) -> dict:
        return {"partner_id": self.partner.partner_id, "frequency": self.frequency.currentData(),
                "pledge_id": self.pledge.currentData() if self.of_pledge.isChecked() else None,
                "amount": "" if self.of_pledge.isChecked() else self.amount.text(),
                "first_due": self.first_due.date().toPython(), "count": self.count.value(),
                "payment_method": self.method.currentData()}

    def save(self) -> None:
        if not self.ready_to_save():
            return
        values = self.values()
        if self.of_pledge.isChecked() and values["pledge_id"] is None:
            self.show_errors({"pledge_id": _("This partner has no pledge still to come.")})
            return
        try:
            schedules.save_schedule(values)
        except ValidationError as err:
            first = self.show_errors(err.errors)
            if first is not None:
                first.setFocus()
            return
        except StoreError as err:
            messages.critical(self, _("Not saved"), str(err))
            return
        self.accept()


class DueDialog(QDialog):
    """The payments fallen due, each ticked; those that came in are marked received at once."""

    def __init__(self, parent: QWidget | None, today: dt.date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Payments due"))
        self.payments = schedules.due(today)
        layout = QVBoxLayout(self)
        self.list = _tree("paymentsDue", _("Payments due"), [_("Payment"), _("Amount")])
        for payment in self.payments:
            item = QTreeWidgetItem([payment.said(), format_money(payment.amount_cents)])
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            self.list.addTopLevelItem(item)
        self.list.resizeColumnToContents(0)
        self.list.itemChanged.connect(self._show_total)
        layout.addWidget(self.list, 1)
        self.total = QLabel()
        self.total.setObjectName("tickedTotal")
        self.total.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.total)
        # a debit comes out on its date; a cheque is dated when it came
        self.on_due = QRadioButton(_("Received on their due &dates"))
        self.on_due.setObjectName("onDueDates")
        self.on_day = QRadioButton(_("All received &on"))
        self.on_due.setChecked(True)
        self.day = DateField(today)
        self.day.setAccessibleName(_("Received on"))
        self.day.setEnabled(False)
        self.on_day.toggled.connect(self.day.setEnabled)
        self.mark = QPushButton(_("&Mark the ticked ones received"))
        self.mark.setObjectName("markReceived")
        self.mark.setEnabled(bool(self.payments))
        self.mark.clicked.connect(self.mark_received)
        layout.addWidget(side_by_side(self.on_due, self.on_day, (self.day, 1), self.mark))
        self._show_total()
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 640, 420)

    def _ticked(self) -> list:
        return [payment for row, payment in enumerate(self.payments)
                if self.list.topLevelItem(row).checkState(0) == Qt.CheckState.Checked]

    def _show_total(self) -> None:
        ticked = self._ticked()
        self.total.setText(ngettext("{n} payment ticked: {amount}",
                                    "{n} payments ticked: {amount}", len(ticked)).format(
            n=len(ticked), amount=format_money(sum(p.amount_cents for p in ticked))))

    def mark_received(self) -> None:
        ticked = self._ticked()
        if not ticked:
            self.error.show_message(_("Tick the payments that came in."))
            return
        try:
            made = schedules.mark_received(
                ticked, self.day.date().toPython() if self.on_day.isChecked() else None)
        except (ValidationError, StoreError) as err:
            self.error.show_message(str(err))
            return
        messages.information(self, _("Payments due"), ngettext(
            "{n} payment marked received.", "{n} payments marked received.", len(made)).format(
            n=len(made)))
        self.accept()
