"""The group's own profile: one row, made on first use. Its settings are in `store.settings`."""

from __future__ import annotations

from typing import Any

from cars_desktop.core.address import town_line  # noqa: F401 (importable from here too)
from cars_desktop.core.money import MoneyError, parse_money
from cars_desktop.core.text import listing
from cars_desktop.core.validation import ValidationError, validate_group_profile
from cars_desktop.i18n import N_, _
from cars_desktop.store import settings
from cars_desktop.store.database import transaction
from cars_desktop.store.models import GroupProfile

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
        raise ValidationError({"logo": _("That image is over 2 MB. Choose a smaller one, such as "
                                       "a PNG of about 600 pixels wide.")})
    with transaction():
        profile = group_profile()
        for name, value in cleaned.items():
            setattr(profile, name, value)
        if "logo" in values:
            profile.logo = logo
        profile.save()
        settings.save({settings.SETUP: "done"})
        if rate is not None:
            settings.save({settings.HOURLY_RATE: rate})


def _hourly_rate(text: str | None) -> int | None:
    """The value of a volunteer hour as typed, in cents; None when not given."""
    if text is None:
        return None
    if not text.strip():
        raise ValidationError({"hourly_rate": _("Enter what an hour of volunteer time is worth; "
                                              "0 counts time without a value.")})
    try:
        cents = parse_money(text)
    except MoneyError as err:
        raise ValidationError({"hourly_rate": str(err)}) from None
    if cents < 0 or cents > 100_000:
        raise ValidationError({"hourly_rate": _("An hour of volunteer time is worth between "
                                              "$0 and $1,000.")})
    return cents


def setup_state() -> str:
    """"done", "later" or "" (never asked)."""
    return settings.get(settings.SETUP)


def letters_missing(for_reports: bool = False, how: bool = True) -> str | None:
    """What the profile lacks before letters (or reports) can be printed, in plain words,
    with where to fill it in unless `how` is False; None when ready."""
    profile = group_profile()
    missing = [_(what) for what, value in (
        (N_("name"), profile.name), (N_("street address"), profile.address_line1),
        (N_("town or city"), profile.city), (N_("province"), profile.province),
        (N_("postal code"), profile.postal_code)) if not value]
    if not missing:
        return None
    sentence = (_("Reports need your group's {missing} for the letterhead.") if for_reports
                else _("Letters need your group's {missing} for the letterhead."))
    text = sentence.format(missing=listing(missing))
    return f"{text} {_('Fill them in File › Group profile…')}" if how else text


def fiscal_year_start_month() -> int:
    return group_profile().fiscal_year_start_month or 1


def set_fiscal_year_start_month(month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(_("A month is a number from 1 to 12."))
    with transaction():
        profile = group_profile()
        profile.fiscal_year_start_month = month
        profile.save()
