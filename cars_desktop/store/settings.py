"""The group's settings, each declared once: its key in the data file's `setting` table, its
type, its default and what it is for. Read one with `get(SETTING)`, save with
`save({SETTING: value})`; None as a value removes it, so it goes back to its default.

Adding a setting is one line below. The keys are the ones the data file has always had: they
must never change (there is no migration for them)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from cars_desktop.store.database import transaction
from cars_desktop.store.models import Setting as SettingRow


@dataclass(frozen=True)
class Setting:
    key: str  # a family's key holds "{}" marks, filled by `of()`
    type: type  # int, str or bool
    default: Any
    about: str
    family: str = ""  # for one of a family: the family's key

    def of(self, *parts: str) -> Setting:
        """One setting of a family, e.g. the text of one letter in one language."""
        if "{}" not in self.key or self.family:
            raise ValueError(f"{self.key} is not a family of settings")
        return replace(self, key=self.key.format(*parts), family=self.key)


class UnknownSetting(KeyError):
    """A setting that is not declared here: refused, so no stray key reaches the file."""


_DECLARED: dict[str, Setting] = {}


def _declare(key: str, kind: type, default: Any, about: str) -> Setting:
    setting = Setting(key, kind, default, about)
    _DECLARED[key] = setting
    return setting


# The group's profile and letters
SETUP = _declare("profile.setup", str, "",
                 '"done" once the first-run setup was saved, "later" to finish it later')
TITLE_FR = _declare("profile.signatory_title_fr", str, "",
                    "the signatory's title in French letters, when it differs")
PAPER = _declare("letters.paper", str, "letter", "the paper letters are printed on")
NOT_A_RECEIPT = _declare("letters.not_a_receipt", bool, False,
                         'letters say "not an official receipt for income tax purposes"')
IN_KIND_VALUES = _declare("letters.in_kind_values", bool, False,
                          "summaries state the estimated value of gifts in kind")
TEMPLATE = _declare("letters.template.{}.{}", str, "",
                    "the group's own text of a letter (kind, language); empty: the default")
# Official receipts
RECEIPTS_ON = _declare("receipts.issue", bool, False,
                       "the group, a registered charity, issues official receipts here")
RECEIPT_PLACE = _declare("receipts.place", str, "",
                         "where receipts are issued (a town); empty: the group's own town")
RECEIPT_PREFIX = _declare("receipts.prefix", str, "{year}-",
                          'what begins each serial number; "{year}" is the year issued')
RECEIPT_BOTH = _declare("receipts.both_languages", bool, False,
                        "every receipt in English and French (Quebec's usage)")
# Reports
HOURLY_RATE = _declare("reports.hourly_rate_cents", int, 2000,
                       "what an hour of volunteer time is worth, in cents")
# What needs attention, and reviews
THANK_WITHIN_DAYS = _declare("attention.thank_within_days", int, 14,
                             "days after a gift by which it should be thanked")
CONTACT_EVERY_MONTHS = _declare("attention.contact_every_months", int, 6,
                                "months after which a partner should hear from the group")
LARGE_GIFT_CENTS = _declare("attention.large_gift_cents", int, 100_000,
                            "from this amount, in cents, a gift is a large one")
SUCCESS_DAYS = _declare("attention.success_days", int, 30,
                        "gifts of these last days are shown to celebrate")
REVIEW_MONTHS = _declare("review.interval_months", int, 6,
                         "months between two reviews of a partnership")
# Backups
REMIND_DAYS = _declare("backup.remind_days", int, 30,
                       "days after which to remind about a copy away from the laptop; 0: never")
LAST_OUTSIDE = _declare("backup.last_outside", str, "",
                        "when a copy was last made away from the laptop (ISO date and time)")
FIRST_SEEN = _declare("backup.first_seen", str, "",
                      "when the reminders started counting, before any copy away")
# Importing
IMPORT_MAPPING = _declare("import.mapping.{}", str, "",
                          "the columns chosen for a file with these headings (JSON)")


def declared(key: str) -> Setting:
    """The setting declared with this key (not one of a family); `UnknownSetting` otherwise."""
    if key not in _DECLARED or "{}" in key:
        raise UnknownSetting(key)
    return _DECLARED[key]


def _check(setting: Setting) -> None:
    if not isinstance(setting, Setting):
        raise UnknownSetting(setting)
    origin = _DECLARED.get(setting.family or setting.key)
    if origin is None or "{}" in setting.key or \
            (origin.type, origin.default) != (setting.type, setting.default):
        raise UnknownSetting(setting.key)


def get(setting: Setting) -> Any:
    """The group's value of `setting`, or its default when none was saved (or it is unreadable)."""
    _check(setting)
    row = SettingRow.get_or_none(SettingRow.key == setting.key)
    if row is None:
        return setting.default
    if setting.type is bool:
        return row.value == "1"
    if setting.type is int:
        try:
            return int(row.value)
        except ValueError:
            return setting.default
    return row.value


def _stored(setting: Setting, value: Any) -> str:
    """The text kept in the file for `value`; refuses a value of the wrong type."""
    if setting.type is bool and isinstance(value, bool):
        return "1" if value else "0"
    if setting.type is int and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if setting.type is str and isinstance(value, str):
        return value
    raise TypeError(f"{setting.key} takes a {setting.type.__name__}, not {value!r}")


def save(values: dict[Setting, Any]) -> None:
    """Save settings in one transaction; None removes one (it goes back to its default)."""
    for setting, value in values.items():  # all checked before anything is written
        _check(setting)
        if value is not None:
            _stored(setting, value)
    with transaction():
        for setting, value in values.items():
            if value is None:
                SettingRow.delete().where(SettingRow.key == setting.key).execute()
                continue
            row = SettingRow.get_or_none(SettingRow.key == setting.key) or \
                SettingRow(key=setting.key)
            row.value = _stored(setting, value)
            row.save()
IMPORT_SENDER = _declare("import.sender.{}", str, "",
                         "the partner (its ID) a bank's e-Transfer sender was last given to")
