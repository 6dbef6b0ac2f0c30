"""The group's own profile and settings: one row, made on first use."""

from __future__ import annotations

from cars_desktop.store.database import transaction
from cars_desktop.store.models import GroupProfile


def group_profile() -> GroupProfile:
    """The group's profile as saved, or an unsaved blank one before anything was set."""
    return GroupProfile.select().first() or GroupProfile()


def fiscal_year_start_month() -> int:
    return group_profile().fiscal_year_start_month or 1


def set_fiscal_year_start_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError("A month is a number from 1 to 12.")
    with transaction():
        profile = group_profile()
        profile.fiscal_year_start_month = month
        profile.save()
