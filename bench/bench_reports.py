"""How fast the reports and the CSV export are over a large group's data, beside a floor
measured in the same run.

    python bench/bench_reports.py [--partners 10000] [--contributions 100000] [--runs 5]

It uses the data folder of bench_partners.py (built once in bench/out/), then measures, for
the calendar year with the most contributions and for all years at once:
- the contributions summary and the community impact report: their numbers (the SQL) and the
  PDF, against the floor of one raw SQL aggregate over the same rows on a plain sqlite3
  connection (what reading the data costs at the least);
- exporting every contribution to CSV, against the floor of the same rows fetched raw;
- the gift list of the busiest year, by date and by partner: every gift on its line, some
  hundreds of pages, against the floor of ReportLab's canvas alone writing the same lines'
  text, one string a cell, no layout (what putting that much text in a PDF costs at least).
Goal: each summary report under 2 seconds, numbers and PDF together; the gift list no more
than 3 times its floor. Exits 1 when a goal is missed."""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bench_partners import build  # noqa: E402
from timing import median_seconds  # noqa: E402

from cars_desktop.documents.fonts import register_fonts  # noqa: E402
from cars_desktop.documents.reports import write_report  # noqa: E402
from cars_desktop.exchange.export import export_csv  # noqa: E402
from cars_desktop.store import database, letters, reports  # noqa: E402

GOAL_SECONDS = 2.0
GIFT_LIST_TIMES_FLOOR = 3.0
TODAY = dt.date(2026, 11, 22)
RAW_AGGREGATE = """
    SELECT c.family, c.kind, p.sector, substr(c.date, 1, 7), COUNT(*), SUM(c.amount_cents),
           SUM(c.minutes)
    FROM contribution c JOIN partner p ON p.id = c.partner_id
    WHERE c.status = 'received' AND c.date BETWEEN ? AND ?
    GROUP BY c.family, c.kind, p.sector, substr(c.date, 1, 7)"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--contributions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = HERE / "out" / f"p{args.partners}-c{args.contributions}"
    build(folder, args.partners, args.contributions)
    raw = sqlite3.connect(folder / database.DB_FILENAME)
    busiest = raw.execute("SELECT substr(date, 1, 4) AS y FROM contribution GROUP BY y"
                          " ORDER BY COUNT(*) DESC LIMIT 1").fetchone()[0]
    first, last = raw.execute("SELECT MIN(date), MAX(date) FROM contribution").fetchone()
    periods = [(f"year {busiest}", dt.date(int(busiest), 1, 1), dt.date(int(busiest), 12, 31)),
               ("all years", dt.date.fromisoformat(first), dt.date.fromisoformat(last))]
    rows, missed = [], False
    with database.open_store(folder, read_only=True), tempfile.TemporaryDirectory() as out:
        register_fonts()  # once per process, as in the app
        head = letters.letterhead()
        for label, start, end in periods:
            count = raw.execute("SELECT COUNT(*) FROM contribution WHERE date BETWEEN ? AND ?",
                                (start.isoformat(), end.isoformat())).fetchone()[0]
            floor = median_seconds(lambda dates: raw.execute(RAW_AGGREGATE, dates).fetchall(),
                                   args.runs, (start.isoformat(), end.isoformat()))
            for name, compute in (("summary", reports.contributions_summary),
                                  ("impact", reports.impact_report)):
                numbers = median_seconds(compute, args.runs, start, end)
                data = compute(start, end)
                pdf = median_seconds(write_report, args.runs, name, data, head, "en",
                                     Path(out) / f"{name}.pdf", TODAY)
                total = numbers + pdf
                missed |= total > GOAL_SECONDS
                rows.append((f"{name}, {label} ({count:,} contributions)", numbers, pdf, total,
                             floor))
        gift_rows = gift_list_rows(raw, periods[0][1:], args.runs, head, Path(out))
        missed |= any(total > GIFT_LIST_TIMES_FLOOR * floor for *_, total, floor in gift_rows)
        everything = raw.execute("SELECT COUNT(*) FROM contribution").fetchone()[0]
        export = median_seconds(lambda: export_csv("contributions", Path(out) / "all.csv"),
                                args.runs)
        export_floor = median_seconds(lambda: raw.execute(
            "SELECT * FROM contribution c JOIN partner p ON p.id = c.partner_id").fetchall(),
            args.runs)
    print(f"median of {args.runs} runs, seconds")
    print(f"{'report':58} {'numbers':>8} {'PDF':>6} {'total':>6} {'floor':>6}  goal")
    for label, numbers, pdf, total, floor in rows:
        print(f"{label:58} {numbers:8.3f} {pdf:6.3f} {total:6.3f} {floor:6.3f}  "
              f"{'met' if total <= GOAL_SECONDS else 'MISSED'} (< {GOAL_SECONDS:.0f} s)")
    print(f"{f'CSV export of {everything:,} contributions':58} {export:8.3f} {'':6} "
          f"{export:6.3f} {export_floor:6.3f}")
    for label, numbers, pdf, total, floor in gift_rows:
        print(f"{label:58} {numbers:8.3f} {pdf:6.3f} {total:6.3f} {floor:6.3f}  "
              f"{'met' if total <= GIFT_LIST_TIMES_FLOOR * floor else 'MISSED'} "
              f"(< {GIFT_LIST_TIMES_FLOOR:.0f} × floor)")
    return 1 if missed else 0


def gift_list_rows(raw: sqlite3.Connection, period: tuple[dt.date, dt.date], runs: int, head,
                   out: Path) -> list[tuple]:
    """The gift list by date and by partner: its numbers, its PDF, and the floor."""
    from cars_desktop.store.gift_list import gift_list

    start, end = period
    texts = [tuple(str(value) for value in row) for row in raw.execute(
        "SELECT c.date, p.name, c.kind, c.family, c.payment_method || ' ' || c.reference,"
        " c.amount_cents, COALESCE(c.thanked_on, '') FROM contribution c"
        " JOIN partner p ON p.id = c.partner_id WHERE c.status = 'received'"
        " AND c.date BETWEEN ? AND ? ORDER BY c.date", (start.isoformat(), end.isoformat()))]
    floor = median_seconds(canvas_floor, runs, texts, out / "floor.pdf")
    rows = []
    for by in ("date", "partner"):
        numbers = median_seconds(gift_list, runs, start, end, by)
        data = gift_list(start, end, by)
        pdf = median_seconds(write_report, runs, "gifts", data, head, "en",
                             out / f"gifts-{by}.pdf", TODAY)
        rows.append((f"gift list by {by}, year {start.year} ({data.sums.gifts:,} gifts)",
                     numbers, pdf, numbers + pdf, floor))
    return rows


def canvas_floor(texts: list[tuple[str, ...]], path: Path) -> None:
    """Each line's texts drawn with the canvas, one string a cell, 60 lines a page."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen.canvas import Canvas

    from cars_desktop.documents.fonts import REGULAR

    canvas = Canvas(str(path), pagesize=letter)
    for number, row in enumerate(texts):
        if number and not number % 60:
            canvas.showPage()
        canvas.setFont(REGULAR, 8)
        y = 740 - 11 * (number % 60)
        for column, text in enumerate(row):
            canvas.drawString(54 + 72 * column, y, text)
    canvas.save()


if __name__ == "__main__":
    sys.exit(main())
