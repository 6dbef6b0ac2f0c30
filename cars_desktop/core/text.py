"""Folding text so that searching and sorting ignore case and accents ("lefevre" finds
"Lefèvre"). SQLite's LIKE folds ASCII only, so the store keeps a folded copy to search."""

from __future__ import annotations

import re
import unicodedata

from cars_desktop.i18n import _, current_language

# Letters that Unicode does not decompose into base letter + accent.
_EXTRA = str.maketrans({"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
                        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss",
                        "’": "'", "‘": "'"})
_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, accent-free, single-spaced form of `text` for matching and sorting."""
    if not text:
        return ""
    if text.isascii():  # nothing to decompose: the same result, several times faster
        return _SPACES.sub(" ", text.casefold()).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


def sort_key(text: str | None) -> str:
    """`fold`, with numbers padded so that lists sort as people count: "Branch 82" before
    "Branch 297"."""
    return re.sub(r"\d+", lambda m: m.group().zfill(10), fold(text))


def fold_for_match(text: str | None) -> str:
    """`fold`, with punctuation treated as space: "Marie-Hélène" matches "marie helene"."""
    return _SPACES.sub(" ", re.sub(r"[^\w]+", " ", fold(text))).strip()


def clean(text: str | None) -> str:
    """What a form field should store: surrounding white space removed, never None."""
    return (text or "").strip()


def format_count(number: int | None, lang: str | None = None) -> str:
    """ "1,250" in English, "1 250" in French; by default in the window's language; "…" for a
    number not counted yet. Use it in
    `ngettext("{n} partner", "{n} partners", n).format(n=format_count(n))`."""
    if number is None:
        return "…"
    if (lang or current_language()) == "fr":
        return f"{number:,}".replace(",", "\u00a0")
    return f"{number:,}"


def listing(items: list[str]) -> str:
    """ "a, b and c" in the window's language."""
    if len(items) < 2:
        return "".join(items)
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def end_sentence(text: str) -> str:
    """`text` with a full stop, unless it ends with one already: "Saved: Acme Ltd." and not
    "Saved: Acme Ltd..". """
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."
