"""The lists the app shows, as SQL: filtering and sorting happen in SQLite with indexes, and only
the rows on screen are read. One module per list; `base` holds what they share. Adding a
column is one `Column(...)` line in its list's module.

Each list's module is read when the list is first asked for: the window starts with the
Partners list alone."""

from __future__ import annotations

import importlib

from cars_desktop.store.lists.base import Column, RecordList, Row, SqlList, like_pattern

_MODULE_OF = {"BackupList": "backups", "ContactLog": "contact_log",
              "ContributionList": "contributions", "DuplicateList": "duplicates",
              "PartnerList": "partners", "ReviewGrid": "review_grid"}

__all__ = ["Column", "RecordList", "Row", "SqlList", "like_pattern", *_MODULE_OF]


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
