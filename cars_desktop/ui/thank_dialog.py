"""Marking contributions as thanked: when, how and by whom."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from cars_desktop.core import vocab
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext
from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.widgets import fill_combo


class ThankDialog(QDialog):
    """When and how the selected contributions were thanked."""

    def __init__(self, parent: QWidget, count: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mark as thanked"))
        form = QFormLayout(self)
        form.addRow(QLabel(ngettext("{n} contribution selected.", "{n} contributions selected.",
                                    count).format(n=format_count(count))))
        self.when = DateField(QDate.currentDate())
        self.when.setMaximumDate(QDate.currentDate())
        form.addRow(_("&Thanked on"), self.when)
        self.method = QComboBox()
        fill_combo(self.method, vocab.ACKNOWLEDGEMENT_METHODS)
        form.addRow(_("&How"), self.method)
        self.by = QLineEdit()
        self.by.setPlaceholderText(_("Who thanked them (optional)"))
        form.addRow(_("&By"), self.by)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def date(self) -> dt.date:
        return self.when.date().toPython()
