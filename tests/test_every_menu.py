"""Every action of every menu of the main window, triggered as a click triggers it, on a
1366×768 laptop screen: none may fail, and every window it opens must fit the screen with its
buttons in view. New menus are picked up by themselves."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from cars_desktop.store import sample
from helpers import every_action
from window_watch import WindowWatch, misfits

TODAY = dt.date.today()


def select_first_rows(window) -> None:
    for table in (window.partners.table, window.contributions.table):
        if table.model().rowCount():
            table.setCurrentIndex(table.model().index(0, 0))
            table.selectRow(0)


def trigger_all(qtbot, window, watch, skip=("File › Quit",)):
    """Trigger each action from its own tab, as a volunteer would reach it."""
    tried = []
    for title, action in every_action(window):
        if title in skip:
            continue
        for tab in range(window.tabs.count()):
            window.tabs.setCurrentIndex(tab)
            select_first_rows(window)
            QApplication.processEvents()
            with qtbot.captureExceptions() as failures:
                action.trigger()
                watch.settle()
            assert not failures, f"{title} failed: {failures[0][1]!r}"
            tried.append(title)
            if title.startswith(("File", "Reports", "Help")):
                break  # the same whatever the tab
    return tried


@pytest.fixture
def watched(window):
    watch = WindowWatch(window)
    yield watch
    watch.stop()


def test_every_menu_action_on_fresh_data(qtbot, window, watched):
    assert not misfits(window)
    tried = trigger_all(qtbot, window, watched)
    assert "File › Back up to…" in tried and len(tried) >= 30
    assert not watched.problems, "\n".join(watched.problems)


def test_every_menu_action_on_a_years_data(qtbot, window, watched):
    sample.fill_sample(partners=40, contributions=300, today=TODAY)
    window.reload_everything()
    tried = trigger_all(qtbot, window, watched)
    assert len(watched.seen) >= 20, watched.seen  # the dialogs really opened
    assert not watched.problems, "\n".join(watched.problems)
    assert tried


def test_quit_closes_the_window(qtbot, window, watched):
    quit_action = next(action for title, action in every_action(window)
                       if title == "File › Quit")
    quit_action.trigger()
    qtbot.waitUntil(lambda: not window.isVisible())


def test_back_up_to_a_stick_from_the_menu(qtbot, window, tmp_path):
    """The only way in the window to put a copy on a USB stick, chosen in the folder dialog."""
    stick = tmp_path / "USB STICK"
    stick.mkdir()

    def choose_the_stick(dialog: QFileDialog) -> None:
        dialog.setDirectory(str(stick))
        dialog.selectFile(str(stick))
        dialog.accept()

    watch = WindowWatch(window, {"QFileDialog": choose_the_stick})
    try:
        action = next(action for title, action in every_action(window)
                      if title == "File › Back up to…")
        with qtbot.captureExceptions() as failures:
            action.trigger()
            watch.settle()
    finally:
        watch.stop()
    assert not failures
    copies = list(stick.glob("*.sqlite3")) + list(stick.glob("*.cars*"))
    assert copies or any(stick.iterdir()), "no copy on the stick"
    assert "A checked copy was saved" in window.statusBar().currentMessage()


@pytest.mark.skipif(os.environ.get("CARS_TEST_SCALE") == "125",
                    reason="this is the run at 125 % itself")
def test_every_window_fits_at_125_percent():
    """The same menus on the same laptop with its text at 125 % (1093×614 to give)."""
    here = Path(__file__).parent
    env = dict(os.environ, CARS_TEST_SCALE="125", QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x",
         str(here / "test_every_menu.py"), "-k", "every_menu_action"],
        cwd=here.parent, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]



@pytest.mark.parametrize(("key", "modifiers"), [
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier),
])
def test_ctrl_tab_moves_to_the_next_tab_from_a_list(qtbot, window, key, modifiers):
    window.tabs.setCurrentIndex(0)
    window.partners.table.setFocus()
    qtbot.keyClick(window.partners.table, key, modifiers)
    assert window.tabs.currentIndex() == 1
    qtbot.keyClick(window.contributions.table, key, modifiers)
    assert window.tabs.currentIndex() == 2
    qtbot.keyClick(window.maintenance.table, key, modifiers)
    assert window.tabs.currentIndex() == 0  # round again
    back = Qt.Key.Key_PageUp if key == Qt.Key.Key_PageDown else Qt.Key.Key_Backtab
    qtbot.keyClick(window.partners.table, back, modifiers | (
        Qt.KeyboardModifier.ShiftModifier if back == Qt.Key.Key_Backtab else modifiers))
    assert window.tabs.currentIndex() == 2


def test_ctrl_shift_n_in_the_partners_tab_records_a_gift_from_the_selected_partner(
        qtbot, window):
    from cars_desktop.store import partners
    from cars_desktop.ui.contribution_dialog import ContributionDialog

    for name in ("Aardvark Books", "Caisse Desjardins"):
        partners.save_partner({"kind": "organisation", "name": name, "sector": "corporate",
                               "partnership_type": "casual", "status": "active",
                               "language": "fr"}, [])
    window.partners.refresh()
    window.tabs.setCurrentWidget(window.partners)
    window.partners.view.select_row(1)
    chosen = window.partners.selected_id()
    opened = []

    def look():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ContributionDialog):
            opened.append(dialog.partner.partner_id)
            dialog.reject()
        else:
            qtbot.wait(20)
            look()
    from PySide6.QtCore import QTimer

    QTimer.singleShot(20, look)
    qtbot.keyClick(window.partners.table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened == [chosen]


def test_a_size_the_volunteer_chose_is_kept_and_still_fits(qtbot, window):
    sizes = []

    def make_it_smaller(dialog):
        sizes.append((dialog.width(), dialog.height()))
        dialog.resize(700, 380)
        dialog.reject()

    def too_big(dialog):  # dragged past the edge, or remembered from a larger screen
        sizes.append((dialog.width(), dialog.height()))
        dialog.resize(3000, 2000)
        dialog.reject()

    restore = next(action for title, action in every_action(window)
                   if title == "File › Restore from backup…")
    for answer in (make_it_smaller, too_big, lambda dialog: (
            sizes.append((dialog.width(), dialog.height())), dialog.reject())):
        watch = WindowWatch(window, {"RestoreDialog": answer})
        try:
            restore.trigger()
            watch.settle()
        finally:
            watch.stop()
        assert not watch.problems, watch.problems
    assert sizes[1] == (700, 380)  # as the volunteer left it
    room = window.screen().availableGeometry()
    assert sizes[2][0] <= room.width() and sizes[2][1] <= room.height()


def test_saving_an_empty_profile_on_first_start_asks_for_the_name(qtbot, window):
    from cars_desktop.store.profile import setup_state

    dialog = window.first_run_setup()
    save = next(button for button in dialog.findChildren(QPushButton)
                if button.text().replace("&", "") == "Save")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "name is needed" in dialog.errors["name"].text()
    assert not setup_state()  # asked again next time, not taken as done
    dialog.reject()
