"""The register of official receipts, as the window shows it and the accountant gets it
(CSV), and receipts printed together exactly as they are kept."""

from __future__ import annotations

import io
from pathlib import Path

from cars_desktop.core import files
from cars_desktop.i18n import _
from cars_desktop.store import receipt_journal
from cars_desktop.store.models import Receipt, ReceiptGift
from cars_desktop.store.receipts import WITHOUT_PDF, check_kept, serial_of, serials_by_id


def write_together(pdfs: list[bytes], path: Path) -> None:
    """The receipts as they were issued, one after the other in one PDF."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as out:
        writer.write(out)
    files.replace(partial, path)


REGISTER_COLUMNS = ("serial", "status", "issued_on", "donor", "kind", "received",
                    "amount", "advantage", "eligible", "cancelled_on", "reason", "replaces",
                    "contributions", "kept_as_issued", "sha256")


def register_rows(year: int | None = None, checked: bool = True) -> list[dict[str, str]]:
    """Every receipt, issued or cancelled, in serial order; a number missing between two is
    said (it was given out in data later replaced by a restore). `checked`: whether each is
    still exactly as issued (reads every PDF)."""
    query = Receipt.select(*(Receipt._meta.sorted_fields if checked else WITHOUT_PDF)) \
        .order_by(Receipt.year, Receipt.number)
    if year is not None:
        query = query.where(Receipt.year == year)
    rows, last, serials = [], {}, serials_by_id()
    gifts: dict[int, list[str]] = {}
    for receipt_id, contribution_id in ReceiptGift.select(
            ReceiptGift.receipt, ReceiptGift.contribution).order_by(ReceiptGift.id).tuples():
        gifts.setdefault(receipt_id, []).append(str(contribution_id))
    not_here = {(entry.year, entry.number): entry for entry in receipt_journal.missing()}
    for receipt in query.iterator():  # one PDF at a time when they are checked
        rows += _gap(receipt.year, last.get(receipt.year, 0), receipt.number, not_here)
        last[receipt.year] = receipt.number
        rows.append({
            "year": receipt.year, "number": receipt.number, "serial": receipt.serial,
            "status": _("cancelled") if receipt.cancelled_on else _("issued"),
            "issued_on": receipt.issued_on.isoformat(), "donor": receipt.donor.split("\n")[0],
            "kind": receipt.kind, "received": receipt.received,
            "amount": cents_text(receipt.amount_cents),
            "advantage": cents_text(receipt.advantage_cents),
            "eligible": cents_text(receipt.eligible_cents),
            "eligible_cents": receipt.eligible_cents,  # for the window; not in the CSV
            "cancelled_on": receipt.cancelled_on.isoformat() if receipt.cancelled_on else "",
            "reason": receipt.cancel_reason,
            "replaces": serials.get(receipt.replaces_id, ""),
            "contributions": " ".join(gifts.get(receipt.id, [])),
            "kept_as_issued": (_("yes") if check_kept(receipt) else _("NO: changed"))
            if checked else "", "sha256": receipt.sha256,
        })
    given = receipt_journal.highest_numbers()  # numbers given after the data's last one
    for in_year, top in given.items():
        if year in (None, in_year):
            rows += _gap(in_year, last.get(in_year, 0), top + 1, not_here)
    return sorted(rows, key=lambda row: (row["year"], row["number"]))


def _gap(year: int, after: int, before: int, not_here: dict) -> list[dict]:
    """The numbers between two receipts of the data (or after its last), said: a receipt
    sent out that a restore took away, one never finished, or one the journal never saw."""
    rows = []
    for number in range(after + 1, before):
        entry = not_here.get((year, number))
        row = {"year": year, "number": number, "serial": entry.serial if entry else
               serial_of(year, number)}
        if entry is None:
            row["status"] = _("missing: given out in data replaced since (a backup restored?)")
        elif entry.finished:
            row.update(status=_("issued, not in this data"), issued_on=entry.issued_on,
                       donor=entry.donor, eligible=cents_text(entry.eligible_cents),
                       eligible_cents=entry.eligible_cents, reason=_(
                           "issued after the backup now restored was made: keep the copy "
                           "that was printed"))
        else:
            row.update(status=_("not issued"), reason=_(
                "the computer stopped while it was being issued: it was never printed"))
        rows.append(row)
    return rows


def cents_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _register_csv(rows: list[dict]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, REGISTER_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _issued(rows: list[dict]) -> int:
    return sum(1 for row in rows if "kind" in row)  # receipts of this data, not gaps


def write_register(path: Path, year: int | None = None) -> int:
    """The register as CSV (UTF-8, for Excel or LibreOffice); returns how many receipts."""
    rows = register_rows(year)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8-sig", newline="") as out:
        out.write(_register_csv(rows))
    files.replace(partial, path)
    return _issued(rows)


def write_copies(path: Path, year: int) -> int:
    """For the accountant or an auditor: every receipt numbered in `year`, each PDF exactly
    as kept (its SHA-256 is in the register), cancelled ones named so, and that year's
    register, in one ZIP. Returns how many receipts."""
    import zipfile

    rows = register_rows(year)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as out:  # PDFs are compressed
        for receipt_id, serial, cancelled in (
                Receipt.select(Receipt.id, Receipt.serial, Receipt.cancelled_on)
                .where(Receipt.year == year).order_by(Receipt.number).tuples()):
            pdf = Receipt.select(Receipt.pdf).where(Receipt.id == receipt_id).scalar()
            name = _("{serial} (cancelled)").format(serial=serial) if cancelled else serial
            out.writestr(f"{name}.pdf", bytes(pdf))  # one at a time: a year can be large
        out.writestr(_("Register of receipts {year}.csv").format(year=year),
                     "\ufeff" + _register_csv(rows))
    files.replace(partial, path)
    return _issued(rows)
