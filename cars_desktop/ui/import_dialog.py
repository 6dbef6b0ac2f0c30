"""Importing from a spreadsheet or a donation platform's file: choose the file, check what
each column holds, see what will happen to every row, then import (or cancel: nothing is
written until then)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core.text import format_count
from cars_desktop.exchange.formats import FIELDS, PLATFORM_FIELDS
from cars_desktop.exchange.importer import (
    MATCHED,
    NEAR,
    NEW,
    REVERSE,
    Answers,
    ImportProblem,
    commit,
    make_plan,
    open_file,
    remember_mapping,
)
from cars_desktop.exchange.preview import ImportPreviewList, summary_parts
from cars_desktop.exchange.reader import NO_HEADER, ReadError
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.record_view import RecordView
from cars_desktop.ui.widgets import ErrorLabel, fit_to_screen
from cars_desktop.ui.worker import Job, run_with_progress

ENCODINGS = ((N_("Found by itself"), None), (N_("UTF-8"), "utf-8"),
             (N_("Windows (Excel, western Europe)"), "windows-1252"), (N_("Latin-1"), "latin-1"))
ORDERS = ((N_("Year first: 2026-03-04"), "ymd"), (N_("Day first: 04/03/2026 is March 4"), "dmy"),
          (N_("Month first: 03/04/2026 is March 4"), "mdy"))


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None, backup_folder: Path,
                 path: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import from a spreadsheet"))
        self.backup_folder = backup_folder
        self.path: Path | None = None
        self.table = self.known = self.plan = None
        self.mapping: list[str] = []
        # what the volunteer said about rows, kept through every new preview
        self.answers = Answers()
        self.order_chosen = False  # until then the file's own dates decide
        self.result = None

        self.file_label = QLabel(_("Choose a CSV file or an Excel workbook (.xlsx): your own "
                                 "spreadsheet, or a CanadaHelps, PayPal or Benevity export."))
        self.file_label.setWordWrap(True)
        choose = QPushButton(_("&Choose a file…"))
        choose.setObjectName("chooseImportFile")
        choose.clicked.connect(self.choose_file)
        self.encoding = QComboBox()
        self.encoding.setObjectName("importEncoding")
        for label, code in ENCODINGS:
            self.encoding.addItem(_(label), code)
        self.encoding.currentIndexChanged.connect(lambda: self.load(keep_mapping=False))
        self.sheet = QComboBox()
        self.sheet.setObjectName("importSheet")
        self.sheet.currentIndexChanged.connect(lambda: self.load(keep_mapping=False))
        self.order = QComboBox()
        self.order.setObjectName("importDateOrder")
        for label, code in ORDERS:
            self.order.addItem(_(label), code)
        self.order.currentIndexChanged.connect(self._order_chosen)
        self.header_row = QComboBox()
        self.header_row.setObjectName("importHeaderRow")
        self.header_row.setAccessibleName(_("Row with the column names"))
        self.header_row.currentIndexChanged.connect(self._header_chosen)
        top = QGridLayout()
        top.addWidget(self.file_label, 0, 0, 1, 3)
        top.addWidget(choose, 0, 3)
        self.encoding_label = QLabel(_("&Text encoding"))
        self.encoding_label.setBuddy(self.encoding)
        top.addWidget(self.encoding_label, 1, 0)
        top.addWidget(self.encoding, 1, 1)
        self.sheet_label = QLabel(_("S&heet"))
        self.sheet_label.setBuddy(self.sheet)
        top.addWidget(self.sheet_label, 1, 2)
        top.addWidget(self.sheet, 1, 3)
        self.order_label = QLabel(_("&Dates"))
        self.order_label.setBuddy(self.order)
        top.addWidget(self.order_label, 2, 0)
        top.addWidget(self.order, 2, 1, 1, 3)
        self.header_label = QLabel(_("Column &names"))
        self.header_label.setBuddy(self.header_row)
        top.addWidget(self.header_label, 3, 0)
        top.addWidget(self.header_row, 3, 1, 1, 3)

        self.columns_box = QGroupBox(_("What each column holds"))
        self.columns_grid = QGridLayout()
        inner = QWidget()
        inner.setLayout(self.columns_grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setMinimumHeight(120)  # four columns at least, on a 768-pixel screen too
        box_layout = QVBoxLayout(self.columns_box)
        box_layout.addWidget(scroll)

        self.records = ImportPreviewList()
        self.view = RecordView(self.records, "importPreview", stretch_column=6,
                               multi_select=True)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.error = ErrorLabel()

        buttons = QDialogButtonBox()
        self.skip_button = buttons.addButton(_("S&kip these rows"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.skip_button.setObjectName("skipRows")
        self.skip_button.clicked.connect(self.skip_selected)
        self.same_button = buttons.addButton(_("&Same partner as suggested"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.same_button.setObjectName("samePartner")
        self.same_button.clicked.connect(self.same_partner)
        self.dollars_button = buttons.addButton(_("Amount in &dollars…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.dollars_button.setObjectName("giveDollars")
        self.dollars_button.clicked.connect(self.give_dollars)
        self.whose_button = buttons.addButton(_("&Whose gift…"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.whose_button.setObjectName("givePartner")
        self.whose_button.clicked.connect(self.give_partner)
        self.import_button = buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setObjectName("doImport")
        self.import_button.clicked.connect(self.do_import)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancelImport")
        buttons.rejected.connect(self.reject)
        for button in (self.skip_button, self.same_button, self.dollars_button,
                       self.whose_button, self.import_button, choose):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.columns_box, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 2)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_to_screen(self, 1100, 760)
        self._show_state()
        if path:
            self.open_path(Path(path))

    # The file

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import from a spreadsheet"), str(Path.home()),
            _("Spreadsheets (*.csv *.txt *.xlsx);;All files (*)"))
        if path:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        self.path = path
        self.file_label.setText(f"<b>{escape(path.name)}</b>")
        for combo in (self.encoding, self.sheet, self.header_row):
            combo.blockSignals(True)
        self.encoding.setCurrentIndex(0)
        self.sheet.clear()
        self.header_row.clear()
        for combo in (self.encoding, self.sheet, self.header_row):
            combo.blockSignals(False)
        self.load(keep_mapping=False)

    def load(self, keep_mapping: bool = True) -> None:
        if self.path is None:
            return
        self.error.show_message("")
        try:
            self.table, self.known, mapping = open_file(
                self.path, self.encoding.currentData(), self.sheet.currentText() or None,
                self.header_row.currentData())
        except ReadError as err:
            self.table = self.plan = None
            self.error.show_message(str(err))
            if err.sheets and self.sheet.count() == 0:  # another sheet may be the one
                self.sheet.blockSignals(True)
                self.sheet.addItems(err.sheets)
                self.sheet.blockSignals(False)
            self._show_state()
            if err.sheets:
                self.sheet.setVisible(True)
                self.sheet_label.setVisible(True)
            return
        if not keep_mapping or len(self.mapping) != len(self.table.headers):
            self.mapping = mapping
        if self.table.sheets and self.sheet.count() == 0:
            self.sheet.blockSignals(True)
            self.sheet.addItems(self.table.sheets)
            self.sheet.setCurrentText(self.table.sheet)
            self.sheet.blockSignals(False)
        self._fill_header_rows()
        self._fill_columns()
        self.order_chosen = False
        self.replan()

    def _fill_header_rows(self) -> None:
        """The first rows of the file, to say which one names the columns."""
        self.header_row.blockSignals(True)
        self.header_row.clear()
        self.header_row.addItem(_("None: the file has no row of column names"), NO_HEADER)
        for number, cells in enumerate(self.table.head):
            text = ", ".join(cell.strip() for cell in cells if cell.strip())[:90]
            self.header_row.addItem(_("Row {number}: {cells}").format(
                number=number + 1, cells=text or _("(empty)")), number)
        self.header_row.setCurrentIndex(self.header_row.findData(self.table.header_row))
        self.header_row.blockSignals(False)

    def _header_chosen(self) -> None:
        self.load(keep_mapping=False)

    def _fill_columns(self) -> None:
        while self.columns_grid.count():
            item = self.columns_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        example = self.table.rows[0] if self.table.rows else []
        for number, header in enumerate(self.table.headers):
            label = QLabel(f"<b>{escape(header or _('(no name)'))}</b>"
                           + (" — " + _("e.g. {example}").format(
                               example=escape(example[number][:40]))
                              if number < len(example) and example[number] else ""))
            label.setTextFormat(Qt.TextFormat.RichText)
            combo = QComboBox()
            combo.setObjectName(f"column{number}")
            combo.setAccessibleName(_("Column {header}").format(header=header))
            offered = {**FIELDS, **PLATFORM_FIELDS} if self.known else FIELDS
            for code, text in offered.items():
                combo.addItem(_(text), code)
            combo.setCurrentIndex(max(0, combo.findData(self.mapping[number])))
            combo.currentIndexChanged.connect(
                lambda _unused, number=number, combo=combo: self._column_changed(number, combo))
            self.columns_grid.addWidget(label, number, 0)
            self.columns_grid.addWidget(combo, number, 1)
        self.columns_box.setTitle(
            _("Recognised: {name}").format(name=_(self.known.name)) if self.known else
            _("What each column holds (guessed from its name: check and correct)"))

    def _column_changed(self, number: int, combo: QComboBox) -> None:
        # a recognised format keeps its rules (only completed payments count) with the
        # volunteer's columns
        self.mapping[number] = combo.currentData()
        self.replan()

    def _order_chosen(self) -> None:
        self.order_chosen = True
        self.replan()

    def set_column(self, number: int, target: str) -> None:
        combo = self.findChild(QComboBox, f"column{number}")
        combo.setCurrentIndex(combo.findData(target))

    # The plan

    def replan(self) -> None:
        if self.table is None:
            return
        order = self.order.currentData() if self.order_chosen else None
        try:
            self.plan = make_plan(self.table, self.mapping, self.known, self.path.name,
                                  order, answers=self.answers)
        except ImportProblem as err:
            self.plan = None
            self.error.show_message(str(err))
            self._show_state()
            return
        self.error.show_message("")
        if not self.order_chosen:  # show what the file's dates say
            self.order.blockSignals(True)
            self.order.setCurrentIndex(self.order.findData(self.plan.date_order))
            self.order.blockSignals(False)
        self.records.plan = self.plan
        self.view.refresh(_("<p>The file has no rows under its headers.</p>"))
        self._show_state()

    def _show_state(self) -> None:
        plan = self.plan
        self.columns_box.setVisible(self.table is not None)
        asked = plan is not None and (plan.needs_date_order or self.order.currentData() != "ymd")
        self.order.setVisible(asked)
        self.order_label.setVisible(asked)
        workbook = self.table is not None and bool(self.table.sheets)
        self.sheet.setVisible(workbook)
        self.sheet_label.setVisible(workbook)
        self.encoding.setVisible(self.table is not None and not workbook)
        self.encoding_label.setVisible(self.table is not None and not workbook)
        self.header_row.setVisible(self.table is not None)
        self.header_label.setVisible(self.table is not None)
        if plan is None:
            self.summary.setText("")
            self.import_button.setEnabled(False)
            self.import_button.setText(_("&Import"))
            self.records.plan = None
            self.view.refresh(_("<p>Nothing to show yet.</p>"))
            return
        counts = plan.counts()
        writes = counts[NEW] + counts[MATCHED] + counts[NEAR]
        found = summary_parts(plan, self.answers.same_as_near)
        text = " · ".join(found)
        if plan.totals_note:
            text += "<br>" + escape(plan.totals_note)
        self.summary.setText(text)
        self.import_button.setEnabled(writes + counts[REVERSE] > 0)
        self.same_button.setVisible(any(r.action == NEAR for r in plan.rows))
        self.dollars_button.setVisible(any(r.needs == "amount" for r in plan.rows))
        self.whose_button.setVisible(any(r.sender or r.needs == "partner" for r in plan.rows))
        self.import_button.setText(ngettext("&Import {n} gift", "&Import {n} gifts", writes).format(
            n=format_count(writes)))

    def skip_selected(self) -> None:
        if self.plan is not None:
            self.answers.skipped.update(self.plan.rows[n].key for n in self.view.selected_ids()
                                        if self.plan.rows[n].writes)
            self.replan()

    def same_partner(self) -> None:
        if self.plan is not None:
            self.answers.same_as_near.update(
                self.plan.rows[n].key for n in self.view.selected_ids()
                if self.plan.rows[n].action == NEAR)
            self.replan()

    def give_dollars(self) -> None:
        from cars_desktop.ui.import_answers import ask_dollars

        if self.plan is not None:
            self.answers.dollars.update(ask_dollars(self, self._chosen_rows("amount")))
            self.replan()

    def give_partner(self) -> None:
        from cars_desktop.ui.import_answers import ask_partners

        if self.plan is not None:
            self.answers.partners.update(ask_partners(self, self._chosen_rows("partner")))
            self.replan()

    def _chosen_rows(self, need: str) -> list:
        """The selected rows asking `need`; with none selected, the first row asking it."""
        rows = [self.plan.rows[n] for n in self.view.selected_ids()]
        asking = [row for row in rows if row.needs == need or (need == "partner" and row.sender)]
        return asking or ([] if rows else [r for r in self.plan.rows if r.needs == need][:1])

    def do_import(self):
        if self.plan is None:
            return None
        if self.plan.needs_date_order and self.order.currentData() == "ymd":
            self.error.show_message(_("Choose how the dates are written (day or month first) "
                                    "before importing."))
            return None
        plan, same, folder = self.plan, set(self.answers.same_as_near), self.backup_folder
        # the backup and the writing, beside the window: the rows are written in one
        # transaction, so the window sees the import whole or not at all
        job = Job(lambda _progress: commit(plan, same, folder))
        try:
            self.result = run_with_progress(self, job, _("Importing…"), _("Import"),
                                            can_cancel=False).outcome()
        except ImportProblem as err:
            self.error.show_message(str(err))
            return None
        except StoreError as err:
            messages.critical(self, _("Nothing was imported"), str(err))
            return None
        if self.known is None:
            remember_mapping(self.table.headers, self.mapping)
        result = self.result
        messages.information(
            self, _("Imported"),
            ngettext("{n} gift imported, with {partners}.", "{n} gifts imported, with {partners}.",
                     result.contributions).format(
                n=format_count(result.contributions),
                partners=ngettext("{n} new partner", "{n} new partners",
                                  result.partners).format(n=format_count(result.partners)))
            + "\n\n" + _("A backup was made just before. To take this import back, use File › "
                         "Undo an import…"))
        self.accept()
        return result
