"""View › Language: English, Français, or the system's. The choice is saved for this laptop,
and the window is built again at once in that language, over the same open data, in the same
place and on the same tab (simpler and surer than renaming every widget in place)."""

from __future__ import annotations

import os

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

from cars_desktop import i18n
from cars_desktop.i18n import _
from cars_desktop.ui import translations
from cars_desktop.ui.window_state import save_layout


def add_language_menu(menu: QMenu, window) -> QMenu:
    languages = menu.addMenu(_("&Language"))
    group = QActionGroup(window)
    chosen = i18n.saved_choice()
    window.language_actions = {}
    # "English" and "Français" are always written in their own language
    for choice, text in (("en", "&English"), ("fr", "&Français"),
                         ("system", _("&Same as the system"))):
        action = QAction(text, window)
        action.setCheckable(True)
        action.setChecked(choice == chosen)
        action.setObjectName(f"language-{choice}")
        action.triggered.connect(lambda _checked=False, choice=choice:
                                 choose_language(window, choice))
        group.addAction(action)
        languages.addAction(action)
        window.language_actions[choice] = action
    return languages


def choose_language(window, choice: str):
    """Save the choice and build the window again in that language; the new window."""
    i18n.save_choice(choice)
    if os.environ.get("CARS_DESKTOP_LANGUAGE", "").strip():
        window.statusBar().showMessage(
            _("Your choice is saved, but the CARS_DESKTOP_LANGUAGE setting of this computer "
              "chooses the language while it is set."), 15_000)
        return window
    app = QApplication.instance()
    lang = translations.start_language()
    if lang == i18n.current_language():
        return window
    translations.apply_language(app, lang)
    window.wait_for_backup()
    save_layout(window, window.settings)
    new = type(window)(window.store)
    new.setGeometry(window.geometry())
    new.tabs.setCurrentIndex(window.tabs.currentIndex())
    if window.isMaximized():
        new.showMaximized()
    elif window.isVisible():
        new.show()
    app.main_window = new  # the window lives on after this one is deleted
    window.replaced = True
    window.close()
    window.deleteLater()
    return new
