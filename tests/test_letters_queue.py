"""The thank-you queue, recording letters sent and undoing it; the group profile the
letterhead comes from; what a fresh look at the letters found."""

import datetime as dt
import io

import pytest
from PIL import Image
from pypdf import PdfReader

from cars_desktop.core.letter_text import (
    TemplateError,
)
from cars_desktop.core.validation import ValidationError
from cars_desktop.documents.letterhead import logo_problem, prepare_logo
from cars_desktop.resource_files import resource_path
from cars_desktop.store import contributions, letters, partners, profile, settings
from cars_desktop.store.models import Acknowledgement, Contribution, GroupProfile
from helpers import norm
from letter_kit import (
    GROUP,
    TODAY,
    give,
    make_pdf,
    org,
    page_texts,
    png,
    set_group,
)

# The thank-you queue, recording letters sent and undoing it


def test_queue_empties_when_letters_are_sent_and_comes_back_on_undo(group):
    ann = org("Anne's Bakery", contact="Ann Baker")
    bob = org("Bob's Garage", contact="Bob Smith")
    late, early = give(bob, date=dt.date(2026, 4, 2)), give(bob, date=dt.date(2026, 3, 1))
    first = give(ann, date=dt.date(2026, 6, 1))
    phoned = give(ann, date=dt.date(2026, 2, 1))
    contributions.mark_thanked([phoned], dt.date(2026, 2, 3), "call", by="Luc")
    pledge = give(ann, status="pledged", payment_method="")
    give(ann, status="cancelled", payment_method="")
    gone = org("Erased One")
    give(gone)
    partners.erase_personal_information(gone)

    queue = letters.unthanked_ids()
    # by partner, then date; erased, thanked and cancelled left out; the pledge waits too
    assert queue == [pledge, first, early, late]
    batch = letters.letters_for(queue + [phoned, pledge], TODAY)
    sent_on = dt.date(2026, 11, 20)
    sent = letters.record_letters_sent(batch.contribution_ids(), sent_on, by="Anne")
    assert set(sent.contribution_ids) == {first, early, late, pledge}  # the promise is thanked
    assert len(sent.acknowledgement_ids) == 4 and sent.date == sent_on
    assert letters.unthanked_ids() == []
    for number in (first, early, late, pledge):
        row = Contribution.get_by_id(number)
        assert row.thanked_on == sent_on
        acks = list(Acknowledgement.select().where(Acknowledgement.contribution == number))
        assert [(a.method, a.date, a.by) for a in acks] == [("letter", sent_on, "Anne")]
    # thanked by phone before: its history is as it was
    assert Contribution.get_by_id(phoned).thanked_on == dt.date(2026, 2, 3)
    assert [(a.method, a.by) for a in Acknowledgement.select().where(
        Acknowledgement.contribution == phoned)] == [("call", "Luc")]

    again = letters.record_letters_sent(batch.contribution_ids(), dt.date(2026, 11, 21))
    assert again.contribution_ids == () and again.acknowledgement_ids == ()

    letters.undo_letters_sent(sent)
    assert letters.unthanked_ids() == queue
    for number in (first, early, late, pledge):
        assert Contribution.get_by_id(number).thanked_on is None
    assert Acknowledgement.select().where(Acknowledgement.method == "letter").count() == 0
    assert Contribution.get_by_id(phoned).thanked_on == dt.date(2026, 2, 3)
    assert Acknowledgement.select().where(Acknowledgement.contribution == phoned).count() == 1
    letters.undo_letters_sent(again)  # undoing what did nothing changes nothing
    assert letters.unthanked_ids() == queue


# The group profile


def test_letters_missing_names_what_is_missing(store):
    assert profile.setup_state() == ""
    assert letters_missing_text() == (
        "Letters need your group's name, street address, town or city, province and postal "
        "code for the letterhead. Fill them in File › Group profile…")
    profile.save_group_profile({"name": "Riverbend", "language": "en", "city": "Riverbend",
                                "fiscal_year_start_month": 1})
    assert profile.setup_state() == "done"
    assert letters_missing_text() == (
        "Letters need your group's street address, province and postal code for the "
        "letterhead. Fill them in File › Group profile…")
    profile.save_group_profile({**GROUP, "postal_code": ""})
    assert "your group's postal code for the letterhead" in letters_missing_text()
    set_group()
    assert profile.letters_missing() is None


def letters_missing_text() -> str:
    missing = profile.letters_missing()
    assert missing is not None
    return missing


@pytest.mark.parametrize("changes, field, words", [
    ({"email": "hello@riverbend"}, "email", "name@example.ca"),
    ({"email": "hello at riverbend.ca"}, "email", "looks incomplete"),
    ({"postal_code": "E1A 1A1"}, "postal_code", "Postal codes in Manitoba start with R"),
    ({"postal_code": "12345"}, "postal_code", "A1A 1A1"),
    ({"charity_number": "12345"}, "charity_number", "123456789 RR 0001"),
    ({"charity_number": ""}, "charity_number", "Enter the registration number"),
    ({"province": "ZZ"}, "province", "not a known province"),
    ({"phone": "555-01"}, "phone", "10 digits"),
    ({"website": "not a site"}, "website", "example.ca"),
    ({"language": "de"}, "language", "Choose a language"),
    ({"fiscal_year_start_month": 13}, "fiscal_year_start_month", "month"),
])
def test_bad_group_profile_is_refused_naming_the_field_and_nothing_written(
        store, changes, field, words):
    with pytest.raises(ValidationError) as caught:
        profile.save_group_profile({**GROUP, **changes})
    assert words in caught.value.errors[field]
    assert GroupProfile.select().count() == 0
    assert profile.setup_state() == ""
    # a profile already saved stays as it was
    set_group()
    saved = GroupProfile.get().__data__.copy()
    with pytest.raises(ValidationError) as caught:
        profile.save_group_profile({**GROUP, "name": "Changed", **changes})
    assert field in caught.value.errors
    assert GroupProfile.get().__data__ == saved and GroupProfile.select().count() == 1


def test_group_profile_is_cleaned_and_a_big_logo_refused(store):
    set_group(logo=png(200, 80))
    row = GroupProfile.get()
    assert (row.postal_code, row.phone, row.charity_number) == (
        "R0G 1A0", "(204) 555-0142", "123456789 RR 0001")
    with pytest.raises(ValidationError) as caught:
        set_group(name="Other", logo=b"\x89PNG" + b"\0" * (profile.LOGO_LIMIT + 1))
    assert "over 2 MB" in caught.value.errors["logo"]
    row = GroupProfile.get()
    assert row.name == GROUP["name"] and bytes(row.logo) == png(200, 80)
    set_group(name="Other")  # no "logo" key: the logo is kept
    assert bytes(GroupProfile.get().logo) == png(200, 80)
    set_group(logo=None)
    assert GroupProfile.get().logo is None
    set_group(registered_charity=False, charity_number="")
    assert GroupProfile.get().charity_number == ""


# What a fresh look at the letters found


def test_a_pledge_thanked_by_letter_is_thanked_again_when_it_comes_in(group):
    pledge = give(org(), status="pledged", payment_method="", date_expected=dt.date(2026, 9, 1))
    letters.record_letters_sent([pledge], TODAY)
    assert Contribution.get_by_id(pledge).thanked_on == TODAY
    values = contributions.load_contribution(pledge)
    values.update(status="received", amount=values["amount_cents"], payment_method="cheque")
    contributions.save_contribution(values, pledge)
    assert Contribution.get_by_id(pledge).thanked_on is None
    assert letters.unthanked_ids() == [pledge]  # the gift itself waits for its thanks


def test_a_loan_is_thanked_as_a_loan_and_left_out_of_the_gifts(group, tmp_path):
    pid = org()
    loan = give(pid, kind="loan", amount="5000")
    give(pid, amount="100")
    letter, = letters.letters_for([loan], TODAY).letters
    assert "your loan of $5,000.00" in norm(" ".join(letter.paragraphs))
    summary, = letters.year_end_letter(pid, dt.date(2026, 1, 1), dt.date(2026, 12, 31),
                                       TODAY).letters
    assert [what for _, what, _ in summary.gifts] == ["One-time gift — Food bank"]
    assert norm(summary.total) == "$100.00"


def test_the_contacts_own_greeting_only_in_the_partners_language(group):
    cid = give(org(contact="Lise Roy", salutation="Chère Lise", language="fr"))
    own, = letters.letters_for([cid], TODAY).letters
    other, = letters.letters_for([cid], TODAY, "en").letters
    assert own.paragraphs[0] == "Chère Lise,"
    assert other.paragraphs[0] == "Dear Lise Roy,"


def test_a_damaged_logo_leaves_the_letters_without_a_logo_instead_of_stopping_them(
        group, tmp_path):
    whole = resource_path("sample-logo.png").read_bytes()
    GroupProfile.update(logo=whole[:len(whole) // 2]).execute()  # cut short on disk
    path = tmp_path / "letters.pdf"
    assert make_pdf(letters.letters_for([give(org())], TODAY).letters, path) == 1
    assert not PdfReader(path).pages[0]["/Resources"].get("/XObject")  # no picture drawn
    assert "cut short" in logo_problem(whole[:len(whole) // 2])


def test_a_huge_logo_is_kept_small(tmp_path):
    picture = io.BytesIO()
    Image.new("RGB", (5000, 2500), "navy").save(picture, format="PNG")
    kept = Image.open(io.BytesIO(prepare_logo(picture.getvalue())))
    assert kept.size == (600, 300) and kept.format == "PNG"


def test_a_french_letter_is_signed_with_the_french_title_when_there_is_one(group, tmp_path):
    english = give(org(language="en"))
    french = give(org("Caisse populaire", contact="Lise Roy", language="fr"))
    settings.save({settings.TITLE_FR: "Présidente du conseil"})
    path = tmp_path / "titles.pdf"
    make_pdf(letters.letters_for([english, french], TODAY).letters, path)
    first, second = page_texts(path)
    assert "Anne Courchesne Chair of the Board" in first
    assert "Anne Courchesne Présidente du conseil" in second


def test_several_gifts_in_one_letter_with_their_table_and_its_own_template(group, tmp_path):
    pid = org(language="en")
    first, second = give(pid), give(pid, amount="100", date=dt.date(2026, 6, 15))
    other = give(org("Town of Sussex", contact="Mary Smith"))
    batch = letters.letters_for([first, other, second], TODAY, together=True)
    kinds = [(letter.kind, letter.contribution_ids) for letter in batch.letters]
    assert kinds == [("several", [first, second]), ("cash", [other])]
    path = tmp_path / "together.pdf"
    make_pdf(batch.letters, path)
    together, single = page_texts(path)
    assert "thank you for your gifts:" in together
    assert "Total $1,334.56" in together and "$100.00" in together
    with pytest.raises(TemplateError, match="gift_list"):
        letters.save_template("several", "en", "{salutation},\\n\\nThanks!\\n\\nBye,")
    who, text = letters.preview("several", "fr", letters.default_template("several", "fr"),
                                TODAY)
    assert "Quincaillerie Lefèvre" in who and "merci pour vos dons" in text
