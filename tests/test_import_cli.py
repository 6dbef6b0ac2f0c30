"""`cars-desktop import`: run in-process through `cli.main` (and as a real subprocess for the
exit codes a script sees) over a real data folder, with the sample files of
tests/import_samples/. The folder is read back with sqlite3 after each run: a dry run, a refusal
or a question about dates leaves its bytes as they were."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from cars_desktop import cli
from cars_desktop.store import database, partners

SAMPLES = Path(__file__).parent / "import_samples"
CANADAHELPS_FILE = SAMPLES / "canadahelps_donations.csv"
PAYPAL_FILE = SAMPLES / "paypal_activity.csv"
BENEVITY_FILE = SAMPLES / "benevity_report.csv"
FRENCH_FILE = SAMPLES / "excel_fr_windows1252.csv"


def run_import(data_dir, *args) -> int:
    return cli.main(["import", *map(str, args), "--data-dir", str(data_dir)])


@pytest.fixture
def folder(data_dir) -> Path:
    """A data folder with one partner already in it, closed as the app leaves it."""
    with database.open_store(data_dir):
        partners.save_partner({"kind": "person", "name": "Gerald Mackenzie",
                               "sector": "community", "partnership_type": "casual",
                               "status": "active", "language": "en"}, [])
    return data_dir


def state(data_dir) -> dict:
    """What is in the folder: row counts, the data file's bytes, the backups."""
    path = data_dir / database.DB_FILENAME
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # every change folded in on closing
    connection = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        found = {table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                 for table in ("partner", "contact_person", "contribution", "import_batch")}
    finally:
        connection.close()
    found["bytes"] = hashlib.sha256(path.read_bytes()).hexdigest()
    backups = data_dir / "backups"
    found["backups"] = sorted(p.name for p in backups.iterdir()) if backups.exists() else []
    return found


def query(data_dir, sql: str) -> list[tuple]:
    connection = sqlite3.connect(data_dir / database.DB_FILENAME)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_dry_run_prints_the_summary_and_writes_nothing(folder, capsys):
    before = state(folder)
    assert run_import(folder, PAYPAL_FILE, "--dry-run") == 0
    printed = capsys.readouterr()
    out = printed.out.splitlines()
    assert out[0] == "paypal_activity.csv: 5 rows read as PayPal activity download."
    # Gerald Mackenzie is already a partner: his gift is matched
    assert out[1].split() == ["new:", "1", "matched:", "1", "close", "names:", "0",
                              "waiting:", "1", "cancelling:", "0", "duplicates:", "0",
                              "not", "gifts:", "2", "skipped:", "0", "errors:", "0"]
    # the gift in US dollars waits for the Canadian dollars received
    assert "line 4 waits: given as 100.00 USD" in printed.out
    assert "1 row waits for an answer: import the file from the window" in printed.out
    assert out[-1] == "Nothing was written (--dry-run)."
    assert printed.err == ""  # a pending payment and a withdrawal are not gifts, not errors
    assert state(folder) == before


def test_import_writes_one_batch_after_a_backup(folder, capsys):
    assert run_import(folder, CANADAHELPS_FILE) == 0
    printed = capsys.readouterr()
    out = printed.out.splitlines()
    assert out[0] == "canadahelps_donations.csv: 4 rows read as CanadaHelps donation export."
    assert out[1].split()[:4] == ["new:", "4", "matched:", "0"]
    assert out[-1].startswith("Imported 4 gifts and 4 new partners (batch 1; backup first: "
                              "cars-desktop-before-import-")
    assert printed.err == ""
    after = state(folder)
    assert (after["partner"], after["contact_person"], after["contribution"],
            after["import_batch"]) == (5, 1, 4, 1)
    backup = [name for name in after["backups"] if "before-import" in name]
    assert len(backup) == 1 and backup[0] in out[-1]
    copy = sqlite3.connect(folder / "backups" / backup[0])
    try:
        assert copy.execute("SELECT COUNT(*) FROM contribution").fetchone()[0] == 0
    finally:
        copy.close()
    assert query(folder, "SELECT file_name, file_format, partners, contributions"
                         " FROM import_batch") == [("canadahelps_donations.csv", "canadahelps",
                                                    4, 4)]
    assert sorted(query(folder, "SELECT reference, amount_cents, date FROM contribution")) == [
        ("28741395", 5000, "2026-03-01"), ("28741512", 125000, "2026-03-02"),
        ("28742088", 50000, "2026-03-05"), ("28742301", 2500, "2026-03-08")]

    # the same file again adds nothing, and says so
    before = state(folder)
    assert run_import(folder, CANADAHELPS_FILE) == 2
    printed = capsys.readouterr()
    assert "duplicates: 4" in " ".join(printed.out.split())
    assert "There is nothing to import" in printed.err
    assert state(folder)["contribution"] == before["contribution"]
    assert state(folder)["import_batch"] == 1


def test_a_reports_trailer_is_checked_not_listed_as_errors(folder, capsys):
    assert run_import(folder, BENEVITY_FILE) == 0
    printed = capsys.readouterr()
    assert "3 rows read as Benevity" in printed.out  # the trailer's lines are no rows
    assert "The rows add up to the file's own total, $750.00." in printed.out
    assert printed.err == ""  # the report's totals, after its title lines, are no errors
    # three employees' gifts and two companies' matches
    assert query(folder, "SELECT COUNT(*), SUM(amount_cents) FROM contribution") == [
        (5, 75000)]


def test_ambiguous_dates_ask_for_dates_and_write_nothing(folder, tmp_path, capsys):
    path = tmp_path / "ambiguous.csv"
    path.write_text("Name,Date,Amount\r\nAnn Smith,03/04/2026,10\r\nBob Jones,05/06/2026,20\r\n")
    before = state(folder)
    assert run_import(folder, path) == 2
    printed = capsys.readouterr()
    assert "--dates dmy or --dates mdy" in printed.err
    assert "Imported" not in printed.out
    assert state(folder) == before

    assert run_import(folder, path, "--dates", "dmy") == 0
    capsys.readouterr()
    assert sorted(query(folder, "SELECT amount_cents, date FROM contribution")) == [
        (1000, "2026-04-03"), (2000, "2026-06-05")]


def test_mixed_date_orders_are_refused(folder, tmp_path, capsys):
    path = tmp_path / "mixed.csv"
    path.write_text("Name,Date,Amount\r\nAnn Smith,15/03/2026,10\r\nBob Jones,03/16/2026,20\r\n")
    before = state(folder)
    assert run_import(folder, path) == 2
    assert "both day first and month first" in capsys.readouterr().err
    assert state(folder) == before


def test_encoding_can_be_chosen(folder, capsys):
    before = state(folder)
    assert run_import(folder, FRENCH_FILE, "--encoding", "utf-8", "--dry-run") == 2
    assert capsys.readouterr().err.strip() == (
        "cars-desktop: The file excel_fr_windows1252.csv is not in utf-8. Choose another "
        "encoding.")
    assert state(folder) == before
    assert run_import(folder, FRENCH_FILE, "--encoding", "windows-1252") == 0
    assert "4 rows read as Spreadsheet (columns as chosen)" in capsys.readouterr().out
    assert sorted(query(folder, "SELECT p.name, c.amount_cents, c.date FROM contribution c"
                                " JOIN partner p ON p.id = c.partner_id")) == [
        ("Caisse populaire Évangéline", 25000, "2026-04-02"),
        ("Gérard Léger", 4000, "2026-02-28"),
        ("Hélène Côté", 250000, "2026-03-01"),
        ("Marie-Hélène Brûlé", 123456, "2026-03-15")]


def test_a_workbook_sheet_can_be_chosen(folder, tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.title = "Cette année"
    book.active.append(["Donor", "Date", "Amount"])
    book.active.append(["Ann Smith", dt.datetime(2026, 3, 1), 10.5])
    last = book.create_sheet("L'an dernier")
    last.append(["Donor", "Date", "Amount"])
    last.append(["Bob Jones", dt.datetime(2025, 3, 1), 1234.56])
    path = tmp_path / "dons.xlsx"
    book.save(path)
    assert run_import(folder, path, "--sheet", "L'an dernier") == 0
    capsys.readouterr()
    assert query(folder, "SELECT p.name, c.amount_cents, c.date FROM contribution c"
                         " JOIN partner p ON p.id = c.partner_id") == [
        ("Bob Jones", 123456, "2025-03-01")]


def test_a_picture_is_refused_plainly(folder, tmp_path, capsys):
    path = tmp_path / "logo.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    before = state(folder)
    assert run_import(folder, path) == 2
    err = capsys.readouterr().err
    assert err.startswith("cars-desktop: The file logo.png is not a spreadsheet or a CSV file")
    assert "Traceback" not in err
    assert state(folder) == before


def cars_desktop(*args) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key != database.DATA_DIR_ENV}
    return subprocess.run([sys.executable, "-m", "cars_desktop", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env)


def test_as_a_command(folder, tmp_path):
    missing = cars_desktop("import", tmp_path / "nothere.csv", "--data-dir", folder)
    assert missing.returncode == 2
    assert missing.stderr.strip() == ("cars-desktop: The file nothere.csv cannot be opened: "
                                      "No such file or directory.")
    # a new group previews against empty data, and nothing is created
    no_data = cars_desktop("import", PAYPAL_FILE, "--dry-run", "--data-dir", tmp_path / "none")
    assert no_data.returncode == 0 and "Nothing was written" in no_data.stdout
    assert not (tmp_path / "none").exists()
    assert not (tmp_path / "none").exists()

    done = cars_desktop("import", PAYPAL_FILE, "--data-dir", folder)
    assert done.returncode == 0, done.stderr
    assert "Imported 2 gifts and 1 new partner (batch 1;" in done.stdout
    assert "line 4 waits:" in done.stdout and done.stderr == ""
    assert query(folder, "SELECT COUNT(*) FROM contribution") == [(2,)]


def test_counts_in_plain_words(folder, tmp_path, capsys):
    """One gift is one gift: "1 new partner", not "1 new partners"."""
    assert run_import(folder, PAYPAL_FILE) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("Imported 2 gifts and 1 new partner (batch 1; backup first: "), last
    path = tmp_path / "one.csv"
    path.write_text("Name,Date,Amount\r\nAnn Smith,2026-03-01,10\r\n")
    assert run_import(folder, path) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last.startswith("Imported 1 gift and 1 new partner (batch 2; "), last


def test_the_row_of_column_names_is_chosen(folder, tmp_path, capsys):
    path = tmp_path / "supper.csv"
    path.write_text("Spring supper 2026,Riverbend hall,\nName,Date,Amount\n"
                    "Anne Roy,2026-03-01,5\n", "utf-8")
    assert run_import(folder, path, "--dry-run", "--header-row", "2") == 0
    out = capsys.readouterr().out
    assert "supper.csv: 1 row read as Spreadsheet (columns as chosen)." in out
    assert "new: 1" in " ".join(out.split())
