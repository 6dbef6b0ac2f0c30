"""Choosing a partner by typing part of its name, its community or a contact person, accents
or not: the matches come from the same SQL search as the Partners tab."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from cars_desktop.i18n import _
from cars_desktop.store.lists import PartnerList

MATCHES = 15


class PartnerPicker(QLineEdit):
    chosen = Signal(object)  # the partner's id, or None when the text names no partner

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText(_("Type part of a name, a community or a contact person"))
        self.partner_id: int | None = None
        self._records = PartnerList()
        self._records.status = "all"
        self._by_label: dict[str, int] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        # The store has already matched, accent-insensitively: show its matches unfiltered.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated.connect(self._pick)
        self.setCompleter(completer)
        self.textEdited.connect(self._suggest)
        self.editingFinished.connect(self._settle)

    def _suggest(self, text: str) -> None:
        self._set_partner(None)
        self._records.search = text
        ids = self._records.ids()[:MATCHES] if text.strip() else []
        rows = self._records.rows(ids)
        self._by_label = {}
        for pid in ids:
            name, contact = rows[pid].cells[0], rows[pid].cells[4]
            label = f"{name} — {contact}" if contact else name
            while label in self._by_label:
                label += " "  # two partners of the same name stay two choices
            self._by_label[label] = pid
        self._model.setStringList(list(self._by_label))
        if len(ids) == 1 and rows[ids[0]].cells[0].casefold() == text.strip().casefold():
            self._set_partner(ids[0])
        if ids:
            self.completer().complete()

    def _pick(self, label: str) -> None:
        pid = self._by_label.get(label)
        if pid is not None:
            # after the completer has written its line ("Name — Contact") into the field
            QTimer.singleShot(0, lambda: self.set_partner(pid))
            self._set_partner(pid)

    def _settle(self) -> None:
        """Leaving the field with exactly one match typed out takes it."""
        if self.partner_id is None and len(self._by_label) == 1:
            self.set_partner(next(iter(self._by_label.values())))

    def set_partner(self, partner_id: int | None) -> None:
        if partner_id is None:
            self.clear()
        else:
            records = PartnerList()
            row = records.rows([partner_id]).get(partner_id)
            self.setText(row.cells[0] if row else "")
        self._set_partner(partner_id)

    def _set_partner(self, partner_id: int | None) -> None:
        if partner_id != self.partner_id:
            self.partner_id = partner_id
            self.chosen.emit(partner_id)

    def add_new(self, parent) -> bool:
        """A new partner, named as typed here when no partner is chosen; True once saved and
        chosen."""
        from cars_desktop.ui.partner_dialog import PartnerDialog

        dialog = PartnerDialog(parent)
        if self.text().strip() and self.partner_id is None:
            dialog.fields["name"].setText(self.text().strip())
        if dialog.exec() and dialog.saved_id:
            self.set_partner(dialog.saved_id)
            return True
        return False
