"""Change packs: how laptops share their changes through a folder (a USB stick, or a folder a
sync tool shares), with no server.

In the folder ("CARS Desktop changes"):
- `<laptop>-<first>-<last>.carspack`: one laptop's changes, numbers `first` to `last`
  (gzip'd JSON, with the data version that wrote them and the SHA-256 of its changes);
- `<laptop>.laptop.json`: what each laptop has applied, so that packs every laptop has
  applied can be removed;
- `group-data.sqlite` and `group-data.json`: a copy of the whole data, for a laptop that
  joins after packs were removed, and which changes it holds;
- `group.json`: which group the folder is for, so that another group's stick is refused.

Every file is written beside its place and then moved there, so that a pulled stick leaves
no half pack; applying is one transaction, so that a killed sync leaves nothing half applied."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import sqlite3
import uuid
import zlib
from pathlib import Path
from typing import Any

from cars_desktop.core import files
from cars_desktop.i18n import _, ngettext
from cars_desktop.store import laptop
from cars_desktop.store.change_merge import Entry, Merger, well_formed
from cars_desktop.store.errors import StoreError
from cars_desktop.store.migrations import LATEST_VERSION
from cars_desktop.store.models import db

FOLDER_NAME = "CARS Desktop changes"
FORMAT = "cars-desktop change pack"
SNAPSHOT, SNAPSHOT_NOTE, GROUP_FILE = "group-data.sqlite", "group-data.json", "group.json"
_PACK = re.compile(r"^([0-9a-f-]{36})-(\d{8})-(\d{8})\.carspack$")


class PackError(StoreError):
    """The folder cannot be used (another group's, or not writable), in plain words."""


@dataclasses.dataclass
class SyncReport:
    written: int = 0  # this laptop's changes written to the folder
    pack_bytes: int = 0
    applied: int = 0  # other laptops' changes applied here
    from_volunteers: list[str] = dataclasses.field(default_factory=list)
    to_settle: int = 0
    set_aside: list[str] = dataclasses.field(default_factory=list)
    problems: list[str] = dataclasses.field(default_factory=list)  # packs refused, waiting
    removed: int = 0  # packs every laptop had applied, removed from the folder
    folder: Path = Path()


def changes_folder(chosen: Path) -> Path:
    """The folder the packs go in: the chosen one if it already holds them, else a folder of
    their own inside it (a stick's top stays tidy)."""
    if chosen.name == FOLDER_NAME or (chosen / GROUP_FILE).exists():
        return chosen
    return chosen / FOLDER_NAME


def _write(path: Path, data: bytes) -> None:
    """Beside its place, flushed to the disk, then moved there: never half a file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with open(partial, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        files.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def applied_here() -> dict[str, int]:
    """Each laptop's last change this data holds."""
    return dict(db.execute_sql("SELECT laptop, max(seq) FROM change_log GROUP BY laptop"
                               ).fetchall())


# --- reading packs -------------------------------------------------------------------------
@dataclasses.dataclass
class Pack:
    path: Path
    laptop: str
    first: int
    last: int


def packs_in(folder: Path) -> list[Pack]:
    found = []
    for path in sorted(folder.glob("*.carspack")):
        match = _PACK.match(path.name)
        if match:
            found.append(Pack(path, match[1], int(match[2]), int(match[3])))
    return found


def read_pack(pack: Pack) -> list[Entry]:
    """A pack's changes, checked: a pack cut off, altered, or made by a newer version is
    refused (a `PackError` saying which and why), and nothing of it is applied."""
    name = pack.path.name
    try:
        body = json.loads(gzip.decompress(pack.path.read_bytes()))
        header, rows = body["header"], body["changes"]
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile, ValueError, KeyError, TypeError):
        raise PackError(_("The pack {name} is cut off or damaged (perhaps the stick was "
                          "pulled out while it was written). It was not applied; sync again "
                          "on the laptop that wrote it.").format(name=name)) from None
    if header.get("format") != FORMAT:
        raise PackError(_("{name} is not a CARS Desktop change pack.").format(name=name))
    if header.get("data_version", 0) > LATEST_VERSION:
        raise PackError(_("The pack {name} was written by a newer CARS Desktop (data version "
                          "{version}). Update CARS Desktop on this laptop, then sync again."
                          ).format(name=name, version=header.get("data_version")))
    if (_digest(rows) != header.get("sha256") or header.get("laptop") != pack.laptop
            or [row[0] for row in rows] != list(range(pack.first, pack.last + 1))):
        raise PackError(_("The pack {name} was altered since it was written. It was not "
                          "applied.").format(name=name))
    try:
        entries = [Entry(pack.laptop, *row) for row in rows]
    except TypeError:
        entries = []
    if len(entries) != len(rows) or not all(well_formed(entry) for entry in entries):
        raise PackError(_("{name} is not a CARS Desktop change pack.").format(name=name))
    return entries


def _digest(rows: list) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, separators=(",", ":"),
                                     sort_keys=True).encode()).hexdigest()


# --- one sync ------------------------------------------------------------------------------
def sync(chosen: Path) -> SyncReport:
    """Apply the other laptops' packs found in the folder, then write this laptop's changes
    since its last pack there, then remove the packs every laptop has applied."""
    from cars_desktop.store.database import transaction

    folder = changes_folder(chosen)
    report = SyncReport(folder=folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _check_group(folder)
    except OSError as err:
        raise _folder_problem(folder, err) from None
    me = laptop.laptop_id()
    packs = packs_in(folder)
    entries = _to_apply(folder, packs, me, report)
    if entries:
        with transaction():
            db.execute_sql("UPDATE sync_local SET value = '1' WHERE key = 'applying'")
            applied = Merger().apply(entries)
            db.execute_sql("UPDATE sync_local SET value = '0' WHERE key = 'applying'")
        report.applied, report.to_settle = applied.changes, applied.to_settle
        report.set_aside = applied.set_aside
        report.from_volunteers = sorted({e.volunteer for e in entries if e.volunteer})
    try:
        _write_own(folder, me, packs, report)
        _write_json(folder / f"{me}.laptop.json",
                    {"volunteer": laptop.volunteer(), "applied": applied_here(),
                     "data_version": LATEST_VERSION,
                     "synced_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
        report.removed = _tidy(folder, packs)
    except OSError as err:
        raise _folder_problem(folder, err) from None
    return report


def _folder_problem(folder: Path, err: OSError) -> PackError:
    return PackError(_("The folder {folder} could not be written: {reason}. The changes "
                       "already applied here are kept; sync again when the folder (or stick) "
                       "is back.").format(folder=folder, reason=err.strerror or err))


def _write_json(path: Path, value: dict[str, Any]) -> None:
    _write(path, json.dumps(value, ensure_ascii=False, indent=1).encode())


def _check_group(folder: Path) -> None:
    """The folder is this group's: the first laptop names it; a laptop that never synced
    joins it; a laptop of another group is refused."""
    mine = db.execute_sql("SELECT value FROM sync_local WHERE key = 'group'").fetchone()
    mine = mine[0] if mine else ""
    found = _read_json(folder / GROUP_FILE)
    if found is None:
        group = mine or str(uuid.uuid4())
        name = db.execute_sql("SELECT name FROM group_profile LIMIT 1").fetchone()
        _write_json(folder / GROUP_FILE, {"group": group, "name": name[0] if name else ""})
    else:
        group = str(found.get("group", ""))
        if mine and group != mine:
            raise PackError(_("The folder {folder} holds the changes of another group "
                              "({name}). Nothing was changed. Choose the folder your group "
                              "shares.").format(folder=folder, name=found.get("name") or "?"))
    if group != mine:
        with db.atomic():
            db.execute_sql("INSERT OR REPLACE INTO sync_local (key, value) VALUES ('group', ?)",
                           (group,))


def _to_apply(folder: Path, packs: list[Pack], me: str, report: SyncReport) -> list[Entry]:
    """The changes not yet here, each laptop's in order: a pack refused, or one missing
    before it, leaves that laptop's later changes waiting."""
    have = applied_here()
    entries = _from_snapshot(folder, me, have, report)
    for other in sorted({pack.laptop for pack in packs if pack.laptop != me}):
        upto = have.get(other, 0)
        for pack in sorted((p for p in packs if p.laptop == other), key=lambda p: p.first):
            if pack.last <= upto:
                continue
            if pack.first > upto + 1:
                report.problems.append(_("Some changes of another laptop are missing from the "
                                         "folder ({name}); its later changes wait until they "
                                         "come.").format(name=pack.path.name))
                break
            try:
                found = read_pack(pack)
            except PackError as err:
                report.problems.append(str(err))
                break
            entries += [entry for entry in found if entry.seq > upto]
            upto = pack.last
    return entries


def _from_snapshot(folder: Path, me: str, have: dict[str, int],
                   report: SyncReport) -> list[Entry]:
    """Changes whose packs were removed before this laptop first came (it had data of its
    own, so it did not start from the group's copy): read from that copy's history."""
    from cars_desktop.store.backups import describe_backup

    note = _read_json(folder / SNAPSHOT_NOTE)
    behind = {laptop: seq for laptop, seq in ((note or {}).get("applied") or {}).items()
              if laptop != me and int(seq) > have.get(laptop, 0)}
    if not behind:
        return []
    snapshot = folder / SNAPSHOT
    problem = describe_backup(snapshot).problem if snapshot.exists() else _("it is missing")
    if problem:
        report.problems.append(_("The group's copy of its data in the folder cannot be read "
                                 "({problem}): some older changes wait.").format(
            problem=problem))
        return []
    entries = []
    connection = sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    try:
        for other, seq in behind.items():
            rows = connection.execute(
                "SELECT seq, stamp, volunteer, tbl, row_uuid, op, fields, undoes FROM change_log"
                " WHERE laptop = ? AND seq > ? AND seq <= ? ORDER BY seq",
                (other, have.get(other, 0), int(seq))).fetchall()
            entries += [entry for entry in (
                Entry(other, row[0], row[1], row[2], row[3], row[4], row[5],
                      json.loads(row[6]), row[7]) for row in rows) if well_formed(entry)]
            have[other] = max([have.get(other, 0)] + [row[0] for row in rows])
    finally:
        connection.close()
    return entries


def _write_own(folder: Path, me: str, packs: list[Pack], report: SyncReport) -> None:
    """This laptop's changes the folder does not have yet, as one pack."""
    there = max([p.last for p in packs if p.laptop == me]
                + [_applied_by_others(folder, me)], default=0)
    rows = [[seq, stamp, volunteer, tbl, row_uuid, op, json.loads(fields), undoes]
            for seq, stamp, volunteer, tbl, row_uuid, op, fields, undoes in db.execute_sql(
                "SELECT seq, stamp, volunteer, tbl, row_uuid, op, fields, undoes FROM"
                " change_log WHERE laptop = ? AND seq > ? ORDER BY seq", (me, there))]
    if not rows:
        return
    header = {"format": FORMAT, "data_version": LATEST_VERSION, "laptop": me,
              "volunteer": laptop.volunteer(), "sha256": _digest(rows),
              "written_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    data = gzip.compress(json.dumps({"header": header, "changes": rows}, ensure_ascii=False,
                                    separators=(",", ":")).encode(), mtime=0)
    _write(folder / f"{me}-{rows[0][0]:08d}-{rows[-1][0]:08d}.carspack", data)
    report.written, report.pack_bytes = len(rows), len(data)


def _statuses(folder: Path) -> list[dict[str, int]]:
    found = []
    for path in folder.glob("*.laptop.json"):
        status = _read_json(path)
        if status and isinstance(status.get("applied"), dict):
            found.append(status["applied"])
    return found


def _applied_by_others(folder: Path, me: str) -> int:
    """How far this laptop's changes already reached the folder, its packs removed since."""
    snapshot = _read_json(folder / SNAPSHOT_NOTE) or {}
    return max([int(s.get(me, 0)) for s in _statuses(folder)]
               + [int(snapshot.get("applied", {}).get(me, 0))], default=0)


def _tidy(folder: Path, packs: list[Pack]) -> int:
    """Remove the packs every laptop has applied, after a copy of the whole data that holds
    them is in the folder (for a laptop that joins later)."""
    statuses = _statuses(folder)
    done = [pack for pack in packs if pack.path.exists()
            and all(int(s.get(pack.laptop, 0)) >= pack.last for s in statuses)]
    if not done and (folder / SNAPSHOT).exists():
        return 0
    _write_snapshot(folder)
    for pack in done:
        pack.path.unlink(missing_ok=True)
    for partial in folder.glob(".*.partial"):  # left by a stick pulled out mid-write
        partial.unlink(missing_ok=True)
    return len(done)


def _write_snapshot(folder: Path) -> None:
    from cars_desktop.store.backups import make_backup

    copy = make_backup(folder, "group-data")
    files.replace(copy, folder / SNAPSHOT)
    _write_json(folder / SNAPSHOT_NOTE, {"applied": applied_here(),
                                         "data_version": LATEST_VERSION})


def can_join(chosen: Path) -> Path | None:
    """The group's copy of its data in the folder, for a laptop with no data yet."""
    snapshot = changes_folder(chosen) / SNAPSHOT
    return snapshot if snapshot.is_file() else None


def summary(report: SyncReport) -> list[str]:
    """What a sync did, in a few plain sentences."""
    lines = [ngettext("{count} change of other laptops applied here.",
                      "{count} changes of other laptops applied here.", report.applied
                      ).format(count=report.applied)]
    if report.from_volunteers:
        lines[-1] += " " + _("From: {names}.").format(names=", ".join(report.from_volunteers))
    lines.append(ngettext("{count} change of this laptop written to the folder.",
                          "{count} changes of this laptop written to the folder.",
                          report.written).format(count=report.written))
    if report.to_settle:
        lines.append(ngettext(
            "{count} field was changed on two laptops: both values wait in Changes to settle.",
            "{count} fields were changed on two laptops: both values wait in Changes to "
            "settle.", report.to_settle).format(count=report.to_settle))
    if report.set_aside:
        lines.append(ngettext("{count} change was set aside: what it changed was deleted.",
                              "{count} changes were set aside: what they changed was "
                              "deleted.", len(report.set_aside)).format(
            count=len(report.set_aside)))
    if report.removed:
        lines.append(ngettext("{count} pack every laptop had applied was removed.",
                              "{count} packs every laptop had applied were removed.",
                              report.removed).format(count=report.removed))
    return lines + report.problems
