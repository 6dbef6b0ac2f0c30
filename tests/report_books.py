"""The reports' test group and the arithmetic the tests check the reports against: a small
group worked out by hand (`build_world`), seeded random samples (`fill`), and `Book`, plain
Python sums over the Contribution rows (never the same SQL as `store.reports`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from pypdf import PdfReader

from cars_desktop.core import vocab
from cars_desktop.core.periods import fiscal_year
from cars_desktop.documents.reports import write_report
from cars_desktop.store import (
    contributions,
    letters,
    maintenance,
    partners,
    profile,
    settings,
)
from cars_desktop.store import sample as sample_data
from cars_desktop.store.maintenance import Mark
from cars_desktop.store.models import (
    ChecklistPractice,
    Contribution,
    Partner,
)
from cars_desktop.store.reports import (
    Totals,
)
from helpers import norm

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
    "recognition": ("Recognition list", "Liste de reconnaissance"),
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


def build_world() -> World:
    """A small group whose every sum was worked out on paper (see the expected values in
    the tests): all kinds of partners and statuses, a loan, a pledge and its payment, a
    cancelled gift, time with and without a value of its own, gifts on the period's first and
    last days and just outside them, an archived and an erased partner, reviews."""
    profile.save_group_profile({**GROUP, "registered_charity": True,
                                "charity_number": "123456789RR0001"})
    settings.save({settings.HOURLY_RATE: RATE})
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
    settings.save({settings.HOURLY_RATE: 1737})
    ids = [p.id for p in Partner.select(Partner.id).order_by(Partner.id).limit(12)]
    for n, pid in enumerate(ids):
        day = dt.date(2025, 1 + n, 13) if n < 12 else dt.date(2026, 1, 5)
        give(pid, day, 0, family="in_kind", kind="volunteer_program",
             hours=f"{n}:{(7 * n + 5) % 60:02d}")
        give(pid, day + dt.timedelta(days=300), 0, family="in_kind", kind="service",
             hours=f"0:{11 + n}")


