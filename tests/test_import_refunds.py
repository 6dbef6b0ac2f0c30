"""Refunds, voided receipts and answers, as the files of real groups hold them: a refund of
part of a gift, a refund that names no transaction, a receipt voided then issued again, a
fee of four decimals, a transfer between the group's own accounts, a gift typed by hand
that a bank's download brings again."""

from __future__ import annotations

import datetime as dt
import os
import time

from cars_desktop.exchange.importer import (
    DUPLICATE,
    MATCHED,
    NEW,
    NOT_GIFT,
    REVERSE,
    SKIPPED,
    WAITING,
    Answers,
    commit,
    make_plan,
    open_file,
    undo_batch,
)
from cars_desktop.store import contributions, partners
from cars_desktop.store.models import Contribution
from import_kit import SAMPLES, TODAY, plan_for

PAYPAL = ('"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net",'
          '"From Email Address","Transaction ID","Reference Txn ID"\r\n')


def paypal(tmp_path, *rows, name="paypal.csv"):
    path = tmp_path / name
    path.write_text(PAYPAL + "".join(
        ",".join(f'"{cell}"' for cell in row) + "\r\n" for row in rows), "utf-8")
    return path


def gift_row(day, who, email, gross, txn, kind="Donation Payment", status="Completed",
             refers=""):
    return (day, "10:00:00", "EST", who, kind, status, "CAD", gross, "0.00", gross, email,
            txn, refers)


def known_partner(name, email=""):
    return partners.save_partner({"kind": "person", "name": name, "sector": "community",
                                  "partnership_type": "casual", "status": "active",
                                  "language": "en", "email": email}, [])


def plan_of(path, answers=None):
    table, known, mapping = open_file(path)
    return make_plan(table, mapping, known, path.name, today=TODAY, answers=answers)


def test_part_of_a_gift_refunded_in_the_same_file_counts_the_rest(store, tmp_path):
    path = paypal(tmp_path,
                  gift_row("03/01/2026", "Ann Roy", "ann@example.ca", "100.00", "AAA1"),
                  gift_row("03/05/2026", "Ann Roy", "ann@example.ca", "-30.00", "RRR1",
                           kind="Payment Refund", refers="AAA1"),
                  gift_row("03/06/2026", "Bo Li", "bo@example.ca", "80.00", "BBB1",
                           status="Partially Refunded"))
    plan = plan_of(path)
    ann, refund, bo = plan.rows
    assert (ann.action, ann.amount_cents) == (NEW, 7000) and "part of it refunded" in ann.why
    assert refund.action == NOT_GIFT and "refunds part" in refund.why
    assert (bo.action, bo.amount_cents) == (NEW, 8000)  # partly refunded: still a gift
    commit(plan)
    assert sorted(c.amount_cents for c in Contribution.select()) == [7000, 8000]


def test_part_of_a_gift_already_there_refunded_then_undone(store, tmp_path):
    commit(plan_of(paypal(tmp_path, gift_row("03/01/2026", "Ann Roy", "ann@example.ca",
                                             "100.00", "AAA1"), name="march.csv")))
    later = plan_of(paypal(tmp_path, gift_row("04/02/2026", "Ann Roy", "ann@example.ca",
                                              "-25.00", "RRR2", kind="Payment Refund",
                                              refers="AAA1"), name="april.csv"))
    refund = later.rows[0]
    assert (refund.action, refund.lessens) == (REVERSE, 2500)
    assert "becomes $75.00" in refund.why
    result = commit(later)
    gift = Contribution.get(Contribution.reference == "AAA1")
    assert (gift.amount_cents, gift.status) == (7500, "received")
    undo_batch(result.batch_id)
    assert Contribution.get_by_id(gift.id).amount_cents == 10000


def test_a_refund_naming_no_transaction_finds_its_gift_by_giver_and_amount(store, tmp_path):
    # PayPal's shorter download has no Reference Txn ID column
    header = ('"Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee",'
              '"Net","From Email Address","Transaction ID"\r\n')
    path = tmp_path / "short.csv"
    path.write_text(header
                    + '"03/01/2026","9:00","EST","Ann Roy","Donation Payment","Completed",'
                      '"CAD","40.00","0","40.00","ann@example.ca","S1"\r\n'
                    + '"03/09/2026","9:00","EST","Ann Roy","Payment Refund","Completed",'
                      '"CAD","-40.00","0","-40.00","ann@example.ca","S2"\r\n', "utf-8")
    plan = plan_of(path)
    assert [row.action for row in plan.rows] == [NOT_GIFT, NOT_GIFT]
    assert "line 3" in plan.rows[0].why
    # the same refund, its gift imported last month
    ann = known_partner("Ann Roy", "ann@example.ca")
    contributions.save_contribution({"partner_id": ann, "family": "cash", "kind": "one_time",
                                     "status": "received", "amount": "40",
                                     "date": dt.date(2026, 2, 20)})
    path.write_text(header + '"03/09/2026","9:00","EST","Ann Roy","Payment Refund",'
                    '"Completed","CAD","-40.00","0","-40.00","ann@example.ca","S2"\r\n',
                    "utf-8")
    refund = plan_of(path).rows[0]
    assert refund.action == REVERSE and "2026-02-20" in refund.why


def test_a_refund_whose_gift_is_not_there_yet_says_what_to_do(store, tmp_path):
    path = paypal(tmp_path, gift_row("04/02/2026", "Ann Roy", "ann@example.ca", "-25.00",
                                     "RRR9", kind="Payment Refund", refers="ZZZ9"))
    refund = plan_of(path).rows[0]
    assert refund.action == NOT_GIFT and "import the file that holds it first" in refund.why


def test_a_refund_with_an_empty_date_still_cancels(store, tmp_path):
    commit(plan_of(paypal(tmp_path, gift_row("03/01/2026", "Ann Roy", "ann@example.ca",
                                             "20.00", "AAA1"), name="march.csv")))
    path = paypal(tmp_path, gift_row("", "Ann Roy", "ann@example.ca", "-20.00", "RRR1",
                                     kind="Payment Refund", refers="AAA1"), name="undated.csv")
    plan = plan_of(path)
    assert plan.rows[0].action == REVERSE
    assert commit(plan).cancelled == 1


def test_a_receipt_voided_then_issued_again_counts_once(store, tmp_path):
    source = (SAMPLES / "canadahelps_charity_data_download.csv").read_text("utf-8")
    lines = source.splitlines(keepends=True)
    reissued = lines[4].replace(",Yes,2026-03-20,Credit card charge disputed,", ",No,,,")
    reissued = reissued.replace("2026-000125", "2026-000126")
    path = tmp_path / "reissued.csv"
    path.write_text("".join(lines) + reissued, "utf-8")
    plan = plan_for(path)
    voided, again = plan.rows[3], plan.rows[4]
    assert voided.action == NOT_GIFT and "receipted again on line 6" in voided.why
    assert (again.action, again.receipt, again.amount_cents) == (NEW, "2026-000126", 10000)


def test_a_fee_of_four_decimals_is_rounded_to_the_cent(store, tmp_path):
    source = (SAMPLES / "canadahelps_charity_data_download.csv").read_text("utf-8")
    path = tmp_path / "fee.csv"
    path.write_text(source.replace("2.1000", "0.8750"), "utf-8")
    louise = plan_for(path).rows[0]
    assert (louise.action, louise.fee_cents) == (NEW, 88)


def test_a_transfer_between_the_groups_own_accounts_is_not_a_gift(store, tmp_path):
    path = tmp_path / "desjardins.csv"
    path.write_text('EOP,815-30000-1234567,EOP,2026/04/02,1,Virement entre comptes,,,,,,'
                    '"500,00",,"2185,00"\r\n', "utf-8")
    plan = plan_for(path)
    assert plan.rows[0].action == NOT_GIFT


def test_an_answer_about_whose_gift_is_checked_against_what_is_there(store):
    jane = known_partner("Jane MacDonald")
    contributions.save_contribution({"partner_id": jane, "family": "cash", "kind": "one_time",
                                     "status": "received", "amount": "50",
                                     "date": dt.date(2026, 4, 2)})  # typed by hand
    answers = Answers(partners={(2, ""): (jane, "Jane MacDonald")})
    plan = plan_of(SAMPLES / "rbc_account.csv", answers)
    assert plan.rows[0].action == DUPLICATE and "already there" in plan.rows[0].why


def test_a_stripe_charge_answered_twice_is_written_once(store):
    first = plan_of(SAMPLES / "stripe_balance_history.csv")
    key = first.rows[0].key
    ann = known_partner("Ann Roy")
    answers = Answers(partners={key: (ann, "Ann Roy")})
    commit(plan_of(SAMPLES / "stripe_balance_history.csv", answers))
    again = plan_of(SAMPLES / "stripe_balance_history.csv", answers)
    assert again.rows[0].action == DUPLICATE


def test_a_usd_stripe_payment_partly_refunded_counts_in_dollars(store, tmp_path):
    source = (SAMPLES / "stripe_payments.csv").read_text("utf-8").splitlines(keepends=True)
    kim = source[3].replace(",20.00,0.00,usd,27.35,0.00,", ",20.00,5.00,usd,27.35,6.84,")
    kim = kim.replace(",Paid,", ",Partially Refunded,")
    path = tmp_path / "stripe.csv"
    path.write_text(source[0] + kim, "utf-8")
    row = plan_for(path).rows[0]
    assert (row.action, row.amount_cents, row.fee_cents) == (NEW, 2735 - 684, 109)


def test_skipping_a_match_keeps_the_employees_gift(store):
    plan = plan_for(SAMPLES / "benevity_report.csv")
    match = plan.rows[1]
    answers = Answers(skipped={match.key})
    again = plan_of(SAMPLES / "benevity_report.csv", answers)
    assert [row.action for row in again.rows][:2] == [NEW, SKIPPED]


def test_two_cheques_numbered_alike_from_two_partners_both_come_back(store, tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("Name,Date,Amount,Reference\nAnn Roy,2026-03-01,10,101\n"
                    "Bob Li,2026-03-01,20,101\n", "utf-8")
    assert [row.action for row in plan_for(path).rows] == [NEW, NEW]


def test_two_like_e_transfers_in_one_download_are_two(store, tmp_path):
    lions = known_partner("Lions Club")
    path = tmp_path / "rbc.csv"
    path.write_text("Account Type,Account Number,Transaction Date,Cheque Number,Description 1,"
                    "Description 2,CAD$,USD$\n"
                    "Chequing,1,4/2/2026,,e-Transfer - Autodeposit,LIONS,20.00,\n"
                    "Chequing,1,4/2/2026,,e-Transfer - Autodeposit,LIONS,20.00,\n", "utf-8")
    answers = Answers(partners={(2, ""): (lions, "Lions Club"), (3, ""): (lions, "Lions Club")})
    plan = plan_of(path, answers)
    assert [row.action for row in plan.rows] == [MATCHED, MATCHED]


def test_stripe_times_are_utc_and_give_the_day_here(store, tmp_path):
    before = os.environ.get("TZ")
    os.environ["TZ"] = "America/Halifax"
    time.tzset()
    try:
        source = (SAMPLES / "stripe_payments.csv").read_text("utf-8").splitlines(keepends=True)
        path = tmp_path / "late.csv"
        path.write_text(source[0] + source[1].replace("2026-04-03 14:22:05",
                                                      "2026-04-04 01:30:00"), "utf-8")
        assert plan_for(path).rows[0].date == dt.date(2026, 4, 3)  # 22:30 in Halifax
    finally:
        if before is None:
            os.environ.pop("TZ")
        else:
            os.environ["TZ"] = before
        time.tzset()


def test_a_file_of_old_mac_line_ends_is_read(store, tmp_path):
    path = tmp_path / "mac.csv"
    path.write_bytes(b"Name,Date,Amount\rAnn Roy,2026-03-01,10\rBo Li,2026-03-02,20\r")
    assert [(row.partner_name, row.amount_cents) for row in plan_for(path).rows] == [
        ("Ann Roy", 1000), ("Bo Li", 2000)]


def test_a_euro_gift_answered_gets_its_fee_in_dollars(store):
    plan = plan_for(SAMPLES / "paypal_activity_41_columns.csv")
    anna = next(row for row in plan.rows if row.line == 6)
    assert (anna.shown, anna.original_fee, anna.fee_cents) == (WAITING, 166, 0)
    answered = plan_of(SAMPLES / "paypal_activity_41_columns.csv",
                       Answers(dollars={anna.key: 5840}))
    anna = next(row for row in answered.rows if row.line == 6)
    assert (anna.shown, anna.amount_cents, anna.fee_cents) == (NEW, 5840, 242)


def test_an_e_transfer_from_a_partners_very_name_goes_to_it(store):
    lions = known_partner("Lions Club of Sussex")
    plan = plan_for(SAMPLES / "rbc_account.csv")
    club = plan.rows[2]
    assert (club.action, club.partner_id, club.needs) == (MATCHED, lions, "")
    assert "the partner of that name" in club.why
    assert plan.rows[0].shown == WAITING  # Jane is no partner yet


def test_a_refund_of_a_receipted_gift_waits_for_its_receipt_to_be_cancelled(store, tmp_path):
    import pytest

    from cars_desktop.exchange.importer import ERROR
    from cars_desktop.store import receipts, settings
    from cars_desktop.store.import_writer import ImportProblem
    from letter_kit import set_group

    set_group()
    settings.save({settings.RECEIPTS_ON: True})
    commit(plan_of(paypal(tmp_path, gift_row("03/01/2026", "Ann Roy", "ann@example.ca",
                                             "100.00", "AAA1"), name="march.csv")))
    gift = Contribution.get(Contribution.reference == "AAA1")
    values, contacts = partners.load_partner(gift.partner_id)
    partners.save_partner({**values, "address_line1": "12 Main St", "city": "Sackville"},
                          contacts, gift.partner_id)
    serial = receipts.issue(dt.date(2027, 1, 10), [gift.id]).receipts[0].serial
    refund = paypal(tmp_path, gift_row("04/02/2026", "Ann Roy", "ann@example.ca", "-100.00",
                                       "RRR2", kind="Payment Refund", refers="AAA1"),
                    name="april.csv")
    row = plan_of(refund).rows[0]
    assert row.action == ERROR
    assert f"the gift AAA1 is on official receipt {serial}: cancel that receipt first" in row.why
    with pytest.raises(ImportProblem, match="nothing to import"):
        commit(plan_of(refund))
    assert Contribution.get_by_id(gift.id).status == "received"  # the receipt still stands
    receipts.cancel(serial, "Refunded to the donor", dt.date(2027, 2, 1))
    assert plan_of(refund).rows[0].action == REVERSE  # now it can be undone
