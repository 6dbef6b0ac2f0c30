"""Year-end summary letters: every gift a partner made in a period, with the total; for one
partner, or for everyone who gave in the period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from cars_desktop.core.kinds import codes_with, kind_in
from cars_desktop.core.letter_text import Gift, Letter, fill, gift_table, written_period
from cars_desktop.i18n import _
from cars_desktop.store import households
from cars_desktop.store.letter_parts import (
    Batch,
    Letterhead,
    LetterProblem,
    common_values,
    gifts_of,
    has_address,
    letter_language,
    letterhead,
    recipient,
    template_text,
)
from cars_desktop.store.models import Contribution, Partner, db


def _summarised(start: dt.date, end: dt.date):
    """What a summary lists: every gift received in the period. A loan is not a gift: it is
    thanked in a letter of its own, not summed with the gifts."""
    return ((Contribution.status == "received")
            & (Contribution.kind.not_in(codes_with(lambda kind: kind.paid_back)))
            & (Contribution.date.between(start, end)))


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise LetterProblem("The period ends before it starts. Check the two dates.")


def whose(lines: list[tuple[str, str, str]], rows: list[Contribution], partner: Partner
          ) -> list[tuple[str, str, str]]:
    """A household's letter says whose each gift was ("One-time gift (Bob)"): each keeps the
    credit for their own."""
    if partner.kind != "household":
        return lines
    return [(day, f"{what} ({households.giver(row.partner)})", amount)
            for (day, what, amount), row in zip(lines, rows, strict=True)]


def _summary(partner: Partner, rows: list[Contribution], gifts: dict[int, Gift],
             head: Letterhead, start: dt.date, end: dt.date, today: dt.date, lang: str | None,
             texts: dict[str, str]) -> Letter:
    """One partner's summary; `texts` holds the template of each language, read once."""
    letter_lang = letter_language(partner, lang)
    if letter_lang not in texts:
        texts[letter_lang] = template_text("year_end", letter_lang)
    lines, total_label, note = gift_table([gifts[row.id] for row in rows], letter_lang,
                                          head.options.in_kind_values)
    lines = whose(lines, rows, partner)
    address, salutation, contact_name = recipient(partner, None, letter_lang)
    values = common_values(partner, head, salutation, contact_name, today, letter_lang)
    values.update(period=written_period(start, end, letter_lang), total=total_label,
                  gift_count=str(len(rows)))
    return Letter(letter_lang, "year_end", address, fill(texts[letter_lang], values),
                  gifts=lines, total=total_label, total_note=note,
                  contribution_ids=[row.id for row in rows], partner_name=partner.name)


def year_end_letter(partner_id: int, start: dt.date, end: dt.date, today: dt.date,
                    lang: str | None = None, text: str | None = None) -> Batch:
    """The summary of every gift a partner made in a period, with the total."""
    _check_period(start, end)
    partner = Partner.get_or_none(Partner.id == partner_id)
    if partner is None or partner.erased_at:
        raise LetterProblem("That partner no longer exists, or its details were erased.")
    # a household's summary lists its members' gifts; a member's is the household's
    partner = households.addressee(partner)
    givers = [partner.id, *(m.id for m in households.members(partner.id))]
    rows = list(Contribution.select().where(
        Contribution.partner.in_(givers) & _summarised(start, end))
        .order_by(Contribution.date, Contribution.id))
    if not rows:
        period = written_period(start, end, letter_language(partner, lang))
        raise LetterProblem(f"{partner.name} has no gift received {period}: there is nothing to "
                            "summarise. Choose another period.")
    texts = {letter_language(partner, lang): text} if text else {}
    letter = _summary(partner, rows, gifts_of(rows), letterhead(), start, end, today, lang,
                      texts)
    batch = Batch(letters=[letter])
    if not has_address(partner):
        batch.no_address.append(partner.name)
    return batch


def year_end_letters(start: dt.date, end: dt.date, today: dt.date, lang: str | None = None
                     ) -> Batch:
    """A summary for every partner who gave in the period, sorted by name as the partners
    list is, each in its partner's language (or `lang`). As in the thank-you queue, a partner
    whose details were erased is never written to, and an archived one still is."""
    _check_period(start, end)
    rows = list(Contribution.select(Contribution, Partner)
                .join(Partner, on=(Contribution.partner == Partner.id))
                .where(_summarised(start, end) & Partner.erased_at.is_null())
                .order_by(Partner.sort_name, Partner.id, Contribution.date, Contribution.id))
    if not rows:
        raise LetterProblem(_("No gift was received between {start} and {end}: there is no "
                              "summary to make. Choose another period.").format(
            start=start.isoformat(), end=end.isoformat()))
    head, gifts, texts = letterhead(), gifts_of(rows), {}
    batch = Batch()
    for _partner_id, found in _by_addressee(rows):
        partner = households.addressee(found[0].partner)
        batch.letters.append(_summary(partner, found, gifts, head, start, end, today, lang,
                                      texts))
        if not has_address(partner):
            batch.no_address.append(partner.name)
    return batch


def _by_addressee(rows: list[Contribution]) -> list[tuple[int, list[Contribution]]]:
    """The rows (in the partners list's order) by whom the summary goes to: a household's
    members' gifts together, at the household's place in the list, by date."""
    grouped = [(pid, list(found)) for pid, found in groupby(rows, key=lambda r: r.partner_id)]
    if not any(found[0].partner.household_id for _pid, found in grouped):
        return grouped
    by: dict[int, list[Contribution]] = {}
    order: dict[int, str] = {}
    for _pid, found in grouped:
        to = households.addressee(found[0].partner)
        by.setdefault(to.id, []).extend(found)
        order[to.id] = to.sort_name
    return [(pid, sorted(by[pid], key=lambda r: (r.date, r.id)))
            for pid in sorted(by, key=lambda pid: (order[pid], pid))]


@dataclass(frozen=True)
class GaveCount:
    """Who gave in a period, before their summaries are made."""
    partners: int
    no_address: int  # of them, without a postal address


def gave_count(start: dt.date, end: dt.date) -> GaveCount:
    if end < start:
        return GaveCount(0, 0)
    # a household's members get one summary, at the household's address
    found = db.execute_sql(
        "SELECT COUNT(DISTINCT COALESCE(h.id, p.id)), COUNT(DISTINCT CASE WHEN"
        " COALESCE(h.address_line1, p.address_line1, '') = '' OR COALESCE(h.city, p.city, '')"
        " = '' THEN COALESCE(h.id, p.id) END) FROM contribution c JOIN partner p"
        " ON p.id = c.partner_id LEFT JOIN partner h ON h.id = p.household_id AND"
        " h.erased_at IS NULL WHERE c.status = 'received' AND"
        f" {kind_in(lambda kind: kind.paid_back, 'c', negate=True)} AND c.date BETWEEN ? AND ?"
        " AND p.erased_at IS NULL", (start.isoformat(), end.isoformat())).fetchone()
    return GaveCount(*found)
