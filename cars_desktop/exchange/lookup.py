"""Who is already in the data, for an import's plan: partners by ID, email or folded name
(and close names), gifts by reference and by partner, date and amount."""

from __future__ import annotations

import datetime as dt

from rapidfuzz import fuzz, process

from cars_desktop.core.text import fold_for_match
from cars_desktop.exchange.plan import ERROR, MATCHED, NEAR, PlanRow
from cars_desktop.i18n import _
from cars_desktop.store.models import db


class PartnerLookup:
    """Who is already in the data, found by ID, email or folded name (and close names)."""

    def __init__(self) -> None:
        self.by_uuid, self.by_email, self.by_name = {}, {}, {}
        self.erased = {row[0] for row in db.execute_sql(
            "SELECT uuid FROM partner WHERE erased_at IS NOT NULL")}
        self.references = set()
        # a gift already there by its reference, and by its giver and amount (a refund that
        # names no transaction finds its gift so): (id, status, amount, date)
        self.gift_of_reference: dict[str, tuple[int, str, int, dt.date]] = {}
        self.gifts_of: dict[tuple[int, int], list[tuple[int, str, int, dt.date]]] = {}
        self.names: dict[str, tuple[int, str]] = {}
        for pid, uuid, name, email in db.execute_sql(
                "SELECT id, uuid, name, email FROM partner WHERE erased_at IS NULL"):
            self.by_uuid[uuid] = (pid, name)
            if email:
                self.by_email.setdefault(email.lower(), (pid, name))
            self.by_name.setdefault(fold_for_match(name), (pid, name))
        self.names = {folded: found for folded, found in self.by_name.items()}
        # close names are looked for among those with the same first letter: a typo is
        # rarely in it, and comparing with every partner would make a large file slow
        self.by_initial: dict[str, list[str]] = {}
        for folded in self.names:
            self.by_initial.setdefault(folded[:1], []).append(folded)
        self.gifts = set()
        for cid, pid, day, cents, reference, status in db.execute_sql(
                "SELECT id, partner_id, date, amount_cents, reference, status"
                " FROM contribution"):
            day = dt.date.fromisoformat(day)
            self.gifts.add((pid, day, cents))
            found = (cid, status, cents, day)
            self.gifts_of.setdefault((pid, cents), []).append(found)
            if reference:
                self.references.add((pid, reference))
                self.gift_of_reference.setdefault(reference, found)
        # gifts on an official receipt that stands: a refund must not quietly undo them
        self.receipt_of: dict[int, str] = dict(db.execute_sql(
            "SELECT g.contribution_id, r.serial FROM receipt_gift g JOIN receipt r"
            " ON r.id = g.receipt_id WHERE r.cancelled_on IS NULL").fetchall())
        self._close: dict[str, tuple[int, str] | None] = {}

    def partner_of(self, name: str, email: str) -> int | None:
        """A known partner by email, else by folded name."""
        found = self.by_email.get(email.lower()) if email else None
        found = found or self.by_name.get(fold_for_match(name)) if name else found
        return found[0] if found else None

    def gift_like(self, partner_id: int | None, cents: int, before: dt.date | None):
        """The latest gift of this partner, of this amount, on or before `before`."""
        found = [gift for gift in self.gifts_of.get((partner_id, cents), [])
                 if before is None or gift[3] <= before]
        return max(found, key=lambda gift: gift[3]) if found else None

    def has_reference(self, partner_id, reference) -> bool:
        return (partner_id, reference) in self.references

    def has_gift(self, partner_id, day, cents) -> bool:
        return (partner_id, day, cents) in self.gifts

    def match(self, row: PlanRow) -> None:
        values = row.values
        if row.partner_id is not None:  # chosen before: a bank's sender remembered
            row.action = MATCHED
            return
        if values.get("partner_uuid", "") in self.erased:
            row.action, row.why = ERROR, _("this partner's details were erased: not imported")
            return
        found = self.by_uuid.get(values.get("partner_uuid", "")) or \
            self.by_name.get(fold_for_match(row.partner_name))
        if found:
            row.partner_id, row.action = found[0], MATCHED
            row.partner_name = row.partner_name or found[1]
            return
        by_email = self.by_email.get(values.get("email", "").lower() or "\0")
        if by_email:  # the same email, another name: a family's shared address, perhaps
            row.action, row.near_id, row.near_name = NEAR, by_email[0], by_email[1]
            row.why = _(
                "same email as “{value}”: a new partner unless you say it is the same"
            ).format(value=by_email[1])
            return
        folded = fold_for_match(row.partner_name)
        if folded not in self._close:
            close = process.extractOne(folded, self.by_initial.get(folded[:1], []),
                                       scorer=fuzz.ratio, score_cutoff=88)
            self._close[folded] = self.names[close[0]] if close else None
        near = self._close[folded]
        if near:
            row.action, row.near_id, row.near_name = NEAR, near[0], near[1]
            row.why = _("close to “{value}”: a new partner unless you say it is the same").format(
                value=near[1]
            )


# What each row becomes when written (the store writes it)
