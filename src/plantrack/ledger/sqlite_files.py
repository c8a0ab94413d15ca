"""Opening the SQLite file: where it may be written, read-only opens, and its errors."""

from __future__ import annotations

import errno
import os
import sqlite3
import time
from pathlib import Path

from plantrack.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    PlantrackError,
    ValidationError,
    WriteError,
    quoted,
)
from plantrack.i18n import say

BUSY_TIMEOUT_MS = 30_000


def ledger_path(location: str) -> Path:
    """The file a location names: a path or sqlite:///path; file: URIs are refused."""
    text = location.removeprefix("sqlite://")
    if not text.strip():
        raise ValidationError(say("err.ledger.empty_location"))
    if text.startswith("file:") or text == ":memory:":
        raise ValidationError(say("err.ledger.file_uri", location=repr(location)))
    return Path(text)


# --------------------------------------------------------------------------- connecting


def connect(path: Path, write: bool) -> sqlite3.Connection:
    """A connection to an existing ledger file (reading) or to one that may be created."""
    if path.is_dir():
        raise DatabaseCorruptError(say("err.ledger.is_folder", path=path))
    if not write:
        conn = _read_only(path)
    else:
        _check_writable(path)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def writer_settings(conn: sqlite3.Connection) -> None:
    """WAL, full syncs and a page cache for writing: set only once the file is known to be
    a plantrack ledger (WAL mode is written into the file's header)."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            # A new ledger turns to WAL only with the file to itself, and SQLite does not
            # wait for that: writers setting up one ledger at once failed "busy" at once
            # (9 of 320 in a test). They wait as for any lock, then look again.
            code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
            if code != _BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
    conn.execute("PRAGMA synchronous = FULL")
    # Bulk imports insert random ids into the unique index; a 32 MiB page
    # cache (allocated only as used) keeps that from thrashing.
    conn.execute(f"PRAGMA cache_size = {-32 * 1024}")


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write, even when the folder is not writable."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error as exc:
        conn.close()
        if getattr(exc, "sqlite_errorname", "") not in (
            "SQLITE_READONLY_DIRECTORY", "SQLITE_CANTOPEN", "SQLITE_READONLY_CANTINIT",
        ):  # fmt: skip
            raise
    # A WAL database needs its -shm index, which SQLite cannot create in a folder
    # we may not write. The index is missing only when no connection is open.
    # Then the database file is complete unless the log still holds committed
    # changes (a writer that was killed, or the log of a full disk): read as
    # immutable, SQLite would not see them, so refuse rather than show less.
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise DatabaseReadOnlyError(say("err.ledger.unseen_changes", path=path, wal=wal.name))
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)


def _check_writable(path: Path) -> None:
    """Fail before SQLite leaves -wal/-shm files behind in a place we cannot write."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise DatabaseReadOnlyError(say("err.ledger.parent_not_folder", path=path, folder=folder))
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(exc, folder) from None
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseReadOnlyError(say("err.ledger.read_only", where=path,
                                        unsaved=say("err.ledger.unsaved")))  # fmt: skip
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseReadOnlyError(say("err.ledger.folder_read_only", folder=folder))


# --------------------------------------------------------------------------- errors

# SQLite primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def sqlite_error(exc: sqlite3.Error, path: Path, *, write: bool = True) -> PlantrackError:
    """Map a sqlite3 error to the domain error (and exit code) a user should see."""
    msg = str(exc).lower()
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    unsaved = say("err.ledger.unsaved") if write else ""
    if code in (_BUSY, _LOCKED) or "locked" in msg or "busy" in msg:
        return DatabaseBusyError(say("err.ledger.busy", path=path, unsaved=unsaved))
    if code == _READONLY or "readonly" in msg or "read-only" in msg:
        return DatabaseReadOnlyError(say("err.ledger.read_only", where=path, unsaved=unsaved))
    if code in (_CORRUPT, _NOTADB) or "not a database" in msg or "malformed" in msg:
        return DatabaseCorruptError(say("err.ledger.not_plantrack", path=path))
    if code == _FULL or "disk is full" in msg:
        return WriteError(say("err.ledger.disk_full", path=path, unsaved=unsaved))
    if code == _CANTOPEN or "unable to open" in msg:
        if write:
            return DatabaseReadOnlyError(say("err.ledger.cannot_open_write", path=path,
                                             folder=path.parent))  # fmt: skip
        return DatabaseReadOnlyError(say("err.ledger.cannot_open_read", path=path))
    if code == _IOERR or "disk i/o" in msg:
        return WriteError(say("err.ledger.io_error", path=path, unsaved=unsaved))
    # Anything else on a file that passed the schema check (no such table or column,
    # an unsupported file format, text that is not UTF-8) is a damaged ledger: SQLite's
    # own words, quoted (or a migration's, as said: sqlite_migrations.ChangedTable).
    reason = getattr(exc, "said", None) or quoted(str(exc), 100)
    return DatabaseCorruptError(say("err.ledger.damaged", where=path, reason=reason))


def os_error(exc: OSError, path: Path, *, write: bool = True) -> PlantrackError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        denied = "err.ledger.write_denied" if write else "err.ledger.read_denied"
        return DatabaseReadOnlyError(say(denied, path=path))
    if exc.errno == errno.ENOSPC:
        return WriteError(say("err.ledger.disk_full", path=path,
                              unsaved=say("err.ledger.unsaved")))  # fmt: skip
    failed = "err.ledger.cannot_write" if write else "err.ledger.cannot_read"
    return WriteError(say(failed, path=path, reason=exc.strerror))
