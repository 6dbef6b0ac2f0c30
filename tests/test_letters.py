"""Thank-you letters without a window: the texts and their placeholders, the group's templates and
options, what each letter says, the PDF (read back with pypdf), the thank-you queue and its undo,
and the group profile the letterhead comes from. Real SQLite file, real PDFs."""

import datetime as dt
import io
import os

import pytest
from PIL import Image
from pypdf import PdfReader

from cars_desktop.core import letter_text
from cars_desktop.core.letter_text import (
    NOT_A_RECEIPT,
    Gift,
    TemplateError,
    check_template,
    default_salutation,
    fill,
    for_purpose,
    placeholders_for,
    written_date,
    written_hours,
    written_period,
)
from cars_desktop.core.validation import ValidationError
from cars_desktop.documents.letterhead import logo_problem, prepare_logo
from cars_desktop.documents.letters import Cancelled, write_letters
from cars_desktop.resource_files import resource_path
from cars_desktop.store import contributions, letters, partners, profile
from cars_desktop.store.letters import LetterOptions, LetterProblem
from cars_desktop.store.models import Acknowledgement, Contribution, GroupProfile, Setting
from helpers import assert_fonts_embedded, norm

TODAY = dt.date(2026, 11, 22)
KINDS = ("cash", "in_kind", "pledge", "time", "year_end")
LANGS = ("en", "fr")

GROUP = {
    "name": "Riverbend Community Food Centre", "address_line1": "412 Main Street",
    "address_line2": "PO Box 58", "city": "Riverbend", "province": "MB", "postal_code": "r0g1a0",
    "phone": "204 555 0142", "email": "hello@riverbendfood.ca", "website": "riverbendfood.ca",
    "signatory_name": "Anne Courchesne", "signatory_title": "Chair of the Board",
    "language": "en", "fiscal_year_start_month": 1, "registered_charity": True,
    "charity_number": "123456789rr0001",
}


# Helpers


def page_texts(path) -> list[str]:
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


def set_group(**changes) -> None:
    profile.save_group_profile({**GROUP, **changes})


def org(name="Quincaillerie Lefèvre", contact="Jean Lefèvre", salutation="", language="en",
        **changes) -> int:
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "formal", "status": "active", "language": language,
              "address_line1": "75 rue Principale", "city": "Bouctouche", "province": "NB",
              "postal_code": "E4S 3K2", **changes}
    contacts = [{"name": contact, "salutation": salutation}] if contact else []
    return partners.save_partner(values, contacts)


def person(name, language="en", **changes) -> int:
    values = {"kind": "person", "name": name, "sector": "community",
              "partnership_type": "casual", "status": "active", "language": language,
              "address_line1": "12 Elm Road", "city": "Sussex", "province": "NB",
              "postal_code": "E4E 1A1", **changes}
    return partners.save_partner(values, [])


def give(pid, **changes) -> int:
    values = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "1234.56", "date": dt.date(2026, 5, 1), "payment_method": "cheque",
              "purpose": "Food bank", **changes}
    return contributions.save_contribution(values)


def give_kind(pid, kind: str, **changes) -> int:
    """One contribution whose letter is of this kind."""
    extra = {
        "cash": {},
        "in_kind": {"family": "in_kind", "kind": "products", "amount": "1234.56",
                    "description": "12 turkeys", "payment_method": ""},
        "pledge": {"status": "pledged", "payment_method": "",
                   "date_expected": dt.date(2026, 12, 15)},
        "time": {"family": "in_kind", "kind": "service", "amount": "", "hours": "12",
                 "payment_method": ""},
    }[kind]
    return give(pid, **{**extra, **changes})


def make_pdf(batch_letters, path, head=None, today=TODAY, progress=None) -> int:
    return write_letters(batch_letters, head or letters.letterhead(), path, today, progress)


def only(batch) -> letter_text.Letter:
    assert len(batch.letters) == 1, batch
    return batch.letters[0]


@pytest.fixture
def group(store):
    set_group()
    return store


# The texts: dates, periods, hours, gifts in words


@pytest.mark.parametrize("day, lang, expected", [
    (dt.date(2026, 11, 22), "en", "November 22, 2026"),
    (dt.date(2026, 11, 22), "fr", "22 novembre 2026"),
    (dt.date(2026, 5, 1), "fr", "1er mai 2026"),
    (dt.date(2026, 5, 1), "en", "May 1, 2026"),
    (dt.date(2025, 8, 2), "fr", "2 août 2025"),
    (dt.date(2025, 2, 11), "fr", "11 février 2025"),
    (None, "en", ""),
])
def test_written_date(day, lang, expected):
    assert written_date(day, lang).replace("\u00a0", " ") == expected  # never broken


@pytest.mark.parametrize("start, end, lang, expected", [
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31), "en", "in 2026"),
    (dt.date(2026, 1, 1), dt.date(2026, 12, 31), "fr", "en 2026"),
    (dt.date(2025, 4, 1), dt.date(2026, 3, 31), "en", "from April 1, 2025 to March 31, 2026"),
    (dt.date(2025, 4, 1), dt.date(2026, 3, 31), "fr", "du 1er avril 2025 au 31 mars 2026"),
    (dt.date(2025, 1, 1), dt.date(2026, 12, 31), "en",
     "from January 1, 2025 to December 31, 2026"),  # two whole years are not "in 2025"
])
def test_written_period(start, end, lang, expected):
    assert norm(written_period(start, end, lang)) == expected


@pytest.mark.parametrize("minutes, lang, expected", [
    (720, "en", "12 hours"), (150, "en", "2.5 hours"), (60, "en", "1 hour"),
    (30, "en", "0.5 hours"), (720, "fr", "12\u00a0heures"), (150, "fr", "2,5\u00a0heures"),
    (60, "fr", "1\u00a0heure"), (90, "fr", "1,5\u00a0heure"), (100, "en", "1.67 hours"),
])
def test_written_hours(minutes, lang, expected):
    assert written_hours(minutes, lang) == expected


def gift(**changes) -> Gift:
    values = dict(kind="one_time", family="cash", status="received", amount_cents=25000,
                  minutes=0, date=dt.date(2026, 5, 1))
    return Gift(**{**values, **changes})


@pytest.mark.parametrize("changes, kind, en, fr", [
    ({}, "cash", "your gift of $250.00", "votre don de 250,00 $"),
    ({"status": "pledged"}, "pledge", "your pledge of $250.00",
     "votre promesse de don de 250,00 $"),
    # a gift in kind is promised as what it is: never as a value
    ({"family": "in_kind", "kind": "products", "status": "pledged"}, "pledge",
     "your pledge of a gift in kind", "votre promesse de don (un don en nature)"),
    ({"family": "in_kind", "kind": "products", "status": "pledged",
      "description": "12 turkeys"}, "pledge", "your pledge of 12 turkeys",
     "votre promesse de don (12 turkeys)"),
    ({"family": "cash", "kind": "loan"}, "cash", "your loan of $250.00",
     "votre prêt de 250,00 $"),
    ({"family": "in_kind", "kind": "products", "description": "12 turkeys"}, "in_kind",
     "12 turkeys", "12 turkeys"),
    # no description and no value: the letter still says what was given
    ({"family": "in_kind", "kind": "facilities"}, "in_kind", "the use of your facilities",
     "le prêt de vos locaux"),
    ({"family": "in_kind", "kind": "service", "minutes": 720, "amount_cents": 0}, "time",
     "12 hours of your time", "12 heures de votre temps"),
    ({"family": "in_kind", "kind": "volunteer_program", "minutes": 90,
      "description": "Staff day"}, "time", "1.5 hours of your time (Staff day)",
     "1,5 heure de votre temps (Staff day)"),
    # labour with hours is thanked for the hours, and for what the work was
    ({"family": "in_kind", "kind": "service", "minutes": 720, "amount_cents": 0,
      "description": "Painting the hall"}, "time", "12 hours of your time (Painting the hall)",
     "12 heures de votre temps (Painting the hall)"),
])
def test_gift_kind_and_words(changes, kind, en, fr):
    one = gift(**changes)
    assert one.letter_kind() == kind
    assert norm(one.in_words("en")) == en
    assert norm(one.in_words("fr")) == fr


@pytest.mark.parametrize("purpose, lang, expected", [
    ("", "en", ""), ("Food bank", "en", " for our Food bank"),
    ("Banque alimentaire", "fr", " pour notre Banque alimentaire"),
    ("the winter coat drive", "en", " for the winter coat drive"),
    ("l'école du village", "fr", " pour l'école du village"),
    ("Notre fête d'été", "fr", " pour Notre fête d'été"),
])
def test_for_purpose(purpose, lang, expected):
    assert for_purpose(purpose, lang) == expected


@pytest.mark.parametrize("contact, partner, is_person, lang, expected", [
    ("Jean Lefèvre", "Quincaillerie", False, "en", "Dear Jean Lefèvre"),
    ("Jean Lefèvre", "Quincaillerie", False, "fr", "Bonjour Jean Lefèvre"),
    ("", "Quincaillerie", False, "en", "Dear friends"),
    ("", "Quincaillerie", False, "fr", "Madame, Monsieur"),  # the formal form, to no one
    ("", "Marie Roy", True, "en", "Dear Marie Roy"),
    ("", "Marie Roy", True, "fr", "Bonjour Marie Roy"),
])
def test_default_salutation(contact, partner, is_person, lang, expected):
    assert default_salutation(contact, partner, is_person, lang) == expected


# Checking and filling templates


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGS)
def test_every_shipped_template_passes_its_own_check(kind, lang):
    check_template(letters.default_template(kind, lang), kind)


def test_placeholders_offered_for_each_kind():
    names = {kind: {p.name for p in placeholders_for(kind)} for kind in KINDS}
    assert "gift_list" in names["year_end"] and "total" in names["year_end"]
    assert not {"gift_list", "total", "period", "gift_count"} & names["cash"]
    assert "expected_date" in names["pledge"] and "expected_date" not in names["cash"]
    assert "hours" in names["time"] and "hours" not in names["cash"]
    assert not {"gift", "amount", "date"} & names["year_end"]
    for kind in KINDS:
        assert {"salutation", "group_name", "signatory_name", "today"} <= names[kind]


@pytest.mark.parametrize("text, kind, words", [
    ("Dear {contact_name}, thanks for {amout}.", "cash", ["Unknown placeholder {amout}"]),
    ("{salutation}, {amount:>10} {partner_name!r}", "cash",
     ["{amount:>10}", "{partner_name!r}"]),
    ("{salutation}, {0} and {}", "cash", ["Unknown placeholder"]),
    ("{partner_name.upper}", "cash", ["{partner_name.upper}"]),
    ("Thanks for {gift", "cash", ["not closed", "{{"]),
    ("Thanks } for it", "cash", ["not closed"]),
    ("{salutation},\n\n{gift_list}\n\nThanks", "cash",
     ["{gift_list} cannot be used in a cash gift letter"]),
    ("{salutation}, thanks for {expected_date}", "time", ["{expected_date} cannot be used"]),
    ("{salutation}, thanks for {gift} {total}", "in_kind", ["{total} cannot be used"]),
    ("{salutation}, here they are: {gift_list}. Thanks", "year_end",
     ["{gift_list} on a line of its own"]),
    ("{salutation},\n\nThanks for {period}.", "year_end", ["{gift_list} on a line of its own"]),
    ("   \n\n  ", "cash", ["The letter is empty"]),
    ("", "year_end", ["The letter is empty"]),
])
def test_bad_templates_are_refused_in_plain_words(text, kind, words):
    with pytest.raises(TemplateError) as caught:
        check_template(text, kind)
    for word in words:
        assert word in str(caught.value)


def test_good_templates_pass_and_fill_keeps_braces_and_paragraphs():
    text = ("{salutation},\r\n\r\nThanks, {partner_name}, {period}.\nSee you {{soon}}.\n\n\n"
            "{gift_list}\n\nOur total: {total}\n\n")
    check_template(text, "year_end")
    filled = fill(text, {"salutation": "Dear Bob", "partner_name": "Bob & Co",
                         "period": "in 2026", "total": "$5.00"})
    assert filled == ["Dear Bob,", "Thanks, Bob & Co, in 2026.\n"
                      "See you {soon}.", "{gift_list}", "Our total: $5.00"]
    # a placeholder with nothing to say prints nothing, and values are never read as templates
    assert fill("{salutation} {expected_date}|", {"salutation": "{amount}"}) == ["{amount} |"]


# The group's templates and options, kept in the data file


def test_template_with_unknown_placeholder_is_refused_and_nothing_saved(group):
    default = letters.default_template("cash", "en")
    with pytest.raises(TemplateError) as caught:
        letters.save_template("cash", "en", "{salutation},\n\nThanks for {amout}.")
    assert "{amout}" in str(caught.value)
    assert "Unknown placeholder" in str(caught.value)
    assert not letters.is_changed("cash", "en")
    assert letters.template_text("cash", "en") == default
    assert Setting.select().where(Setting.key.startswith("letters.template")).count() == 0

    mine = "{salutation},\n\nThank you so much for {gift}.\n\nWarmly,"
    letters.save_template("cash", "en", mine)
    with pytest.raises(TemplateError) as caught:
        letters.save_template("cash", "en", "{salutation},\n\n{gift_list}\n\nThanks")
    assert "{gift_list} cannot be used in a cash gift letter" in str(caught.value)
    assert letters.template_text("cash", "en") == mine  # the earlier change is kept


def test_changed_template_is_used_in_the_next_letter_and_reset_brings_back_default(
        group, tmp_path):
    pid = org()
    cid = give(pid)
    french = give(org("Caisse populaire", contact="Lise Roy", language="fr"))
    letters.save_template("cash", "en", "{salutation},\n\nA short note from {group_name}: "
                                        "{gift} reached us on {date}. {{Braces}} stay.\n\nCheers,")
    assert letters.is_changed("cash", "en") and not letters.is_changed("cash", "fr")
    path = tmp_path / "changed.pdf"
    make_pdf(letters.letters_for([cid, french], TODAY).letters, path)
    english, other = page_texts(path)
    assert ("A short note from Riverbend Community Food Centre: your gift of $1,234.56 reached "
            "us on May 1, 2026. {Braces} stay.") in english
    assert "Cheers," in english and "Gifts like yours" not in english
    assert "C'est grâce à des gestes comme le vôtre" in other  # the French one is untouched

    letters.reset_template("cash", "en")
    assert not letters.is_changed("cash", "en")
    assert letters.template_text("cash", "en") == letters.default_template("cash", "en")
    make_pdf(letters.letters_for([cid], TODAY).letters, path)
    text, = page_texts(path)
    assert "Gifts like yours are how a small community looks after its own." in text
    assert "A short note" not in text


def test_saving_the_default_text_stores_nothing(group):
    default = letters.default_template("time", "fr")
    letters.save_template("time", "fr", "\n" + default + "\n\n")
    assert not letters.is_changed("time", "fr")
    with pytest.raises(ValueError):
        letters.default_template("receipt", "en")
    with pytest.raises(ValueError):
        letters.default_template("cash", "de")


def test_amount_placeholder_in_a_changed_in_kind_template_follows_the_language(group, tmp_path):
    cid = give_kind(org(language="fr"), "in_kind")
    letters.save_template("in_kind", "fr", "{salutation},\n\nMerci pour {gift}, d'une valeur "
                                           "estimée de {amount}, le {date}.\n\nMerci,")
    path = tmp_path / "valeur.pdf"
    make_pdf(letters.letters_for([cid], TODAY).letters, path)
    text, = page_texts(path)
    assert "Merci pour 12 turkeys, d'une valeur estimée de 1 234,56 $, le 1er mai 2026." in text


def test_letter_options_round_trip(group):
    assert letters.letter_options() == LetterOptions("letter", False, False)
    letters.save_letter_options(LetterOptions("a4", True, True))
    assert letters.letter_options() == LetterOptions("a4", True, True)
    assert letters.letterhead().options == LetterOptions("a4", True, True)
    with pytest.raises(ValueError):
        letters.save_letter_options(LetterOptions("legal"))
    assert letters.letter_options().paper == "a4"


def test_letterhead_from_the_profile(group):
    head = letters.letterhead()
    assert head.name == "Riverbend Community Food Centre"
    assert head.address == ["412 Main Street", "PO Box 58", "Riverbend MB  R0G 1A0"]
    assert head.contact_line == "(204) 555-0142 · hello@riverbendfood.ca · riverbendfood.ca"
    assert head.charity_number == "123456789 RR 0001"
    assert (head.signatory_name, head.signatory_title) == ("Anne Courchesne", "Chair of the Board")
    assert head.logo is None


# Every kind of letter, in both languages, as printed


EXPECTED = {
    # kind: (English phrases, French phrases) besides names, dates and the group
    "cash": (["thank you for your gift of $1,234.56, received on May 1, 2026 for our Food bank"],
             ["merci pour votre don de 1 234,56 $, reçu le 1er mai 2026 pour notre Food bank"]),
    "pledge": (["Thank you for your pledge of $1,234.56, made on May 1, 2026 for our Food bank"],
               ["Merci pour votre promesse de don de 1 234,56 $, faite le 1er mai 2026 pour "
                "notre Food bank"]),
    "in_kind": (["Thank you for 12 turkeys, which Riverbend Community Food Centre received on "
                 "May 1, 2026 for our Food bank"],
                ["Merci pour 12 turkeys pour notre Food bank. Votre don est arrivé chez "
                 "Riverbend Community Food Centre le 1er mai 2026"]),
    "time": (["Thank you for 12 hours of your time for our Food bank on May 1, 2026"],
             ["Merci pour 12 heures de votre temps pour notre Food bank, le 1er mai 2026"]),
    "year_end": (["Thank you for standing with Riverbend Community Food Centre in 2026",
                  "May 1, 2026", "One-time gift — Food bank", "$1,234.56", "June 15, 2026",
                  "Annual renewable gift", "$100.00", "Total $1,334.56", "Date Gift Amount"],
                 ["Merci d'avoir été aux côtés de Riverbend Community Food Centre en 2026",
                  "1er mai 2026", "Don ponctuel — Food bank", "1 234,56 $", "15 juin 2026",
                  "Don annuel renouvelable", "100,00 $", "Total 1 334,56 $",
                  "Date Don Montant"]),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_letter_in_both_languages(group, tmp_path, kind, lang):
    pid = org("Quincaillerie Lefèvre", contact="Jean Lefèvre",
              language="fr" if lang == "en" else "en")  # the chosen language wins
    if kind == "year_end":
        give(pid)
        give(pid, kind="annual", amount="100", date=dt.date(2026, 6, 15), purpose="")
        give(pid, amount="999", date=dt.date(2025, 12, 31))  # outside the period
        batch = letters.year_end_letter(pid, dt.date(2026, 1, 1), dt.date(2026, 12, 31), TODAY,
                                        lang)
    else:
        batch = letters.letters_for([give_kind(pid, kind)], TODAY, lang)
    letter = only(batch)
    assert (letter.kind, letter.language) == (kind, lang)
    path = tmp_path / f"{kind}-{lang}.pdf"
    assert make_pdf(batch.letters, path) == 1
    text, = page_texts(path)
    english = lang == "en"
    for phrase in [
        "Dear Jean Lefèvre," if english else "Bonjour Jean Lefèvre,",
        "Jean Lefèvre Quincaillerie Lefèvre 75 rue Principale Bouctouche NB E4S 3K2",
        "November 22, 2026" if english else "22 novembre 2026",
        "Riverbend Community Food Centre 412 Main Street PO Box 58 Riverbend MB R0G 1A0",
        "Anne Courchesne Chair of the Board Riverbend Community Food Centre",
        "Registered charity 123456789 RR 0001" if english else
        "Organisme de bienfaisance enregistré 123456789 RR 0001",
        *EXPECTED[kind][0 if english else 1],
    ]:
        assert phrase in text, f"{phrase!r} missing from {text!r}"
    assert "999" not in text
    assert ("1 234,56" in text) == (not english and kind in ("cash", "pledge", "year_end"))
    assert ("$1,234.56" in text) == (english and kind in ("cash", "pledge", "year_end"))


def test_each_letter_in_its_partners_language_unless_one_is_chosen(group, tmp_path):
    french = give(org("Caisse populaire de Bouctouche", contact="Lise Roy", language="fr"))
    english = give(org("Town of Sussex", contact="Mary Smith", language="en"))
    batch = letters.letters_for([french, english], TODAY)
    assert [letter.language for letter in batch.letters] == ["fr", "en"]
    path = tmp_path / "mixed.pdf"
    make_pdf(batch.letters, path)
    first, second = page_texts(path)
    assert "Bonjour Lise Roy," in first and "22 novembre 2026" in first
    assert "Dear Mary Smith," in second and "November 22, 2026" in second
    assert [letter.language for letter in letters.letters_for([french, english], TODAY,
                                                              "en").letters] == ["en", "en"]


def test_recipient_lines_and_salutations(group):
    own = org("Lions Club", contact="Lise Roy", salutation="Chère Madame Roy")
    no_contact = org("Caisse populaire", contact="", language="fr")
    abroad = person("Marie Roy", address_line1="5 Elm St", city="Calais", province="",
                    postal_code="04619", country="United States")
    two = partners.save_partner(
        {"kind": "organisation", "name": "Kiwanis", "sector": "voluntary",
         "partnership_type": "formal", "status": "active", "language": "en",
         "address_line1": "1 Queen St", "city": "Sussex", "province": "NB"},
        [{"name": "Primary Person", "is_primary": True}, {"name": "Second Person"}])
    second_id = partners.load_partner(two)[1][1]["id"]
    ids = [give(own), give(no_contact), give(abroad), give(two), give(two, contact_id=second_id)]
    batch = letters.letters_for(ids, TODAY)
    own_letter, plain, far, primary, chosen = batch.letters
    assert own_letter.paragraphs[0] == "Chère Madame Roy,"
    assert own_letter.address == ["Lise Roy", "Lions Club", "75 rue Principale",
                                  "Bouctouche NB  E4S 3K2"]
    assert plain.paragraphs[0] == "Madame, Monsieur,"
    assert plain.address[0] == "Caisse populaire"
    assert far.paragraphs[0] == "Dear Marie Roy,"
    assert far.address == ["Marie Roy", "5 Elm St", "Calais  04619", "UNITED STATES"]
    assert primary.paragraphs[0] == "Dear Primary Person,"
    assert chosen.paragraphs[0] == "Dear Second Person,"  # the contact the gift came through
    assert chosen.address[:2] == ["Second Person", "Kiwanis"]
    assert batch.no_address == []


def test_long_lines_wrap_in_the_envelope_window_instead_of_losing_words(group, tmp_path):
    long_name = "The Very Long Name of a Regional Agricultural Cooperative Association Limited"
    cid = give(org(long_name, contact="Jean Lefèvre"))
    path = tmp_path / "long-name.pdf"
    make_pdf(letters.letters_for([cid], TODAY).letters, path)
    text, = page_texts(path)
    assert f"Jean Lefèvre {long_name} 75 rue Principale" in text  # every word, on two lines
    assert "…" not in text
    lines = PdfReader(path).pages[0].extract_text().splitlines()
    assert not any(long_name in line for line in lines)  # it did not fit one line
    info = PdfReader(path).metadata
    assert info.title == "Thank-you letters" and info.author == GROUP["name"]


def test_skipped_contributions_and_partners_without_address(group):
    pid = org()
    good = give(pid)
    cancelled = give(pid, status="cancelled", payment_method="")
    gone = org("Old Partner", contact="Someone")
    erased = give(gone)
    partners.erase_personal_information(gone)
    nowhere = person("Sam Nowhere", address_line1="", city="", postal_code="", province="")
    first, second = give(nowhere), give(nowhere, amount="5")
    batch = letters.letters_for([good, 99999, cancelled, erased, first, second], TODAY)
    assert [letter.contribution_ids for letter in batch.letters] == [[good], [first], [second]]
    assert batch.contribution_ids() == [good, first, second]
    assert batch.skipped == ["Contribution 99999 no longer exists.",
                             "Quincaillerie Lefèvre, 2026-05-01: it was cancelled.",
                             "2026-05-01: its partner's details were erased."]
    assert batch.no_address == ["Sam Nowhere"]  # named once, however many letters


# Names that are markup, or not in Latin letters, print as typed


def test_hostile_and_non_latin_names_print_literally(store, tmp_path):
    set_group(name="Parents & <Tots> Drop-in", signatory_name="Élise Nguyễn-Lefèvre")
    for lang, line in (("en", "We are proud to count {partner_name} among our partners."),
                       ("fr", "Nous comptons {partner_name} parmi nos partenaires.")):
        letters.save_template("cash", lang, "{salutation},\n\nThank you for {gift}"
                              "{for_purpose}.\n\n" + line + "\n\nThanks,")
    ids = [
        give(org("Bob <Bobby> & Sons", contact="Nguyễn Thị Minh"),
             purpose="<b>Breakfast</b> & lunch"),
        give(person("ᐃᓄᒃᑎᑐᑦ Lefèvre", language="fr")),
        give(org("Coop Lefèvre & Fils", contact="ᐊᓂ ᑯᕐᓯ</para>", language="fr"),
             purpose="Fête d'été"),
    ]
    path = tmp_path / "names.pdf"
    make_pdf(letters.letters_for(ids, TODAY).letters, path)
    bob, syllabics, coop = page_texts(path)
    for phrase in ["Dear Nguyễn Thị Minh,", "Nguyễn Thị Minh Bob <Bobby> & Sons",
                   "We are proud to count Bob <Bobby> & Sons among our partners",
                   "for our <b>Breakfast</b> & lunch", "Parents & <Tots> Drop-in"]:
        assert phrase in bob, f"{phrase!r} missing from {bob!r}"
    assert "Élise Nguyễn-Lefèvre" in bob
    assert "Nous comptons ᐃᓄᒃᑎᑐᑦ Lefèvre parmi nos partenaires" in syllabics
    assert "ᐊᓂ ᑯᕐᓯ</para> Coop Lefèvre & Fils" in coop  # the envelope lines
    assert "Nous comptons Coop Lefèvre & Fils parmi" in coop
    assert "pour notre Fête d'été" in coop
    assert "&amp;" not in bob + coop and "&lt;" not in bob + coop


# The not-a-receipt line


@pytest.mark.parametrize("kind", ["cash", "year_end"])
def test_not_a_receipt_line_only_when_chosen_in_the_letters_language(group, tmp_path, kind):
    english, french = org(language="en"), org("Caisse populaire", contact="Lise Roy",
                                              language="fr")

    def batch():
        if kind == "cash":
            return letters.letters_for([give(english), give(french)], TODAY)
        give(english, date=dt.date(2025, 3, 3))
        give(french, date=dt.date(2025, 3, 3))
        period = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
        return letters.Batch(letters.year_end_letter(english, *period, TODAY).letters
                             + letters.year_end_letter(french, *period, TODAY).letters)

    path = tmp_path / "receipt.pdf"
    made = batch().letters
    make_pdf(made, path)
    for text in page_texts(path):
        assert NOT_A_RECEIPT["en"] not in text and norm(NOT_A_RECEIPT["fr"]) not in text
    letters.save_letter_options(LetterOptions(not_a_receipt=True))
    make_pdf(made, path)
    first, second = page_texts(path)
    assert NOT_A_RECEIPT["en"] in first and norm(NOT_A_RECEIPT["fr"]) not in first
    assert norm(NOT_A_RECEIPT["fr"]) in second and NOT_A_RECEIPT["en"] not in second
    # it sits under the signature
    assert first.index("Anne Courchesne") < first.index(NOT_A_RECEIPT["en"])


# Fonts: embedded TrueType only, never a base-14 font


def test_fonts_are_embedded_and_no_base14_font_is_named(store, tmp_path):
    set_group(name="Groupe « Les Étoiles » & <Co>")
    GroupProfile.update(logo=resource_path("sample-logo.png").read_bytes()).execute()
    letters.save_letter_options(LetterOptions(not_a_receipt=True))
    pid = org("Bob <Bobby> & Sons", contact="Nguyễn Thị Minh")
    ids = [give_kind(pid, kind) for kind in ("cash", "in_kind", "pledge", "time")]
    ids.append(give(person("ᐃᓄᒃᑎᑐᑦ", language="fr")))
    made = letters.letters_for(ids, TODAY).letters
    for number in range(30):
        give(pid, amount=str(10 + number), date=dt.date(2025, 1, 1) + dt.timedelta(days=number))
    made += letters.year_end_letter(pid, dt.date(2025, 1, 1), dt.date(2025, 12, 31), TODAY,
                                    "fr").letters
    path = tmp_path / "fonts.pdf"
    pages = make_pdf(made, path)
    assert pages > len(made)  # the summary's later pages, with their own heading, too
    assert "Groupe « Les Étoiles » & <Co> (suite)" in page_texts(path)[-1]
    assert_fonts_embedded(path)


# Pages: one letter per page, long summaries flow on, paper sizes


def test_one_letter_per_page(group, tmp_path):
    names = ["Caisse populaire", "Town of Sussex", "Lions Club"]
    ids = [give(org(name, contact=f"Contact {number}"), amount=f"{number}00")
           for number, name in enumerate(names, start=1)]
    path = tmp_path / "three.pdf"
    assert make_pdf(letters.letters_for(ids, TODAY).letters, path) == 3
    texts = page_texts(path)
    assert len(texts) == 3
    for number, (name, text) in enumerate(zip(names, texts, strict=True), start=1):
        assert f"Dear Contact {number}," in text and f"${number}00.00" in text
        assert "Anne Courchesne" in text
        assert [other for other in names if other in text] == [name]


def test_long_year_end_summary_flows_on_with_signature_and_total_on_the_last_page(
        group, tmp_path):
    pid = org()
    start = dt.date(2025, 1, 1)
    for number in range(1, 61):
        give(pid, amount=f"{number}.00", date=start + dt.timedelta(days=number * 5),
             purpose="")
    batch = letters.year_end_letter(pid, start, dt.date(2025, 12, 31), TODAY)
    letter = only(batch)
    assert len(letter.gifts) == 60 and letter.total == "$1,830.00"
    assert tuple(map(norm, letter.gifts[-1])) == ("October 28, 2025", "One-time gift", "$60.00")
    path = tmp_path / "long.pdf"
    pages = make_pdf(batch.letters, path)
    texts = page_texts(path)
    assert pages == len(texts) >= 2
    last = texts[-1]
    assert "Anne Courchesne Chair of the Board" in last
    assert "Total $1,830.00" in last
    assert "October 28, 2025 One-time gift $60.00" in last  # the last gift line
    assert all("Anne Courchesne" not in text for text in texts[:-1])
    assert "January 6, 2025 One-time gift $1.00" in texts[0]
    for text in texts[1:]:
        # later pages name the partner and the group, and repeat the table's heading
        assert "Quincaillerie Lefèvre — November 22, 2026" in text
        assert "Riverbend Community Food Centre (continued)" in text
        assert "Registered charity 123456789 RR 0001" in text
    assert all("Date Gift Amount" in text for text in texts[:-1])
    every = " ".join(texts)
    for day, what, amount in letter.gifts:
        assert norm(f"{day} {what} {amount}") in every


@pytest.mark.parametrize("paper, size", [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_paper_size(group, tmp_path, paper, size):
    if paper != "letter":
        letters.save_letter_options(LetterOptions(paper=paper))
    pid = org()
    ids = [give(pid), give(pid, amount="5")]
    path = tmp_path / f"{paper}.pdf"
    make_pdf(letters.letters_for(ids, TODAY).letters, path)
    reader = PdfReader(path)
    assert len(reader.pages) == 2
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(size[0], abs=1)
        assert float(box.height) == pytest.approx(size[1], abs=1)


def test_year_end_summary_with_gifts_in_kind(group):
    pid = org(language="fr")
    give(pid, amount="100", date=dt.date(2025, 2, 1))
    give_kind(pid, "in_kind", date=dt.date(2025, 3, 1), amount="40")
    give_kind(pid, "time", date=dt.date(2025, 4, 1), hours="2.5", purpose="")
    give(pid, amount="70", date=dt.date(2025, 5, 1), status="pledged", payment_method="")
    give(pid, amount="80", date=dt.date(2025, 6, 1), status="cancelled", payment_method="")
    give(org("Someone Else"), amount="90", date=dt.date(2025, 7, 1))
    period = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    letter = only(letters.year_end_letter(pid, *period, TODAY))
    assert letter.language == "fr"
    assert [norm(" | ".join(row)) for row in letter.gifts] == [
        "1er février 2025 | Don ponctuel — Food bank | 100,00 $",
        "1er mars 2025 | 12 turkeys — Food bank |",
        "1er avril 2025 | 2,5 heures |",
    ]
    assert norm(letter.total) == "100,00 $"
    assert "dons en argent" in letter.total_note
    assert "gift_count" not in letter.paragraphs[1]
    letters.save_letter_options(LetterOptions(in_kind_values=True))
    valued = only(letters.year_end_letter(pid, *period, TODAY, "en"))
    assert [row[2] for row in valued.gifts] == ["$100.00", "$40.00", ""]
    assert valued.total == "$140.00" and valued.total_note == ""


def test_year_end_summary_problems_are_said_plainly(group):
    pid = org()
    give(pid, date=dt.date(2025, 6, 1))
    with pytest.raises(LetterProblem) as caught:
        letters.year_end_letter(pid, dt.date(2026, 1, 1), dt.date(2026, 3, 31), TODAY)
    assert norm(str(caught.value)) == ("Quincaillerie Lefèvre has no gift received from January 1, "
                                 "2026 to March 31, 2026: there is nothing to summarise. "
                                 "Choose another period.")
    with pytest.raises(LetterProblem, match="ends before it starts"):
        letters.year_end_letter(pid, dt.date(2025, 12, 31), dt.date(2025, 1, 1), TODAY)
    with pytest.raises(LetterProblem, match="no longer exists"):
        letters.year_end_letter(99999, dt.date(2025, 1, 1), dt.date(2025, 12, 31), TODAY)


def test_custom_year_end_template_placeholders(group, tmp_path):
    pid = org()
    for day in (3, 4, 5):
        give(pid, amount="10", date=dt.date(2025, 4, day))
    letters.save_template("year_end", "en", "{salutation},\n\n{gift_count} gifts {period}, "
                                            "{total} in all; written {today}.\n\n{gift_list}"
                                            "\n\nThanks,")
    batch = letters.year_end_letter(pid, dt.date(2025, 4, 1), dt.date(2026, 3, 31), TODAY)
    path = tmp_path / "custom.pdf"
    make_pdf(batch.letters, path)
    text, = page_texts(path)
    assert ("3 gifts from April 1, 2025 to March 31, 2026, $30.00 in all; written November 22, "
            "2026.") in text
    assert text.index("in all") < text.index("Date Gift Amount") < text.index("Thanks,")


def test_literal_gift_list_braces_in_a_cash_letter_print_as_typed(group, tmp_path):
    """`{{gift_list}}` is how a volunteer prints the word in braces; it must not become a table
    of gifts in a letter that has none."""
    cid = give(org())
    letters.save_template("cash", "en", "{salutation},\n\n{{gift_list}}\n\nThanks for {gift}.")
    letter = only(letters.letters_for([cid], TODAY))
    path = tmp_path / "braces.pdf"
    make_pdf([letter], path)
    text, = page_texts(path)
    assert "{gift_list}" in text
    assert "Date Gift Amount" not in text and "Total" not in text


# Writing the file: whole or not at all


def six_letters():
    pid = org()
    return letters.letters_for([give(pid, amount=f"{n}") for n in range(1, 7)], TODAY).letters


def leftovers(folder) -> list[str]:
    return sorted(os.listdir(folder))


def test_progress_is_reported_for_every_letter(group, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    calls = []
    path = folder / "all.pdf"
    assert make_pdf(six_letters(), path, progress=lambda *a: calls.append(a) or True) == 6
    assert calls == [(n, 6) for n in range(1, 7)]
    assert leftovers(folder) == ["all.pdf"]
    with pytest.raises(ValueError):
        make_pdf([], folder / "none.pdf")
    assert leftovers(folder) == ["all.pdf"]


def test_cancel_after_three_letters_leaves_nothing(group, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    calls = []

    def progress(done, total):
        calls.append(done)
        return done <= 3

    with pytest.raises(Cancelled):
        make_pdf(six_letters(), folder / "letters.pdf", progress=progress)
    assert calls == [1, 2, 3, 4]
    assert not (folder / "letters.pdf").exists()
    assert leftovers(folder) == []


@pytest.mark.parametrize("failure", ["cancel", "error"])
def test_a_failed_write_over_an_existing_pdf_keeps_the_old_file(group, tmp_path, failure):
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "letters.pdf"
    made = six_letters()
    make_pdf(made[:1], path)
    before = path.read_bytes()

    def progress(done, total):
        if done == 3:
            if failure == "cancel":
                return False
            raise OSError(28, "No space left on device")
        return True

    with pytest.raises(Cancelled if failure == "cancel" else OSError):
        make_pdf(made, path, progress=progress)
    assert path.read_bytes() == before
    assert len(PdfReader(path).pages) == 1
    assert leftovers(folder) == ["letters.pdf"]
    # and a write that goes through replaces it whole
    assert make_pdf(made, path) == 6
    assert len(PdfReader(path).pages) == 6 and leftovers(folder) == ["letters.pdf"]


def png(width, height) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (20, 60, 90)).save(out, "PNG")
    return out.getvalue()


def test_logo_problem_and_logo_on_the_letterhead(store, tmp_path):
    assert logo_problem(resource_path("sample-logo.png").read_bytes()) is None
    assert logo_problem(png(200, 80)) is None
    assert "not a picture" in logo_problem(b"%PDF-1.4 not an image")
    assert "not a picture" in logo_problem(b"")
    assert "too small" in logo_problem(png(8, 8))
    set_group(logo=png(300, 120))
    head = letters.letterhead()
    assert head.logo == png(300, 120)
    path = tmp_path / "logo.pdf"
    make_pdf(letters.letters_for([give(org())], TODAY).letters, path)
    page = PdfReader(path).pages[0]
    images = [ref.get_object() for ref in page["/Resources"]["/XObject"].values()
              if ref.get_object().get("/Subtype") == "/Image"]
    assert len(images) == 1
    assert "Riverbend Community Food Centre" in page_texts(path)[0]


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
    profile.save_text_settings({letters.TITLE_FR_KEY: "Présidente du conseil"})
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
