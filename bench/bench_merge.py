"""How fast the likely duplicates are found, and a merge made and undone, with a large group.

    python bench/bench_merge.py [--partners 20000] [--contributions 100000] [--runs 5]

It fills a temporary data folder with the sample data, then measures:
- finding the possible duplicates (the Possible duplicates window's list), against the floor:
  the raw sqlite3 read of the same columns of every partner;
- merging the partner with the most gifts into another, and undoing that merge.
Goals: the duplicates under 1 second, a merge and its undoing each under 1 second. Exits 1 when
a goal is missed."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds  # noqa: E402

from cars_desktop.store import database, duplicates, merge, sample  # noqa: E402
from cars_desktop.store.models import db  # noqa: E402

GOAL_SECONDS = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=20_000)
    parser.add_argument("--contributions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cars-bench-merge-")) / "data"
    store = database.open_store(folder)
    sample.fill_sample(partners=args.partners, contributions=args.contributions)

    raw = sqlite3.connect(store.db_path)
    floor = median_seconds(lambda: raw.execute(
        "SELECT id, name, email, phone, sort_name FROM partner"
        " WHERE erased_at IS NULL").fetchall(), args.runs)
    found = duplicates.possible_duplicates()
    finding = median_seconds(duplicates.possible_duplicates, args.runs)

    busiest, other = (row[0] for row in db.execute_sql(
        "SELECT partner_id FROM contribution GROUP BY partner_id ORDER BY COUNT(*) DESC"
        " LIMIT 2").fetchall())
    gifts = db.execute_sql("SELECT COUNT(*) FROM contribution WHERE partner_id = ?",
                           (busiest,)).fetchone()[0]
    started = time.perf_counter()
    merge_id = merge.merge_partners(other, busiest)
    merging = time.perf_counter() - started
    started = time.perf_counter()
    merge.undo_merge(merge_id)
    undoing = time.perf_counter() - started
    store.close()

    print(f"{args.partners:,} partners, {args.contributions:,} contributions")
    print(f"possible duplicates: {finding * 1000:7.1f} ms ({len(found)} pairs);"
          f" floor (reading the partners) {floor * 1000:.1f} ms")
    print(f"merge of a partner with {gifts} gifts: {merging * 1000:7.1f} ms;"
          f" undoing it {undoing * 1000:.1f} ms")
    missed = [what for what, seconds in (("duplicates", finding), ("merge", merging),
                                         ("undo", undoing)) if seconds > GOAL_SECONDS]
    if missed:
        print("goal missed: " + ", ".join(missed))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
