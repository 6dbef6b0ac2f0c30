"""A partner's contact people in the partner dialog: a line each (name, role, phone, email,
salutation), one of them primary, with the problems of each line said under it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core import validation
from cars_desktop.i18n import N_, _
from cars_desktop.ui.widgets import ErrorLabel, muted


class ContactRow:
    """One contact person: its fields on a line of the dialog's contact grid, with one line
    under them for what is wrong."""

    FIELDS = (
        ("name", N_("Name"), 130, 3),
        ("role", N_("Role"), 90, 2),
        ("phone", N_("Phone"), 110, 2),
        ("email", N_("Email"), 140, 3),
        ("salutation", N_("e.g. Dear Ann"), 110, 2),
    )
    LABELS = {"name": N_("Name"), "role": N_("Role"), "phone": N_("Phone"), "email": N_("Email"),
              "salutation": N_("Salutation")}

    def __init__(self, grid: QGridLayout, line: int, values: dict[str, Any] | None,
                 primary_group: QButtonGroup, on_remove) -> None:
        values = values or {}
        self.contact_id = values.get("id")
        self.edits: dict[str, QLineEdit] = {}
        for column, (field, hint, width, _unused) in enumerate(self.FIELDS):
            edit = QLineEdit(values.get(field) or "")
            edit.setCursorPosition(0)  # a long name or email shows its start, not its end
            edit.setPlaceholderText(hint if field == "salutation" else "")
            if field == "salutation":  # the whole story, where the field has no room for it
                edit.setToolTip(_("How letters greet this person, e.g. “Dear Ann” or “Chère "
                                "Madame Roy”. Left empty, letters say “Dear” and the name, or "
                                "“Bonjour” and the name in French."))
            edit.setAccessibleName(_("Contact {lower}").format(lower=_(self.LABELS[field]).lower()))
            edit.setMinimumWidth(width)
            edit.setObjectName(f"contact_{field}")
            grid.addWidget(edit, line, column)
            self.edits[field] = edit
        self.primary = QRadioButton(_("Primary"))
        self.primary.setToolTip(_("Letters go to the primary contact person"))
        self.primary.setChecked(bool(values.get("is_primary")))
        primary_group.addButton(self.primary)
        grid.addWidget(self.primary, line, len(self.FIELDS))
        self.remove = QToolButton()
        self.remove.setText(_("Remove"))
        self.remove.setToolTip(_("Remove this contact person"))
        self.remove.clicked.connect(lambda: on_remove(self))
        grid.addWidget(self.remove, line, len(self.FIELDS) + 1)
        self.error = ErrorLabel()
        grid.addWidget(self.error, line + 1, 0, 1, len(self.FIELDS) + 2)
        self.widgets: list[QWidget] = [*self.edits.values(), self.primary, self.remove,
                                       self.error]

    def values(self) -> dict[str, Any]:
        found: dict[str, Any] = {f: e.text() for f, e in self.edits.items()}
        found["is_primary"] = self.primary.isChecked()
        if self.contact_id:
            found["id"] = self.contact_id
        return found

    def is_blank(self) -> bool:
        return not any(e.text().strip() for e in self.edits.values())

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Shows what is wrong; returns the first wrong field."""
        self.error.show_message("  ".join(f"{_(self.LABELS[f])}: {m}" for f, m in errors.items()))
        return next((self.edits[f] for f, *_unused in self.FIELDS if f in errors), None)

    def focus_order(self) -> list[QWidget]:
        return [*self.edits.values(), self.primary, self.remove]

    def delete(self) -> None:
        for widget in self.widgets:
            widget.deleteLater()


class ContactsBox(QGroupBox):
    """The partner's contact people, a line each, one of them primary; `on_rows_changed` is
    told when a line comes or goes (the dialog's Tab order follows)."""

    def __init__(self, on_rows_changed: Callable[[], None]) -> None:
        super().__init__(_("Contact people"))
        self.rows: list[ContactRow] = []
        self._lines = 0
        self.on_rows_changed = on_rows_changed
        self.primary_group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        hint = QLabel(_("Partnerships are made by people: add the people you deal with. "
                      "Letters go to the primary contact person."))
        hint.setWordWrap(True)
        muted(hint)
        layout.addWidget(hint)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.grid = QGridLayout()
        self.grid.setVerticalSpacing(2)
        self.header = []
        for column, (field, _unused, _unused, stretch) in enumerate(ContactRow.FIELDS):
            self.grid.setColumnStretch(column, stretch)
            label = QLabel(_(ContactRow.LABELS[field]))
            self.grid.addWidget(label, 0, column)
            self.header.append(label)
        layout.addLayout(self.grid)
        self.add_button = QPushButton(_("&Add contact person"))
        self.add_button.setObjectName("addContact")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(None).edits["name"].setFocus())
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch()
        layout.addLayout(row)

    def add_row(self, values: dict[str, Any] | None) -> ContactRow:
        self._lines += 2
        row = ContactRow(self.grid, self._lines, values, self.primary_group, self.remove_row)
        self.rows.append(row)
        if not any(r.primary.isChecked() for r in self.rows):
            row.primary.setChecked(True)
        self._show_header()
        self.on_rows_changed()
        return row

    def remove_row(self, row: ContactRow) -> None:
        was_primary = row.primary.isChecked()
        self.primary_group.removeButton(row.primary)
        self.rows.remove(row)
        row.delete()
        if was_primary and self.rows:
            self.rows[0].primary.setChecked(True)
        self._show_header()
        self.on_rows_changed()

    def _show_header(self) -> None:
        for label in self.header:
            label.setVisible(bool(self.rows))

    def values(self) -> list[dict[str, Any]]:
        return [row.values() for row in self.rows if not row.is_blank()]

    def show_errors(self) -> tuple[QWidget | None, bool]:
        """Check each contact person typed in; returns the first wrong field and whether any
        was wrong."""
        first: QWidget | None = None
        wrong = False
        for row in self.rows:
            row_errors: dict[str, str] = {}
            if not row.is_blank():
                try:
                    validation.validate_contact(row.values())
                except validation.ValidationError as err:
                    row_errors = err.errors
            wrong_field = row.show_errors(row_errors)
            first = first or wrong_field
            wrong = wrong or bool(row_errors)
        return first, wrong

    def focus_order(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in row.focus_order()] + [self.add_button]
