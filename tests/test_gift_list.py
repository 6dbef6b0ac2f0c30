"""The treasurer's gift list: every gift received in a period on its line, by date or under
each partner with a subtotal, the totals by kind, what is left out; read back from its PDF in
English and French, made from the reports window, the command line, and over many pages."""

from __future__ import annotations

import datetime as dt

import accessibility_kit as kit
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from test_date_typing import retype

from cars_desktop import cli
from cars_desktop.documents.reports import GIFT_GROUPINGS, REPORT_KINDS, gather_report, write_report
from cars_desktop.store import contributions, database, gift_list, letters, partners
from cars_desktop.store.models import db
from cars_desktop.ui.reports_dialog import ReportsDialog
from helpers import assert_fonts_embedded, menu_action, norm
from letter_kit import set_group

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
TODAY = dt.date(2026, 1, 5)
SYLLABICS = "ᐃᓄᒃᑎᑐᑦ Radio"


def org(name, sector="corporate", kind="organisation") -> int:
    return partners.save_partner({"kind": kind, "name": name, "sector": sector,
                                  "partnership_type": "casual", "status": "active",
                                  "language": "en"}, [])


def give(pid, **values) -> int:
    return contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
        "amount": "100", "date": dt.date(2025, 3, 1), "payment_method": "cheque", **values})


def in_kind(pid, kind, **values) -> int:
    return give(pid, family="in_kind", kind=kind, payment_method="", **values)


def books() -> None:
    """A year of gifts of every sort, and what the list must leave out."""
    set_group()
    roy, lions = org("Quincaillerie Roy"), org("Lions Club of Riverbend", "voluntary")
    rose = org("Rose Leblanc", "community", "person")
    village, lender = org("Village of Riverbend", "government"), org("Riverbend Credit Union")
    cheque = give(roy, amount="1234.56", date=dt.date(2025, 3, 4), reference="1042")
    in_kind(roy, "products", amount="300", date=dt.date(2025, 5, 2), description="Paint")
    transfer = give(lions, kind="annual", amount="500", date=dt.date(2025, 2, 1),
                    payment_method="etransfer", reference="ET-77")
    in_kind(rose, "service", amount="", hours="6", date=dt.date(2025, 9, 9))
    in_kind(village, "facilities", amount="", date=dt.date(2025, 6, 15))
    give(org(SYLLABICS, "community"), amount="25", date=dt.date(2025, 11, 30),
         payment_method="cash")
    # left out: a pledge, a cancelled gift, a loan, and gifts outside the year
    give(lions, status="pledged", amount="1000", date=dt.date(2025, 4, 1), payment_method="",
         date_expected=dt.date(2025, 12, 1))
    give(roy, status="cancelled", amount="50", date=dt.date(2025, 7, 1))
    give(lender, kind="loan", amount="5000", date=dt.date(2025, 8, 1))
    give(roy, amount="77", date=dt.date(2024, 12, 31))
    give(roy, amount="88", date=dt.date(2026, 1, 1))
    contributions.mark_thanked([cheque, transfer], dt.date(2025, 3, 10), "letter")


def pdf_text(path) -> str:
    return norm(" ".join(page.extract_text() for page in PdfReader(path).pages))


def written(by: str, lang: str, path, period=YEAR) -> str:
    data = gather_report("gifts", *period, None, TODAY, by)
    write_report("gifts", data, letters.letterhead(), lang, path, TODAY)
    return pdf_text(path)


def in_order(text: str, phrases: list[str]) -> None:
    """Each phrase is in `text`, after the one before it."""
    at = 0
    for phrase in phrases:
        found = text.find(phrase, at)
        assert found >= 0, (phrase, text[at:at + 600])
        at = found + len(phrase)


# The numbers


def test_what_is_listed_and_what_is_left_out(store):
    books()
    data = gift_list.gift_list(*YEAR, "date")
    assert len(data.groups) == 1
    gifts = data.groups[0].gifts
    assert [(g.day.isoformat(), g.partner) for g in gifts] == [
        ("2025-02-01", "Lions Club of Riverbend"), ("2025-03-04", "Quincaillerie Roy"),
        ("2025-05-02", "Quincaillerie Roy"), ("2025-06-15", "Village of Riverbend"),
        ("2025-09-09", "Rose Leblanc"), ("2025-11-30", SYLLABICS)]
    assert (data.sums.gifts, data.sums.cash_cents, data.sums.in_kind_cents,
            data.sums.unvalued, data.sums.minutes, data.partners) == (6, 175956, 30000, 1,
                                                                       360, 5)
    assert {code: sums.gifts for (_family, code), sums in data.by_kind.items()} == {
        "one_time": 2, "annual": 1, "products": 1, "facilities": 1, "service": 1}
    assert list(data.by_kind)[:2] == [("cash", "one_time"), ("cash", "annual")]  # cash first
    assert (data.pledges.count, data.pledges.cents) == (1, 100000)
    assert (data.cancelled.count, data.cancelled.cents) == (1, 5000)
    assert (data.loans.count, data.loans.cents) == (1, 500000)

    by_partner = gift_list.gift_list(*YEAR, "partner")
    assert [(group.title, group.sums.gifts, group.sums.total_cents)
            for group in by_partner.groups] == [
        ("Lions Club of Riverbend", 1, 50000), ("Quincaillerie Roy", 2, 153456),
        ("Rose Leblanc", 1, 0), ("Village of Riverbend", 1, 0), (SYLLABICS, 1, 2500)]
    assert by_partner.sums == data.sums


def test_every_grouping_of_the_window_has_its_gathering():
    assert GIFT_GROUPINGS.codes() == list(gift_list.GROUPINGS)
    assert REPORT_KINDS["gifts"].groupings is GIFT_GROUPINGS


# The PDF, read back


LINES = {  # each gift's line as printed, in order, by date
    "en": ["Feb 1, 2025 Lions Club of Riverbend Annual renewable gift Cash E-transfer ET-77 "
           "$500.00 Mar 10, 2025",
           "Mar 4, 2025 Quincaillerie Roy One-time gift Cash Cheque no. 1042 $1,234.56 "
           "Mar 10, 2025",
           "May 2, 2025 Quincaillerie Roy Products In kind $300.00 est. Not yet",
           "Jun 15, 2025 Village of Riverbend Facilities In kind not valued Not yet",
           "Sep 9, 2025 Rose Leblanc Service / labour In kind 6 hours Not yet",
           f"Nov 30, 2025 {SYLLABICS} One-time gift Cash Cash $25.00 Not yet"],
    "fr": ["1er févr. 2025 Lions Club of Riverbend Don annuel renouvelable Argent Virement "
           "électronique ET-77 500,00 $ 10 mars 2025",
           "4 mars 2025 Quincaillerie Roy Don ponctuel Argent Chèque nº 1042 1 234,56 $ "
           "10 mars 2025",
           "2 mai 2025 Quincaillerie Roy Produits En nature 300,00 $ estim. Pas encore",
           "15 juin 2025 Village of Riverbend Locaux En nature non évalué Pas encore",
           "9 sept. 2025 Rose Leblanc Services / main-d'œuvre En nature 6 heures Pas encore",
           f"30 nov. 2025 {SYLLABICS} Don ponctuel Argent Comptant 25,00 $ Pas encore"],
}
HEAD = {
    "en": ["Gift list", "January 1, 2025 – December 31, 2025",
           "Gifts 6 from 5 partners Cash received $1,759.56 Gifts in kind (value) $300.00 "
           "+ 1 not valued Total of the gifts $2,059.56",
           "Not listed: pledges not yet received (1, $1,000.00 still to come), cancelled "
           "contributions (1, $50.00) and loans, which are paid back (1, $5,000.00).",
           "Date Partner Kind Cash / in kind Payment Amount Thanked"],
    "fr": ["Liste des dons", "1er janvier 2025 – 31 décembre 2025",
           "Dons 6 de 5 partenaires Argent reçu 1 759,56 $ Dons en nature (valeur) 300,00 $ "
           "+ 1 non évalué Total des dons 2 059,56 $",
           "Ne figurent pas ici : les promesses pas encore reçues (1, 1 000,00 $ à venir), les "
           "contributions annulées (1, 50,00 $) et les prêts, qui sont remboursés (1, "
           "5 000,00 $).",
           "Date Partenaire Type Argent / nature Paiement Montant Remercié"],
}
TOTALS = {
    "en": ["Totals by kind of contribution Kind Gifts Amount Hours",
           "One-time gift 2 $1,259.56", "Annual renewable gift 1 $500.00",
           "Subtotal: cash 3 $1,759.56", "Products 1 $300.00",
           "Facilities 1 1 gift, not valued", "Service / labour 1 — 6",
           "Subtotal: in kind (estimated value) 3 $300.00 6",
           "Total of the gifts 6 $2,059.56 6"],
    "fr": ["Totaux par type de contribution Type Dons Montant Heures",
           "Don ponctuel 2 1 259,56 $", "Don annuel renouvelable 1 500,00 $",
           "Sous-total : argent 3 1 759,56 $", "Produits 1 300,00 $",
           "Locaux 1 1 don, non évalué", "Services / main-d'œuvre 1 — 6",
           "Sous-total : en nature (valeur estimée) 3 300,00 $ 6",
           "Total des dons 6 2 059,56 $ 6"],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_list_by_date(store, tmp_path, lang):
    books()
    path = tmp_path / f"gifts-{lang}.pdf"
    text = written("date", lang, path)
    in_order(text, HEAD[lang] + LINES[lang] + TOTALS[lang])
    for left_out in ("$77.00", "$88.00", "$5,000.00 Not yet", "77,00 $", "88,00 $"):
        assert left_out not in text
    assert_fonts_embedded(path)


GROUPS = {  # each partner's heading with their subtotal, then their gifts
    "en": ["Date Kind Cash / in kind Payment Amount Thanked",
           "Lions Club of Riverbend · 1 gift $500.00 Feb 1, 2025 Annual renewable gift Cash "
           "E-transfer ET-77 $500.00 Mar 10, 2025",
           "Quincaillerie Roy · 2 gifts $1,234.56 $300.00 est. Mar 4, 2025 One-time gift Cash "
           "Cheque no. 1042 $1,234.56 Mar 10, 2025 May 2, 2025 Products In kind $300.00 est. "
           "Not yet",
           "Rose Leblanc · 1 gift 6 hours Sep 9, 2025 Service / labour In kind 6 hours Not yet",
           "Village of Riverbend · 1 gift not valued Jun 15, 2025 Facilities In kind "
           "not valued Not yet",
           f"{SYLLABICS} · 1 gift $25.00 Nov 30, 2025"],
    "fr": ["Date Type Argent / nature Paiement Montant Remercié",
           "Lions Club of Riverbend · 1 don 500,00 $ 1er févr. 2025 Don annuel renouvelable "
           "Argent Virement électronique ET-77 500,00 $ 10 mars 2025",
           "Quincaillerie Roy · 2 dons 1 234,56 $ 300,00 $ estim. 4 mars 2025 Don ponctuel "
           "Argent Chèque nº 1042 1 234,56 $ 10 mars 2025 2 mai 2025 Produits En nature "
           "300,00 $ estim. Pas encore",
           "Rose Leblanc · 1 don 6 heures 9 sept. 2025",
           "Village of Riverbend · 1 don non évalué 15 juin 2025",
           f"{SYLLABICS} · 1 don 25,00 $ 30 nov. 2025"],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_list_by_partner(store, tmp_path, lang):
    books()
    text = written("partner", lang, tmp_path / f"by-partner-{lang}.pdf")
    in_order(text, HEAD[lang][:-1] + GROUPS[lang] + TOTALS[lang])
    assert ("Partner" if lang == "en" else "Partenaire") not in text.split(HEAD[lang][-2])[1]


def test_an_empty_period_says_so(store, tmp_path):
    books()
    text = written("date", "en", tmp_path / "empty.pdf", (dt.date(2010, 1, 1),
                                                            dt.date(2010, 12, 31)))
    assert "No gift was received in this period. Not listed: pledges not yet received " \
           "(none) and cancelled contributions (none)." in text


def test_a_long_list_runs_over_pages(store, tmp_path):
    """The column heads on every page, a partner's heading said again where their gifts go
    on, a long name wrapped, a row taller than a page carried over, and every gift once."""
    set_group()
    long_name = "Fondation communautaire " + "des amis du centre de Riverbend " * 5
    many, long = org("Coopérative agricole de Riverbend"), org(long_name.strip())
    for number in range(150):
        give(many, amount=str(10 + number), date=dt.date(2025, 1, 1) + dt.timedelta(days=number),
             reference=f"C-{number:03d}")
    tall = give(long, amount="42", date=dt.date(2025, 12, 1), reference="R")
    give(org("Zénith Ltée"), amount="7", date=dt.date(2025, 12, 2))
    tall_text = "\n".join(f"L{number:03d}" for number in range(150))  # 120 lines fit a cell
    db.execute_sql("UPDATE contribution SET reference = ? WHERE id = ?",
                   (tall_text, tall))  # entered before there was a limit, by another program
    path = tmp_path / "long.pdf"
    written("partner", "en", path)
    pages = [norm(page.extract_text()) for page in PdfReader(path).pages]
    assert len(pages) >= 4
    assert all("Date Kind Cash / in kind Payment Amount Thanked" in page
               for page in pages[:-1])
    assert "Coopérative agricole de Riverbend (continued)" in pages[1]
    text = " ".join(pages)
    assert [f"C-{number:03d}" in text for number in range(150)] == [True] * 150
    assert text.count("Cheque no. C-") == 150
    assert norm(long_name) + " · 1 gift $42.00" in text
    # cut at 600 characters, as every report's cell
    in_order(text, [f"L{number:03d}" for number in range(115)] + ["…", "Zénith Ltée · 1 gift"])
    assert "L120" not in text
    tall_pages = [number for number, page in enumerate(pages) if "L0" in page or "L1" in page]
    assert len(tall_pages) >= 2  # the row goes on over the next page
    total = sum(10 + number for number in range(150)) + 42 + 7
    assert f"Total of the gifts 152 ${total:,}.00" in text


def test_a_grouping_with_its_own_totals(store, tmp_path, monkeypatch):
    """A new way of grouping is one entry: here by sector, standing in for the funds."""
    books()
    monkeypatch.setitem(gift_list.GROUPINGS, "sector", gift_list.Grouping(
        "p.sector", "p.sector", "p.sector,", totals=True))
    data = gift_list.gift_list(*YEAR, "sector")
    assert [(group.title, group.sums.gifts) for group in data.groups] == [
        ("community", 2), ("corporate", 2), ("government", 1), ("voluntary", 1)]
    path = tmp_path / "by-sector.pdf"
    write_report("gifts", data, letters.letterhead(), "en", path, TODAY)
    in_order(pdf_text(path), ["community · 2 gifts", "Totals sector", "community 2 $25.00",
                              "corporate 2 $1,234.56 $300.00 $1,534.56",
                              "Total of the gifts 6 $1,759.56 $300.00 + 1 not valued "
                              "$2,059.56"])


# The window and the command line


def test_made_from_the_reports_window(qtbot, window, tmp_path):
    books()
    menu_action(window, "Reports › Make a report…").trigger()
    dialog = window.findChild(ReportsDialog)
    qtbot.waitUntil(dialog.isVisible)
    screen = QApplication.primaryScreen().availableGeometry()
    assert (screen.width(), screen.height()) <= (1366, 768)
    assert screen.contains(dialog.frameGeometry())
    dialog.report.setCurrentIndex(dialog.report.findData("gifts"))
    assert dialog.period.isVisible() and not dialog.partner.isVisible()
    assert dialog.grouping.isVisible() and dialog.grouping.currentData() == "date"
    label = dialog.form.labelForField(dialog.grouping)
    assert label.text() == "Li&st gifts" and label.buddy() is dialog.grouping
    assert kit.problems(dialog) == []  # named, and no Alt+letter used twice
    dialog.grouping.setCurrentIndex(dialog.grouping.findData("partner"))
    dialog.period.setCurrentIndex(dialog.period.findData("custom"))
    retype(qtbot, dialog.start, "2025-01-01")
    retype(qtbot, dialog.end, "2025-12-31")
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview
    assert preview is not None
    out = tmp_path / "dons.pdf"
    assert preview.save_to(str(out))
    in_order(pdf_text(out), HEAD["fr"][:-1] + GROUPS["fr"] + TOTALS["fr"])
    preview.findChild(QPushButton, "closePreview").click()
    dialog.report.setCurrentIndex(dialog.report.findData("recognition"))
    assert label.text() == "&Group names" and dialog.grouping.currentData() == "sector"


def report_cli(data_dir, *args) -> int:
    return cli.main(["report", "gifts", *map(str, args), "--data-dir", str(data_dir)])


def test_the_command_line(data_dir, out, capsys):
    with database.open_store(data_dir):
        books()
    period = ("--from", "2025-01-01", "--to", "2025-12-31")
    path = out / "gifts.pdf"
    assert report_cli(data_dir, *period, "--by", "partner", "-o", path) == 0
    assert capsys.readouterr().out.startswith(f"Report written to {path} (1 page)")
    in_order(pdf_text(path), HEAD["en"][:-1] + GROUPS["en"] + TOTALS["en"])
    assert report_cli(data_dir, *period, "--lang", "fr", "-o", path) == 0  # by date
    in_order(pdf_text(path), HEAD["fr"] + LINES["fr"] + TOTALS["fr"])

    assert report_cli(data_dir, "-o", path) == 2
    assert "The gifts report needs its period" in capsys.readouterr().err
    assert report_cli(data_dir, *period, "--by", "sector", "-o", path) == 2
    assert "The gifts report is grouped by one of: date, partner, fund." in capsys.readouterr().err
    assert report_cli(data_dir, "--from", "2025-12-31", "--to", "2025-01-01", "-o", path) == 2
    assert "The period ends before it starts." in capsys.readouterr().err
    assert report_cli(data_dir, *period, "-o", out / "missing" / "gifts.pdf") == 2
    assert "does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:
        report_cli(data_dir, *period, "--by", "amount", "-o", path)
    assert refused.value.code == 2
    assert "invalid choice: 'amount'" in capsys.readouterr().err
