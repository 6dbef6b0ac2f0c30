"""A bank deposit entered at once: the slip's date and total, then each cheque and cash gift
(partner, way, cheque number, amount; Enter adds it), with the running total against the
slip. Saved, it is one received gift per line, all found by the deposit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.money import format_money
from cars_desktop.core.validation import ValidationError
from cars_desktop.i18n import _
from cars_desktop.store import contributions, deposits, funds
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.form_dialog import FormDialog
from cars_desktop.ui.partner_picker import PartnerPicker
from cars_desktop.ui.widgets import ErrorLabel, fill_combo, fit_to_screen, set_combo

LINE_FIELDS = ("partner_id", "payment_method", "reference", "amount")


class DepositDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New bank deposit"))
        self.saved_id: int | None = None
        self.lines: list[deposits.DepositLine] = []
        head = QFormLayout()
        self.date = self.add_row(head, "date", _("&Date of the deposit"), DateField())
        self.date.setAccessibleName(_("Date of the deposit"))
        self.slip = self.add_row(head, "slip", _("Deposit &slip total"), QLineEdit())
        self.slip.setPlaceholderText(_("As written on the slip, to check against"))
        self.slip.textChanged.connect(self._show_total)
        self.account = self.add_row(head, "account", _("Acco&unt"), QLineEdit())
        self.account.setPlaceholderText(_("Which account, if the group has several"))

        entry = QGridLayout()
        self.partner = PartnerPicker()
        self.partner.setObjectName("depositPartner")
        self.method = QComboBox()
        self.method.setObjectName("depositMethod")
        fill_combo(self.method, vocab.PAYMENT_METHODS)
        set_combo(self.method, "cheque")
        self.reference = QLineEdit()
        self.reference.setObjectName("depositReference")
        self.reference.setPlaceholderText(_("Cheque no."))
        self.amount = QLineEdit()
        self.amount.setObjectName("depositAmount")
        self.amount.setPlaceholderText(_("Amount"))
        self.partner.chosen.connect(self._partner_chosen)
        self.pledge = QComboBox()
        self.pledge.setObjectName("depositPledge")
        self.fund = QComboBox()
        self.fund.setObjectName("depositFund")
        self._partner_chosen(None)
        self.add_button = QPushButton(_("&Add to the deposit"))
        self.add_button.setObjectName("addDepositLine")
        self.add_button.setDefault(True)  # Enter in any of the fields adds the line
        self.add_button.clicked.connect(self.add_line)
        for column, (text, widget, stretch) in enumerate((
                (_("&Partner"), self.partner, 4), (_("Pa&id by"), self.method, 2),
                (_("C&heque no."), self.reference, 2), (_("A&mount"), self.amount, 2))):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            entry.addWidget(label, 0, column)
            entry.addWidget(widget, 1, column)
            entry.setColumnStretch(column, stretch)
        entry.addWidget(self.add_button, 1, 4)
        for column, (text, widget) in enumerate(((_("Pa&ys toward"), self.pledge),
                                                 (_("&Fund or campaign"), self.fund))):
            label = QLabel(text)
            label.setBuddy(widget)
            widget.setAccessibleName(text.replace("&", ""))
            entry.addWidget(label, 2, column * 2)
            entry.addWidget(widget, 3, column * 2, 1, 2)
        self.line_error = ErrorLabel()

        self.list = QTreeWidget()
        self.list.setObjectName("depositLines")
        self.list.setAccessibleName(_("Gifts of the deposit"))
        self.list.setHeaderLabels([_("Partner"), _("Paid by"), _("Cheque no."), _("Amount")])
        self.list.setRootIsDecorated(False)
        self.list.header().setStretchLastSection(False)  # the amounts under their heading
        self.list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        remove = QPushButton(_("&Remove the selected gift"))
        remove.setObjectName("removeDepositLine")
        remove.setAutoDefault(False)
        remove.clicked.connect(self.remove_line)
        self.total = QLabel()
        self.total.setObjectName("depositTotal")
        self.total.setTextFormat(Qt.TextFormat.PlainText)
        self.total.setStyleSheet("font-weight: bold;")
        self.total_error = ErrorLabel()
        buttons = QDialogButtonBox()
        save = buttons.addButton(_("Sa&ve the deposit"), QDialogButtonBox.ButtonRole.AcceptRole)
        save.setObjectName("saveDeposit")
        save.setAutoDefault(False)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(entry)
        layout.addWidget(self.line_error)
        layout.addWidget(self.list, 1)
        layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.total)
        layout.addWidget(self.total_error)
        layout.addWidget(buttons)
        fit_to_screen(self, 820, 600)
        self._show_total()
        self.remember_values()
        self.partner.setFocus()

    def values(self) -> dict:
        return {"date": self.date.date().toPython(), "slip": self.slip.text(),
                "account": self.account.text(), "lines": list(self.lines)}

    def _partner_chosen(self, partner_id) -> None:
        """The partner's open pledges, to pay toward one; the funds still open."""
        self.pledge.clear()
        self.pledge.addItem(_("No pledge: a gift on its own"), None)
        for pledge in contributions.open_pledges(partner_id) if partner_id else []:
            self.pledge.addItem(pledge.label(), pledge.id)
        current = self.fund.currentData()
        self.fund.clear()
        self.fund.addItem(_("No fund or campaign"), None)
        for fund_id, name in funds.fund_choices():
            self.fund.addItem(name, fund_id)
        set_combo(self.fund, current)

    def add_line(self) -> None:
        """The typed gift, checked, onto the list; the fields empty for the next one."""
        try:
            line = deposits.check_line({
                "partner_id": self.partner.partner_id, "amount": self.amount.text(),
                "payment_method": self.method.currentData(),
                "reference": self.reference.text(), "pledge_id": self.pledge.currentData(),
                "fund_id": self.fund.currentData()}, self.date.date().toPython())
        except ValidationError as err:
            self.line_error.show_message(" ".join(
                err.errors[field] for field in LINE_FIELDS if field in err.errors)
                or " ".join(err.errors.values()))
            return
        self.line_error.show_message("")
        self.lines.append(line)
        item = QTreeWidgetItem([line.partner_name, vocab.PAYMENT_METHODS.label(
            line.payment_method) if line.payment_method else "—", line.reference,
            format_money(line.amount_cents)])
        item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight)
        self.list.addTopLevelItem(item)
        for column in range(1, 4):
            self.list.resizeColumnToContents(column)
        self.partner.set_partner(None)
        self.reference.clear()
        self.amount.clear()
        self._show_total()
        self.partner.setFocus()

    def remove_line(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            del self.lines[self.list.indexOfTopLevelItem(item)]
            self.list.takeTopLevelItem(self.list.indexOfTopLevelItem(item))
            self._show_total()

    def _show_total(self) -> None:
        try:
            slip = deposits.slip_cents(self.slip.text())
            self.errors["slip"].show_message("")
        except ValidationError as err:
            slip = 0
            self.errors["slip"].show_message(err.errors["slip"])
        self.total.setText(deposits.difference_said(
            sum(line.amount_cents for line in self.lines), slip))

    def save(self) -> None:
        if not self.ready_to_save():
            return
        if self.partner.text().strip() or self.amount.text().strip():
            self.line_error.show_message(_("A gift is typed but not added: add it with Enter, "
                                           "or clear it."))
            return
        try:
            slip = deposits.slip_cents(self.slip.text())
            self.saved_id = deposits.save_deposit(self.date.date().toPython(), self.lines,
                                                  slip, self.account.text())
        except ValidationError as err:
            self.total_error.show_message(" ".join(err.errors.values()))
            return
        except StoreError as err:
            messages.critical(self, _("Not saved"), _(
                "The deposit could not be saved, and nothing was changed.\n\n{err}").format(
                err=err))
            return
        self.accept()
