"""The `cars-desktop` command: with no subcommand it opens the window; the subcommands do the
same program's chores without one. Qt is imported only when the window is wanted."""

from __future__ import annotations

import sys
from pathlib import Path

from cars_desktop import cli_documents, cli_labels, cli_sync, i18n
from cars_desktop.cli_documents import open_current
from cars_desktop.cli_parser import parser
from cars_desktop.core.text import format_count
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
                "letters": cli_documents.letters, "report": cli_documents.report,
                "export": cli_documents.export, "receipts": cli_documents.receipts,
                "labels": cli_labels.labels, "sync": cli_sync.sync,
                "history": cli_sync.show_history,
                "import": _import}[args.command](
            data_dir, args)
    except (database.StoreError, BackupError) as err:  # each says what happened, plainly
        print(f"cars-desktop: {err}", file=sys.stderr)
        return 2
    except OSError as err:  # the data folder itself: a file where a folder should be…
        print(_("cars-desktop: The data folder {data_dir} cannot be used: {reason}.").format(
            data_dir=data_dir, reason=err.strerror or err), file=sys.stderr)
        return 2


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
    reason = database.why_not_writable(data_dir)
    if reason:
        print(_("It can only be read here ({reason}): it can be looked at, exported and "
                "copied, but not changed.").format(reason=reason))
    return 0


def _restore(data_dir: Path, args) -> int:
    """What File › Restore from backup… does: the data as it is kept as a backup first, and
    what the window refuses (damaged, altered, not ours, newer) refused, exit status 1."""
    from cars_desktop.store import backups, database, receipt_journal
    from cars_desktop.store.errors import StoreError

    had_journal = (data_dir / receipt_journal.NUMBERS_FILE).exists()
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        kept = backups.restore_backup(data_dir, args.file)
    except OSError as err:
        print(_("cars-desktop: The data folder {data_dir} cannot be used: {reason}.").format(
            data_dir=data_dir, reason=err.strerror or err), file=sys.stderr)
        return 1
    except (backups.BackupError, StoreError) as err:  # refused: nothing was changed
        print(f"cars-desktop: {err}", file=sys.stderr)
        return 1
    print(_("Restored {file} into {data_dir}.").format(file=args.file, data_dir=data_dir))
    if kept is not None:
        print(_("The data as it was is kept as {kept}.").format(kept=kept))
    try:
        with database.open_store(data_dir):
            receipts_note = receipt_journal.after_restore(had_journal)
    except StoreError as err:  # restored; what is said of its receipts can wait
        receipts_note = str(err)
    if receipts_note:
        print(receipts_note, file=sys.stderr)
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
            if args.to is None and database.why_not_writable(data_dir):
                print(_("cars-desktop: The data folder is read-only: make the copy somewhere "
                        "else with --to FOLDER (a USB stick, or another folder)."),
                      file=sys.stderr)
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
    with open_current(data_dir, read_only=args.dry_run) as store:
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
