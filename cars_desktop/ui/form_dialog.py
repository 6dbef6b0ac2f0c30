"""What every form dialog of the app does the same way: a row per field with its problem said
under it, the unsaved-changes prompt on Cancel, Escape and the window's close button, and no
saving while a typed date was refused.

A dialog built on `FormDialog` adds its rows with `add_row`, gives its `values()`, calls
`remember_values()` once they are loaded (and after each save it stays open for), and checks
`ready_to_save()` first thing in its save."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from cars_desktop.i18n import _
from cars_desktop.ui.date_field import refused_date
from cars_desktop.ui.widgets import ErrorLabel, confirm_discard


class FormDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self._loaded: object = None  # the values as loaded or last saved

    def show_only(self) -> None:
        """For data that can only be read: everything shown, nothing that changes it. Text
        can still be selected and copied; the only button left closes the window."""
        self.setWindowTitle(_("{title} (read-only)").format(title=self.windowTitle()))
        for box in self.findChildren(QDialogButtonBox):
            for button in box.buttons():
                role = box.buttonRole(button)
                button.setVisible(role == QDialogButtonBox.ButtonRole.RejectRole)
                if role == QDialogButtonBox.ButtonRole.RejectRole:
                    button.setText(_("Close"))
        for kind in (QLineEdit, QPlainTextEdit, QTextEdit):
            for editor in self.findChildren(kind):
                editor.setReadOnly(True)
        for kind in (QComboBox, QAbstractSpinBox, QAbstractButton):
            for control in self.findChildren(kind):
                if not isinstance(control.parent(), QDialogButtonBox):
                    control.setEnabled(False)

    # Rows

    def add_row(self, form: QFormLayout, field: str, label: str, widget: QWidget,
                beside: QWidget | None = None, under: Iterable[QWidget] = ()) -> QWidget:
        """`widget` on a row of `form` (with `beside` at its right), then `under` it a hint
        and the field's error line. The hint and the error get rows of their own: QFormLayout
        gives word-wrapped labels the height they need, and a hidden one takes no room."""
        widget.setObjectName(widget.objectName() or field)
        if beside is None:
            form.addRow(label, widget)
        else:
            pair = QHBoxLayout()
            pair.addWidget(widget, 1)
            pair.addWidget(beside)
            form.addRow(label, pair)
            form.labelForField(pair).setBuddy(widget)
        error = ErrorLabel()
        for extra in (*under, error):
            form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, extra)
        self.fields[field], self.errors[field] = widget, error
        return widget

    def show_errors(self, errors: dict[str, str]) -> QWidget | None:
        """Say each problem under its field, clear the others; returns the first wrong field
        (in the order of the rows), for the caller to put the cursor in."""
        first, said = None, {}
        for field, label in self.errors.items():  # fields may share a line (two on one row)
            if field in errors:
                said.setdefault(id(label), errors[field])
                first = first or self.fields[field]
        for label in {id(label): label for label in self.errors.values()}.values():
            label.show_message(said.get(id(label), ""))
        return first

    # Unsaved changes

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def snapshot(self) -> object:
        """What is compared to know whether anything was changed."""
        return repr(self.values())

    def remember_values(self) -> None:
        self._loaded = self.snapshot()

    def has_changes(self) -> bool:
        return self.snapshot() != self._loaded

    def may_close(self) -> bool:
        """True when nothing typed would be lost, or the volunteer agrees to lose it."""
        return not self.has_changes() or confirm_discard(self)

    def reject(self) -> None:  # Cancel, Escape, and the close button (QDialog calls reject)
        if self.may_close():
            super().reject()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)

    # Saving

    def ready_to_save(self) -> bool:
        """False, with the cursor put there, while a date field shows a typed date it refused:
        the form must not save the date it went back to as if it were the one typed."""
        return refused_date(self) is None
