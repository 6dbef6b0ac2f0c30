"""Every message box of the program, made here and shown as plain text: messages quote names
and files, and Qt would read `<b>` in them as markup (a `<!--` could hide the rest of the
message). A test checks that no other module makes one; the few boxes with our own markup say
so with `setTextFormat(Qt.TextFormat.RichText)`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton
Icon = QMessageBox.Icon


def box(icon: Icon, title: str, text: str, buttons: Button = Button.NoButton,
        parent: QWidget | None = None) -> QMessageBox:
    """A message box showing `text` as it is, to fill with its own buttons."""
    made = QMessageBox(icon, title, text, buttons, parent)
    made.setTextFormat(Qt.TextFormat.PlainText)
    return made


def _shown(icon: Icon, parent, title: str, text: str, buttons: Button, default: Button) -> Button:
    made = box(icon, title, text, buttons, parent)
    if default != Button.NoButton:
        made.setDefaultButton(default)
    if made.exec() == -1:  # closed without a button, as Qt's own calls say it
        return Button.Cancel
    return made.standardButton(made.clickedButton())


# The same calls as QMessageBox's own: (parent, title, text[, buttons[, default]])

def critical(parent, title: str, text: str, buttons: Button = Button.Ok,
             default: Button = Button.NoButton) -> Button:
    return _shown(Icon.Critical, parent, title, text, buttons, default)


def warning(parent, title: str, text: str, buttons: Button = Button.Ok,
            default: Button = Button.NoButton) -> Button:
    return _shown(Icon.Warning, parent, title, text, buttons, default)


def information(parent, title: str, text: str, buttons: Button = Button.Ok,
                default: Button = Button.NoButton) -> Button:
    return _shown(Icon.Information, parent, title, text, buttons, default)


def question(parent, title: str, text: str, buttons: Button = Button.Yes | Button.No,
             default: Button = Button.NoButton) -> Button:
    return _shown(Icon.Question, parent, title, text, buttons, default)
