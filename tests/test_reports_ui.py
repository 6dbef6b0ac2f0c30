"""Reports and CSV export from the window: the Reports dialog, its preview, and exporting the
lists as a volunteer would."""

import csv
import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QPushButton

from cars_desktop.store import contributions, partners, profile, sample
from cars_desktop.store.models import Partner
from cars_desktop.ui.export_dialog import export_file
from cars_desktop.ui.reports_dialog import ReportsDialog
from helpers import answer_message_boxes, type_text

TODAY = dt.date.today()


def pdf_text(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def fill_profile(**changes):
    profile.save_group_profile({
        "name": "Riverbend Food Centre", "address_line1": "412 Main Street",
        "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0", "language": "en",
        "fiscal_year_start_month": 1, **changes})


def partner(name, **values):
    return partners.save_partner({"kind": "organisation", "name": name, "sector": "corporate",
                                  "partnership_type": "formal", "status": "active",
                                  "language": "en", **values}, [])


def gift(pid, amount, day, **values):
    return contributions.save_contribution(
        {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
         "amount": amount, "date": day, "payment_method": "cheque", **values})


def dialog_for(qtbot, window, report, start=None, end=None, lang="en"):
    dialog = ReportsDialog(window, report)
    qtbot.addWidget(dialog)
    dialog.report.setCurrentIndex(dialog.report.findData(report))
    if start:
        dialog.period.setCurrentIndex(dialog.period.findData("custom"))
        dialog.start.setDate(QDate(start))
        dialog.end.setDate(QDate(end))
    dialog.language.setCurrentIndex(dialog.language.findData(lang))
    return dialog


def test_the_summary_from_the_reports_dialog_in_both_languages(qtbot, window, tmp_path):
    fill_profile()
    pid = partner("Quincaillerie Roy")
    gift(pid, "1234.56", dt.date(2025, 3, 4))
    gift(pid, "100", dt.date(2024, 6, 1))  # the year before: the comparison
    for lang, money, title in (("en", "$1,234.56", "Contributions summary"),
                               ("fr", "1 234,56 $", "Sommaire des contributions")):
        dialog = dialog_for(qtbot, window, "summary", dt.date(2025, 1, 1),
                            dt.date(2025, 12, 31), lang)
        preview = dialog.make()  # closed below: it deletes itself
        assert preview is not None
        assert preview.document.pageCount() >= 1
        out = tmp_path / f"summary-{lang}.pdf"
        assert preview.save_to(str(out))
        text = pdf_text(out)
        assert title in text and money in text and "Quincaillerie Roy" in text
        assert ("$100.00" if lang == "en" else "100,00 $") in text  # the period before
        folder = preview.pdf.parent
        preview.findChild(QPushButton, "closePreview").click()
        assert not folder.exists()


def test_a_statement_needs_its_partner_and_says_so(qtbot, window, tmp_path):
    fill_profile()
    pid = partner("Coop Évangéline")
    gift(pid, "75", dt.date(2025, 5, 1))
    dialog = dialog_for(qtbot, window, "statement", dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    dialog.show()
    assert dialog.partner.isVisible() and dialog.period.isVisible()
    assert dialog.make() is None
    assert "Choose the partner" in dialog.error.text()
    type_text(dialog.partner, "Coop Év")
    dialog.partner.set_partner(pid)
    preview = dialog.make()
    qtbot.addWidget(preview)
    out = tmp_path / "statement.pdf"
    preview.save_to(str(out))
    assert "Coop Évangéline" in pdf_text(out) and "$75.00" in pdf_text(out)


def test_reports_without_a_period_hide_the_dates(qtbot, window):
    fill_profile()
    dialog = dialog_for(qtbot, window, "directory")
    dialog.show()
    assert not dialog.period.isVisible() and not dialog.partner.isVisible()
    dialog.report.setCurrentIndex(dialog.report.findData("health"))
    assert not dialog.period.isVisible()
    preview = dialog.make()
    qtbot.addWidget(preview)
    assert preview.document.pageCount() == 1


def test_reports_wait_for_the_profile(qtbot, window):
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Cancel], seen)
    assert window.open_reports() is None
    assert "name" in seen[0]


def test_exporting_the_filtered_partner_list(qtbot, window, tmp_path):
    sample.fill_sample(partners=40, contributions=100, today=TODAY)
    tab = window.partners
    tab.sector.setCurrentIndex(tab.sector.findData("public"))
    shown = [tab.model.data(tab.model.index(row, 0)) for row in range(tab.model.rowCount())]
    out = tmp_path / "public"
    assert export_file(window, "partners", str(out), tab.records.ids()) == len(shown)
    with open(tmp_path / "public.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["Name"] for row in rows] == shown  # the list's own order
    assert {row["Sector"] for row in rows} == {"Public"}
    assert "exported to" in window.statusBar().currentMessage()
    assert Partner.select().count() > len(rows)


def test_an_export_that_cannot_be_written_says_so(qtbot, window, tmp_path):
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    assert export_file(window, "contributions", str(tmp_path / "gone" / "x.csv")) is None
    assert "could not be written" in seen[0]
    assert not (tmp_path / "gone").exists()
