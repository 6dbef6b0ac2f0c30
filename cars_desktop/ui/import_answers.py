"""The questions an import's preview asks about one row: what a gift in another currency
was worth in Canadian dollars, and whose gift a bank deposit is."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from cars_desktop.core.money import MoneyError, format_amount, format_money, parse_money
from cars_desktop.exchange.plan import PlanRow
from cars_desktop.i18n import _
from cars_desktop.ui.partner_picker import PartnerPicker
from cars_desktop.ui.widgets import ErrorLabel, plain_label


class _Question(QDialog):
    """A question with one field, its error under it, OK and Cancel."""

    def __init__(self, parent: QWidget, title: str, question: str, field: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.field = field
        self.error = ErrorLabel()
        label = plain_label(question)
        label.setWordWrap(True)
        label.setBuddy(field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, field, self.error, buttons):
            layout.addWidget(widget)
        self.resize(460, self.sizeHint().height())

    def try_accept(self) -> None:
        problem = self.check()
        self.error.show_message(problem)
        if not problem:
            self.accept()

    def check(self) -> str:
        return ""


class AmountQuestion(_Question):
    def __init__(self, parent: QWidget, row: PlanRow) -> None:
        field = QLineEdit()
        field.setObjectName("dollarsReceived")
        super().__init__(parent, _("Amount in dollars"), _(
            "Line {line}: {name} gave {amount} {currency}. What was this gift worth in "
            "Canadian dollars, before the platform's fee? (the platform's or the bank's "
            "statement shows the conversion)").format(
            line=row.line, name=row.partner_name or "?",
            amount=format_amount(row.original_cents), currency=row.original_currency), field)
        field.setAccessibleName(_("Worth in Canadian dollars"))
        self.cents = 0

    def check(self) -> str:
        try:
            self.cents = parse_money(self.field.text())
        except MoneyError as err:
            return str(err)
        return "" if self.cents > 0 else _(
            "Enter what the gift was worth in dollars, more than zero.")


class PartnerQuestion(_Question):
    def __init__(self, parent: QWidget, row: PlanRow) -> None:
        field = PartnerPicker()
        field.setObjectName("whoseGift")
        super().__init__(parent, _("Whose gift is it?"), _(
            "Line {line}: {amount} from “{sender}”. Choose the partner who gave it; the "
            "same sender will go to this partner next time.").format(
            line=row.line, amount=format_money(row.amount_cents), sender=row.sender or "?"), field)
        field.setAccessibleName(_("Partner who gave"))
        if row.partner_id is not None:
            field.set_partner(row.partner_id)

    def check(self) -> str:
        return "" if self.field.partner_id is not None else _(
            "Choose a partner from the list (type part of its name). To add a new partner, "
            "use Partner › New partner first.")



def ask_dollars(parent: QWidget, rows: list[PlanRow]) -> dict[tuple[int, str], int]:
    """Ask for each row's Canadian dollars, one row after another; Cancel stops asking."""
    given = {}
    for row in rows:
        question = AmountQuestion(parent, row)
        if question.exec() != QDialog.DialogCode.Accepted:
            break
        given[(row.line, row.reference)] = question.cents
    return given


def ask_partners(parent: QWidget, rows: list[PlanRow]) -> dict[tuple[int, str], tuple[int, str]]:
    """Ask whose gift each row is; Cancel stops asking."""
    given = {}
    for row in rows:
        question = PartnerQuestion(parent, row)
        if question.exec() != QDialog.DialogCode.Accepted:
            break
        given[(row.line, row.reference)] = (question.field.partner_id, question.field.text())
    return given
