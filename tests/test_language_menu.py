"""The View › Language menu: the choice is saved and the window speaks it at once, built again
over the same open data."""

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from cars_desktop import i18n
from cars_desktop.ui import translations


@pytest.fixture
def no_override(monkeypatch):
    monkeypatch.delenv("CARS_DESKTOP_LANGUAGE", raising=False)
    yield
    i18n.save_choice("system")
    translations.apply_language(QApplication.instance(), "en")


def menu_titles(window):
    return [action.text() for action in window.menuBar().actions()]


def qt_cancel_text():
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return box.button(QDialogButtonBox.StandardButton.Cancel).text()


def test_choosing_francais_rebuilds_the_window_in_french_and_back(qtbot, window, no_override):
    window.tabs.setCurrentIndex(1)
    window.language_actions["fr"].trigger()
    french = QApplication.instance().main_window
    qtbot.addWidget(french)
    assert french is not window and french.store is window.store
    assert "&Fichier" in menu_titles(french)
    assert french.tabs.tabText(0) == "&Partenaires"
    assert french.tabs.currentIndex() == 1
    assert qt_cancel_text() == "Annuler"
    assert french.language_actions["fr"].isChecked()
    assert i18n.saved_choice() == "fr"
    assert i18n._choice_file().read_text(encoding="utf-8").strip() == "fr"

    french.reload_everything()  # the new window works over the same data
    french.language_actions["en"].trigger()
    english = QApplication.instance().main_window
    qtbot.addWidget(english)
    assert "&File" in menu_titles(english)
    assert english.tabs.tabText(0) == "&Partners"
    assert qt_cancel_text() == "Cancel"
    assert i18n._choice_file().read_text(encoding="utf-8").strip() == "en"


def test_the_environment_wins_and_says_so(qtbot, window, monkeypatch, no_override):
    monkeypatch.setenv("CARS_DESKTOP_LANGUAGE", "en")
    window.language_actions["fr"].trigger()
    assert i18n._choice_file().read_text(encoding="utf-8").strip() == "fr"
    assert "&File" in menu_titles(window)  # the same window, still in English
    assert window.tabs.tabText(0) == "&Partners"
    assert "CARS_DESKTOP_LANGUAGE" in window.statusBar().currentMessage()


def test_same_as_the_system_is_offered_and_checked(no_override, window):
    assert window.language_actions["system"].isChecked()
    assert window.language_actions["en"].text() == "&English"
    assert window.language_actions["fr"].text() == "&Français"
