"""The maintenance checklist, reviews, the communication log and what needs attention, with
dates set by the tests rather than the real clock."""

import datetime as dt

import pytest

from cars_desktop.core.validation import ValidationError
from cars_desktop.store import contributions, maintenance, partners
from cars_desktop.store.maintenance import AttentionSettings, Mark
from cars_desktop.store.models import Partner, ReviewItem

TODAY = dt.date.today()


def partner(name, **changes):
    values = {"kind": "organisation", "name": name, "sector": "voluntary",
              "partnership_type": "formal", "status": "active", "language": "en", **changes}
    return partners.save_partner(values, [])


def recorded_on(pid, day: dt.date) -> None:
    """As if the partner had been entered in the app on `day` (the tests' clock is not the
    real one)."""
    Partner.update(created_at=f"{day.isoformat()}T12:00:00+00:00").where(
        Partner.id == pid).execute()


def test_the_checklist_ships_with_the_cars_practices_and_can_be_edited(store):
    listed = maintenance.practices()
    assert len(listed) == 12 and listed[-1].text_en == "Say thank you"
    assert listed[0].text_fr.startswith("Planifier")
    added = maintenance.save_practice("Share the credit in the local paper", "Partager")
    maintenance.move_practice(added, -20)
    assert maintenance.practices()[0].id == added
    maintenance.save_practice("Share credit in the local paper", "", added)
    first = maintenance.practices()[0]
    assert first.text_en == "Share credit in the local paper"
    with pytest.raises(ValidationError):
        maintenance.save_practice("   ")


def test_a_retired_practice_keeps_its_history(store):
    pid = partner("Souris Lions Club")
    say_thanks = maintenance.practices()[-1]
    review = maintenance.save_review(pid, TODAY - dt.timedelta(days=3),
                                     {say_thanks.id: Mark("attention", "late letters")})
    maintenance.retire_practice(say_thanks.id)
    assert say_thanks.id not in [p.id for p in maintenance.practices()]
    assert say_thanks.id in [p.id for p in maintenance.practices(include_retired=True)]
    item = ReviewItem.get(ReviewItem.review == review)
    assert (item.practice_id, item.mark, item.note) == (say_thanks.id, "attention",
                                                        "late letters")


def test_more_than_the_limit_is_said(store):
    today = dt.date(2026, 6, 15)
    for number in range(4):
        partner(f"Formal {number}")
    assert len(maintenance.attention(today, limit=3)["review"]) == 4  # 3 and one more


def test_reviews_the_latest_one_and_when_the_next_is_due(store):
    pid, never = partner("Town of Sussex"), partner("Gimli Legion")
    one, two = [p.id for p in maintenance.practices()[:2]]
    maintenance.save_review(pid, dt.date(2025, 1, 31), {one: Mark("done")})
    maintenance.save_review(pid, dt.date(2025, 8, 31), {one: Mark("attention"),
                                                        two: Mark("na")})
    latest = maintenance.latest_reviews([pid, never])
    assert latest[pid].date == dt.date(2025, 8, 31)
    assert latest[pid].next_due == dt.date(2026, 2, 28)  # six months on, the month's end
    assert latest[pid].marks == {one: Mark("attention"), two: Mark("na")}
    assert latest[pid].overdue(dt.date(2026, 3, 1)) and not latest[pid].overdue(
        dt.date(2026, 2, 1))
    assert latest[never].review_id is None and latest[never].overdue(TODAY)


@pytest.mark.parametrize("changes, field", [
    ({"date": TODAY + dt.timedelta(days=1)}, "date"),
    ({"marks": {1: Mark("maybe")}}, "marks"),
    ({"next_due": TODAY - dt.timedelta(days=10)}, "next_due"),
    ({"marks": {}}, "marks"),
])
def test_bad_reviews_are_refused(store, changes, field):
    pid = partner("Perth Rotary")
    values = {"date": TODAY - dt.timedelta(days=1), "marks": {1: Mark("done")}, **changes}
    with pytest.raises(ValidationError) as caught:
        maintenance.save_review(pid, values.pop("date"), values.pop("marks"), **values)
    assert field in caught.value.errors


def test_the_communication_log_and_last_contact(store):
    from cars_desktop.store.lists import PartnerList

    pid = partner("Kenora Co-op")
    maintenance.log_contact(pid, dt.date(2026, 3, 2), "call", "Doug", "Asked about the hall")
    maintenance.log_contact(pid, dt.date(2026, 5, 9), "visit", "", "Dropped off the report",
                            follow_up=dt.date(2026, 6, 1))
    assert [i.kind for i in maintenance.contact_log(pid)] == ["visit", "call"]
    assert PartnerList().rows([pid])[pid].cells[6] == "2026-05-09"
    with pytest.raises(ValidationError) as caught:
        maintenance.log_contact(pid, TODAY + dt.timedelta(days=2), "smoke signal", "", "")
    assert set(caught.value.errors) == {"kind", "date", "summary"}


def test_what_needs_attention(store):
    today = dt.date(2026, 6, 15)  # the test's clock
    quiet = partner("Quiet Partner", partner_since=dt.date(2020, 1, 1))
    busy = partner("Busy Partner", partnership_type="casual")
    for pid in (quiet, busy):
        recorded_on(pid, dt.date(2020, 1, 1))
    maintenance.log_contact(busy, dt.date(2026, 6, 1), "call", "", "Checked in")
    maintenance.log_contact(quiet, dt.date(2025, 10, 1), "call", "", "Last chat",
                            follow_up=dt.date(2025, 11, 1))  # never followed up
    maintenance.log_contact(busy, dt.date(2026, 5, 2), "email", "", "Sent the plan",
                            follow_up=dt.date(2026, 5, 20))  # followed up by the June call
    say_thanks = maintenance.practices()[-1].id
    maintenance.save_review(quiet, dt.date(2025, 6, 1), {say_thanks: Mark("attention")})

    def gift(pid, **changes):
        return contributions.save_contribution({
            "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
            "amount": "50", "date": dt.date(2026, 6, 10), **changes})

    late = gift(busy, date=dt.date(2026, 5, 1))  # not thanked after 14 days
    gift(busy, date=dt.date(2026, 6, 10))  # recent: not late yet
    pledge = gift(quiet, status="pledged", amount="400", date=dt.date(2026, 1, 5),
                  date_expected=dt.date(2026, 4, 1))
    big = gift(quiet, amount="2500", date=dt.date(2026, 6, 12))
    found = maintenance.attention(today, AttentionSettings(thank_within_days=14))
    # the promise is thanked too, as the thank-you queue says
    assert [i.contribution_id for i in found["thank"]] == [pledge, late]
    assert "promised 2026-01-05" in found["thank"][0].text
    assert [i.contribution_id for i in found["pledge"]] == [pledge]
    assert "$400.00 promised for 2026-04-01" in found["pledge"][0].text
    assert [i.partner_id for i in found["contact"]] == [quiet]  # quiet for over six months
    assert [i.partner_id for i in found["review"]] == [quiet]  # due 2025-12-01; busy is casual
    assert found["practice"][0].text == "Quiet Partner: “Say thank you” needs attention."
    assert [i.partner_id for i in found["follow_up"]] == [quiet]
    assert "Follow up with Quiet Partner: Last chat (due 2025-11-01)" in \
        found["follow_up"][0].text
    maintenance.retire_practice(say_thanks)  # a retired practice needs no more attention
    assert maintenance.attention(today)["practice"] == []
    celebrated = {i.contribution_id: i.text for i in found["celebrate"]}
    assert big in celebrated and late not in celebrated
    first_of_busy = [t for t in celebrated.values() if t.startswith("Busy Partner")]
    assert first_of_busy == []  # busy's first gift was in May, before the 30 days
    assert "first contribution" in celebrated[big]


def test_attention_says_what_was_given_where_no_value_was(store):
    today = dt.date(2026, 6, 15)
    bob = partners.save_partner({"kind": "person", "name": "Bob MacDonald",
                                 "sector": "community", "partnership_type": "casual",
                                 "status": "active", "language": "en"}, [])
    church = partner("St. Andrew's Church", partnership_type="casual")

    def gift(pid, day, **values):
        return contributions.save_contribution({
            "partner_id": pid, "family": "in_kind", "status": "received", "amount": "",
            "date": day, **values})

    labour = gift(bob, dt.date(2026, 5, 20), kind="service", hours="12",
                  description="Fixing the roof")
    basement = gift(church, dt.date(2026, 5, 25), kind="facilities",
                    description="The church basement")
    loan = contributions.save_contribution({  # a loan is paid back: nothing to celebrate
        "partner_id": church, "family": "cash", "kind": "loan", "status": "received",
        "amount": "5000", "date": dt.date(2026, 6, 1), "payment_method": "cheque"})
    found = maintenance.attention(today, AttentionSettings(thank_within_days=14))
    thank = {i.contribution_id: i.text for i in found["thank"]}
    assert thank[labour] == "Thank Bob MacDonald for 12 hours of labour received 2026-05-20."
    assert thank[basement] == ("Thank St. Andrew's Church for a gift of facilities "
                               "(not valued) received 2026-05-25.")
    celebrate = {i.contribution_id: i.text for i in found["celebrate"]}
    assert celebrate[labour] == ("Bob MacDonald: 12 hours of labour on 2026-05-20 — their "
                                 "first contribution.")
    assert loan not in celebrate
    every = [i.text for items in found.values() for i in items]
    assert not [text for text in every if "$0.00" in text]


def test_a_partner_recorded_lately_has_not_gone_quiet(store):
    """"No contact lately" counts from the later of the last contact and the day the
    partner was recorded: a partner entered minutes ago, a partner since 2015, is not one."""
    today = TODAY
    new = partner("Entered Today", partner_since=dt.date(2015, 1, 1))
    old = partner("Entered Long Ago", partner_since=dt.date(2015, 1, 1))
    recorded_on(old, today - dt.timedelta(days=400))
    lately = partner("Entered Two Months Ago")
    recorded_on(lately, today - dt.timedelta(days=60))
    called = partner("Called Last Month")
    recorded_on(called, today - dt.timedelta(days=400))
    maintenance.log_contact(called, today - dt.timedelta(days=30), "call", "", "Hello")
    quiet_call = partner("Called Long Ago")
    recorded_on(quiet_call, today - dt.timedelta(days=400))
    maintenance.log_contact(quiet_call, today - dt.timedelta(days=300), "call", "", "Hello")
    found = maintenance.attention(today)["contact"]
    assert sorted(i.partner_id for i in found) == sorted([old, quiet_call])
    assert new not in [i.partner_id for i in found]
