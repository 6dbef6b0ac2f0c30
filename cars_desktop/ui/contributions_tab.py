"""The Contributions tab: what partners gave and promised, filtered and sorted in SQL, with the
totals of whatever is shown, and the thank-you queue one filter away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.kinds import CASH_KINDS, IN_KIND_KINDS, of_family
from cars_desktop.core.text import format_count
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store import database, funds
from cars_desktop.store.errors import StoreError
from cars_desktop.store.lists import ContributionList
from cars_desktop.store.models import Deposit, Fund, Partner
from cars_desktop.store.profile import fiscal_year_start_month
from cars_desktop.ui import messages
from cars_desktop.ui.period_field import PeriodField
from cars_desktop.ui.record_view import RecordView
from cars_desktop.ui.thank_dialog import ThankDialog
from cars_desktop.ui.totals import totals_label, totals_text
from cars_desktop.ui.widgets import (
    action_button,
    fill_combo,
    filter_chip,
    later,
    make_action,
    named_combo,
    set_combo,
    shrinkable,
)

EMPTY_FIRST = (N_("<p><b>No contributions recorded yet.</b></p>"
               "<p>Record what partners give: cash, and gifts in kind such as products, "
               "labour, a hall or advice, received or promised.</p>"
               "<p><a href='new'>Record the first contribution</a> (Ctrl+Shift+N)</p>"))
EMPTY_NO_MATCH = N_("<p><b>No contribution matches this search and these filters.</b></p><p>"
                    "<a href='clear'>Show all contributions</a></p>")


class ContributionsTab(QWidget):
    changed = Signal()
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = ContributionList()
        self.partner_in_view: Callable[[], int | None] = lambda: None  # for a new gift
        self._loaded = False
        self.period_label = ""
        self._last_query: tuple | None = None
        self._totals_timer = later(self, 0, self.update_totals)
        self.view = RecordView(self.records, "contributionsTable", stretch_column=1,
                               multi_select=True)
        self.table, self.model = self.view.table, self.view.model
        self._make_actions()

        self.search = QLineEdit()
        self.search.setObjectName("contributionSearch")
        self.search.setAccessibleName(_("Search contributions"))
        self.search.setPlaceholderText(_("Search partners, purposes, notes, cheque numbers…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filters_changed)
        # This year's contributions to start with: what a volunteer looks at most
        self.period = PeriodField(fiscal_year_start_month, default="this_year",
                                  names=("periodFilter", "periodStart", "periodEnd"))
        self.period.changed.connect(self._filters_changed)
        self.start, self.end = self.period.start, self.period.end
        self.family = named_combo("familyFilter", _("Cash or in kind"))
        self.family.addItem(_("Cash and in kind"), None)
        fill_combo(self.family, vocab.CONTRIBUTION_FAMILIES, clear=False)
        self.family.currentIndexChanged.connect(self._family_changed)
        self.kind = named_combo("kindFilter", _("Kind of contribution"))
        self._fill_kinds()
        self.kind.currentIndexChanged.connect(self._filters_changed)
        self.status = named_combo("statusFilter", _("Status"))
        self.status.addItem(_("Any status"), None)
        for code, label in ContributionList.STATUS_CHOICES:
            self.status.addItem(_(label), code)
        self.status.currentIndexChanged.connect(self._filters_changed)
        self.thanked = named_combo("thankedFilter", _("Thanked or not"))
        for label, value in ((_("Thanked or not"), None), (_("Not yet thanked"), False),
                             (_("Thanked"), True)):
            self.thanked.addItem(label, value)
        self.thanked.currentIndexChanged.connect(self._filters_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        for widget in (self.period, self.family, self.kind, self.status, self.thanked):
            shrinkable(widget)
            filters.addWidget(widget, 1)
            if widget is self.period:
                filters.addWidget(self.period.dates, 2)  # From and To, for "Between dates…"

        # what the list is narrowed to, named on a button that clears it
        self.chips = {what: filter_chip(f"{what}Filter", tip, lambda _c=False, w=what:
                                        self._narrow(w, None, ""))
                      for what, tip in (("partner", _("Show every partner's contributions")),
                                        ("fund", _("Show the contributions of every fund")),
                                        ("deposit", _("Show the contributions of every "
                                                      "deposit")))}
        self.partner_chip, self.fund_chip = self.chips["partner"], self.chips["fund"]
        buttons = QHBoxLayout()
        for action, name in ((self.new_action, "newContribution"),
                             (self.edit_action, "editContribution"),
                             (self.thank_action, "thankContributions"),
                             (self.letters_action, "letterContributions")):
            buttons.addWidget(action_button(action, name))
        for chip in self.chips.values():
            buttons.addWidget(chip)
        buttons.addStretch()
        self.count_label = QLabel()
        self.count_label.setObjectName("contributionCount")
        buttons.addWidget(self.count_label)

        self.totals = totals_label()

        self.table.addActions([self.edit_action, self.thank_action, self.letters_action,
                               self.delete_action])
        self.table.activated.connect(lambda _unused: self.edit_action.trigger())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.view.link_activated.connect(
            lambda link: self.new_action.trigger() if link == "new" else self.clear_filters())

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.totals)
        self._read_filters()

    def _make_actions(self) -> None:
        def action(text: str, slot, shortcut: str = "", tip: str = "") -> QAction:
            return make_action(self, text, slot, shortcut, tip)

        self.new_action = action(_("&New contribution…"), self.new_contribution, "Ctrl+Shift+N",
                                 _("Record a gift or a pledge (Ctrl+Shift+N)"))
        self.edit_action = action(_("&Edit contribution…"), self.edit_selected, "Ctrl+Shift+E",
                                  _("Edit the selected contribution (Enter)"))
        self.thank_action = action(_("Mark as &thanked…"), self.thank_selected, "Ctrl+T",
                                   _("Record that the selected contributions were thanked"))
        self.delete_action = action(_("&Delete contribution entered by mistake…"),
                                    self.delete_selected)
        self.queue_action = action(_("Show the thank-you &queue"), self.show_thank_you_queue)
        self.export_action = action(_("E&xport this list (CSV)…"), self.export_list, "",
                                    _("Save the contributions shown, as filtered and sorted, "
                                    "for a spreadsheet"))
        self.letters_action = action(_("Thank-you &letters…"), self.letters_for_selected, "Ctrl+P",
                                     _("Print a thank-you letter for each selected contribution"))
        self.queue_letters_action = action(
            _("Letters for e&veryone not yet thanked…"), self.letters_for_queue, "",
            _("Print a thank-you letter for every gift and pledge not yet thanked, received "
            "since a date you choose"))
        self.templates_action = action(_("Letter text&s…"), self.edit_templates, "",
                                       _("Change what the thank-you letters say"))
        self.undo_letters_action = action(_("&Undo the last letters marking"),
                                          self.undo_last_letters, "",
                                          _("Put the contributions last marked as thanked by "
                                          "letter back in the thank-you queue"))
        self.undo_letters_action.setEnabled(False)
        self.last_sent = None

    def changing_actions(self) -> list[QAction]:
        """What changes the data: none of it is offered while the data can only be read."""
        return [self.new_action, self.thank_action, self.templates_action,
                self.undo_letters_action, self.delete_action]

    def actions_for_menu(self) -> list[QAction | None]:
        return [self.new_action, self.edit_action, self.thank_action, None,
                self.letters_action, self.queue_letters_action, self.templates_action,
                self.undo_letters_action, None,
                self.queue_action, self.export_action, None, self.delete_action]

    def _fill_kinds(self) -> None:
        family = self.family.currentData()
        self.kind.blockSignals(True)
        self.kind.clear()
        self.kind.addItem(_("Any kind"), None)
        for vocabulary in ((CASH_KINDS, IN_KIND_KINDS) if family is None else
                           (of_family(family),)):
            fill_combo(self.kind, vocabulary, clear=False)
        self.kind.blockSignals(False)

    def _family_changed(self) -> None:
        self._fill_kinds()
        self._filters_changed()

    def _filters_changed(self) -> None:
        self._read_filters()
        if self._loaded and self.records.ids_query() == self._last_query:
            return  # nothing that changes the list (a first letter, say) was typed
        self.refresh()

    def _read_filters(self) -> None:
        records = self.records
        records.search = self.search.text()
        period = self.period.chosen()
        records.start, records.end = period.start, period.end
        self.period_label = "" if self.period.code() == "all" else period.label
        records.family = self.family.currentData()
        records.kind = self.kind.currentData()
        records.status = self.status.currentData()
        records.thanked = self.thanked.currentData()

    def refresh(self, select_id: int | None = None) -> None:
        if not self.isVisible() and not self._loaded:
            return  # read when first shown: starting the app does not wait for this tab
        self._loaded = True
        if self.records.partner_id and not Partner.get_or_none(id=self.records.partner_id):
            return self.show_partner(None)  # its partner was merged into another
        self._last_query = self.records.ids_query()
        total = self.records.total()
        self.view.refresh(_(EMPTY_FIRST if total == 0 else EMPTY_NO_MATCH), select_id)
        all_of = ngettext("{n} contribution", "{n} contributions", total).format(
            n=format_count(total))
        self.view.count_into(self.count_label, lambda n: all_of if n == total else _(
            "{shown} of {all} shown").format(shown=format_count(n), all=all_of))
        self.totals.setText(_("Adding up…"))
        self._totals_timer.start()  # on the next turn: the list shows first, a burst summed once
        self._update_actions()

    def update_totals(self) -> None:
        self._totals_timer.stop()
        self.view.work_out("totals", self.records.totals_reader(), self._show_totals)

    def _show_totals(self, totals) -> None:
        text = totals_text(totals)
        if self.period_label and self.records.status not in ("outstanding", "overdue"):
            text = f"{self.period_label.capitalize()}: &nbsp;{text}"
        fund = funds.progress_of(self.records.fund_id) if self.records.fund_id else None
        if fund is not None:  # toward its goal, whatever the other filters
            text = f"<b>{escape(fund.name)}</b>: {escape(fund.progress())}<br>{text}"
        self.totals.setText(text)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def clear_filters(self) -> None:
        self.period.set_period("all", notify=False)
        for widget in (self.family, self.kind, self.status, self.thanked):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)  # "any"
            widget.blockSignals(False)
        self._fill_kinds()
        self.records.partner_id = self.records.fund_id = self.records.deposit_id = None
        for chip in self.chips.values():
            chip.hide()
        self.search.clear()
        self._filters_changed()

    def show_partner(self, partner_id: int | None) -> None:
        """Only this partner's contributions (None: everyone's again)."""
        self._narrow("partner", partner_id, partner_id and _("Partner: {name}  ✕").format(
            name=Partner.get_by_id(partner_id).name))

    def show_fund(self, fund_id: int | None) -> None:
        """Only the contributions to this fund or campaign (None: every fund's again)."""
        self._narrow("fund", fund_id, fund_id and _("Fund: {name}  ✕").format(
            name=Fund.get_by_id(fund_id).name))

    def show_deposit(self, deposit_id: int | None) -> None:
        """Only the gifts of this bank deposit (None: every deposit's again)."""
        self._narrow("deposit", deposit_id, deposit_id and _("Deposit of {date}  ✕").format(
            date=Deposit.get_by_id(deposit_id).date))

    def _narrow(self, what: str, chosen: int | None, text: str) -> None:
        setattr(self.records, f"{what}_id", chosen)
        self.chips[what].setText(text or "")
        self.chips[what].setVisible(bool(text))
        self.refresh()

    def show_thank_you_queue(self) -> None:
        self.clear_filters()
        set_combo(self.thanked, False)

    def join(self, hub) -> None:
        """Announce this tab's changes on the window's hub, and show the others'."""
        self.changed.connect(hub.contributions_changed)
        hub.partners_changed.connect(self.refresh)
        hub.profile_changed.connect(self.reload)  # "this fiscal year" may have moved
        hub.data_replaced.connect(self.reload)

    def reload(self) -> None:
        """Read the filters and the list again (a tab not shown yet: when first shown)."""
        self._last_query = None
        self._filters_changed()

    def _update_actions(self) -> None:
        ids = self.view.selected_ids()
        self.edit_action.setEnabled(len(ids) == 1)
        self.thank_action.setEnabled(bool(ids))
        self.letters_action.setEnabled(bool(ids))
        self.delete_action.setEnabled(len(ids) == 1)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # Actions

    def new_contribution(self, partner_id: int | None = None) -> None:
        from cars_desktop.ui.contribution_dialog import ContributionDialog

        dialog = ContributionDialog(self, partner_id=partner_id or self.records.partner_id
                                    or self.partner_in_view())
        dialog.exec()
        if dialog.saved_ids:
            self._after_save(dialog.saved_ids[-1])

    def edit_selected(self) -> None:
        contribution_id = self.view.selected_id()
        if contribution_id is None:
            return
        from cars_desktop.ui.contribution_dialog import ContributionDialog

        dialog = ContributionDialog(self, contribution_id=contribution_id)
        if database.opened_read_only():
            dialog.show_only()
        if dialog.exec() and dialog.saved_ids:
            self._after_save(contribution_id)

    def _after_save(self, contribution_id: int) -> None:
        self.refresh(select_id=contribution_id)
        if self.model.row_of(contribution_id) is None:
            self.clear_filters()  # what was just saved must be seen, whatever the filters
            self.refresh(select_id=contribution_id)
        self.changed.emit()

    def thank_selected(self) -> None:
        ids = self.view.selected_ids()
        if not ids:
            return
        dialog = ThankDialog(self, len(ids))
        if not dialog.exec():
            return
        from cars_desktop.store import contributions

        try:
            marked = contributions.mark_thanked(ids, dialog.date(), dialog.method.currentData(),
                                                dialog.by.text().strip())
        except StoreError as err:
            messages.critical(self, _("Not changed"), str(err))
            return
        others = len(ids) - marked  # already thanked, or cancelled
        said = ngettext("{n} contribution marked as thanked.",
                        "{n} contributions marked as thanked.", marked).format(
            n=format_count(marked))
        if others:
            said += " " + ngettext("{n} had been thanked already or was cancelled.",
                                   "{n} had been thanked already or were cancelled.",
                                   others).format(n=format_count(others))
        self.message.emit(said)
        self.refresh()
        self.changed.emit()

    def export_list(self) -> None:
        from cars_desktop.ui.export_dialog import export_to

        export_to(self, "contributions", self.records.ids())

    def letters_for_selected(self):
        if not self.isVisible():  # Ctrl+P from another tab: the selection here is not seen
            self.message.emit(_("Select the contributions to thank in the Contributions tab."))
            return None
        ids = self.view.selected_ids()
        if not ids:
            return None
        from cars_desktop.store import letters

        return self._letters(lambda: letters.letters_for(ids, dt.date.today()))

    def letters_for_queue(self):
        """Everyone not yet thanked since a chosen day: one letter per partner."""
        from cars_desktop.core.thanks import default_since
        from cars_desktop.store import letters
        from cars_desktop.ui.letters_window import QueueLettersDialog, letters_ready

        if not letters_ready(self):
            return None
        today = dt.date.today()
        chooser = QueueLettersDialog(self, default_since(today, fiscal_year_start_month()))
        since = chooser.chosen() if chooser.exec() else None
        return None if since is None else self._letters(
            lambda: letters.queue_letters(today, since))

    def _letters(self, collect):
        from cars_desktop.ui.letters_window import open_letters

        dialog = open_letters(self, collect, _("Thank-you letters"), self._after_thanks)
        if dialog is not None:
            dialog.marked.connect(self._remember_marking)
        return dialog

    def _remember_marking(self, sent) -> None:
        self.last_sent = sent
        self.undo_letters_action.setEnabled(bool(sent and sent.contribution_ids))

    def undo_last_letters(self) -> None:
        from cars_desktop.ui.letters_window import undo_marking

        if self.last_sent is not None and undo_marking(self, self.last_sent):
            self._remember_marking(None)
            self.message.emit(_("The marking is undone: those contributions are in the "
                                "thank-you queue again."))
            self._after_thanks()

    def _after_thanks(self) -> None:
        self.refresh(select_id=self.view.selected_id())
        self.changed.emit()

    def edit_templates(self) -> None:
        from cars_desktop.ui.templates_dialog import TemplatesDialog

        TemplatesDialog(self).exec()

    def delete_selected(self) -> None:
        contribution_id = self.view.selected_id()
        if contribution_id is None:
            return
        answer = messages.question(
            self, _("Delete contribution?"),
            _("Delete this contribution and its thank-you records? Use this only for one entered "
            "by mistake; a promise that fell through is better marked “Cancelled”."),
            messages.Button.Yes | messages.Button.No, messages.Button.No)
        if answer != messages.Button.Yes:
            return
        from cars_desktop.store import contributions

        try:
            contributions.delete_contribution(contribution_id)
        except StoreError as err:
            messages.critical(self, _("Not changed"), str(err))
            return
        self.message.emit(_("The contribution is deleted."))
        self.refresh()
        self.changed.emit()
