"""The PostgreSQL ledger: a team's, on the database a department already runs.

The same Ledger as SQLite's, with the database as the authority: who recorded
a change is its ``current_user`` and when is its clock (``by`` and ``at`` are
not used), history is append-only for every role (postgres_schema), writers
queue on one advisory lock per ledger as SQLite's writers queue on its file
lock, and a report reads one REPEATABLE READ snapshot. Imports go through COPY
(a recorder's through a table of their session: PostgreSQL refuses COPY into a table
under row-level security, which holds recorders to their units).
"""

from __future__ import annotations

import functools
import time
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar

from plantrack.errors import (
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    EntryConflictError,
    NotFoundError,
    PlantrackError,
    ValidationError,
)
from plantrack.i18n import say
from plantrack.ledger import postgres_sql as sql
from plantrack.ledger.base import AddResult, LedgerDump
from plantrack.ledger.postgres_checks import integrity_problems
from plantrack.ledger.postgres_conn import Target, connect, pg_error
from plantrack.ledger.postgres_schema import (
    DIVERT,
    MIGRATIONS,
    REPEATS,
    TABLES,
    Statement,
    grant_statements,
    lock_key,
    migrate,
    revoke_statements,
)
from plantrack.ledger.stored import (
    SPLIT,
    DamagedRow,
    content_of,
    entry_of,
    figures_of,
    known_bound,
    no_entry,
)
from plantrack.model.entries import Entry, GoalFigures, NewEntry, PastVoid, Undone
from plantrack.model.numbers import to_units

T = TypeVar("T")
_CHANGE_REFUSED = "err.pg.unit_change"  # a void or restore a recorder's units refuse
ANALYZE_AFTER = 10_000  # rows added at once, after which the tables are vacuumed
RETRIES = 5  # a serialization failure or deadlock is tried again this often, then exit 4


@contextmanager
def open_ledger(location: str, *, write: bool, must_exist: bool = False) -> Iterator[Any]:
    """Open ``postgresql://...[?schema=NAME]``: reading needs the ledger to exist and be
    of this version, and runs in one read-only snapshot; writing creates and upgrades it
    (which takes the right to create a schema: the ledger's owner)."""
    target = Target(location)
    conn = connect(target)  # (says what to install when psycopg is missing)
    import psycopg

    try:
        ledger = PostgresLedger(conn, target)
        if write:
            ledger._check_schema(write=True, must_exist=must_exist)
            yield ledger
        else:
            conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            conn.read_only = True
            with conn.transaction():
                ledger._check_schema(write=False, must_exist=True)
                yield ledger
    except psycopg.Error as exc:
        raise pg_error(exc, target.location, write=write) from None
    except DamagedRow as exc:
        raise DatabaseCorruptError(say("err.ledger.damaged", where=target.location,
                                       reason=exc.said)) from None  # fmt: skip
    finally:
        conn.close()


def _retrying(method: Callable[..., T]) -> Callable[..., T]:
    """Run a write again on a serialization failure or deadlock (a few times, then the
    error: exit 4). An import read from a stream cannot be read twice: it is not retried."""

    @functools.wraps(method)
    def wrapper(self: PostgresLedger, *args: Any, **kwargs: Any) -> T:
        import psycopg

        streamed = any(isinstance(a, Iterator) for a in (*args, *kwargs.values()))
        for attempt in range(1, RETRIES + 1):
            try:
                return method(self, *args, **kwargs)
            except (psycopg.errors.SerializationFailure, psycopg.errors.DeadlockDetected):
                if streamed or attempt == RETRIES:
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper


class PostgresLedger:
    """An open PostgreSQL ledger (see plantrack.ledger.base.Ledger)."""

    def __init__(self, conn: Any, target: Target) -> None:
        self._conn = conn
        self.schema = target.schema
        self.location = target.location
        self.user: str | None = conn.execute("SELECT current_user").fetchone()[0]
        self._policed: bool | None = None  # under row-level security (not the owner)

    def _rows(self, statement: str, params: Any = None) -> list[tuple[Any, ...]]:
        return self._conn.execute(statement, params).fetchall()  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ schema

    def _check_schema(self, *, write: bool, must_exist: bool) -> None:
        """Refuse another application's schema, a newer plantrack's, or (reading) an older
        one's; a writer creates or brings the ledger up to date first."""
        tables = {r[0] for r in self._rows(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (self.schema,))}  # fmt: skip
        exists = "migrations" in tables
        if exists and not self._rows("SELECT has_schema_privilege(%s, 'USAGE')",
                                     (self.schema,))[0][0]:  # fmt: skip
            raise DatabaseReadOnlyError(say("err.pg.no_rights", user=self.user,
                                            where=self.location))  # fmt: skip
        if tables and (not exists or not tables <= set(TABLES)):
            raise DatabaseCorruptError(say("err.pg.foreign_schema", schema=self.schema,
                                           where=self.location))  # fmt: skip
        if not exists and (must_exist or not write):
            raise NotFoundError(say("err.pg.no_ledger", where=self.location))
        known = [name for name, _ in MIGRATIONS]
        applied = [r[0] for r in self._rows("SELECT name FROM migrations ORDER BY applied_at,"
                                            " name")] if exists else []  # fmt: skip
        unknown = [n for n in applied if n not in known]
        if unknown:
            raise DatabaseCorruptError(say("err.ledger.newer", where=self.location,
                                           migration=unknown[0]))  # fmt: skip
        if len(applied) == len(known):
            return
        if not write:
            raise DatabaseCorruptError(say("err.pg.older", where=self.location))
        with self._conn.transaction(), self._conn.cursor() as cur:
            migrate(cur, self.schema)

    @contextmanager
    def _write(self, refused: str = "err.pg.unit_record") -> Iterator[Any]:
        """One transaction, after every earlier writer of this ledger (an advisory lock:
        a void sees the void before it, an action's id follows the one before). A row
        the policies of a recorder limited to units refuse (postgres_schema: pg004) is
        ``refused`` (a key), naming the recorder's units; nothing was written."""
        import psycopg

        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                            (lock_key(self.schema),))  # fmt: skip
                yield cur
        except psycopg.errors.InsufficientPrivilege as exc:
            if not _policy_refusal(exc):
                raise
            units = [r[0] for r in self._rows(sql.MY_UNITS)]  # (after the rollback)
            if not units:  # (limits lifted since): the server's own words
                raise
            raise DatabaseReadOnlyError(say(refused, where=self.location, role=self.user,
                                            units=", ".join(units),
                                            unsaved=say("err.ledger.unsaved"))) from None

    def _action(self, cur: Any, plan: str, kind: str, about: str) -> tuple[int, str, str]:
        """A new action of the database user: (id, who, when)."""
        cur.execute(sql.NEW_ACTION, (plan, kind, about))
        row = cur.fetchone()
        return row[0], row[1], row[2]

    # ------------------------------------------------------------------ writing

    @_retrying
    def add(
        self,
        plan: str,
        entries: Iterable[NewEntry],
        *,
        by: str = "",
        at: str = "",
        kind: str = "import",
        about: str = "",
        dry_run: bool = False,
    ) -> AddResult:
        """Append entries in one transaction, as one action of the database user, by COPY
        (see the Ledger protocol). Entries that can be read again (a list, a file's rows)
        are first copied as they are, in a savepoint: with no id the plan has already, that
        is all. Else, or when the unique index refused one, they are copied again with a
        trigger setting aside each repeat, to be counted and compared (a third of the time
        of a 1,000,000-row import went to that trigger's look-ups, 4-5 s of 13-15)."""
        import psycopg

        lines = array("L")  # each copied row's input line, for conflict messages

        def rows(action: int) -> Iterator[tuple[Any, ...]]:
            del lines[:]
            for e in entries:
                lines.append(e.line)
                yield (plan, e.id, e.goal, e.date, e.kind, _units(e), e.bound, e.status,
                       e.note, e.source, e.unit or "", action)  # fmt: skip

        with self._write() as cur:
            action, _, _ = self._action(cur, plan, kind, about)
            result = None
            if not isinstance(entries, Iterator):
                try:
                    with self._conn.transaction():  # a savepoint
                        added = self._copy_entries(cur, rows(action))
                    result = AddResult(added, 0)
                except psycopg.errors.UniqueViolation as exc:
                    if exc.diag.constraint_name != "entries_plan_id_key":
                        raise
            if result is None:
                result = self._add_setting_repeats_aside(cur, plan, action, rows(action), lines)
            if dry_run or not result.added:  # nothing to keep, not even the action
                raise psycopg.Rollback  # (the transaction rolls back and goes on)
        self._analyze_after(0 if dry_run else result.added)
        return result

    def _add_setting_repeats_aside(self, cur: Any, plan: str, action: int,
                                   rows: Iterator[tuple[Any, ...]], lines: array[int],
                                   ) -> AddResult:  # fmt: skip
        """COPY with postgres_schema's entries_repeats trigger on: what was new, what was
        there (or given twice), and an EntryConflictError where the content differs."""
        cur.execute(sql.REPEATS_TABLE)
        cur.execute(f"SET LOCAL {DIVERT} = 'on'")
        copied = self._copy_entries(cur, rows)
        cur.execute(f"SET LOCAL {DIVERT} = 'off'")
        cur.execute(f"SELECT count(*) FROM {REPEATS}")
        skipped = cur.fetchone()[0]
        if skipped:
            params = {"plan": plan, "action": action}
            found = cur.execute(sql.CONFLICTS, params).fetchall()
            if found:
                params["seqs"] = [r[0] for r in found]
                order = dict(cur.execute(sql.COPY_ORDER, params).fetchall())
                raise EntryConflictError([
                    (replace(content_of(r[1:11]), line=lines[order[r[0]]]), content_of(r[11:]))
                    for r in found])  # fmt: skip
        return AddResult(copied - skipped, skipped)

    def _copy_entries(self, cur: Any, rows: Iterable[tuple[Any, ...]]) -> int:
        """COPY rows of sql.COPY_ENTRIES into entries: straight in for the owner; for
        anyone under row-level security (which COPY FROM refuses), into a table of the
        session first, then inserted in their order, each checked by the policies.
        How many rows were copied."""
        if self._policed is None:
            cur.execute("SELECT row_security_active('entries')")
            self._policed = bool(cur.fetchone()[0])
        if not self._policed:
            return _copy(cur, sql.COPY_ENTRIES, rows, sql.COPY_ENTRIES_TYPES)
        cur.execute(sql.INCOMING_TABLE)
        n = _copy(cur, sql.COPY_INCOMING, rows, sql.COPY_ENTRIES_TYPES)
        cur.execute(sql.INSERT_INCOMING)
        return n

    def _analyze_after(self, added: int) -> None:
        """After a bulk load, fresh statistics (the planner takes its plans from them) and
        a visibility map (index-only scans skip the table), as autovacuum would give a
        minute later: a report right after a 1,000,000-row load took 142 s without
        them. PostgreSQL does it for the owner only (for others it warns and skips).
        It runs after the commit: a table another session holds is skipped, and a failure
        here is not the load's (autovacuum does it later)."""
        import psycopg

        if added >= ANALYZE_AFTER:
            with suppress(psycopg.Error):
                self._conn.execute("VACUUM (ANALYZE, SKIP_LOCKED) entries, voids, restores")

    def _stage(self, cur: Any, rows: Iterable[tuple[Any, ...]], columns: str) -> int:
        """COPY rows into a fresh staging table (dropped at commit); how many."""
        cur.execute(sql.STAGING)
        return _copy(cur, f"staging ({columns})", rows)

    def load_backup(self, plan: str, entries: Iterable[Entry], *, by: str = "", at: str = "",
                    about: str) -> int:  # fmt: skip
        """Restore a backup into an empty ledger, who and when as the backup says: the
        ledger's owner only (recorders may not write those columns)."""
        with self._write() as cur:
            if not self._empty(cur):
                raise ValidationError(say("err.ledger.restore_not_empty", where=self.location))
            action, _, _ = self._action(cur, plan, "ledger-restore", about)
            staged = self._stage(cur, (
                (i, e.line, e.id, e.goal, e.date, e.kind, _units(e), e.bound, e.status, e.note,
                 e.source, e.unit or "", e.recorded_by, e.recorded_at, e.void_reason,
                 e.voided_by, e.voided_at) for i, e in enumerate(entries)),
                sql.STAGED_BACKUP)  # fmt: skip
            params = {"plan": plan, "action": action}
            cur.execute(sql.INSERT_BACKUP, params)
            if cur.rowcount < staged:
                cur.execute("SELECT line, id FROM staging s WHERE ord > (SELECT min(ord) FROM"
                            " staging t WHERE t.id = s.id) ORDER BY ord LIMIT 1")  # fmt: skip
                line, key = cur.fetchone()
                raise ValidationError(say("err.ledger.backup_twice", line=line, id=repr(key)))
            cur.execute(sql.BACKUP_VOIDS, params)
        self._analyze_after(staged)
        return staged

    @_retrying
    def void(self, plan: str, ref: str, reason: str, by: str = "", at: str = "") -> Entry:
        with self._write(_CHANGE_REFUSED) as cur:
            entry = self.find(plan, ref)
            if entry.voided:
                raise PlantrackError(say("err.ledger.already_voided", id=entry.id,
                                         reason=entry.void_reason))  # fmt: skip
            action, _, _ = self._action(cur, plan, "void", entry.id)
            cur.execute(sql.VOID, (entry.seq, reason, action))
        return self.find(plan, entry.id)

    @_retrying
    def restore(self, plan: str, ref: str, by: str = "", at: str = "") -> Entry:
        with self._write(_CHANGE_REFUSED) as cur:
            entry = self.find(plan, ref)
            if not entry.voided:
                raise PlantrackError(say("err.ledger.not_voided", id=entry.id))
            action, _, _ = self._action(cur, plan, "restore", entry.id)
            cur.execute(sql.RESTORE_ACTIVE, (action, entry.seq))
        return self.find(plan, entry.id)

    @_retrying
    def amend(self, plan: str, ref: str, replacement: NewEntry, reason: str, by: str = "",
              at: str = "") -> tuple[Entry, Entry]:  # fmt: skip
        with self._write(_CHANGE_REFUSED) as cur:
            old = self.find(plan, ref)
            if old.voided:
                raise PlantrackError(say("err.ledger.amend_voided", id=old.id,
                                         reason=old.void_reason))  # fmt: skip
            action, _, _ = self._action(cur, plan, "amend", old.id)
            cur.execute(sql.VOID, (old.seq, reason, action))
            e = replacement
            cur.execute(
                "INSERT INTO entries (plan, id, goal, date, kind, units, bound, status, note,"
                " source, unit, action) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                " ON CONFLICT (plan, id) DO NOTHING",
                (plan, e.id, e.goal, e.date, e.kind, _units(e), e.bound, e.status, e.note,
                 e.source, e.unit or "", action),
            )  # fmt: skip
            if not cur.rowcount:
                raise ValidationError(say("err.ledger.id_taken", id=repr(e.id)))
        return self.find(plan, old.id), self.find(plan, replacement.id)

    @_retrying
    def undo(self, plan: str, by: str = "", at: str = "") -> Undone:
        """Revert the database user's own last action that is not undone yet."""
        with self._write(_CHANGE_REFUSED) as cur:
            cur.execute(sql.LAST_OWN_ACTION, (plan,))
            row = cur.fetchone()
            if row is None:
                raise NotFoundError(say("err.ledger.nothing_to_undo", by=self.user))
            done, kind, done_at, about = row
            action, _, _ = self._action(cur, plan, "undo", f"{kind} {about}".strip())
            reason = f"undo of {kind} {about}".strip()
            count = 0
            if kind in ("record", "import", "amend", "ledger-restore"):
                cur.execute(sql.VOID_ACTION_ENTRIES, (reason, action, done))
                count += cur.rowcount
            if kind in ("void", "amend"):
                cur.execute(sql.RESTORE_ACTION_VOIDS, (action, done))
                count += cur.rowcount
            if kind == "restore":
                cur.execute(sql.VOID_AGAIN, (reason, action, done))
                count += cur.rowcount
            cur.execute("INSERT INTO undos (action, undone_by) VALUES (%s, %s)", (done, action))
        return Undone(kind, done_at, about, count)

    # ------------------------------------------------------------------ reading

    def find(self, plan: str, ref: str) -> Entry:
        """The entry whose id is ``ref``, or the one whose id starts with it (4 or more)."""
        query = f"SELECT {sql.ENTRY_COLUMNS} FROM entries e {sql.ACTIVE_VOID}"
        query += " WHERE e.plan = %(plan)s"
        params = {"plan": plan, "known": known_bound(None), "ref": ref}
        rows = self._rows(query + " AND e.id = %(ref)s", params)
        if not rows and len(ref) >= 4:
            rows = self._rows(query + " AND starts_with(e.id, %(ref)s) LIMIT 2", params)
            if len(rows) > 1:
                raise NotFoundError(say("err.ledger.ambiguous_id", ref=repr(ref)))
        if not rows:
            raise no_entry(ref)
        past = self._rows(sql.PAST_VOIDS.replace("ORDER BY", "AND v.seq = %(seq)s ORDER BY"),
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
        query = f"SELECT {sql.ENTRY_COLUMNS} FROM entries e {sql.ACTIVE_VOID}"
        query += f" WHERE e.plan = %(plan)s AND e.recorded_at < {sql.KNOWN}"
        if goal is not None:
            query += " AND e.goal = %(goal)s"
        if as_of is not None:
            query += " AND e.date <= %(as_of)s::date"
        if not include_voided:
            query += " AND v.id IS NULL"
        query += " ORDER BY e.goal COLLATE \"C\", e.date, e.seq"
        params = {"plan": plan, "goal": goal, "known": known_bound(known_at),
                  "as_of": as_of.isoformat() if as_of else None}  # fmt: skip
        past: dict[int, list[PastVoid]] = {}
        for seq, *fields in self._rows(sql.PAST_VOIDS, params):
            past.setdefault(seq, []).append(PastVoid(*fields))
        entries = [entry_of(r, tuple(past.get(r[0], ()))) for r in self._rows(query, params)]
        for a, b in pairwise(entries):  # in (goal, date, seq) order a repeat is adjacent
            if a.seq == b.seq:
                raise DamagedRow(a.id, say("err.ledger.row.two_voids"))
        return entries

    def figures(
        self, plan: str, as_of: date, known_at: date | None, goals: Sequence[str]
    ) -> dict[str, GoalFigures]:
        """Per-goal figures as of a date, of the entries without a unit, in one statement
        (see postgres_sql.FIGURES_SQL)."""
        found = self.unit_figures(plan, as_of, known_at, [(g, "") for g in goals])
        return {goal: f for (goal, _), f in found.items()}

    def unit_figures(
        self, plan: str, as_of: date, known_at: date | None, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], GoalFigures]:
        """Figures by (goal, unit) as of a date, in one statement (see FIGURES_SQL)."""
        if not keys:
            return {}
        params = {"plan": plan, "as_of": as_of.isoformat(), "known": known_bound(known_at),
                  "split": SPLIT, "goals": [g for g, _ in keys],
                  "units": [u for _, u in keys]}  # fmt: skip
        rows = self._rows(sql.FIGURES_SQL, params)
        return {(row[0], row[13]): figures_of(row) for row in rows}

    def counts(self, plan: str) -> tuple[int, int]:
        row = self._rows(
            f"SELECT count(*), count(*) FILTER (WHERE NOT {sql.void_now('e')}) FROM entries e"
            " WHERE e.plan = %(plan)s",
            {"plan": plan, "known": known_bound(None)},
        )[0]
        return row[0], row[1]

    def goal_ids(self, plan: str) -> list[str]:
        return [r[0] for r in self._rows("SELECT DISTINCT goal FROM entries WHERE plan = %s",
                                         (plan,))]  # fmt: skip

    def plans(self) -> dict[str, int]:
        return dict(self._rows("SELECT plan, count(*) FROM entries GROUP BY plan ORDER BY plan",
                               None))  # fmt: skip

    def plan_ids(self) -> list[str]:
        return [r[0] for r in self._rows("SELECT DISTINCT plan FROM actions ORDER BY plan",
                                         None)]  # fmt: skip

    def is_empty(self) -> bool:
        with self._conn.cursor() as cur:
            return self._empty(cur)

    @staticmethod
    def _empty(cur: Any) -> bool:
        cur.execute("SELECT NOT EXISTS (SELECT 1 FROM entries) AND NOT EXISTS"
                    " (SELECT 1 FROM actions)")  # fmt: skip
        return bool(cur.fetchone()[0])

    def integrity_problems(self) -> list[str]:
        """The schema, the roles' privileges and every stored row (see postgres_checks)."""
        return integrity_problems(self._conn, self.schema)

    # ------------------------------------------------------------------ roles, copies

    def grant(self, role: str, as_what: str, units: Sequence[str] = ()) -> None:
        """Make ``role`` a reader or a recorder of this ledger (the owner's to do); a
        recorder given ``units`` (unit ids) records, voids and restores entries of those
        units only, enforced by row-level security. Granting again replaces the units."""
        if units and as_what != "recorder":
            raise ValidationError(say("err.pg.units_reader"))
        if any(not isinstance(u, str) or not u for u in units):
            raise ValidationError(say("err.pg.unit_empty"))
        statements = grant_statements(self.schema, role, as_what, list(dict.fromkeys(units)))
        self._as_owner(role, statements, "err.pg.owner_grants")

    def revoke(self, role: str) -> None:
        self._as_owner(role, revoke_statements(self.schema, role), "err.pg.owner_revokes")

    def _as_owner(self, role: str, statements: list[Statement], refusal: str) -> None:
        """Run ``statements`` as the ledger's owner; anyone else gets ``refusal`` (a key)."""
        # (PostgreSQL only warns when someone else's GRANT grants nothing: refuse it.)
        with self._write() as cur:
            cur.execute("SELECT pg_has_role(current_user, nspowner, 'MEMBER') FROM pg_namespace"
                        " WHERE nspname = %s", (self.schema,))  # fmt: skip
            if not cur.fetchone()[0]:
                raise DatabaseReadOnlyError(say(refusal, where=self.location))
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if cur.fetchone() is None:
                raise NotFoundError(say("err.pg.no_role", role=repr(role)))
            for statement, params in statements:
                cur.execute(statement, params or None)

    def dump(self) -> LedgerDump:
        """Every row as stored (in a read open, of its one snapshot)."""
        at = sql.stamp

        def entries() -> Iterator[tuple[Any, ...]]:
            # A server-side cursor streams the rows; it lives in a transaction (in a read
            # open, a savepoint of its snapshot).
            with self._conn.transaction(), self._conn.cursor(name="plantrack_dump") as cur:
                cur.itersize = 5_000
                cur.execute("SELECT seq, plan, id, goal, date::text, kind, units, bound, status,"
                            f" note, source, recorded_by, {at('recorded_at')}, action, unit"
                            " FROM entries ORDER BY seq")  # fmt: skip
                yield from cur

        actions = f"SELECT id, plan, kind, done_by, {at('done_at')}, about FROM actions"
        voids = f"SELECT id, seq, reason, voided_by, {at('voided_at')}, action FROM voids"
        restores = f"SELECT void, restored_by, {at('restored_at')}, action FROM restores"
        return LedgerDump(
            actions=self._rows(actions + " ORDER BY id"),
            voids=self._rows(voids + " ORDER BY id"),
            restores=self._rows(restores + " ORDER BY void"),
            undos=self._rows("SELECT action, undone_by FROM undos ORDER BY action"),
            entries=entries(),
        )

    def load_dump(self, dump: LedgerDump) -> int:
        """Write a whole ledger, ids and audit fields as they are, into this empty one
        (the owner's to do: only the owner may write who and when)."""
        with self._write() as cur:
            if not self._empty(cur):
                raise ValidationError(say("err.ledger.copy_not_empty", where=self.location))
            _copy(cur, "actions (id, plan, kind, done_by, done_at, about)", dump.actions)
            n = _copy(cur, "entries (seq, plan, id, goal, date, kind, units, bound, status, note,"
                           " source, recorded_by, recorded_at, action, unit)",
                      dump.entries)  # fmt: skip
            _copy(cur, "voids (id, seq, reason, voided_by, voided_at, action)", dump.voids)
            _copy(cur, "restores (void, restored_by, restored_at, action)", dump.restores)
            _copy(cur, "undos (action, undone_by)", dump.undos)
            for table, column in (("actions", "id"), ("entries", "seq"), ("voids", "id")):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
                            f" COALESCE(max({column}), 0) + 1, false) FROM {table}")  # fmt: skip
        self._analyze_after(n)
        return n

    def backup(self, target: Path) -> None:
        """A consistent copy of the whole ledger as a SQLite ledger file."""
        from plantrack.ledger.sqlite import open_ledger as open_sqlite

        with open_sqlite(str(target), write=True) as copy:
            copy.load_dump(self.dump())


def _copy(cur: Any, into: str, rows: Iterable[tuple[Any, ...]],
          types: Sequence[str] = ()) -> int:  # fmt: skip
    n = 0
    statement = into if into.startswith("COPY ") else f"COPY {into} FROM STDIN"
    with cur.copy(statement) as copy:
        if types:
            copy.set_types(types)
        for row in rows:
            copy.write_row(row)
            n += 1
    return n


def _policy_refusal(exc: Any) -> bool:
    """A row that row-level security refused (said in the server's language: known by
    where the server raised it, or its English words)."""
    diag = exc.diag
    return (diag.source_function == "ExecWithCheckOptions"
            or "row-level security" in (diag.message_primary or ""))  # fmt: skip


def _units(e: NewEntry) -> int | None:
    return None if e.value is None else to_units(e.value)
