"""The official receipts window, used as a treasurer would: the year's gifts to receipt, one
click to issue them, then the register, a duplicate, a cancelled and a replaced receipt."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QMessageBox, QPushButton

from cars_desktop.store import receipts, settings
from cars_desktop.store.models import Receipt
from cars_desktop.ui.pdf_preview import PdfPreview
from cars_desktop.ui.receipts_window import ReceiptsWindow
from helpers import answer_message_boxes, menu_action
from letter_kit import give, org, set_group

TODAY = dt.date(2027, 1, 20)


def open_window(window) -> ReceiptsWindow:
    menu_action(window, "Contribution › Official receipts…").trigger()
    found = window.findChild(ReceiptsWindow)
    found.today = TODAY
    found.year.setCurrentIndex(found.year.findData(2026)) if found.year.findData(2026) >= 0 \
        else found.year.insertItem(0, "2026", 2026)
    found.year.setCurrentIndex(found.year.findData(2026))
    found.refresh()
    return found


def click(qtbot, dialog, name: str) -> None:
    qtbot.mouseClick(dialog.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_a_group_that_does_not_issue_receipts_is_told_how(qtbot, window):
    set_group(registered_charity=False)
    shown = open_window(window)
    qtbot.addWidget(shown)
    assert shown.problem.isVisible() and "registered charity" in shown.problem.text()
    assert not shown.issue_all.isEnabled()


def test_issue_the_years_receipts_then_keep_the_register(qtbot, window, monkeypatch):
    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    anne = org("Anne Leblanc", contact="", kind="person")
    give(anne, amount="100", date=dt.date(2026, 3, 1))
    give(anne, amount="150", date=dt.date(2026, 9, 1))
    give(org("Coop Évangéline"), amount="500", date=dt.date(2026, 5, 1))
    shown = open_window(window)
    qtbot.addWidget(shown)
    assert shown.waiting.topLevelItemCount() == 3
    asked = []
    answer_message_boxes([QMessageBox.StandardButton.Yes], asked)
    click(qtbot, shown, "issueYear")
    assert "Issue the receipts for the 3 gifts received in 2026" in asked[0]
    assert isinstance(shown.preview, PdfPreview) and shown.preview.document.pageCount() == 2
    assert "2 receipts" in shown.preview.summary.text()
    qtbot.addWidget(shown.preview)
    assert shown.waiting.topLevelItemCount() == 0  # nothing left to receipt
    assert shown.register.topLevelItemCount() == 2

    shown.register.setCurrentItem(shown.register.topLevelItem(0))
    serial = shown.register.topLevelItem(0).text(0)
    click(qtbot, shown, "receiptDuplicate")
    assert "DUPLICATE" in shown.preview.summary.text()
    qtbot.addWidget(shown.preview)

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Lost in the mail", True))
    click(qtbot, shown, "receiptCancel")
    assert receipts.find(serial).cancel_reason == "Lost in the mail"
    assert shown.register.topLevelItem(0).text(1) == "cancelled"

    shown.register.setCurrentItem(shown.register.topLevelItem(1))
    other = shown.register.topLevelItem(1).text(0)
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Yes], seen)
    click(qtbot, shown, "receiptReplace")
    assert f"cancels and replaces {other}" in seen[0] or "Cancel receipt" in seen[0]
    new = Receipt.get(Receipt.replaces == receipts.find(other).id)
    assert shown.register.topLevelItemCount() == 3
    assert new.serial in shown.preview.summary.text()
    qtbot.addWidget(shown.preview)


def test_receipt_settings_and_the_scanned_signature(qtbot, window, monkeypatch):
    from cars_desktop.resource_files import resource_path
    from cars_desktop.store.profile import group_profile
    from cars_desktop.ui.receipt_settings import ReceiptSettingsDialog
    from helpers import type_text

    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    dialog = ReceiptSettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "facsimile" in dialog.findChild(type(dialog.picture), "facsimileRules").text()
    dialog.place.clear()
    type_text(dialog.place, "Chéticamp, NS")
    dialog.prefix.clear()
    type_text(dialog.prefix, "R{year}-<script>")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *a, **k: (str(resource_path("sample-signature.png")), ""))
    qtbot.mouseClick(dialog.findChild(QPushButton, "chooseSignature"), Qt.MouseButton.LeftButton)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    save.click()
    assert dialog.isVisible() and "letters, digits" in dialog.prefix_error.text()
    dialog.prefix.clear()
    type_text(dialog.prefix, "R{year}-")
    save.click()
    assert dialog.saved
    assert settings.get(settings.RECEIPT_PLACE) == "Chéticamp, NS"
    assert group_profile().signature  # kept, as a small PNG
    gift = give(org("Anne Leblanc", contact="", kind="person"), amount="20")
    receipt = receipts.issue(TODAY, [gift]).receipts[0]
    assert receipt.serial == "R2027-0001"


def test_the_receipt_windows_can_be_used_by_keyboard_and_screen_reader(qtbot, qapp, window):
    import accessibility_kit as kit

    from cars_desktop.ui import translations
    from cars_desktop.ui.receipt_settings import ReceiptSettingsDialog

    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    give(org("Anne Leblanc", contact="", kind="person"), amount="20", date=dt.date(2026, 5, 1))
    try:
        for lang in ("en", "fr"):
            translations.apply_language(qapp, lang)
            for made in (ReceiptsWindow(window, TODAY), ReceiptSettingsDialog(window)):
                qtbot.addWidget(made)
                made.show()
                assert kit.problems(made) == [], (lang, type(made).__name__)
                made.close()
    finally:
        translations.apply_language(qapp, "en")
        kit.forget_walked()


def test_a_gift_in_kind_over_1000_is_asked_about_its_appraisal(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from cars_desktop.ui.contribution_dialog import ContributionDialog
    from helpers import type_text

    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    coop = org("Hardware Co-op")
    in_kind = {"family": "in_kind", "kind": "products", "payment_method": "",
               "date": dt.date(2026, 6, 2)}
    freezer = give(coop, amount="2400", description="A walk-in freezer", **in_kind)
    stove = give(coop, amount="1800", description="A stove", **in_kind)
    shown = open_window(window)
    qtbot.addWidget(shown)
    rows = {shown.waiting.topLevelItem(row).data(0, Qt.ItemDataRole.UserRole):
            shown.waiting.topLevelItem(row) for row in range(shown.waiting.topLevelItemCount())}
    assert rows[freezer].text(3) == "A walk-in freezer (no appraisal recorded)"

    def name_the_appraiser():  # in the gift's own window, opened by a double-click
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ContributionDialog)
        assert dialog.appraiser.isVisible()
        dialog.appraiser.setFocus()
        type_text(dialog.appraiser, "Marie Cormier, 4 Quai St, Caraquet NB")
        assert dialog.appraised.isChecked()  # typing a name ticks the box
        dialog.save_close.click()
    QTimer.singleShot(50, name_the_appraiser)
    where = shown.waiting.visualItemRect(rows[freezer]).center()
    qtbot.mouseClick(shown.waiting.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(shown.waiting.viewport(), Qt.MouseButton.LeftButton, pos=where)
    texts = [shown.waiting.topLevelItem(row).text(3)
             for row in range(shown.waiting.topLevelItemCount())]
    assert texts == ["A walk-in freezer", "A stove (no appraisal recorded)"]

    asked = []
    answer_message_boxes([QMessageBox.StandardButton.Yes, "&Leave them out for now"], asked)
    click(qtbot, shown, "issueYear")
    assert "1 gift in kind is worth more than $1,000" in asked[1]
    assert receipts.on_active_receipt(freezer) and not receipts.on_active_receipt(stove)
    qtbot.addWidget(shown.preview)
    assert "Appraised by Marie Cormier" in norm_text(bytes(
        receipts.find(receipts.on_active_receipt(freezer).serial).pdf))
    assert shown.waiting.topLevelItem(0).text(3) == "A stove (no appraisal recorded)"

    shown.waiting.setCurrentItem(shown.waiting.topLevelItem(0))
    answer_message_boxes(["Issue, saying &not appraised"], asked)
    click(qtbot, shown, "issueSelected")
    qtbot.addWidget(shown.preview)
    assert "Not appraised independently" in norm_text(bytes(
        receipts.find(receipts.on_active_receipt(stove).serial).pdf))
    assert shown.waiting.topLevelItemCount() == 0


def norm_text(pdf: bytes) -> str:
    import io

    from pypdf import PdfReader

    from helpers import norm

    return norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_a_restore_over_receipts_sent_out_says_so(qtbot, window, tmp_path):
    from cars_desktop.store import backups
    from cars_desktop.ui.restore_dialog import RestoreDialog

    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    anne = org("Anne Leblanc", contact="", kind="person")
    first, second = (give(anne, amount="40", date=dt.date(2026, 3, day)) for day in (1, 2))
    receipts.issue(TODAY, [first])
    copy = backups.make_backup(window.store.backup_dir, "manual")
    receipts.issue(TODAY, [second])  # sent out, then the older copy is restored

    menu_action(window, "File › Restore from backup…").trigger()
    dialog = window.findChild(RestoreDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.view.model.rowCount() == 1)  # the copy made above
    dialog.view.select_row(0)
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Ok,
                          QMessageBox.StandardButton.Ok], seen)
    click(qtbot, dialog, "restoreBackup")
    assert backups.describe_backup(copy).problem is None
    assert seen[2].startswith("1 official receipt issued after this backup was made is not "
                              "in it: 2027-0002.")
    shown = open_window(window)
    qtbot.addWidget(shown)
    assert [shown.register.topLevelItem(row).text(1) for row in range(2)] == [
        "issued", "issued, not in this data"]
    assert "Anne Leblanc, 2026-03-02: It is on receipt 2027-0002" in shown.skipped.text()


def test_a_years_copies_are_saved_for_an_auditor_exactly_as_kept(qtbot, window, tmp_path,
                                                                monkeypatch):
    import csv
    import hashlib
    import io
    import zipfile

    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    anne = org("Anne Leblanc", contact="", kind="person")
    gifts = [give(anne, amount="40", date=dt.date(2026, 3, day)) for day in (1, 2)]
    first, second = receipts.issue(TODAY, gifts).receipts
    receipts.cancel(first.serial, "Spoiled in the printer", TODAY)
    shown = open_window(window)
    qtbot.addWidget(shown)
    where = tmp_path / "Receipts 2027.zip"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(where), ""))
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    click(qtbot, shown, "receiptCopies")
    assert seen[0].startswith("2 receipts numbered in 2027, exactly as kept, and the register")
    with zipfile.ZipFile(where) as kept:
        assert kept.namelist() == ["2027-0001 (cancelled).pdf", "2027-0002.pdf",
                                   "Register of receipts 2027.csv"]
        register = list(csv.DictReader(io.StringIO(
            kept.read("Register of receipts 2027.csv").decode("utf-8-sig"))))
        for row, name in zip(register, kept.namelist()[:2], strict=True):
            assert hashlib.sha256(kept.read(name)).hexdigest() == row["sha256"]
    assert [row["status"] for row in register] == ["cancelled", "issued"]
