"""`cars-desktop letters --unthanked --since`: the command line's "received since" day, the
same as the window's, run in-process through `cli.main` over a real data folder."""

import datetime as dt

import pytest

from cars_desktop import cli
from cars_desktop.core.letter_text import written_date
from cars_desktop.core.thanks import default_since
from cars_desktop.store import contributions, database, letters, partners, profile
from helpers import norm

TODAY = dt.date.today()
GROUP = {
    "name": "Riverbend Community Food Centre", "address_line1": "412 Main Street",
    "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0", "language": "en",
    "fiscal_year_start_month": 4,
}


@pytest.fixture
def ids(data_dir):
    """A recent gift, and one from before the last fiscal year, both waiting for thanks."""
    start = default_since(TODAY, 4)
    with database.open_store(data_dir):
        profile.save_group_profile(GROUP)
        pid = partners.save_partner(
            {"kind": "organisation", "name": "Department of Health", "sector": "government",
             "partnership_type": "formal", "status": "active", "language": "en",
             "address_line1": "1 Queen St", "city": "Fredericton", "province": "NB",
             "postal_code": "E3B 1A1"}, [{"name": "Mary Smith"}])

        def give(day):
            return contributions.save_contribution(
                {"partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
                 "amount": "250", "date": day, "payment_method": "cheque"})

        return {"recent": give(TODAY), "old": give(start - dt.timedelta(days=1)),
                "start": start}


def letters_cli(data_dir, *args) -> int:
    return cli.main(["letters", *map(str, args), "--data-dir", str(data_dir)])


def test_the_queue_starts_with_the_last_fiscal_year_unless_told(data_dir, ids, tmp_path,
                                                                capsys):
    path = tmp_path / "thanks.pdf"
    assert letters_cli(data_dir, "--unthanked", "--mark-thanked", "-o", path) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines()[0] == f"1 letter (1 page) written to {path}"
    day = norm(written_date(ids["start"], "en"))
    assert norm(printed.err) == (f"1 older gift not included: received before {day}. It stays "
                                 "in the thank-you queue; choose an earlier date to thank it "
                                 "too.")
    with database.open_store(data_dir, read_only=True):
        assert letters.unthanked_ids() == [ids["old"]]

    earlier = (ids["start"] - dt.timedelta(days=400)).isoformat()
    assert letters_cli(data_dir, "--unthanked", "--since", earlier, "--mark-thanked",
                       "-o", tmp_path / "old.pdf") == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines()[0].startswith("1 letter (1 page)") and printed.err == ""
    with database.open_store(data_dir, read_only=True):
        assert letters.unthanked_ids() == []


@pytest.mark.parametrize("args, message", [
    (["--contribution", "1", "--since", "2025-01-01"], "--since goes with --unthanked."),
    (["--unthanked", "--since", "2025-02-30"], "is not a date written YYYY-MM-DD"),
])
def test_since_is_explained_when_wrong(data_dir, ids, tmp_path, capsys, args, message):
    try:
        code = letters_cli(data_dir, *args, "-o", tmp_path / "x.pdf")
    except SystemExit as done:  # argparse refuses a bad date itself
        code = done.code
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
