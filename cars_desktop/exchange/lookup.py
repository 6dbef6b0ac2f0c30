"""Who is already in the data, for an import's plan: partners by ID, email or folded name
(and close names), gifts by reference and by partner, date and amount."""

from __future__ import annotations

import datetime as dt
import difflib

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
        self.gift_of_reference: dict[str, tuple[int, str]] = {}  # -> (id, status)
        for cid, pid, reference, status in db.execute_sql(
                "SELECT id, partner_id, reference, status FROM contribution"
                " WHERE reference != ''"):
            self.references.add((pid, reference))
            self.gift_of_reference.setdefault(reference, (cid, status))
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
        for pid, day, cents in db.execute_sql(
                "SELECT partner_id, date, amount_cents FROM contribution"):
            self.gifts.add((pid, dt.date.fromisoformat(day), cents))
        self._close: dict[str, tuple[int, str] | None] = {}

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
            close = difflib.get_close_matches(folded, self.by_initial.get(folded[:1], []),
                                              n=1, cutoff=0.88)
            self._close[folded] = self.names[close[0]] if close else None
        near = self._close[folded]
        if near:
            row.action, row.near_id, row.near_name = NEAR, near[0], near[1]
            row.why = _("close to “{value}”: a new partner unless you say it is the same").format(
                value=near[1]
            )


# What each row becomes when written (the store writes it)
