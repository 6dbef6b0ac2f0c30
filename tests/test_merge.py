"""Merging two partners who are one, in the store, on a real file: the pairs found, what moves,
the choice of each field, the totals after, the note in the history, the refusals, and undoing
a merge back to the very rows there were."""

import datetime as dt
import json

import pytest

from cars_desktop.store import contributions, duplicates, maintenance, merge, partners
from cars_desktop.store.lists import ContactLog, ContributionList, PartnerList
from cars_desktop.store.models import (
    Acknowledgement,
    ContactPerson,
    Contribution,
    Interaction,
    Partner,
    PartnerMerge,
    Review,
    db,
)

TODAY = dt.date.today()
DAY = dt.date(2025, 5, 2)


def partner(name, contacts=(), **changes):
    values = {"kind": "organisation", "name": name, "sector": "voluntary",
              "partnership_type": "casual", "status": "active", "language": "en", **changes}
    return partners.save_partner(values, [{"name": c, "is_primary": n == 0}
                                          for n, c in enumerate(contacts)])


def gift(pid, amount="100.00", **changes):
    values = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": amount, "date": DAY, "payment_method": "cheque", **changes}
    return contributions.save_contribution(values)


def totals(pid):
    records = ContributionList()
    records.partner_id = pid
    return records.totals()


def snapshot():
    """Every row of the tables a merge touches, as stored (the merge record and its note set
    apart), to compare before a merge and after its undoing."""
    found = {}
    for table in ("partner", "contact_person", "contribution", "acknowledgement",
                  "interaction", "review", "review_item"):
        cursor = db.execute_sql(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cursor.description]
        found[table] = [{k: v for k, v in zip(names, row, strict=True) if k != "updated_at"}
                        for row in cursor.fetchall()]
    return found


@pytest.fixture
def pair(store):
    """The Lions Club entered twice: once with a contact, gifts, a pledge paid in part, a log
    and a review; once more with a gift thanked, a contact and a matching gift it credits."""
    kept = partner("Lions Club de Shediac", ["Marc Cormier"], city="Shediac",
                   notes="Meets on Tuesdays.", partner_since=dt.date(2019, 3, 1))
    removed = partner("Lion's Club Shédiac", ["Anne Léger", "Paul Roy"], city="",
                      email="lions@example.ca", phone="506 555 0142",
                      notes="Treasurer changes in June.", partner_since=dt.date(2015, 9, 1),
                      sector="community", strengths="Volunteers for events")
    employer = partner("Irving Oil")
    gift(kept, "250.00")
    pledge = gift(removed, "1000.00", status="pledged", date=DAY)
    paid = gift(removed, "400.00", pledge_id=pledge, date=DAY + dt.timedelta(days=30))
    thanked = gift(removed, "75.00", date=DAY + dt.timedelta(days=3))
    contributions.mark_thanked([thanked], DAY + dt.timedelta(days=5), "letter")
    matched = gift(employer, "150.00", kind="matching", credited_partner_id=removed)
    maintenance.log_contact(removed, DAY, "call", "Anne Léger", "Asked about the breakfast")
    practice = maintenance.practices()[0].id
    maintenance.save_review(removed, DAY, {practice: maintenance.Mark("done")})
    return dict(kept=kept, removed=removed, employer=employer, pledge=pledge, paid=paid,
                thanked=thanked, matched=matched)


def test_possible_duplicates_by_name_email_and_phone(store):
    lions = partner("Lions Club de Shediac", email="Lions@Example.ca")
    twin = partner("lions club, de SHÉDIAC!", email="lions@example.ca ")
    cormier = partner("Marc Cormier", kind="person", phone="+1 (506) 555-0142")
    marc = partner("M. Cormier", kind="person", phone="506.555.0142")
    short = [partner("Short Phone A"), partner("Short Phone B")]
    Partner.update(phone="555-12").where(Partner.id.in_(short)).execute()  # as imported
    erased = partner("Lions Club de Shediac")
    partners.erase_personal_information(erased)
    found = duplicates.possible_duplicates()
    assert [(p.first_id, p.second_id, p.reasons) for p in found] == [
        (lions, twin, ("name", "email")),
        (cormier, marc, ("phone",)),
    ]
    assert found[0].why() == "same name and same email"
    assert found[0].first_name == "Lions Club de Shediac"
    assert duplicates.possible_duplicates(limit=1) == found[:1]


def test_a_value_shared_by_many_pairs_each_with_the_first(store):
    ids = [partner(f"Club {n}", phone="506-555-0100") for n in range(8)]
    found = duplicates.possible_duplicates()
    assert sorted((p.first_id, p.second_id) for p in found) == [(ids[0], n) for n in ids[1:]]
    few = [partner(f"Cercle {n}", email="cercle@example.ca") for n in range(3)]
    pairs = {(p.first_id, p.second_id) for p in duplicates.possible_duplicates()}
    assert {(few[0], few[1]), (few[0], few[2]), (few[1], few[2])} <= pairs


def test_the_preview_counts_what_moves_and_shows_both_values(pair):
    preview = merge.merge_preview(pair["kept"], pair["removed"])
    assert preview.counts == {"contributions": 3, "credited": 1, "contacts": 2,
                              "interactions": 1, "reviews": 1, "acknowledgements": 1}
    differing = {v.name: (v.kept, v.removed) for v in preview.differing()}
    assert differing["name"] == ("Lions Club de Shediac", "Lion's Club Shédiac")
    assert differing["city"] == ("Shediac", "")
    assert "province" not in differing and "country" not in differing
    assert preview.defaults() == {
        "name": "kept", "sector": "kept", "city": "kept", "email": "removed",
        "phone": "removed", "notes": "both", "strengths": "removed",
        "partner_since": "removed"}  # the earlier date: a partner since 2015
    assert [v.name for v in preview.fields] == list(merge.FIELDS)


def test_merging_moves_everything_and_the_totals_add_up(pair):
    kept, removed = pair["kept"], pair["removed"]
    before_kept, before_removed = totals(kept), totals(removed)
    merge_id = merge.merge_partners(kept, removed, {"sector": "removed", "notes": "both"})
    assert not Partner.select().where(Partner.id == removed).exists()
    after = totals(kept)
    assert after.cash_received_cents == (before_kept.cash_received_cents
                                         + before_removed.cash_received_cents) == 72500
    assert after.pledged_outstanding_cents == 60000
    assert after.count == before_kept.count + before_removed.count == 4
    assert Contribution.get_by_id(pair["paid"]).pledge_id == pair["pledge"]
    assert Contribution.get_by_id(pair["matched"]).credited_partner_id == kept
    assert Acknowledgement.get().contribution_id == pair["thanked"]
    row = Partner.get_by_id(kept)
    assert (row.name, row.sector, row.city, row.email, row.phone, row.partner_since) == (
        "Lions Club de Shediac", "community", "Shediac", "lions@example.ca", "(506) 555-0142",
        dt.date(2015, 9, 1))
    assert row.notes == "Meets on Tuesdays.\n\nTreasurer changes in June."
    assert row.strengths == "Volunteers for events"
    # the primary contact stays the kept one's; the others follow it
    contacts = ContactPerson.select().where(ContactPerson.partner == kept).order_by(
        ContactPerson.position)
    assert [(c.name, c.is_primary) for c in contacts] == [
        ("Marc Cormier", True), ("Anne Léger", False), ("Paul Roy", False)]
    # found by a moved contact's name, and its gifts sort and search under the kept name
    search = PartnerList()
    search.search = "anne leger"
    assert search.ids() == [kept]
    moved = Contribution.get_by_id(pair["thanked"])
    assert moved.partner_sort == row.sort_name and "lions club de shediac" in moved.search_text
    assert Review.get().partner_id == kept
    log = Interaction.select().where(Interaction.partner == kept).order_by(Interaction.id)
    assert [(i.kind, i.summary) for i in log] == [
        ("call", "Asked about the breakfast"),
        ("note", "Merged with “Lion's Club Shédiac”: 4 gifts, 2 contact people, 1 entry of "
                 "the communication log and 1 review moved here.")]
    record = json.loads(PartnerMerge.get_by_id(merge_id).record)
    assert record["removed"]["name"] == "Lion's Club Shédiac"
    assert sorted(record["contributions"]) == sorted([pair["pledge"], pair["paid"],
                                                      pair["thanked"]])
    assert record["before"]["sector"] == "voluntary"
    assert [m.id for m in merge.merges()] == [merge_id]


def test_the_note_of_a_merge_is_not_a_contact(pair):
    merge.merge_partners(pair["kept"], pair["removed"])
    listed = PartnerList()
    row = listed.rows([pair["kept"]])[pair["kept"]]
    assert row.cells[6] == DAY.isoformat()  # the call, not the day of the merge
    log = ContactLog()
    log.partner_id = pair["kept"]
    assert log.total() == 2


def test_choosing_the_other_value_and_one_note(pair):
    merge.merge_partners(pair["kept"], pair["removed"],
                         {"name": "removed", "notes": "kept", "city": "removed",
                          "partner_since": "kept"})
    row = Partner.get_by_id(pair["kept"])
    assert (row.name, row.notes, row.city, row.partner_since) == (
        "Lion's Club Shédiac", "Meets on Tuesdays.", "", dt.date(2019, 3, 1))
    assert Contribution.get_by_id(pair["thanked"]).partner_sort == row.sort_name


def test_a_gift_credited_between_the_two_is_no_longer_credited_to_its_giver(store):
    employer = partner("Irving Oil")
    again = partner("Irving Oil Ltd")
    employee = partner("Josée Léger", kind="person")
    crossed = gift(employer, kind="matching", credited_partner_id=again)
    other = gift(employee, kind="matching", credited_partner_id=again)
    assert merge.merge_preview(employer, again).counts["credited"] == 1  # the other one
    merge_id = merge.merge_partners(employer, again)
    assert Contribution.get_by_id(crossed).credited_partner_id is None
    assert Contribution.get_by_id(other).credited_partner_id == employer
    merge.undo_merge(merge_id)
    assert Contribution.get_by_id(crossed).credited_partner_id == again
    assert Contribution.get_by_id(other).credited_partner_id == again


@pytest.mark.parametrize("which", ["itself", "missing", "erased kept", "erased removed"])
def test_refusals(pair, which):
    kept, removed = pair["kept"], pair["removed"]
    if which == "itself":
        removed = kept
    elif which == "missing":
        removed = 9999
    else:
        partners.erase_personal_information(kept if which == "erased kept" else removed)
    before = snapshot()
    messages = {"itself": "with itself", "missing": "no longer exists",
                "erased kept": "was erased", "erased removed": "was erased"}
    with pytest.raises(merge.MergeProblem, match=messages[which]):
        merge.merge_partners(kept, removed)
    with pytest.raises(ValueError):
        merge.merge_preview(kept, removed)
    assert snapshot() == before and PartnerMerge.select().count() == 0


def test_an_unknown_choice_is_refused(pair):
    with pytest.raises(merge.MergeProblem):
        merge.merge_partners(pair["kept"], pair["removed"], {"city": "both"})
    with pytest.raises(merge.MergeProblem):
        merge.merge_partners(pair["kept"], pair["removed"], {"colour": "kept"})
    assert Partner.select().where(Partner.id == pair["removed"]).exists()


def test_undo_brings_back_every_row_as_it_was(pair):
    before = snapshot()
    merge_id = merge.merge_partners(pair["kept"], pair["removed"],
                                    {"sector": "removed", "name": "removed"})
    assert merge.undo_merge(merge_id) == pair["removed"]
    assert snapshot() == before  # the same ids, uuids, fields, contacts' order and primary
    assert merge.merges() == []
    assert PartnerMerge.get_by_id(merge_id).undone_at
    with pytest.raises(merge.MergeProblem, match="already undone"):
        merge.undo_merge(merge_id)
    assert totals(pair["removed"]).cash_received_cents == 47500
    assert Contribution.get_by_id(pair["thanked"]).partner_sort == \
        Partner.get_by_id(pair["removed"]).sort_name


def test_undo_keeps_what_was_done_since(pair):
    kept, removed = pair["kept"], pair["removed"]
    merge_id = merge.merge_partners(kept, removed, {"sector": "removed"})
    new_gift = gift(kept, "20.00")  # given to the kept one after the merge: it stays
    contributions.delete_contribution(pair["thanked"])  # a moved gift deleted: skipped
    values, contacts = partners.load_partner(kept)
    values["city"] = "Shediac Bridge"  # edited since: stays as edited
    partners.save_partner(values, contacts, kept)
    merge.undo_merge(merge_id)
    back = Partner.get_by_id(removed)
    row = Partner.get_by_id(kept)
    assert (row.sector, row.city) == ("voluntary", "Shediac Bridge")
    assert Contribution.get_by_id(new_gift).partner_id == kept
    assert sorted(c.id for c in back.contributions) == sorted([pair["pledge"], pair["paid"]])
    assert back.uuid == json.loads(PartnerMerge.get_by_id(merge_id).record)["removed"]["uuid"]
    assert not Interaction.select().where(Interaction.kind == "note").exists()


def test_undo_refused_when_a_payment_since_is_on_a_pledge_that_came_with_it(pair):
    kept = pair["kept"]
    merge_id = merge.merge_partners(kept, pair["removed"])
    gift(kept, "100.00", pledge_id=pair["pledge"], date=DAY + dt.timedelta(days=40))
    before = snapshot()
    with pytest.raises(merge.MergeProblem, match="cannot be undone: 1 gift"):
        merge.undo_merge(merge_id)
    assert snapshot() == before and merge.merges()[0].id == merge_id


def test_erasing_a_partner_erases_the_merges_that_kept_its_details(pair):
    """A merge keeps the removed partner's row: a privacy request erases it too."""
    merge_id = merge.merge_partners(pair["kept"], pair["removed"])
    partners.erase_personal_information(pair["kept"])
    assert PartnerMerge.select().count() == 0 and merge.merges() == []
    with pytest.raises(merge.MergeProblem, match="no longer kept"):
        merge.undo_merge(merge_id)
    # the same for a merge undone, once the partner it brought back is erased
    other = partner("Club Richelieu")
    again = partner("Club Richelieu Inc", email="richelieu@example.ca")
    merge.undo_merge(merge.merge_partners(other, again))
    partners.erase_personal_information(again)
    assert PartnerMerge.select().count() == 0


def test_merging_twice_then_undoing_both(pair):
    """The kept partner merged in its turn into a third: the first merge follows it, and
    both can be undone, the newest first (the older one would otherwise put back details
    over the third partner's own)."""
    first = merge.merge_partners(pair["kept"], pair["removed"])
    third = partner("Club Lions", ["Luc Roy"])
    second = merge.merge_partners(third, pair["kept"])
    assert [m.id for m in merge.merges()] == [second, first]
    assert PartnerMerge.get_by_id(first).kept_id == third
    assert totals(third).cash_received_cents == 72500
    with pytest.raises(merge.MergeProblem, match="undo that merge first"):
        merge.undo_merge(first)
    merge.undo_merge(second)
    assert totals(pair["kept"]).cash_received_cents == 72500
    assert totals(third).count == 0
    merge.undo_merge(first)
    assert totals(pair["removed"]).cash_received_cents == 47500
    assert totals(pair["kept"]).cash_received_cents == 25000


# What a fresh look found: merges one after another, archived records, remembered senders


def test_an_older_merge_waits_until_the_later_one_is_undone(store):
    a = partner("Alice Smith", city="Moncton", email="alice@x.ca")
    b = partner("Alice Smith", city="")
    c = partner("A. Smith", city="Shediac", email="a.smith@x.ca")
    first = merge.merge_partners(b, a)
    second = merge.merge_partners(c, b)
    with pytest.raises(merge.MergeProblem, match="was merged into “A. Smith” since"):
        merge.undo_merge(first)
    assert (Partner.get_by_id(c).city, Partner.get_by_id(c).email) == ("Shediac", "a.smith@x.ca")
    merge.undo_merge(second)
    merge.undo_merge(first)  # in their reverse order, both come back as they were
    assert sorted((p.city, p.email) for p in Partner.select()) == sorted(
        [("Moncton", "alice@x.ca"), ("", ""), ("Shediac", "a.smith@x.ca")])


def test_merging_into_an_archived_record_keeps_the_partner_active(store):
    old = partner("Club Richelieu", city="Bouctouche")
    partners.archive_partner(old)
    new = partner("Club Richelieu", city="Bouctouche", email="cr@x.ca")
    gift(new, "500.00")
    preview = merge.merge_preview(old, new)
    merge.merge_partners(old, new, preview.defaults())
    assert Partner.get_by_id(old).status == "active"
    assert old in PartnerList().ids()


def test_a_remembered_bank_sender_follows_the_merge_and_its_undoing(store):
    from cars_desktop.store import import_writer

    kept, removed = partner("Marie Cormier"), partner("Marie Cormier ")
    import_writer.remember_sender("MARIE CORMIER", removed)
    done = merge.merge_partners(kept, removed)
    assert import_writer.remembered_sender("MARIE CORMIER") == Partner.get_by_id(kept).uuid
    back = merge.undo_merge(done)
    assert import_writer.remembered_sender("MARIE CORMIER") == Partner.get_by_id(back).uuid


def test_after_an_undo_each_partner_has_a_main_contact(store):
    kept = partner("Lions Club", ["Yves Kept"])
    removed = partner("Lions Club Inc", ["Xavier Removed"])
    done = merge.merge_partners(kept, removed)
    values, contacts = partners.load_partner(kept)
    for contact in contacts:  # the volunteer makes the one who came with the merge the main one
        contact["is_primary"] = contact["name"] == "Xavier Removed"
    partners.save_partner(values, contacts, kept)
    back = merge.undo_merge(done)
    for pid in (kept, back):
        assert [c.is_primary for c in Partner.get_by_id(pid).contacts] == [True]
