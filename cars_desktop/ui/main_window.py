"""The main window: one tab per part of the work, the File and Help menus, and the window's
size and layout remembered between sessions."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cars_desktop import APP_NAME, __version__
from cars_desktop.i18n import _
from cars_desktop.store import database
from cars_desktop.store.database import Store
from cars_desktop.ui import messages
from cars_desktop.ui.data_copies import DataCopies
from cars_desktop.ui.hub import Hub
from cars_desktop.ui.menus import build_menus, fill_tab_menu
from cars_desktop.ui.partners_tab import PartnersTab
from cars_desktop.ui.sharing import Sharing
from cars_desktop.ui.widgets import fit_to_screen, plain_label
from cars_desktop.ui.window_state import restore_headers, restore_layout, save_layout
from cars_desktop.ui.worker import Job

if TYPE_CHECKING:
    from cars_desktop.ui.contributions_tab import ContributionsTab
    from cars_desktop.ui.maintenance_tab import MaintenanceTab


class MainWindow(DataCopies, Sharing, QMainWindow):
    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(APP_NAME)
        self.settings = QSettings(str(store.data_dir / "window.ini"), QSettings.Format.IniFormat)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.partners = PartnersTab()
        self.tabs.addTab(self.partners, _("&Partners"))
        # the other tabs are made once the window shows (starting waits for the Partners tab
        # alone), or at once when one is wanted: `finish_building`
        self._contributions: ContributionsTab | None = None
        self._maintenance: MaintenanceTab | None = None
        self.tabs.addTab(QWidget(), _("&Contributions"))
        self.tabs.addTab(QWidget(), _("&Maintenance"))
        self.tabs.currentChanged.connect(lambda index: index and self.finish_building())
        # a change in one tab shows in the others: each announces and listens on the hub
        self.hub = Hub(self)
        self.partners.join(self.hub)
        self.partners.contributions_wanted.connect(self._show_contributions_of)
        # Above the tabs, while the data can only be read: why, and the way out
        self.read_only_note = plain_label("")
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("QLabel { background: #fff4ce; color: #3b2f00; "
                                          "padding: 6px; border: 1px solid #d9b650; }")
        middle = QWidget()
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.read_only_note)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(middle)
        self.changing = QActionGroup(self)  # what changes the data; filled by build_menus
        self.changing.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
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
        self.make_settle_notice()
        self.partners.message.connect(self._say)
        self._backup_running: Job | None = None
        fit_to_screen(self, 1180, 720)
        restore_layout(self, self.settings)
        self.hub.data_replaced.connect(self._show_last_backup)
        self.hub.data_replaced.connect(self.update_settle_notice)
        self.show_read_only()
        self.partners.refresh()
        QTimer.singleShot(200, self, self.finish_building)  # not after the window is gone

    @property
    def contributions(self) -> ContributionsTab:
        self.finish_building()
        return self._contributions

    @property
    def maintenance(self) -> MaintenanceTab:
        self.finish_building()
        return self._maintenance

    def finish_building(self) -> None:
        """Make the Contributions and Maintenance tabs, and fill their menus (once)."""
        if self._contributions is not None:
            return
        from cars_desktop.ui.contributions_tab import ContributionsTab
        from cars_desktop.ui.maintenance_tab import MaintenanceTab

        contributions = self._contributions = ContributionsTab()
        maintenance = self._maintenance = MaintenanceTab()
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        for index, tab in ((1, contributions), (2, maintenance)):
            title, placeholder = self.tabs.tabText(index), self.tabs.widget(index)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, tab, title)
            placeholder.deleteLater()
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        for tab in (maintenance, contributions):
            tab.join(self.hub)
            tab.message.connect(self._say)
        maintenance.contribution_wanted.connect(self._show_contribution)
        maintenance.recognition_wanted.connect(self.celebrate)
        contributions.partner_in_view = lambda: (
            self.partners.selected_id() if self.tabs.currentWidget() is self.partners
            else None)
        for key in ("contributions", "maintenance"):
            fill_tab_menu(self, key)
        restore_headers(self, self.settings, ("contributions", "review_grid"))
        self.show_read_only()  # their actions too
        contributions.refresh()  # read when shown

    def _say(self, text: str) -> None:
        self.statusBar().showMessage(text, 10_000)

    def show_read_only(self) -> None:
        """Over data that can only be read, nothing that changes it is offered, and the
        window says why and how to work on it; over the volunteer's own data, all of it."""
        read_only = self.store.read_only
        self.changing.setEnabled(not read_only)
        self.setWindowTitle(_("{app_name} (read-only)").format(app_name=APP_NAME)
                            if read_only else APP_NAME)
        self.read_only_note.setText(
            _("Read-only: {why} You can look at everything, print letters and reports, "
              "export and back up to another folder. To work on this data, copy it to this "
              "computer: File › Move the data to…").format(
                why=self.store.why_read_only or _("nothing can be changed.")))
        self.read_only_note.setVisible(read_only)

    def after_start(self) -> None:
        """What waits until the window is up, so that starting stays quick: the result of the
        damage check, then the daily backup, and a word about a risky data folder."""
        problem = database.damage_found()
        if problem:
            self.statusBar().showMessage(_("The data file is damaged: nothing can be saved."))
            box = messages.box(
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
        if self.store.read_only:
            return  # nothing can be written: no backup beside it, no setup
        self.automatic_backup()
        self.warn_about_location()
        from cars_desktop.store.profile import setup_state

        if not setup_state():
            self.first_run_setup()

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

    def open_funds(self):
        from cars_desktop.ui.funds_window import FundsWindow

        return self._open_narrowing(FundsWindow(self), self.contributions.show_fund)

    def open_deposits(self):
        from cars_desktop.ui.deposits_window import DepositsWindow

        return self._open_narrowing(DepositsWindow(self), self.contributions.show_deposit)

    def open_schedules(self):
        from cars_desktop.ui.schedules_window import SchedulesWindow

        dialog = SchedulesWindow(self)
        dialog.finished.connect(lambda _unused: self.reload_everything())
        dialog.open()
        return dialog

    def _open_narrowing(self, dialog, show):
        """A window whose "Show its gifts" narrows the Contributions tab to them."""
        def closed(_result) -> None:
            self.reload_everything()
            if dialog.show_gifts_of is not None:
                self.tabs.setCurrentWidget(self.contributions)
                self.contributions.clear_filters()
                show(dialog.show_gifts_of)
        dialog.finished.connect(closed)
        dialog.open()
        return dialog

    def open_receipts(self):
        from cars_desktop.ui.receipts_window import ReceiptsWindow

        dialog = ReceiptsWindow(self)
        dialog.finished.connect(lambda _unused: self.reload_everything())
        dialog.open()
        return dialog

    def celebrate(self):
        """From the successes to celebrate to the recognition list of those same days, ready
        to print for the newsletter or the notice board."""
        from cars_desktop.store.maintenance import attention_settings

        dialog = self.open_reports("recognition")
        if dialog is not None:
            today = dt.date.today()
            dialog.set_dates(today - dt.timedelta(days=attention_settings().success_days),
                             today)
        return dialog

    def export_all(self, what: str) -> None:
        from cars_desktop.ui.export_dialog import export_to

        export_to(self, what)

    def reload_everything(self) -> None:
        """After the data file changed under the window: every tab reads it again."""
        self.hub.data_replaced.emit()

    def about(self) -> None:
        box = messages.box(
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
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.exec()

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
