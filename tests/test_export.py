"""CSV export of partners, contact people and contributions: read back with Python's csv module
as a spreadsheet reads the raw cells, and compared field by field with the records; cells that
a spreadsheet would run as a formula; a file that appears whole or not at all. Real SQLite
file, real CSV files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sqlite3
from decimal import Decimal

import peewee
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cars_desktop.core import vocab
from cars_desktop.exchange.cells import neutralise, restore
from cars_desktop.exchange.export import export_csv
from cars_desktop.store import contributions, partners
from cars_desktop.store import sample as sample_data
from cars_desktop.store.models import ContactPerson, Contribution, Partner

TODAY = dt.date(2026, 11, 22)
BOM = b"\xef\xbb\xbf"
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may take for a formula

PARTNER_HEADER = [
    "ID", "Name", "Kind", "Sector", "Type", "Status", "Address line 1", "Address line 2",
    "City", "Province", "Postal code", "Country", "Phone", "Email", "Website", "Language",
    "Partner since", "Shared goal", "Strengths", "Notes"]
CONTACT_HEADER = ["Partner ID", "Partner", "Name", "Role", "Phone", "Email", "Salutation",
                  "Primary"]
CONTRIBUTION_HEADER = [
    "ID", "Partner ID", "Partner", "Contact person", "Family", "Kind", "Status", "Counted as",
    "Amount",
    "Still to come", "What was given", "Hours", "Date", "Expected by", "Payment method",
    "Reference", "For", "Fund or campaign", "Advantage", "Advantage description", "Valued by",
    "Appraised", "Appraiser",
    "Credited to", "Pledge ID", "Thanked on", "Notes", "Platform fee", "Given in currency",
    "Amount in that currency", "Tribute", "Platform receipt"]
NUMBERS = {"Amount", "Still to come", "Advantage"}  # always written as plain numbers
DATES = {"Partner since", "Date", "Expected by", "Thanked on"}


# Reading back


def read_raw(path) -> list[list[str]]:
    """The cells as a spreadsheet gets them: strings, the CSV quoting removed."""
    raw = path.read_bytes()
    assert raw.startswith(BOM), raw[:10]
    assert not raw[3:].startswith(BOM)
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def read_typed(path) -> list[list]:
    """Read with QUOTE_NONNUMERIC: every unquoted cell comes back a float, every quoted one a
    string (an unquoted cell that is not a number raises)."""
    text = path.read_bytes()[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), quoting=csv.QUOTE_NONNUMERIC))


def check_file(path, header: list[str]) -> list[dict[str, str]]:
    """What every export must be; returns the rows as dicts of raw cells."""
    rows = read_raw(path)
    assert rows[0] == header
    typed = read_typed(path)
    assert len(typed) == len(rows)
    for raw_row, typed_row in zip(rows[1:], typed[1:], strict=True):
        assert len(raw_row) == len(header)
        for title, cell, value in zip(header, raw_row, typed_row, strict=True):
            if title in NUMBERS:  # unquoted, two decimals, a dot, no thousands separator
                assert isinstance(value, float), (title, cell)
                assert re.fullmatch(r"\d+\.\d\d", cell), (title, cell)
            elif title == "Hours" and cell:
                assert isinstance(value, float) and re.fullmatch(r"\d+\.\d\d", cell), cell
            else:  # text is quoted
                assert isinstance(value, str), (title, cell)
                assert not cell.startswith(FORMULA), (title, cell)
            if title in DATES and cell:
                assert dt.date.fromisoformat(cell).isoformat() == cell
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".partial")]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def cents_text(cents: int | None) -> str:
    return "" if cents is None else f"{Decimal(cents) / 100:.2f}"


def iso(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else (value or "")


def restored(row: dict[str, str]) -> dict[str, str]:
    return {title: restore(cell) for title, cell in row.items()}


def partner_fields(p: Partner) -> dict[str, str]:
    """What the partner's row must say, from the record itself."""
    return {
        "ID": p.uuid, "Name": p.name, "Kind": vocab.PARTNER_KINDS.label(p.kind),
        "Sector": vocab.SECTORS.label(p.sector),
        "Type": vocab.PARTNERSHIP_TYPES.label(p.partnership_type),
        "Status": vocab.PARTNER_STATUSES.label(p.status),
        "Address line 1": p.address_line1, "Address line 2": p.address_line2, "City": p.city,
        "Province": p.province, "Postal code": p.postal_code, "Country": p.country,
        "Phone": p.phone, "Email": p.email, "Website": p.website,
        "Language": vocab.LANGUAGES.label(p.language), "Partner since": iso(p.partner_since),
        "Shared goal": p.shared_goal, "Strengths": p.strengths, "Notes": p.notes}


def contact_fields(c: ContactPerson) -> dict[str, str]:
    return {"Partner ID": c.partner.uuid, "Partner": c.partner.name, "Name": c.name,
            "Role": c.role, "Phone": c.phone, "Email": c.email, "Salutation": c.salutation,
            "Primary": "yes" if c.is_primary else "no"}


def counted_as(c: Contribution) -> str:
    """Where a contribution counts in the totals, worked out here from its fields."""
    if c.status == "cancelled":
        return "Cancelled (not counted)"
    if c.kind == "loan":
        return "Loan (apart: to be paid back)" if c.status == "received" else \
            "Loan promised (not counted)"
    if c.status == "pledged":
        return "Pledge (apart: not yet received)"
    return "Cash received" if c.family == "cash" else "Gift in kind"


def contribution_fields(c: Contribution) -> dict[str, str]:
    kinds = vocab.CASH_KINDS if c.family == "cash" else vocab.IN_KIND_KINDS
    return {
        "ID": c.uuid, "Partner ID": c.partner.uuid, "Partner": c.partner.name,
        "Contact person": c.contact.name if c.contact_id else "",
        "Family": vocab.CONTRIBUTION_FAMILIES.label(c.family), "Kind": kinds.label(c.kind),
        "Status": vocab.CONTRIBUTION_STATUSES.label(c.status), "Counted as": counted_as(c),
        "Amount": cents_text(c.amount_cents), "Still to come": cents_text(c.outstanding_cents),
        "What was given": c.description,
        "Hours": f"{Decimal(c.minutes) / 60:.2f}" if c.minutes else "",
        "Date": iso(c.date), "Expected by": iso(c.date_expected),
        "Payment method": vocab.PAYMENT_METHODS.label(c.payment_method)
        if c.payment_method else "",
        "Reference": c.reference, "For": c.purpose,
        "Fund or campaign": c.fund.name if c.fund_id else "",
        "Advantage": cents_text(c.advantage_cents),
        "Advantage description": c.advantage_description, "Valued by": c.valued_by,
        "Appraised": "yes" if c.appraised else "no", "Appraiser": c.appraiser,
        "Credited to": c.credited_partner.name if c.credited_partner_id else "",
        "Pledge ID": c.pledge.uuid if c.pledge_id else "", "Thanked on": iso(c.thanked_on),
        "Notes": c.notes, "Platform fee": cents_text(c.fee_cents) if c.fee_cents else "",
        "Given in currency": c.original_currency,
        "Amount in that currency": cents_text(c.original_cents) if c.original_cents else "",
        "Tribute": c.tribute, "Platform receipt": c.platform_receipt}


# A small group, with cells meant to do harm


HOSTILE_PARTNER = {  # field -> what was typed (or came from elsewhere)
    "name": '=HYPERLINK("http://evil.example","Click me")',
    "city": "+Sussex",
    "strengths": "-2+3",
    "notes": "@SUM(A1:A9)",
    "shared_goal": "'Tis the season",  # already starts with an apostrophe
    "email": "=cmd@evil.ca",
    "phone": "+44 20 7946 0958",  # abroad: kept with its +
}
# written straight to the file, as an import or an older version could have: the forms
# strip surrounding white space
RAW_PARTNER = {"address_line2": "\t=1+1", "website": "\r=2+2", "address_line1": "''double"}
HOSTILE_CONTACT = {"name": "-Minus Person", "role": "@admin", "salutation": "=1+2"}
HOSTILE_CASH = {"purpose": "+1 for the kids", "reference": "-12", "notes": "@here",
                "advantage_description": "=2*3"}
HOSTILE_IN_KIND = {"description": "=cmd|' /C calc'!A0", "valued_by": "'Board'",
                   "purpose": "-Camp-"}


@pytest.fixture
def group(store):
    ids = {}
    ids["hostile"] = partners.save_partner(
        {"kind": "organisation", "sector": "corporate", "partnership_type": "formal",
         "status": "active", "language": "fr", "partner_since": dt.date(2020, 2, 29),
         **HOSTILE_PARTNER},
        [{"name": "Jean Lefèvre", "role": "Owner", "email": "jean@lefevre.ca"},
         {**HOSTILE_CONTACT, "is_primary": True}])
    Partner.update(**RAW_PARTNER).where(Partner.id == ids["hostile"]).execute()
    ids["plain"] = partners.save_partner(
        {"kind": "person", "name": "Émile Côté, \"Ti-Mile\"", "sector": "community",
         "partnership_type": "casual", "status": "active", "language": "fr",
         "address_line1": "12, rue de l'Église", "city": "Caraquet", "province": "NB",
         "postal_code": "e1w 1a1", "notes": "Line one\nLine two, with a comma"}, [])
    ids["archived"] = partners.save_partner(
        {"kind": "organisation", "name": "Aardvark Bakery", "sector": "corporate",
         "partnership_type": "casual", "status": "active", "language": "en"},
        [{"name": "Ann Baker"}])
    ids["erased"] = partners.save_partner(
        {"kind": "organisation", "name": "Secret Society", "sector": "voluntary",
         "partnership_type": "casual", "status": "active", "language": "en",
         "city": "Hiddenville", "email": "secret@society.ca"},
        [{"name": "Hidden Person", "email": "hidden@society.ca"}])
    contact = ContactPerson.get(ContactPerson.name == "-Minus Person").id
    ids["cash"] = contributions.save_contribution(
        {"partner_id": ids["hostile"], "contact_id": contact, "family": "cash",
         "kind": "one_time", "status": "received", "amount": "1234.56",
         "date": dt.date(2025, 3, 10), "payment_method": "cheque", "advantage": "10",
         **HOSTILE_CASH})
    Contribution.update(notes="\t\r=x").where(Contribution.id == ids["cash"]).execute()
    ids["in_kind"] = contributions.save_contribution(
        {"partner_id": ids["hostile"], "family": "in_kind", "kind": "service",
         "status": "received", "amount": "", "hours": "2:20", "date": dt.date(2025, 4, 1),
         **HOSTILE_IN_KIND})
    ids["pledge"] = contributions.save_contribution(
        {"partner_id": ids["plain"], "family": "cash", "kind": "annual", "status": "pledged",
         "amount": "2000", "date": dt.date(2025, 1, 15), "date_expected": dt.date(2026, 1, 15),
         "purpose": "Summer camp"})
    ids["payment"] = contributions.save_contribution(
        {"partner_id": ids["plain"], "family": "cash", "kind": "annual", "status": "received",
         "amount": "750", "date": dt.date(2025, 6, 1), "pledge_id": ids["pledge"],
         "payment_method": "etransfer"})
    ids["matching"] = contributions.save_contribution(
        {"partner_id": ids["archived"], "family": "cash", "kind": "matching",
         "status": "received", "amount": "12345678.9", "date": dt.date(2024, 12, 31),
         "credited_partner_id": ids["plain"], "payment_method": "online"})
    ids["secret"] = contributions.save_contribution(
        {"partner_id": ids["erased"], "family": "in_kind", "kind": "products",
         "status": "received", "amount": "40", "date": dt.date(2025, 2, 2),
         "description": "Secret gift"})
    contributions.mark_thanked([ids["payment"]], dt.date(2025, 6, 10), "letter")
    partners.archive_partner(ids["archived"])
    partners.erase_personal_information(ids["erased"])
    return ids


# Whole lists


def test_partners_file(group, tmp_path):
    path = tmp_path / "partners.csv"
    assert export_csv("partners", path) == 3
    rows = check_file(path, PARTNER_HEADER)
    expected = [partner_fields(Partner.get_by_id(group[key]))  # by folded name: "=" first
                for key in ("hostile", "archived", "plain")]
    assert [restored(row) for row in rows] == expected
    # archived partners are there, the erased one is not, under any name
    text = path.read_text(encoding="utf-8-sig")
    assert Partner.get_by_id(group["erased"]).uuid not in text
    assert "Secret" not in text and partners.ERASED_NAME not in text
    # what was typed with commas, quotes and line breaks comes back whole
    plain = rows[2]
    assert plain["Name"] == 'Émile Côté, "Ti-Mile"'
    assert plain["Notes"] == "Line one\nLine two, with a comma"
    assert (plain["Postal code"], plain["Province"], plain["Language"]) == ("E1W 1A1", "NB",
                                                                          "French")
    assert rows[0]["Partner since"] == "2020-02-29"
    assert (rows[1]["Status"], rows[1]["Kind"], rows[1]["Partner since"]) == (
        "Archived", "Organisation", "")


def test_contacts_file(group, tmp_path):
    path = tmp_path / "contacts.csv"
    assert export_csv("contacts", path) == 3
    rows = check_file(path, CONTACT_HEADER)
    people = [c for key in ("hostile", "archived")
              for c in ContactPerson.select().where(ContactPerson.partner == group[key])
              .order_by(ContactPerson.position, ContactPerson.id)]
    assert [restored(row) for row in rows] == [contact_fields(c) for c in people]
    assert [row["Name"] for row in rows] == ["Jean Lefèvre", "'-Minus Person", "Ann Baker"]
    assert [row["Primary"] for row in rows] == ["no", "yes", "yes"]
    assert "Hidden" not in path.read_text(encoding="utf-8-sig")


def test_contributions_file(group, tmp_path):
    path = tmp_path / "contributions.csv"
    assert export_csv("contributions", path) == 6
    rows = check_file(path, CONTRIBUTION_HEADER)
    everything = sorted(Contribution.select(), key=lambda c: (iso(c.date), c.id))
    assert [restored(row) for row in rows] == [contribution_fields(c) for c in everything]
    by_id = {row["ID"]: row for row in rows}
    uuid = lambda key: Contribution.get_by_id(group[key]).uuid  # noqa: E731
    cash = by_id[uuid("cash")]
    assert (cash["Amount"], cash["Advantage"], cash["Still to come"], cash["Hours"]) == (
        "1234.56", "10.00", "0.00", "")
    assert (cash["Payment method"], cash["Date"], cash["Contact person"]) == (
        "Cheque", "2025-03-10", "'-Minus Person")
    time = by_id[uuid("in_kind")]
    assert (time["Amount"], time["Hours"], time["Family"], time["Kind"]) == (
        "0.00", "2.33", "Gift in kind", "Service / labour")
    pledge, payment = by_id[uuid("pledge")], by_id[uuid("payment")]
    assert (pledge["Status"], pledge["Amount"], pledge["Still to come"],
            pledge["Expected by"]) == ("Pledged", "2000.00", "1250.00", "2026-01-15")
    assert (payment["Pledge ID"], payment["Thanked on"]) == (uuid("pledge"), "2025-06-10")
    big = by_id[uuid("matching")]
    assert (big["Amount"], big["Credited to"], big["Partner"]) == (
        "12345678.90", 'Émile Côté, "Ti-Mile"', "Aardvark Bakery")
    # the erased partner's gift stays in the accounts, without what identified it
    secret = by_id[uuid("secret")]
    assert (secret["Partner"], secret["What was given"], secret["Amount"]) == (
        partners.ERASED_NAME, "", "40.00")
    raw = path.read_bytes().decode("utf-8-sig")
    assert ",1234.56," in raw and ",12345678.90," in raw and '"2025-03-10"' in raw


def test_money_is_written_the_same_whatever_the_language(group, tmp_path):
    """A French partner's amounts are still 1234.56 (never "1 234,56 $") so that a
    spreadsheet reads them as numbers in any locale."""
    path = tmp_path / "c.csv"
    export_csv("contributions", path)
    raw = path.read_bytes().decode("utf-8-sig")
    assert "$" not in raw and "1 234" not in raw and "1,234" not in raw


# Cells meant to do harm


def test_hostile_cells_are_neutralised_and_restored_exactly(group, tmp_path):
    hostile = Partner.get_by_id(group["hostile"])
    typed = {**HOSTILE_PARTNER, **RAW_PARTNER, "phone": hostile.phone}
    assert hostile.phone == "+442079460958"
    files = {what: tmp_path / f"{what}.csv" for what in ("partners", "contacts",
                                                          "contributions")}
    for what, path in files.items():
        export_csv(what, path)

    # partners: every hostile cell starts with one more apostrophe, and restore undoes it
    row = next(r for r in read_raw(files["partners"]) if r[0] == hostile.uuid)
    cells = dict(zip(PARTNER_HEADER, row, strict=True))
    titles = {"name": "Name", "city": "City", "strengths": "Strengths", "notes": "Notes",
              "shared_goal": "Shared goal", "email": "Email", "phone": "Phone",
              "address_line1": "Address line 1", "address_line2": "Address line 2",
              "website": "Website"}
    for field, title in titles.items():
        original = getattr(hostile, field)
        assert original == typed[field], field  # stored as it came
        assert cells[title] == "'" + original, (title, cells[title])
        assert restore(cells[title]) == original

    contact = ContactPerson.get(ContactPerson.name == "-Minus Person")
    row = next(r for r in read_raw(files["contacts"]) if r[2] == "'-Minus Person")
    cells = dict(zip(CONTACT_HEADER, row, strict=True))
    assert cells["Partner"] == "'" + hostile.name
    for field, title in (("name", "Name"), ("role", "Role"), ("salutation", "Salutation")):
        assert cells[title] == "'" + getattr(contact, field)
        assert restore(cells[title]) == HOSTILE_CONTACT[field]

    rows = {r[0]: dict(zip(CONTRIBUTION_HEADER, r, strict=True))
            for r in read_raw(files["contributions"])[1:]}
    cash = rows[Contribution.get_by_id(group["cash"]).uuid]
    expected = {"For": HOSTILE_CASH["purpose"], "Reference": HOSTILE_CASH["reference"],
                "Advantage description": HOSTILE_CASH["advantage_description"],
                "Notes": "\t\r=x", "Partner": hostile.name, "Contact person": contact.name}
    for title, original in expected.items():
        assert cash[title] == "'" + original, (title, cash[title])
        assert restore(cash[title]) == original
    gift = rows[Contribution.get_by_id(group["in_kind"]).uuid]
    for title, original in (("What was given", HOSTILE_IN_KIND["description"]),
                            ("Valued by", HOSTILE_IN_KIND["valued_by"]),
                            ("For", HOSTILE_IN_KIND["purpose"])):
        assert gift[title] == "'" + original
        assert restore(gift[title]) == original

    # and nowhere in any file does a text cell start as a formula would
    for path in files.values():
        for row in read_raw(path):
            assert not [cell for cell in row if cell.startswith(FORMULA)], row


def test_plain_text_is_never_changed():
    for text in ("", "Lions Club", "Émile", " =not first", "a=b", "1+1", "12-3", "x@y.ca",
                 "Quincaillerie Lefèvre", "50 %", "#1"):
        assert neutralise(text) == text
        assert restore(text) == text


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\tx", "\r\n", "'", "''",
                                  "'=1", "=", "-", "\t", "\r"])
def test_neutralise_examples(text):
    cell = neutralise(text)
    assert cell == "'" + text
    assert restore(cell) == text


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
RISKY = st.builds(lambda start, rest: start + rest,
                  st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "''", "'=", ""]), TEXT)


@settings(derandomize=True, database=None, max_examples=500)
@given(st.one_of(TEXT, RISKY))
def test_restore_gives_back_exactly_what_was_neutralised(text):
    assert restore(neutralise(text)) == text


@settings(derandomize=True, database=None, max_examples=500)
@given(st.one_of(TEXT, RISKY))
def test_a_neutralised_cell_never_starts_as_a_formula(text):
    cell = neutralise(text)
    assert not cell.startswith(FORMULA)
    assert cell == text or cell == "'" + text


@settings(max_examples=40, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(RISKY, TEXT).map(lambda s: s.replace("\x00", "")))
def test_any_text_survives_the_file(store, tmp_path, text):
    """Whatever a note holds, the file read back as a spreadsheet would gives a cell that is
    not a formula and that `restore` turns back into the note."""
    if not Partner.select().exists():
        partners.save_partner({"kind": "organisation", "name": "Lions Club",
                               "sector": "voluntary", "partnership_type": "casual",
                               "status": "active", "language": "en"}, [])
    Partner.update(notes=text).execute()
    path = tmp_path / "p.csv"
    assert export_csv("partners", path) == 1
    header, row = read_raw(path)
    cell = row[header.index("Notes")]
    assert not cell.startswith(FORMULA)
    assert restore(cell) == text


# A list's rows, in the list's order


def test_ids_give_those_rows_in_that_order(group, tmp_path):
    path = tmp_path / "some.csv"
    order = [group["plain"], group["hostile"]]
    assert export_csv("partners", path, ids=order) == 2
    rows = check_file(path, PARTNER_HEADER)
    assert [row["ID"] for row in rows] == [Partner.get_by_id(pid).uuid for pid in order]

    # an erased partner is left out even when asked for; an unknown id gives nothing
    assert export_csv("partners", path, ids=[group["erased"], 99999]) == 0
    assert read_raw(path) == [PARTNER_HEADER]
    assert export_csv("contacts", path, ids=[group["erased"]]) == 0

    # contacts: the partners' ids, each partner's people together in their order
    assert export_csv("contacts", path, ids=[group["hostile"], group["archived"]]) == 3
    rows = check_file(path, CONTACT_HEADER)
    assert [restore(row["Name"]) for row in rows] == ["Jean Lefèvre", "-Minus Person",
                                                      "Ann Baker"]

    chosen = [group["payment"], group["secret"], group["cash"]]
    assert export_csv("contributions", path, ids=chosen) == 3
    rows = check_file(path, CONTRIBUTION_HEADER)
    assert [row["ID"] for row in rows] == [Contribution.get_by_id(c).uuid for c in chosen]
    assert export_csv("contributions", path, ids=[]) == 0
    assert read_raw(path) == [CONTRIBUTION_HEADER]


@pytest.fixture
def sampled(store):
    sample_data.fill_sample(150, 1300, seed=5, today=TODAY)


def test_a_whole_sample_matches_its_records(sampled, tmp_path):
    path = tmp_path / "all.csv"
    assert export_csv("contributions", path) == Contribution.select().count() == 1300
    rows = check_file(path, CONTRIBUTION_HEADER)
    records = sorted(Contribution.select(), key=lambda c: (iso(c.date), c.id))
    assert [restored(row) for row in rows] == [contribution_fields(c) for c in records]
    total = sum(Decimal(row["Amount"]) for row in rows)
    assert total == Decimal(sum(c.amount_cents for c in records)) / 100

    assert export_csv("partners", path) == 150
    rows = check_file(path, PARTNER_HEADER)
    listed = sorted(Partner.select(), key=lambda p: (p.sort_name, p.id))
    assert [restored(row) for row in rows] == [partner_fields(p) for p in listed]

    count = export_csv("contacts", path)
    assert count == ContactPerson.select().count() > 0
    assert len(check_file(path, CONTACT_HEADER)) == count


def test_a_long_chosen_list_keeps_its_order_across_batches(sampled, tmp_path):
    """More ids than SQLite takes in one query (batches of 500): the order given is kept."""
    ids = [c.id for c in Contribution.select(Contribution.id)]
    chosen = ids[::-1][:1100]
    chosen = chosen[::2] + chosen[1::2]  # not any order the data has
    path = tmp_path / "chosen.csv"
    assert export_csv("contributions", path, ids=chosen) == len(chosen)
    uuids = {c.id: c.uuid for c in Contribution.select(Contribution.id, Contribution.uuid)}
    rows = read_raw(path)[1:]
    assert [row[0] for row in rows] == [uuids[c] for c in chosen]

    pids = [p.id for p in Partner.select(Partner.id).order_by(Partner.sort_name.desc())]
    assert export_csv("partners", path, ids=pids) == len(pids)
    by_id = {p.id: p.uuid for p in Partner.select()}
    assert [row[0] for row in read_raw(path)[1:]] == [by_id[p] for p in pids]


# Whole or not at all


def test_into_a_missing_folder_raises_and_leaves_nothing(group, tmp_path):
    target = tmp_path / "no such folder" / "partners.csv"
    with pytest.raises(FileNotFoundError):
        export_csv("partners", target)
    assert not target.parent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_failure_while_writing_keeps_the_older_file(group, tmp_path):
    target = tmp_path / "out" / "contributions.csv"
    target.parent.mkdir()
    target.write_text("the older export", encoding="utf-8")
    with pytest.raises((sqlite3.Error, peewee.PeeweeException)):
        # the header is written, then the query for an id SQLite cannot take fails
        export_csv("contributions", target, ids=[group["cash"], object()])
    assert target.read_text(encoding="utf-8") == "the older export"
    assert [p.name for p in target.parent.iterdir()] == ["contributions.csv"]


def test_over_a_folder_raises_and_leaves_no_partial_file(group, tmp_path):
    target = tmp_path / "out" / "partners.csv"
    target.mkdir(parents=True)
    (target / "mine.txt").write_text("keep")
    with pytest.raises(OSError):
        export_csv("partners", target)
    assert [p.name for p in target.parent.iterdir()] == ["partners.csv"]
    assert (target / "mine.txt").read_text() == "keep"


def test_an_unknown_list_is_refused_before_anything_is_written(group, tmp_path):
    with pytest.raises(ValueError, match="partners, contacts, contributions"):
        export_csv("donors", tmp_path / "donors.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_new_export_replaces_the_older_one_whole(group, tmp_path):
    target = tmp_path / "partners.csv"
    target.write_text("old,file\n" * 1000, encoding="utf-8")
    assert export_csv("partners", target) == 3
    assert len(read_raw(target)) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "partners.csv"]


def test_excel_in_french_gets_semicolons_and_decimal_commas(group, tmp_path):
    path = tmp_path / "fr.csv"
    assert export_csv("contributions", path, flavour="excel_fr") == 6
    raw = path.read_bytes().decode("utf-8-sig")
    header = raw.splitlines()[0]
    assert header.startswith("ID;Partner ID;Partner;Contact person;Family")
    assert ";1234,56;" in raw and ";12345678,90;" in raw and "1234.56" not in raw
    # read back by the import, amounts and all
    from cars_desktop.exchange.importer import make_plan, open_file

    table, known, mapping = open_file(path)
    assert table.delimiter == ";" and known is not None and known.code == "cars"
    plan = make_plan(table, mapping, known, path.name)
    assert 123456 in {row.amount_cents for row in plan.rows}


def test_the_export_menu_offers_excel_in_french(qtbot, window, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

    from helpers import menu_action

    target = tmp_path / "gifts.csv"

    def pick():
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QFileDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, pick)
            return
        assert len(dialog.nameFilters()) == 2
        dialog.selectNameFilter(dialog.nameFilters()[1])  # Excel in French
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(target))
        dialog.accept()
    QTimer.singleShot(20, pick)
    menu_action(window, "Reports › Export all contributions (CSV)…").trigger()
    assert target.read_bytes().decode("utf-8-sig").startswith("ID;Partner ID;")
