"""The SQLite ledger: one file, WAL mode, the default backend.

History is append-only, in the schema itself (triggers refuse UPDATE and
DELETE): a correction is a void, a void can be reversed by a restore, and
every change is one action of one user, so that ``undo`` reverts your own.
Writers use ``BEGIN IMMEDIATE`` so concurrent writers queue on the busy
timeout instead of failing half-way; readers open the file read-only and
never create, migrate or change it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import date
from itertools import chain, islice, pairwise
from pathlib import Path
from typing import Any

from plantrack.errors import (
    DatabaseCorruptError,
    EntryConflictError,
    NotFoundError,
    PlantrackError,
    ValidationError,
)
from plantrack.i18n import say
from plantrack.ledger.base import AddResult, LedgerDump
from plantrack.ledger.sqlite_files import (
    connect,
    ledger_path,
    os_error,
    sqlite_error,
    writer_settings,
)
from plantrack.ledger.sqlite_migrations import MIGRATIONS, migrate
from plantrack.ledger.sqlite_sql import (
    ACTIVE_VOID,
    COLUMNS_PER_ENTRY,
    ENTRY_COLUMNS,
    FIGURES_SQL,
    PAST_VOIDS,
    ROWS_PER_INSERT,
    insert_sql,
    void_now,
)
from plantrack.ledger.stored import (
    SPLIT,
    DamagedRow,
    content_of,
    entry_of,
    entry_row,
    figures_of,
    known_bound,
    no_entry,
)
from plantrack.model.entries import Entry, GoalFigures, NewEntry, PastVoid, Undone

INSERT_CHUNK = 5_000  # entries taken from the stream at a time: memory stays flat
PLANTRACK_TABLES = {"migrations", "entries", "voids", "restores", "actions", "undos"}


@contextmanager
def open_ledger(location: str, *, write: bool, must_exist: bool = False) -> Iterator[SQLiteLedger]:
    """Open a file path (or ``sqlite:///path``) for reading or for writing.

    Reading needs an existing plantrack ledger of this version, and changes
    nothing; writing creates and upgrades one (``must_exist``: not creates).
    A file that is not a plantrack ledger is refused either way, unchanged.
    """
    path = ledger_path(location)
    if (not write or must_exist) and (not path.exists() or _is_empty_file(path)):
        raise NotFoundError(say("err.ledger.no_ledger", where=path))
    conn: sqlite3.Connection | None = None
    try:
        try:
            conn = connect(path, write)
            ledger = SQLiteLedger(conn, path)
            ledger._check_schema(write)
        except OSError as exc:
            raise os_error(exc, path, write=write) from None
        yield ledger
    except (sqlite3.Error, UnicodeDecodeError, DamagedRow) as exc:
        raise _ledger_error(exc, path, write) from None
    finally:
        if conn is not None:
            conn.close()


def _ledger_error(exc: Exception, path: Path, write: bool) -> PlantrackError:
    """The domain error for what reading or writing the file raised."""
    if isinstance(exc, sqlite3.Error):
        return sqlite_error(exc, path, write=write)
    if isinstance(exc, DamagedRow):
        return DatabaseCorruptError(say("err.ledger.damaged", where=path, reason=exc.said))
    # sqlite3 decodes SQLite's messages and text as UTF-8: a damaged schema or row that
    # is not UTF-8 fails that way. (Input files are decoded by their own readers.)
    return DatabaseCorruptError(say("err.ledger.damaged", where=path,
                                    reason=say("err.ledger.not_utf8")))  # fmt: skip


def _lenient_text(raw: bytes) -> str:
    """Text as stored, bytes that are not UTF-8 kept as lone surrogates."""
    return raw.decode("utf-8", "surrogateescape")


def _utf8(value: object) -> bool:
    if not isinstance(value, str) or value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_empty_file(path: Path) -> bool:
    with contextlib.suppress(OSError):
        return path.is_file() and path.stat().st_size == 0
    return False


class SQLiteLedger:
    """An open SQLite ledger (see plantrack.ledger.base.Ledger)."""

    user = None  # the caller names who records (``by``): a file has no users of its own

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self.location = str(path)

    # ------------------------------------------------------------------ schema

    def _check_schema(self, write: bool) -> None:
        """Refuse another application's file, a newer plantrack's, or (reading) an older
        one's; a writer brings an older ledger up to date first."""
        conn = self._conn
        tables = {r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")}
        if (tables and "migrations" not in tables) or not tables <= PLANTRACK_TABLES:
            raise DatabaseCorruptError(say("err.ledger.foreign_file", path=self.path))
        known = [name for name, _ in MIGRATIONS]
        applied = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")] \
            if tables else []  # fmt: skip
        unknown = [n for n in applied if n not in known]
        if unknown:
            raise DatabaseCorruptError(say("err.ledger.newer", where=self.path,
                                           migration=unknown[0]))  # fmt: skip
        if write:
            writer_settings(conn)
        if len(applied) == len(known):
            return
        if not write:
            raise DatabaseCorruptError(say("err.ledger.older", where=self.path))
        with self._write():  # (another writer may have migrated it meanwhile: migrate reads)
            migrate(conn)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: all of it is committed, or none of it (raising
        _Discard inside rolls it back as a result, not an error: a dry run)."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except _Discard:
            conn.execute("ROLLBACK")
        except BaseException as exc:
            # SQLite may already have rolled back (e.g. on a full disk); a failing
            # ROLLBACK must not hide the error that caused it.
            if conn.in_transaction:
                with suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if isinstance(exc, UnicodeEncodeError):  # e.g. argv bytes that are not UTF-8
                bad = exc.object[exc.start:exc.end] if isinstance(exc.object, str) else ""
                raise ValidationError(say("err.ledger.not_unicode", bad=repr(bad))) from None
            raise

    def _next_action(self) -> int:
        """The id the next action gets (inside a write transaction: nobody else can take it)."""
        return self._conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM actions").fetchone()[0]

    def _action(self, action: int, plan: str, kind: str, by: str, at: str, about: str) -> None:
        self._conn.execute(
            "INSERT INTO actions (id, plan, kind, done_by, done_at, about)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (action, plan, kind, by, at, about),
        )

    # ------------------------------------------------------------------ writing

    def add(
        self,
        plan: str,
        entries: Iterable[NewEntry],
        *,
        by: str,
        at: str,
        kind: str = "import",
        about: str = "",
        dry_run: bool = False,
    ) -> AddResult:
        """Append entries in one transaction, as one action. An entry whose id is
        already there with the same content is skipped; with other content it is
        a conflict (EntryConflictError, nothing written). ``dry_run``: all the
        same checks, then rolled back."""
        added = skipped = 0
        pending = iter(entries)
        rebuild: list[str] = []
        conflicts: list[tuple[NewEntry, NewEntry]] = []
        with self._write() as conn:
            action = self._next_action()
            self._action(action, plan, kind, by, at, about)
            while chunk := list(islice(pending, INSERT_CHUNK)):
                if not added + skipped and len(chunk) == INSERT_CHUNK:
                    rebuild = _drop_indexes_if_empty(conn)  # more than a handful coming
                last_seq = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM entries").fetchone()[0]
                inserted = _insert(conn, plan, [entry_row(e, by, at, action) for e in chunk])
                repeats = self._repeats(plan, chunk, last_seq) if inserted < len(chunk) else []
                added += inserted
                skipped += len(repeats)
                if repeats:
                    stored = self._contents(plan, [e.id for e in repeats])
                    conflicts += [(e, stored[e.id]) for e in repeats if stored[e.id] != e]
            for sql in rebuild:
                conn.execute(sql)
            if conflicts:
                raise EntryConflictError(conflicts)
            if dry_run or not added:  # nothing to keep (an import that adds nothing is no action)
                raise _Discard
        return AddResult(added, skipped)

    def _repeats(self, plan: str, chunk: Sequence[NewEntry], last_seq: int) -> list[NewEntry]:
        """The entries of a chunk that were not inserted: an id stored before the chunk,
        or the second of an id in the chunk."""
        ids = json.dumps([e.id for e in chunk])
        before = {r[0] for r in self._conn.execute(
            "SELECT id FROM entries WHERE plan = ? AND id IN (SELECT value FROM json_each(?))"
            " AND seq <= ?", (plan, ids, last_seq))}  # fmt: skip
        seen: set[str] = set()
        repeats = []
        for e in chunk:
            if e.id in before or e.id in seen:
                repeats.append(e)
            seen.add(e.id)
        return repeats

    def _contents(self, plan: str, ids: Sequence[str]) -> dict[str, NewEntry]:
        rows = self._conn.execute(
            "SELECT id, goal, date, kind, units, bound, status, note, source, unit FROM entries"
            " WHERE plan = ? AND id IN (SELECT value FROM json_each(?))",
            (plan, json.dumps(list(dict.fromkeys(ids)))),
        )
        return {r[0]: content_of(r) for r in rows}

    def load_backup(self, plan: str, entries: Iterable[Entry], *, by: str, at: str,
                    about: str) -> int:  # fmt: skip
        """Restore a backup (export entries) into an empty ledger: every entry with who
        recorded it and when, and its void. One action; returns the entries added."""
        added = 0
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is not None:
                raise ValidationError(say("err.ledger.restore_not_empty", where=self.path))
            action = self._next_action()
            self._action(action, plan, "ledger-restore", by, at, about)
            pending = iter(entries)
            while chunk := list(islice(pending, INSERT_CHUNK)):
                rows = [entry_row(e, e.recorded_by, e.recorded_at, action) for e in chunk]
                last_seq = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM entries").fetchone()[0]
                if _insert(conn, plan, rows) < len(chunk):
                    twice = self._repeats(plan, chunk, last_seq)[0]
                    raise ValidationError(say("err.ledger.backup_twice", line=twice.line,
                                              id=repr(twice.id)))  # fmt: skip
                added += len(chunk)
                conn.executemany(
                    "INSERT INTO voids (reason, voided_by, voided_at, action, seq)"
                    " SELECT ?, ?, ?, ?, seq FROM entries WHERE plan = ? AND id = ?",
                    [(e.void_reason, e.voided_by, e.voided_at, action, plan, e.id)
                     for e in chunk if e.void_reason is not None],
                )  # fmt: skip
        return added

    def void(self, plan: str, ref: str, reason: str, by: str, at: str) -> Entry:
        with self._write() as conn:
            entry = self.find(plan, ref)
            if entry.voided:
                raise PlantrackError(say("err.ledger.already_voided", id=entry.id,
                                         reason=entry.void_reason))  # fmt: skip
            action = self._next_action()
            self._action(action, plan, "void", by, at, entry.id)
            conn.execute(_VOID, (reason, by, at, action, entry.seq))
        return self.find(plan, entry.id)

    def restore(self, plan: str, ref: str, by: str, at: str) -> Entry:
        """Reverse the void of an entry; the void and its reversal stay in history."""
        with self._write() as conn:
            entry = self.find(plan, ref)
            if not entry.voided:
                raise PlantrackError(say("err.ledger.not_voided", id=entry.id))
            action = self._next_action()
            self._action(action, plan, "restore", by, at, entry.id)
            conn.execute(_RESTORE_ACTIVE, (by, at, action, entry.seq))
        return self.find(plan, entry.id)

    def amend(
        self, plan: str, ref: str, replacement: NewEntry, reason: str, by: str, at: str
    ) -> tuple[Entry, Entry]:
        """Void an entry and record its replacement, in one step (one action)."""
        with self._write() as conn:
            old = self.find(plan, ref)
            if old.voided:
                raise PlantrackError(say("err.ledger.amend_voided", id=old.id,
                                         reason=old.void_reason))  # fmt: skip
            action = self._next_action()
            self._action(action, plan, "amend", by, at, old.id)
            conn.execute(_VOID, (reason, by, at, action, old.seq))
            if not _insert(conn, plan, [entry_row(replacement, by, at, action)]):
                raise ValidationError(say("err.ledger.id_taken", id=repr(replacement.id)))
        return self.find(plan, old.id), self.find(plan, replacement.id)

    def undo(self, plan: str, by: str, at: str) -> Undone:
        """Revert ``by``'s own last action that is not undone yet (an undo is never undone)."""
        with self._write() as conn:
            row = conn.execute(_LAST_OWN_ACTION, (plan, by)).fetchone()
            if row is None:
                raise NotFoundError(say("err.ledger.nothing_to_undo", by=by))
            done, kind, done_at, about = row
            action = self._next_action()
            self._action(action, plan, "undo", by, at, f"{kind} {about}".strip())
            reason = f"undo of {kind} {about}".strip()
            count = 0
            if kind in ("record", "import", "amend", "ledger-restore"):  # its entries go
                count += conn.execute(_VOID_ACTION_ENTRIES, (reason, by, at, action, done)).rowcount
            if kind in ("void", "amend"):  # its voids are reversed
                count += conn.execute(_RESTORE_ACTION_VOIDS, (by, at, action, done)).rowcount
            if kind == "restore":  # the entries it restored are void again
                count += conn.execute(_VOID_AGAIN, (reason, by, at, action, done)).rowcount
            conn.execute("INSERT INTO undos (action, undone_by) VALUES (?, ?)", (done, action))
        return Undone(kind, done_at, about, count)

    # ------------------------------------------------------------------ reading

    def find(self, plan: str, ref: str) -> Entry:
        """The entry whose id is ``ref``, or the one whose id starts with it (4 or more)."""
        sql = f"SELECT {ENTRY_COLUMNS} FROM entries e {ACTIVE_VOID} WHERE e.plan = :plan"
        params = {"plan": plan, "known": known_bound(None), "ref": ref}
        rows = self._conn.execute(sql + " AND e.id = :ref", params).fetchall()
        if not rows and len(ref) >= 4:
            # GLOB, unlike LIKE, is case-sensitive; [x] quotes a wildcard character.
            params["ref"] = "".join(f"[{c}]" if c in "*?[" else c for c in ref) + "*"
            rows = self._conn.execute(sql + " AND e.id GLOB :ref LIMIT 2", params).fetchall()
            if len(rows) > 1:
                raise NotFoundError(say("err.ledger.ambiguous_id", ref=repr(ref)))
        if not rows:
            raise no_entry(ref)
        past = self._conn.execute(PAST_VOIDS.replace("ORDER BY", "AND v.seq = :seq ORDER BY"),
                                  {**params, "seq": rows[0][0]})  # fmt: skip
        return entry_of(rows[0], tuple(PastVoid(*fields) for _, *fields in past))

    def entries(
        self,
        plan: str,
        goal: str | None = None,
        *,
        include_voided: bool = True,
        as_of: date | None = None,
        known_at: date | None = None,
    ) -> list[Entry]:
        """Entries in (goal, date, recording) order, as the ledger stood at ``known_at``."""
        sql = f"SELECT {ENTRY_COLUMNS} FROM entries e {ACTIVE_VOID}"
        sql += " WHERE e.plan = :plan AND e.recorded_at < :known"
        if goal is not None:
            sql += " AND e.goal = :goal"
        if as_of is not None:
            sql += " AND e.date <= :as_of"
        if not include_voided:
            sql += " AND v.id IS NULL"
        sql += " ORDER BY e.goal, e.date, e.seq"
        params = {"plan": plan, "goal": goal, "known": known_bound(known_at),
                  "as_of": as_of.isoformat() if as_of else None}  # fmt: skip
        past: dict[int, list[PastVoid]] = {}
        for seq, *fields in self._conn.execute(PAST_VOIDS, params):
            past.setdefault(seq, []).append(PastVoid(*fields))
        entries = [entry_of(r, tuple(past.get(r[0], ()))) for r in self._conn.execute(sql, params)]
        for a, b in pairwise(entries):  # in (goal, date, seq) order a repeat is adjacent
            if a.seq == b.seq:
                raise DamagedRow(a.id, say("err.ledger.row.two_voids"))
        return entries

    def figures(
        self, plan: str, as_of: date, known_at: date | None, goals: Sequence[str]
    ) -> dict[str, GoalFigures]:
        """Per-goal figures as of a date, of the entries without a unit, in one statement
        (see FIGURES_SQL)."""
        found = self.unit_figures(plan, as_of, known_at, [(g, "") for g in goals])
        return {goal: f for (goal, _), f in found.items()}

    def unit_figures(
        self, plan: str, as_of: date, known_at: date | None, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], GoalFigures]:
        """Figures by (goal, unit) as of a date, in one statement (see FIGURES_SQL)."""
        if not keys:
            return {}
        params = {"plan": plan, "as_of": as_of.isoformat(), "known": known_bound(known_at),
                  "split": SPLIT, "keys": json.dumps([list(k) for k in keys])}  # fmt: skip
        rows = self._conn.execute(FIGURES_SQL, params).fetchall()
        return {(row[0], row[13]): figures_of(row) for row in rows}

    def counts(self, plan: str) -> tuple[int, int]:
        row = self._conn.execute(
            f"SELECT count(*), count(*) - sum({void_now('e')}) FROM entries e"
            " WHERE e.plan = :plan",
            {"plan": plan, "known": known_bound(None)},
        ).fetchone()
        return row[0], row[1] or 0

    def goal_ids(self, plan: str) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT goal FROM entries WHERE plan = ?", (plan,))]  # fmt: skip

    def plans(self) -> dict[str, int]:
        query = "SELECT plan, count(*) FROM entries GROUP BY plan ORDER BY plan"
        return dict(self._conn.execute(query).fetchall())

    def plan_ids(self) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT plan FROM actions ORDER BY plan")]  # fmt: skip

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks; then that the schema is plantrack's,
        the history tables hold only what plantrack writes, and every entry reads back."""
        from plantrack.ledger.sqlite_checks import history_problems, schema_problems  # (doctor)

        conn = self._conn
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        if problems:  # the file itself is damaged: what it holds cannot be judged
            return problems
        problems += [f"foreign key violation in {r[0]} row {r[1]}"
                     for r in conn.execute("PRAGMA foreign_key_check")]  # fmt: skip
        problems += schema_problems(conn)
        problems += history_problems(conn)
        params = {"known": known_bound(None)}
        conn.text_factory = _lenient_text  # to name an entry whose text is not UTF-8
        try:
            for row in conn.execute(f"SELECT {ENTRY_COLUMNS} FROM entries e {ACTIVE_VOID}",
                                    params):  # fmt: skip
                try:
                    entry_of(row)
                    if not all(_utf8(x) for x in row):
                        raise DamagedRow(str(row[1]), say("err.ledger.row.not_utf8"))
                except DamagedRow as exc:
                    problems.append(f"damaged {exc}")
        finally:
            conn.text_factory = str
        return problems

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole ledger, by SQLite's online backup."""
        dest = sqlite3.connect(target)
        try:
            self._conn.backup(dest)
        finally:
            dest.close()

    def is_empty(self) -> bool:
        return self._conn.execute("SELECT NOT EXISTS (SELECT 1 FROM entries) AND NOT EXISTS"
                                  " (SELECT 1 FROM actions)").fetchone()[0] == 1  # fmt: skip

    def dump(self) -> LedgerDump:
        """Every row as stored (see sqlite_copy); the entries are read as they are copied."""
        from plantrack.ledger import sqlite_copy  # (ledger copy only: not at start-up)

        return sqlite_copy.dump(self._conn)

    def load_dump(self, dump: LedgerDump) -> int:
        """A whole ledger, ids and audit fields as they are, into this empty one."""
        from plantrack.ledger import sqlite_copy

        with self._write() as conn:
            if not self.is_empty():
                raise ValidationError(say("err.ledger.copy_not_empty", where=self.path))
            return sqlite_copy.load(conn, dump)

    def grant(self, role: str, as_what: str, units: Sequence[str] = ()) -> None:
        raise ValidationError(say("err.ledger.no_roles"))

    def revoke(self, role: str) -> None:
        raise ValidationError(say("err.ledger.no_roles"))


# --------------------------------------------------------------------------- statements

_VOID = "INSERT INTO voids (reason, voided_by, voided_at, action, seq) VALUES (?, ?, ?, ?, ?)"
_ACTIVE = "NOT EXISTS (SELECT 1 FROM restores r WHERE r.void = v.id)"
_RESTORE_ACTIVE = f"""
    INSERT INTO restores (restored_by, restored_at, action, void)
    SELECT ?, ?, ?, v.id FROM voids v WHERE v.seq = ? AND {_ACTIVE}
"""
_LAST_OWN_ACTION = """
    SELECT a.id, a.kind, a.done_at, a.about FROM actions a
    WHERE a.plan = ? AND a.done_by = ? AND a.kind != 'undo'
      AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.action = a.id)
    ORDER BY a.id DESC LIMIT 1
"""
_VOID_ACTION_ENTRIES = f"""
    INSERT INTO voids (reason, voided_by, voided_at, action, seq)
    SELECT ?, ?, ?, ?, e.seq FROM entries e
    WHERE e.action = ? AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.seq = e.seq AND {_ACTIVE})
"""
_RESTORE_ACTION_VOIDS = f"""
    INSERT INTO restores (restored_by, restored_at, action, void)
    SELECT ?, ?, ?, v.id FROM voids v WHERE v.action = ? AND {_ACTIVE}
"""
_W_ACTIVE = "NOT EXISTS (SELECT 1 FROM restores q WHERE q.void = w.id)"
_VOID_AGAIN = f"""
    INSERT INTO voids (reason, voided_by, voided_at, action, seq)
    SELECT ?, ?, ?, ?, v.seq FROM restores r JOIN voids v ON v.id = r.void
    WHERE r.action = ?
      AND NOT EXISTS (SELECT 1 FROM voids w WHERE w.seq = v.seq AND {_W_ACTIVE})
"""


class _Discard(Exception):
    """Raised inside _write: roll back, and return normally."""


def _insert(conn: sqlite3.Connection, plan: str, rows: list[tuple[Any, ...]]) -> int:
    """Insert entry rows, several per statement; how many were new (a repeat is not)."""
    per_insert = _rows_per_insert(conn)
    before = conn.total_changes
    for i in range(0, len(rows), per_insert):
        part = rows[i : i + per_insert]
        conn.execute(insert_sql(len(part)), [plan, *chain(*part)])
    return conn.total_changes - before


def _rows_per_insert(conn: sqlite3.Connection) -> int:
    """ROWS_PER_INSERT, or fewer where SQLite allows fewer parameters (999 before 3.32)."""
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_INSERT, (limit - 1) // COLUMNS_PER_ENTRY))


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

