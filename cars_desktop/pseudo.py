"""A make-believe language for checking the window before a translator does: every text is
accented, about 40 % longer and wrapped in ⟦…⟧, so a text left untranslated, cut short or
built from pieces shows at once. Chosen with CARS_DESKTOP_LANGUAGE=pseudo."""

from __future__ import annotations

import gettext
import re

_ACCENTS = str.maketrans("aceinouyACEINOUY", "àçéîñöûýÀÇÉÎÑÖÛÝ")
# What must stay as it is: placeholders, tags, entities, "&&" and the mnemonic's "&x".
_KEEP = re.compile(r"\{[^{}]*\}|%\([^)]*\)[sdr]|%[sdr%]|<[^>]*>|&[a-zA-Z#0-9]+;|&&|&")


def pseudo(text: str) -> str:
    if not text:
        return text
    pieces, last = [], 0
    for match in _KEEP.finditer(text):
        pieces.append(text[last:match.start()].translate(_ACCENTS))
        pieces.append(match.group())
        last = match.end()
    pieces.append(text[last:].translate(_ACCENTS))
    padding = "·" + "ẋ" * max(1, round(len(text) * 0.4) - 1)
    trailing = re.search(r"[\s:]*$", text).group()  # a label's colon stays last
    body = "".join(pieces)
    return f"⟦{body[:len(body) - len(trailing)]}{padding}⟧{trailing}"


class PseudoTranslations(gettext.NullTranslations):
    def gettext(self, message):
        return pseudo(message)

    def ngettext(self, singular, plural, n):
        return pseudo(singular if n == 1 else plural)

    def pgettext(self, context, message):
        return pseudo(message)

    def npgettext(self, context, singular, plural, n):
        return pseudo(singular if n == 1 else plural)
