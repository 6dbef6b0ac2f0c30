"""A person's first and last names: typed in the partner window, proposed for a person
recorded before, checked, kept through an update of an older data file."""

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from cars_desktop.core import validation
from cars_desktop.store import database, migrations, partners
from cars_desktop.store.models import Partner
from cars_desktop.ui.partner_dialog import PartnerDialog
from helpers import type_text

ALT = Qt.KeyboardModifier.AltModifier


def person(name, **changes) -> int:
    return partners.save_partner({"kind": "person", "name": name, "sector": "community",
                                  "partnership_type": "casual", "status": "active",
                                  "language": "en", **changes}, [])


def choose(dialog, sector="community", partnership_type="casual"):
    for field, code in (("sector", sector), ("partnership_type", partnership_type)):
        combo = dialog.fields[field]
        combo.setCurrentIndex(combo.findData(code))


def save_button(dialog) -> QPushButton:
    return dialog.buttons.button(dialog.buttons.StandardButton.Save)


def test_a_new_person_is_typed_as_first_and_last_name(qtbot, window):
    tab = window.partners

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PartnerDialog)
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.fields["name"].isVisible() and not dialog.fields["first_name"].isVisible()
        qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_P, ALT)  # Alt+P: a person
        qtbot.waitUntil(dialog.fields["first_name"].isVisible)
        assert not dialog.fields["name"].isVisible()
        # Alt+N goes to the first name, Tab to the last name
        qtbot.keyClick(dialog, Qt.Key.Key_N, ALT)
        assert dialog.focusWidget() is dialog.fields["first_name"]
        qtbot.keyClicks(dialog.focusWidget(), "Margaret")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.fields["last_name"]
        qtbot.keyClicks(dialog.focusWidget(), "MacDonald")
        choose(dialog)
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_dialog)
    qtbot.keyClick(tab.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    saved = Partner.get()
    assert (saved.kind, saved.name, saved.first_name, saved.last_name) == \
        ("person", "Margaret MacDonald", "Margaret", "MacDonald")
    assert tab.model.data(tab.model.index(0, 0)) == "Margaret MacDonald"


def test_an_organisation_keeps_its_one_name(qtbot, window):
    dialog = PartnerDialog(window)
    dialog.show()
    type_text(dialog.fields["name"], "Sussex Lions Club")
    choose(dialog, "voluntary")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    saved = Partner.get()
    assert (saved.name, saved.first_name, saved.last_name) == ("Sussex Lions Club", "", "")


def test_switching_kind_carries_the_name_over_both_ways(qtbot, window):
    dialog = PartnerDialog(window)
    dialog.show()
    type_text(dialog.fields["name"], "Marie-Hélène Brûlé")
    qtbot.mouseClick(dialog.kind_buttons["person"], Qt.MouseButton.LeftButton)
    assert (dialog.fields["first_name"].text(), dialog.fields["last_name"].text()) == \
        ("Marie-Hélène", "Brûlé")
    dialog.fields["last_name"].setText("Brûlé-Roy")
    qtbot.mouseClick(dialog.kind_buttons["organisation"], Qt.MouseButton.LeftButton)
    assert dialog.fields["name"].text() == "Marie-Hélène Brûlé-Roy"
    assert dialog.values()["first_name"] == dialog.values()["last_name"] == ""


def test_a_person_recorded_before_gets_names_proposed_and_saved(qtbot, window):
    pid = person("Gerald Mackenzie")
    other = person("MacDonald, Bob")
    assert Partner.get_by_id(pid).first_name == ""
    dialog = PartnerDialog(window, pid)
    dialog.show()
    assert (dialog.fields["first_name"].text(), dialog.fields["last_name"].text()) == \
        ("Gerald", "Mackenzie")
    assert not dialog.has_changes()  # proposed, not typed: closing asks nothing
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    saved = Partner.get_by_id(pid)
    assert (saved.name, saved.first_name, saved.last_name) == \
        ("Gerald Mackenzie", "Gerald", "Mackenzie")
    dialog = PartnerDialog(window, other)
    dialog.show()
    assert (dialog.fields["first_name"].text(), dialog.fields["last_name"].text()) == \
        ("Bob", "MacDonald")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert Partner.get_by_id(other).name == "Bob MacDonald"


def test_a_person_without_a_last_name_is_refused_plainly(qtbot, window):
    dialog = PartnerDialog(window)
    dialog.show()
    qtbot.mouseClick(dialog.kind_buttons["person"], Qt.MouseButton.LeftButton)
    type_text(dialog.fields["first_name"], "Margaret")
    choose(dialog)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and Partner.select().count() == 0
    assert "A last name is needed too" in dialog.errors["last_name"].text()
    assert dialog.errors["last_name"].isVisible()
    assert dialog.focusWidget() is dialog.fields["last_name"]
    dialog.fields["first_name"].clear()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.errors["last_name"].text() == "⚠ A last name is needed."
    type_text(dialog.fields["last_name"], "Madonna")  # known by one name
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert Partner.get().name == "Madonna" and not dialog.isVisible()


def test_the_partner_window_fits_a_small_screen_with_names(qtbot, window):
    dialog = PartnerDialog(window, person("Margaret MacDonald"))
    dialog.show()
    assert dialog.width() <= 1366 and dialog.height() <= 768
    for field in ("first_name", "last_name"):
        assert dialog.fields[field].width() >= 120  # a whole name shows


def test_names_are_checked_in_the_store_too(store):
    try:
        validation.validate_partner({"kind": "person", "first_name": "x" * 201,
                                     "last_name": "Roy", "sector": "community",
                                     "partnership_type": "casual", "status": "active",
                                     "language": "en"})
    except validation.ValidationError as err:
        assert "too long" in err.errors["first_name"]
    else:
        raise AssertionError("a name too long was taken")
    # an organisation never keeps a person's names
    pid = partners.save_partner({"kind": "organisation", "name": "Coop", "first_name": "A",
                                 "last_name": "B", "sector": "corporate",
                                 "partnership_type": "casual", "status": "active",
                                 "language": "en"}, [])
    assert (Partner.get_by_id(pid).first_name, Partner.get_by_id(pid).last_name) == ("", "")


def test_an_older_data_file_gains_names_after_a_backup(data_dir):
    from cars_desktop.store.models import db

    older = database.open_store(data_dir, migrations=migrations.MIGRATIONS[:8])
    columns = ", ".join(("uuid", "created_at", "updated_at", "kind", "name", "sort_name",
                         "search_text", "sector", "partnership_type", "status", "shared_goal",
                         "strengths", "address_line1", "address_line2", "city", "province",
                         "postal_code", "country", "phone", "email", "website", "language",
                         "notes"))
    db.execute_sql(f"INSERT INTO partner ({columns}) VALUES ('u1', 't', 't', 'person',"
                   " 'Anne Leblanc', 'anne leblanc', '', 'community', 'casual', 'active',"
                   " '', '', '', '', '', '', '', 'Canada', '', '', '', 'en', '')")
    older.close()
    opened = database.open_store(data_dir)
    try:
        assert opened.schema_version() == 9 and opened.migrated_from == 8
        anne = Partner.get()
        assert (anne.name, anne.first_name, anne.last_name) == ("Anne Leblanc", "", "")
    finally:
        opened.close()
