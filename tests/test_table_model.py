"""The one table model keeps Qt's rules for a model (pytest-qt's model tester), over the
partners list, the contributions list and the review grid, with data in them."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from cars_desktop.store import contributions, maintenance, partners
from cars_desktop.store.lists import ContributionList, PartnerList, ReviewGrid
from cars_desktop.store.maintenance import Mark
from cars_desktop.ui.table_model import RecordTableModel


@pytest.fixture
def some_data(store):
    found = []
    for number, (ptype, status) in enumerate([("formal", "active"), ("formal", "active"),
                                              ("casual", "archived")]):
        found.append(partners.save_partner(
            {"kind": "organisation", "name": f"Partner {number}", "sector": "voluntary",
             "partnership_type": ptype, "status": status, "language": "en"}, []))
    for pid in found:
        for family, kind, amount in (("cash", "one_time", "50"), ("in_kind", "products", "20")):
            contributions.save_contribution({
                "partner_id": pid, "family": family, "kind": kind, "status": "received",
                "amount": amount, "date": dt.date(2026, 6, 10)})
    first = maintenance.practices()[0]
    maintenance.save_review(found[0], dt.date(2026, 1, 5), {first.id: Mark("attention")})
    return found


@pytest.mark.parametrize("make", [PartnerList, ContributionList, ReviewGrid])
def test_the_table_model_keeps_qts_rules(qtmodeltester, some_data, make):
    records = make(today=dt.date(2026, 6, 20))
    if make is PartnerList:
        records.status = "all"  # an archived partner too: a muted row
    model = RecordTableModel(records)
    model.refresh()
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)
