"""File › Share changes…: this laptop's changes written to a folder (a USB stick passed
around, or a folder a sync tool keeps in step) and the other laptops' applied from it; the
volunteer's name, which signs this laptop's changes, asked the first time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from cars_desktop.i18n import _
from cars_desktop.store import change_packs, history
from cars_desktop.store.errors import StoreError
from cars_desktop.store.models import Contribution, Partner
from cars_desktop.ui.widgets import ask, fit_to_screen, muted, plain_label, side_by_side

FOLDER_KEY = "share/folder"


class ShareDialog(QDialog):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle(_("Share changes"))
        layout = QVBoxLayout(self)
        explain = muted(plain_label(_(
            "Each laptop writes its changes into one folder and applies the other laptops' "
            "changes found there: a USB stick passed from one volunteer to the next, or a "
            "folder that OneDrive, Dropbox or Syncthing keeps in step. No internet is needed. "
            "When two laptops changed the same field, both values wait in Changes to settle.")))
        explain.setWordWrap(True)
        layout.addWidget(explain)
        form = QFormLayout()
        self.name = QLineEdit(history.volunteer())
        self.name.setObjectName("volunteerName")
        self.name.setAccessibleName(_("Your name"))
        self.name.setMaxLength(80)
        self.name.setPlaceholderText(_("e.g. Anne, treasurer"))
        form.addRow(_("Your &name (it signs this laptop's changes):"), self.name)
        self.folder = QLineEdit(str(window.settings.value(FOLDER_KEY, "") or ""))
        self.folder.setObjectName("shareFolder")
        self.folder.setAccessibleName(_("Folder to share through"))
        choose = QPushButton(_("C&hoose…"))
        choose.setObjectName("chooseShareFolder")
        choose.setAutoDefault(False)
        choose.clicked.connect(self.choose)
        form.addRow(_("&Folder:"), side_by_side((self.folder, 1), choose))
        layout.addLayout(form)
        self.result = QPlainTextEdit()  # what happened, as plain text
        self.result.setObjectName("shareResult")
        self.result.setAccessibleName(_("What sharing did"))
        self.result.setReadOnly(True)
        layout.addWidget(self.result, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.share_button = buttons.addButton(_("&Share changes"),
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.share_button.setObjectName("shareNow")
        self.share_button.clicked.connect(self.share)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self, 640, 420)

    def choose(self) -> None:
        found = QFileDialog.getExistingDirectory(self, _("Folder to share changes through"),
                                                 self.folder.text())
        if found:
            self.folder.setText(found)

    def _problem(self, text: str) -> None:
        self.result.setPlainText(text)

    def share(self) -> bool:
        name = " ".join(self.name.text().split())
        if not name:
            self._problem(_("Give your name first: it tells the others who made each change."))
            self.name.setFocus()
            return False
        folder = Path(self.folder.text().strip()).expanduser()
        if not self.folder.text().strip() or not folder.is_dir():
            self._problem(_("Choose a folder that exists: the USB stick, or the shared "
                            "folder."))
            self.folder.setFocus()
            return False
        try:
            if name != history.volunteer():
                history.set_volunteer(name)
            self.window_.settings.setValue(FOLDER_KEY, str(folder))
            if self._join(folder):
                return True
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                report = change_packs.sync(folder)
            finally:
                QApplication.restoreOverrideCursor()
        except StoreError as err:
            self._problem(str(err))
            return False
        self.result.setPlainText("\n".join(change_packs.summary(report)))
        if report.applied:
            self.window_.reload_everything()
        self.window_.update_settle_notice()
        return True

    def _join(self, folder: Path) -> bool:
        """A laptop with nothing yet, beside the group's copy of its data: start from it."""
        copy = change_packs.can_join(folder)
        if copy is None or Partner.select().exists() or Contribution.select().exists():
            return False
        if not ask(self, _("Start from the group's data?"),
                   _("This laptop has no partners or contributions yet, and the folder holds "
                     "the group's data. Start from it? Then this laptop's changes are shared "
                     "like the others'."), _("&Start from it"), _("&Not now")):
            return False
        name = history.volunteer()
        if not self.window_.restore_from(copy, joining=True):
            return True
        history.set_volunteer(name)  # the copy came signed with another volunteer's name
        self.share()
        return True


def share_changes(window) -> ShareDialog:
    dialog = ShareDialog(window)
    dialog.open()
    return dialog


