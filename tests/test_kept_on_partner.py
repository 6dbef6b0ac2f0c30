"""A partner's last contact and primary contact are kept on the partner by the data file itself
(the Partners list sorts by them, "what needs attention" reads them): whatever changes the log
or the contacts (a form, a merge, a removal, another laptop's changes) leaves them right."""

import datetime as dt
import random

import pytest

from cars_desktop.core import counting
from cars_desktop.store import (
    contributions,
    kept_values,
    letter_parts,
    maintenance,
    merge,
    partners,
    sample,
)
from cars_desktop.store.lists import PartnerList
from cars_desktop.store.models import (
    ContactPerson,
    Contribution,
    Interaction,
    Partner,
    Review,
    db,
)


def organisation() -> dict:
    return {"kind": "organisation", "name": "Co-op", "sector": "community",
            "partnership_type": "casual", "status": "active", "language": "en"}


TRUTH = """SELECT p.id,
    (SELECT max(i.date) FROM interaction i WHERE i.partner_id = p.id AND i.kind != 'note'),
    coalesce((SELECT c.sort_name FROM contact_person c WHERE c.partner_id = p.id
              ORDER BY c.is_primary DESC, c.position, c.sort_name, c.uuid LIMIT 1), ''),
    (SELECT r.id FROM review r WHERE r.partner_id = p.id ORDER BY r.date DESC, r.id DESC
     LIMIT 1),
    (SELECT r.next_due FROM review r WHERE r.partner_id = p.id ORDER BY r.date DESC,
     r.id DESC LIMIT 1)
    FROM partner p ORDER BY p.id"""


YEARS = """SELECT partner_id, substr(date, 1, 4), sum(amount_cents) FROM contribution
    WHERE status = 'received' AND kind != 'loan' GROUP BY 1, 2 HAVING sum(amount_cents) != 0
    ORDER BY 1, 2"""


def years_kept() -> list[tuple]:
    return db.execute_sql(
        "SELECT partner_id, year, given_cents FROM partner_year ORDER BY 1, 2").fetchall()


def kept() -> list[tuple]:
    return db.execute_sql("SELECT id, last_contact_on, contact_sort, latest_review_id,"
                          " review_due FROM partner ORDER BY id").fetchall()


def test_every_way_of_changing_the_log_and_the_contacts_keeps_them_right(store):
    sample.fill_sample(40, 200, seed=3, today=dt.date(2026, 6, 20))
    assert kept() == db.execute_sql(TRUTH).fetchall()
    assert years_kept() == db.execute_sql(YEARS).fetchall()
    chance = random.Random(5)
    ids = [row[0] for row in kept()]
    for step in range(60):
        partner_id = chance.choice(ids)
        what = step % 11
        if what == 0:  # a contact logged, as the form does
            maintenance.log_contact(partner_id, dt.date(2026, 1, 1) + dt.timedelta(
                days=chance.randrange(150)), chance.choice(["meeting", "call", "note"]),
                summary="Talked about the fall supper")
        elif what == 1 and Interaction.select().exists():  # an entry's date corrected
            row = chance.choice(list(Interaction.select()))
            maintenance.log_contact(row.partner_id, row.date - dt.timedelta(days=30), "call",
                                    summary=row.summary or "Call", interaction_id=row.id)
        elif what == 2 and Interaction.select().exists():  # an entry removed
            chance.choice(list(Interaction.select())).delete_instance()
        elif what == 3:  # the contact people changed on the partner's form
            people = [{"name": chance.choice(["Zoé Arsenault", "Ali Haddad", "Ann Bell"]),
                      "is_primary": True}]
            values = {**organisation(), "name": f"Partner {step}"}
            partners.save_partner(values, people, partner_id=partner_id)
        elif what == 4 and ContactPerson.select().exists():  # one person removed
            chance.choice(list(ContactPerson.select())).delete_instance()
        elif what == 5 and len(ids) > 2:  # two partners made one
            other = chance.choice([number for number in ids if number != partner_id])
            merge.merge_partners(partner_id, other)
            ids.remove(other)
        elif what == 6:  # a review recorded, as the form does
            practice = maintenance.practices()[0]
            maintenance.save_review(partner_id, dt.date(2025, 1, 1) + dt.timedelta(
                days=chance.randrange(500)), {practice.id: maintenance.Mark("attention")})
        elif what == 7 and Review.select().exists():  # a review removed
            chance.choice(list(Review.select())).delete_instance(recursive=True)
        elif what == 8:  # a gift recorded, received or only promised, or a loan
            contributions.save_contribution({
                "partner_id": partner_id, "family": "cash",
                "kind": chance.choice(["one_time", "one_time", "loan"]),
                "status": chance.choice(["received", "pledged"]),
                "amount": str(chance.randrange(1, 900)),
                "date": dt.date(2025 + chance.randrange(2), 1 + chance.randrange(12), 3)})
        elif what == 9:  # a gift moved to another year and partner, or refunded
            gift = chance.choice(list(Contribution.select()))
            Contribution.update(partner=chance.choice(ids), date=dt.date(2024, 5, 5),
                                amount_cents=-gift.amount_cents).where(
                Contribution.id == gift.id).execute()
        elif what == 10:  # a gift removed
            chance.choice(list(Contribution.select())).delete_instance(recursive=True)
        assert kept() == db.execute_sql(TRUTH).fetchall(), f"after step {step}"
        assert years_kept() == db.execute_sql(YEARS).fetchall(), f"after step {step}"


def test_the_list_sorts_by_them_and_the_reminders_read_them(store):
    quiet = partners.save_partner({**organisation(), "name": "Quiet Co-op"},
                                  [{"name": "Zoé Arsenault", "is_primary": True}])
    busy = partners.save_partner({**organisation(), "name": "Busy Bakery"},
                                 [{"name": "Ann Bell", "is_primary": True}])
    today = dt.date.today()
    maintenance.log_contact(busy, today - dt.timedelta(days=3), "call", summary="Thanks")
    maintenance.log_contact(quiet, today - dt.timedelta(days=900), "meeting", summary="Supper")
    maintenance.log_contact(quiet, today - dt.timedelta(days=2), "note", summary="Merged")
    records = PartnerList()
    records.sort_key, records.descending = "last_contact", True
    assert records.ids() == [busy, quiet]
    records.sort_key, records.descending = "contact", False
    assert records.ids() == [busy, quiet]  # "Ann Bell" before "Zoé Arsenault"
    db.execute_sql("UPDATE partner SET created_at = '2020-01-01'")
    found = maintenance.attention(today, maintenance.attention_settings())["contact"]
    assert [item.partner_id for item in found] == [quiet]


def test_another_laptops_contacts_arrive_kept_on_the_partner(tmp_path):
    from tests.laptops_kit import opened, sync

    stick, anne, bruno = tmp_path / "stick", tmp_path / "anne", tmp_path / "bruno"
    stick.mkdir()
    with opened(anne, "Anne"):
        partner_id = partners.save_partner({**organisation(), "name": "Ferme Leblanc"},
                                           [{"name": "Josée Léger", "is_primary": True}])
        maintenance.log_contact(partner_id, dt.date(2026, 3, 2), "meeting", summary="Supper")
    sync(anne, stick, "Anne")
    sync(bruno, stick, "Bruno")
    with opened(bruno, "Bruno"):
        assert kept() == db.execute_sql(TRUTH).fetchall()
        assert [row[1:3] for row in kept()] == [("2026-03-02", "josee leger")]


def test_two_contacts_added_at_the_same_place_on_two_laptops_give_the_same_primary(tmp_path):
    """Each laptop adds a contact as second of the same partner: after sharing, the ids differ
    from one laptop to the other, and the main contact shown and sorted by must not."""
    from tests.laptops_kit import opened, sync

    stick, anne, bruno = tmp_path / "stick", tmp_path / "anne", tmp_path / "bruno"
    stick.mkdir()
    with opened(anne, "Anne"):
        partners.save_partner({**organisation(), "name": "Ferme Leblanc"}, [])
    sync(anne, stick, "Anne")
    sync(bruno, stick, "Bruno")
    for folder, name in ((anne, "Zoé Arsenault"), (bruno, "Ann Bell")):
        with opened(folder):
            ContactPerson.create(partner=Partner.get(Partner.name == "Ferme Leblanc"), name=name,
                                 position=1)
    for folder in (anne, bruno, anne):
        sync(folder, stick)
    shown = []
    for folder in (anne, bruno):
        with opened(folder):
            assert kept() == db.execute_sql(TRUTH).fetchall()
            records = PartnerList()
            here = records.ids()[0]  # the partner's id on this laptop
            written_to = letter_parts.recipient(Partner.get_by_id(here), None, "en")[2]
            shown.append((kept()[0][2], records.rows([here])[here].cells[4], written_to))
    assert shown == [("ann bell", "Ann Bell", "Ann Bell")] * 2


def test_the_yearly_giving_kept_counts_by_the_one_rule():
    assert kept_values.SUPPORT.replace('"', "") == counting.where("support", "x").replace(
        "x.", "").strip("()")


@pytest.mark.parametrize("descending", [True, False])
def test_sorted_by_what_was_given_every_page_follows_the_whole_list(store, descending):
    sample.fill_sample(120, 900, seed=11, today=dt.date(2026, 6, 20))
    refunded = db.execute_sql("SELECT partner_id FROM contribution WHERE status = 'received'"
                              " AND kind != 'loan' AND date LIKE '2026%' LIMIT 1").fetchone()[0]
    db.execute_sql("UPDATE contribution SET amount_cents = -amount_cents - 100000 WHERE"
                   " partner_id = ? AND date LIKE '2026%'", (refunded,))
    for search in ("", "co"):
        records = PartnerList(today=dt.date(2026, 6, 20))
        records.sort_key, records.descending, records.search = "given", descending, search
        whole = records.ids()
        assert whole[0 if not descending else -1] == refunded or search
        for size in (7, 50):
            pages = [records.ids_from(start, size) for start in range(0, len(whole) + 7, size)]
            assert [number for page in pages for number in page] == whole
