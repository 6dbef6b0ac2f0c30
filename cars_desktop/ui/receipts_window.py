"""The official receipts window (Contribution › Official receipts…): the gifts of a year still
to receipt, issuing their receipts, and the register, where a receipt is reprinted as a
duplicate, cancelled or replaced, and the whole register saved for the accountant."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core.money import format_money
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import database, receipt_register
from cars_desktop.store import receipts as store
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.pdf_preview import PdfPreview, unsaved_folder
from cars_desktop.ui.widgets import fit_to_screen, plain_label


class ReceiptsWindow(QDialog):
    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Official receipts"))
        self.today = today or dt.date.today()
        self.preview: PdfPreview | None = None
        layout = QVBoxLayout(self)
        self.problem = plain_label("")
        self.problem.setObjectName("receiptsNotReady")
        self.problem.setWordWrap(True)
        layout.addWidget(self.problem)
        self.pages = QTabWidget()
        layout.addWidget(self.pages, 1)
        self.pages.addTab(self._to_issue_page(), _("&To issue"))
        self.pages.addTab(self._register_page(), _("Re&gister"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        fit_to_screen(self, 900, 620)
        self.refresh()

    # To issue

    def _to_issue_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        top = QHBoxLayout()
        self.year = QComboBox()
        self.year.setObjectName("receiptYear")
        self.year.setAccessibleName(_("Year of the gifts"))
        for year in range(self.today.year, self.today.year - 3, -1):
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(1 if self.today.month <= 2 else 0)  # early in the year:
        self.year.currentIndexChanged.connect(self.refresh)  # last year's receipts are due
        year_label = QLabel(_("Gifts received in &year"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch()
        self.issue_all = QPushButton(_("Issue the year's &receipts"))
        self.issue_all.setObjectName("issueYear")
        self.issue_all.setToolTip(_("A donor's cash gifts of the year on one receipt, each "
                                    "gift in kind on its own"))
        self.issue_all.clicked.connect(self.issue_year)
        self.issue_chosen = QPushButton(_("Issue for the &selected gifts"))
        self.issue_chosen.setObjectName("issueSelected")
        self.issue_chosen.clicked.connect(self.issue_selected)
        top.addWidget(self.issue_all)
        top.addWidget(self.issue_chosen)
        self.settings_button = QPushButton(_("Setti&ngs…"))
        self.settings_button.setObjectName("receiptSettings")
        self.settings_button.setToolTip(_("Where receipts are issued, how their numbers begin, "
                                          "both languages, the scanned signature"))
        self.settings_button.clicked.connect(self.edit_settings)
        top.addWidget(self.settings_button)
        column.addLayout(top)
        self.waiting = QTreeWidget()
        self.waiting.setObjectName("giftsToReceipt")
        self.waiting.setAccessibleName(_("Gifts to receipt"))
        self.waiting.setAccessibleDescription(_("The year's gifts that may have an official "
                                                "receipt and have none yet"))
        self.waiting.setHeaderLabels([_("Donor"), _("Received"), _("Amount"), _("Gift")])
        self.waiting.setRootIsDecorated(False)
        self.waiting.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.waiting.setToolTip(_("Double-click a gift to open it: its description, value or "
                                  "appraisal"))
        self.waiting.itemActivated.connect(self.open_gift)
        column.addWidget(self.waiting, 1)
        self.skipped = plain_label("")
        self.skipped.setObjectName("receiptsSkipped")
        self.skipped.setWordWrap(True)
        column.addWidget(self.skipped)
        return page

    def refresh(self) -> None:
        problem = store.not_ready()
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))
        self._fill_register()
        self.pages.setEnabled(problem is None or self.register.topLevelItemCount() > 0)
        read_only = database.opened_read_only()
        self.waiting.clear()
        skipped: list[str] = []
        gifts = store.waiting(self.year.currentData(), skipped, ask_appraisal=True) \
            if problem is None else []
        self.unanswered = {gift.id for gift in gifts if store.awaits_appraisal_answer(gift)}
        for gift in gifts:
            what = gift.description if gift.family == "in_kind" else _("Cash")
            if gift.id in self.unanswered:
                what = _("{gift} (no appraisal recorded)").format(gift=what)
            item = QTreeWidgetItem([gift.partner.name, gift.date.isoformat(),
                                    format_money(gift.amount_cents), what])
            item.setData(0, Qt.ItemDataRole.UserRole, gift.id)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            self.waiting.addTopLevelItem(item)
        for index in range(4):
            self.waiting.resizeColumnToContents(index)
        self.issue_all.setEnabled(bool(gifts) and not read_only)
        self.issue_chosen.setEnabled(bool(gifts) and not read_only)
        self.settings_button.setEnabled(not read_only)
        self._say_skipped(skipped)

    def _say_skipped(self, skipped: list[str]) -> None:
        shown = "\n".join(f"• {reason}" for reason in skipped[:8]) + (
            "\n" + ngettext("… and {n} more.", "… and {n} more.", len(skipped) - 8).format(
                n=format_count(len(skipped) - 8)) if len(skipped) > 8 else "")
        self.skipped.setText(_("Not receipted:") + "\n" + shown if skipped else "")
        self.skipped.setVisible(bool(skipped))

    def edit_settings(self) -> None:
        from cars_desktop.ui.receipt_settings import ReceiptSettingsDialog

        ReceiptSettingsDialog(self).exec()

    def issue_year(self) -> None:
        count = self.waiting.topLevelItemCount()
        year = self.year.currentData()
        answer = messages.question(
            self, _("Issue the year's receipts"), ngettext(
                "Issue the receipts for the {n} gift received in {year} that has none yet? "
                "Their numbers are given for good.",
                "Issue the receipts for the {n} gifts received in {year} that have none yet? "
                "A donor's cash gifts go on one receipt; their numbers are given for good.",
                count).format(n=format_count(count), year=year) + (
                "\n\n" + _("The year {year} is not over: its receipts would not hold the gifts "
                             "still to come.").format(year=year)
                if year >= self.today.year else ""))
        if answer == QMessageBox.StandardButton.Yes:
            self._issue(None)

    def issue_selected(self) -> None:
        chosen = [item.data(0, Qt.ItemDataRole.UserRole)
                  for item in self.waiting.selectedItems()]
        if not chosen:
            messages.information(self, _("Official receipts"),
                                    _("Select the gifts to receipt in the list first."))
            return
        self._issue(chosen)

    def open_gift(self, item: QTreeWidgetItem) -> None:
        """The gift in its window, to describe it, correct it or name its appraiser."""
        from cars_desktop.ui.contribution_dialog import ContributionDialog

        dialog = ContributionDialog(self, contribution_id=item.data(0, Qt.ItemDataRole.UserRole))
        if database.opened_read_only():
            dialog.show_only()
        if dialog.exec():
            self.refresh()

    def _appraisals_answered(self, chosen: list[int] | None) -> frozenset[int] | None:
        """Gifts in kind over $1,000 with no appraisal recorded: receipted saying so, or left
        out for now (the empty set). None: the volunteer cancelled."""
        ids = chosen if chosen is not None else [
            self.waiting.topLevelItem(row).data(0, Qt.ItemDataRole.UserRole)
            for row in range(self.waiting.topLevelItemCount())]
        unanswered = [gift for gift in ids if gift in self.unanswered]
        if not unanswered:
            return frozenset()
        box = messages.box(QMessageBox.Icon.Question, _("Gifts in kind not appraised"), ngettext(
            "{n} gift in kind is worth more than $1,000 and has no independent appraisal "
            "recorded.", "{n} gifts in kind are worth more than $1,000 and have no independent "
            "appraisal recorded.", len(unanswered)).format(n=format_count(len(unanswered)))
            + "\n\n" + _(
            "The CRA advises having such gifts appraised by a qualified person who is "
            "independent of the charity. If one was, open the gift (double-click it) and name "
            "the appraiser: the receipt gives their name and address. Otherwise its receipt "
            "can state the value the group set and say it was not appraised independently."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
            | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Issue, saying &not appraised"))
        box.button(QMessageBox.StandardButton.No).setText(_("&Leave them out for now"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return frozenset(unanswered) if answer == QMessageBox.StandardButton.Yes \
            else frozenset()

    def _issue(self, chosen: list[int] | None) -> None:
        unappraised = self._appraisals_answered(chosen)
        if unappraised is None:
            return
        # one transaction on this thread (its connection), the window kept drawing meanwhile
        waiting = QProgressDialog(_("Issuing the receipts…"), "", 0, 0, self)
        waiting.setWindowTitle(_("Official receipts"))
        waiting.setCancelButton(None)
        waiting.setMinimumDuration(300)
        waiting.setWindowModality(Qt.WindowModality.WindowModal)

        def moved(made: int, total: int) -> None:
            waiting.setMaximum(total)
            waiting.setValue(made)
            QApplication.processEvents()

        try:
            done = store.issue(self.today, chosen, None if chosen else self.year.currentData(),
                               unappraised, progress=moved)
        except StoreError as err:
            messages.critical(self, _("No receipt issued"), str(err))
            return
        finally:
            waiting.close()
        self.refresh()
        if done.skipped and chosen:
            self._say_skipped(done.skipped)
        if done.receipts:
            from cars_desktop.store.profile import group_profile

            unsigned = "" if group_profile().signature else " " + _(
                "They bear no scanned signature: sign each by hand before it goes out.")
            self._show([bytes(receipt.pdf) for receipt in done.receipts], _(
                "Official receipts"), ngettext(
                "<b>{n} receipt</b> issued and kept, ready to print: {serials}",
                "<b>{n} receipts</b> issued and kept, ready to print: {serials}",
                len(done.receipts)).format(n=format_count(len(done.receipts)),
                                           serials=_serials(done.receipts)) + unsigned)

    # The register

    def _register_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.register = QTreeWidget()
        self.register.setObjectName("receiptRegister")
        self.register.setAccessibleName(_("Register of receipts"))
        self.register.setAccessibleDescription(_("Every receipt issued or cancelled, in the "
                                                 "order of its number"))
        self.register.setHeaderLabels([_("Receipt"), _("Status"), _("Issued"), _("Donor"),
                                       _("Eligible amount"), _("Note")])
        self.register.setRootIsDecorated(False)
        column.addWidget(self.register, 1)
        buttons = QHBoxLayout()
        for text, name, slot in (
                (_("Print a &duplicate…"), "receiptDuplicate", self.duplicate),
                (_("&Cancel…"), "receiptCancel", self.cancel),
                (_("Re&place…"), "receiptReplace", self.replace),
                (_("Save the register (CS&V)…"), "receiptRegisterCsv", self.save_register),
                (_("Save a year's copies (&ZIP)…"), "receiptCopies", self.save_copies)):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        column.addLayout(buttons)
        return page

    def _fill_register(self) -> None:
        self.register.clear()
        for row in receipt_register.register_rows(checked=False):
            note = row.get("reason") or (_("replaces {serial}").format(serial=row["replaces"])
                                         if row.get("replaces") else "")
            cents = row.get("eligible_cents")
            item = QTreeWidgetItem([row["serial"], row["status"], row.get("issued_on", ""),
                                    row.get("donor", ""),
                                    format_money(cents) if cents is not None else "", note])
            item.setData(0, Qt.ItemDataRole.UserRole, row["serial"] if "kind" in row
                         else None)
            item.setTextAlignment(4, Qt.AlignmentFlag.AlignRight)
            self.register.addTopLevelItem(item)
        for index in range(6):
            self.register.resizeColumnToContents(index)

    def _chosen_serial(self) -> str | None:
        item = self.register.currentItem()
        serial = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if serial is None:
            messages.information(self, _("Official receipts"),
                                    _("Select a receipt in the register first."))
        return serial

    def duplicate(self) -> None:
        serial = self._chosen_serial()
        if serial:
            try:
                receipt, copy = store.duplicate_of(serial)
            except StoreError as err:
                messages.information(self, _("Official receipts"), str(err))
                return
            self._show([copy], _("Receipt {serial}, duplicate").format(
                serial=serial), _("<b>Receipt {serial}</b>, marked DUPLICATE, as it was "
                                  "issued on {date}.").format(serial=serial,
                                                              date=receipt.issued_on))

    def cancel(self) -> None:
        serial = self._chosen_serial()
        if not serial:
            return
        reason, given = QInputDialog.getText(
            self, _("Cancel receipt {serial}").format(serial=serial),
            _("Why is it cancelled (lost, spoiled, issued by mistake)? The receipt is kept in "
              "the register, marked cancelled."))
        if given:
            self._change(lambda: store.cancel(serial, reason, self.today))

    def replace(self) -> None:
        serial = self._chosen_serial()
        if not serial:
            return
        answer = messages.question(
            self, _("Replace receipt {serial}").format(serial=serial),
            _("Cancel receipt {serial} and issue a new one for the same gifts, as they are now "
              "(a corrected address or amount)? The new one says it cancels and replaces "
              "{serial}.").format(serial=serial))
        if answer == QMessageBox.StandardButton.Yes:
            new = self._change(lambda: store.replace(serial, self.today))
            if new is not None:
                self._show([bytes(new.pdf)], _("Official receipts"), _(
                    "<b>Receipt {serial}</b> issued in place of {old}, ready to print.").format(
                    serial=new.serial, old=serial))

    def _change(self, change):
        try:
            done = change()
        except StoreError as err:
            messages.critical(self, _("Not changed"), str(err))
            return None
        self.refresh()
        return done

    def save_register(self) -> None:
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Save the register of receipts"),
            str(Path.home() / _("Receipts register {date}.csv").format(date=self.today)),
            _("CSV files, for Excel or LibreOffice (*.csv)"))
        if path:
            try:
                count = receipt_register.write_register(Path(path))
            except OSError as err:
                messages.critical(self, _("Not saved"), err.strerror or str(err))
                return
            messages.information(self, _("Register saved"), ngettext(
                "{n} receipt saved to {path}.", "{n} receipts saved to {path}.", count).format(
                n=format_count(count), path=path))

    def save_copies(self) -> None:
        """Every receipt of a year as kept, and its register, for the accountant or an
        auditor."""
        years = sorted({int(row["year"]) for row in receipt_register.register_rows(
            checked=False) if "kind" in row}, reverse=True)
        if not years:
            messages.information(self, _("Official receipts"),
                                    _("No receipt has been issued yet."))
            return
        year = years[0]
        if len(years) > 1:
            chosen, given = QInputDialog.getItem(
                self, _("Save a year's copies"), _("The receipts numbered in the year"),
                [str(each) for each in years], 0, False)
            if not given:
                return
            year = int(chosen)
        path, _chosen = QFileDialog.getSaveFileName(
            self, _("Save a year's copies of the receipts"),
            str(Path.home() / _("Receipts {year}.zip").format(year=year)),
            _("ZIP files (*.zip)"))
        if path:
            try:
                count = receipt_register.write_copies(Path(path), year)
            except OSError as err:
                messages.critical(self, _("Not saved"), err.strerror or str(err))
                return
            messages.information(self, _("Copies saved"), ngettext(
                "{n} receipt numbered in {year}, exactly as kept, and the register saved to "
                "{path}.", "{n} receipts numbered in {year}, exactly as kept, and the register "
                "saved to {path}.",
                count).format(n=format_count(count), year=year, path=path))

    def _show(self, pdfs: list[bytes], title: str, summary: str) -> None:
        """The receipts as kept, in the preview that prints and saves them."""
        folder = Path(tempfile.mkdtemp(prefix="cars-letters-", dir=unsaved_folder()))
        receipt_register.write_together(pdfs, folder / "receipts.pdf")
        self.preview = PdfPreview(self, folder / "receipts.pdf", title, summary)
        self.preview.show()


def _serials(made) -> str:
    return ", ".join(receipt.serial for receipt in made[:6]) + (" …" if len(made) > 6 else "")
