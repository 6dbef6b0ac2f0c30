"""Partners who may be one: the same name once accents, case and punctuation are ignored,
the same email, or the same phone. `store.merge` makes two of them one."""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from cars_desktop.core.text import fold_for_match, listing
from cars_desktop.i18n import N_, _
from cars_desktop.store.models import db

REASONS = {"name": N_("same name"), "email": N_("same email"), "phone": N_("same phone")}
# A value shared by more partners than this (the town hall's switchboard) pairs each of them
# with the first one only, not every two of them.
_EVERY_PAIR_UP_TO = 5
_NOT_DIGITS = re.compile(r"[^0-9]")


@dataclass(frozen=True)
class DuplicatePair:
    first_id: int  # the older of the two
    first_name: str
    second_id: int
    second_name: str
    reasons: tuple[str, ...]  # codes of REASONS, in their order

    def why(self) -> str:
        return listing([_(REASONS[code]) for code in self.reasons])


def phone_key(phone: str) -> str:
    """The digits of a phone number, without North America's leading 1: "+1 (506) 555-0142"
    and "506.555.0142" are one number. Fewer than 7 digits match nothing."""
    digits = _NOT_DIGITS.sub("", phone or "")
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits if len(digits) >= 7 else ""


def possible_duplicates(limit: int = 500) -> list[DuplicatePair]:
    """Pairs of partners (erased ones left out) with the same name once accents, case and
    punctuation are ignored, the same email, or the same phone. Partners are grouped by each
    key in one pass: 20,000 partners take a fraction of a second. The pairs with more reasons
    come first, then by name."""
    rows = db.execute_sql("SELECT id, name, email, phone, sort_name FROM partner"
                          " WHERE erased_at IS NULL ORDER BY id").fetchall()
    names = {pid: (name, sort_name) for pid, name, _email, _phone, sort_name in rows}
    groups: dict[tuple[str, str], list[int]] = {}
    for pid, name, email, phone, _sort in rows:
        for reason, key in (("name", fold_for_match(name)),
                            ("email", (email or "").strip().casefold()),
                            ("phone", phone_key(phone))):
            if key:
                groups.setdefault((reason, key), []).append(pid)
    found: dict[tuple[int, int], set[str]] = {}
    for (reason, _key), ids in groups.items():
        if len(ids) < 2:
            continue
        pairs = ([(a, b) for n, a in enumerate(ids) for b in ids[n + 1:]]
                 if len(ids) <= _EVERY_PAIR_UP_TO else [(ids[0], b) for b in ids[1:]])
        for pair in pairs:
            found.setdefault(pair, set()).add(reason)
    ordered = heapq.nsmallest(limit, found.items(), key=lambda item: (
        -len(item[1]), names[item[0][0]][1], names[item[0][1]][1], item[0]))
    return [DuplicatePair(a, names[a][0], b, names[b][0],
                          tuple(code for code in REASONS if code in reasons))
            for (a, b), reasons in ordered]
