"""How fast the reports and the CSV export are over a large group's data, beside a floor
measured in the same run.

    python bench/bench_reports.py [--partners 10000] [--contributions 100000] [--runs 5]

It uses the data folder of bench_partners.py (built once in bench/out/), then measures, for
the calendar year with the most contributions and for all years at once:
- the contributions summary and the community impact report: their numbers (the SQL) and the
  PDF, against the floor of one raw SQL aggregate over the same rows on a plain sqlite3
  connection (what reading the data costs at the least);
- exporting every contribution to CSV, against the floor of the same rows fetched raw.
Goal: each report under 2 seconds, numbers and PDF together. Exits 1 when a goal is missed."""

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
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
