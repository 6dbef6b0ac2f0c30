"""Checking what a volunteer typed. Each check returns the cleaned value or raises `FieldError`
with a plain-language message that the form shows next to the field."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Any

from cars_desktop.core import names, vocab
from cars_desktop.core.kinds import kind_of, of_family
from cars_desktop.core.text import clean
from cars_desktop.i18n import N_, _


class FieldError(ValueError):
    """A value that cannot be saved; `str(err)` is the message for the volunteer."""


class ValidationError(ValueError):
    """Several fields are wrong; `errors` maps each field name to its message."""

    def __init__(self, errors: Mapping[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = dict(errors)


NAME_MAX = 200
LINE_MAX = 250  # a line of text: an address, a role, a gift's purpose (reports lay it out)
NOTES_MAX = 4000  # notes, a shared goal, strengths: a page of text
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
        raise FieldError(_("A name is needed."))
    if len(name) > NAME_MAX:
        raise FieldError(
            _("That name is too long ({len} characters; {name_max} at most).").format(
                len=len(name), name_max=NAME_MAX
            )
        )
    return name


def email(value: str | None) -> str:
    text = clean(value)
    if text and (not _EMAIL.fullmatch(text) or ".." in text):
        raise FieldError(_("This email address looks incomplete. "
                         "It should look like name@example.ca."))
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
        raise FieldError(_("A phone number has only digits, spaces and ( ) - +. "
                         "For example 506 555-0123, ext. 12."))
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+") and not digits.startswith("1"):
        if not 8 <= len(digits) <= 15:
            raise FieldError(_("An international number has 8 to 15 digits after the +."))
        number = "+" + digits
    else:
        if len(digits) == 11 and digits.startswith("1"):
            digits = digits[1:]
        if len(digits) != 10:
            raise FieldError(_("Enter the 10 digits of the number with its area code, "
                             "for example 506 555-0123."))
        number = f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return f"{number} ext. {extension}" if extension else number


def postal_code(value: str | None, province: str | None = None) -> str:
    """A Canadian postal code written A1A 1A1, checked against the province when known."""
    text = re.sub(r"[\s-]", "", clean(value)).upper()
    if not text:
        return ""
    if not _POSTAL.fullmatch(text):
        raise FieldError(_("A Canadian postal code looks like A1A 1A1 (letter, digit, letter, "
                         "digit, letter, digit)."))
    letters = POSTAL_LETTERS.get(province or "")
    if letters and text[0] not in letters:
        place = vocab.PROVINCES.label(province)
        starts = letters if len(letters) == 1 else ", ".join(letters[:-1]) + " or " + letters[-1]
        raise FieldError(_("Postal codes in {place} start with {starts}. Check the code or "
                           "the province.").format(place=place, starts=starts))
    return f"{text[:3]} {text[3:]}"


def website(value: str | None) -> str:
    text = clean(value)
    if text and (" " in text or "." not in text):
        raise FieldError(_("A website looks like example.ca or https://example.ca."))
    return text


def choice(vocabulary: vocab.Vocabulary, what: str) -> Callable[[str | None], str]:
    def check(value: str | None) -> str:
        if value not in vocabulary:
            raise FieldError(_("Choose a {what}.").format(what=what))
        return value  # type: ignore[return-value]
    return check


def optional_choice(vocabulary: vocab.Vocabulary, what: str) -> Callable[[str | None], str]:
    def check(value: str | None) -> str:
        if value and value not in vocabulary:
            raise FieldError(_("“{value}” is not a known {what}.").format(value=value, what=what))
        return value or ""
    return check


def past_date(value: dt.date | None) -> dt.date | None:
    if value is not None and value > dt.date.today():
        raise FieldError(_("This date is in the future."))
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


def _text(value: str | None, most: int = LINE_MAX) -> str:
    text = clean(value)
    if len(text) > most:
        raise FieldError(_("This is too long ({len} characters; {most} at most).").format(
            len=len(text), most=most))
    return text


def _notes(value: str | None) -> str:
    return _text(value, NOTES_MAX)


def validate_partner(values: Mapping[str, Any]) -> dict[str, Any]:
    """The partner fields ready to store, or `ValidationError` naming every wrong field."""
    values = names.with_person_name(values)
    checks: dict[str, Callable[[Any], Any]] = {
        "kind": choice(vocab.PARTNER_KINDS, _("partner kind")),
        "name": required_name,
        "first_name": lambda v: _text(v, NAME_MAX), "last_name": lambda v: _text(v, NAME_MAX),
        "sector": choice(vocab.SECTORS, "sector"),
        "partnership_type": choice(vocab.PARTNERSHIP_TYPES, _("partnership type")),
        "status": choice(vocab.PARTNER_STATUSES, "status"),
        "language": choice(vocab.LANGUAGES, "language"),
        "shared_goal": _notes, "strengths": _notes, "notes": _notes,
        "address_line1": _text, "address_line2": _text, "city": _text,
        "province": optional_choice(vocab.PROVINCES, _("province or territory")),
        "country": lambda v: clean(v) or _("Canada"),
        "phone": phone, "email": email, "website": website,
        "partner_since": past_date,
        # a partner recorded before the choice existed is thanked by name
        "recognition": lambda v: choice(vocab.RECOGNITIONS, _("way to be thanked"))(
            v or "name"),
        "recognition_wording": _text,
    }
    errors: dict[str, str] = {}
    try:
        cleaned = _check_all(values, checks)
    except ValidationError as err:
        errors, cleaned = err.errors, {}
    names.person_name_problems(values, errors)
    if "recognition" not in errors and "recognition_wording" not in errors:
        _recognition_wording(values, cleaned, errors)
    if "province" not in errors:
        try:
            code = values.get("postal_code")
            in_canada = clean(values.get("country")) in ("", _("Canada"))
            postal = postal_code(code, values.get("province")) if in_canada else clean(code)
            cleaned["postal_code"] = postal
        except FieldError as err:
            errors["postal_code"] = str(err)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _recognition_wording(values: Mapping[str, Any], cleaned: dict, errors: dict) -> None:
    """The wording is needed when it is what gets printed, and kept only then: a wording
    left from an earlier choice is not printed by mistake later."""
    if values.get("recognition") != "wording":
        cleaned["recognition_wording"] = ""
    elif not clean(values.get("recognition_wording")):
        errors["recognition_wording"] = _(
            "Write the words to print, for example “The Leblanc family”.")


def validate_contact(values: Mapping[str, Any]) -> dict[str, Any]:
    """One contact person's fields ready to store, or `ValidationError`."""
    return _check_all(values, {
        "name": required_name, "role": _text, "salutation": _text,
        "phone": phone, "email": email,
        "is_primary": bool,
    })


def hours_to_minutes(value: str | None) -> int:
    """Minutes from hours as people write them: "3", "2.5", "2,5", "1:30", "90 min"."""
    text = clean(value).lower().replace(",", ".")
    if not text:
        return 0
    match = re.fullmatch(r"(\d{1,5})\s*:\s*([0-5]\d)", text)
    if match:
        return int(match[1]) * 60 + int(match[2])
    match = re.fullmatch(r"(\d{1,6})\s*min(utes)?", text)
    if match:
        return int(match[1])
    match = re.fullmatch(r"(\d{1,5}(?:\.\d{1,2})?)\s*(h|hrs?|hours?|heures?)?", text)
    if not match:
        raise FieldError(_("Write the hours as a number, for example 3, 2.5 or 1:30."))
    return round(float(match[1]) * 60)


def _money(value: Any, *, required: bool, what: str = N_("an amount")) -> int:
    from cars_desktop.core.money import MoneyError, parse_money

    if isinstance(value, int):
        cents = value
    elif not clean(value):
        if required:
            raise FieldError(_("Enter {what}.").format(what=what))
        return 0
    else:
        try:
            cents = parse_money(value)
        except MoneyError as err:
            raise FieldError(str(err)) from None
    if cents < 0:
        raise FieldError(_("An amount cannot be negative."))
    return cents


def _details(family: str, kind: str, status: str) -> dict[str, bool]:
    in_kind, received = family == "in_kind", status == "received"
    traits = kind_of(kind)
    return {"date_expected": status == "pledged", "pledge_id": received,
            "payment_method": not in_kind and received, "reference": not in_kind,
            "minutes": in_kind and traits.is_time, "valued_by": in_kind,
            "description": in_kind, "appraised": in_kind and traits.can_be_appraised,
            "credited_partner_id": traits.credits_partner}


def contribution_fields(family: str, kind: str, status: str) -> set[str]:
    """Which of the fields that only some contributions have (`CONTRIBUTION_DETAILS`) apply
    to this family, kind and status: the form shows these, and only these are kept."""
    return {field for field, yes in _details(family, kind, status).items() if yes}


CONTRIBUTION_DETAILS = tuple(_details("cash", "", ""))
# The most of them any one contribution has: the room a form keeps for them.
MOST_CONTRIBUTION_DETAILS = max(
    len(contribution_fields(family, kind.code, status.code))
    for family, kinds in (("cash", vocab.CASH_KINDS), ("in_kind", vocab.IN_KIND_KINDS))
    for kind in kinds for status in vocab.CONTRIBUTION_STATUSES)


def validate_contribution(values: Mapping[str, Any], today: dt.date | None = None
                          ) -> dict[str, Any]:
    """A contribution's fields ready to store, or `ValidationError` naming every wrong field.
    Amounts may be given as typed text or as cents; fields that do not apply to the family,
    kind or status are emptied, so nothing stale is kept."""
    today = today or dt.date.today()
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}

    def check(field: str, rule: Callable[[], Any]) -> None:
        try:
            cleaned[field] = rule()
        except FieldError as err:
            errors[field] = str(err)

    family, kind, status = values.get("family"), values.get("kind"), values.get("status")
    kinds = of_family(family)
    check("partner_id", lambda: _required_id(values.get("partner_id"),
                                             _("Choose the partner who gave it.")))
    check("family", lambda: choice(vocab.CONTRIBUTION_FAMILIES, _("cash or gift in kind"))(family))
    check("kind", lambda: choice(kinds, _("kind of contribution"))(kind))
    check("status", lambda: choice(vocab.CONTRIBUTION_STATUSES, "status")(status))
    in_kind = family == "in_kind"
    applies = contribution_fields(family, kind, status)
    what = _("its estimated value") if in_kind else _("the amount")
    pledged = status == "pledged"
    check("amount_cents", lambda: _money(values.get("amount"), required=not in_kind or pledged,
                                         what=what))
    if cleaned.get("amount_cents") == 0 and (pledged or not in_kind) and \
            "amount_cents" not in errors:
        errors["amount_cents"] = (
            _("A pledge needs its value, so that what is still to come can be followed.")
            if pledged else _("A cash contribution needs an amount above zero."))
    check("date", lambda: _date_not_future(values.get("date"), today, pledged))
    if "date_expected" in applies:
        check("date_expected", lambda: _expected(values.get("date_expected"),
                                                 values.get("date")))
    else:
        cleaned["date_expected"] = None
    # only what the form shows for this family and kind is kept
    check("minutes", lambda: hours_to_minutes(values.get("hours"))
          if "minutes" in applies else 0)
    for field in ("valued_by", "description", "reference"):
        check(field, lambda field=field: _text(values.get(field)) if field in applies else "")
    cleaned["appraised"] = bool(values.get("appraised")) and "appraised" in applies
    check("appraiser", lambda: _text(values.get("appraiser")) if cleaned["appraised"] else "")
    check("payment_method", lambda: optional_choice(vocab.PAYMENT_METHODS, _("payment method"))(
        values.get("payment_method")) if "payment_method" in applies else "")
    for field, rule in (("purpose", _text), ("notes", _notes),
                        ("advantage_description", _text)):
        check(field, lambda field=field, rule=rule: rule(values.get(field)))
    check("advantage_cents", lambda: _money(values.get("advantage"), required=False))
    if cleaned.get("advantage_cents") and "amount_cents" in cleaned and \
            cleaned["advantage_cents"] >= cleaned["amount_cents"] > 0:
        errors["advantage_cents"] = _("The advantage must be worth less than the gift.")
    if cleaned.get("advantage_cents") and not cleaned.get("advantage_description", "x"):
        errors["advantage_description"] = _("Say what the partner received (a dinner ticket…).")
    for field in ("contact_id", "fund_id"):
        cleaned[field] = values.get(field) or None
    for field in ("credited_partner_id", "pledge_id"):
        cleaned[field] = (values.get(field) or None) if field in applies else None
    if errors:
        raise ValidationError(errors)
    return cleaned


def _required_id(value: Any, message: str) -> int:
    if not value:
        raise FieldError(message)
    return int(value)


def _date_not_future(value: dt.date | None, today: dt.date, pledged: bool) -> dt.date:
    if value is None:
        raise FieldError(_("Enter the date."))
    if value > today and pledged:
        raise FieldError(_("The date it was promised cannot be in the future; the date it is "
                         "expected can."))
    if value > today:
        raise FieldError(_("This date is in the future. A promise to give later is a pledge: "
                         "choose “Pledged” and set the date it is expected."))
    return value


def _expected(value: dt.date | None, promised: dt.date | None) -> dt.date | None:
    if value is not None and promised is not None and value < promised:
        raise FieldError(_("The expected date is before the date it was promised."))
    return value


_CHARITY_NUMBER = re.compile(r"(\d{9})RR(\d{4})")


def charity_number(value: str | None) -> str:
    """A registered charity's business number, written 123456789 RR 0001."""
    text = re.sub(r"[\s-]", "", clean(value)).upper()
    if not text:
        return ""
    match = _CHARITY_NUMBER.fullmatch(text)
    if not match:
        raise FieldError(_("A charity registration number looks like 123456789 RR 0001: nine "
                         "digits, RR, then four digits."))
    return f"{match[1]} RR {match[2]}"


def validate_group_profile(values: Mapping[str, Any]) -> dict[str, Any]:
    """The group's profile ready to store, or `ValidationError`. Everything may stay empty
    (setup can be finished later); what is typed must be right."""
    checks: dict[str, Callable[[Any], Any]] = {
        "name": _text, "address_line1": _text, "address_line2": _text, "city": _text,
        "province": optional_choice(vocab.PROVINCES, _("province or territory")),
        "phone": phone, "email": email, "website": website,
        "signatory_name": _text, "signatory_title": _text,
        "language": choice(vocab.LANGUAGES, "language"),
        "fiscal_year_start_month": _month,
    }
    errors: dict[str, str] = {}
    try:
        cleaned = _check_all(values, checks)
    except ValidationError as err:
        errors, cleaned = err.errors, {}
    for field, rule in (("postal_code", lambda v: postal_code(v, values.get("province"))),
                        ("charity_number", charity_number)):
        try:
            cleaned[field] = rule(values.get(field))
        except FieldError as err:
            errors[field] = str(err)
    if values.get("registered_charity") and not cleaned.get("charity_number") and \
            "charity_number" not in errors:
        errors["charity_number"] = _(
            "Enter the registration number, or untick “Registered charity”."
        )
    if not values.get("registered_charity"):
        cleaned["charity_number"] = ""
    if errors:
        raise ValidationError(errors)
    return cleaned


def _month(value: Any) -> int:
    try:
        month = int(value)
    except (TypeError, ValueError):
        month = 0
    if not 1 <= month <= 12:
        raise FieldError(_("Choose the month the fiscal year starts."))
    return month
