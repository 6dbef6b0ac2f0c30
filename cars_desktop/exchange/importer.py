"""Importing partners and gifts from a file: first a plan that says what will happen to every
row (nothing is written), then, once the volunteer confirms, one transaction after a backup,
kept as a batch that can be undone.

What it promises: a blank cell never overwrites what the app has; a partner already known
(same ID, same email, or the same name ignoring accents and case) is matched, and a name that
is only close is offered, never merged silently; a gift already in the data (same reference,
or same partner, date and amount) is skipped, so importing a file twice adds nothing.

Planning is here and writes nothing; `store.import_writer` writes what was planned.
Dates are read by `exchange.dates`."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from cars_desktop.core import vocab
from cars_desktop.core.money import MoneyError, parse_money
from cars_desktop.core.text import clean, fold, fold_for_match
from cars_desktop.exchange.cells import restore
from cars_desktop.exchange.dates import SLASHED, date_order_of, parse_date
from cars_desktop.exchange.formats import (
    FIELDS,
    Format,
    find_header,
    language_of,
    mapping_for,
    payment_method_of,
    recognise,
)
from cars_desktop.exchange.reader import Table, read_table
from cars_desktop.i18n import N_, _
from cars_desktop.store import settings
from cars_desktop.store.import_writer import (  # noqa: F401 (batches, undo_batch: used from here)
    GiftToWrite,
    ImportProblem,
    batches,
    undo_batch,
    write_import,
)
from cars_desktop.store.models import db
from cars_desktop.store.profile import group_profile

NEW, MATCHED, NEAR, DUPLICATE, ERROR, SKIPPED = (
    "new", "matched", "near", "duplicate", "error", "skipped")
ACTIONS = {
    NEW: N_("New partner and gift"), MATCHED: N_("Gift from a known partner"),
    NEAR: N_("Gift: is this a known partner?"), DUPLICATE: N_("Already in the data: skipped"),
    ERROR: N_("Not imported"), SKIPPED: N_("Skipped by you"),
}


@dataclass
class PlanRow:
    line: int
    action: str
    partner_name: str = ""
    partner_id: int | None = None  # a known partner it goes to
    near_id: int | None = None  # a known partner with a close name, offered
    near_name: str = ""
    date: dt.date | None = None
    amount_cents: int = 0
    reference: str = ""
    why: str = ""
    values: dict = field(default_factory=dict)  # what the row says, by field

    @property
    def writes(self) -> bool:
        return self.action in (NEW, MATCHED, NEAR)


@dataclass
class Plan:
    file_name: str
    table: Table
    mapping: list[str]
    file_format: Format | None
    date_order: str  # "ymd", "dmy" or "mdy"
    rows: list[PlanRow] = field(default_factory=list)
    needs_date_order: bool = False  # dates like 03/04/2026: ask once for the file

    def counts(self) -> dict[str, int]:
        found = dict.fromkeys(ACTIONS, 0)
        for row in self.rows:
            found[row.action] += 1
        return found

    @property
    def format_name(self) -> str:
        return _(self.file_format.name if self.file_format else
                 "Spreadsheet (columns as chosen)")


# Reading and planning


def open_file(path: str | Path, encoding: str | None = None, sheet: str | None = None
              ) -> tuple[Table, Format | None, list[str]]:
    table = read_table(path, encoding, sheet, header_finder=find_header)
    known = recognise(table.headers)
    remembered = _remembered_mapping(table.headers) if known is None else None
    return table, known, remembered or mapping_for(table.headers, known)


def _mapping_key(headers: list[str]) -> settings.Setting:
    return settings.IMPORT_MAPPING.of("|".join(fold(h) for h in headers)[:400])


def _remembered_mapping(headers: list[str]) -> list[str] | None:
    saved = settings.get(_mapping_key(headers))
    try:
        mapping = json.loads(saved) if saved else None
    except ValueError:
        return None
    if isinstance(mapping, list) and len(mapping) == len(headers) and \
            all(item in FIELDS for item in mapping):
        return mapping
    return None


def remember_mapping(headers: list[str], mapping: list[str]) -> None:
    settings.save({_mapping_key(headers): json.dumps(mapping)})


def make_plan(table: Table, mapping: list[str], known: Format | None, file_name: str,
              date_order: str | None = None, today: dt.date | None = None) -> Plan:
    """What would happen to every row; nothing is written."""
    today = today or dt.date.today()
    plan = Plan(file_name, table, mapping, known, date_order or "ymd")
    column = {target: number for number, target in enumerate(mapping) if target}
    for needed, words in (("date", _("a date")), ("amount", _("an amount"))):
        if needed not in column:
            raise ImportProblem(_("No column is imported as {field}: choose which column "
                                  "holds {words}.").format(field=_(FIELDS[needed]).lower(),
                                                            words=words))
    if not {"partner_name", "first_name", "last_name", "company", "partner_uuid"} & \
            set(column):
        raise ImportProblem(_("No column says who gave: choose the column with the partner's "
                            "name (or the first and last names)."))
    dates = [row[column["date"]] for row in table.rows]
    if date_order is None:
        found = date_order_of(dates)
        plan.date_order = found or "ymd"
        plan.needs_date_order = found is None and any(SLASHED.match(d.strip()) for d in dates)
    lookup = _Partners()
    seen_refs: dict[str, int] = {}  # -> its first line
    seen_gifts: dict[tuple, int] = {}
    first_line: dict[str, int] = {}  # a new partner's first row
    existing_refs = {row[0] for row in db.execute_sql(
        "SELECT reference FROM contribution WHERE reference != ''")}
    existing_ids = {row[0] for row in db.execute_sql("SELECT uuid FROM contribution")}
    own = known is not None and known.code == "cars"
    for cells, line in zip(table.rows, table.lines, strict=True):
        # the app's own export wrote cells that looked like formulas with an apostrophe
        values = {target: restore(cells[number]) if own else cells[number]
                  for target, number in column.items()}
        row = PlanRow(line, NEW, values=values)
        plan.rows.append(row)
        if any(cell.strip() for cell in cells[len(table.headers):]):
            row.action = ERROR
            row.why = (_("this row has more cells than there are columns: is there a comma "
                       "inside an amount or a name? (write 1234.56, or put it in quotes)"))
            continue
        try:
            _read_row(row, values, known, plan.date_order, today)
        except (ValueError, OverflowError) as err:
            row.action, row.why = ERROR, str(err)
            continue
        if row.action == SKIPPED:
            continue
        lookup.match(row)
        if row.action == ERROR:
            continue
        who = row.partner_id or fold_for_match(row.partner_name)
        # a platform's transaction ID is unique everywhere; a cheque number only per partner
        reference = row.reference if known is not None else (
            f"{who}|{row.reference}" if row.reference else "")
        key = (who, row.date, row.amount_cents)
        if values.get("uuid") and values["uuid"] in existing_ids:
            row.action, row.why = DUPLICATE, _("this very contribution is already there")
        elif reference and reference in seen_refs:
            row.action = DUPLICATE
            row.why = _("reference {reference} twice in the file: same as line {line}").format(
                reference=row.reference, line=seen_refs[reference])
        elif reference and (row.reference in existing_refs if known is not None else
                            row.partner_id and lookup.has_reference(row.partner_id,
                                                                    row.reference)):
            row.action = DUPLICATE
            row.why = _("reference {reference} is already there").format(reference=row.reference)
        elif values.get("uuid") or row.reference:
            pass  # its own ID or reference tells it apart, even from a gift just like it
        elif key in seen_gifts:
            row.action = DUPLICATE
            row.why = _("same partner, date and amount as line {line}").format(
                line=seen_gifts[key])
        elif row.partner_id and lookup.has_gift(*key):
            row.action, row.why = DUPLICATE, _("same partner, date and amount already there")
        elif row.near_id and lookup.has_gift(row.near_id, row.date, row.amount_cents):
            row.action = DUPLICATE
            row.why = _("already there as a gift of “{name}” (same date and amount)").format(
                name=row.near_name)
        if row.action == NEW:
            folded = new_partner_key(row)
            if folded in first_line:
                row.why = _("the same new partner as line {value}").format(value=first_line[folded])
            else:
                first_line[folded] = row.line
        if reference:
            seen_refs.setdefault(reference, row.line)
        seen_gifts.setdefault(key, row.line)
    return plan


def new_partner_key(row: PlanRow) -> str:
    """Rows that make one new partner: the same Partner ID, else the same folded name."""
    return row.values.get("partner_uuid") or fold_for_match(row.partner_name)


_ANONYMOUS = ("not shared by donor", "anonymous", "anonyme", "not shared", "anonymous donor",
              "donateur anonyme")
ANONYMOUS_DONORS = "Anonymous donors"
_IN_KIND = ("gift in kind", "in kind", "don en nature", "en nature")
# words that make a name an organisation's, in English and French
_ORGANISATION = re.compile(
    r"\b(inc|ltd|ltee|limited|corp|co-?op|coop|cooperative|club|society|societe|association|"
    r"church|eglise|paroisse|parish|town|village|city|municipalite|ville|county|comte|school|"
    r"ecole|college|foundation|fondation|caisse|bank|banque|credit union|legion|branch|"
    r"hardware|quincaillerie|epicerie|ferme|farm|pharmacy|pharmacie|store|magasin|centre|"
    r"center|council|conseil|ministry|ministere|department|service|services|group|groupe|"
    r"& sons|et fils|enterprises|entreprises)\b")


def _read_row(row: PlanRow, values: dict, known: Format | None, order: str,
              today: dt.date) -> None:
    status = fold(values.get("status", ""))
    if known and known.completed and status and status not in known.completed:
        row.action = SKIPPED
        row.why = _("its status is “{status}”, not completed").format(status=values["status"])
        return
    currency = values.get("currency", "").upper()
    if currency and currency not in ("CAD", "$", "CA$", "C$"):
        raise ValueError(_("the amount is in {currency}: only Canadian dollars are imported"
                           ).format(currency=currency))
    for name, understood, choices in (
            ("language", language_of, _("English or French")),
            ("payment_method", payment_method_of,
             _("cash, cheque, e-transfer, card or online platform"))):
        text = clean(values.get(name, ""))
        if text:
            code = understood(text)
            if code is None:
                raise ValueError(_("“{value}” is not a {field} it knows: write {choices}, or "
                                   "leave it empty").format(
                    value=text[:40], field=_(FIELDS[name]).split(" (")[0].lower(),
                    choices=choices))
            values[name] = code
    anonymous = False
    for part in ("first_name", "last_name", "partner_name"):  # "Not shared by donor"
        if fold(values.get(part, "")) in _ANONYMOUS:
            values[part], anonymous = "", True
    name = clean(values.get("partner_name", ""))
    person = clean(f"{values.get('first_name', '')} {values.get('last_name', '')}")
    company = clean(values.get("company", ""))
    # a gift whose giver chose not to be named still counts: on one partner for them all
    row.partner_name = company or name or person or (ANONYMOUS_DONORS if anonymous else "")
    if not row.partner_name and not values.get("partner_uuid"):
        raise ValueError(_("no name says who gave"))
    if not values.get("date"):
        raise ValueError(_("the date is empty"))
    row.date = parse_date(values["date"], order)
    if row.date > today:
        raise ValueError(_("the date {date:%Y-%m-%d} is in the future").format(date=row.date))
    try:
        row.amount_cents = parse_money(values.get("amount", ""))
    except MoneyError as err:
        message = str(err)
        raise ValueError(_("the amount: {problem}").format(
            problem=message[:1].lower() + message[1:])) from None
    if row.amount_cents == 0 and fold(values.get("family", "")) not in _IN_KIND:
        raise ValueError(_("the amount is zero"))
    row.reference = clean(values.get("reference", ""))[:120]
    if values.get("email") and "@" not in values["email"]:
        values["email"] = ""  # a blank, not an error: the gift still counts


class _Partners:
    """Who is already in the data, found by ID, email or folded name (and close names)."""

    def __init__(self) -> None:
        self.by_uuid, self.by_email, self.by_name = {}, {}, {}
        self.erased = {row[0] for row in db.execute_sql(
            "SELECT uuid FROM partner WHERE erased_at IS NOT NULL")}
        self.references = {(pid, reference) for pid, reference in db.execute_sql(
            "SELECT partner_id, reference FROM contribution WHERE reference != ''")}
        self.names: dict[str, tuple[int, str]] = {}
        for pid, uuid, name, email in db.execute_sql(
                "SELECT id, uuid, name, email FROM partner WHERE erased_at IS NULL"):
            self.by_uuid[uuid] = (pid, name)
            if email:
                self.by_email.setdefault(email.lower(), (pid, name))
            self.by_name.setdefault(fold_for_match(name), (pid, name))
        self.names = {folded: found for folded, found in self.by_name.items()}
        # close names are looked for among those with the same first letter: a typo is
        # rarely in it, and comparing with every partner would make a large file slow
        self.by_initial: dict[str, list[str]] = {}
        for folded in self.names:
            self.by_initial.setdefault(folded[:1], []).append(folded)
        self.gifts = set()
        for pid, day, cents in db.execute_sql(
                "SELECT partner_id, date, amount_cents FROM contribution"):
            self.gifts.add((pid, dt.date.fromisoformat(day), cents))
        self._close: dict[str, tuple[int, str] | None] = {}

    def has_reference(self, partner_id, reference) -> bool:
        return (partner_id, reference) in self.references

    def has_gift(self, partner_id, day, cents) -> bool:
        return (partner_id, day, cents) in self.gifts

    def match(self, row: PlanRow) -> None:
        values = row.values
        if values.get("partner_uuid", "") in self.erased:
            row.action, row.why = ERROR, _("this partner's details were erased: not imported")
            return
        found = self.by_uuid.get(values.get("partner_uuid", "")) or \
            self.by_name.get(fold_for_match(row.partner_name))
        if found:
            row.partner_id, row.action = found[0], MATCHED
            row.partner_name = row.partner_name or found[1]
            return
        by_email = self.by_email.get(values.get("email", "").lower() or "\0")
        if by_email:  # the same email, another name: a family's shared address, perhaps
            row.action, row.near_id, row.near_name = NEAR, by_email[0], by_email[1]
            row.why = _(
                "same email as “{value}”: a new partner unless you say it is the same"
            ).format(value=by_email[1])
            return
        folded = fold_for_match(row.partner_name)
        if folded not in self._close:
            close = difflib.get_close_matches(folded, self.by_initial.get(folded[:1], []),
                                              n=1, cutoff=0.88)
            self._close[folded] = self.names[close[0]] if close else None
        near = self._close[folded]
        if near:
            row.action, row.near_id, row.near_name = NEAR, near[0], near[1]
            row.why = _("close to “{value}”: a new partner unless you say it is the same").format(
                value=near[1]
            )


# What each row becomes when written (the store writes it)


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    partners: int
    contributions: int
    backup: Path | None


def commit(plan: Plan, same_as_near: set[int] | None = None, backup_folder: Path | None = None,
           now: dt.datetime | None = None) -> ImportResult:
    """Write the plan's rows in one transaction, after a backup. `same_as_near`: the lines
    whose close partner the volunteer said is the same one."""
    from cars_desktop.store.backups import make_backup

    same_as_near = same_as_near or set()
    rows = [row for row in plan.rows if row.writes]
    if not rows:
        raise ImportProblem(_("There is nothing to import: every row is already in the data, "
                            "skipped or has an error."))
    backup = make_backup(backup_folder, "before-import", now) if backup_folder else None
    counts = plan.counts()
    method = plan.file_format.payment_method if plan.file_format else ""
    # new partners speak the group's default language until someone says otherwise
    language = group_profile().language or "en"
    batch = {"file_name": plan.file_name[:250],
             "file_format": plan.file_format.code if plan.file_format else "mapped",
             "duplicates": counts[DUPLICATE], "errors": counts[ERROR]}
    written = write_import(batch, [_to_write(row, same_as_near, method, language)
                                   for row in rows])
    return ImportResult(written.batch_id, written.partners, written.contributions, backup)


_PARTNER_TEXT = ("email", "phone", "address_line1", "address_line2", "city", "postal_code",
                 "country")


# a province by its code or its name in either language, folded once (not for every row)
_PROVINCES = {fold(name): term.code for term in vocab.PROVINCES for name in (term.en, term.fr)}
_KINDS: dict[bool, dict[str, str]] = {False: {}, True: {}}  # in kind? -> word -> kind
for _in_kind, _kinds in ((False, vocab.CASH_KINDS), (True, vocab.IN_KIND_KINDS)):
    for _term in _kinds:
        for _word in (fold(_term.en), fold(_term.fr), _term.code):
            _KINDS[_in_kind].setdefault(_word, _term.code)  # the first kind a word names


def _province(text: str) -> str:
    text = clean(text)
    if text.upper() in vocab.PROVINCES:
        return text.upper()
    return _PROVINCES.get(fold(text), "") if text else ""


def _to_write(row: PlanRow, same_as_near: set[int], method: str, language: str
              ) -> GiftToWrite:
    values = row.values
    pid = row.near_id if row.action == NEAR and row.line in same_as_near else row.partner_id
    partner = {name: clean(values.get(name, ""))[:200] for name in _PARTNER_TEXT}
    partner["province"] = _province(values.get("province", ""))
    found = GiftToWrite(_gift(row, method), row.partner_name, pid, partner=partner)
    if pid is None:
        found.new_key = new_partner_key(row)
        # a company's gift names the company; a name in one column may be either
        person = not values.get("company") and row.partner_name != ANONYMOUS_DONORS and \
            not _ORGANISATION.search(fold(row.partner_name))
        partner.update(
            uuid=values.get("partner_uuid", ""), name=row.partner_name[:200],
            kind="person" if person else "organisation",
            sector="community" if person else "corporate",
            country=partner["country"] or _("Canada"),
            language=values.get("language") or language)
        if values.get("company") and (values.get("first_name") or values.get("last_name")):
            found.contact = clean(f"{values.get('first_name', '')} {values.get('last_name', '')}")
    return found


def _gift(row: PlanRow, method: str) -> dict:
    values = row.values
    in_kind = fold(values.get("family", "")) in _IN_KIND
    return {"uuid": values.get("uuid", ""), "family": "in_kind" if in_kind else "cash",
            "kind": _kind(values.get("kind", ""), in_kind), "amount_cents": row.amount_cents,
            "description": clean(values.get("description", ""))[:250] if in_kind else "",
            "date": row.date.isoformat(),
            "payment_method": "" if in_kind else values.get("payment_method") or method,
            "reference": "" if in_kind else row.reference,
            "purpose": clean(values.get("purpose", ""))[:250],
            "notes": clean(values.get("notes", ""))[:2000]}


def _kind(text: str, in_kind: bool) -> str:
    return _KINDS[in_kind].get(fold(text), "products" if in_kind else "one_time")
