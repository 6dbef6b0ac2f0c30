"""The Maintenance tab: each formal partnership against the checklist, and what needs
attention, each item one click from the place to act on it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.text import format_count
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store import database, maintenance
from cars_desktop.store.lists import ReviewGrid
from cars_desktop.ui.maintenance_dialogs import (
    AttentionSettingsDialog,
    ChecklistDialog,
    LogContactDialog,
    ReviewDialog,
)
from cars_desktop.ui.record_view import RecordView
from cars_desktop.ui.widgets import (
    action_button,
    fill_combo,
    make_action,
    muted,
    named_combo,
    shrinkable,
)

EMPTY = (N_("<p><b>No formal partnerships to review.</b></p>"
         "<p>A formal partner works with you on shared goals and shares decisions. Mark a "
         "partner “Formal” on the Partners tab to review it against the checklist here.</p>"))
EMPTY_FILTERED = N_("<p><b>No formal partnership matches these filters.</b></p>")

ATTENTION_TITLES = {
    "thank": N_("Thank-yous overdue"), "pledge": N_("Pledges overdue"),
    "contact": N_("No contact lately"), "follow_up": N_("Follow-ups due"),
    "review": N_("Reviews due"), "practice": N_("Practices needing attention"),
    "celebrate": N_("Successes to celebrate"),
}


class PracticeHeader(QHeaderView):
    """The review grid's header: each practice's title turned on its side and wrapped, so
    that the whole checklist fits in narrow columns on a laptop; the title is its tooltip."""

    FIRST = 3  # partner, last review and next due come before the practices
    TALLEST = 220

    def __init__(self, parent=None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setHighlightSections(False)
        self.setSectionsClickable(True)

    def _titles(self) -> list[tuple[int, str]]:
        model = self.model()
        return [(number, model.headerData(number, Qt.Orientation.Horizontal) or "")
                for number in range(self.FIRST, self.count())]

    def fits(self, title: str, height: int, width: int) -> bool:
        """Whether `title`, wrapped along a header `height` tall, fits a column `width`."""
        lines = self.fontMetrics().boundingRect(QRect(0, 0, height - 10, 10_000),
                                                Qt.TextFlag.TextWordWrap, title)
        return lines.height() <= width - 4 and lines.width() <= height - 10

    def shown(self, title: str, height: int, width: int) -> str:
        """The title as it fits: whole, or its first words and "…" (a title the group made
        very long; the tooltip keeps it whole)."""
        words = title.split()
        while len(words) > 1 and not self.fits(title, height, width):
            words.pop()
            title = " ".join(words) + "…"
        return title

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        titles = self._titles() if self.model() is not None else []
        height = hint.height()
        while height < self.TALLEST and not all(
                self.fits(title, height, self.sectionSize(number)) for number, title in titles):
            height += 6
        return QSize(hint.width(), height)

    def paintSection(self, painter, rect, logical) -> None:  # noqa: N802 - Qt's name
        if logical < self.FIRST:
            super().paintSection(painter, rect, logical)
            return
        option = QStyleOptionHeader()
        self.initStyleOptionForIndex(option, logical)
        option.rect, option.text = rect, ""
        painter.save()
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
        painter.restore()
        painter.save()
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)  # read from the bottom up, as on a spreadsheet's turned header
        title = self.model().headerData(logical, Qt.Orientation.Horizontal) or ""
        painter.drawText(QRect(6, 2, rect.height() - 10, rect.width() - 4),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
                         | Qt.TextFlag.TextWordWrap, self.shown(title, rect.height(),
                                                                 rect.width()))
        painter.restore()


class _WrappedLines(QStyledItemDelegate):
    """Each attention line as tall as its text wrapped to the panel's width: never cut off."""

    def sizeHint(self, option, index) -> QSize:
        tree = self.parent()
        depth = 1 if index.parent().isValid() else 0
        width = tree.viewport().width() - tree.indentation() * (depth + 1)
        option.rect = QRect(0, 0, max(width, 50), 10_000)
        return super().sizeHint(option, index)


class AttentionList(QTreeWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setItemDelegate(_WrappedLines(self))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.scheduleDelayedItemsLayout()  # the lines wrap anew to the new width


class MaintenanceTab(QWidget):
    changed = Signal()  # a review saved or a contact logged
    checklist_changed = Signal()  # the practices were edited
    message = Signal(str)
    contribution_wanted = Signal(str, int)  # kind of attention item, contribution id
    recognition_wanted = Signal()  # the recognition list of the successes' days

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records = ReviewGrid()
        self.view = RecordView(self.records, "reviewGrid")
        self.table = self.view.table
        self._practice_header()
        self._loaded = False

        self.sector = named_combo("sectorFilter", _("Sector"))
        self.sector.addItem(_("All sectors"), None)
        fill_combo(self.sector, vocab.SECTORS, clear=False)
        shrinkable(self.sector)
        self.sector.currentIndexChanged.connect(self._filters_changed)
        self.overdue = QCheckBox(_("Only reviews &due"))
        self.overdue.setObjectName("overdueFilter")
        self.overdue.toggled.connect(self._filters_changed)

        self.review_action = make_action(self, _("&Review partnership…"), self.review_selected,
                                         "Ctrl+R", _("Review the selected partnership (Enter)"))
        self.log_action = make_action(self, _("&Log a contact…"), self.log_selected, "Ctrl+L",
                                      _("Record a meeting, call, email, visit, event or letter"))
        self.checklist_action = make_action(self, _("Edit the &checklist…"), self.edit_checklist)
        self.settings_action = make_action(self, _("Attention &settings…"), self.edit_settings)
        top = QHBoxLayout()
        top.addWidget(self.sector)
        top.addWidget(self.overdue)
        for action, name in ((self.review_action, "reviewPartnership"),
                             (self.log_action, "logContact"),
                             (self.checklist_action, "editChecklist")):
            top.addWidget(action_button(action, name))
        top.addStretch()
        self.count_label = QLabel()
        top.addWidget(self.count_label)

        self.table.addActions([self.review_action, self.log_action])
        self.table.activated.connect(lambda _unused: self.review_action.trigger())
        self.table.selectionModel().selectionChanged.connect(self._update_actions)

        self.attention = AttentionList()
        self.attention.setAccessibleName(_("Needs attention"))
        self.attention.setAccessibleDescription(
            _("Reviews due, gifts not yet thanked and other things to act on; Enter opens one"))
        self.attention.setObjectName("attention")
        self.attention.itemActivated.connect(lambda item, _unused: self.act_on(item))
        self.go = QPushButton(_("&Go to it"))
        self.go.setObjectName("goToIt")
        self.go_tip = _("Open the place to act on the selected item (or double-click it)")
        self.go.setToolTip(self.go_tip)
        self.go.clicked.connect(lambda: self.act_on(self.attention.currentItem()))
        # a success leads to the recognition list; the gift itself stays one click away
        self.show_gift = QPushButton(_("Show the contri&bution"))
        self.show_gift.setObjectName("showContribution")
        self.show_gift.setToolTip(_("Show the selected item's contribution in the "
                                    "Contributions tab"))
        self.show_gift.clicked.connect(
            lambda: self.show_contribution(self.attention.currentItem()))
        self.attention.currentItemChanged.connect(self._attention_chosen)
        settings = action_button(self.settings_action, "attentionSettings")
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(_("<b>What needs attention</b>")))
        side_layout.addWidget(self.attention, 1)
        row = QHBoxLayout()
        row.addWidget(self.go)
        row.addWidget(self.show_gift)
        row.addStretch()
        row.addWidget(settings)
        side_layout.addLayout(row)

        legend = QLabel(_("✓ Done  ·  ⚠ Needs attention  ·  – Not applicable.  Rest the pointer "
                        "on a mark to read it with its note."))
        legend.setObjectName("reviewLegend")
        legend.setWordWrap(True)
        muted(legend)
        grid = QWidget()
        grid_layout = QVBoxLayout(grid)
        grid_layout.setContentsMargins(0, 0, 0, 0)
        grid_layout.addWidget(self.view, 1)
        grid_layout.addWidget(legend)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(grid)
        split.addWidget(side)
        # the grid wants its twelve marks and a readable name; the list wraps its lines
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._update_actions()
        self._attention_chosen(None)

    def _practice_header(self) -> None:
        """Put the turned-title header on the grid, with the settings the list gave its own."""
        old = self.table.horizontalHeader()
        order = old.sortIndicatorSection(), old.sortIndicatorOrder()  # the old one goes
        header = PracticeHeader(self.table)
        self.table.setHorizontalHeader(header)
        header.setStretchLastSection(False)
        for number, column in enumerate(self.records.columns):
            self.table.setColumnWidth(number, column.width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(*order)
        self.table.setSortingEnabled(True)

    def changing_actions(self) -> list[QAction]:
        """What changes the data: none of it is offered while the data can only be read."""
        return [self.review_action, self.log_action, self.checklist_action,
                self.settings_action]

    def actions_for_menu(self):
        return [self.review_action, self.log_action, None, self.checklist_action,
                self.settings_action]

    def join(self, hub) -> None:
        """Announce this tab's changes on the window's hub, and show the others'."""
        self.changed.connect(hub.maintenance_changed)
        self.checklist_changed.connect(hub.checklist_changed)
        hub.partners_changed.connect(self.refresh)
        hub.contributions_changed.connect(self._contributions_changed)
        hub.data_replaced.connect(self.reload)

    # Reading

    def reload(self) -> None:
        """Read everything again, the practices too. A tab not shown yet waits until it is."""
        if self._loaded:
            self.records.reload_practices()
            self.refresh()

    def _contributions_changed(self) -> None:
        if self._loaded:  # gifts to thank and pledges due are in "what needs attention"
            self.refresh_attention()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        if not self.isVisible() and not self._loaded:
            return  # read when first shown
        self._loaded = True
        total = self.records.total()
        filtered = self.records.sector or self.records.overdue_only
        self.view.refresh(_(EMPTY_FILTERED if filtered and total else EMPTY), select_id)
        all_of = ngettext("{n} formal partnership", "{n} formal partnerships", total).format(
            n=format_count(total))
        self.view.count_into(self.count_label, lambda shown: _("{shown} of {all} shown").format(
            shown=format_count(shown), all=all_of) if filtered else all_of)
        self.refresh_attention()
        self._update_actions()

    def refresh_attention(self, today: dt.date | None = None) -> None:
        found = maintenance.attention(today or dt.date.today(), maintenance.attention_settings())
        self.attention.clear()
        for kind, title in ATTENTION_TITLES.items():
            items = found[kind]
            more = len(items) > 50
            items = items[:50]
            group = QTreeWidgetItem([f"{_(title)} ({len(items)}{'+' if more else ''})"])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.attention.addTopLevelItem(group)
            for item in items:
                child = QTreeWidgetItem([item.text])
                child.setToolTip(0, item.text)
                child.setData(0, Qt.ItemDataRole.UserRole, item)
                group.addChild(child)
            group.setExpanded(0 < len(items) <= 5)  # long lists open with a click

    def _filters_changed(self) -> None:
        self.records.sector = self.sector.currentData()
        self.records.overdue_only = self.overdue.isChecked()
        self.refresh()

    def _update_actions(self) -> None:
        selected = self.view.selected_id() is not None
        self.review_action.setEnabled(selected)
        self.log_action.setEnabled(selected)

    # Acting

    def act_on(self, item: QTreeWidgetItem | None) -> None:
        found = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if found is None:
            return
        if found.kind in ("review", "practice", "contact", "follow_up") \
                and database.opened_read_only():
            self.message.emit(_("The data is open read-only: nothing can be changed."))
        elif found.kind in ("review", "practice"):
            self.review(found.partner_id)
        elif found.kind in ("contact", "follow_up"):
            self.log_contact(found.partner_id)
        elif found.kind == "celebrate":  # "publicly acknowledge successes and celebrate"
            self.recognition_wanted.emit()
        else:
            self.contribution_wanted.emit(found.kind, found.contribution_id)

    def show_contribution(self, item: QTreeWidgetItem | None) -> None:
        found = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if found is not None and found.contribution_id is not None:
            self.contribution_wanted.emit(found.kind, found.contribution_id)

    def _attention_chosen(self, item: QTreeWidgetItem | None) -> None:
        found = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        self.show_gift.setEnabled(found is not None and found.contribution_id is not None)
        self.go.setToolTip(_("Make the recognition list of these days, to thank the partners "
                             "in public") if found is not None and found.kind == "celebrate"
                           else self.go_tip)

    def review_selected(self) -> None:
        partner_id = self.view.selected_id()
        if partner_id is not None:
            self.review(partner_id)

    def log_selected(self) -> None:
        partner_id = self.view.selected_id()
        if partner_id is not None:
            self.log_contact(partner_id)

    def review(self, partner_id: int) -> None:
        dialog = ReviewDialog(self, partner_id)
        if dialog.exec():
            self.message.emit(_("The review is saved."))
            self._after_change(partner_id)

    def log_contact(self, partner_id: int) -> None:
        dialog = LogContactDialog(self, partner_id)
        if dialog.exec():
            self.message.emit(_("The contact is logged."))
            self._after_change(partner_id)

    def _after_change(self, partner_id: int) -> None:
        self.refresh(select_id=partner_id)
        self.changed.emit()

    def edit_checklist(self) -> None:
        dialog = ChecklistDialog(self)
        dialog.exec()
        if dialog.changed:
            keys = [c.key for c in self.records.columns]
            widths = {k: self.table.columnWidth(i) for i, k in enumerate(keys)}
            self.records.reload_practices()
            keys = [c.key for c in self.records.columns]
            if self.records.sort_key not in keys:  # sorted by a practice now retired
                self.records.sort_key, self.records.descending = "name", False
            self.table.horizontalHeader().setSortIndicator(
                keys.index(self.records.sort_key), Qt.SortOrder.DescendingOrder
                if self.records.descending else Qt.SortOrder.AscendingOrder)
            self.refresh()
            for number, column in enumerate(self.records.columns):  # widths people chose stay
                self.table.setColumnWidth(number, widths.get(column.key, column.width))
            self.checklist_changed.emit()

    def edit_settings(self) -> None:
        if AttentionSettingsDialog(self).exec():
            QTimer.singleShot(0, self.refresh_attention)
