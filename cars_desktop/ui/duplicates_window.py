"""Partner › Possible duplicates…: the pairs of partners that may be one (same name, email or
phone), each opened in the merge window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from cars_desktop.core.text import format_count
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store.lists import DuplicateList
from cars_desktop.ui.merge_dialog import merge_pair
from cars_desktop.ui.record_view import RecordView
from cars_desktop.ui.widgets import fit_to_screen

EMPTY = N_("<p><b>No partners look alike.</b></p><p>None has the same name, email or phone as "
           "another.</p>")


class DuplicatesWindow(QDialog):
    """`merged(kept_id)` is called after each merge made from here."""

    def __init__(self, parent: QWidget | None, merged: Callable[[int], None]) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesWindow")
        self.setWindowTitle(_("Possible duplicates"))
        self.merged = merged
        self.records = DuplicateList()
        self.view = RecordView(self.records, "duplicatePairs", stretch_column=4)
        self.view.table.setAccessibleName(_("Possible duplicates"))
        self.view.table.setAccessibleDescription(
            _("Pairs of partners that may be the same one, and why"))
        self.view.table.activated.connect(lambda _index: self.merge_selected())
        self.view.table.selectionModel().selectionChanged.connect(self._update)
        intro = QLabel(_("These partners have the same name (accents and punctuation aside), "
                         "the same email or the same phone. Choose a pair, then Merge… to see "
                         "both side by side and decide; the one on the left stays unless you "
                         "choose otherwise."))
        intro.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("duplicateCount")
        buttons = QDialogButtonBox()
        self.merge_button = buttons.addButton(_("&Merge…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setObjectName("mergePair")
        self.merge_button.clicked.connect(self.merge_selected)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeDuplicates")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.refresh()
        fit_to_screen(self, 1000, 560)

    def refresh(self) -> None:
        shown = self.view.refresh(_(EMPTY))
        if shown and self.view.selected_id() is None:
            self.view.select_row(0)
        self.count.setText(ngettext("{n} pair of partners may be the same one.",
                                    "{n} pairs of partners may be the same one.",
                                    shown).format(n=format_count(shown)) if shown else "")
        self._update()

    def _update(self) -> None:
        self.merge_button.setEnabled(self.records.pair(self.view.selected_id()) is not None)

    def merge_selected(self) -> None:
        pair = self.records.pair(self.view.selected_id())
        if pair is None:
            return
        kept = merge_pair(self, pair.first_id, pair.second_id)
        if kept is not None:
            self.merged(kept)
            self.refresh()
