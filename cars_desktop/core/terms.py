"""A term of the field: a stable code (stored) with English and French labels (shown), and a
vocabulary of them. Apart from `vocab` so that `kinds` can declare its terms too."""

from __future__ import annotations

from dataclasses import dataclass

from cars_desktop.i18n import _, current_language


@dataclass(frozen=True)
class Term:
    code: str
    en: str
    fr: str
    hint_en: str = ""

    def label(self, lang: str | None = None) -> str:
        """In `lang`, by default the window's (a letter or report passes its own)."""
        return self.fr if (lang or current_language()) == "fr" else self.en

    def hint(self) -> str:
        """The hint shown beside a choice, in the window's language."""
        return _(self.hint_en)


class Vocabulary:
    def __init__(self, *terms: Term):
        self.terms = terms
        self._by_code = {t.code: t for t in terms}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self.terms)

    def codes(self) -> list[str]:
        return [t.code for t in self.terms]

    def label(self, code: str | None, lang: str | None = None) -> str:
        term = self._by_code.get(code or "")
        return term.label(lang) if term else (code or "")

    def term(self, code: str) -> Term:
        return self._by_code[code]
