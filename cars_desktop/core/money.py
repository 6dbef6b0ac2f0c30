"""Money is an integer number of cents everywhere inside; a Decimal or text only at the edges."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from cars_desktop.i18n import _, current_language

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
    """Cents from an amount as people type it in Canada: "50", "$1,234.56", "1 234,56 $",
    "50.5". Refuses, with the reason, what is negative, too large, or could be read two ways
    ("1.234": one dollar and some, or a thousand?)."""
    raw = (text or "").strip()
    if not raw:
        raise MoneyError(_("Enter an amount."))
    body = re.sub(r"(?i)ca?\$|cad|\$", "", raw).replace("\u00a0", " ").replace("\u202f", " ")
    body = body.strip()
    if body.startswith(("-", "(")) or body.endswith("-"):
        raise MoneyError(_("An amount cannot be negative."))
    if not re.fullmatch(r"[0-9][0-9 ,.']*", body):
        raise MoneyError(
            _("“{raw}” is not an amount. Type digits, for example 125.50.").format(raw=raw)
        )
    spaced = body.split()
    if any(not re.match(r"\d{3}(?!\d)", part) for part in spaced[1:]):
        raise MoneyError(_("“{raw}” has its digits grouped oddly. Type it as 1234.56 or 1 "
                           "234,56.").format(raw=raw))
    body = body.replace(" ", "").replace("'", "")
    whole, fraction = _split_decimals(body, raw)
    groups = re.split(r"[,.]", whole)
    if len(groups) > 1 and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:])):
        raise MoneyError(_("“{raw}” has its digits grouped oddly. Type it as 1234.56 or "
                           "1,234.56.").format(raw=raw))
    cents = int("".join(groups)) * 100 + int((fraction + "00")[:2])
    if cents >= _MAX_CENTS:
        raise MoneyError(
            _("“{raw}” is too large to be right. Check the number of digits.").format(raw=raw)
        )
    return cents


def _split_decimals(body: str, raw: str) -> tuple[str, str]:
    """The whole dollars and the cents' digits: the last separator marks cents when one or two
    digits follow it; "," and "." can each serve either purpose, as they do in Canada."""
    last = max(body.rfind(","), body.rfind("."))
    if last == -1:
        return body, ""
    mark, tail, head = body[last], body[last + 1:], body[:last]
    other = "." if mark == "," else ","
    if len(tail) in (1, 2):
        if mark in head:
            raise MoneyError(
                _("“{raw}” has “{mark}” twice before the cents.").format(raw=raw, mark=mark)
            )
        return head, tail
    if len(tail) == 3 and mark == "." and other not in head and "." not in head:
        raise MoneyError(_("“{raw}” could be read two ways. Type 1234 for a thousand and "
                           "more, or 1.23 for one dollar and cents.").format(raw=raw))
    if len(tail) == 3:
        return body, ""
    raise MoneyError(
        _("“{raw}” is not an amount: cents have two digits, for example 12.50.").format(raw=raw)
    )


def format_amount(cents: int, lang: str | None = None) -> str:
    """An amount in another currency, without a sign of its own: "1,234.56" in English,
    "1 234,56" in French (the currency's code is written beside it)."""
    lang = lang or current_language()
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(int(cents)), 100)
    if lang == "fr":
        return f"{sign}{whole:,}".replace(",", "\u00a0") + f",{part:02d}"
    return f"{sign}{whole:,}.{part:02d}"


def format_money(cents: int | None, lang: str | None = None) -> str:
    """"$1,234.56" in English, "1 234,56 $" in French (Canadian usage); by default in the
    window's language (a letter passes its partner's)."""
    if cents is None:
        return ""
    lang = lang or current_language()
    if lang == "fr":
        return f"{format_amount(cents, lang)}\u00a0$"
    return f"{'-' if cents < 0 else ''}${format_amount(abs(int(cents)), lang)}"
