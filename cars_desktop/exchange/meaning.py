"""What a platform's or a bank's row means beyond "a gift": a refund, a currency conversion,
a line that is not a gift (a withdrawal, a hold, a pending payment, a voided receipt), a
matching gift riding on an employee's, a report's trailer; and, once every row is read, how
those rows change the others (a conversion gives a gift its Canadian dollars, a refund
cancels its gift).

`parts(known, values)` turns one row of a file into what it holds: nothing but a note, one
gift, or two (Benevity's employee gift and the company's match)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cars_desktop.core.money import MoneyError, parse_money
from cars_desktop.core.text import clean, fold
from cars_desktop.exchange.platforms import BANKS
from cars_desktop.i18n import _

GIFT, NOT_GIFT, REFUND, CONVERSION, TRAILER = "gift", "not_gift", "refund", "conversion", \
    "trailer"
HOME = ("", "CAD", "$", "CA$", "C$")

# PayPal's words for a line's type, in English, French and Spanish (folded)
_HOLD = ("hold", "retenue", "blocage", "retencion", "reserve")
_CONVERT = ("conversion",)
_REFUND = ("refund", "rembourse", "reembolso", "reversal", "annulation", "chargeback",
           "retrocargo", "contrepassation", "devolucion", "remboursement")
_MOVE = ("withdrawal", "retrait", "retiro", "transfer", "virement", "transferencia",
         "deposit", "depot", "deposito", "payout", "versement", "fee", "frais",
         "authorization", "autorisation", "autorizacion", "invoice", "facture")
_PAYMENT = ("payment", "paiement", "pago", "donation", "don", "donacion", "subscription",
            "abonnement", "suscripcion", "charge")
_PENDING = ("pending", "en attente", "pendiente", "unclaimed", "non reclame")
_DEBIT = ("debit", "cargo", "debito")
_YES = ("yes", "y", "oui", "o", "true", "1", "x", "si", "voided", "annule")
# an Interac e-Transfer received, as banks write it; a transfer between the group's own
# accounts ("Virement entre comptes", "Transfer to savings") is not one
_ETRANSFER = re.compile(r"e-?\s?(transfer|tfr|trf)|interac|virement\s+(interac|[ée]lectronique)",
                        re.I)
# how a bank writes the sender after its e-Transfer words: "INTERAC E-TRF- 1234 JOHN SMITH"
_SENDER = re.compile(r"(?:(?:e-?\s?(?:transfer|tfr|trf)|interac|virement(?: interac)?"
                     r"(?: re[cç]u)?|received|autodeposit)[\s\-:#*]*)+(?:\d+\s+)?"
                     r"(?:de\s+|from\s+)?(.*)$", re.I)
_BENEVITY_TRAILER = ("totals", "total donations (gross)", "check fee", "net total payment",
                     "total", "cheque fee")


@dataclass
class Part:
    """One thing a row of a file holds."""
    what: str  # GIFT, NOT_GIFT, REFUND, CONVERSION
    values: dict
    why: str = ""
    sign: int = 1  # -1: the file writes its amount negative (a refund, money out)
    kind: str = ""  # a contribution kind the platform says (a matching gift)
    credit_previous: bool = False  # a match: credits the employee of the part before it
    asks_partner: bool = False  # a bank's deposit: the volunteer says whose gift it is
    sender: str = ""  # who the bank says sent it, remembered with the partner chosen
    extra: dict = field(default_factory=dict)


def amount_cents(text: str) -> int:
    """Cents from a platform's amount: "10.0000" and "0.8750" (four decimals, rounded to the
    cent), "-25.00", "1 234,56"."""
    raw = clean(text).replace("\u2212", "-")
    negative = raw.startswith("-") or (raw.startswith("(") and raw.endswith(")"))
    raw = raw.strip("-()")
    if re.fullmatch(r"\d+[.,]\d{4}", raw):  # a platform's four decimals
        value = Decimal(raw.replace(",", ".")) * 100
        cents = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    else:
        cents = parse_money(raw)
    return -cents if negative else cents


def is_trailer(known, cells: list[str]) -> bool:
    return known is not None and known.code == "benevity" and bool(cells) and \
        fold(cells[0]) in _BENEVITY_TRAILER


def parts(known, values: dict) -> list[Part]:
    code = known.code if known is not None else ""
    reader = _READERS.get(code)
    if reader is None and code in BANKS:
        reader = _bank
    found = reader(values) if reader else [Part(GIFT, values)]
    for part in found:
        for name, value in list(part.values.items()):  # Benevity: "Not shared by donor"
            if fold(value) in ("not shared by donor", "not shared"):
                part.values[name] = "" if name not in ("first_name", "last_name", "partner_name") \
                    else value
    return found


def _canadahelps(values: dict) -> list[Part]:
    if fold(values.get("voided", "")) in _YES or values.get("voided_on"):
        why = clean(values.get("voided_why", ""))
        return [Part(REFUND, values, why=_("the receipt was voided: not a gift") +
                     (f" ({why[:80]})" if why else ""),
                     extra={"refers_to": values.get("reference", ""), "voided": True})]
    return [Part(GIFT, values)]


def _type_of(text: str) -> str:
    folded = fold(text)
    for words, what in ((_HOLD, NOT_GIFT), (_CONVERT, CONVERSION), (_REFUND, REFUND),
                        (_MOVE, NOT_GIFT), (_PAYMENT, GIFT)):
        if any(word in folded for word in words):
            return what
    return NOT_GIFT


def _paypal(values: dict) -> list[Part]:
    kind_text = clean(values.get("transaction_type", ""))
    what = _type_of(kind_text) if kind_text else GIFT
    status = fold(values.get("status", ""))
    if what == GIFT and any(word in status for word in _PENDING):
        return [Part(NOT_GIFT, values, why=_("pending at the platform: import the file "
                                              "again once the payment is completed"))]
    if what == CONVERSION:
        return [Part(CONVERSION, values, why=_("a currency conversion, not a gift"))]
    if what == REFUND:
        return [Part(REFUND, values, sign=-1, why=_("a refund"),
                     extra={"refers_to": clean(values.get("refers_to", ""))})]
    debit = fold(values.get("balance_impact", "")) in _DEBIT
    if what == NOT_GIFT or debit:
        return [Part(NOT_GIFT, values, why=_("“{type}” is money moved, not a gift").format(
            type=kind_text[:60] or values.get("balance_impact", "")))]
    return [Part(GIFT, values)]


def _benevity(values: dict) -> list[Part]:
    found = []
    donation = values.get("amount", "")
    match = values.get("match", "")
    try:
        gift, matched = amount_cents(donation or "0"), amount_cents(match or "0")
    except MoneyError:
        return [Part(GIFT, values)]  # the gift's own reading says what is wrong
    fees = []
    for name in ("fee", "fee_more"):
        try:
            fees.append(amount_cents(values.get(name) or "0"))
        except MoneyError:
            fees.append(0)
    employee = clean(f"{values.get('first_name', '')} {values.get('last_name', '')}")
    if fold(employee) in ("not shared by donor not shared by donor", ""):
        employee = ""
    volunteer = "volunteer" in fold(values.get("reason", ""))
    if gift:
        person = dict(values, company="", fee="")
        found.append(Part(GIFT, person, kind="employee", extra={"fee_cents": sum(fees)},
                          why=_("an employee's gift through {company}").format(
                              company=values.get("company", "") or "Benevity")))
    if matched:
        company = {name: values.get(name, "") for name in ("company", "date", "currency",
                                                             "purpose", "reference")}
        company["reference"] = f"{values.get('reference', '')}-M" if values.get("reference") \
            else ""
        company["amount"] = match
        if volunteer:
            company["notes"] = _("For the volunteer hours of {name}").format(
                name=employee or _("an employee"))
        elif employee:
            company["notes"] = _("Matching the gift of {name}").format(name=employee)
        found.append(Part(GIFT, company, kind="matching", credit_previous=bool(gift),
                          why=company.get("notes", "")))
    if not found:
        found.append(Part(NOT_GIFT, values, why=_("no donation and no match on this row")))
    return found


def _stripe_payments(values: dict) -> list[Part]:
    values = dict(values)
    values["partner_name"] = values.get("partner_name") or values.get("card_name", "")
    status = fold(values.get("status", ""))
    partly = "partial" in status
    if status and status not in ("paid", "succeeded") and not partly:
        if "refund" in status:
            return [Part(NOT_GIFT, values, why=_("refunded: not a gift"))]
        return [Part(NOT_GIFT, values, why=_("its status is “{status}”, not paid").format(
            status=values.get("status", "")))]
    try:
        refunded = amount_cents(values.get("refunded") or "0")
        paid = amount_cents(values.get("amount") or "0")
    except MoneyError:
        return [Part(GIFT, values)]
    if refunded and refunded >= paid:
        return [Part(NOT_GIFT, values, why=_("refunded: not a gift"))]
    # Stripe's fee is in the account's own currency, Canadian dollars
    extra = {"fee_home": True}
    converted = values.get("converted", "")
    in_dollars = converted and values.get("converted_currency", "").upper() == "CAD"
    if in_dollars:
        extra["received"] = converted
    try:
        refunded_home = amount_cents(values.get("converted_refunded") or "0")
    except MoneyError:
        refunded_home = 0
    if refunded:  # the part refunded, in Canadian dollars
        extra["refunded"] = refunded_home if in_dollars and refunded_home else refunded
    return [Part(GIFT, values, extra=extra)]


def _stripe_balance(values: dict) -> list[Part]:
    kind_text = fold(values.get("transaction_type", ""))
    if kind_text in ("charge", "payment"):
        if values.get("partner_name"):
            return [Part(GIFT, values)]
        return [Part(GIFT, values, asks_partner=True, sender=clean(values.get("email", "")))]
    if "refund" in kind_text:
        return [Part(REFUND, values, sign=-1, why=_("a refund"),
                     extra={"refers_to": clean(values.get("refers_to", ""))})]
    return [Part(NOT_GIFT, values, why=_("“{type}” is money moved, not a gift").format(
        type=values.get("transaction_type", "")[:60]))]


_ZEFFY_METHODS = {"card": "card", "applepayorgooglepay": "card", "taptopay": "card",
                  "cash": "cash", "cheque": "cheque", "check": "cheque",
                  "transfer": "etransfer", "pad": "etransfer", "ach": "etransfer"}


def _zeffy(values: dict) -> list[Part]:
    values = dict(values)
    kind_text = fold(values.get("transaction_type", ""))
    method = fold(values.get("payment_method", "")).replace(" ", "")
    values["payment_method"] = ""
    if method == "inkind":
        values["family"] = "in kind"
    else:
        values["payment_method"] = _ZEFFY_METHODS.get(method, "online")
    if kind_text in ("", "donation", "don"):
        return [Part(GIFT, values)]
    eligible = values.get("eligible", "")
    try:
        eligible_cents = amount_cents(eligible or "0")
    except MoneyError:
        eligible_cents = 0
    if eligible_cents > 0:  # the gift part of a ticket or a membership
        values["amount"] = eligible
        return [Part(GIFT, values)]
    return [Part(NOT_GIFT, values, why=_("a {type} bought, not a gift").format(
        type=values.get("transaction_type", "")[:40]))]


def sender_of(values: dict) -> str:
    """Who sent an e-Transfer, as the bank writes it: its own column, or the words after
    "INTERAC E-TRF-" or "Virement Interac reçu -"."""
    for text in (clean(values.get("sender", "")), clean(values.get("bank_text", ""))):
        found = _SENDER.search(text) if _ETRANSFER.search(text) else None
        if found and clean(found[1]):
            return clean(found[1])[:120]
    return clean(values.get("sender", ""))[:120]


def _bank(values: dict) -> list[Part]:
    text = clean(f"{values.get('bank_text', '')} {values.get('sender', '')}")
    try:
        cents = amount_cents(values.get("amount") or "0")
    except MoneyError:
        return [Part(GIFT, values)]
    if cents <= 0:
        return [Part(NOT_GIFT, values, why=_("money out of the account, not a gift"))]
    if not _ETRANSFER.search(text):
        return [Part(NOT_GIFT, values, why=_("a deposit that is not an e-Transfer: enter it "
                                              "by hand if it is a gift"))]
    sender = sender_of(values) or text[:120]
    values = dict(values, partner_name="", notes=text)
    return [Part(GIFT, values, asks_partner=True, sender=sender)]


_READERS = {"canadahelps": _canadahelps, "paypal": _paypal, "benevity": _benevity,
            "stripe_payments": _stripe_payments,
            "stripe_balance": _stripe_balance, "zeffy": _zeffy}


def trailer_totals(known, cells: list[str], totals: dict) -> None:
    """Keep what a Benevity trailer line says: its gross total."""
    label = fold(cells[0])
    if label == "total donations (gross)":
        amounts = [cell for cell in cells[1:] if cell.strip()]
        if amounts:
            try:
                totals["gross"] = amount_cents(amounts[0])
            except MoneyError:
                pass
