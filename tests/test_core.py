import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cars_desktop.core import validation
from cars_desktop.core.money import MoneyError, format_money, parse_money, to_cents, to_decimal
from cars_desktop.core.text import fold, fold_for_match
from cars_desktop.core.validation import FieldError, ValidationError


def test_fold_ignores_case_and_accents():
    assert fold("LEFÈVRE") == fold("lefevre") == "lefevre"
    assert fold("  Marie-Hélène   Brûlé ") == "marie-helene brule"
    assert fold("Œuvres de l’Île") == "oeuvres de l'ile"
    assert fold_for_match("Marie-Hélène Brûlé") == fold_for_match("marie helene brule")


@pytest.mark.parametrize("typed, stored", [
    ("506 555 0123", "(506) 555-0123"),
    ("1-506-555-0123", "(506) 555-0123"),
    ("(902)555.0199 ext. 12", "(902) 555-0199 ext. 12"),
    ("418 555 0100 poste 7", "(418) 555-0100 ext. 7"),
    ("+33 1 23 45 67 89", "+33123456789"),
    ("", ""),
])
def test_phone_numbers_are_written_one_way(typed, stored):
    assert validation.phone(typed) == stored


@pytest.mark.parametrize("typed", ["555-0123", "call me", "506 555 01234 5", "+12"])
def test_bad_phone_numbers_say_what_is_expected(typed):
    with pytest.raises(FieldError, match="digit|phone"):
        validation.phone(typed)


@pytest.mark.parametrize("typed, province, stored", [
    ("e1a2b3", "NB", "E1A 2B3"), ("k0h 1a0", "ON", "K0H 1A0"), ("X0A-0H0", "NU", "X0A 0H0"),
    ("h2x 1y4", "", "H2X 1Y4"),
])
def test_postal_codes(typed, province, stored):
    assert validation.postal_code(typed, province) == stored


@pytest.mark.parametrize("typed, province, message", [
    ("12345", "NB", "A1A 1A1"), ("D1A 2B3", "", "A1A 1A1"), ("E1A 2B", "NB", "A1A 1A1"),
    ("K0H 1A0", "NB", "New Brunswick start with E"),
    ("E1A 2B3", "ON", "Ontario start with K, L, M, N or P"),
])
def test_bad_postal_codes_explain(typed, province, message):
    with pytest.raises(FieldError, match=message):
        validation.postal_code(typed, province)


@pytest.mark.parametrize("typed", ["marie@", "marie@example", "@example.ca", "a b@c.ca",
                                   "marie@@example.ca", "marie@example..ca"])
def test_bad_email(typed):
    with pytest.raises(FieldError, match="name@example.ca"):
        validation.email(typed)


def test_good_email_kept():
    assert validation.email(" helene.brule@caisse-bouctouche.ca ") == \
        "helene.brule@caisse-bouctouche.ca"


def _partner(**changes):
    values = {"kind": "organisation", "name": "Club Lions de Caraquet", "sector": "voluntary",
              "partnership_type": "casual", "status": "active", "language": "fr",
              "province": "NB", "postal_code": "e1w 1a1", "phone": "506 555 0199"}
    values.update(changes)
    return values


def test_validate_partner_cleans_every_field():
    cleaned = validation.validate_partner(_partner(name="  Club Lions  "))
    assert cleaned["name"] == "Club Lions"
    assert cleaned["postal_code"] == "E1W 1A1"
    assert cleaned["phone"] == "(506) 555-0199"
    assert cleaned["country"] == "Canada"


def test_validate_partner_names_every_wrong_field_at_once():
    with pytest.raises(ValidationError) as caught:
        validation.validate_partner(_partner(name="   ", email="x@", sector=None,
                                             postal_code="K0H 1A0",
                                             partner_since=dt.date.today() + dt.timedelta(1)))
    errors = caught.value.errors
    assert set(errors) == {"name", "email", "sector", "postal_code", "partner_since"}
    assert errors["name"] == "A name is needed."


def test_postal_code_abroad_is_not_checked():
    cleaned = validation.validate_partner(_partner(country="France", postal_code="75001",
                                                   province=""))
    assert cleaned["postal_code"] == "75001"


@pytest.mark.parametrize("typed, cents", [
    ("50", 5000), ("$1,234.56", 123456), ("1 234,56 $", 123456), ("50.5", 5050),
    ("1.234,56", 123456), ("0,99", 99), ("1,000", 100000), ("CAD 12", 1200),
    ("1,234,567.89", 123456789), ("1.234.567", 123456700), ("12,5", 1250),
    ("CA$ 75", 7500), ("75 $", 7500), ("1 000 000", 100000000),
])
def test_parse_money(typed, cents):
    assert parse_money(typed) == cents


@pytest.mark.parametrize("typed, message", [
    ("", "Enter an amount"), ("abc", "not an amount"), ("-5", "negative"),
    ("(5.00)", "negative"), ("99999999999999", "too large"),
    ("1.234", "could be read two ways"), ("12,34,567", "grouped oddly"),
    ("1.2345", "cents have two digits"), ("1,234,56", "twice before the cents"),
    ("12 34", "grouped oddly"),
    ("5..00", "not an amount|twice|cents"),
])
def test_parse_money_refuses_with_reason(typed, message):
    with pytest.raises(MoneyError, match=message):
        parse_money(typed)


def test_format_money_in_both_languages():
    assert format_money(123456) == "$1,234.56"
    assert format_money(123456, "fr") == "1\u00a0234,56\u00a0$"
    assert format_money(5) == "$0.05"


@given(st.integers(min_value=0, max_value=10**12))
def test_money_round_trips_through_text_and_decimal(cents):
    assert parse_money(format_money(cents)) == cents
    assert parse_money(format_money(cents, "fr")) == cents
    assert to_cents(to_decimal(cents)) == cents
    assert isinstance(to_decimal(cents), Decimal)


def test_fiscal_years_and_quarters():
    from cars_desktop.core.periods import fiscal_year, named_period, quarter

    day = dt.date(2026, 2, 10)
    assert (fiscal_year(day, 4).start, fiscal_year(day, 4).end) == \
        (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    assert fiscal_year(day, 4).label == "fiscal year 2025–26"
    assert fiscal_year(day, 4, years_back=1).start == dt.date(2024, 4, 1)
    assert (quarter(day, 4).start, quarter(day, 4).end) == (dt.date(2026, 1, 1),
                                                            dt.date(2026, 3, 31))
    assert named_period("last_year", day).start == dt.date(2025, 1, 1)
    assert named_period("all", day).start is None


def test_hours_as_people_write_them():
    assert [validation.hours_to_minutes(t) for t in ("3", "2.5", "2,5", "1:30", "90 min",
                                                     "4 h", "")] == [180, 150, 150, 90, 90,
                                                                     240, 0]
    with pytest.raises(FieldError):
        validation.hours_to_minutes("a lot")
