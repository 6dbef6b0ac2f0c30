"""Mailing labels and envelopes from the window: for whom (the partners selected, the thank-you
queue, every active partner), on which sheet and from which label of a part-used one; then the
PDF, previewed with Print and Save as."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core.label_sheets import SHEETS, Sheet
from cars_desktop.core.letter_text import written_date
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, current_language, ngettext
from cars_desktop.store import labels as store
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.pdf_preview import PdfPreview, make_pdf, unprintable_notes
from cars_desktop.ui.widgets import ErrorLabel, fit_to_screen, muted


def open_labels(window) -> LabelsDialog:
    """From the Partner menu: the partners selected in the Partners tab are offered first."""
    dialog = LabelsDialog(window, window.partners.view.selected_ids())
    dialog.open()
    return dialog


class LabelsPreview(PdfPreview):
    """The labels as they will print; envelopes go to the printer as #10 envelopes, lying."""

    def __init__(self, parent: QWidget, pdf, title: str, summary: str, sheet: Sheet) -> None:
        self.sheet = sheet
        super().__init__(parent, pdf, title, summary)

    def page_setup(self, printer: QPrinter) -> None:
        if not self.sheet.is_envelope:
            super().page_setup(printer)
            return
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.Envelope10))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)


class LabelsDialog(QDialog):
    def __init__(self, parent: QWidget | None, selected_ids: list[int]) -> None:
        super().__init__(parent)
        from cars_desktop.store.letters import letter_options

        self.setWindowTitle(_("Mailing labels and envelopes"))
        self.setObjectName("labelsDialog")
        self.selected_ids = list(selected_ids)
        self.preview: LabelsPreview | None = None
        today = dt.date.today()
        counts = store.counts(today)
        form = QFormLayout(self)
        intro = muted(QLabel(_("Each partner's address as the thank-you letters show it, one "
                               "per label or envelope. Partners without a postal address are "
                               "left out.")))
        intro.setWordWrap(True)
        form.addRow(intro)

        self.who = QButtonGroup(self)
        choices = QWidget()
        choices.setAccessibleName(_("For whom"))
        column = QVBoxLayout(choices)
        column.setContentsMargins(0, 0, 0, 0)
        since = written_date(store.queue_since(today), current_language())
        for code, name, text, count, tip in (
                (store.SELECTED, "labelsSelected",
                 _("&Selected in the Partners tab ({n})"),
                 len(self.selected_ids),
                 _("Select several with Ctrl or Shift in the Partners tab's list")),
                (store.QUEUE, "labelsQueue",
                 _("In the thank-you &queue ({n})"), counts[store.QUEUE],
                 _("Partners with a gift or pledge not yet thanked, received or promised "
                   "since {day}: those the letters for everyone not yet thanked are for")
                 .format(day=since)),
                (store.ACTIVE, "labelsActive",
                 _("Every &active partner ({n})"), counts[store.ACTIVE],
                 _("Every partner whose status is Active"))):
            button = QRadioButton(text.format(n=format_count(count)))
            button.setObjectName(name)
            button.setToolTip(tip)
            button.setEnabled(count > 0)
            self.who.addButton(button)
            button.setProperty("who", code)
            column.addWidget(button)
        form.addRow(_("For whom"), choices)
        wanted = "labelsSelected" if len(self.selected_ids) > 1 else "labelsActive"
        for button in self.who.buttons():
            if button.objectName() == wanted and button.isEnabled():
                button.setChecked(True)
        if self.who.checkedButton() is None:
            enabled = [button for button in self.who.buttons() if button.isEnabled()]
            if enabled:
                enabled[0].setChecked(True)

        self.sheet = QComboBox()
        self.sheet.setObjectName("labelSheet")
        self.sheet.setAccessibleName(_("Labels or envelope"))
        for sheet in SHEETS.values():
            self.sheet.addItem(sheet.label_name(), sheet.code)
        paper = letter_options().paper
        self.sheet.setCurrentIndex(self.sheet.findData("L7160" if paper == "a4" else "5160"))
        form.addRow(_("&Labels or envelope"), self.sheet)
        self.start = QSpinBox()
        self.start.setObjectName("labelStart")
        self.start.setAccessibleName(_("Start at position"))
        form.addRow(_("Start at &position"), self.start)
        self.start_hint = muted(QLabel(_("1 is the top-left label; count across, then down. "
                                         "To finish a part-used sheet, give the first label "
                                         "still on it.")))
        self.start_hint.setWordWrap(True)
        form.addRow("", self.start_hint)
        self.error = ErrorLabel()
        self.error.setObjectName("labelsError")
        form.addRow(self.error)

        buttons = QDialogButtonBox()
        self.make_button = buttons.addButton(_("&Make the labels"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.make_button.setObjectName("makeLabels")
        self.make_button.setDefault(True)
        self.make_button.clicked.connect(self.make)
        self.make_button.setEnabled(self.who.checkedButton() is not None)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeLabels")
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.sheet.currentIndexChanged.connect(self._sheet_changed)
        self.who.buttonToggled.connect(lambda *_unused: self.error.show_message(""))
        self._sheet_changed()
        self.setMinimumWidth(520)
        fit_to_screen(self, 560, self.sizeHint().height())

    def chosen_sheet(self) -> Sheet:
        return SHEETS[self.sheet.currentData()]

    def _sheet_changed(self) -> None:
        sheet = self.chosen_sheet()
        self.start.setRange(1, sheet.per_sheet)
        self.start.setEnabled(not sheet.is_envelope)
        self.start_hint.setEnabled(not sheet.is_envelope)
        self.make_button.setText(_("&Make the envelopes") if sheet.is_envelope
                                 else _("&Make the labels"))
        self.error.show_message("")

    def make(self) -> LabelsPreview | None:
        """Gather the addresses, write the PDF beside the window, preview it."""
        from cars_desktop.documents.labels import write_labels

        sheet = self.chosen_sheet()
        chosen = self.who.checkedButton()
        if chosen is None:
            return None
        if sheet.is_envelope and store.envelope_missing():
            self.error.show_message(store.envelope_missing())
            return None
        start = 1 if sheet.is_envelope else self.start.value()
        try:
            mailing = store.gather(chosen.property("who"), self.selected_ids)
            sender = store.sender_lines()
        except StoreError as err:
            messages.critical(self, _("No labels made"), str(err))
            return None
        note = mailing.no_address_note()
        if not mailing.addressees:
            self.error.show_message(" ".join(filter(None, (
                _("No one to print for: no partner chosen has a postal address."), note))))
            return None
        self.error.show_message("")
        addresses = [addressee.lines for addressee in mailing.addressees]
        count = len(addresses)
        title = _("Envelopes") if sheet.is_envelope else _("Mailing labels")
        made = make_pdf(
            self,
            lambda path, progress: write_labels(addresses, sheet, path, start,
                                                sender if sheet.is_envelope else (), title,
                                                sender[0] if sender else "", progress),
            count,
            (ngettext("Making {n} envelope…", "Making {n} envelopes…", count) if sheet.is_envelope
             else ngettext("Making {n} label…", "Making {n} labels…", count)).format(
                n=format_count(count)),
            title)
        if made is None:
            return None
        path, pages, unprintable = made
        self.preview = LabelsPreview(self, path, title, self._summary(sheet, count, pages, start),
                                     sheet)
        self.preview.show_notes([note, *unprintable_notes(unprintable)] if note
                                else unprintable_notes(unprintable))
        self.preview.show()
        return self.preview

    @staticmethod
    def _summary(sheet: Sheet, count: int, pages: int, start: int) -> str:
        n = format_count(count)
        if sheet.is_envelope:
            return ngettext("<b>{n} envelope</b>, one per page, ready to print on #10 envelopes.",
                            "<b>{n} envelopes</b>, one per page, ready to print on #10 "
                            "envelopes.", count).format(n=n)
        sheets = ngettext("{n} sheet", "{n} sheets", pages).format(n=format_count(pages))
        said = ngettext("<b>{n} label</b> on {sheets} of Avery {code}, ready to print.",
                        "<b>{n} labels</b> on {sheets} of Avery {code}, ready to print.",
                        count).format(n=n, sheets=sheets, code=sheet.code)
        if start > 1:
            said += " " + _("The first sheet starts at label {start}.").format(start=start)
        return said + " " + _("From another program, print at actual size (100 %), not "
                              "“fit to page”, so that each address lands on its label.")
