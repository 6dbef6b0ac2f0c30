"""`cars-desktop report` and `cars-desktop export`: run in-process through `cli.main` (and once
each as a real subprocess) over a real data folder; the PDFs and CSV files are read back, and
every refusal leaves no file behind."""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from cars_desktop import cli
from cars_desktop.core.letter_text import written_date
from cars_desktop.store import (
    contributions,
    database,
    maintenance,
    partners,
    profile,
    settings,
)
from cars_desktop.store.maintenance import Mark
from helpers import norm
from report_books import TITLES

GROUP = {
    "name": "Riverbend Community Food Centre", "address_line1": "412 Main Street",
    "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0",
    "signatory_name": "Anne Courchesne", "signatory_title": "Chair of the Board",
    "language": "en", "fiscal_year_start_month": 4,
}
PERIOD = ("--from", "2025-01-01", "--to", "2025-12-31")
MISSING_ALL = ("cars-desktop: Reports need your group's name, street address, town or city, "
               "province and postal code for the letterhead. Fill them in File › Group "
               "profile…")


def pdf_text(path) -> tuple[int, str]:
    pages = PdfReader(path).pages
    return len(pages), " ".join(norm(page.extract_text()) for page in pages)


def org(name, sector="corporate", language="en", contacts=(), **values) -> int:
    return partners.save_partner(
        {"kind": "organisation", "name": name, "sector": sector, "partnership_type": "formal",
         "status": "active", "language": language, **values}, list(contacts))


def give(pid, day, amount, **values) -> int:
    fields = {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
              "amount": amount, "date": day, "payment_method": "cheque", **values}
    if fields["family"] == "in_kind":
        fields.pop("payment_method")
    return contributions.save_contribution(fields)


def prepare(data_dir, group=GROUP) -> dict[str, int]:
    """A data folder as the app leaves it: a profile, partners, gifts, a review; closed."""
    with database.open_store(data_dir):
        if group:
            profile.save_group_profile(group)
        settings.save({settings.HOURLY_RATE: 2000})
        ids = {
            "lefevre": org("Quincaillerie Lefèvre", language="fr",
                           address_line1="75 rue Principale", city="Bouctouche",
                           province="NB", postal_code="E4S 3K2",
                           contacts=[{"name": "Jean Lefèvre", "role": "Owner"}]),
            "sussex": org("Town of Sussex", sector="government", city="Sussex", province="NB",
                          partner_since=dt.date(2025, 2, 1),
                          contacts=[{"name": "Mary Smith", "role": "Clerk"}]),
            "gone": org("Secret Society", sector="voluntary"),
        }
        give(ids["lefevre"], dt.date(2025, 3, 1), "1234.56", purpose="Food bank")
        give(ids["lefevre"], dt.date(2024, 6, 1), "40")
        give(ids["sussex"], dt.date(2025, 6, 2), "250", kind="annual")
        give(ids["sussex"], dt.date(2025, 8, 5), 0, family="in_kind", kind="service",
             hours="3", description="Snow clearing")
        give(ids["gone"], dt.date(2025, 4, 4), "10")
        steps = maintenance.practices()
        maintenance.save_review(ids["lefevre"], dt.date(2026, 1, 10),
                                {steps[0].id: Mark("attention", "Slow to reply"),
                                 steps[1].id: Mark("done")}, next_due=dt.date(2099, 1, 1))
        partners.erase_personal_information(ids["gone"])
    return ids


def report_cli(data_dir, *args) -> int:
    return cli.main(["report", *map(str, args), "--data-dir", str(data_dir)])


def export_cli(data_dir, *args) -> int:
    return cli.main(["export", *map(str, args), "--data-dir", str(data_dir)])


@pytest.fixture
def ids(data_dir):
    return prepare(data_dir)


def today_in(lang: str) -> str:
    return norm(written_date(dt.date.today(), lang))  # the command dates it today


# Each report


CASES = {
    "summary": (*PERIOD,),
    "impact": (*PERIOD,),
    "statement": (*PERIOD, "--partner", "{lefevre}"),
    "directory": (),
    "health": (),
    "recognition": (*PERIOD, "--by", "support"),
}
EXPECTED = {  # what each report must say, in English and French
    # the erased partner's $10 stays in the accounts: 1234.56 + 250 + 10
    "summary": (["January 1, 2025 – December 31, 2025", "Cash received $1,494.56",
                 "Value of volunteer time $60.00", "Total community support $1,554.56",
                 "Compared with the period before (January 1, 2024 – December 31, 2024)",
                 "Cash received $1,494.56 $40.00 +3,636%", "Volunteer hours 3",
                 "Partners who gave 3", "Volunteer time is valued at $20.00 an hour"],
                ["1er janvier 2025 – 31 décembre 2025", "Argent reçu 1 494,56 $",
                 "Valeur du temps donné 60,00 $", "Appui communautaire total 1 554,56 $",
                 "Argent reçu 1 494,56 $ 40,00 $ +3 636 %", "Heures de bénévolat 3"]),
    "impact": (["January 1, 2025 – December 31, 2025", "Total community support $1,554.56",
                "For every dollar of cash, partners gave $0.04 more in kind and in time.",
                "Town of Sussex Government Feb 1, 2025"],
               ["1er janvier 2025 – 31 décembre 2025", "Appui communautaire total 1 554,56 $",
                "les partenaires ont donné 0,04 $ de plus en nature et en temps.",
                "Town of Sussex Gouvernement 1er févr. 2025"]),
    "statement": (["Quincaillerie Lefèvre 75 rue Principale Bouctouche NB E4S 3K2",
                   "Mar 1, 2025 One-time gift Food bank Received $1,234.56",
                   "Cash received $1,234.56"],
                  ["Quincaillerie Lefèvre 75 rue Principale Bouctouche NB E4S 3K2",
                   "1er mars 2025 Don ponctuel Food bank Reçu 1 234,56 $",
                   "Argent reçu 1 234,56 $"]),
    "directory": (["Quincaillerie Lefèvre — Bouctouche NB Corporate · Formal Jean Lefèvre "
                   "(Owner)", "Town of Sussex — Sussex NB Government · Formal Mary Smith "
                   "(Clerk)"],
                  ["Quincaillerie Lefèvre — Bouctouche NB Entreprise · Formel Jean Lefèvre",
                   "Town of Sussex — Sussex NB Gouvernement · Formel Mary Smith"]),
    "health": (["2 active formal partners; 1 of them", "Town of Sussex Never reviewed",
                "Slow to reply"],
               ["2 partenaires formels actifs; 1 d'entre eux", "Town of Sussex Jamais revu",
                "Slow to reply"]),
    # the erased partner gave too, but is no longer named anywhere; no amount is printed
    "recognition": (["Thank you to our partners", "Riverbend Community Food Centre thanks the "
                     "2 partners who gave money, goods or time from January 1, 2025 to "
                     "December 31, 2025.", "Cash gifts Quincaillerie Lefèvre Town of Sussex "
                     "Volunteer time Town of Sussex Thank you for being part of the solution."],
                    ["Merci à nos partenaires", "Riverbend Community Food Centre remercie les 2 "
                     "partenaires qui ont donné de l'argent, des biens ou de leur temps du "
                     "1er janvier 2025 au 31 décembre 2025.", "Dons en argent Quincaillerie "
                     "Lefèvre Town of Sussex Temps donné Town of Sussex Merci de faire partie "
                     "de la solution."]),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", list(CASES))
def test_each_report_is_written(data_dir, ids, out, capsys, name, lang):
    path = out / f"{name}.pdf"
    before = (data_dir / database.DB_FILENAME).read_bytes()
    args = [a.format(**ids) for a in CASES[name]]
    assert report_cli(data_dir, name, *args, "--lang", lang, "-o", path) == 0
    printed = capsys.readouterr()
    pages, text = pdf_text(path)
    assert printed.out.strip() == \
        f"Report written to {path} ({pages} page{'s' if pages != 1 else ''})."
    assert printed.err == ""
    assert TITLES[name][lang == "fr"] in text
    assert ("Prepared on " if lang == "en" else "Préparé le ") + today_in(lang) in text
    assert (f"Page 1 of {pages}" if lang == "en" else f"Page 1 de {pages}") in text
    missing = [phrase for phrase in EXPECTED[name][lang == "fr"] if phrase not in text]
    assert not missing, (missing, text)
    assert "Secret Society" not in text
    assert os.listdir(out) == [path.name]
    # reports only read: the data file is as it was
    assert (data_dir / database.DB_FILENAME).read_bytes() == before


def test_the_groups_language_is_the_default(data_dir, ids, out, capsys):
    with database.open_store(data_dir):
        profile.save_group_profile({**GROUP, "language": "fr"})
    path = out / "sommaire.pdf"
    assert report_cli(data_dir, "summary", *PERIOD, "-o", path) == 0
    _, text = pdf_text(path)
    assert "Sommaire des contributions" in text and "Argent reçu 1 494,56 $" in text
    assert report_cli(data_dir, "summary", *PERIOD, "--lang", "en", "-o", path) == 0
    assert "Contributions summary" in pdf_text(path)[1]


def test_paper_size(data_dir, ids, out):
    path = out / "a4.pdf"
    assert report_cli(data_dir, "directory", "--paper", "a4", "-o", path) == 0
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    assert report_cli(data_dir, "directory", "--paper", "letter", "-o", path) == 0
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_an_empty_period_makes_a_sound_report(data_dir, ids, out, capsys):
    path = out / "empty.pdf"
    assert report_cli(data_dir, "summary", "--from", "2010-01-01", "--to", "2010-12-31",
                      "-o", path) == 0
    pages, text = pdf_text(path)
    assert pages == 1 and "Nothing was recorded in this period." in text
    assert report_cli(data_dir, "statement", "--from", "2010-01-01", "--to", "2010-12-31",
                      "--partner", ids["lefevre"], "--lang", "fr", "-o", path) == 0
    assert "Rien n'a été inscrit pendant cette période." in pdf_text(path)[1]


def test_a_period_across_the_fiscal_year_end(data_dir, ids, out):
    path = out / "half.pdf"
    assert report_cli(data_dir, "summary", "--from", "2025-01-01", "--to", "2025-06-30",
                      "-o", path) == 0
    _, text = pdf_text(path)
    # the group's fiscal year starts in April: gifts in March, April and June
    assert "Cash received $1,494.56" in text
    assert "Compared with the period before (July 1, 2024 – December 31, 2024)" in text
    assert "Cash received $1,494.56 $0.00 new" in text


def test_statement_by_name_folds_case_and_accents(data_dir, ids, out):
    path = out / "s.pdf"
    assert report_cli(data_dir, "statement", *PERIOD, "--partner", "quincaillerie LEFEVRE",
                      "-o", path) == 0
    assert "Quincaillerie Lefèvre" in pdf_text(path)[1]


@pytest.mark.parametrize("partner, message", [
    ("Nobody", "cars-desktop: No partner is named “Nobody”."),
    ("99999", "cars-desktop: That partner no longer exists."),
    ("{gone}", "cars-desktop: That partner no longer exists."),  # erased
])
def test_statement_for_no_such_partner(data_dir, ids, out, capsys, partner, message):
    path = out / "s.pdf"
    assert report_cli(data_dir, "statement", *PERIOD, "--partner", partner.format(**ids),
                      "-o", path) == 2
    printed = capsys.readouterr()
    assert printed.err.strip() == message and printed.out == ""
    assert os.listdir(out) == []


def test_statement_for_a_name_two_partners_share(data_dir, ids, out, capsys):
    with database.open_store(data_dir):
        org("Town of Sussex", sector="government")
    assert report_cli(data_dir, "statement", *PERIOD, "--partner", "Town of Sussex", "-o",
                      out / "s.pdf") == 2
    assert capsys.readouterr().err.strip() == (
        "cars-desktop: 2 partners are named “Town of Sussex”: give the partner's number "
        "instead.")
    assert os.listdir(out) == []


# Refusals: exit 2, a plain message, no file


@pytest.mark.parametrize("name, args, message", [
    ("summary", (), "The summary report needs its period: --from YYYY-MM-DD --to YYYY-MM-DD"),
    ("summary", ("--from", "2025-01-01"),
     "The summary report needs its period: --from YYYY-MM-DD --to YYYY-MM-DD"),
    ("impact", ("--to", "2025-12-31"),
     "The impact report needs its period: --from YYYY-MM-DD --to YYYY-MM-DD"),
    ("statement", ("--partner", "1"),
     "The statement report needs its period: --from YYYY-MM-DD --to YYYY-MM-DD"),
    ("statement", PERIOD, "A statement is for one partner: --partner NUMBER or --partner NAME"),
    ("summary", ("--from", "2025-12-31", "--to", "2025-01-01"),
     "The period ends before it starts. Check the two dates."),
    ("statement", ("--from", "2025-12-31", "--to", "2025-01-01", "--partner", "1"),
     "The period ends before it starts. Check the two dates."),
])
def test_what_a_report_needs(data_dir, ids, out, capsys, name, args, message):
    assert report_cli(data_dir, name, *args, "-o", out / "r.pdf") == 2
    printed = capsys.readouterr()
    assert printed.err.strip() == f"cars-desktop: {message}"
    assert printed.out == ""
    assert os.listdir(out) == []


def test_into_a_missing_folder(data_dir, ids, tmp_path, capsys):
    path = tmp_path / "nowhere" / "r.pdf"
    assert report_cli(data_dir, "directory", "-o", path) == 2
    assert capsys.readouterr().err.strip() == \
        f"cars-desktop: The folder {path.parent} does not exist."
    assert not path.parent.exists()


def test_into_a_folder(data_dir, ids, out, capsys):
    assert report_cli(data_dir, "health", "-o", out) == 2
    assert capsys.readouterr().err.strip() == \
        f"cars-desktop: {out} is a folder. Give a file name, such as {out / 'report.pdf'}"
    assert os.listdir(out) == []


@pytest.mark.parametrize("group, message", [
    (None, MISSING_ALL),
    ({"name": "Riverbend", "language": "en", "fiscal_year_start_month": 1},
     "cars-desktop: Reports need your group's street address, town or city, province and "
     "postal code for the letterhead. Fill them in File › Group profile…"),
    ({**GROUP, "postal_code": ""},
     "cars-desktop: Reports need your group's postal code for the letterhead. Fill them in "
     "File › Group profile…"),
])
@pytest.mark.parametrize("name", ["summary", "directory"])
def test_a_profile_without_name_or_address(data_dir, out, capsys, group, message, name):
    prepare(data_dir, group=group)
    args = PERIOD if name == "summary" else ()
    assert report_cli(data_dir, name, *args, "-o", out / "r.pdf") == 2
    printed = capsys.readouterr()
    assert printed.err.strip() == message and printed.out == ""
    assert os.listdir(out) == []


def test_a_bad_date_is_refused_by_the_parser(data_dir, ids, out, capsys):
    with pytest.raises(SystemExit) as exit_:
        report_cli(data_dir, "summary", "--from", "2025-13-01", "--to", "2025-12-31", "-o",
                   out / "r.pdf")
    assert exit_.value.code == 2
    assert "“2025-13-01” is not a date written YYYY-MM-DD" in capsys.readouterr().err
    assert os.listdir(out) == []


def test_a_report_from_a_real_process(data_dir, ids, out):
    path = out / "summary.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "cars_desktop", "report", "summary", *PERIOD, "--lang", "fr",
         "-o", str(path), "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONUTF8": "1"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(f"Report written to {path} (")
    assert "Argent reçu 1 494,56 $" in pdf_text(path)[1]
    done = subprocess.run(
        [sys.executable, "-m", "cars_desktop", "report", "summary", "-o", str(path),
         "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "needs its period" in done.stderr


# Export


@pytest.mark.parametrize("what, count, printed, header", [
    ("partners", 2, "2 partners", ["ID", "Name", "Kind", "Sector"]),
    ("contacts", 2, "2 contact people", ["Partner ID", "Partner", "Name", "Role"]),
    ("contributions", 5, "5 contributions", ["ID", "Partner ID", "Partner", "Contact person"]),
])
def test_export_writes_and_prints_the_count(data_dir, ids, out, capsys, what, count, printed,
                                           header):
    path = out / f"{what}.csv"
    before = (data_dir / database.DB_FILENAME).read_bytes()
    assert export_cli(data_dir, what, path) == 0
    result = capsys.readouterr()
    assert result.out.strip() == f"{printed} exported to {path}."
    assert result.err == ""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == header and len(rows) == count + 1
    assert os.listdir(out) == [path.name]
    assert (data_dir / database.DB_FILENAME).read_bytes() == before
    if what == "partners":
        assert "Secret Society" not in raw.decode("utf-8-sig")


def test_export_of_one_says_one(data_dir, out, capsys):
    with database.open_store(data_dir):
        org("Lions Club", contacts=[{"name": "Ann Baker"}])
    assert export_cli(data_dir, "partners", out / "p.csv") == 0
    assert capsys.readouterr().out.strip() == f"1 partner exported to {out / 'p.csv'}."
    assert export_cli(data_dir, "contacts", out / "c.csv") == 0
    assert capsys.readouterr().out.strip() == f"1 contact person exported to {out / 'c.csv'}."


def test_export_counts_with_thousands(tmp_path, out, capsys):
    data = tmp_path / "sample"
    assert cli.main(["sample-data", "--partners", "60", "--contributions", "1200", "--seed",
                     "4", "--data-dir", str(data)]) == 0
    capsys.readouterr()
    path = out / "all.csv"
    assert export_cli(data, "contributions", path) == 0
    assert capsys.readouterr().out.strip() == f"1,200 contributions exported to {path}."
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) >= 1201


def test_export_into_a_missing_folder(data_dir, ids, tmp_path, capsys):
    path = tmp_path / "nowhere" / "partners.csv"
    assert export_cli(data_dir, "partners", path) == 2
    assert capsys.readouterr().err.strip() == \
        f"cars-desktop: The folder {path.parent} does not exist."
    assert not path.parent.exists()


def test_export_into_a_folder(data_dir, ids, out, capsys):
    assert export_cli(data_dir, "contacts", out) == 2
    assert capsys.readouterr().err.strip() == \
        f"cars-desktop: {out} is a folder. Give a file name, such as {out / 'contacts.csv'}"
    assert os.listdir(out) == []


def test_export_from_a_real_process(data_dir, ids, out):
    path = out / "partners.csv"
    done = subprocess.run(
        [sys.executable, "-m", "cars_desktop", "export", "partners", str(path), "--data-dir",
         str(data_dir)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"2 partners exported to {path}."
    done = subprocess.run(
        [sys.executable, "-m", "cars_desktop", "export", "partners",
         str(out / "missing" / "p.csv"), "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert os.listdir(out) == ["partners.csv"]
