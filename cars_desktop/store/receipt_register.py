"""The register of official receipts, as the window shows it and the accountant gets it
(CSV), and receipts printed together exactly as they are kept."""

from __future__ import annotations

import io
import os
from pathlib import Path

from cars_desktop.i18n import _
from cars_desktop.store.models import Receipt
from cars_desktop.store.receipts import check_kept, serial_of


def write_together(pdfs: list[bytes], path: Path) -> None:
    """The receipts as they were issued, one after the other in one PDF."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(io.BytesIO(pdf))
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as out:
        writer.write(out)
    os.replace(partial, path)


REGISTER_COLUMNS = ("serial", "status", "issued_on", "donor", "kind", "received",
                    "amount", "advantage", "eligible", "cancelled_on", "reason", "replaces",
                    "contributions", "kept_as_issued")


def register_rows(year: int | None = None, checked: bool = True) -> list[dict[str, str]]:
    """Every receipt, issued or cancelled, in serial order; a number missing between two is
    said (it was given out in data later replaced by a restore). `checked`: whether each is
    still exactly as issued (reads every PDF)."""
    columns = [field for field in Receipt._meta.sorted_fields
               if checked or field.name not in ("pdf", "duplicate_pdf")]
    query = Receipt.select(*columns).order_by(Receipt.year, Receipt.number)
    if year is not None:
        query = query.where(Receipt.year == year)
    rows, last = [], {}
    for receipt in query:
        gap = range(last.get(receipt.year, 0) + 1, receipt.number)
        rows += [{"serial": serial_of(receipt.year, number), "status": _(
            "missing: given out in data replaced since (a backup restored?)")}
                 for number in gap]
        last[receipt.year] = receipt.number
        rows.append({
            "serial": receipt.serial,
            "status": _("cancelled") if receipt.cancelled_on else _("issued"),
            "issued_on": receipt.issued_on.isoformat(), "donor": receipt.donor.split("\n")[0],
            "kind": receipt.kind, "received": receipt.received,
            "amount": cents_text(receipt.amount_cents),
            "advantage": cents_text(receipt.advantage_cents),
            "eligible": cents_text(receipt.eligible_cents),
            "eligible_cents": receipt.eligible_cents,  # for the window; not in the CSV
            "cancelled_on": receipt.cancelled_on.isoformat() if receipt.cancelled_on else "",
            "reason": receipt.cancel_reason,
            "replaces": receipt.replaces.serial if receipt.replaces_id else "",
            "contributions": " ".join(str(line.contribution_id) for line in receipt.gifts),
            "kept_as_issued": (_("yes") if check_kept(receipt) else _("NO: changed"))
            if checked else "",
        })
    return rows


def cents_text(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def write_register(path: Path, year: int | None = None) -> int:
    """The register as CSV (UTF-8, for Excel or LibreOffice); returns how many receipts."""
    import csv

    rows = register_rows(year)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, REGISTER_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    os.replace(partial, path)
    return sum(1 for row in rows if "issued_on" in row)
