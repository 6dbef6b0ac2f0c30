"""Checking what a volunteer typed. Each check returns the cleaned value or raises `FieldError`
with a plain-language message that the form shows next to the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from cars_desktop.core import vocab
from cars_desktop.core.text import clean


class FieldError(ValueError):
    """A value that cannot be saved; `str(err)` is the message for the volunteer."""


class ValidationError(ValueError):
    """Several fields are wrong; `errors` maps each field name to its message."""

    def __init__(self, errors: Mapping[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


NAME_MAX = 200
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_POSTAL = re.compile(r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d")
_EXTENSION = re.compile(r"\s*(?:ext\.?|x|poste|p\.)\s*(\d{1,6})\s*$", re.IGNORECASE)

# First letter of a postal code for each province or territory.
POSTAL_LETTERS = {
    "NL": "A", "NS": "B", "PE": "C", "NB": "E", "QC": "GHJ", "ON": "KLMNP", "MB": "R",
    "SK": "S", "AB": "T", "BC": "V", "NT": "X", "NU": "X", "YT": "Y",
}


def required_name(value: str | None) -> str:
    name = clean(value)
    if not name:
        raise FieldError("A name is needed.")
    if len(name) > NAME_MAX:
        raise FieldError(f"That name is too long ({len(name)} characters; {NAME_MAX} at most).")
    return name


def email(value: str | None) -> str:
    text = clean(value)
    if text and (not _EMAIL.fullmatch(text) or ".." in text):
        raise FieldError("This email address looks incomplete. "
                         "It should look like name@example.ca.")
    return text


def phone(value: str | None) -> str:
    """A Canadian or US number written (506) 555-0123, with an extension if given; a number
    starting with + is kept as typed for partners abroad."""
    text = clean(value)
    if not text:
        return ""
    extension = ""
    match = _EXTENSION.search(text)
    if match:
        extension, text = match.group(1), text[: match.start()]
    if re.search(r"[^\d\s().+\-/]", text):
        raise FieldError("A phone number has only digits, spaces and ( ) - +. "
                         "For example 506 555-0123, ext. 12.")
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+") and not digits.startswith("1"):
        if not 8 <= len(digits) <= 15:
            raise FieldError("An international number has 8 to 15 digits after the +.")
        number = "+" + digits
    else:
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        if len(digits) != 10:
            raise FieldError("Enter the 10 digits of the number with its area code, "
                             "for example 506 555-0123.")
        number = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return f"{number} ext. {extension}" if extension else number


def postal_code(value: str | None, province: str | None = None) -> str:
    """A Canadian postal code written A1A 1A1, checked against the province when known."""
    text = re.sub(r"[\s-]", "", clean(value)).upper()
    if not text:
        return ""
    if not _POSTAL.fullmatch(text):
        raise FieldError("A Canadian postal code looks like A1A 1A1 (letter, digit, letter, "
                         "digit, letter, digit).")
    letters = POSTAL_LETTERS.get(province or "")
    if letters and text[0] not in letters:
        place = vocab.PROVINCES.label(province)
        starts = letters if len(letters) == 1 else ", ".join(letters[:-1]) + " or " + letters[-1]
        raise FieldError(f"Postal codes in {place} start with {starts}. "
                         "Check the code or the province.")
    return f"{text[:3]} {text[3:]}"


def website(value: str | None) -> str:
    text = clean(value)
    if text and (" " in text or "." not in text):
        raise FieldError("A website looks like example.ca or https://example.ca.")
    return text


def choice(vocabulary: vocab.Vocabulary, what: str) -> Callable[[str | None], str]:
    def check(value: str | None) -> str:
        if value not in vocabulary:
            raise FieldError(f"Choose a {what}.")
        return value  # type: ignore[return-value]
    return check


def optional_choice(vocabulary: vocab.Vocabulary, what: str) -> Callable[[str | None], str]:
    def check(value: str | None) -> str:
        if value and value not in vocabulary:
            raise FieldError(f"“{value}” is not a known {what}.")
        return value or ""
    return check


def past_date(value: dt.date | None) -> dt.date | None:
    if value is not None and value > dt.date.today():
        raise FieldError("This date is in the future.")
    return value


def _check_all(values: Mapping[str, Any], checks: Mapping[str, Callable[[Any], Any]]) -> dict:
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field, check in checks.items():
        try:
            cleaned[field] = check(values.get(field))
        except FieldError as err:
            errors[field] = str(err)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _text(value: str | None) -> str:
    return clean(value)


def validate_partner(values: Mapping[str, Any]) -> dict[str, Any]:
    """The partner fields ready to store, or `ValidationError` naming every wrong field."""
    checks: dict[str, Callable[[Any], Any]] = {
        "kind": choice(vocab.PARTNER_KINDS, "partner kind"),
        "name": required_name,
        "sector": choice(vocab.SECTORS, "sector"),
        "partnership_type": choice(vocab.PARTNERSHIP_TYPES, "partnership type"),
        "status": choice(vocab.PARTNER_STATUSES, "status"),
        "language": choice(vocab.LANGUAGES, "language"),
        "shared_goal": _text, "strengths": _text, "notes": _text,
        "address_line1": _text, "address_line2": _text, "city": _text,
        "province": optional_choice(vocab.PROVINCES, "province or territory"),
        "country": lambda v: clean(v) or "Canada",
        "phone": phone, "email": email, "website": website,
        "partner_since": past_date,
    }
    errors: dict[str, str] = {}
    try:
        cleaned = _check_all(values, checks)
    except ValidationError as err:
        errors, cleaned = err.errors, {}
    if "province" not in errors:
        try:
            code = values.get("postal_code")
            in_canada = clean(values.get("country")) in ("", "Canada")
            postal = postal_code(code, values.get("province")) if in_canada else clean(code)
            cleaned["postal_code"] = postal
        except FieldError as err:
            errors["postal_code"] = str(err)
    if errors:
        raise ValidationError(errors)
    return cleaned


def validate_contact(values: Mapping[str, Any]) -> dict[str, Any]:
    """One contact person's fields ready to store, or `ValidationError`."""
    return _check_all(values, {
        "name": required_name, "role": _text, "salutation": _text,
        "phone": phone, "email": email,
        "is_primary": bool,
    })
