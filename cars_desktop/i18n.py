"""The volunteer's language for every word the program shows: one gettext catalog per language
in `resources/locale/`, used alike by the window, the command line and the messages raised in
`core/`, `store/` and `exchange/`.

Texts are translated when they are shown, never when a module is imported: a list kept at module
level holds `N_("...")` markers and the code that shows it calls `_()` on each. Letters and
reports keep the partner's or the group's own language: they use `translator(lang)`, not `_`.
"""

from __future__ import annotations

import functools
import gettext
import os
import re
import sys
from pathlib import Path

DOMAIN = "cars_desktop"
LANGUAGES = ("en", "fr")  # English is the source text: it needs no catalog
CHOICES = ("system", "en", "fr")  # what the Language menu offers
_ENV = "CARS_DESKTOP_LANGUAGE"  # overrides the saved choice: a portable install, tests
_current = "en"
_translation: gettext.NullTranslations = gettext.NullTranslations()


def locale_dir() -> Path:
    from cars_desktop.resource_files import resource_dir

    return resource_dir() / "locale"


def env_languages(environ=os.environ) -> list[str]:
    """The languages the environment asks for, best first, as gettext reads them: LANGUAGE
    (a list such as "fr_CA:fr:en") counts only when a locale is set, as in GNU gettext."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            if value in ("C", "POSIX") or value.startswith("C."):
                return ["C"]
            wanted = [part for part in environ.get("LANGUAGE", "").split(":") if part]
            return [*wanted, value]
    return [part for part in environ.get("LANGUAGE", "").split(":") if part]


def system_languages() -> list[str]:
    """The system's languages without Qt: the environment, else Windows' display language."""
    found = env_languages()
    if not found and sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes
        import locale

        code = ctypes.windll.kernel32.GetUserDefaultUILanguage()
        found = [locale.windows_locale.get(code, "")]
    return found


def base_language(tag: str) -> str:
    """"fr" for "fr_CA.UTF-8", "fr-Latn-CA" or "fr_FR@euro"."""
    return re.split(r"[-_.@]", tag.strip(), maxsplit=1)[0].lower()


def resolve(choice: str, system: list[str]) -> str:
    """The language to use: the one chosen, or for "system" the first of the system's that the
    program speaks; English when none is."""
    if choice in (*LANGUAGES, "pseudo"):
        return choice
    for tag in system:
        if tag in ("C", "POSIX"):
            return "en"
        if base_language(tag) in LANGUAGES:
            return base_language(tag)
    return "en"


def _choice_file() -> Path:
    import platformdirs

    from cars_desktop import APP_NAME

    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "language.txt"


def saved_choice() -> str:
    """The language asked for: the environment's override, else the Language menu's choice,
    else "system"."""
    wanted = os.environ.get(_ENV, "").strip()
    if wanted in (*CHOICES, "pseudo"):
        return wanted
    try:
        saved = _choice_file().read_text(encoding="utf-8").strip()
    except (OSError, UnicodeError):
        return "system"
    return saved if saved in CHOICES else "system"


def save_choice(choice: str) -> None:
    if choice not in CHOICES:
        raise ValueError(choice)
    path = _choice_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(choice + "\n", encoding="utf-8")


def start_language() -> str:
    """The language the command line starts in (the window asks Qt for the system's list)."""
    return resolve(saved_choice(), system_languages())


@functools.cache
def translator(lang: str) -> gettext.NullTranslations:
    """The catalog of `lang`; for "en" (the source) the texts as written."""
    if lang == "pseudo":
        from cars_desktop.pseudo import PseudoTranslations

        return PseudoTranslations()
    if lang not in LANGUAGES or lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, locale_dir(), [lang], fallback=True)


def set_language(lang: str) -> None:
    """Speak `lang` from now on, in every layer and in the command line's own help."""
    global _current, _translation
    _current = lang if lang in (*LANGUAGES, "pseudo") else "en"
    _translation = translator(_current)
    import argparse  # its help and errors look these names up when they are shown

    argparse._ = gettext_  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]


def current_language() -> str:
    """ "en" or "fr": the language of the window's words, numbers and dates ("pseudo", for
    tests, is written the French way)."""
    return "fr" if _current == "pseudo" else _current


def gettext_(message: str) -> str:
    return _translation.gettext(message) if message else ""


_ = gettext_


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a sentence that fits the number `n`: "1 partenaire", "2 partenaires"."""
    return _translation.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """A short word whose meaning depends on `context` ("Public" sector, "Public" note)."""
    return _translation.pgettext(context, message) if message else ""


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translation.npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - the usual gettext marker's name
    """Marks a text for translation where it is kept (a list at module level); whoever shows it
    calls `_()` on it then."""
    return message
