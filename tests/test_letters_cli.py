"""`cars-desktop letters`: thank-you letters from the command line, run in-process through
`cli.main` and as a real subprocess, over a real data folder; the PDFs are read back."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from cars_desktop import cli
from cars_desktop.core.letter_text import written_date
from cars_desktop.store import contributions, database, letters, partners, profile
from cars_desktop.store.models import Acknowledgement, Contribution
from helpers import norm

GROUP = {
    "name": "Riverbend Community Food Centre", "address_line1": "412 Main Street",
    "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0",
    "signatory_name": "Anne Courchesne", "signatory_title": "Chair of the Board",
    "language": "en", "fiscal_year_start_month": 1,
}
MISSING_ALL = ("Letters need your group's name, street address, town or city, province and "
               "postal code for the letterhead. Fill them in File › Group profile…")


def page_texts(path) -> list[str]:
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


def today_in(lang: str) -> str:
    return written_date(dt.date.today(), lang).replace("\u00a0", " ")  # dated today


def org(name, contact, language="en", **changes) -> int:
    values = {"kind": "organisation", "name": name, "sector": "corporate",
              "partnership_type": "formal", "status": "active", "language": language,
              "address_line1": "75 rue Principale", "city": "Bouctouche", "province": "NB",
              "postal_code": "E4S 3K2", **changes}
    return partners.save_partner(values, [{"name": contact}])


def give(pid, **changes) -> int:
    values = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "250", "date": dt.date(2025, 5, 1), "payment_method": "cheque",
              "purpose": "", **changes}
    return contributions.save_contribution(values)


def prepare(data_dir, group=GROUP) -> dict[str, int]:
    """A data folder as the app leaves it: a profile, three partners, their gifts; closed."""
    with database.open_store(data_dir):
        if group:
            profile.save_group_profile(group)
        lefevre = org("Quincaillerie Lefèvre", "Jean Lefèvre", "fr")
        sussex = org("Town of Sussex", "Mary Smith", "en")
        roy = org("Caisse Roy", "Lise Roy", "fr")
        ids = {
            "lefevre": lefevre, "sussex": sussex, "roy": roy,
            "l1": give(lefevre, amount="1234.56", date=dt.date(2025, 3, 1)),
            "l2": give(lefevre, amount="100", date=dt.date(2025, 9, 15), kind="annual"),
            "s1": give(sussex, amount="75.50", date=dt.date(2025, 6, 2)),
            "r1": give(roy, amount="40", date=dt.date(2024, 6, 2)),
        }
        contributions.mark_thanked([ids["r1"]], dt.date(2024, 6, 10), "call")
    return ids


def letters_cli(data_dir, *args) -> int:
    return cli.main(["letters", *map(str, args), *since(args), "--data-dir", str(data_dir)])


def since(args) -> list[str]:
    """The sample gifts are dated 2025: thank from then on, whatever day the tests run
    (without it, the queue starts with the last fiscal year; see tests/test_thanks_*)."""
    return ["--since", "2025-01-01"] if "--unthanked" in args and "--since" not in args else []


def in_store(data_dir, read):
    with database.open_store(data_dir, read_only=True):
        return read()


@pytest.fixture
def ids(data_dir):
    return prepare(data_dir)


def test_unthanked_letters_without_marking_them(data_dir, ids, out, capsys):
    path = out / "thanks.pdf"
    before = (data_dir / database.DB_FILENAME).read_bytes()
    assert letters_cli(data_dir, "--unthanked", "-o", path) == 0
    printed = capsys.readouterr()
    # one letter per partner: Lefèvre's two gifts are thanked together
    assert printed.out.strip() == f"2 letters (2 pages) written to {path}"
    assert printed.err == ""
    lefevre, sussex = page_texts(path)
    assert "Bonjour Jean Lefèvre," in lefevre and "merci pour vos dons" in lefevre
    assert "1er mars 2025" in lefevre and "1 234,56 $" in lefevre and "100,00 $" in lefevre
    assert "Total 1 334,56 $" in lefevre and today_in("fr") in lefevre
    assert "Dear Mary Smith," in sussex and "your gift of $75.50" in sussex
    assert today_in("en") in sussex and "Anne Courchesne" in sussex
    assert all("Caisse Roy" not in text for text in (lefevre, sussex))
    assert os.listdir(out) == ["thanks.pdf"]
    # a letter for each gift, when asked
    again = out / "each.pdf"
    assert letters_cli(data_dir, "--unthanked", "--one-per-gift", "-o", again) == 0
    assert capsys.readouterr().out.strip() == f"3 letters (3 pages) written to {again}"
    again.unlink()
    # read only: the data file was not touched, and the queue is as it was
    assert (data_dir / database.DB_FILENAME).read_bytes() == before
    assert in_store(data_dir, letters.unthanked_ids) == [ids["l1"], ids["l2"], ids["s1"]]


def test_mark_thanked_records_and_prints_counts(data_dir, ids, out, capsys):
    path = out / "thanks.pdf"
    assert letters_cli(data_dir, "--unthanked", "--mark-thanked", "-o", path) == 0
    today = dt.date.today()
    assert capsys.readouterr().out.splitlines() == [
        f"2 letters (2 pages) written to {path}",
        f"3 contributions marked thanked by letter on {today:%Y-%m-%d}.",
    ]
    assert len(PdfReader(path).pages) == 2

    def state():
        acks = [(a.contribution_id, a.method, a.date) for a in
                Acknowledgement.select().order_by(Acknowledgement.contribution)]
        thanked = {c.id: c.thanked_on for c in Contribution.select()}
        return letters.unthanked_ids(), acks, thanked

    queue, acks, thanked = in_store(data_dir, state)
    assert queue == []
    assert acks == [(ids["l1"], "letter", today), (ids["l2"], "letter", today),
                    (ids["s1"], "letter", today), (ids["r1"], "call", dt.date(2024, 6, 10))]
    assert thanked == {ids["l1"]: today, ids["l2"]: today, ids["s1"]: today,
                       ids["r1"]: dt.date(2024, 6, 10)}

    again = out / "again.pdf"
    assert letters_cli(data_dir, "--unthanked", "--mark-thanked", "-o", again) == 0
    assert capsys.readouterr().out.strip() == "There is no one to thank: no letter was made."
    assert not again.exists()


def test_chosen_contributions_language_and_paper(data_dir, ids, out, capsys):
    path = out / "chosen.pdf"
    assert letters_cli(data_dir, "--contribution", ids["s1"], 99999, ids["r1"], "--lang", "fr",
                       "--paper", "a4", "-o", path) == 0
    printed = capsys.readouterr()
    assert printed.out.strip() == f"2 letters (2 pages) written to {path}"
    assert "No letter: Contribution 99999 no longer exists." in printed.err
    sussex, roy = page_texts(path)
    assert "Bonjour Mary Smith," in sussex and "votre don de 75,50 $" in sussex
    assert today_in("fr") in sussex
    assert "Bonjour Lise Roy," in roy and "40,00 $" in roy  # thanked before: asked for anyway
    for page in PdfReader(path).pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == \
            (595, 842)
    assert in_store(data_dir, lambda: Contribution.get_by_id(ids["s1"]).thanked_on) is None


def test_paper_saved_in_the_app_is_used_unless_one_is_given(data_dir, ids, out, capsys):
    with database.open_store(data_dir):
        letters.save_letter_options(letters.LetterOptions(paper="a4", not_a_receipt=True))
    saved, given = out / "saved.pdf", out / "given.pdf"
    assert letters_cli(data_dir, "--contribution", ids["s1"], "-o", saved) == 0
    assert letters_cli(data_dir, "--contribution", ids["s1"], "--paper", "letter",
                       "-o", given) == 0
    assert round(float(PdfReader(saved).pages[0].mediabox.height)) == 842
    assert round(float(PdfReader(given).pages[0].mediabox.height)) == 792
    for path in (saved, given):
        assert "This letter is not an official receipt for income tax purposes." in \
            page_texts(path)[0]
    assert in_store(data_dir, letters.letter_options).paper == "a4"  # --paper saved nothing


@pytest.mark.parametrize("partner", ["quincaillerie lefèvre", "QUINCAILLERIE LEFÈVRE", "number"])
def test_year_end_summary_by_name_or_number(data_dir, ids, out, capsys, partner):
    chosen = str(ids["lefevre"]) if partner == "number" else partner
    path = out / "summary.pdf"
    assert letters_cli(data_dir, "--year-end", chosen, "--from", "2025-01-01", "--to",
                       "2025-12-31", "--lang", "en", "--mark-thanked", "-o", path) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"1 letter (1 page) written to {path}"
    assert lines[1] == f"2 contributions marked thanked by letter on {dt.date.today():%Y-%m-%d}."
    text, = page_texts(path)
    for phrase in ["Dear Jean Lefèvre,", "Thank you for standing with Riverbend Community "
                   "Food Centre in 2025", "March 1, 2025 One-time gift $1,234.56",
                   "September 15, 2025 Annual renewable gift $100.00", "Total $1,334.56",
                   "Anne Courchesne"]:
        assert phrase in text, f"{phrase!r} missing from {text!r}"
    assert in_store(data_dir, letters.unthanked_ids) == [ids["s1"]]


@pytest.mark.parametrize("args, message", [
    (["--year-end", "Nobody", "--from", "2025-01-01", "--to", "2025-12-31"],
     "No partner is named “Nobody”."),
    (["--year-end", "99999", "--from", "2025-01-01", "--to", "2025-12-31"],
     "That partner no longer exists"),
    (["--year-end", "Town of Sussex", "--from", "2026-01-01", "--to", "2026-06-30"],
     "Town of Sussex has no gift received from January 1, 2026 to June 30, 2026: there is "
     "nothing to summarise. Choose another period."),
    (["--year-end", "Town of Sussex", "--from", "2025-12-31", "--to", "2025-01-01"],
     "The period ends before it starts."),
    (["--year-end", "Town of Sussex", "--from", "2025-01-01"],
     "a year-end summary needs its period: --from YYYY-MM-DD --to YYYY-MM-DD"),
])
def test_year_end_problems_exit_2_with_a_plain_message(data_dir, ids, out, capsys, args,
                                                       message):
    path = out / "summary.pdf"
    assert letters_cli(data_dir, *args, "--mark-thanked", "-o", path) == 2
    printed = capsys.readouterr()
    assert message in printed.err.replace("\u00a0", " ")
    assert printed.err.startswith("cars-desktop: ")
    assert "Traceback" not in printed.err and printed.out == ""
    assert os.listdir(out) == []
    assert in_store(data_dir, letters.unthanked_ids) == [ids["l1"], ids["l2"], ids["s1"]]


def test_two_partners_with_the_same_name_ask_for_the_number(data_dir, ids, out, capsys):
    with database.open_store(data_dir):
        give(org("Town of Sussex", "Other Person"))
    path = out / "summary.pdf"
    assert letters_cli(data_dir, "--year-end", "Town of Sussex", "--from", "2025-01-01",
                       "--to", "2025-12-31", "-o", path) == 2
    assert ("2 partners are named “Town of Sussex”: give the partner's number instead."
            in capsys.readouterr().err)
    assert not path.exists()


def test_missing_output_folder_exits_2(data_dir, ids, tmp_path, capsys):
    path = tmp_path / "no such folder" / "thanks.pdf"
    assert letters_cli(data_dir, "--unthanked", "--mark-thanked", "-o", path) == 2
    err = capsys.readouterr().err
    assert f"The folder {path.parent} does not exist." in err
    assert not path.parent.exists()
    assert in_store(data_dir, letters.unthanked_ids) == [ids["l1"], ids["l2"], ids["s1"]]


def test_output_that_is_a_folder_exits_2_with_a_plain_message(data_dir, ids, out, capsys):
    folder = out / "letters.pdf"
    folder.mkdir()
    assert letters_cli(data_dir, "--unthanked", "--mark-thanked", "-o", folder) == 2
    err = capsys.readouterr().err
    assert err.startswith("cars-desktop: ") and str(folder) in err
    assert folder.is_dir() and os.listdir(out) == ["letters.pdf"]
    assert in_store(data_dir, letters.unthanked_ids) == [ids["l1"], ids["l2"], ids["s1"]]


@pytest.mark.parametrize("group, message", [
    (None, MISSING_ALL),
    ({**GROUP, "address_line1": "", "postal_code": ""},
     "Letters need your group's street address and postal code for the letterhead. Fill them "
     "in File › Group profile…"),
    ({**GROUP, "name": ""}, "Letters need your group's name for the letterhead."),
])
def test_profile_without_name_or_address_is_refused(data_dir, out, capsys, group, message):
    ids = prepare(data_dir, group)
    path = out / "thanks.pdf"
    assert letters_cli(data_dir, "--unthanked", "--mark-thanked", "-o", path) == 2
    printed = capsys.readouterr()
    assert printed.err.startswith(f"cars-desktop: {message}")
    assert printed.out == ""
    assert not path.exists() and os.listdir(out) == []
    assert in_store(data_dir, letters.unthanked_ids) == [ids["l1"], ids["l2"], ids["s1"]]


def test_partner_without_address_is_named(data_dir, ids, out, capsys):
    with database.open_store(data_dir):
        pid = partners.save_partner(
            {"kind": "person", "name": "Sam Nowhere", "sector": "community",
             "partnership_type": "casual", "status": "active", "language": "en"}, [])
        cid = give(pid)
    path = out / "thanks.pdf"
    assert letters_cli(data_dir, "--contribution", cid, ids["s1"], "-o", path) == 0
    printed = capsys.readouterr()
    assert printed.out.strip() == f"2 letters (2 pages) written to {path}"
    assert "Without a postal address: Sam Nowhere" in printed.err
    assert "Dear Sam Nowhere," in page_texts(path)[0]


@pytest.mark.parametrize("args, message", [
    (["--unthanked", "--contribution", "1"], "not allowed with argument"),
    ([], "one of the arguments --unthanked --contribution --year-end is required"),
    (["--unthanked", "--lang", "de"], "invalid choice"),
    (["--year-end", "Town of Sussex", "--from", "2025-13-01", "--to", "2025-12-31"],
     "is not a date written YYYY-MM-DD"),
    (["--contribution", "-4"], "cannot be negative"),
])
def test_bad_arguments_are_explained(data_dir, out, capsys, args, message):
    with pytest.raises(SystemExit) as done:
        letters_cli(data_dir, *args, "-o", out / "x.pdf")
    assert done.value.code == 2
    assert message in capsys.readouterr().err
    assert os.listdir(out) == []


def test_no_output_is_refused(data_dir, capsys):
    with pytest.raises(SystemExit) as done:
        letters_cli(data_dir, "--unthanked")
    assert done.value.code == 2
    assert "-o/--output" in capsys.readouterr().err


# As a real command


def run(*args):
    return subprocess.run([sys.executable, "-m", "cars_desktop", *map(str, args), *since(args)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_as_a_subprocess(data_dir, ids, out):
    path = out / "thanks.pdf"
    done = run("letters", "--unthanked", "--mark-thanked", "--paper", "a4", "-o", path,
               "--data-dir", data_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"2 letters (2 pages) written to {path}",
        f"3 contributions marked thanked by letter on {dt.date.today():%Y-%m-%d}.",
    ]
    texts = page_texts(path)
    assert len(texts) == 2 and "Bonjour Jean Lefèvre," in texts[0]
    assert round(float(PdfReader(path).pages[0].mediabox.width)) == 595
    assert in_store(data_dir, letters.unthanked_ids) == []
    assert os.listdir(out) == ["thanks.pdf"]

    again = run("letters", "--year-end", "Nobody", "--from", "2025-01-01", "--to", "2025-12-31",
                "-o", out / "summary.pdf", "--data-dir", data_dir)
    assert again.returncode == 2
    assert again.stderr.strip() == "cars-desktop: No partner is named “Nobody”."


def test_subprocess_refuses_a_profile_without_address(data_dir, out):
    prepare(data_dir, group=None)
    done = run("letters", "--unthanked", "-o", out / "thanks.pdf", "--data-dir", data_dir)
    assert done.returncode == 2
    assert done.stderr.strip() == f"cars-desktop: {MISSING_ALL}"
    assert os.listdir(out) == []


def test_while_the_app_is_open_letters_print_but_marking_waits(store, out):
    """`store` holds the data folder as the open window would."""
    profile.save_group_profile(GROUP)
    cid = give(org("Town of Sussex", "Mary Smith"))
    path = out / "thanks.pdf"
    printed = run("letters", "--unthanked", "-o", path, "--data-dir", store.data_dir)
    assert printed.returncode == 0, printed.stderr
    assert "Dear Mary Smith," in page_texts(path)[0]
    marking = run("letters", "--unthanked", "--mark-thanked", "-o", out / "again.pdf",
                  "--data-dir", store.data_dir)
    assert marking.returncode == 2
    assert "already open" in marking.stderr and "Traceback" not in marking.stderr
    assert not (out / "again.pdf").exists()
    assert letters.unthanked_ids() == [cid]
