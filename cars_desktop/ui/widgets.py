"""Small widgets and helpers shared by the forms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QPushButton, QWidget

from cars_desktop.core.vocab import Vocabulary


class ErrorLabel(QLabel):
    """The message under a field that is wrong: red, and marked with a sign so that it reads
    without colour too. Hidden when there is nothing to say."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.hide()

    def show_message(self, message: str) -> None:
        self.setText(f"⚠ {message}" if message else "")
        self.setVisible(bool(message))


def fill_combo(combo: QComboBox, vocabulary: Vocabulary, *, clear: bool = True,
               lang: str = "en") -> None:
    """Choices from a vocabulary: the label shown, the code kept as item data."""
    if clear:
        combo.clear()
    for term in vocabulary:
        combo.addItem(term.label(lang), term.code)


def set_combo(combo: QComboBox, code: object) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index if index >= 0 else 0)


def shrinkable(combo: QComboBox, letters: int = 10) -> QComboBox:
    """A filter that gives up width on a small screen instead of widening the window; its
    list still opens at full width."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 30)
    return combo


def make_action(parent: QWidget, text: str, slot, shortcut: str = "", tip: str = "") -> QAction:
    """An action for a menu, a button and a right-click menu at once: one shortcut, one place."""
    made = QAction(text, parent)
    if shortcut:
        made.setShortcut(QKeySequence(shortcut))
    made.setToolTip(tip or text.replace("&", "").rstrip("…"))
    made.triggered.connect(slot)
    return made


def action_button(action: QAction, name: str) -> QPushButton:
    """A button that triggers `action` and follows its text and whether it is enabled."""
    button = QPushButton(action.text())
    button.setObjectName(name)
    button.setToolTip(action.toolTip())
    button.clicked.connect(action.trigger)
    action.changed.connect(lambda: (button.setEnabled(action.isEnabled()),
                                    button.setText(action.text())))
    return button


def ask(parent: QWidget, title: str, text: str, yes: str, no: str,
        yes_button=QMessageBox.StandardButton.Yes) -> bool:
    """A question in plain text with its two answers named ("&Discard", "&Keep editing"), each
    with its Alt+letter; the safe answer, `no`, is the default and what Escape gives. The
    answers stay standard buttons (`yes_button` and Cancel), as other message boxes."""
    cancel = QMessageBox.StandardButton.Cancel
    box = QMessageBox(QMessageBox.Icon.Question, title, text, yes_button | cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(yes_button).setText(yes)
    box.button(cancel).setText(no)
    box.setDefaultButton(cancel)
    return box.exec() == yes_button


def confirm_discard(parent: QWidget) -> bool:
    """Before a form with unsaved changes closes: True when they may be thrown away."""
    return ask(parent, "Discard changes?", "You have changes that are not saved. Discard them?",
               "&Discard", "&Keep editing", QMessageBox.StandardButton.Discard)
