"""Importing the app's own export back (hostile cells, shared names, one id under two
names) and matching known partners: close names offered, joined only when told, blank cells
never overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cars_desktop.exchange.export import export_csv
from cars_desktop.exchange.importer import (
    DUPLICATE,
    ERROR,
    MATCHED,
    NEAR,
    NEW,
    SKIPPED,
    ImportProblem,
    commit,
)
from cars_desktop.store import database, partners
from cars_desktop.store import sample as sample_data
from cars_desktop.store.models import Contribution, Partner, db
from import_kit import (
    TODAY,
    by_line,
    counts,
    gifts_of,
    give,
    org,
    partner_named,
    person,
    plan_for,
    write_csv,
)

# The app's own export read back


HOSTILE = ["=SUM(A1:A9)", "+1 506 555 0101", "-42", "@Riverbend", "'apostrophe first",
           "''two apostrophes"]


def export_with_hostile_cells(path: Path) -> dict[str, tuple]:
    """Sample data plus gifts whose text a spreadsheet would run, exported; returns every
    received gift by its ID: partner name, amount, date, reference, purpose, notes."""
    sample_data.fill_sample(40, 200, seed=7, today=TODAY)
    for number, text in enumerate(HOSTILE):
        pid = person(f"{text} Club" if number % 2 else f"{text}")
        give(pid, amount=f"{number + 1}1.50", date=dt.date(2026, 6, number + 1),
             reference=text, purpose=text, notes=f"{text}\nsecond line")
    export_csv("contributions", path)
    return {row[0]: row[1:] for row in db.execute_sql(
        "SELECT c.uuid, p.name, c.amount_cents, c.date, c.reference, c.purpose, c.notes,"
        " c.family, c.kind, c.description FROM contribution c"
        " JOIN partner p ON p.id = c.partner_id WHERE c.status = 'received'")}


def test_own_export_reads_back_exactly_into_a_fresh_folder(store, tmp_path):
    path = tmp_path / "contributions.csv"
    received = export_with_hostile_cells(path)
    assert any(text.startswith("'") for text in HOSTILE)
    raw = path.read_text(encoding="utf-8-sig")
    assert "\"'=SUM(A1:A9)\"" in raw  # neutralised in the file itself
    store.close()

    fresh = database.open_store(tmp_path / "fresh")
    try:
        plan = plan_for(path)
        assert plan.format_name == "CARS Desktop contributions export"
        found = plan.counts()
        assert found[ERROR] == 0 and found[DUPLICATE] == 0
        assert found[NEW] == len(received)  # pledged and cancelled ones are skipped
        assert all(row.why.startswith("its status is") for row in plan.rows
                   if row.action == SKIPPED)
        commit(plan)
        back = {row[0]: row[1:] for row in db.execute_sql(
            "SELECT c.uuid, p.name, c.amount_cents, c.date, c.reference, c.purpose, c.notes,"
            " c.family, c.kind, c.description FROM contribution c"
            " JOIN partner p ON p.id = c.partner_id")}
        assert back == received
        for text in HOSTILE:
            assert Contribution.get(Contribution.reference == text).purpose == text
    finally:
        fresh.close()


def test_own_export_read_back_into_the_same_folder_is_all_duplicates(store, tmp_path):
    path = tmp_path / "contributions.csv"
    received = export_with_hostile_cells(path)
    before = counts()
    plan = plan_for(path)
    found = plan.counts()
    assert found[DUPLICATE] == len(received)
    assert found[NEW] == found[MATCHED] == found[NEAR] == found[ERROR] == 0
    assert {row.why for row in plan.rows if row.action == DUPLICATE} == {
        "this very contribution is already there"}
    with pytest.raises(ImportProblem):
        commit(plan)
    assert counts() == before


def test_own_export_keeps_partners_that_share_a_name_apart(store, tmp_path):
    """Two partners with the same name (two branches of a co-op) are two partners in the
    export, each with its ID; reading it back keeps them two."""
    first = org("Coop de Chéticamp", city="Chéticamp")
    second = org("Coop de Chéticamp", city="Margaree")
    give(first, amount="50.00", reference="A-1")
    give(second, amount="75.00", reference="B-1")
    ids = {p.id: p.uuid for p in Partner.select()}
    path = tmp_path / "contributions.csv"
    export_csv("contributions", path)
    store.close()
    fresh = database.open_store(tmp_path / "fresh")
    try:
        commit(plan_for(path))
        assert sorted(p.uuid for p in Partner.select()) == sorted(ids.values())
        assert {c.reference: c.partner.uuid for c in Contribution.select()} == {
            "A-1": ids[first], "B-1": ids[second]}
    finally:
        fresh.close()


def test_own_export_keeps_two_gifts_alike_but_for_their_reference(store, tmp_path):
    """Two collections from one church on one Sunday, same amount, two cheques: two gifts,
    with two IDs and two references in the export, and two after reading it back."""
    church = org("St. Mark's Anglican Church")
    give(church, amount="150.00", date=dt.date(2026, 4, 5), reference="CHQ-1041")
    give(church, amount="150.00", date=dt.date(2026, 4, 5), reference="CHQ-1042")
    path = tmp_path / "contributions.csv"
    export_csv("contributions", path)
    store.close()
    fresh = database.open_store(tmp_path / "fresh")
    try:
        plan = plan_for(path)
        assert [row.action for row in plan.rows] == [NEW, NEW], [r.why for r in plan.rows]
        commit(plan)
        assert sorted(c.reference for c in Contribution.select()) == ["CHQ-1041", "CHQ-1042"]
    finally:
        fresh.close()


def test_one_partner_id_under_two_names_is_one_partner(store, tmp_path):
    """Two exports pasted together, the partner renamed between them: the ID says it is one
    partner. The plan must not end in a database error at commit."""
    pid = org("Club Lions de Shediac")
    give(pid, amount="40.00", date=dt.date(2026, 1, 10), reference="L-1")
    path = tmp_path / "january.csv"
    export_csv("contributions", path)
    partners.save_partner({"kind": "organisation", "name": "Lions Club of Shediac",
                           "sector": "voluntary", "partnership_type": "casual",
                           "status": "active", "language": "en"}, [], pid)
    give(pid, amount="60.00", date=dt.date(2026, 2, 10), reference="L-2")
    later = tmp_path / "february.csv"
    export_csv("contributions", later)
    uuid = Partner.get_by_id(pid).uuid
    text = path.read_text(encoding="utf-8-sig")
    extra = later.read_text(encoding="utf-8-sig").splitlines()[2]
    (tmp_path / "both.csv").write_text(text + extra + "\r\n", encoding="utf-8-sig")
    store.close()
    fresh = database.open_store(tmp_path / "fresh")
    try:
        plan = plan_for(tmp_path / "both.csv")
        assert len(plan.rows) == 2
        try:
            commit(plan)
        except ImportProblem:
            assert counts()["contribution"] == 0
        except Exception as err:  # noqa: BLE001 - what a volunteer would see is the point
            assert counts() == dict(partner=0, contact_person=0, contribution=0,
                                    import_batch=0)
            pytest.fail(f"commit failed with {type(err).__name__}: {err}")
        else:
            assert [p.uuid for p in Partner.select()] == [uuid]
            assert counts()["contribution"] == 2
    finally:
        fresh.close()


# Known partners


def known_partners() -> dict[str, int]:
    return {
        "marie": person("Marie-Hélène Brûlé", email="mh@brule.ca"),
        "jean": person("Jean Tremblay", email="jean.tremblay@example.ca"),
        "roy": org("Quincaillerie Roy", "Luc Roy"),
    }


def matching_file(tmp_path) -> Path:
    return write_csv(tmp_path / "matching.csv", [
        ["Name", "Email", "Date", "Amount"],
        ["marie helene brule", "", "2026-03-01", "10"],
        ["J. Tremblay", "Jean.Tremblay@Example.CA", "2026-03-02", "20"],
        ["Quincaillerie Roi", "", "2026-03-03", "30"],
        ["MARIE-HÉLÈNE  BRÛLÉ", "", "2026-03-04", "40"],
        ["Nouvelle Personne", "", "2026-03-05", "50"]])


def test_known_partners_matched_and_close_names_offered(store, tmp_path):
    known = known_partners()
    plan = plan_for(matching_file(tmp_path))
    rows = by_line(plan)
    assert (rows[2].action, rows[2].partner_id) == (MATCHED, known["marie"])
    # the same email under another name is offered, never matched silently (a family's
    # shared address)
    assert (rows[3].action, rows[3].near_id) == (NEAR, known["jean"])
    assert "same email" in rows[3].why
    assert (rows[5].action, rows[5].partner_id) == (MATCHED, known["marie"])
    near = rows[4]
    assert (near.action, near.partner_id, near.near_id, near.near_name) == (
        NEAR, None, known["roy"], "Quincaillerie Roy")
    assert "Quincaillerie Roy" in near.why
    assert rows[6].action == NEW and rows[6].partner_id is None


def test_a_close_name_joins_the_known_partner_only_when_told(store, tmp_path):
    known = known_partners()
    plan = plan_for(matching_file(tmp_path))
    before = counts()["partner"]
    result = commit(plan, same_as_near={3, 4})
    assert result.partners == 1  # only "Nouvelle Personne"
    assert counts()["partner"] == before + 1
    assert gifts_of(known["roy"]) == [(dt.date(2026, 3, 3), 3000, "")]
    assert [c[1] for c in gifts_of(known["marie"])] == [1000, 4000]
    assert gifts_of(known["jean"]) == [(dt.date(2026, 3, 2), 2000, "")]


def test_a_close_name_is_a_new_partner_by_default(store, tmp_path):
    known = known_partners()
    result = commit(plan_for(matching_file(tmp_path)))
    assert result.partners == 3  # Roi, J. Tremblay (an email is only offered), Nouvelle
    roi = partner_named("Quincaillerie Roi")
    assert roi.id != known["roy"] and gifts_of(roi.id) == [(dt.date(2026, 3, 3), 3000, "")]
    assert gifts_of(known["roy"]) == []
    assert Partner.get_by_id(known["roy"]).name == "Quincaillerie Roy"


def test_blank_cells_never_overwrite(store, tmp_path):
    farm = org("Ferme Dubois", phone="506-555-0101", address_line1="75 rue Principale",
               city="Bouctouche", province="NB", postal_code="E4S 3K2")
    lions = org("Lions Club of Sussex", phone="506-555-0199", email="lions@example.ca",
                address_line1="12 Elm Road", city="Sussex", province="NB",
                postal_code="E4E 1A1")
    bare = person("Gérard Léger")
    farm_before, lions_before = Partner.get_by_id(farm), Partner.get_by_id(lions)
    assert farm_before.phone and lions_before.phone.endswith("0199")
    path = write_csv(tmp_path / "update.csv", [
        ["Name", "Email", "Phone", "Address", "City", "Province", "Postal code", "Date",
         "Amount"],
        ["Ferme Dubois", "info@fermedubois.ca", "", "", "", "", "", "2026-03-01", "10"],
        ["Lions Club of Sussex", "other@example.ca", "506-555-9999", "1 New Street",
         "Moncton", "NB", "E1A 1A1", "2026-03-02", "20"],
        ["Gérard Léger", "gerard@example.ca", "506-555-0123", "3 rue du Quai", "Caraquet",
         "Nouveau-Brunswick", "E1W 1B6", "2026-03-03", "30"]])
    plan = plan_for(path)
    assert [row.action for row in plan.rows] == [MATCHED] * 3
    commit(plan)
    farm_after = Partner.get_by_id(farm)
    assert (farm_after.phone, farm_after.address_line1, farm_after.city, farm_after.province,
            farm_after.postal_code) == (farm_before.phone, farm_before.address_line1,
                                        farm_before.city, farm_before.province,
                                        farm_before.postal_code)
    assert farm_after.email == "info@fermedubois.ca"  # it had none: the file's is taken
    lions_after = Partner.get_by_id(lions)
    assert (lions_after.email, lions_after.phone, lions_after.address_line1, lions_after.city,
            lions_after.postal_code) == ("lions@example.ca", lions_before.phone,
                                         "12 Elm Road", "Sussex", "E4E 1A1")
    assert "9999" not in lions_after.phone
    gerard = Partner.get_by_id(bare)  # had nothing: gets everything
    assert (gerard.email, gerard.phone, gerard.address_line1, gerard.city, gerard.province,
            gerard.postal_code) == ("gerard@example.ca", "506-555-0123", "3 rue du Quai",
                                    "Caraquet", "NB", "E1W 1B6")


