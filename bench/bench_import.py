"""How fast a large file is imported, beside a floor measured in the same run.

    python bench/bench_import.py [--rows 10000] [--runs 3] [--partners 2000]

It writes a CSV of gifts (about one partner in five already known, one row in fifty with an
error), then measures, into a data folder that already holds the sample data:
- the preview: reading the file and planning every row (nothing written);
- the commit: writing the planned rows in one transaction (the backup before it is timed
  apart, as it depends on the size of the data, not of the file);
against the floor: the raw csv module reading the same file plus sqlite3 executemany of the
same number of contribution rows. Goal: preview and commit each under 2 seconds for 10,000
rows. Exits 1 when a goal is missed."""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds  # noqa: E402

from cars_desktop.exchange import importer  # noqa: E402
from cars_desktop.store import backups, database, sample  # noqa: E402
from cars_desktop.store.models import Partner  # noqa: E402

GOAL_SECONDS = 2.0


def write_file(path: Path, rows: int, known: list[str]) -> None:
    rng = random.Random(5)
    with open(path, "w", encoding="utf-8", newline="") as file:
        out = csv.writer(file)
        out.writerow(["Name", "Email", "Date", "Amount", "Reference", "Fund"])
        for number in range(rows):
            name = rng.choice(known) if rng.random() < 0.2 else f"Donor {number // 3:05d}"
            amount = f"{rng.randint(5, 900)}.{rng.randint(0, 99):02d}"
            if number % 50 == 7:
                amount = "lots"  # an error the preview must report
            out.writerow([name, f"d{number // 3}@example.ca", f"2025-{number % 12 + 1:02d}-"
                          f"{number % 27 + 1:02d}", amount, f"WEB-{number:06d}", "Food bank"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--partners", type=int, default=2000,
                        help="partners already in the data (their close names are looked for)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "base"
        with database.open_store(base):
            sample.fill_sample(args.partners, args.partners * 10, seed=9)
            known = [p.name for p in Partner.select(Partner.name).limit(400)]
        source = Path(folder) / "gifts.csv"
        write_file(source, args.rows, known)

        def floor() -> None:
            with open(source, encoding="utf-8", newline="") as file:
                rows = list(csv.reader(file))[1:]
            raw = sqlite3.connect(":memory:")
            raw.execute("CREATE TABLE c (partner TEXT, date TEXT, amount TEXT, ref TEXT)")
            raw.executemany("INSERT INTO c VALUES (?, ?, ?, ?)",
                            [(r[0], r[2], r[3], r[4]) for r in rows])
            raw.commit()
            raw.close()

        floor_time = median_seconds(floor, args.runs)
        previews, commits, backup_times = [], [], []
        for run in range(args.runs):
            data = Path(folder) / f"run{run}"
            shutil.copytree(base, data)
            with database.open_store(data) as store:
                started = time.perf_counter()
                table, known_format, mapping = importer.open_file(source)
                plan = importer.make_plan(table, mapping, known_format, source.name)
                previews.append(time.perf_counter() - started)
                started = time.perf_counter()
                backups.make_backup(store.backup_dir, "before-import")
                backup_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                result = importer.commit(plan)
                commits.append(time.perf_counter() - started)
            counts = plan.counts()
    preview, commit = statistics.median(previews), statistics.median(commits)
    print(f"{args.rows:,} rows: {counts['new'] + counts['matched']:,} to import "
          f"({result.partners:,} new partners), {counts['error']:,} errors; "
          f"median of {args.runs} runs, seconds")
    print(f"  preview (read + plan)      {preview:6.3f}   goal < {GOAL_SECONDS:.0f} s: "
          f"{'met' if preview < GOAL_SECONDS else 'MISSED'}")
    print(f"  commit (one transaction)   {commit:6.3f}   goal < {GOAL_SECONDS:.0f} s: "
          f"{'met' if commit < GOAL_SECONDS else 'MISSED'}")
    print(f"  backup before the commit   {statistics.median(backup_times):6.3f}")
    print(f"  floor: csv + executemany   {floor_time:6.3f}")
    return 0 if preview < GOAL_SECONDS and commit < GOAL_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
