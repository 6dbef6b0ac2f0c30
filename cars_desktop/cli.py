"""The `cars-desktop` command: with no subcommand it opens the window; the subcommands do the
same program's chores without one. Qt is imported only when the window is wanted."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from cars_desktop import APP_NAME, __version__, i18n
from cars_desktop.core.text import counted
from cars_desktop.documents.reports import REPORT_KINDS


def _parser() -> argparse.ArgumentParser:
    data_dir = argparse.ArgumentParser(add_help=False)
    data_dir.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                          help="folder holding the data (default: $CARS_DESKTOP_DATA_DIR, "
                               "else your user data folder)")
    parser = argparse.ArgumentParser(
        prog="cars-desktop", parents=[data_dir],
        description=f"{APP_NAME}: community partners, their contributions and thank-you "
                    "letters, offline. With no command, opens the window.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    self_test = commands.add_parser(
        "self-test", help="check that this installation works (in a temporary folder)")
    self_test.add_argument("--no-window", action="store_true",
                           help="leave out opening the main window")
    commands.add_parser("check", parents=[data_dir],
                        help="check the data file for damage (exit 1 when damaged)")
    backup = commands.add_parser("backup", parents=[data_dir], help="make a verified backup")
    backup.add_argument("--to", metavar="DIR", type=Path,
                        help="folder to write it to, e.g. a USB stick (default: the data "
                             "folder's backups)")
    sample = commands.add_parser("sample-data", parents=[data_dir],
                                 help="fill an empty data folder with a realistic sample")
    sample.add_argument("--partners", type=_count, default=200, metavar="N")
    sample.add_argument("--contributions", type=_count, default=1000, metavar="M")
    sample.add_argument("--seed", type=_whole, default=1, metavar="S")
    letters = commands.add_parser(
        "letters", parents=[data_dir], help="make thank-you letters as one PDF",
        description="Make thank-you letters as one PDF, one letter per page, each in its "
                    "partner's language.")
    which = letters.add_mutually_exclusive_group(required=True)
    which.add_argument("--unthanked", action="store_true",
                       help="every gift and pledge not yet thanked, received since --since")
    which.add_argument("--contribution", type=_count, nargs="+", metavar="ID",
                       help="these contributions, by number")
    which.add_argument("--year-end", metavar="PARTNER",
                       help="a summary of a partner's gifts (its number or exact name) "
                            "between --from and --to")
    letters.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD")
    letters.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD")
    letters.add_argument("--lang", choices=["en", "fr"],
                         help="write every letter in this language (default: each partner's)")
    letters.add_argument("--paper", choices=["letter", "a4"],
                         help="paper size (default: the one chosen in the app)")
    letters.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    letters.add_argument("--mark-thanked", action="store_true",
                         help="record the contributions as thanked by letter today")
    letters.add_argument("--one-per-gift", action="store_true",
                         help="with --unthanked: a letter for each gift, not one per partner")
    letters.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                         help="with --unthanked: only what was received or promised on that day "
                              "or later (default: the first day of the last fiscal year); older "
                              "ones stay in the thank-you queue")
    report = commands.add_parser(
        "report", parents=[data_dir], help="make a report as a PDF",
        description="Make a report as a PDF on the group's letterhead.")
    report.add_argument("name", choices=list(REPORT_KINDS),
                        help="; ".join(f"{code}: {kind.help}"
                                       for code, kind in REPORT_KINDS.items()))
    report.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD")
    report.add_argument("--partner", metavar="PARTNER",
                        help="for a statement: the partner's number or exact name")
    report.add_argument("--lang", choices=["en", "fr"],
                        help="the report's language (default: the group's)")
    report.add_argument("--paper", choices=["letter", "a4"])
    report.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    export = commands.add_parser(
        "export", parents=[data_dir], help="save partners, contacts or contributions as CSV",
        description="Save every partner, contact person or contribution as a CSV file that "
                    "opens in Excel or LibreOffice (UTF-8, money as plain numbers, dates as "
                    "YYYY-MM-DD).")
    export.add_argument("what", choices=["partners", "contacts", "contributions"])
    export.add_argument("file", type=Path, metavar="FILE.csv")
    imports = commands.add_parser(
        "import", parents=[data_dir], help="import partners and gifts from a spreadsheet",
        description="Import partners and gifts from a CSV or Excel file (your own, or a "
                    "CanadaHelps, PayPal or Benevity export). Prints what happens to the rows; "
                    "with --dry-run nothing is written.")
    imports.add_argument("file", type=Path, metavar="FILE")
    imports.add_argument("--dry-run", action="store_true", help="show the summary, write nothing")
    imports.add_argument("--dates", choices=["ymd", "dmy", "mdy"],
                         help="how dates like 03/04/2026 are written: dmy (day first) or mdy")
    imports.add_argument("--encoding", help="the file's text encoding, e.g. windows-1252")
    imports.add_argument("--sheet", help="a workbook's sheet (default: the first)")
    return parser


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date written YYYY-MM-DD") from None


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from None


def _count(text: str) -> int:
    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError("the number cannot be negative")
    return value


def main(argv: list[str] | None = None) -> int:
    i18n.set_language(i18n.start_language())  # before the help texts are built
    args, qt_args = _parser().parse_known_args(sys.argv[1:] if argv is None else argv)
    unknown = [arg for arg in qt_args if arg.startswith("--")]  # Qt's own options have one dash
    if unknown:
        _parser().error(f"unrecognised arguments: {' '.join(unknown)}")
    if args.command is None:
        from cars_desktop.ui.app import run_app
        return run_app(getattr(args, "data_dir", None), qt_args)
    if qt_args:
        _parser().error(f"unrecognised arguments: {' '.join(qt_args)}")
    if args.command == "self-test":
        from cars_desktop.self_test import run

        return run(show_window=not args.no_window)
    from cars_desktop.store import database

    data_dir = database.resolve_data_dir(getattr(args, "data_dir", None))
    try:
        return {"check": _check, "backup": _backup, "sample-data": _sample,
                "letters": _letters, "report": _report, "export": _export,
                "import": _import}[args.command](
            data_dir, args)
    except database.StoreError as err:
        print(f"cars-desktop: {err}", file=sys.stderr)
        return 2


def _open(data_dir: Path, read_only: bool):
    """The data, up to date. Opening read-only cannot update a file an earlier version saved:
    then it says how (the window updates it, after a backup)."""
    from cars_desktop.store import database
    from cars_desktop.store.migrations import LATEST_VERSION

    store = database.open_store(data_dir, read_only=read_only)
    if store.schema_version() < LATEST_VERSION:
        store.close()
        raise database.StoreError(
            f"The data in {data_dir} was saved by an earlier version of CARS Desktop and must "
            "be updated first: start CARS Desktop once (it makes a backup, then updates it), "
            "then run this command again.")
    return store


def _check(data_dir: Path, args) -> int:
    from cars_desktop.store import database
    from cars_desktop.store.migrations import LATEST_VERSION

    with database.open_store(data_dir, read_only=True) as store:
        problems = database.integrity_report()
        version = None if problems else store.schema_version()
    if problems:
        print(f"The data in {data_dir} is DAMAGED:")
        for problem in problems[:20]:
            print(f"  - {problem}")
        print("Restore the newest backup (see the README) before using it.")
        return 1
    state = "up to date" if version == LATEST_VERSION else \
        f"will be updated from version {version} when the app next opens it"
    print(f"The data in {data_dir} is sound (data version {version}, {state}).")
    return 0


def _backup(data_dir: Path, args) -> int:
    from cars_desktop.store import backups, database

    if args.to is not None and not args.to.is_dir():
        print(f"cars-desktop: The folder {args.to} does not exist. If it is a USB stick, check "
              "that it is plugged in; otherwise create the folder first.", file=sys.stderr)
        return 2
    with database.open_store(data_dir, read_only=True) as store:
        try:
            path = backups.make_backup(args.to or store.backup_dir, "chosen")
        except backups.BackupError as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
    if args.to is not None:  # a copy away from the laptop: the reminder can wait
        from cars_desktop.store import safety

        try:
            with database.open_store(data_dir):
                safety.record_outside_backup()
        except database.StoreError:
            pass  # the window has the data open: the copy is made all the same
    print(f"Backup written and verified: {path}")
    return 0


def _sample(data_dir: Path, args) -> int:
    from cars_desktop.store import database, sample

    with database.open_store(data_dir) as store:
        try:
            partners, contributions = sample.fill_sample(args.partners, args.contributions,
                                                         args.seed)
        except ValueError as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
        print(f"Sample data written to {store.data_dir}: {counted(partners, 'partner')}, "
              f"{counted(contributions, 'contribution')}.")
    return 0


def _letters(data_dir: Path, args) -> int:
    import dataclasses

    from cars_desktop.store import letters, profile

    if args.year_end and not (args.start and args.end):
        print("cars-desktop: a year-end summary needs its period: --from YYYY-MM-DD "
              "--to YYYY-MM-DD", file=sys.stderr)
        return 2
    if (args.start or args.end) and not args.year_end:
        print("cars-desktop: --from and --to go with --year-end.", file=sys.stderr)
        return 2
    if args.since and not args.unthanked:
        print("cars-desktop: --since goes with --unthanked.", file=sys.stderr)
        return 2
    if not args.output.parent.is_dir():
        print(f"cars-desktop: The folder {args.output.parent} does not exist.", file=sys.stderr)
        return 2
    if args.output.is_dir():
        print(f"cars-desktop: {args.output} is a folder. Give a file name, such as "
              f"{args.output / 'letters.pdf'}", file=sys.stderr)
        return 2
    today = dt.date.today()
    with _open(data_dir, read_only=not args.mark_thanked):
        missing = profile.letters_missing()
        if missing:
            print(f"cars-desktop: {missing}", file=sys.stderr)
            return 2
        try:
            if args.year_end:
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
            print(f"No letter: {reason}", file=sys.stderr)
        for note in batch.left_out:
            print(note, file=sys.stderr)
        if not batch.letters:
            print("There is no one to thank: no letter was made.")
            return 0
        head = letters.letterhead()
        if args.paper:
            head = dataclasses.replace(
                head, options=dataclasses.replace(head.options, paper=args.paper))
        from cars_desktop.documents.letters import write_letters

        try:
            pages = write_letters(batch.letters, head, args.output, today)
        except OSError as err:
            print(f"cars-desktop: The letters could not be written to {args.output}: "
                  f"{err.strerror or err}. Nothing was marked as thanked.", file=sys.stderr)
            return 2
        count = len(batch.letters)
        print(f"{count} letter{'s' if count != 1 else ''} ({pages} "
              f"page{'s' if pages != 1 else ''}) written to {args.output}")
        if batch.no_address:
            print(f"Without a postal address: {', '.join(batch.no_address)}", file=sys.stderr)
        if args.mark_thanked:
            sent = letters.record_letters_sent(batch.contribution_ids(), today)
            print(f"{len(sent.contribution_ids)} contribution"
                  f"{'s' if len(sent.contribution_ids) != 1 else ''} marked thanked by letter "
                  f"on {today:%Y-%m-%d}.")
    return 0


def _output_problem(path: Path) -> str | None:
    if not path.parent.is_dir():
        return f"The folder {path.parent} does not exist."
    if path.is_dir():
        return f"{path} is a folder. Give a file name, such as {path / 'report.pdf'}"
    return None


def _report(data_dir: Path, args) -> int:
    import dataclasses

    from cars_desktop.documents.reports import gather_report, write_report
    from cars_desktop.store import letters, profile

    kind = REPORT_KINDS[args.name]
    problem = _output_problem(args.output)
    if kind.needs_period and not (args.start and args.end):
        problem = f"The {args.name} report needs its period: --from YYYY-MM-DD --to YYYY-MM-DD"
    elif args.start and args.end and args.end < args.start:
        problem = "The period ends before it starts. Check the two dates."
    elif kind.needs_partner and not args.partner:
        problem = "A statement is for one partner: --partner NUMBER or --partner NAME"
    if problem:
        print(f"cars-desktop: {problem}", file=sys.stderr)
        return 2
    today = dt.date.today()
    with _open(data_dir, read_only=True):
        missing = profile.letters_missing("Reports")
        if missing:
            print(f"cars-desktop: {missing}", file=sys.stderr)
            return 2
        try:
            partner_id = _partner_id(args.partner) if kind.needs_partner else None
            data = gather_report(args.name, args.start, args.end, partner_id, today)
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
        try:
            pages = write_report(args.name, data, head, lang, args.output, today)
        except OSError as err:
            print(f"cars-desktop: The report could not be written to {args.output}: "
                  f"{err.strerror or err}.", file=sys.stderr)
            return 2
    print(f"Report written to {args.output} ({pages} page{'s' if pages != 1 else ''}).")
    return 0


def _export(data_dir: Path, args) -> int:
    from cars_desktop.exchange.export import export_csv

    problem = _output_problem(args.file)
    if problem:
        print(f"cars-desktop: {problem.replace('report.pdf', args.what + '.csv')}",
              file=sys.stderr)
        return 2
    with _open(data_dir, read_only=True):
        try:
            count = export_csv(args.what, args.file)
        except OSError as err:
            print(f"cars-desktop: The file could not be written to {args.file}: "
                  f"{err.strerror or err}.", file=sys.stderr)
            return 2
    one, many = {"partners": ("partner", "partners"), "contacts": ("contact person",
                                                                    "contact people"),
                 "contributions": ("contribution", "contributions")}[args.what]
    print(f"{count:,} {one if count == 1 else many} exported to {args.file}.")
    return 0


def _import(data_dir: Path, args) -> int:
    from cars_desktop.exchange import importer
    from cars_desktop.exchange.reader import ReadError
    from cars_desktop.store import database

    if args.dry_run and not (data_dir / database.DB_FILENAME).exists():
        # a new group: compared with empty data, in a folder of its own, so nothing is written
        import tempfile

        with tempfile.TemporaryDirectory() as empty:
            database.open_store(empty).close()
            args.dry_run_empty = True
            return _import(Path(empty), args)
    with _open(data_dir, read_only=args.dry_run) as store:
        try:
            table, known, mapping = importer.open_file(args.file, args.encoding, args.sheet)
            plan = importer.make_plan(table, mapping, known, args.file.name, args.dates)
        except (ReadError, importer.ImportProblem) as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
        counts = plan.counts()
        print(f"{args.file.name}: {len(plan.rows):,} rows read as {plan.format_name}.")
        print(f"  new: {counts['new']:,}  matched: {counts['matched']:,}  "
              f"close names: {counts['near']:,}  duplicates: {counts['duplicate']:,}  "
              f"skipped: {counts['skipped']:,}  errors: {counts['error']:,}")
        for row in plan.rows:
            if row.action == importer.ERROR:
                print(f"  line {row.line}: {row.why}", file=sys.stderr)
        if plan.needs_date_order:
            print("cars-desktop: the dates could be day first or month first: say which with "
                  "--dates dmy or --dates mdy", file=sys.stderr)
            return 2
        if args.dry_run:
            print("Nothing was written (--dry-run).")
            return 0
        try:
            result = importer.commit(plan, backup_folder=store.backup_dir)
        except importer.ImportProblem as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
        gifts = f"{result.contributions:,} gift{'s' if result.contributions != 1 else ''}"
        new = f"{result.partners:,} new partner{'s' if result.partners != 1 else ''}"
        print(f"Imported {gifts} and {new} (batch {result.batch_id}; backup first: "
              f"{result.backup.name}).")
    return 0


def _partner_id(chosen: str) -> int:
    from cars_desktop.core.text import sort_key
    from cars_desktop.store import letters
    from cars_desktop.store.models import Partner

    if chosen.isdigit():
        return int(chosen)
    # the folded name: "Quincaillerie roy" finds "Quincaillerie Roy"
    matches = [p.id for p in Partner.select(Partner.id).where(
        (Partner.sort_name == sort_key(chosen)) & Partner.erased_at.is_null())]
    if len(matches) != 1:
        raise letters.LetterProblem(
            f"No partner is named “{chosen}”." if not matches else
            f"{len(matches)} partners are named “{chosen}”: give the partner's number instead.")
    return matches[0]
