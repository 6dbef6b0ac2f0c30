"""Importing, row by row: what each platform's rows become and what a commit writes; a
thousand rows with exactly the bad ones refused; duplicates; what a new user's trial found.
Real SQLite files, real CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from cars_desktop.exchange.importer import (
    DUPLICATE,
    ERROR,
    NEW,
    NOT_GIFT,
    WAITING,
    ImportProblem,
    commit,
    make_plan,
    open_file,
)
from cars_desktop.store import partners, profile
from cars_desktop.store.models import Contribution, ImportBatch, Partner
from import_kit import (
    BENEVITY_FILE,
    CANADAHELPS_FILE,
    FRENCH_FILE,
    PAYPAL_FILE,
    by_line,
    counts,
    fingerprint,
    gifts_of,
    give,
    only,
    partner_named,
    person,
    plan_for,
    workbook,
    write_csv,
)

# Platform files, row by row


def test_canadahelps_rows_and_commit(store):
    plan = plan_for(CANADAHELPS_FILE)
    assert plan.format_name == "CanadaHelps donation export"
    assert plan.counts()[NEW] == 4 and not plan.needs_date_order
    rows = by_line(plan)
    assert sorted(rows) == [2, 3, 5, 6]
    assert [(r.partner_name, r.date, r.amount_cents, r.reference) for r in plan.rows] == [
        ("Élise Thibodeau", dt.date(2026, 3, 1), 5000, "28741395"),
        ("John Smith", dt.date(2026, 3, 2), 125000, "28741512"),
        ("Acme Hardware Ltd.", dt.date(2026, 3, 5), 50000, "28742088"),
        ("Marc Cormier", dt.date(2026, 3, 8), 2500, "28742301"),
    ]
    assert counts() == dict(partner=0, contact_person=0, contribution=0, import_batch=0)

    result = commit(plan, backup_folder=store.backup_dir)
    assert (result.partners, result.contributions) == (4, 4)
    elise = partner_named("Élise Thibodeau")
    assert (elise.kind, elise.email, elise.address_line1, elise.city, elise.province,
            elise.postal_code, elise.country) == (
        "person", "elise.thibodeau@example.ca", "14 rue Principale", "Bouctouche", "NB",
        "E4S 2J5", "Canada")
    acme = partner_named("Acme Hardware Ltd.")
    assert acme.kind == "organisation" and acme.province == "NB"  # "New Brunswick"
    assert [(c.name, c.email) for c in acme.contacts] == [
        ("Karen Lee", "karen.lee@acmehardware.ca")]
    assert partner_named("Marc Cormier").email == ""
    smith = Contribution.get(Contribution.reference == "28741512")
    assert (smith.partner.name, smith.amount_cents, smith.date, smith.purpose, smith.family,
            smith.kind, smith.status, smith.payment_method) == (
        "John Smith", 125000, dt.date(2026, 3, 2), "Christmas Hampers", "cash", "one_time",
        "received", "online")
    assert smith.notes.splitlines() == ["In memory of my mother,", "Margaret Smith"]
    assert Contribution.get(Contribution.reference == "28741395").notes == \
        "Merci pour tout, bonne continuation!"
    batch = ImportBatch.get_by_id(result.batch_id)
    assert (batch.file_name, batch.file_format, batch.partners, batch.contributions,
            batch.duplicates, batch.errors) == (
        "canadahelps_donations.csv", "canadahelps", 4, 4, 0, 0)
    assert {c.import_batch_id for c in Contribution.select()} == {batch.id}


def test_paypal_rows_pending_and_foreign_currency_left_out(store):
    plan = plan_for(PAYPAL_FILE)
    assert plan.format_name == "PayPal activity download" and plan.date_order == "mdy"
    rows = by_line(plan)
    gerald, pending, usd, marie, withdrawal = (rows[n] for n in (2, 3, 4, 5, 6))
    assert (gerald.action, gerald.partner_name, gerald.date, gerald.amount_cents,
            gerald.reference) == (NEW, "Gerald Mackenzie", dt.date(2026, 3, 15), 123456,
                                  "8AB12345CD6789012")
    assert gerald.values["purpose"] == "Spring Food Drive"
    assert pending.action == NOT_GIFT and "pending" in pending.why
    # a gift in US dollars with no conversion in the file waits for the dollars received
    assert (usd.shown, usd.needs, usd.original_currency, usd.original_cents) == (
        WAITING, "amount", "USD", 10000) and "100.00 USD" in usd.why
    assert (marie.action, marie.partner_name, marie.amount_cents) == (
        NEW, "Marie-Hélène Brûlé", 7500)
    assert withdrawal.action == NOT_GIFT and "General Withdrawal" in withdrawal.why
    assert only(plan.counts()) == dict(new=2, waiting=1, not_gift=2)

    commit(plan, backup_folder=store.backup_dir)
    assert sorted(p.name for p in Partner.select()) == ["Gerald Mackenzie",
                                                        "Marie-Hélène Brûlé"]
    gift = Contribution.get(Contribution.reference == "8AB12345CD6789012")
    assert (gift.amount_cents, gift.date, gift.notes, gift.partner.email) == (
        123456, dt.date(2026, 3, 15), "Keep up the good work", "gerald.mackenzie@example.com")
    assert counts()["contribution"] == 2


def test_benevity_rows_totals_not_imported(store):
    plan = plan_for(BENEVITY_FILE)
    assert plan.format_name == "Benevity donation report"
    # each employee's gift, then the company's match of it; the trailer is not a row
    assert [(row.line, row.action, row.partner_name, row.kind, row.amount_cents, row.reference)
            for row in plan.rows] == [
        (10, NEW, "Priya Sharma", "employee", 10000, "A1B2C3D4E5"),
        (10, NEW, "Telus", "matching", 10000, "A1B2C3D4E5-M"),
        (11, NEW, "Luc Arsenault", "employee", 5000, "F6G7H8J9K0"),
        (12, NEW, "Dana White", "employee", 25000, "L1M2N3P4Q5"),
        (12, NEW, "Irving Oil", "matching", 25000, "L1M2N3P4Q5-M"),
    ]
    assert plan.rows[2].fee_cents == 370  # cause support fee and merchant fee
    assert plan.totals_note == "The rows add up to the file's own total, $750.00."
    commit(plan)
    telus = Contribution.get(Contribution.reference == "A1B2C3D4E5-M")
    assert (telus.partner.name, telus.kind, telus.credited_partner.name, telus.notes) == (
        "Telus", "matching", "Priya Sharma", "Matching the gift of Priya Sharma")
    priya = Contribution.get(Contribution.reference == "A1B2C3D4E5")
    assert (priya.kind, priya.credited_partner, priya.amount_cents) == ("employee", None, 10000)
    assert sum(c.amount_cents for c in Contribution.select()) == 75000  # what was paid out


def test_french_excel_file_day_first_and_decimal_commas(store):
    plan = plan_for(FRENCH_FILE)
    assert plan.table.encoding == "windows-1252" and plan.table.delimiter == ";"
    assert plan.date_order == "dmy" and not plan.needs_date_order
    assert [(r.action, r.partner_name, r.date, r.amount_cents, r.values["purpose"])
            for r in plan.rows] == [
        (NEW, "Marie-Hélène Brûlé", dt.date(2026, 3, 15), 123456, "Banque alimentaire"),
        (NEW, "Caisse populaire Évangéline", dt.date(2026, 4, 2), 25000,
         "Déjeuners à l'école"),
        (NEW, "Gérard Léger", dt.date(2026, 2, 28), 4000, "Fonds général"),
        (NEW, "Hélène Côté", dt.date(2026, 3, 1), 250000, "Noël"),
    ]
    commit(plan)
    assert partner_named("Marie-Hélène Brûlé").email == "mh.brule@example.ca"
    assert Contribution.get(Contribution.amount_cents == 250000).purpose == "Noël"


def test_workbook_plan_and_chosen_sheet(store, tmp_path):
    path = workbook(tmp_path / "dons.xlsx")
    plan = plan_for(path)
    assert [(r.partner_name, r.date, r.amount_cents, r.line) for r in plan.rows] == [
        ("Ferme Dubois", dt.date(2026, 3, 4), 123456, 3),
        ("Lions Club of Sussex", dt.date(2026, 3, 14), 25000, 4),
        ("Gérard Léger", dt.date(2026, 4, 1), 1999, 5),
        ("Hélène Côté", dt.date(2026, 5, 2), 7500, 7),
    ]
    assert all(r.action == NEW for r in plan.rows)
    last_year = plan_for(path, sheet="Dons 2025")
    assert [(r.partner_name, r.date, r.amount_cents) for r in last_year.rows] == [
        ("Ferme Dubois", dt.date(2025, 12, 24), 50050)]


# A thousand rows, some of them bad


BAD = {  # what is wrong with the row -> (cells changed, words of the reason)
    "bad amount": ({"Amount": "12.3.4"}, "amount"),
    "words for amount": ({"Amount": "fifty dollars"}, "amount"),
    "empty date": ({"Date": ""}, "date is empty"),
    "future date": ({"Date": "2027-01-15"}, "in the future"),
    "impossible date": ({"Date": "2026-02-30"}, "not a date"),
    "negative": ({"Amount": "-25.00"}, "negative"),
    "zero": ({"Amount": "0.00"}, "zero"),
    "no name": ({"Name": ""}, "who gave"),
}


def thousand_rows(path: Path) -> tuple[dict[int, str], int, int]:
    """Write 1,000 gifts, 48 of them bad, some notes over several lines and a blank line in
    the middle. Returns the bad rows' lines (and their reason words), how many good rows,
    and how many partners they come from."""
    headers = ["Name", "Email", "Date", "Amount", "Currency", "Reference", "Notes"]
    bad_at = {}
    for number, kind in enumerate(BAD):
        for repeat in range(6):
            bad_at[7 + number * 11 + repeat * 163] = kind
    assert len(bad_at) == 48
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    line, expected, good_names = 2, {}, set()
    for index in range(1000):
        name = f"Donor {index % 300:03d} Gagné"
        cells = {"Name": name, "Email": f"donor{index % 300}@example.ca",
                 "Date": (dt.date(2026, 1, 1) + dt.timedelta(days=index % 300)).isoformat(),
                 "Amount": f"{10 + index}.{index % 100:02d}",
                 "Currency": ("CAD", "", "cad")[index % 3], "Reference": f"R{index:05d}",
                 "Notes": ""}
        if index % 50 == 0:
            cells["Notes"] = "Gift at the\nspring supper"
        if index % 97 == 0:
            cells["Notes"] = "Three\nlines\nof notes, \"quoted\""
        if index in bad_at:
            changes, words = BAD[bad_at[index]]
            cells.update(changes)
            expected[line] = words
        else:
            good_names.add(name)
        writer.writerow([cells[h] for h in headers])
        line += 1 + cells["Notes"].count("\n")
        if index == 500:
            buffer.write("\r\n")  # a blank line between rows
            line += 1
    path.write_bytes(buffer.getvalue().encode("utf-8"))
    return expected, 1000 - len(bad_at), len(good_names)


def test_thousand_rows_exactly_the_bad_ones_refused(store, tmp_path):
    path = tmp_path / "thousand.csv"
    expected, good, partner_count = thousand_rows(path)
    before, empty = fingerprint(store), counts()

    plan = plan_for(path)
    assert len(plan.rows) == 1000
    errors = {row.line: row.why for row in plan.rows if row.action == ERROR}
    assert sorted(errors) == sorted(expected)
    for line, words in expected.items():
        assert words in errors[line], (line, errors[line])
    assert {row.action for row in plan.rows if row.action != ERROR} == {NEW}
    # a plan writes nothing at all
    assert counts() == empty and fingerprint(store) == before

    result = commit(plan, backup_folder=store.backup_dir)
    assert (result.contributions, result.partners) == (good, partner_count)
    assert counts()["contribution"] == good and counts()["partner"] == partner_count
    bad_references = {f"R{index:05d}" for index in range(1000)} - {
        c.reference for c in Contribution.select(Contribution.reference)}
    assert len(bad_references) == 48
    gift = Contribution.get(Contribution.reference == "R00050")
    assert (gift.amount_cents, gift.date, gift.notes, gift.partner.name) == (
        6050, dt.date(2026, 2, 20), "Gift at the\nspring supper", "Donor 050 Gagné")
    assert ImportBatch.get_by_id(result.batch_id).errors == 48


def test_the_same_file_twice_adds_nothing(store):
    first = commit(plan_for(CANADAHELPS_FILE))
    before = counts()
    again = plan_for(CANADAHELPS_FILE)
    assert [row.action for row in again.rows] == [DUPLICATE] * 4
    assert all(row.why.startswith("reference 2874") for row in again.rows)
    with pytest.raises(ImportProblem, match="nothing to import"):
        commit(again)
    assert counts() == before and first.contributions == 4

    paypal = commit(plan_for(PAYPAL_FILE))
    again = plan_for(PAYPAL_FILE)
    assert only(again.counts()) == dict(duplicate=2, waiting=1, not_gift=2)
    assert paypal.contributions == 2


def test_duplicates_without_references(store, tmp_path):
    pid = person("Ann Smith")
    give(pid, amount="25.00", date=dt.date(2026, 2, 1))
    path = write_csv(tmp_path / "plain.csv", [
        ["Name", "Date", "Amount", "Reference"],
        ["Ann Smith", "2026-02-01", "25.00", ""],  # already recorded by hand
        ["Bob Jones", "2026-02-02", "30", "CHQ-7"],
        ["Bob Jones", "2026-02-02", "30", "CHQ-7"],  # the same row pasted twice
        ["Cleo Park", "2026-02-03", "40", ""],
        ["Cleo Park", "2026-02-03", "40", ""]])
    rows = by_line(plan_for(path))
    assert [rows[n].action for n in range(2, 7)] == [DUPLICATE, NEW, DUPLICATE, NEW, DUPLICATE]
    assert "same partner, date and amount" in rows[2].why
    assert "CHQ-7" in rows[4].why


# What a new user's trial found


def test_a_french_file_with_prenom_and_nom_keeps_people_apart(store, tmp_path):
    path = write_csv(tmp_path / "familles.csv", [
        ["Prénom", "Nom", "Date", "Montant"],
        ["Jean", "Tremblay", "2026-03-01", "10"],
        ["Marie", "Tremblay", "2026-03-02", "20"]])
    table, known, mapping = open_file(path)
    assert mapping[:2] == ["first_name", "last_name"]
    commit(make_plan(table, mapping, known, path.name))
    assert sorted(p.name for p in Partner.select()) == ["Jean Tremblay", "Marie Tremblay"]


def test_a_cheque_number_is_a_duplicate_only_for_the_same_partner(store, tmp_path):
    path = write_csv(tmp_path / "cheques.csv", [
        ["Name", "Date", "Amount", "Cheque"],
        ["Épicerie Gagnon", "2026-03-01", "50", "1001"],
        ["Caisse populaire", "2026-03-02", "500", "1001"],
        ["Épicerie Gagnon", "2026-03-05", "50", "1001"]])
    rows = by_line(plan_for(path))
    assert [rows[line].action for line in (2, 3, 4)] == [NEW, NEW, DUPLICATE]
    assert "same as line 2" in rows[4].why


def test_extra_cells_two_digit_years_and_erased_partners_are_errors(store, tmp_path):
    gone = person("Erased Someone")
    uuid = Partner.get_by_id(gone).uuid
    partners.erase_personal_information(gone)
    path = write_csv(tmp_path / "odd.csv", [
        ["Name", "Date", "Amount", "Partner ID"],
        ["Jean Roy", "2024-05-01", "12", "", "50"],
        ["Anne Roy", "15-Mar-24", "12", ""],
        ["Erased Someone", "2024-05-01", "12", uuid]])
    table, known, mapping = open_file(path)
    mapping[3] = "partner_uuid"
    rows = by_line(make_plan(table, mapping, known, path.name))
    assert rows[2].action == ERROR and "more cells than there are columns" in rows[2].why
    assert rows[3].action == ERROR and "year in full" in rows[3].why
    assert rows[4].action == ERROR and "erased" in rows[4].why


def test_anonymous_gifts_count_and_organisations_look_like_organisations(store, tmp_path):
    profile.save_group_profile({"name": "Groupe", "language": "fr",
                                "fiscal_year_start_month": 1})
    path = write_csv(tmp_path / "mixed.csv", [
        ["Name", "Date", "Amount", "Family", "What was given"],
        ["Anonyme", "2026-03-01", "20", "", ""],
        ["Not shared by donor", "2026-03-02", "30", "", ""],
        ["Épicerie Gagnon", "2026-03-03", "0", "Don en nature", "Dix dindes"],
        ["Anne Roy", "2026-03-04", "15", "", ""]])
    table, known, mapping = open_file(path)
    mapping[3:5] = ["family", "description"]
    plan = make_plan(table, mapping, known, path.name)
    assert [row.action for row in plan.rows] == [NEW, NEW, NEW, NEW]
    commit(plan)
    anonymous = partner_named("Anonymous donors")
    assert [g[1] for g in gifts_of(anonymous.id)] == [2000, 3000]  # the money is not lost
    gagnon = partner_named("Épicerie Gagnon")
    assert (gagnon.kind, gagnon.language) == ("organisation", "fr")
    assert Contribution.get(Contribution.partner == gagnon.id).description == "Dix dindes"
    assert partner_named("Anne Roy").kind == "person"
