"""Bank deposits (Contribution › Bank deposits…): each deposit with its gifts' total beside the
slip's, a new one entered at once, its list printed to keep with the slip, and its gifts shown
in the Contributions tab."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core.money import format_money
from cars_desktop.core.report_text import written_date
from cars_desktop.i18n import _, current_language
from cars_desktop.store import database, deposits
from cars_desktop.ui.pdf_preview import PdfPreview, unsaved_folder
from cars_desktop.ui.widgets import button_row, fit_to_screen


class DepositsWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Bank deposits"))
        self.show_gifts_of: int | None = None  # the deposit whose gifts were asked for
        self.preview: PdfPreview | None = None
        layout = QVBoxLayout(self)
        self.list = QTreeWidget()
        self.list.setObjectName("depositList")
        self.list.setAccessibleName(_("Bank deposits"))
        self.list.setAccessibleDescription(_("Each deposit, the latest first, with the total "
                                             "of its gifts and its slip's"))
        self.list.setHeaderLabels([_("Date"), _("Account"), _("Gifts"), _("Total"),
                                   _("Deposit slip"), _("Check")])
        self.list.setRootIsDecorated(False)
        self.list.itemActivated.connect(lambda _item, _column: self.print_list())
        layout.addWidget(self.list, 1)
        buttons, self.buttons = button_row((
            (_("&New deposit…"), "newDeposit", self.new),
            (_("&Print its list…"), "printDeposit", self.print_list),
            (_("Show its &gifts"), "depositGifts", self.show_gifts)))
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 760, 440)
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        self.list.clear()
        for found in deposits.deposits():
            item = QTreeWidgetItem([
                found.date.isoformat(), found.account, str(found.gifts),
                format_money(found.total_cents),
                format_money(found.slip_cents) if found.slip_cents else "—",
                "✓" if found.matches else _("differs by {gap}").format(
                    gap=format_money(abs(found.slip_cents - found.total_cents)))])
            item.setData(0, Qt.ItemDataRole.UserRole, found.id)
            for column in (2, 3, 4):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.list.addTopLevelItem(item)
            if found.id == select:
                self.list.setCurrentItem(item)
        for column in range(6):
            self.list.resizeColumnToContents(column)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        chosen = self.chosen() is not None
        self.buttons["newDeposit"].setEnabled(not database.opened_read_only())
        self.buttons["printDeposit"].setEnabled(chosen)
        self.buttons["depositGifts"].setEnabled(chosen)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def new(self) -> None:
        from cars_desktop.ui.deposit_dialog import DepositDialog

        dialog = DepositDialog(self)
        if dialog.exec() and dialog.saved_id:
            self.refresh(select=dialog.saved_id)
            self.print_list()

    def print_list(self) -> None:
        """The deposit's list in the preview that prints and saves it."""
        from cars_desktop.documents.deposit_list import write_deposit_list
        from cars_desktop.store.letters import letterhead
        from cars_desktop.ui.letters_window import letters_ready

        deposit_id = self.chosen()
        if deposit_id is None or not letters_ready(self, for_reports=True):
            return
        summary = deposits.deposit_summary(deposit_id)
        folder = Path(tempfile.mkdtemp(prefix="cars-deposit-", dir=unsaved_folder()))
        path = folder / _("Deposit {date}.pdf").format(date=summary.date)
        write_deposit_list(summary, deposits.gifts_of(deposit_id), letterhead(),
                           current_language(), path, summary.date)
        self.preview = PdfPreview(self, path, _("Bank deposit"), _(
            "The list of the deposit of {date}, to keep with its slip.").format(
            date=written_date(summary.date, current_language())))
        self.preview.show()

    def show_gifts(self) -> None:
        """Close, for the Contributions tab to show this deposit's gifts."""
        self.show_gifts_of = self.chosen()
        self.accept()
