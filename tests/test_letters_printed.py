"""Every kind of thank-you letter as printed, in both languages, read back with pypdf:
recipients and salutations, names as typed, the not-a-receipt line, embedded fonts, pages and
paper, year-end summaries, writing the file whole or not at all, the logo."""

import datetime as dt
import os

import pytest
from pypdf import PdfReader

from cars_desktop.core.letter_text import (
    NOT_A_RECEIPT,
)
from cars_desktop.documents.letterhead import logo_problem
from cars_desktop.documents.letters import Cancelled
from cars_desktop.resource_files import resource_path
from cars_desktop.store import letters, partners
from cars_desktop.store.letters import LetterOptions, LetterProblem
from cars_desktop.store.models import GroupProfile
from helpers import assert_fonts_embedded, norm
from letter_kit import (
    GROUP,
    KINDS,
    LANGS,
    TODAY,
    give,
    give_kind,
    make_pdf,
    only,
    org,
    page_texts,
    person,
    png,
    set_group,
)

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


