"""Importing, the reading: the donation platforms' own exports (CanadaHelps, PayPal,
Benevity) and a French Excel CSV from tests/import_samples/, workbooks, encodings; recognising
formats and guessing columns; dates as files write them."""

from __future__ import annotations

import datetime as dt

import pytest

from cars_desktop.exchange.dates import parse_date
from cars_desktop.exchange.formats import find_header, mapping_for
from cars_desktop.exchange.importer import (
    ERROR,
    NEW,
    ImportProblem,
    open_file,
    remember_mapping,
)
from cars_desktop.exchange.platforms import (
    BENEVITY,
    CANADAHELPS,
    OWN_EXPORT,
    PAYPAL,
    recognise,
)
from cars_desktop.exchange.reader import ReadError, read_table
from import_kit import (
    BENEVITY_FILE,
    CANADAHELPS_FILE,
    FRENCH_FILE,
    PAYPAL_FILE,
    by_line,
    plan_for,
    workbook,
    write_csv,
)

# Reading files


def test_canadahelps_file_is_read_with_its_quoted_line_break():
    table = read_table(CANADAHELPS_FILE)
    assert table.encoding == "utf-8" and table.delimiter == ","
    assert table.headers[:3] == ["TRANSACTION NUMBER", "DONATION DATE", "DONOR FIRST NAME"]
    assert len(table.rows) == 4
    # the message on the second gift spans lines 3 and 4: the next gift is on line 5
    assert table.lines == [2, 3, 5, 6]
    message = table.rows[1][table.headers.index("MESSAGE TO CHARITY")]
    assert message.splitlines() == ["In memory of my mother,", "Margaret Smith"]


def test_paypal_file_with_byte_order_mark():
    table = read_table(PAYPAL_FILE)
    assert table.encoding == "utf-8-sig"
    assert table.headers[0] == "Date"  # no stray BOM glued to the first header
    assert table.rows[0][table.headers.index("Gross")] == "1,234.56"
    assert table.lines == [2, 3, 4, 5, 6]


def test_benevity_title_lines_are_skipped():
    table = read_table(BENEVITY_FILE, header_finder=find_header)
    assert table.skipped_before == 8  # title, charity, ID, period, currency, method, ID, blank
    assert table.headers[0] == "Company"
    assert table.headers[-5] == "Total Donation to be Acknowledged"
    assert table.lines[0] == 10
    assert table.rows[0][:5] == ["Telus", "Riverbend Community Food Centre",
                                 "2026-01-15T18:03:33Z", "Priya", "Sharma"]


def test_windows_1252_french_excel_file():
    raw = FRENCH_FILE.read_bytes()
    assert "Brûlé".encode("cp1252") in raw and "Brûlé".encode() not in raw  # not UTF-8
    table = read_table(FRENCH_FILE)
    assert table.encoding == "windows-1252" and table.delimiter == ";"
    assert table.headers == ["Nom", "Courriel", "Date", "Montant", "Fonds"]
    assert table.rows[0] == ["Marie-Hélène Brûlé", "mh.brule@example.ca", "15/03/2026",
                             "1 234,56", "Banque alimentaire"]
    assert table.rows[1][4] == "Déjeuners à l'école"
    assert table.rows[3][3] == "2\u00a0500,00"  # Excel's non-breaking thousands space


def test_utf8_is_tried_strictly_before_windows_1252(tmp_path):
    path = write_csv(tmp_path / "utf8.csv", [["Nom", "Montant"], ["Hélène Côté", "5"]])
    table = read_table(path)
    assert table.encoding == "utf-8" and table.rows == [["Hélène Côté", "5"]]
    # 0x81 has no character in Windows-1252: latin-1 reads every byte
    odd = tmp_path / "odd.csv"
    odd.write_bytes(b"Name,Amount\r\nCaf\xe9 \x81,5\r\n")
    assert read_table(odd).encoding == "latin-1"
    assert read_table(odd).rows[0][0] == "Caf\xe9 \x81"


def test_chosen_encoding(tmp_path):
    forced = read_table(FRENCH_FILE, encoding="windows-1252")
    assert forced.encoding == "windows-1252" and forced.rows[0][0] == "Marie-Hélène Brûlé"
    with pytest.raises(ReadError, match="is not in utf-8. Choose another encoding"):
        read_table(FRENCH_FILE, encoding="utf-8")
    with pytest.raises(ReadError, match="not in klingon"):
        read_table(FRENCH_FILE, encoding="klingon")


def test_utf16_tab_separated_unicode_text_from_excel(tmp_path):
    path = tmp_path / "unicode.txt"
    path.write_bytes("Nom\tDate\tMontant\r\nÉlise Thériault\t2026-01-02\t5,00\r\n"
                     .encode("utf-16"))
    table = read_table(path)
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    assert table.rows == [["Élise Thériault", "2026-01-02", "5,00"]]


def test_blank_lines_and_short_rows(tmp_path):
    path = tmp_path / "short.csv"
    path.write_bytes(b"Name,Date,Amount,Notes\r\n\r\nAnn,2026-01-02,5\r\n ,  , \r\n"
                     b"Bob,2026-01-03,6,hi,extra\r\n")
    table = read_table(path)
    # an extra cell is kept, for the import to report (a comma inside an amount?)
    assert table.rows == [["Ann", "2026-01-02", "5", ""],
                          ["Bob", "2026-01-03", "6", "hi", "extra"]]
    assert table.lines == [3, 5]


def test_workbook_sheets_dates_and_amounts(tmp_path):
    path = workbook(tmp_path / "dons.xlsx")
    table = read_table(path, header_finder=find_header)
    assert table.sheets == ["Dons 2026", "Dons 2025"] and table.sheet == "Dons 2026"
    assert table.skipped_before == 1 and table.headers == ["Donor", "Email", "Date", "Amount",
                                                           "Fund"]
    assert table.rows == [
        ["Ferme Dubois", "info@fermedubois.ca", "2026-03-04", "1234.56", "Banque alimentaire"],
        ["Lions Club of Sussex", "", "2026-03-14", "250", "Hampers"],
        ["Gérard Léger", "gerard@example.ca", "2026-04-01T14:30:00", "19.99", ""],
        ["Hélène Côté", "", "2026-05-02", "75", "Noël"],
    ]
    assert table.lines == [3, 4, 5, 7]  # sheet rows, the empty one left out
    other = read_table(path, sheet="Dons 2025")
    assert other.sheet == "Dons 2025" and other.rows == [["Ferme Dubois", "2025-12-24", "500.5"]]


# Recognising formats and guessing columns


def test_platforms_are_recognised_by_their_headers():
    assert recognise(read_table(CANADAHELPS_FILE).headers) is CANADAHELPS
    assert recognise(read_table(PAYPAL_FILE).headers) is PAYPAL
    assert recognise(read_table(BENEVITY_FILE, header_finder=find_header).headers) is BENEVITY
    assert recognise(read_table(FRENCH_FILE).headers) is None
    own = ["ID", "Partner ID", "Partner", "Contact person", "Family", "Kind", "Status", "Amount",
           "Date", "Reference"]
    assert recognise(own) is OWN_EXPORT
    # header case and accents do not matter
    assert recognise([h.lower() for h in read_table(CANADAHELPS_FILE).headers]) is CANADAHELPS


@pytest.mark.parametrize("headers, expected", [
    (["Prénom", "Nom de famille", "Entreprise", "Adresse courriel", "Téléphone", "Code postal",
      "Ville", "Montant du don", "Date du don", "No de reçu", "Campagne", "Commentaire"],
     ["first_name", "last_name", "company", "email", "phone", "postal_code", "city", "amount",
      "date", "reference", "purpose", "notes"]),
    (["Nom", "Courriel", "Date", "Montant", "Fonds"],
     ["partner_name", "email", "date", "amount", "purpose"]),
    (["Donor Name", "E-mail", "Gift Date", "Gift Amount", "Cheque #", "Fund", "Street Address",
      "Province/State", "Phone Number", "Organization", "Comments"],
     ["partner_name", "email", "date", "amount", "reference", "purpose", "address_line1",
      "province", "phone", "company", "notes"]),
    (["Nom", "Adresse e-mail", "Date", "Montant"], ["partner_name", "email", "date", "amount"]),
    (["Name", "Name", "Amount", "Date", "Whatever"],
     ["partner_name", "", "amount", "date", ""]),  # one column per field: the first wins
])
def test_columns_guessed_from_english_and_french_headers(headers, expected):
    assert mapping_for(headers) == expected


def test_platform_mapping():
    table = read_table(PAYPAL_FILE)
    mapping = dict(zip(table.headers, mapping_for(table.headers, PAYPAL), strict=True))
    assert mapping["Gross"] == "amount" and mapping["Fee"] == "fee" and mapping["Net"] == "net"
    assert mapping["From Email Address"] == "email" and mapping["To Email Address"] == ""
    assert mapping["Transaction ID"] == "reference" and mapping["Status"] == "status"


def test_find_header_skips_a_report_title():
    rows = [["Donations Report"], ["Charity Name", "Riverbend"], [""],
            read_table(BENEVITY_FILE, header_finder=find_header).headers]
    assert find_header(rows) == 3
    assert find_header([["Title"], ["a", "b"]]) == 1
    assert find_header([["only one"], [""]]) is None


def test_a_corrected_mapping_is_remembered(store):
    table, known, mapping = open_file(FRENCH_FILE)
    assert known is None and mapping == ["partner_name", "email", "date", "amount", "purpose"]
    remember_mapping(table.headers, ["partner_name", "email", "date", "amount", "notes"])
    assert open_file(FRENCH_FILE)[2] == ["partner_name", "email", "date", "amount", "notes"]
    # a known platform's own columns are never replaced by a remembered guess
    headers = read_table(PAYPAL_FILE).headers
    remember_mapping(headers, [""] * len(headers))
    assert open_file(PAYPAL_FILE)[2] == mapping_for(headers, PAYPAL)


# Dates


@pytest.mark.parametrize("text, order, expected", [
    ("2026-03-04", "ymd", dt.date(2026, 3, 4)),
    ("2026/3/4", "dmy", dt.date(2026, 3, 4)),
    ("2026-01-15T18:03:33Z", "ymd", dt.date(2026, 1, 15)),
    ("04/03/2026", "dmy", dt.date(2026, 3, 4)),
    ("04/03/2026", "mdy", dt.date(2026, 4, 3)),
    ("15.03.2026", "dmy", dt.date(2026, 3, 15)),
    ("5 mars 2026", "ymd", dt.date(2026, 3, 5)),
    ("1er mai 2026", "ymd", dt.date(2026, 5, 1)),
    ("March 5, 2026", "ymd", dt.date(2026, 3, 5)),
    ("17 février 2026", "ymd", dt.date(2026, 2, 17)),
])
def test_parse_date(text, order, expected):
    assert parse_date(text, order) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "31/02/2026", "2026-13-01", "Mar 32 2026",
                                  "March 5 99999999999", "5 March 20260"])
def test_unreadable_dates_are_value_errors(text):
    with pytest.raises(ValueError, match="is not a date this import can read"):
        parse_date(text, "dmy")


def test_a_date_with_a_runaway_year_is_an_error_row(store, tmp_path):
    """A typing slip in one date cell is that row's error, never the end of the plan."""
    path = write_csv(tmp_path / "slip.csv", [
        ["Name", "Date", "Amount"], ["Ann Smith", "March 5 20266666666", "10"],
        ["Bob Jones", "2026-03-06", "20"]])
    rows = by_line(plan_for(path))
    assert rows[2].action == ERROR and "not a date" in rows[2].why
    assert rows[3].action == NEW


def test_ambiguous_dates_ask_for_the_order(store, tmp_path):
    path = write_csv(tmp_path / "ambiguous.csv", [
        ["Name", "Date", "Amount"], ["Ann Smith", "03/04/2026", "10"],
        ["Bob Jones", "05/06/2026", "20"]])
    plan = plan_for(path)
    assert plan.needs_date_order
    assert not plan_for(path, date_order="dmy").needs_date_order
    assert [r.date for r in plan_for(path, date_order="dmy").rows] == [
        dt.date(2026, 4, 3), dt.date(2026, 6, 5)]
    assert [r.date for r in plan_for(path, date_order="mdy").rows] == [
        dt.date(2026, 3, 4), dt.date(2026, 5, 6)]
    iso = write_csv(tmp_path / "iso.csv", [["Name", "Date", "Amount"],
                                           ["Ann Smith", "2026-03-04", "10"]])
    assert not plan_for(iso).needs_date_order


def test_day_first_and_month_first_mixed_is_refused(store, tmp_path):
    path = write_csv(tmp_path / "mixed.csv", [
        ["Name", "Date", "Amount"], ["Ann Smith", "15/03/2026", "10"],
        ["Bob Jones", "03/16/2026", "20"]])
    with pytest.raises(ImportProblem, match="both day first and month first"):
        plan_for(path)


def test_a_file_without_the_needed_columns_is_refused(store, tmp_path):
    no_amount = write_csv(tmp_path / "a.csv", [["Name", "Date"], ["Ann", "2026-01-01"]])
    with pytest.raises(ImportProblem, match="which column holds an amount"):
        plan_for(no_amount)
    no_date = write_csv(tmp_path / "b.csv", [["Name", "Amount"], ["Ann", "5"]])
    with pytest.raises(ImportProblem, match="which column holds a date"):
        plan_for(no_date)
    no_name = write_csv(tmp_path / "c.csv", [["Date", "Amount"], ["2026-01-01", "5"]])
    with pytest.raises(ImportProblem, match="who gave"):
        plan_for(no_name)


