"""The main window's care of the data itself: backups (daily, by hand, to another folder),
restoring one, moving the data folder, and the word on the way out when no copy has left
the laptop for a while."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from cars_desktop.i18n import _
from cars_desktop.store import database
from cars_desktop.ui import messages
from cars_desktop.ui.worker import Job, finish_reading, run_with_progress


class DataCopies:
    """Mixed into MainWindow, whose `store`, status bar and tabs it uses."""

    def back_up_now(self) -> None:
        from cars_desktop.store import backups

        try:
            path = self._copy_beside(lambda: backups.make_backup(self.store.backup_dir,
                                                                 "chosen"))
        except backups.BackupError as err:
            messages.critical(self, _("Backup failed"), str(err))
            return
        self._show_last_backup()
        messages.information(
            self, _("Backup made"),
            _("A checked copy of your data was saved as\n{path}\n\nCopy it to a USB stick or "
              "another computer now and then: a backup on the same laptop does not survive a "
              "lost or broken laptop.").format(path=path))

    def automatic_backup(self) -> None:
        """The daily copy, made beside the window on a connection of its own: a large file
        takes seconds, and the window stays responsive meanwhile."""
        from cars_desktop.store import backups

        folder, source = self.store.backup_dir, self.store.db_path
        job = Job(lambda _progress: backups.automatic_backup(folder, source=source))
        job.failed.connect(lambda error: self.statusBar().showMessage(
            _("The automatic backup failed: {error}").format(error=error)))
        job.ended.connect(self._backup_ended)
        self._backup_running = job.start()

    def _backup_ended(self) -> None:
        self._backup_running = None
        self._show_last_backup()

    def wait_for_backup(self) -> None:
        """Before the data file closes: the daily backup whole, the reading beside done."""
        if self._backup_running is not None:
            self._backup_running.wait()
        finish_reading()

    def _copy_beside(self, copy):
        """A backup the volunteer asked for, made beside the window: a large file takes
        seconds. Returns its path; its error is raised here."""
        return run_with_progress(self, Job(lambda _progress: copy()),
                                 _("Making a checked copy of your data…"), _("Backup"),
                                 can_cancel=False).outcome()

    def _show_last_backup(self) -> None:
        from cars_desktop.store import backups

        found = backups.list_backups(self.store.backup_dir)
        self.backup_label.setText(
            _("Last backup: {made_at:%Y-%m-%d %H:%M}").format(made_at=found[0].made_at)
            if found
            else _("No backup yet")
        )

    def back_up_to(self, folder: str | None = None):
        from cars_desktop.store import backups, safety

        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self, _("Back up to… (a USB stick, or another folder)"), str(Path.home()))
            if not folder:
                return None
        try:
            path = self._copy_beside(lambda: backups.make_backup(Path(folder), "chosen"))
            if not self.store.read_only:  # nothing is written to data that can only be read
                safety.record_outside_backup()
        except (backups.BackupError, database.StoreError) as err:
            messages.critical(self, _("Backup failed"), str(err))
            return None
        self.statusBar().showMessage(
            _("A checked copy was saved as {path}.").format(path=path), 15_000
        )
        return path

    def open_restore(self):
        from cars_desktop.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self, self.store.backup_dir, self.restore_from)
        dialog.open()
        return dialog

    def restore_from(self, backup: Path, joining: bool = False) -> bool:
        """Close the data, put the backup in its place (the current data kept first), open
        it again and show it. `joining`: the group's copy of its data, for a new laptop."""
        from cars_desktop.store import backups, receipt_journal

        self.wait_for_backup()
        data_dir = self.store.data_dir
        self.store.close()
        kept, problem = None, None
        had_journal = (data_dir / receipt_journal.NUMBERS_FILE).exists()
        try:
            kept = backups.restore_backup(data_dir, backup)
        except (backups.BackupError, database.StoreError) as err:
            problem = str(err)
        try:
            self.store = database.open_store(data_dir)
        except database.StoreError as err:
            messages.critical(
                self,
                _("The data could not be opened again"),
                _("{err}\n\nCARS Desktop will close; start it again.").format(err=err),
            )
            self.close()
            return False
        self.reload_everything()
        if problem:
            messages.critical(self, _("Not restored"), problem)
            return False
        undo = (
            _("\n\nYour data as it was is kept as {name}: to undo, restore that copy.").format(
                name=kept.name
            )
            if kept
            else ""
        )
        messages.information(
            self,
            _("Restored"),
            (_("This laptop now holds your group's data, from the shared folder.") if joining
             else _("Your data is back as it was in the backup {name}.").format(
                name=backup.name)) + undo,
        )
        receipts_note = receipt_journal.after_restore(had_journal)
        if receipts_note:
            messages.warning(self, _("Official receipts"), receipts_note)
        return True

    def warn_about_location(self) -> str | None:
        from cars_desktop.store.safety import risky_location

        risk = risky_location(self.store.data_dir)
        if risk:
            self.statusBar().showMessage(f"⚠ {risk}")
            box = messages.box(
                QMessageBox.Icon.Warning,
                _("A risky place for your data"),
                _(
                    "{risk}\n\nThe data is in {data_dir}. Move it to a folder on "
                    "this computer's own disk; then copy backups to a USB stick "
                    "with File › Back up to…."
                ).format(risk=risk, data_dir=self.store.data_dir),
                parent=self,
            )
            move = box.addButton(_("&Move the data…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("&Not now"), QMessageBox.ButtonRole.RejectRole)
            box.open()
            box.buttonClicked.connect(
                lambda button: button is move and self.choose_new_folder())
        return risk

    def choose_new_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Move the data to… (an empty folder on this computer's own disk)"),
            str(Path.home()))
        if folder:
            self.move_data_to(Path(folder))

    def move_data_to(self, folder: Path) -> bool:
        from cars_desktop.store import backups, safety

        self.wait_for_backup()
        old = self.store
        old.close()
        try:
            safety.move_data(old.data_dir, folder)
            self.store = database.open_store(folder)
        except (backups.BackupError, database.StoreError, OSError) as err:
            self.store = database.open_store(old.data_dir, read_only=old.read_only)
            self.store.why_read_only = old.why_read_only
            messages.critical(self, _("The data was not moved"), f"{err}")
            return False
        self.show_read_only()  # data moved off a read-only medium can be worked on
        self.settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
        self.reload_everything()
        self.findChild(QLabel, "dataFolder").setText(
            _("Data folder: {folder}").format(folder=folder)
        )
        messages.information(
            self,
            _("The data was moved"),
            _(
                "From now on CARS Desktop keeps your data in {folder}.\n\nThe old folder {old} "
                "was left as it was, as one more copy; delete it once you are sure."
            ).format(folder=folder, old=old.data_dir),
        )
        return True

    def open_data_folder(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.data_dir))):
            messages.information(
                self, _("Data folder"),
                _("This computer has no file manager to open it with. Your data is "
                  "in:\n\n{data_dir}").format(data_dir=self.store.data_dir))

    def _remind_outside_backup(self) -> bool:
        """On the way out: a word when no copy left the laptop for a while. False: stay."""
        from cars_desktop.store import safety

        if self.store.read_only or database.damage_found():
            return True
        try:
            days = safety.outside_backup_overdue()
        except database.StoreError:
            return True
        if days is None:
            return True
        box = messages.box(QMessageBox.Icon.Question, _("A copy away from this laptop?"),
                          _("No copy of your data has left this laptop for {days} days. A "
                            "lost or broken laptop would take it all.\n\nPlug in a USB stick "
                            "and make a copy now?").format(days=days), parent=self)
        copy = box.addButton(_("&Back up to…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Not now"), QMessageBox.ButtonRole.RejectRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is cancel:
            return False
        if box.clickedButton() is copy:
            self.back_up_to()
        return True
