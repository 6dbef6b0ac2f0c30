"""The journal of receipt numbers, kept beside the data file (`receipt-numbers.json`).

A receipt sent to a donor must never have its number given to another, nor its gifts
receipted twice, even when a backup older than it is restored over the data. So every receipt
is written here before the data file keeps it (marked not finished), and marked finished once
it is kept. What the journal holds and the data file does not is then plain:
- finished: issued and sent, in data a restore has replaced since;
- not finished: the computer stopped while it was being issued; it was never printed.

An older journal held only the highest number of each year; it is read as such."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from cars_desktop.core import files
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import database
from cars_desktop.store.errors import StoreError
from cars_desktop.store.models import Contribution, Receipt, ReceiptGift

NUMBERS_FILE = "receipt-numbers.json"


class JournalProblem(StoreError):
    """The journal cannot be read or written: no number may be given."""


@dataclass(frozen=True)
class Missing:
    """A receipt the journal holds and the data file does not."""
    serial: str
    year: int
    number: int
    issued_on: str
    donor: str
    eligible_cents: int
    gifts: tuple[str, ...]  # the contributions' uuids
    finished: bool


def _path() -> Path | None:
    folder = database.opened_folder()
    return folder / NUMBERS_FILE if folder is not None else None


def _read() -> dict:
    path = _path()
    if path is None or not path.exists():
        return {"highest": {}, "issued": {}}
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise JournalProblem(_(
            "The record of the receipt numbers given, {path}, cannot be read, so no number "
            "can be given without the risk of giving one twice. Restore it from a backup, or "
            "ask for help.").format(path=path)) from None
    if not isinstance(found, dict):
        found = {}
    if "highest" not in found:  # the first journals: {"2027": 12}
        found = {"highest": {year: number for year, number in found.items()
                             if str(number).isdigit()}, "issued": {}}
    found.setdefault("issued", {})
    return found


def highest_numbers() -> dict[int, int]:
    """The highest number ever given in each year, as the journal knows it."""
    return {int(year): int(number) for year, number in _read()["highest"].items()}


def highest(year: int) -> int:
    return highest_numbers().get(year, 0)


def _write(journal: dict) -> None:
    path = _path()
    partial = path.with_suffix(".partial")
    with open(partial, "w", encoding="utf-8") as out:
        out.write(json.dumps(journal, indent=1, ensure_ascii=False))
        out.flush()
        os.fsync(out.fileno())
    files.replace(partial, path)


def record(receipts: list[Receipt], finished: bool) -> None:
    """Write these receipts down: before the data file keeps them (`finished` False: a
    failure then stops the issue, and nothing is kept) and after (True)."""
    if _path() is None or not receipts:
        return
    journal = _read()
    gifts: dict[int, list[str]] = {}
    for receipt_id, uuid in (ReceiptGift.select(ReceiptGift.receipt, Contribution.uuid)
                             .join(Contribution)
                             .where(ReceiptGift.receipt.in_([r.id for r in receipts]))
                             .order_by(ReceiptGift.id).tuples()):
        gifts.setdefault(receipt_id, []).append(uuid)
    for receipt in receipts:
        year = str(receipt.year)
        journal["highest"][year] = max(int(journal["highest"].get(year, 0)), receipt.number)
        journal["issued"][receipt.serial] = {
            "year": receipt.year, "number": receipt.number,
            "issued_on": receipt.issued_on.isoformat(), "donor": receipt.donor.split("\n")[0],
            "eligible_cents": receipt.eligible_cents, "finished": finished,
            "gifts": gifts.get(receipt.id, [])}
    try:
        _write(journal)
    except OSError as err:
        if not finished:
            raise JournalProblem(_(
                "The receipt numbers could not be written down beside the data ({err}), so "
                "none was issued.").format(err=err.strerror or err)) from None
        # kept in the data file already: the journal says "not finished" until the next one


def missing() -> list[Missing]:
    """The receipts the journal holds and this data file does not, in number order."""
    issued = _read()["issued"]
    if not issued:
        return []
    kept = {serial for (serial,) in Receipt.select(Receipt.serial).tuples()}
    found = [Missing(serial, int(entry["year"]), int(entry["number"]), entry["issued_on"],
                     entry["donor"], int(entry["eligible_cents"]), tuple(entry["gifts"]),
                     bool(entry["finished"]))
             for serial, entry in issued.items() if serial not in kept]
    return sorted(found, key=lambda entry: (entry.year, entry.number))


def lost_gifts() -> dict[str, Missing]:
    """The gifts (by uuid) on receipts sent out that this data does not hold (a backup
    restored since): they must not be receipted a second time."""
    return {uuid: entry for entry in missing() if entry.finished for uuid in entry.gifts}


def after_restore(had_journal: bool) -> str:
    """Once a backup is restored (and opened): the receipts it holds are written down, and
    what the volunteer must know is said, or "" when all is well. `had_journal`: whether the
    journal was beside the data before."""
    kept = list(Receipt.select(Receipt.id, Receipt.serial, Receipt.year, Receipt.number,
                               Receipt.issued_on, Receipt.donor, Receipt.eligible_cents)
                .order_by(Receipt.year, Receipt.number))  # not their PDFs
    issued = _read()["issued"]
    record([receipt for receipt in kept if receipt.serial not in issued], finished=True)
    lost = [entry for entry in missing() if entry.finished]
    if lost:
        return ngettext(
            "{n} official receipt issued after this backup was made is not in it: {serials}. "
            "Its number will not be given again, nor its gifts receipted twice; keep the copy "
            "that was printed. The register lists it.",
            "{n} official receipts issued after this backup was made are not in it: {serials}. "
            "Their numbers will not be given again, nor their gifts receipted twice; keep the "
            "copies that were printed. The register lists them.", len(lost)).format(
            n=format_count(len(lost)), serials=", ".join(entry.serial for entry in lost[:10])
            + (" …" if len(lost) > 10 else ""))
    if kept and not had_journal:
        return _("This data holds official receipts, and this computer has no record of the "
                 "receipt numbers given. If receipts were issued from another copy of this "
                 "data after the backup was made, copy {file} from that computer's data "
                 "folder into this one before issuing any, so that no number is given twice."
                 ).format(file=NUMBERS_FILE)
    return ""

