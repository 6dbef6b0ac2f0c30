"""Emailing thank-you letters: one draft message per partner, read back as a mail program
reads it (To, Subject in the partner's language, X-Unsent, the plain-text body, the letter
attached as the PDF that prints); who gets none; the folder written whole or not at all; and
the Email… button of the letters preview, clicked as a volunteer does."""

import datetime as dt
import email
import io
import unicodedata
from email import policy
from pathlib import Path

import accessibility_kit as kit
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QPushButton

from cars_desktop.core import email_text
from cars_desktop.documents.letters import write_letters
from cars_desktop.exchange.email_drafts import (
    DraftProblem,
    default_folder,
    folder_problem,
    plan_drafts,
    record_emails_sent,
    usable_address,
    write_drafts,
)
from cars_desktop.store import letters, receipts, settings
from cars_desktop.store.models import Acknowledgement, ContactPerson, Contribution
from helpers import answer_message_boxes, choose_in_file_dialog, norm
from letter_kit import TODAY, give, org, person, set_group


def pdf_words(data: bytes) -> str:
    return norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))


def read_eml(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def body_of(msg) -> str:
    """The plain-text body with its lines ended as Python writes them (mail ends them CRLF)."""
    return msg.get_body(("plain",)).get_content().replace("\r\n", "\n")


def partners_of_every_kind() -> dict[str, int]:
    """A French partner with its own address, an English one reached through its primary
    contact, one written in Arabic, and a person with no address at all."""
    found = {"lefevre": org("Quincaillerie Lefèvre", language="fr", email="info@lefevre.ca"),
             "northwind": org("Northwind Co-op", contact="Sam Wells"),
             "nour": org("مركز النور", contact="فاطمة حداد", email="nour@example.org"),
             "elise": person("Élise Gagné", language="fr")}
    ContactPerson.create(partner=found["northwind"], name="Dana Roy", email="dana@northwind.ca",
                         is_primary=True, position=1)
    ContactPerson.update(email="sam@northwind.ca", is_primary=False).where(
        ContactPerson.name == "Sam Wells").execute()
    return found


def draw(head):
    return lambda batch_letters, path: write_letters(batch_letters, head, path, TODAY)


@pytest.fixture
def batch(group):
    found = partners_of_every_kind()
    ids = [give(found["lefevre"]), give(found["northwind"]), give(found["nour"]),
           give(found["elise"]), give(found["lefevre"], amount="50")]
    return found, letters.letters_for(ids, TODAY, together=True)


# The messages


def test_each_partner_with_an_address_gets_a_draft_in_their_language(batch, tmp_path):
    found, made = batch
    plan = plan_drafts(made.letters)
    assert plan.not_emailed == ["Élise Gagné"]  # her letter still prints
    head = letters.letterhead()
    folder = write_drafts(plan, head, tmp_path / "Thank-you emails", draw(head))
    assert sorted(p.name for p in folder.iterdir()) == [
        "Letters (PDF)", "Northwind Co-op.eml", "Quincaillerie Lefèvre.eml", "مركز النور.eml"]

    french = read_eml(folder / "Quincaillerie Lefèvre.eml")
    assert french["To"].addresses[0].addr_spec == "info@lefevre.ca"
    assert french["To"].addresses[0].display_name == "Quincaillerie Lefèvre"
    assert french["Subject"] == "Riverbend Community Food Centre : merci de votre appui"
    assert french["X-Unsent"] == "1"  # Outlook and Thunderbird open it to edit and send
    assert french["From"] is None and french["Date"] is None  # the mail program adds them
    assert [part.get_content_type() for part in french.walk()] == [
        "multipart/mixed", "text/plain", "application/pdf"]  # plain text, no HTML
    body = body_of(french)
    assert body.startswith("Bonjour Jean Lefèvre,\n\nAu nom de toute l'équipe de Riverbend")
    assert "ci-joint notre lettre de remerciement" in body
    assert body.rstrip().endswith("Anne Courchesne\nChair of the Board\n"
                                  "Riverbend Community Food Centre")
    # the attachment is the letter as it prints: both gifts in one letter, in French
    (attached,) = list(french.iter_attachments())
    assert attached.get_filename() == "Merci - Riverbend Community Food Centre.pdf"
    printed = tmp_path / "printed.pdf"
    mine = [letter for letter in made.letters if letter.partner_name == "Quincaillerie Lefèvre"]
    write_letters(mine, head, printed, TODAY)
    words = pdf_words(attached.get_content())
    assert words == pdf_words(printed.read_bytes())
    assert "Bonjour Jean Lefèvre" in words and "1 284,56 $" in words
    assert (folder / "Letters (PDF)" / "Quincaillerie Lefèvre.pdf").read_bytes() == \
        attached.get_content()

    # no address of its own: its primary contact's, and the greeting names her
    english = read_eml(folder / "Northwind Co-op.eml")
    assert str(english["To"]) == "Dana Roy <dana@northwind.ca>"
    assert english["Subject"] == "Riverbend Community Food Centre: thank you for your support"
    assert body_of(english).startswith("Dear Dana Roy,\n\n")
    assert next(english.iter_attachments()).get_filename() == \
        "Thank you - Riverbend Community Food Centre.pdf"


def test_names_in_other_scripts_travel_encoded_and_read_back_as_typed(batch, tmp_path):
    _found, made = batch
    head = letters.letterhead()
    folder = write_drafts(plan_drafts(made.letters), head, tmp_path / "out", draw(head))
    for path in folder.glob("*.eml"):
        raw = path.read_bytes()
        assert raw.isascii()  # headers encoded (RFC 2047), the body quoted-printable
        assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # as mail is sent
    arabic = read_eml(folder / "مركز النور.eml")
    assert arabic["To"].addresses[0].display_name == "مركز النور"
    assert arabic["To"].addresses[0].addr_spec == "nour@example.org"
    assert b"=?utf-8?" in (folder / "مركز النور.eml").read_bytes().split(b"\r\n\r\n")[0]
    assert "Dear فاطمة حداد," in body_of(arabic)
    shaped = pdf_words(next(arabic.iter_attachments()).get_content())  # joined, right to left
    assert "مركز النور" in unicodedata.normalize("NFKC", shaped)
    accented = read_eml(folder / "Quincaillerie Lefèvre.eml")
    assert b"Lef=C3=A8vre" in (folder / "Quincaillerie Lefèvre.eml").read_bytes()
    assert accented["To"].addresses[0].display_name == "Quincaillerie Lefèvre"


def test_addresses_a_message_cannot_carry(group):
    assert usable_address("jose@exémple.ca") == "jose@xn--exmple-cva.ca"
    assert usable_address("josé@exemple.ca") is None  # needs a server that takes UTF-8
    assert usable_address("marie@") is None and usable_address("") is None
    pid = org("Ferme Côté", contact="", language="fr", email="josé@exemple.ca")
    plan = plan_drafts(letters.letters_for([give(pid)], TODAY).letters)
    assert plan.drafts == []
    assert plan.not_emailed == ["Ferme Côté (the email address “josé@exemple.ca” cannot be used)"]


def test_an_enclosed_receipt_is_attached_as_it_was_issued(group, tmp_path):
    settings.save({settings.RECEIPTS_ON: True})
    pid = org("Marie-Hélène Brûlé", contact="", kind="person", email="mh@example.ca")
    gift = give(pid, amount="250", date=dt.date(2026, 11, 3))
    issued = receipts.issue(TODAY, [gift]).receipts[0]
    made = letters.letters_for([gift], TODAY)
    receipts.note_receipts(made.letters)  # as the letters preview does
    head = letters.letterhead()
    folder = write_drafts(plan_drafts(made.letters), head, tmp_path / "out", draw(head))
    sent = read_eml(folder / "Marie-Hélène Brûlé.eml")
    names = [part.get_filename() for part in sent.iter_attachments()]
    assert names == ["Thank you - Riverbend Community Food Centre.pdf",
                     f"Official receipt {issued.serial}.pdf"]
    assert list(sent.iter_attachments())[1].get_content() == bytes(issued.pdf)
    assert "with your official receipt for income tax purposes" in \
        body_of(sent)


def test_the_message_texts_in_both_languages():
    assert email_text.body("fr", "Madame, Monsieur", "Le Cercle", "", "", letters=2,
                           receipts=2).splitlines()[2] == (
        "Au nom de toute l'équipe de Le Cercle, vous trouverez ci-joint nos lettres de "
        "remerciement, ainsi que vos reçus officiels aux fins de l'impôt sur le revenu.")
    assert email_text.body("en", "Dear friends", "The Club", "", "").endswith(
        "With our warmest thanks,\n\nThe Club\n")  # no signatory: the group signs
    assert email_text.safe_file_name('A/B: "Co" <Ltd>') == "A-B- -Co- -Ltd"
    assert email_text.safe_file_name("CON") == "_CON"


# The folder


def test_the_folder_is_written_whole_or_not_at_all(batch, tmp_path):
    _found, made = batch
    plan, head = plan_drafts(made.letters), letters.letterhead()
    documents = tmp_path / "Documents"
    documents.mkdir()
    target = documents / "Thank-you emails"

    def full_disk(batch_letters, path):
        if "Northwind" in str(path):  # the second message: the disk is full
            raise OSError(28, "No space left on device")
        draw(head)(batch_letters, path)

    with pytest.raises(DraftProblem, match="No space left on device"):
        write_drafts(plan, head, target, full_disk)
    assert list(documents.iterdir()) == []  # no folder, no hidden leftovers

    steps = []
    assert write_drafts(plan, head, target, draw(head),
                        lambda done, total: steps.append(done) or done < 1) is None  # Cancel
    assert steps == [0, 1] and list(documents.iterdir()) == []

    target.mkdir()  # an empty folder of that name may take the messages
    assert write_drafts(plan, head, target, draw(head)) == target
    assert len(list(target.glob("*.eml"))) == 3
    before = sorted(target.rglob("*"))
    with pytest.raises(DraftProblem, match="already has files in it"):
        write_drafts(plan, head, target, draw(head))
    assert sorted(target.rglob("*")) == before  # nothing replaced or mixed in
    assert "does not exist" in folder_problem(tmp_path / "no such place" / "emails")
    assert "whole path" in folder_problem(Path("emails"))
    assert "Choose a folder" in folder_problem(Path(""))


def test_the_default_folder_is_new_in_documents(tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    assert default_folder(TODAY, documents) == documents / "Thank-you emails 2026-11-22"
    (documents / "Thank-you emails 2026-11-22").mkdir()
    assert default_folder(TODAY, documents) == documents / "Thank-you emails 2026-11-22 (2)"


def test_only_the_emailed_are_marked_and_the_marking_undoes(batch):
    found, made = batch
    plan = plan_drafts(made.letters)
    sent = record_emails_sent(plan.contribution_ids(), TODAY)
    assert len(sent.contribution_ids) == 4
    thanked = {row.partner_id for row in Contribution.select().where(
        Contribution.thanked_on.is_null(False))}
    assert thanked == {found["lefevre"], found["northwind"], found["nour"]}
    assert {(a.method, a.note) for a in Acknowledgement.select()} == {("email", "")}
    letters.undo_letters_sent(sent)
    assert Contribution.select().where(Contribution.thanked_on.is_null(False)).count() == 0
    assert Acknowledgement.select().count() == 0


# From the letters preview


class Opened(QObject):
    """What the app asked the desktop to open (Qt's own hook for file: addresses)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url)


@pytest.fixture
def opened():
    catcher = Opened()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


def test_the_email_button_of_the_letters_preview(qtbot, window, tmp_path, opened):
    from cars_desktop.ui.email_letters import EmailLettersDialog
    from cars_desktop.ui.letters_window import LettersDialog

    set_group()
    found = partners_of_every_kind()
    for pid in found.values():
        give(pid, date=dt.date.today())
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.table.selectAll()
    tab.letters_action.trigger()
    preview = tab.findChild(LettersDialog)
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.document.pageCount() > 0)
    screen = preview.screen().availableGeometry()
    assert (screen.width(), screen.height()) <= (1366, 768)
    button = preview.findChild(QPushButton, "emailLetters")
    assert button.isVisible() and button.text() == "Prepare &emails…"
    assert preview.frameGeometry().bottom() <= screen.bottom()
    assert kit.problems(preview) == []  # its Alt+letter is its own, every control named
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = preview.findChild(EmailLettersDialog)
    assert dialog is not None and dialog.isVisible()
    assert kit.problems(dialog) == []
    assert dialog.frameGeometry().height() <= screen.height()
    left_out = dialog.findChild(type(dialog.result_label), "notEmailed").text()
    assert left_out.startswith("1 partner has no email address") and "Élise Gagné" in left_out
    assert dialog.folder.text().endswith(f"Thank-you emails {dt.date.today():%Y-%m-%d}")

    chosen = tmp_path / "Courriels"
    chosen.mkdir()
    choose_in_file_dialog(qtbot, dialog.findChild(QPushButton, "chooseEmailFolder"), chosen)
    assert dialog.folder.text() == str(chosen / f"Thank-you emails {dt.date.today():%Y-%m-%d}")

    taken = tmp_path / "taken"
    (taken / "old").mkdir(parents=True)
    dialog.folder.clear()
    qtbot.keyClicks(dialog.folder, str(taken))
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert "already has files in it" in dialog.error.text() and dialog.error.isVisible()
    assert opened.urls == []

    target = tmp_path / "emails"
    dialog.folder.clear()
    qtbot.keyClicks(dialog.folder, str(target))
    assert not dialog.error.isVisible()
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result.isVisible())
    assert len(list(target.glob("*.eml"))) == 3
    assert opened.urls == [QUrl.fromLocalFile(str(target))]
    said = dialog.result_label.text()
    assert f"3 messages written in {target}." in said
    assert "Double-click each message: your mail program opens it ready to send." in said
    assert kit.problems(dialog) == []

    qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    assert "3 contributions marked as thanked by email" in dialog.marked_label.text()
    unthanked = Contribution.select().where(Contribution.thanked_on.is_null())
    assert [row.partner_id for row in unthanked] == [found["elise"]]
    assert dialog.undo_button.isVisible() and not dialog.mark_button.isVisible()
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert Contribution.select().where(Contribution.thanked_on.is_null()).count() == 4

    seen = []
    answer_message_boxes([QMessageBox.StandardButton.No], seen)  # closing: mark them? no
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert "not marked as thanked" in seen[0]
    assert Contribution.select().where(Contribution.thanked_on.is_null()).count() == 4
    kit.forget_walked()


def test_when_no_partner_has_an_address_the_preview_says_so(qtbot, window):
    from cars_desktop.ui.letters_window import LettersDialog

    set_group()
    give(person("Élise Gagné", language="fr"), date=dt.date.today())
    give(org("Ferme Côté", contact="Luc Côté"), date=dt.date.today())
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.table.selectAll()
    tab.letters_action.trigger()
    preview = tab.findChild(LettersDialog)
    qtbot.addWidget(preview)
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    qtbot.mouseClick(preview.findChild(QPushButton, "emailLetters"), Qt.MouseButton.LeftButton)
    assert "None of these partners has an email address" in seen[0]
    assert "Élise Gagné" in seen[0] and "Ferme Côté" in seen[0]


def test_a_year_end_summary_is_emailed_as_a_summary():
    from cars_desktop.core import email_text

    assert email_text.subject("en", "Riverbend", summary=True) == \
        "Riverbend: a summary of your gifts"
    body = email_text.body("fr", "Bonjour Anne", "Riverbend", "Anne", "Présidente",
                           summary=True)
    assert "vous trouverez ci-joint le sommaire de vos dons" in body
