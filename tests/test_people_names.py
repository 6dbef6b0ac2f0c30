"""A person's first and last names: typed in the partner window, proposed for a person
recorded before, checked, kept through an update of an older data file."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from cars_desktop.core import validation
from cars_desktop.core.text import fold
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
        assert opened.schema_version() >= 9 and opened.migrated_from == 8
        anne = Partner.get()
        assert (anne.name, anne.first_name, anne.last_name) == ("Anne Leblanc", "", "")
    finally:
        opened.close()


# Lists sort by last name


def named(first, last, **changes) -> int:
    return person("", first_name=first, last_name=last, **changes)


def organisation(name) -> int:
    return partners.save_partner({"kind": "organisation", "name": name, "sector": "corporate",
                                  "partnership_type": "casual", "status": "active",
                                  "language": "en"}, [])


def gift(pid, amount="100") -> int:
    from cars_desktop.store import contributions

    return contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
        "amount": amount, "date": dt.date.today(), "payment_method": "cheque"})


def column(tab, number=0) -> list[str]:
    tab.refresh()
    model = tab.model
    return [model.data(model.index(row, number)) for row in range(model.rowCount())]


def test_the_partners_list_sorts_people_by_last_name(qtbot, window):
    named("Bob", "Zwicker")
    named("Anne", "MacDonald")
    organisation("Lions Club")
    organisation("Caisse populaire")
    person("Yvette Arsenault")  # recorded before names were kept apart: sorts as written
    assert column(window.partners) == ["Caisse populaire", "Lions Club", "Anne MacDonald",
                                       "Yvette Arsenault", "Bob Zwicker"]


def test_the_contributions_list_follows_a_renamed_person(qtbot, window):
    zed, anne = named("Anne", "Zwicker"), named("Bob", "MacDonald")
    gift(zed, "10")
    gift(anne, "20")
    window.tabs.setCurrentWidget(window.contributions)
    tab = window.contributions
    tab.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert column(tab, 1) == ["Bob MacDonald", "Anne Zwicker"]
    dialog = PartnerDialog(window, zed)
    dialog.show()
    dialog.fields["last_name"].setText("Arsenault")  # married, say
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert column(tab, 1) == ["Anne Arsenault", "Bob MacDonald"]
    from cars_desktop.store.models import Contribution
    assert {c.partner_sort for c in Contribution.select()} == \
        {p.sort_name for p in Partner.select()} == {"arsenault anne", "macdonald bob"}


def test_the_sample_gives_its_people_first_and_last_names(store):
    from cars_desktop.store import sample
    from cars_desktop.store.models import Contribution

    sample.fill_sample(partners=60, contributions=120)
    people = list(Partner.select().where(Partner.kind == "person"))
    assert people and all(p.name == f"{p.first_name} {p.last_name}" for p in people)
    assert all(p.sort_name.startswith(fold(p.last_name)) for p in people)
    assert all(not (p.first_name or p.last_name)
               for p in Partner.select().where(Partner.kind == "organisation"))
    for gift_row in Contribution.select().join(Partner).where(Partner.kind == "person"):
        assert gift_row.partner_sort == gift_row.partner.sort_name


def test_a_merge_carries_the_chosen_names_and_its_undoing_brings_them_back(store):
    from cars_desktop.store import merge

    kept, removed = person("M. MacDonald"), named("Margaret", "MacDonald")
    gift(kept)
    undo = merge.merge_partners(kept, removed, {"name": "removed"})
    merged = Partner.get_by_id(kept)
    assert (merged.name, merged.first_name, merged.last_name, merged.sort_name) == \
        ("Margaret MacDonald", "Margaret", "MacDonald", "macdonald margaret")
    from cars_desktop.store.models import Contribution
    assert Contribution.get().partner_sort == "macdonald margaret"
    merge.undo_merge(undo)
    back = Partner.get_by_id(kept)
    assert (back.name, back.first_name, back.last_name) == ("M. MacDonald", "", "")


def test_the_command_line_finds_a_person_by_the_name_it_shows(store):
    from cars_desktop.cli_documents import _partner_id

    pid = named("Margaret", "MacDonald")
    assert _partner_id("margaret macdonald") == pid


def test_erasing_a_person_erases_their_names_too(store):
    pid = named("Margaret", "MacDonald")
    gift(pid)
    partners.erase_personal_information(pid)
    gone = Partner.get_by_id(pid)
    assert (gone.first_name, gone.last_name, gone.sort_name) == ("", "", "erased partner")


# "Dear Margaret"


def test_a_person_is_greeted_by_first_name_in_the_printed_letters(qtbot, window, tmp_path):
    from cars_desktop.store import letters
    from letter_kit import give, make_pdf, page_texts, set_group

    set_group()
    dialog = PartnerDialog(window)
    dialog.show()
    qtbot.mouseClick(dialog.kind_buttons["person"], Qt.MouseButton.LeftButton)
    type_text(dialog.fields["first_name"], "Geneviève")
    type_text(dialog.fields["last_name"], "Thériault")
    dialog.fields["language"].setCurrentIndex(dialog.fields["language"].findData("fr"))
    choose(dialog)
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    genevieve = Partner.get().id
    margaret = named("Margaret", "MacDonald", address_line1="12 Elm Road", city="Sussex",
                     province="NB", postal_code="E4E 1A1")
    older = person("Gerald Mackenzie")  # no first name kept yet: greeted as before
    own = named("Robert", "Young")
    partners.save_partner({**partners.load_partner(own)[0]},
                          [{"name": "Robert Young", "salutation": "Dear Bob"}], own)
    gifts = [give(pid) for pid in (margaret, genevieve, older, own)]
    path = tmp_path / "letters.pdf"
    make_pdf(letters.letters_for(gifts, dt.date(2026, 11, 22)).letters, path)
    pages = page_texts(path)
    assert len(pages) == 4
    by_name = {name: next(p for p in pages if name in p) for name in (
        "Margaret MacDonald", "Geneviève Thériault", "Gerald Mackenzie", "Robert Young")}
    assert "Dear Margaret," in by_name["Margaret MacDonald"]
    assert "Margaret MacDonald 12 Elm Road" in by_name["Margaret MacDonald"]
    assert "Bonjour Geneviève," in by_name["Geneviève Thériault"]
    assert "Dear Gerald Mackenzie," in by_name["Gerald Mackenzie"]
    assert "Dear Bob," in by_name["Robert Young"]  # their own greeting comes first
    # the year-end summary greets them the same way
    summary = letters.year_end_letter(margaret, dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                      dt.date(2026, 12, 31))
    path = tmp_path / "summary.pdf"
    make_pdf(summary.letters, path)
    assert "Dear Margaret," in page_texts(path)[0]
