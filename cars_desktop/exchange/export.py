"""Partners, contact people and contributions as CSV files that open cleanly in Excel and
LibreOffice: UTF-8 with a byte-order mark, text quoted, money as plain numbers ("1234.56"),
dates as 2026-11-22, and every record's stable ID so that a file read back matches what it
came from. Text that a spreadsheet would run as a formula is neutralised (see `cells`).

Each contribution says where it counts ("Counted as": cash received, gift in kind, loan,
pledge…), by the one rule of `core.counting`, so that a spreadsheet's sums by that column give
the totals the window and the reports show, loans apart."""

from __future__ import annotations

import csv
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path

from cars_desktop.core import counting, files, vocab
from cars_desktop.core.kinds import EVERY_KIND
from cars_desktop.exchange.cells import neutralise
from cars_desktop.store.batches import batches, placeholders
from cars_desktop.store.models import db

CENT = Decimal("0.01")

# (column title, SQL expression, how the value is written). The SQL reads one table at a time
# in id order, so 100,000 rows stream without being held in memory.


def _text(value) -> str:
    return neutralise(value or "")


def _label(vocabulary: vocab.Vocabulary) -> Callable[[str], str]:
    return lambda code: _text(vocabulary.label(code, "en") if code else "")


def _money(cents) -> Decimal | str:
    return (Decimal(cents) / 100).quantize(CENT) if cents is not None else ""


def _money_or_blank(cents) -> Decimal | str:
    return _money(cents) if cents else ""


def _hours(minutes) -> Decimal | str:
    return (Decimal(minutes) / 60).quantize(CENT) if minutes else ""


def _plain(value) -> str:  # dates and IDs: never start with a formula sign
    return value or ""


def _yes(value) -> str:
    return "yes" if value else "no"


def _counted_as(value: str) -> str:  # "status|family|kind"
    return counting.COUNTED_AS.label(counting.counted_as(*value.split("|")), "en")


PARTNER_COLUMNS = (
    ("ID", "p.uuid", _plain),
    ("Name", "p.name", _text),
    ("Kind", "p.kind", _label(vocab.PARTNER_KINDS)),
    ("Sector", "p.sector", _label(vocab.SECTORS)),
    ("Type", "p.partnership_type", _label(vocab.PARTNERSHIP_TYPES)),
    ("Status", "p.status", _label(vocab.PARTNER_STATUSES)),
    ("Address line 1", "p.address_line1", _text),
    ("Address line 2", "p.address_line2", _text),
    ("City", "p.city", _text),
    ("Province", "p.province", _text),
    ("Postal code", "p.postal_code", _text),
    ("Country", "p.country", _text),
    ("Phone", "p.phone", _text),
    ("Email", "p.email", _text),
    ("Website", "p.website", _text),
    ("Language", "p.language", _label(vocab.LANGUAGES)),
    ("Partner since", "p.partner_since", _plain),
    ("Shared goal", "p.shared_goal", _text),
    ("Strengths", "p.strengths", _text),
    ("Notes", "p.notes", _text),
)

CONTACT_COLUMNS = (
    ("Partner ID", "p.uuid", _plain),
    ("Partner", "p.name", _text),
    ("Name", "cp.name", _text),
    ("Role", "cp.role", _text),
    ("Phone", "cp.phone", _text),
    ("Email", "cp.email", _text),
    ("Salutation", "cp.salutation", _text),
    ("Primary", "cp.is_primary", _yes),
)


CONTRIBUTION_COLUMNS = (
    ("ID", "c.uuid", _plain),
    ("Partner ID", "p.uuid", _plain),
    ("Partner", "p.name", _text),
    ("Contact person", "cp.name", _text),
    ("Family", "c.family", _label(vocab.CONTRIBUTION_FAMILIES)),
    ("Kind", "c.kind", lambda code: _text(EVERY_KIND.label(code, "en"))),
    ("Status", "c.status", _label(vocab.CONTRIBUTION_STATUSES)),
    ("Counted as", "c.status || '|' || c.family || '|' || c.kind", _counted_as),
    ("Amount", "c.amount_cents", _money),
    ("Still to come", "c.outstanding_cents", _money),
    ("What was given", "c.description", _text),
    ("Hours", "c.minutes", _hours),
    ("Date", "c.date", _plain),
    ("Expected by", "c.date_expected", _plain),
    ("Payment method", "c.payment_method", _label(vocab.PAYMENT_METHODS)),
    ("Reference", "c.reference", _text),
    ("For", "c.purpose", _text),
    ("Fund or campaign", "fund.name", _text),
    ("Advantage", "c.advantage_cents", _money),
    ("Advantage description", "c.advantage_description", _text),
    ("Valued by", "c.valued_by", _text),
    ("Appraised", "c.appraised", _yes),
    ("Appraiser", "c.appraiser", _text),
    ("Credited to", "credited.name", _text),
    ("Pledge ID", "pledge.uuid", _plain),
    ("Thanked on", "c.thanked_on", _plain),
    ("Notes", "c.notes", _text),
    # what a platform said about it, kept by an import
    ("Platform fee", "c.fee_cents", _money_or_blank),
    ("Given in currency", "c.original_currency", _plain),
    ("Amount in that currency", "c.original_cents", _money_or_blank),
    ("Tribute", "c.tribute", _text),
    ("Platform receipt", "c.platform_receipt", _text),
)

_FROM = {
    "partners": "FROM partner p WHERE p.erased_at IS NULL",
    "contacts": "FROM contact_person cp JOIN partner p ON p.id = cp.partner_id"
                " WHERE p.erased_at IS NULL",
    "contributions": "FROM contribution c JOIN partner p ON p.id = c.partner_id"
                     " LEFT JOIN contact_person cp ON cp.id = c.contact_id"
                     " LEFT JOIN partner credited ON credited.id = c.credited_partner_id"
                     " LEFT JOIN contribution pledge ON pledge.id = c.pledge_id"
                     " LEFT JOIN fund ON fund.id = c.fund_id WHERE 1",
}
_COLUMNS = {"partners": PARTNER_COLUMNS, "contacts": CONTACT_COLUMNS,
            "contributions": CONTRIBUTION_COLUMNS}
_ORDER = {"partners": "p.sort_name, p.id", "contacts": "p.sort_name, p.id, cp.position, cp.id",
          "contributions": "c.date, c.id"}
_KEY = {"partners": "p.id", "contacts": "p.id", "contributions": "c.id"}
WHAT = tuple(_COLUMNS)


def _rows(what: str, ids: list[int] | None) -> Iterator[list]:
    columns = _COLUMNS[what]
    select = ", ".join(sql for _unused, sql, _unused in columns)
    if ids is None:
        chunks: Iterable[list[int] | None] = [None]
    else:  # the list's own order, in pieces SQLite accepts
        chunks = batches(ids)
    writers = [write for _unused, _unused, write in columns]
    for chunk in chunks:
        sql = f"SELECT {_KEY[what]}, {select} {_FROM[what]}"
        params: list = []
        if chunk is not None:
            sql += f" AND {_KEY[what]} IN ({placeholders(chunk)})"
            params = chunk
        rows = db.execute_sql(sql + f" ORDER BY {_ORDER[what]}", params)
        if chunk is None:
            for row in rows:
                yield [write(value) for write, value in zip(writers, row[1:], strict=True)]
        else:
            by_key: dict[int, list] = {}
            for row in rows:
                by_key.setdefault(row[0], []).append(row[1:])
            for key in chunk:
                for row in by_key.get(key, []):
                    yield [write(value) for write, value in zip(writers, row, strict=True)]


FLAVOURS = ("standard", "excel_fr")


def export_csv(what: str, path: str | os.PathLike, ids: list[int] | None = None,
               flavour: str = "standard") -> int:
    """Write partners, contacts or contributions to `path`; `ids` limits it to a list's rows
    in that list's order (for contacts: the partners' ids). The file appears whole or not at
    all. Returns how many rows were written. `flavour` "excel_fr": what Excel in French
    opens by a double click, ";" between cells and a decimal comma (1234,56)."""
    if what not in _COLUMNS:
        raise ValueError(f"Nothing called {what!r} can be exported: choose one of "
                         f"{', '.join(WHAT)}.")
    target = Path(path)
    partial = target.parent / f".{target.name}.{uuid.uuid4().hex[:8]}.partial"
    count = 0
    try:
        with open(partial, "w", encoding="utf-8-sig", newline="") as file:
            french = flavour == "excel_fr"
            writer = csv.writer(file, delimiter=";" if french else ",",
                                quoting=csv.QUOTE_MINIMAL if french else csv.QUOTE_NONNUMERIC)
            writer.writerow([title for title, _unused, _unused in _COLUMNS[what]])
            for row in _rows(what, ids):
                if french:  # numbers as French Excel reads them: 1234,56
                    row = [str(cell).replace(".", ",") if isinstance(cell, Decimal) else cell
                           for cell in row]
                writer.writerow(row)
                count += 1
            file.flush()
            os.fsync(file.fileno())
        files.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return count
