"""Reports without a window over seeded random samples: the same independent arithmetic
(`report_books.Book`) over a realistic group, period by period."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

from cars_desktop.store import maintenance, reports
from cars_desktop.store.models import (
    ChecklistPractice,
    Partner,
    Review,
    ReviewItem,
)
from cars_desktop.store.reports import (
    HealthRow,
    previous_period,
)
from report_books import (
    PERIODS,
    TODAY,
    Book,
    as_date,
)


def test_sample_has_everything_the_reports_distinguish(seeded):
    book = Book()
    statuses = Counter(g.status for g in book.gifts)
    kinds = Counter(g.kind for g in book.gifts if g.status == "received")
    assert statuses["received"] and statuses["pledged"] and statuses["cancelled"]
    assert kinds["loan"] and kinds["matching"] and kinds["volunteer_program"]
    assert any(g.amount == 0 and g.minutes for g in book.gifts)
    assert any(g.amount and g.minutes for g in book.gifts)
    assert any(book.paid[g.id] and book.outstanding(g) for g in book.gifts)
    assert any(g.minutes % 60 for g in book.gifts)


@pytest.mark.parametrize("period", list(PERIODS))
def test_summary_sums_match_the_books(seeded, period):
    start, end = PERIODS[period]
    book = Book()
    report = reports.contributions_summary(start, end, top=10_000)
    assert report.rate_cents == 1737
    assert report.totals == book.totals(start, end, 1737)
    assert report.totals.gifts > 0
    before = previous_period(start, end)
    assert (report.previous_start, report.previous_end) == before
    assert report.previous == book.totals(*before, 1737)
    assert report.by_kind == book.by_kind(start, end)
    assert {s: tuple(v) for s, *v in report.by_sector} == book.by_sector(start, end, 1737)
    assert report.by_month == book.by_month(start, end)
    # every partner who gave, with what they gave (the order is the next test's)
    assert Counter(report.top_partners) == Counter(book.top_partners(start, end, 1737))
    # the parts add up to the whole, to the cent: time is valued gift by gift
    assert sum(t for _, _, _, t in report.by_sector) == report.totals.volunteer_value_cents
    assert sum(t for *_, t in report.top_partners) == report.totals.volunteer_value_cents
    assert sum(c for _, c, _, _ in report.by_sector) == report.totals.cash_cents
    assert sum(c for _, c, _ in report.by_month) == report.totals.cash_cents
    assert sum(k for _, _, k in report.by_month) == report.totals.in_kind_cents
    assert sum(n for _, _, n, _, _ in report.by_kind) == \
        report.totals.gifts + sum(n for _, kind, n, _, _ in report.by_kind if kind == "loan")


@pytest.mark.parametrize("period", ["calendar year", "across the fiscal year end"])
def test_summary_top_partners_order_matches_the_books(seeded, period):
    start, end = PERIODS[period]
    report = reports.contributions_summary(start, end)
    assert report.top_partners == Book().top_partners(start, end, 1737)[:10]


@pytest.mark.parametrize("period", list(PERIODS))
def test_impact_sums_match_the_books(seeded, period):
    start, end = PERIODS[period]
    book = Book()
    report = reports.impact_report(start, end)
    assert report.totals == book.totals(start, end, 1737)
    assert report.by_sector == book.impact_by_sector(start, end, 1737)
    matching = [g for g in book.received(start, end) if g.kind == "matching"]
    assert (report.matching_cents, report.matching_gifts) == (sum(g.amount for g in matching),
                                                             len(matching))
    assert report.lengths == book.lengths(start, end)
    assert sum(row[4] for row in report.by_sector) == report.totals.givers
    assert report.new_partners == book.new_partners(start, end)
    totals = report.totals
    assert report.leverage == pytest.approx(
        (totals.in_kind_cents + totals.volunteer_value_cents) / totals.cash_cents)


def test_statements_match_the_books(seeded):
    book = Book()
    start, end = PERIODS["six years"]
    for pid in list(book.partners)[:40]:
        report = reports.partner_statement(pid, start, end)
        mine = sorted((g for g in book.gifts if g.partner_id == pid and g.status != "cancelled"
                       and start <= g.day <= end), key=lambda g: (g.day, g.id))
        assert report.rows == [(g.day, g.family, g.kind, g.status, g.what, g.amount,
                                book.outstanding(g), g.minutes) for g in mine]
        assert report.totals == book.totals(start, end, 1737, pid)


def test_directory_matches_the_partners(seeded):
    listed = [p for p in Partner.select() if p.status == "active" and p.erased_at is None]
    listed.sort(key=lambda p: (p.sort_name, p.id))
    entries = reports.partner_directory()
    assert [e.name for e in entries] == [p.name for p in listed]
    for entry, partner in zip(entries, listed, strict=True):
        people = sorted(partner.contacts, key=lambda c: (not c.is_primary, c.position, c.id))
        assert entry.contacts == tuple((c.name, c.role, c.phone, c.email) for c in people)
        assert entry.town == f"{partner.city} {partner.province}".strip()
        assert (entry.sector, entry.partnership_type, entry.phone, entry.email) == (
            partner.sector, partner.partnership_type, partner.phone, partner.email)
        if people:
            assert people[0].is_primary


def expected_health(today: dt.date):
    current = {p.id: p for p in ChecklistPractice.select()
               .where(ChecklistPractice.retired_at.is_null())}
    formal = sorted((p for p in Partner.select() if p.partnership_type == "formal"
                     and p.status == "active" and p.erased_at is None),
                    key=lambda p: (p.sort_name, p.id))
    rows, attention = [], []
    for partner in formal:
        reviews = sorted(Review.select().where(Review.partner == partner.id),
                         key=lambda r: (as_date(r.date), r.id))
        if not reviews:
            rows.append(HealthRow(partner.name, None, None, True, 0, 0, 0))
            continue
        latest = reviews[-1]
        items = [i for i in ReviewItem.select().where(ReviewItem.review == latest.id)
                 if i.practice_id in current]
        due = as_date(latest.next_due)
        marks = Counter(i.mark for i in items)
        rows.append(HealthRow(partner.name, as_date(latest.date), due,
                              due is None or due < today, marks["done"], marks["attention"],
                              marks["na"]))
        for item in items:
            if item.mark == "attention":
                step = current[item.practice_id]
                attention.append((step.position, partner.sort_name,
                                  (step.text_en, step.text_fr or step.text_en, partner.name,
                                   item.note)))
    return rows, attention


def test_health_matches_the_reviews(seeded):
    rows, attention = expected_health(TODAY)
    report = reports.partnership_health(TODAY)
    assert report.rows == rows
    assert report.overdue == sum(row.overdue for row in rows) > 0
    assert any(row.last_review is None for row in rows)
    # what needs attention: all of it, practice by practice in the checklist's order
    assert Counter(report.needing_attention) == Counter(item for _, _, item in attention)
    position = {p.text_en: p.position for p in maintenance.practices()}
    order = [position[text] for text, *_ in report.needing_attention]
    assert order == sorted(order) and report.needing_attention


def test_health_attention_order_matches_the_reviews(seeded):
    _, attention = expected_health(TODAY)
    attention.sort(key=lambda item: item[:2])
    assert reports.partnership_health(TODAY).needing_attention == [item for *_, item in attention]


