"""Thank-you letters' texts without a window: dates, periods, hours and gifts in words;
checking and filling templates; the group's own templates and options kept in the data file."""

import datetime as dt

import pytest

from cars_desktop.core.letter_text import (
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
from cars_desktop.store import letters
from cars_desktop.store.letters import LetterOptions
from cars_desktop.store.models import Setting
from helpers import norm
from letter_kit import (
    KINDS,
    LANGS,
    TODAY,
    give,
    give_kind,
    make_pdf,
    org,
    page_texts,
)

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


