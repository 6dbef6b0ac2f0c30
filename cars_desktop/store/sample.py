"""A realistic Canadian sample of partners, contact people, contributions and a communication
log, in English and French and in every sector: for trying the app and for benchmarks."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from cars_desktop.core.names import partner_sort_name
from cars_desktop.core.text import fold, sort_key
from cars_desktop.core.validation import POSTAL_LETTERS
from cars_desktop.core.vocab import CASH_KINDS, IN_KIND_KINDS, PAYMENT_METHODS
from cars_desktop.store.database import transaction
from cars_desktop.store.models import (
    db,
    new_uuid,
    search_text,
    utc_now,
)

TOWNS = [  # (town, province, area code, language)
    ("Bouctouche", "NB", "506", "fr"), ("Sussex", "NB", "506", "en"),
    ("Caraquet", "NB", "506", "fr"), ("Antigonish", "NS", "902", "en"),
    ("Chéticamp", "NS", "902", "fr"), ("Souris", "PE", "902", "en"),
    ("Bonavista", "NL", "709", "en"), ("Rimouski", "QC", "418", "fr"),
    ("Baie-Saint-Paul", "QC", "418", "fr"), ("Amqui", "QC", "418", "fr"),
    ("Val-d'Or", "QC", "819", "fr"), ("Hawkesbury", "ON", "613", "fr"),
    ("Hearst", "ON", "705", "fr"), ("Kenora", "ON", "807", "en"),
    ("Perth", "ON", "613", "en"), ("Gimli", "MB", "204", "en"),
    ("Saint-Pierre-Jolys", "MB", "204", "fr"), ("Gravelbourg", "SK", "306", "fr"),
    ("Humboldt", "SK", "306", "en"), ("Drumheller", "AB", "403", "en"),
    ("Saint-Paul", "AB", "780", "fr"), ("Nelson", "BC", "250", "en"),
    ("Smithers", "BC", "250", "en"), ("Dawson City", "YT", "867", "en"),
    ("Inuvik", "NT", "867", "en"), ("Iqaluit", "NU", "867", "en"),
]
FIRST_EN = ["Mary", "John", "Sarah", "David", "Emily", "Robert", "Heather", "Ian", "Karen",
            "Michael", "Jennifer", "Doug", "Tanya", "Brian", "Linda", "Kevin", "Angus", "Fiona"]
FIRST_FR = ["Marie-Hélène", "Jean-François", "Geneviève", "André", "Chloé", "Émile", "Josée",
            "François", "Hélène", "Léo", "Céline", "René", "Noémie", "Stéphane", "Aurélie"]
LAST_EN = ["Smith", "MacDonald", "Campbell", "O'Brien", "Wilson", "Fraser", "Murphy", "Young",
           "Thompson", "MacLeod", "Stewart", "Walsh", "Reid", "Sinclair", "Whitehorse"]
LAST_FR = ["Lefèvre", "Côté", "Gagné", "Bélanger", "Thériault", "Leblanc", "Arsenault",
           "Boudreau", "Brûlé", "Pelletier", "Després", "Tremblay", "Léger", "Cormier", "Roy"]
STREETS_EN = ["Main Street", "Church Road", "King Street", "Water Street", "Mill Road"]
STREETS_FR = ["rue Principale", "chemin de l'Église", "boulevard Saint-Pierre", "rue du Moulin"]

ORGANISATIONS = {  # sector -> (English pattern, French pattern, formal share)
    "voluntary": [("{town} Lions Club", "Club Lions de {town}"),
                  ("{town} Rotary Club", "Club Rotary de {town}"),
                  ("St. Andrew's United Church, {town}", "Paroisse Saint-Jean-Baptiste de {town}"),
                  ("{town} Volunteer Fire Department", "Service d'incendie volontaire de {town}"),
                  ("Royal Canadian Legion Branch {n}", "Chevaliers de Colomb, conseil {n}")],
    "government": [("Town of {town}", "Municipalité de {town}"),
                   ("{province} Department of Social Development",
                    "Ministère du Développement social ({province})"),
                   ("Service Canada, {town} office", "Service Canada, bureau de {town}")],
    "corporate": [("{last} Hardware", "Quincaillerie {last}"),
                  ("{town} Co-op", "Coop de {town}"),
                  ("{last} & Sons Trucking", "Transport {last} et fils"),
                  ("Credit Union of {town}", "Caisse populaire de {town}"),
                  ("{town} Pharmacy", "Pharmacie {last}")],
    "community": [("{town} Home and School Association", "Comité de parents de {town}"),
                  ("{town} Youth Council", "Conseil jeunesse de {town}"),
                  ("{town} Community Radio", "Radio communautaire de {town}")],
    "public": [("{town} Regional Hospital", "Hôpital régional de {town}"),
               ("{town} Public Library", "Bibliothèque publique de {town}"),
               ("Community College, {town} campus", "Collège communautaire, campus de {town}"),
               ("Dr. {last}, family dentist", "Clinique dentaire {last}")],
}
PURPOSES = [  # (English, French)
    ("Breakfast program", "programme de déjeuners"), ("Summer day camp", "camp de jour"),
    ("Food bank", "banque alimentaire"), ("Winter coat drive", "collecte de manteaux"),
    ("Drop-in centre rent", "loyer du centre"), ("Parenting workshop", "atelier parental"),
    ("Neighbourhood party", "fête de quartier"), ("Annual gala", "gala annuel")]
GIFTS_IN_KIND = {  # (English, French)
    "products": [("12 turkeys for the community dinner", "12 dindes pour le souper communautaire"),
                 ("40 winter coats", "40 manteaux d'hiver"), ("a chest freezer", "un congélateur"),
                 ("school supplies for 60 children", "des fournitures scolaires pour 60 enfants"),
                 ("two laptops", "deux ordinateurs portables")],
    "service": [("snow clearing of the centre's lot", "le déneigement du stationnement"),
                ("repairs to the kitchen plumbing", "la réparation de la plomberie de la cuisine"),
                ("printing of the spring newsletter", "l'impression du bulletin du printemps")],
    "facilities": [("the church hall for the annual general meeting",
                    "la salle paroissiale pour l'assemblée générale annuelle"),
                   ("storage space for the food bank", "un entrepôt pour la banque alimentaire")],
    "volunteer_program": [("a team of eight staff at the fall food drive",
                           "une équipe de huit employés à la collecte d'automne"),
                          ("staff volunteers for the breakfast program",
                           "des employés bénévoles pour le programme de déjeuners")],
    "advice": [("bookkeeping advice for our year-end", "des conseils comptables pour notre "
                "fin d'année"), ("legal advice on our bylaws",
                                 "des conseils juridiques sur nos règlements")],
    "bulk_ordering": [("bulk ordering of groceries at cost",
                       "l'achat groupé d'épicerie au prix coûtant")],
    "name_use": [("the use of your name on our campaign poster",
                  "l'utilisation de votre nom sur notre affiche de campagne")],
}


def _postal(rng: random.Random, province: str) -> str:
    letters = "ABCEGHJKLMNPRSTVWXYZ"
    return (f"{rng.choice(POSTAL_LETTERS[province])}{rng.randint(0, 9)}{rng.choice(letters)} "
            f"{rng.randint(0, 9)}{rng.choice(letters)}{rng.randint(0, 9)}")


def _phone(rng: random.Random, area: str) -> str:
    return f"({area}) 555-{rng.randint(100, 9999):04d}"


def _names_of(kind: str, name: str, first: str, last: str) -> dict[str, str]:
    """A person's first and last names, and the sort name they give (by the last name)."""
    first, last = (first, last) if kind == "person" else ("", "")
    return {"first_name": first, "last_name": last,
            "sort_name": partner_sort_name(kind, name, first, last)}


def _person(rng: random.Random, lang: str) -> tuple[str, str]:
    first = rng.choice(FIRST_FR if lang == "fr" else FIRST_EN)
    last = rng.choice(LAST_FR if lang == "fr" else LAST_EN)
    return first, last


def _bare(text: str) -> str:
    """Letters only: what an email address or a web domain is made of."""
    return "".join(ch for ch in fold(text) if ch.isalnum())


def _email(first: str, last: str, domain: str) -> str:
    return f"{_bare(first)[:1]}{_bare(last)}@{domain}"


def _dates(rng: random.Random, today: dt.date, years: int) -> Iterator[dt.date]:
    while True:
        yield today - dt.timedelta(days=rng.randint(0, 365 * years))


def fill_sample(partners: int = 200, contributions: int = 1000, seed: int = 1,
                today: dt.date | None = None) -> tuple[int, int]:
    """Write the sample into the open database, which must have no partners yet (the sample
    never mixes with a group's real data), in one transaction. Returns how many partners and
    contributions were written (contributions need partners to come from). The sample is not
    written down in the history, so it never travels to the group's other laptops."""
    if db.execute_sql("SELECT COUNT(*) FROM partner").fetchone()[0]:
        raise ValueError("This data folder already has partners. Sample data only goes into an "
                         "empty data folder: choose another one with --data-dir.")
    rng = random.Random(seed)
    today = today or dt.date.today()
    now = utc_now()
    conn = db.connection()
    partner_rows, contact_rows, interaction_rows, ack_rows = [], [], [], []
    contact_of: dict[int, int] = {}
    next_contact = 1
    start_id = 1
    sectors = list(ORGANISATIONS)
    dates = _dates(rng, today, 6)
    for pid in range(start_id, start_id + partners):
        town, province, area, lang = rng.choice(TOWNS)
        sector = sectors[pid % len(sectors)]
        first, last = _person(rng, lang)
        if rng.random() < 0.2:
            kind, name = "person", f"{first} {last}"
            contacts = []
        else:
            kind = "organisation"
            pattern = rng.choice(ORGANISATIONS[sector])[1 if lang == "fr" else 0]
            name = pattern.format(town=town, province=province, last=last,
                                  n=rng.randint(1, 300))
            contacts = [_person(rng, lang) for _unused in range(rng.choice((1, 1, 1, 2, 3)))]
        formal = rng.random() < 0.3
        status = rng.choices(["active", "prospect", "lapsed", "archived"], [70, 10, 15, 5])[0]
        domain = f"{_bare(town)}.ca"
        # an organisation's own address: two of a town share none, as in life
        email = _email(first, last, domain) if kind == "person" else \
            f"info@{_bare(name)[:30]}.ca"
        phone = _phone(rng, area)
        street = rng.choice(STREETS_FR if lang == "fr" else STREETS_EN)
        since = next(dates)
        people_rows = []
        for position, (cf, cl) in enumerate(contacts):
            people_rows.append({
                "id": next_contact, "uuid": new_uuid(), "created_at": now, "updated_at": now,
                "partner_id": pid, "name": f"{cf} {cl}", "sort_name": sort_key(f"{cf} {cl}"),
                "role": rng.choice(["Manager", "Treasurer", "Président(e)", "Coordinator",
                                    "Owner"]),
                "phone": _phone(rng, area), "email": _email(cf, cl, domain),
                "salutation": ("Bonjour" if lang == "fr" else "Dear") + f" {cf}",
                "is_primary": int(position == 0), "position": position})
            contact_of.setdefault(pid, next_contact)
            next_contact += 1
        contact_rows.extend(people_rows)
        partner_rows.append({
            "id": pid, "uuid": new_uuid(), "created_at": now, "updated_at": now, "kind": kind,
            "name": name, **_names_of(kind, name, first, last),
            "search_text": search_text(name, town, email, phone,
                                       *(c[f] for c in people_rows
                                         for f in ("name", "email", "phone"))),
            "sector": sector, "partnership_type": "formal" if formal else "casual",
            "status": status, "status_before_archive": "active" if status == "archived" else "",
            "shared_goal": "Healthy families in our community" if formal else "",
            "strengths": "", "address_line1": f"{rng.randint(1, 999)} {street}",
            "address_line2": "", "city": town, "province": province,
            "postal_code": _postal(rng, province), "country": "Canada", "phone": phone,
            "email": email, "website": "", "language": lang, "notes": "",
            "partner_since": since.isoformat(), "erased_at": None})
        for _visit in range(rng.randint(0, 3)):
            interaction_rows.append((
                new_uuid(), now, now, pid, next(dates).isoformat(),
                rng.choice(["meeting", "call", "email", "visit", "event", "letter"]),
                f"{first} {last}", "Talked about the next season's needs.", None))

    # Reviews of the formal partnerships: some up to date, some overdue, some practices
    # needing attention, as a group's history would have.
    practice_ids = [row[0] for row in conn.execute(
        "SELECT id FROM checklist_practice WHERE retired_at IS NULL ORDER BY position")]
    review_rows, item_rows = [], []
    notes = ["Slow to return calls", "Decisions made without them", "Thank-you letter late",
             "Goal needs restating"]
    for row in partner_rows:
        if row["partnership_type"] != "formal" or not practice_ids:
            continue
        for back in sorted(rng.sample(range(1, 30), rng.randint(0, 3)), reverse=True):
            day = today - dt.timedelta(days=back * 30 + rng.randint(0, 20))
            review_id = len(review_rows) + 1
            review_rows.append({
                "id": review_id, "uuid": new_uuid(), "created_at": now, "updated_at": now,
                "partner_id": row["id"], "date": day,
                "next_due": day + dt.timedelta(days=182), "reviewer": "Coordinator",
                "notes": ""})
            for practice in practice_ids:
                mark = rng.choices(["done", "attention", "na"], [80, 10, 10])[0]
                item_rows.append({
                    "uuid": new_uuid(), "created_at": now, "updated_at": now,
                    "review_id": review_id, "practice_id": practice, "mark": mark,
                    "note": rng.choice(notes) if mark == "attention" else ""})

    names = {row["id"]: row["name"] for row in partner_rows}
    sort_of = {row["id"]: row["sort_name"] for row in partner_rows}
    language_of = {row["id"]: row["language"] for row in partner_rows}
    people = [row["id"] for row in partner_rows if row["kind"] == "person"] or list(names)
    pids = list(names)
    contrib_rows: list[dict] = []

    def add(pid: int, **values) -> dict:
        row = {"id": len(contrib_rows) + 1, "uuid": new_uuid(), "created_at": now,
               "updated_at": now, "partner_id": pid, "contact_id": contact_of.get(pid),
               "credited_partner_id": None, "pledge_id": None, "outstanding_cents": 0,
               "valued_by": "", "description": "", "minutes": 0, "date_expected": None,
               "payment_method": "", "reference": "", "advantage_cents": 0,
               "advantage_description": "", "appraised": 0, "appraiser": "", "notes": "",
               "thanked_on": None,
               "partner_sort": sort_of[pid], **values}
        row["search_text"] = search_text(names[pid], row["description"], row["purpose"],
                                         row["notes"], row["reference"])
        if row["status"] == "received" and (today - row["date"]).days > 30 and \
                rng.random() < 0.8:
            thanked = row["date"] + dt.timedelta(days=rng.randint(2, 20))
            row["thanked_on"] = thanked
            ack_rows.append((new_uuid(), now, now, row["id"], thanked.isoformat(),
                             rng.choice(["letter", "call", "in_person", "public"]), "", ""))
        contrib_rows.append(row)
        return row

    while pids and len(contrib_rows) < contributions:
        # a few generous partners give often, as in life
        pid = pids[int(rng.paretovariate(1.2) * 7 + len(contrib_rows)) % len(pids)]
        in_kind = rng.random() < 0.35
        kind = rng.choice(IN_KIND_KINDS.codes() if in_kind else CASH_KINDS.codes())
        status = rng.choices(["received", "pledged", "cancelled"], [82, 14, 4])[0]
        day = next(dates) if len(contrib_rows) % 10 else \
            today - dt.timedelta(days=rng.randint(0, 300))
        amount = rng.choice([2500, 5000, 10000, 15000, 25000, 50000, 100000, 250000]) + \
            rng.randint(0, 99) * 100
        english, french = rng.choice(PURPOSES)
        purpose = french if language_of[pid] == "fr" else english
        values = {"family": "in_kind" if in_kind else "cash", "kind": kind, "status": status,
                  "amount_cents": amount, "date": day, "purpose": purpose}
        if in_kind:
            values["valued_by"] = rng.choice(["Coordinator", "Partner's invoice", "Board"])
            english, french = rng.choice(GIFTS_IN_KIND[kind])
            values["description"] = french if language_of[pid] == "fr" else english
            values["appraised"] = int(kind == "products" and amount > 100_000
                                      and rng.random() < 0.5)
            if values["appraised"]:
                values["appraiser"] = "Hilltop Appraisals, 12 Mill Road, Sackville NB E4L 1B2"
            if kind in ("service", "volunteer_program"):
                values["minutes"] = rng.randint(2, 40) * 60
                if kind == "volunteer_program" and status == "received" and rng.random() < 0.6:
                    values["amount_cents"] = 0  # time alone: valued at the group's hourly rate
        elif status == "received":
            values["payment_method"] = rng.choice(PAYMENT_METHODS.codes())
            if values["payment_method"] in ("cheque", "etransfer", "online"):  # a number
                values["reference"] = str(100 + len(contrib_rows)) \
                    if values["payment_method"] == "cheque" else f"TX{len(contrib_rows):06d}"
        if kind == "matching":
            values["credited_partner_id"] = rng.choice(people)
        if english == "Annual gala" and kind == "one_time":
            values["advantage_cents"] = amount * 3 // 10
            values["advantage_description"] = "Gala dinner ticket"
        if status == "pledged":
            values["date_expected"] = day + dt.timedelta(days=rng.randint(30, 180))
        pledge = add(pid, **values)
        if status == "pledged":
            pledge["outstanding_cents"] = amount
            for _extra in range(rng.choice((0, 1, 1, 2))):
                if len(contrib_rows) >= contributions or pledge["outstanding_cents"] == 0:
                    break
                part = min(pledge["outstanding_cents"], amount // rng.choice((1, 2)))
                paid_on = min(today, day + dt.timedelta(days=rng.randint(10, 200)))
                add(pid, family=values["family"], kind=kind, status="received",
                    description=values.get("description", ""),
                    amount_cents=part, date=paid_on, purpose=purpose, pledge_id=pledge["id"],
                    payment_method="" if in_kind else "cheque")
                pledge["outstanding_cents"] -= part

    with transaction():
        # a demonstration, not the group's data: not written down, never shared
        conn.execute("UPDATE sync_local SET value = '1' WHERE key = 'applying'")
        _sample_profile()
        # The cursor's executemany is several times faster than Peewee's insert_many here.
        _insert(conn, "partner", partner_rows)
        _insert(conn, "contact_person", contact_rows)
        _insert(conn, "review", review_rows)
        _insert(conn, "review_item", item_rows)
        conn.executemany(
            "INSERT INTO interaction (uuid, created_at, updated_at, partner_id, date, kind, who,"
            " summary, follow_up) VALUES (?,?,?,?,?,?,?,?,?)", interaction_rows)
        _insert(conn, "contribution", contrib_rows)
        conn.executemany(
            "INSERT INTO acknowledgement (uuid, created_at, updated_at, contribution_id, date,"
            " method, by, note) VALUES (?,?,?,?,?,?,?,?)", ack_rows)
        _sample_funds(conn, today)
        conn.execute("UPDATE sync_local SET value = '0' WHERE key = 'applying'")
    return len(partner_rows), len(contrib_rows)


def _sample_funds(conn, today: dt.date) -> None:
    """A campaign with a goal that this year's gifts are half-way to, and two funds that
    gifts for those purposes go to."""
    now = utc_now()
    for name, goal, ends, purposes in (
            (f"Hall roof {today.year}", 2_500_000, dt.date(today.year, 12, 31), ()),
            (f"Summer day camp {today.year}", 4_000_000, dt.date(today.year, 8, 31),
             ("Summer day camp", "camp de jour")),
            ("Food bank", 0, None, ("Food bank", "banque alimentaire"))):
        fund_id = conn.execute(
            "INSERT INTO fund (uuid, created_at, updated_at, name, goal_cents, ends_on, closed,"
            " notes) VALUES (?,?,?,?,?,?,0,'')",
            (new_uuid(), now, now, name, goal, ends and ends.isoformat())).lastrowid
        year_start = dt.date(today.year, 1, 1).isoformat()
        if purposes:  # a campaign's gifts are this year's; a fund's, every year's
            conn.execute("UPDATE contribution SET fund_id = ? WHERE purpose IN (?, ?)"
                         " AND (? IS NULL OR date >= ?)",
                         (fund_id, *purposes, ends and year_start, year_start))
        else:  # one cash gift in ten of this year
            conn.execute("UPDATE contribution SET fund_id = ? WHERE family = 'cash' AND"
                         " date >= ? AND id % 10 = 0 AND fund_id IS NULL",
                         (fund_id, year_start))



def _sample_profile() -> None:
    """A made-up group, so that letters and receipts can be tried at once (the signature is a
    made-up scribble); a real profile is kept."""
    from cars_desktop.resource_files import resource_path
    from cars_desktop.store import settings
    from cars_desktop.store.profile import group_profile

    profile = group_profile()
    if profile.name:
        return
    for name, value in dict(
            name="Riverbend Community Food Centre", address_line1="412 Main Street",
            address_line2="PO Box 58", city="Riverbend", province="MB", postal_code="R0G 1A0",
            phone="204-555-0142", email="hello@riverbendfood.ca", website="riverbendfood.ca",
            signatory_name="Anne Courchesne", signatory_title="Chair of the Board",
            charity_number="123456789 RR 0001",
            logo=resource_path("sample-logo.png").read_bytes(),
            signature=resource_path("sample-signature.png").read_bytes()).items():
        setattr(profile, name, value)
    profile.save()
    # a registered charity that issues its receipts here: they can be tried at once
    settings.save({settings.SETUP: "done", settings.NOT_A_RECEIPT: True,
                   settings.RECEIPTS_ON: True,
                   settings.TITLE_FR: "Présidente du conseil d'administration"})


def _insert(conn, table: str, rows: list[dict]) -> None:
    if rows:
        columns = list(rows[0])
        conn.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})",
            [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()}
             for row in rows])
