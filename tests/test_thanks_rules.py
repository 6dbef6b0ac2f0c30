"""The thank-you rules without a window: one rule for what is thanked (Mark as thanked and the
letters alike), the queue with its pledges, letters for everyone that leave nothing out
silently, a "received since" day, payments that name their pledge, volunteer time and unvalued
gifts said in words, and the French greeting. Real SQLite file; PDFs read back with pypdf."""

import datetime as dt

import pytest
from pypdf import PdfReader

from cars_desktop.core.letter_text import Gift, ordinal
from cars_desktop.core.thanks import default_since, left_out_note, still_waiting_note
from cars_desktop.documents.letters import write_letters
from cars_desktop.store import contributions, letters, partners, profile, thanks_rule
from cars_desktop.store.lists import ContributionList
from cars_desktop.store.models import Acknowledgement, Contribution
from helpers import norm

TODAY = dt.date(2026, 11, 22)
GROUP = {
    "name": "Riverbend Community Food Centre", "address_line1": "412 Main Street",
    "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0",
    "signatory_name": "Anne Courchesne", "signatory_title": "Chair of the Board",
    "language": "en", "fiscal_year_start_month": 4,
}


@pytest.fixture
def group(store):
    profile.save_group_profile(GROUP)
    return store


def org(name="Kinsmen Club", contact="Bob MacDonald", language="en", salutation="") -> int:
    values = {"kind": "organisation", "name": name, "sector": "voluntary",
              "partnership_type": "formal", "status": "active", "language": language,
              "address_line1": "75 Main Street", "city": "Sussex", "province": "NB",
              "postal_code": "E4E 1A1"}
    contacts = [{"name": contact, "salutation": salutation}] if contact else []
    return partners.save_partner(values, contacts)


def give(pid, **changes) -> int:
    values = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "250", "date": dt.date(2026, 5, 1), "payment_method": "cheque",
              "purpose": "", **changes}
    return contributions.save_contribution(values)


def pledge(pid, amount="1000", **changes) -> int:
    return give(pid, status="pledged", amount=amount, payment_method="", **changes)


def pdf_pages(batch, path) -> list[str]:
    write_letters(batch.letters, letters.letterhead(), path, TODAY)
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


def body(letter) -> str:
    return norm(" ".join(str(block) for block in letter.paragraphs))


# One rule for "thanked" (issue item 7)


def test_mark_as_thanked_and_the_letters_thank_by_one_rule(group):
    pid = org()
    ids = {"gift": give(pid), "pledge": pledge(pid),
           "cancelled": give(pid, status="cancelled", payment_method="")}
    by_hand = contributions.mark_thanked(list(ids.values()), TODAY, "call")
    thanked_by_hand = {name for name, cid in ids.items()
                       if Contribution.get_by_id(cid).thanked_on}
    assert by_hand == 2 and thanked_by_hand == {"gift", "pledge"}

    other = org("Town of Sussex", contact="Mary Smith")
    more = {"gift": give(other), "pledge": pledge(other),
            "cancelled": give(other, status="cancelled", payment_method="")}
    sent = letters.record_letters_sent(list(more.values()), TODAY)
    assert {name for name, cid in more.items() if cid in sent.contribution_ids} == \
        thanked_by_hand  # the same rule, whichever way the thanks went
    assert thanks_rule.THANKABLE_STATUSES == ("received", "pledged")


def test_the_queue_is_the_same_in_the_list_and_the_letters(group):
    pid = org()
    waiting = [give(pid), pledge(pid, date=dt.date(2026, 6, 1))]
    paid_on = pledge(pid, amount="600", date=dt.date(2026, 2, 1))
    payment = give(pid, amount="100", pledge_id=paid_on, date=dt.date(2026, 3, 1))
    give(pid, status="cancelled", payment_method="")
    contributions.mark_thanked([give(pid)], TODAY, "call")
    queue = letters.unthanked_ids()
    # a new pledge waits; one with a payment in is thanked through its payment's letter
    assert sorted(queue) == sorted([*waiting, payment])
    records = ContributionList()
    records.thanked = False  # the tab's "Not yet thanked"
    assert sorted(records.ids()) == sorted(queue)
    records.thanked = True
    assert len(records.ids()) == 1


# Letters for everyone: nothing dropped silently (issue item 6)


def test_letters_for_everyone_keep_the_loan_and_pledge_of_a_partner_with_several_gifts(
        group, tmp_path):
    pid = org()
    first, second = give(pid, amount="100"), give(pid, amount="50", date=dt.date(2026, 6, 2))
    loan = give(pid, kind="loan", amount="5000", date=dt.date(2026, 7, 1))
    promise = pledge(pid, date=dt.date(2026, 8, 1), date_expected=dt.date(2026, 12, 1))
    batch = letters.queue_letters(TODAY, dt.date(2026, 4, 1))
    assert [(letter.kind, letter.contribution_ids) for letter in batch.letters] == [
        ("several", [first, second]), ("cash", [loan]), ("pledge", [promise])]
    several, lent, promised = pdf_pages(batch, tmp_path / "all.pdf")
    assert "Total $150.00" in several and "$5,000" not in several
    assert "your loan of $5,000.00" in lent
    assert "your pledge of $1,000.00" in promised
    letters.record_letters_sent(batch.contribution_ids(), TODAY)
    assert letters.unthanked_ids() == []
    assert letters.queue_after(batch) == "The thank-you queue is now empty."


def test_an_erased_partner_with_several_gifts_is_said_not_dropped(group):
    gone = org("Old Partner")
    ids = [give(gone), give(gone, amount="5")]
    partners.erase_personal_information(gone)
    batch = letters.letters_for(ids, TODAY, together=True)
    assert batch.letters == []
    assert batch.skipped == ["2026-05-01: its partner's details were erased."] * 2


# Received since (issue item 15)


@pytest.mark.parametrize("today, month, expected", [
    (dt.date(2026, 11, 28), 4, dt.date(2025, 4, 1)),
    (dt.date(2026, 2, 1), 4, dt.date(2024, 4, 1)),
    (dt.date(2026, 11, 28), 1, dt.date(2025, 1, 1)),
    (dt.date(2026, 1, 1), 1, dt.date(2025, 1, 1)),
])
def test_the_queue_starts_with_the_last_fiscal_year(today, month, expected):
    assert default_since(today, month) == expected


@pytest.mark.parametrize("gifts, pledges, words", [
    (12, 0, "12 older gifts not included: received before April 1, 2025. They stay"),
    (1, 0, "1 older gift not included: received before April 1, 2025. It stays"),
    (0, 2, "2 older pledges not included: promised before April 1, 2025."),
    (3, 1, "3 older gifts and 1 pledge not included: received or promised before April 1"),
])
def test_what_is_left_out_is_said(gifts, pledges, words):
    assert words in norm(left_out_note(gifts, pledges, dt.date(2025, 4, 1)))
    assert left_out_note(0, 0, dt.date(2025, 4, 1)) == ""


def test_what_stays_in_the_queue_after_the_letters_is_said():
    assert still_waiting_note(0, 0, 0, dt.date(2025, 4, 1)) == \
        "The thank-you queue is now empty."
    assert still_waiting_note(0, 0, 2, dt.date(2025, 4, 1)) == (
        "2 contributions still wait in the thank-you queue: 2 recorded or changed after these "
        "letters were made. Make the letters again to thank them too.")


def test_older_gifts_stay_in_the_queue_and_the_batch_says_so(group):
    department = org("Department of Health", contact="")
    old = [give(department, date=dt.date(2023, 3, 1)), give(department, date=dt.date(2024, 9, 1))]
    old_pledge = pledge(department, date=dt.date(2023, 5, 1))
    recent = give(department, date=dt.date(2025, 6, 1))
    since = dt.date(2025, 4, 1)
    count = contributions.queue_count(since)
    assert (count.included, count.partners, count.older_gifts, count.older_pledges) == \
        (1, 1, 2, 1)
    batch = letters.queue_letters(TODAY, since)
    assert batch.contribution_ids() == [recent]
    assert [norm(note) for note in batch.left_out] == [
        "2 older gifts and 1 pledge not included: received or promised before April 1, 2025. "
        "They stay in the thank-you queue; choose an earlier date to thank them too."]
    letters.record_letters_sent(batch.contribution_ids(), TODAY)
    assert sorted(letters.unthanked_ids()) == sorted([*old, old_pledge])
    assert norm(letters.queue_after(batch)) == (
        "3 contributions still wait in the thank-you queue: 2 older gifts and 1 pledge, "
        "received or promised before April 1, 2025, the “Received since” date. Make the "
        "letters again with an earlier date to thank them too.")
    late = give(department, date=dt.date(2026, 11, 20))  # recorded after the letters
    assert "1 pledge, received or promised before April 1, 2025, the “Received since” date; 1 " \
           "recorded or changed after these letters were made." in \
        norm(letters.queue_after(batch))
    everyone = letters.queue_letters(TODAY, dt.date(2000, 1, 1))
    assert sorted(everyone.contribution_ids()) == sorted([*old, old_pledge, late])
    assert everyone.left_out == []


# Pledges: thanked from the queue, and their payments named (issue item 8)


def test_a_new_pledge_waits_for_thanks_and_is_thanked_again_for_its_payments(group):
    pid = org()
    promise = pledge(pid, date=dt.date(2026, 3, 1))
    assert letters.unthanked_ids() == [promise]
    batch = letters.queue_letters(TODAY, dt.date(2026, 1, 1))
    assert [letter.kind for letter in batch.letters] == ["pledge"]
    letters.record_letters_sent(batch.contribution_ids(), TODAY)
    assert letters.unthanked_ids() == []
    payment = give(pid, amount="500", pledge_id=promise, date=dt.date(2026, 6, 1))
    assert letters.unthanked_ids() == [payment]  # the money coming in is thanked again
    assert Contribution.get_by_id(promise).thanked_on == TODAY  # the promise stays thanked


def test_a_payment_letter_names_its_pledge(group, tmp_path):
    pid = org()
    french = org("Caisse populaire", contact="Lise Roy", language="fr")
    promise = pledge(pid, purpose="Winter coat drive", date=dt.date(2026, 1, 10))
    first = give(pid, amount="500", pledge_id=promise, date=dt.date(2026, 2, 1))
    second = give(pid, amount="300", pledge_id=promise, date=dt.date(2026, 3, 1))
    last = give(pid, amount="200", pledge_id=promise, date=dt.date(2026, 4, 1))
    whole = pledge(french, amount="750", date=dt.date(2026, 1, 5))
    once = give(french, amount="750", pledge_id=whole, date=dt.date(2026, 2, 5))
    batch = letters.letters_for([first, second, last, once], TODAY)
    texts = pdf_pages(batch, tmp_path / "payments.pdf")
    # the payment had no purpose of its own: the pledge's is said
    assert "thank you for your first payment of $500.00 on your pledge of $1,000.00, " \
           "received on February 1, 2026 for our Winter coat drive." in texts[0]
    assert "your second payment of $300.00 on your pledge of $1,000.00" in texts[1]
    assert "your third and final payment of $200.00 on your pledge of $1,000.00" in texts[2]
    assert "merci pour votre versement de 750,00 $ sur votre promesse de don de 750,00 $" \
        in texts[3]
    # in a letter listing several gifts, the line says it too
    together = letters.letters_for([first, second, give(pid, amount="20")], TODAY,
                                   together=True).letters[0]
    assert [what for _, what, _ in together.gifts] == [
        "First payment on a pledge of $1,000.00 — Winter coat drive",
        "Second payment on a pledge of $1,000.00 — Winter coat drive",
        "One-time gift"]


@pytest.mark.parametrize("number, en, fr", [
    (1, "first", "premier"), (2, "second", "deuxième"), (12, "twelfth", "douzième"),
    (13, "13th", "13e"), (21, "21st", "21e"), (22, "22nd", "22e"), (111, "111th", "111e")])
def test_ordinals(number, en, fr):
    assert (ordinal(number, "en"), ordinal(number, "fr")) == (en, fr)


# Volunteer time and gifts without a value, said in words (issue item 9, letters)


def test_volunteer_hours_and_unvalued_gifts_say_what_was_given(group, tmp_path):
    pid = org()
    french = org("Paroisse Saint-Jean", contact="Lise Roy", language="fr")
    hours = give(pid, family="in_kind", kind="service", amount="", hours="12",
                 description="Painting the hall", payment_method="")
    basement = give(pid, family="in_kind", kind="facilities", amount="", payment_method="")
    sous_sol = give(french, family="in_kind", kind="facilities", amount="", payment_method="")
    batch = letters.letters_for([hours, basement, sous_sol], TODAY)
    assert [letter.kind for letter in batch.letters] == ["time", "in_kind", "in_kind"]
    time, lent, prete = pdf_pages(batch, tmp_path / "time.pdf")
    assert "Thank you for 12 hours of your time (Painting the hall) on May 1, 2026." in time
    assert "Thank you for the use of your facilities, which Riverbend Community Food Centre " \
           "received on May 1, 2026." in lent
    assert "Merci pour le prêt de vos locaux. Votre don est arrivé chez" in prete
    assert "$0.00" not in " ".join([time, lent]) and "0,00" not in prete


def test_in_words_for_every_kind_of_gift_in_kind_without_a_description():
    for kind in ("products", "service", "facilities", "volunteer_program", "advice",
                 "bulk_ordering", "name_use"):
        gift = Gift(kind=kind, family="in_kind", status="received", amount_cents=0, minutes=0,
                    date=TODAY)
        for lang in ("en", "fr"):
            words = gift.in_words(lang)
            assert words and "gift in kind" not in words and "don en nature" not in words


# The French greeting (issue item 10)


def test_a_french_letter_greets_the_contact_by_name(group, tmp_path):
    named = give(org("Club Richelieu", contact="Bob MacDonald", language="fr"))
    own = give(org("Caisse Roy", contact="Lise Roy", language="fr", salutation="Chère Madame Roy"))
    nobody = give(org("Ville de Shédiac", contact="", language="fr"))
    english = give(org("Town of Sussex", contact="Bob MacDonald", language="en"))
    pages = pdf_pages(letters.letters_for([named, own, nobody, english], TODAY),
                      tmp_path / "greetings.pdf")
    assert "Bonjour Bob MacDonald," in pages[0] and "Madame, Monsieur" not in pages[0]
    assert "Chère Madame Roy," in pages[1]  # what the volunteer typed wins
    assert "Madame, Monsieur," in pages[2]  # to no one by name
    assert "Dear Bob MacDonald," in pages[3]
    assert Acknowledgement.select().count() == 0  # making letters marks nothing
