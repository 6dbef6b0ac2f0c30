"""One rule for what a total counts (core.counting): the Contributions tab's totals line, the
partner panel, the contributions summary and the CSV export say the same numbers for the same
gifts, loans apart, and say what was given where no value was. Driven through the window's
own controls; the expected numbers were worked out by hand."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import sqlite3
from decimal import Decimal

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from cars_desktop.core import counting, vocab
from cars_desktop.store import contributions, partners, profile, reports
from cars_desktop.store import sample as sample_data
from cars_desktop.store.lists import ContributionList
from cars_desktop.ui.reports_dialog import ReportsDialog
from helpers import norm

TODAY = dt.date.today()
DAY = dt.date(TODAY.year, 1, 1)  # everything this year, never in the future


def on(days: int) -> dt.date:
    return min(DAY + dt.timedelta(days=days), TODAY)


def plain(label) -> str:
    """A label's text as the volunteer reads it (its bold and spacing markup gone)."""
    document = QTextDocument()
    document.setHtml(label.text())
    return norm(document.toPlainText())


def find_action(window, menu_title: str, action_text: str):
    for menu_action in window.menuBar().actions():
        if menu_action.text() == menu_title:
            menu_action.menu().aboutToShow.emit()  # opened, as a volunteer opens it
            for action in menu_action.menu().actions():
                if action.text() == action_text:
                    return action
    raise AssertionError(f"no {menu_title} › {action_text}")


def save_as(path) -> None:
    """Answer the next file dialog with `path`, as a volunteer choosing where to save."""
    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, answer)
            return
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))  # typed, as a person
        dialog.accept()
    QTimer.singleShot(20, answer)


def give(pid, family="cash", kind="one_time", status="received", amount="", **values) -> int:
    fields = {"partner_id": pid, "family": family, "kind": kind, "status": status,
              "amount": amount, "date": on(10), **values}
    if family == "cash" and status == "received":
        fields.setdefault("payment_method", "cheque")
    return contributions.save_contribution(fields)


@pytest.fixture
def gifts(store):
    """A church that gave every sort of thing, and a volunteer whose gifts were not valued."""
    profile.save_group_profile({
        "name": "Riverbend Food Centre", "address_line1": "412 Main Street",
        "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0", "language": "en",
        "fiscal_year_start_month": 1})
    church = partners.save_partner({
        "kind": "organisation", "name": "St. Andrew's Church", "sector": "voluntary",
        "partnership_type": "casual", "status": "active", "language": "en"}, [])
    bob = partners.save_partner({
        "kind": "person", "name": "Bob MacDonald", "sector": "community",
        "partnership_type": "casual", "status": "active", "language": "en"}, [])
    give(church, amount="1000")
    give(church, kind="loan", amount="5000", purpose="New van")
    pledge = give(church, kind="annual", status="pledged", amount="2000", date=on(2),
                  date_expected=on(200), purpose="Summer camp")
    give(church, kind="annual", amount="500", pledge_id=pledge, purpose="Summer camp")
    give(church, kind="loan", status="pledged", amount="3000", purpose="Second van")
    give(church, status="cancelled", amount="999")
    give(church, family="in_kind", kind="products", amount="300", description="12 turkeys")
    give(church, family="in_kind", kind="service", hours="12", description="Roof repairs")
    give(bob, family="in_kind", kind="facilities", description="His barn for the sale")
    give(bob, family="in_kind", kind="products", description="Bread for the supper")
    return {"church": church, "bob": bob}


def test_the_tab_the_partner_panel_the_summary_and_the_export_agree(qtbot, gifts, window,
                                                                      tmp_path):
    window.resize(1366, 768)
    # The Contributions tab, this year: loans apart, never inside cash received
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: "Cash received" in plain(tab.totals))
    line = plain(tab.totals)
    for part in ("Cash received $1,500.00", "Loans $5,000.00 (to be paid back)",
                 "In kind $300.00 and 2 gifts not valued", "Volunteer time 12.0 h",
                 "Pledged, still to come $1,500.00"):
        assert part in line, line
    assert "$6,500.00" not in line  # cash and loans are never added up

    # The partner panel: click each partner in the Partners tab
    partners_tab = window.partners
    window.tabs.setCurrentWidget(partners_tab)
    panels = {}
    for row in range(partners_tab.model.rowCount()):
        index = partners_tab.model.index(row, 0)
        qtbot.mouseClick(partners_tab.table.viewport(), Qt.MouseButton.LeftButton,
                         pos=partners_tab.table.visualRect(index).center())
        panels[partners_tab.model.data(index)] = plain(partners_tab.history.totals)
    church = panels["St. Andrew's Church"]
    for part in ("Cash received $1,500.00", "Loans $5,000.00", "In kind $300.00",
                 "Volunteer time 12.0 h", "Pledged, still to come $1,500.00"):
        assert part in church, church
    bob = panels["Bob MacDonald"]
    assert "2 gifts in kind, not valued" in bob and "In kind $0.00" not in bob, bob
    # the partners list's "Given this year" counts by the same rule: no loan in it
    given = {partners_tab.model.data(partners_tab.model.index(row, 0)):
             partners_tab.model.data(partners_tab.model.index(row, 7))
             for row in range(partners_tab.model.rowCount())}
    assert given["St. Andrew's Church"] == "$1,800.00"  # 1,000 + 500 + 300 of goods

    # The contributions summary, from Reports › Make a report…
    find_action(window, "Re&ports", "&Make a report…").trigger()
    dialog = QApplication.activeModalWidget() or window.findChild(ReportsDialog)
    assert isinstance(dialog, ReportsDialog)
    dialog.period.setCurrentIndex(dialog.period.findData("this_year"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    text = norm(" ".join(page.extract_text() for page in PdfReader(dialog.preview.pdf).pages))
    for part in ("Cash received $1,500.00", "Gifts in kind (value) $300.00 + 2 not valued",
                 "Volunteer hours 12", "Still to come $1,500.00",
                 "Loans (not counted as support) $5,000.00",
                 "Loans received ($5,000.00) are listed but not counted as support",
                 "Facilities 1 1 gift, not valued", "Products 2 $300.00 + 1 not valued",
                 "Service / labour 1 valued as time 12",
                 "Bob MacDonald Community $0.00 2 gifts, not valued $0.00"):
        assert part in text, (part, text)
    dialog.preview.reject()
    dialog.reject()

    # The export of the list, from Contribution › Export this list (CSV)…
    out = tmp_path / "this year.csv"
    window.tabs.setCurrentWidget(tab)
    save_as(out)
    tab.export_action.trigger()
    with open(out, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    sums: dict[str, Decimal] = {}
    for row in rows:
        sums[row["Counted as"]] = sums.get(row["Counted as"], Decimal(0)) + \
            Decimal(row["Amount"])
    assert sums["Cash received"] == Decimal("1500.00")
    assert sums["Loan (apart: to be paid back)"] == Decimal("5000.00")
    assert sums["Gift in kind"] == Decimal("300.00")
    assert sum(Decimal(row["Hours"] or 0) for row in rows
               if row["Counted as"] == "Gift in kind") == Decimal("12.00")
    assert sum(Decimal(row["Still to come"]) for row in rows
               if row["Counted as"].startswith("Pledge")) == Decimal("1500.00")
    assert sum(row["Counted as"] == "Gift in kind" and row["Amount"] == "0.00"
               and not row["Hours"] for row in rows) == 2  # the gifts not valued


def test_the_rule_says_the_same_in_python_and_in_sql():
    """Every status, family and kind: the SQL conditions pick each contribution for exactly
    the place `counted_as` names, and "support" is cash received and gifts in kind."""
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE c (status, family, kind, amount_cents, minutes)")
    combos = [(status, "cash", kind) for status in vocab.CONTRIBUTION_STATUSES.codes()
              for kind in vocab.CASH_KINDS.codes()] + \
             [(status, "in_kind", kind) for status in vocab.CONTRIBUTION_STATUSES.codes()
              for kind in vocab.IN_KIND_KINDS.codes()]
    for (status, family, kind), (amount, minutes) in itertools.product(
            combos, [(0, 0), (500, 0), (0, 90), (500, 90)]):
        conn.execute("INSERT INTO c VALUES (?, ?, ?, ?, ?)",
                     (status, family, kind, amount, minutes))
    for row in conn.execute("SELECT rowid, * FROM c").fetchall():
        rowid, status, family, kind, amount, minutes = row
        place = counting.counted_as(status, family, kind)
        found = [code for code in counting.COUNTED_AS.codes() if conn.execute(
            f"SELECT 1 FROM c WHERE rowid = ? AND {counting.where(code, 'c')}",
            (rowid,)).fetchone()]
        assert found == [place], row
        support = conn.execute(f"SELECT 1 FROM c WHERE rowid = ? AND "
                               f"{counting.where('support', 'c')}", (rowid,)).fetchone()
        assert bool(support) == (place in ("cash", "in_kind")), row
        unvalued = conn.execute(f"SELECT 1 FROM c WHERE rowid = ? AND {counting.unvalued('c')}",
                                (rowid,)).fetchone()
        assert bool(unvalued) == counting.is_unvalued(family, amount, minutes), row


@pytest.mark.parametrize("year", [TODAY.year - 1, TODAY.year])
def test_the_list_and_the_reports_add_up_the_same_on_a_sample(store, year):
    sample_data.fill_sample(partners=60, contributions=600, seed=7, today=TODAY)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    listed = ContributionList()
    listed.start, listed.end = start, end
    counted = listed.totals()
    report = reports.period_totals(start, end, 2000)
    assert report.loans_cents > 0  # the sample has loans: the test means something
    assert (counted.cash_received_cents, counted.in_kind_cents, counted.minutes,
            counted.loans_cents, counted.unvalued_gifts) == (
        report.cash_cents, report.in_kind_cents, report.minutes, report.loans_cents,
        report.unvalued_gifts)
    summary = reports.contributions_summary(start, end)
    assert sum(cash for _, cash, _ in summary.by_month) == counted.cash_received_cents


@pytest.mark.parametrize("values, words", [
    (("cash", "one_time", 50000, 0), "$500.00"),
    (("cash", "loan", 500000, 0), "a loan of $5,000.00"),
    (("in_kind", "products", 30000, 0), "products worth $300.00"),
    (("in_kind", "service", 40000, 300), "service worth $400.00 (5 hours)"),
    (("in_kind", "service", 0, 720), "12 hours of labour"),
    (("in_kind", "volunteer_program", 0, 60), "1 hour of employee volunteering"),
    (("in_kind", "products", 0, 140), "2.3 hours of time given"),
    (("in_kind", "facilities", 0, 0), "a gift of facilities (not valued)"),
])
def test_what_was_given_in_words(values, words):
    assert counting.gift_words(*values) == words
    assert "$0.00" not in counting.gift_words(*values)


def test_gifts_not_valued_in_words():
    assert counting.unvalued_words(1, "facilities") == "1 gift of facilities, not valued"
    assert counting.unvalued_words(2) == "2 gifts in kind, not valued"
