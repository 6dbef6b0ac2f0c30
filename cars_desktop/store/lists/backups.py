"""The backups a volunteer may restore, for the restore window."""

from __future__ import annotations

import datetime as dt

from cars_desktop.i18n import N_, _
from cars_desktop.store.lists.base import Column, RecordList, Row


class BackupList(RecordList):
    """The backups a volunteer may restore: those of the data folder and any file they add
    (from a USB stick). Read from the files, not from SQL; a row's id is its place in `files`."""
    in_memory = True

    columns = (
        Column("made", N_("Made"), width=125),
        Column("kind", N_("Kind"), width=160),
        Column("where", N_("Where it is"), width=150),
        Column("partners", N_("Partners"), "right", width=80),
        Column("contributions", N_("Contributions"), "right", width=100),
        Column("changed", N_("Last change in it"), width=140),
        Column("state", N_("Can it be restored?"), width=240),
    )
    sort_key = "made"
    descending = True

    def __init__(self, folder) -> None:
        self.folder = folder
        self.added: list = []  # files chosen elsewhere
        self._info: dict = {}
        self.files: list = []
        self._named: dict = {}  # path -> its BackupFile, for the files named as ours

    def reload(self) -> None:
        """The folder is listed once here; rows, sorting and dates use what was found."""
        from cars_desktop.store.backups import list_backups

        found = list_backups(self.folder)
        for path in self.added:
            found += [b for b in list_backups(path.parent) if b.path == path]
        self._named = {b.path: b for b in found}
        self.files = [*self.added, *(b.path for b in list_backups(self.folder))]

    def info(self, number: int):
        from cars_desktop.store.backups import describe_backup

        path = self.files[number]
        if path not in self._info:
            self._info[path] = describe_backup(path)
        return self._info[path]

    def made(self, number: int) -> dt.datetime:
        path = self.files[number]
        named = self._named.get(path)
        return named.made_at if named else dt.datetime.fromtimestamp(path.stat().st_mtime)

    def ids(self) -> list[int]:
        self.reload()
        return sorted(range(len(self.files)), key=self.made, reverse=self.descending)

    def rows(self, ids: list[int]) -> dict[int, Row]:
        from cars_desktop.store.backups import KINDS

        found = {}
        for number in ids:
            path = self.files[number]
            info = self.info(number)
            named = self._named.get(path)
            if named is None:
                kind = _("A file you chose: {name}").format(name=path.name)
            elif named.kind.startswith("before-update"):
                kind = _("Before an update of the app")
            else:
                kind = _(KINDS.get(named.kind, named.kind.replace("-", " ").capitalize()))
            state = info.problem or _("Yes: it checks out")
            found[number] = Row(number, (
                f"{self.made(number):%Y-%m-%d %H:%M}", kind, self._where(path),
                "" if info.partners is None else f"{info.partners:,}",
                "" if info.contributions is None else f"{info.contributions:,}",
                f"{info.last_change:%Y-%m-%d %H:%M}" if info.last_change else "", state),
                muted=info.problem is not None,
                tones=("", "", "", "", "", "", "warn" if info.problem else "good"),
                tips=("", str(path), str(path.parent), "", "", "", info.problem or ""))
        return found

    def _where(self, path) -> str:
        """A copy on a stick must not look like the one on the laptop."""
        from cars_desktop.store.safety import drive_kind

        if path.parent == self.folder.resolve():
            return _("On this laptop")
        kind = drive_kind(path.parent)
        place = {"removable": _("USB stick or card"), "network": _("Network drive"),
                 "synced": kind[1] if kind else ""}.get(kind[0] if kind else "", "Other folder")
        return f"{place}: {path.parent}"

    def total(self) -> int:
        return len(self.files)
