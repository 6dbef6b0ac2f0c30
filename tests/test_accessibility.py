"""A screen-reader or keyboard-only volunteer can use every window: the main window in each tab
and every window its menus open (tests/accessibility_kit.py says what is checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import accessibility_kit as kit
import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from window_watch import WindowWatch

# Walking every window builds wrappers for thousands of widgets; in a process that already ran
# other window tests, PySide 6.11 then crashes inside Qt. The walk runs in a process of its own.
ALONE = "CARS_TEST_ALONE"


def test_the_kit_finds_what_it_looks_for(qtbot):
    """The checks are not empty: a nameless field, a shared Alt+letter and a hidden focus."""
    box = QWidget()
    qtbot.addWidget(box)
    QLineEdit(box)
    QPushButton("&Save", box)
    QPushButton("&Send", box)
    box.setStyleSheet("QLineEdit:focus { outline: none; }")
    box.show()
    found = kit.problems(box)
    assert any("no accessible name" in p for p in found)
    assert any("Alt+S" in p for p in found)
    assert any("hides the focus" in p for p in found)
    named = QWidget()
    qtbot.addWidget(named)
    field = QLineEdit(named)
    field.setAccessibleName("Town")
    QPushButton("&Save", named)
    named.show()
    assert kit.problems(named) == []


def test_the_main_window_in_each_tab(qtbot, window):
    problems = []
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        problems += kit.unnamed(window) + kit.unreachable(window) + kit.focus_hidden(window)
    problems += kit.unnamed_views(window)
    for top in window.menuBar().actions():
        top.menu().aboutToShow.emit()  # opened, as a volunteer opens it
        problems += kit.shared_menu_mnemonics(top.menu(), top.text().replace("&", ""))
    kit.forget_walked()
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_window_the_menus_open_in_a_process_of_its_own(lang):
    """In French too: the Alt+letters are the translator's, and must not clash either."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", __file__, "-k",
         "test_every_window_the_menus_open and not own"],
        cwd=Path(__file__).parent.parent, env={**os.environ, ALONE: lang},
        capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


@pytest.mark.skipif(os.environ.get(ALONE) not in ("en", "fr"), reason="run by the test above")
def test_every_window_the_menus_open(qtbot, qapp, store):
    from test_every_menu import trigger_all

    from cars_desktop.ui import translations
    from cars_desktop.ui.main_window import MainWindow

    translations.apply_language(qapp, os.environ[ALONE])
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()

    class Watch(WindowWatch):
        def tick(self) -> None:
            for shown in self.open_windows():
                if type(shown).__name__ not in ("QFileDialog", "QMessageBox"):
                    self.problems += kit.problems(shown)
            super().tick()

    watch = Watch(window)
    try:
        tried = trigger_all(qtbot, window, watch, skip=("File › Quit", "Fichier › Quitter"))
    finally:
        watch.stop()
        translations.apply_language(qapp, "en")
        window.close()
        qtbot.wait(50)
        kit.forget_walked()
    assert len(tried) >= 30 and len(watch.seen) >= 5
    assert not watch.problems, "\n".join(dict.fromkeys(watch.problems))
