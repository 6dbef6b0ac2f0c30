"""The lists the app shows, as SQL: filtering and sorting happen in SQLite with indexes, and only
the rows on screen are read. One module per list; `base` holds what they share. Adding a
column is one `Column(...)` line in its list's module."""

from cars_desktop.store.lists.backups import BackupList
from cars_desktop.store.lists.base import Column, RecordList, Row, SqlList, like_pattern
from cars_desktop.store.lists.contact_log import ContactLog
from cars_desktop.store.lists.contributions import ContributionList
from cars_desktop.store.lists.duplicates import DuplicateList
from cars_desktop.store.lists.partners import PartnerList
from cars_desktop.store.lists.review_grid import ReviewGrid

__all__ = ["BackupList", "Column", "ContactLog", "ContributionList", "DuplicateList", "PartnerList",
           "RecordList", "ReviewGrid", "Row", "SqlList", "like_pattern"]
