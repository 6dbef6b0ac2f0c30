"""Households: people who give together. Made in the partner window (members added by typing
part of a name, removed from the list), each member keeping the credit for their own gifts,
thank-you letters and year-end summaries written to the household, read back from the PDF."""

import datetime as dt

from PySide6.QtCore import Qt

from cars_desktop.store import contributions, households, letters, partners, year_end
from cars_desktop.store.models import Contribution, Partner
from cars_desktop.ui.partner_dialog import PartnerDialog
from helpers import type_text
from letter_kit import make_pdf, page_texts, set_group

TODAY = dt.date(2026, 11, 22)
BASE = {"sector": "community", "partnership_type": "casual", "status": "active",
        "language": "en"}


def named(first, last, **changes) -> int:
    return partners.save_partner({"kind": "person", "first_name": first, "last_name": last,
                                  **BASE, **changes}, [])


def household(name, members, **changes) -> int:
    return partners.save_partner({"kind": "household", "name": name, **BASE,
                                  "address_line1": "4 Shore Road", "city": "Pictou",
                                  "province": "NS", "postal_code": "B0K 1H0", **changes},
                                 [], None, members)


def give(pid, amount="50", day=dt.date(2026, 5, 1), **changes) -> int:
    return contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
        "amount": amount, "date": day, "payment_method": "cheque", **changes})


def save_button(dialog):
    return dialog.buttons.button(dialog.buttons.StandardButton.Save)


def add_member(qtbot, dialog, typed: str) -> None:
    """Type part of the name in the picker, take the one match, press Add member."""
    box = dialog.members_box
    box.picker.setFocus()
    qtbot.keyClick(box.picker, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.picker, typed)  # over whatever was left there
    box.picker.editingFinished.emit()  # leaving the field takes the one match
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)


def test_a_household_is_made_in_the_partner_window(qtbot, window):
    bob, mary = named("Bob", "MacDonald"), named("Mary", "MacDonald")
    shop = partners.save_partner({"kind": "organisation", "name": "Pictou Hardware",
                                  **BASE}, [])
    dialog = PartnerDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert not dialog.members_box.isVisible()
    # from Person, the arrow key reaches Household
    qtbot.mouseClick(dialog.kind_buttons["person"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.kind_buttons["person"], Qt.Key.Key_Right)
    qtbot.waitUntil(dialog.kind_buttons["household"].isChecked)
    assert dialog.members_box.isVisible() and dialog.fields["name"].isVisible()
    type_text(dialog.fields["name"], "Bob and Mary MacDonald")
    for field, code in (("sector", "community"), ("partnership_type", "casual")):
        dialog.fields[field].setCurrentIndex(dialog.fields[field].findData(code))
    add_member(qtbot, dialog, "Bob Mac")
    add_member(qtbot, dialog, "Mary Mac")
    add_member(qtbot, dialog, "Pictou Hard")  # not a person: not offered, said plainly
    assert "Type part of a person's name" in dialog.members_box.error.text()
    add_member(qtbot, dialog, "Bob Mac")
    assert "already a member" in dialog.members_box.error.text()
    assert dialog.members_box.member_ids() == [bob, mary]
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    home = Partner.get(Partner.kind == "household")
    assert home.name == "Bob and Mary MacDonald"
    assert [m.id for m in households.members(home.id)] == [bob, mary]
    assert Partner.get_by_id(shop).household_id is None

    # opened again: the members are listed; removing one by the keyboard and saving
    dialog = PartnerDialog(window, home.id)
    dialog.show()
    members = dialog.members_box.list
    assert [members.item(n).text() for n in range(members.count())] == \
        ["Bob MacDonald", "Mary MacDonald"]
    members.setFocus()
    members.setCurrentRow(0)
    qtbot.keyClick(members, Qt.Key.Key_Delete)
    assert dialog.members_box.member_ids() == [mary]
    assert dialog.has_changes()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert [m.id for m in households.members(home.id)] == [mary]
    assert Partner.get_by_id(bob).household_id is None


def test_members_keep_their_own_gifts_and_get_one_letter_together(group, tmp_path):
    set_group()
    bob, mary = named("Bob", "MacDonald"), named("Mary", "MacDonald")
    home = household("Bob and Mary MacDonald", [bob, mary])
    gifts = [give(bob, "50"), give(mary, "75", dt.date(2026, 6, 2))]
    # the credit stays with each giver
    assert [Contribution.get_by_id(g).partner_id for g in gifts] == [bob, mary]
    batch = letters.letters_for(gifts, TODAY, together=True)
    assert len(batch.letters) == 1
    letter = batch.letters[0]
    assert letter.partner_name == "Bob and Mary MacDonald"
    path = tmp_path / "together.pdf"
    make_pdf(batch.letters, path)
    text = page_texts(path)[0]
    assert "Bob and Mary MacDonald 4 Shore Road Pictou NS B0K 1H0" in text
    assert "Dear Bob and Mary," in text
    assert "(Bob)" in text and "(Mary)" in text and "$125.00" in text
    # one gift alone: its letter goes to the household too
    single = letters.letters_for([give(mary, "20")], TODAY)
    assert single.letters[0].address[0] == "Bob and Mary MacDonald"
    assert single.letters[0].partner_name == "Bob and Mary MacDonald"
    path = tmp_path / "single.pdf"
    make_pdf(single.letters, path)
    assert "Dear Bob and Mary," in page_texts(path)[0]
    assert home


def test_a_french_household_is_greeted_in_french(group, tmp_path):
    set_group()
    anne, luc = named("Anne", "Cormier", language="fr"), named("Luc", "Cormier", language="fr")
    household("Anne et Luc Cormier", [anne, luc], language="fr")
    batch = letters.letters_for([give(anne), give(luc)], TODAY, together=True)
    path = tmp_path / "fr.pdf"
    make_pdf(batch.letters, path)
    text = page_texts(path)[0]
    assert "Bonjour Anne et Luc," in text and "(Anne)" in text and "(Luc)" in text


def test_year_end_summaries_go_to_the_household_listing_whose_gifts(group, tmp_path):
    set_group()
    bob, mary = named("Bob", "MacDonald"), named("Mary", "MacDonald")
    alone = named("Zoe", "Arsenault")
    home = household("Bob and Mary MacDonald", [bob, mary])
    give(bob, "50")
    give(mary, "75", dt.date(2026, 3, 1))
    give(alone, "10")
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31), TODAY)
    batch = year_end.year_end_letters(*year)
    assert year_end.gave_count(*year[:2]) == year_end.GaveCount(partners=2, no_address=1)
    assert [letter.partner_name for letter in batch.letters] == \
        ["Zoe Arsenault", "Bob and Mary MacDonald"]
    path = tmp_path / "year.pdf"
    make_pdf(batch.letters, path)
    zoe, together = page_texts(path)
    assert "Dear Zoe," in zoe and "MacDonald" not in zoe
    assert "Dear Bob and Mary," in together and "$125.00" in together
    assert together.index("(Mary)") < together.index("(Bob)")  # by date
    # one summary asked for a member, or for the household, is the household's
    for pid in (bob, home):
        one = year_end.year_end_letter(pid, *year)
        assert one.letters[0].partner_name == "Bob and Mary MacDonald"
        assert len(one.letters[0].contribution_ids) == 2


def test_leaving_being_a_household_or_a_person_lets_members_go(store):
    bob, mary = named("Bob", "MacDonald"), named("Mary", "MacDonald")
    home = household("Bob and Mary MacDonald", [bob, mary])
    values, contacts = partners.load_partner(bob)
    partners.save_partner({**values, "kind": "organisation", "name": "Bob's Garage"},
                          contacts, bob)
    assert Partner.get_by_id(bob).household_id is None
    values, contacts = partners.load_partner(home)
    partners.save_partner({**values, "kind": "organisation"}, contacts, home)
    assert Partner.get_by_id(mary).household_id is None
    try:
        household("Not a family", [bob])
    except partners.ValidationError as err:
        assert "Only people can be members" in err.errors["members"]
    else:
        raise AssertionError("an organisation joined a household")
