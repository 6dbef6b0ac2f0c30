"""The commands that make files from the data: thank-you letters, reports and CSV exports.
None of them changes the data, except letters marked as thanked when asked."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from cars_desktop.core.text import format_count
from cars_desktop.documents.reports import REPORT_KINDS
from cars_desktop.i18n import _, ngettext


def open_current(data_dir: Path, read_only: bool):
    """The data, up to date. Opening read-only cannot update a file an earlier version saved:
    then it says how (the window updates it, after a backup)."""
    from cars_desktop.store import database
    from cars_desktop.store.migrations import LATEST_VERSION

    store = database.open_store(data_dir, read_only=read_only)
    if store.schema_version() < LATEST_VERSION:
        store.close()
        raise database.StoreError(
            _("The data in {data_dir} was saved by an earlier version of CARS Desktop and "
              "must be updated first: start CARS Desktop once (it makes a backup, then "
              "updates it), then run this command again.").format(data_dir=data_dir))
    return store


def letters(data_dir: Path, args) -> int:
    import dataclasses

    from cars_desktop.store import letters, profile

    if args.year_end and not (args.start and args.end):
        print(_("cars-desktop: a year-end summary needs its period: --from YYYY-MM-DD "
              "--to YYYY-MM-DD"), file=sys.stderr)
        return 2
    if (args.start or args.end) and not args.year_end:
        print(_("cars-desktop: --from and --to go with --year-end."), file=sys.stderr)
        return 2
    if args.since and not args.unthanked:
        print(_("cars-desktop: --since goes with --unthanked."), file=sys.stderr)
        return 2
    if not args.output.parent.is_dir():
        print(
            _("cars-desktop: The folder {parent} does not exist.").format(
                parent=args.output.parent
            ),
            file=sys.stderr,
        )
        return 2
    if args.output.is_dir():
        print(
            _("cars-desktop: {output} is a folder. Give a file name, such as {value}").format(
                output=args.output, value=args.output / "letters.pdf"
            ),
            file=sys.stderr,
        )
        return 2
    today = dt.date.today()
    with open_current(data_dir, read_only=not args.mark_thanked):
        missing = profile.letters_missing()
        if missing:
            print(f"cars-desktop: {missing}", file=sys.stderr)
            return 2
        try:
            if args.year_end and args.year_end.strip().lower() == "all":
                from cars_desktop.store.year_end import year_end_letters

                batch = year_end_letters(args.start, args.end, today, args.lang)
            elif args.year_end:
                batch = letters.year_end_letter(_partner_id(args.year_end), args.start, args.end,
                                                today, args.lang)
            elif args.unthanked:
                from cars_desktop.core.thanks import default_since

                since = args.since or default_since(today, profile.fiscal_year_start_month())
                batch = letters.queue_letters(today, since, args.lang,
                                              together=not args.one_per_gift)
            else:
                batch = letters.letters_for(args.contribution, today, args.lang)
        except letters.LetterProblem as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
        for reason in batch.skipped:
            print(_("No letter: {reason}").format(reason=reason), file=sys.stderr)
        for note in batch.left_out:
            print(note, file=sys.stderr)
        if not batch.letters:
            print(_("There is no one to thank: no letter was made."))
            return 0
        head = letters.letterhead()
        if args.paper:
            head = dataclasses.replace(
                head, options=dataclasses.replace(head.options, paper=args.paper))
        from cars_desktop.documents.letters import write_letters
        from cars_desktop.documents.scripts import noting_unprintable
        from cars_desktop.store.receipts import note_receipts

        note_receipts(batch.letters)  # "your official receipt is enclosed", for a charity
        try:
            with noting_unprintable() as unprintable:
                pages = write_letters(batch.letters, head, args.output, today)
        except OSError as err:
            print(
                _(
                    "cars-desktop: The letters could not be written to {output}: {value}. "
                    "Nothing was marked as thanked."
                ).format(output=args.output, value=err.strerror or err),
                file=sys.stderr,
            )
            return 2
        count = len(batch.letters)
        print(ngettext("{count} letter ({pages}) written to {output}",
                       "{count} letters ({pages}) written to {output}", count).format(
            count=count, output=args.output,
            pages=ngettext("{n} page", "{n} pages", pages).format(n=pages)))
        _warn_unprintable(unprintable)
        if batch.no_address:
            lacking = len(batch.no_address)
            print(ngettext("{n} partner has no postal address: its letters show only the name.",
                           "{n} partners have no postal address: their letters show only the "
                           "name.",
                           lacking).format(n=format_count(lacking)), file=sys.stderr)
            print(
                _("Without a postal address: {join}").format(join=", ".join(batch.no_address)),
                file=sys.stderr,
            )
        if args.mark_thanked:
            sent = letters.record_letters_sent(batch.contribution_ids(), today)
            marked = len(sent.contribution_ids)
            print(ngettext("{n} contribution marked thanked by letter on {date}.",
                           "{n} contributions marked thanked by letter on {date}.",
                           marked).format(n=format_count(marked), date=today.isoformat()))
    return 0


def _output_problem(path: Path) -> str | None:
    if not path.parent.is_dir():
        return _("The folder {parent} does not exist.").format(parent=path.parent)
    if path.is_dir():
        return _("{path} is a folder. Give a file name, such as {value}").format(
            path=path, value=path / "report.pdf"
        )
    return None


def _warn_unprintable(words: list[str]) -> None:
    from cars_desktop.documents.scripts import where_unprintable

    if words:
        print(_("cars-desktop: Some characters cannot be printed with the fonts of CARS Desktop "
                "and show as empty boxes, in: {words}").format(words=where_unprintable(words)),
              file=sys.stderr)


def report(data_dir: Path, args) -> int:
    import dataclasses

    from cars_desktop.documents.reports import gather_report, write_report
    from cars_desktop.store import letters, profile

    kind = REPORT_KINDS[args.name]
    problem = _output_problem(args.output)
    if kind.needs_period and not (args.start and args.end):
        problem = _("The {name} report needs its period: --from YYYY-MM-DD --to YYYY-MM-DD").format(
            name=args.name
        )
    elif args.start and args.end and args.end < args.start:
        problem = _("The period ends before it starts. Check the two dates.")
    elif kind.needs_partner and not args.partner:
        problem = _("A statement is for one partner: --partner NUMBER or --partner NAME")
    elif args.by and kind.groupings is None:
        problem = _("--by goes with the recognition list.") + " " + \
            _("The gift list takes it too: --by date, partner or fund.")
    elif args.by and args.by not in kind.groupings:
        problem = _("The {name} report is grouped by one of: {choices}.").format(
            name=args.name, choices=", ".join(kind.groupings.codes()))
    if problem:
        print(f"cars-desktop: {problem}", file=sys.stderr)
        return 2
    today = dt.date.today()
    with open_current(data_dir, read_only=True):
        missing = profile.letters_missing(for_reports=True)
        if missing:
            print(f"cars-desktop: {missing}", file=sys.stderr)
            return 2
        try:
            partner_id = _partner_id(args.partner) if kind.needs_partner else None
            data = gather_report(args.name, args.start, args.end, partner_id, today, args.by)
        except (letters.LetterProblem, LookupError) as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
        head = letters.letterhead()
        if args.paper:
            head = dataclasses.replace(
                head, options=dataclasses.replace(head.options, paper=args.paper))
        # a statement goes to its partner: in their language unless one is chosen
        lang = args.lang or (data.language if kind.partners_language else None) or \
            profile.group_profile().language or "en"
        from cars_desktop.documents.scripts import noting_unprintable

        try:
            with noting_unprintable() as unprintable:
                pages = write_report(args.name, data, head, lang, args.output, today)
        except OSError as err:
            print(
                _("cars-desktop: The report could not be written to {output}: {value}.").format(
                    output=args.output, value=err.strerror or err
                ),
                file=sys.stderr,
            )
            return 2
    print(ngettext("Report written to {output} ({pages} page).",
                   "Report written to {output} ({pages} pages).", pages).format(
        output=args.output, pages=pages))
    _warn_unprintable(unprintable)
    return 0


def export(data_dir: Path, args) -> int:
    from cars_desktop.exchange.export import export_csv

    problem = _output_problem(args.file)
    if problem:
        print(f"cars-desktop: {problem.replace('report.pdf', args.what + '.csv')}",
              file=sys.stderr)
        return 2
    with open_current(data_dir, read_only=True):
        try:
            count = export_csv(args.what, args.file,
                               flavour="excel_fr" if args.excel_fr else "standard")
        except OSError as err:
            print(
                _("cars-desktop: The file could not be written to {file}: {value}.").format(
                    file=args.file, value=err.strerror or err
                ),
                file=sys.stderr,
            )
            return 2
    said = {"partners": ngettext("{n} partner exported to {file}.",
                                 "{n} partners exported to {file}.", count),
            "contacts": ngettext("{n} contact person exported to {file}.",
                                 "{n} contact people exported to {file}.", count),
            "contributions": ngettext("{n} contribution exported to {file}.",
                                      "{n} contributions exported to {file}.", count)}
    print(said[args.what].format(n=format_count(count), file=args.file))
    return 0


def _partner_id(chosen: str) -> int:
    from cars_desktop.core.names import proposed_names
    from cars_desktop.core.text import sort_key
    from cars_desktop.store import letters
    from cars_desktop.store.models import Partner

    if chosen.isdigit():
        return int(chosen)
    # the folded name: "Quincaillerie roy" finds "Quincaillerie Roy"; a person sorts by
    # "last first", so "Margaret MacDonald" is looked for both ways
    first, last = proposed_names(chosen)
    keys = {sort_key(chosen), sort_key(f"{last} {first}")}
    matches = [p.id for p in Partner.select(Partner.id, Partner.name).where(
        Partner.sort_name.in_(keys) & Partner.erased_at.is_null())
        if sort_key(p.name) == sort_key(chosen)]
    if len(matches) != 1:
        raise letters.LetterProblem(
            _("No partner is named “{chosen}”.").format(chosen=chosen)
            if not matches
            else _(
                "{len} partners are named “{chosen}”: give the partner's number instead."
            ).format(len=len(matches), chosen=chosen)
        )
    return matches[0]


def receipts(data_dir: Path, args) -> int:
    """Issue, cancel, replace, reprint official receipts, or save their register."""
    from cars_desktop.store import receipt_register
    from cars_desktop.store import receipts as store

    if args.cancel:
        with open_current(data_dir, read_only=False):
            receipt = store.cancel(args.cancel, args.reason, dt.date.today())
        print(_("Receipt {serial} is cancelled; it is kept in the register.").format(
            serial=receipt.serial))
        return 0
    problem = _("give the file to write with -o FILE.") if args.output is None else \
        _output_problem(args.output)
    if problem:
        print(f"cars-desktop: {problem}", file=sys.stderr)
        return 2
    if args.register:
        with open_current(data_dir, read_only=True):
            count = receipt_register.write_register(args.output)
        print(ngettext("{n} receipt in the register, saved to {output}.",
                       "{n} receipts in the register, saved to {output}.", count).format(
            n=format_count(count), output=args.output))
        return 0
    if args.copies:
        with open_current(data_dir, read_only=True):
            count = receipt_register.write_copies(args.output, args.copies)
        print(ngettext("{n} receipt of {year}, as kept, and the register saved to {output}.",
                       "{n} receipts of {year}, as kept, and the register saved to {output}.",
                       count).format(n=format_count(count), year=args.copies,
                                     output=args.output))
        return 0
    today = dt.date.today()
    with open_current(data_dir, read_only=args.duplicate is not None):
        if args.duplicate:
            receipt, copy = store.duplicate_of(args.duplicate)
            made, pdfs = [receipt], [copy]
        else:
            if args.replace:
                made, skipped = [store.replace(args.replace, today)], []
            else:
                done = store.issue(today, args.contribution, args.year,
                                   frozenset(args.not_appraised))
                made, skipped = done.receipts, done.skipped
            for reason in skipped:
                print(_("No receipt: {reason}").format(reason=reason), file=sys.stderr)
            pdfs = [bytes(receipt.pdf) for receipt in made]
    if not made:
        print(_("No new receipt: every gift asked for has one already, or cannot have one."))
        return 0
    receipt_register.write_together(pdfs, args.output)
    print(ngettext("{n} receipt ({serials}) written to {output}",
                   "{n} receipts ({serials}) written to {output}", len(made)).format(
        n=format_count(len(made)), output=args.output,
        serials=", ".join(receipt.serial for receipt in made[:5])
        + (" …" if len(made) > 5 else "")))
    return 0
