"""One row of an import: reading what it says into a planned gift, and what the store is
given to write for it."""

from __future__ import annotations

import datetime as dt
import re

from cars_desktop.core import vocab
from cars_desktop.core.money import MoneyError, format_amount
from cars_desktop.core.text import clean, fold, fold_for_match
from cars_desktop.core.validation import hours_to_minutes
from cars_desktop.exchange.dates import parse_date
from cars_desktop.exchange.formats import language_of, payment_method_of
from cars_desktop.exchange.meaning import HOME, amount_cents
from cars_desktop.exchange.plan import NEAR, NOT_GIFT, PlanRow
from cars_desktop.exchange.platforms import Format
from cars_desktop.i18n import _
from cars_desktop.store.import_writer import GiftToWrite


def new_partner_key(row: PlanRow) -> str:
    """Rows that make one new partner: the same Partner ID, else the same folded name."""
    return row.values.get("partner_uuid") or fold_for_match(row.partner_name)


_ANONYMOUS = ("not shared by donor", "anonymous", "anonyme", "not shared", "anonymous donor",
              "donateur anonyme")
ANONYMOUS_DONORS = "Anonymous donors"
_IN_KIND = ("gift in kind", "in kind", "don en nature", "en nature")
# words that make a name an organisation's, in English and French
_ORGANISATION = re.compile(
    r"\b(inc|ltd|ltee|limited|corp|co-?op|coop|cooperative|club|society|societe|association|"
    r"church|eglise|paroisse|parish|town|village|city|municipalite|ville|county|comte|school|"
    r"ecole|college|foundation|fondation|caisse|bank|banque|credit union|legion|branch|"
    r"hardware|quincaillerie|epicerie|ferme|farm|pharmacy|pharmacie|store|magasin|centre|"
    r"center|council|conseil|ministry|ministere|department|service|services|group|groupe|"
    r"& sons|et fils|enterprises|entreprises)\b")


def read_row(row: PlanRow, values: dict, known: Format | None, order: str,
             today: dt.date) -> None:
    status = fold(values.get("status", ""))
    if known and known.completed and status and status not in known.completed:
        row.action = NOT_GIFT
        row.why = _("its status is “{status}”, not completed").format(status=values["status"])
        return
    notes = []  # what was left aside: the gift still counts
    for name, understood, unknown in (
            ("language", language_of,
             _("“{value}” is not a language it knows: letters in the group's language")),
            ("payment_method", payment_method_of,
             _("“{value}” is not a payment method it knows: none kept"))):
        text = clean(values.get(name, ""))
        if text:
            code = understood(text)
            if code is None:
                notes.append(unknown.format(value=text[:40]))
            values[name] = code or ""
    anonymous = False
    for part in ("first_name", "last_name", "partner_name"):  # "Not shared by donor"
        if fold(values.get(part, "")) in _ANONYMOUS:
            values[part], anonymous = "", True
    name = clean(values.get("partner_name", ""))
    person = clean(f"{values.get('first_name', '')} {values.get('last_name', '')}")
    company = clean(values.get("company", ""))
    # a gift whose giver chose not to be named still counts: on one partner for them all
    row.partner_name = company or name or person or row.partner_name or (
        ANONYMOUS_DONORS if anonymous else "")
    if not row.partner_name and not values.get("partner_uuid") and row.needs != "partner":
        raise ValueError(_("no name says who gave"))
    if not values.get("date"):
        raise ValueError(_("the date is empty"))
    row.date = parse_date(values["date"], order, utc=bool(known and known.utc))
    if row.date > today:
        raise ValueError(_("the date {date:%Y-%m-%d} is in the future").format(date=row.date))
    in_kind = is_in_kind(values)
    amount = clean(values.get("amount", ""))
    try:
        row.amount_cents = amount_cents(amount) if amount or not in_kind else 0
        row.fee_cents = abs(amount_cents(values["fee"])) if values.get("fee") else \
            row.fee_cents
    except MoneyError as err:
        message = str(err)
        raise ValueError(_("the amount: {problem}").format(
            problem=message[:1].lower() + message[1:])) from None
    if row.amount_cents < 0:
        raise ValueError(_("the amount is negative: money going out is not a gift"))
    if row.amount_cents == 0 and not in_kind:
        raise ValueError(_("the amount is zero"))
    currency = values.get("currency", "").upper().strip()
    if currency not in HOME and values.get("original_amount"):  # both known: our own export
        row.original_currency = currency[:3]
        row.original_cents = abs(amount_cents(values["original_amount"]))
    elif currency not in HOME:  # given in another currency: recorded in the dollars received
        row.original_currency, row.original_cents = currency[:3], row.amount_cents
        row.amount_cents, row.needs = 0, "amount"
        row.why = _("given as {amount} {currency}: what was it worth in Canadian "
                    "dollars?").format(amount=format_amount(row.original_cents),
                                        currency=row.original_currency)
    row.reference = clean(values.get("reference", ""))[:120]
    row.receipt = clean(values.get("receipt", ""))[:60]
    row.tribute = clean(values.get("tribute", ""))[:200]
    for field_name, words in (("in_honour_of", _("In honour of {name}")),
                              ("in_memory_of", _("In memory of {name}"))):
        if clean(values.get(field_name, "")):
            row.tribute = words.format(name=clean(values[field_name]))[:200]
    if values.get("email") and "@" not in values["email"]:
        values["email"] = ""  # a blank, not an error: the gift still counts
    if clean(values.get("hours", "")):
        values["minutes"] = hours_to_minutes(values["hours"])
    if clean(values.get("thanked_on", "")):
        values["thanked"] = parse_date(values["thanked_on"], order).isoformat()
    if notes:
        row.why = "; ".join(notes)


def is_in_kind(values: dict) -> bool:
    """A gift in kind: the file says so, or names a kind of gift in kind."""
    return fold(values.get("family", "")) in _IN_KIND or \
        fold(values.get("kind", "")) in _KINDS[True] and fold(values.get("kind", "")) not in \
        _KINDS[False]


_PARTNER_TEXT = ("email", "phone", "address_line1", "address_line2", "city", "postal_code",
                 "country")


# a province by its code or its name in either language, folded once (not for every row)
_PROVINCES = {fold(name): term.code for term in vocab.PROVINCES for name in (term.en, term.fr)}
_KINDS: dict[bool, dict[str, str]] = {False: {}, True: {}}  # in kind? -> word -> kind
for _in_kind, _kinds in ((False, vocab.CASH_KINDS), (True, vocab.IN_KIND_KINDS)):
    for _term in _kinds:
        for _word in (fold(_term.en), fold(_term.fr), _term.code):
            _KINDS[_in_kind].setdefault(_word, _term.code)  # the first kind a word names


def _province(text: str) -> str:
    text = clean(text)
    if text.upper() in vocab.PROVINCES:
        return text.upper()
    return _PROVINCES.get(fold(text), "") if text else ""


def to_write(row: PlanRow, same_as_near: set, method: str, language: str) -> GiftToWrite:
    if row.reverses is not None:  # a refund of a gift already there: nothing else to write
        return GiftToWrite({}, row.partner_name, reverses=row.reverses, lessens=row.lessens)
    values = row.values
    same = row.line in same_as_near or row.key in same_as_near  # lines, or rows' keys
    pid = row.near_id if row.action == NEAR and same else row.partner_id
    partner = {name: clean(values.get(name, ""))[:200] for name in _PARTNER_TEXT}
    partner["province"] = _province(values.get("province", ""))
    found = GiftToWrite(_gift(row, method), row.partner_name, pid, partner=partner,
                        credit_index=row.credit_line, reverses=row.reverses,
                        sender=row.sender, contact_name=clean(values.get("contact", ""))[:200])
    if pid is None:
        found.new_key = new_partner_key(row)
        # a company's gift names the company; a name in one column may be either
        person = not values.get("company") and row.partner_name != ANONYMOUS_DONORS and \
            not _ORGANISATION.search(fold(row.partner_name))
        partner.update(
            uuid=values.get("partner_uuid", ""), name=row.partner_name[:200],
            kind="person" if person else "organisation",
            sector="community" if person else "corporate",
            country=partner["country"] or _("Canada"),
            language=values.get("language") or language)
        if values.get("company") and (values.get("first_name") or values.get("last_name")):
            found.contact = clean(f"{values.get('first_name', '')} {values.get('last_name', '')}")
    return found


def _gift(row: PlanRow, method: str) -> dict:
    values = row.values
    in_kind = is_in_kind(values)
    return {"uuid": values.get("uuid", ""), "family": "in_kind" if in_kind else "cash",
            "kind": row.kind or _kind(values.get("kind", ""), in_kind),
            "amount_cents": row.amount_cents,
            "description": clean(values.get("description", ""))[:250] if in_kind else "",
            "date": row.date.isoformat(),
            "payment_method": "" if in_kind else values.get("payment_method") or method,
            "reference": "" if in_kind else row.reference,
            "purpose": clean(values.get("purpose", ""))[:250],
            "notes": clean(values.get("notes", ""))[:2000],
            "minutes": values.get("minutes", 0), "fee_cents": row.fee_cents,
            "original_currency": row.original_currency, "original_cents": row.original_cents,
            "tribute": row.tribute, "platform_receipt": row.receipt,
            "thanked_on": values.get("thanked")}


def _kind(text: str, in_kind: bool) -> str:
    return _KINDS[in_kind].get(fold(text), "products" if in_kind else "one_time")
