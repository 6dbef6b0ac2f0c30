"""Thank-you letters from the window: the group's profile, the preview, print and save, marking
thanked and undoing it, the letter texts editor, and the year-end summary."""

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from cars_desktop.resource_files import resource_path
from cars_desktop.store import contributions, letters, partners, profile, sample
from cars_desktop.store.models import Acknowledgement, Contribution
from cars_desktop.ui.letters_window import LettersDialog, YearEndDialog, make_letters
from cars_desktop.ui.profile_dialog import GroupProfileDialog
from cars_desktop.ui.templates_dialog import TemplatesDialog
from helpers import answer_message_boxes, type_text

TODAY = dt.date.today()


def pdf_text(path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


def give(name, amount="250", lang="en", **partner_values):
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "formal", "status": "active", "language": lang,
              "address_line1": "12 Main Street", "city": "Riverbend", "province": "MB",
              "postal_code": "R0G 1A0", **partner_values}
    pid = partners.save_partner(values, [{"name": "Marie Tremblay", "is_primary": True}])
    return pid, contributions.save_contribution(
        {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
         "amount": amount, "date": TODAY, "payment_method": "cheque"})


def fill_profile():
    profile.save_group_profile({
        "name": "Riverbend Food Centre", "address_line1": "412 Main Street",
        "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0", "language": "en",
        "fiscal_year_start_month": 1, "signatory_name": "Anne Courchesne",
        "signatory_title": "Chair"})


def shown_letters(qtbot, tab) -> LettersDialog:
    dialog = tab.findChild(LettersDialog)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.document.pageCount() > 0)
    return dialog


# The group's profile


def test_profile_shows_errors_beside_fields_and_saves_nothing_until_right(qtbot, store):
    dialog = GroupProfileDialog(first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.name, "Cercle des Fermières de Chéticamp")
    type_text(dialog.address1, "15 chemin du Quai")
    type_text(dialog.city, "Chéticamp")
    dialog.province.setCurrentIndex(dialog.province.findData("NS"))
    type_text(dialog.postal, "H0H 0H0")  # a Quebec code, not Nova Scotia's
    type_text(dialog.email, "fermieres@")
    dialog.registered.setChecked(True)
    type_text(dialog.charity_number, "12345")
    dialog.findChild(QPushButton, "saveProfile").click()
    assert dialog.isVisible()
    assert "Nova Scotia start with B" in dialog.errors["postal_code"].text()
    assert "email" in dialog.errors["email"].text().lower()
    assert "123456789 RR 0001" in dialog.errors["charity_number"].text()
    assert profile.group_profile().name == ""  # nothing written
    assert profile.letters_missing() is not None

    dialog.postal.clear()
    type_text(dialog.postal, "b0e 1h0")
    dialog.email.clear()
    type_text(dialog.email, "fermieres@example.ca")
    dialog.charity_number.clear()
    type_text(dialog.charity_number, "123456789rr0001")
    dialog.set_logo_file(str(resource_path("sample-logo.png")))
    assert dialog.remove_logo.isEnabled()
    dialog.findChild(QPushButton, "saveProfile").click()
    assert not dialog.isVisible() and dialog.saved
    saved = profile.group_profile()
    assert (saved.name, saved.postal_code, saved.charity_number) == (
        "Cercle des Fermières de Chéticamp", "B0E 1H0", "123456789 RR 0001")
    assert saved.logo == resource_path("sample-logo.png").read_bytes()
    assert profile.letters_missing() is None and profile.setup_state() == "done"


def test_a_file_that_is_not_a_picture_is_refused_as_logo(qtbot, store, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"this is a text file")
    dialog = GroupProfileDialog()
    qtbot.addWidget(dialog)
    dialog.set_logo_file(str(fake))
    assert "not a picture" in dialog.errors["logo"].text()
    assert not dialog.remove_logo.isEnabled()
    dialog.set_logo_file(str(tmp_path / "missing.png"))
    assert "cannot be read" in dialog.errors["logo"].text()


def test_letters_wait_for_the_profile_and_say_so(qtbot, window):
    give("Quincaillerie Roy")
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.view.select_row(0)
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Cancel], seen)
    assert tab.letters_for_selected() is None
    assert "name" in seen[0] and "street address" in seen[0]
    assert tab.findChild(LettersDialog) is None


# Letters from the Contributions tab


def test_selected_contributions_preview_save_mark_and_undo(qtbot, window, tmp_path):
    fill_profile()
    give("Bob <Bobby> & Sons", "1234.56")
    give("Quincaillerie Roy", "1234,56", lang="fr")
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.table.selectAll()
    assert tab.letters_action.isEnabled()
    tab.letters_action.trigger()
    dialog = shown_letters(qtbot, tab)
    assert dialog.document.pageCount() == 2
    assert "2 letters" in dialog.findChild(type(dialog.notes), "previewSummary").text()

    saved = tmp_path / "out" / "letters.pdf"
    saved.parent.mkdir()
    assert dialog.save_to(str(saved))
    text = pdf_text(saved)
    assert "Bob <Bobby> & Sons" in text and "$1,234.56" in text and "1 234,56 $" in text
    assert not list(saved.parent.glob("*.partial"))
    assert "Saved as" in dialog.went_out_label.text()

    assert len(letters.unthanked_ids()) == 2
    dialog.mark_button.click()
    assert letters.unthanked_ids() == []
    assert Acknowledgement.select().where(Acknowledgement.method == "letter").count() == 2
    assert "2 contributions marked as thanked" in dialog.went_out_label.text()
    assert dialog.undo_button.isVisible()
    dialog.undo_button.click()
    assert len(letters.unthanked_ids()) == 2
    assert Acknowledgement.select().count() == 0
    assert Contribution.select().where(Contribution.thanked_on.is_null(False)).count() == 0


def test_closing_after_printing_asks_to_mark_and_enter_never_marks(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt

    fill_profile()
    give("Quincaillerie Roy")
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.view.select_row(0)
    dialog = tab.letters_for_selected()
    qtbot.addWidget(dialog)
    assert dialog.save_to(str(tmp_path / "letters.pdf"))
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes],
                         seen)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)  # Enter closes (asking), never marks
    assert dialog.isVisible() and len(letters.unthanked_ids()) == 1  # Cancel: it stays
    dialog.findChild(QPushButton, "closePreview").click()  # Yes: marked, then closed
    assert letters.unthanked_ids() == [] and len(seen) == 2
    assert tab.undo_letters_action.isEnabled()  # undo stays possible after the preview closes
    answer_message_boxes([QMessageBox.StandardButton.Yes], seen)
    tab.undo_letters_action.trigger()
    assert len(letters.unthanked_ids()) == 1 and not tab.undo_letters_action.isEnabled()


def test_saving_into_a_missing_folder_says_so_and_leaves_nothing(qtbot, window, tmp_path):
    fill_profile()
    give("Quincaillerie Roy")
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.view.select_row(0)
    tab.letters_for_selected()
    dialog = shown_letters(qtbot, tab)
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    assert not dialog.save_to(str(tmp_path / "unplugged-stick" / "letters.pdf"))
    assert "could not be saved" in seen[0]
    assert dialog.mark_button.isVisible()  # nothing went out: nothing to mark yet


def answer_queue_dialog(qtbot, seen: list, years_back: int = 0, make: bool = True) -> None:
    """Answer "Letters for everyone not yet thanked" when it opens: note the date and what
    it says, step the "Received since" year back with the arrow key, note them again, and
    click Make the letters (or Cancel)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from cars_desktop.ui.letters_window import QueueLettersDialog

    def answer(tries=[0]):  # noqa: B006 (counts the waits)
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QueueLettersDialog):
            tries[0] += 1
            assert tries[0] < 250, "the dialog never opened"
            QTimer.singleShot(20, answer)
            return
        seen.append((dialog.since.date().toPython(), dialog.count.text()))
        if years_back:  # a date typed over the one shown
            earlier = dialog.since.date().addYears(-years_back).toString("yyyy-MM-dd")
            dialog.since.setFocus()
            qtbot.keyClick(dialog.since.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            qtbot.keyClicks(dialog.since.edit, earlier)
            dialog.since.edit.editingFinished.emit()
        seen.append((dialog.since.date().toPython(), dialog.count.text()))
        button = dialog.make if make else dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Cancel)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_the_thank_you_queue_empties_after_the_letters_and_comes_back_on_undo(qtbot, window):
    sample.fill_sample(partners=30, contributions=120, today=TODAY)
    queue = letters.unthanked_ids()
    assert queue
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    seen = []
    answer_queue_dialog(qtbot, seen, years_back=8)  # the sample goes six years back
    tab.queue_letters_action.trigger()
    dialog = shown_letters(qtbot, tab)
    assert "not included" in seen[0][1] and "not included" not in seen[1][1]
    # one letter per partner thanked (a loan or a pledge is thanked in a letter of its own)
    gifts_only = [letter for letter in dialog.batch.letters if letter.kind != "pledge"
                  and Contribution.get_by_id(letter.contribution_ids[0]).kind != "loan"]
    partners_written = [Contribution.get_by_id(letter.contribution_ids[0]).partner_id
                        for letter in gifts_only]
    assert len(partners_written) == len(set(partners_written))
    assert any(letter.kind == "several" and len(letter.gifts) > 1 for letter in gifts_only)
    assert sorted(dialog.batch.contribution_ids()) == sorted(queue)
    dialog.mark_button.click()
    assert letters.unthanked_ids() == []
    assert "The thank-you queue is now empty." in dialog.went_out_label.text()
    tab.queue_action.trigger()
    assert tab.model.rowCount() == 0  # the list followed
    dialog.undo_button.click()
    assert letters.unthanked_ids() == queue
    tab.queue_action.trigger()
    assert tab.model.rowCount() == len(queue)
    folder = dialog.pdf.parent
    dialog.findChild(QPushButton, "closePreview").click()
    assert not folder.exists()  # the unsaved PDF does not pile up in the temporary folder


def test_printing_puts_every_page_on_paper(qtbot, window, tmp_path):
    fill_profile()
    for name in ("Ferme Lebel", "Nguyễn Thị Minh", "ᐃᓄᒃᑎᑐᑦ Co-op"):
        give(name)
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.table.selectAll()
    tab.letters_for_selected()
    dialog = shown_letters(qtbot, tab)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer)
    pages = PdfReader(str(printed)).pages
    assert len(pages) == 3
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert (round(width), round(height)) == (612, 792)  # US Letter, as the letters were made


def test_cancel_stops_a_large_batch_and_leaves_nothing(qtbot, window):
    sample.fill_sample(partners=60, contributions=700, today=TODAY)
    batch = letters.letters_for(
        [c.id for c in Contribution.select(Contribution.id).where(
            Contribution.status == "received")], TODAY)
    assert len(batch.letters) > 300

    def press_cancel():
        progress = window.findChild(QProgressDialog)
        if progress is None or not progress.isVisible():
            QTimer.singleShot(20, press_cancel)
            return
        progress.findChild(QPushButton).click()

    before = set(Path(tempfile.gettempdir()).glob("cars-letters-*"))
    QTimer.singleShot(20, press_cancel)
    assert make_letters(window, batch, "Thank-you letters") is None
    assert window.findChild(LettersDialog) is None
    assert set(Path(tempfile.gettempdir()).glob("cars-letters-*")) == before


# The letter texts


def test_letter_texts_refuse_unknown_placeholders_and_preview_real_partners(qtbot, window):
    fill_profile()
    give("Quincaillerie Roy", "75")
    dialog = TemplatesDialog(window, "cash", "en")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Quincaillerie Roy" in dialog.preview_who.text()
    assert "your gift of $75.00" in dialog.preview.toPlainText()
    names = [dialog.placeholders.item(i).text() for i in range(dialog.placeholders.count())]
    assert any(n.startswith("{amount}") for n in names)
    assert not any(n.startswith("{gift_list}") for n in names)

    dialog.editor.setPlainText("{salutation},\n\nThank you for {amout}.\n\nWarmly,")
    dialog.update_preview()
    assert "{amout}" in dialog.error.text()
    assert not dialog.save()
    assert not letters.is_changed("cash", "en")

    dialog.editor.setPlainText("{salutation},\n\nThank you for {gift}, {partner_name}.\n\n"
                               "Warmly,")
    dialog.update_preview()
    assert not dialog.error.isVisible()
    assert "Thank you for your gift of $75.00, Quincaillerie Roy." in \
        dialog.preview.toPlainText()
    assert dialog.save()
    assert letters.is_changed("cash", "en")
    assert dialog.state.text() == "Your group's own text"

    answer_message_boxes([QMessageBox.StandardButton.Yes], [])
    dialog.reset()
    assert not letters.is_changed("cash", "en")
    assert dialog.editor.toPlainText() == letters.default_template("cash", "en")


def test_switching_letters_with_unsaved_changes_asks_first(qtbot, window):
    dialog = TemplatesDialog(window, "cash", "en")
    qtbot.addWidget(dialog)
    dialog.editor.setPlainText("{salutation},\n\nMerci!\n\nBye,")
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Cancel], seen)
    dialog.kind.setCurrentIndex(dialog.kind.findData("pledge"))
    assert "not saved" in seen[0]
    assert dialog.kind.currentData() == "cash"  # stayed, with the changes
    assert dialog.editor.toPlainText().endswith("Bye,")


# The year-end summary


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_year_end_summary_from_the_partners_tab(qtbot, window, tmp_path, lang):
    fill_profile()
    pid, _ = give("Coopérative Évangéline", "100", lang=lang)
    contributions.save_contribution(
        {"partner_id": pid, "family": "in_kind", "kind": "products", "status": "received",
         "amount": "300", "date": TODAY, "description": "12 turkeys"})
    tab = window.partners
    tab.refresh(select_id=pid)

    def answer():
        chooser = QApplication.activeModalWidget()
        if not isinstance(chooser, YearEndDialog):
            QTimer.singleShot(20, answer)
            return
        chooser.period.setCurrentIndex(chooser.period.findData("custom"))
        chooser.start.setDate(TODAY.replace(month=1, day=1))
        chooser.end.setDate(TODAY)
        chooser.accept()

    QTimer.singleShot(20, answer)
    dialog = tab.year_end_letter()
    assert isinstance(dialog, LettersDialog)
    qtbot.addWidget(dialog)
    out = tmp_path / "summary.pdf"
    assert dialog.save_to(str(out))
    text = pdf_text(out)
    assert "Coopérative Évangéline" in text and "12 turkeys" in text
    assert ("$100.00" if lang == "en" else "100,00 $") in text
    assert ("300" not in text.split("12 turkeys")[1].split("\n")[0])  # no value for in kind
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.No], seen)  # not marked: they did not go
    dialog.findChild(QPushButton, "closePreview").click()
    assert "not marked as thanked" in seen[0]
    assert len(letters.unthanked_ids()) == 2



def test_no_two_commands_of_the_window_share_a_shortcut(window):
    from PySide6.QtGui import QAction

    shortcuts = [action.shortcut().toString() for action in window.findChildren(QAction)
                 if not action.shortcut().isEmpty()]
    assert len(shortcuts) == len(set(shortcuts)), sorted(shortcuts)


def test_the_contribution_shows_how_it_was_thanked(qtbot, window):
    from cars_desktop.ui.contribution_dialog import ContributionDialog

    fill_profile()
    _, gift = give("Quincaillerie Roy")
    sent = letters.record_letters_sent([gift], TODAY)
    contributions.mark_thanked([gift], TODAY, "call")  # already thanked: no second record
    dialog = ContributionDialog(window, contribution_id=gift)
    qtbot.addWidget(dialog)
    assert dialog.thanked.text() == f"Thanked by letter on {TODAY:%Y-%m-%d}."
    letters.undo_letters_sent(sent)
    contributions.mark_thanked([gift], TODAY, "call")
    dialog = ContributionDialog(window, contribution_id=gift)
    qtbot.addWidget(dialog)
    assert dialog.thanked.text() == f"Thanked by phone call on {TODAY:%Y-%m-%d}."
