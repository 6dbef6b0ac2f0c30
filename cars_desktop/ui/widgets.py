"""Small widgets and helpers shared by the forms."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel

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
