"""Long lists of IDs in SQL: SQLite takes a limited number of values in one query (999 in
older versions), so they go in batches, each with its row of "?" marks."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import TypeVar

from cars_desktop.i18n import N_

Value = TypeVar(N_("Value"))
SIZE = 500


def batches(values: Sequence[Value], size: int = SIZE) -> Iterator[list[Value]]:
    """`values` in lists of at most `size`, in their order."""
    for start in range(0, len(values), size):
        yield list(values[start:start + size])


def placeholders(values: Collection) -> str:
    """"?,?,?" for `values`, to go inside `IN (…)`."""
    return ",".join("?" * len(values))
