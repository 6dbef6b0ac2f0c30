"""`cars-desktop sync FOLDER` and `cars-desktop history`: sharing changes between laptops
without the window, and reading who changed what."""

from __future__ import annotations

import sys
from pathlib import Path

from cars_desktop.i18n import _


def sync(data_dir: Path, args) -> int:
    """What File › Share changes… does. A laptop with no data yet starts from the group's
    copy in the folder, then applies the packs newer than it."""
    from cars_desktop.store import backups, change_packs, database, history

    folder = args.folder
    if not folder.is_dir():
        print(_("cars-desktop: {folder} is not a folder.").format(folder=folder),
              file=sys.stderr)
        return 1
    joining = change_packs.can_join(folder)
    if joining and not (data_dir / database.DB_FILENAME).exists():
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        backups.restore_backup(data_dir, joining)
        print(_("This laptop starts from the group's data in {folder}.").format(
            folder=joining.parent))
    with database.open_store(data_dir):
        if args.volunteer:
            history.set_volunteer(args.volunteer)
        try:
            report = change_packs.sync(folder)
        except change_packs.PackError as err:
            print(f"cars-desktop: {err}", file=sys.stderr)
            return 1
    for line in change_packs.summary(report):
        print(line)
    return 1 if report.problems else 0


def show_history(data_dir: Path, args) -> int:
    """The group's latest changes, newest first, one line each."""
    from cars_desktop.store import database, history

    with database.open_store(data_dir, read_only=True):
        for change in history.recent(args.last):
            fields = ", ".join(
                f"{history.field_label(column)}: {before!s:.30} → {after!s:.30}"
                if change.op == "update" else history.field_label(column)
                for column, before, after in history.shown_fields(change)[:6])
            print(f"{change.stamp[:16].replace('T', ' ')}  {change.volunteer or '-'}  "
                  f"{_(history.OPS.get(change.op, change.op))} "
                  f"{_(history.TABLES.get(change.table, change.table))} "
                  f"{change.row_name}  {fields}")
    return 0
