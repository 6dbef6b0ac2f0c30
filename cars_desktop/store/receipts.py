"""Official donation receipts: which gifts may have one, issuing them (one gift, a donor's
gifts of a year together, each gift in kind on its own), cancelling and replacing, the
duplicate a reprint gives, and the register.

Each receipt is kept inside the data file exactly as issued, its PDF's SHA-256 beside it; the
file's own triggers refuse to delete or change one. Serial numbers are never given twice: the
next is one past the highest of this year in the data, and past the highest ever written in
the journal beside it (`receipt_journal`): a backup restored over receipts already sent out
must not hand their numbers out again, nor receipt their gifts twice."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from cars_desktop.core.address import town_line
from cars_desktop.core.receipt_text import ReceiptDoc
from cars_desktop.core.receipts import APPRAISAL_OVER_CENTS, advantage_counted, receipt_advice
from cars_desktop.i18n import _
from cars_desktop.store import receipt_journal, settings
from cars_desktop.store.database import transaction
from cars_desktop.store.errors import StoreError
from cars_desktop.store.models import Contribution, Partner, Receipt, ReceiptGift
from cars_desktop.store.profile import group_profile

# a receipt's columns but its PDFs: what lists and checks read, never a year of PDFs
WITHOUT_PDF = [column for column in Receipt._meta.sorted_fields
               if column.name not in ("pdf", "duplicate_pdf")]


def serials_by_id() -> dict[int, str]:
    """Every receipt's serial, to say which one another replaces without reading it."""
    return dict(Receipt.select(Receipt.id, Receipt.serial).tuples())


class ReceiptProblem(StoreError):
    """Receipts that cannot be issued, cancelled or replaced, said plainly."""


@dataclass
class Issued:
    receipts: list[Receipt] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why some gifts got no receipt


def not_ready() -> str | None:
    """What the group must set before it issues receipts, in plain words; None when ready."""
    profile = group_profile()
    if not profile.charity_number:
        return _("Only a registered charity issues official receipts: enter its registration "
                 "number in File › Group profile.")
    if not settings.get(settings.RECEIPTS_ON):
        return _("Your group does not issue official receipts with CARS Desktop yet: tick "
                 "“Issues official receipts here” in File › Group profile.")
    missing = [what for what, value in (
        (_("name"), profile.name), (_("street address"), profile.address_line1),
        (_("town or city"), profile.city), (_("signatory"), profile.signatory_name)) if not value]
    if missing:
        return _("Receipts need your group's {missing}: fill them in File › Group "
                 "profile.").format(missing=", ".join(missing))
    return None


def on_active_receipt(contribution_id: int) -> Receipt | None:
    """The receipt, not cancelled, that a gift is on; None when it is on none."""
    return (Receipt.select(*WITHOUT_PDF).join(ReceiptGift)
            .where((ReceiptGift.contribution == contribution_id)
                   & Receipt.cancelled_on.is_null()).first())


def is_receipted(contribution_id: int) -> bool:
    """Whether a gift was ever on a receipt, even a cancelled one: the register keeps it."""
    return ReceiptGift.select().where(ReceiptGift.contribution == contribution_id).exists()


# Gifts passed on by a foundation that receipts its donors itself
_RECEIPTED_BY_INTERMEDIARY = {"benevity": "Benevity", "paypal_giving_fund": "PayPal Giving Fund"}


def why_not(gift: Contribution, unappraised_ok: bool = False,
            lost: dict[str, receipt_journal.Missing] | None = None) -> str | None:
    """Why this gift gets no receipt now, in plain words; None when it may have one. `lost`:
    `receipt_journal.lost_gifts()`, when it was read once for many gifts."""
    partner = gift.partner
    if partner.sector == "government":
        return _("Money from a government is a grant, not a gift: no official receipt.")
    batch = gift.import_batch
    if batch is not None and batch.file_format in _RECEIPTED_BY_INTERMEDIARY:
        return _("It came through {platform}, whose foundation receipts its donors itself: "
                 "no second receipt.").format(
                     platform=_RECEIPTED_BY_INTERMEDIARY[batch.file_format])
    if gift.kind == "employee" and partner.kind == "organisation":
        return _("Employees' gifts are receipted to each employee: record each one's gift "
                 "under their own name.")
    advice = receipt_advice(gift.kind, gift.status, gift.amount_cents, gift.advantage_cents,
                            gift.appraised, gift.family == "in_kind", True,
                            gift.platform_receipt)
    if not advice.eligible:
        return advice.explanation
    receipt = on_active_receipt(gift.id)
    if receipt is not None:
        return _("It is on receipt {serial} already.").format(serial=receipt.serial)
    sent = (receipt_journal.lost_gifts() if lost is None else lost).get(gift.uuid)
    if sent is not None:
        return _("It is on receipt {serial}, issued on {date}, which this data does not hold "
                 "(a backup made before it was restored): it is not receipted twice.").format(
                     serial=sent.serial, date=sent.issued_on)
    if gift.family == "in_kind" and not gift.description:
        return _("Describe what was given: the receipt must say it.")
    if awaits_appraisal_answer(gift) and not unappraised_ok:
        return _("A gift in kind over $1,000: say whether it was appraised independently "
                 "(and by whom) before it is receipted.")
    if gift.family == "in_kind" and gift.appraised and not gift.appraiser.strip():
        return _("Say who appraised it, with their address: the receipt must name them.")
    if partner.kind == "person" and len(partner.name.split()) < 2:
        return _("The receipt must give the donor's first name or initial with the last "
                 "name: complete {name}'s name.").format(name=partner.name)
    if not (partner.address_line1 and partner.city):
        return _("The receipt must give the donor's address: add it to {name}.").format(
            name=partner.name)
    return None


def awaits_appraisal_answer(gift: Contribution) -> bool:
    """A gift in kind over $1,000 with no appraisal recorded: the volunteer is asked whether
    its receipt may go out saying it was not appraised independently."""
    return gift.family == "in_kind" and gift.amount_cents > APPRAISAL_OVER_CENTS and \
        not gift.appraised


def waiting(year: int, skipped: list[str] | None = None,
            unappraised: frozenset[int] = frozenset(), ask_appraisal: bool = False
            ) -> list[Contribution]:
    """The year's gifts that may be receipted and are not yet, by donor then date; why each
    other gift received that year has none goes in `skipped` (but those on a receipt).
    `unappraised` as for `issue`; with `ask_appraisal`, every gift awaiting that answer is
    listed, for the window to ask."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    gifts = (Contribution.select().join(Partner, on=(Contribution.partner == Partner.id))
             .where(Contribution.date.between(start, end)
                    & (Contribution.status == "received") & Partner.erased_at.is_null())
             .order_by(Partner.sort_name, Contribution.date))
    found, lost = [], receipt_journal.lost_gifts()
    for gift in gifts:
        reason = why_not(gift, ask_appraisal or gift.id in unappraised, lost)
        if reason is None:
            found.append(gift)
        elif skipped is not None and on_active_receipt(gift.id) is None:
            skipped.append(f"{gift.partner.name}, {gift.date}: {reason}")
    return found


def issue(today: dt.date, contribution_ids: list[int] | None = None, year: int | None = None,
          unappraised: frozenset[int] = frozenset(), progress=None) -> Issued:
    """Issue receipts for these gifts, or for every gift of `year` not yet receipted. With
    `year`, each donor's cash gifts of that year go on one receipt; otherwise each gift has
    its own. A gift in kind always has its own. `unappraised`: gifts in kind over $1,000
    the volunteer said were not appraised. `progress(done, total)` hears of each one made
    (all are kept together, or none)."""
    problem = not_ready()
    if problem:
        raise ReceiptProblem(problem)
    done = Issued()
    if contribution_ids is None:
        if year is None:
            raise ValueError("issue() needs gifts or a year")
        gifts = waiting(year, done.skipped, unappraised)
    else:
        gifts, lost = [], receipt_journal.lost_gifts()
        for gift in Contribution.select().where(Contribution.id.in_(contribution_ids)):
            reason = why_not(gift, gift.id in unappraised, lost)
            if reason:
                done.skipped.append(f"{gift.partner.name}, {gift.date}: {reason}")
            else:
                gifts.append(gift)
    groups: dict[object, list[Contribution]] = {}
    for gift in gifts:
        key = (gift.partner_id, "year") if year is not None and gift.family == "cash" \
            else gift.id
        groups.setdefault(key, []).append(gift)
    with transaction():
        number = _next_number(today.year)  # once: the journal is read once, not per receipt
        for together in groups.values():
            done.receipts.append(_issue_one(together, today, year, number=number))
            number += 1
            if progress is not None:
                progress(len(done.receipts), len(groups))
        receipt_journal.record(done.receipts, finished=False)
    receipt_journal.record(done.receipts, finished=True)
    return done


def _issue_one(gifts: list[Contribution], today: dt.date, year: int | None,
               replaces: Receipt | None = None, number: int | None = None) -> Receipt:
    first = gifts[0]
    kind = "in_kind" if first.family == "in_kind" else replaces.kind if replaces is not None \
        else "year" if year is not None else "gift"
    counted = [(gift, advantage_counted(gift.amount_cents, gift.advantage_cents))
               for gift in gifts]
    amount = sum(gift.amount_cents for gift in gifts)
    advantage = sum(cents for _gift, cents in counted)
    if replaces is None:
        replaces = _cancelled_before(gifts)
    number = number or _next_number(today.year)
    serial = serial_of(today.year, number)
    if Receipt.select().where(Receipt.serial == serial).exists():  # a prefix without {year}
        raise ReceiptProblem(_("The number {serial} was given already: put {{year}} in what "
                               "begins the receipt numbers (Official receipts › Settings…)."
                               ).format(serial=serial))
    received = str(first.date.year) if kind == "year" else first.date.isoformat()
    doc = _document(first.partner, kind, serial, today, received, amount, advantage,
                    gifts, replaces)
    from cars_desktop.documents.receipt_pdf import receipt_pdf

    paper = settings.get(settings.PAPER)
    pdf = receipt_pdf(doc, paper=paper)
    receipt = Receipt.create(
        serial=serial, year=today.year, number=number, kind=kind, partner=first.partner,
        donor="\n".join(doc.donor), issued_on=today, received=received,
        language=doc.language, amount_cents=amount, advantage_cents=advantage,
        eligible_cents=amount - advantage, replaces=replaces, pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        duplicate_pdf=b"")  # a reprint marks this very PDF: see duplicate_of
    for gift, cents in counted:
        ReceiptGift.create(receipt=receipt, contribution=gift, amount_cents=gift.amount_cents,
                           advantage_cents=cents, eligible_cents=gift.amount_cents - cents)
    return receipt


def serial_of(year: int, number: int) -> str:
    prefix = settings.get(settings.RECEIPT_PREFIX)
    return (prefix if "{year}" in prefix else "{year}-" + prefix).replace("{year}", str(year)) \
        + f"{number:04d}"


def _cancelled_before(gifts: list[Contribution]) -> Receipt | None:
    """A receipt of these gifts cancelled and not yet replaced: the new one replaces it (the
    gift was corrected in between), and says so."""
    replaced = Receipt.select(Receipt.replaces).where(Receipt.replaces.is_null(False))
    return (Receipt.select(*WITHOUT_PDF).join(ReceiptGift)
            .where(ReceiptGift.contribution.in_([gift.id for gift in gifts])
                   & Receipt.cancelled_on.is_null(False) & Receipt.id.not_in(replaced))
            .order_by(Receipt.id.desc()).first())


def _document(partner: Partner, kind: str, serial: str, today: dt.date, received: str,
              amount: int, advantage: int, gifts: list[Contribution],
              replaces: Receipt | None) -> ReceiptDoc:
    profile = group_profile()
    language = "both" if settings.get(settings.RECEIPT_BOTH) else \
        ("fr" if partner.language == "fr" else "en")
    first = gifts[0]
    place = settings.get(settings.RECEIPT_PLACE) or \
        ", ".join(part for part in (profile.city, profile.province) if part)
    return ReceiptDoc(
        serial=serial, kind=kind, language=language, charity_name=profile.name,
        charity_address=[line for line in (profile.address_line1, profile.address_line2,
                                           town_line(profile.city, profile.province,
                                                     profile.postal_code)) if line],
        registration=profile.charity_number, place=place, issued_on=today, received=received,
        donor=[partner.name, *(line for line in (
            partner.address_line1, partner.address_line2,
            town_line(partner.city, partner.province, partner.postal_code)) if line)],
        amount_cents=amount, advantage_cents=advantage, eligible_cents=amount - advantage,
        advantage_description="; ".join(gift.advantage_description for gift in gifts
                                        if gift.advantage_description and
                                        advantage_counted(gift.amount_cents,
                                                          gift.advantage_cents)),
        description=first.description if kind == "in_kind" else "",
        appraiser=first.appraiser if kind == "in_kind" and first.appraised else "",
        gifts=[(gift.date.isoformat(), gift.amount_cents) for gift in gifts]
        if kind == "year" else [],
        replaces=replaces.serial if replaces is not None else "",
        signatory=profile.signatory_name, signatory_title=_title(profile.signatory_title,
                                                                  language),
        signature=profile.signature or None, logo=profile.logo or None)


def _title(english: str, language: str) -> str:
    """The signatory's title in the receipt's language (the profile may have it in French)."""
    french = settings.get(settings.TITLE_FR)
    if not french or french == english or language == "en":
        return english
    return french if language == "fr" else f"{english} / {french}"


def note_receipts(letters) -> None:
    """Each thank-you letter of a group that issues its receipts here says that the receipt
    is enclosed (with its number) or will follow, when its gifts may have one."""
    from cars_desktop.core.letter_text import RECEIPT_ENCLOSED, RECEIPT_FOLLOWS

    if not_ready() is not None:
        return
    ids = [number for letter in letters for number in letter.contribution_ids]
    serial_of, gifts = {}, {}
    for start in range(0, len(ids), 900):  # read together, a few hundred at a time
        chunk = ids[start:start + 900]
        serial_of.update(ReceiptGift.select(ReceiptGift.contribution, Receipt.serial)
                         .join(Receipt).where(ReceiptGift.contribution.in_(chunk)
                                              & Receipt.cancelled_on.is_null()).tuples())
        gifts.update((gift.id, gift) for gift in Contribution.select(Contribution, Partner)
                     .join(Partner, on=(Contribution.partner == Partner.id))
                     .where(Contribution.id.in_(chunk)))
    lost = receipt_journal.lost_gifts()
    for letter in letters:
        lang = "fr" if letter.language == "fr" else "en"
        serials = sorted({serial_of[number] for number in letter.contribution_ids
                          if number in serial_of})
        if serials:
            letter.receipt_note = RECEIPT_ENCLOSED[lang].format(serials=", ".join(serials))
        elif any(why_not(gifts[number], lost=lost) is None
                 for number in letter.contribution_ids if number in gifts):
            letter.receipt_note = RECEIPT_FOLLOWS[lang]


# Serial numbers, never given twice


def _next_number(year: int) -> int:
    in_data = Receipt.select(Receipt.number).where(Receipt.year == year) \
        .order_by(Receipt.number.desc()).scalar() or 0
    return max(in_data, receipt_journal.highest(year)) + 1


# Cancelling, replacing, reprinting


def find(serial: str) -> Receipt:
    receipt = Receipt.get_or_none(Receipt.serial == serial.strip())
    if receipt is None:
        raise ReceiptProblem(_("There is no receipt {serial}.").format(serial=serial))
    return receipt


def cancel(serial: str, reason: str, today: dt.date) -> Receipt:
    """Mark a receipt cancelled (lost, spoiled, wrong): it is kept, as issued."""
    reason = reason.strip()
    if not reason:
        raise ReceiptProblem(_("Say why the receipt is cancelled: the register keeps it."))
    with transaction():
        receipt = find(serial)
        if receipt.cancelled_on is not None:
            raise ReceiptProblem(_("Receipt {serial} was cancelled on {date} already.").format(
                serial=receipt.serial, date=receipt.cancelled_on))
        Receipt.update(cancelled_on=today, cancel_reason=reason[:500]).where(
            Receipt.id == receipt.id).execute()
    return find(serial)


def replace(serial: str, today: dt.date) -> Receipt:
    """Cancel a receipt and issue one in its place for the same gifts, as they are now (a
    corrected address or amount), saying which receipt it cancels and replaces."""
    problem = not_ready()
    if problem:
        raise ReceiptProblem(problem)
    with transaction():
        old = find(serial)
        if old.cancelled_on is not None:
            raise ReceiptProblem(_("Receipt {serial} was cancelled on {date}: there is nothing "
                                   "to replace.").format(serial=old.serial,
                                                         date=old.cancelled_on))
        gifts = [line.contribution for line in old.gifts.order_by(ReceiptGift.id)]
        Receipt.update(cancelled_on=today).where(Receipt.id == old.id).execute()
        for gift in gifts:
            reason = why_not(gift, unappraised_ok=True)
            if reason:
                raise ReceiptProblem(_("Receipt {serial} cannot be replaced: {reason}").format(
                    serial=old.serial, reason=reason))
        new = _issue_one(gifts, today, None, replaces=old)
        Receipt.update(cancel_reason=_("Replaced by receipt {serial}.").format(
            serial=new.serial)).where(Receipt.id == old.id).execute()
        receipt_journal.record([new], finished=False)
    receipt_journal.record([new], finished=True)
    return new


def duplicate_of(serial: str) -> tuple[Receipt, bytes]:
    """The receipt and its copy marked DUPLICATE, for a reprint; a cancelled one is never
    reprinted (a copy of it could be taken for a receipt that stands)."""
    receipt = find(serial)
    if receipt.cancelled_on is not None:
        raise ReceiptProblem(_("Receipt {serial} was cancelled on {date}: it is not reprinted. "
                               "Its copy stays in the register.").format(
                                   serial=receipt.serial, date=receipt.cancelled_on))
    if receipt.duplicate_pdf:  # made when it was issued, by the first version
        return receipt, bytes(receipt.duplicate_pdf)
    from cars_desktop.documents.receipt_pdf import mark_duplicate

    return receipt, mark_duplicate(bytes(receipt.pdf), receipt.language)


def check_kept(receipt: Receipt) -> bool:
    """Whether the receipt's PDF is still exactly the one issued."""
    return hashlib.sha256(bytes(receipt.pdf)).hexdigest() == receipt.sha256
