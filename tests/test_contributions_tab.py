"""The Contributions tab and the contribution dialog, driven as a volunteer would."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from cars_desktop.store import contributions, partners
from cars_desktop.store.models import Acknowledgement, Contribution
from cars_desktop.ui.contribution_dialog import ContributionDialog
from cars_desktop.ui.contributions_tab import ThankDialog
from helpers import type_text

TODAY = dt.date.today()


def shown_text(label) -> str:
    """A rich label's text with its non-breaking spaces read as spaces."""
    return label.text().replace("&nbsp;", " ")


def partner(name, **changes):
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "formal", "status": "active", "language": "fr", **changes}
    return partners.save_partner(values, changes.pop("contacts", []))


def gift(pid, **changes):
    values = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "100", "date": TODAY, "payment_method": "cheque", **changes}
    return contributions.save_contribution(values)


def shown(window):
    """The Contributions tab on screen, its list and totals read."""
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    tab.update_totals()
    return tab


def cells(tab, column):
    model = tab.model
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_two_gifts_in_a_row_with_the_keyboard(qtbot, window):
    pid = partner("Pharmacie Lefèvre", contacts=[{"name": "Céline Lefèvre"}])
    dialog = ContributionDialog(window)
    dialog.show()
    type_text(dialog.partner, "lefevre")
    dialog.partner.textEdited.emit("lefevre")  # as the keyboard does: the matches come up
    dialog.partner.editingFinished.emit()  # leaving the field takes the only match
    assert dialog.partner.partner_id == pid
    assert dialog.contact.currentText() == "Céline Lefèvre"  # the primary contact
    type_text(dialog.amount, "1 234,56")
    dialog.method.setCurrentIndex(dialog.method.findData("etransfer"))
    type_text(dialog.reference, "ET-55")
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)  # Enter: save and start the next
    assert Contribution.select().count() == 1
    assert dialog.isVisible() and "Saved: Pharmacie Lefèvre" in dialog.saved_label.text()
    assert dialog.amount.text() == "" and dialog.partner.partner_id is None
    assert dialog.method.currentData() == "etransfer"  # remembered for the next one
    dialog.partner.set_partner(pid)
    type_text(dialog.amount, "$50")
    dialog.save(next_one=False)
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = list(Contribution.select().order_by(Contribution.id))
    assert [(c.amount_cents, c.reference, c.payment_method) for c in saved] == \
        [(123456, "ET-55", "etransfer"), (5000, "", "etransfer")]
    shown(window)
    assert sorted(cells(window.contributions, 5)) == ["$1,234.56", "$50.00"]
    assert "Cash received <b>$1,284.56</b>" in shown_text(window.contributions.totals)


@pytest.mark.parametrize("typed, message", [
    ("-5", "negative"), ("1.234", "two ways"), ("", "Enter the amount"), ("abc", "not an"),
])
def test_bad_amounts_are_explained_beside_the_field(qtbot, window, typed, message):
    pid = partner("Town of Sussex", language="en")
    dialog = ContributionDialog(window, partner_id=pid)
    dialog.show()
    type_text(dialog.amount, typed)
    type_text(dialog.purpose, "Fête de quartier")
    dialog.save(next_one=False)
    assert message in dialog.errors["amount_cents"].text()
    assert dialog.errors["amount_cents"].isVisible() and dialog.isVisible()
    assert dialog.amount.text() == typed and dialog.purpose.text() == "Fête de quartier"
    assert Contribution.select().count() == 0


def test_fields_follow_family_kind_and_status(qtbot, window):
    dialog = ContributionDialog(window, partner_id=partner("Co-op de Caraquet"))
    dialog.show()
    shown = dialog.form.isRowVisible
    assert shown(dialog.method) and not shown(dialog.hours) and not shown(dialog.expected)
    dialog.family_buttons["in_kind"].setChecked(True)
    dialog.kind.setCurrentIndex(dialog.kind.findData("service"))
    assert shown(dialog.hours) and shown(dialog.valued_by) and not shown(dialog.method)
    assert dialog.form.labelForField(dialog.amount).text() == "Estimated v&alue"
    assert dialog.advice.text().startswith("Not for a tax receipt")
    dialog.status.setCurrentIndex(dialog.status.findData("pledged"))
    assert shown(dialog.expected)
    assert dialog.form.labelForField(dialog.date).text() == "&Date promised"


def test_pledge_then_part_payment_through_the_dialog(qtbot, window):
    pid = partner("Caisse populaire de Bouctouche")
    dialog = ContributionDialog(window, partner_id=pid)
    dialog.show()
    dialog.status.setCurrentIndex(dialog.status.findData("pledged"))
    type_text(dialog.amount, "500")
    dialog.save(next_one=False)
    pledge = Contribution.get()
    assert (pledge.status, pledge.outstanding_cents) == ("pledged", 50000)
    payment = ContributionDialog(window, partner_id=pid)
    payment.show()
    assert payment.form.isRowVisible(payment.pledge) and payment.pledge.count() == 2
    payment.pledge.setCurrentIndex(1)
    type_text(payment.amount, "200")
    payment.save(next_one=False)
    assert Contribution.get_by_id(pledge.id).outstanding_cents == 30000
    tab = shown(window)
    assert "Pledged: $300.00 to come" in cells(tab, 4)
    assert "Pledged, still to come <b>$300.00</b>" in shown_text(tab.totals)


def test_matching_gift_credits_the_employee(qtbot, window):
    employer = partner("Young Hardware", language="en")
    employee = partner("Josée Léger", kind="person", sector="community")
    dialog = ContributionDialog(window, partner_id=employer)
    dialog.show()
    assert not dialog.form.isRowVisible(dialog.credited)
    dialog.kind.setCurrentIndex(dialog.kind.findData("matching"))
    assert dialog.form.isRowVisible(dialog.credited)
    dialog.credited.set_partner(employee)
    type_text(dialog.amount, "250")
    dialog.save(next_one=False)
    assert Contribution.get().credited_partner_id == employee


def test_thank_you_queue_and_marking_thanked(qtbot, window):
    pid = partner("Bonavista Rotary Club", language="en")
    old = gift(pid, date=TODAY - dt.timedelta(days=40), amount="75")
    gift(pid, amount="20")
    contributions.mark_thanked([gift(pid, amount="30")], TODAY, "call")
    tab = window.contributions
    window.contributions.queue_action.trigger()
    assert window.tabs.currentWidget() is tab
    tab.update_totals()
    assert sorted(cells(tab, 5)) == ["$20.00", "$75.00"]
    assert "Not yet thanked <b>2</b>" in shown_text(tab.totals)
    tab.view.select_row(cells(tab, 5).index("$75.00"))

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ThankDialog)
        dialog.method.setCurrentIndex(dialog.method.findData("letter"))
        dialog.accept()

    QTimer.singleShot(0, answer)
    tab.thank_action.trigger()
    assert Acknowledgement.get(Acknowledgement.contribution == old).method == "letter"
    assert cells(tab, 5) == ["$20.00"]
    assert "marked as thanked" in window.statusBar().currentMessage()


def test_search_filters_and_period(qtbot, window):
    pid = partner("Pharmacie Lefèvre")
    gift(pid, purpose="Fête de quartier", amount="10")
    gift(partner("Kenora Co-op", language="en"), amount="20",
         date=dt.date(TODAY.year - 1, 6, 1))
    tab = shown(window)
    assert cells(tab, 1) == ["Pharmacie Lefèvre"]  # this year's, to start with
    tab.period.setCurrentIndex(tab.period.findData("all"))
    type_text(tab.search, "fete")
    assert cells(tab, 1) == ["Pharmacie Lefèvre"]
    tab.search.clear()
    type_text(tab.search, "LEFEVRE")
    assert cells(tab, 6) == ["Fête de quartier"]
    tab.search.clear()
    tab.period.setCurrentIndex(tab.period.findData("last_year"))
    assert cells(tab, 1) == ["Kenora Co-op"]
    assert tab.count_label.text() == "1 of 2 contributions shown"
    tab.update_totals()
    assert "Cash received <b>$20.00</b>" in shown_text(tab.totals)
    tab.period.setCurrentIndex(tab.period.findData("custom"))
    assert not tab.start.isHidden() and not tab.end.isHidden()
    tab.start.setDate(tab.start.date().addYears(-3))
    assert len(cells(tab, 1)) == 2
    type_text(tab.search, "zz")
    assert tab.view.currentWidget() is tab.view.empty
    tab.view.empty.linkActivated.emit("clear")
    assert len(cells(tab, 1)) == 2 and tab.period.currentData() == "all"


def test_partners_tab_shows_the_selected_partners_contributions(qtbot, window):
    pid = partner("Amqui Radio")
    gift(pid, amount="40")
    gift(pid, family="in_kind", kind="products", amount="60", payment_method="")
    partner("Bonavista Co-op", language="en")
    tab = window.partners
    tab.refresh()
    assert tab.history.records.partner_id == -1
    tab.select_row(0)
    assert "Amqui Radio" in tab.history.title.text()
    assert tab.history.view.model.rowCount() == 2
    assert "Cash received <b>$40.00</b>" in shown_text(tab.history.totals)
    assert "In kind <b>$60.00</b>" in shown_text(tab.history.totals)
    tab.history.all_button.click()
    assert window.tabs.currentWidget() is window.contributions
    assert window.contributions.records.partner_id == pid
    assert cells(window.contributions, 5) == ["$60.00", "$40.00"]  # same day: newest first
    assert window.contributions.partner_chip.isVisible()


def test_this_fiscal_year_follows_the_groups_start_month(qtbot, window):
    from cars_desktop.store.profile import set_fiscal_year_start_month

    pid = partner("Gravelbourg Legion")
    start = dt.date(TODAY.year if TODAY.month >= 4 else TODAY.year - 1, 4, 1)
    gift(pid, amount="11", date=start)
    gift(pid, amount="22", date=start - dt.timedelta(days=1))  # last fiscal year
    set_fiscal_year_start_month(4)
    tab = shown(window)
    tab.period.setCurrentIndex(tab.period.findData("this_fiscal"))
    assert cells(tab, 5) == ["$11.00"]
    assert (tab.records.start, tab.records.end) == (start, start.replace(year=start.year + 1)
                                                    - dt.timedelta(days=1))
    with pytest.raises(ValueError):
        set_fiscal_year_start_month(13)


def test_an_edited_old_gift_does_not_set_the_next_ones_date(qtbot, window):
    pid = partner("Souris Lions Club", language="en", contacts=[{"name": "Ian Reid"}])
    old = gift(pid, date=dt.date(2020, 11, 29))
    editing = ContributionDialog(window, contribution_id=old)
    editing.show()
    editing.purpose.setText("Typo fixed")
    editing.save(next_one=False)
    fresh = ContributionDialog(window, partner_id=pid)
    assert fresh.date.date().toString("yyyy-MM-dd") != "2020-11-29"
    assert fresh.contact.currentText() == "Ian Reid"  # the primary contact, from the partner


def test_the_partner_panel_follows_changes_made_in_the_contributions_tab(qtbot, window):
    pid = partner("Amqui Radio")
    cid = gift(pid, amount="107")
    tab = window.partners
    tab.refresh()
    tab.select_row(0)
    assert "$107.00" in shown_text(tab.history.totals)
    contributions.save_contribution({**contributions.load_contribution(cid),
                                     "amount": "9999"}, cid)
    window.contributions.changed.emit()
    assert "$9,999.00" in shown_text(tab.history.totals)


def test_overdue_pledges_show_whatever_the_period(qtbot, window):
    pid = partner("Hearst Co-op")
    gift(pid, status="pledged", amount="300", payment_method="",
         date=dt.date(TODAY.year - 2, 1, 5), date_expected=dt.date(TODAY.year - 2, 3, 1))
    tab = shown(window)
    assert tab.period.currentData() == "this_year" and cells(tab, 0) == []
    tab.status.setCurrentIndex(tab.status.findData("overdue"))
    assert len(cells(tab, 0)) == 1
    tab.update_totals()
    assert "Pledged, still to come <b>$300.00</b>" in shown_text(tab.totals)
