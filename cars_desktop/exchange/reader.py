"""Reading a spreadsheet file into rows of text: CSV with any common delimiter and encoding,
or an Excel workbook. Every problem ends as a `ReadError` in plain words, never a crash or a
hang: the file's size, its rows and each cell are bounded."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cars_desktop.core.text import format_count
from cars_desktop.i18n import _

MAX_BYTES = 50_000_000  # a spreadsheet of gifts is far smaller: this is something else
MAX_ROWS = 200_000
MAX_COLUMNS = 500  # CanadaHelps' download, the widest a group receives, has 47
MAX_CELL = 100_000  # characters in one cell
MAX_UNZIPPED = 200_000_000  # bytes a workbook's parts may hold once unpacked…
MAX_STRINGS = 60_000_000  # …and its shared strings, which are read whole, not streamed
HEAD_ROWS = 60  # rows kept whole for choosing the header row
ENCODINGS = ("utf-8", "windows-1252")  # tried in this order after a byte-order mark
NO_HEADER = -1  # the file has no row of headers: its columns are numbered


class ReadError(ValueError):
    """The file cannot be read as a table; the message says why, plainly. For a workbook,
    `sheets` names its sheets: another one may be readable."""

    def __init__(self, message: str, sheets: list[str] | None = None) -> None:
        super().__init__(message)
        self.sheets = sheets or []


class Rows(Sequence):
    """A table's rows, each kept as one line of CSV text and split into cells when asked
    for: a file's rows then take about the file's own size in memory, not ten times it."""

    def __init__(self, width: int) -> None:
        self.width = width
        self._lines: list[str] = []
        self._out = io.StringIO()
        # "\r\n" as the end of a line, so that a cell holding either is quoted
        self._writer = csv.writer(self._out, lineterminator="\r\n")

    def add(self, cells: list[str]) -> None:
        self._out.seek(0)
        self._out.truncate()
        self._writer.writerow(cells)
        self._lines.append(self._out.getvalue()[:-2])

    def __len__(self) -> int:
        return len(self._lines)

    def _cells(self, cells: list[str]) -> list[str]:
        return cells + [""] * (self.width - len(cells))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._cells(cells) for cells in csv.reader(self._lines[index])]
        return self._cells(next(csv.reader([self._lines[index]])))

    def __iter__(self):
        for cells in csv.reader(self._lines):
            yield self._cells(cells)

    def __eq__(self, other) -> bool:
        return isinstance(other, Sequence) and list(self) == list(other)

    __hash__ = None


@dataclass
class Table:
    headers: list[str]
    rows: Rows
    lines: list[int]  # the line (or sheet row) of each row in the file, for messages
    encoding: str = ""
    delimiter: str = ""
    sheets: list[str] = field(default_factory=list)  # a workbook's sheets
    sheet: str = ""
    skipped_before: int = 0  # lines before the header (a report's title, dates…)
    head: list[list[str]] = field(default_factory=list)  # the first rows, for choosing
    header_row: int = 0  # which of them is the header (NO_HEADER: none)


def read_table(path: str | Path, encoding: str | None = None, sheet: str | None = None,
               header_finder=None, header_row: int | None = None) -> Table:
    """`header_finder(rows) -> index` picks the header row (a platform's report may have
    lines before it); by default the first row with two or more cells filled.
    `header_row` is the volunteer's own choice (NO_HEADER for a file without one)."""
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
        sheets, chosen, raw_rows = _workbook(path, sheet)
        table = Table([], Rows(0), [], sheets=sheets, sheet=chosen)
    else:
        text, used = _decode(path.read_bytes(), encoding, path.name)
        delimiter = _delimiter(text)
        _check_widths(text, delimiter, path.name)
        raw_rows = _csv_rows(text, delimiter, path.name)
        table = Table([], Rows(0), [], encoding=used, delimiter=delimiter)
    return _fill(table, raw_rows, path.name, header_finder, header_row)


def _fill(table: Table, raw_rows, name: str, header_finder, header_row: int | None) -> Table:
    """Read the rows (line number, cells) into the table: the first ones kept whole to find
    the header, the rest line by line."""
    where = (_("the sheet {sheet} of {name}").format(sheet=table.sheet, name=name)
             if table.sheets else _("the file {name}").format(name=name))
    head: list[tuple[int, list[str]]] = []
    for line, cells in raw_rows:
        head.append((line, cells))
        if len(head) >= HEAD_ROWS:
            break
    if not head:
        raise ReadError(_("The sheet {sheet} of {name} has no rows.").format(
            sheet=table.sheet, name=name) if table.sheets else
            _("The file {name} has no rows.").format(name=name), table.sheets)
    table.head = [cells for _line, cells in head]
    if header_row is None:
        at = (header_finder or _first_header)(table.head)
    else:
        at = header_row if header_row < len(head) else None
    if at is None:
        others = [sheet for sheet in table.sheets if sheet != table.sheet]
        raise ReadError(
            _(
                "No row of headers was found in {where}: the first row should name "
                "the columns (Name, Date, Amount…)."
            ).format(where=where)
            + (_(" Try another sheet: {join}.").format(join=", ".join(others)) if others else ""),
            table.sheets,
        )
    table.header_row = at
    if at == NO_HEADER:
        width = max(len(cells) for cells in table.head)
        table.headers = [_("Column {number}").format(number=n) for n in range(1, width + 1)]
        at = -1
    else:
        table.headers = [_clean(cell) for cell in head[at][1]]
    table.skipped_before = max(at, 0)
    table.rows = Rows(len(table.headers))

    def after_header():
        yield from head[at + 1:]
        yield from raw_rows

    for line, row in after_header():
        cells = [_clean(cell) for cell in row]
        while cells and not cells[-1]:
            cells.pop()  # empty cells at the end of a row, styled or not, are no cells
        if not cells:
            continue  # blank lines between rows
        if len(table.rows) >= MAX_ROWS:
            raise ReadError(_("{where} has more than {max_rows} rows: import it in parts."
                              ).format(where=where[:1].upper() + where[1:],
                                       max_rows=format_count(MAX_ROWS)), table.sheets)
        # extra cells are kept: the import reports them (a comma inside an amount?)
        table.rows.add(cells)
        table.lines.append(line)
    return table


def _clean(cell: str) -> str:
    return cell.strip() if cell else ""


def _first_header(rows: list[list[str]]) -> int | None:
    for number, row in enumerate(rows):
        if sum(1 for cell in row if cell.strip()) >= 2:
            return number
    return None


def _utf16_without_mark(data: bytes) -> str | None:
    """UTF-16 with no byte-order mark shows as a zero byte beside every ASCII letter."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.4 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.05:
        return "utf-16-be"
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
    wide = _utf16_without_mark(data)
    if wide:
        try:
            return data.decode(wide), wide
        except UnicodeDecodeError:
            pass  # not text after all: said below
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


def _delimiter(text: str) -> str:
    sample = text[:8192]  # the sniffer is slow on odd text: a few lines tell the delimiter
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        lines = sample.splitlines()
        counts = {mark: sum(line.count(mark) for line in lines[:20]) for mark in ",;\t"}
        return max(",;\t", key=counts.__getitem__)


def _check_widths(text: str, delimiter: str, name: str) -> None:
    """Refuse a line of more cells than any list of gifts has, before splitting it: a
    line of millions of cells would take gigabytes once split."""
    mark = _line_end(text)
    start, length = 0, len(text)
    line = 1
    while start < length:
        end = text.find(mark, start)
        end = length if end == -1 else end
        if text.count(delimiter, start, end) >= MAX_COLUMNS:
            raise ReadError(_("Line {line} of {name} has more than {columns} columns: this "
                              "is not a list of partners or gifts.").format(
                line=format_count(line), name=name, columns=format_count(MAX_COLUMNS)))
        start, line = end + 1, line + 1


def _line_end(text: str) -> str:
    """"\n", or "\r" alone in an old Mac's file."""
    return "\n" if "\n" in text or "\r" not in text else "\r"


def _lines_of(text: str):
    """The lines of `text`, ends kept, one at a time: no second copy of a large file."""
    mark = _line_end(text)
    start, length = 0, len(text)
    while start < length:
        end = text.find(mark, start)
        end = length if end == -1 else end + 1
        yield text[start:end]
        start = end


def _csv_rows(text: str, delimiter: str, name: str):
    """(line, cells) for each row of a CSV text, as it is read."""
    reader = csv.reader(_lines_of(text), delimiter=delimiter)
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    try:
        line = 1
        for row in reader:
            yield line, row
            line = reader.line_num + 1
    except csv.Error as err:
        where = (
            _(" near line {line_num}").format(line_num=reader.line_num) if reader.line_num else ""
        )
        if "field larger" in str(err):
            raise ReadError(
                _(
                    "A cell{where} of {name} is longer than {max_cell} "
                    'characters: a quote (") is probably not closed.'
                ).format(where=where, name=name, max_cell=format_count(MAX_CELL))
            ) from None
        raise ReadError(
            _("The file {name} cannot be read as CSV{where} ({err}).").format(
                name=name, where=where, err=err
            )
        ) from None
    finally:
        csv.field_size_limit(previous)


def _workbook(path: Path, sheet: str | None):
    """The sheets' names, the chosen one, and its rows (line, cells) read one by one."""
    import openpyxl

    problem = (_("The file {name} cannot be read as an Excel workbook (.xlsx): it may be "
                 "another kind of file (.ods, .xls), or damaged. Save it again from your "
                 "spreadsheet as .xlsx or CSV.").format(name=path.name))
    try:
        with zipfile.ZipFile(path) as packed:
            unpacked = sum(part.file_size for part in packed.infolist())
            # a sheet is read as a stream; any other part (its shared strings, whatever its
            # name) is read whole
            strings = max((part.file_size for part in packed.infolist()
                           if not part.filename.startswith("xl/worksheets/")), default=0)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError(problem) from None
    if unpacked > MAX_UNZIPPED or strings > MAX_STRINGS:  # a small file, gigabytes unpacked
        raise ReadError(_("The workbook {name} unpacks to {value:.0f} MB: too large to be a "
                          "list of partners or gifts. Save only the rows you need as CSV."
                          ).format(name=path.name, value=max(unpacked, strings) / 1e6))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a good workbook
        raise ReadError(problem) from None
    names = book.sheetnames
    chosen = sheet if sheet in names else names[0]

    def rows():
        try:
            found = book[chosen]
            # the size a sheet declares may be far larger than what it holds (A1:XFD20000):
            # read the cells that are there, not a grid of that size
            found.reset_dimensions()
            for number, values in enumerate(found.iter_rows(values_only=True), start=1):
                if len(values) > MAX_COLUMNS:
                    if any(value is not None for value in values[MAX_COLUMNS:]):
                        raise ReadError(_("Row {row} of the sheet {sheet} has more than "
                                          "{columns} columns: this is not a list of partners "
                                          "or gifts.").format(
                            row=number, sheet=chosen, columns=format_count(MAX_COLUMNS)))
                    values = values[:MAX_COLUMNS]
                yield number, [_cell_text(value) for value in values]
        except ReadError:
            raise
        except Exception:  # a damaged sheet inside a sound zip (XML cut short, bad data)
            raise ReadError(problem) from None
        finally:
            book.close()

    return names, chosen, rows()


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
