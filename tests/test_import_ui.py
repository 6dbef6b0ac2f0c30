"""The import dialog, driven as a volunteer would: choose a file, check the columns, look at
what will happen to each row, skip some, say a close name is the same partner, import, and
undo the import."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QPushButton

from cars_desktop.store import contributions, partners
from cars_desktop.store.models import Contribution, ImportBatch, Partner
from helpers import answer_message_boxes, import_through_the_menu, menu_action

FILE = ("Name,Email,Date,Amount,Fund\r\n"
        "Quincaillerie Roi,,2026-03-01,50.00,Food bank\r\n"
        "Marie-Hélène Brûlé,mh@example.ca,2026-03-02,\"1,234.56\",Breakfast\r\n"
        "Sans montant,,2026-03-03,,\r\n"
        "Nouveau Donateur,nd@example.ca,2026-03-04,20,\r\n"
        "Skip Me,,2026-03-05,10,\r\n")


def known(name, **values):
    return partners.save_partner({"kind": "organisation", "name": name, "sector": "corporate",
                                  "partnership_type": "formal", "status": "active",
                                  "language": "fr", **values}, [])


def test_import_with_a_close_name_a_skipped_row_and_an_error_then_undo(qtbot, window,
                                                                        tmp_path, monkeypatch):
    roy = known("Quincaillerie Roy", phone="506-555-0100")
    phone = Partner.get_by_id(roy).phone
    known("marie helene brule")
    path = tmp_path / "donors.csv"
    path.write_text(FILE, encoding="utf-8")
    dialog = import_through_the_menu(qtbot, window, path)
    plan = dialog.plan
    actions = {row.line: row.action for row in plan.rows}
    assert actions == {2: "near", 3: "matched", 4: "error", 5: "new", 6: "new"}
    assert "the amount" in plan.rows[2].why
    assert "Import 4 gifts" in dialog.import_button.text().replace("&", "")
    assert "1 with an error" in dialog.summary.text()

    # the volunteer skips line 6 and says line 2 is the known hardware store
    by_line = {row.line: number for number, row in enumerate(plan.rows)}
    dialog.view.select_row(dialog.view.model.row_of(by_line[6]))
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    dialog.view.select_row(dialog.view.model.row_of(by_line[2]))
    qtbot.mouseClick(dialog.same_button, Qt.MouseButton.LeftButton)
    assert "Import 3 gifts" in dialog.import_button.text().replace("&", "")
    assert Contribution.select().count() == 0  # nothing written yet

    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    dialog.findChild(QPushButton, "doImport").click()
    assert dialog.result.contributions == 3 and dialog.result.partners == 1
    gifts = {c.partner.name: c.amount_cents for c in Contribution.select()}
    assert gifts == {"Quincaillerie Roy": 5000, "marie helene brule": 123456,
                     "Nouveau Donateur": 2000}
    assert Partner.get_by_id(roy).phone == phone  # never overwritten
    assert Partner.get(Partner.name == "marie helene brule").email == "mh@example.ca"
    assert window.contributions.records.total() == 3  # the window shows them

    # importing the same file again: nothing new
    again = import_through_the_menu(qtbot, window, path)
    again_actions = {row.line: row.action for row in again.plan.rows}
    assert again_actions == {2: "duplicate", 3: "duplicate", 4: "error", 5: "duplicate",
                             6: "new"}  # only the row skipped the first time is new
    again.reject()

    # undo the import from the File menu: the volunteer picks it in the list
    offered = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(
        lambda parent, title, label, items, current, editable: (
            offered.extend(items) or (items[0], True))))
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    menu_action(window, "File › Undo an import…").trigger()
    assert "donors.csv: 3 gifts, 1 new partner" in offered[0]
    assert Contribution.select().count() == 0
    assert not Partner.select().where(Partner.name == "Nouveau Donateur").exists()
    assert ImportBatch.get().undone_at is not None


def test_columns_can_be_corrected_and_are_remembered(qtbot, window, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Qui,Quand,Combien,Bizarre\nAnne Roy,2026-01-05,25,x\n", encoding="utf-8")
    dialog = import_through_the_menu(qtbot, window, path)
    assert dialog.plan is None and "No column" in dialog.error.text()
    dialog.set_column(0, "partner_name")
    dialog.set_column(1, "date")
    dialog.set_column(2, "amount")
    assert dialog.plan is not None and dialog.plan.rows[0].action == "new"
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    dialog.findChild(QPushButton, "doImport").click()
    assert Contribution.get().amount_cents == 2500
    # the same columns again: the mapping is remembered
    again = import_through_the_menu(qtbot, window, path)
    assert again.mapping[:3] == ["partner_name", "date", "amount"]
    assert again.plan.rows[0].action == "duplicate"


def test_a_file_that_cannot_be_read_says_why(qtbot, window, tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    dialog = import_through_the_menu(qtbot, window, path)
    assert "not a spreadsheet" in dialog.error.text()
    assert not dialog.import_button.isEnabled()


def test_an_edited_import_cannot_be_undone(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "one.csv"
    path.write_text("Name,Date,Amount\nAnne Roy,2026-01-05,25\n", encoding="utf-8")
    dialog = import_through_the_menu(qtbot, window, path)
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    dialog.findChild(QPushButton, "doImport").click()
    gift = Contribution.get()
    contributions.mark_thanked([gift.id], dt.date.today(), "call")
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *args: (args[3][0], True)))
    seen = []
    answer_message_boxes([QMessageBox.StandardButton.Ok], seen)
    menu_action(window, "File › Undo an import…").trigger()
    assert "cannot be undone" in seen[0]
    assert Contribution.select().count() == 1


def test_the_date_order_chosen_and_rows_skipped_survive_a_new_preview(qtbot, window, tmp_path):
    path = tmp_path / "ambiguous.csv"
    path.write_text("Name,Date,Amount,Memo\nAnne Roy,03/04/2026,25,x\nLuc Roy,05/06/2026,30,y\n",
                    encoding="utf-8")
    dialog = import_through_the_menu(qtbot, window, path)
    dialog.show()
    assert dialog.plan.needs_date_order and dialog.order.isVisible()
    dialog.order.setCurrentIndex(dialog.order.findData("dmy"))  # day first
    assert [row.date for row in dialog.plan.rows] == [dt.date(2026, 4, 3), dt.date(2026, 6, 5)]
    dialog.view.select_row(dialog.view.model.row_of(1))
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    dialog.set_column(3, "purpose")  # a new preview
    assert dialog.order.currentData() == "dmy"
    assert dialog.plan.rows[0].date == dt.date(2026, 4, 3)
    assert dialog.plan.rows[1].action == "skipped"
    assert "Import 1 gift" in dialog.import_button.text().replace("&", "")
