"""How fast a year's official receipts are issued, beside a floor measured in the same run.

    python bench/bench_receipts.py [--donors 1000] [--runs 3]

It fills a data folder with the sample data (a registered charity) and one cash gift of last
year from each of `--donors` donors with an address, then, on a fresh copy each run, issues
the year's receipts as *Issue the year's receipts* does (one transaction, each PDF kept in the
data file, the numbers written down beside it). The floor: ReportLab's canvas alone making
as many one-page PDFs, each with the same fonts, logo and signature embedded, no layout.
Goal: at least 30 receipts a second (a year of 1,000 donors in under 35 seconds, a bar
showing each one made), and no more than 3 times the floor. Exits 1 when a goal is missed."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds  # noqa: E402

from cars_desktop.documents.fonts import BOLD, REGULAR, register_fonts  # noqa: E402
from cars_desktop.store import contributions, database, partners, receipts, sample  # noqa: E402
from cars_desktop.store.profile import group_profile  # noqa: E402

GOAL_PER_SECOND = 30
MOST_TIMES_FLOOR = 3
TODAY = dt.date(2027, 1, 20)


def floor_pages(count: int, logo: bytes, signature: bytes) -> None:
    """As many one-page PDFs, each on its own as a kept receipt is (its fonts and pictures
    embedded), drawn line by line with the canvas."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    for number in range(count):
        canvas = Canvas(io.BytesIO(), pagesize=letter)
        for index, data in enumerate(picture for picture in (logo, signature) if picture):
            canvas.drawImage(ImageReader(io.BytesIO(data)), 72, 700 - 400 * index, 60, 40,
                             mask="auto")
        canvas.setFont(BOLD, 15)
        canvas.drawString(150, 740, "Official receipt for income tax purposes")
        canvas.setFont(REGULAR, 10)
        for line in range(14):
            canvas.drawString(72, 640 - 18 * line, f"Element {line} of receipt {number}")
        canvas.showPage()
        canvas.save()


def fill(data: Path, donors: int) -> None:
    with database.open_store(data):
        sample.fill_sample(partners=50, contributions=200, seed=5, today=TODAY)
        for index in range(donors):
            pid = partners.save_partner({
                "kind": "person", "name": f"Donor {index:05d}", "sector": "community",
                "partnership_type": "casual", "status": "active", "language": "en",
                "address_line1": f"{index} Main Street", "city": "Sackville",
                "province": "NB", "postal_code": "E4L 1A1"}, [])
            contributions.save_contribution({
                "partner_id": pid, "family": "cash", "kind": "one_time",
                "status": "received", "amount": "120", "date": dt.date(2026, 6, 1),
                "payment_method": "cheque"})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--donors", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        fill(out / "template", args.donors)
        made: list[int] = []
        times = []
        for run in range(args.runs):
            data = out / f"run{run}"
            shutil.copytree(out / "template", data)
            with database.open_store(data):
                started = time.perf_counter()
                done = receipts.issue(TODAY, year=2026)
                times.append(time.perf_counter() - started)
                made.append(len(done.receipts))
                profile = group_profile()
                logo, signature = profile.logo or b"", profile.signature or b""
        issuing = sorted(times)[len(times) // 2]
        register_fonts()
        floor = median_seconds(floor_pages, args.runs, made[0], logo, signature)
    count = made[0]
    rate = count / issuing
    print(f"receipts issued: {count} (each run: {made})")
    print(f"issuing the year: {issuing:.2f} s, {rate:.0f} receipts/s "
          f"(goal {GOAL_PER_SECOND}/s)")
    print(f"floor, one-page canvas PDFs alone: {floor:.2f} s, {count / floor:.0f} PDFs/s")
    print(f"issuing costs {issuing / floor:.1f}× the floor (goal at most {MOST_TIMES_FLOOR}×)")
    return 0 if rate >= GOAL_PER_SECOND and issuing <= MOST_TIMES_FLOOR * floor else 1


if __name__ == "__main__":
    sys.exit(main())
