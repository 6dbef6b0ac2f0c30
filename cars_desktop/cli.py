"""The `cars-desktop` command: with no subcommand it opens the window; the subcommands do the
same program's chores without one. Qt is imported only when the window is wanted."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from cars_desktop import i18n
from cars_desktop.cli_parser import parser
from cars_desktop.core.text import format_count
from cars_desktop.documents.reports import REPORT_KINDS
from cars_desktop.i18n import _, ngettext


def main(argv: list[str] | None = None) -> int:
    i18n.set_language(i18n.start_language())  # before the help texts are built
    args, qt_args = parser().parse_known_args(sys.argv[1:] if argv is None else argv)
    unknown = [arg for arg in qt_args if arg.startswith("--")]  # Qt's own options have one dash
    if unknown:
        parser().error(_("unrecognised arguments: {join}").format(join=' '.join(unknown)))
    if args.command is None:
        from cars_desktop.ui.app import run_app
        return run_app(getattr(args, "data_dir", None), qt_args)
    if qt_args:
        parser().error(_("unrecognised arguments: {join}").format(join=' '.join(qt_args)))
    if args.command == "self-test":
        from cars_desktop.self_test import run

        return run(show_window=not args.no_window)
    from cars_desktop.store import database
    from cars_desktop.store.backups import BackupError

    data_dir = database.resolve_data_dir(getattr(args, "data_dir", None))
    try:
        return {"check": _check, "backup": _backup, "restore": _restore, "sample-data": _sample,
                "letters": _letters, "report": _report, "export": _export,
                "import": _import}[args.command](
            data_dir, args)
    except (database.StoreError, BackupError) as err:  # each says what happened, plainly
        print(f"cars-desktop: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # the data folder itself: a file where a folder should be…
        print(_("cars-desktop: The data folder {data_dir} cannot be used: {reason}.").format(
            data_dir=data_dir, reason=err.strerror or err), file=sys.stderr)
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
            _("The data in {data_dir} was saved by an earlier version of CARS Desktop and "
              "must be updated first: start CARS Desktop once (it makes a backup, then "
              "updates it), then run this command again.").format(data_dir=data_dir))
    return store


def _check(data_dir: Path, args) -> int:
    from cars_desktop.store import database
    from cars_desktop.store.migrations import LATEST_VERSION

    try:
        with database.open_store(data_dir, read_only=True) as store:
            problems = database.integrity_report()
            version = None if problems else store.schema_version()
    except database.DamagedFile as err:  # so damaged, or so altered, it was not opened
        problems = [str(err)]
    if problems:
        print(_("The data in {data_dir} is DAMAGED:").format(data_dir=data_dir))
        for problem in problems[:20]:
            print(f"  - {problem}")
        print(_("Restore the newest backup (see the README) before using it."))
        return 1
    state = (
        _("up to date")
        if version == LATEST_VERSION
        else _("will be updated from version {version} when the app next opens it").format(
            version=version
        )
    )
    print(
        _("The data in {data_dir} is sound (data version {version}, {state}).").format(
            data_dir=data_dir, version=version, state=state
        )
    )
    return 0


def _restore(data_dir: Path, args) -> int:
    """What File › Restore from backup… does: the data as it is kept as a backup first, and
    what the window refuses (damaged, altered, not ours, newer) refused, exit status 1."""
    from cars_desktop.store import backups

    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        kept = backups.restore_backup(data_dir, args.file)
    except OSError as err:
        print(_("cars-desktop: The data folder {data_dir} cannot be used: {reason}.").format(
            data_dir=data_dir, reason=err.strerror or err), file=sys.stderr)
        return 1
    except (backups.BackupError, backups.DataFolderInUse) as err:
        print(f"cars-desktop: {err}", file=sys.stderr)
        return 1
    print(_("Restored {file} into {data_dir}.").format(file=args.file, data_dir=data_dir))
    if kept is not None:
        print(_("The data as it was is kept as {kept}.").format(kept=kept))
    return 0


def _backup(data_dir: Path, args) -> int:
    from cars_desktop.store import backups, database

    if args.to is not None and not args.to.is_dir():
        print(
            _(
                "cars-desktop: The folder {to} does not exist. If it is a USB stick, check "
                "that it is plugged in; otherwise create the folder first."
            ).format(to=args.to),
            file=sys.stderr,
        )
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
    print(_("Backup written and verified: {path}").format(path=path))
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
        print(_("Sample data written to {folder}: {partners}, {contributions}.").format(
            folder=store.data_dir,
            partners=ngettext("{n} partner", "{n} partners", partners).format(
                n=format_count(partners)),
            contributions=ngettext("{n} contribution", "{n} contributions",
                                   contributions).format(n=format_count(contributions))))
    return 0


def _letters(data_dir: Path, args) -> int:
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

        try:
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
        if batch.no_address:
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


def _report(data_dir: Path, args) -> int:
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
    if problem:
        print(f"cars-desktop: {problem}", file=sys.stderr)
        return 2
    today = dt.date.today()
    with _open(data_dir, read_only=True):
        missing = profile.letters_missing(for_reports=True)
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


def _import(data_dir: Path, args) -> int:
    from cars_desktop.exchange import importer
    from cars_desktop.exchange.reader import NO_HEADER, ReadError
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
            header_row = None if args.header_row is None else \
                (args.header_row - 1 if args.header_row > 0 else NO_HEADER)
            table, known, mapping = importer.open_file(args.file, args.encoding, args.sheet,
                                                       header_row)
            plan = importer.make_plan(table, mapping, known, args.file.name, args.dates)
        except (ReadError, importer.ImportProblem) as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
        counts = plan.counts()
        read = len({row.line for row in plan.rows})
        print(ngettext("{name}: {n} row read as {format_name}.",
                       "{name}: {n} rows read as {format_name}.", read).format(
            name=args.file.name, n=format_count(read), format_name=plan.format_name))
        print(
            _(
                "  new: {new}  matched: {matched}  close names: {near}  waiting: {waiting}  "
                "cancelling: {reverse}  duplicates: {duplicate}  not gifts: {not_gift}  "
                "skipped: {skipped}  errors: {error}"
            ).format(**{action: format_count(count) for action, count in counts.items()})
        )
        if plan.totals_note:
            print("  " + plan.totals_note)
        for row in plan.rows:
            if row.action == importer.ERROR:
                print(_("  line {line}: {why}").format(line=row.line, why=row.why), file=sys.stderr)
            elif row.shown == importer.WAITING:
                print(_("  line {line} waits: {why}").format(line=row.line, why=row.why))
        if counts[importer.WAITING]:
            print(ngettext("{n} row waits for an answer: import the file from the window (File "
                           "› Import from a spreadsheet…) to give it.",
                           "{n} rows wait for an answer: import the file from the window "
                           "(File › Import from a spreadsheet…) to give them.",
                           counts[importer.WAITING]).format(
                n=format_count(counts[importer.WAITING])))
        if plan.needs_date_order:
            print(_("cars-desktop: the dates could be day first or month first: say which with "
                  "--dates dmy or --dates mdy"), file=sys.stderr)
            return 2
        if args.dry_run:
            print(_("Nothing was written (--dry-run)."))
            return 0
        try:
            result = importer.commit(plan, backup_folder=store.backup_dir)
        except importer.ImportProblem as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 2
        gifts = ngettext("{n} gift", "{n} gifts", result.contributions).format(
            n=format_count(result.contributions))
        new = ngettext("{n} new partner", "{n} new partners", result.partners).format(
            n=format_count(result.partners))
        print(_("Imported {gifts} and {new} (batch {batch}; backup first: {name}).").format(
            gifts=gifts, new=new, batch=result.batch_id, name=result.backup.name))
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
            _("No partner is named “{chosen}”.").format(chosen=chosen)
            if not matches
            else _(
                "{len} partners are named “{chosen}”: give the partner's number instead."
            ).format(len=len(matches), chosen=chosen)
        )
    return matches[0]
