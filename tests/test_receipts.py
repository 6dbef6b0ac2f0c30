"""Official donation receipts, checked against the Canada Revenue Agency's pages: "What
information must be on an official donation receipt" (section 3501 of the Income Tax
Regulations), "Split-receipting and deemed fair market value" (the advantage, its $75 / 10 %
de minimis threshold and the 80 % limit), "Issuing complete and accurate donation receipts"
(no receipt for services), "Computer-generated receipts" and the replacement of a lost
receipt ("cancels and replaces")."""

import datetime as dt
import hashlib
import io
import json
import sqlite3

import peewee as pw
import pytest
from pypdf import PdfReader

from cars_desktop.core.receipts import advantage_counted, receipt_advice
from cars_desktop.store import (
    backups,
    contributions,
    database,
    receipt_journal,
    receipt_register,
    receipts,
    settings,
)
from cars_desktop.store.errors import StoreError
from cars_desktop.store.models import Receipt, ReceiptGift, db
from helpers import norm
from letter_kit import give, org, set_group

TODAY = dt.date(2027, 1, 15)


def text_of(pdf: bytes) -> str:
    return norm(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture
def charity(store):
    from cars_desktop.resource_files import resource_path
    from cars_desktop.store.profile import group_profile

    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    profile = group_profile()
    profile.signature = resource_path("sample-signature.png").read_bytes()  # a scanned one
    profile.save()
    return store


# The rules


@pytest.mark.parametrize("amount, advantage, counted", [
    (100_000, 7_500, 0),  # $75 on $1,000: no more than $75 and 10 %: not taken off
    (50_000, 5_000, 0),  # $50 on $500: exactly 10 %
    (50_000, 5_001, 5_001),  # a cent over 10 %
    (200_000, 7_501, 7_501),  # a cent over $75
    (10_000, 0, 0),
])
def test_the_de_minimis_threshold(amount, advantage, counted):
    assert advantage_counted(amount, advantage) == counted


def test_the_rules_of_what_may_be_receipted():
    assert receipt_advice("one_time", "received", 10_000, 8_000).eligible  # 80 %: still
    assert not receipt_advice("one_time", "received", 10_000, 8_001).eligible  # over 80 %
    assert receipt_advice("one_time", "received", 10_000, 8_000).eligible_cents == 2_000
    assert not receipt_advice("service", "received", 10_000).eligible  # labour, advice
    assert "cannot be receipted" in receipt_advice("service", "received", 10_000).explanation
    assert not receipt_advice("products", "received", 0, in_kind=True).eligible  # no value
    assert not receipt_advice("one_time", "pledged", 10_000).eligible
    assert not receipt_advice("one_time", "received", 10_000, registered=False).eligible
    refused = receipt_advice("one_time", "received", 10_000, platform_receipt="CH-88812")
    assert not refused.eligible and "CH-88812" in refused.explanation


# Issuing


def test_a_receipt_holds_every_element_the_cra_asks_for(charity):
    donor = org("Marie-Hélène Brûlé", contact="", kind="person", language="en")
    gift = give(donor, amount="250", date=dt.date(2026, 11, 3), advantage="30",
                advantage_description="Gala dinner ticket")
    done = receipts.issue(TODAY, [gift])
    assert done.skipped == [] and len(done.receipts) == 1
    receipt = done.receipts[0]
    text = text_of(bytes(receipt.pdf))
    for element in ("Official receipt for income tax purposes",  # the statement
                    "Riverbend Community Food Centre", "412 Main Street",  # name, address
                    "Receipt No. 2027-0001",  # a unique serial number
                    "123456789 RR 0001",  # the registration number
                    "Place issued Riverbend, MB",  # where it was issued
                    "Date the gift was received November 3, 2026",
                    "Date issued January 15, 2027",
                    "Marie-Hélène Brûlé", "75 rue Principale", "Bouctouche NB E4S 3K2",
                    "Amount of the gift $250.00",
                    "Value of the advantage received $30.00", "Gala dinner ticket",
                    "Eligible amount of the gift for tax purposes $220.00",
                    "Anne Courchesne", "Authorized signature",
                    "Canada Revenue Agency: canada.ca/charities-giving"):
        assert element in text, element
    assert "DUPLICATE" not in text
    copy = text_of(receipts.duplicate_of(receipt.serial)[1])  # the receipt as kept, marked
    assert copy.count("DUPLICATE") == 2 and copy.replace("DUPLICATE", "").split() == \
        text.split()
    assert bytes(receipt.duplicate_pdf) == b""  # only the original is kept
    assert receipt.sha256 == hashlib.sha256(bytes(receipt.pdf)).hexdigest()
    assert receipts.why_not(receipt.gifts[0].contribution) == \
        "It is on receipt 2027-0001 already."


def test_a_gift_in_kind_gives_its_description_value_and_appraiser(charity):
    donor = org("Quincaillerie Lefèvre", language="fr")
    gift = give(donor, family="in_kind", kind="products", amount="1500",
                description="Un réfrigérateur commercial", payment_method="",
                date=dt.date(2026, 6, 2))
    asked = receipts.issue(TODAY, [gift])
    assert asked.receipts == [] and "appraised" in asked.skipped[0]  # over $1,000: asked
    done = receipts.issue(TODAY, [gift], unappraised=frozenset({gift}))
    text = text_of(bytes(done.receipts[0].pdf))
    for element in ("Reçu officiel aux fins de l'impôt sur le revenu",
                    "Juste valeur marchande du don 1 500,00 $",
                    "Description du don Un réfrigérateur commercial",
                    "Non évalué par un évaluateur indépendant",
                    "Date de réception du don 2 juin 2026",
                    "Agence du revenu du Canada : canada.ca/organismes-bienfaisance-dons"):
        assert element in text, element


def test_an_appraised_gift_names_its_appraiser_or_waits_for_one(charity):
    donor = org("Hardware Co-op")
    gift = give(donor, family="in_kind", kind="products", amount="2400", appraised=True,
                description="A walk-in freezer", payment_method="", date=dt.date(2026, 6, 2))
    asked = receipts.issue(TODAY, [gift])
    assert asked.receipts == [] and "who appraised it" in asked.skipped[0]
    values = contributions.load_contribution(gift)
    contributions.save_contribution({**values, "amount": values["amount_cents"],
                                     "advantage": 0, "hours": "",
                                     "appraiser": "Marie Cormier, 4 Quai St, Caraquet NB"}, gift)
    text = text_of(bytes(receipts.issue(TODAY, [gift]).receipts[0].pdf))
    assert "Appraised by Marie Cormier, 4 Quai St, Caraquet NB" in text
    assert "Fair market value of the gift $2,400.00" in text
    not_appraised = give(donor, family="in_kind", kind="products", amount="50",
                         description="Paint", payment_method="", appraiser="Someone")
    assert contributions.load_contribution(not_appraised)["appraiser"] == ""  # not kept


def test_the_year_receipt_gathers_each_donors_cash_gifts(charity):
    anne = org("Anne Leblanc", contact="", kind="person")
    coop = org("Coop Évangéline")
    for month in (2, 5, 9):
        give(anne, amount="100", date=dt.date(2026, month, 1))
    give(coop, amount="500", date=dt.date(2026, 3, 1))
    give(coop, family="in_kind", kind="products", amount="80", description="Pommes",
         payment_method="", date=dt.date(2026, 10, 1))
    give(coop, kind="service", family="in_kind", amount="", hours="4", payment_method="",
         date=dt.date(2026, 4, 1))  # time is a service: never receipted
    give(anne, amount="40", date=dt.date(2025, 12, 30))  # another year
    done = receipts.issue(TODAY, year=2026)
    assert [reason for reason in done.skipped if "cannot be receipted" in reason] == [
        "Coop Évangéline, 2026-04-01: Services and labour are not property, so they cannot be "
        "receipted (the giver can be paid and give the money back instead)."]
    kinds = sorted((r.partner.name, r.kind, r.amount_cents) for r in done.receipts)
    assert kinds == [("Anne Leblanc", "year", 30_000), ("Coop Évangéline", "in_kind", 8_000),
                     ("Coop Évangéline", "year", 50_000)]
    anne_receipt = next(r for r in done.receipts if r.partner.name == "Anne Leblanc")
    text = text_of(bytes(anne_receipt.pdf))
    assert "Year the gifts were received 2026" in text and "$300.00" in text
    assert receipts.issue(TODAY, year=2026).receipts == []  # a second run issues nothing new


def test_serials_follow_each_other_and_are_never_given_twice(charity, data_dir):
    donor = org("Anne Leblanc", contact="", kind="person")
    gifts = [give(donor, amount="10", date=dt.date(2026, 5, day)) for day in (1, 2, 3)]
    first = receipts.issue(TODAY, gifts[:2]).receipts
    assert [r.serial for r in first] == ["2027-0001", "2027-0002"]
    # the data as it was before those two (a backup restored): their numbers were given
    # out already, so the next is 3
    db.execute_sql("PRAGMA foreign_keys = OFF")
    with db.atomic():
        db.execute_sql("DROP TRIGGER receipt_never_deleted")
        db.execute_sql("DROP TRIGGER receipt_gift_never_deleted")
        db.execute_sql("DELETE FROM receipt_gift")
        db.execute_sql("DELETE FROM receipt")
    db.execute_sql("PRAGMA foreign_keys = ON")
    assert receipts.issue(TODAY, [gifts[2]]).receipts[0].serial == "2027-0003"
    assert (data_dir / receipt_journal.NUMBERS_FILE).is_file()
    # nor are the gifts of those two receipted again, and the register says where they went
    again = receipts.issue(TODAY, gifts[:2])
    assert again.receipts == [] and "It is on receipt 2027-0001, issued on 2027-01-15, which " \
        "this data does not hold" in again.skipped[0]
    rows = receipt_register.register_rows()
    assert [(row["serial"], row["status"]) for row in rows] == [
        ("2027-0001", "issued, not in this data"), ("2027-0002", "issued, not in this data"),
        ("2027-0003", "issued")]
    assert rows[0]["donor"] == "Anne Leblanc" and rows[0]["eligible"] == "10.00"


def test_the_last_receipts_lost_to_a_restore_are_in_the_register(charity, data_dir):
    donor = org("Anne Leblanc", contact="", kind="person")
    gifts = [give(donor, amount="10", date=dt.date(2026, 5, day)) for day in (1, 2, 3)]
    receipts.issue(TODAY, gifts[:1])
    backup = backups.make_backup(charity.backup_dir, "manual")
    receipts.issue(TODAY, gifts[1:])  # two more, then the older copy comes back
    charity.close()
    backups.restore_backup(data_dir, backup)
    database.open_store(data_dir)
    rows = receipt_register.register_rows()
    assert [row["status"] for row in rows] == ["issued", "issued, not in this data",
                                              "issued, not in this data"]  # trailing, too
    assert [gift.id for gift in receipts.waiting(2026)] == []
    assert [entry.serial for entry in receipt_journal.missing()] == ["2027-0002", "2027-0003"]


def test_a_receipt_stopped_half_issued_is_said_and_its_number_not_reused(charity, data_dir,
                                                                         monkeypatch):
    donor = org("Anne Leblanc", contact="", kind="person")
    gifts = [give(donor, amount="10", date=dt.date(2026, 5, day)) for day in (1, 2)]

    def stop(*args, **kwargs):  # the journal is written, then the computer stops
        raise KeyboardInterrupt
    real = receipt_journal.record
    monkeypatch.setattr(receipt_journal, "record", lambda found, finished: real(
        found, finished) if finished else (real(found, finished), stop()))
    with pytest.raises(KeyboardInterrupt):
        receipts.issue(TODAY, gifts[:1])
    monkeypatch.setattr(receipt_journal, "record", real)
    assert Receipt.select().count() == 0  # the data kept nothing
    assert receipts.issue(TODAY, gifts).receipts[0].serial == "2027-0002"
    rows = receipt_register.register_rows()
    assert (rows[0]["serial"], rows[0]["status"]) == ("2027-0001", "not issued")
    assert "never printed" in rows[0]["reason"]


def test_no_receipt_is_issued_when_its_number_cannot_be_written_down(charity, data_dir):
    gift = give(org("Anne Leblanc", contact="", kind="person"), amount="10")
    (data_dir / receipt_journal.NUMBERS_FILE).mkdir()  # in the way: cannot be replaced
    with pytest.raises(StoreError, match="none was issued|cannot be read"):
        receipts.issue(TODAY, [gift])
    assert Receipt.select().count() == 0


def test_a_receipt_is_never_deleted_nor_changed(charity):
    gift = give(org("Anne Leblanc", contact="", kind="person"), amount="10")
    receipt = receipts.issue(TODAY, [gift]).receipts[0]
    for statement in ("DELETE FROM receipt", "UPDATE receipt SET pdf = x'00'",
                      "UPDATE receipt SET amount_cents = 1", "DELETE FROM receipt_gift",
                      "UPDATE receipt SET serial = '2027-0099'"):
        with pytest.raises(pw.IntegrityError, match="never"):
            db.execute_sql(statement)
    with pytest.raises(pw.IntegrityError):
        db.execute_sql("DELETE FROM contribution WHERE id = ?", (gift,))  # a receipted gift
    kept = Receipt.get_by_id(receipt.id)
    assert receipts.check_kept(kept) and bytes(kept.pdf) == bytes(receipt.pdf)


def test_cancel_and_replace(charity):
    donor = org("Anne Leblanc", contact="", kind="person")
    gift = give(donor, amount="75", date=dt.date(2026, 8, 8))
    lost = receipts.issue(TODAY, [gift]).receipts[0]
    with pytest.raises(receipts.ReceiptProblem, match="Say why"):
        receipts.cancel(lost.serial, "  ", TODAY)
    new = receipts.replace(lost.serial, TODAY + dt.timedelta(days=3))
    old = receipts.find(lost.serial)
    assert old.cancelled_on == TODAY + dt.timedelta(days=3)
    assert old.cancel_reason == f"Replaced by receipt {new.serial}."
    assert new.replaces_id == old.id and new.serial == "2027-0002"
    assert f"cancels and replaces receipt No. {lost.serial}" in text_of(bytes(new.pdf))
    assert receipts.check_kept(old)  # the cancelled one is kept as it was issued
    with pytest.raises(receipts.ReceiptProblem, match="nothing to replace"):
        receipts.replace(lost.serial, TODAY)
    spoiled = receipts.cancel(new.serial, "Printed on the wrong paper", TODAY)
    assert spoiled.cancel_reason == "Printed on the wrong paper"
    assert receipts.why_not(ReceiptGift.get(ReceiptGift.receipt == new.id).contribution) is None


def test_no_receipt_before_the_group_is_ready(store):
    gift = give(org("Anne Leblanc", contact="", kind="person"), amount="10")
    with pytest.raises(receipts.ReceiptProblem, match="registered charity"):
        receipts.issue(TODAY, [gift])
    set_group()
    with pytest.raises(receipts.ReceiptProblem, match="Issues official receipts here"):
        receipts.issue(TODAY, [gift])


def test_a_receipted_gift_keeps_what_the_receipt_says(charity):
    from cars_desktop.core.validation import ValidationError
    from cars_desktop.store import contributions

    donor = org("Anne Leblanc", contact="", kind="person")
    gift = give(donor, amount="75", date=dt.date(2026, 8, 8))
    receipts.issue(TODAY, [gift])
    values = {"partner_id": donor, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "75", "date": dt.date(2026, 8, 8), "payment_method": "cheque",
              "purpose": "Food bank"}
    contributions.save_contribution({**values, "notes": "Thanked at the AGM"}, gift)  # fine
    with pytest.raises(ValidationError) as refused:
        contributions.save_contribution({**values, "amount": "80"}, gift)
    assert "on official receipt 2027-0001" in str(refused.value.errors)
    with pytest.raises(receipts.ReceiptProblem, match="cannot be deleted"):
        contributions.delete_contribution(gift)


def test_the_command_line_issues_cancels_replaces_and_keeps_the_register(charity, data_dir,
                                                                         tmp_path, capsys):
    import csv

    from cars_desktop import cli

    anne = org("Anne Leblanc", contact="", kind="person")
    for month in (2, 5):
        give(anne, amount="100", date=dt.date(2026, month, 1))
    give(org("Coop Évangéline"), amount="500", date=dt.date(2026, 3, 1))
    charity.close()  # the command line opens the data itself
    where = ["--data-dir", str(data_dir)]
    out = tmp_path / "2026.pdf"
    assert cli.main(["receipts", "--year", "2026", "-o", str(out), *where]) == 0
    assert "2 receipts" in capsys.readouterr().out
    pages = PdfReader(out).pages
    assert len(pages) == 2 and "Receipt No." in pages[0].extract_text()
    assert cli.main(["receipts", "--year", "2026", "-o", str(tmp_path / "again.pdf"),
                     *where]) == 0
    assert "No new receipt" in capsys.readouterr().out  # a second run issues nothing
    issued = dt.date.today().year  # the command line issues them today
    serial = f"{issued}-0001" if "Anne" in PdfReader(out).pages[0].extract_text() \
        else f"{issued}-0002"
    assert cli.main(["receipts", "--cancel", serial, *where]) == 2  # no reason given
    assert "Say why" in capsys.readouterr().err
    assert cli.main(["receipts", "--replace", serial, "-o", str(tmp_path / "new.pdf"),
                     *where]) == 0
    assert "cancels and replaces" in PdfReader(tmp_path / "new.pdf").pages[0].extract_text()
    assert cli.main(["receipts", "--duplicate", serial, "-o", str(tmp_path / "dup.pdf"),
                     *where]) == 2  # cancelled: never reprinted as if it stood
    assert "is not reprinted" in capsys.readouterr().err
    assert cli.main(["receipts", "--duplicate", f"{issued}-0003", "-o",
                     str(tmp_path / "dup.pdf"), *where]) == 0
    assert "DUPLICATE" in PdfReader(tmp_path / "dup.pdf").pages[0].extract_text()
    assert cli.main(["receipts", "--register", "-o", str(tmp_path / "register.csv"),
                     *where]) == 0
    with open(tmp_path / "register.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [row["serial"] for row in rows] == [f"{issued}-000{n}" for n in (1, 2, 3)]
    assert sorted(row["status"] for row in rows) == ["cancelled", "issued", "issued"]
    assert all(row["kept_as_issued"] == "yes" for row in rows)
    assert any(row["replaces"] == serial for row in rows)


def test_the_group_profile_says_whether_receipts_are_issued_here(qtbot, store):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from cars_desktop.ui.profile_dialog import GroupProfileDialog
    from helpers import type_text

    set_group(registered_charity=False)
    dialog = GroupProfileDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.issues_receipts.isEnabled()  # only a registered charity issues them
    qtbot.mouseClick(dialog.registered, Qt.MouseButton.LeftButton)
    type_text(dialog.charity_number, "123456789rr0001")
    qtbot.mouseClick(dialog.issues_receipts, Qt.MouseButton.LeftButton)
    dialog.findChild(QPushButton, "saveProfile").click()
    assert dialog.saved and settings.get(settings.RECEIPTS_ON)
    assert receipts.not_ready() is None


ISSUER = """
    import datetime as dt, sys
    from cars_desktop.store import database, receipts
    with database.open_store(sys.argv[1]):
        print("ready", flush=True)
        receipts.issue(dt.date(2027, 1, 15), year=2026)
        print("done", flush=True)
"""


@pytest.mark.skipif(not hasattr(__import__("signal"), "SIGKILL"), reason="POSIX kill")
def test_killed_while_issuing_leaves_all_or_nothing_and_no_number_twice(charity, data_dir):
    import random
    import signal
    import time

    from test_safety import child, raw_checks

    for number in range(60):
        give(org(f"Donateur {number:02d}", contact=""), amount="20", date=dt.date(2026, 4, 1))
    charity.close()
    outcomes, rng = set(), random.Random(3)
    for _attempt in range(6):
        issuer = child(ISSUER, data_dir)
        assert issuer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.05, 1.2))
        issuer.send_signal(signal.SIGKILL)
        issuer.communicate()
        assert raw_checks(data_dir / "cars-desktop.sqlite3") == ("ok", [])
        connection = sqlite3.connect(data_dir / "cars-desktop.sqlite3")
        numbers = [row[0] for row in connection.execute("SELECT number FROM receipt")]
        connection.close()
        # one transaction: all of them, or none; after numbers written down by an issue
        # that never finished, the next ones follow them
        assert numbers == [] or numbers == list(range(numbers[0], numbers[0] + 60))
        journal = data_dir / receipt_journal.NUMBERS_FILE
        if journal.exists():  # whole, never half-written; what the data lacks never finished
            issued = json.loads(journal.read_text(encoding="utf-8"))["issued"]
            kept = {f"2027-{number:04d}" for number in numbers}
            assert all(not entry["finished"] for serial, entry in issued.items()
                       if serial not in kept)
            assert not numbers or numbers[0] == 1 + sum(serial not in kept for serial in issued)
        outcomes.add(len(numbers))
        if numbers:
            break
    assert 0 in outcomes  # at least one kill landed before the end


def test_a_merge_takes_the_receipts_along(charity):
    from cars_desktop.store import merge

    kept = org("Coop Évangéline")
    twin = org("Coop Evangeline")
    gift = give(twin, amount="50", date=dt.date(2026, 4, 1))
    receipt = receipts.issue(TODAY, [gift]).receipts[0]
    done = merge.merge_partners(kept, twin)
    assert Receipt.get_by_id(receipt.id).partner_id == kept
    merge.undo_merge(done)
    assert Receipt.get_by_id(receipt.id).partner.name == "Coop Evangeline"
    assert receipts.check_kept(Receipt.get_by_id(receipt.id))


def test_thank_you_letters_say_the_receipt_is_enclosed_or_will_follow(charity, tmp_path):
    from cars_desktop.store import letters
    from letter_kit import make_pdf, page_texts

    anne = org("Anne Leblanc", contact="", kind="person")
    receipted = give(anne, amount="75", date=dt.date(2026, 8, 8))
    later = give(org("Coop Évangéline", language="fr"), amount="90", date=dt.date(2026, 8, 9))
    time_given = give(org("Club Lions"), family="in_kind", kind="service", amount="",
                      hours="3", payment_method="", date=dt.date(2026, 8, 10))
    serial = receipts.issue(TODAY, [receipted]).receipts[0].serial
    batch = letters.letters_for([receipted, later, time_given], TODAY)
    receipts.note_receipts(batch.letters)
    make_pdf(batch.letters, tmp_path / "l.pdf")
    pages = page_texts(tmp_path / "l.pdf")
    assert f"Your official receipt for income tax purposes ({serial}) is enclosed." in pages[0]
    assert "Votre reçu officiel aux fins de l'impôt sur le revenu suivra." in pages[1]
    assert "official receipt" not in pages[2].replace("not an official receipt", "")



def test_the_reports_of_receipts_issued_and_gifts_not_receipted(charity, tmp_path):
    from cars_desktop.documents.reports import gather_report, write_report
    from cars_desktop.store import letters
    from letter_kit import page_texts

    anne = org("Anne Leblanc", contact="", kind="person")
    first = give(anne, amount="75", date=dt.date(2026, 8, 8))
    give(anne, amount="40", date=dt.date(2026, 9, 9))  # not receipted yet
    give(org("Club Lions"), family="in_kind", kind="service", amount="", hours="3",
         payment_method="", date=dt.date(2026, 8, 10))
    lost = receipts.issue(TODAY, [first]).receipts[0]
    new = receipts.replace(lost.serial, TODAY)
    start, end = dt.date(2026, 1, 1), dt.date(2027, 12, 31)
    for name, lang, expected in (
            ("receipts", "en", ["Receipts issued", lost.serial, f"replaces {lost.serial}",
                                "cancelled on", new.serial, "$75.00"]),
            ("receipts", "fr", ["Reçus délivrés", f"remplace {lost.serial}", "75,00 $"]),
            ("unreceipted", "en", ["Gifts not receipted", "Anne Leblanc", "$40.00",
                                   "Not receipted yet.", "Club Lions", "cannot be receipted"])):
        path = tmp_path / f"{name}-{lang}.pdf"
        write_report(name, gather_report(name, start, end, None, TODAY),
                     letters.letterhead(), lang, path, TODAY)
        text = " ".join(page_texts(path))
        for element in expected:
            assert element in text, (name, lang, element)


def test_who_is_not_receipted_and_a_corrected_gift_replaces_its_receipt(charity):
    from cars_desktop.store import contributions
    from cars_desktop.store.models import Contribution

    town = org("Municipality of Riverbend", sector="government")
    assert "grant" in receipts.why_not(Contribution.get_by_id(give(town, amount="5000")))
    employer = org("Acme Ltd")
    lump = give(employer, kind="employee", amount="300")
    assert "each employee" in receipts.why_not(Contribution.get_by_id(lump))

    anne = org("Anne Leblanc", contact="", kind="person")
    gift = give(anne, amount="100", date=dt.date(2026, 8, 8))
    wrong = receipts.issue(TODAY, [gift]).receipts[0]
    receipts.cancel(wrong.serial, "The amount was $120", TODAY)
    values = {"partner_id": anne, "family": "cash", "kind": "one_time", "status": "received",
              "amount": "120", "date": dt.date(2026, 8, 8), "payment_method": "cheque"}
    contributions.save_contribution(values, gift)  # the receipt cancelled: it can be corrected
    right = receipts.issue(TODAY, [gift]).receipts[0]
    assert right.replaces_id == wrong.id and right.amount_cents == 12_000
    assert f"cancels and replaces receipt No. {wrong.serial}" in text_of(bytes(right.pdf))
    for statement in ("UPDATE receipt SET cancelled_on = NULL",
                      "UPDATE receipt SET cancel_reason = 'nothing'",
                      "UPDATE receipt_gift SET contribution_id = 1"):
        with pytest.raises(pw.IntegrityError, match="never"):
            db.execute_sql(statement)
    with pytest.raises(receipts.ReceiptProblem, match="not reprinted"):
        receipts.duplicate_of(wrong.serial)


def test_a_prefix_without_the_year_still_never_gives_a_number_twice(charity):
    settings.save({settings.RECEIPT_PREFIX: "R-"})
    anne = org("Anne Leblanc", contact="", kind="person")
    first = receipts.issue(dt.date(2026, 12, 1), [give(anne, amount="10")]).receipts[0]
    second = receipts.issue(dt.date(2027, 1, 2), [give(anne, amount="20")]).receipts[0]
    assert (first.serial, second.serial) == ("2026-R-0001", "2027-R-0001")


def test_a_long_years_receipt_says_its_number_on_every_page(charity):
    anne = org("Anne Leblanc", contact="", kind="person")
    for week in range(55):
        give(anne, amount="5", date=dt.date(2026, 1, 1) + dt.timedelta(days=6 * week))
    receipt = receipts.issue(TODAY, year=2026).receipts[0]
    pages = PdfReader(io.BytesIO(bytes(receipt.pdf))).pages
    assert len(pages) > 1 and receipt.amount_cents == 27_500
    for page in pages[1:]:
        assert f"Receipt No. {receipt.serial}" in norm(page.extract_text())


def test_restore_on_the_command_line_says_which_receipts_it_lost(charity, data_dir, capsys):
    from cars_desktop import cli

    donor = org("Anne Leblanc", contact="", kind="person")
    gifts = [give(donor, amount="10", date=dt.date(2026, 5, day)) for day in (1, 2)]
    backup = backups.make_backup(charity.backup_dir, "manual")
    receipts.issue(TODAY, gifts)
    charity.close()
    assert cli.main(["restore", str(backup), "--data-dir", str(data_dir)]) == 0
    said = capsys.readouterr().err
    assert "2 official receipts issued after this backup was made are not in it: 2027-0001, " \
        "2027-0002." in said


def test_a_backup_with_receipts_restored_where_no_numbers_were_written_warns(charity, tmp_path,
                                                                               capsys):
    from cars_desktop import cli

    receipts.issue(TODAY, [give(org("Anne Leblanc", contact="", kind="person"), amount="10")])
    backup = backups.make_backup(tmp_path / "stick", "manual")
    charity.close()
    laptop = tmp_path / "new-laptop"  # a second computer: the backup alone comes with
    assert cli.main(["restore", str(backup), "--data-dir", str(laptop)]) == 0
    assert "this computer has no record of the receipt numbers" in capsys.readouterr().err
    assert (laptop / receipt_journal.NUMBERS_FILE).is_file()  # written from the data
    with database.open_store(laptop):
        assert receipt_journal.highest(2027) == 1
        assert receipt_journal.after_restore(had_journal=True) == ""


def test_moving_the_data_takes_the_receipt_numbers_along(charity, data_dir, tmp_path):
    from cars_desktop.store import safety

    receipts.issue(TODAY, [give(org("Anne Leblanc", contact="", kind="person"), amount="10")])
    charity.close()
    safety.move_data(data_dir, tmp_path / "moved")
    assert (tmp_path / "moved" / receipt_journal.NUMBERS_FILE).read_bytes() == \
        (data_dir / receipt_journal.NUMBERS_FILE).read_bytes()


def test_a_person_is_receipted_with_a_first_name_or_initial(charity):
    alone = give(org("Leblanc", contact="", kind="person"), amount="50")
    initial = give(org("A. Leblanc", contact="", kind="person"), amount="50")
    shop = give(org("Quincaillerie", contact=""), amount="50")  # an organisation's one word
    done = receipts.issue(TODAY, [alone, initial, shop])
    assert len(done.receipts) == 2
    assert done.skipped == ["Leblanc, 2026-05-01: The receipt must give the donor's first "
                            "name or initial with the last name: complete Leblanc's name."]


def test_the_years_copies_on_the_command_line(charity, data_dir, tmp_path, capsys):
    import zipfile

    from cars_desktop import cli

    receipts.issue(TODAY, [give(org("Anne Leblanc", contact="", kind="person"), amount="10")])
    charity.close()
    out = tmp_path / "copies.zip"
    assert cli.main(["receipts", "--copies", "2027", "-o", str(out),
                     "--data-dir", str(data_dir)]) == 0
    assert "1 receipt of 2027, as kept, and the register saved" in capsys.readouterr().out
    assert zipfile.ZipFile(out).namelist() == ["2027-0001.pdf", "Register of receipts 2027.csv"]


def test_the_window_says_to_name_the_appraiser():
    advice = receipt_advice("products", "received", 250_000, appraised=True, in_kind=True,
                            appraiser=" ")
    assert "Name the appraiser, with their address" in advice.sentence()
    named = receipt_advice("products", "received", 250_000, appraised=True, in_kind=True,
                           appraiser="Marie Cormier, Caraquet")
    assert "Name the appraiser" not in named.sentence()
