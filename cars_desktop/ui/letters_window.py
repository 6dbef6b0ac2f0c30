"""Making thank-you letters from the window: the PDF made beside the window, previewed with
Print and Save as, then marking the contributions thanked (and undoing it)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import database
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.letter_choosers import QueueLettersDialog, YearEndDialog
from cars_desktop.ui.pdf_preview import PdfPreview, make_pdf, unprintable_notes
from cars_desktop.ui.widgets import undone

# the dialogs that choose the letters, where they have always been found
__all__ = ["LettersDialog", "QueueLettersDialog", "YearEndDialog", "make_letters",
           "open_letters"]


def letters_ready(parent: QWidget, for_reports: bool = False) -> bool:
    """Letters and reports need the group's name and address; say so, and offer to fill
    them in."""
    from cars_desktop.store.profile import letters_missing

    missing = letters_missing(for_reports, how=False)  # the button below is the way
    if missing is None:
        return True
    if database.opened_read_only():
        messages.information(parent, _("Your group's profile first"), missing + "\n\n" + _(
            "The data is open read-only, so the profile cannot be filled in here."))
        return False
    box = messages.box(QMessageBox.Icon.Information, _("Your group's profile first"), missing,
                      QMessageBox.StandardButton.Cancel, parent)
    fill = box.addButton(_("Fill in the &profile…"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if box.clickedButton() is not fill:
        return False
    from cars_desktop.ui.profile_dialog import GroupProfileDialog

    GroupProfileDialog(parent).exec()
    return letters_missing() is None


def undo_marking(parent: QWidget, sent) -> bool:
    """Put letters marked as sent (a `store.letters.SentLetters`) back in the thank-you
    queue, once the volunteer says so. True when done."""
    count = len(sent.contribution_ids)
    answer = messages.question(
        parent, _("Undo the marking?"), ngettext(
            "Put the {n} contribution marked as thanked by letter on {date} back in the "
            "thank-you queue?",
            "Put the {n} contributions marked as thanked by letter on {date} back in the "
            "thank-you queue?", count).format(n=format_count(count), date=sent.date.isoformat()),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes and undone(parent, sent)


def make_letters(parent: QWidget, batch, title: str) -> LettersDialog | None:
    """Write `batch` (a `store.letters.Batch`) to a PDF and open its preview. Returns the
    preview, or None when there was nothing to show or the volunteer cancelled."""
    if not batch.letters:
        reasons = "\n".join([*batch.skipped[:10], *batch.left_out])
        box = messages.box(QMessageBox.Icon.Information, _("No letters to make"),
                          _("There is no one to thank in what was chosen.")
                          + (f"\n\n{reasons}" if reasons else ""),
                          QMessageBox.StandardButton.Ok, parent)
        box.exec()
        return None
    from cars_desktop.store.receipts import note_receipts

    note_receipts(batch.letters)  # "your official receipt is enclosed", for a charity
    made = _write(parent, batch)
    return None if made is None else LettersDialog(parent, made[0], batch, made[1], title,
                                                   made[2], made[3])


def _write(parent: QWidget, batch) -> tuple[Path, int, list[str], list[int]] | None:
    """The batch's letters in a private PDF, with a progress bar: the file, its page count,
    the words that cannot be printed, and the page each letter starts on."""
    from cars_desktop.documents.letters import write_letters
    from cars_desktop.store.letters import letterhead

    head, today, count = letterhead(), dt.date.today(), len(batch.letters)
    starts: list[int] = []
    made = make_pdf(parent, lambda path, progress: write_letters(
        batch.letters, head, path, today, progress, starts),
        count, ngettext("Making {n} letter…", "Making {n} letters…", count).format(
            n=format_count(count)), _("Thank-you letters"))
    return None if made is None else (*made, starts)


def _summary(count: int, pages: int) -> str:
    return ngettext("<b>{n} letter</b> on {pages}, ready to print.",
                    "<b>{n} letters</b> on {pages}, ready to print.", count).format(
        n=format_count(count), pages=ngettext("{n} page", "{n} pages", pages).format(n=pages))


class LettersDialog(PdfPreview):
    """The letters as they will print, with Print, Save as, one letter changed for this
    printing, and "the letters went out"."""

    thanked_changed = Signal()
    marked = Signal(object)  # the SentLetters, so that the marking can be undone later too

    def __init__(self, parent: QWidget | None, pdf: Path, batch, pages: int, title: str,
                 unprintable: list[str] = (), starts: list[int] = ()) -> None:
        super().__init__(parent, pdf, title, _summary(len(batch.letters), pages))
        self.batch, self.sent = batch, None
        self.starts = list(starts)  # the page each letter starts on
        self.originals: dict = {}  # the letters changed for this printing, as they were made
        self.went_out_done = False  # printed or saved, so probably sent
        self.show_notes(self._notes(unprintable))
        self.change_button = self.buttons.addButton(_("Change &one letter…"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.change_button.setObjectName("changeOneLetter")
        self.change_button.setToolTip(_("Add a personal line to one partner's letter, for this "
                                        "printing only"))
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(self.change_one_letter)

        self.went_out = QFrame()
        self.went_out.setObjectName("wentOut")
        self.went_out.setFrameShape(QFrame.Shape.StyledPanel)
        bar = QHBoxLayout(self.went_out)
        self.went_out_label = QLabel()
        self.went_out_label.setObjectName("wentOutText")
        self.went_out_label.setWordWrap(True)
        self.went_out_label.setTextFormat(Qt.TextFormat.PlainText)
        self.mark_button = QPushButton(_("&Mark as thanked by letter"))
        self.mark_button.setObjectName("markThanked")
        self.mark_button.setAutoDefault(False)  # Enter must never mark a whole batch
        self.mark_button.clicked.connect(self.mark_thanked)
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.setObjectName("undoThanked")
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        bar.addWidget(self.went_out_label, 1)
        bar.addWidget(self.mark_button)
        bar.addWidget(self.undo_button)
        self.layout_.insertWidget(self.layout_.indexOf(self.buttons), self.went_out)
        self._show_went_out()
        from cars_desktop.ui.email_letters import add_email_button

        self.email_button = add_email_button(self)  # a draft message per partner

    def done(self, result: int) -> None:
        if self.went_out_done and self.sent is None and not database.opened_read_only():
            answer = messages.question(
                self, _("Mark the letters as thanked?"),
                _("These letters were printed or saved, but the contributions are not marked as "
                "thanked: they stay in the thank-you queue. Mark them now?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes:
                self.mark_thanked()
            self.went_out_done = False
        super().done(result)

    def _notes(self, unprintable: list[str]) -> list[str]:
        batch = self.batch
        notes = [*unprintable_notes(unprintable), *batch.left_out]
        if len(batch.no_address) > 5:
            notes.append(ngettext(
                "No postal address for {n} partner: {names}… Their letters show only the name.",
                "No postal address for {n} partners: {names}… Their letters show only the name.",
                len(batch.no_address)).format(n=format_count(len(batch.no_address)),
                                              names=", ".join(batch.no_address[:5])))
        elif batch.no_address:
            notes.append(
                _(
                    "No postal address for {names}: their letters show only the name. "
                    "Add the address to the partner and make the letters again."
                ).format(names=", ".join(batch.no_address))
            )
        if batch.skipped:
            notes.append(
                ngettext("{n} chosen contribution has no letter: {which}",
                         "{n} chosen contributions have no letter: {which}",
                         len(batch.skipped)).format(
                    n=format_count(len(batch.skipped)),
                    which="; ".join(batch.skipped[:3]) + ("…" if len(batch.skipped) > 3 else ""))
            )
        if self.originals:
            notes.append(_("Changed for this printing only: {names}.").format(names=", ".join(
                batch.letters[index].partner_name for index in sorted(self.originals))))
        return notes

    # One letter changed for this printing

    def change_one_letter(self) -> None:
        """Change one letter's words, then make the PDF again with it."""
        from cars_desktop.ui.letter_change import ChangeLetterDialog

        page = self.view.pageNavigator().currentPage() + 1
        shown = max([0, *(index for index, start in enumerate(self.starts) if start <= page)])
        dialog = ChangeLetterDialog(self, self.batch.letters, self.originals, shown)
        if not dialog.exec() or dialog.letter is None:
            return
        index, before = dialog.index, self.batch.letters[dialog.index]
        self.batch.letters[index] = dialog.letter
        made = _write(self, self.batch)
        if made is None:  # cancelled, or it failed (the volunteer was told): as it was
            self.batch.letters[index] = before
            return
        if dialog.letter is self.originals.get(index):
            del self.originals[index]  # put back as it was made
        else:
            self.originals.setdefault(index, before)
        self._show_pdf(*made)
        if index < len(self.starts):
            self.view.pageNavigator().jump(self.starts[index] - 1, QPointF(), 0)

    def _show_pdf(self, pdf: Path, pages: int, unprintable: list[str],
                  starts: list[int]) -> None:
        self.document.close()
        shutil.rmtree(self.pdf.parent, ignore_errors=True)
        self.pdf, self.starts = pdf, starts
        self.document.load(str(pdf))
        self.summary.setText(_summary(len(self.batch.letters), pages))
        self.show_notes(self._notes(unprintable))

    # The letters went out

    def after_output(self, done: str) -> None:
        self._last_done = done
        self.went_out_done = True
        self._show_went_out()

    def _show_went_out(self) -> None:
        done = getattr(self, "_last_done", "")
        if self.sent is not None:
            marked = len(self.sent.contribution_ids)
            text = (ngettext("{n} contribution marked as thanked by letter on {date}.",
                             "{n} contributions marked as thanked by letter on {date}.",
                             marked).format(n=format_count(marked),
                                            date=self.sent.date.isoformat()) if marked else
                    _("They had all been thanked already: nothing was marked."))
            if self.batch.from_queue:
                from cars_desktop.store.letters import queue_after

                text += " " + queue_after(self.batch)
        elif database.opened_read_only():
            text = (f"{done} " if done else "") + _("The data is open read-only: these "
                                                    "contributions cannot be marked as thanked "
                                                    "here, and stay in the thank-you queue.")
        else:
            text = (f"{done} " if done else "") + (_("Once the letters have gone out, mark the "
                                                   "contributions as thanked: they leave the "
                                                   "thank-you queue."))
        self.went_out_label.setText(text)
        self.mark_button.setVisible(self.sent is None and not database.opened_read_only())
        self.undo_button.setVisible(self.sent is not None and bool(self.sent.contribution_ids))

    def mark_thanked(self) -> None:
        from cars_desktop.store.letters import record_letters_sent

        try:
            self.sent = record_letters_sent(self.batch.contribution_ids(), dt.date.today())
        except StoreError as err:
            messages.critical(self, _("Not marked"), str(err))
            return
        self._show_went_out()
        self.thanked_changed.emit()
        self.marked.emit(self.sent)

    def undo(self) -> None:
        if self.sent is None or not undone(self, self.sent):
            return
        self.sent = None
        self.marked.emit(None)
        self._last_done = _("The marking was undone.")
        self.went_out_done = False
        self._show_went_out()
        self.thanked_changed.emit()


def open_letters(parent: QWidget, collect: Callable[[], object], title: str,
                 on_thanked: Callable[[], None]) -> LettersDialog | None:
    """The whole errand: check the profile, gather the letters, make them, show them."""
    from cars_desktop.store.letters import LetterProblem

    if not letters_ready(parent):
        return None
    try:
        batch = collect()
    except LetterProblem as err:
        messages.information(parent, _("No letter made"), str(err))
        return None
    except StoreError as err:
        messages.critical(parent, _("No letter made"), str(err))
        return None
    dialog = make_letters(parent, batch, title)
    if dialog is not None:
        dialog.thanked_changed.connect(on_thanked)
        dialog.show()
    return dialog
