"""Thank-you letters, on the data side: the group's templates and letter options, gathering what
each letter says, and recording (and undoing) that letters went out. The PDF is drawn by
`cars_desktop.documents.letters`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.core import vocab
from cars_desktop.core.address import town_line
from cars_desktop.core.kinds import codes_with, kind_in, kind_of
from cars_desktop.core.letter_text import (
    Gift,
    Letter,
    TemplateError,
    check_template,
    default_salutation,
    fill,
    gift_table,
    gift_values,
    plain_text,
    written_date,
    written_period,
)
from cars_desktop.core.thanks import still_waiting_note
from cars_desktop.i18n import _, ngettext
from cars_desktop.resource_files import resource_path
from cars_desktop.store import settings
from cars_desktop.store.batches import batches, placeholders
from cars_desktop.store.contributions import acknowledge, queue_count, unthanked_ids
from cars_desktop.store.database import transaction
from cars_desktop.store.models import (
    ContactPerson,
    Contribution,
    Partner,
    db,
    utc_now,
)
from cars_desktop.store.profile import group_profile

__all__ = ["TemplateError", "unthanked_ids"]


# Templates


def _template(kind: str, lang: str) -> settings.Setting:
    return settings.TEMPLATE.of(kind, lang)


def default_template(kind: str, lang: str) -> str:
    if kind not in vocab.LETTER_KINDS or lang not in vocab.LANGUAGES:
        raise ValueError(f"no letter template {kind}.{lang}")
    return resource_path(f"letters/{kind}.{lang}.txt").read_text(encoding="utf-8")


def template_text(kind: str, lang: str) -> str:
    """The group's own text for this letter, or the default."""
    return settings.get(_template(kind, lang)) or default_template(kind, lang)


def is_changed(kind: str, lang: str) -> bool:
    return bool(settings.get(_template(kind, lang)))


def save_template(kind: str, lang: str, text: str) -> None:
    """Raises `TemplateError` (nothing saved) for a text that would not print as meant."""
    check_template(text, kind)
    same = text.strip() == default_template(kind, lang).strip()
    settings.save({_template(kind, lang): None if same else text})


def reset_template(kind: str, lang: str) -> None:
    settings.save({_template(kind, lang): None})


# Options



@dataclass(frozen=True)
class LetterOptions:
    paper: str = "letter"  # vocab.PAPER_SIZES
    not_a_receipt: bool = False  # print "not an official receipt for income tax purposes"
    in_kind_values: bool = False  # state the estimated value of gifts in kind in summaries


def letter_options() -> LetterOptions:
    paper = settings.get(settings.PAPER)
    return LetterOptions(paper=paper if paper in vocab.PAPER_SIZES else "letter",
                         not_a_receipt=settings.get(settings.NOT_A_RECEIPT),
                         in_kind_values=settings.get(settings.IN_KIND_VALUES))


def save_letter_options(options: LetterOptions) -> None:
    if options.paper not in vocab.PAPER_SIZES:
        raise ValueError(f"unknown paper size {options.paper!r}")
    settings.save({settings.PAPER: options.paper,
                   settings.NOT_A_RECEIPT: options.not_a_receipt,
                   settings.IN_KIND_VALUES: options.in_kind_values})


@dataclass(frozen=True)
class Letterhead:
    """What every letter of a batch shares."""
    name: str
    address: list[str]
    contact_line: str
    logo: bytes | None
    charity_number: str
    signatory_name: str
    signatory_title: str
    options: LetterOptions
    signatory_title_fr: str = ""  # for letters in French, when it differs

    def title_in(self, lang: str) -> str:
        return self.signatory_title_fr if lang == "fr" and self.signatory_title_fr \
            else self.signatory_title


def letterhead() -> Letterhead:
    profile = group_profile()
    town = town_line(profile.city, profile.province, profile.postal_code)
    address = [line for line in (profile.address_line1, profile.address_line2, town) if line]
    contact = " · ".join(part for part in (profile.phone, profile.email, profile.website) if part)
    return Letterhead(profile.name, address, contact, profile.logo or None,
                      profile.charity_number, profile.signatory_name, profile.signatory_title,
                      letter_options(), settings.get(settings.TITLE_FR))


# What each letter says


class LetterProblem(ValueError):
    """Letters that cannot be made, said plainly."""


@dataclass
class Batch:
    letters: list[Letter] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why some contributions have no letter
    no_address: list[str] = field(default_factory=list)  # partners printed without an address
    left_out: list[str] = field(default_factory=list)  # why some of the queue is not here
    from_queue: bool = False  # everyone not yet thanked (since `since`)
    since: dt.date | None = None

    def contribution_ids(self) -> list[int]:
        return [number for letter in self.letters for number in letter.contribution_ids]


def _recipient(partner: Partner, contact_id: int | None, lang: str
               ) -> tuple[list[str], str, str]:
    """The envelope lines, the salutation and the contact's name."""
    contact = ContactPerson.get_or_none(ContactPerson.id == contact_id) if contact_id else None
    if contact is None:
        contact = (ContactPerson.select().where(ContactPerson.partner == partner.id)
                   .order_by(ContactPerson.is_primary.desc(), ContactPerson.position).first())
    contact_name = contact.name if contact else ""
    is_person = partner.kind == "person"
    lines = [partner.name] if is_person or not contact_name else [contact_name, partner.name]
    town = town_line(partner.city, partner.province, partner.postal_code)
    lines += [line for line in (partner.address_line1, partner.address_line2, town) if line]
    if partner.country and partner.country.strip().lower() not in ("canada", ""):
        lines.append(partner.country.upper())
    # the contact's own greeting is in the partner's language; a letter in the other one
    # greets in its own words
    own = contact.salutation if contact and lang == partner.language else ""
    salutation = own or default_salutation(contact_name, partner.name, is_person, lang)
    return lines, salutation, contact_name or partner.name


def _language(partner: Partner, chosen: str | None) -> str:
    if chosen in vocab.LANGUAGES:
        return chosen
    return partner.language if partner.language in vocab.LANGUAGES else \
        (group_profile().language or "en")


def _common_values(partner: Partner, head: Letterhead, salutation: str, contact_name: str,
                   today: dt.date, lang: str) -> dict[str, str]:
    return {"salutation": salutation, "contact_name": contact_name,
            "partner_name": partner.name, "group_name": head.name,
            "signatory_name": head.signatory_name, "signatory_title": head.title_in(lang),
            "today": written_date(today, lang)}


def _gifts(rows: list[Contribution]) -> dict[int, Gift]:
    """What the letters say about these contributions; a payment on a pledge knows the
    pledge, which payment it is, and takes the pledge's purpose when it has none."""
    pledges = {row.id: row for row in _contributions(
        list({row.pledge_id for row in rows if row.pledge_id and row.status == "received"}))}
    paid: dict[int, list[tuple[int, int]]] = {}
    ids = list(pledges)
    for part in batches(ids):
        for number, pledge, amount in db.execute_sql(
                f"SELECT id, pledge_id, amount_cents FROM contribution WHERE pledge_id IN"
                f" ({placeholders(part)}) AND status = 'received' ORDER BY date, id",
                part):
            paid.setdefault(pledge, []).append((number, amount))
    found = {}
    for row in rows:
        pledge = pledges.get(row.pledge_id) if row.status == "received" else None
        extra = {}
        if pledge is not None:
            payments = paid.get(pledge.id, [])
            place = next((i for i, (number, _unused) in enumerate(payments) if number == row.id), 0)
            so_far = sum(amount for _unused, amount in payments[:place + 1])
            extra = dict(pledge_cents=pledge.amount_cents, payment_number=place + 1,
                         final_payment=so_far >= pledge.amount_cents)
        found[row.id] = Gift(
            kind=row.kind, family=row.family, status=row.status, amount_cents=row.amount_cents,
            minutes=row.minutes, date=row.date, description=row.description,
            purpose=row.purpose or (pledge.purpose if pledge is not None else ""),
            expected=row.date_expected, contribution_id=row.id, **extra)
    return found


def _has_address(partner: Partner) -> bool:
    return bool(partner.address_line1 and partner.city)


def letters_for(contribution_ids: list[int], today: dt.date, lang: str | None = None,
                texts: dict[tuple[str, str], str] | None = None, together: bool = False
                ) -> Batch:
    """One letter per contribution, in the order given, each from its own template
    (`texts`: unsaved templates by kind and language, for the editor's preview). With
    `together`, a partner with several gifts received gets one letter that lists them all;
    its loans and pledges still get letters of their own."""
    head = letterhead()
    batch = Batch()
    templates: dict[tuple[str, str], str] = dict(texts or {})
    contribution_ids = list(dict.fromkeys(contribution_ids))
    rows = {row.id: row for row in _contributions(contribution_ids)}
    gifts = _gifts(list(rows.values()))
    partner_ids = list({row.partner_id for row in rows.values()})
    partners = {p.id: p for part in batches(partner_ids)
                for p in Partner.select().where(Partner.id.in_(part))}
    groups: dict[int, list[Contribution]] = {}
    if together:
        for number in contribution_ids:
            row = rows.get(number)
            if row is not None and row.status == "received" and \
                    kind_of(row.kind).counts_as_support and not partners[row.partner_id].erased_at:
                groups.setdefault(row.partner_id, []).append(row)
    grouped = {row.id: pid for pid, found in groups.items() if len(found) > 1 for row in found}
    written: set[int] = set()
    for number in contribution_ids:
        row = rows.get(number)
        if row is None:
            batch.skipped.append(f"Contribution {number} no longer exists.")
            continue
        partner = partners[row.partner_id]
        if number in grouped:
            if row.partner_id not in written:
                written.add(row.partner_id)
                batch.letters.append(_several(groups[row.partner_id], gifts, partner, head,
                                              today, lang, templates))
                if not _has_address(partner) and partner.name not in batch.no_address:
                    batch.no_address.append(partner.name)
            continue
        if row.status == "cancelled":
            batch.skipped.append(f"{partner.name}, {row.date:%Y-%m-%d}: it was cancelled.")
            continue
        if partner.erased_at:
            batch.skipped.append(f"{row.date:%Y-%m-%d}: its partner's details were erased.")
            continue
        letter_lang = _language(partner, lang)
        gift = gifts[row.id]
        kind = gift.letter_kind()
        key = (kind, letter_lang)
        if key not in templates:
            templates[key] = template_text(kind, letter_lang)
        address, salutation, contact_name = _recipient(partner, row.contact_id, letter_lang)
        values = _common_values(partner, head, salutation, contact_name, today, letter_lang)
        values.update(gift_values(gift, letter_lang))
        batch.letters.append(Letter(letter_lang, kind, address, fill(templates[key], values),
                                    contribution_ids=[row.id], partner_name=partner.name))
        if not _has_address(partner) and partner.name not in batch.no_address:
            batch.no_address.append(partner.name)
    return batch


def _several(rows: list[Contribution], gifts: dict[int, Gift], partner: Partner,
             head: Letterhead, today: dt.date, lang: str | None,
             templates: dict[tuple[str, str], str]) -> Letter:
    """One letter thanking a partner for several gifts at once, with their table."""
    letter_lang = _language(partner, lang)
    key = ("several", letter_lang)
    if key not in templates:
        templates[key] = template_text("several", letter_lang)
    rows = sorted(rows, key=lambda row: (row.date, row.id))
    lines, total, note = gift_table([gifts[row.id] for row in rows], letter_lang,
                                    head.options.in_kind_values)
    address, salutation, contact_name = _recipient(partner, None, letter_lang)
    values = _common_values(partner, head, salutation, contact_name, today, letter_lang)
    values.update(total=total, gift_count=str(len(rows)))
    return Letter(letter_lang, "several", address, fill(templates[key], values), gifts=lines,
                  total=total, total_note=note, contribution_ids=[row.id for row in rows],
                  partner_name=partner.name)


def _contributions(ids: list[int]) -> list[Contribution]:
    found: list[Contribution] = []
    for part in batches(ids):
        found += list(Contribution.select().where(Contribution.id.in_(part)))
    return found


def year_end_letter(partner_id: int, start: dt.date, end: dt.date, today: dt.date,
                    lang: str | None = None, text: str | None = None) -> Batch:
    """The summary of every gift a partner made in a period, with the total."""
    if end < start:
        raise LetterProblem("The period ends before it starts. Check the two dates.")
    partner = Partner.get_or_none(Partner.id == partner_id)
    if partner is None or partner.erased_at:
        raise LetterProblem("That partner no longer exists, or its details were erased.")
    head = letterhead()
    letter_lang = _language(partner, lang)
    # a loan is not a gift: it is thanked in a letter of its own, not summed with the gifts
    rows = list(Contribution.select().where(
        (Contribution.partner == partner_id) & (Contribution.status == "received")
        & (Contribution.kind.not_in(codes_with(lambda kind: kind.paid_back)))
        & (Contribution.date.between(start, end))).order_by(Contribution.date, Contribution.id))
    period = written_period(start, end, letter_lang)
    if not rows:
        raise LetterProblem(f"{partner.name} has no gift received {period}: there is nothing to "
                            "summarise. Choose another period.")
    gifts = _gifts(rows)
    lines, total_label, note = gift_table([gifts[row.id] for row in rows], letter_lang,
                                          head.options.in_kind_values)
    address, salutation, contact_name = _recipient(partner, None, letter_lang)
    values = _common_values(partner, head, salutation, contact_name, today, letter_lang)
    values.update(period=period, total=total_label, gift_count=str(len(rows)))
    letter = Letter(letter_lang, "year_end", address,
                    fill(text or template_text("year_end", letter_lang), values), gifts=lines,
                    total=total_label, total_note=note,
                    contribution_ids=[row.id for row in rows], partner_name=partner.name)
    batch = Batch(letters=[letter])
    if not _has_address(partner):
        batch.no_address.append(partner.name)
    return batch


def preview(kind: str, lang: str, text: str, today: dt.date) -> tuple[str, str]:
    """The template filled for a real partner, as plain text, with whom it was filled for.
    Raises `TemplateError` for a template that cannot be used."""
    check_template(text, kind)
    if kind == "several":
        found = db.execute_sql(
            "SELECT c.partner_id FROM contribution c JOIN partner p ON p.id = c.partner_id"
            " WHERE c.status = 'received' AND"
            f" {kind_in(lambda kind: kind.paid_back, 'c', negate=True)} AND p.erased_at IS NULL"
            " GROUP BY c.partner_id HAVING COUNT(*) > 1 ORDER BY MAX(c.date) DESC LIMIT 1"
        ).fetchone()
        if found is None:
            return "", _("The preview needs a partner with two gifts or more to fill the "
                         "letter.")
        ids = [row[0] for row in db.execute_sql(
            "SELECT id FROM contribution c WHERE partner_id = ? AND status = 'received' AND"
            f" {kind_in(lambda kind: kind.paid_back, 'c', negate=True)}"
            " ORDER BY date DESC, id DESC LIMIT 3", found)]
        letter = letters_for(ids, today, lang, {("several", lang): text}, together=True
                             ).letters[0]
        return (ngettext("Filled for {name}, {n} gift.", "Filled for {name}, {n} gifts.",
                         len(ids)).format(name=letter.partner_name, n=len(ids)),
                plain_text(letter))
    if kind == "year_end":
        latest = (Contribution.select().join(Partner, on=Contribution.partner == Partner.id)
                  .where((Contribution.status == "received") & Partner.erased_at.is_null())
                  .order_by(Contribution.date.desc()).first())
        if latest is None:
            return "", _("The preview needs one received contribution to fill the letter "
                         "with.")
        start, end = dt.date(latest.date.year, 1, 1), dt.date(latest.date.year, 12, 31)
        letter = year_end_letter(latest.partner_id, start, end, today, lang, text).letters[0]
        who = _("Filled for {name}, {date}.").format(name=letter.partner_name,
                                                     date=latest.date.year)
    else:
        letter = None
        recent = (Contribution.select().join(Partner, on=Contribution.partner == Partner.id)
                  .where(Contribution.status.in_(("received", "pledged"))
                         & Partner.erased_at.is_null())
                  .order_by(Contribution.date.desc()).limit(500))
        for row in recent:
            if _gifts([row])[row.id].letter_kind() == kind:
                letter = letters_for([row.id], today, lang, {(kind, lang): text}).letters[0]
                who = _("Filled for {name}, {date}.").format(name=letter.partner_name,
                                                             date=f"{row.date:%Y-%m-%d}")
                break
        if letter is None:
            return "", _("The preview needs a recent contribution of this kind ({kind}) to "
                         "fill the letter with.").format(
                kind=vocab.LETTER_KINDS.label(kind).lower())
    return who, plain_text(letter)


def queue_letters(today: dt.date, since: dt.date | None = None, lang: str | None = None,
                  together: bool = True) -> Batch:
    """Letters for everyone not yet thanked, for what came on `since` or later; the batch
    says what it leaves in the queue."""
    batch = letters_for(unthanked_ids(since), today, lang, together=together)
    batch.from_queue, batch.since = True, since
    note = queue_count(since).note(since) if since else ""
    if note:
        batch.left_out.append(note)
    return batch


def queue_after(batch: Batch) -> str:
    """After a queue's letters were marked: that the queue is empty, or why what is left in it
    was left."""
    left = queue_count(batch.since)
    return still_waiting_note(left.older_gifts, left.older_pledges, left.included, batch.since)


# Recording that the letters went out


@dataclass(frozen=True)
class SentLetters:
    """What "the letters went out" wrote, so that it can be undone."""
    date: dt.date
    acknowledgement_ids: tuple[int, ...]
    contribution_ids: tuple[int, ...]


def record_letters_sent(contribution_ids: list[int], date: dt.date, by: str = ""
                        ) -> SentLetters:
    """Mark these contributions thanked by letter, by the one rule of
    `store.contributions.acknowledge`."""
    acks, marked = acknowledge(contribution_ids, date, "letter", by, "Thank-you letter")
    return SentLetters(date, tuple(acks), tuple(marked))


def undo_letters_sent(sent: SentLetters) -> None:
    """Take back what `record_letters_sent` wrote; the contributions go back to the queue."""
    now = utc_now()
    with transaction():
        conn = db.connection()
        for part in batches(sent.acknowledgement_ids):
            conn.execute(f"DELETE FROM acknowledgement WHERE id IN ({placeholders(part)})", part)
        # a contribution thanked another way meanwhile keeps that date
        conn.executemany(
            "UPDATE contribution SET updated_at = ?, thanked_on = (SELECT MIN(date) FROM"
            " acknowledgement WHERE contribution_id = contribution.id) WHERE id = ?",
            [(now, number) for number in sent.contribution_ids])

