"""Walking every tab, menu and window in another language, as a volunteer clicking through:

- in the make-believe language (`pseudo`: every translated text accented, ~40 % longer and
  wrapped in ⟦…⟧), any English word left outside the brackets is a text never marked for
  translation, or one translated while a module was imported; every window must still fit
  the 1366×768 screen with its buttons in view;
- in French, no text may still be a catalog's English source (a translation missing, or a
  sentence formatted before it was translated), and Qt's own buttons speak French too."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import peewee as pw
import pytest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel
from test_every_menu import TODAY, select_first_rows
from texts_shown import texts

from cars_desktop.core import counting, kinds, letter_text, vocab
from cars_desktop.documents import reports
from cars_desktop.store import models, sample
from cars_desktop.ui import translations
from helpers import every_action
from window_watch import WindowWatch, misfits

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
import translations as catalogs  # noqa: E402 - packaging/translations.py

# Names of things, the same in every language.
ALLOWED = {"english", "cars", "desktop",  # "English" names itself in the Language menu
           "csv", "pdf", "excel", "canadahelps", "paypal", "benevity", "ok",
           "xlsx", "sqlite", "cra", "arc", "url", "ctrl", "shift", "alt", "tab", "esc", "del",
           "pgdown", "pgup", "enter", "pme", "nb", "qc", "on", "mb", "ns", "pe", "ab", "bc",
           "nl", "nt", "nu", "sk", "yt", "cad", "po", "mm", "in", "a4", "us", "id", "zip"}
QT_ENGLISH = {"cancel", "save", "close", "yes", "no", "discard", "apply", "open", "look in",
              "files of type", "file name", "restore defaults", "reset", "help"}


class Listening(WindowWatch):
    """Dismisses each window as `WindowWatch` does, after writing down what it says."""

    def __init__(self, main):
        super().__init__(main)
        self.heard: list[tuple[str, str, str]] = []

    def tick(self) -> None:
        for window in self.open_windows():
            name = f"{type(window).__name__} “{window.windowTitle()}”"
            try:
                if isinstance(window, QFileDialog):  # its lists show the folder's file names
                    shown = [("file dialog", w.text()) for w in window.findChildren(QLabel)
                             + window.findChildren(QAbstractButton) if w.isVisibleTo(window)]
                else:
                    shown = texts(window)
            except Exception as err:  # noqa: BLE001 - said, and the window still dismissed
                shown = [("reading its texts failed", repr(err))]
            self.heard += [(name, where, text) for where, text in shown]
        super().tick()


def _is_quit(action) -> bool:
    return action.objectName() == "quit"


def walk(qtbot, store) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Every text of the main window (each tab) and of every window its menus open, on a
    year of sample data; and the windows that do not fit the screen."""
    from cars_desktop.ui.main_window import MainWindow

    sample.fill_sample(partners=40, contributions=300, today=TODAY)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    heard = []
    tabs = [window.tabs.widget(i) for i in range(window.tabs.count())]
    for index in range(len(tabs)):
        window.tabs.setCurrentIndex(index)
        select_first_rows(window)
        qtbot.wait(10)
        heard += [(f"main window, tab {index}", where, text) for where, text in texts(window)]
    home = {action: tab for tab in tabs if hasattr(tab, "actions_for_menu")
            for action in tab.actions_for_menu() if action is not None}
    watch = Listening(window)
    try:
        for title, action in every_action(window):
            if _is_quit(action) or action.isCheckable():  # a language or size choice
                continue
            window.tabs.setCurrentWidget(home.get(action, tabs[0]))
            select_first_rows(window)
            with qtbot.captureExceptions() as failures:
                action.trigger()
                watch.settle()
            assert not failures, f"{title} failed: {failures[0][1]!r}"
    finally:
        watch.stop()
    problems = misfits(window) + watch.problems
    window.close()
    return heard + watch.heard, problems


@pytest.fixture
def speaking(qapp):
    def speak(lang: str) -> None:
        translations.apply_language(qapp, lang)
    yield speak
    translations.apply_language(qapp, "en")


def _data_words() -> set[str]:
    """Every word the data itself holds (names, notes, practices), which no catalog
    translates, and the French words of the vocabularies, which are real French."""
    words: set[str] = set()
    for model in models.ALL_MODELS:
        fields = [f for f in model._meta.sorted_fields
                  if isinstance(f, (pw.CharField, pw.TextField))]
        if not fields:
            continue
        for row in model.select(*fields).tuples():
            for value in row:
                words.update(re.findall(r"[A-Za-z]+", value or ""))
    for module in (vocab, kinds, counting, reports):
        for vocabulary in vars(module).values():
            for term in getattr(vocabulary, "terms", ()):
                words.update(re.findall(r"[A-Za-z]+", term.fr))
    for placeholder in letter_text.PLACEHOLDERS:
        words.update(re.findall(r"[A-Za-z]+", placeholder.fr))
    for month in letter_text.MONTHS["fr"]:
        words.update(re.findall(r"[A-Za-z]+", month))
    return {word.lower() for word in words}


def _english_left(text: str, known: set[str]) -> list[str]:
    outside = re.sub(r"(?:[A-Za-z]:)?[/\\][^\s⟧·]*|\{\w+\}", " ", text)  # paths, {placeholders}
    while "⟦" in outside:  # the innermost first: a translated text may hold another
        outside, found = re.subn(r"⟦[^⟦⟧]*⟧", " ", outside)
        if not found:
            break
    return [word for word in re.findall(r"[A-Za-z]{2,}", outside)
            if word.lower() not in known and word.lower() not in ALLOWED]


def test_every_window_in_the_make_believe_language(qtbot, store, speaking):
    speaking("pseudo")
    heard, misfit = walk(qtbot, store)
    known = _data_words()
    left = sorted({f"{window} · {where}: {text!r}" for window, where, text in heard
                   if _english_left(text, known)})
    assert len(heard) > 500
    assert left == [], f"{len(left)} texts not marked for translation:\n" + "\n".join(left)
    assert misfit == [], "\n".join(misfit)


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("&", "")).strip().rstrip(":…. ").strip().lower()


def _untranslated_pattern() -> re.Pattern:
    """A text equal to an English source whose French differs: a translation not used."""
    alternatives = []
    for message in catalogs.read(catalogs.po_path("fr"), "fr"):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if {_normal(t) for t in targets} == {_normal(s) for s in sources}:
            continue  # the same in both languages ("Total", "Province")
        for source in sources:
            if len(_normal(source)) < 2:
                continue
            pieces = re.split(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[sdr]", _normal(source))
            if len(pieces) > 1 and len(re.sub(r"[^a-z]", "", "".join(pieces))) < 8:
                continue  # "{items} and {last}" would match a partner's name
            alternatives.append(".+".join(re.escape(piece) for piece in pieces))
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


def _french_texts() -> set[str]:
    """Every translation, as the walk compares them: a French word that is also an English
    one ("Province", "Date") is not a text left in English."""
    found = set()
    for message in catalogs.read(catalogs.po_path("fr"), "fr"):
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        found.update(_normal(target) for target in targets if target)
    return found


def test_every_window_in_french(qtbot, store, speaking):
    speaking("fr")
    heard, misfit = walk(qtbot, store)
    english, french = _untranslated_pattern(), _french_texts()
    left = sorted({f"{window} · {where}: {text!r}" for window, where, text in heard
                   if _normal(text) not in french
                   and (english.fullmatch(_normal(text)) or _normal(text) in QT_ENGLISH)})
    assert left == [], f"{len(left)} texts still in English:\n" + "\n".join(left)
    assert misfit == [], "\n".join(misfit)


def test_an_import_preview_speaks_french(qtbot, store, speaking, tmp_path):
    """The import window with a file read: its columns, what happens to each row, and why."""
    from PySide6.QtWidgets import QPushButton

    from cars_desktop import i18n
    from cars_desktop.ui.import_dialog import ImportDialog
    from cars_desktop.ui.main_window import MainWindow
    from helpers import choose_in_file_dialog

    speaking("fr")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    path = tmp_path / "dons.csv"
    path.write_text("Nom,Date,Montant\nCoop de Gravelbourg,2026-03-15,\"1 234,56\"\n"
                    "Sans date,,5\n", encoding="utf-8")
    wanted = i18n._("&Import from a spreadsheet…")
    next(action for _title, action in every_action(window) if action.text() == wanted).trigger()
    dialog = window.findChild(ImportDialog)
    qtbot.addWidget(dialog)
    choose_in_file_dialog(qtbot, dialog.findChild(QPushButton, "chooseImportFile"), path)
    english, french = _untranslated_pattern(), _french_texts()
    shown = texts(dialog)
    assert any(text == "la date est vide" for _where, text in shown)
    left = [(where, text) for where, text in shown if _normal(text) not in french
            and (english.fullmatch(_normal(text)) or _normal(text) in QT_ENGLISH)]
    assert left == []
    dialog.reject()
