"""Emailing the letters from their preview: one draft message per partner, its letter
attached, written in a folder the volunteer chooses for their own mail program to open and
send; then, if they like, the gifts marked thanked (and the marking undone). The messages and
the folder are made by `exchange.email_drafts`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import database
from cars_desktop.store.errors import StoreError
from cars_desktop.ui import messages
from cars_desktop.ui.widgets import ErrorLabel, fit_to_screen, plain_label, side_by_side

SHOWN_NAMES = 12  # partners named in the window; the rest are counted


def add_email_button(preview) -> QPushButton:
    """The letters preview's "Prepare emails…" button (`preview`: a
    `letters_window.LettersDialog`)."""
    button = preview.buttons.addButton(_("Prepare &emails…"),
                                       QDialogButtonBox.ButtonRole.ActionRole)
    button.setObjectName("emailLetters")
    button.setAutoDefault(False)
    button.setToolTip(_("A message for each partner with an email address, its letter "
                        "attached, for your own mail program to send"))
    button.clicked.connect(lambda: email_letters(preview))
    return button


def _names(names: list[str]) -> str:
    shown = "; ".join(names[:SHOWN_NAMES])
    more = len(names) - SHOWN_NAMES
    if more > 0:
        shown += " " + ngettext("and {n} other", "and {n} others", more).format(
            n=format_count(more))
    return shown


def email_letters(preview) -> EmailLettersDialog | None:
    """Who gets a message, then the window that writes them; a message box instead when no
    partner has an email address."""
    from cars_desktop.exchange.email_drafts import plan_drafts

    try:
        plan = plan_drafts(preview.batch.letters)
    except StoreError as err:
        messages.critical(preview, _("No message written"), str(err))
        return None
    if not plan.drafts:
        box = messages.box(QMessageBox.Icon.Information, _("No one to email"), _(
            "None of these partners has an email address, nor a contact person with one: "
            "{names}. Their letters still print.").format(names=_names(plan.not_emailed)),
            QMessageBox.StandardButton.Ok, preview)
        box.exec()
        return None
    dialog = EmailLettersDialog(preview, plan)
    dialog.open()
    return dialog


class EmailLettersDialog(QDialog):
    """Where the messages go, then what to do with them."""

    def __init__(self, preview: QWidget, plan) -> None:
        from cars_desktop.exchange.email_drafts import default_folder

        super().__init__(preview)
        self.setObjectName("emailLettersWindow")
        self.setWindowTitle(_("Email the letters"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview, self.plan = preview, plan
        self.written: Path | None = None
        self.sent = None  # the marking, a store.letters.SentLetters, so it can be undone
        count = len(plan.drafts)
        layout = QVBoxLayout(self)
        intro = plain_label(ngettext(
            "A message for {n} partner, with their letter attached as a PDF, ready for your "
            "own mail program. Nothing is sent from here, and no password is asked for: you "
            "read each message and press Send.",
            "A message for each of {n} partners, with their letter attached as a PDF, ready "
            "for your own mail program. Nothing is sent from here, and no password is asked "
            "for: you read each message and press Send.", count).format(n=format_count(count)))
        intro.setObjectName("emailIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if plan.not_emailed:
            missing = len(plan.not_emailed)
            left_out = plain_label(ngettext(
                "{n} partner has no email address (nor a contact person with one) and gets no "
                "message; their letter still prints: {names}",
                "{n} partners have no email address (nor a contact person with one) and get no "
                "message; their letters still print: {names}", missing).format(
                n=format_count(missing), names=_names(plan.not_emailed)))
            left_out.setObjectName("notEmailed")
            left_out.setWordWrap(True)
            left_out.setStyleSheet("color: #8a5a00;")
            layout.addWidget(left_out)

        self.form = QWidget()
        rows = QVBoxLayout(self.form)
        rows.setContentsMargins(0, 0, 0, 0)
        self.folder = QLineEdit(str(default_folder(dt.date.today())))
        self.folder.setObjectName("emailFolder")
        self.folder.setAccessibleName(_("Folder for the messages"))
        self.folder.textEdited.connect(lambda _text: self.error.show_message(""))
        label = QLabel(_("&Folder for the messages (a new one):"))
        label.setBuddy(self.folder)
        choose = QPushButton(_("&Choose…"))
        choose.setObjectName("chooseEmailFolder")
        choose.setAutoDefault(False)
        choose.clicked.connect(self.choose_folder)
        self.error = ErrorLabel()
        self.error.setObjectName("emailFolderError")
        rows.addWidget(label)
        rows.addWidget(side_by_side((self.folder, 1), choose))
        rows.addWidget(self.error)
        layout.addWidget(self.form)

        self.result = QFrame()
        self.result.setObjectName("emailsWritten")
        self.result.setFrameShape(QFrame.Shape.StyledPanel)
        result = QVBoxLayout(self.result)
        result.setSpacing(10)
        self.result_label = plain_label()
        self.result_label.setObjectName("emailsWrittenText")
        self.result_label.setWordWrap(True)
        self.marked_label = plain_label()
        self.marked_label.setObjectName("emailsMarkedText")
        self.marked_label.setWordWrap(True)
        bar = QHBoxLayout()
        self.open_button = QPushButton(_("&Open the folder"))
        self.open_button.setObjectName("openEmailFolder")
        self.open_button.clicked.connect(self.open_folder)
        self.mark_button = QPushButton(_("&Mark as thanked by email"))
        self.mark_button.setObjectName("markEmailed")
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.setObjectName("undoEmailed")
        self.mark_button.clicked.connect(self.mark_thanked)
        self.undo_button.clicked.connect(self.undo)
        for button in (self.open_button, self.mark_button, self.undo_button):
            button.setAutoDefault(False)  # Enter must never mark a whole batch
            bar.addWidget(button)
        bar.addStretch(1)
        result.addWidget(self.result_label)
        result.addWidget(self.marked_label)
        result.addLayout(bar)
        self.result.hide()
        layout.addWidget(self.result)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox()
        self.write_button = self.buttons.addButton(_("&Write the messages"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setObjectName("writeEmails")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.setObjectName("closeEmails")
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 640, 380)

    # Writing them

    def choose_folder(self) -> None:
        from cars_desktop.exchange.email_drafts import default_folder

        current = Path(self.folder.text().strip() or Path.home())
        start = current.parent if current.parent.is_dir() else Path.home()
        chosen = QFileDialog.getExistingDirectory(
            self, _("Where to put the new folder of messages"), str(start))
        if chosen:
            self.folder.setText(str(default_folder(dt.date.today(), Path(chosen))))
            self.error.show_message("")

    def write(self) -> bool:
        from cars_desktop.documents.letters import write_letters
        from cars_desktop.exchange.email_drafts import DraftProblem, folder_problem, write_drafts
        from cars_desktop.store.letters import letterhead
        from cars_desktop.ui.worker import Job, run_with_progress

        folder = Path(self.folder.text().strip()).expanduser()
        problem = folder_problem(folder)
        if problem:
            self.error.show_message(problem)
            self.folder.setFocus()
            return False
        head, today, count = letterhead(), dt.date.today(), len(self.plan.drafts)

        def work(progress):
            return write_drafts(self.plan, head, folder,
                                lambda letters, path: write_letters(letters, head, path, today),
                                progress)

        job = Job(work)
        self.write_button.setEnabled(False)  # a second click while the first one works
        try:
            run_with_progress(self, job, ngettext("Writing {n} message…", "Writing {n} messages…",
                                                  count).format(n=format_count(count)),
                              _("Email the letters"), count)
        finally:
            self.write_button.setEnabled(True)
        if isinstance(job.error, DraftProblem):
            self.error.show_message(str(job.error))
            return False
        if job.error is not None:
            messages.critical(self, _("No message written"), _(
                "Something went wrong while writing the messages: {error}. Nothing was left "
                "in the folder.").format(error=job.error))
            return False
        if job.cancelled or job.result is None:
            return False
        self.written = job.result
        self.open_folder()
        self._show_written()
        return True

    def open_folder(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    def _show_written(self) -> None:
        from cars_desktop.exchange.email_drafts import pdf_folder_name

        count = len(self.plan.drafts)
        self.form.hide()
        self.write_button.hide()
        self.close_button.setText(_("Close"))
        self.result_label.setText("\n\n".join([
            ngettext("{n} message written in {folder}.", "{n} messages written in {folder}.",
                     count).format(n=format_count(count), folder=self.written),
            _("Double-click each message: your mail program opens it ready to send. If the "
              "laptop is offline, your mail program keeps them to send once it is online."),
            _("Using webmail in a browser? Attach the letters from the folder “{pdfs}” to your "
              "messages by hand.").format(pdfs=pdf_folder_name()),
        ]))
        if self.sent is not None:
            marked = len(self.sent.contribution_ids)
            text = (ngettext("{n} contribution marked as thanked by email on {date}.",
                             "{n} contributions marked as thanked by email on {date}.",
                             marked).format(n=format_count(marked), date=self.sent.date.isoformat())
                    if marked else _("They had all been thanked already: nothing was marked."))
        elif database.opened_read_only():
            text = _("The data is open read-only: these contributions cannot be marked as "
                     "thanked here, and stay in the thank-you queue.")
        else:
            text = _("Once the messages have gone out, mark the contributions as thanked: they "
                     "leave the thank-you queue. Partners without an email address are not "
                     "marked.")
        self.marked_label.setText(text)
        self.mark_button.setVisible(self.sent is None and not database.opened_read_only())
        self.undo_button.setVisible(self.sent is not None and bool(self.sent.contribution_ids))
        self.result.show()

    # Marking them thanked

    def mark_thanked(self) -> None:
        from cars_desktop.exchange.email_drafts import record_emails_sent

        try:
            self.sent = record_emails_sent(self.plan.contribution_ids(), dt.date.today())
        except StoreError as err:
            messages.critical(self, _("Not marked"), str(err))
            return
        self._show_written()
        self.preview.thanked_changed.emit()

    def undo(self) -> None:
        from cars_desktop.ui.widgets import undone

        if self.sent is None or not undone(self, self.sent):
            return
        self.sent = None
        self._show_written()
        self.preview.thanked_changed.emit()

    def done(self, result: int) -> None:
        if self.written is not None and self.sent is None and not database.opened_read_only():
            answer = messages.question(
                self, _("Mark the contributions as thanked?"),
                _("The messages are written, but their contributions are not marked as "
                  "thanked: they stay in the thank-you queue. Mark them now?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes:
                self.mark_thanked()
            self.written = None  # asked once
        super().done(result)
