"""The SQLite ledger: one file, WAL mode, the default backend.

Entries are appended, never updated or deleted; a correction is a row in
``voids``. Writers use ``BEGIN IMMEDIATE`` so concurrent writers queue on the
busy timeout instead of failing half-way; readers open the file read-only and
never create it.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import Any

from plantrack.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    NotFoundError,
    PlantrackError,
    ValidationError,
    WriteError,
)
from plantrack.ledger.base import AddResult
from plantrack.ledger.sqlite_migrations import MIGRATIONS
from plantrack.model.entries import Entry, GoalFigures, NewEntry
from plantrack.model.numbers import from_units, to_units

BUSY_TIMEOUT_MS = 30_000
INSERT_CHUNK = 5_000  # entries taken from the stream at a time: memory stays flat
_FOREVER = "9999-12-31"  # a recorded_at bound above every stamp


def _known_bound(known_at: date | None) -> str:
    """The recorded_at bound for "known by the end of this day (UTC)": the next day's start."""
    if known_at is None or known_at == date.max:
        return _FOREVER
    return (known_at + timedelta(days=1)).isoformat()


@contextmanager
def open_ledger(location: str, *, write: bool, must_exist: bool = False) -> Iterator[SQLiteLedger]:
    """Open a file path or ``sqlite:///path`` for reading (never creates or writes) or
    writing (creates, migrates). A missing file reads as an empty ledger, unless ``must_exist``.
    """
    path = Path(location.removeprefix("sqlite://"))
    if must_exist and not path.exists():
        raise NotFoundError(f"no database at {path}")
    conn: sqlite3.Connection | None = None
    try:
        conn = _connect(path, write)
        ledger = SQLiteLedger(conn, path)
        if conn is not None:
            ledger._migrate(write)
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise _sqlite_error(exc, path, write=write) from None
    except OSError as exc:
        if conn is not None:
            conn.close()
        raise _os_error(exc, path, write=write) from None
    try:
        yield ledger
    except sqlite3.Error as exc:
        raise _sqlite_error(exc, path, write=write) from None
    finally:
        if ledger._conn is not None:
            ledger._conn.close()


class SQLiteLedger:
    """An open SQLite ledger (see plantrack.ledger.base.Ledger)."""

    def __init__(self, conn: sqlite3.Connection | None, path: Path) -> None:
        self._conn = conn  # None: the database does not exist yet (an empty ledger)
        self.path = path
        self.location = str(path)

    # ------------------------------------------------------------------ schema

    def _migrate(self, write: bool) -> None:
        conn = self._require()
        known = [name for name, _ in MIGRATIONS]
        applied = self._applied()
        unknown = [n for n in applied if n not in known]
        if unknown:
            raise DatabaseCorruptError(
                f"database {self.path} was written by a newer plantrack (migration {unknown[0]})"
            )
        if len(applied) == len(known):
            return
        if not write:
            if not applied and not self._has_tables():
                # An empty file (e.g. created by another tool): treat as an empty ledger.
                self._conn = None
                conn.close()
                return
            # A database from an older plantrack: upgrade its schema once (a short
            # write transaction of its own), then read on as usual.
            try:
                with open_ledger(str(self.path), write=True):
                    pass
            except DatabaseReadOnlyError:
                raise DatabaseReadOnlyError(
                    f"database {self.path} needs a schema upgrade, but it is read-only; "
                    "open it once with write access"
                ) from None
            return
        with self._write():
            conn.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
            done = set(self._applied())
            for name, fn in MIGRATIONS:
                if name not in done:
                    fn(conn)
                    conn.execute(
                        "INSERT INTO migrations (name, applied_at) VALUES (?, datetime('now'))",
                        (name,),
                    )

    def _has_tables(self) -> bool:
        row = self._require().execute("SELECT count(*) FROM sqlite_master").fetchone()
        return bool(row[0])

    def _applied(self) -> list[str]:
        conn = self._require()
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
        ).fetchone()
        if not exists:
            return []
        return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise PlantrackError("internal: the ledger is not open")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: all of it is committed, or none of it."""
        conn = self._require()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite may already have rolled back (e.g. on a full disk); a failing
            # ROLLBACK must not hide the error that caused it.
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, UnicodeEncodeError):  # e.g. argv bytes that are not UTF-8
                bad = exc.object[exc.start:exc.end] if isinstance(exc.object, str) else ""
                raise ValidationError(
                    f"text holds characters that are not valid Unicode ({bad!r}); "
                    "nothing was saved"
                ) from None
            raise

    # ------------------------------------------------------------------ writing

    def add(self, plan: str, entries: Iterable[NewEntry]) -> AddResult:
        """Append entries in one transaction; entries whose id exists are skipped.

        ``entries`` is consumed in chunks, so a stream of a million rows never
        sits in memory; an exception from it rolls the whole transaction back.
        """
        added = seen = 0
        pending = iter(entries)
        rebuild: list[str] = []
        with self._write() as conn:
            per_insert = _rows_per_insert(conn)
            while chunk := list(islice(pending, INSERT_CHUNK)):
                if not seen and len(chunk) == INSERT_CHUNK:  # more than a handful coming
                    rebuild = _drop_indexes_if_empty(conn)
                rows = [_row(e) for e in chunk]
                before = conn.total_changes
                for i in range(0, len(rows), per_insert):
                    part = rows[i : i + per_insert]
                    conn.execute(_insert_sql(len(part)), [plan, *chain.from_iterable(part)])
                added += conn.total_changes - before
                seen += len(rows)
                voided = [e for e in chunk if e.void_reason is not None]
                if voided:  # re-import of an exported ledger that holds voids
                    conn.executemany(_INSERT_VOID, [
                        (e.void_reason, e.voided_by or e.recorded_by,
                         e.voided_at or e.recorded_at, plan, e.id)
                        for e in voided
                    ])  # fmt: skip
            for sql in rebuild:
                conn.execute(sql)
        return AddResult(added, seen - added)

    def void(self, plan: str, ref: str, reason: str, by: str, at: str) -> Entry:
        with self._write() as conn:
            entry = self._find(plan, ref)
            if entry.voided:
                raise PlantrackError(f"entry {entry.id} is already voided ({entry.void_reason})")
            conn.execute(_VOID, (entry.seq, reason, by, at))
        return self._find(plan, entry.id)

    def undo(self, plan: str, by: str, at: str) -> Entry:
        with self._write() as conn:
            row = conn.execute(
                """
                SELECT e.id FROM entries e
                WHERE e.plan = ? AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.seq = e.seq)
                ORDER BY e.seq DESC LIMIT 1
                """,
                (plan,),
            ).fetchone()
            if row is None:
                raise NotFoundError("nothing to undo: the ledger has no entries left to void")
            entry = self._find(plan, row[0])
            conn.execute(_VOID, (entry.seq, "undo", by, at))
        return self._find(plan, entry.id)

    # ------------------------------------------------------------------ reading

    def _find(self, plan: str, ref: str) -> Entry:
        conn = self._require()
        rows = conn.execute(_SELECT + " WHERE e.plan = ? AND e.id = ?", (plan, ref)).fetchall()
        if not rows and len(ref) >= 4:
            # GLOB, unlike LIKE, is case-sensitive; [x] quotes a wildcard character.
            pattern = "".join(f"[{c}]" if c in "*?[" else c for c in ref) + "*"
            rows = conn.execute(
                _SELECT + " WHERE e.plan = ? AND e.id GLOB ? LIMIT 2", (plan, pattern)
            ).fetchall()
            if len(rows) > 1:
                raise NotFoundError(f"entry id {ref!r} is ambiguous; give more characters")
        if not rows:
            raise NotFoundError(f"no entry with id {ref!r} (see 'plantrack history')")
        return _entry(rows[0])

    def entries(
        self,
        plan: str,
        goal: str | None = None,
        *,
        include_voided: bool = True,
        as_of: date | None = None,
        known_at: date | None = None,
    ) -> list[Entry]:
        """Entries in (goal, date, recording) order; voids recorded after known_at are ignored."""
        if self._conn is None:
            return []
        sql = _SELECT.replace(
            "LEFT JOIN voids v ON v.seq = e.seq",
            "LEFT JOIN voids v ON v.seq = e.seq AND v.voided_at < :known",
        )
        sql += " WHERE e.plan = :plan AND e.recorded_at < :known"
        if goal is not None:
            sql += " AND e.goal = :goal"
        if as_of is not None:
            sql += " AND e.date <= :as_of"
        if not include_voided:
            sql += " AND v.seq IS NULL"
        sql += " ORDER BY e.goal, e.date, e.seq"
        params = {"plan": plan, "goal": goal, "known": _known_bound(known_at),
                  "as_of": as_of.isoformat() if as_of else None}  # fmt: skip
        return [_entry(r) for r in self._conn.execute(sql, params)]

    def figures(
        self, plan: str, as_of: date, known_at: date | None, goals: Sequence[str]
    ) -> dict[str, GoalFigures]:
        """Per-goal figures as of a date, in one statement (see _FIGURES_SQL)."""
        if self._conn is None or not goals:
            return {}
        params = {"plan": plan, "as_of": as_of.isoformat(), "known": _known_bound(known_at),
                  "split": _SPLIT, "goals": json.dumps(list(goals))}  # fmt: skip
        rows = self._conn.execute(_FIGURES_SQL, params).fetchall()
        return {row[0]: _goal_figures(row) for row in rows}

    def has_entry(self, plan: str, entry_id: str) -> bool:
        if self._conn is None:
            return False
        row = self._conn.execute(
            "SELECT 1 FROM entries WHERE plan = ? AND id = ?", (plan, entry_id)
        ).fetchone()
        return row is not None

    def counts(self, plan: str) -> tuple[int, int]:
        if self._conn is None:
            return 0, 0
        row = self._conn.execute(
            "SELECT count(*), count(v.seq) FROM entries e LEFT JOIN voids v ON v.seq = e.seq"
            " WHERE e.plan = ?",
            (plan,),
        ).fetchone()
        return row[0], row[1]

    def goal_ids(self, plan: str) -> list[str]:
        if self._conn is None:
            return []
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT goal FROM entries WHERE plan = ?", (plan,))]  # fmt: skip

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks."""
        if self._conn is None:
            return []
        problems = [r[0] for r in self._conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"foreign key violation in {r[0]} row {r[1]}"
            for r in self._conn.execute("PRAGMA foreign_key_check")
        ]
        return problems


# --------------------------------------------------------------------------- rows


_SELECT = """
    SELECT e.seq, e.id, e.goal, e.date, e.kind, e.units, e.bound, e.status, e.note,
           e.source, e.recorded_by, e.recorded_at, v.reason, v.voided_by, v.voided_at
    FROM entries e LEFT JOIN voids v ON v.seq = e.seq
"""
_VOID = "INSERT INTO voids (seq, reason, voided_by, voided_at) VALUES (?, ?, ?, ?)"


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(
        seq=row[0], id=row[1], goal=row[2], date=date.fromisoformat(row[3]), kind=row[4],
        value=None if row[5] is None else from_units(row[5]), bound=row[6], status=row[7],
        note=row[8], source=row[9], recorded_by=row[10], recorded_at=row[11],
        void_reason=row[12], voided_by=row[13], voided_at=row[14],
    )  # fmt: skip


def _row(e: NewEntry) -> tuple[Any, ...]:
    """The stored columns of an entry after ``plan``, in _INSERT_ENTRIES order."""
    units = None if e.value is None else to_units(e.value)
    return (e.id, e.goal, e.date.isoformat(), e.kind, units, e.bound, e.status, e.note,
            e.source, e.recorded_by, e.recorded_at)  # fmt: skip


_INSERT_ENTRIES = """
    INSERT INTO entries (plan, id, goal, date, kind, units, bound, status,
                         note, source, recorded_by, recorded_at)
    VALUES {values}
    ON CONFLICT (plan, id) DO NOTHING
"""
# Whether the entry was just added or was already there, it gets the void once.
_INSERT_VOID = """
    INSERT OR IGNORE INTO voids (seq, reason, voided_by, voided_at)
    SELECT seq, ?, ?, ? FROM entries WHERE plan = ? AND id = ?
"""
# Entries per INSERT statement. One row per statement (executemany) rebuilds the
# CHECK's "kind IN (...)" lookup table for every row: on 1,000,000 rows 6.5 s
# against 3.4 s with 500 rows per statement. Same checks, same order of seq.
_ROWS_PER_INSERT = 500
_COLUMNS_PER_ENTRY = 11  # _row(); the plan is the statement's ?1


def _rows_per_insert(conn: sqlite3.Connection) -> int:
    """_ROWS_PER_INSERT, or fewer where SQLite allows fewer parameters (999 before 3.32)."""
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(_ROWS_PER_INSERT, (limit - 1) // _COLUMNS_PER_ENTRY))


@functools.lru_cache(maxsize=8)  # a load uses two sizes: the full one and the last part
def _insert_sql(rows: int) -> str:
    """An INSERT of ``rows`` entries: ?1 is the plan, then 11 values per entry."""
    n = _COLUMNS_PER_ENTRY
    values = ", ".join(
        "(?1, " + ", ".join(f"?{2 + n * i + j}" for j in range(n)) + ")" for i in range(rows)
    )
    return _INSERT_ENTRIES.format(values=values)


# A bulk load into an empty ledger drops the entries table's own indexes and
# builds them after the load, in the same transaction (a crash or an error rolls
# the drop back too). Importing 1,000,000 rows: 19.5 s updating them row by row,
# 12.5 s with one build at the end. The UNIQUE (plan, id) autoindex (sql IS
# NULL) stays: ON CONFLICT needs it during the load.
_SECONDARY_INDEXES = """
    SELECT name, sql FROM sqlite_master
    WHERE type = 'index' AND tbl_name = 'entries' AND sql IS NOT NULL
"""


def _drop_indexes_if_empty(conn: sqlite3.Connection) -> list[str]:
    """In an empty ledger, drop the entries table's own indexes; return their DDL."""
    if conn.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is not None:
        return []
    indexes = conn.execute(_SECONDARY_INDEXES).fetchall()
    for name, _ in indexes:
        conn.execute('DROP INDEX "{}"'.format(name.replace('"', '""')))
    return [sql for _, sql in indexes]


# --------------------------------------------------------------------------- figures


def _live(e: str) -> str:
    """Entry alias ``e`` counts: this plan, dated by as_of, known by known_at, not voided then."""
    return (
        f"{e}.plan = :plan AND {e}.date <= :as_of AND {e}.recorded_at < :known AND NOT EXISTS "
        f"(SELECT 1 FROM voids v WHERE v.seq = {e}.seq AND v.voided_at < :known)"
    )


# Per goal: the latest total, plus the increments after it (by date, then
# recording order): "12 on 1 March, then +3" is 15 however the two are mixed.
# Every figure is an index seek, so the cost grows with the number of goals,
# not of entries: the numeric ones on entries_cover (plan, goal, date, seq, ...),
# the latest milestone status on the partial index entries_status, and the
# increments after the latest total in one range of entries_cover, summed once.
# They are summed in two parts (units // 10**9 and the remainder), each far
# from 64-bit overflow, and joined exactly in Python: SQLite's SUM raises
# "integer overflow" once ten values near the 10**14 limit are added.
_SPLIT = 1_000_000_000
_NUMERIC = "IN ('total', 'increment')"
_FIGURES_SQL = f"""
WITH latest AS MATERIALIZED (
    SELECT a.goal,
        (SELECT e.seq FROM entries e WHERE e.goal = a.goal AND e.kind = 'total' AND {_live("e")}
         ORDER BY e.date DESC, e.seq DESC LIMIT 1) AS total_seq,
        (SELECT f.units FROM entries f WHERE f.goal = a.goal AND f.kind = 'total'
           AND {_live("f")} ORDER BY f.date, f.seq LIMIT 1) AS first_total,
        (SELECT n.date FROM entries n WHERE n.goal = a.goal AND n.kind {_NUMERIC}
           AND {_live("n")} ORDER BY n.date, n.seq LIMIT 1) AS first_date,
        (SELECT z.date FROM entries z WHERE z.goal = a.goal AND z.kind {_NUMERIC}
           AND {_live("z")} ORDER BY z.date DESC, z.seq DESC LIMIT 1) AS last_date,
        (SELECT s.seq FROM entries s INDEXED BY entries_status WHERE s.goal = a.goal
           AND s.kind = 'status' AND {_live("s")} ORDER BY s.date DESC, s.seq DESC LIMIT 1)
           AS status_seq
    FROM (SELECT value AS goal FROM json_each(:goals)) a
)
SELECT l.goal, t.units, t.date, t.bound, SUM(i.units / :split), SUM(i.units % :split),
       l.first_total, l.first_date, l.last_date, s.status, s.date
FROM latest l
LEFT JOIN entries t ON t.seq = l.total_seq
LEFT JOIN entries s ON s.seq = l.status_seq
LEFT JOIN entries i ON i.goal = l.goal AND i.kind = 'increment' AND {_live("i")}
     AND (i.date, i.seq) > (COALESCE(t.date, ''), COALESCE(t.seq, -1))
WHERE l.first_date IS NOT NULL OR l.status_seq IS NOT NULL
GROUP BY l.goal
"""


def _goal_figures(row: tuple[Any, ...]) -> GoalFigures:
    """One goal's figures from a row of _FIGURES_SQL."""
    (goal, total, total_date, bound, inc_high, inc_low, first_total, first_date, last_date,
     status, status_date) = row  # fmt: skip
    return GoalFigures(
        goal=goal,
        total=None if total is None else from_units(total),
        total_date=date.fromisoformat(total_date) if total_date else None,
        increments=from_units((inc_high or 0) * _SPLIT + (inc_low or 0)),
        bound=bound,
        first_total=None if first_total is None else from_units(first_total),
        first_date=date.fromisoformat(first_date) if first_date else None,
        last_date=date.fromisoformat(last_date or status_date),
        status=status,
    )


# --------------------------------------------------------------------------- connecting


def _connect(path: Path, write: bool) -> sqlite3.Connection | None:
    if path.is_dir():
        raise DatabaseCorruptError(f"database path {path} is a folder, not a file")
    if not write:
        if not path.exists():
            return None
        conn = _read_only(path)
    else:
        _check_writable(path)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if write:
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        # Bulk imports insert random ids into the unique index; a 32 MiB page
        # cache (allocated only as used) keeps that from thrashing.
        conn.execute(f"PRAGMA cache_size = {-32 * 1024}")
    return conn


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
    # we may not write. The index is missing only when no connection is open, so
    # the file is complete; read it as immutable (no locks, no index).
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
            raise _os_error(exc, folder) from None
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


def _sqlite_error(exc: sqlite3.Error, path: Path, *, write: bool = True) -> PlantrackError:
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
    return PlantrackError(f"database error on {path}: {exc}")


def _os_error(exc: OSError, path: Path, *, write: bool = True) -> PlantrackError:
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        doing = "write to" if write else "read"
        return DatabaseReadOnlyError(f"cannot {doing} {path}: permission denied")
    if exc.errno == errno.ENOSPC:
        return WriteError(f"disk full while writing {path}; nothing was saved")
    return WriteError(f"cannot {'write to' if write else 'read'} {path}: {exc.strerror}")
