"""Writing an import: the backup first, the batch, and undoing it only while nothing
later depends on it."""

from __future__ import annotations

import datetime as dt
import sqlite3
import time

import pytest

from cars_desktop.exchange import importer
from cars_desktop.exchange.importer import (
    ImportProblem,
    batches,
    commit,
    undo_batch,
)
from cars_desktop.store import contributions, partners
from cars_desktop.store.models import ContactPerson, Contribution, ImportBatch, Partner
from import_kit import (
    CANADAHELPS_FILE,
    PAYPAL_FILE,
    counts,
    gifts_of,
    give,
    org,
    partner_named,
    person,
    plan_for,
)

# Writing: backup, batch, undo


def test_commit_backs_up_first(store):
    person("Already Here")
    before = counts()
    result = commit(plan_for(CANADAHELPS_FILE), backup_folder=store.backup_dir)
    assert result.backup is not None and result.backup.exists()
    assert "before-import" in result.backup.name and result.backup.parent == store.backup_dir
    copy = sqlite3.connect(result.backup)
    try:
        assert copy.execute("SELECT COUNT(*) FROM contribution").fetchone()[0] == \
            before["contribution"]
        assert copy.execute("SELECT name FROM partner").fetchall() == [("Already Here",)]
    finally:
        copy.close()


def imported_mix(store) -> tuple[importer.ImportResult, dict[str, int]]:
    """Known partners, then CanadaHelps gifts: some new partners (one with a contact person),
    and a gift from a known one."""
    known = {"smith": person("John Smith", email="john.smith@example.com"),
             "other": org("Quincaillerie Roy", "Luc Roy")}
    give(known["smith"], amount="5.00", date=dt.date(2025, 12, 1))
    return commit(plan_for(CANADAHELPS_FILE), backup_folder=store.backup_dir), known


def test_undo_removes_exactly_the_batch(store):
    result, known = imported_mix(store)
    assert (result.partners, result.contributions) == (3, 4)
    assert counts() == dict(partner=5, contact_person=2, contribution=5, import_batch=1)
    assert [b.id for b in batches()] == [result.batch_id]

    assert undo_batch(result.batch_id) == (3, 4)
    after = counts()
    assert after == dict(partner=2, contact_person=1, contribution=1, import_batch=1)
    assert sorted(p.name for p in Partner.select()) == ["John Smith", "Quincaillerie Roy"]
    assert gifts_of(known["smith"]) == [(dt.date(2025, 12, 1), 500, "")]
    assert [c.name for c in ContactPerson.select()] == ["Luc Roy"]
    assert batches() == []
    assert ImportBatch.get_by_id(result.batch_id).undone_at
    with pytest.raises(ImportProblem, match="already undone"):
        undo_batch(result.batch_id)
    assert counts() == after


def test_undo_leaves_known_partners_as_they_were(store):
    """A known partner without an address got the file's at the import; undoing the import
    takes it back, as the import had never been."""
    pid = person("Marc Cormier")
    result = commit(plan_for(CANADAHELPS_FILE))
    cormier = Partner.get_by_id(pid)
    assert (cormier.city, cormier.province, cormier.postal_code) == ("Shediac", "NB",
                                                                     "E4P 1A1")
    undo_batch(result.batch_id)
    cormier = Partner.get_by_id(pid)
    assert (cormier.city, cormier.province, cormier.postal_code) == ("", "", "")


def test_undo_refused_when_a_gift_was_thanked(store):
    result, _ = imported_mix(store)
    before = counts()
    gift = Contribution.get(Contribution.reference == "28741395")
    assert contributions.mark_thanked([gift.id], dt.date(2026, 3, 10), "letter") == 1
    with pytest.raises(ImportProblem, match="cannot be undone"):
        undo_batch(result.batch_id)
    assert counts() == before and [b.id for b in batches()] == [result.batch_id]


def wait_for_next_second() -> None:
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    while dt.datetime.now(dt.UTC).replace(microsecond=0) == start:
        time.sleep(0.02)


def test_undo_refused_when_a_gift_was_edited(store):
    result, _ = imported_mix(store)
    gift = Contribution.get(Contribution.reference == "28741512")
    wait_for_next_second()
    values = contributions.load_contribution(gift.id)
    values.update(amount="1200.00", notes="Corrected by the treasurer")
    contributions.save_contribution(values, gift.id)
    before = counts()
    with pytest.raises(ImportProblem, match="cannot be undone"):
        undo_batch(result.batch_id)
    assert counts() == before
    assert Contribution.get_by_id(gift.id).amount_cents == 120000


def test_undo_refused_when_a_gift_was_edited_at_once(store):
    """An edit made in the very second of the import is an edit all the same."""
    while dt.datetime.now(dt.UTC).microsecond > 200_000:  # start early in a second
        time.sleep(0.01)
    result, _ = imported_mix(store)
    gift = Contribution.get(Contribution.reference == "28741512")
    values = contributions.load_contribution(gift.id)
    values.update(amount="1200.00")
    contributions.save_contribution(values, gift.id)
    with pytest.raises(ImportProblem, match="cannot be undone"):
        undo_batch(result.batch_id)
    assert Contribution.get_by_id(gift.id).amount_cents == 120000


def test_undo_refused_when_an_imported_partner_got_a_new_gift(store):
    result, _ = imported_mix(store)
    acme = partner_named("Acme Hardware Ltd.")
    give(acme.id, amount="300.00", date=dt.date(2026, 6, 1))
    before = counts()
    with pytest.raises(ImportProblem, match="cannot be undone"):
        undo_batch(result.batch_id)
    assert counts() == before


def test_undo_refused_when_an_imported_partner_was_edited(store):
    result, _ = imported_mix(store)
    wait_for_next_second()
    acme = partner_named("Acme Hardware Ltd.")
    values, contacts = partners.load_partner(acme.id)
    values["phone"] = "506-555-0150"
    partners.save_partner(values, contacts, acme.id)
    before = counts()
    with pytest.raises(ImportProblem, match="cannot be undone"):
        undo_batch(result.batch_id)
    assert counts() == before


def test_undo_of_an_unknown_batch(store):
    with pytest.raises(ImportProblem):
        undo_batch(999)


def test_a_later_batch_undone_leaves_the_earlier_one(store):
    first = commit(plan_for(CANADAHELPS_FILE))
    second = commit(plan_for(PAYPAL_FILE))
    assert {b.id for b in batches()} == {first.batch_id, second.batch_id}
    undo_batch(second.batch_id)
    assert counts()["contribution"] == 4 and counts()["partner"] == 4
    assert [b.id for b in batches()] == [first.batch_id]


