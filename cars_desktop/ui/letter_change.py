"""One letter of a batch changed before printing: a personal line for one partner, in that
letter only. Its text is shown with its placeholders filled; the group's letter texts are not
touched, and the same contributions are marked as thanked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from cars_desktop.core.letter_text import GIFT_TABLE, Letter
from cars_desktop.i18n import _
from cars_desktop.ui import messages
from cars_desktop.ui.widgets import fit_to_screen


def letter_names(letters: list[Letter], changed: set[int]) -> list[str]:
    """How each letter is listed: its place in the batch (two letters may go to the same
    partner) and its partner, and whether it was changed."""
    return [(_("{n}. {name} (changed)") if index in changed else _("{n}. {name}")).format(
        n=index + 1, name=letter.partner_name) for index, letter in enumerate(letters)]


class ChangeLetterDialog(QDialog):
    """Choose a letter, change its words. `originals` holds the letters as they were made,
    for those already changed. After `exec()`, `index` is the letter chosen and `letter` its
    new version (None when nothing changed)."""

    def __init__(self, parent: QWidget, letters: list[Letter], originals: dict[int, Letter],
                 shown: int = 0) -> None:
        super().__init__(parent)
        self.letters, self.originals = letters, originals
        self.index, self.letter = shown, None
        self.setWindowTitle(_("Change one letter"))
        form = QFormLayout(self)
        intro = QLabel(_("Change what one letter says, for example to add a personal line. "
                         "The change is for this printing only: your group's letter texts "
                         "stay as they are."))
        intro.setWordWrap(True)
        form.addRow(intro)
        self.who = QComboBox()
        self.who.setObjectName("changeLetterWho")
        self.who.setAccessibleName(_("Letter for"))
        self.who.addItems(letter_names(letters, set(originals)))
        self.who.setCurrentIndex(shown)
        form.addRow(_("&Letter for"), self.who)
        self.hint = QLabel()
        self.hint.setObjectName("changeLetterHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        form.addRow(self.hint)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("changeLetterText")
        self.editor.setAccessibleName(_("Letter text"))
        self.editor.setTabChangesFocus(True)  # Tab moves on, as in every other field
        form.addRow(_("&Text"), self.editor)
        self.error = QLabel()
        self.error.setObjectName("changeLetterError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        self.use = buttons.addButton(_("&Use this text"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.use.setObjectName("useLetterText")
        self.back = buttons.addButton(_("Put back the &original"),
                                      QDialogButtonBox.ButtonRole.ResetRole)
        self.back.setObjectName("originalLetterText")
        self.back.setAutoDefault(False)
        self.back.clicked.connect(self._put_back)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._use)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.who.currentIndexChanged.connect(self._choose)
        self._show(shown)
        fit_to_screen(self, 640, 560)

    def text(self) -> str:
        """What the editor holds, its no-break spaces kept (toPlainText makes them plain):
        "100,00 $" or a date must not break across two lines once printed."""
        return self.editor.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")

    def _show(self, index: int) -> None:
        from cars_desktop.store.letters import editable_text

        self.index = index
        letter = self.letters[index]
        hint = _("Blank lines separate paragraphs. The address, the date and the signature "
                 "are printed as before.")
        if any(block is GIFT_TABLE for block in letter.paragraphs):
            hint += " " + _("Keep {gift_list} on a line of its own: the table of gifts is "
                            "printed there.")
        self.hint.setText(hint)
        self.editor.setPlainText(editable_text(letter))
        self.editor.document().setModified(False)
        self.back.setEnabled(index in self.originals)
        self.error.hide()

    def _choose(self, index: int) -> None:
        """Another letter: what was typed in this one is not lost without asking."""
        if index == self.index or index < 0:
            return
        if self.editor.document().isModified():
            answer = messages.question(
                self, _("Forget the changes?"),
                _("The changes to this letter are not used yet. Forget them and change "
                  "another letter?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                self.who.blockSignals(True)
                self.who.setCurrentIndex(self.index)
                self.who.blockSignals(False)
                return
        self._show(index)

    def _put_back(self) -> None:
        from cars_desktop.store.letters import editable_text

        original = self.originals.get(self.index)
        if original is not None:
            self.editor.setPlainText(editable_text(original))
            self.error.hide()

    def _use(self) -> None:
        from cars_desktop.store.letters import LetterProblem, changed_letter

        current = self.letters[self.index]
        try:
            letter = changed_letter(current, self.text())
        except LetterProblem as err:
            self.error.setText(str(err))
            self.error.show()
            self.editor.setFocus()
            return
        original = self.originals.get(self.index)
        if original is not None and letter.paragraphs == original.paragraphs:
            letter = original  # put back as it was made
        self.letter = None if letter.paragraphs == current.paragraphs else letter
        self.accept()
