"""A long list shows its first screen at once and reads the rest as the volunteer scrolls; its
count and totals are worked out beside the window and arrive a moment later, right."""

import datetime as dt

import pytest

from cars_desktop.store import sample
from cars_desktop.store.lists import ContributionList, PartnerList, ReviewGrid
from cars_desktop.store.models import db
from cars_desktop.ui.table_model import FIRST, RecordTableModel

GIFTS = 1_300  # more than the first screen's FIRST rows, fewer than two more reads


@pytest.fixture
def long_data(store):
    sample.fill_sample(60, GIFTS, seed=7, today=dt.date(2026, 6, 20))
    return store


def test_a_long_list_keeps_qts_rules_as_it_reads_on(qtmodeltester, long_data):
    model = RecordTableModel(ContributionList(today=dt.date(2026, 6, 20)))
    model.refresh()
    assert model.rowCount() == FIRST and model.canFetchMore()
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == GIFTS
    assert model._ids == ContributionList(today=dt.date(2026, 6, 20)).ids()
    qtmodeltester.check(model)


def test_a_record_further_down_is_found_and_read_up_to(long_data):
    records = ContributionList(today=dt.date(2026, 6, 20))
    model = RecordTableModel(records)
    model.refresh()
    last = records.ids()[-1]
    row = model.row_of(last)
    assert row == GIFTS - 1 and model.id_at(row) == last
    assert model.row_of(-5) is None


def test_the_contributions_tab_counts_and_adds_up_beside_the_window(qtbot, long_data):
    from cars_desktop.ui.main_window import MainWindow

    window = MainWindow(long_data)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    tab = window.contributions
    window.tabs.setCurrentWidget(tab)
    tab.period.setCurrentIndex(tab.period.findData("all"))
    assert tab.model.rowCount() == FIRST  # the first screen, at once
    qtbot.waitUntil(lambda: tab.count_label.text() == "1,300 contributions", timeout=5000)
    every = ContributionList(today=dt.date(2026, 6, 20)).totals()  # on the window's thread
    qtbot.waitUntil(lambda: "Adding up" not in tab.totals.text(), timeout=5000)
    assert f"{every.cash_received_cents // 100:,}" in tab.totals.text()

    # a search typed as a volunteer types: the count follows, a moment later
    qtbot.keyClicks(tab.search, "ca")
    matching = len(tab.records.ids())
    assert FIRST < matching < GIFTS
    qtbot.waitUntil(lambda: tab.count_label.text().startswith(f"{matching:,} of 1,300"),
                    timeout=5000)

    # scrolling to the end of what was read reads on
    tab.table.scrollToBottom()
    qtbot.waitUntil(lambda: tab.model.rowCount() > FIRST, timeout=5000)


@pytest.mark.parametrize("make", [PartnerList, ContributionList, ReviewGrid])
def test_a_list_is_counted_right_whatever_its_order(long_data, make):
    """The count beside the window leaves out the list's own order, never a subquery's (the
    primary contact's column sorts by one)."""
    records = make(today=dt.date(2026, 6, 20))
    for column in records.columns:
        for descending in (False, True):
            records.sort_key, records.descending = column.key, descending
            if not column.sort:
                continue
            assert records.count_reader()(db.connection()) == len(records.ids()), column.key
    records.search = "ca"
    assert records.count_reader()(db.connection()) == len(records.ids())


def test_the_window_starts_with_the_partners_and_makes_the_other_tabs_when_wanted(qtbot,
                                                                                   long_data):
    from PySide6.QtCore import Qt

    from cars_desktop.ui.main_window import MainWindow

    window = MainWindow(long_data)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert window._contributions is None  # starting waited for the Partners tab alone
    assert window.tab_menus["contributions"].isEmpty()
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert window.tabs.currentWidget() is window._contributions
    assert window._contributions.model.rowCount() > 0
    assert not window.tab_menus["contributions"].isEmpty()
    assert not window.tab_menus["maintenance"].isEmpty()
    assert window.tabs.tabText(1) == "&Contributions"


def test_the_tab_a_volunteer_left_open_is_made_at_once(qtbot, long_data):
    from cars_desktop.ui.main_window import MainWindow

    first = MainWindow(long_data)
    qtbot.addWidget(first)
    first.show()
    first.tabs.setCurrentIndex(2)
    first.close()
    again = MainWindow(long_data)
    qtbot.addWidget(again)
    again.show()
    assert again.tabs.currentWidget() is again._maintenance
    qtbot.waitUntil(lambda: again._contributions.model.rowCount() >= 0, timeout=2000)


def test_the_other_tabs_are_made_soon_after_the_window_shows(qtbot, long_data):
    from cars_desktop.ui.main_window import MainWindow

    window = MainWindow(long_data)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._contributions is not None, timeout=2000)
    assert window.tab_menus["maintenance"].actions()
