"""What the import tests share: the sample files, building a plan, counting rows, making
partners and gifts to match against, and writing CSV files and workbooks."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

import openpyxl

from cars_desktop.exchange import importer
from cars_desktop.exchange.importer import (
    make_plan,
    open_file,
)
from cars_desktop.store import contributions, partners
from cars_desktop.store.models import Contribution, Partner, db

SAMPLES = Path(__file__).parent / "import_samples"
CANADAHELPS_FILE = SAMPLES / "canadahelps_donations.csv"
PAYPAL_FILE = SAMPLES / "paypal_activity.csv"
BENEVITY_FILE = SAMPLES / "benevity_report.csv"
FRENCH_FILE = SAMPLES / "excel_fr_windows1252.csv"
TODAY = dt.date(2026, 11, 22)


# Helpers


def plan_for(path, date_order=None, today=TODAY, **read) -> importer.Plan:
    table, known, mapping = open_file(path, **read)
    return make_plan(table, mapping, known, Path(path).name, date_order, today)


def only(counts: dict[str, int]) -> dict[str, int]:
    """A plan's counts without the actions no row has."""
    return {action: count for action, count in counts.items() if count}


def by_line(plan) -> dict[int, importer.PlanRow]:
    return {row.line: row for row in plan.rows}


def counts() -> dict[str, int]:
    return {table: db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("partner", "contact_person", "contribution", "import_batch")}


def fingerprint(store) -> str:
    """The data file's bytes after folding the write-ahead log back in."""
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    wal = store.db_path.with_name(store.db_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    return hashlib.sha256(store.db_path.read_bytes()).hexdigest()


def person(name, **changes) -> int:
    values = {"kind": "person", "name": name, "sector": "community",
              "partnership_type": "casual", "status": "active", "language": "en", **changes}
    return partners.save_partner(values, [])


def org(name, contact="", **changes) -> int:
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "casual", "status": "active", "language": "fr", **changes}
    return partners.save_partner(values, [{"name": contact}] if contact else [])


def give(pid, **changes) -> int:
    values = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "100.00", "date": dt.date(2026, 5, 1), "payment_method": "cheque",
              **changes}
    return contributions.save_contribution(values)


def write_csv(path: Path, rows: list[list[str]], encoding="utf-8", delimiter=",") -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def gifts_of(pid) -> list[tuple]:
    return [(c.date, c.amount_cents, c.reference) for c in
            Contribution.select().where(Contribution.partner == pid).order_by(Contribution.date)]


def partner_named(name) -> Partner:
    return Partner.get(Partner.name == name)


def workbook(path: Path) -> Path:
    """A volunteer's workbook: this year's gifts on the first sheet (a title row above the
    headers), last year's on the second; real date cells and float amounts."""
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Dons 2026"
    first.append(["Gifts received in 2026"])
    first.append(["Donor", "Email", "Date", "Amount", "Fund"])
    first.append(["Ferme Dubois", "info@fermedubois.ca", dt.datetime(2026, 3, 4), 1234.56,
                  "Banque alimentaire"])
    first.append(["Lions Club of Sussex", None, dt.date(2026, 3, 14), 250.0, "Hampers"])
    first.append(["Gérard Léger", "gerard@example.ca", dt.datetime(2026, 4, 1, 14, 30), 19.99,
                  None])
    first.append([None, None, None, None, None])
    first.append(["Hélène Côté", None, dt.datetime(2026, 5, 2), 75, "Noël"])
    second = book.create_sheet("Dons 2025")
    second.append(["Donor", "Date", "Amount"])
    second.append(["Ferme Dubois", dt.datetime(2025, 12, 24), 500.5])
    book.save(path)
    return path


