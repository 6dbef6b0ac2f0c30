"""A household's members in the partner window: the people who give together, added by
typing part of a name, removed from the list; each keeps the credit for their own gifts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.i18n import _
from cars_desktop.store import households
from cars_desktop.ui.widgets import ErrorLabel, muted


class PeoplePicker(QLineEdit):
    """Choosing a person by typing part of their name, accents or not."""

    def __init__(self) -> None:
        super().__init__()
        self.setPlaceholderText(_("Type part of a person's name"))
        self.partner_id: int | None = None
        self._by_label: dict[str, int] = {}
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated.connect(self._pick)
        self.setCompleter(completer)
        self.textEdited.connect(self._suggest)
        self.editingFinished.connect(self._settle)

    def _suggest(self, text: str) -> None:
        self.partner_id = None
        self._by_label = {}
        for pid, name in households.people_matching(text):
            label = name
            while label in self._by_label:
                label += " "  # two people of the same name stay two choices
            self._by_label[label] = pid
        self._model.setStringList(list(self._by_label))
        if self._by_label:
            self.completer().complete()

    def _pick(self, label: str) -> None:
        self.partner_id = self._by_label.get(label)

    def _settle(self) -> None:
        """Leaving the field with exactly one match takes it."""
        if self.partner_id is None and len(self._by_label) == 1:
            self.partner_id = next(iter(self._by_label.values()))

    def set_partner(self, partner_id: int | None) -> None:
        self.partner_id = partner_id
        self.setText(households.name_of(partner_id) if partner_id else "")


class MembersBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__(_("Members of the household"))
        hint = muted(QLabel(_("People who give together. Each keeps the credit for their own "
                              "gifts; thank-you letters and year-end summaries go to the "
                              "household, at its address.")))
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("householdMembers")
        self.list.setAccessibleName(_("Members of the household"))
        self.list.setMaximumHeight(90)
        self.list.installEventFilter(self)
        self.picker = PeoplePicker()
        self.picker.setObjectName("memberPicker")
        self.picker.setAccessibleName(_("Person to add to the household"))
        self.add_button = QPushButton(_("Add mem&ber"))
        self.add_button.setObjectName("addMember")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button = QPushButton(_("Remove from the household"))
        self.remove_button.setObjectName("removeMember")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        for widget in (hint, self.list):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def load(self, household_id: int | None) -> None:
        for member in households.members(household_id):
            self._add_item(member.id, member.name)

    def _add_item(self, partner_id: int, name: str) -> None:
        item = QListWidgetItem(name)  # an item's text is never read as markup
        item.setData(Qt.ItemDataRole.UserRole, partner_id)
        self.list.addItem(item)

    def member_ids(self) -> list[int]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.list.count())]

    def add_chosen(self) -> None:
        """The person chosen in the picker joins the list; anyone else is refused plainly."""
        chosen = self.picker.partner_id
        problem = households.joining_problem(chosen, self.member_ids())
        self.error.show_message(problem)
        if problem:
            self.picker.setFocus()
            return
        self._add_item(chosen, households.name_of(chosen))
        self.picker.set_partner(None)
        self.picker.setFocus()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self.error.show_message("")

    def eventFilter(self, watched, event) -> bool:
        """Delete in the list removes the member selected."""
        if watched is self.list and event.type() == QEvent.Type.KeyPress and \
                event.key() == Qt.Key.Key_Delete:
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def focus_order(self) -> list[QWidget]:
        return [self.list, self.picker, self.add_button, self.remove_button]
