"""The group's own profile and settings: one row, made on first use."""

from __future__ import annotations

from cars_desktop.store.database import transaction
from cars_desktop.store.models import GroupProfile, Setting


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


def setting(key: str, default: int) -> int:
    """A whole-number setting of the group's (the days, months and amounts the app uses)."""
    row = Setting.get_or_none(Setting.key == key)
    try:
        return int(row.value) if row else default
    except ValueError:
        return default


def save_settings(values: dict[str, int]) -> None:
    with transaction():
        for key, value in values.items():
            row = Setting.get_or_none(Setting.key == key) or Setting(key=key)
            row.value = str(int(value))
            row.save()


def attention_settings():
    from cars_desktop.store.maintenance import AttentionSettings

    defaults = AttentionSettings()
    return AttentionSettings(**{name: setting(f"attention.{name}", getattr(defaults, name))
                                for name in ("thank_within_days", "contact_every_months",
                                             "large_gift_cents", "success_days")})


def review_interval_months() -> int:
    from cars_desktop.store.maintenance import DEFAULT_REVIEW_MONTHS

    return setting("review.interval_months", DEFAULT_REVIEW_MONTHS)
