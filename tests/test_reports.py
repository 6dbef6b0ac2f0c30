"""Reports without a window: the numbers of `store.reports` checked against sums the test makes
itself from the Contribution rows (never the same SQL), on a small hand-made group and on
seeded random samples; then every report drawn as a PDF in English and French and read back
with pypdf. Real SQLite file, real PDFs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from cars_desktop.core import vocab
from cars_desktop.core.periods import fiscal_year
from cars_desktop.documents.reports import write_report
from cars_desktop.store import contributions, letters, maintenance, partners, profile, reports
from cars_desktop.store import sample as sample_data
from cars_desktop.store.maintenance import Mark
from cars_desktop.store.models import (
    ChecklistPractice,
    Contribution,
    Partner,
    Review,
    ReviewItem,
)
from cars_desktop.store.reports import (
    DirectoryEntry,
    HealthRow,
    Totals,
    months_of,
    previous_period,
)
from helpers import assert_fonts_embedded, norm

TODAY = dt.date(2026, 11, 22)
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
RATE = 2150  # $21.50 an hour: 140 minutes are worth $50.1666…, so rounding shows
LANGS = ("en", "fr")
TITLES = {
    "summary": ("Contributions summary", "Sommaire des contributions"),
    "impact": ("Community impact", "Impact communautaire"),
    "statement": ("Partner statement", "Relevé du partenaire"),
    "directory": ("Partner directory", "Répertoire des partenaires"),
    "health": ("Partnership health", "Santé des partenariats"),
}
NOTHING = {"en": "Nothing was recorded in this period.",
           "fr": "Rien n'a été inscrit pendant cette période."}
GROUP = {
    "name": "Riverbend Community Food Centre", "address_line1": "412 Main Street",
    "city": "Riverbend", "province": "MB", "postal_code": "R0G 1A0",
    "signatory_name": "Anne Courchesne", "signatory_title": "Chair of the Board",
    "language": "en", "fiscal_year_start_month": 1,
}


# Independent arithmetic: plain Python over the Contribution rows


@dataclass(frozen=True)
class Gift:
    id: int
    partner_id: int
    family: str
    kind: str
    status: str
    amount: int
    minutes: int
    day: dt.date
    pledge_id: int | None
    what: str


def as_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


class Book:
    """Every contribution and partner as read back through the models, and the sums a
    careful treasurer would make from them by hand."""

    def __init__(self) -> None:
        self.partners = {p.id: p for p in Partner.select()}
        self.gifts = [Gift(c.id, c.partner_id, c.family, c.kind, c.status, c.amount_cents,
                           c.minutes, as_date(c.date), c.pledge_id,
                           c.description or c.purpose)
                      for c in Contribution.select()]
        self.paid: dict[int, int] = defaultdict(int)  # pledge id -> received against it
        for gift in self.gifts:
            if gift.pledge_id and gift.status == "received":
                self.paid[gift.pledge_id] += gift.amount

    def sector(self, gift: Gift) -> str:
        return self.partners[gift.partner_id].sector

    def outstanding(self, pledge: Gift) -> int:
        return max(0, pledge.amount - self.paid[pledge.id]) if pledge.status == "pledged" else 0

    def received(self, start, end, partner_id=None, loans=False) -> list[Gift]:
        return [g for g in self.gifts if g.status == "received" and start <= g.day <= end
                and (partner_id is None or g.partner_id == partner_id)
                and (loans or g.kind != "loan")]

    def totals(self, start, end, rate, partner_id=None) -> Totals:
        support = self.received(start, end, partner_id)
        pledges = [g for g in self.gifts if g.status == "pledged" and start <= g.day <= end
                   and (partner_id is None or g.partner_id == partner_id)
                   and g.kind != "loan"]  # a loan promised is not support promised
        loans = [g for g in self.received(start, end, partner_id, loans=True)
                 if g.kind == "loan"]
        return Totals(
            cash_cents=sum(g.amount for g in support if g.family == "cash"),
            in_kind_cents=sum(g.amount for g in support if g.family == "in_kind"),
            minutes=sum(g.minutes for g in support),
            volunteer_value_cents=sum(self.time_value(g, rate) for g in support),
            pledged_cents=sum(g.amount for g in pledges),
            outstanding_cents=sum(self.outstanding(g) for g in pledges),
            gifts=len(support),
            givers=len({g.partner_id for g in support}),
            loans_cents=sum(g.amount for g in loans),
            unvalued_gifts=sum(g.family == "in_kind" and not g.amount and not g.minutes
                               for g in support))

    @staticmethod
    def time_value(gift: Gift, rate: int) -> int:
        """Time given no value of its own, at the group's rate, to the cent for each gift (so
        that sectors, partners and the total add up to the same cents)."""
        return value_of(gift.minutes, rate) if gift.amount == 0 else 0

    def by_kind(self, start, end) -> list[tuple]:
        groups: dict[tuple, list[int]] = defaultdict(lambda: [0, 0, 0])
        for g in self.received(start, end, loans=True):
            row = groups[(g.family, g.kind)]
            row[0] += 1
            row[1] += g.amount
            row[2] += g.minutes
        return sorted(((family, kind, *row) for (family, kind), row in groups.items()),
                      key=lambda r: (r[0], -r[3], r[1]))

    def by_sector(self, start, end, rate) -> dict[str, tuple[int, int, int]]:
        sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        for g in self.received(start, end):
            row = sums[self.sector(g)]
            row[0 if g.family == "cash" else 1] += g.amount
            row[2] += self.time_value(g, rate)
        return {sector: tuple(row) for sector, row in sums.items()}

    def by_month(self, start, end) -> list[tuple[dt.date, int, int]]:
        months = []
        first = dt.date(start.year, start.month, 1)
        while first <= end:
            months.append(first)
            first = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        sums = {month: [0, 0] for month in months}
        for g in self.received(start, end):
            sums[g.day.replace(day=1)][0 if g.family == "cash" else 1] += g.amount
        return [(month, *sums[month]) for month in months]

    def per_partner(self, start, end, rate) -> dict[int, tuple[int, int, int]]:
        sums: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for g in self.received(start, end):
            row = sums[g.partner_id]
            row[0 if g.family == "cash" else 1] += g.amount
            row[2] += self.time_value(g, rate)
        return {pid: tuple(row) for pid, row in sums.items()}

    def top_partners(self, start, end, rate) -> list[tuple]:
        """Every partner who gave, the most support (cash, in kind and time) first."""
        rows = [(p, *values) for p, values in self.per_partner(start, end, rate).items()]
        rows.sort(key=lambda r: (-(r[1] + r[2] + r[3]), self.partners[r[0]].sort_name))
        return [(self.partners[p].name, self.partners[p].sector, cash, kind, time)
                for p, cash, kind, time in rows]

    def since(self, partner) -> dt.date | None:
        if partner.partner_since:
            return as_date(partner.partner_since)
        days = [g.day for g in self.gifts if g.partner_id == partner.id]
        return min(days) if days else None

    def givers(self, start, end) -> set[int]:
        return {g.partner_id for g in self.received(start, end)}

    def impact_by_sector(self, start, end, rate) -> list[tuple]:
        """Each sector that gave, in the vocabulary's order, with how many of its partners
        gave in the period."""
        given = self.by_sector(start, end, rate)
        givers = Counter(self.partners[p].sector for p in self.givers(start, end))
        return [(code, *given[code], givers[code]) for code in vocab.SECTORS.codes()
                if code in given]

    def lengths(self, start, end) -> list[tuple[str, int]]:
        """How long each partner who gave in the period had been a partner at its end."""
        counts = dict.fromkeys(("under_1", "1_to_2", "3_to_4", "5_to_9", "10_plus"), 0)
        for pid in self.givers(start, end):
            since = self.since(self.partners[pid])
            if since > end:  # a "partner since" after the period: they gave in it already
                since = min(g.day for g in self.gifts if g.partner_id == pid)
            years = end.year - since.year - ((end.month, end.day) < (since.month, since.day))
            bucket = ("under_1" if years < 1 else "1_to_2" if years < 3 else "3_to_4"
                      if years < 5 else "5_to_9" if years < 10 else "10_plus")
            counts[bucket] += 1
        return list(counts.items())

    def new_partners(self, start, end) -> list[tuple[str, str, dt.date]]:
        """Partnerships that began in the period; a prospect is not a partner yet."""
        found = [(p, self.since(p)) for p in self.partners.values()
                 if p.erased_at is None and p.status != "prospect"]
        found = [(p, since) for p, since in found if since and start <= since <= end]
        found.sort(key=lambda item: (item[1], item[0].sort_name))
        return [(p.name, p.sector, since) for p, since in found]


def value_of(minutes: int, rate: int) -> int:
    """Hours × rate, to the nearest cent (half a cent up)."""
    return int((Decimal(minutes * rate) / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# Reading PDFs


def money(cents: int, lang: str) -> str:
    """"$1,234.56" or "1 234,56 $", written here rather than borrowed from the app."""
    text = f"{Decimal(cents) / 100:,.2f}"
    if lang == "fr":
        return text.replace(",", " ").replace(".", ",") + " $"
    return "$" + text


def number(value, lang: str, decimals: int = 0) -> str:
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",") if lang == "fr" else text


def hours(minutes: int, lang: str) -> str:
    return number(minutes / 60, lang, 0 if minutes % 60 == 0 else 1)


def change(now: int, before: int, lang: str) -> str:
    if before == 0:
        return "—" if now == 0 else ("nouveau" if lang == "fr" else "new")
    percent = round((now - before) * 100 / before)
    sign = "+" if percent > 0 else "−" if percent < 0 else ""
    return f"{sign}{number(abs(percent), lang)} %" if lang == "fr" else f"{sign}{abs(percent):,}%"


def pdf_pages(path) -> list[str]:
    return [norm(page.extract_text()) for page in PdfReader(path).pages]


def render(name: str, data, lang: str, path: Path, head=None) -> list[str]:
    """Write the report, check what every report must be, and give back each page's text."""
    head = head or letters.letterhead()
    pages = write_report(name, data, head, lang, path, TODAY)
    texts = pdf_pages(path)
    assert pages == len(texts) >= 1
    for number_, text in enumerate(texts, start=1):
        footer = f"Page {number_} of {pages}" if lang == "en" else f"Page {number_} de {pages}"
        assert footer in text, (number_, text[-200:])
    prepared = "Prepared on November 22, 2026" if lang == "en" else "Préparé le 22 novembre 2026"
    assert prepared in texts[0]
    title = TITLES[name][lang == "fr"]
    assert title in texts[0]
    meta = PdfReader(path).metadata
    assert meta.title == title and meta.author == head.name
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".partial")]
    return texts


# The hand-made group


def save_org(name, sector, ptype="formal", status="active", language="en", contacts=(),
             **values) -> int:
    base = {"kind": "organisation", "name": name, "sector": sector, "partnership_type": ptype,
            "status": status, "language": language, **values}
    return partners.save_partner(base, list(contacts))


def give(pid, day, amount=0, family="cash", kind="one_time", status="received", **values) -> int:
    fields = {"partner_id": pid, "family": family, "kind": kind, "status": status,
              "amount": amount, "date": day, **values}
    if family == "cash" and status == "received":
        fields.setdefault("payment_method", "cheque")
    return contributions.save_contribution(fields)


@dataclass
class World:
    ids: dict[str, int]
    practices: list[ChecklistPractice]


@pytest.fixture
def world(store) -> World:
    """A small group whose every sum was worked out on paper (see the expected values in
    the tests): all kinds of partners and statuses, a loan, a pledge and its payment, a
    cancelled gift, time with and without a value of its own, gifts on the period's first and
    last days and just outside them, an archived and an erased partner, reviews."""
    profile.save_group_profile({**GROUP, "registered_charity": True,
                                "charity_number": "123456789RR0001"})
    profile.save_settings({reports.HOURLY_RATE_KEY: RATE})
    ids = {}
    ids["lefevre"] = save_org(
        "Quincaillerie Lefèvre", "corporate", language="fr", partner_since=dt.date(2019, 3, 15),
        address_line1="75 rue Principale", city="Bouctouche", province="NB",
        postal_code="E4S 3K2", phone="506 555 0100", email="info@lefevre.ca",
        contacts=[{"name": "Jean Lefèvre", "role": "Owner", "phone": "506 555 0101",
                   "email": "jean@lefevre.ca"},
                  {"name": "Marie Lefèvre", "role": "Manager", "phone": "506 555 0102",
                   "email": "marie@lefevre.ca", "is_primary": True}])
    ids["sussex"] = save_org("Town of Sussex", "government", partner_since=dt.date(2025, 2, 1),
                             city="Sussex", province="NB",
                             contacts=[{"name": "Mary Smith", "role": "Clerk"}])
    ids["church"] = save_org("St. Andrew's Church", "voluntary", ptype="casual",
                             city="Antigonish", province="NS")
    ids["emily"] = partners.save_partner(
        {"kind": "person", "name": "Emily Wilson", "sector": "community",
         "partnership_type": "casual", "status": "lapsed", "language": "en"}, [])
    ids["trucking"] = save_org("Wilson & Sons Trucking", "corporate",
                               partner_since=dt.date(2020, 5, 5))
    ids["pharmacy"] = save_org("Pharmacie Brûlé", "public", ptype="casual", language="fr",
                               contacts=[{"name": "Luc Brûlé"}])
    ids["youth"] = save_org("Youth Council of Sussex", "community")
    ids["prospect"] = save_org("Zeta Prospects Inc.", "corporate", status="prospect",
                               partner_since=dt.date(2025, 9, 1))
    ids["roy"] = save_org("Caisse Roy", "corporate", language="fr",
                          partner_since=dt.date(2014, 6, 1), contacts=[{"name": "Lise Roy"}])
    ids["library"] = save_org("Bibliothèque de Caraquet", "public", ptype="casual",
                              language="fr", partner_since=dt.date(2022, 12, 31))

    lefevre, sussex, church = ids["lefevre"], ids["sussex"], ids["church"]
    d = dt.date
    ids["a"] = give(lefevre, d(2025, 3, 10), 123456, purpose="Food bank")
    ids["b"] = give(sussex, d(2025, 5, 1), 50000, kind="annual")
    ids["c"] = give(lefevre, d(2025, 6, 15), 25000, kind="matching", purpose="Employee match",
                    credited_partner_id=ids["emily"])
    ids["d"] = give(church, d(2025, 7, 20), 30000, family="in_kind", kind="products",
                    description="12 turkeys")
    ids["e"] = give(sussex, d(2025, 8, 5), 0, family="in_kind", kind="service", hours="10",
                    description="Snow clearing")
    ids["f"] = give(lefevre, d(2025, 9, 9), 0, family="in_kind", kind="volunteer_program",
                    hours="2:20", description="Staff at the food drive")
    ids["g"] = give(church, d(2025, 1, 1), 40000, family="in_kind", kind="service", hours="5",
                    description="Kitchen plumbing")
    ids["l"] = give(lefevre, d(2025, 2, 1), 200000, kind="annual", status="pledged",
                    date_expected=d(2026, 2, 1), purpose="Summer day camp")
    ids["h"] = give(lefevre, d(2025, 10, 1), 75000, kind="annual", pledge_id=ids["l"],
                    purpose="Summer day camp")
    ids["i"] = give(ids["pharmacy"], d(2025, 5, 5), 77700)
    ids["j"] = give(ids["trucking"], d(2025, 12, 31), 10000, kind="sponsorship")
    ids["k"] = give(church, d(2025, 4, 1), 500000, kind="loan", purpose="New van")
    ids["t"] = give(church, d(2025, 9, 1), 300000, kind="loan", status="pledged",
                    purpose="Second van")  # a loan promised: not support either
    ids["m"] = give(sussex, d(2025, 11, 1), 60000, family="in_kind", kind="products",
                    status="pledged", date_expected=d(2026, 1, 15), description="Winter coats")
    ids["n"] = give(sussex, d(2025, 3, 3), 99900, status="cancelled")
    ids["o"] = give(church, d(2024, 11, 11), 20000, family="in_kind", kind="products",
                    description="Chest freezer")
    ids["p"] = give(lefevre, d(2024, 6, 1), 100000)
    ids["q"] = give(lefevre, d(2024, 12, 31), 4200)
    ids["r"] = give(sussex, d(2026, 1, 1), 8800)
    ids["s"] = give(ids["emily"], d(2025, 2, 14), 6000)

    steps = maintenance.practices()
    assert len(steps) == 12
    every = [p.id for p in steps]
    # Lefèvre: an older review (ignored) and the latest one
    maintenance.save_review(lefevre, d(2025, 5, 1),
                            {pid: Mark("attention", "old") for pid in every})
    latest = {pid: Mark("done") for pid in every}
    latest[every[2]] = Mark("attention", "Slow to return calls")
    latest[every[10]] = Mark("attention", "On a practice retired since")
    latest[every[11]] = Mark("na")
    maintenance.save_review(lefevre, d(2026, 6, 1), latest, next_due=d(2026, 12, 1))
    marks = {pid: Mark("done") for pid in every}
    marks[every[2]] = Mark("attention", "Decisions made without them")
    marks[every[5]] = Mark("attention")
    maintenance.save_review(sussex, d(2026, 1, 10), marks)  # due six months later: overdue
    maintenance.save_review(ids["youth"], d(2026, 11, 1), {pid: Mark("done") for pid in every},
                            next_due=TODAY)  # due today: not overdue yet
    maintenance.save_review(ids["trucking"], d(2026, 2, 2),
                            {pid: Mark("attention", "archived") for pid in every})
    maintenance.save_review(ids["prospect"], d(2026, 3, 3),
                            {pid: Mark("attention", "prospect") for pid in every})
    maintenance.retire_practice(every[10])
    partners.archive_partner(ids["trucking"])
    partners.erase_personal_information(ids["pharmacy"])
    return World(ids, steps)


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
    profile.save_settings({reports.HOURLY_RATE_KEY: 1575})
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
    profile.save_settings({reports.HOURLY_RATE_KEY: 2000})
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
    profile.save_settings({reports.HOURLY_RATE_KEY: 2000})
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


# Seeded random samples: the same arithmetic over a realistic group


PERIODS = {
    "calendar year": (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    "quarter": (dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    "odd days": (dt.date(2025, 8, 17), dt.date(2026, 1, 9)),
    "fiscal year from April": (fiscal_year(dt.date(2026, 3, 1), 4).start,
                               fiscal_year(dt.date(2026, 3, 1), 4).end),
    "across the fiscal year end": (dt.date(2025, 10, 1), dt.date(2026, 3, 31)),
    "across the calendar year end": (dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    "six years": (dt.date(2020, 11, 1), TODAY),
}
SEEDS = (3, 11)


def fill(seed: int) -> None:
    """A seeded sample, with the fiscal year starting in April, an odd hourly rate, and some
    time in odd minutes so that rounding to the cent is tested."""
    sample_data.fill_sample(150, 1500, seed=seed, today=TODAY)
    profile.set_fiscal_year_start_month(4)
    profile.save_settings({reports.HOURLY_RATE_KEY: 1737})
    ids = [p.id for p in Partner.select(Partner.id).order_by(Partner.id).limit(12)]
    for n, pid in enumerate(ids):
        day = dt.date(2025, 1 + n, 13) if n < 12 else dt.date(2026, 1, 5)
        give(pid, day, 0, family="in_kind", kind="volunteer_program",
             hours=f"{n}:{(7 * n + 5) % 60:02d}")
        give(pid, day + dt.timedelta(days=300), 0, family="in_kind", kind="service",
             hours=f"0:{11 + n}")


@pytest.fixture(params=SEEDS, ids=lambda seed: f"seed {seed}")
def seeded(request, store):
    fill(request.param)
    return request.param


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


# PDFs: the hand-made group in both languages


@pytest.mark.parametrize("lang", LANGS)
def test_summary_pdf(world, tmp_path, lang):
    text = " ".join(render("summary", reports.contributions_summary(*YEAR), lang,
                           tmp_path / "summary.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    if lang == "en":
        expected = [
            "January 1, 2025 – December 31, 2025",
            f"Cash received {m(367156)}", f"Gifts in kind (value) {m(70000)}",
            "Volunteer hours 17.3", f"Value of volunteer time {m(26517)}",
            f"Total community support {m(463673)}", f"Pledged {m(260000)}",
            f"Still to come {m(185000)}", "Partners who gave 6",
            "Compared with the period before (January 1, 2024 – December 31, 2024)",
            f"Cash received {m(367156)} {m(104200)} +252%",
            f"Gifts in kind (value) {m(70000)} {m(20000)} +250%",
            f"Value of volunteer time {m(26517)} {m(0)} new",
            f"Total community support {m(463673)} {m(124200)} +273%",
            "Volunteer hours 17.3 0 new", "Gifts 11 3 +267%", "Partners who gave 6 2 +200%",
            "The period before starts before the first contribution recorded (June 1, "
            "2024): its figures may be incomplete.",
            f"One-time gift 3 {m(207156)}", f"Annual renewable gift 2 {m(125000)}",
            f"Matching gift 1 {m(25000)}", f"Event sponsorship 1 {m(10000)}",
            f"Subtotal: cash 7 {m(367156)}", f"Service / labour 2 {m(40000)} 15",
            f"Products 1 {m(30000)}",
            "Employee volunteer program 1 valued as time 2.3",  # never "$0.00"
            f"Subtotal: in kind 4 {m(70000)} 17.3",
            f"Loans (not counted as support) 1 {m(500000)}",
            f"Corporate {m(233456)} {m(0)} {m(5017)} {m(238473)}",
            f"Government {m(50000)} {m(0)} {m(21500)} {m(71500)}",
            f"Voluntary {m(0)} {m(70000)} {m(0)} {m(70000)}",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)}",
            f"Quincaillerie Lefèvre Corporate {m(223456)} {m(0)} {m(5017)}",
            f"Volunteer time is valued at {m(2150)} an hour",
            f"Loans received ({m(500000)}) are listed but not counted as support",
            "Registered charity 123456789 RR 0001",
        ]
    else:
        expected = [
            "1er janvier 2025 – 31 décembre 2025",
            f"Argent reçu {m(367156)}", f"Dons en nature (valeur) {m(70000)}",
            "Heures de bénévolat 17,3", f"Valeur du temps donné {m(26517)}",
            f"Appui communautaire total {m(463673)}", f"Promis {m(260000)}",
            f"À venir {m(185000)}", "Partenaires donateurs 6",
            "Comparaison avec la période précédente (1er janvier 2024 – 31 décembre 2024)",
            f"Argent reçu {m(367156)} {m(104200)} +252 %",
            f"Valeur du temps donné {m(26517)} {m(0)} nouveau",
            "Dons 11 3 +267 %", f"Don ponctuel 3 {m(207156)}",
            f"argent 7 {m(367156)}", f"Services / main-d'œuvre 2 {m(40000)} 15",
            "Programme de bénévolat d'employés 1 évalué en temps 2,3",
            f"en nature 4 {m(70000)} 17,3",
            f"Prêts (hors appui) 1 {m(500000)}",
            f"Entreprise {m(233456)} {m(0)} {m(5017)} {m(238473)}",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)}",
            f"Le temps bénévole est évalué à {m(2150)} l'heure",
            f"Les prêts reçus ({m(500000)})",
            "Organisme de bienfaisance enregistré 123456789 RR 0001",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)
    if lang == "en":  # no amount written the French way, nor the other way round
        assert not re.search(r"\d,\d\d \$", text)
    else:
        assert not re.search(r"\$\d", text)


@pytest.mark.parametrize("lang", LANGS)
def test_impact_pdf(world, tmp_path, lang):
    text = " ".join(render("impact", reports.impact_report(*YEAR), lang, tmp_path / "i.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    if lang == "en":
        expected = [
            "January 1, 2025 – December 31, 2025",
            f"Total community support {m(463673)}", f"Cash received {m(367156)}",
            "For every dollar of cash, partners gave $0.26 more in kind and in time.",
            f"Voluntary {m(0)} {m(70000)} {m(0)} {m(70000)} 1",
            f"Government {m(50000)} {m(0)} {m(21500)} {m(71500)} 1",
            f"Corporate {m(233456)} {m(0)} {m(5017)} {m(238473)} 2",
            f"Community {m(6000)} {m(0)} {m(0)} {m(6000)} 1",
            f"Public {m(77700)} {m(0)} {m(0)} {m(77700)} 1",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)} 6",
            "One matching gift from an employer, worth $250.00.",
            "Under 1 year 3", "1 to 2 years 1", "3 to 4 years 0", "5 to 9 years 2",
            "10 years or more 0", "2 new partners (Community 1, Government 1).",
            "Town of Sussex Government Feb 1, 2025", "Emily Wilson Community Feb 14, 2025",
        ]
    else:
        expected = [
            "1er janvier 2025 – 31 décembre 2025",
            f"Appui communautaire total {m(463673)}",
            "Pour chaque dollar reçu en argent, les partenaires ont donné 0,26 $ de plus en "
            "nature et en temps.",
            f"Entreprise {m(233456)} {m(0)} {m(5017)} {m(238473)} 2",
            f"Total {m(367156)} {m(70000)} {m(26517)} {m(463673)} 6",
            "Un don jumelé par un employeur, d'une valeur de 250,00 $.",
            "Moins d'un an 3", "10 ans ou plus 0",
            "2 nouveaux partenaires (Communauté 1, Gouvernement 1).",
            "Town of Sussex Gouvernement 1er févr. 2025",
            "Emily Wilson Communauté 14 févr. 2025",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)


@pytest.mark.parametrize("lang", LANGS)
def test_statement_pdf(world, tmp_path, lang):
    data = reports.partner_statement(world.ids["lefevre"], *YEAR)
    text = " ".join(render("statement", data, lang, tmp_path / "s.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    if lang == "en":
        expected = [
            "January 1, 2025 – December 31, 2025",
            "Quincaillerie Lefèvre 75 rue Principale Bouctouche NB E4S 3K2",
            f"Feb 1, 2025 Annual renewable gift Summer day camp Pledged (still to come "
            f"{m(125000)}) {m(200000)}",
            f"Mar 10, 2025 One-time gift Food bank Received {m(123456)}",
            f"Jun 15, 2025 Matching gift Employee match Received {m(25000)}",
            "Sep 9, 2025 Employee volunteer program Staff at the food drive Received 2.3",
            f"Oct 1, 2025 Annual renewable gift Summer day camp Received {m(75000)}",
            f"Cash received {m(223456)}", f"Gifts in kind (value) {m(0)}",
            f"Value of volunteer time {m(5017)}", f"Total community support {m(228473)}",
            "Volunteer hours 2.3", f"Pledged {m(200000)}", f"Still to come {m(125000)}",
            "Gifts 4", f"Volunteer time is valued at {m(2150)} an hour",
        ]
    else:
        expected = [
            "1er janvier 2025 – 31 décembre 2025",
            f"1er févr. 2025 Don annuel renouvelable Summer day camp Promis (à venir "
            f"{m(125000)}) {m(200000)}",
            f"10 mars 2025 Don ponctuel Food bank Reçu {m(123456)}",
            f"Argent reçu {m(223456)}", "Heures de bénévolat 2,3", f"À venir {m(125000)}",
            f"Valeur du temps donné {m(5017)}", f"Appui communautaire total {m(228473)}",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)
    assert "Cancelled" not in text and "Annulé" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_directory_pdf(world, tmp_path, lang):
    text = " ".join(render("directory", reports.partner_directory(), lang, tmp_path / "d.pdf"))
    assert ("November 22, 2026" if lang == "en" else "22 novembre 2026") in text
    order = ["Bibliothèque de Caraquet", "Caisse Roy", "Quincaillerie Lefèvre",
             "St. Andrew's Church", "Town of Sussex", "Youth Council of Sussex"]
    where = [text.index(name) for name in order]
    assert where == sorted(where)
    # the partner with its own phone and email, then its people, primary first, each with
    # the number that reaches them
    sector = "Corporate · Formal" if lang == "en" else "Entreprise · Formel"
    assert (f"Quincaillerie Lefèvre — Bouctouche NB {sector} (506) 555-0100 info@lefevre.ca "
            "Marie Lefèvre (Manager) (506) 555-0102 marie@lefevre.ca "
            "Jean Lefèvre (Owner) (506) 555-0101 jean@lefevre.ca") in text
    assert "St. Andrew's Church — Antigonish NS" in text
    for absent in ("Emily Wilson", "Wilson & Sons", "Zeta", "Pharmacie", "Brûlé",
                   partners.ERASED_NAME):
        assert absent not in text


@pytest.mark.parametrize("lang", LANGS)
def test_health_pdf(world, tmp_path, lang):
    text = " ".join(render("health", reports.partnership_health(TODAY), lang,
                           tmp_path / "h.pdf"))
    steps = world.practices
    if lang == "en":
        expected = [
            "4 active formal partners; 2 of them have a review due or never had one.",
            "Caisse Roy Never reviewed Quincaillerie",
            "Quincaillerie Lefèvre Jun 1, 2026 Dec 1, 2026 9 1 1",
            "Town of Sussex Jan 10, 2026 Jul 10, 2026 (overdue) 9 2 0",
            "Youth Council of Sussex Nov 1, 2026 Nov 22, 2026 11 0 0",
            f"{steps[2].text_en} Quincaillerie Lefèvre Slow to return calls",
            f"{steps[2].text_en} Town of Sussex Decisions made without them",
            f"{steps[5].text_en} Town of Sussex",
        ]
    else:
        expected = [
            "4 partenaires formels actifs; 2 d'entre eux ont une revue à faire ou n'en ont "
            "jamais eu.",
            "Caisse Roy Jamais revu Quincaillerie",
            "Town of Sussex 10 janv. 2026 10 juil. 2026 (en retard) 9 2 0",
            f"{steps[2].text_fr} Quincaillerie Lefèvre Slow to return calls",
        ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)
    assert "Wilson & Sons" not in text and "archived" not in text and "old" not in text
    assert "Zeta" not in text and "prospect" not in text
    assert "On a practice retired since" not in text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", list(TITLES))
def test_fonts_are_embedded_and_no_base14_font_is_named(world, tmp_path, name, lang):
    """Every font in every report is the embedded DejaVu: the summary and the impact have
    charts, drawn by ReportLab's graphics, which must not name Helvetica either."""
    data = {"summary": lambda: reports.contributions_summary(*YEAR),
            "impact": lambda: reports.impact_report(*YEAR),
            "statement": lambda: reports.partner_statement(world.ids["lefevre"], *YEAR),
            "directory": reports.partner_directory,
            "health": lambda: reports.partnership_health(TODAY)}[name]()
    path = tmp_path / f"{name}.pdf"
    render(name, data, lang, path)
    assert_fonts_embedded(path)


def test_french_subtotals_put_a_space_before_the_colon(world, tmp_path):
    """French puts a (non-breaking) space before a colon, as the report's other French
    sentences do ("ils sont remboursés\u00a0: …")."""
    text = " ".join(render("summary", reports.contributions_summary(*YEAR), "fr",
                           tmp_path / "fr.pdf"))
    assert "dans l'appui : ils sont remboursés" in text
    assert "Sous-total : argent 7 3 671,56 $" in text
    assert "Sous-total : en nature 4 700,00 $ 17,3" in text


def test_user_text_is_printed_as_typed_not_as_markup(store, tmp_path):
    profile.save_group_profile({**GROUP, "name": "Groupe « Les Étoiles » & <Co>"})
    pid = save_org("Bob <b>Bold</b> & Sons", "corporate", partner_since=dt.date(2025, 3, 1),
                   contacts=[{"name": "Nguyễn Thị <Minh>", "role": "A & B"}])
    give(pid, dt.date(2025, 3, 2), 12345, purpose="<i>Camp</i> & more")
    for name, data in (("summary", reports.contributions_summary(*YEAR)),
                       ("statement", reports.partner_statement(pid, *YEAR)),
                       ("directory", reports.partner_directory()),
                       ("impact", reports.impact_report(*YEAR))):
        path = tmp_path / f"{name}.pdf"
        text = " ".join(render(name, data, "en", path))
        assert "Bob <b>Bold</b> & Sons" in text, name
        if name == "statement":
            assert "<i>Camp</i> & more" in text
        if name == "directory":
            assert "Nguyễn Thị <Minh> (A & B)" in text


def test_a4_paper_and_logo(world, tmp_path):
    head = letters.letterhead()
    head = dataclasses.replace(head, options=dataclasses.replace(head.options, paper="a4"))
    path = tmp_path / "a4.pdf"
    render("summary", reports.contributions_summary(*YEAR), "en", path, head=head)
    box = PdfReader(path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


# PDFs: the seeded samples in both languages


@pytest.mark.parametrize("lang", LANGS)
def test_seeded_summary_and_impact_pdfs_show_the_books(seeded, tmp_path, lang):
    start, end = PERIODS["across the fiscal year end"]
    book = Book()
    now = book.totals(start, end, 1737)
    before = book.totals(*previous_period(start, end), 1737)
    m = lambda cents: money(cents, lang)  # noqa: E731
    support = now.cash_cents + now.in_kind_cents + now.volunteer_value_cents
    old_support = before.cash_cents + before.in_kind_cents + before.volunteer_value_cents

    text = " ".join(render("summary", reports.contributions_summary(start, end), lang,
                           tmp_path / "summary.pdf"))
    w = {"en": ("Cash received", "Value of volunteer time", "Total community support",
                "Volunteer hours", "Still to come", "Partners who gave", "Gifts"),
         "fr": ("Argent reçu", "Valeur du temps donné", "Appui communautaire total",
                "Heures de bénévolat", "À venir", "Partenaires donateurs", "Dons")}[lang]
    expected = [
        f"{w[0]} {m(now.cash_cents)}", f"{w[1]} {m(now.volunteer_value_cents)}",
        f"{w[2]} {m(support)}", f"{w[3]} {hours(now.minutes, lang)}",
        f"{w[4]} {m(now.outstanding_cents)}", f"{w[5]} {number(now.givers, lang)}",
        f"{w[0]} {m(now.cash_cents)} {m(before.cash_cents)} "
        f"{change(now.cash_cents, before.cash_cents, lang)}",
        f"{w[2]} {m(support)} {m(old_support)} {change(support, old_support, lang)}",
        f"{w[6]} {number(now.gifts, lang)} {number(before.gifts, lang)} "
        f"{change(now.gifts, before.gifts, lang)}",
        f"Total {m(now.cash_cents)} {m(now.in_kind_cents)} {m(now.volunteer_value_cents)} "
        f"{m(support)}",
    ]
    if lang == "en":
        expected += ["October 1, 2025 – March 31, 2026", "Oct 2025", "Jan 2026",
                     "(April 1, 2025 – September 30, 2025)"]
    else:
        expected += ["1er octobre 2025 – 31 mars 2026", "oct. 2025", "janv. 2026"]
    if now.loans_cents:
        expected.append(m(now.loans_cents))
    for sector, (cash, kind, time) in book.by_sector(start, end, 1737).items():
        label = vocab.SECTORS.label(sector, lang)
        expected.append(f"{label} {m(cash)} {m(kind)} {m(time)} {m(cash + kind + time)}")
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)

    text = " ".join(render("impact", reports.impact_report(start, end), lang,
                           tmp_path / "impact.pdf"))
    rows = book.impact_by_sector(start, end, 1737)
    expected = [f"{w[2]} {m(support)}",
                f"Total {m(now.cash_cents)} {m(now.in_kind_cents)} "
                f"{m(now.volunteer_value_cents)} {m(support)} {number(now.givers, lang)}"]
    for sector, cash, kind, time, active in rows:
        expected.append(f"{vocab.SECTORS.label(sector, lang)} {m(cash)} {m(kind)} {m(time)} "
                        f"{m(cash + kind + time)} {number(active, lang)}")
    lever = round((now.in_kind_cents + now.volunteer_value_cents) * 100 / now.cash_cents)
    expected.append(m(lever))
    missing = [phrase for phrase in expected if phrase not in text]
    assert not missing, (missing, text)


@pytest.mark.parametrize("lang", LANGS)
def test_seeded_statement_directory_and_health_pdfs(seeded, tmp_path, lang):
    book = Book()
    start, end = PERIODS["six years"]
    pid = max(book.partners, key=lambda p: sum(g.partner_id == p for g in book.gifts))
    totals = book.totals(start, end, 1737, pid)
    text = " ".join(render("statement", reports.partner_statement(pid, start, end), lang,
                           tmp_path / "statement.pdf"))
    m = lambda cents: money(cents, lang)  # noqa: E731
    cash, to_come = ("Cash received", "Still to come") if lang == "en" else \
        ("Argent reçu", "À venir")
    assert f"{cash} {m(totals.cash_cents)}" in text
    assert f"{to_come} {m(totals.outstanding_cents)}" in text
    assert book.partners[pid].name in text

    entries = reports.partner_directory()
    pages = render("directory", entries, lang, tmp_path / "directory.pdf")
    assert len(pages) > 1  # long enough to go over pages, each with its footer
    text = " ".join(pages)
    assert all(entry.name in text for entry in entries)

    health = reports.partnership_health(TODAY)
    text = " ".join(render("health", health, lang, tmp_path / "health.pdf"))
    intro = (f"{len(health.rows)} active formal partners; {health.overdue} of them" if
             lang == "en" else
             f"{len(health.rows)} partenaires formels actifs; {health.overdue} d'entre eux")
    assert intro in text


# Empty periods and empty groups: a short, sound PDF that says so


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_period_says_nothing_was_recorded(world, tmp_path, lang):
    empty = (dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    summary = reports.contributions_summary(*empty)
    assert summary.totals == Totals() and summary.top_partners == [] and summary.by_kind == []
    assert [row[1:] for row in summary.by_month] == [(0, 0)] * 12
    for name, data in (("summary", summary), ("impact", reports.impact_report(*empty)),
                       ("statement", reports.partner_statement(world.ids["lefevre"], *empty))):
        path = tmp_path / f"{name}.pdf"
        pages = render(name, data, lang, path)
        assert NOTHING[lang] in pages[0], (name, pages[0])
        assert ("1er janvier 2010" if lang == "fr" else "January 1, 2010") in pages[0]
        assert len(pages) == 1, name  # a short page, no table of zeros
        assert "$" not in pages[0], pages[0]


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_group_gives_sound_reports(store, tmp_path, lang):
    profile.save_group_profile(GROUP)
    texts = {}
    for name, data in (("summary", reports.contributions_summary(*YEAR)),
                       ("impact", reports.impact_report(*YEAR)),
                       ("directory", reports.partner_directory()),
                       ("health", reports.partnership_health(TODAY))):
        path = tmp_path / f"{name}.pdf"
        texts[name] = render(name, data, lang, path)
        assert len(texts[name]) == 1
    assert NOTHING[lang] in texts["summary"][0]
    assert NOTHING[lang] in texts["impact"][0]
    assert ("There are no active partners yet." if lang == "en" else
            "Il n'y a pas encore de partenaire actif.") in texts["directory"][0]
    assert ("There are no formal partners yet." if lang == "en" else
            "Il n'y a pas encore de partenaire formel.") in texts["health"][0]


def test_pledges_alone_are_reported(store, tmp_path):
    profile.save_group_profile(GROUP)
    pid = save_org("Lions Club", "voluntary")
    give(pid, dt.date(2025, 6, 1), 50000, status="pledged")
    report = reports.contributions_summary(*YEAR)
    assert report.totals == Totals(pledged_cents=50000, outstanding_cents=50000)
    text = " ".join(render("summary", report, "en", tmp_path / "p.pdf"))
    assert NOTHING["en"] not in text
    assert "Pledged $500.00" in text and "Still to come $500.00" in text


def test_a_period_with_only_a_loan_still_reports_the_loan(store, tmp_path):
    """A loan is "listed by kind, and its total is given apart": a period whose only entry
    is a loan must not claim that nothing was recorded."""
    profile.save_group_profile(GROUP)
    pid = save_org("Credit Union of Sussex", "corporate")
    give(pid, dt.date(2025, 6, 1), 500000, kind="loan")
    report = reports.contributions_summary(*YEAR)
    assert report.totals == Totals(loans_cents=500000)
    assert report.by_kind == [("cash", "loan", 1, 500000, 0)]
    text = " ".join(render("summary", report, "en", tmp_path / "loan.pdf"))
    assert "Loans received ($5,000.00) are listed but not counted as support" in text
    assert "Loans (not counted as support) 1 $5,000.00" in text
    assert NOTHING["en"] not in text


@pytest.mark.parametrize("lang", LANGS)
def test_gifts_given_no_value_are_said_never_shown_as_zero(store, tmp_path, lang):
    """A lent basement and a use of the name, given no value: "1 gift, not valued", in every
    report, in both languages; never "$0.00" where a value would be."""
    profile.save_group_profile(GROUP)
    church = save_org("St. Andrew's Church", "voluntary", ptype="casual")
    lions = save_org("Lions Club", "voluntary")
    give(church, dt.date(2025, 3, 1), 0, family="in_kind", kind="facilities",
         description="The church basement")
    give(church, dt.date(2025, 4, 1), 0, family="in_kind", kind="name_use",
         description="Our name on the poster")
    give(lions, dt.date(2025, 5, 1), 25000, family="in_kind", kind="products",
         description="Hams")
    give(lions, dt.date(2025, 6, 1), 0, family="in_kind", kind="products",
         description="Buns")
    summary = reports.contributions_summary(*YEAR)
    assert summary.totals.unvalued_gifts == 3
    assert summary.unvalued_by_kind == {"facilities": 1, "name_use": 1, "products": 1}
    assert summary.unvalued_by_sector == {"voluntary": 3}
    assert list(zip([row[0] for row in summary.top_partners], summary.top_unvalued,
                    strict=True)) == [("Lions Club", 1), ("St. Andrew's Church", 2)]
    m = lambda cents: money(cents, lang)  # noqa: E731
    text = " ".join(render("summary", summary, lang, tmp_path / "s.pdf"))
    statement = " ".join(render("statement", reports.partner_statement(church, *YEAR), lang,
                                tmp_path / "st.pdf"))
    impact = " ".join(render("impact", reports.impact_report(*YEAR), lang,
                             tmp_path / "i.pdf"))
    if lang == "en":
        assert "Facilities 1 1 gift, not valued" in text
        assert f"Products 2 {m(25000)} + 1 not valued" in text
        assert f"St. Andrew's Church Voluntary {m(0)} 2 gifts, not valued {m(0)}" in text
        assert f"Gifts in kind (value) {m(25000)} + 3 not valued" in text
        assert "The church basement Received not valued" in statement
        assert "Gifts in kind (value) 2 gifts, not valued" in statement
        assert f"Voluntary {m(0)} {m(25000)} + 3 not valued" in impact
    else:
        assert "Locaux 1 1 don, non évalué" in text
        assert f"Produits 2 {m(25000)} + 1 non évalué" in text
        assert f"St. Andrew's Church Bénévole {m(0)} 2 dons, non évalués {m(0)}" in text
        assert "The church basement Reçu non évalué" in statement
        assert "Dons en nature (valeur) 2 dons, non évalués" in statement
    assert f"Facilities 1 {m(0)}" not in text and f"Locaux 1 {m(0)}" not in text


def test_a_chart_with_nothing_to_draw_does_not_repeat_zero_on_its_axis(world, tmp_path):
    """A year with pledges only still draws the summary's month chart: its axis must not
    read "$0 $0 $0 $0 $0 $0"."""
    pid = save_org("Lions Club", "voluntary")
    give(pid, dt.date(2010, 6, 1), 50000, status="pledged")
    empty = (dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    for name, data in (("summary", reports.contributions_summary(*empty)),
                       ("impact", reports.impact_report(*empty))):
        text = " ".join(render(name, data, "en", tmp_path / f"{name}.pdf"))
        assert "$0 $0 $0" not in text, (name, text)


# Periods across the fiscal year's end


@pytest.mark.parametrize("start, end, before", [
    ((2025, 10, 1), (2026, 3, 31), ((2025, 4, 1), (2025, 9, 30))),
    ((2026, 1, 1), (2026, 6, 30), ((2025, 7, 1), (2025, 12, 31))),
])
def test_periods_across_the_fiscal_year_end(store, start, end, before):
    profile.save_group_profile({**GROUP, "fiscal_year_start_month": 4})
    profile.save_settings({reports.HOURLY_RATE_KEY: 2000})
    assert profile.fiscal_year_start_month() == 4
    pid = save_org("Lions Club", "voluntary")
    other = save_org("Town of Sussex", "government")
    amounts = {}
    day = dt.date(2025, 3, 15)
    n = 0
    while day <= dt.date(2026, 7, 15):  # one gift on the 15th and one on the last day
        n += 1
        give(pid, day, 1000 * n)
        last = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(1)
        give(other, last, 0, family="in_kind", kind="service", hours="1:30")
        amounts[day.replace(day=1)] = 1000 * n
        day = (last + dt.timedelta(days=1)).replace(day=15)
    start, end = dt.date(*start), dt.date(*end)
    report = reports.contributions_summary(start, end)
    months = [m for m in amounts if start <= m <= end]
    assert len(months) == 6
    assert report.by_month == [(m, amounts[m], 0) for m in months]
    assert report.totals == Totals(cash_cents=sum(amounts[m] for m in months), minutes=540,
                                   volunteer_value_cents=18000, gifts=12, givers=2)
    before = dt.date(*before[0]), dt.date(*before[1])
    assert (report.previous_start, report.previous_end) == before
    assert report.previous.cash_cents == sum(a for m, a in amounts.items()
                                             if before[0] <= m <= before[1])
    assert report.previous == Book().totals(*before, 2000)
    assert {s: tuple(v) for s, *v in report.by_sector} == {
        "voluntary": (report.totals.cash_cents, 0, 0), "government": (0, 0, 18000)}


# Writing whole or not at all


def test_a_report_into_a_missing_folder_leaves_nothing(world, tmp_path):
    target = tmp_path / "missing" / "summary.pdf"
    with pytest.raises(OSError):
        write_report("summary", reports.contributions_summary(*YEAR), letters.letterhead(),
                     "en", target, TODAY)
    assert not target.parent.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_report_over_a_folder_fails_and_leaves_no_partial_file(world, tmp_path):
    target = tmp_path / "out" / "report.pdf"
    target.mkdir(parents=True)
    (target / "keep.txt").write_text("mine")
    with pytest.raises(OSError):
        write_report("directory", reports.partner_directory(), letters.letterhead(), "en",
                     target, TODAY)
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.pdf"]
    assert (target / "keep.txt").read_text() == "mine"


def test_a_report_replaces_an_older_file_whole(world, tmp_path):
    target = tmp_path / "summary.pdf"
    target.write_bytes(b"an older report")
    pages = write_report("summary", reports.contributions_summary(*YEAR), letters.letterhead(),
                         "en", target, TODAY)
    assert len(PdfReader(target).pages) == pages
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "summary.pdf"]
