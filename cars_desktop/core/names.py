"""People's names: a person partner has a first and a last name, its name is made from them
("Margaret MacDonald"), lists sort it by the last name, and letters greet it by the first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cars_desktop.core.text import clean, sort_key
from cars_desktop.i18n import _

NAME_PARTS = ("first_name", "last_name")


def person_name(first: str | None, last: str | None) -> str:
    """ "Margaret MacDonald": what lists, letters and reports show for a person."""
    return " ".join(part for part in (clean(first), clean(last)) if part)


def proposed_names(name: str | None) -> tuple[str, str]:
    """First and last names guessed from a whole name, for a person recorded before the app
    kept them apart: the last word is the last name ("Margaret MacDonald"), or what comes
    before a comma ("MacDonald, Margaret"). Only ever proposed: the volunteer sees it."""
    text = clean(name)
    if "," in text:
        last, first = (clean(part) for part in text.split(",", 1))
        return first, last
    first, _space, last = text.rpartition(" ")
    return clean(first), last


def partner_sort_name(kind: str | None, name: str | None, first: str | None = "",
                      last: str | None = "") -> str:
    """What lists sort a partner by: a person with a last name by "last first", anyone else
    by their name as written."""
    if kind == "person" and clean(last):
        return sort_key(f"{clean(last)} {clean(first)}")
    return sort_key(name)


def with_person_name(values: Mapping[str, Any]) -> dict[str, Any]:
    """The partner's values with a person's name made from their first and last names (an
    organisation keeps its one name and has none of them)."""
    found = dict(values)
    if found.get("kind") != "person":
        found["first_name"] = found["last_name"] = ""
    elif clean(found.get("last_name")):
        found["name"] = person_name(found.get("first_name"), found.get("last_name"))
    return found


def person_name_problems(values: Mapping[str, Any], errors: dict[str, str]) -> None:
    """A person needs a last name, or at least a whole name (one recorded before first and
    last names were kept apart). Their problems are said at the last name, where the volunteer
    types it."""
    if values.get("kind") != "person":
        return
    first, last = clean(values.get("first_name")), clean(values.get("last_name"))
    if first and not last:
        errors.pop("name", None)
        errors.setdefault("last_name", _("A last name is needed too. Someone known by one "
                                         "name only: write it as the last name."))
    elif (last or not clean(values.get("name"))) and "name" in errors:
        message = errors.pop("name")
        errors.setdefault("last_name", message if last else _("A last name is needed."))
