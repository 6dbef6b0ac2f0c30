"""The group's own profile and settings: one row, made on first use."""

from __future__ import annotations

from typing import Any

from cars_desktop.core.validation import validate_group_profile
from cars_desktop.store.database import transaction
from cars_desktop.store.models import GroupProfile, Setting

# "done" once the first-run setup was saved, "later" when the volunteer chose to finish it later
SETUP_KEY = "profile.setup"
LOGO_LIMIT = 2_000_000  # bytes: a logo is a letterhead, not a photo album


def group_profile() -> GroupProfile:
    """The group's profile as saved, or an unsaved blank one before anything was set."""
    return GroupProfile.select().first() or GroupProfile()


def save_group_profile(values: dict[str, Any]) -> None:
    """Save the group's profile; raises `ValidationError` (nothing written) when a field is
    wrong. `values["logo"]`: the image's bytes, None to remove it; absent keeps it."""
    cleaned = validate_group_profile(values)
    rate = _hourly_rate(values.get("hourly_rate"))
    logo = values.get("logo")
    if logo is not None and len(logo) > LOGO_LIMIT:
        from cars_desktop.core.validation import ValidationError

        raise ValidationError({"logo": "That image is over 2 MB. Choose a smaller one, such as "
                                       "a PNG of about 600 pixels wide."})
    with transaction():
        profile = group_profile()
        for name, value in cleaned.items():
            setattr(profile, name, value)
        if "logo" in values:
            profile.logo = logo
        profile.save()
        save_text_settings({SETUP_KEY: "done"})
        if rate is not None:
            from cars_desktop.store.reports import HOURLY_RATE_KEY

            save_settings({HOURLY_RATE_KEY: rate})


def _hourly_rate(text: str | None) -> int | None:
    """The value of a volunteer hour as typed, in cents; None when not given."""
    from cars_desktop.core.money import MoneyError, parse_money
    from cars_desktop.core.validation import ValidationError

    if text is None:
        return None
    if not text.strip():
        raise ValidationError({"hourly_rate": "Enter what an hour of volunteer time is worth; "
                                              "0 counts time without a value."})
    try:
        cents = parse_money(text)
    except MoneyError as err:
        raise ValidationError({"hourly_rate": str(err)}) from None
    if cents < 0 or cents > 100_000:
        raise ValidationError({"hourly_rate": "An hour of volunteer time is worth between "
                                              "$0 and $1,000."})
    return cents


def setup_state() -> str:
    """"done", "later" or "" (never asked)."""
    return text_setting(SETUP_KEY, "")


def town_line(city: str, province: str, postal_code: str) -> str:
    """"Riverbend MB  R0G 1A0": Canada Post puts two spaces before the postal code."""
    town = " ".join(part for part in (city, province) if part)
    return f"{town}  {postal_code}".strip() if postal_code else town


def letters_missing(needing: str = "Letters", how: bool = True) -> str | None:
    """What the profile lacks before letters (or reports: `needing`) can be printed, in
    plain words, with where to fill it in unless `how` is False; None when ready."""
    profile = group_profile()
    missing = [what for what, value in (
        ("name", profile.name), ("street address", profile.address_line1),
        ("town or city", profile.city), ("province", profile.province),
        ("postal code", profile.postal_code)) if not value]
    if not missing:
        return None
    listed = missing[0] if len(missing) == 1 else \
        ", ".join(missing[:-1]) + " and " + missing[-1]
    return (f"{needing} need your group's {listed} for the letterhead."
            + (" Fill them in File › Group profile…" if how else ""))


def text_setting(key: str, default: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else default


def save_text_settings(values: dict[str, str | None]) -> None:
    """Save text settings; None removes one (it goes back to its default)."""
    with transaction():
        for key, value in values.items():
            if value is None:
                Setting.delete().where(Setting.key == key).execute()
                continue
            row = Setting.get_or_none(Setting.key == key) or Setting(key=key)
            row.value = value
            row.save()


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
