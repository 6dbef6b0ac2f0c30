"""Money is an integer number of cents everywhere inside; a Decimal or text only at the edges."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
_MAX_CENTS = 10**13  # a hundred billion dollars: anything above is a typing mistake


class MoneyError(ValueError):
    """Text that is not an amount of money; the message says why in plain words."""


def to_cents(amount: Decimal | int | str) -> int:
    value = Decimal(amount) if not isinstance(amount, Decimal) else amount
    return int((value * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def to_decimal(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def parse_money(text: str) -> int:
    """Cents from an amount as people type it: "50", "$1,234.56", "1 234,56 $", "50.5"."""
    raw = (text or "").strip()
    if not raw:
        raise MoneyError("Enter an amount.")
    body = raw.replace("$", "").replace("CAD", "").replace("\u00a0", " ").replace("\u202f", " ")
    body = body.strip()
    negative = body.startswith("-")
    body = body.lstrip("-").strip()
    if not re.fullmatch(r"[0-9][0-9 ,.']*", body):
        raise MoneyError(f"“{raw}” is not an amount. Type digits, for example 125.50.")
    body = body.replace(" ", "").replace("'", "")
    last_sep = max(body.rfind(","), body.rfind("."))
    if last_sep != -1 and len(body) - last_sep - 1 in (1, 2):
        whole, fraction = body[:last_sep], body[last_sep + 1:]
    else:
        whole, fraction = body, ""
    whole = whole.replace(",", "").replace(".", "")
    try:
        value = Decimal(f"{whole or '0'}.{fraction or '0'}")
    except InvalidOperation:
        raise MoneyError(f"“{raw}” is not an amount.") from None
    cents = to_cents(value)
    if negative:
        raise MoneyError("An amount cannot be negative.")
    if cents >= _MAX_CENTS:
        raise MoneyError(f"“{raw}” is too large to be right. Check the number of digits.")
    return cents


def format_money(cents: int | None, lang: str = "en") -> str:
    """"$1,234.56" in English, "1 234,56 $" in French (Canadian usage)."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    if lang == "fr":
        grouped = f"{whole:,}".replace(",", "\u00a0")
        return f"{sign}{grouped},{part:02d}\u00a0$"
    return f"{sign}${whole:,}.{part:02d}"
