"""Qt's side of the language: Qt's own buttons and dialogs (Annuler, Enregistrer, the file
dialog) from the translations Qt ships, and the locale that spells dates and numbers."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from cars_desktop import i18n
from cars_desktop.i18n import N_
from cars_desktop.pseudo import pseudo

# Qt's French leaves these two words of its file dialog in English: our catalog has them.
_QT_GAPS = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
}


class _QtGaps(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        if (context, source) in _QT_GAPS:
            return i18n.gettext_(source)
        return None  # an empty text would blank every Qt button instead of passing on


class _PseudoQt(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):
        if context == "QShortcut" or not source:  # "Ctrl+Z" must stay a key
            return None
        return pseudo(source)


def system_languages() -> list[str]:
    """The platform's display languages, best first (the only way on Windows and macOS)."""
    return list(QLocale.system().uiLanguages())


def start_language() -> str:
    return i18n.resolve(i18n.saved_choice(), system_languages())


def apply_language(app: QApplication, lang: str) -> None:
    """Speak `lang` in our texts and in Qt's. Windows already built keep their words: the
    caller builds them again."""
    i18n.set_language(lang)
    for old in app.findChildren(QTranslator, "cars-desktop"):
        app.removeTranslator(old)
        old.deleteLater()
    QLocale.setDefault(QLocale("fr_CA" if i18n.current_language() == "fr" else "en_CA"))
    wanted: list[QTranslator] = []
    if lang in ("fr", "pseudo"):
        qt = QTranslator(app)  # parented: a translator Python collects stops translating
        if qt.load(QLocale("fr_CA"), "qtbase", "_",
                   QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            wanted.append(qt)
        wanted.append(_QtGaps(app))
    if lang == "pseudo":
        wanted = [_PseudoQt(app)]
    for translator in wanted:
        translator.setObjectName("cars-desktop")
        app.installTranslator(translator)
