"""The questions the import preview asks, answered as a volunteer does: the Canadian dollars a
euro gift brought, whose gift a bank's e-Transfer is (remembered for that sender next time),
and which row holds the column names."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QMessageBox

from cars_desktop.store import partners
from cars_desktop.store.models import Contribution
from helpers import answer_message_boxes, import_through_the_menu, type_text
from import_kit import SAMPLES


def answer_question(qtbot, typed: str, seen: list) -> None:
    """Type `typed` into the question that opens next and press OK."""
    def answer():
        dialog = QApplication.activeModalWidget()
        field = dialog.field
        seen.append(dialog)
        field.setFocus()
        type_text(field, typed)
        if hasattr(field, "partner_id"):  # the picker: take its first match
            qtbot.waitUntil(lambda: field.completer().popup().isVisible(), timeout=3000)
            popup = field.completer().popup()
            popup.setCurrentIndex(popup.model().index(0, 0))
            qtbot.keyClick(popup, Qt.Key.Key_Return)
        dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Ok).click()
    QTimer.singleShot(50, answer)


def row_number(dialog, line: int) -> int:
    return dialog.view.model.row_of(next(
        number for number, row in enumerate(dialog.plan.rows) if row.line == line))


def test_a_euro_gift_waits_for_its_dollars(qtbot, window):
    dialog = import_through_the_menu(qtbot, window, SAMPLES / "paypal_activity_41_columns.csv")
    assert "1 waiting for your answer" in dialog.summary.text()
    assert dialog.dollars_button.isVisible()
    dialog.view.select_row(row_number(dialog, 6))
    seen = []
    answer_question(qtbot, "58,40", seen)
    qtbot.mouseClick(dialog.dollars_button, Qt.MouseButton.LeftButton)
    assert seen and "40.00 EUR" in seen[0].findChildren(type(dialog.summary))[0].text()
    anna = next(row for row in dialog.plan.rows if row.line == 6)
    assert (anna.shown, anna.amount_cents) == ("new", 5840)
    assert "waiting" not in dialog.summary.text()
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    gift = Contribution.get(Contribution.reference == "9AE55555EE5555555")
    assert (gift.amount_cents, gift.original_currency, gift.original_cents) == (5840, "EUR", 4000)


def test_whose_e_transfer_is_chosen_and_remembered(qtbot, window):
    # the bank writes the club's name its own way: the volunteer says who it is
    lions = partners.save_partner({"kind": "organisation", "name": "Sussex Lions",
                                   "sector": "voluntary", "partnership_type": "formal",
                                   "status": "active", "language": "en"}, [])
    dialog = import_through_the_menu(qtbot, window, SAMPLES / "rbc_account.csv")
    assert dialog.whose_button.isVisible() and "2 waiting" in dialog.summary.text()
    dialog.view.select_row(row_number(dialog, 4))
    seen = []
    answer_question(qtbot, "lions", seen)
    qtbot.mouseClick(dialog.whose_button, Qt.MouseButton.LeftButton)
    club = next(row for row in dialog.plan.rows if row.line == 4)
    assert (club.shown, club.partner_id) == ("matched", lions)
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert [c.amount_cents for c in Contribution.select()] == [50000]
    # next month's download: the same sender goes to the club without asking
    dialog = import_through_the_menu(qtbot, window, SAMPLES / "rbc_account.csv")
    club = next(row for row in dialog.plan.rows if row.line == 4)
    assert (club.shown, club.partner_id) == ("duplicate", lions)
    dialog.reject()


def test_the_row_of_column_names_is_chosen(qtbot, window, tmp_path):
    path = tmp_path / "supper.csv"
    path.write_text("Spring supper 2026;Riverbend hall;\nGifts received at the door;;\n"
                    "Nom;Date;Montant\nAnne Roy;2026-03-01;5\n", "utf-8")
    dialog = import_through_the_menu(qtbot, window, path)
    combo = dialog.findChild(QComboBox, "importHeaderRow")
    assert combo.isVisible()
    # the first row with two cells is taken for the column names: wrong here
    assert combo.currentText() == "Row 1: Spring supper 2026, Riverbend hall"
    combo.setCurrentIndex(combo.findData(2))
    assert dialog.table.headers == ["Nom", "Date", "Montant"]
    assert [(row.partner_name, row.amount_cents) for row in dialog.plan.rows] == [
        ("Anne Roy", 500)]
    dialog.reject()


def test_what_the_platform_said_is_shown_with_the_gift(qtbot, window):
    from cars_desktop.ui.contribution_dialog import ContributionDialog

    dialog = import_through_the_menu(qtbot, window,
                                     SAMPLES / "canadahelps_charity_data_download.csv")
    answer_message_boxes([QMessageBox.StandardButton.Ok], [])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.period.setCurrentIndex(tab.period.findData("all"))
    type_text(tab.search, "Thériault")
    assert tab.count_label.text() == "1 of 3 contributions shown"
    tab.view.select_row(0)
    seen = []

    def look():
        editing = QApplication.activeModalWidget()
        seen.append(editing.thanked.text())
        editing.reject()
    QTimer.singleShot(50, look)
    tab.edit_action.trigger()
    assert isinstance(seen, list) and seen == [
        "In memory of Jean Thériault · platform fee $2.10 · platform's receipt no. 2026-000123"]
    assert ContributionDialog  # the dialog the tab opens
