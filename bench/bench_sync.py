"""Change packs for a year of a busy group: how big they are and how long a sync takes.

    python bench/bench_sync.py [--weeks 52] [--scale 1.0]

Three laptops (a treasurer, a secretary, a chair) start from the same sample data (200
partners, 1,000 gifts). Each week each records its share of a busy year (in all, at scale 1:
300 new partners, 2,000 gifts, 1,500 thanks, 600 partner edits of which some clash, 150
contact people, 50 archived) and syncs through one folder. It reports:
- the packs' sizes: one week's, and a whole year's of one laptop;
- a weekly sync's time (apply the two others' week, write its own), median and slowest;
- a laptop away all year that comes back: applying everyone's year at once;
- a new laptop joining from an empty folder (the group's copy, then the packs);
beside the floor measured in the same run: a verified backup copy of the same data (what the
app does anyway once a day). Goals: a weekly sync under 2 seconds, and a year's packs of one
laptop under 5 MB. Exits 1 when a goal is missed."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from cars_desktop.store import (  # noqa: E402
    backups,
    change_packs,
    contributions,
    database,
    history,
    partners,
    sample,
)
from cars_desktop.store.models import Partner  # noqa: E402

WEEKLY_GOAL, YEAR_GOAL_BYTES = 2.0, 5_000_000
YEAR = {"partner": 300, "gift": 2000, "thanks": 1500, "edit": 600, "contact": 150,
        "archive": 50}


def week_of_work(rng: random.Random, share: dict[str, int], name: str) -> None:
    ids = [p.id for p in Partner.select(Partner.id).where(Partner.erased_at.is_null())]
    for _number in range(share["partner"]):
        partners.save_partner({"kind": "organisation", "name": f"{name} partner "
                               f"{rng.randint(1, 10**6)}", "sector": "community",
                               "partnership_type": "formal", "status": "active",
                               "language": "fr", "city": "Rimouski"}, [])
    for _number in range(share["gift"]):
        contributions.save_contribution({
            "partner_id": rng.choice(ids), "family": "cash", "kind": "one_time",
            "status": "received", "amount": str(rng.randint(5, 500)),
            "date": dt.date(2026, rng.randint(1, 10), rng.randint(1, 28)),
            "payment_method": "cheque", "purpose": "Food bank"})
    gifts = [row[0] for row in database.db.execute_sql(
        "SELECT id FROM contribution WHERE thanked_on IS NULL LIMIT 500")]
    if gifts:
        contributions.mark_thanked(rng.sample(gifts, min(len(gifts), share["thanks"])),
                                   dt.date(2026, 11, 1), "letter", name)
    for _number in range(share["edit"]):
        pid = rng.choice(ids[:40])  # the same few partners: some edits clash
        values, contacts = partners.load_partner(pid)
        partners.save_partner({**values, "phone": f"506-555-{rng.randint(1000, 9999)}"},
                              contacts, pid)
    for _number in range(share["contact"]):
        pid = rng.choice(ids)
        values, contacts = partners.load_partner(pid)
        partners.save_partner(values, [*contacts, {"name": f"Contact {rng.randint(1, 999)}"}],
                              pid)
    for _number in range(share["archive"]):
        partners.archive_partner(rng.choice(ids))


def shares(weeks: int, scale: float, laptops: int) -> list[dict[str, int]]:
    """Each laptop-week's share of the year, spread evenly."""
    total = {key: round(value * scale) for key, value in YEAR.items()}
    slots = weeks * laptops
    return [{key: value // slots + (1 if slot < value % slots else 0)
             for key, value in total.items()} for slot in range(slots)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="cars-bench-sync-"))
    stick = root / "stick"
    stick.mkdir()
    names = ("Treasurer", "Secretary", "Chair")
    folders = [root / name for name in names]
    with database.open_store(folders[0]):
        sample.fill_sample(partners=200, contributions=1000)
        history.set_volunteer(names[0])
        change_packs.sync(stick)
    from cars_desktop import cli

    away = root / "Away"
    for folder, name in (*zip(folders[1:], names[1:], strict=True), (away, "Away")):
        # each joins as a volunteer would: `sync` from an empty data folder
        cli.main(["sync", str(stick), "--data-dir", str(folder), "--volunteer", name])
    rng = random.Random(1)
    plan = shares(args.weeks, args.scale, len(folders))
    timings, sizes, year_bytes = [], [], dict.fromkeys(names, 0)
    for week in range(args.weeks):
        for number, (folder, name) in enumerate(zip(folders, names, strict=True)):
            with database.open_store(folder):
                week_of_work(rng, plan[week * len(folders) + number], name)
                started = time.perf_counter()
                report = change_packs.sync(stick)
                timings.append(time.perf_counter() - started)
            sizes.append(report.pack_bytes)
            year_bytes[name] += report.pack_bytes
    with database.open_store(away) as store:
        started = time.perf_counter()
        back = change_packs.sync(stick)
        coming_back = time.perf_counter() - started
        floor_started = time.perf_counter()
        copy = backups.make_backup(store.backup_dir, "chosen")
        floor = time.perf_counter() - floor_started
        data_bytes = store.db_path.stat().st_size
        log_rows = database.db.execute_sql("SELECT count(*) FROM change_log").fetchone()[0]
        settle = len(history.to_settle())
    copy.unlink()
    started = time.perf_counter()
    cli.main(["sync", str(stick), "--data-dir", str(root / "New"), "--volunteer", "New"])
    joining = time.perf_counter() - started
    weekly = statistics.median(timings)
    print(f"{args.weeks} weeks, 3 laptops, scale {args.scale}: data file {data_bytes / 1e6:.1f}"
          f" MB, {log_rows} changes in the history, {settle} fields to settle")
    print(f"floor: a verified backup copy of the data        {floor * 1000:8.0f} ms")
    print(f"a weekly sync (median / slowest)                 {weekly * 1000:8.0f} ms /"
          f" {max(timings) * 1000:.0f} ms")
    print(f"a weekly pack (median / largest)                 {statistics.median(sizes) / 1e3:8.1f}"
          f" KB / {max(sizes) / 1e3:.1f} KB")
    for name, size in year_bytes.items():
        print(f"a year of the {name.lower()}'s packs".ljust(49)
              + f"{size / 1e6:8.2f} MB")
    print(f"a laptop away all year comes back ({back.applied} changes)".ljust(49)
          + f"{coming_back * 1000:8.0f} ms")
    print("a new laptop joins from an empty folder".ljust(49) + f"{joining * 1000:8.0f} ms")
    missed = weekly > WEEKLY_GOAL or max(year_bytes.values()) > YEAR_GOAL_BYTES
    print("goals met" if not missed else "GOAL MISSED")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
