"""The main window's menu bar: File, one menu per tab (made of the tab's own actions, so each
shortcut exists once), Reports and Help."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from cars_desktop import APP_NAME
from cars_desktop.i18n import _
from cars_desktop.ui.language_menu import add_language_menu
from cars_desktop.ui.text_size import add_text_size_menu
from cars_desktop.ui.widgets import make_action


def build_menus(window) -> None:
    """Fill the menu bar of `window`, a MainWindow: its slots do the work. The menus of the
    Contributions and Maintenance tabs are filled once those tabs are made (`fill_tab_menu`);
    opening one makes them at once."""
    def add(menu, text: str, slot, shortcut: str = "", tip: str = "",
            changes: bool = False) -> QAction:
        return _add(window, menu, text, slot, shortcut, tip, changes)

    file_menu = window.menuBar().addMenu(_("&File"))
    add(file_menu, _("&Back up now"), window.back_up_now, "Ctrl+B", changes=True)
    add(file_menu, _("Back up &to…"), window.back_up_to, "",
        _("A checked copy on a USB stick or in any folder you choose"))
    add(file_menu, _("&Restore from backup…"), window.open_restore, changes=True)
    file_menu.addSeparator()
    add(file_menu, _("&Import from a spreadsheet…"), window.import_file, "Ctrl+I",
        _("Partners and gifts from a CSV or Excel file, or a CanadaHelps, PayPal or "
        "Benevity export"), changes=True)
    add(file_menu, _("&Undo an import…"), window.undo_import, changes=True)
    file_menu.addSeparator()
    add(file_menu, _("S&hare changes…"), window.share_changes, "",
        _("With the group's other laptops, through a USB stick or a shared folder"),
        changes=True)
    add(file_menu, _("Changes to s&ettle…"), window.open_settle, "",
        _("Fields two laptops changed before sharing: choose the value to keep"), changes=True)
    file_menu.addSeparator()
    add(file_menu, _("&Open data folder"), window.open_data_folder)
    add(file_menu, _("&Move the data to…"), window.choose_new_folder, "",
        _("Move the data file and its backups to a safer folder"))
    add(file_menu, _("Group &profile…"), window.edit_profile, "",
        _("Your group's name, address, logo and signatory for letters, and when its fiscal "
        "year starts"), changes=True)
    file_menu.addSeparator()
    quit_action = add(file_menu, _("&Quit"), window.close)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.setObjectName("quit")

    window.tab_menus = {}
    for key, title in (("partners", _("Pa&rtner")), ("contributions", _("C&ontribution")),
                       ("maintenance", _("Ma&intenance"))):
        window.tab_menus[key] = window.menuBar().addMenu(title)
        if key != "partners":
            window.tab_menus[key].aboutToShow.connect(window.finish_building)
    fill_tab_menu(window, "partners")

    view_menu = window.menuBar().addMenu(_("&View"))
    add_text_size_menu(view_menu, window)
    add_language_menu(view_menu, window)
    view_menu.addSeparator()
    add(view_menu, _("&Recent changes…"), window.recent_changes, "",
        _("The whole group's latest changes: who, when, what; one can be undone"))

    reports_menu = window.menuBar().addMenu(_("Re&ports"))
    add(reports_menu, _("&Make a report…"), window.open_reports, "Ctrl+Shift+P",
        _("Contributions summary, community impact, partner statement, directory, "
        "partnership health, recognition list"))
    reports_menu.addSeparator()
    for what, label in (("partners", _("Export all &partners (CSV)…")),
                        ("contacts", _("Export all &contact people (CSV)…")),
                        ("contributions", _("Export all c&ontributions (CSV)…"))):
        add(reports_menu, label, lambda what=what: window.export_all(what))

    help_menu = window.menuBar().addMenu(_("&Help"))
    add(help_menu, _("&About {app_name}").format(app_name=APP_NAME), window.about)


def _add(window, menu, text: str, slot, shortcut: str = "", tip: str = "",
         changes: bool = False) -> QAction:
    made = make_action(window, text, slot, shortcut, tip)
    menu.addAction(made)
    if changes:  # not offered while the data can only be read
        window.changing.addAction(made)
    return made


def fill_tab_menu(window, key: str) -> None:
    """A tab's menu: the tab's own actions (so each shortcut exists once), then the windows
    that belong with it."""
    menu, tab = window.tab_menus[key], getattr(window, key)

    def add(text: str, slot, tip: str = "") -> QAction:
        return _add(window, menu, text, slot, "", tip)

    for action in tab.actions_for_menu():
        menu.addSeparator() if action is None else menu.addAction(action)
    for action in tab.changing_actions():
        window.changing.addAction(action)
    if key == "partners":
        menu.addSeparator()
        add(_("&History of this partner…"), window.partner_history,
            _("Who changed what, and when: the partner, its contact people, log and gifts"))
        add(_("Mailing &labels and envelopes…"), lambda: _open_labels(window),
            _("Print partners' addresses on Avery labels or #10 envelopes"))
    if key == "contributions":
        menu.addSeparator()
        add(_("Histor&y of this contribution…"), window.gift_history,
            _("Who changed what, and when"))
        add(_("&Funds and campaigns…"), window.open_funds,
            _("Funds and campaigns with their goals, and how far their gifts have come"))
        add(_("&Instalments and monthly gifts…"), window.open_schedules,
            _("Pledges paid in instalments and gifts that come every month: what is due, "
              "marked received in one step"))
        add(_("&Bank deposits…"), window.open_deposits,
            _("Enter a deposit's cheques and cash at once, check it against the slip, "
              "and print its list"))
        add(_("Official &receipts…"), window.open_receipts,
            _("Issue official donation receipts, reprint, cancel or replace one, and "
              "keep the register"))
        tab.queue_action.triggered.connect(lambda: window.tabs.setCurrentWidget(tab))


def _open_labels(window):
    from cars_desktop.ui.labels_window import open_labels  # its PDF viewer loads when wanted

    return open_labels(window)
