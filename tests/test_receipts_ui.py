"""The official receipts window, used as a treasurer would: the year's gifts to receipt, one
click to issue them, then the register, a duplicate, a cancelled and a replaced receipt."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton

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
    click(qtbot, shown, "issueYear")
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
