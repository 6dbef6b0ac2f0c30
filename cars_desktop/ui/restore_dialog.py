"""Choosing a backup to restore: each with its date, what it holds, and whether it checks out.
The restore itself is done by whoever opened the dialog (it must close the data first)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from cars_desktop.core.text import format_count
from cars_desktop.i18n import N_, _, ngettext
from cars_desktop.store.lists import BackupList
from cars_desktop.ui import messages
from cars_desktop.ui.record_view import RecordView
from cars_desktop.ui.widgets import fit_to_screen

EMPTY = (N_("<p>There is no backup in this data folder yet.</p><p>If you keep backups on a USB "
         "stick, plug it in and choose <b>Another file…</b>.</p>"))


class RestoreDialog(QDialog):
    def __init__(self, parent: QWidget | None, backup_folder: Path,
                 restore: Callable[[Path], bool], intro: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Restore from a backup"))
        self.restore = restore
        self.records = BackupList(backup_folder)
        self.view = RecordView(self.records, "backupList", stretch_column=6)
        self.view.table.setAccessibleName(_("Backups"))
        self.view.table.setAccessibleDescription(_("The copies you can go back to, newest first"))
        self.view.table.activated.connect(lambda _unused: self.restore_selected())
        text = QLabel(intro or (
            _("Choose the copy to go back to. Your data as it is now is kept as a backup first, "
            "so a restore can itself be undone by restoring that copy.")))
        text.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(_("&Restore this backup…"),
                                                QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.restore_selected)
        other = buttons.addButton(_("&Another file…"), QDialogButtonBox.ButtonRole.ActionRole)
        other.setObjectName("otherBackup")
        other.clicked.connect(self.choose_file)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeRestore")
        buttons.rejected.connect(self.reject)
        for button in (self.restore_button, other):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.view.table.selectionModel().selectionChanged.connect(self._update)
        self.refresh()
        fit_to_screen(self, 1040, 420)

    def refresh(self, select: int | None = None) -> None:
        self.view.refresh(_(EMPTY), select)
        if select is None and self.view.model.rowCount():
            self.view.select_row(0)
        self._update()

    def _update(self) -> None:
        number = self.view.selected_id()
        self.restore_button.setEnabled(
            number is not None and self.records.info(number).problem is None)

    def add_file(self, path: Path) -> None:
        """A backup kept elsewhere (a USB stick) joins the list, selected."""
        path = path.resolve()
        if path not in self.records.added:
            self.records.added.insert(0, path)
        self.records.reload()
        self.refresh(self.records.files.index(path))

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose a backup"), str(Path.home()),
                                              _("CARS Desktop backups (*.sqlite3);;All files (*)"))
        if path:
            self.add_file(Path(path))

    def restore_selected(self) -> bool:
        number = self.view.selected_id()
        if number is None:
            return False
        info = self.records.info(number)
        if info.problem:
            messages.information(self, _("Not this one"), info.problem)
            return False
        made = self.records.made(number)
        answer = messages.question(
            self, _("Restore this backup?"),
            _("Go back to your data as it was on {date} at {time} ({partners}, "
              "{contributions})?\n\nWhat was entered since then is not lost: your data as it "
              "is now is kept as a backup first.").format(
                date=f"{made:%Y-%m-%d}", time=f"{made:%H:%M}",
                partners=ngettext("{n} partner", "{n} partners", info.partners).format(
                    n=format_count(info.partners)),
                contributions=ngettext("{n} contribution", "{n} contributions",
                                       info.contributions).format(
                    n=format_count(info.contributions))),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        if self.restore(info.path):
            self.accept()
            return True
        self.refresh()
        return False
