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

BUSY_TIMEOUT_MS = 30_000


def ledger_path(location: str) -> Path:
    """The file a location names: a path or sqlite:///path; file: URIs are refused."""
    text = location.removeprefix("sqlite://")
    if not text.strip():
        raise ValidationError("the ledger location is empty")
    if text.startswith("file:") or text == ":memory:":
        raise ValidationError(
            f"ledger {location!r}: give a file path (or sqlite:///path); file: URIs and "
            ":memory: are refused, so that what is recorded is kept"
        )
    return Path(text)


# --------------------------------------------------------------------------- connecting


def connect(path: Path, write: bool) -> sqlite3.Connection:
    """A connection to an existing ledger file (reading) or to one that may be created."""
    if path.is_dir():
        raise DatabaseCorruptError(f"database path {path} is a folder, not a file")
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
        raise DatabaseReadOnlyError(
            f"database {path} has changes in {wal.name} that a read-only open cannot see "
            f"(its folder is not writable); open it once with write access"
        )
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None)


def _check_writable(path: Path) -> None:
    """Fail before SQLite leaves -wal/-shm files behind in a place we cannot write."""
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise DatabaseReadOnlyError(f"cannot create database {path}: {folder} is not a folder")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(exc, folder) from None
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseReadOnlyError(f"database {path} is read-only; nothing was saved")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise DatabaseReadOnlyError(
            f"folder {folder} is not writable (SQLite keeps its journal beside the "
            "database); nothing was saved"
        )


# --------------------------------------------------------------------------- errors

# SQLite primary result codes (the low byte of an extended code).
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26


def sqlite_error(exc: sqlite3.Error, path: Path, *, write: bool = True) -> PlantrackError:
    """Map a sqlite3 error to the domain error (and exit code) a user should see."""
    msg = str(exc).lower()
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    unsaved = "; nothing was saved" if write else ""
    if code in (_BUSY, _LOCKED) or "locked" in msg or "busy" in msg:
        return DatabaseBusyError(
            f"database {path} is busy: another plantrack is writing; try again{unsaved}"
        )
    if code == _READONLY or "readonly" in msg or "read-only" in msg:
        return DatabaseReadOnlyError(f"database {path} is read-only{unsaved}")
    if code in (_CORRUPT, _NOTADB) or "not a database" in msg or "malformed" in msg:
        return DatabaseCorruptError(f"database {path} is damaged or not a plantrack database")
    if code == _FULL or "disk is full" in msg:
        return WriteError(f"disk full while writing {path}{unsaved}")
    if code == _CANTOPEN or "unable to open" in msg:
        if write:
            return DatabaseReadOnlyError(
                f"cannot open database {path} for writing (is {path.parent} writable?)"
            )
        return DatabaseReadOnlyError(f"cannot open database {path} for reading (permission?)")
    if code == _IOERR or "disk i/o" in msg:
        return WriteError(f"I/O error on database {path}{unsaved}")
    # Anything else on a file that passed the schema check (no such table or column,
    # an unsupported file format, text that is not UTF-8) is a damaged ledger.
    return DatabaseCorruptError(f"database {path} is damaged: {quoted(str(exc), 100)} "
                                "(see plantrack doctor)")  # fmt: skip


def os_error(exc: OSError, path: Path, *, write: bool = True) -> PlantrackError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        doing = "write to" if write else "read"
        return DatabaseReadOnlyError(f"cannot {doing} {path}: permission denied")
    if exc.errno == errno.ENOSPC:
        return WriteError(f"disk full while writing {path}; nothing was saved")
    return WriteError(f"cannot {'write to' if write else 'read'} {path}: {exc.strerror}")
