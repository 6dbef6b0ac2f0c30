import datetime as dt

import pytest

from cars_desktop.core.validation import ValidationError
from cars_desktop.store import partners
from cars_desktop.store.lists import PartnerList
from cars_desktop.store.models import (
    ContactPerson,
    Contribution,
    Interaction,
    Partner,
    Review,
    ReviewItem,
    db,
)


def org(name, **changes):
    values = {"kind": "organisation", "name": name, "sector": "voluntary",
              "partnership_type": "casual", "status": "active", "language": "en"}
    values.update(changes)
    return values


def test_save_and_load_a_partner_with_contacts(store):
    pid = partners.save_partner(
        org("Club Lions de Caraquet", language="fr", province="NB", postal_code="e1w1a1",
            phone="5065550199", partner_since=dt.date(2019, 4, 1)),
        [{"name": "Josée Léger", "role": "Présidente", "email": "josee@lions.ca"},
         {"name": "René Cormier", "is_primary": True}])
    values, contacts = partners.load_partner(pid)
    assert values["postal_code"] == "E1W 1A1" and values["phone"] == "(506) 555-0199"
    assert values["partner_since"] == dt.date(2019, 4, 1)
    assert [c["name"] for c in contacts] == ["René Cormier", "Josée Léger"]  # primary first
    assert [c["is_primary"] for c in contacts] == [True, False]
    row = Partner.get_by_id(pid)
    assert len(row.uuid) == 36 and row.created_at and row.updated_at


def test_editing_keeps_contact_ids_removes_dropped_and_one_primary(store):
    pid = partners.save_partner(org("Town of Sussex"), [{"name": "Mary Fraser"},
                                                       {"name": "Ian Reid"}])
    _, contacts = partners.load_partner(pid)
    mary = contacts[0]
    mary["is_primary"] = True
    new = {"name": "Karen Walsh", "is_primary": True}
    partners.save_partner(org("Town of Sussex"), [mary, new], pid)
    _, after = partners.load_partner(pid)
    assert [c["name"] for c in after] == ["Mary Fraser", "Karen Walsh"]
    assert after[0]["id"] == mary["id"]
    assert sum(c["is_primary"] for c in after) == 1
    assert ContactPerson.select().count() == 2


def test_bad_input_writes_nothing(store):
    with pytest.raises(ValidationError) as caught:
        partners.save_partner(org("Good name", email="nope"), [{"name": "A", "email": "b@"}])
    assert set(caught.value.errors) == {"email", "contacts"}
    pid = partners.save_partner(org("Kenora Co-op"), [{"name": "Doug Young"}])
    with pytest.raises(ValidationError) as caught:
        partners.save_partner(org("Kenora Co-op"), [{"name": "Doug Young", "phone": "12"}], pid)
    assert "Contact person 1 (Doug Young)" in caught.value.errors["contacts"]
    assert Partner.select().count() == 1
    assert ContactPerson.get().phone == ""


def test_a_failed_write_rolls_back_everything(store, monkeypatch):
    pid = partners.save_partner(org("Gimli Legion"), [{"name": "Linda Stewart"}])

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(ContactPerson, "save", broken_save)
    with pytest.raises(RuntimeError):
        partners.save_partner(org("Gimli Legion Branch 1"), [{"name": "New Person"}], pid)
    monkeypatch.undo()
    values, contacts = partners.load_partner(pid)
    assert values["name"] == "Gimli Legion"
    assert [c["name"] for c in contacts] == ["Linda Stewart"]


def test_similar_names_are_found_ignoring_accents_case_and_punctuation(store):
    partners.save_partner(org("Marie-Hélène Brûlé", kind="person"), [])
    partners.save_partner(org("Perth Lions Club"), [])
    assert [s.name for s in partners.similar_partners("marie helene brule")] == \
        ["Marie-Hélène Brûlé"]
    assert [s.name for s in partners.similar_partners("Perth Lion's Club")] == \
        ["Perth Lions Club"]
    assert partners.similar_partners("Drumheller Hospital") == []


def test_a_partner_with_history_is_archived_never_deleted(store):
    pid = partners.save_partner(org("Nelson Rotary"), [])
    Interaction.create(partner=pid, date=dt.date(2026, 3, 1), kind="call")
    with pytest.raises(partners.HasHistory):
        partners.delete_partner(pid)
    assert Partner.get_by_id(pid)
    Partner.update(status="lapsed").where(Partner.id == pid).execute()
    partners.archive_partner(pid)
    assert Partner.get_by_id(pid).status == "archived"
    assert partners.bring_back(pid) == "lapsed"  # back to what it was, not always "active"
    mistake = partners.save_partner(org("Typo partner"), [{"name": "Nobody"}])
    partners.delete_partner(mistake)
    assert not Partner.select().where(Partner.id == mistake).exists()
    assert ContactPerson.select().count() == 0


def test_erasing_personal_information_keeps_the_accounts(store):
    pid = partners.save_partner(
        org("Geneviève Thériault", kind="person", email="gen@bell.ca", phone="418 555 0100",
            city="Rimouski", province="QC", postal_code="G5L 1A1", notes="Allergic to cats"),
        [{"name": "Geneviève Thériault"}])
    gift = Contribution.create(partner=pid, family="cash", kind="one_time", amount_cents=25000,
                               date=dt.date(2026, 2, 14), notes="For Geneviève")
    Interaction.create(partner=pid, date=dt.date(2026, 2, 1), kind="visit",
                       summary="Visited Geneviève at home")
    review = Review.create(partner=pid, date=dt.date(2026, 2, 1), notes="Geneviève said…")
    ReviewItem.create(review=review, practice=1, mark="attention",
                      note="Geneviève's health")
    partners.erase_personal_information(pid)
    row = Partner.get_by_id(pid)
    assert row.name == partners.ERASED_NAME and row.status == "archived" and row.erased_at
    assert (row.email, row.phone, row.city, row.postal_code, row.notes) == ("",) * 5
    assert "genevieve" not in row.search_text
    assert ContactPerson.select().count() == 0 and Interaction.select().count() == 0
    kept = Contribution.get_by_id(gift.id)
    assert (kept.amount_cents, kept.date, kept.notes) == \
        (25000, dt.date(2026, 2, 14), "")
    everything = " ".join(str(v) for table in ("partner", "contact_person", "contribution",
                                               "interaction", "review", "review_item")
                          for r in db.execute_sql(f"SELECT * FROM {table}") for v in r)
    assert "Geneviève" not in everything and "Thériault" not in everything


@pytest.fixture
def listed(store):
    made = {}
    for name, sector, ptype, status, contact in (
            ("Pharmacie Lefèvre", "corporate", "casual", "active", "Céline Lefèvre"),
            ("LEFEBVRE Trucking", "corporate", "formal", "active", None),
            ("Bibliothèque de Hearst", "public", "formal", "active", "Émile Côté"),
            ("Old Mill Society", "voluntary", "casual", "archived", None),
            ("Youth Council", "community", "casual", "prospect", "Noémie Roy")):
        made[name] = partners.save_partner(org(name, sector=sector, partnership_type=ptype,
                                               status=status),
                                           [{"name": contact}] if contact else [])
    return made


def names(records):
    rows = records.rows(records.ids())
    return [rows[i].cells[0] for i in records.ids()]


def test_search_ignores_case_and_accents(listed):
    records = PartnerList()
    records.search = "lefevre"
    assert names(records) == ["Pharmacie Lefèvre"]
    records.search = "CÔTÉ"  # a contact person's name finds the partner
    assert names(records) == ["Bibliothèque de Hearst"]
    records.search = "bibliotheque hearst"
    assert names(records) == ["Bibliothèque de Hearst"]
    records.search = "100%_"
    assert names(records) == []


def test_filters_and_archived_hidden_by_default(listed):
    records = PartnerList()
    assert "Old Mill Society" not in names(records)
    records.status = "all"
    assert "Old Mill Society" in names(records) and records.filtered()
    records.status = "archived"
    assert names(records) == ["Old Mill Society"]
    records.status = None
    records.sector, records.partnership_type = "corporate", "formal"
    assert names(records) == ["LEFEBVRE Trucking"]
    assert records.total() == 5


def test_sorting_in_sql(listed):
    records = PartnerList(today=dt.date(2026, 6, 1))
    assert names(records) == ["Bibliothèque de Hearst", "LEFEBVRE Trucking",
                              "Pharmacie Lefèvre", "Youth Council"]
    Contribution.create(partner=listed["Youth Council"], family="cash", kind="one_time",
                        amount_cents=123456, date=dt.date(2026, 3, 1))
    Contribution.create(partner=listed["Pharmacie Lefèvre"], family="cash", kind="one_time",
                        amount_cents=999999, date=dt.date(2025, 3, 1))  # last year
    Interaction.create(partner=listed["LEFEBVRE Trucking"], date=dt.date(2026, 5, 2),
                       kind="call")
    records.sort_key, records.descending = "given", True
    ids = records.ids()
    rows = records.rows(ids)
    assert rows[ids[0]].cells[0] == "Youth Council"
    assert rows[ids[0]].cells[7] == "$1,234.56"
    assert rows[listed["Pharmacie Lefèvre"]].cells[7] == ""
    records.sort_key = "last_contact"
    assert names(records)[0] == "LEFEBVRE Trucking"
    assert records.rows([listed["LEFEBVRE Trucking"]])[listed["LEFEBVRE Trucking"]].cells[6] \
        == "2026-05-02"
    records.sort_key, records.descending = "contact", False
    assert names(records) == ["LEFEBVRE Trucking", "Pharmacie Lefèvre",
                              "Bibliothèque de Hearst", "Youth Council"]
    # by contact: none, Céline, Émile, Noémie: accents do not send Émile to the end
