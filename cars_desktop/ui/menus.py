"""The main window's menu bar: File, one menu per tab (made of the tab's own actions, so each
shortcut exists once), Reports and Help."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from cars_desktop import APP_NAME
from cars_desktop.ui.widgets import make_action


def build_menus(window) -> None:
    """Fill the menu bar of `window`, a MainWindow: its slots do the work."""
    def add(menu, text: str, slot, shortcut: str = "", tip: str = "") -> QAction:
        made = make_action(window, text, slot, shortcut, tip)
        menu.addAction(made)
        return made

    file_menu = window.menuBar().addMenu("&File")
    add(file_menu, "&Back up now", window.back_up_now, "Ctrl+B")
    add(file_menu, "Back up &to…", window.back_up_to, "",
        "A checked copy on a USB stick or in any folder you choose")
    add(file_menu, "&Restore from backup…", window.open_restore)
    file_menu.addSeparator()
    add(file_menu, "&Import from a spreadsheet…", window.import_file, "Ctrl+I",
        "Partners and gifts from a CSV or Excel file, or a CanadaHelps, PayPal or "
        "Benevity export")
    add(file_menu, "&Undo an import…", window.undo_import)
    file_menu.addSeparator()
    add(file_menu, "&Open data folder", window.open_data_folder)
    add(file_menu, "&Move the data to…", window.choose_new_folder, "",
        "Move the data file and its backups to a safer folder")
    add(file_menu, "Group &profile…", window.edit_profile, "",
        "Your group's name, address, logo and signatory for letters, and when its fiscal "
        "year starts")
    file_menu.addSeparator()
    add(file_menu, "&Quit", window.close).setShortcut(QKeySequence.StandardKey.Quit)

    for title, tab in (("Pa&rtner", window.partners), ("C&ontribution", window.contributions),
                       ("Ma&intenance", window.maintenance)):
        menu = window.menuBar().addMenu(title)
        for action in tab.actions_for_menu():
            menu.addSeparator() if action is None else menu.addAction(action)
    window.contributions.queue_action.triggered.connect(
        lambda: window.tabs.setCurrentWidget(window.contributions))

    reports_menu = window.menuBar().addMenu("Re&ports")
    add(reports_menu, "&Make a report…", window.open_reports, "Ctrl+Shift+P",
        "Contributions summary, community impact, partner statement, directory, "
        "partnership health")
    reports_menu.addSeparator()
    for what, label in (("partners", "Export all &partners (CSV)…"),
                        ("contacts", "Export all &contact people (CSV)…"),
                        ("contributions", "Export all c&ontributions (CSV)…")):
        add(reports_menu, label, lambda what=what: window.export_all(what))

    help_menu = window.menuBar().addMenu("&Help")
    add(help_menu, f"&About {APP_NAME}", window.about)
