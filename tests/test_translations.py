"""The catalogs: every text marked in the code is in the template and translated, a translation
keeps its placeholders and its one keyboard letter, French counts the French way, the shipped
`.mo` is the `.po` compiled, and no text is translated while modules are imported (it would
stay in the language of the moment)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages import mofile

import cars_desktop
from cars_desktop import i18n

ROOT = Path(cars_desktop.__file__).parent
sys.path.insert(0, str(ROOT.parent / "packaging"))
import translations as catalogs  # noqa: E402

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([^)]*\)[a-z]|%[sdr]")


def _mnemonics(text: str) -> int:
    return len(re.findall(r"&(?!&)[^\s&;]", text.replace("&&", "")))


def _pairs(lang: str):
    """(msgid, msgstr) for every form of every message of `lang`'s catalog."""
    for message in catalogs.read(catalogs.po_path(lang), lang):
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            for index, string in enumerate(message.string):
                yield message.id[min(index, 1)], string
        else:
            yield message.id, message.string


def test_the_template_holds_every_marked_text():
    in_code = {(m.context, m.id) for m in catalogs.extract() if m.id}
    in_file = {(m.context, m.id) for m in catalogs.read(catalogs.TEMPLATE) if m.id}
    assert in_code - in_file == set(), "run: python packaging/translations.py update"
    assert in_file - in_code == set(), "run: python packaging/translations.py update"


@pytest.mark.parametrize("lang", catalogs.LANGUAGES)
def test_every_text_is_translated(lang):
    assert catalogs.missing(lang) == []


@pytest.mark.parametrize("lang", catalogs.LANGUAGES)
def test_a_translation_keeps_placeholders_and_one_keyboard_letter(lang):
    wrong = []
    for source, translated in _pairs(lang):
        if not translated:
            continue
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translated)):
            wrong.append((source, translated, "placeholders"))
        if _mnemonics(source) != _mnemonics(translated):
            wrong.append((source, translated, "keyboard letter (&)"))
    assert wrong == []


def test_french_counts_zero_and_one_alike():
    catalog = catalogs.read(catalogs.po_path("fr"), "fr")
    assert dict(catalog.mime_headers)["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


@pytest.mark.parametrize("lang", catalogs.LANGUAGES)
def test_the_shipped_catalog_is_the_po_compiled(lang):
    path = catalogs.po_path(lang).with_suffix(".mo")
    with path.open("rb") as handle:
        shipped = {_key(m.id): _key(m.string) for m in mofile.read_mo(handle)
                   if m.id and _done(m.string)}
    expected = {_key(m.id): _key(m.string) for m in catalogs.read(catalogs.po_path(lang), lang)
                if m.id and not m.fuzzy and _done(m.string)}
    assert shipped == expected, "run: python packaging/translations.py update"


def _done(string) -> bool:
    return all(string) if isinstance(string, (list, tuple)) else bool(string)


def _key(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _calls(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            yield node


def test_texts_are_marked_as_whole_literal_sentences():
    """`_(f"…")` or `_(name)` cannot be found by the extractor: the text would stay English.
    Showing a kept marker (`_(KIND.title)`) is the one exception, written `_(` + attribute."""
    wrong = []
    for path in ROOT.rglob("*.py"):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if call.func.id in ("N_", "ngettext") and call.args:
                if not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                           for a in call.args[:2 if call.func.id == "ngettext" else 1]):
                    wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}")
            if call.func.id == "_" and call.args and isinstance(call.args[0], ast.JoinedStr):
                wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert wrong == []


def test_no_variable_hides_the_translation_function():
    """`path, _ = dialog(...)` makes `_` a local name in the whole function: every `_("…")`
    in it then fails."""
    wrong = []
    for path in ROOT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if path.name == "i18n.py":  # where `_` is defined
                continue
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.arg) and node.arg == "_":
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert wrong == []


def test_importing_the_program_translates_nothing():
    code = """
import pkgutil, importlib, cars_desktop
from cars_desktop import i18n
class Refuse:
    def __getattr__(self, name):
        def refuse(*args):
            raise AssertionError(f"translated while importing: {args!r}")
        return refuse
i18n._translation = Refuse()
for info in pkgutil.walk_packages(cars_desktop.__path__, "cars_desktop."):
    if info.name.endswith("__main__"):
        continue
    importlib.import_module(info.name)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


@pytest.mark.parametrize("environment, expected", [
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "en_CA.UTF-8", "LANGUAGE": "fr_CA:fr:en"}, "fr"),
    ({"LANGUAGE": "de:fr"}, "fr"),
    ({"LANG": "C"}, "en"),
    ({"LC_ALL": "C", "LANG": "fr_CA.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_system_language_is_read_as_gettext_reads_it(environment, expected):
    assert i18n.resolve("system", i18n.env_languages(environment)) == expected


def test_a_chosen_language_wins_over_the_system():
    assert i18n.resolve("fr", ["en-CA"]) == "fr"
    assert i18n.resolve("en", ["fr-CA"]) == "en"


def test_french_counts_and_translates(monkeypatch):
    try:
        i18n.set_language("fr")
        assert i18n._("Files of &type:") == "Fichiers de &type :"
        assert i18n._("") == ""
        assert i18n.current_language() == "fr"
    finally:
        i18n.set_language("en")
    assert i18n._("Files of &type:") == "Files of &type:"
