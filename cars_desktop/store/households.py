"""Households: people who give together ("Bob and Mary MacDonald"). A household is a partner
of the kind "household" with one address; its members are person partners. Each member keeps
the credit for their own gifts; letters about them go to the household, "Dear Bob and Mary"."""

from __future__ import annotations

from cars_desktop.core.validation import ValidationError
from cars_desktop.i18n import _
from cars_desktop.store.models import Partner, utc_now


def members(household_id: int | None) -> list[Partner]:
    """The household's members, as the partners list sorts them (by last name)."""
    if household_id is None:
        return []
    return list(Partner.select().where((Partner.household == household_id)
                                       & Partner.erased_at.is_null())
                .order_by(Partner.sort_name, Partner.id))


def set_members(household_id: int, member_ids: list[int]) -> None:
    """Make these people the household's members, and only them (one left out leaves it; one
    in another household moves). Called inside the partner's save transaction; raises
    `ValidationError` for anyone who is not a person."""
    chosen = list(dict.fromkeys(member_ids))
    found = {p.id: p for p in Partner.select().where(Partner.id.in_(chosen))} if chosen else {}
    wrong = [found[pid].name for pid in chosen
             if pid in found and (found[pid].kind != "person" or found[pid].erased_at)]
    if wrong:
        raise ValidationError({"members": _(
            "Only people can be members of a household: {names} is not a person."
        ).format(names=", ".join(wrong))})
    stamp = utc_now()
    left = Partner.update(household=None, updated_at=stamp).where(
        Partner.household == household_id)
    if chosen:
        left = left.where(Partner.id.not_in(chosen))
    left.execute()
    if chosen:
        Partner.update(household=household_id, updated_at=stamp).where(
            Partner.id.in_(list(found))).execute()


def release_members(household_id: int) -> None:
    """A household that is no longer one lets its members go."""
    Partner.update(household=None, updated_at=utc_now()).where(
        Partner.household == household_id).execute()


def addressee(partner: Partner) -> Partner:
    """Whom a letter about this partner's gifts goes to: its household when it has one (and
    that household was not erased), else the partner itself."""
    if partner.household_id:
        household = Partner.get_or_none(Partner.id == partner.household_id)
        if household is not None and not household.erased_at:
            return household
    return partner


def greeting_names(household: Partner, lang: str) -> str:
    """ "Bob and Mary" ("Bob et Mary"): the members' first names (or names), for "Dear …"."""
    names = [m.first_name or m.name for m in members(household.id)]
    if len(names) < 2:
        return "".join(names)
    joined = " et " if lang == "fr" else " and "
    return ", ".join(names[:-1]) + joined + names[-1]


def giver(partner: Partner) -> str:
    """How a household's letter says whose gift it was: the member's first name."""
    return partner.first_name or partner.name


def joining_problem(partner_id: int | None, current: list[int]) -> str:
    """Why this partner cannot be added to a household's list, in plain words, or ""."""
    if partner_id is None:
        return _("Type part of a person's name, then choose them in the list.")
    partner = Partner.get_or_none(Partner.id == partner_id)
    if partner is None or partner.erased_at:
        return _("That partner no longer exists.")
    if partner.kind != "person":
        return _("Only people can be members of a household: {name} is not a person.").format(
            name=partner.name)
    if partner_id in current:
        return _("{name} is already a member.").format(name=partner.name)
    return ""


def name_of(partner_id: int) -> str:
    return Partner.get_by_id(partner_id).name


def people_matching(text: str, limit: int = 15) -> list[tuple[int, str]]:
    """People (not organisations nor households) whose name, community or email holds what
    was typed, accents or not, as the partners list sorts them: (id, name)."""
    from cars_desktop.core.text import fold

    wanted = fold(text)
    if not wanted:
        return []
    query = (Partner.select(Partner.id, Partner.name)
             .where((Partner.kind == "person") & Partner.erased_at.is_null()
                    & Partner.search_text.contains(wanted))
             .order_by(Partner.sort_name, Partner.id).limit(limit))
    return list(query.tuples())
