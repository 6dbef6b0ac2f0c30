"""Text cells that a spreadsheet must not run as a formula.

A cell that starts with =, +, -, @, a tab or a carriage return could be taken for a formula by
Excel or LibreOffice (a "CSV injection"). Such a cell is written with a leading apostrophe:
the spreadsheet then shows it as text, apostrophe included, and never runs it. So that the
rule can be undone exactly, a cell that already starts with an apostrophe gets one more:
reading removes one apostrophe, and only one."""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(text: str) -> str:
    return QUOTE + text if text.startswith((*FORMULA_STARTS, QUOTE)) else text


def restore(text: str) -> str:
    """What `neutralise` was given."""
    return text[1:] if text.startswith(QUOTE) else text
