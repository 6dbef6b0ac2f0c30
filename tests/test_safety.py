"""Proof that the data survives what happens to a volunteer's laptop: a program killed at any
moment (while saving, updating the data or making a backup), a full disk, damaged files,
backups made under load and restored, old backups pruned beside the volunteer's own files,
private files, and erased personal information really gone."""

import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cars_desktop.store import backups, database, migrations, partners
from cars_desktop.store.models import Partner

POSIX = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is how a crash looks on POSIX")
ROOT = Path(__file__).resolve().parent.parent
BATCH = 5  # contributions written in one transaction by the writer below


def organisation(name="Coop Évangéline", **values):
    return {"kind": "organisation", "name": name, "sector": "community",
            "partnership_type": "formal", "status": "active", "language": "fr", **values}


def child(script: str, *args: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(script), *map(str, args)],
                            stdout=subprocess.PIPE, text=True, env=env, **popen)


def raw_checks(path: Path) -> tuple[str, list]:
    connection = sqlite3.connect(path)
    try:
        return (connection.execute("PRAGMA integrity_check").fetchone()[0],
                connection.execute("PRAGMA foreign_key_check").fetchall())
    finally:
        connection.close()


# 1. Killed while saving

WRITER = """
    import datetime as dt, sys
    from cars_desktop.store import database
    from cars_desktop.store.models import db
    store = database.open_store(sys.argv[1])
    partner = int(sys.argv[2])
    first = int(sys.argv[3])
    print("ready", flush=True)
    for batch in range(first, first + 100_000):
        with database.transaction():
            db.connection().executemany(
                "INSERT INTO contribution (uuid, created_at, updated_at, partner_id, family,"
                " kind, status, amount_cents, outstanding_cents, valued_by, minutes, date,"
                " payment_method, reference, purpose, advantage_cents, advantage_description,"
                " appraised, notes, partner_sort, search_text) VALUES (?, 'c', 'c', ?, 'cash',"
                " 'one_time', 'received', 100, 0, '', 0, '2026-05-01', 'cash', '', ?, 0, '', 0,"
                " '', '', '')",
                [(f"{batch}-{n}", partner, f"batch-{batch}") for n in range(BATCH)])
        print(batch, flush=True)  # reported only once committed
""".replace("BATCH", str(BATCH))


@POSIX
def test_killed_at_random_moments_while_saving_loses_nothing_committed(data_dir):
    with database.open_store(data_dir):
        partner = partners.save_partner(organisation(), [])
    rng = random.Random(2026)
    committed: set[int] = set()
    first = 0
    runs = 100
    for _ in range(runs):
        writer = child(WRITER, data_dir, partner, first)
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.06))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        reported = {int(line) for line in out.split() if line.isdigit()}
        committed |= reported
        first = max(reported | {first}) + 1000  # batches of later runs never collide
        # every reopen: sound, linked, each transaction whole or absent
        with database.open_store(data_dir):
            assert database.integrity_report() == []
            counts = dict(database.db.execute_sql(
                "SELECT purpose, COUNT(*) FROM contribution GROUP BY purpose").fetchall())
        assert all(count == BATCH for count in counts.values()), counts
        present = {int(purpose.split("-")[1]) for purpose in counts}
        assert committed <= present  # every transaction reported committed is there
    assert len(committed) > runs  # the writer got real work done between the kills
    print(f"{runs} kills; {len(committed)} transactions reported committed, all found whole; "
          f"{len(present)} present in all, {len(present) * BATCH} rows checked")


# 2. Killed while updating the data, and while making a backup

SLOW_MIGRATION = """
    import sys
    from cars_desktop.store import database, migrations

    def grants(db):
        print("updating", flush=True)
        db.execute_sql("CREATE TABLE grant_application (id INTEGER PRIMARY KEY, note TEXT)")
        for start in range(0, 600_000, 1000):
            db.execute_sql("INSERT INTO grant_application (note) SELECT 'x' FROM"
                           " (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                           " WHERE i < 1000) SELECT i FROM n)")
        db.execute_sql("ALTER TABLE partner ADD COLUMN grant_note TEXT NOT NULL DEFAULT ''")

    print("ready", flush=True)
    steps = [*migrations.MIGRATIONS, (migrations.LATEST_VERSION + 1, "grants", grants)]
    database.open_store(sys.argv[1], migrations=steps).close()
    print("done", flush=True)
"""


@POSIX
def test_killed_while_updating_the_data_leaves_it_entirely_old_or_entirely_new(data_dir):
    old = migrations.LATEST_VERSION
    rng = random.Random(7)
    outcomes = set()
    for _ in range(12):
        shutil.rmtree(data_dir, ignore_errors=True)
        with database.open_store(data_dir):
            partners.save_partner(organisation(), [])
        updater = child(SLOW_MIGRATION, data_dir)
        assert updater.stdout.readline().strip() == "ready"
        assert updater.stdout.readline().strip() == "updating"  # inside the update's step
        time.sleep(rng.uniform(0, 0.8))
        updater.send_signal(signal.SIGKILL)
        updater.communicate()
        path = data_dir / database.DB_FILENAME
        assert raw_checks(path) == ("ok", [])
        connection = sqlite3.connect(path)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        columns = {row[1] for row in connection.execute("PRAGMA table_info(partner)")}
        rows = connection.execute("SELECT COUNT(*) FROM grant_application").fetchone()[0] \
            if "grant_application" in tables else 0
        connection.close()
        if version == old:
            assert "grant_application" not in tables and "grant_note" not in columns
            outcomes.add("old")
        else:
            assert version == old + 1 and rows == 600_000 and "grant_note" in columns
            outcomes.add("new")
        # a backup is taken before an update: never a half-written one among those offered
        for made in backups.list_backups(data_dir / "backups"):
            assert backups.describe_backup(made.path).problem is None
    assert "old" in outcomes  # the kills did land in the middle of the update
    print(f"12 kills during an update: outcomes {sorted(outcomes)}, never in between")


BACKER = """
    import sys
    from pathlib import Path
    from cars_desktop.store import backups
    print("ready", flush=True)
    while True:
        backups.make_backup(Path(sys.argv[2]), "chosen", source=Path(sys.argv[1]))
"""


@POSIX
def test_a_backup_cut_off_is_never_offered_and_is_cleaned_up(data_dir, tmp_path):
    from cars_desktop.store import sample

    with database.open_store(data_dir) as store:
        sample.fill_sample(partners=300, contributions=6000, seed=3)
        source = store.db_path
    folder = tmp_path / "usb"
    rng = random.Random(11)
    for _ in range(15):
        backer = child(BACKER, source, folder)
        assert backer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.02, 0.3))
        backer.send_signal(signal.SIGKILL)
        backer.communicate()
    leftovers = list(folder.glob("*.partial"))
    offered = backups.list_backups(folder)
    assert offered and all(b.path.suffix == ".sqlite3" for b in offered)
    assert all(backups.describe_backup(b.path).problem is None for b in offered)
    backups.remove_partials(folder)  # what the next automatic backup does first
    assert not list(folder.glob("*.partial"))
    assert len(backups.list_backups(folder)) == len(offered)
    print(f"{len(offered)} whole backups, {len(leftovers)} cut off and removed")


# 3. A full disk

FILLER = """
    import datetime as dt, json, subprocess, sys
    from pathlib import Path
    mount = Path(sys.argv[1])
    if sys.argv[2] == "tmpfs":
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(mount)],
                       check=True)
    else:  # no mounting allowed: each file may not grow past a limit (EFBIG, not ENOSPC)
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (800_000, resource.RLIM_INFINITY))
    from cars_desktop.store import contributions, database, partners
    from cars_desktop.store.models import Contribution
    found = {"saved": 0}
    ballast = mount / "ballast"
    with database.open_store(mount / "data"):
        pid = partners.save_partner({"kind": "organisation", "name": "X", "sector": "public",
                                     "partnership_type": "formal", "status": "active",
                                     "language": "en"}, [])
        gift = {"partner_id": pid, "family": "cash", "kind": "one_time",
                "status": "received", "amount": "5", "date": dt.date(2026, 1, 1),
                "payment_method": "cash"}
        if sys.argv[2] == "tmpfs":
            ballast.write_bytes(b"x" * 300_000)  # someone else's file, freed later
        try:
            for number in range(1000):
                contributions.save_contribution({**gift, "notes": f"gift {number} " + "x" * 3900})
                found["saved"] += 1
        except database.StoreError as err:
            found["error"] = str(err)
        found["after_error"] = Contribution.select().count()
        found["sound"] = database.integrity_report()
        if sys.argv[2] == "tmpfs":
            ballast.unlink()  # space is freed: the app works again
            contributions.save_contribution({**gift, "notes": "after freeing space"})
            found["after_freeing"] = Contribution.select().count()
    print(json.dumps(found), flush=True)
"""


@POSIX
def test_a_full_disk_says_so_and_half_writes_nothing(tmp_path):
    mount = tmp_path / "small-disk"
    mount.mkdir()
    way = "tmpfs" if shutil.which("unshare") and subprocess.run(
        ["unshare", "-rm", "true"], capture_output=True).returncode == 0 else "limit"
    command = ["unshare", "-rm"] if way == "tmpfs" else []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*command, sys.executable, "-c", textwrap.dedent(FILLER), str(mount),
                           way], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["saved"] >= 1  # it did work before the disk filled
    assert found["after_error"] == found["saved"]  # nothing of the failed gift
    assert found["sound"] == []
    if way == "tmpfs":
        assert found["error"].startswith("The disk is full, so nothing was saved.")
        assert found["after_freeing"] == found["saved"] + 1
    else:
        assert "nothing was saved" in found["error"]


# 5. Damaged files


def _sample_file(data_dir) -> Path:
    with database.open_store(data_dir) as store:
        for number in range(200):
            partners.save_partner(organisation(f"Partner {number}", notes="x" * 400), [])
        return store.db_path


@pytest.mark.parametrize("damage", ["first page", "inner page", "truncated", "not ours",
                                    "newer"])
def test_damaged_files_are_refused_or_read_only_and_left_unchanged(data_dir, damage):
    path = _sample_file(data_dir)
    raw = bytearray(path.read_bytes())
    if damage == "first page":
        raw[100:400] = bytes(300)  # the schema's own page
    elif damage == "inner page":
        page = 4096 * (len(raw) // 4096 // 2)
        raw[page:page + 2000] = os.urandom(2000)
    elif damage == "truncated":
        raw = raw[:len(raw) // 3]
    elif damage == "not ours":
        raw[68:72] = (1234).to_bytes(4, "big")
    elif damage == "newer":
        raw[60:64] = (migrations.LATEST_VERSION + 1).to_bytes(4, "big")
    path.write_bytes(raw)
    before = path.read_bytes()
    try:
        store = database.open_store(data_dir, check_in_background=True)
    except database.StoreError as err:
        refused = err
    else:
        refused = None
        problem = database.damage_found()
        assert problem and "damaged" in problem
        with pytest.raises(database.DamagedFile):  # never written to
            partners.save_partner(organisation("After the damage"), [])
        store.close()
    if refused is not None:
        assert isinstance(refused, (database.DamagedFile, database.NotOurFile,
                                    database.NewerFile))
        assert "nothing" in str(refused) or "not changed" in str(refused)
    assert path.read_bytes() == before


def test_restoring_over_a_damaged_file_keeps_its_bytes(data_dir):
    path = _sample_file(data_dir)
    with database.open_store(data_dir) as store:
        good = backups.make_backup(store.backup_dir, "chosen")
    raw = bytearray(path.read_bytes())
    raw[100:400] = bytes(300)
    path.write_bytes(raw)
    kept = backups.restore_backup(data_dir, good)
    assert kept.name.startswith("cars-desktop-damaged-") and kept.read_bytes() == raw
    with database.open_store(data_dir):
        assert database.integrity_report() == [] and Partner.select().count() == 200


# 6. A backup under load, restored elsewhere; a bad backup refused

LOADER = """
    import sys
    from cars_desktop.store import database, partners
    store = database.open_store(sys.argv[1])
    print("ready", flush=True)
    for number in range(100_000):
        partners.save_partner({"kind": "person", "name": f"Load {number:06d}",
                               "sector": "community", "partnership_type": "casual",
                               "status": "active", "language": "en"}, [])
        print(number, flush=True)
"""


@POSIX
def test_a_backup_taken_while_writing_restores_exactly_what_it_saw(data_dir, tmp_path):
    database.open_store(data_dir).close()
    loader = child(LOADER, data_dir)
    assert loader.stdout.readline().strip() == "ready"
    time.sleep(0.3)
    made = backups.make_backup(tmp_path / "usb", "chosen", source=data_dir / "cars-desktop.sqlite3")
    time.sleep(0.2)
    loader.send_signal(signal.SIGKILL)
    out, _ = loader.communicate()
    written = len([line for line in out.split() if line.isdigit()])
    copy = sqlite3.connect(made)
    names = [row[0] for row in copy.execute("SELECT name FROM partner ORDER BY name")]
    copy.close()
    # a moment of the data: every partner up to some point, none missing in between
    assert names == [f"Load {number:06d}" for number in range(len(names))]
    assert 0 < len(names) <= written
    elsewhere = tmp_path / "new-laptop"
    assert backups.restore_backup(elsewhere, made) is None  # nothing there to keep
    with database.open_store(elsewhere):
        assert [p.name for p in Partner.select().order_by(Partner.name)] == names
        assert database.integrity_report() == []


def test_a_bad_backup_is_refused_and_the_data_untouched(data_dir, tmp_path):
    path = _sample_file(data_dir)
    before = path.read_bytes()
    bad = tmp_path / "cars-desktop-chosen-2026-01-01_000000.sqlite3"
    good_bytes = bytearray(before)
    good_bytes[4096 * 3:4096 * 3 + 1000] = os.urandom(1000)
    bad.write_bytes(good_bytes)
    notes = tmp_path / "notes.sqlite3"
    sqlite3.connect(notes).execute("CREATE TABLE t (x)").connection.close()
    for wrong, why in ((bad, "damaged"), (notes, "not a CARS Desktop backup"),
                       (tmp_path / "missing.sqlite3", "empty or missing")):
        with pytest.raises(backups.BackupError, match=why):
            backups.restore_backup(data_dir, wrong)
        assert path.read_bytes() == before
        assert not (data_dir / "backups").exists() or not any(
            p.name.startswith("cars-desktop-before-restore") for p in
            (data_dir / "backups").iterdir())


# 7. Retention


def test_a_year_of_daily_backups_prunes_only_the_apps_own(data_dir):
    with database.open_store(data_dir) as store:
        partners.save_partner(organisation(), [])
        folder = store.backup_dir
        folder.mkdir(parents=True, exist_ok=True)
        mine = {"notes.txt": b"board meeting notes",
                "2026-01-15 accounts.sqlite3": b"a spreadsheet export",
                "cars-desktop-automatic-2025-12-31_120000.sqlite3": b"not a database at all"}
        for name, content in mine.items():
            (folder / name).write_bytes(content)
        chosen = backups.make_backup(folder, "chosen", dt.datetime(2026, 1, 2, 9, 0))
        live_before = store.db_path.read_bytes()
        day = dt.datetime(2026, 1, 1, 9, 0)
        for _ in range(365):
            backups.automatic_backup(folder, now=day, source=store.db_path)
            day += dt.timedelta(days=1)
        automatic = [b for b in backups.list_backups(folder) if b.kind == "automatic"
                     and backups.describe_backup(b.path).problem is None]
        assert [b.made_at.date() for b in automatic] == [
            (day - dt.timedelta(days=n)).date() for n in range(1, backups.KEEP_AUTOMATIC + 1)]
        for name, content in mine.items():
            assert (folder / name).read_bytes() == content  # the volunteer's files stay
        assert chosen.exists()  # a copy the volunteer made is never pruned
        assert store.db_path.read_bytes() == live_before


# 8. Private files, nothing personal in the logs


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_and_folders_are_private_and_the_log_names_no_one(data_dir, tmp_path):
    with database.open_store(data_dir) as store:
        partners.save_partner(organisation("Quincaillerie Secrète", email="secret@example.ca",
                                           phone="204-555-0188"), [])
        backups.make_backup(store.backup_dir, "chosen")
        backups.automatic_backup(store.backup_dir)
    made = [data_dir, *data_dir.rglob("*")]
    for path in made:
        mode = path.stat().st_mode & 0o777
        if path.name == database.LOCK_FILENAME:
            continue  # the lock holds nothing
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
    log = data_dir / "cars-desktop-errors.log"
    crash = child("""
        import sys
        from cars_desktop.ui import app
        from cars_desktop.store import database, partners
        from cars_desktop.store.models import Partner
        store = database.open_store(sys.argv[1])
        partner = Partner.get()
        try:
            try:  # a failure whose message holds a partner's details
                raise KeyError(f"{partner.name} {partner.email} {partner.phone} $1,234.56")
            except KeyError as inner:
                raise RuntimeError(f"while saving {partner.name}") from inner
        except Exception as err:
            app._write_crash_log(store.data_dir, type(err), err, err.__traceback__)
        store.close()
    """, data_dir, stderr=subprocess.PIPE)
    crash.communicate()
    text = log.read_text() if log.exists() else ""
    assert text, "a crash is logged"
    assert "RuntimeError" in text and "KeyError" in text  # what failed, and where
    for secret in ("Secrète", "secret@example.ca", "555-0188", "1,234.56"):
        assert secret not in text
    assert log.stat().st_mode & 0o077 == 0


# 9. Erased means gone from the file and its log


def test_erased_details_leave_no_trace_in_the_file_or_its_log(data_dir):
    secrets = ["Zéphirine Quennevilleabc", "zephirine.q@example.ca", "204-555-0199",
               "17 rue Uniquexyz", "Contactname Uniqueperson", "cu.unique@example.org",
               "Shared goal Uniquegoal"]
    with database.open_store(data_dir) as store:
        pid = partners.save_partner(
            {**organisation(secrets[0]), "kind": "person", "email": secrets[1],
             "phone": secrets[2], "address_line1": secrets[3], "shared_goal": secrets[6]},
            [{"name": secrets[4], "email": secrets[5]}])
        for number in range(50):  # other partners around it, as in life
            partners.save_partner(organisation(f"Neighbour {number}"), [])
        partners.erase_personal_information(pid)
        files = [p for p in data_dir.iterdir() if p.name.startswith(database.DB_FILENAME)]
        content = b"".join(p.read_bytes() for p in files)
        assert store.db_path in files
    from cars_desktop.core.text import fold

    for secret in secrets:
        for form in {secret, fold(secret)}:
            for part in form.split():
                if len(part) > 6:
                    assert part.encode() not in content, part


def test_a_write_refused_by_a_read_only_file_is_told_by_its_result_code(tmp_path):
    """SQLite's result code, not the words of its message, says what went wrong."""
    import sqlite3

    from cars_desktop.store import sqlite_errors

    path = tmp_path / "x.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (a)").connection.close()
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as raised:
        reader.execute("INSERT INTO t VALUES (1)")
    assert sqlite_errors.result_code(raised.value) == sqlite_errors.READONLY
    try:
        raise RuntimeError("wrapped") from raised.value  # as Peewee wraps it
    except RuntimeError as wrapped:
        assert sqlite_errors.result_code(wrapped) == sqlite_errors.READONLY
    path.write_bytes(b"not a database at all, just some text" * 100)
    with pytest.raises(sqlite3.DatabaseError) as damaged:
        sqlite3.connect(path).execute("SELECT * FROM sqlite_master")
    assert sqlite_errors.is_damage(damaged.value)


# 6. A file another program holds open (Windows)

def _held(winerror: int):
    err = PermissionError(13, "Access is denied")
    err.winerror = winerror
    return err


def test_a_pdf_held_open_for_a_moment_is_replaced_when_it_is_let_go(tmp_path, monkeypatch):
    """An antivirus or the search indexer reads the new file for a moment: tried again."""
    from cars_desktop.core import files
    from cars_desktop.documents.output import write_whole

    target = tmp_path / "letters.pdf"
    target.write_bytes(b"last month's letters")
    real, refusals = os.replace, [_held(32), _held(32)]

    def busy(source, destination):
        if refusals:
            raise refusals.pop()
        real(source, destination)

    monkeypatch.setattr(files.os, "replace", busy)
    monkeypatch.setattr(files, "PAUSE", 0.001)
    assert write_whole(target, lambda partial: (Path(partial).write_bytes(b"new"), 1)[1]) == 1
    assert target.read_bytes() == b"new" and not list(tmp_path.glob(".*.partial"))


def test_a_pdf_kept_open_in_a_reader_says_so_and_changes_nothing(tmp_path, monkeypatch):
    from cars_desktop.core import files
    from cars_desktop.documents.output import write_whole

    target = tmp_path / "letters.pdf"
    target.write_bytes(b"last month's letters")

    def held(source, destination):
        raise _held(32)

    monkeypatch.setattr(files.os, "replace", held)
    monkeypatch.setattr(files, "PAUSE", 0.001)
    with pytest.raises(files.HeldOpen) as said:
        write_whole(target, lambda partial: (Path(partial).write_bytes(b"new"), 1)[1])
    assert said.value.strerror.startswith("the file is open in another program")
    assert target.read_bytes() == b"last month's letters"
    assert not list(tmp_path.glob(".*.partial"))


def test_a_refusal_that_is_not_another_program_is_not_tried_again(tmp_path, monkeypatch):
    from cars_desktop.core import files

    calls = []

    def refused(source, destination):
        calls.append(1)
        raise PermissionError(13, "Permission denied")  # a read-only folder: no winerror

    monkeypatch.setattr(files.os, "replace", refused)
    with pytest.raises(PermissionError) as said:
        files.replace(tmp_path / "a", tmp_path / "b")
    assert not isinstance(said.value, files.HeldOpen) and calls == [1]
