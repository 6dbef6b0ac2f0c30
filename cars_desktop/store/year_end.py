"""Year-end summary letters: every gift a partner made in a period, with the total."""

from __future__ import annotations

import datetime as dt

from cars_desktop.core.kinds import codes_with
from cars_desktop.core.letter_text import Letter, fill, gift_table, written_period
from cars_desktop.store.letter_parts import (
    Batch,
    LetterProblem,
    common_values,
    gifts_of,
    has_address,
    letter_language,
    letterhead,
    recipient,
    template_text,
)
from cars_desktop.store.models import Contribution, Partner


def year_end_letter(partner_id: int, start: dt.date, end: dt.date, today: dt.date,
                    lang: str | None = None, text: str | None = None) -> Batch:
    """The summary of every gift a partner made in a period, with the total."""
    if end < start:
        raise LetterProblem("The period ends before it starts. Check the two dates.")
    partner = Partner.get_or_none(Partner.id == partner_id)
    if partner is None or partner.erased_at:
        raise LetterProblem("That partner no longer exists, or its details were erased.")
    head = letterhead()
    letter_lang = letter_language(partner, lang)
    # a loan is not a gift: it is thanked in a letter of its own, not summed with the gifts
    rows = list(Contribution.select().where(
        (Contribution.partner == partner_id) & (Contribution.status == "received")
        & (Contribution.kind.not_in(codes_with(lambda kind: kind.paid_back)))
        & (Contribution.date.between(start, end))).order_by(Contribution.date, Contribution.id))
    period = written_period(start, end, letter_lang)
    if not rows:
        raise LetterProblem(f"{partner.name} has no gift received {period}: there is nothing to "
                            "summarise. Choose another period.")
    gifts = gifts_of(rows)
    lines, total_label, note = gift_table([gifts[row.id] for row in rows], letter_lang,
                                          head.options.in_kind_values)
    address, salutation, contact_name = recipient(partner, None, letter_lang)
    values = common_values(partner, head, salutation, contact_name, today, letter_lang)
    values.update(period=period, total=total_label, gift_count=str(len(rows)))
    letter = Letter(letter_lang, "year_end", address,
                    fill(text or template_text("year_end", letter_lang), values), gifts=lines,
                    total=total_label, total_note=note,
                    contribution_ids=[row.id for row in rows], partner_name=partner.name)
    batch = Batch(letters=[letter])
    if not has_address(partner):
        batch.no_address.append(partner.name)
    return batch
