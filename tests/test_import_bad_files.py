"""Files that are wrong on purpose (missing, empty, a picture, cut-off or damaged
workbooks, huge cells, too many rows), a failed commit that writes nothing, and fuzzing the
reader and the planner."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cars_desktop.exchange import importer, reader
from cars_desktop.exchange.formats import (
    find_header,
)
from cars_desktop.exchange.importer import (
    ERROR,
    SKIPPED,
    ImportProblem,
    commit,
)
from cars_desktop.exchange.reader import ReadError, Table, read_table
from cars_desktop.store.models import Contribution
from import_kit import (
    TODAY,
    counts,
    give,
    partner_named,
    person,
    plan_for,
    workbook,
    write_csv,
)

# Files that are wrong


def test_missing_file(tmp_path):
    with pytest.raises(ReadError, match="cannot be opened"):
        read_table(tmp_path / "nothere.csv")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="is empty"):
        read_table(path)
    path.write_bytes(b"\r\n\r\n")
    with pytest.raises(ReadError):
        read_table(path)


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def test_a_picture_is_not_a_spreadsheet(tmp_path):
    path = tmp_path / "logo.csv"
    path.write_bytes(PNG)
    with pytest.raises(ReadError, match="binary data"):
        read_table(path)


def test_truncated_workbook(tmp_path):
    raw = workbook(tmp_path / "whole.xlsx").read_bytes()
    for cut in (4, 100, len(raw) // 2, len(raw) - 22, len(raw) - 1):
        path = tmp_path / f"cut{cut}.xlsx"
        path.write_bytes(raw[:cut])
        with pytest.raises(ReadError, match="cannot be read"):
            read_table(path)


def test_workbook_with_a_damaged_sheet(tmp_path):
    raw = workbook(tmp_path / "whole.xlsx")
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[:len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(ReadError):
        read_table(damaged)


@pytest.mark.parametrize("name", ["dons.ods", "dons.xls", "dons.csv"])
def test_other_zip_files_are_refused_plainly(tmp_path, name):
    """A LibreOffice .ods, or an .xlsx saved under another name, is a zip file too."""
    path = tmp_path / name
    if name.endswith(".ods"):
        with zipfile.ZipFile(path, "w") as ods:
            ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            ods.writestr("content.xml", "<office:document-content/>")
    else:
        shutil.copy(workbook(tmp_path / "real.xlsx"), path)
    with pytest.raises(ReadError):
        read_table(path)


def test_a_huge_cell_or_unclosed_quote(tmp_path):
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b'Name,Date,Amount,Notes\r\nAnn,2026-01-01,5,"' + b"x" * 10_000_000 +
                     b'"\r\n')
    with pytest.raises(ReadError, match="longer than 100,000 characters"):
        read_table(huge)
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_bytes(b'Name,Date,Amount\r\nAnn,2026-01-01,"5\r\n' +
                         b"Bob,2026-01-02,6\r\n" * 20_000)
    with pytest.raises(ReadError, match="quote"):
        read_table(unclosed)


def test_too_many_rows(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 50)
    path = write_csv(tmp_path / "long.csv", [["Name", "Date", "Amount"]] +
                     [[f"P{n}", "2026-01-01", str(n + 1)] for n in range(60)])
    with pytest.raises(ReadError, match="more than 50 rows"):
        read_table(path)
    book = openpyxl.Workbook()
    book.active.append(["Name", "Date", "Amount"])
    for n in range(60):
        book.active.append([f"P{n}", dt.date(2026, 1, 1), n + 1])
    book.save(tmp_path / "long.xlsx")
    with pytest.raises(ReadError, match="more than 50 rows"):
        read_table(tmp_path / "long.xlsx")


def test_too_large_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_bytes(b"Name,Amount\r\n" + b"Ann,5\r\n" * 200)
    with pytest.raises(ReadError, match="too large"):
        read_table(path)


def test_only_a_header_or_no_header(store, tmp_path):
    path = write_csv(tmp_path / "header.csv", [["Name", "Date", "Amount"]])
    plan = plan_for(path)
    assert plan.rows == []
    before = counts()
    with pytest.raises(ImportProblem, match="nothing to import"):
        commit(plan, backup_folder=store.backup_dir)
    assert counts() == before
    assert not store.backup_dir.exists() or not list(store.backup_dir.iterdir())
    text = tmp_path / "letter.txt"
    text.write_text("Dear friends,\nthank you.\n")
    with pytest.raises(ReadError, match="No row of headers"):
        read_table(text)


def test_a_failed_commit_writes_nothing(store, tmp_path):
    """A gift that the database refuses halfway through (its ID already taken by a partner's
    gift in the same folder) takes every row with it."""
    person("Ann Smith")
    plan = plan_for(write_csv(tmp_path / "two.csv", [
        ["Name", "Date", "Amount"], ["Ann Smith", "2026-01-01", "5"],
        ["Bob Jones", "2026-01-02", "6"]]))
    taken = give(partner_named("Ann Smith").id, amount="7.00")
    plan.rows[1].values["uuid"] = Contribution.get_by_id(taken).uuid
    before = counts()
    with pytest.raises(Exception):  # noqa: B017 - which error does not matter here
        commit(plan)
    assert counts() == before


# Fuzzing the reader and the planner


# The same examples on every run (a failure is a bug, never bad luck), and none kept on disk.
FUZZ = settings(max_examples=100, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
# starts that take the reader down its other paths: byte-order marks, a header, a zip file
PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"Name,Date,Amount\r\n",
            b"Nom;Date;Montant\n", b"\"a\",\"b\"\n", b"PK\x03\x04"]


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=3000))
def test_fuzz_any_bytes(tmp_path, prefix, body):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(prefix + body)
    try:
        table = read_table(path)
    except ReadError as err:
        assert str(err)
        return
    assert isinstance(table, Table)
    assert len(table.rows) == len(table.lines)
    assert all(len(row) == len(table.headers) for row in table.rows)


CSV_TEXT = st.text(alphabet=st.sampled_from(list("ab1 2,;\t\"'\r\n=-éÉ$.") + ["\u00a0"]),
                   max_size=400)


@FUZZ
@given(text=CSV_TEXT, encoding=st.sampled_from(["utf-8", "windows-1252", "utf-16"]))
def test_fuzz_csv_like_text(tmp_path, text, encoding):
    path = tmp_path / "fuzz.csv"
    path.write_bytes(text.encode(encoding))
    try:
        table = read_table(path, header_finder=find_header)
    except ReadError as err:
        assert str(err)
        return
    assert len(table.rows) == len(table.lines)
    assert table.lines == sorted(set(table.lines))


@pytest.fixture(scope="module")
def good_workbook(tmp_path_factory) -> Path:
    return workbook(tmp_path_factory.mktemp("book") / "dons.xlsx")


@FUZZ
@given(data=st.data())
def test_fuzz_damaged_workbooks(tmp_path, good_workbook, data):
    raw = bytearray(good_workbook.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] = data.draw(st.integers(0, 255))
    path = tmp_path / "fuzz.xlsx"
    path.write_bytes(bytes(raw))
    try:
        read_table(path)
    except ReadError:
        pass


CELL = st.one_of(
    st.text(max_size=12),
    st.from_regex(r"\A\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\Z"),
    st.from_regex(r"\A(March|mars|Jan|déc\.?) \d{1,12},? \d{1,12}\Z"),
    st.from_regex(r"\A-?\$?\d{1,3}([ ,.]\d{3})*([.,]\d{1,3})?( \$)?\Z"),
    st.sampled_from(["", "CAD", "USD", "Completed", "Pending", "a@b.ca", "=1+1"]),
)


@FUZZ
@given(rows=st.lists(st.lists(CELL, min_size=5, max_size=5), min_size=1, max_size=8))
def test_fuzz_plans(store, tmp_path, rows):
    path = write_csv(tmp_path / "fuzz.csv", [["Name", "Date", "Amount", "Currency", "Email"],
                                             *rows])
    try:
        plan = plan_for(path)
    except (ReadError, ImportProblem) as err:
        assert str(err)
        return
    for row in plan.rows:
        assert row.action in importer.ACTIONS
        assert row.action not in (ERROR, SKIPPED) or row.why
        if row.writes:
            assert row.date <= TODAY and row.amount_cents >= 0 and row.partner_name


