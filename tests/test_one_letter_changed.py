"""One letter changed before printing: in the letters preview (thank-you letters or year-end
summaries) the volunteer picks one partner's letter, adds a personal line, and the preview is
made again with it. The group's letter texts stay as they are, and the letters marked as
thanked are the same ones. The PDFs are read back."""

import datetime as dt

import accessibility_kit as kit
import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from cars_desktop.core import vocab
from cars_desktop.core.letter_text import GIFT_TABLE
from cars_desktop.store import letters
from cars_desktop.store.models import Acknowledgement, Setting
from cars_desktop.ui.letter_change import ChangeLetterDialog
from cars_desktop.ui.letter_choosers import QueueLettersDialog, YearEndDialog
from cars_desktop.ui.letters_window import LettersDialog
from helpers import answer_message_boxes, choose_in_file_dialog, menu_action, type_text
from letter_kit import give, org, page_texts, person, set_group

DAY = dt.date.today() - dt.timedelta(days=3)
LINE = "Merci encore pour la soupe du 12 mars, Jean — à l'an prochain!"


def three_partners() -> dict[str, int]:
    ids = {"acme": org("Acme Hardware", "Mary Smith"),
           "lefevre": org("Quincaillerie Lefèvre", "Jean Lefèvre", language="fr"),
           "zoe": person("Zoé Arsenault", "fr")}
    return ids | {f"{key}_gift": give(pid, amount="100", date=DAY) for key, pid in ids.items()}


def when_open(kind, act):
    """When a window of `kind` opens (modal): `act(window)`. A failure closes it, so that
    the test ends instead of waiting on it, and is raised afterwards by the test."""
    failures = []

    def answer():
        found = QApplication.activeModalWidget()
        if not isinstance(found, kind):
            QTimer.singleShot(20, answer)
            return
        try:
            act(found)
        except BaseException as err:  # noqa: BLE001 - raised again by `check`
            failures.append(err)
            found.reject()
    QTimer.singleShot(20, answer)
    return failures


def check(failures) -> None:
    if failures:
        raise failures[0]


def queue_letters(qtbot, window) -> LettersDialog:
    """Contribution › Letters for everyone not yet thanked…, then Make the letters."""
    failures = when_open(QueueLettersDialog, lambda chooser: qtbot.mouseClick(
        chooser.make, Qt.MouseButton.LeftButton))
    menu_action(window, "Contribution › Letters for everyone not yet thanked…").trigger()
    check(failures)
    return shown(qtbot, window.contributions)


def shown(qtbot, tab) -> LettersDialog:
    dialog = tab.findChild(LettersDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0)
    return dialog


def change(qtbot, preview, act) -> None:
    """Change one letter…, then `act(dialog)` in the window it opens."""
    failures = when_open(ChangeLetterDialog, act)
    qtbot.mouseClick(preview.findChild(QPushButton, "changeOneLetter"), Qt.MouseButton.LeftButton)
    check(failures)


def add_line_after_greeting(qtbot, dialog, line: str) -> None:
    """In the text: to the end of the greeting, a new paragraph, the line typed."""
    editor = dialog.editor
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, line)


def test_a_personal_line_in_one_thank_you_letter(qtbot, window, tmp_path):
    set_group()
    ids = three_partners()
    preview = queue_letters(qtbot, window)
    before = preview.pdf
    gifts = set(preview.batch.contribution_ids())
    assert gifts == {ids["acme_gift"], ids["lefevre_gift"], ids["zoe_gift"]}
    seen = {}

    def act(dialog):
        seen["problems"] = kit.problems(dialog)
        seen["names"] = [dialog.who.itemText(i) for i in range(dialog.who.count())]
        qtbot.keyClick(dialog.who, Qt.Key.Key_Down)  # the second letter
        seen["text"] = dialog.text()
        add_line_after_greeting(qtbot, dialog, LINE)
        qtbot.mouseClick(dialog.use, Qt.MouseButton.LeftButton)

    change(qtbot, preview, act)
    assert seen["problems"] == []
    assert seen["names"] == ["1. Acme Hardware", "2. Quincaillerie Lefèvre", "3. Zoé Arsenault"]
    # its placeholders filled: the volunteer sees the letter as it prints
    assert seen["text"].startswith("Bonjour Jean Lefèvre,\n\n")
    assert "{" not in seen["text"] and "votre don de 100,00\u00a0$" in seen["text"]
    assert preview.pdf != before and not before.exists()  # made again, the old one gone
    texts = page_texts(preview.pdf)
    assert len(texts) == 3
    assert "Bonjour Jean Lefèvre, " + LINE in texts[1]
    assert LINE not in texts[0] and LINE not in texts[2]
    assert "Changed for this printing only: Quincaillerie Lefèvre." in preview.notes.text()
    assert "<b>3 letters</b> on 3 pages" in preview.summary.text()
    # no template was saved: the group's letter texts are as they were
    assert not Setting.select().where(Setting.key.startswith("letters.template")).exists()
    assert not any(letters.is_changed(kind, lang) for kind in vocab.LETTER_KINDS.codes()
                   for lang in vocab.LANGUAGES.codes())
    saved = tmp_path / "letters.pdf"
    choose_in_file_dialog(qtbot, preview.findChild(QPushButton, "savePdf"), saved)
    assert LINE in page_texts(saved)[1]
    qtbot.mouseClick(preview.findChild(QPushButton, "markThanked"), Qt.MouseButton.LeftButton)
    marked = {ack.contribution_id for ack in Acknowledgement.select()}
    assert marked == gifts  # the same letters, the same contributions thanked


def test_the_letter_in_view_is_the_one_offered(qtbot, window):
    set_group()
    three_partners()
    preview = queue_letters(qtbot, window)
    assert preview.starts == [1, 2, 3]
    preview.view.pageNavigator().jump(2, QPointF(), 0)
    seen = {}

    def act(dialog):
        seen["chosen"] = dialog.who.currentText()
        seen["text"] = dialog.text()
        dialog.reject()

    change(qtbot, preview, act)
    assert seen["chosen"] == "3. Zoé Arsenault"
    assert seen["text"].startswith("Bonjour Zoé Arsenault,")


def summaries(qtbot, window) -> LettersDialog:
    """Partner › Year-end summaries for everyone…, for the year of the gifts."""
    def make(chooser):
        chooser.period.setCurrentIndex(chooser.period.findData("this_year"))
        qtbot.mouseClick(chooser.make, Qt.MouseButton.LeftButton)

    failures = when_open(YearEndDialog, make)
    menu_action(window, "Partner › Year-end summaries for everyone…").trigger()
    check(failures)
    return shown(qtbot, window.partners)


def test_a_summary_keeps_its_table_and_says_so_when_it_is_taken_out(qtbot, window):
    if DAY.year != dt.date.today().year:
        pytest.skip("the first days of January: the gifts are of last year")
    set_group()
    ids = three_partners()
    give(ids["acme"], amount="25", date=DAY - dt.timedelta(days=1))
    preview = summaries(qtbot, window)
    first = preview.pdf
    seen = {}

    def take_the_table_out(dialog):
        text = dialog.editor.toPlainText()
        seen["hint"] = dialog.hint.text()
        assert "\n\n{gift_list}\n\n" in text
        assert dialog.editor.find("{gift_list}")  # selected, as with the mouse
        type_text(dialog.editor, "Here they are.")
        seen["typed"] = dialog.text()
        qtbot.mouseClick(dialog.use, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.error.text() if dialog.error.isVisible() else ""
        seen["open"] = dialog.isVisible()
        qtbot.mouseClick(dialog.findChild(QPushButton, "originalLetterText"),
                         Qt.MouseButton.LeftButton)  # nothing to put back yet: not offered
        seen["original"] = dialog.back.isEnabled()
        dialog.reject()

    change(qtbot, preview, take_the_table_out)
    assert "Keep {gift_list} on a line of its own" in seen["hint"]
    assert "\n\nHere they are.\n\n" in seen["typed"] and "{gift_list}" not in seen["typed"]
    assert seen["error"] == ("Keep {gift_list} once, on a line of its own: the table of gifts "
                             "is printed there.")
    assert seen["open"] and not seen["original"]
    assert preview.pdf == first  # Cancel: the preview as it was

    change(qtbot, preview, lambda dialog: (
        add_line_after_greeting(qtbot, dialog, "Thank you, Mary, for the two cheques."),
        qtbot.mouseClick(dialog.use, Qt.MouseButton.LeftButton)))
    text = page_texts(preview.pdf)[0]
    assert "Dear Mary Smith, Thank you, Mary, for the two cheques." in text
    assert "Total $125.00" in text  # the table still there
    assert preview.batch.letters[0].paragraphs.count(GIFT_TABLE) == 1

    def put_back(dialog):
        seen["listed"] = dialog.who.itemText(0)
        qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.use, Qt.MouseButton.LeftButton)

    change(qtbot, preview, put_back)
    assert seen["listed"] == "1. Acme Hardware (changed)"
    assert "for the two cheques" not in page_texts(preview.pdf)[0]
    assert "Changed for this printing" not in preview.notes.text()
    assert preview.originals == {}


def test_another_letter_asks_before_forgetting_what_was_typed(qtbot, window):
    set_group()
    three_partners()
    preview = queue_letters(qtbot, window)
    seen = {}

    def act(dialog):
        type_text(dialog.editor, "P.S. ")
        asked = []
        answer_message_boxes([QMessageBox.StandardButton.Cancel], asked)
        qtbot.keyClick(dialog.who, Qt.Key.Key_Down)
        seen["kept"] = (dialog.who.currentIndex(), dialog.editor.toPlainText()[:5])
        answer_message_boxes([QMessageBox.StandardButton.Discard], asked)
        qtbot.keyClick(dialog.who, Qt.Key.Key_Down)
        seen["asked"] = asked
        seen["now"] = dialog.editor.toPlainText()
        qtbot.mouseClick(dialog.use, Qt.MouseButton.LeftButton)  # nothing changed in it

    before = preview.pdf
    change(qtbot, preview, act)
    assert seen["kept"] == (0, "P.S. ")
    assert seen["asked"][0].startswith("The changes to this letter are not used yet.")
    assert len(seen["asked"]) == 2
    assert seen["now"].startswith("Bonjour Jean Lefèvre,")
    assert preview.pdf == before  # nothing changed: not made again


def test_the_text_of_a_letter_and_back(group):
    from letter_kit import TODAY

    pid = org("Caisse Roy", "Lise Roy", language="fr")
    gift = give(pid, amount="40", date=dt.date(2026, 3, 2))
    letter = letters.letters_for([gift], TODAY).letters[0]
    text = letters.editable_text(letter)
    assert letters.changed_letter(letter, text).paragraphs == letter.paragraphs
    typed = text.replace("Bonjour Lise Roy,", "Chère Lise,\n\nUn mot pour {partner_name}.")
    changed = letters.changed_letter(letter, typed)
    assert changed.paragraphs[:2] == ["Chère Lise,", "Un mot pour {partner_name}."]  # as typed
    assert changed.contribution_ids == letter.contribution_ids
    assert changed.address == letter.address and changed.language == "fr"
    with pytest.raises(letters.LetterProblem, match="The letter is empty"):
        letters.changed_letter(letter, " \n\n ")
