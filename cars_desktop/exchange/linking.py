"""How some rows of a file change others, once every row is read: a currency conversion
gives its gift the Canadian dollars it brought, a refund cancels its gift (or lessens it,
when only part is refunded), a voided receipt cancels its gift unless the file receipts it
again; and whether the rows add up to what a report's own trailer says."""

from __future__ import annotations

from cars_desktop.core.money import format_amount, format_money
from cars_desktop.exchange import meaning
from cars_desktop.exchange.dates import parse_date
from cars_desktop.exchange.lookup import PartnerLookup
from cars_desktop.exchange.plan import (
    DUPLICATE,
    ERROR,
    MATCHED,
    NEAR,
    NEW,
    NOT_GIFT,
    REVERSE,
    Plan,
    PlanRow,
)
from cars_desktop.i18n import _

GIFTS = (NEW, MATCHED, NEAR)


def read_quietly(row: PlanRow, values: dict, order: str, utc: bool) -> None:
    """What a row that is not a gift says (its date, amount, name), for the preview."""
    row.partner_name = values.get("partner_name", "") or " ".join(
        filter(None, (values.get("first_name", ""), values.get("last_name", ""))))
    row.reference = values.get("reference", "")[:120]
    currency = values.get("currency", "").upper().strip()
    if currency not in meaning.HOME:  # shown in its own currency, never as dollars
        row.original_currency = currency[:3]
    try:
        row.amount_cents = meaning.amount_cents(values.get("amount") or "0")
        if row.original_currency:
            row.original_cents, row.amount_cents = row.amount_cents, 0
    except ValueError:
        pass
    try:
        row.date = parse_date(values.get("date", ""), order, utc)
    except ValueError:
        pass


def link(plan: Plan, linked: list, lookup: PartnerLookup) -> None:
    by_reference = {row.reference: row for row in plan.rows
                    if row.reference and row.action in GIFTS}
    receipted = {row.reference: row for row in plan.rows
                 if row.reference and row.action in (*GIFTS, DUPLICATE)}
    for row, part in linked:
        target = part.extra.get("refers_to") or part.values.get("refers_to", "")
        if part.what == meaning.CONVERSION:
            _convert(row, part, by_reference.get(target))
        elif part.extra.get("voided") and target in receipted:
            row.why = _("voided, then receipted again on line {line}: the gift counts "
                        "once").format(line=receipted[target].line)
        else:
            original = by_reference.get(target) or _same_gift_in_file(row, part, plan)
            if original is not None:
                _refund_in_file(row, original)
            else:
                _refund_in_data(row, part, target, lookup)


def _convert(row: PlanRow, part, original: PlanRow | None) -> None:
    """PayPal converts what is left after its fee: the gift is worth that much more."""
    currency = part.values.get("currency", "").upper()
    if original is None or currency not in meaning.HOME or row.amount_cents <= 0 or \
            not original.original_currency:
        return
    received = row.amount_cents
    net = original.original_cents - original.original_fee
    dollars = round(received * original.original_cents / net) if net > 0 else received
    original.amount_cents, original.fee_cents, original.needs = dollars, dollars - received, ""
    original.why = _("given as {amount} {currency}: {dollars} in Canadian dollars").format(
        amount=format_amount(original.original_cents), currency=original.original_currency,
        dollars=format_money(dollars))
    row.why = _("the Canadian dollars of line {line}").format(line=original.line)


def _refund_size(row: PlanRow) -> int:
    return abs(row.original_cents if row.original_currency else row.amount_cents)


def _same_gift_in_file(row: PlanRow, part, plan: Plan) -> PlanRow | None:
    """A refund that names no transaction: the latest gift before it in the file from the
    same email or name, of the same amount."""
    email = part.values.get("email", "").lower()
    name = row.partner_name.casefold()
    size = _refund_size(row)
    for earlier in reversed(plan.rows[:plan.rows.index(row)]):
        same_giver = (email and earlier.values.get("email", "").lower() == email) or \
            (name and earlier.partner_name.casefold() == name)
        amount = earlier.original_cents if earlier.original_currency else earlier.amount_cents
        if earlier.action in GIFTS and same_giver and amount == size:
            return earlier
    return None


def _refund_in_file(row: PlanRow, original: PlanRow) -> None:
    size = _refund_size(row)
    whole = original.original_cents if original.original_currency else original.amount_cents
    if 0 < size < whole and not original.original_currency:  # part of it refunded
        original.amount_cents -= size
        original.why = _("part of it refunded on line {line}: {amount} counted").format(
            line=row.line, amount=format_money(original.amount_cents))
        row.why = _("refunds part of the gift of line {line}").format(line=original.line)
        return
    original.action, original.needs = NOT_GIFT, ""
    original.why = _("refunded or voided on line {line}: not a gift").format(line=row.line)
    row.why = _("cancels the gift of line {line}").format(line=original.line)


def _refund_in_data(row: PlanRow, part, target: str, lookup: PartnerLookup) -> None:
    size = _refund_size(row)
    if target:
        found = lookup.gift_of_reference.get(target)
    else:  # no transaction named: the giver's latest gift of that amount
        giver = lookup.partner_of(row.partner_name, part.values.get("email", ""))
        found = lookup.gift_like(giver, size, row.date) if giver else None
        target = found and (found[3].isoformat() + ", " + format_money(found[2]))
    if found is None:
        row.why = (part.why + ". " if part.why else "") + _(
            "Its gift is not in the data yet: import the file that holds it first, then "
            "this one again")
        return
    gift_id, status, amount, _day = found
    if status == "cancelled":
        row.action, row.why = DUPLICATE, _("its gift {reference} is already cancelled").format(
            reference=target)
        return
    serial = lookup.receipt_of.get(gift_id)
    if serial is not None:
        row.action, row.why = ERROR, _(
            "the gift {reference} is on official receipt {serial}: cancel that receipt first "
            "(Contribution › Official receipts…), then import this file again").format(
                reference=target, serial=serial)
        return
    row.action, row.reverses = REVERSE, gift_id
    if 0 < size < amount and not row.original_currency:
        row.lessens = size
        row.why = _("the gift {reference} already in the data becomes {amount}: part of it "
                    "was refunded").format(reference=target,
                                           amount=format_money(amount - size))
    else:
        row.why = _("the gift {reference} already in the data will be cancelled: not "
                    "counted, not thanked").format(reference=target)


def check_totals(plan: Plan) -> None:
    """Say whether the rows add up to what the file's own trailer says."""
    gross = plan.file_totals.get("gross")
    if gross is None:
        return
    found = sum(row.amount_cents for row in plan.rows if row.action != ERROR and
                not row.original_currency and row.action != NOT_GIFT)
    if found == gross:
        plan.totals_note = _("The rows add up to the file's own total, {total}.").format(
            total=format_money(gross))
    else:
        plan.totals_note = _("The rows add up to {found}, but the file's own total is "
                             "{total}: check the rows in error.").format(
            found=format_money(found), total=format_money(gross))

