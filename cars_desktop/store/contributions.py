"""Reading and writing contributions, pledges and their fulfilment, and acknowledgements.

Some values are kept beside each contribution so that a list of 100,000 stays instant: a
pledge's outstanding balance, the date it was first thanked, and the folded partner name and
text that sorting and search use. They are only ever written here, in the same transaction as
what they summarise."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import peewee as pw

from cars_desktop.core import counting, vocab
from cars_desktop.core.money import format_amount, format_money
from cars_desktop.core.text import sort_key
from cars_desktop.core.thanks import left_out_note
from cars_desktop.core.validation import ValidationError, validate_contribution
from cars_desktop.i18n import _
from cars_desktop.store.batches import batches, placeholders
from cars_desktop.store.database import transaction
from cars_desktop.store.models import (
    Acknowledgement,
    ContactPerson,
    Contribution,
    Partner,
    db,
    new_uuid,
    search_text,
    utc_now,
)
from cars_desktop.store.thanks_rule import THANKABLE_STATUSES, awaiting_thanks_sql

EDITABLE = ("partner_id", "contact_id", "credited_partner_id", "family", "kind", "status",
            "pledge_id", "amount_cents", "description", "valued_by", "minutes", "date",
            "date_expected", "payment_method", "reference", "purpose", "advantage_cents",
            "advantage_description", "appraised", "appraiser", "notes", "fund_id")


@dataclass(frozen=True)
class OpenPledge:
    id: int
    date: dt.date
    amount_cents: int
    outstanding_cents: int
    purpose: str

    def label(self) -> str:
        said = {"date": self.date, "amount": format_money(self.amount_cents),
                "purpose": self.purpose, "still_due": format_money(self.outstanding_cents)}
        if self.purpose:
            return _("{date:%Y-%m-%d}: {amount} for {purpose} ({still_due} still to come)"
                     ).format(**said)
        return _("{date:%Y-%m-%d}: {amount} ({still_due} still to come)").format(**said)


def contribution_row(cleaned: dict[str, Any], partner_name: str,
                     partner_sort: str | None = None) -> dict[str, Any]:
    """A contribution's columns from its cleaned values, with what is derived from them: its
    partner's sort name (`Partner.sort_name`: a person by last name), which the list sorts
    by, and the text search looks in. The one place both are made: the contribution dialog's
    save, a partner's renaming and an import use it."""
    row = dict(cleaned)
    row["partner_sort"] = sort_key(partner_name) if partner_sort is None else partner_sort
    row["search_text"] = search_text(partner_name, *(cleaned.get(name) or "" for name in (
        "description", "purpose", "notes", "reference")))
    return row


def load_contribution(contribution_id: int) -> dict[str, Any]:
    row = Contribution.get_by_id(contribution_id)
    values = {name: getattr(row, name) for name in EDITABLE}
    values["thanked_on"] = row.thanked_on
    values["deposit_date"] = row.deposit.date if row.deposit_id else None
    values["due_on"] = row.due_on
    for name in PLATFORM_DETAILS:
        values[name] = getattr(row, name)
    values["thanks"] = [(ack.date, ack.method) for ack in Acknowledgement.select().where(
        Acknowledgement.contribution == contribution_id).order_by(Acknowledgement.date)]
    return values


PLATFORM_DETAILS = ("fee_cents", "original_currency", "original_cents", "tribute",
                    "platform_receipt")


def thanks_note(values: dict[str, Any]) -> str:
    """How a gift was thanked, and what its platform said of it, for its window."""
    thanks = values.get("thanks") or []
    said = _("Thanked {how}.").format(how="; ".join(_("by {method} on {day}").format(
        method=vocab.ACKNOWLEDGEMENT_METHODS.label(method).lower(), day=f"{day:%Y-%m-%d}")
        for day, method in thanks)) if thanks else ""
    banked = _("In the bank deposit of {date}.").format(date=values["deposit_date"]) \
        if values.get("deposit_date") else ""
    due = _("The payment due {date}.").format(date=values["due_on"]) \
        if values.get("due_on") else ""
    return "\n".join(filter(None, (said, " ".join(filter(None, (banked, due))),
                                    platform_note(values))))


def platform_note(values: dict[str, Any]) -> str:
    """What an import brought from the platform about a gift, in one line for the window:
    its tribute, the currency it was given in, the platform's fee and receipt number."""
    parts = []
    if values.get("tribute"):
        parts.append(values["tribute"])
    if values.get("original_currency"):
        parts.append(_("given as {amount} {currency}").format(
            amount=format_amount(values.get('original_cents', 0)),
            currency=values["original_currency"]))
    if values.get("fee_cents"):
        parts.append(_("platform fee {fee}").format(fee=format_money(values["fee_cents"])))
    if values.get("platform_receipt"):
        parts.append(_("platform's receipt no. {number}").format(
            number=values["platform_receipt"]))
    return " · ".join(parts)


def save_contribution(values: dict[str, Any], contribution_id: int | None = None) -> int:
    """Create or update a contribution. Amounts may be typed text ("1 234,56") or cents.
    Raises `ValidationError` (nothing written) when anything is wrong."""
    cleaned = validate_contribution(values)
    errors: dict[str, str] = {}
    with transaction():
        partner = Partner.get_or_none(Partner.id == cleaned["partner_id"])
        if partner is None:
            errors["partner_id"] = _("That partner no longer exists. Choose another.")
        contact = cleaned["contact_id"]
        if contact and not ContactPerson.select().where(
                (ContactPerson.id == contact)
                & (ContactPerson.partner == cleaned["partner_id"])).exists():
            errors["contact_id"] = _("That contact person is not one of this partner's.")
        row = Contribution() if contribution_id is None else \
            Contribution.get_by_id(contribution_id)
        old_pledge = row.pledge_id
        was_pledged = row.status == "pledged" and row.id is not None
        errors.update(_pledge_problems(cleaned, row))
        errors.update(_receipted_problems(cleaned, row))
        if cleaned["credited_partner_id"] == cleaned["partner_id"]:
            errors["credited_partner_id"] = _("Credit someone other than the partner who gave it.")
        if errors:
            raise ValidationError(errors)
        if cleaned["pledge_id"] and not cleaned["fund_id"]:  # paid toward the pledge's fund
            cleaned["fund_id"] = Contribution.get_by_id(cleaned["pledge_id"]).fund_id
        for name, value in contribution_row(cleaned, partner.name, partner.sort_name).items():
            setattr(row, name, value)
        if row.status != "pledged":
            row.outstanding_cents = 0
        if was_pledged and row.status == "received":
            row.thanked_on = None  # the thanks were for the promise: the gift itself is not
        row.save()
        for touched in {old_pledge, row.pledge_id, row.id if row.status == "pledged" else None}:
            if touched:
                recompute_outstanding(touched)
    return row.id


def _received_against(pledge_id: int, leaving_out: int | None = None) -> int:
    query = Contribution.select(pw.fn.COALESCE(pw.fn.SUM(Contribution.amount_cents), 0)).where(
        (Contribution.pledge == pledge_id) & (Contribution.status == "received"))
    if leaving_out:
        query = query.where(Contribution.id != leaving_out)
    return query.scalar()


def _receipted_problems(cleaned: dict[str, Any], row: Contribution) -> dict[str, str]:
    """A gift on an official receipt keeps what the receipt says of it: its giver, amount,
    advantage, date and kind, until the receipt is cancelled or replaced."""
    from cars_desktop.store.receipts import on_active_receipt

    receipt = on_active_receipt(row.id) if row.id else None
    if receipt is None:
        return {}
    said = _("This gift is on official receipt {serial}. To correct it, cancel that receipt "
             "(Official receipts…), correct the gift, and issue its receipt again: the new one "
             "says it cancels and replaces {serial}.").format(serial=receipt.serial)
    return {field: said for field, before in (
        ("partner_id", row.partner_id), ("amount_cents", row.amount_cents),
        ("advantage_cents", row.advantage_cents), ("date", row.date),
        ("family", row.family), ("kind", row.kind), ("status", row.status))
        if field in cleaned and cleaned[field] != before}


def _pledge_problems(cleaned: dict[str, Any], row: Contribution) -> dict[str, str]:
    """What would make pledges and their payments disagree, in plain words."""
    problems: dict[str, str] = {}
    if row.id and row.status == "pledged":  # a pledge with payments keeps its partner and size
        paid = _received_against(row.id)
        if paid and cleaned["status"] != "pledged":
            problems["status"] = (_("{amount} was already received against this pledge. "
                                    "Keep it as a pledge; lower its amount to what came in if "
                                    "the rest will not.").format(amount=format_money(paid)))
        elif paid and cleaned["amount_cents"] < paid:
            problems["amount_cents"] = _(
                "{amount} was already received against this "
                "pledge: it cannot be less than that."
            ).format(amount=format_money(paid))
        if paid and cleaned["partner_id"] != row.partner_id:
            problems["partner_id"] = _("Payments were received against this pledge from its " \
                                     "partner: it cannot move to another.")
    pledge_id = cleaned["pledge_id"]
    if not pledge_id:
        return problems
    pledge = Contribution.get_or_none(Contribution.id == pledge_id)
    unchanged = pledge_id == row.pledge_id  # an existing link is kept, even to a closed pledge
    if pledge is None or pledge.partner_id != cleaned["partner_id"] or pledge.id == row.id or \
            (pledge.status != "pledged" and not unchanged):
        problems["pledge_id"] = _("Choose one of this partner's open pledges.")
        return problems
    still_due = pledge.amount_cents - _received_against(pledge.id, leaving_out=row.id)
    if pledge.status == "pledged" and cleaned["amount_cents"] > still_due:
        problems["amount_cents"] = _(
            "That is more than the {amount} still to come on "
            "the pledge. Record the extra as a gift of its own."
        ).format(amount=format_money(max(still_due, 0)))
    if cleaned["date"] < pledge.date:
        problems["date"] = _("This payment is dated before the pledge was made.")
    return problems


def recompute_outstanding(*pledge_ids: int) -> None:
    """A pledge's outstanding balance: its amount less what was received against it."""
    db.execute_sql(
        "UPDATE contribution SET outstanding_cents = CASE WHEN status = 'pledged' THEN"
        " MAX(0, amount_cents - COALESCE((SELECT SUM(f.amount_cents) FROM contribution f"
        " WHERE f.pledge_id = contribution.id AND f.status = 'received'), 0)) ELSE 0 END"
        " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(pledge_ids),))


def delete_contribution(contribution_id: int) -> None:
    """Remove a contribution entered by mistake, with its acknowledgements; what it fulfilled
    becomes outstanding again."""
    from cars_desktop.store.receipts import ReceiptProblem, is_receipted

    with transaction():
        row = Contribution.get_by_id(contribution_id)
        if is_receipted(contribution_id):
            raise ReceiptProblem(_("This gift is on an official receipt, which is kept with "
                                   "its gifts: it cannot be deleted. If it was a mistake, "
                                   "cancel the receipt; the gift stays in the register."))
        Contribution.delete_by_id(contribution_id)  # fulfilments' links are set to NULL
        if row.pledge_id:
            recompute_outstanding(row.pledge_id)


def open_pledges(partner_id: int, keep: int | None = None) -> list[OpenPledge]:
    """The partner's pledges with something still to come (and `keep`, the one a contribution
    being edited already fulfils, even if it is complete)."""
    query = Contribution.select().where(
        (Contribution.partner == partner_id)
        & (((Contribution.status == "pledged") & (Contribution.outstanding_cents > 0))
           | (Contribution.id == (keep or 0)))
    ).order_by(Contribution.date)
    return [OpenPledge(p.id, p.date, p.amount_cents, p.outstanding_cents, p.purpose)
            for p in query]


def acknowledge(contribution_ids: list[int], date: dt.date, method: str, by: str = "",
                note: str = "") -> tuple[list[int], list[int]]:
    """Record that these contributions were thanked, for those the rule above allows and not
    thanked yet; those already thanked keep their history as it is. Returns the ids of the
    acknowledgements written and of the contributions marked."""
    now = utc_now()
    acks: list[int] = []
    marked: list[int] = []
    statuses = ",".join(f"'{status}'" for status in THANKABLE_STATUSES)
    with transaction():
        conn = db.connection()
        for part in batches(contribution_ids):
            due = [row[0] for row in conn.execute(
                f"SELECT id FROM contribution WHERE id IN ({placeholders(part)})"
                f" AND thanked_on IS NULL AND status IN ({statuses}) ORDER BY id", part)]
            for number in due:
                cursor = conn.execute(
                    "INSERT INTO acknowledgement (uuid, created_at, updated_at, contribution_id,"
                    " date, method, by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (new_uuid(), now, now, number, date.isoformat(), method, by, note))
                acks.append(cursor.lastrowid)
            conn.executemany("UPDATE contribution SET thanked_on = ?, updated_at = ? WHERE id = ?",
                             [(date.isoformat(), now, number) for number in due])
            marked += due
    return acks, marked


def mark_thanked(contribution_ids: list[int], date: dt.date, method: str, by: str = "",
                 note: str = "") -> int:
    """Record that these contributions were thanked (see the rule above). Returns how many
    were marked."""
    return len(acknowledge(contribution_ids, date, method, by, note)[1])


def unthanked_ids(since: dt.date | None = None) -> list[int]:
    """The thank-you queue (what `awaiting_thanks_sql` says), by partner then date; with
    `since`, only what was received or promised on that day or later."""
    where = awaiting_thanks_sql("c") + (" AND c.date >= ?" if since else "")
    return [row[0] for row in db.execute_sql(
        f"SELECT c.id FROM contribution c WHERE {where} ORDER BY c.partner_sort, c.date, c.id",
        [since.isoformat()] if since else [])]


@dataclass(frozen=True)
class QueueCount:
    """The thank-you queue counted around a "received since" day."""
    included: int  # on that day or later
    partners: int  # whom those are from
    older_gifts: int  # received before it
    older_pledges: int  # promised before it

    def note(self, since: dt.date) -> str:
        return left_out_note(self.older_gifts, self.older_pledges, since)


def queue_count(since: dt.date | None) -> QueueCount:
    day = since.isoformat() if since else "0000"
    found = db.execute_sql(
        "SELECT SUM(c.date >= :day), COUNT(DISTINCT CASE WHEN c.date >= :day THEN"
        " c.partner_id END), SUM(c.date < :day AND c.status = 'received'),"
        " SUM(c.date < :day AND c.status = 'pledged')"
        f" FROM contribution c WHERE {awaiting_thanks_sql('c')}", {"day": day}).fetchone()
    return QueueCount(*(value or 0 for value in found))


def refresh_partner_text(partner_id: int) -> None:
    """After a partner's name changes: the folded name its contributions sort and search by.
    Called inside the partner's save transaction."""
    partner = Partner.get_by_id(partner_id)
    rows = Contribution.select(Contribution.id, Contribution.description, Contribution.purpose,
                               Contribution.notes, Contribution.reference
                               ).where(Contribution.partner == partner_id)
    texts = ("description", "purpose", "notes", "reference")
    db.connection().executemany(
        "UPDATE contribution SET partner_sort = ?, search_text = ? WHERE id = ?",
        [(found["partner_sort"], found["search_text"], r.id) for r in rows
         for found in [contribution_row({t: getattr(r, t) for t in texts}, partner.name,
                                        partner.sort_name)]])


@dataclass(frozen=True)
class Totals:
    """What a list of contributions adds up to, by the one rule of `core.counting`."""
    cash_received_cents: int = 0
    in_kind_cents: int = 0
    minutes: int = 0
    pledged_outstanding_cents: int = 0
    not_thanked: int = 0
    count: int = 0
    loans_cents: int = 0  # received loans: apart, never inside cash received
    unvalued_gifts: int = 0  # gifts in kind with neither a value nor hours


def _sum(place: str, what: str) -> str:
    return f"SUM(CASE WHEN {counting.where(place)} THEN {what} ELSE 0 END)"


# One pass over the rows, whatever filter came before it.
TOTALS_SQL = ", ".join((
    _sum("cash", "c.amount_cents"),
    _sum("in_kind", "c.amount_cents"),
    _sum("support", "c.minutes"),
    _sum("pledged", "c.outstanding_cents"),
    f"SUM(CASE WHEN {awaiting_thanks_sql('c')} THEN 1 ELSE 0 END)",  # the queue's own rule
    "COUNT(*)",
    _sum("loan", "c.amount_cents"),
    f"SUM(CASE WHEN {counting.where('in_kind')} AND {counting.unvalued()} THEN 1 ELSE 0 END)",
))


def totals_from_row(row: tuple) -> Totals:
    return Totals(*(value or 0 for value in row))


def find_twin(cleaned: dict[str, Any], leaving_out: int | None = None) -> Contribution | None:
    """A contribution already recorded with the same partner, date, kind, status and amount as
    `cleaned` (validated values): what a gift entered twice looks like. Gifts without a value
    must also say the same and give the same hours, or two days of labour would look alike."""
    query = Contribution.select().where(
        (Contribution.partner == cleaned["partner_id"]) & (Contribution.date == cleaned["date"])
        & (Contribution.kind == cleaned["kind"]) & (Contribution.status == cleaned["status"])
        & (Contribution.amount_cents == cleaned["amount_cents"]))
    if not cleaned["amount_cents"]:
        query = query.where((Contribution.description == cleaned["description"])
                            & (Contribution.minutes == cleaned["minutes"]))
    if leaving_out:
        query = query.where(Contribution.id != leaving_out)
    return query.first()
