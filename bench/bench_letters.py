"""How fast thank-you letters are made, beside a floor measured in the same run.

    python bench/bench_letters.py [--letters 500] [--runs 5]

It fills a temporary data folder with the sample data, then measures:
- gathering: reading the contributions, partners and contacts and filling the templates;
- the PDF: writing every letter (letterhead, logo, address, body, signature) into one file;
- the floor: raw ReportLab canvas pages with the same embedded fonts, logo and amount of text
  drawn line by line, no layout (what ReportLab itself costs per page).
Goal: at least 300 letters per second of PDF generation, so 500 letters in under 2 seconds.
Exits 1 when the goal is missed."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import median_seconds  # noqa: E402

from cars_desktop.documents.fonts import BOLD, REGULAR, register_fonts  # noqa: E402
from cars_desktop.documents.letters import write_letters  # noqa: E402
from cars_desktop.store import database, letters, sample  # noqa: E402
from cars_desktop.store.models import Contribution  # noqa: E402

GOAL_PER_SECOND = 300
TODAY = dt.date(2026, 11, 22)


def floor_pages(batch, head, path: Path) -> None:
    """The same words on the same pages with ReportLab's canvas alone."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=letter)
    logo = ImageReader(io.BytesIO(head.logo)) if head.logo else None
    for one in batch.letters:
        if logo:
            canvas.drawImage(logo, 72, 700, 60, 60, mask="auto")
        canvas.setFont(BOLD, 15)
        canvas.drawString(150, 740, head.name)
        canvas.setFont(REGULAR, 10.5)
        y = 640
        for line in one.address:
            canvas.drawString(72, y, line)
            y -= 13
        y = 540
        for paragraph in one.paragraphs:
            words = paragraph.split()
            for start in range(0, len(words), 12):  # about a printed line's worth
                canvas.drawString(72, y, " ".join(words[start:start + 12]))
                y -= 14.5
            y -= 9
        canvas.showPage()
    canvas.save()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        with database.open_store(out / "data"):
            sample.fill_sample(partners=400, contributions=args.letters * 2, seed=3, today=TODAY)
            ids = [row.id for row in Contribution.select(Contribution.id).where(
                Contribution.status == "received").limit(args.letters)]
            if len(ids) < args.letters:
                print(f"only {len(ids)} received contributions in the sample", file=sys.stderr)
                return 2
            register_fonts()  # once per process, as in the app; not part of each batch
            gathered = median_seconds(lambda: letters.letters_for(ids, TODAY), args.runs)
            batch = letters.letters_for(ids, TODAY)
            head = letters.letterhead()
            pages = []
            ours = median_seconds(lambda: pages.append(
                write_letters(batch.letters, head, out / "letters.pdf", TODAY)), args.runs)
            floor = median_seconds(lambda: floor_pages(batch, head, out / "floor.pdf"),
                                   args.runs)
            size = (out / "letters.pdf").stat().st_size
    count = len(batch.letters)
    rate = count / ours
    print(f"{count} letters, {pages[-1]} pages, {size / 1e6:.1f} MB; median of {args.runs} runs")
    print(f"  gathering the letters      {gathered * 1000:8.0f} ms")
    print(f"  writing the PDF            {ours * 1000:8.0f} ms  = {rate:6.0f} letters/s")
    print(f"  floor: raw canvas pages    {floor * 1000:8.0f} ms  = {count / floor:6.0f} pages/s"
          f"  (ours is {ours / floor:.1f}x the floor)")
    met = rate >= GOAL_PER_SECOND
    print(f"goal: at least {GOAL_PER_SECOND} letters/s: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
