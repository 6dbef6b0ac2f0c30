"""The partner and contribution dialogs from the keyboard: Alt+letter for every choice, each
letter used once, and Alt+D in "Discard changes?"."""

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QMessageBox

from cars_desktop.store import partners
from cars_desktop.store.models import Partner
from cars_desktop.ui.contribution_dialog import ContributionDialog
from cars_desktop.ui.partner_dialog import PartnerDialog

ALT = Qt.KeyboardModifier.AltModifier


def opened(qtbot, dialog):
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def mnemonics(dialog) -> list[str]:
    """The Alt+letters of the dialog's labels and buttons, whether shown now or not."""
    letters = []
    for widget in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        found = re.search(r"&([^&\s])", widget.text().replace("&&", ""))
        if found:
            letters.append(found.group(1).lower())
    return letters


def test_alt_o_and_alt_p_choose_organisation_or_person(qtbot, window):
    dialog = opened(qtbot, PartnerDialog(window))
    assert dialog.kind_buttons["organisation"].isChecked()
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_P, ALT)
    qtbot.waitUntil(dialog.kind_buttons["person"].isChecked)
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_O, ALT)
    qtbot.waitUntil(dialog.kind_buttons["organisation"].isChecked)


def test_every_alt_letter_is_used_once_in_each_dialog(qtbot, window):
    pid = partners.save_partner({"kind": "organisation", "name": "Amqui Radio",
                                 "sector": "corporate", "partnership_type": "formal",
                                 "status": "active", "language": "fr"}, [])
    for dialog in (PartnerDialog(window), PartnerDialog(window, pid),
                   ContributionDialog(window), ContributionDialog(window, partner_id=pid)):
        letters = mnemonics(dialog)
        assert len(letters) > 15
        assert len(letters) == len(set(letters)), sorted(letters)
        dialog.deleteLater()


def test_alt_d_discards_a_half_typed_partner(qtbot, window):
    dialog = opened(qtbot, PartnerDialog(window))
    qtbot.keyClicks(dialog.fields["name"], "Half-typed partner")
    asked = []

    def discard():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isActiveWindow():
            QTimer.singleShot(20, discard)
            return
        asked.append(sorted(b.text() for b in box.buttons()))
        qtbot.keyClick(box, Qt.Key.Key_D, ALT)
    QTimer.singleShot(20, discard)
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)
    assert asked == [["&Discard", "&Keep editing"]]
    assert not dialog.isVisible() and Partner.select().count() == 0


def test_keep_editing_keeps_what_was_typed(qtbot, window):
    dialog = opened(qtbot, PartnerDialog(window))
    qtbot.keyClicks(dialog.fields["name"], "Half-typed partner")

    def keep():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, keep)
            return
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    QTimer.singleShot(20, keep)
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.fields["name"].text() == "Half-typed partner"


def test_a_similar_name_is_shown_as_typed_not_as_markup(qtbot, window):
    partners.save_partner({"kind": "person", "name": "Bob <b>Smith</b> <!--",
                           "sector": "community", "partnership_type": "casual",
                           "status": "active", "language": "en"}, [])
    dialog = opened(qtbot, PartnerDialog(window))
    qtbot.keyClicks(dialog.fields["name"], "Bob <b>Smith</b> <!")
    qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Tab)  # leaving the name checks it
    assert dialog.similar_label.isVisible()
    assert dialog.similar_label.textFormat() == Qt.TextFormat.PlainText
    assert "Bob <b>Smith</b> <!--" in dialog.similar_label.text()


def test_a_long_contact_shows_its_start_and_the_contacts_fit_the_laptop_screen(qtbot, window):
    email = "marie-helene.brule-theriault@caissepopulaire.ca"
    pid = partners.save_partner(
        {"kind": "organisation", "name": "Caisse populaire de Baie-Sainte-Anne",
         "sector": "corporate", "partnership_type": "formal", "status": "active",
         "language": "fr"},
        [{"name": "Marie-Hélène Brûlé-Thériault", "email": email, "is_primary": True}])
    dialog = opened(qtbot, PartnerDialog(window, pid))
    edit = dialog.contact_rows[0].edits["email"]
    assert edit.text() == email and edit.cursorPosition() == 0
    room = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().width() <= room.width()
    dialog.reject()
