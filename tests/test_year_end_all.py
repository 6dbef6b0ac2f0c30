"""Year-end summaries for everyone who gave in a period: who gets one and in which order, each
in its partner's language, the receipt notes of a charity; from the command line and from the
Partner menu, as a volunteer does it. The PDFs are read back."""

import datetime as dt

import accessibility_kit as kit
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from cars_desktop import cli
from cars_desktop.store import contributions, database, letters, partners, receipts, settings
from cars_desktop.store.lists.partners import PartnerList
from cars_desktop.store.models import Acknowledgement
from cars_desktop.store.year_end import GaveCount, gave_count, year_end_letters
from cars_desktop.ui.letters_window import LettersDialog, YearEndDialog
from helpers import assert_fonts_embedded, choose_in_file_dialog, menu_action
from letter_kit import TODAY, give, org, page_texts, person, set_group

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def givers() -> dict[str, int]:
    """Partners who gave in 2025 and some who did not, or only in ways a summary leaves out."""
    ids = {
        "zoe": person("Zoé Arsenault", "fr"),
        "lefevre": org("Quincaillerie Lefèvre", "Jean Lefèvre", language="fr"),
        "sussex": org("Town of Sussex", "Mary Smith", sector="government"),
        "bakery": org("boulangerie Archambault", "Paul Archambault", language="fr"),
        "nowhere": person("Sam Nowhere", address_line1="", city="", postal_code=""),
        "erased": person("Ellen Gone"),
        "last_year": person("Anna Before"),
        "loan": org("Caisse Populaire", "Lise Roy", language="fr"),
        "promise": person("Peter Promise"),
        "eglise": org("Église Saint-Pierre", "Père Léger", language="fr"),
    }
    give(ids["zoe"], amount="50", date=dt.date(2025, 3, 2))
    give(ids["lefevre"], amount="1234.56", date=dt.date(2025, 3, 1))
    give(ids["lefevre"], amount="100", date=dt.date(2025, 9, 15), kind="annual")
    give(ids["sussex"], amount="75.50", date=dt.date(2025, 6, 2), payment_method="etransfer")
    give(ids["bakery"], family="in_kind", kind="products", amount="300", payment_method="",
         description="40 loaves for the breakfast club", date=dt.date(2025, 2, 10))
    give(ids["nowhere"], amount="20", date=dt.date(2025, 12, 31))
    give(ids["erased"], amount="90", date=dt.date(2025, 4, 4))
    give(ids["last_year"], amount="60", date=dt.date(2024, 12, 31))
    give(ids["loan"], kind="loan", amount="5000", date=dt.date(2025, 5, 5))
    give(ids["promise"], status="pledged", payment_method="", amount="500",
         date=dt.date(2025, 5, 5))
    give(ids["eglise"], family="in_kind", kind="service", amount="", hours="12",
         payment_method="", date=dt.date(2025, 1, 1))
    partners.archive_partner(ids["bakery"])  # archived still gets its summary, as in the queue
    partners.erase_personal_information(ids["erased"])  # never written to
    return ids


# by name as the partners list sorts them: accents and capitals aside, as typed
WHO = ["boulangerie Archambault", "Église Saint-Pierre", "Quincaillerie Lefèvre", "Sam Nowhere",
       "Town of Sussex", "Zoé Arsenault"]


def test_everyone_who_gave_gets_one_summary_sorted_as_the_partners_list(group, tmp_path):
    ids = givers()
    batch = year_end_letters(START, END, TODAY)
    names = [letter.partner_name for letter in batch.letters]
    assert sorted(names) == sorted(WHO)
    # the order of the partners list (by name, accents and case aside), archived ones too
    listed = PartnerList()
    listed.status = "all"
    query, params = listed.ids_query()
    order = [row[0] for row in database.db.execute_sql(query, params)]
    assert [ids[key] for key in ("bakery", "eglise", "lefevre", "nowhere", "sussex", "zoe")] \
        == [pid for pid in order if pid in {ids[k] for k in ids if k not in
                                             ("erased", "last_year", "loan", "promise")}]
    assert names == WHO
    assert [letter.language for letter in batch.letters] == ["fr", "fr", "fr", "en", "en", "fr"]
    assert batch.no_address == ["Sam Nowhere"]
    assert gave_count(START, END) == GaveCount(6, 1)
    lefevre = batch.letters[WHO.index("Quincaillerie Lefèvre")]
    assert len(lefevre.gifts) == 2 and lefevre.total == "1\u00a0334,56\u00a0$"

    path = tmp_path / "summaries.pdf"
    from cars_desktop.documents.letters import write_letters

    assert write_letters(batch.letters, letters.letterhead(), path, TODAY) == 6
    texts = page_texts(path)
    for name, text in zip(WHO, texts, strict=True):
        assert name in text
    zoe, eglise, nowhere, sussex = (texts[WHO.index(name)] for name in (
        "Zoé Arsenault", "Église Saint-Pierre", "Sam Nowhere", "Town of Sussex"))
    assert "Bonjour Zoé Arsenault," in zoe and "en 2025" in zoe
    assert "40 loaves for the breakfast club" in texts[0]
    assert "12 heures" in eglise  # time given, listed without an amount
    assert "Dear Sam Nowhere," in nowhere and "Thank you for standing with" in nowhere
    assert "$75.50" in sussex
    assert not any("Ellen" in text or "Anna Before" in text or "Caisse" in text
                   or "Peter Promise" in text for text in texts)
    assert_fonts_embedded(path)


def test_the_language_chosen_for_every_letter_and_an_empty_period(group):
    givers()
    batch = year_end_letters(START, END, TODAY, "en")
    assert {letter.language for letter in batch.letters} == {"en"}
    with pytest.raises(letters.LetterProblem, match="No gift was received between 2027-01-01 "
                                                    "and 2027-12-31"):
        year_end_letters(dt.date(2027, 1, 1), dt.date(2027, 12, 31), TODAY)
    with pytest.raises(letters.LetterProblem, match="ends before it starts"):
        year_end_letters(END, START, TODAY)
    assert gave_count(END, START) == GaveCount(0, 0)


def test_a_charity_says_receipt_enclosed_or_to_follow(group, tmp_path):
    """The note of a group that issues its receipts here, in each letter's language."""
    settings.save({settings.RECEIPTS_ON: True})
    ids = givers()
    lefevre_gift = contributions.save_contribution(
        {"partner_id": ids["lefevre"], "family": "cash", "kind": "one_time",
         "status": "received", "amount": "40", "date": dt.date(2025, 10, 1),
         "payment_method": "cash"})
    serial = receipts.issue(TODAY, [lefevre_gift]).receipts[0].serial
    batch = year_end_letters(START, END, TODAY)
    receipts.note_receipts(batch.letters)
    notes = {letter.partner_name: letter.receipt_note for letter in batch.letters}
    assert notes["Quincaillerie Lefèvre"] == (
        f"Votre reçu officiel aux fins de l'impôt sur le revenu ({serial}) est joint.")
    assert notes["Zoé Arsenault"] == ("Votre reçu officiel aux fins de l'impôt sur le revenu "
                                      "suivra.")
    assert notes["Town of Sussex"] == ""  # a government's money is a grant: no receipt
    path = tmp_path / "noted.pdf"
    from cars_desktop.documents.letters import write_letters

    write_letters(batch.letters, letters.letterhead(), path, TODAY)
    text = page_texts(path)[WHO.index("Zoé Arsenault")]
    assert "Votre reçu officiel aux fins de l'impôt sur le revenu suivra." in text


# The command line


@pytest.fixture
def prepared(data_dir):
    with database.open_store(data_dir):
        set_group()
        ids = givers()
    return ids


def run(data_dir, *args) -> int:
    return cli.main(["letters", *map(str, args), "--data-dir", str(data_dir)])


@pytest.mark.parametrize("word", ["all", "ALL"])
def test_cli_all_writes_everyone_and_says_how_many(prepared, data_dir, out, capsys, word):
    path = out / "summaries.pdf"
    assert run(data_dir, "--year-end", word, "--from", "2025-01-01", "--to", "2025-12-31",
               "-o", path) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines() == [f"6 letters (6 pages) written to {path}"]
    assert "1 partner has no postal address: its letters show only the name." in printed.err
    assert "Without a postal address: Sam Nowhere" in printed.err
    texts = page_texts(path)
    assert [next(name for name in WHO if name in text) for text in texts] == WHO
    assert "Merci d'avoir été aux côtés de Riverbend Community Food Centre en 2025" in texts[0]
    assert not list(path.parent.glob("*.partial"))
    with database.open_store(data_dir, read_only=True):
        assert Acknowledgement.select().count() == 0  # not marked unless asked


def test_cli_all_marks_thanked_when_asked_and_in_one_language(prepared, data_dir, out, capsys):
    path = out / "summaries.pdf"
    assert run(data_dir, "--year-end", "all", "--from", "2025-01-01", "--to", "2025-12-31",
               "--lang", "en", "--paper", "a4", "--mark-thanked", "-o", path) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == f"7 contributions marked thanked by letter on {dt.date.today():%Y-%m-%d}."
    reader = PdfReader(path)
    assert round(float(reader.pages[0].mediabox.width)) == 595  # A4
    assert all("Thank you for standing with" in text for text in page_texts(path))


@pytest.mark.parametrize("args, message", [
    (["--from", "2027-01-01", "--to", "2027-12-31"],
     "No gift was received between 2027-01-01 and 2027-12-31: there is no summary to make."),
    (["--from", "2025-12-31", "--to", "2025-01-01"], "The period ends before it starts."),
    (["--from", "2025-01-01"], "a year-end summary needs its period"),
])
def test_cli_all_problems_exit_2_with_a_plain_message(prepared, data_dir, out, capsys, args,
                                                      message):
    path = out / "summaries.pdf"
    assert run(data_dir, "--year-end", "all", *args, "-o", path) == 2
    assert message in capsys.readouterr().err
    assert not path.exists()


# The window


def type_period(qtbot, chooser, start: str, end: str) -> None:
    """"Between dates…", then both dates typed over what they show, as on a keyboard."""
    chooser.period.setCurrentIndex(chooser.period.findData("custom"))
    for field, day in ((chooser.start, start), (chooser.end, end)):
        qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field.edit, day)
        field.edit.editingFinished.emit()  # leaving the field, as Tab does


def answer_year_end(qtbot, check, make=True):
    """When the period chooser opens: `check(chooser)`, then Make (or Cancel)."""
    def answer():
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, YearEndDialog):
            QTimer.singleShot(20, answer)
            return
        check(chooser)
        if make:
            qtbot.mouseClick(chooser.make, Qt.MouseButton.LeftButton)
        else:
            chooser.reject()
    QTimer.singleShot(20, answer)


def test_from_the_partner_menu_with_the_fiscal_year_to_start_with(qtbot, window, tmp_path):
    set_group(fiscal_year_start_month=4)
    givers()
    seen = {}

    def check(chooser):
        seen["title"] = chooser.windowTitle()
        seen["dates"] = chooser.period.first_and_last()
        seen["problems"] = kit.problems(chooser)
        type_period(qtbot, chooser, "2025-01-01", "2025-12-31")
        seen["count"] = chooser.count.text()

    answer_year_end(qtbot, check)
    menu_action(window, "Partner › Year-end summaries for everyone…").trigger()
    dialog = window.partners.findChild(LettersDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() == 6)
    today = dt.date.today()
    last_fiscal_end = dt.date(today.year if today.month >= 4 else today.year - 1, 3, 31)
    assert seen["dates"] == (dt.date(last_fiscal_end.year - 1, 4, 1), last_fiscal_end)
    assert seen["title"] == "Year-end summaries for everyone"
    assert seen["problems"] == []
    assert seen["count"] == ("6 partners gave in this period: 6 letters. 1 of them has no "
                             "postal address: the letter shows only the name.")
    assert "<b>6 letters</b> on 6 pages" in dialog.summary.text()
    assert "No postal address for Sam Nowhere" in dialog.notes.text()
    assert dialog.windowTitle() == "Year-end summaries 2025-01-01 to 2025-12-31"
    saved = tmp_path / "summaries.pdf"
    choose_in_file_dialog(qtbot, dialog.findChild(QPushButton, "savePdf"), saved)
    assert [next(name for name in WHO if name in text) for text in page_texts(saved)] == WHO
    qtbot.mouseClick(dialog.findChild(QPushButton, "markThanked"), Qt.MouseButton.LeftButton)
    assert Acknowledgement.select().count() == 7
    assert "7 contributions marked as thanked by letter" in dialog.went_out_label.text()
    assert kit.problems(dialog) == []


def test_a_period_with_no_gift_cannot_be_made(qtbot, window):
    set_group()
    givers()
    seen = {}

    def check(chooser):
        type_period(qtbot, chooser, "2020-01-01", "2020-12-31")
        seen["count"] = chooser.count.text()
        seen["enabled"] = chooser.make.isEnabled()

    answer_year_end(qtbot, check, make=False)
    menu_action(window, "Partner › Year-end summaries for everyone…").trigger()
    assert seen == {"count": "No gift was received in this period: there is no summary to "
                             "make.", "enabled": False}
    assert window.partners.findChild(LettersDialog) is None
