"""Kinds of contribution declared once with their traits (core.kinds): every kind has every
trait, the SQL built from the traits selects what the conditions written by hand selected,
and a kind added in one place is counted, receipted and thanked by its traits."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cars_desktop.core import counting, kinds, receipts, validation, vocab
from cars_desktop.core.kinds import CASH, IN_KIND, KINDS, Kind, kind_of
from cars_desktop.core.letter_text import Gift
from cars_desktop.core.terms import Term
from cars_desktop.store import sample as sample_data
from cars_desktop.store.models import db

TODAY = dt.date(2026, 5, 1)

# what counting.py wrote by hand before the kinds had traits
WRITTEN_BEFORE = {
    "cash": "c.status = 'received' AND c.family = 'cash' AND c.kind != 'loan'",
    "in_kind": "c.status = 'received' AND c.family = 'in_kind' AND c.kind != 'loan'",
    "loan": "c.status = 'received' AND c.kind = 'loan'",
    "pledged": "c.status = 'pledged' AND c.kind != 'loan'",
    "loan_pledged": "c.status = 'pledged' AND c.kind = 'loan'",
    "cancelled": "c.status = 'cancelled'",
    "support": "c.status = 'received' AND c.kind != 'loan'",
}


def test_every_kind_has_every_trait():
    codes = [kind.code for kind in KINDS]
    assert len(codes) == len(set(codes))
    assert vocab.CASH_KINDS.codes() + vocab.IN_KIND_KINDS.codes() == codes
    for kind in KINDS:
        for trait in dataclasses.fields(Kind):
            assert hasattr(kind, trait.name), (kind.code, trait.name)
        assert kind.family in (CASH, IN_KIND)
        assert kind.term.en and kind.term.fr
        assert not kind.not_receiptable or kind.not_receiptable.endswith(".")
        assert kind.paid_back is not kind.counts_as_support
        if kind.family == IN_KIND:  # a letter and a total can always say what it was
            assert kind.noun and all(kind.letter_words), kind.code
        assert not kind.is_time or kind.family == IN_KIND
    assert [k.code for k in KINDS if k.paid_back] == ["loan"]
    assert [k.code for k in KINDS if k.is_time] == ["service", "volunteer_program"]
    assert [k.code for k in KINDS if k.credits_partner] == ["employee", "matching"]


def test_an_unknown_kind_has_no_special_trait():
    found = kind_of("no_longer_used")
    assert found.counts_as_support and not found.is_time and not found.not_receiptable


def test_the_sql_from_traits_selects_the_same_rows_as_before(store):
    sample_data.fill_sample(60, 900, seed=3, today=TODAY)
    assert db.execute_sql("SELECT COUNT(*) FROM contribution WHERE kind = 'loan'"
                          ).fetchone()[0]  # the sample has loans to tell apart
    for place, before in WRITTEN_BEFORE.items():
        def ids(condition):
            return [row[0] for row in db.execute_sql(
                f"SELECT c.id FROM contribution c WHERE {condition} ORDER BY c.id")]
        assert ids(counting.where(place)) == ids(before), place


@pytest.fixture
def bursary_loan(monkeypatch):
    """A kind added the way a newcomer adds one: one line in `kinds.KINDS`."""
    added = Kind(Term("bursary_loan", "Bursary loan", "Prêt-bourse"), CASH,
                 counts_as_support=False, not_receiptable="A loan is paid back.")
    monkeypatch.setattr(kinds, "KINDS", (*KINDS, added))
    monkeypatch.setattr(kinds, "_BY_CODE", {kind.code: kind for kind in kinds.KINDS})
    return added


def test_a_kind_added_in_one_place_is_counted_right(store, bursary_loan):
    assert counting.counted_as("received", "cash", "bursary_loan") == "loan"
    assert counting.counted_as("pledged", "cash", "bursary_loan") == "loan_pledged"
    sample_data.fill_sample(5, 20, seed=3, today=TODAY)
    db.execute_sql("UPDATE contribution SET kind = 'bursary_loan', family = 'cash',"
                   " status = 'received' WHERE id = (SELECT MIN(id) FROM contribution)")
    added = db.execute_sql("SELECT MIN(id) FROM contribution").fetchone()[0]

    def places_of(number):
        return [place for place in WRITTEN_BEFORE if db.execute_sql(
            f"SELECT 1 FROM contribution c WHERE c.id = ? AND {counting.where(place)}",
            (number,)).fetchone()]
    assert places_of(added) == ["loan"]  # apart, never inside cash received or support
    assert counting.gift_words("cash", "bursary_loan", 50_000, 0) == "a loan of $500.00"
    assert not receipts.receipt_advice("bursary_loan", "received", 50_000).eligible
    gift = Gift("bursary_loan", "cash", "received", 50_000, 0, TODAY, pledge_cents=100_000,
                payment_number=1)
    assert not gift.is_payment()
    assert gift.in_words("en") == "your loan of $500.00"


def test_traits_decide_what_a_form_keeps():
    assert "minutes" in validation.contribution_fields("in_kind", "service", "received")
    assert "minutes" not in validation.contribution_fields("in_kind", "products", "received")
    assert "appraised" in validation.contribution_fields("in_kind", "products", "received")
    assert "credited_partner_id" in validation.contribution_fields("cash", "matching",
                                                                  "received")
    assert Gift("volunteer_program", "in_kind", "received", 0, 120, TODAY
                ).letter_kind() == "time"
