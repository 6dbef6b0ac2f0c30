"""`cars-desktop labels`: partners' addresses on a sheet of Avery labels or on #10 envelopes,
as one PDF, as Partner › Mailing labels and envelopes… makes them. It changes nothing."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cars_desktop.core.label_sheets import DEFAULT, SHEETS, sheet_for, start_problem
from cars_desktop.core.text import format_count
from cars_desktop.i18n import _, ngettext


def add_command(commands, data_dir: argparse.ArgumentParser) -> None:
    """The `labels` subcommand and its options, on the parser's `commands`."""
    labels = commands.add_parser(
        "labels", parents=[data_dir], help=_("print mailing labels or envelopes as one PDF"),
        description=_("Print partners' addresses, as the thank-you letters show them, on a "
                      "sheet of Avery labels or on #10 envelopes with your group's return "
                      "address, as one PDF. By default: every active partner, on Avery 5160. "
                      "Partners without a postal address are left out and named."))
    labels.add_argument("--sheet", default=DEFAULT, metavar=_("SHEET"),
                        help=_("5160, 5161 or 5163 (Letter), L7160 or L7163 (A4), or "
                               "envelope10 (default: 5160)"))
    labels.add_argument("--start", type=_position, default=1, metavar="N",
                        help=_("on a part-used sheet, the first label to print on: 1 is the top "
                               "left, counting across then down"))
    who = labels.add_mutually_exclusive_group()
    who.add_argument("--unthanked", action="store_true",
                     help=_("partners with a gift or pledge not yet thanked, since the same day "
                            "as the letters for everyone not yet thanked"))
    who.add_argument("--all", action="store_true", help=_("every active partner (the default)"))
    who.add_argument("--partner", nargs="+", metavar=_("ID_OR_NAME"),
                     help=_("these partners, by number or exact name"))
    labels.add_argument("-o", "--output", type=Path, required=True, metavar=_("FILE.pdf"),
                        help=_("the PDF to write"))


def _position(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("“{text}” is not a whole number").format(text=text)) from None


def _fail(message: str) -> int:
    print(f"cars-desktop: {message}", file=sys.stderr)
    return 2


def labels(data_dir: Path, args) -> int:
    from cars_desktop.cli_documents import (
        _output_problem,
        _partner_id,
        _warn_unprintable,
        open_current,
    )
    from cars_desktop.documents.labels import write_labels
    from cars_desktop.documents.scripts import noting_unprintable
    from cars_desktop.store import labels as store
    from cars_desktop.store.letters import LetterProblem
    from cars_desktop.store.models import Partner

    sheet = sheet_for(args.sheet)
    if sheet is None:
        return _fail(_("There is no sheet “{sheet}”. Choose one of: {sheets}.").format(
            sheet=args.sheet, sheets=", ".join(SHEETS)))
    problem = start_problem(sheet, args.start) or _output_problem(args.output)
    if problem:
        return _fail(problem.replace("report.pdf", "labels.pdf"))
    today = dt.date.today()
    with open_current(data_dir, read_only=True):
        missing = store.envelope_missing() if sheet.is_envelope else None
        if missing:
            return _fail(missing)
        ids = None
        if args.partner:
            try:
                ids = [_partner_id(chosen) for chosen in args.partner]
            except LetterProblem as err:
                return _fail(str(err))
            unknown = [str(pid) for pid in ids if Partner.get_or_none(Partner.id == pid) is None]
            if unknown:
                return _fail(ngettext("No partner has the number {numbers}.",
                                      "No partners have the numbers {numbers}.",
                                      len(unknown)).format(numbers=", ".join(unknown)))
        who = store.SELECTED if ids else store.QUEUE if args.unthanked else store.ACTIVE
        mailing = store.gather(who, ids, today)
        title = _("Envelopes") if sheet.is_envelope else _("Mailing labels")
        addresses = [addressee.lines for addressee in mailing.addressees]
        sender = store.sender_lines()
        unprintable: list[str] = []
        if addresses:
            try:
                with noting_unprintable() as unprintable:
                    pages = write_labels(addresses, sheet, args.output, args.start,
                                         sender if sheet.is_envelope else (), title,
                                         sender[0] if sender else "")
            except OSError as err:
                return _fail(_("The labels could not be written to {output}: {reason}.").format(
                    output=args.output, reason=err.strerror or err))
    if mailing.no_address:
        print(mailing.no_address_note(), file=sys.stderr)
    if not addresses:
        print(_("No one to print for: no file was written."))
        return 0
    count = len(addresses)
    if sheet.is_envelope:
        said = ngettext("{n} envelope written to {output}.", "{n} envelopes written to {output}.",
                        count).format(n=format_count(count), output=args.output)
    else:
        said = ngettext("{n} label on {sheets} (Avery {code}) written to {output}.",
                        "{n} labels on {sheets} (Avery {code}) written to {output}.",
                        count).format(
            n=format_count(count), code=sheet.code, output=args.output,
            sheets=ngettext("{n} sheet", "{n} sheets", pages).format(n=format_count(pages)))
    print(said)
    _warn_unprintable(unprintable)
    return 0
