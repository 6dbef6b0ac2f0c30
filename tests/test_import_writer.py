"""An import writes its rows with the same row-building code as the partner and contribution
dialogs' saves (store.partners.partner_row, store.contributions.contribution_row): a record
imported and then saved again unchanged keeps its sort and search text."""

from __future__ import annotations

import csv
import datetime as dt

from cars_desktop.exchange import importer
from cars_desktop.store import contributions, import_writer, partners
from cars_desktop.store.models import Contribution, Partner

TODAY = dt.date(2026, 11, 22)


def imported(tmp_path, rows):
    path = tmp_path / "gifts.csv"
    with open(path, "w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([["Name", "Email", "City", "Date", "Amount", "Reference",
                                     "Purpose"], *rows])
    table, known, mapping = importer.open_file(path)
    return importer.commit(importer.make_plan(table, mapping, known, path.name, today=TODAY))


def test_imported_rows_are_built_as_the_dialogs_build_them(store, tmp_path):
    result = imported(tmp_path, [
        ["Élise Thériault", "elise@example.ca", "Rimouski", "2026-05-01", "40.00", "CH-12",
         "Fête d'été"],
        ["Élise Thériault", "elise@example.ca", "Rimouski", "2026-06-01", "25.00", "",
         ""],
    ])
    assert (result.partners, result.contributions) == (1, 2)
    partner = Partner.get(Partner.name == "Élise Thériault")
    values, contacts = partners.load_partner(partner.id)
    expected = partners.partner_row(values, contacts)
    assert (partner.sort_name, partner.search_text) == (expected["sort_name"],
                                                       expected["search_text"])
    before = {c.id: (c.partner_sort, c.search_text) for c in Contribution.select()}
    partners.save_partner(values, contacts, partner.id)  # saved again, as the dialog does
    again = Partner.get_by_id(partner.id)
    assert (again.sort_name, again.search_text) == (partner.sort_name, partner.search_text)
    for number in before:
        loaded = contributions.load_contribution(number)
        loaded["amount"] = loaded.pop("amount_cents")
        contributions.save_contribution(loaded, number)
        row = Contribution.get_by_id(number)
        assert (row.partner_sort, row.search_text) == before[number]


def test_an_import_is_undone_by_the_store(store, tmp_path):
    result = imported(tmp_path, [["Marc Leblanc", "", "", "2026-05-01", "10.00", "", ""]])
    assert [batch.id for batch in import_writer.batches()] == [result.batch_id]
    assert importer.undo_batch is import_writer.undo_batch  # still found where it was
    assert import_writer.undo_batch(result.batch_id) == (1, 1)
    assert not Partner.select().exists()


def test_a_new_organisation_is_found_by_its_contact_persons_name(store, tmp_path):
    path = tmp_path / "matching.csv"
    path.write_text("Company,First name,Last name,Email,Date,Amount\n"
                    "Quincaillerie Roy,Lise,Thériault,lise@roy.ca,2026-03-01,50\n",
                    encoding="utf-8")
    table, known, mapping = importer.open_file(path)
    importer.commit(importer.make_plan(table, mapping, known, path.name, today=TODAY))
    partner = Partner.get(Partner.name == "Quincaillerie Roy")
    values, contacts = partners.load_partner(partner.id)
    assert [c["name"] for c in contacts] == ["Lise Thériault"]
    # the same search text as the partner dialog gives it: her name finds the company
    assert partner.search_text == partners.partner_row(values, contacts)["search_text"]
    assert "theriault" in partner.search_text
