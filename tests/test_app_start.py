"""Starting the window when the data cannot be opened: a plain message, nothing changed."""

import sqlite3

from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from cars_desktop.store import database, profile
from cars_desktop.ui.app import open_window
from helpers import answer_message_boxes


def test_starts_on_the_chosen_folder_and_makes_the_daily_backup(qtbot, data_dir):
    opened = open_window(str(data_dir))
    assert opened is not None
    app, window = opened
    qtbot.addWidget(window)
    try:
        assert window.isVisible() and window.store.data_dir == data_dir
        window.after_start()
        window.wait_for_backup()
        assert len(list(window.store.backup_dir.glob("cars-desktop-automatic-*.sqlite3"))) == 1
        assert window.backup_label.text().startswith("Last backup:")
        # a new group is asked for its profile once; "Finish later" does not ask again
        setup = window.findChild(QDialog)
        assert setup is not None and setup.isVisible()
        assert setup.windowTitle() == "Welcome to CARS Desktop"
        setup.findChild(QPushButton, "finishLater").click()
        assert not setup.isVisible()
        assert profile.setup_state() == "later"
    finally:
        window.store.close()


def test_a_folder_in_use_is_explained(qtbot, store):
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    assert open_window(str(store.data_dir)) is None
    assert "already open" in seen[0]


def test_a_foreign_file_is_explained_and_left_alone(qtbot, data_dir):
    data_dir.mkdir()
    path = data_dir / database.DB_FILENAME
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE t (x)")
    other.close()
    before = path.read_bytes()
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    assert open_window(str(data_dir)) is None
    assert "not a CARS Desktop data file" in seen[0]
    assert path.read_bytes() == before
