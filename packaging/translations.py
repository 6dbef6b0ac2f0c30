"""Keeping the translations: `python packaging/translations.py update` finds every text marked
for translation (`_()`, `ngettext()`, `pgettext()`, `N_()`), writes the template
`resources/locale/cars_desktop.pot`, brings each language's `.po` up to date and compiles the
`.mo` files the program reads. A translator then fills the `.po` and runs it again.
`check` says what is left to translate. Needs Babel (installed with the test extras)."""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

from babel.messages import pofile
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
TEMPLATE = LOCALE / "cars_desktop.pot"
LANGUAGES = ("fr",)
KEYWORDS = {"_": None, "gettext_": None, "N_": None, "ngettext": (1, 2),
            "pgettext": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3)}
# French counts "0 partenaire" and "1 partenaire" alike (the usual gettext rule, not CLDR's).
PLURAL_FORMS = "nplurals=2; plural=(n > 1);"
_STAMP = datetime.datetime(2026, 11, 28, tzinfo=datetime.UTC)  # no churn in diffs


def _version() -> str:
    text = (ROOT / "cars_desktop" / "__init__.py").read_text(encoding="utf-8")
    return text.split('__version__ = "', 1)[1].split('"', 1)[0]


def extract() -> Catalog:
    catalog = Catalog(project="CARS Desktop", version=_version(), msgid_bugs_address="",
                      creation_date=_STAMP, revision_date=_STAMP, fuzzy=False,
                      header_comment="# The texts of CARS Desktop to translate.")
    found = extract_from_dir(str(ROOT / "cars_desktop"), method_map=[("**.py", "python")],
                             keywords=KEYWORDS, comment_tags=("Translators:",),
                             strip_comment_tags=True)
    for filename, lineno, message, comments, context in found:
        where = f"cars_desktop/{Path(filename).as_posix()}"
        catalog.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return catalog


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "cars_desktop.po"


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return pofile.read_po(handle, locale=lang)


def write_po(catalog: Catalog, path: Path, **options) -> None:
    buffer = io.BytesIO()
    pofile.write_po(buffer, catalog, width=100, sort_by_file=True, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


def compiled(lang: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(po_path(lang), lang))
    return buffer.getvalue()


def update() -> None:
    template = extract()
    write_po(template, TEMPLATE, omit_header=False, include_lineno=False)
    for lang in LANGUAGES:
        path = po_path(lang)
        catalog = read(path, lang) if path.exists() else Catalog(
            locale=lang, project="CARS Desktop", fuzzy=False, creation_date=_STAMP,
            header_comment=f"# The texts of CARS Desktop in {lang}.")
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        catalog.version, catalog.revision_date = template.version, _STAMP
        catalog.plural_forms  # noqa: B018 - read once so that Babel fills its default
        header = [(k, v) for k, v in catalog.mime_headers if k != "Plural-Forms"]
        catalog.mime_headers = [*header, ("Plural-Forms", PLURAL_FORMS)]
        catalog._num_plurals, catalog._plural_expr = 2, "(n > 1)"
        write_po(catalog, path, include_lineno=False)
        (path.with_suffix(".mo")).write_bytes(compiled(lang))


def missing(lang: str) -> list[str]:
    catalog = read(po_path(lang), lang)
    left = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            left.append(message.id if isinstance(message.id, str) else message.id[0])
    return left


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["check"]:
        for lang in LANGUAGES:
            left = missing(lang)
            print(f"{lang}: {len(left)} left to translate")
            for text in left:
                print("   ", text)
        return 0
    print(__doc__)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
