"""The main window: one tab per part of the work, the File and Help menus, and the window's
size and layout remembered between sessions."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QLabel, QMainWindow, QMessageBox, QTabWidget

from cars_desktop import APP_NAME, __version__
from cars_desktop.i18n import _
from cars_desktop.store import database
from cars_desktop.store.database import Store
from cars_desktop.ui.contributions_tab import ContributionsTab
from cars_desktop.ui.hub import Hub
from cars_desktop.ui.maintenance_tab import MaintenanceTab
from cars_desktop.ui.menus import build_menus
from cars_desktop.ui.partners_tab import PartnersTab
from cars_desktop.ui.widgets import RICH, fit_to_screen, guard_plain_text, plain_label
from cars_desktop.ui.window_state import restore_layout, save_layout
from cars_desktop.ui.worker import Job, run_with_progress


class MainWindow(QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        guard_plain_text()
        self.store = store
        self.setWindowTitle(APP_NAME)
        self.settings = QSettings(str(store.data_dir / "window.ini"), QSettings.Format.IniFormat)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.partners = PartnersTab()
        self.contributions = ContributionsTab()
        self.maintenance = MaintenanceTab()
        self.tabs.addTab(self.partners, _("&Partners"))
        self.tabs.addTab(self.contributions, _("&Contributions"))
        self.tabs.addTab(self.maintenance, _("&Maintenance"))
        # a change in one tab shows in the others: each announces and listens on the hub
        self.hub = Hub(self)
        for tab in (self.partners, self.maintenance, self.contributions):
            tab.join(self.hub)
        self.maintenance.contribution_wanted.connect(self._show_contribution)
        self.partners.contributions_wanted.connect(self._show_contributions_of)
        self.contributions.partner_in_view = lambda: (
            self.partners.selected_id() if self.tabs.currentWidget() is self.partners
            else None)
        self.setCentralWidget(self.tabs)
        build_menus(self)
        # The next and previous tab from anywhere in the window, the table included
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1),
                           ("Ctrl+PgUp", -1)):
            QShortcut(QKeySequence(keys), self, lambda step=step: self.tabs.setCurrentIndex(
                (self.tabs.currentIndex() + step) % self.tabs.count()))

        folder = plain_label(_("Data folder: {data_dir}").format(data_dir=store.data_dir))
        folder.setObjectName("dataFolder")
        self.backup_label = QLabel()
        self.statusBar().addWidget(folder, 1)  # stays when the status bar shows a message
        self.statusBar().addPermanentWidget(self.backup_label)
        for tab in (self.partners, self.contributions, self.maintenance):
            tab.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self._backup_running: Job | None = None
        fit_to_screen(self, 1180, 720)
        restore_layout(self, self.settings)
        self.hub.data_replaced.connect(self._show_last_backup)
        self.partners.refresh()
        self.contributions.refresh()

    # Backups

    def back_up_now(self) -> None:
        from cars_desktop.store import backups

        try:
            path = self._copy_beside(lambda: backups.make_backup(self.store.backup_dir,
                                                                 "chosen"))
        except backups.BackupError as err:
            QMessageBox.critical(self, _("Backup failed"), str(err))
            return
        self._show_last_backup()
        QMessageBox.information(
            self, _("Backup made"),
            _("A checked copy of your data was saved as\n{path}\n\nCopy it to a USB stick or "
              "another computer now and then: a backup on the same laptop does not survive a "
              "lost or broken laptop.").format(path=path))

    def after_start(self) -> None:
        """What waits until the window is up, so that starting stays quick: the result of the
        damage check, then the daily backup, and a word about a risky data folder."""
        problem = database.damage_found()
        if problem:
            self.statusBar().showMessage(_("The data file is damaged: nothing can be saved."))
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                _("The data file is damaged"),
                _(
                    "{problem}\n\nYou can look at your data, but nothing can be "
                    "saved until a good backup is restored."
                ).format(problem=problem),
                parent=self,
            )
            restore = box.addButton(_("&Restore a backup…"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("&Look at it, read-only"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is restore:
                self.open_restore()
            return
        self.automatic_backup()
        self.warn_about_location()
        from cars_desktop.store.profile import setup_state

        if not setup_state():
            self.first_run_setup()

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
        if self._backup_running is not None:
            self._backup_running.wait()

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

    def edit_profile(self) -> bool:
        from cars_desktop.ui.profile_dialog import GroupProfileDialog

        dialog = GroupProfileDialog(self)
        dialog.exec()
        self._profile_closed(dialog)
        return dialog.saved

    def first_run_setup(self):
        """On first start: the group's profile, which may be left for later. It does not
        block: the window is usable behind it."""
        from cars_desktop.ui.profile_dialog import GroupProfileDialog

        dialog = GroupProfileDialog(self, first_run=True)
        dialog.finished.connect(lambda _unused: self._profile_closed(dialog, first_run=True))
        dialog.open()
        return dialog

    def _profile_closed(self, dialog, first_run: bool = False) -> None:
        from cars_desktop.store import settings
        from cars_desktop.store.profile import setup_state

        if dialog.saved:
            self.hub.profile_changed.emit()  # "this fiscal year" may have moved
            self.statusBar().showMessage(_("Your group's profile is saved."), 10_000)
        elif first_run and not setup_state():
            try:
                settings.save({settings.SETUP: "later"})
            except database.StoreError:
                pass  # then it is asked again next time: no harm

    def import_file(self, path: str | None = None):
        from cars_desktop.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self, self.store.backup_dir, path)
        dialog.finished.connect(lambda _unused: dialog.result and self.reload_everything())
        dialog.open()
        return dialog

    def undo_import(self) -> None:
        from cars_desktop.ui.import_undo import undo_an_import

        if undo_an_import(self):
            self.reload_everything()

    def open_reports(self, report: str = "summary"):
        from cars_desktop.ui.letters_window import letters_ready
        from cars_desktop.ui.reports_dialog import ReportsDialog

        if not letters_ready(self, for_reports=True):  # reports print on the letterhead too
            return None
        dialog = ReportsDialog(self, report, self.partners.selected_id())
        dialog.open()
        return dialog

    def export_all(self, what: str) -> None:
        from cars_desktop.ui.export_dialog import export_to

        export_to(self, what)

    # Copies, restores, and where the data lives

    def back_up_to(self, folder: str | None = None):
        from cars_desktop.store import backups, safety

        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self, _("Back up to… (a USB stick, or another folder)"), str(Path.home()))
            if not folder:
                return None
        try:
            path = self._copy_beside(lambda: backups.make_backup(Path(folder), "chosen"))
            safety.record_outside_backup()
        except (backups.BackupError, database.StoreError) as err:
            QMessageBox.critical(self, _("Backup failed"), str(err))
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

    def restore_from(self, backup: Path) -> bool:
        """Close the data, put the backup in its place (the current data kept first), open
        it again and show it."""
        from cars_desktop.store import backups

        self.wait_for_backup()
        data_dir = self.store.data_dir
        self.store.close()
        kept, problem = None, None
        try:
            kept = backups.restore_backup(data_dir, backup)
        except (backups.BackupError, database.StoreError) as err:
            problem = str(err)
        try:
            self.store = database.open_store(data_dir)
        except database.StoreError as err:
            QMessageBox.critical(
                self,
                _("The data could not be opened again"),
                _("{err}\n\nCARS Desktop will close; start it again.").format(err=err),
            )
            self.close()
            return False
        self.reload_everything()
        if problem:
            QMessageBox.critical(self, _("Not restored"), problem)
            return False
        undo = (
            _("\n\nYour data as it was is kept as {name}: to undo, restore that copy.").format(
                name=kept.name
            )
            if kept
            else ""
        )
        QMessageBox.information(
            self,
            _("Restored"),
            _("Your data is back as it was in the backup {name}.").format(name=backup.name) + undo,
        )
        return True

    def reload_everything(self) -> None:
        """After the data file changed under the window: every tab reads it again."""
        self.hub.data_replaced.emit()

    def warn_about_location(self) -> str | None:
        from cars_desktop.store.safety import risky_location

        risk = risky_location(self.store.data_dir)
        if risk:
            self.statusBar().showMessage(f"⚠ {risk}")
            box = QMessageBox(
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
        old = self.store.data_dir
        self.store.close()
        try:
            safety.move_data(old, folder)
            self.store = database.open_store(folder)
        except (backups.BackupError, database.StoreError, OSError) as err:
            self.store = database.open_store(old)
            QMessageBox.critical(self, _("The data was not moved"), f"{err}")
            return False
        self.reload_everything()
        self.findChild(QLabel, "dataFolder").setText(
            _("Data folder: {folder}").format(folder=folder)
        )
        QMessageBox.information(
            self,
            _("The data was moved"),
            _(
                "From now on CARS Desktop keeps your data in {folder}.\n\nThe old folder {old} "
                "was left as it was, as one more copy; delete it once you are sure."
            ).format(folder=folder, old=old),
        )
        return True

    def open_data_folder(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.data_dir))):
            QMessageBox.information(
                self, _("Data folder"),
                _("This computer has no file manager to open it with. Your data is "
                  "in:\n\n{data_dir}").format(data_dir=self.store.data_dir))

    def about(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.NoIcon,
            _("About {app_name}").format(app_name=APP_NAME),
            _(
                "<h3>{app_name} {version}</h3><p>Keeps your group's community "
                "partners, what they contribute, and the care of each partnership "
                "— on this computer, without the internet.</p><p>Built for groups "
                "working the CARS way: Communities Achieving Responsive "
                "Services.</p><p>Your data is in:<br><code>{folder}</code></p>"
            ).format(
                app_name=APP_NAME, version=__version__, folder=escape(str(self.store.data_dir))
            ),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setProperty(RICH, True)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.exec()

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
        box = QMessageBox(QMessageBox.Icon.Question, _("A copy away from this laptop?"),
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

    def _show_contribution(self, kind: str, contribution_id: int) -> None:
        """From "what needs attention" to the contribution, in a list where it belongs."""
        tab = self.contributions
        self.tabs.setCurrentWidget(tab)
        tab.clear_filters()
        if kind == "thank":
            tab.show_thank_you_queue()
        elif kind == "pledge":
            tab.status.setCurrentIndex(tab.status.findData("overdue"))
        tab.refresh(select_id=contribution_id)

    def _show_contributions_of(self, partner_id: int) -> None:
        self.contributions.show_partner(partner_id)
        self.tabs.setCurrentWidget(self.contributions)

    def closeEvent(self, event) -> None:
        if getattr(self, "replaced", False):  # built again in another language
            super().closeEvent(event)
            return
        if not self._remind_outside_backup():
            event.ignore()
            return
        if self._backup_running is not None:
            self.statusBar().showMessage(_("Finishing the backup…"))
            self._backup_running.wait()  # the copy must be whole before the file closes
        save_layout(self, self.settings)
        super().closeEvent(event)
