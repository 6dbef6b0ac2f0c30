"""What several test files need: typing like a person, and answering message boxes."""

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMessageBox


def type_text(widget, text: str) -> None:
    """Type into `widget` one key event per character, as a keyboard does. (qtbot.keyClicks
    aborts the process on non-ASCII text with these Qt versions.)"""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def answer_message_boxes(answers: list, seen: list) -> None:
    """Click `answers` in order in the message boxes that open next; `seen` collects their
    texts so a test can check what the volunteer was told."""
    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(answers.pop(0)).click()
        if answers:
            QTimer.singleShot(20, answer)
    QTimer.singleShot(20, answer)
