"""Thanking partners in public: how each partner wishes to be thanked (the partner dialog), and
the recognition list read back from its PDF — who is named, under which group, the anonymous
counted, the wordings, in English and French — made from the reports window, the command line
and the successes to celebrate."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton
from test_date_typing import retype

from cars_desktop import cli
from cars_desktop.core import validation
from cars_desktop.documents.reports import gather_report, write_report
from cars_desktop.store import contributions, database, letters, partners, reports
from cars_desktop.store.models import Partner
from cars_desktop.ui.partner_dialog import PartnerDialog
from cars_desktop.ui.reports_dialog import ReportsDialog
from helpers import menu_action, norm, type_text
from letter_kit import set_group

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
TODAY = dt.date.today()
SYLLABICS = "ᐃᓄᒃᑎᑐᑦ Radio"  # printed in any script Canadians write
HEADINGS = {  # each grouping's headings, in the order printed, English and French
    "sector": (["Voluntary", "Government", "Corporate", "Community"],
               ["Bénévole", "Gouvernement", "Entreprise", "Communauté"]),
    "support": (["Cash gifts", "Gifts in kind", "Volunteer time"],
                ["Dons en argent", "Dons en nature", "Temps donné"]),
}


def org(name, sector="corporate", kind="organisation", **values) -> int:
    return partners.save_partner({"kind": kind, "name": name, "sector": sector,
                                  "partnership_type": "casual", "status": "active",
                                  "language": "en", **values}, [])


def cash(pid, day=dt.date(2025, 3, 1), amount="100", **values) -> int:
    return contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
        "amount": amount, "date": day, "payment_method": "cheque", **values})


def goods(pid, kind="products", amount="250", day=dt.date(2025, 5, 2)) -> int:
    return contributions.save_contribution({
        "partner_id": pid, "family": "in_kind", "kind": kind, "status": "received",
        "amount": amount, "date": day, "description": "Groceries"})


def time(pid, hours="6", day=dt.date(2025, 9, 9)) -> int:
    return contributions.save_contribution({
        "partner_id": pid, "family": "in_kind", "kind": "service", "status": "received",
        "amount": 0, "hours": hours, "date": day, "description": "Snow clearing"})


def community() -> dict[str, int]:
    """Partners who gave in 2025 in every way, and some who must not be named."""
    set_group()
    ids = {
        "lions": org("Lions Club of Riverbend", "voluntary"),
        "roy": org("Quincaillerie Roy"),
        "village": org("Village of Riverbend", "government"),
        "leblanc": org("Rose Leblanc", "community", "person", recognition="wording",
                       recognition_wording="The Leblanc family"),
        "cormier": org("Cormier estate", "community", recognition="wording",
                       recognition_wording="In memory of Rose Cormier"),
        "radio": org(SYLLABICS, "community"),
        "secret": org("Secret Giver Ltd", recognition="anonymous"),
        "shy": org("Shy Volunteer", "community", "person", recognition="anonymous"),
        "unlisted": org("Unlisted Holdings", recognition="not_listed"),
        "archived": org("Archived Foundry"),
        "erased": org("Erased Person", "community", "person"),
        "pledged": org("Promise Only Inc"),
        "lender": org("Lender Credit Union"),
        "earlier": org("Last Year Club", "voluntary"),
        "cancelled": org("Cancelled Cheque Co"),
    }
    cash(ids["lions"])
    cash(ids["roy"], amount="5000")
    goods(ids["roy"])  # cash and goods: under both
    goods(ids["village"], kind="facilities", amount="300")
    time(ids["leblanc"])
    cash(ids["cormier"])
    time(ids["radio"])
    cash(ids["secret"], amount="10000")
    time(ids["shy"])
    cash(ids["unlisted"])
    cash(ids["archived"])
    partners.archive_partner(ids["archived"])
    cash(ids["erased"])
    partners.erase_personal_information(ids["erased"])
    contributions.save_contribution({
        "partner_id": ids["pledged"], "family": "cash", "kind": "one_time",
        "status": "pledged", "amount": "900", "date": dt.date(2025, 4, 1),
        "date_expected": dt.date(2026, 4, 1)})
    cash(ids["lender"], kind="loan")  # paid back: not a gift
    cash(ids["earlier"], day=dt.date(2024, 12, 31))
    cash(ids["cancelled"], status="cancelled")
    return ids


NEVER_NAMED = ["Rose Leblanc", "Cormier estate", "Secret Giver", "Shy Volunteer",
               "Unlisted Holdings", "Archived Foundry", "Erased", "Promise Only",
               "Lender Credit Union", "Last Year Club", "Cancelled Cheque", "$"]


def pdf_text(path) -> str:
    return " ".join(norm(page.extract_text()) for page in PdfReader(str(path)).pages)


def groups_in(text: str, headings: list[str]) -> dict[str, str]:
    """The text printed under each heading, up to the next one (the last up to the end);
    each heading is looked for after the one before: the groups are in their usual order."""
    starts = [text.index(f" {headings[0]} ")]
    for heading in headings[1:]:
        starts.append(text.index(f" {heading} ", starts[-1]))
    ends = [*starts[1:], len(text)]
    return {heading: text[start + len(heading) + 2:end]
            for heading, start, end in zip(headings, starts, ends, strict=True)}


def written(by: str, lang: str, path, period=YEAR) -> str:
    data = gather_report("recognition", *period, None, TODAY, by)
    write_report("recognition", data, letters.letterhead(), lang, path, TODAY)
    return pdf_text(path)


# What is gathered


def test_who_is_named_and_who_is_counted(store):
    community()
    by_sector = reports.recognition_list(*YEAR, "sector")
    assert by_sector.groups == [
        ("voluntary", ["Lions Club of Riverbend"]),
        ("government", ["Village of Riverbend"]),
        ("corporate", ["Quincaillerie Roy"]),
        ("community", ["In memory of Rose Cormier", "The Leblanc family", SYLLABICS]),
    ]
    assert (by_sector.named, by_sector.anonymous, by_sector.givers) == (6, 2, 8)
    by_support = reports.recognition_list(*YEAR, "support")
    assert by_support.groups == [
        ("cash", ["In memory of Rose Cormier", "Lions Club of Riverbend", "Quincaillerie Roy"]),
        ("in_kind", ["Quincaillerie Roy", "Village of Riverbend"]),
        ("time", ["The Leblanc family", SYLLABICS]),
    ]
    assert by_support.anonymous == 2
    nobody = reports.recognition_list(dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    assert (nobody.groups, nobody.givers) == ([], 0)


def test_a_name_given_twice_is_printed_once(store):
    set_group()
    for branch in ("Sobeys", "Sobeys"):  # two stores of one chain, entered apart
        cash(org(branch))
    listed = reports.recognition_list(*YEAR)
    assert listed.groups == [("corporate", ["Sobeys"])] and listed.named == 2


# The choice and its wording


def test_the_wording_is_needed_only_when_it_is_printed():
    base = {"kind": "organisation", "name": "Leblanc", "sector": "community",
            "partnership_type": "casual", "status": "active", "language": "en"}
    assert validation.validate_partner(base)["recognition"] == "name"  # an older record
    with pytest.raises(validation.ValidationError) as err:
        validation.validate_partner({**base, "recognition": "wording"})
    assert err.value.errors == {"recognition_wording": "Write the words to print, for "
                                                      "example “The Leblanc family”."}
    with pytest.raises(validation.ValidationError) as err:
        validation.validate_partner({**base, "recognition": "wording",
                                     "recognition_wording": "x" * 251})
    assert err.value.errors["recognition_wording"] == \
        "This is too long (251 characters; 250 at most)."
    with pytest.raises(validation.ValidationError) as err:
        validation.validate_partner({**base, "recognition": "famous"})
    assert "recognition" in err.value.errors
    kept = validation.validate_partner({**base, "recognition": "anonymous",
                                        "recognition_wording": "Left from before"})
    assert (kept["recognition"], kept["recognition_wording"]) == ("anonymous", "")


def _in_partner_dialog(qtbot, window, fill) -> None:
    """Partner › New partner…, then `fill(dialog)` in the window it opens."""
    done = []

    def run():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PartnerDialog):
            QTimer.singleShot(20, run)
            return
        try:
            fill(dialog)
        finally:
            done.append(True)
            if dialog.isVisible():
                dialog.done(0)
    QTimer.singleShot(20, run)
    menu_action(window, "Partner › New partner…").trigger()
    assert done


def test_a_volunteer_records_a_wording_in_the_partner_dialog(qtbot, window):
    seen = {}

    def fill(dialog):
        type_text(dialog.fields["name"], "Rose Leblanc")
        dialog.kind_buttons["person"].click()
        for field, code in (("sector", "community"), ("partnership_type", "casual")):
            dialog.fields[field].setCurrentIndex(dialog.fields[field].findData(code))
        choice, wording = dialog.fields["recognition"], dialog.fields["recognition_wording"]
        seen["start"] = (choice.currentData(), wording.isVisible())
        choice.setCurrentIndex(choice.findData("wording"))
        seen["asked"] = wording.isVisible()
        save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["error"] = dialog.errors["recognition_wording"].text()
        seen["saved early"] = Partner.select().count()
        type_text(wording, "La famille Leblanc-Thériault")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["closed"] = not dialog.isVisible()

    _in_partner_dialog(qtbot, window, fill)
    assert seen["start"] == ("name", False)  # thanked by name unless said otherwise
    assert seen["asked"] is True
    assert "Write the words to print" in seen["error"] and seen["saved early"] == 0
    assert seen["closed"]
    saved = Partner.get(Partner.name == "Rose Leblanc")
    assert (saved.recognition, saved.recognition_wording) == (
        "wording", "La famille Leblanc-Thériault")

    dialog = PartnerDialog(window, saved.id)  # opened again: as saved
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fields["recognition"].currentData() == "wording"
    assert dialog.fields["recognition_wording"].isVisible()
    assert dialog.fields["recognition_wording"].text() == "La famille Leblanc-Thériault"
    choice = dialog.fields["recognition"]
    choice.setCurrentIndex(choice.findData("anonymous"))
    assert not dialog.fields["recognition_wording"].isVisible()
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    saved = Partner.get_by_id(saved.id)
    assert (saved.recognition, saved.recognition_wording) == ("anonymous", "")


def test_erasing_a_partner_erases_its_wording(store):
    pid = org("Cormier estate", recognition="wording",
              recognition_wording="In memory of Rose Cormier")
    partners.erase_personal_information(pid)
    erased = Partner.get_by_id(pid)
    assert (erased.recognition, erased.recognition_wording) == ("name", "")


# The list as printed


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_list_by_sector(store, tmp_path, lang):
    community()
    text = written("sector", lang, tmp_path / "sector.pdf")
    french = lang == "fr"
    headings = HEADINGS["sector"][french]
    groups = groups_in(text, headings)
    assert groups[headings[0]].strip() == "Lions Club of Riverbend"
    assert groups[headings[1]].strip() == "Village of Riverbend"
    assert groups[headings[2]].strip() == "Quincaillerie Roy"
    community_names = groups[headings[3]]
    for name in ("In memory of Rose Cormier", "The Leblanc family", SYLLABICS):
        assert name in community_names
    assert ("Liste de reconnaissance" if french else "Recognition list") in text
    assert ("Merci à nos partenaires" if french else "Thank you to our partners") in text
    assert ("Riverbend Community Food Centre remercie les 8 partenaires qui ont donné de "
            "l'argent, des biens ou de leur temps du 1er janvier 2025 au 31 décembre 2025."
            if french else "Riverbend Community Food Centre thanks the 8 partners who gave "
            "money, goods or time from January 1, 2025 to December 31, 2025.") in text
    assert ("… et 2 partenaires anonymes." if french else "… and 2 anonymous partners.") \
        in community_names  # after the last group, in one line
    assert ("Merci de faire partie de la solution." if french else
            "Thank you for being part of the solution.") in text
    assert " Public " not in text  # a sector where nobody gave has no heading
    for absent in NEVER_NAMED:
        assert absent not in text, absent


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_list_by_kind_of_support(store, tmp_path, lang):
    community()
    text = written("support", lang, tmp_path / "support.pdf")
    headings = HEADINGS["support"][lang == "fr"]
    cash_names, goods_names, time_names = groups_in(text, headings).values()
    assert norm(cash_names).startswith(
        "In memory of Rose Cormier Lions Club of Riverbend Quincaillerie Roy")
    assert goods_names.strip() == "Quincaillerie Roy Village of Riverbend"
    assert time_names.startswith(f"The Leblanc family {SYLLABICS} ")
    for absent in NEVER_NAMED:
        assert absent not in text, absent


@pytest.mark.parametrize(("anonymous", "en", "fr"), [
    (1, "One partner, who wishes to remain anonymous.",
     "Un partenaire, qui souhaite garder l'anonymat."),
    (3, "3 partners, who wish to remain anonymous.",
     "3 partenaires, qui souhaitent garder l'anonymat.")])
def test_a_list_of_anonymous_partners_only(store, tmp_path, anonymous, en, fr):
    set_group()
    for number in range(anonymous):
        cash(org(f"Quiet {number}", recognition="anonymous"))
    assert en in written("sector", "en", tmp_path / "en.pdf")
    text = written("support", "fr", tmp_path / "fr.pdf")
    assert fr in text and "Quiet" not in text and "et 1 partenaire" not in text


def test_a_long_list_runs_over_pages_with_every_name(store, tmp_path):
    set_group()
    names = [f"Partner number {number:03d} of the Riverbend region" for number in range(240)]
    for name in names:
        cash(org(name, "voluntary"))
    path = tmp_path / "long.pdf"
    text = written("sector", "en", path)
    assert len(PdfReader(str(path)).pages) >= 3
    assert all(name in text for name in names)
    assert text.count("Voluntary") == 1


# From the window, the command line and the successes to celebrate


def test_from_the_reports_window_grouped_by_support(qtbot, window, tmp_path):
    community()
    menu_action(window, "Reports › Make a report…").trigger()
    dialog = window.findChild(ReportsDialog)
    qtbot.waitUntil(dialog.isVisible)
    dialog.report.setCurrentIndex(dialog.report.findData("summary"))
    assert not dialog.grouping.isVisible()  # only the recognition list is grouped
    dialog.report.setCurrentIndex(dialog.report.findData("recognition"))
    assert dialog.grouping.isVisible() and dialog.grouping.currentData() == "sector"
    dialog.grouping.setCurrentIndex(dialog.grouping.findData("support"))
    dialog.period.setCurrentIndex(dialog.period.findData("custom"))
    retype(qtbot, dialog.start, "2025-01-01")
    retype(qtbot, dialog.end, "2025-12-31")
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    preview = dialog.preview
    assert preview is not None
    out = tmp_path / "liste.pdf"
    assert preview.save_to(str(out))
    text = pdf_text(out)
    groups = groups_in(text, HEADINGS["support"][1])
    assert "Village of Riverbend" in groups["Dons en nature"]
    assert "… et 2 partenaires anonymes." in text
    preview.findChild(QPushButton, "closePreview").click()


def test_a_success_to_celebrate_leads_to_the_recognition_list(qtbot, window, tmp_path):
    set_group()
    pid = org("Rose Leblanc", "community", "person", recognition="wording",
              recognition_wording="The Leblanc family")
    gift = cash(pid, day=TODAY - dt.timedelta(days=3), amount="25")  # their first: a success
    tab = window.maintenance
    window.tabs.setCurrentWidget(tab)
    tab.refresh_attention()
    groups = {tab.attention.topLevelItem(i).text(0).split(" (")[0]:
              tab.attention.topLevelItem(i) for i in range(tab.attention.topLevelItemCount())}
    success = groups["Successes to celebrate"].child(0)
    tab.attention.setCurrentItem(success)
    assert "recognition list" in tab.go.toolTip()
    qtbot.mouseClick(tab.go, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ReportsDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.report.currentData() == "recognition"
    assert dialog.dates() == (TODAY - dt.timedelta(days=30), TODAY)  # the successes' days
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "celebrate.pdf"
    assert dialog.preview.save_to(str(out))
    text = pdf_text(out)
    assert "Community The Leblanc family" in text and "Rose Leblanc" not in text
    dialog.preview.findChild(QPushButton, "closePreview").click()
    dialog.close()

    # the gift itself is still one click away
    window.tabs.setCurrentWidget(tab)
    tab.attention.setCurrentItem(success)
    assert tab.show_gift.isEnabled()
    qtbot.mouseClick(tab.show_gift, Qt.MouseButton.LeftButton)
    assert window.tabs.currentWidget() is window.contributions
    assert window.contributions.view.selected_id() == gift
    tab.attention.setCurrentItem(groups["Successes to celebrate"])  # a group: no gift
    assert not tab.show_gift.isEnabled()


def _report_cli(data_dir, *args) -> int:
    return cli.main(["report", "recognition", *map(str, args), "--data-dir", str(data_dir)])


def test_the_command_line(data_dir, out, capsys):
    with database.open_store(data_dir):
        community()
    period = ("--from", "2025-01-01", "--to", "2025-12-31")
    path = out / "recognition.pdf"
    assert _report_cli(data_dir, *period, "--by", "support", "-o", path) == 0
    assert capsys.readouterr().out.startswith(f"Report written to {path} (1 page)")
    groups = groups_in(pdf_text(path), HEADINGS["support"][0])
    assert "Quincaillerie Roy" in groups["Cash gifts"] and \
        "Quincaillerie Roy" in groups["Gifts in kind"]
    assert _report_cli(data_dir, *period, "--lang", "fr", "-o", path) == 0  # by sector
    text = pdf_text(path)
    assert "Entreprise Quincaillerie Roy Communauté" in text
    assert "… et 2 partenaires anonymes." in text

    assert _report_cli(data_dir, "--by", "support", "-o", path) == 2  # no period
    assert "needs its period" in capsys.readouterr().err
    assert cli.main(["report", "directory", "--by", "sector", "-o", str(out / "d.pdf"),
                     "--data-dir", str(data_dir)]) == 2
    assert "--by goes with the recognition list." in capsys.readouterr().err
    with pytest.raises(SystemExit) as refused:
        _report_cli(data_dir, *period, "--by", "amount", "-o", path)
    assert refused.value.code == 2
    assert "invalid choice: 'amount'" in capsys.readouterr().err


def test_a_merge_never_names_the_partner_who_asked_not_to_be(store):
    from cars_desktop.store import merge
    from cars_desktop.store.models import Partner
    from letter_kit import org

    kept = org("Coop Évangéline")
    twin = org("Coop Evangeline", recognition="anonymous")
    merge.merge_partners(kept, twin)
    assert Partner.get_by_id(kept).recognition == "anonymous"
