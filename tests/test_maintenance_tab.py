"""The Maintenance tab, its review, log and checklist dialogs, and what needs attention,
driven as a volunteer would, with the attention panel's clock set by the tests."""

import datetime as dt

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMessageBox

from cars_desktop.store import contributions, maintenance, partners
from cars_desktop.store.models import Interaction, Partner, Review, ReviewItem
from cars_desktop.ui.maintenance_dialogs import ChecklistDialog, LogContactDialog, ReviewDialog
from helpers import answer_message_boxes, type_text

TODAY = dt.date.today()


def partner(name, **changes):
    values = {"kind": "organisation", "name": name, "sector": "voluntary",
              "partnership_type": "formal", "status": "active", "language": "en", **changes}
    return partners.save_partner(values, [])


def shown(window):
    tab = window.maintenance
    window.tabs.setCurrentWidget(tab)
    tab.refresh()
    return tab


def grid_row(tab, name):
    model = tab.view.model
    for row in range(model.rowCount()):
        if model.data(model.index(row, 0)) == name:
            return [model.data(model.index(row, c)) for c in range(model.columnCount())]
    return None


def answer(dialog_type, act):
    def run():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, dialog_type), dialog
        act(dialog)
    QTimer.singleShot(0, run)


def test_only_formal_partnerships_are_on_the_grid(qtbot, window):
    partner("Town of Sussex", sector="government")
    partner("Door Prize Donor", partnership_type="casual")
    tab = shown(window)
    assert grid_row(tab, "Town of Sussex")[1:3] == ["never", "⚠ now"]
    assert grid_row(tab, "Door Prize Donor") is None
    assert tab.view.model.columnCount() == 3 + 12
    tab.sector.setCurrentIndex(tab.sector.findData("voluntary"))
    assert tab.view.currentWidget() is tab.view.empty


def test_a_review_from_start_to_finish(qtbot, window):
    pid = partner("Souris Lions Club")
    tab = shown(window)
    tab.view.select_row(0)
    practices = maintenance.practices()

    def mark(dialog):
        type_text(dialog.reviewer, "Heather and Brian")
        for practice in practices[:11]:
            dialog.rows[practice.id][0].button(1).setChecked(True)  # done
        dialog.rows[practices[11].id][0].button(2).setChecked(True)  # say thank you: attention
        type_text(dialog.rows[practices[11].id][1], "Letters two months late")
        dialog.save()

    answer(ReviewDialog, mark)
    tab.review_action.trigger()
    review = Review.get(Review.partner == pid)
    assert (review.date, review.reviewer) == (TODAY, "Heather and Brian")
    assert review.next_due == maintenance.add_months(TODAY, 6)
    assert ReviewItem.select().where(ReviewItem.mark == "attention").count() == 1
    row = grid_row(tab, "Souris Lions Club")
    # a sign in each practice's narrow column; its words in the tooltip
    assert row[1] == TODAY.isoformat() and row[3] == "✓" and row[-1] == "⚠"
    tip = tab.view.model.data(tab.view.model.index(0, 3 + 11), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Say thank you: Needs attention — Letters two months late"
    tip = tab.view.model.data(tab.view.model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert tip == "Plan your approach but balance it with action: Done"

    # a second look the same day continues that review rather than doubling it
    answer(ReviewDialog, lambda d: (d.rows[practices[11].id][0].button(1).setChecked(True),
                                    d.save()))
    tab.review_action.trigger()
    assert Review.select().count() == 1
    assert grid_row(tab, "Souris Lions Club")[-1] == "✓"


def test_a_review_needs_a_mark(qtbot, window):
    pid = partner("Gimli Legion")
    dialog = ReviewDialog(window, pid)
    dialog.save()
    assert "Mark at least one practice" in dialog.error.text()
    assert Review.select().count() == 0


def test_editing_the_checklist_changes_the_grid(qtbot, window):
    partner("Nelson Rotary")
    tab = shown(window)
    retired = maintenance.practices()[0]

    def edit(dialog):
        dialog.english.setText("Share the credit in the local paper")
        dialog.add()
        dialog.list.setCurrentRow(0)
        asked = []
        answer_message_boxes([QMessageBox.StandardButton.Yes], asked)
        dialog.retire()
        assert "Past reviews keep what was marked" in asked[0]
        dialog.english.setText("Share the credit in the local paper")
        dialog.add()  # refused: it is on the list already
        assert "already on the checklist" in dialog.error.text()
        dialog.english.setText("")
        dialog.add()  # refused: nothing to add
        assert "needs its wording" in dialog.error.text()
        dialog.accept()

    answer(ChecklistDialog, edit)
    tab.checklist_action.trigger()
    titles = [c.title for c in tab.records.columns]
    assert titles[-1] == "12. Share the credit in the local paper"
    assert not any(retired.text_en in t for t in titles)
    assert tab.view.model.columnCount() == 3 + 12


def test_logging_a_contact(qtbot, window):
    pid = partner("Kenora Co-op")
    tab = shown(window)
    tab.view.select_row(0)

    def log(dialog):
        dialog.save()  # nothing said yet
        assert "what it was about" in dialog.summary_error.text()
        dialog.kind.setCurrentIndex(dialog.kind.findData("visit"))
        type_text(dialog.summary, "Dropped off the annual report")
        dialog.save()

    answer(LogContactDialog, log)
    tab.log_action.trigger()
    entry = Interaction.get(Interaction.partner == pid)
    assert (entry.kind, entry.date, entry.summary) == ("visit", TODAY,
                                                       "Dropped off the annual report")
    window.partners.refresh()
    assert window.partners.model.data(window.partners.model.index(0, 6)) == TODAY.isoformat()


def test_each_kind_of_attention_item_leads_to_its_place(qtbot, window):
    today = TODAY
    quiet = partner("Quiet Partner", partner_since=dt.date(2015, 1, 1))
    Partner.update(created_at="2015-01-01T12:00:00+00:00").where(  # entered years ago
        Partner.id == quiet).execute()
    gift = contributions.save_contribution({
        "partner_id": quiet, "family": "cash", "kind": "one_time", "status": "received",
        "amount": "2500", "date": today - dt.timedelta(days=20)})
    pledge = contributions.save_contribution({
        "partner_id": quiet, "family": "cash", "kind": "one_time", "status": "pledged",
        "amount": "400", "date": today - dt.timedelta(days=90),
        "date_expected": today - dt.timedelta(days=10)})
    contributions.mark_thanked([pledge], today - dt.timedelta(days=88), "call")  # promised
    tab = shown(window)
    tab.refresh_attention(today)
    groups = {tab.attention.topLevelItem(i).text(0).split(" (")[0]:
              tab.attention.topLevelItem(i) for i in range(tab.attention.topLevelItemCount())}
    assert groups["Thank-yous overdue"].childCount() == 1
    assert groups["Pledges overdue"].childCount() == 1
    assert groups["No contact lately"].childCount() == 1
    assert groups["Reviews due"].childCount() == 1
    assert groups["Successes to celebrate"].childCount() == 1
    assert groups["Follow-ups due"].childCount() == 0

    tab.act_on(groups["Thank-yous overdue"].child(0))
    contributions_tab = window.contributions
    assert window.tabs.currentWidget() is contributions_tab
    assert contributions_tab.thanked.currentData() is False
    assert contributions_tab.view.selected_id() == gift

    window.tabs.setCurrentWidget(tab)
    tab.act_on(groups["Pledges overdue"].child(0))
    assert contributions_tab.status.currentData() == "overdue"
    assert contributions_tab.view.selected_id() == pledge

    opened = []
    answer(LogContactDialog, lambda d: (opened.append("log"), d.reject()))
    tab.act_on(groups["No contact lately"].child(0))
    answer(ReviewDialog, lambda d: (opened.append("review"), d.reject()))
    tab.act_on(groups["Reviews due"].child(0))
    assert opened == ["log", "review"]


def test_overdue_filter_and_sorting_by_a_practice(qtbot, window):
    due, fine = partner("Overdue Club"), partner("Fine Club")
    practice = maintenance.practices()[0].id
    maintenance.save_review(due, TODAY - dt.timedelta(days=400), {practice: maintenance.Mark(
        "attention")})
    maintenance.save_review(fine, TODAY - dt.timedelta(days=10), {practice: maintenance.Mark(
        "done")})
    tab = shown(window)
    tab.overdue.setChecked(True)
    assert [grid_row(tab, n) is not None for n in ("Overdue Club", "Fine Club")] == [True,
                                                                                      False]
    tab.overdue.setChecked(False)
    tab.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
    model = tab.view.model
    assert model.data(model.index(0, 0)) == "Overdue Club"  # attention first


def test_a_partners_communication_log_on_the_partners_tab(qtbot, window):
    pid = partner("Hearst Co-op")
    maintenance.log_contact(pid, TODAY - dt.timedelta(days=3), "call", "Josée",
                            "Asked about\nthe hall", follow_up=TODAY + dt.timedelta(days=7))
    tab = window.partners
    tab.refresh()
    tab.select_row(0)
    log = tab.history.log_view.model
    assert log.rowCount() == 1
    assert [log.data(log.index(0, c)) for c in range(5)] == [
        (TODAY - dt.timedelta(days=3)).isoformat(), "Call", "Josée", "Asked about the hall",
        (TODAY + dt.timedelta(days=7)).isoformat()]

    def log_one(dialog):
        type_text(dialog.summary, "Thank-you visit")
        dialog.save()

    answer(LogContactDialog, log_one)
    tab.history.log_button.click()
    assert tab.history.log_view.model.rowCount() == 2
    assert tab.model.data(tab.model.index(0, 6)) == TODAY.isoformat()  # last contact


def test_the_whole_checklist_fits_a_laptop_screen(qtbot, window):
    """At 1366×768 every practice has its column in view, its title whole on the turned
    header, and its full wording as the header's tooltip; a mark's words are its tooltip."""
    pid = partner("Souris Lions Club")
    practices = maintenance.practices()
    maintenance.save_review(pid, TODAY, {p.id: maintenance.Mark("done") for p in practices})
    window.resize(1366, 768)
    tab = shown(window)
    qtbot.waitUntil(lambda: tab.table.viewport().width() > 0)
    table, header, model = tab.table, tab.table.horizontalHeader(), tab.view.model
    metrics = QFontMetrics(header.font())
    assert model.columnCount() == 3 + 12
    for column, practice in enumerate(practices, start=3):
        left = table.columnViewportPosition(column)
        assert 0 <= left and left + table.columnWidth(column) <= table.viewport().width(), \
            (column, left, table.viewport().width())
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert title == f"{column - 2}. {practice.text_en}"
        # the title turned on its side: its lines run along the header's height
        lines = metrics.boundingRect(QRect(0, 0, header.height() - 10, 10_000),
                                     Qt.TextFlag.TextWordWrap, title)
        assert lines.width() <= header.height() - 10, title
        assert lines.height() <= header.sectionSize(column) - 4, title
        assert header.shown(title, header.height(), header.sectionSize(column)) == title
        assert model.headerData(column, Qt.Orientation.Horizontal,
                                Qt.ItemDataRole.ToolTipRole) == practice.text_en
    assert header.height() <= 230  # rows still fill most of the grid
    assert table.rowViewportPosition(0) >= 0
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ToolTipRole).endswith(": Done")


def test_attention_lines_wrap_instead_of_being_cut(qtbot, window):
    long_names = [f"Comité de parents de Saint-Pierre-Jolys et des environs, groupe {n}"
                  for n in range(4)]
    for name in long_names:
        pid = partner(name)
        contributions.save_contribution({
            "partner_id": pid, "family": "in_kind", "kind": "service", "status": "received",
            "amount": "", "hours": "12", "date": TODAY - dt.timedelta(days=30),
            "description": "Labour"})
    window.resize(1366, 768)
    tab = shown(window)
    tree = tab.attention

    def every_line_whole():
        metrics = QFontMetrics(tree.font())
        for top in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(top)
            group.setExpanded(True)
            for number in range(group.childCount()):
                item = group.child(number)
                rect = tree.visualItemRect(item)
                if not rect.isValid():
                    continue  # scrolled out of view
                needed = metrics.boundingRect(QRect(0, 0, rect.width() - 8, 10_000),
                                              Qt.TextFlag.TextWordWrap, item.text(0))
                assert rect.height() >= needed.height(), (item.text(0), rect, needed)
        return True

    lines = [tree.topLevelItem(0).child(n).text(0)
             for n in range(tree.topLevelItem(0).childCount())]
    assert lines and all("12 hours of labour" in line for line in lines)
    qtbot.wait(50)
    assert every_line_whole()
    window.resize(1000, 700)  # narrower: the lines wrap anew
    qtbot.wait(50)
    assert every_line_whole()


def test_a_partner_just_added_is_not_said_to_be_out_of_touch(qtbot, window):
    from cars_desktop.ui.partner_dialog import PartnerDialog

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PartnerDialog)
        type_text(dialog.fields["name"], "Gimli Legion")
        for field, code in (("sector", "voluntary"), ("partnership_type", "formal")):
            dialog.fields[field].setCurrentIndex(dialog.fields[field].findData(code))
        qtbot.keyClick(dialog.fields["name"], Qt.Key.Key_Return)  # Enter saves

    QTimer.singleShot(0, fill_dialog)
    window.partners.new_action.trigger()
    assert Partner.get().name == "Gimli Legion"
    tab = shown(window)
    groups = {tab.attention.topLevelItem(i).text(0).split(" (")[0]:
              tab.attention.topLevelItem(i) for i in range(tab.attention.topLevelItemCount())}
    assert groups["No contact lately"].childCount() == 0
