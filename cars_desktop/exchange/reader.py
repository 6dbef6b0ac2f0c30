"""Reading a spreadsheet file into rows of text: CSV with any common delimiter and encoding,
or an Excel workbook. Every problem ends as a `ReadError` in plain words, never a crash or a
hang: the file's size, its rows and each cell are bounded."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from cars_desktop.i18n import _

MAX_BYTES = 50_000_000  # a spreadsheet of gifts is far smaller: this is something else
MAX_ROWS = 200_000
MAX_CELL = 100_000  # characters in one cell
ENCODINGS = ("utf-8", "windows-1252")  # tried in this order after a byte-order mark


class ReadError(ValueError):
    """The file cannot be read as a table; the message says why, plainly. For a workbook,
    `sheets` names its sheets: another one may be readable."""

    def __init__(self, message: str, sheets: list[str] | None = None) -> None:
        super().__init__(message)
        self.sheets = sheets or []


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]  # the line (or sheet row) of each row in the file, for messages
    encoding: str = ""
    delimiter: str = ""
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets
    sheet: str = ""
    skipped_before: int = 0  # lines before the header (a report's title, dates…)


def read_table(path: str | Path, encoding: str | None = None, sheet: str | None = None,
               header_finder=None) -> Table:
    """`header_finder(rows) -> index` picks the header row (a platform's report may have
    lines before it); by default the first row with two or more cells filled."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise ReadError(
            _("The file {name} cannot be opened: {strerror}.").format(
                name=path.name, strerror=err.strerror
            )
        ) from None
    if size == 0:
        raise ReadError(_("The file {name} is empty.").format(name=path.name))
    if size > MAX_BYTES:
        raise ReadError(
            _(
                "The file {name} is {value:.0f} MB: too large to be a list of "
                "partners or gifts. Export only the rows you need."
            ).format(name=path.name, value=size / 1e6)
        )
    with open(path, "rb") as file:
        start = file.read(8)
    if start.startswith(b"PK\x03\x04"):
        raw_rows, lines, sheets, chosen = _workbook(path, sheet)
        table = Table([], [], [], sheets=sheets, sheet=chosen)
    else:
        data = path.read_bytes()
        text, used = _decode(data, encoding, path.name)
        raw_rows, lines, delimiter = _csv_rows(text, path.name)
        table = Table([], [], [], encoding=used, delimiter=delimiter)
    where = (_("the sheet {sheet} of {name}").format(sheet=table.sheet, name=path.name)
             if table.sheets else _("the file {name}").format(name=path.name))
    if not raw_rows:
        raise ReadError(_("The sheet {sheet} of {name} has no rows.").format(
            sheet=table.sheet, name=path.name) if table.sheets else
            _("The file {name} has no rows.").format(name=path.name), table.sheets)
    at = (header_finder or _first_header)(raw_rows)
    if at is None:
        others = [name for name in table.sheets if name != table.sheet]
        raise ReadError(
            _(
                "No row of headers was found in {where}: the first row should name "
                "the columns (Name, Date, Amount…)."
            ).format(where=where)
            + (_(" Try another sheet: {join}.").format(join=", ".join(others)) if others else ""),
            table.sheets,
        )
    table.headers = [_clean(cell) for cell in raw_rows[at]]
    table.skipped_before = at
    width = len(table.headers)
    for row, line in zip(raw_rows[at + 1:], lines[at + 1:], strict=True):
        if not any(cell.strip() for cell in row):
            continue  # blank lines between rows
        # extra cells are kept: the import reports them (a comma inside an amount?)
        cells = [_clean(cell) for cell in row] + [""] * (width - len(row))
        table.rows.append(cells)
        table.lines.append(line)
    return table


def _clean(cell: str) -> str:
    return cell.strip() if cell else ""


def _first_header(rows: list[list[str]]) -> int | None:
    for number, row in enumerate(rows[:50]):
        if sum(1 for cell in row if cell.strip()) >= 2:
            return number
    return None


def _decode(data: bytes, chosen: str | None, name: str) -> tuple[str, str]:
    if chosen:
        try:
            return data.decode(chosen), chosen
        except (UnicodeDecodeError, LookupError):
            raise ReadError(
                _("The file {name} is not in {chosen}. Choose another encoding.").format(
                    name=name, chosen=chosen
                )
            ) from None
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                raise ReadError(_("The file {name} says it is {encoding} but is not: it may "
                                  "be damaged.").format(name=name, encoding=encoding)) from None
    if b"\x00" in data[:8192]:
        raise ReadError(
            _(
                "The file {name} is not a spreadsheet or a CSV file (it holds "
                "binary data). Save it from your spreadsheet as CSV or .xlsx."
            ).format(name=name)
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"  # every byte is a character in it


def _csv_rows(text: str, name: str) -> tuple[list[list[str]], list[int], str]:
    sample = text[:8192]  # the sniffer is slow on odd text: a few lines tell the delimiter
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = sample.splitlines()[0] if sample.splitlines() else ""
        delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, lines = [], []
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    try:
        line = 1
        for row in reader:
            rows.append(row)
            lines.append(line)
            line = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                raise ReadError(_("The file {name} has more than {max_rows:,} rows: import it "
                                  "in parts.").format(name=name, max_rows=MAX_ROWS))
    except csv.Error as err:
        where = (
            _(" near line {line_num}").format(line_num=reader.line_num) if reader.line_num else ""
        )
        if "field larger" in str(err):
            raise ReadError(
                _(
                    "A cell{where} of {name} is longer than {max_cell:,} "
                    'characters: a quote (") is probably not closed.'
                ).format(where=where, name=name, max_cell=MAX_CELL)
            ) from None
        raise ReadError(
            _("The file {name} cannot be read as CSV{where} ({err}).").format(
                name=name, where=where, err=err
            )
        ) from None
    finally:
        csv.field_size_limit(previous)
    return rows, lines, delimiter


def _workbook(path: Path, sheet: str | None):
    import openpyxl

    problem = (_("The file {name} cannot be read as an Excel workbook (.xlsx): it may be "
                 "another kind of file (.ods, .xls), or damaged. Save it again from your "
                 "spreadsheet as .xlsx or CSV.").format(name=path.name))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a good workbook
        raise ReadError(problem) from None
    try:
        names = book.sheetnames
        chosen = sheet if sheet in names else names[0]
        rows, lines = [], []
        for number, values in enumerate(book[chosen].iter_rows(values_only=True), start=1):
            rows.append([_cell_text(value) for value in values])
            lines.append(number)
            if len(rows) > MAX_ROWS:
                raise ReadError(_("The sheet {chosen} has more than {max_rows:,} rows: import "
                                  "it in parts.").format(chosen=chosen, max_rows=MAX_ROWS))
    except ReadError:
        raise
    except Exception:  # a damaged sheet inside a sound zip (XML cut short, bad data)
        raise ReadError(problem) from None
    finally:
        book.close()
    return rows, lines, names, chosen


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)[:MAX_CELL]
