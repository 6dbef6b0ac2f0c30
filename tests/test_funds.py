"""Funds and campaigns as a treasurer uses them: one made in its window, gifts recorded to it
in the contribution window, its progress toward the goal, closing it when it is over, and
its gifts shown in the Contributions tab with how far they have come."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QPushButton
from test_dialog_contribution import choose, opened

from cars_desktop.store import contributions, funds
from cars_desktop.store.models import Contribution, Fund
from cars_desktop.ui.funds_window import FundDialog, FundsWindow
from helpers import answer_message_boxes, menu_action, type_text
from letter_kit import give, org

LAST_YEAR = dt.date.today().year - 1


def open_funds(qtbot, window) -> FundsWindow:
    menu_action(window, "Contribution › Funds and campaigns…").trigger()
    shown = window.findChild(FundsWindow)
    qtbot.addWidget(shown)
    return shown


def fill_new_fund(qtbot, funds_window, name: str, goal: str, seen: list) -> None:
    """New… in the funds window, then the form typed and saved (it is modal)."""
    def type_it():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FundDialog)
        type_text(dialog.name, name)
        qtbot.keyClicks(dialog.goal, goal)
        qtbot.mouseClick(dialog.ends, Qt.MouseButton.LeftButton)
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen.append(dialog.errors["name"].text())
        if dialog.isVisible():
            dialog.done(0)
    QTimer.singleShot(50, type_it)
    qtbot.mouseClick(funds_window.findChild(QPushButton, "newFund"), Qt.MouseButton.LeftButton)


def test_a_campaign_made_then_given_to_and_followed_to_its_goal(qtbot, window):
    shown = open_funds(qtbot, window)
    seen: list = []
    fill_new_fund(qtbot, shown, "Hall roof 2026", "25 000", seen)
    roof = Fund.get(Fund.name == "Hall roof 2026")
    assert roof.goal_cents == 2_500_000 and roof.ends_on == dt.date.today()
    fill_new_fund(qtbot, shown, "hall ROOF 2026", "", seen)  # the same name, other case
    assert "already a fund or campaign named" in seen[-1]
    assert Fund.select().count() == 1
    assert shown.list.topLevelItem(0).text(0) == "Hall roof 2026"
    assert shown.list.topLevelItem(0).text(3) == "0 %"

    coop = org("Coop Évangéline")
    dialog = opened(qtbot, window, partner_id=coop)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.amount, "10000")
    choose(qtbot, dialog.fund, "Hall roof 2026")
    qtbot.mouseClick(dialog.save_close, Qt.MouseButton.LeftButton)
    gift = Contribution.get(Contribution.partner == coop)
    assert gift.fund_id == roof.id
    # a pledge to it, and a payment on that pledge that names no fund: it goes to the pledge's
    pledge = give(coop, status="pledged", amount="5000", payment_method="",
                  date_expected=dt.date.today() + dt.timedelta(days=60), fund_id=roof.id)
    payment = give(coop, amount="1000", pledge_id=pledge, date=dt.date.today())
    assert Contribution.get_by_id(payment).fund_id == roof.id
    give(coop, amount="999", fund_id=roof.id, status="cancelled")  # counted nowhere
    progress = funds.progress_of(roof.id)
    assert (progress.raised_cents, progress.promised_cents) == (1_100_000, 400_000)
    assert progress.progress() == "$11,000.00 of $25,000.00 (44 %)"

    shown.refresh()
    assert [shown.list.topLevelItem(0).text(column) for column in (2, 3, 4)] == [
        "$11,000.00", "44 %", "$4,000.00"]
    shown.list.setCurrentItem(shown.list.topLevelItem(0))
    qtbot.mouseClick(shown.findChild(QPushButton, "fundGifts"), Qt.MouseButton.LeftButton)
    tab = window.contributions
    assert window.tabs.currentWidget() is tab
    assert tab.fund_chip.isVisible() and tab.fund_chip.text().startswith("Fund: Hall roof")
    assert tab.model.rowCount() == 4
    tab.update_totals()
    assert "Hall roof 2026</b>: $11,000.00 of $25,000.00 (44 %)" in tab.totals.text()
    qtbot.mouseClick(tab.fund_chip, Qt.MouseButton.LeftButton)
    assert not tab.fund_chip.isVisible() and tab.records.fund_id is None


def test_a_closed_fund_is_not_offered_but_its_gifts_keep_it(qtbot, window):
    roof = funds.save_fund({"name": "Hall roof", "goal": "1000"})
    other = funds.save_fund({"name": "Food bank"})
    gift = give(org("Coop"), amount="50", fund_id=roof)
    shown = open_funds(qtbot, window)
    item = next(shown.list.topLevelItem(row) for row in range(2)
                if shown.list.topLevelItem(row).text(0) == "Hall roof")
    shown.list.setCurrentItem(item)
    close = shown.findChild(QPushButton, "closeFund")
    assert close.text() == "C&lose it"
    asked = []
    answer_message_boxes([QMessageBox.StandardButton.Yes], asked)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert asked[0].startswith("Close “Hall roof”? Its gifts keep it")
    assert Fund.get_by_id(roof).closed
    assert funds.fund_choices() == [(other, "Food bank")]
    dialog = opened(qtbot, window, contribution_id=gift)
    qtbot.addWidget(dialog)
    assert dialog.fund.currentText() == "Hall roof"  # still its own
    assert funds.progress_of(roof).raised_cents == 5000
    contributions.save_contribution({**contributions.load_contribution(gift),
                                     "amount": 5000, "hours": "", "advantage": 0}, gift)
    assert Contribution.get_by_id(gift).fund_id == roof


def test_a_funds_name_is_shown_as_typed_never_as_markup(qtbot, window):
    hostile = funds.save_fund({"name": "<b>Roof</b> <!--", "goal": "100"})
    give(org("Coop"), amount="10", fund_id=hostile)
    shown = open_funds(qtbot, window)
    qtbot.mouseClick(shown.findChild(QPushButton, "fundGifts"), Qt.MouseButton.LeftButton)
    tab = window.contributions
    qtbot.waitUntil(lambda: "Roof" in tab.totals.text())
    assert "&lt;b&gt;Roof&lt;/b&gt; &lt;!--" in tab.totals.text()
    assert tab.fund_chip.text() == "Fund: <b>Roof</b> <!--  ✕"  # a button: plain text


def test_the_funds_windows_by_keyboard_and_screen_reader(qtbot, qapp, window):
    import accessibility_kit as kit

    from cars_desktop.ui import translations

    roof = funds.save_fund({"name": "Hall roof", "goal": "1000"})
    kept = []
    try:
        for lang in ("en", "fr"):
            translations.apply_language(qapp, lang)
            for make in (lambda: FundsWindow(window), lambda: FundDialog(window, roof),
                         lambda: FundDialog(window)):
                made = make()
                kept.append(made)  # alive until forget_walked: PySide frees them in order
                qtbot.addWidget(made)
                made.show()
                assert kit.problems(made) == [], (lang, type(made).__name__)
                made.close()
    finally:
        translations.apply_language(qapp, "en")
        kit.forget_walked()


def test_the_summary_report_says_where_the_gifts_went(store, tmp_path):
    from cars_desktop.documents.reports import gather_report, write_report
    from cars_desktop.store import letters
    from letter_kit import page_texts, set_group

    set_group()
    roof = funds.save_fund({"name": "Hall roof 2026", "goal": "25 000"})
    coop = org("Coop Évangéline")
    give(coop, amount="10000", fund_id=roof, date=dt.date(2026, 3, 1))
    give(coop, amount="1000", fund_id=roof, date=dt.date(2025, 12, 1))  # before the period
    today = dt.date(2026, 11, 28)
    for lang, expected in (("en", ["Funds and campaigns", "Hall roof 2026", "$10,000.00",
                                   "$25,000.00", "$11,000.00 (44 %)"]),
                           ("fr", ["Fonds et campagnes", "10 000,00 $", "11 000,00 $ (44 %)"])):
        path = tmp_path / f"summary-{lang}.pdf"
        write_report("summary", gather_report("summary", dt.date(2026, 1, 1), today, None,
                                              today), letters.letterhead(), lang, path, today)
        text = " ".join(page_texts(path))
        for element in expected:
            assert element in text, (lang, element)


def test_the_gift_list_by_fund_or_campaign(store, tmp_path):
    from cars_desktop.documents.reports import gather_report, write_report
    from cars_desktop.store import letters
    from letter_kit import page_texts, set_group

    set_group()
    roof = funds.save_fund({"name": "Hall roof 2026", "goal": "25 000"})
    camp = funds.save_fund({"name": "Summer camp"})
    coop = org("Coop Évangéline")
    give(coop, amount="300", fund_id=roof, date=dt.date(2026, 3, 1))
    give(coop, amount="200", fund_id=camp, date=dt.date(2026, 4, 1))
    give(coop, amount="50", date=dt.date(2026, 5, 1))
    today = dt.date(2026, 11, 28)
    for lang, expected in (("en", ["Hall roof 2026 · 1 gift", "Summer camp · 1 gift",
                                   "No fund or campaign · 1 gift", "Coop Évangéline",
                                   "Totals by fund or campaign"]),
                           ("fr", ["Aucun fonds ni campagne · 1 don", "300,00 $"])):
        path = tmp_path / f"gifts-{lang}.pdf"
        data = gather_report("gifts", dt.date(2026, 1, 1), today, None, today, "fund")
        write_report("gifts", data, letters.letterhead(), lang, path, today)
        text = " ".join(page_texts(path))
        for element in expected:
            assert element in text, (lang, element)
        assert text.index("Hall roof 2026") < text.index("Summer camp") < text.index(
            "No fund" if lang == "en" else "Aucun fonds")
