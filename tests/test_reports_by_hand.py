"""Reports without a window, on a small group whose every number was worked out by hand:
the numbers of `store.reports` against sums the test makes itself from the Contribution rows
(never the same SQL). The group and the independent arithmetic are in `report_books.py`."""

from __future__ import annotations

import datetime as dt

import pytest

from cars_desktop.store import maintenance, partners, profile, reports, settings
from cars_desktop.store.maintenance import Mark
from cars_desktop.store.reports import (
    DirectoryEntry,
    HealthRow,
    Totals,
    months_of,
    previous_period,
)
from report_books import (
    GROUP,
    RATE,
    TODAY,
    YEAR,
    Book,
    give,
    save_org,
)

# Periods


@pytest.mark.parametrize("start, end, before", [
    # a calendar year: the year before
    ((2026, 1, 1), (2026, 12, 31), ((2025, 1, 1), (2025, 12, 31))),
    ((2025, 1, 1), (2025, 12, 31), ((2024, 1, 1), (2024, 12, 31))),
    # quarters: the quarter before, across a year too
    ((2026, 4, 1), (2026, 6, 30), ((2026, 1, 1), (2026, 3, 31))),
    ((2026, 1, 1), (2026, 3, 31), ((2025, 10, 1), (2025, 12, 31))),
    ((2024, 4, 1), (2024, 6, 30), ((2024, 1, 1), (2024, 3, 31))),
    # a month, February of a leap year, and the month after it
    ((2024, 2, 1), (2024, 2, 29), ((2024, 1, 1), (2024, 1, 31))),
    ((2024, 3, 1), (2024, 3, 31), ((2024, 2, 1), (2024, 2, 29))),
    # a fiscal year starting in April, and half of one crossing the calendar year
    ((2025, 4, 1), (2026, 3, 31), ((2024, 4, 1), (2025, 3, 31))),
    ((2025, 10, 1), (2026, 3, 31), ((2025, 4, 1), (2025, 9, 30))),
    ((2026, 1, 1), (2026, 6, 30), ((2025, 7, 1), (2025, 12, 31))),
    # three months ending in a 31-day month, the three before ending in February
    ((2025, 3, 1), (2025, 5, 31), ((2024, 12, 1), (2025, 2, 28))),
    # odd periods: the same number of days just before
    ((2026, 1, 15), (2026, 2, 14), ((2025, 12, 15), (2026, 1, 14))),
    ((2025, 8, 17), (2026, 1, 9), ((2025, 3, 24), (2025, 8, 16))),  # 146 days
    ((2026, 3, 10), (2026, 3, 10), ((2026, 3, 9), (2026, 3, 9))),
    ((2026, 1, 2), (2026, 12, 31), ((2025, 1, 3), (2026, 1, 1))),
    ((2024, 12, 2), (2026, 1, 31), ((2023, 10, 3), (2024, 12, 1))),  # 426 days
    # from the first of a month, stopping part-way ("this year to date"): the same dates a
    # year earlier
    ((2026, 1, 1), (2026, 11, 22), ((2025, 1, 1), (2025, 11, 22))),
    ((2024, 3, 1), (2024, 3, 15), ((2023, 3, 1), (2023, 3, 15))),
    ((2025, 10, 1), (2026, 2, 27), ((2024, 10, 1), (2025, 2, 27))),
    ((2025, 3, 1), (2026, 2, 28), ((2024, 3, 1), (2025, 2, 28))),  # whole months
    # …but not past a year: then the same number of days just before
    ((2024, 1, 1), (2025, 6, 15), ((2022, 7, 18), (2023, 12, 31))),  # 532 days
])
def test_previous_period(start, end, before):
    start, end = dt.date(*start), dt.date(*end)
    expected = (dt.date(*before[0]), dt.date(*before[1]))
    assert previous_period(start, end) == expected
    first, last = expected
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        # whole months: as many whole months, ending the day before
        assert last == start - dt.timedelta(days=1) and first.day == 1
        months = lambda a, b: (b.year - a.year) * 12 + b.month - a.month  # noqa: E731
        assert months(first, last) == months(start, end)
    elif start.day == 1 and (end - start).days < 366:
        assert (first, last) == (start.replace(year=start.year - 1),
                                 end.replace(year=end.year - 1))
    else:  # as many days, ending the day before
        assert last == start - dt.timedelta(days=1)
        assert (last - first).days == (end - start).days


def test_months_of_lists_every_month_touched():
    assert months_of(dt.date(2025, 10, 15), dt.date(2026, 2, 3)) == [
        dt.date(2025, 10, 1), dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1),
        dt.date(2026, 2, 1)]
    assert months_of(dt.date(2026, 3, 10), dt.date(2026, 3, 10)) == [dt.date(2026, 3, 1)]
    assert len(months_of(dt.date(2021, 1, 1), dt.date(2025, 12, 31))) == 60


def test_hourly_rate_default_setting_and_profile(store):
    assert reports.hourly_rate_cents() == reports.DEFAULT_HOURLY_RATE == 2000
    settings.save({settings.HOURLY_RATE: 1575})
    assert reports.hourly_rate_cents() == 1575
    profile.save_group_profile({**GROUP, "hourly_rate": "18,50"})
    assert reports.hourly_rate_cents() == 1850
    pid = save_org("Lions Club", "voluntary")
    give(pid, dt.date(2025, 6, 1), 0, family="in_kind", kind="service", hours="1:30")
    # the summary and the impact value time at the group's rate
    assert reports.contributions_summary(*YEAR).totals.volunteer_value_cents == 2775
    assert reports.impact_report(*YEAR).rate_cents == 1850


# The hand-made group: every number worked out by hand


def test_period_totals_worked_by_hand(world):
    totals = reports.period_totals(*YEAR, RATE)
    assert totals == Totals(
        cash_cents=367156,  # 1234.56 + 500 + 250 + 750 + 777 + 100 + 60
        in_kind_cents=70000,  # turkeys 300 + plumbing 400; time without a value adds 0
        minutes=1040,  # 10 h + 2 h 20 + 5 h
        volunteer_value_cents=26517,  # only the 740 minutes with no value: 740 × 21.50 / 60
        pledged_cents=260000,  # 2000 promised in February, coats worth 600 in November
        outstanding_cents=185000,  # 2000 − 750 received, and the 600 of coats
        gifts=11, givers=6, loans_cents=500000)
    assert totals.support_cents == 463673
    # the year before; the first and last days count, the day after does not
    assert reports.period_totals(dt.date(2024, 1, 1), dt.date(2024, 12, 31), RATE) == Totals(
        cash_cents=104200, in_kind_cents=20000, gifts=3, givers=2)
    assert reports.period_totals(dt.date(2026, 1, 1), dt.date(2026, 1, 1), RATE) == Totals(
        cash_cents=8800, gifts=1, givers=1)
    # one partner's
    assert reports.period_totals(*YEAR, RATE, world.ids["lefevre"]) == Totals(
        cash_cents=223456, minutes=140, volunteer_value_cents=5017, pledged_cents=200000,
        outstanding_cents=125000, gifts=4, givers=1)
    assert reports.period_totals(*YEAR, RATE, world.ids["church"]) == Totals(
        in_kind_cents=70000, minutes=300, gifts=2, givers=1, loans_cents=500000)  # and the
    # $3,000 loan it was promised is not "pledged" support
    # and the same from the test's own arithmetic
    book = Book()
    assert book.totals(*YEAR, RATE) == totals
    for pid in book.partners:
        assert reports.period_totals(*YEAR, RATE, pid) == book.totals(*YEAR, RATE, pid)


def test_time_rounds_to_the_nearest_cent(world):
    # 140 minutes at $21.50 = $50.1666…: up to $50.17; at one cent an hour, 2.33 cents: 2
    lefevre = world.ids["lefevre"]
    assert reports.period_totals(*YEAR, RATE, lefevre).volunteer_value_cents == 5017
    assert reports.period_totals(*YEAR, 1, lefevre).volunteer_value_cents == 2
    # half a cent goes up: 10 minutes at 3 cents an hour
    pid = save_org("Lions Club", "voluntary")
    give(pid, dt.date(2023, 5, 5), 0, family="in_kind", kind="service", hours="0:10")
    assert reports.period_totals(dt.date(2023, 1, 1), dt.date(2023, 12, 31), 3) == Totals(
        minutes=10, volunteer_value_cents=1, gifts=1, givers=1)
    assert reports.period_totals(*YEAR, 0).volunteer_value_cents == 0


def test_summary_worked_by_hand(world):
    report = reports.contributions_summary(*YEAR)
    assert report.rate_cents == RATE
    assert (report.previous_start, report.previous_end) == (dt.date(2024, 1, 1),
                                                            dt.date(2024, 12, 31))
    assert report.previous == Totals(cash_cents=104200, in_kind_cents=20000, gifts=3, givers=2)
    assert report.by_kind == [
        ("cash", "loan", 1, 500000, 0),  # listed by kind, though not support
        ("cash", "one_time", 3, 207156, 0),
        ("cash", "annual", 2, 125000, 0),
        ("cash", "matching", 1, 25000, 0),
        ("cash", "sponsorship", 1, 10000, 0),
        ("in_kind", "service", 2, 40000, 900),
        ("in_kind", "products", 1, 30000, 0),
        ("in_kind", "volunteer_program", 1, 0, 140),
    ]
    assert dict((s, (c, k, t)) for s, c, k, t in report.by_sector) == {
        "community": (6000, 0, 0),
        "corporate": (233456, 0, 5017),  # Lefèvre and the archived trucking company
        "government": (50000, 0, 21500),
        "public": (77700, 0, 0),  # the erased pharmacy's gift stays in the accounts
        "voluntary": (0, 70000, 0),
    }
    d = dt.date
    assert report.by_month == [
        (d(2025, 1, 1), 0, 40000), (d(2025, 2, 1), 6000, 0), (d(2025, 3, 1), 123456, 0),
        (d(2025, 4, 1), 0, 0),  # only the loan
        (d(2025, 5, 1), 127700, 0), (d(2025, 6, 1), 25000, 0), (d(2025, 7, 1), 0, 30000),
        (d(2025, 8, 1), 0, 0), (d(2025, 9, 1), 0, 0), (d(2025, 10, 1), 75000, 0),
        (d(2025, 11, 1), 0, 0),  # only a pledge
        (d(2025, 12, 1), 10000, 0)]
    book = Book()
    assert report.by_kind == book.by_kind(*YEAR)
    assert dict((s, v) for s, *v in report.by_sector) == \
        {s: list(v) for s, v in book.by_sector(*YEAR, RATE).items()}
    assert report.by_month == book.by_month(*YEAR)


def test_top_partners_rank_by_all_they_gave_including_time(world):
    """Total community support is cash + in kind + the value of time; the partners who gave
    the most of it come first. The Town gave $500 and 10 hours of snow clearing worth $215:
    $715 in all, more than the church's $700 of goods."""
    report = reports.contributions_summary(*YEAR)
    assert report.top_partners == [
        ("Quincaillerie Lefèvre", "corporate", 223456, 0, 5017),
        (partners.ERASED_NAME, "public", 77700, 0, 0),
        ("Town of Sussex", "government", 50000, 0, 21500),
        ("St. Andrew's Church", "voluntary", 0, 70000, 0),
        ("Wilson & Sons Trucking", "corporate", 10000, 0, 0),
        ("Emily Wilson", "community", 6000, 0, 0),
    ]
    assert report.top_partners == Book().top_partners(*YEAR, RATE)
    assert reports.contributions_summary(*YEAR, top=2).top_partners == report.top_partners[:2]


def test_top_partners_time_alone_outranks_a_small_cheque(store):
    settings.save({settings.HOURLY_RATE: 2000})
    cheque = save_org("Aardvark Bakery", "corporate")
    crew = save_org("Zenith Mills", "corporate")
    give(cheque, dt.date(2025, 3, 1), 10000)  # $100
    give(crew, dt.date(2025, 3, 2), 0, family="in_kind", kind="volunteer_program",
         hours="50")  # 50 hours at $20: $1,000
    top = reports.contributions_summary(*YEAR).top_partners
    assert [name for name, *_ in top] == ["Zenith Mills", "Aardvark Bakery"], top


def test_impact_worked_by_hand(world):
    report = reports.impact_report(*YEAR)
    assert report.totals == reports.period_totals(*YEAR, RATE)
    assert report.by_sector == [  # the vocabulary's order; partners who gave in the period
        ("voluntary", 0, 70000, 0, 1),
        ("government", 50000, 0, 21500, 1),
        ("corporate", 233456, 0, 5017, 2),  # Lefèvre and the (since archived) trucking firm
        ("community", 6000, 0, 0, 1),  # Emily, lapsed since
        ("public", 77700, 0, 0, 1),  # the pharmacy, erased since: its gift stays
    ]
    assert (report.matching_cents, report.matching_gifts) == (25000, 1)
    # at the end of 2025, of those who gave: Sussex (since Feb 2025), Emily (first gift Feb
    # 2025) and the pharmacy (first gift May 2025) under a year; the church (first gift
    # Nov 2024) one; Lefèvre (2019) and the trucking firm (2020) five or six
    assert report.lengths == [("under_1", 3), ("1_to_2", 1), ("3_to_4", 0), ("5_to_9", 2),
                              ("10_plus", 0)]
    assert report.new_partners == [  # not the prospect, nor the erased pharmacy
        ("Town of Sussex", "government", dt.date(2025, 2, 1)),
        ("Emily Wilson", "community", dt.date(2025, 2, 14)),  # since her first gift
    ]
    assert report.leverage == pytest.approx((70000 + 26517) / 367156)
    book = Book()
    assert report.by_sector == book.impact_by_sector(*YEAR, RATE)
    assert report.lengths == book.lengths(*YEAR)
    assert report.new_partners == book.new_partners(*YEAR)


def test_partnership_length_buckets_at_their_edges(store):
    """Whole years at the period's end, of the partners who gave in the period."""
    end = dt.date(2025, 12, 31)

    def giver(name, since=None, status="active"):
        pid = save_org(name, "voluntary", partner_since=since, status=status)
        give(pid, dt.date(2025, 12, 31), 1000, family="in_kind", kind="products")
        return pid

    for years, name in ((0, "A"), (1, "B"), (2, "C"), (3, "D"), (4, "E"), (5, "F"), (9, "G"),
                        (10, "H"), (25, "I")):
        giver(name, dt.date(2025 - years, 12, 31))
    giver("J", dt.date(2016, 1, 1))  # 9 years and 364 days
    giver("K", dt.date(2016, 1, 1), status="lapsed")  # lapsed since: it gave in the period
    first = save_org("First gift", "voluntary")  # no date entered: since its first gift
    give(first, dt.date(2022, 12, 30), 500, family="in_kind", kind="products")
    give(first, dt.date(2025, 6, 1), 500, family="in_kind", kind="products")
    save_org("Never gave", "voluntary", partner_since=dt.date(2001, 1, 1))
    before = save_org("Gave before", "voluntary", partner_since=dt.date(2001, 1, 1))
    give(before, dt.date(2024, 12, 31), 500, family="in_kind", kind="products")
    report = reports.impact_report(dt.date(2025, 1, 1), end)
    assert report.lengths == [("under_1", 1), ("1_to_2", 2), ("3_to_4", 3), ("5_to_9", 4),
                              ("10_plus", 2)]
    assert report.lengths == Book().lengths(dt.date(2025, 1, 1), end)
    assert report.leverage is None  # no cash at all


def test_every_partner_who_gave_is_in_a_length_bucket(store):
    """The lengths table counts the partners who gave: it must add up to them, even for a
    partner whose "partner since" was entered later than a gift it made (it gave casually
    first, and the partnership was made formal afterwards)."""
    casual_first = save_org("Caisse Roy", "corporate", partner_since=dt.date(2026, 3, 1))
    give(casual_first, dt.date(2025, 5, 1), 10000)
    other = save_org("Lions Club", "voluntary", partner_since=dt.date(2019, 1, 1))
    give(other, dt.date(2025, 6, 1), 10000)
    report = reports.impact_report(*YEAR)
    assert report.totals.givers == 2
    assert sum(count for _, count in report.lengths) == 2, report.lengths
    assert dict(report.lengths)["5_to_9"] == 1


def test_leverage_is_in_kind_and_time_per_dollar_of_cash(store):
    settings.save({settings.HOURLY_RATE: 2000})
    pid = save_org("Lions Club", "voluntary")
    give(pid, dt.date(2025, 2, 1), 40000)
    give(pid, dt.date(2025, 3, 1), 50000, family="in_kind", kind="products")
    give(pid, dt.date(2025, 4, 1), 0, family="in_kind", kind="service", hours="5")
    give(pid, dt.date(2025, 5, 1), 900000, kind="loan")  # a loan is not cash support
    assert reports.impact_report(*YEAR).leverage == pytest.approx((50000 + 10000) / 40000)


def test_statement_worked_by_hand(world):
    lefevre = world.ids["lefevre"]
    report = reports.partner_statement(lefevre, *YEAR)
    assert (report.name, report.language, report.rate_cents) == ("Quincaillerie Lefèvre", "fr",
                                                                 RATE)
    assert report.address == ["75 rue Principale", "Bouctouche NB  E4S 3K2"]
    d = dt.date
    assert report.rows == [
        (d(2025, 2, 1), "cash", "annual", "pledged", "Summer day camp", 200000, 125000, 0),
        (d(2025, 3, 10), "cash", "one_time", "received", "Food bank", 123456, 0, 0),
        (d(2025, 6, 15), "cash", "matching", "received", "Employee match", 25000, 0, 0),
        (d(2025, 9, 9), "in_kind", "volunteer_program", "received", "Staff at the food drive",
         0, 0, 140),
        (d(2025, 10, 1), "cash", "annual", "received", "Summer day camp", 75000, 0, 0),
    ]
    assert report.totals == Book().totals(*YEAR, RATE, lefevre)
    # cancelled gifts are left out; a loan is listed but is not cash support
    sussex = reports.partner_statement(world.ids["sussex"], *YEAR)
    assert [row[3] for row in sussex.rows] == ["received", "received", "pledged"]
    church = reports.partner_statement(world.ids["church"], *YEAR)
    assert [(row[2], row[3]) for row in church.rows] == [
        ("service", "received"), ("loan", "received"), ("products", "received"),
        ("loan", "pledged")]
    assert church.totals.cash_cents == 0 and church.totals.loans_cents == 500000
    assert church.totals.pledged_cents == 0
    assert church.address == ["Antigonish NS"]


def test_statement_rows_and_totals_match_the_books(world):
    book = Book()
    for pid, partner in book.partners.items():
        if partner.erased_at:
            continue
        for start, end in (YEAR, (dt.date(2024, 7, 1), dt.date(2026, 6, 30))):
            report = reports.partner_statement(pid, start, end)
            mine = sorted((g for g in book.gifts if g.partner_id == pid
                           and g.status != "cancelled" and start <= g.day <= end),
                          key=lambda g: (g.day, g.id))
            assert report.rows == [(g.day, g.family, g.kind, g.status, g.what, g.amount,
                                    book.outstanding(g), g.minutes) for g in mine]
            assert report.totals == book.totals(start, end, RATE, pid)


def test_statement_of_an_erased_or_unknown_partner_is_refused(world):
    for pid in (world.ids["pharmacy"], 99999):
        with pytest.raises(LookupError, match="no longer exists"):
            reports.partner_statement(pid, *YEAR)


def test_directory_worked_by_hand(world):
    entries = reports.partner_directory()
    assert [e.name for e in entries] == [  # active, not erased, by folded name
        "Bibliothèque de Caraquet", "Caisse Roy", "Quincaillerie Lefèvre",
        "St. Andrew's Church", "Town of Sussex", "Youth Council of Sussex"]
    lefevre = entries[2]
    assert lefevre == DirectoryEntry(
        "Quincaillerie Lefèvre", "corporate", "formal", "(506) 555-0100", "info@lefevre.ca",
        "Bouctouche NB", (("Marie Lefèvre", "Manager", "(506) 555-0102", "marie@lefevre.ca"),
                          ("Jean Lefèvre", "Owner", "(506) 555-0101", "jean@lefevre.ca")))
    assert entries[3].contacts == () and entries[3].town == "Antigonish NS"
    assert entries[4].contacts == (("Mary Smith", "Clerk", "", ""),)


def test_health_worked_by_hand(world):
    report = reports.partnership_health(TODAY)
    assert report.today == TODAY
    d = dt.date
    assert report.rows == [  # active formal partners (not the archived, nor the prospect)
        HealthRow("Caisse Roy", None, None, True, 0, 0, 0),  # never reviewed
        HealthRow("Quincaillerie Lefèvre", d(2026, 6, 1), d(2026, 12, 1), False, 9, 1, 1),
        HealthRow("Town of Sussex", d(2026, 1, 10), d(2026, 7, 10), True, 9, 2, 0),
        HealthRow("Youth Council of Sussex", d(2026, 11, 1), TODAY, False, 11, 0, 0),
    ]
    assert report.overdue == 2
    steps = world.practices
    assert report.needing_attention == [
        (steps[2].text_en, steps[2].text_fr, "Quincaillerie Lefèvre", "Slow to return calls"),
        (steps[2].text_en, steps[2].text_fr, "Town of Sussex", "Decisions made without them"),
        (steps[5].text_en, steps[5].text_fr, "Town of Sussex", ""),
    ]
    # the day after the youth council's review falls due, it is overdue
    assert reports.partnership_health(TODAY + dt.timedelta(days=1)).overdue == 3


def test_health_lists_practices_in_checklist_order_then_partners_by_name(store):
    """Partners are listed as everywhere else in the app: by folded name, so "École" comes
    with the E's, not after "Zénith", and "Branch 82" before "Branch 297"."""
    names = ["Zénith Hardware", "École Sainte-Anne", "Legion Branch 297", "Legion Branch 82",
             "Arsenault Farms"]
    steps = maintenance.practices()
    for name in names:
        pid = save_org(name, "voluntary")
        maintenance.save_review(pid, dt.date(2026, 10, 1), {
            steps[3].id: Mark("attention", name), steps[0].id: Mark("attention", name),
            steps[1].id: Mark("done")})
    report = reports.partnership_health(TODAY)
    in_order = ["Arsenault Farms", "École Sainte-Anne", "Legion Branch 82",
                "Legion Branch 297", "Zénith Hardware"]
    assert [row.name for row in report.rows] == in_order
    assert [(text, partner) for text, _, partner, _ in report.needing_attention] == [
        (steps[0].text_en, name) for name in in_order] + [
        (steps[3].text_en, name) for name in in_order]


def test_health_uses_english_wording_when_a_practice_has_no_french(store):
    pid = save_org("Lions Club", "voluntary")
    own = maintenance.save_practice("Share the minutes")
    maintenance.save_review(pid, dt.date(2026, 10, 1), {own: Mark("attention", "late")})
    report = reports.partnership_health(TODAY)
    assert report.needing_attention == [("Share the minutes", "Share the minutes",
                                         "Lions Club", "late")]
    assert report.rows[0].attention == 1 and not report.rows[0].overdue


