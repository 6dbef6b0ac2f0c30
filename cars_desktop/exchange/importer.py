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

from cars_desktop.core.money import format_amount, format_money
from cars_desktop.core.text import fold, fold_for_match
from cars_desktop.exchange import meaning
from cars_desktop.exchange.cells import restore
from cars_desktop.exchange.dates import SLASHED, date_order_of, parse_date
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
    asks = known is not None and bool(known.headerless or known.code in (
        "rbc", "bmo", "stripe_balance"))  # whose gift: the volunteer says, row by row
    if not asks and not {"partner_name", "first_name", "last_name", "company",
                          "partner_uuid"} & set(column):
        raise ImportProblem(_("No column says who gave: choose the column with the partner's "
                            "name (or the first and last names)."))
    if date_order is None and known is not None and known.date_order:
        date_order = known.date_order
        plan.date_order = date_order
    if date_order is None:
        found = date_order_of(row[column["date"]] for row in table.rows)
        plan.date_order = found or "ymd"
        plan.needs_date_order = found is None and any(
            SLASHED.match(row[column["date"]].strip()) for row in table.rows)
    lookup = PartnerLookup()
    seen_refs: dict[str, int] = {}  # -> its first line
    seen_gifts: dict[tuple, int] = {}
    first_line: dict[str, int] = {}  # a new partner's first row
    existing_ids = {row[0] for row in db.execute_sql("SELECT uuid FROM contribution")}
    own = known is not None and known.code == "cars"
    linked: list[tuple[PlanRow, meaning.Part]] = []  # refunds and conversions, for after
    seen: dict[str, str] = {}
    for cells, line in zip(table.rows, table.lines, strict=True):
        if meaning.is_trailer(known, cells):
            meaning.trailer_totals(known, cells, plan.file_totals)
            continue
        # the app's own export wrote cells that looked like formulas with an apostrophe;
        # a value met before is kept once (a donor's name, a town, a fund: a large file
        # repeats them on many rows)
        values = {target: seen.setdefault(value, value) for target, value in (
            (target, restore(cells[number]) if own else cells[number])
            for target, number in column.items() if cells[number])}
        if any(cell.strip() for cell in cells[len(table.headers):]):
            plan.rows.append(PlanRow(line, ERROR, values=values, why=_(
                "this row has more cells than there are columns: is there a comma inside an "
                "amount or a name? (write 1234.56, or put it in quotes)")))
            continue
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
                _read_quietly(row, part.values, known, plan.date_order, today)
                if part.what in (meaning.REFUND, meaning.CONVERSION):
                    linked.append((row, part))
                continue
            if part.asks_partner:
                row.needs, row.sender = "partner", part.sender
                chosen = remembered_sender(part.sender)
                found = lookup.by_uuid.get(chosen) if chosen else None
                if found:
                    row.partner_id, row.partner_name, row.needs = found[0], found[1], ""
            try:
                read_row(row, part.values, known, plan.date_order, today)
                if "received" in part.extra and row.needs == "amount":
                    row.amount_cents = meaning.amount_cents(part.extra["received"])
                    row.needs, row.why = "", ""
                if "refunded" in part.extra:
                    row.amount_cents -= part.extra["refunded"]
                    row.why = _("part of it was refunded: {amount} counted").format(
                        amount=format_money(row.amount_cents))
            except (ValueError, OverflowError) as err:
                row.action, row.why = ERROR, str(err)
                continue
            if row.action != NEW:
                continue
            row.why = row.why or part.why
            if row.needs == "partner":
                row.partner_name = row.sender
                row.why = _("from “{sender}”: choose whose gift it is").format(
                    sender=row.sender) if row.sender else _("no name: choose whose gift it is")
                continue
            lookup.match(row)
            if row.action == ERROR:
                continue
            _skip_duplicates(row, known, lookup, existing_ids, seen_refs, seen_gifts)
            if row.action == NEW:
                folded = new_partner_key(row)
                if folded in first_line:
                    row.why = _("the same new partner as line {value}").format(
                        value=first_line[folded])
                else:
                    first_line[folded] = row.line
    _link(plan, linked, lookup)
    _check_totals(plan)
    return plan


def _read_quietly(row: PlanRow, values: dict, known, order: str, today: dt.date) -> None:
    """What a row that is not a gift says (its date, amount, name), for the preview."""
    row.partner_name = values.get("partner_name", "") or " ".join(
        filter(None, (values.get("first_name", ""), values.get("last_name", ""))))
    row.reference = values.get("reference", "")[:120]
    currency = values.get("currency", "").upper().strip()
    if currency not in meaning.HOME:  # shown in its own currency, never as dollars
        row.original_currency = currency[:3]
    try:
        row.amount_cents = meaning.amount_cents(values.get("amount") or "0")
        if row.original_currency:
            row.original_cents, row.amount_cents = row.amount_cents, 0
    except ValueError:
        pass
    try:
        row.date = parse_date(values.get("date", ""), order)
    except ValueError:
        pass


def _skip_duplicates(row, known, lookup, existing_ids, seen_refs, seen_gifts) -> None:
    values = row.values
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
    elif reference and (row.reference in lookup.gift_of_reference if known is not None else
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
    if reference:
        seen_refs.setdefault(reference, row.line)
    seen_gifts.setdefault(key, row.line)


def _link(plan: Plan, linked: list, lookup: PartnerLookup) -> None:
    """Conversions give their gift the Canadian dollars received; a refund or a voided
    receipt cancels its gift: in the file (both left out) or already in the data."""
    by_reference = {row.reference: row for row in plan.rows
                    if row.reference and row.action in (NEW, MATCHED, NEAR)}
    for row, part in linked:
        target = part.extra.get("refers_to") or part.values.get("refers_to", "")
        original = by_reference.get(target)
        if part.what == meaning.CONVERSION:
            currency = part.values.get("currency", "").upper()
            if original is not None and currency in meaning.HOME and row.amount_cents > 0 \
                    and original.original_currency:
                original.amount_cents, original.needs = row.amount_cents, ""
                original.why = _("given as {amount} {currency}: {dollars} received").format(
                    amount=format_amount(original.original_cents),
                    currency=original.original_currency,
                    dollars=format_money(row.amount_cents))
                row.why = _("the Canadian dollars of line {line}").format(line=original.line)
            continue
        if original is not None:
            original.action, original.needs = NOT_GIFT, ""
            original.why = _("refunded or voided on line {line}: not a gift").format(
                line=row.line)
            row.why = _("cancels the gift of line {line}").format(line=original.line)
            continue
        found = lookup.gift_of_reference.get(target) if target else None
        if found is None:
            row.why = (part.why + ". " if part.why else "") + \
                _("Its gift is not in the data: nothing to cancel")
        elif found[1] == "cancelled":
            row.action, row.why = DUPLICATE, _("its gift {reference} is already cancelled"
                                               ).format(reference=target)
        else:
            row.action, row.reverses = REVERSE, found[0]
            row.why = _("the gift {reference} already in the data will be cancelled: not "
                        "counted, not thanked").format(reference=target)


def _check_totals(plan: Plan) -> None:
    """Say whether the rows add up to what the file's own trailer says."""
    gross = plan.file_totals.get("gross")
    if gross is None:
        return
    found = sum(row.amount_cents for row in plan.rows if row.action != ERROR and
                not row.original_currency)
    if found == gross:
        plan.totals_note = _("The rows add up to the file's own total, {total}.").format(
            total=format_money(gross))
    else:
        plan.totals_note = _("The rows add up to {found}, but the file's own total is "
                             "{total}: check the rows in error.").format(
            found=format_money(found), total=format_money(gross))


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
