"""Whom mailing labels and envelopes go to, and what each says: the very lines of the thank-you
letters' address block (`store.letters`), so that a label and its letter always agree. Partners
without a postal address are left out and named. The PDF is drawn by
`cars_desktop.documents.labels`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext
from cars_desktop.store.batches import batches
from cars_desktop.store.letter_parts import has_address, letterhead, recipient
from cars_desktop.store.models import Partner, db
from cars_desktop.store.thanks_rule import awaiting_thanks_sql

SELECTED, QUEUE, ACTIVE = "selected", "queue", "active"
NAMED = 10  # partners named in the note about missing addresses; the rest are counted


@dataclass(frozen=True)
class Addressee:
    partner_id: int
    name: str
    lines: tuple[str, ...]  # as the letter's envelope window shows them


@dataclass
class Mailing:
    addressees: list[Addressee] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)  # partners left out, by name

    def no_address_note(self) -> str:
        """"3 partners have no address and get no label: A, B and C." or ""."""
        count = len(self.no_address)
        if not count:
            return ""
        names = ", ".join(self.no_address[:NAMED])
        if count > NAMED:
            names += " " + ngettext("and {n} other", "and {n} others", count - NAMED).format(
                n=format_count(count - NAMED))
        return ngettext("{n} partner has no postal address and is left out: {names}.",
                        "{n} partners have no postal address and are left out: {names}.",
                        count).format(n=format_count(count), names=names)


def address_lines(partner: Partner, contact_id: int | None = None) -> tuple[str, ...]:
    """The lines a letter to `partner` shows in its envelope window (made in one place)."""
    return tuple(recipient(partner, contact_id, partner.language)[0])


def queue_since(today: dt.date) -> dt.date:
    """The first day "letters for everyone not yet thanked" starts from, unless changed."""
    from cars_desktop.core.thanks import default_since
    from cars_desktop.store.profile import fiscal_year_start_month

    return default_since(today, fiscal_year_start_month())


def _queue(since: dt.date) -> list[tuple[int, int | None]]:
    """(partner, contact) for everyone in the thank-you queue since that day, in the order
    their letters come: the contact a partner's gifts name when they all name the same
    one (its letter goes to that person), else none (the partner's first contact)."""
    contacts: dict[int, set[int | None]] = {}
    for partner_id, contact_id in db.execute_sql(
            f"SELECT c.partner_id, c.contact_id FROM contribution c WHERE"
            f" {awaiting_thanks_sql('c')} AND c.date >= ? ORDER BY c.partner_sort, c.date, c.id",
            [since.isoformat()]):
        contacts.setdefault(partner_id, set()).add(contact_id)
    return [(pid, next(iter(found)) if len(found) == 1 else None)
            for pid, found in contacts.items()]


def _active() -> list[int]:
    return [pid for (pid,) in Partner.select(Partner.id).where(
        (Partner.status == "active") & Partner.erased_at.is_null())
        .order_by(Partner.sort_name, Partner.id).tuples()]


def gather(who: str, partner_ids: list[int] | None = None, today: dt.date | None = None
           ) -> Mailing:
    """The labels for `who`: SELECTED (`partner_ids`, in their order), QUEUE (whoever has a
    gift or pledge not yet thanked since `queue_since`) or ACTIVE (every active partner, by
    name). A partner whose details were erased gets none."""
    if who == SELECTED:
        chosen: list[tuple[int, int | None]] = [(pid, None)
                                                 for pid in dict.fromkeys(partner_ids or [])]
    elif who == QUEUE:
        chosen = _queue(queue_since(today or dt.date.today()))
    elif who == ACTIVE:
        chosen = [(pid, None) for pid in _active()]
    else:
        raise ValueError(f"labels for whom? {who!r}")
    found: dict[int, Partner] = {}
    for part in batches([pid for pid, _contact in chosen]):
        found.update((p.id, p) for p in Partner.select().where(Partner.id.in_(part)))
    mailing = Mailing()
    for pid, contact_id in chosen:
        partner = found.get(pid)
        if partner is None or partner.erased_at:
            continue
        if not has_address(partner):
            mailing.no_address.append(partner.name)
            continue
        mailing.addressees.append(Addressee(pid, partner.name,
                                            address_lines(partner, contact_id)))
    return mailing


def counts(today: dt.date) -> dict[str, int]:
    """How many partners the thank-you queue and "every active partner" name."""
    queue = db.execute_sql(
        f"SELECT COUNT(DISTINCT c.partner_id) FROM contribution c WHERE"
        f" {awaiting_thanks_sql('c')} AND c.date >= ?",
        [queue_since(today).isoformat()]).fetchone()[0]
    active = Partner.select().where((Partner.status == "active")
                                    & Partner.erased_at.is_null()).count()
    return {QUEUE: queue, ACTIVE: active}


def sender_lines() -> list[str]:
    """The return address on an envelope: the group's name and address, as on its letterhead."""

    head = letterhead()
    return [line for line in (head.name, *head.address) if line]


def envelope_missing() -> str | None:
    """What the group's profile lacks for a return address, said plainly; None when ready."""
    from cars_desktop.store.profile import group_profile

    profile = group_profile()
    if profile.name and profile.address_line1 and profile.city:
        return None
    return _("Envelopes need your group's name and address for the return address. Fill them "
             "in File › Group profile…")
