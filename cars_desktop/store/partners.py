"""Reading and writing partners and their contact people. Every write is one transaction."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from cars_desktop.core.names import partner_sort_name
from cars_desktop.core.text import fold_for_match
from cars_desktop.core.validation import ValidationError, validate_contact, validate_partner
from cars_desktop.i18n import N_, _
from cars_desktop.store import households
from cars_desktop.store.contributions import refresh_partner_text
from cars_desktop.store.database import transaction
from cars_desktop.store.models import (
    ContactPerson,
    Contribution,
    Interaction,
    Partner,
    Review,
    ReviewItem,
    db,
    search_text,
    utc_now,
)

PARTNER_FIELDS = ("kind", "name", "first_name", "last_name", "sector", "partnership_type",
                  "status", "shared_goal", "strengths", "address_line1", "address_line2",
                  "city", "province", "postal_code", "country", "phone", "email", "website",
                  "language", "notes", "partner_since", "recognition", "recognition_wording")
CONTACT_FIELDS = ("name", "role", "phone", "email", "salutation", "is_primary")
ERASED_NAME = N_("Erased partner")


class HasHistory(Exception):
    """The partner has contributions, a communication log or reviews: archive instead."""


@dataclass(frozen=True)
class SimilarPartner:
    id: int
    name: str
    status: str


def partner_row(cleaned: dict[str, Any], contacts: list[dict[str, Any]] = ()) -> dict[str, Any]:
    """A partner's columns from its cleaned values, with what is derived from them: the folded
    name the list sorts by and the text search looks in (with its contact people's names,
    emails and phones). The one place both are made: the partner dialog's save and an import
    use it."""
    row = dict(cleaned)
    row["sort_name"] = partner_sort_name(cleaned.get("kind"), cleaned["name"],
                                         cleaned.get("first_name"), cleaned.get("last_name"))
    row["search_text"] = search_text(
        cleaned["name"], cleaned.get("city", ""), cleaned.get("email", ""),
        cleaned.get("phone", ""), *(c[f] for c in contacts for f in ("name", "email", "phone")))
    return row


def load_partner(partner_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The partner's fields and its contact people (primary first), as plain dicts."""
    partner = Partner.get_by_id(partner_id)
    values = {name: getattr(partner, name) for name in PARTNER_FIELDS}
    contacts = [
        {"id": c.id, **{name: getattr(c, name) for name in CONTACT_FIELDS}}
        for c in partner.contacts.order_by(*ContactPerson.in_order())
    ]
    return values, contacts


def save_partner(values: dict[str, Any], contacts: list[dict[str, Any]],
                 partner_id: int | None = None, members: list[int] | None = None) -> int:
    """Create or update a partner with its whole list of contact people. Contacts without an
    "id" are new; existing ones left out of the list are removed; `members`: a household's
    people, all of them (None leaves them as they are). Returns the partner's id.
    Raises `ValidationError` (nothing written) when anything is wrong."""
    errors: dict[str, str] = {}
    try:
        cleaned = validate_partner(values)
    except ValidationError as err:
        errors.update(err.errors)
    cleaned_contacts = []
    for number, contact in enumerate(contacts, start=1):
        try:
            cleaned_contacts.append((contact.get("id"), validate_contact(contact)))
        except ValidationError as err:
            who = (contact.get("name") or "").strip() or _("without a name")
            for field, message in err.errors.items():
                errors.setdefault("contacts",
                                  f"Contact person {number} ({who}), {field}: {message}")
    if errors:
        raise ValidationError(errors)
    if cleaned_contacts and not any(c["is_primary"] for _unused, c in cleaned_contacts):
        cleaned_contacts[0][1]["is_primary"] = True
    seen_primary = False
    for _unused, contact in cleaned_contacts:  # exactly one primary contact
        contact["is_primary"] = contact["is_primary"] and not seen_primary
        seen_primary = seen_primary or contact["is_primary"]

    with transaction():
        partner = Partner() if partner_id is None else Partner.get_by_id(partner_id)
        before = (partner.name, partner.sort_name) if partner_id is not None else None
        for name, value in partner_row(cleaned, [c for _unused, c in cleaned_contacts]).items():
            setattr(partner, name, value)
        if partner.kind != "person":
            partner.household = None
        renamed = before is not None and before != (partner.name, partner.sort_name)
        partner.save()
        if renamed:
            refresh_partner_text(partner.id)
        if partner.kind != "household":
            households.release_members(partner.id)
        elif members is not None:
            households.set_members(partner.id, members)
        kept = [cid for cid, _unused in cleaned_contacts if cid]
        removed = ContactPerson.delete().where(ContactPerson.partner == partner)
        if kept:
            removed = removed.where(ContactPerson.id.not_in(kept))
        removed.execute()
        for position, (contact_id, contact) in enumerate(cleaned_contacts):
            row = ContactPerson(partner=partner) if not contact_id else \
                ContactPerson.get(ContactPerson.id == contact_id, ContactPerson.partner == partner)
            for name, value in contact.items():
                setattr(row, name, value)
            row.position = position
            row.save()
    return partner.id


def similar_partners(name: str, exclude_id: int | None = None,
                     limit: int = 3) -> list[SimilarPartner]:
    """Partners whose names look like `name` ("Marie-Hélène Brûlé" ~ "marie helene brule",
    "Lions Club" ~ "Lion's Club"), for the warning about duplicates."""
    wanted = fold_for_match(name)
    if not wanted:
        return []
    query = Partner.select(Partner.id, Partner.name, Partner.status).where(
        Partner.erased_at.is_null())
    if exclude_id is not None:
        query = query.where(Partner.id != exclude_id)
    by_key: dict[str, list[tuple]] = {}
    for row in query.tuples():
        by_key.setdefault(fold_for_match(row[1]), []).append(row)
    close = difflib.get_close_matches(wanted, list(by_key), n=limit, cutoff=0.85)
    found = [SimilarPartner(*row) for key in close for row in by_key[key]]
    return found[:limit]


def has_history(partner_id: int) -> bool:
    checks = (
        Contribution.select().where((Contribution.partner == partner_id)
                                    | (Contribution.credited_partner == partner_id)),
        Interaction.select().where(Interaction.partner == partner_id),
        Review.select().where(Review.partner == partner_id),
    )
    return any(query.exists() for query in checks)


def archive_partner(partner_id: int) -> None:
    """Hide a partner from the lists; its history is kept, and `bring_back` undoes it."""
    with transaction():
        partner = Partner.get_by_id(partner_id)
        if partner.status != "archived":
            partner.status_before_archive = partner.status
            partner.status = "archived"
            partner.save()


def bring_back(partner_id: int) -> str:
    """Undo `archive_partner`: the partner gets back the status it had. Returns it."""
    with transaction():
        partner = Partner.get_by_id(partner_id)
        if partner.erased_at:
            raise HasHistory(_("An erased partner cannot be brought back."))
        if partner.status == "archived":
            partner.status = partner.status_before_archive or "active"
            partner.status_before_archive = ""
            partner.save()
    return partner.status


def delete_partner(partner_id: int) -> None:
    """Remove a partner entered by mistake. One with any history is refused: archive it."""
    with transaction():
        if has_history(partner_id):
            raise HasHistory(_("This partner has contributions or other history, so it is "
                             "archived instead of deleted."))
        Partner.delete_by_id(partner_id)


def erase_personal_information(partner_id: int, mentions: list | None = None, *,
                               writing_down: bool = True) -> None:
    """For a privacy request: remove everything that identifies the partner and their contact
    people, their communication log and review notes, and every copy the app made of their
    details (`store.erasure`); `mentions`: notes elsewhere that name them, to clear too. The
    amounts and dates of contributions stay (the group's accounts need them), credited to
    "Erased partner". The history forgets them too; without `writing_down` (another
    laptop's erasure, being applied here) the erasure is not written down again."""
    from cars_desktop.store import erasure, history_erasure

    with transaction():
        partner = Partner.get_by_id(partner_id)
        taken = history_erasure.before_erasure(partner_id)
        if mentions:
            erasure.clear_mentions(partner_id, mentions)
        erasure.erase_copies(partner)
        ContactPerson.delete().where(ContactPerson.partner == partner).execute()
        Interaction.delete().where(Interaction.partner == partner).execute()
        Review.update(notes="", reviewer="", updated_at=utc_now()).where(
            Review.partner == partner).execute()
        ReviewItem.update(note="", updated_at=utc_now()).where(ReviewItem.review.in_(
            Review.select(Review.id).where(Review.partner == partner))).execute()
        Contribution.update(notes="", valued_by="", advantage_description="", description="",
                            updated_at=utc_now()).where(
            Contribution.partner == partner).execute()
        for name in ("first_name", "last_name", "shared_goal", "strengths", "address_line1",
                     "address_line2", "city", "province", "postal_code", "phone", "email",
                     "website", "notes",
                     "recognition_wording"):  # a wording may name them ("In memory of …")
            setattr(partner, name, "")
        partner.recognition = "name"
        partner.household = None
        households.release_members(partner.id)
        partner.name = ERASED_NAME
        partner.partner_since = None
        partner.status, partner.status_before_archive = "archived", ""
        partner.erased_at = utc_now()
        partner.refresh_search_text([])
        partner.save()
        refresh_partner_text(partner.id)
        if writing_down:
            history_erasure.after_erasure(partner.uuid, taken)
    if not writing_down:
        return  # inside the pack's transaction: the checkpoint follows it
    # Now, not at the next checkpoint: the old pages in the file are overwritten (and zeroed,
    # with secure_delete), so the erased details are gone from the file and its log.
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
