"""Peak memory and time of reading and planning files up to the 50 MB limit, hostile ones
included, beside a floor measured in the same run.

    python bench/bench_import_memory.py [--keep DIR]

Each file is opened and planned in a process of its own (nothing is written), which reports
its peak resident memory; the floor is a process that loads the same modules and an empty
data folder and reads nothing. The files:
- a CanadaHelps download of 47 columns, just under 50 MB (about 150,000 gifts);
- a 2 KB workbook whose sheet declares A1:XFD20000;
- a workbook whose one shared string unpacks to 1 GB, and one of 59 MB (just allowed);
- a workbook of 3 rows followed by 200,000 blank styled rows;
- a CSV whose header has 100,000 columns;
- a CSV with one 49 MB line of many fields.
Goal: under 300 MB for every file, refused or read. Exits 1 when a goal is missed."""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MB = 300

CHILD = r"""
import json, resource, sys, tempfile, time
sys.path.insert(0, {root!r})
from cars_desktop.exchange import importer
from cars_desktop.exchange.reader import ReadError
from cars_desktop.store import database
with tempfile.TemporaryDirectory() as folder, database.open_store(folder):
    started = time.perf_counter()
    outcome = "floor"
    if {path!r}:
        try:
            table, known, mapping = importer.open_file({path!r})
            plan = importer.make_plan(table, mapping, known, "file", "ymd")
            outcome = f"read: {{len(plan.rows):,}} rows planned"
        except (ReadError, importer.ImportProblem) as err:
            outcome = "refused: " + str(err)[:70]
    seconds = time.perf_counter() - started
print(json.dumps({{"mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "seconds": seconds, "outcome": outcome}}))
"""


def canadahelps(path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    headers = (ROOT / "tests/import_samples/canadahelps_charity_data_download.csv").read_text(
        "utf-8").splitlines()[0].split(",")
    with open(path, "w", encoding="utf-8", newline="") as file:
        out = csv.writer(file, lineterminator="\r\n")
        out.writerow(headers)
        number = 0
        while file.tell() < 49_500_000:
            cells = [""] * len(headers)
            cells[0], cells[1], cells[2] = str(30_000_000 + number), "2026-03-14", "9:45 AM"
            cells[4], cells[5] = f"Donor{number % 40_000}", f"Family{number % 977}"
            cells[7], cells[9], cells[10] = f"{number % 900} Main Street", "Sussex", "NB"
            cells[11], cells[34] = "E4E 1A1", "For the breakfast club, with thanks"
            cells[13], cells[20], cells[21], cells[23] = "506-555-0101", "9.9500", "CAD", \
                "2026-03-14"
            cells[24], cells[25] = "Riverbend Community Food Centre", "123456789RR0001"
            cells[31], cells[32], cells[33] = "CanadaHelps.org", "One-Time", "Credit Card"
            cells[46] = "2026-04-15"
            cells[14] = f"donor{number % 40_000}@example.ca"
            cells[16], cells[19] = f"{10 + number % 500}.0000", "1.0500"
            cells[22], cells[26] = f"2026-{number:07d}", "General"
            file.write(",".join(cells) + "\r\n")
            number += 1


def workbook(path: Path, rows: int = 3) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Date", "Amount"])
    for number in range(rows):
        sheet.append([f"Donor {number}", "2026-03-01", 10 + number])
    book.save(path)


def rewrite(path: Path, name: str, change) -> None:
    """Rewrite one part of a workbook (a zip) through `change(text) -> text`."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            target.writestr(part, data)


def huge_dimension(path: Path) -> None:
    workbook(path)
    rewrite(path, "xl/worksheets/sheet1.xml",
            lambda text: text.replace('<dimension ref="A1:C4"/>',
                                      '<dimension ref="A1:XFD20000"/>'))


def huge_string(path: Path, megabytes: int = 1000) -> None:
    workbook(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for part, data in parts.items():
            if part != "xl/sharedStrings.xml":
                target.writestr(part, data)
        with target.open("xl/sharedStrings.xml", "w", force_zip64=True) as strings:
            strings.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org'
                          b'/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
            block = b"A" * 1_000_000
            for _ in range(megabytes):
                strings.write(block)
            strings.write(b"</t></si></sst>")


def blank_styled_rows(path: Path) -> None:
    workbook(path)
    blank = "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(5, 200_005))
    rewrite(path, "xl/worksheets/sheet1.xml",
            lambda text: text.replace("</sheetData>", blank + "</sheetData>"))


def wide_header(path: Path) -> None:
    path.write_text(",".join(f"Column {n}" for n in range(100_000)) + "\n", "utf-8")


def long_line(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as file:
        file.write("Name,Date,Amount\n")
        file.write("a," * 24_500_000 + "\n")


FILES = (("CanadaHelps download, 47 columns, 49.5 MB", "canadahelps.csv", canadahelps),
         ("workbook declaring A1:XFD20000", "dimension.xlsx", huge_dimension),
         ("workbook with a 1 GB shared string", "string.xlsx", huge_string),
         ("workbook with a 59 MB shared string (allowed)", "string59.xlsx",
          lambda path: huge_string(path, 59)),
         ("workbook with 200,000 blank styled rows", "blank.xlsx", blank_styled_rows),
         ("CSV header of 100,000 columns", "wide.csv", wide_header),
         ("CSV line of 24.5 million fields (49 MB)", "long.csv", long_line))


def measure(path: str) -> dict:
    found = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT), path=path)],
                           capture_output=True, text=True, check=True)
    return json.loads(found.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        floor = measure("")
        print(f"{'file':44} {'size':>9} {'peak MB':>8} {'seconds':>8}  outcome")
        print(f"{'floor: the modules and an empty data file':44} {'':>9} "
              f"{floor['mb']:8.0f} {floor['seconds']:8.2f}")
        missed = False
        for label, name, make in FILES:
            path = folder / name
            started = time.perf_counter()
            make(path)
            made = time.perf_counter() - started
            found = measure(str(path))
            missed |= found["mb"] >= GOAL_MB
            print(f"{label:44} {path.stat().st_size / 1e6:7.1f}MB {found['mb']:8.0f} "
                  f"{found['seconds']:8.2f}  {found['outcome']}"
                  f"{'  MISSED' if found['mb'] >= GOAL_MB else ''}  (made in {made:.0f} s)")
    print(f"goal: every file under {GOAL_MB} MB: {'MISSED' if missed else 'met'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
