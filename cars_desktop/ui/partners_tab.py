"""The Partners tab: the list of the group's partners with search, filters and the actions on
one partner. The actions are QActions shared by the buttons, the Partner menu and the list's
right-click menu, so each shortcut exists once."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.text import format_count
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store import database
from cars_desktop.store.errors import StoreError
from cars_desktop.store.lists import PartnerList
from cars_desktop.store.models import Partner
from cars_desktop.ui import messages
from cars_desktop.ui.partner_history import PartnerContributions
from cars_desktop.ui.record_view import RecordView
from cars_desktop.ui.widgets import action_button, fill_combo, make_action, shrinkable

EMPTY_FIRST = (N_("<p><b>No partners yet.</b></p>"
               "<p>A partner is a person or organisation your group works with: a service "
               "club, the town, a business, a church, the school, a parent.</p>"
               "<p><a href='new'>Add your first partner</a> (Ctrl+N)</p>"))
EMPTY_NO_MATCH = (N_("<p><b>No partner matches this search and these filters.</b></p>"
                  "<p><a href='clear'>Show all current partners</a></p>"))


class PartnersTab(QWidget):
    changed = Signal()  # a partner was added, edited, archived or erased
    message = Signal(str)  # what just happened, for the status bar
    contributions_wanted = Signal(int)  # open this partner's contributions in their tab
    # a merge, or its undoing, moved contributions between partners
    contributions_moved = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = PartnerList()
        self._shown_partner: Partner | None = None
        self.view = RecordView(self.records, "partnersTable", multi_select=True)  # several: labels
        self.table, self.model = self.view.table, self.view.model
        self._make_actions()

        self.search = QLineEdit()
        self.search.setObjectName("partnerSearch")
        self.search.setPlaceholderText(
            _("Search names, contact people, communities, email, phone…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(_("Search partners"))
        self.search.textChanged.connect(self._filters_changed)
        self.search.returnPressed.connect(self._go_to_list)
        self.sector = self._filter_combo(_("All sectors"), vocab.SECTORS, "sectorFilter")
        self.ptype = self._filter_combo(_("All types"), vocab.PARTNERSHIP_TYPES, "typeFilter")
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.status.setAccessibleName(_("Status"))
        self.status.addItem(_("Current partners"), None)
        self.status.setToolTip(_("Current partners are all but the archived ones"))
        fill_combo(self.status, vocab.PARTNER_STATUSES, clear=False)
        self.status.addItem(_("All, archived too"), "all")
        self.status.currentIndexChanged.connect(self._filters_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for widget in (self.sector, self.ptype, self.status):
            filters.addWidget(shrinkable(widget), 1)

        self.new_button = action_button(self.new_action, "newPartner")
        self.edit_button = action_button(self.edit_action, "editPartner")
        self.archive_button = action_button(self.archive_action, "archivePartner")
        more = QToolButton()
        more.setText(_("More"))
        more.setObjectName("moreActions")
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.addActions([self.year_end_action, self.year_end_all_action, self.merge_action,
                         self.delete_action, self.erase_action])
        more.setMenu(menu)
        self.count_label = QLabel()
        self.count_label.setObjectName("partnerCount")
        buttons = QHBoxLayout()
        for widget in (self.new_button, self.edit_button, self.archive_button, more):
            buttons.addWidget(widget)
        buttons.addStretch()
        buttons.addWidget(self.count_label)

        self.table.addActions([self.edit_action, self.year_end_action, self.merge_action,
                               self.archive_action, self.delete_action, self.erase_action])
        self.table.activated.connect(lambda _i: self.edit_action.trigger())  # Enter, double-click
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.link_activated.connect(
            lambda link: self.new_action.trigger() if link == "new" else self.clear_filters())

        self.history = PartnerContributions()
        self.history.new_button.clicked.connect(self.new_contribution)
        self.history.view.link_activated.connect(lambda _unused: self.history.new_button.click())
        self.history.all_button.clicked.connect(
            lambda: self.contributions_wanted.emit(self.selected_id()))
        self.history.log_button.clicked.connect(self.log_contact)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("partnersSplit")
        split.addWidget(self.view)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(split, 1)
        self.setTabOrder(self.search, self.sector)
        self.setTabOrder(self.status, self.table)
        # The list is first read by the window, once its remembered sort order is restored.

    def _make_actions(self) -> None:
        def action(text: str, slot, shortcut: str = "", tip: str = "") -> QAction:
            return make_action(self, text, slot, shortcut, tip)

        self.new_action = action(_("&New partner…"), self.new_partner, "Ctrl+N", _("Add a partner"))
        self.edit_action = action(_("&Edit partner…"), self.edit_selected, "Ctrl+E",
                                  _("Edit the selected partner (Enter)"))
        self.archive_action = action(_("Archi&ve"), self.toggle_archive, "",
                                     _("Hide this partner from the list; its history is kept"))
        self.delete_action = action(_("&Delete partner entered by mistake…"), self.delete_selected)
        self.erase_action = action(_("E&rase personal information…"), self.erase_selected)
        self.find_action = action(_("&Find partner"), self.focus_search, "Ctrl+F")
        self.export_action = action(_("E&xport this list (CSV)…"), self.export_list, "",
                                    _("Save the partners shown, as filtered and sorted, for a "
                                    "spreadsheet"))
        self.year_end_action = action(_("&Year-end summary letter…"), self.year_end_letter, "",
                                      _("A letter listing every gift of this partner in a "
                                      "period, with the total"))
        self.year_end_all_action = action(_("Year-end &summaries for everyone…"),
                                          self.year_end_for_everyone, "",
                                          _("A summary letter for every partner who gave in a "
                                            "period, in one PDF"))
        self.merge_action = action(_("&Merge with another partner…"), self.merge_selected, "",
                                   _("This partner was entered twice: make the two one"))
        self.duplicates_action = action(_("&Possible duplicates…"), self.show_duplicates, "",
                                        _("Partners with the same name, email or phone"))
        self.undo_merge_action = action(_("Undo a mer&ge…"), self.undo_merge)

    def join(self, hub) -> None:
        """Announce this tab's changes on the window's hub, and show the others'."""
        self.changed.connect(hub.partners_changed)
        self.contributions_moved.connect(hub.contributions_changed)
        hub.contributions_changed.connect(self.refresh)
        hub.maintenance_changed.connect(self.refresh)  # the last contact shows in the list
        hub.data_replaced.connect(self.reload)

    def reload(self) -> None:
        """Read the list and the selected partner's panel again."""
        self.refresh()

    def changing_actions(self) -> list[QAction]:
        """What changes the data: none of it is offered while the data can only be read."""
        return [self.new_action, self.archive_action, self.delete_action,
                self.erase_action, self.merge_action, self.duplicates_action,
                self.undo_merge_action]

    def actions_for_menu(self) -> list[QAction | None]:
        """The Partner menu: None marks a separator."""
        return [self.new_action, self.edit_action, self.find_action, None,
                self.year_end_action, self.year_end_all_action, self.export_action, None,
                self.merge_action, self.duplicates_action, self.undo_merge_action, None,
                self.archive_action, self.delete_action, self.erase_action]

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
        self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        total = self.records.total()
        self.view.refresh(_(EMPTY_FIRST if total == 0 else EMPTY_NO_MATCH), select_id)
        self.view.count_into(self.count_label, self._count_words(total))
        self._shown_partner = None  # what the partner gave may have changed: read it again
        self._update_actions()

    def _count_words(self, total: int):
        """What the line above the list says of `shown` partners (None: still counting)."""
        if self.records.filtered():
            return lambda shown: ngettext("{shown} of {n} partner shown",
                                          "{shown} of {n} partners shown", total).format(
                shown=format_count(shown), n=format_count(total))
        archived = self.records.archived()

        def words(shown: int | None) -> str:
            text = ngettext("{n} partner", "{n} partners",
                            total if shown is None else shown).format(n=format_count(shown))
            return text if not archived else ngettext(
                "{partners} ({n} archived not shown)", "{partners} ({n} archived not shown)",
                archived).format(partners=text, n=format_count(archived))
        return words

    def clear_filters(self) -> None:
        for widget in (self.sector, self.ptype, self.status):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.search.clear()
        self._filters_changed()

    def select_row(self, row: int) -> None:
        self.view.select_row(row)

    def selected_id(self) -> int | None:
        return self.view.selected_id()

    def _selected(self) -> Partner | None:
        partner_id = self.selected_id()
        return Partner.get_or_none(Partner.id == partner_id) if partner_id else None

    def _update_actions(self) -> None:
        partner = self._selected()
        if partner is None or self._shown_partner is None or \
                partner.id != self._shown_partner.id:
            self.history.show_partner(partner)
            self._shown_partner = partner
        erased = partner is not None and partner.erased_at is not None
        for action in (self.edit_action, self.archive_action, self.erase_action,
                       self.year_end_action, self.merge_action):
            action.setEnabled(partner is not None and not erased)
        self.delete_action.setEnabled(partner is not None)
        archived = partner is not None and partner.status == "archived"
        self.archive_action.setText(_("Bring &back") if archived else _("Archi&ve"))
        self.archive_action.setToolTip(
            _("Make this archived partner current again, with the status it had") if archived
            else _("Hide this partner from the list; its history is kept"))

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
        partner = self._selected()
        if partner is None or partner.erased_at:
            return
        from cars_desktop.ui.partner_dialog import PartnerDialog

        dialog = PartnerDialog(self, partner.id)
        if database.opened_read_only():
            dialog.show_only()
        if dialog.exec():
            self._after_save(dialog.saved_id)
        elif dialog.merge_with is not None:  # its similar-name warning: Merge with it…
            from cars_desktop.ui.merge_dialog import merge_pair

            kept = merge_pair(self, partner.id, dialog.merge_with)
            if kept is not None:
                self._after_merge(kept)

    def _after_save(self, partner_id: int | None) -> None:
        self.refresh(select_id=partner_id)
        if partner_id is not None and self.model.row_of(partner_id) is None:
            self.clear_filters()  # the partner just saved must be seen, whatever the filters
            self.refresh(select_id=partner_id)
        self.changed.emit()

    def export_list(self) -> None:
        from cars_desktop.ui.export_dialog import export_to

        export_to(self, "partners", self.records.ids())

    def year_end_letter(self):
        """The summary of a partner's gifts in a period, previewed, ready to print."""
        partner = self._selected()
        if partner is None or partner.erased_at:
            return None
        from cars_desktop.ui.year_end_window import summary_for_partner

        return summary_for_partner(self, partner, self._after_thanks)

    def year_end_for_everyone(self):
        from cars_desktop.ui.year_end_window import summaries_for_everyone

        return summaries_for_everyone(self, self._after_thanks)

    def _after_thanks(self) -> None:
        self.refresh(select_id=self.selected_id())
        self.changed.emit()

    def toggle_archive(self) -> None:
        from cars_desktop.store import partners

        partner = self._selected()
        if partner is None:
            return
        if partner.status == "archived":
            if self._run(lambda: partners.bring_back(partner.id)):
                self.message.emit(_("{name} is back among the current partners.").format(
                    name=partner.name))
        elif self._run(lambda: partners.archive_partner(partner.id)):
            self.message.emit(_("{name} is archived: its history is kept. To see it, choose "
                                "“All, archived too” in the status list.").format(
                name=partner.name))
        self.refresh(select_id=partner.id)

    def delete_selected(self) -> None:
        from cars_desktop.store import partners
        from cars_desktop.ui.partner_removal import ask_delete

        partner = self._selected()
        if partner is None:
            return
        choice = ask_delete(self, partner, partners.has_history(partner.id))
        if choice == "archive" and self._run(lambda: partners.archive_partner(partner.id)):
            self.message.emit(_("{name} is archived.").format(name=partner.name))
            self.refresh()
        elif choice == "delete" and self._run(lambda: partners.delete_partner(partner.id)):
            self.message.emit(_("{name} is deleted.").format(name=partner.name))
            self.refresh()

    def erase_selected(self) -> None:
        from cars_desktop.store import erasure, partners
        from cars_desktop.ui.partner_removal import (
            ask_clear_mentions,
            ask_erase,
            offer_backup_deletion,
        )

        partner = self._selected()
        if partner is None or partner.erased_at or not ask_erase(self, partner):
            return
        found = ask_clear_mentions(self, partner.name, erasure.mentions(partner.id))
        if self._run(lambda: partners.erase_personal_information(partner.id, found)):
            self.message.emit(_("The personal information is erased."))
            self.refresh()
            store = getattr(self.window(), "store", None)
            if store is not None:
                offer_backup_deletion(self, partner.name,
                                      erasure.backups_holding(partner.uuid, store.backup_dir))

    def new_contribution(self) -> None:
        from cars_desktop.ui.contribution_dialog import ContributionDialog

        partner = self._selected()
        dialog = ContributionDialog(self, partner_id=partner.id if partner else None)
        dialog.exec()
        if dialog.saved_ids:
            self.refresh()
            self.history.show_partner(self._selected())
            self.changed.emit()

    def log_contact(self) -> None:
        from cars_desktop.ui.maintenance_dialogs import LogContactDialog

        partner = self._selected()
        if partner is not None and LogContactDialog(self, partner.id).exec():
            self.refresh(select_id=partner.id)
            self.changed.emit()

    # Merging two partners who are one

    def merge_selected(self) -> None:
        from cars_desktop.ui.merge_dialog import merge_with_another

        partner = self._selected()
        kept = merge_with_another(self, partner.id) if partner and not partner.erased_at \
            else None
        if kept is not None:
            self._after_merge(kept)

    def show_duplicates(self):
        from cars_desktop.ui.duplicates_window import DuplicatesWindow

        window = DuplicatesWindow(self, self._after_merge)
        window.open()
        return window

    def undo_merge(self) -> None:
        from cars_desktop.ui.merge_dialog import undo_a_merge

        if undo_a_merge(self):
            self._after_save(self.selected_id())
            self.contributions_moved.emit()
            self.message.emit(_("The merge is undone: both partners are back."))

    def _after_merge(self, partner_id: int | None) -> None:
        """The kept partner shown and selected, and the other tabs told."""
        if partner_id is not None:
            self.message.emit(_("Merged: {name} now holds what both had.").format(
                name=Partner.get_by_id(partner_id).name))
        self._after_save(partner_id)
        self.contributions_moved.emit()

    def _run(self, change) -> bool:
        from cars_desktop.store.partners import HasHistory

        try:
            change()
        except (StoreError, HasHistory) as err:
            messages.critical(self, _("Not changed"), str(err))
            return False
        self.changed.emit()
        return True
