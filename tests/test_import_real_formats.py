"""Files written as the platforms and banks write them (tests/import_samples/, built from each
platform's published column list and public examples, never from this app's export): what
each row becomes, what is written, and that importing again adds nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from cars_desktop.exchange.importer import (
    DUPLICATE,
    MATCHED,
    NEW,
    NOT_GIFT,
    REVERSE,
    WAITING,
    commit,
    undo_batch,
)
from cars_desktop.store import partners
from cars_desktop.store.models import Acknowledgement, Contribution, Partner, db
from import_kit import SAMPLES, TODAY, only, plan_for


def rows_of(plan):
    return [(row.line, row.shown, row.partner_name, row.amount_cents) for row in plan.rows]


def total_counted() -> int:
    return db.execute_sql("SELECT COALESCE(SUM(amount_cents), 0) FROM contribution"
                          " WHERE status = 'received'").fetchone()[0]


def test_canadahelps_charity_data_download(store):
    plan = plan_for(SAMPLES / "canadahelps_charity_data_download.csv")
    assert plan.format_name == "CanadaHelps donation export"
    assert len(plan.table.headers) == 47
    louise, ken, anonymous, voided = plan.rows
    # four decimals ("50.0000") are dollars and cents; the time beside the date is left aside
    assert (louise.action, louise.amount_cents, louise.fee_cents, louise.date,
            louise.receipt, louise.tribute) == (
        NEW, 5000, 210, dt.date(2026, 3, 14), "2026-000123", "In memory of Jean Thériault")
    assert louise.values["purpose"] == "Breakfast Club" and louise.values["language"] == "fr"
    assert (ken.partner_name, ken.amount_cents, ken.tribute) == (
        "Oduya Hardware Ltd.", 125000, "In honour of Our staff volunteers")
    assert anonymous.partner_name == "Anonymous donors"
    assert voided.action == NOT_GIFT and "voided" in voided.why
    result = commit(plan)
    assert result.contributions == 3
    gift = Contribution.get(Contribution.reference == "28741113")
    assert (gift.platform_receipt, gift.fee_cents, gift.tribute, gift.partner.language) == (
        "2026-000123", 210, "In memory of Jean Thériault", "fr")
    assert not Contribution.select().where(Contribution.reference == "28741116").exists()
    again = plan_for(SAMPLES / "canadahelps_charity_data_download.csv")
    assert only(again.counts()) == {DUPLICATE: 3, NOT_GIFT: 1}


def test_a_receipt_voided_after_its_import_cancels_the_gift(store, tmp_path):
    source = (SAMPLES / "canadahelps_charity_data_download.csv").read_text("utf-8")
    first = tmp_path / "march.csv"
    first.write_text(source.replace("Yes,2026-03-20,Credit card charge disputed",
                                    "No,,"), "utf-8")
    commit(plan_for(first))
    gift = Contribution.get(Contribution.reference == "28741116")
    assert gift.status == "received"
    later = plan_for(SAMPLES / "canadahelps_charity_data_download.csv")
    voided = later.rows[3]
    assert voided.action == REVERSE and "cancelled" in voided.why
    result = commit(later)
    assert result.cancelled == 1
    assert Contribution.get_by_id(gift.id).status == "cancelled"
    undo_batch(result.batch_id)
    assert Contribution.get_by_id(gift.id).status == "received"  # undo brings it back


def test_paypal_41_columns_conversions_refunds_holds(store):
    gerald = partners.save_partner({"name": "Gerald Mackenzie", "kind": "person",
                                    "sector": "community", "partnership_type": "casual",
                                    "status": "active",
                                    "language": "en"}, [])
    old = Contribution.create(partner=gerald, family="cash", kind="one_time", amount_cents=7500,
                              date=dt.date(2025, 12, 20), reference="0OLDGIFT000000001",
                              status="received", payment_method="online")
    plan = plan_for(SAMPLES / "paypal_activity_41_columns.csv")
    assert plan.format_name == "PayPal activity download"
    rows = {row.line: row for row in plan.rows}
    assert (rows[2].action, rows[2].amount_cents, rows[2].fee_cents) == (MATCHED, 15000, 465)
    # 25.00 USD less PayPal's 1.03 fee, converted into 32.10 Canadian dollars: the gift was
    # worth 33.48 dollars, of which 1.38 went in fees
    bill = rows[3]
    assert (bill.shown, bill.amount_cents, bill.fee_cents, bill.original_currency,
            bill.original_cents) == (NEW, 3348, 138, "USD", 2500)
    assert rows[4].action == NOT_GIFT and rows[5].action == NOT_GIFT
    # a euro gift with no conversion in the file waits for the dollars received
    assert (rows[6].shown, rows[6].needs, rows[6].original_currency) == (WAITING, "amount", "EUR")
    # Chloé's gift refunded in the same file: neither is a gift
    assert rows[7].action == NOT_GIFT and "refunded" in rows[7].why
    assert rows[8].action == NOT_GIFT and "line 7" in rows[8].why
    assert rows[9].action == NEW  # a hold on Robert's payment is not a refund of it
    assert rows[10].action == NOT_GIFT and "pending" in rows[10].why
    # the refund of a gift imported last month cancels that gift
    assert rows[11].action == REVERSE and rows[11].reverses == old.id
    for line in (12, 13, 14):  # a hold, a withdrawal, a hold released: money moved
        assert rows[line].action == NOT_GIFT and "not a gift" in rows[line].why
    result = commit(plan)
    assert (result.contributions, result.cancelled) == (3, 1)
    assert Contribution.get_by_id(old.id).status == "cancelled"
    from cars_desktop.store.contributions import unthanked_ids

    assert old.id not in unthanked_ids()  # refunded: not thanked
    converted = Contribution.get(Contribution.reference == "6XB22222BB2222222")
    assert (converted.amount_cents, converted.original_currency, converted.original_cents,
            converted.fee_cents) == (3348, "USD", 2500, 138)
    assert total_counted() == 15000 + 3348 + 3500
    again = plan_for(SAMPLES / "paypal_activity_41_columns.csv")
    assert not [row for row in again.rows if row.writes]


def test_paypal_in_french_and_spanish_with_decimal_commas(store):
    french = plan_for(SAMPLES / "paypal_activite_fr.csv")
    assert french.format_name == "PayPal activity download" and french.date_order == "dmy"
    assert rows_of(french) == [(2, NEW, "Hélène Côté", 125000), (3, NOT_GIFT, "Paul Leblanc", 2000),
                               (4, NOT_GIFT, "", -50000)]
    assert french.rows[0].date == dt.date(2026, 2, 3) and french.rows[0].fee_cents == 3655
    spanish = plan_for(SAMPLES / "paypal_actividad_es.csv")
    assert [row.action for row in spanish.rows] == [NOT_GIFT, NOT_GIFT]  # given, then refunded
    statement = plan_for(SAMPLES / "paypal_statement.csv")
    assert rows_of(statement) == [(2, NEW, "Maria Lopes", 4500), (3, NOT_GIFT, "", -4339)]


def test_paypal_giving_fund_payout(store):
    plan = plan_for(SAMPLES / "paypal_giving_fund_payout.csv")
    assert plan.format_name == "PayPal Giving Fund payout report"
    assert rows_of(plan) == [(2, NEW, "Nadia Haddad", 3000), (3, NEW, "Tom Fraser", 10000),
                             (4, NEW, "Anonymous donors", 1500)]
    assert plan.rows[0].date == dt.date(2026, 4, 2)  # the donation's date, not the payout's
    commit(plan)
    assert Contribution.get(Contribution.reference == "PGF-8Y3L0R2").purpose == \
        "GoFundMe Giving Fund"


def test_benevity_legacy_layout_volunteer_reward_and_match_only(store):
    plan = plan_for(SAMPLES / "benevity_legacy_report.csv")
    assert plan.format_name == "Benevity donation report"
    assert [(row.partner_name, row.kind, row.amount_cents) for row in plan.rows] == [
        ("Alice Nguyen", "employee", 5000), ("Manulife", "matching", 5000),
        ("Manulife", "matching", 12000), ("Google", "matching", 20000)]
    assert plan.rows[2].values["notes"] == "For the volunteer hours of Bruno Roy"
    assert plan.rows[3].values["notes"] == "Matching the gift of Sam Okafor"
    assert plan.totals_note == "The rows add up to the file's own total, $420.00."
    commit(plan)
    assert total_counted() == 42000  # the report pays out $420 (less its cheque fee)
    manulife = Partner.get(Partner.name == "Manulife")
    assert manulife.kind == "organisation"


def test_benevity_totals_that_disagree_are_said(store, tmp_path):
    path = tmp_path / "benevity.csv"
    path.write_text((SAMPLES / "benevity_report.csv").read_text("utf-8").replace(
        "Total Donations (Gross),750.00", "Total Donations (Gross),800.00"), "utf-8")
    plan = plan_for(path)
    assert plan.totals_note == ("The rows add up to $750.00, but the file's own total is "
                                "$800.00: check the rows in error.")


def test_stripe_payments_and_balance(store):
    plan = plan_for(SAMPLES / "stripe_payments.csv")
    assert plan.format_name == "Stripe payments export"
    assert [(row.action, row.partner_name, row.amount_cents) for row in plan.rows] == [
        (NEW, "Irène Poirier", 7500), (NOT_GIFT, "Xavier Doucet", 5000),
        (NEW, "Kim Lee", 2735), (NOT_GIFT, "Zoé Arsenault", 10000)]
    assert (plan.rows[2].original_currency, plan.rows[2].original_cents) == ("USD", 2000)
    assert plan.rows[0].date == dt.date(2026, 4, 3) and plan.rows[0].fee_cents == 248
    # the balance history names no donor: its charge waits for the volunteer to say whose
    # it is; its payout and fee are money moved
    balance = plan_for(SAMPLES / "stripe_balance_history.csv")
    assert balance.format_name == "Stripe balance history"
    assert [row.shown for row in balance.rows] == [WAITING, NOT_GIFT, NOT_GIFT]
    assert (balance.rows[0].amount_cents, balance.rows[0].fee_cents) == (7500, 248)


def test_zeffy_payments(store):
    plan = plan_for(SAMPLES / "zeffy_payments.csv")
    assert plan.format_name == "Zeffy payments list" and plan.date_order == "dmy"
    gift, ticket, in_kind = plan.rows
    assert (gift.action, gift.partner_name, gift.amount_cents, gift.date, gift.receipt) == (
        NEW, "Geneviève Tremblay", 10000, dt.date(2026, 4, 5), "ZF-2026-0042")
    assert ticket.action == NOT_GIFT and "ticket" in ticket.why
    # a gift in kind with no value imports
    assert (in_kind.action, in_kind.partner_name, in_kind.amount_cents) == (
        NEW, "Ferme Bouchard", 0)
    commit(plan)
    apples = Contribution.get(Contribution.partner == Partner.get(Partner.name == "Ferme Bouchard"))
    assert (apples.family, apples.amount_cents) == ("in_kind", 0)
    receipted = Contribution.get(Contribution.platform_receipt == "ZF-2026-0042")
    assert receipted.payment_method == "card"


@pytest.mark.parametrize("name, sender, cents, day", [
    ("rbc_account.csv", "JANE MACDONALD", 5000, dt.date(2026, 4, 2)),
    ("td_account.csv", "Xy9", 7500, dt.date(2026, 4, 2)),
    ("scotiabank_account.csv", "MARIE LANDRY", 6000, dt.date(2026, 4, 2)),
    ("bmo_account.csv", "PIERRE COMEAU", 8000, dt.date(2026, 4, 2)),
    ("desjardins_account.csv", "Jacques Cormier", 8500, dt.date(2026, 4, 2)),
])
def test_bank_downloads_wait_for_whose_gift(store, name, sender, cents, day):
    plan = plan_for(SAMPLES / name)
    first = plan.rows[0]
    assert (first.shown, first.needs, first.sender, first.amount_cents, first.date) == (
        WAITING, "partner", sender, cents, day)
    assert all(row.action == NOT_GIFT for row in plan.rows if row.sender == "")


def test_a_sender_chosen_once_is_remembered(store):
    lions = partners.save_partner({"name": "Lions Club of Sussex", "kind": "organisation",
                                   "sector": "voluntary", "partnership_type": "formal",
                                   "status": "active",
                                   "language": "en"}, [])
    plan = plan_for(SAMPLES / "rbc_account.csv")
    jane, fee, club, deposit = plan.rows
    assert (fee.action, deposit.action) == (NOT_GIFT, NOT_GIFT)
    club.partner_id, club.partner_name, club.needs, club.action = lions, "Lions Club", "", MATCHED
    result = commit(plan)  # Jane still waits: only the club's gift is written
    assert result.contributions == 1
    again = plan_for(SAMPLES / "rbc_account.csv")
    club = again.rows[2]
    assert (club.shown, club.partner_id) == (DUPLICATE, lions)  # remembered, and already in
    assert again.rows[0].shown == WAITING


def test_unicode_text_and_utf16_without_a_mark(store):
    plan = plan_for(SAMPLES / "excel_unicode_text.txt")
    assert plan.table.encoding == "utf-16" and plan.table.delimiter == "\t"
    assert rows_of(plan) == [(2, NEW, "Élise Caron", 4500), (3, NEW, "Omar Saïd", 2000)]
    plan = plan_for(SAMPLES / "utf16_be_no_mark.csv")
    assert plan.table.encoding == "utf-16-be" and rows_of(plan) == [(2, NEW, "Élise Caron", 4500)]


def test_an_impossible_date_is_its_rows_error_and_an_empty_date_is_flagged(store, tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("Name,Date,Amount\nAnne,31/31/2026,5\nBen,15/03/2026,6\n"
                    "Carl,1900-01-01,7\n", "utf-8")
    plan = plan_for(path)
    assert [row.action for row in plan.rows] == ["error", NEW, "error"]
    assert "not a date" in plan.rows[0].why and "empty date" in plan.rows[2].why
    assert plan.rows[1].date == dt.date(2026, 3, 15)


def test_headers_chosen_by_the_volunteer(store, tmp_path):
    path = tmp_path / "titled.csv"
    path.write_text("Spring supper,,\nGifts,received,\nName,Date,Amount\nAnne,2026-03-01,5\n",
                    "utf-8")
    plan = plan_for(path, header_row=2)
    assert plan.table.headers == ["Name", "Date", "Amount"] and rows_of(plan) == [
        (4, NEW, "Anne", 500)]


def test_own_export_round_trips_hours_method_thanks_and_contact(store, tmp_path):
    from cars_desktop.exchange.export import export_csv
    from cars_desktop.store import contributions

    hall = partners.save_partner({"name": "Église Saint-Pierre", "kind": "organisation",
                                  "sector": "voluntary", "partnership_type": "casual",
                                  "status": "active", "language": "fr"},
                                 [{"name": "Père Albert", "is_primary": True}])
    contact = Partner.get_by_id(hall).contacts[0].id
    gift = contributions.save_contribution({
        "partner_id": hall, "family": "in_kind", "kind": "service", "amount": "",
        "description": "Cooking the spring supper", "date": dt.date(2026, 3, 1),
        "status": "received", "hours": "4", "contact_id": contact})
    cheque = contributions.save_contribution({
        "partner_id": hall, "family": "cash", "kind": "one_time", "amount": "80",
        "payment_method": "cheque", "reference": "1044", "date": dt.date(2026, 3, 2),
        "status": "received"})
    Acknowledgement.create(contribution=cheque, date=dt.date(2026, 3, 5), method="letter")
    Contribution.update(thanked_on=dt.date(2026, 3, 5)).where(Contribution.id == cheque).execute()
    path = tmp_path / "export.csv"
    export_csv("contributions", path)
    Acknowledgement.delete().execute()
    Contribution.delete().execute()
    commit(plan_for(path))
    basement = Contribution.get(Contribution.kind == "service")
    assert (basement.amount_cents, basement.minutes, basement.contact_id) == (0, 240, contact)
    paid = Contribution.get(Contribution.reference == "1044")
    assert (paid.payment_method, paid.thanked_on) == ("cheque", dt.date(2026, 3, 5))
    assert gift and TODAY


@pytest.mark.parametrize("name", sorted(path.name for path in SAMPLES.iterdir()))
def test_every_sample_imported_twice_adds_nothing_and_undo_takes_it_all_back(store, name):
    before = {table: db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
              for table in ("partner", "contribution", "acknowledgement")}
    plan = plan_for(SAMPLES / name, date_order="dmy" if "fr" in name else None)
    if not any(row.writes for row in plan.rows):
        return  # a bank's download: every gift waits for whose it is
    result = commit(plan)
    again = plan_for(SAMPLES / name, date_order="dmy" if "fr" in name else None)
    assert [row.line for row in again.rows if row.writes] == []
    undo_batch(result.batch_id)
    assert before == {table: db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                      for table in before}
