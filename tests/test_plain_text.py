"""A volunteer's or a file's text is shown as typed, never read as markup: a partner named
`Bob <b>Smith</b> <!--` must not hide the rest of a message, and a file's cell must not show
a picture from the laptop."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from cars_desktop.store import partners
from cars_desktop.ui.widgets import plain_tip
from helpers import every_action, import_through_the_menu

NAME = "Bob <b>Smith</b> <!--"


def action(window, title):
    return next(found for name, found in every_action(window) if name == title)


def test_a_name_with_markup_does_not_hide_the_erase_explanation(qtbot, window):
    partners.save_partner({"kind": "person", "name": NAME, "sector": "community",
                           "partnership_type": "casual", "status": "active",
                           "language": "en"}, [])
    window.partners.refresh()
    window.partners.view.select_row(0)
    seen = []

    def look():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            label = next(lab for lab in box.findChildren(QLabel) if lab.text() == box.text())
            seen.append((box.textFormat(), label.textFormat(), box.text()))
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            qtbot.wait(20)
            look()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(20, look)
    action(window, "Partner › Erase personal information…").trigger()
    box_format, _, text = seen[0]
    assert box_format == Qt.TextFormat.PlainText
    assert NAME in text and text.rstrip().endswith("Continue?")


def test_a_files_cells_show_as_text_in_the_import_window(qtbot, window, tmp_path):
    path = tmp_path / "gifts.csv"
    path.write_text('Name,Date,Amount,<img src="/some/local.png">\n'
                    'Anne Roy,2026-01-05,25,<img src="/some/local.png">\n', encoding="utf-8")
    dialog = import_through_the_menu(qtbot, window, path)
    labels = [label for label in dialog.findChildren(QLabel) if "local.png" in label.text()]
    assert labels
    for label in labels:  # shown as text: the markup is escaped in rich labels
        assert "<img" not in label.text() or label.textFormat() == Qt.TextFormat.PlainText


def test_tooltips_of_lists_show_text_as_it_is():
    tip = plain_tip('<img src="/some/local.png"> & Co')
    assert "<img" not in tip and "&lt;img" in tip and "&amp; Co" in tip


def test_a_name_that_ends_with_a_stop_gets_no_second_one():
    from cars_desktop.core.letter_text import fill
    from cars_desktop.core.text import end_sentence

    text = "Thank you for {gift}{for_purpose}.\n\nFrom {group_name}."
    assert fill(text, {"gift": "your gift", "for_purpose": " for Acme Ltd.",
                       "group_name": "Riverbend"}) == [
        "Thank you for your gift for Acme Ltd.", "From Riverbend."]
    assert end_sentence("Acme Ltd.") == "Acme Ltd." and end_sentence("Acme") == "Acme."


def test_every_message_box_is_made_where_it_shows_plain_text():
    """Message boxes are made in `ui/messages.py` alone, which shows their text as plain
    text; Qt's own `QMessageBox.critical(…)` would read markup in a quoted name."""
    import re
    from pathlib import Path

    import cars_desktop

    made = re.compile(r"QMessageBox\((?!\))|QMessageBox\.(critical|warning|information|question)\(")
    found = [f"{path.name}:{number}"
             for path in Path(cars_desktop.__file__).parent.rglob("*.py")
             if path.name != "messages.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if made.search(line)]
    assert found == []


def test_a_message_box_shows_a_name_as_typed(qtbot):
    from cars_desktop.ui import messages

    box = messages.box(messages.Icon.Warning, "Not saved", f"{NAME} could not be saved.")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_a_question_closed_without_an_answer_is_cancel(qtbot):
    """As Qt's own calls say it: a box closed without a button gives Cancel, never a Save."""
    from PySide6.QtCore import QTimer

    from cars_desktop.ui import messages

    QTimer.singleShot(50, lambda: QApplication.activeModalWidget().done(-1))
    answer = messages.question(None, "Keep what you typed?", "Save it?",
                               messages.Button.Save | messages.Button.Discard
                               | messages.Button.Cancel, messages.Button.Save)
    assert answer == messages.Button.Cancel
    QTimer.singleShot(50, lambda: QApplication.activeModalWidget().button(
        messages.Button.Discard).click())
    assert messages.question(None, "Keep what you typed?", "Save it?",
                             messages.Button.Save | messages.Button.Discard) \
        == messages.Button.Discard
