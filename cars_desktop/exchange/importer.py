"""Importing partners and gifts from a file: first a plan that says what will happen to every
row (nothing is written), then, once the volunteer confirms, one transaction after a backup,
kept as a batch that can be undone.

What it promises: a blank cell never overwrites what the app has; a partner already known
(same ID, same email, or the same name ignoring accents and case) is matched, and a name that
is only close is offered, never merged silently; a gift already in the data (same reference,
or same partner, date and amount) is skipped, so importing a file twice adds nothing; a
platform's refund or voided receipt cancels its gift; a gift in another currency waits for
the dollars received.

Planning is here and writes nothing; `store.import_writer` writes what was planned. A row is
read by `exchange.rows`, a platform's special rows by `exchange.meaning`, partners already
known are found by `exchange.lookup`, dates read by `exchange.dates`."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from cars_desktop.core.money import format_money
from cars_desktop.core.text import fold, fold_for_match
from cars_desktop.exchange import linking, meaning
from cars_desktop.exchange.cells import restore
from cars_desktop.exchange.dates import SLASHED, date_order_of
from cars_desktop.exchange.formats import FIELDS, find_header, headerless_format, mapping_for
from cars_desktop.exchange.lookup import PartnerLookup
from cars_desktop.exchange.plan import (  # noqa: F401 (the plan's words, used from here)
    ACTIONS,
    DUPLICATE,
    ERROR,
    MATCHED,
    NEAR,
    NEW,
    NOT_GIFT,
    REVERSE,
    SKIPPED,
    WAITING,
    Answers,
    Plan,
    PlanRow,
)
from cars_desktop.exchange.platforms import Format, recognise
from cars_desktop.exchange.reader import NO_HEADER, Table, read_table
from cars_desktop.exchange.rows import new_partner_key, read_row, to_write
from cars_desktop.i18n import _
from cars_desktop.store import settings
from cars_desktop.store.import_writer import (  # noqa: F401 (batches, undo_batch: used from here)
    ImportProblem,
    batches,
    remembered_sender,
    undo_batch,
    write_import,
)
from cars_desktop.store.models import db
from cars_desktop.store.profile import group_profile

# Reading and planning


def open_file(path: str | Path, encoding: str | None = None, sheet: str | None = None,
              header_row: int | None = None) -> tuple[Table, Format | None, list[str]]:
    """`header_row`: the row of headers the volunteer chose (NO_HEADER: none)."""
    table = read_table(path, encoding, sheet, header_finder=find_header, header_row=header_row)
    known = headerless_format(table.head) if table.header_row == NO_HEADER else \
        recognise(table.headers)
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
              date_order: str | None = None, today: dt.date | None = None,
              answers: Answers | None = None) -> Plan:
    """What would happen to every row; nothing is written. `answers`: what the volunteer
    said in the preview (rows skipped, close names that are the same partner, the dollars
    of a foreign gift, whose gift a deposit is)."""
    planning = _Planning(table, mapping, known, file_name, date_order, today,
                         answers or Answers())
    for cells, line in zip(table.rows, table.lines, strict=True):
        planning.read(cells, line)
    linking.link(planning.plan, planning.linked, planning.lookup)
    linking.check_totals(planning.plan)
    return planning.plan


_WHO = {"partner_name", "first_name", "last_name", "company", "partner_uuid", "card_name"}


class _Planning:
    """One plan being made, row after row, with what the rows before it said."""

    def __init__(self, table, mapping, known, file_name, date_order, today, answers) -> None:
        self.today = today or dt.date.today()
        self.known, self.answers = known, answers
        self.own = known is not None and known.code == "cars"
        self.plan = plan = Plan(file_name, table, mapping, known, date_order or "ymd")
        # a field may come from two columns (a fund, or its designation): the first filled
        self.columns: dict[str, list[int]] = {}
        for number, target in enumerate(mapping):
            if target:
                self.columns.setdefault(target, []).append(number)
        if known is not None:  # a platform's columns in the order it lists them: the first
            order = list(known.columns)  # is the more precise (a fund's designation)
            rank = {number: order.index(fold(header)) if fold(header) in order else 999
                    for number, header in enumerate(table.headers)}
            for numbers in self.columns.values():
                numbers.sort(key=lambda number: rank.get(number, 999))
        for needed, words in (("date", _("a date")), ("amount", _("an amount"))):
            if needed not in self.columns:
                raise ImportProblem(_("No column is imported as {field}: choose which column "
                                      "holds {words}.").format(
                    field=_(FIELDS[needed]).lower(), words=words))
        self.banks = known is not None and not known.names_givers
        if not self.banks and not _WHO & set(self.columns):
            raise ImportProblem(_("No column says who gave: choose the column with the "
                                  "partner's name (or the first and last names)."))
        if date_order is None and known is not None and known.date_order:
            plan.date_order = known.date_order
        elif date_order is None:
            dates = [self.cell(row, "date") for row in table.rows]
            found = date_order_of(dates)
            plan.date_order = found or "ymd"
            plan.needs_date_order = found is None and any(
                SLASHED.match(day.strip()) for day in dates)
        self.utc = bool(known and known.utc)
        self.lookup = PartnerLookup()
        self.existing_ids = {row[0] for row in db.execute_sql("SELECT uuid FROM contribution")}
        self.seen_refs: dict[str, int] = {}  # -> its first line
        self.seen_gifts: dict[tuple, int] = {}
        self.first_line: dict[str, int] = {}  # a new partner's first row
        self.linked: list[tuple[PlanRow, meaning.Part]] = []  # refunds, conversions
        self.seen: dict[str, str] = {}

    def cell(self, cells: list[str], target: str) -> str:
        for number in self.columns.get(target, ()):
            if cells[number]:
                return restore(cells[number]) if self.own else cells[number]
        return ""

    def read(self, cells: list[str], line: int) -> None:
        plan, known = self.plan, self.known
        if meaning.is_trailer(known, cells):
            meaning.trailer_totals(known, cells, plan.file_totals)
            return
        # the app's own export wrote cells that looked like formulas with an apostrophe;
        # a value met before is kept once (a donor's name, a town, a fund: a large file
        # repeats them on many rows)
        values = {}
        for target in self.columns:
            value = self.cell(cells, target)
            if value:
                values[target] = self.seen.setdefault(value, value)
        if any(cell.strip() for cell in cells[len(plan.table.headers):]):
            plan.rows.append(PlanRow(line, ERROR, values=values, why=_(
                "this row has more cells than there are columns: is there a comma inside an "
                "amount or a name? (write 1234.56, or put it in quotes)")))
            return
        previous = -1
        for part in meaning.parts(known, values):
            row = PlanRow(line, NEW, values=part.values, kind=part.kind,
                          fee_cents=part.extra.get("fee_cents", 0))
            plan.rows.append(row)
            if part.credit_previous:
                row.credit_line = previous
            previous = len(plan.rows) - 1
            if part.what != meaning.GIFT:
                row.action, row.why = NOT_GIFT, part.why
                linking.read_quietly(row, part.values, plan.date_order, self.utc)
                if part.what in (meaning.REFUND, meaning.CONVERSION):
                    self.linked.append((row, part))
                continue
            self.gift(row, part)

    def gift(self, row: PlanRow, part) -> None:
        answers = self.answers
        if part.asks_partner:
            row.needs, row.sender = "partner", part.sender
            chosen = remembered_sender(part.sender)
            found = self.lookup.by_uuid.get(chosen) if chosen else None
            if found:
                row.partner_id, row.partner_name, row.needs = found[0], found[1], ""
        try:
            read_row(row, part.values, self.known, self.plan.date_order, self.today)
            self.dollars(row, part)
        except (ValueError, OverflowError) as err:
            row.action, row.why = ERROR, str(err)
            return
        if row.action != NEW:
            return
        row.why = row.why or part.why
        if row.needs == "partner" and row.key in answers.partners:
            row.partner_id, row.partner_name = answers.partners[row.key]
            row.needs = ""
            row.why = _("from “{sender}”, given to this partner by you").format(
                sender=row.sender)
        named = self.lookup.by_name.get(fold_for_match(row.sender)) if row.sender else None
        if row.needs == "partner" and named:  # the sender is a partner's very name
            row.partner_id, row.partner_name, row.needs = named[0], named[1], ""
            row.why = _("from “{sender}”: the partner of that name").format(sender=row.sender)
        if row.needs == "partner":
            row.partner_name = row.sender
            row.why = _("from “{sender}”: choose whose gift it is").format(
                sender=row.sender) if row.sender else _("no name: choose whose gift it is")
            return
        self.lookup.match(row)
        if row.action == ERROR:
            return
        _skip_duplicates(row, self, not self.banks)
        if row.action in (NEW, MATCHED, NEAR) and row.key in answers.skipped:
            row.action, row.why = SKIPPED, _("skipped by you")
        elif row.action == NEAR and row.key in answers.same_as_near:
            row.why = _("the same partner as “{near_name}”, as you said").format(
                near_name=row.near_name)
        elif row.action == NEW:
            folded = new_partner_key(row)
            if folded in self.first_line:
                row.why = _("the same new partner as line {value}").format(
                    value=self.first_line[folded])
            else:
                self.first_line[folded] = row.line

    def dollars(self, row: PlanRow, part) -> None:
        """A gift in another currency: its Canadian dollars from the file, the volunteer, or
        later a conversion row; its fee follows (a platform's fee is in the gift's currency,
        Stripe's in the account's own dollars)."""
        if row.original_currency and not part.extra.get("fee_home"):
            row.original_fee, row.fee_cents = row.fee_cents, 0
        if row.needs == "amount" and "received" in part.extra:
            row.amount_cents, row.needs, row.why = \
                meaning.amount_cents(part.extra["received"]), "", ""
        if row.needs == "amount" and row.key in self.answers.dollars:
            row.amount_cents, row.needs = self.answers.dollars[row.key], ""
            if row.original_fee and row.original_cents:
                row.fee_cents = round(row.amount_cents * row.original_fee / row.original_cents)
            row.why = _("given in {currency}: {amount} in Canadian dollars, as you said").format(
                currency=row.original_currency, amount=format_money(row.amount_cents))
        if "refunded" in part.extra and not row.needs:
            row.amount_cents -= part.extra["refunded"]
            row.why = _("part of it was refunded: {amount} counted").format(
                amount=format_money(row.amount_cents))


def _skip_duplicates(row: PlanRow, planning: _Planning, within_file: bool) -> None:
    """A gift already there, or twice in the file: by its ID, its reference (a platform's
    transaction is unique everywhere, a cheque number only per partner), or its partner,
    date and amount. A bank's rows have no reference: two alike in one file are two."""
    values, lookup = row.values, planning.lookup
    known = planning.known
    everywhere = known is not None and known.code != "cars"
    who = row.partner_id or fold_for_match(row.partner_name)
    reference = row.reference if everywhere else (
        f"{who}|{row.reference}" if row.reference else "")
    key = (who, row.date, row.amount_cents)
    if values.get("uuid") and values["uuid"] in planning.existing_ids:
        row.action, row.why = DUPLICATE, _("this very contribution is already there")
    elif reference and reference in planning.seen_refs:
        row.action = DUPLICATE
        row.why = _("reference {reference} twice in the file: same as line {line}").format(
            reference=row.reference, line=planning.seen_refs[reference])
    elif reference and (row.reference in lookup.gift_of_reference if everywhere else
                        row.partner_id and lookup.has_reference(row.partner_id,
                                                                row.reference)):
        row.action = DUPLICATE
        row.why = _("reference {reference} is already there").format(reference=row.reference)
    elif values.get("uuid") or row.reference:
        pass  # its own ID or reference tells it apart, even from a gift just like it
    elif within_file and key in planning.seen_gifts:
        row.action = DUPLICATE
        row.why = _("same partner, date and amount as line {line}").format(
            line=planning.seen_gifts[key])
    elif row.partner_id and lookup.has_gift(*key):
        row.action, row.why = DUPLICATE, _("same partner, date and amount already there")
    elif row.near_id and lookup.has_gift(row.near_id, row.date, row.amount_cents):
        row.action = DUPLICATE
        row.why = _("already there as a gift of “{name}” (same date and amount)").format(
            name=row.near_name)
    if reference:
        planning.seen_refs.setdefault(reference, row.line)
    planning.seen_gifts.setdefault(key, row.line)


# Writing what was planned


@dataclass(frozen=True)
class ImportResult:
    batch_id: int
    partners: int
    contributions: int
    backup: Path | None
    cancelled: int = 0


def commit(plan: Plan, same_as_near: set[int] | None = None, backup_folder: Path | None = None,
           now: dt.datetime | None = None) -> ImportResult:
    """Write the plan's rows in one transaction, after a backup. `same_as_near`: the lines
    whose close partner the volunteer said is the same one."""
    from cars_desktop.store.backups import make_backup

    same_as_near = same_as_near or set()
    writing = [number for number, row in enumerate(plan.rows) if row.writes]
    if not writing:
        raise ImportProblem(_("There is nothing to import: every row is already in the data, "
                            "skipped, waiting for an answer or has an error."))
    backup = make_backup(backup_folder, "before-import", now) if backup_folder else None
    counts = plan.counts()
    method = plan.file_format.payment_method if plan.file_format else ""
    # new partners speak the group's default language until someone says otherwise
    language = group_profile().language or "en"
    batch = {"file_name": plan.file_name[:250],
             "file_format": plan.file_format.code if plan.file_format else "mapped",
             "duplicates": counts[DUPLICATE], "errors": counts[ERROR]}
    place = {number: index for index, number in enumerate(writing)}
    rows = []
    for number in writing:
        row = plan.rows[number]
        made = to_write(row, same_as_near, method, language)
        made.credit_index = place.get(row.credit_line, -1)  # its index among those written
        rows.append(made)
    written = write_import(batch, rows)
    return ImportResult(written.batch_id, written.partners, written.contributions, backup,
                        written.cancelled)
