"""How fast thank-you letters are made, beside a floor measured in the same run.

    python bench/bench_letters.py [--letters 500] [--runs 5] [--year-end]

It fills a temporary data folder with the sample data (a registered charity that issues its
receipts here), then measures:
- gathering: reading the contributions, partners and contacts and filling the templates;
- the receipt notes: "your official receipt is enclosed" or "will follow", letter by letter;
- the PDF: writing every letter (letterhead, logo, address, body, signature) into one file;
- the floor: raw ReportLab canvas pages with the same embedded fonts, logo and amount of text
  drawn line by line, no layout (what ReportLab itself costs per page).
With --year-end: the year-end summaries of everyone who gave in a period, each with its table
of gifts, instead of one thank-you letter per gift.
Goal: at least 300 letters per second of PDF generation, so 500 letters in under 2 seconds;
200 a second for summaries, whose tables of gifts take longer to lay out.
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
from cars_desktop.store import database, letters, sample, year_end  # noqa: E402
from cars_desktop.store.models import Contribution  # noqa: E402
from cars_desktop.store.receipts import note_receipts  # noqa: E402

GOAL_PER_SECOND = 300
GOAL_SUMMARIES_PER_SECOND = 200
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
        for day, what, amount in one.gifts:  # a summary's table, a line a gift
            canvas.drawString(72, y, f"{day}   {what}   {amount}")
            y -= 13
        for paragraph in one.paragraphs:
            words = paragraph.split()
            for start in range(0, len(words), 12):  # about a printed line's worth
                canvas.drawString(72, y, " ".join(words[start:start + 12]))
                y -= 14.5
            y -= 9
        canvas.showPage()
    canvas.save()


def thank_you_letters(count: int):
    """`count` thank-you letters, one per gift received, and how to gather them again."""
    sample.fill_sample(partners=400, contributions=count * 2, seed=3, today=TODAY)
    ids = [row.id for row in Contribution.select(Contribution.id).where(
        Contribution.status == "received").limit(count)]
    if len(ids) < count:
        raise SystemExit(f"only {len(ids)} received contributions in the sample")
    return lambda: letters.letters_for(ids, TODAY)


def summaries(count: int):
    """At least `count` partners who gave in a period: the last whole year, or more years."""
    sample.fill_sample(partners=count * 2, contributions=count * 14, seed=3, today=TODAY)
    end = dt.date(TODAY.year - 1, 12, 31)
    for years in range(1, 6):
        start = dt.date(end.year - years + 1, 1, 1)
        if year_end.gave_count(start, end).partners >= count:
            return lambda: year_end.year_end_letters(start, end, TODAY)
    raise SystemExit(f"fewer than {count} partners gave in the sample")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year-end", action="store_true",
                        help="year-end summaries of everyone who gave, not thank-you letters")
    args = parser.parse_args()
    goal = GOAL_SUMMARIES_PER_SECOND if args.year_end else GOAL_PER_SECOND
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        with database.open_store(out / "data"):
            gather = (summaries if args.year_end else thank_you_letters)(args.letters)
            register_fonts()  # once per process, as in the app; not part of each batch
            gathered = median_seconds(gather, args.runs)
            batch = gather()
            del batch.letters[args.letters:]
            noted = median_seconds(lambda: note_receipts(batch.letters), args.runs)
            with_note = sum(1 for one in batch.letters if one.receipt_note)
            gifts = len(batch.contribution_ids())
            head = letters.letterhead()
            pages = []
            ours = median_seconds(lambda: pages.append(
                write_letters(batch.letters, head, out / "letters.pdf", TODAY)), args.runs)
            floor = median_seconds(lambda: floor_pages(batch, head, out / "floor.pdf"),
                                   args.runs)
            size = (out / "letters.pdf").stat().st_size
    count = len(batch.letters)
    rate = count / ours
    what = "year-end summaries" if args.year_end else "letters"
    print(f"{count} {what} ({gifts} gifts), {pages[-1]} pages, {size / 1e6:.1f} MB;"
          f" median of {args.runs} runs")
    print(f"  gathering the letters      {gathered * 1000:8.0f} ms")
    print(f"  receipt notes              {noted * 1000:8.0f} ms  ({with_note} letters with one)")
    print(f"  writing the PDF            {ours * 1000:8.0f} ms  = {rate:6.0f} letters/s")
    print(f"  floor: raw canvas pages    {floor * 1000:8.0f} ms  = {count / floor:6.0f} pages/s"
          f"  (ours is {ours / floor:.1f}x the floor)")
    met = rate >= goal
    print(f"goal: at least {goal} letters/s: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
