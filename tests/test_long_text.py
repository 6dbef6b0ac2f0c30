"""Text of any allowed length: a line of text holds 250 characters, notes 4,000, and each field
says so when more is typed; every report lays out the longest allowed text, and text entered
before there was a limit (or by another program) still prints."""

from __future__ import annotations

import datetime as dt

import pytest

from cars_desktop.core.validation import LINE_MAX, NOTES_MAX, ValidationError
from cars_desktop.documents.reports import REPORT_KINDS, gather_report, write_report
from cars_desktop.store import contributions, letters, partners
from cars_desktop.store.models import db

TODAY = dt.date(2026, 11, 28)


def words(length: int) -> str:
    return ("Mot long " * (length // 9 + 1))[:length]


def a_partner(line: int, notes: int) -> int:
    pid = partners.save_partner(
        {"kind": "organisation", "name": words(200), "sector": "voluntary",
         "partnership_type": "formal", "status": "active", "language": "fr",
         "shared_goal": words(notes), "strengths": words(notes), "notes": words(notes),
         "address_line1": words(line), "address_line2": words(line), "city": words(line)},
        [{"name": words(200), "role": words(line), "salutation": words(line),
          "email": "a@example.ca", "is_primary": True}])
    contributions.save_contribution({
        "partner_id": pid, "family": "cash", "kind": "one_time", "status": "received",
        "amount": "10", "date": dt.date(2026, 3, 1), "purpose": words(line),
        "reference": words(line), "notes": words(notes)})
    return pid


def every_report(pid: int, folder) -> dict[str, int]:
    head = letters.letterhead()
    pages = {}
    for name in REPORT_KINDS:
        data = gather_report(name, dt.date(2026, 1, 1), dt.date(2026, 12, 31), pid, TODAY)
        pages[name] = write_report(name, data, head, "fr", folder / f"{name}.pdf", TODAY)
    return pages


def test_a_field_says_when_its_text_is_too_long(store):
    with pytest.raises(ValidationError) as refused:
        a_partner(LINE_MAX + 1, NOTES_MAX + 1)
    assert set(refused.value.errors) >= {"address_line1", "city", "notes", "shared_goal"}
    assert "251 characters; 250 at most" in refused.value.errors["city"]


def test_every_report_lays_out_the_longest_allowed_text(store, tmp_path):
    pid = a_partner(LINE_MAX, NOTES_MAX)
    pages = every_report(pid, tmp_path)
    assert all(count >= 1 for count in pages.values()), pages


def test_longer_text_from_before_the_limit_still_prints(store, tmp_path):
    pid = a_partner(10, 10)
    db.execute_sql("UPDATE contribution SET purpose = ?, reference = ?",
                   (words(2000), words(2000)))
    db.execute_sql("UPDATE contact_person SET role = ?", (words(2000),))
    pages = every_report(pid, tmp_path)
    assert pages["statement"] >= 1 and pages["directory"] >= 1
