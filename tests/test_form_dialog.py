"""The form-dialog base of the partner and contribution dialogs: rows with their error line, the
unsaved-changes prompt on Escape, Cancel and the close button, and a refused date that blocks
Save. Driven through the keys and buttons."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLineEdit, QMessageBox

from cars_desktop.ui.date_field import DateField
from cars_desktop.ui.form_dialog import FormDialog
from tests.helpers import answer_message_boxes

Discard, Cancel = QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Cancel


class NameForm(FormDialog):
    """The smallest form: a name that must be given, a date, Save and Cancel."""

    def __init__(self) -> None:
        super().__init__()
        form = QFormLayout(self)
        self.name = self.add_row(form, "name", "&Name", QLineEdit())
        self.day = self.add_row(form, "day", "&Day", DateField())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.saved: list[dict] = []
        self.remember_values()

    def values(self) -> dict:
        return {"name": self.name.text(), "day": self.day.date().toPython()}

    def save(self) -> None:
        if not self.ready_to_save():
            return
        first = self.show_errors({} if self.name.text() else {"name": "Give a name."})
        if first is not None:
            first.setFocus()
            return
        self.saved.append(self.values())
        self.accept()


def opened(qtbot) -> NameForm:
    dialog = NameForm()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def button(qtbot, dialog: NameForm, which) -> None:
    """A click with the mouse, which takes the focus from the field being typed in."""
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def test_escape_without_changes_closes_at_once(qtbot):
    dialog = opened(qtbot)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == NameForm.DialogCode.Rejected


def test_escape_with_changes_asks_and_keep_editing_keeps_them(qtbot):
    dialog = opened(qtbot)
    qtbot.keyClicks(dialog.name, "Lions Club")
    seen: list[str] = []
    answer_message_boxes([Cancel], seen)  # "Keep editing"
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert seen == ["You have changes that are not saved. Discard them?"]
    assert dialog.isVisible() and dialog.name.text() == "Lions Club"
    answer_message_boxes([Discard], seen)
    button(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert len(seen) == 2 and not dialog.isVisible() and dialog.saved == []


def test_the_close_button_asks_too(qtbot):
    dialog = opened(qtbot)
    qtbot.keyClicks(dialog.name, "x")
    seen: list[str] = []
    answer_message_boxes([Cancel], seen)
    dialog.close()
    assert seen and dialog.isVisible()


def test_a_change_undone_is_no_change(qtbot):
    dialog = opened(qtbot)
    qtbot.keyClicks(dialog.name, "x")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_refused_date_blocks_save_until_a_good_one_is_typed(qtbot):
    dialog = opened(qtbot)
    qtbot.keyClicks(dialog.name, "Lions Club")
    dialog.day.setFocus()
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.day.edit, "2025-02-30")
    button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)  # the field, left, refuses it
    assert dialog.day.refused and dialog.isVisible() and dialog.saved == []
    assert dialog.focusWidget() is dialog.day.edit  # the cursor put back where it is wrong
    qtbot.keyClick(dialog.day.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.day.edit, "2025-02-28")
    button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert not dialog.isVisible() and [v["day"].isoformat() for v in dialog.saved] == [
        "2025-02-28"]


def test_an_error_shows_under_its_field_and_goes_when_put_right(qtbot):
    dialog = opened(qtbot)
    button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.errors["name"].isVisible() and dialog.errors["name"].text() == "⚠ Give a name."
    assert dialog.focusWidget() is dialog.name and dialog.name.objectName() == "name"
    qtbot.keyClicks(dialog.name, "Lions Club")
    button(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.saved and not dialog.errors["name"].isVisible()
