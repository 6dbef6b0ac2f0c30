"""Thank-you letters, on the data side: gathering what each letter says, and recording (and
undoing) that letters went out. What every letter is made of (templates, options, letterhead)
is in `store.letter_parts`, year-end summaries in `store.year_end`; the PDF is drawn by
`cars_desktop.documents.letters`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from cars_desktop.core import vocab
from cars_desktop.core.kinds import kind_in, kind_of
from cars_desktop.core.letter_text import (
    GIFT_LIST,
    GIFT_TABLE,
    Gift,
    Letter,
    TemplateError,
    check_template,
    fill,
    gift_table,
    gift_values,
    paragraphs,
    plain_text,
)
from cars_desktop.core.thanks import still_waiting_note
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import households
from cars_desktop.store.batches import batches, placeholders
from cars_desktop.store.contributions import acknowledge, queue_count, unthanked_ids
from cars_desktop.store.database import transaction
from cars_desktop.store.letter_parts import (
    Batch,
    Letterhead,
    LetterOptions,
    LetterProblem,
    common_values,
    contributions_by_id,
    default_template,
    gifts_of,
    has_address,
    is_changed,
    letter_language,
    letter_options,
    letterhead,
    recipient,
    reset_template,
    save_letter_options,
    save_template,
    template_text,
)
from cars_desktop.store.models import Contribution, Partner, db, utc_now
from cars_desktop.store.year_end import whose, year_end_letter

# what callers have always found here
__all__ = ["Batch", "Letterhead", "LetterOptions", "LetterProblem", "TemplateError",
           "default_template", "is_changed", "letter_options", "reset_template",
           "save_letter_options", "save_template", "unthanked_ids", "year_end_letter"]


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
    rows = {row.id: row for row in contributions_by_id(contribution_ids)}
    gifts = gifts_of(list(rows.values()))
    partner_ids = list({row.partner_id for row in rows.values()})
    partners = {p.id: p for part in batches(partner_ids)
                for p in Partner.select().where(Partner.id.in_(part))}
    # a household's members are written to together, at the household
    to = {pid: households.addressee(p) for pid, p in partners.items()}
    groups: dict[int, list[Contribution]] = {}
    if together:
        for number in contribution_ids:
            row = rows.get(number)
            if row is not None and row.status == "received" and \
                    kind_of(row.kind).counts_as_support and not partners[row.partner_id].erased_at:
                groups.setdefault(to[row.partner_id].id, []).append(row)
    grouped = {row.id: pid for pid, found in groups.items() if len(found) > 1 for row in found}
    written: set[int] = set()
    for number in contribution_ids:
        row = rows.get(number)
        if row is None:
            batch.skipped.append(f"Contribution {number} no longer exists.")
            continue
        partner, addressee = partners[row.partner_id], to[row.partner_id]
        if number in grouped:
            if addressee.id not in written:
                written.add(addressee.id)
                batch.letters.append(_several(groups[addressee.id], gifts, addressee, head,
                                              today, lang, templates))
                if not has_address(addressee) and addressee.name not in batch.no_address:
                    batch.no_address.append(addressee.name)
            continue
        if row.status == "cancelled":
            batch.skipped.append(f"{partner.name}, {row.date:%Y-%m-%d}: it was cancelled.")
            continue
        if partner.erased_at:
            batch.skipped.append(f"{row.date:%Y-%m-%d}: its partner's details were erased.")
            continue
        letter_lang = letter_language(addressee, lang)
        gift = gifts[row.id]
        kind = gift.letter_kind()
        key = (kind, letter_lang)
        if key not in templates:
            templates[key] = template_text(kind, letter_lang)
        address, salutation, contact_name = recipient(
            addressee, row.contact_id if addressee is partner else None, letter_lang)
        values = common_values(addressee, head, salutation, contact_name, today, letter_lang)
        values.update(gift_values(gift, letter_lang))
        batch.letters.append(Letter(letter_lang, kind, address, fill(templates[key], values),
                                    contribution_ids=[row.id], partner_name=addressee.name))
        if not has_address(addressee) and addressee.name not in batch.no_address:
            batch.no_address.append(addressee.name)
    return batch


def _several(rows: list[Contribution], gifts: dict[int, Gift], partner: Partner,
             head: Letterhead, today: dt.date, lang: str | None,
             templates: dict[tuple[str, str], str]) -> Letter:
    """One letter thanking a partner for several gifts at once, with their table."""
    letter_lang = letter_language(partner, lang)
    key = ("several", letter_lang)
    if key not in templates:
        templates[key] = template_text("several", letter_lang)
    rows = sorted(rows, key=lambda row: (row.date, row.id))
    lines, total, note = gift_table([gifts[row.id] for row in rows], letter_lang,
                                    head.options.in_kind_values)
    lines = whose(lines, rows, partner)
    address, salutation, contact_name = recipient(partner, None, letter_lang)
    values = common_values(partner, head, salutation, contact_name, today, letter_lang)
    values.update(total=total, gift_count=str(len(rows)))
    return Letter(letter_lang, "several", address, fill(templates[key], values), gifts=lines,
                  total=total, total_note=note, contribution_ids=[row.id for row in rows],
                  partner_name=partner.name)


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
            if gifts_of([row])[row.id].letter_kind() == kind:
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


# One letter changed before printing


def editable_text(letter: Letter) -> str:
    """A letter's words as a volunteer may change them for one printing: its paragraphs
    between blank lines, {gift_list} on a line of its own where its table of gifts goes."""
    return "\n\n".join(GIFT_LIST if block is GIFT_TABLE else block
                        for block in letter.paragraphs)


def changed_letter(letter: Letter, text: str) -> Letter:
    """The same letter (to the same partner, for the same gifts) saying `text` instead. Only
    this letter changes: no template is saved. Raises `LetterProblem` for a text that would
    not print as meant."""
    blocks = paragraphs(text)
    if not blocks:
        raise LetterProblem(_("The letter is empty. Write its text, or put back the "
                              "original."))
    table = any(block is GIFT_TABLE for block in letter.paragraphs)
    if table and sum(block == GIFT_LIST for block in blocks) != 1:
        raise LetterProblem(_("Keep {gift_list} once, on a line of its own: the table of "
                              "gifts is printed there."))
    return dataclasses.replace(letter, paragraphs=[
        GIFT_TABLE if table and block == GIFT_LIST else block for block in blocks])


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
