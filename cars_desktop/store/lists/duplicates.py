"""The pairs of partners that may be one, for the one table model: both names, where each is,
and why they look alike. The pairs are found in Python (`store.duplicates.possible_duplicates`);
a row's id is its place in that list."""

from __future__ import annotations

from cars_desktop.core.text import sort_key
from cars_desktop.i18n import N_
from cars_desktop.store.duplicates import DuplicatePair, possible_duplicates
from cars_desktop.store.lists.base import Column, RecordList, Row
from cars_desktop.store.models import db


class DuplicateList(RecordList):
    in_memory = True
    columns = (
        Column("first", N_("Partner"), width=230),
        Column("first_city", N_("Community"), width=110),
        Column("second", N_("May be the same as"), width=230),
        Column("second_city", N_("Community"), width=110),
        Column("why", N_("Why"), width=200),
    )
    sort_key = "why"

    def __init__(self, limit: int = 500) -> None:
        self.limit = limit
        self.pairs: list[DuplicatePair] = []
        self._cities: dict[int, str] = {}

    def ids(self) -> list[int]:
        """Finds the pairs again (after a merge, some are gone)."""
        self.pairs = possible_duplicates(self.limit)
        self._cities = dict(db.execute_sql(
            "SELECT id, city FROM partner WHERE erased_at IS NULL").fetchall())
        numbers = list(range(len(self.pairs)))
        pairs = self.pairs
        if self.sort_key == "why":  # the order they are found in: most reasons first
            return numbers[::-1] if self.descending else numbers
        key = {"first": lambda n: (sort_key(pairs[n].first_name), n),
               "second": lambda n: (sort_key(pairs[n].second_name), n),
               "first_city": lambda n: (sort_key(self._cities.get(pairs[n].first_id)), n),
               "second_city": lambda n: (sort_key(self._cities.get(pairs[n].second_id)),
                                         n)}[self.sort_key]
        return sorted(numbers, key=key, reverse=self.descending)

    def pair(self, number: int | None) -> DuplicatePair | None:
        return self.pairs[number] if number is not None and 0 <= number < len(self.pairs) \
            else None

    def rows(self, ids: list[int]) -> dict[int, Row]:
        found = {}
        for number in ids:
            pair = self.pairs[number]
            found[number] = Row(number, (
                pair.first_name, self._cities.get(pair.first_id, ""), pair.second_name,
                self._cities.get(pair.second_id, ""), pair.why()))
        return found

    def total(self) -> int:
        return len(self.pairs)
