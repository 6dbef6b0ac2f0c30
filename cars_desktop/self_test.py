"""`cars-desktop self-test`: quick proof that an installation is complete. In a temporary
data folder it writes and reads a partner and a contribution, makes a thank-you letter and a
report, checks that their fonts are embedded, and opens the main window offscreen. Prints
each step; exits 0 when all pass."""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import time
from pathlib import Path

from cars_desktop import APP_NAME, __version__


def run(show_window: bool = True) -> int:
    started = time.perf_counter()
    print(f"{APP_NAME} {__version__} self-test (Python {sys.version.split()[0]})")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="cars-self-test-") as folder:
        data = Path(folder) / "data"
        for name, step in (("data file", lambda: _data(data)),
                           ("import", lambda: _import(data, Path(folder))),
                           ("thank-you letter", lambda: _letter(data, Path(folder))),
                           ("report", lambda: _report(data, Path(folder))),
                           ("main window", lambda: _window(data) if show_window else "skipped"),
                           ("text rules", _text_rules)):
            try:
                detail = step()
            except Exception as err:  # each step reports its own failure and the test goes on
                failures += 1
                print(f"  FAILED  {name}: {type(err).__name__}: {err}")
            else:
                print(f"  ok      {name}{f': {detail}' if detail else ''}")
    print(f"{'All steps passed' if not failures else f'{failures} step(s) failed'} in "
          f"{time.perf_counter() - started:.1f} s.")
    return 1 if failures else 0


# a purpose in three more scripts: the letter needs the bundled fonts, HarfBuzz and python-bidi
SCRIPTS = "ਗੁਰਦੁਆਰਾ مسجد 社区"


def _data(data: Path) -> str:
    from cars_desktop.store import contributions, database, partners, profile
    from cars_desktop.store.models import Contribution, Partner

    with database.open_store(data):
        profile.save_group_profile({
            "name": "Self-test Group", "address_line1": "1 Main Street", "city": "Riverbend",
            "province": "MB", "postal_code": "R0G 1A0", "language": "en",
            "fiscal_year_start_month": 1})
        pid = partners.save_partner({
            "kind": "person", "name": "Nguyễn Thị Minh", "sector": "community",
            "partnership_type": "casual", "status": "active", "language": "fr",
            "address_line1": "12 rue de l'Église", "city": "Chéticamp", "province": "NS",
            "postal_code": "B0E 1H0"}, [])
        contributions.save_contribution({
            "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
            "amount": "1 234,56", "date": dt.date.today(), "payment_method": "cheque",
            "purpose": SCRIPTS})
        if Partner.get_by_id(pid).name != "Nguyễn Thị Minh" or \
                Contribution.get().amount_cents != 123456:
            raise AssertionError("what was written did not read back the same")
        problems = database.integrity_report()
        if problems:
            raise AssertionError(f"the data file does not check out: {problems[0]}")
    return "a partner and a contribution written, read back and checked"


def _import(data: Path, folder: Path) -> str:
    """A PayPal download read and planned (a close name looked for, a refund linked), and an
    Excel workbook read: what an import needs is in the program."""
    import openpyxl

    from cars_desktop.exchange import importer
    from cars_desktop.store import database

    paypal = folder / "paypal.csv"
    paypal.write_text(
        '"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
        '"From Email Address","Transaction ID","Reference Txn ID"\r\n'
        '"03/01/2026","9:00","EST","Nguyen Thi Mihn","Donation Payment","Completed","CAD",'
        '"50.00","-1.75","48.25","m@example.ca","T1",""\r\n'
        '"03/02/2026","9:00","EST","Nguyen Thi Mihn","Payment Refund","Completed","CAD",'
        '"-20.00","0.00","-20.00","m@example.ca","T2","T1"\r\n', "utf-8")
    book = openpyxl.Workbook()
    book.active.append(["Name", "Date", "Amount"])
    book.active.append(["Anne Roy", "2026-03-01", 25])
    book.save(folder / "gifts.xlsx")
    with database.open_store(data):
        table, known, mapping = importer.open_file(paypal)
        plan = importer.make_plan(table, mapping, known, paypal.name, "mdy")
        gift = plan.rows[0]
        if (gift.action, gift.amount_cents) != (importer.NEAR, 3000):
            raise AssertionError(f"the PayPal file was read as {gift.action}, "
                                 f"{gift.amount_cents} cents")
        table, known, mapping = importer.open_file(folder / "gifts.xlsx")
        if importer.make_plan(table, mapping, known, "gifts.xlsx").rows[0].amount_cents != 2500:
            raise AssertionError("the workbook was not read right")
    return "a PayPal download with a refund and an Excel workbook, planned"


def _fonts_embedded(path: Path) -> str:
    raw = path.read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", raw))
    if not fonts or b"/FontFile2" not in raw:
        raise AssertionError(f"{path.name} embeds no font")
    loose = [f.decode() for f in fonts if b"+" not in f]  # embedded subsets are AAAAAA+Name
    if loose:
        raise AssertionError(f"{path.name} names fonts it does not embed: {', '.join(loose)}")
    return f"{len(raw) // 1024} KB, fonts embedded"


def _letter(data: Path, folder: Path) -> str:
    from cars_desktop.documents.letters import write_letters
    from cars_desktop.documents.scripts import noting_unprintable
    from cars_desktop.store import database, letters
    from cars_desktop.store.models import Contribution

    with database.open_store(data), noting_unprintable() as unprintable:
        batch = letters.letters_for([Contribution.get().id], dt.date.today())
        path = folder / "letter.pdf"
        pages = write_letters(batch.letters, letters.letterhead(), path, dt.date.today())
    if pages != 1:
        raise AssertionError(f"the letter has {pages} pages")
    missing = [font for font in (b"NotoSansGurmukhi", b"DroidSansFallback")
               if font not in path.read_bytes()]
    if unprintable or missing:
        raise AssertionError(f"{SCRIPTS} did not print: {unprintable or missing}")
    return _fonts_embedded(path)


def _report(data: Path, folder: Path) -> str:
    from cars_desktop.documents.reports import write_report
    from cars_desktop.store import database, letters, reports

    today = dt.date.today()
    with database.open_store(data):
        summary = reports.contributions_summary(today.replace(month=1, day=1), today)
        if summary.totals.cash_cents != 123456:
            raise AssertionError("the report's total is not the contribution's amount")
        path = folder / "report.pdf"
        write_report("summary", summary, letters.letterhead(), "fr", path, today)
    return _fonts_embedded(path)


def _window(data: Path) -> str:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and \
            sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from cars_desktop.store import database
    from cars_desktop.ui.app import make_application
    from cars_desktop.ui.main_window import MainWindow

    app = make_application([])
    with database.open_store(data) as store:
        window = MainWindow(store)
        window.show()
        app.processEvents()
        rows = window.partners.model.rowCount()
        window.hide()
        window.deleteLater()
        app.processEvents()
    if rows != 1:
        raise AssertionError(f"the Partners tab shows {rows} partners instead of 1")
    return f"shown on the {QApplication.platformName()} platform, its list read"


def _text_rules() -> str:
    """What Qt asks of ICU (whose data the Linux build trims): French capitals, and sorting as
    people read, not by character codes."""
    import functools

    from PySide6.QtCore import QCollator, QLocale

    french = QLocale(QLocale.Language.French, QLocale.Country.Canada)
    if french.toUpper("élan côté") != "ÉLAN CÔTÉ":
        raise AssertionError(f"capitals in French: {french.toUpper('élan côté')}")
    for locale in (french, QLocale(QLocale.Language.Spanish)):
        words = sorted(["zèbre", "Eve", "élan", "eau"],
                       key=functools.cmp_to_key(QCollator(locale).compare))
        if words != ["eau", "élan", "Eve", "zèbre"]:
            raise AssertionError(f"sorted in {locale.name()}: {words}")
    return "capitals and sorting in French and Spanish"
