"""The Partners tab: the list of the group's partners with search, filters and the actions on
one partner."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.store.database import StoreError
from cars_desktop.store.lists import PartnerList
from cars_desktop.store.models import Partner
from cars_desktop.ui.table_model import RecordTableModel
from cars_desktop.ui.widgets import fill_combo


class PartnersTab(QWidget):
    changed = Signal()  # a partner was added, edited, archived or erased

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = PartnerList()
        self.model = RecordTableModel(self.records, self)

        self.search = QLineEdit()
        self.search.setObjectName("partnerSearch")
        self.search.setPlaceholderText("Search names, contact people, communities, email…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search partners")
        self.search.textChanged.connect(self._filters_changed)
        self.search.returnPressed.connect(self._go_to_list)
        self.sector = self._filter_combo("All sectors", vocab.SECTORS, "sectorFilter")
        self.ptype = self._filter_combo("All types", vocab.PARTNERSHIP_TYPES, "typeFilter")
        self.status = self._filter_combo("Any status", vocab.PARTNER_STATUSES, "statusFilter")
        self.show_archived = QCheckBox("Show &archived")
        self.show_archived.setObjectName("showArchived")
        self.show_archived.toggled.connect(self._filters_changed)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for widget in (self.sector, self.ptype, self.status):
            filters.addWidget(widget, 1)
        filters.addWidget(self.show_archived)

        self.new_button = QPushButton("&New partner…")
        self.new_button.setObjectName("newPartner")
        self.new_button.setToolTip("Add a partner (Ctrl+N)")
        self.new_button.clicked.connect(self.new_partner)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setObjectName("editPartner")
        self.edit_button.setToolTip("Edit the selected partner (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button = QPushButton("Archi&ve")
        self.archive_button.setObjectName("archivePartner")
        self.archive_button.clicked.connect(self.toggle_archive)
        more = QToolButton()
        more.setText("More")
        more.setObjectName("moreActions")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        self.delete_action = menu.addAction("Delete partner entered by mistake…",
                                            self.delete_selected)
        self.erase_action = menu.addAction("Erase personal information…", self.erase_selected)
        more.setMenu(menu)
        self.count_label = QLabel()
        self.count_label.setObjectName("partnerCount")
        actions = QHBoxLayout()
        for widget in (self.new_button, self.edit_button, self.archive_button, more):
            actions.addWidget(widget)
        actions.addStretch()
        actions.addWidget(self.count_label)

        self.table = QTableView()
        self.table.setObjectName("partnersTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row height: no per-row measuring, so 100,000 rows scroll as fast as 10.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for number, column in enumerate(self.records.columns):
            self.table.setColumnWidth(number, column.width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(lambda _: self.edit_selected())
        self.table.activated.connect(lambda _: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setStyleSheet("QLabel { font-size: 11pt; color: palette(text); padding: 40px; }")
        self.empty.linkActivated.connect(self._empty_link)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.search, self.sector)
        self.setTabOrder(self.status, self.show_archived)
        self.setTabOrder(self.show_archived, self.table)

        for key, slot in (("Ctrl+F", self.focus_search), ("Ctrl+N", self.new_partner),
                          ("Ctrl+E", self.edit_selected)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        # The list is first read by the window, once its remembered sort order is restored.

    def _filter_combo(self, everything: str, vocabulary: vocab.Vocabulary,
                      name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(everything)
        combo.addItem(everything, None)
        fill_combo(combo, vocabulary, clear=False)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    # The list

    def _filters_changed(self) -> None:
        self.records.search = self.search.text()
        self.records.sector = self.sector.currentData()
        self.records.partnership_type = self.ptype.currentData()
        self.records.status = self.status.currentData()
        self.records.show_archived = self.show_archived.isChecked()
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self.selected_id()
        self.model.refresh()
        shown, total = self.model.rowCount(), self.records.total()
        self.count_label.setText(f"{shown:,} of {total:,} partners shown" if shown != total
                                 else f"{total:,} partners")
        if shown:
            self.stack.setCurrentWidget(self.table)
            row = self.model.row_of(keep) if keep is not None else None
            if row is not None:
                self.select_row(row)
        else:
            self.stack.setCurrentWidget(self.empty)
            self.empty.setText(self._empty_text(total))
        self._update_buttons()

    def _empty_text(self, total: int) -> str:
        if total == 0:
            return ("<p><b>No partners yet.</b></p>"
                    "<p>A partner is a person or organisation your group works with: a service "
                    "club, the town, a business, a church, the school, a parent.</p>"
                    "<p><a href='new'>Add your first partner</a> (Ctrl+N)</p>")
        return ("<p><b>No partner matches this search and these filters.</b></p>"
                "<p>Archived partners are hidden unless “Show archived” is ticked.</p>"
                "<p><a href='clear'>Clear the search and filters</a></p>")

    def _empty_link(self, link: str) -> None:
        if link == "new":
            self.new_partner()
        else:
            self.clear_filters()

    def clear_filters(self) -> None:
        for widget in (self.sector, self.ptype, self.status):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.show_archived.blockSignals(True)
        self.show_archived.setChecked(False)
        self.show_archived.blockSignals(False)
        self.search.clear()
        self._filters_changed()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.id_at(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        selected = self.selected_id()
        for widget in (self.edit_button, self.archive_button):
            widget.setEnabled(selected is not None)
        self.delete_action.setEnabled(selected is not None)
        self.erase_action.setEnabled(selected is not None)
        archived = selected is not None and \
            Partner.get_by_id(selected).status == "archived"
        self.archive_button.setText("Bring &back" if archived else "Archi&ve")
        self.archive_button.setToolTip(
            "Make this archived partner active again" if archived else
            "Hide this partner from the list; its history is kept")

    def _go_to_list(self) -> None:
        """Enter in the search box: on to the first partner found, ready for Enter to edit."""
        if self.model.rowCount():
            if self.selected_id() is None:
                self.select_row(0)
            self.table.setFocus()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # Actions

    def new_partner(self) -> None:
        from cars_desktop.ui.partner_dialog import PartnerDialog  # not needed to start

        dialog = PartnerDialog(self)
        if dialog.exec():
            self._after_save(dialog.saved_id)

    def edit_selected(self) -> None:
        partner_id = self.selected_id()
        if partner_id is None:
            return
        from cars_desktop.ui.partner_dialog import PartnerDialog

        dialog = PartnerDialog(self, partner_id)
        if dialog.exec():
            self._after_save(dialog.saved_id)

    def _after_save(self, partner_id: int | None) -> None:
        if partner_id is not None and self.model.row_of(partner_id) is None:
            self.refresh()
            if self.model.row_of(partner_id) is None:
                self.clear_filters()  # the new partner must be seen, whatever the filters
        self.refresh(select_id=partner_id)
        self.changed.emit()

    def toggle_archive(self) -> None:
        from cars_desktop.store import partners

        partner_id = self.selected_id()
        if partner_id is None:
            return
        archived = Partner.get_by_id(partner_id).status == "archived"
        self._run(lambda: partners.set_status(partner_id, "active" if archived else "archived"))
        self.refresh(select_id=partner_id)

    def delete_selected(self) -> None:
        from cars_desktop.store import partners

        partner_id = self.selected_id()
        if partner_id is None:
            return
        name = Partner.get_by_id(partner_id).name
        if partners.has_history(partner_id):
            answer = QMessageBox.question(
                self, "Archive instead?",
                f"{name} has contributions, a communication log or reviews. A partner with "
                "history is archived, never deleted, so your records stay complete.\n\n"
                "Archive this partner now?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self._run(lambda: partners.set_status(partner_id, "archived"))
                self.refresh()
            return
        answer = QMessageBox.question(
            self, "Delete partner?",
            f"Delete {name} and its contact people? Use this only for a partner entered by "
            "mistake.", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self._run(lambda: partners.delete_partner(partner_id))
            self.refresh()

    def erase_selected(self) -> None:
        from cars_desktop.store import partners

        partner_id = self.selected_id()
        if partner_id is None:
            return
        name = Partner.get_by_id(partner_id).name
        first = QMessageBox.warning(
            self, "Erase personal information",
            f"This is for a privacy request from {name}.\n\n"
            "It removes their name, address, phone, email, website, goal, strengths and notes, "
            "all their contact people, their communication log, and the notes of their "
            "contributions and reviews. The amounts and dates of their contributions stay, "
            "listed under “Erased partner”, because your accounts need them.\n\n"
            "Continue?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if first != QMessageBox.StandardButton.Yes:
            return
        second = QMessageBox.warning(
            self, "Erase for good?",
            f"Erasing cannot be undone. Erase the personal information of {name} now?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if second == QMessageBox.StandardButton.Yes:
            self._run(lambda: partners.erase_personal_information(partner_id))
            self.refresh()

    def _run(self, change) -> None:
        from cars_desktop.store.partners import HasHistory

        try:
            change()
        except (StoreError, HasHistory) as err:
            QMessageBox.critical(self, "Not changed", str(err))
            return
        self.changed.emit()
