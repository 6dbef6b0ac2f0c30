"""Keeping partnerships healthy: the checklist of maintenance practices, the reviews of each
formal partnership against it, and the communication log. Every write is one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cars_desktop.core import vocab
from cars_desktop.core.dates import add_months
from cars_desktop.core.text import clean
from cars_desktop.core.validation import FieldError, ValidationError
from cars_desktop.i18n import _
from cars_desktop.store import settings
from cars_desktop.store.batches import batches, placeholders
from cars_desktop.store.database import transaction
from cars_desktop.store.models import (
    ChecklistPractice,
    Interaction,
    Partner,
    Review,
    ReviewItem,
    db,
    utc_now,
)
from cars_desktop.store.thanks_rule import awaiting_thanks_sql

DEFAULT_REVIEW_MONTHS = settings.REVIEW_MONTHS.default


# The checklist


def practices(include_retired: bool = False) -> list[ChecklistPractice]:
    query = ChecklistPractice.select().order_by(ChecklistPractice.position, ChecklistPractice.id)
    if not include_retired:
        query = query.where(ChecklistPractice.retired_at.is_null())
    return list(query)


def save_practice(text_en: str, text_fr: str = "", practice_id: int | None = None) -> int:
    """Add a practice at the end of the list, or reword one."""
    text = clean(text_en)
    if not text:
        raise ValidationError({"text_en": _("A practice needs its wording.")})
    same = ChecklistPractice.select().where(ChecklistPractice.retired_at.is_null(),
                                            ChecklistPractice.text_en == text)
    if practice_id is not None:
        same = same.where(ChecklistPractice.id != practice_id)
    if same.exists():
        raise ValidationError({"text_en": _("That practice is already on the checklist.")})
    with transaction():
        if practice_id is None:
            last = ChecklistPractice.select(ChecklistPractice.position) \
                .order_by(ChecklistPractice.position.desc()).first()
            row = ChecklistPractice(position=(last.position + 1) if last else 0)
        else:
            row = ChecklistPractice.get_by_id(practice_id)
        row.text_en, row.text_fr = text, clean(text_fr)
        row.save()
    return row.id


def move_practice(practice_id: int, steps: int) -> None:
    """Move a practice up (negative) or down the list."""
    with transaction():
        order = [p.id for p in practices()]
        if practice_id not in order:
            return
        index = order.index(practice_id)
        order.insert(max(0, min(len(order) - 1, index + steps)), order.pop(index))
        for position, number in enumerate(order):
            ChecklistPractice.update(position=position, updated_at=utc_now()).where(
                ChecklistPractice.id == number).execute()


def retire_practice(practice_id: int) -> None:
    """Take a practice off the checklist; past reviews keep what was marked against it."""
    with transaction():
        ChecklistPractice.update(retired_at=utc_now(), updated_at=utc_now()).where(
            ChecklistPractice.id == practice_id).execute()


# Reviews


@dataclass(frozen=True)
class Mark:
    mark: str  # vocab.REVIEW_MARKS
    note: str = ""


def save_review(partner_id: int, date: dt.date, marks: dict[int, Mark],
                next_due: dt.date | None = None, reviewer: str = "", notes: str = "",
                review_id: int | None = None,
                interval_months: int = DEFAULT_REVIEW_MONTHS) -> int:
    """Record (or correct) a review of one partnership: a mark for each practice. The next
    review falls due `interval_months` later unless a date is given."""
    errors = {}
    if not marks:
        errors["marks"] = _("Mark at least one practice.")
    if date > dt.date.today():
        errors["date"] = _("A review is recorded once it has taken place: this date is ahead.")
    unknown = [m.mark for m in marks.values() if m.mark not in vocab.REVIEW_MARKS]
    if unknown:
        errors["marks"] = _("“{value}” is not a mark: use done, needs attention or not "
                            "applicable.").format(value=unknown[0])
    if next_due is not None and next_due <= date:
        errors["next_due"] = _("The next review must come after this one.")
    if errors:
        raise ValidationError(errors)
    with transaction():
        review = Review(partner=partner_id) if review_id is None else Review.get_by_id(review_id)
        review.date = date
        review.next_due = next_due or add_months(date, interval_months)
        review.reviewer, review.notes = clean(reviewer), clean(notes)
        review.save()
        ReviewItem.delete().where(ReviewItem.review == review).execute()
        for practice_id, mark in marks.items():
            ReviewItem.create(review=review, practice=practice_id, mark=mark.mark,
                              note=clean(mark.note))
    return review.id


@dataclass(frozen=True)
class LatestReview:
    partner_id: int
    review_id: int | None
    date: dt.date | None
    next_due: dt.date | None
    marks: dict[int, Mark]

    def overdue(self, today: dt.date) -> bool:
        return self.next_due is None or self.next_due < today


def latest_reviews(partner_ids: list[int]) -> dict[int, LatestReview]:
    """Each partner's most recent review with its marks (partners never reviewed included),
    in two queries whatever the number of partners."""
    found = {pid: LatestReview(pid, None, None, None, {}) for pid in partner_ids}
    if not partner_ids:
        return found
    conn = db.connection()
    latest: dict[int, tuple] = {}
    for batch in batches(partner_ids):
        for rid, pid, date, next_due in conn.execute(
                f"SELECT r.id, r.partner_id, r.date, r.next_due FROM review r WHERE r.id = ("
                f" SELECT r2.id FROM review r2 WHERE r2.partner_id = r.partner_id"
                f" ORDER BY r2.date DESC, r2.id DESC LIMIT 1) AND r.partner_id IN"
                f" ({placeholders(batch)})",
                batch):
            latest[pid] = (rid, dt.date.fromisoformat(date),
                           dt.date.fromisoformat(next_due) if next_due else None)
    by_review: dict[int, dict[int, Mark]] = {rid: {} for rid, _unused, _unused in latest.values()}
    review_ids = list(by_review)
    for batch in batches(review_ids):
        for rid, practice, mark, note in conn.execute(
                f"SELECT review_id, practice_id, mark, note FROM review_item"
                f" WHERE review_id IN ({placeholders(batch)})", batch):
            by_review[rid][practice] = Mark(mark, note)
    for pid, (rid, date, next_due) in latest.items():
        found[pid] = LatestReview(pid, rid, date, next_due, by_review[rid])
    return found


# The communication log


def log_contact(partner_id: int, date: dt.date, kind: str, who: str = "", summary: str = "",
                follow_up: dt.date | None = None, interaction_id: int | None = None) -> int:
    errors = {}
    if kind not in vocab.INTERACTION_KINDS:
        errors["kind"] = _("Choose how you were in touch (meeting, call, email, …).")
    if date > dt.date.today():
        errors["date"] = _("This contact has not happened yet: give a follow-up date instead.")
    if follow_up is not None and follow_up < date:
        errors["follow_up"] = _("The follow-up comes after the contact.")
    if not clean(summary):
        errors["summary"] = _("Say in a few words what it was about.")
    if errors:
        raise ValidationError(errors)
    if not Partner.select().where(Partner.id == partner_id).exists():
        raise FieldError(_("That partner no longer exists."))
    with transaction():
        row = Interaction(partner=partner_id) if interaction_id is None else \
            Interaction.get_by_id(interaction_id)
        row.date, row.kind, row.who, row.summary, row.follow_up = \
            date, kind, clean(who), clean(summary), follow_up
        row.save()
    return row.id


def contact_log(partner_id: int) -> list[Interaction]:
    return list(Interaction.select().where(Interaction.partner == partner_id)
                .order_by(Interaction.date.desc(), Interaction.id.desc()))


# What needs attention


@dataclass(frozen=True)
class AttentionSettings:
    thank_within_days: int = settings.THANK_WITHIN_DAYS.default
    contact_every_months: int = settings.CONTACT_EVERY_MONTHS.default
    large_gift_cents: int = settings.LARGE_GIFT_CENTS.default
    success_days: int = settings.SUCCESS_DAYS.default


def attention_settings() -> AttentionSettings:
    """The group's own numbers for what needs attention."""
    return AttentionSettings(settings.get(settings.THANK_WITHIN_DAYS),
                             settings.get(settings.CONTACT_EVERY_MONTHS),
                             settings.get(settings.LARGE_GIFT_CENTS),
                             settings.get(settings.SUCCESS_DAYS))


@dataclass(frozen=True)
class AttentionItem:
    kind: str  # "thank", "pledge", "contact", "follow_up", "review", "practice", "celebrate"
    text: str
    partner_id: int
    contribution_id: int | None = None


def attention(today: dt.date, settings: AttentionSettings = AttentionSettings(),
              limit: int = 50) -> dict[str, list[AttentionItem]]:
    """Everything that needs a volunteer's care, by kind, each list the most pressing first
    and at most `limit` long, plus one when there are more (so "50+" can be said truthfully).
    `today` is given, so tests control the clock."""
    from cars_desktop.core.counting import gift_words, where
    from cars_desktop.core.money import format_money
    from cars_desktop.store import schedules

    conn = db.connection()
    day = today.isoformat()
    found: dict[str, list[AttentionItem]] = {}

    def rows(sql: str, params: tuple | dict) -> list[tuple]:
        return conn.execute(sql + f" LIMIT {int(limit) + 1}", params).fetchall()

    thank_by = (today - dt.timedelta(days=settings.thank_within_days)).isoformat()
    found["thank"] = [
        AttentionItem(
            "thank",
            (_("Thank {name} for {gift} promised {date}.") if status == "pledged" else
             _("Thank {name} for {gift} received {date}.")).format(
                name=name, gift=gift_words(family, kind, amount, minutes), date=date),
            pid,
            cid,
        )
        for cid, pid, name, family, kind, amount, minutes, date, status in rows(
            "SELECT c.id, p.id, p.name, c.family, c.kind, c.amount_cents, c.minutes, c.date,"
            " c.status FROM contribution c JOIN partner p ON p.id = c.partner_id"
            f" WHERE {awaiting_thanks_sql('c')} AND c.date < ? ORDER BY c.date",
            (thank_by,),
        )
    ]
    found["pledge"] = [
        AttentionItem(
            "pledge",
            _("{name}: {amount} promised for {expected} has not come in.").format(
                name=name, amount=format_money(due), expected=expected
            ),
            pid,
            cid,
        )
        for cid, pid, name, due, expected in rows(
            "SELECT c.id, p.id, p.name, c.outstanding_cents, c.date_expected FROM contribution c"
            " JOIN partner p ON p.id = c.partner_id WHERE c.status = 'pledged'"
            " AND c.outstanding_cents > 0 AND c.date_expected < ? ORDER BY c.date_expected",
            (day,),
        )
    ]
    found["pledge"] = [  # an instalment or a monthly gift not come in: first, it is dated
        AttentionItem("pledge", _("{payment} has not come in.").format(payment=late.said()),
                      late.partner_id, late.pledge_id)
        for late in schedules.overdue(today)[:limit + 1]] + found["pledge"]
    del found["pledge"][limit + 1:]
    # quiet since the later of the last contact, the "partner since" date and the day the
    # partner was recorded: a partner added last week has not been neglected for months
    quiet_since = add_months(today, -settings.contact_every_months).isoformat()
    found["contact"] = [
        AttentionItem(
            "contact",
            _("No contact with {name} since {last}.").format(name=name, last=last)
            if last
            else _("No contact with {name} logged yet (a partner since {since}).").format(
                name=name, since=since
            )
            if since
            else _("No contact with {name} logged yet.").format(name=name),
            pid,
        )
        for pid, name, last, since in rows(
            # the last contact is kept on the partner (a note for the record is not one)
            "SELECT p.id, p.name, p.last_contact_on, p.partner_since"
            " FROM partner p INDEXED BY partner_quiet WHERE p.status = 'active'"
            " AND (p.last_contact_on IS NULL OR p.last_contact_on < :quiet)"
            " AND COALESCE(p.partner_since, '') < :quiet AND substr(p.created_at, 1, 10) < :quiet"
            " ORDER BY p.last_contact_on, p.sort_name",  # never contacted first
            {"quiet": quiet_since},
        )
    ]
    found["review"] = [
        AttentionItem("review", _("Review the partnership with {name}").format(name=name) +
                      (_(" (due {due}).").format(due=due) if due else _(" (never reviewed).")), pid)
        for pid, name, due in rows(
            # the latest review's next date is kept on the partner
            "SELECT p.id, p.name, p.review_due FROM partner p INDEXED BY partner_review_due"
            " WHERE p.partnership_type = 'formal' AND p.status != 'archived'"
            " AND (p.review_due IS NULL OR p.review_due < ?) ORDER BY p.review_due, p.sort_name",
            (day,))]
    found["practice"] = [
        AttentionItem(
            "practice",
            _("{name}: “{text}” needs attention").format(name=name, text=text)
            + (f" ({note})." if note else "."),
            pid,
        )
        for pid, name, text, note in rows(
            # of each partner's latest review (kept on the partner), the oldest first
            "SELECT p.id, p.name, cp.text_en, ri.note FROM review r INDEXED BY review_date"
            " JOIN partner p ON p.latest_review_id = r.id"
            " JOIN review_item ri ON ri.review_id = r.id"
            " JOIN checklist_practice cp ON cp.id = ri.practice_id"
            " WHERE ri.mark = 'attention' AND p.status != 'archived'"
            " AND p.partnership_type = 'formal' AND cp.retired_at IS NULL"
            " ORDER BY r.date, p.sort_name",
            (),
        )
    ]
    found["follow_up"] = [
        AttentionItem(
            "follow_up",
            _("Follow up with {name}: {summary} (due {due}).").format(
                name=name, summary=summary, due=due
            ),
            pid,
        )
        for pid, name, summary, due in rows(
            "SELECT p.id, p.name, i.summary, i.follow_up FROM interaction i"
            " JOIN partner p ON p.id = i.partner_id WHERE i.follow_up <= ?"
            " AND p.status != 'archived' AND NOT EXISTS (SELECT 1 FROM interaction later"
            " WHERE later.partner_id = i.partner_id AND later.date >= i.follow_up)"
            " ORDER BY i.follow_up",
            (day,),
        )
    ]
    since = (today - dt.timedelta(days=settings.success_days)).isoformat()
    found["celebrate"] = [
        AttentionItem(
            "celebrate",
            _("{name}: {gift_words} on {date}").format(
                name=name, gift_words=gift_words(family, kind, amount, minutes), date=date
            )
            + (_(" — their first contribution.") if first else "."),
            pid,
            cid,
        )
        for cid, pid, name, family, kind, amount, minutes, date, first in rows(
            "SELECT c.id, p.id, p.name, c.family, c.kind, c.amount_cents, c.minutes, c.date,"
            " NOT EXISTS (SELECT 1 FROM contribution e WHERE e.partner_id = c.partner_id"
            f" AND {where('support', 'e')}"
            " AND (e.date < c.date OR (e.date = c.date AND e.id < c.id))) AS first"
            " FROM contribution c JOIN partner p ON p.id = c.partner_id"
            f" WHERE {where('support')} AND c.date >= ? AND c.date <= ?"
            " AND (c.amount_cents >= ? OR first) ORDER BY c.date DESC",
            (since, day, settings.large_gift_cents),
        )
    ]
    return found
