"""What SQLite said went wrong, by its result code rather than by the words of its message
(which change between versions and could one day be translated)."""

from __future__ import annotations

import sqlite3

# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code keeps the
# primary one in its low byte.
BUSY, LOCKED, READONLY, IOERR, CORRUPT, FULL, CANTOPEN, NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def result_code(err: BaseException) -> int | None:
    """The primary result code of `err` or of the SQLite error behind it (Peewee wraps it)."""
    seen: BaseException | None = err
    for _attempt in range(6):
        if seen is None:
            return None
        code = getattr(seen, "sqlite_errorcode", None)
        if isinstance(code, int):
            return code & 0xFF
        seen = seen.__cause__ or seen.__context__
    return None


def is_damage(err: BaseException) -> bool:
    """The file is damaged or is not a database at all."""
    return isinstance(err, sqlite3.DatabaseError) and result_code(err) in (CORRUPT, NOTADB)
