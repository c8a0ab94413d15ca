"""The SQLite ledger's schema migrations, append-only. Never edit a released one; add one.

Each migration is a named function run inside the writer's transaction,
together with the row that records it in ``migrations``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from plantrack.i18n import Message, say

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


class ChangedTable(sqlite3.DatabaseError):
    """A table another tool has changed, so that a migration cannot apply: reported as
    a damaged ledger, as SQLite's own errors are; ``said`` is why."""

    def __init__(self, said: Message) -> None:
        super().__init__(str(said))
        self.said = said


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def migrate(db: sqlite3.Connection) -> None:
    """Apply every migration not yet applied, each with its row in ``migrations``
    (inside the caller's transaction)."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    applied = {r[0] for r in db.execute("SELECT name FROM migrations")}
    for name, fn in MIGRATIONS:
        if name not in applied:
            fn(db)
            db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, datetime('now'))",
                       (name,))  # fmt: skip


@migration
def m001_entries_and_voids(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE entries (
            seq INTEGER PRIMARY KEY,          -- local order of recording
            plan TEXT NOT NULL,               -- plan id: one database can serve several plans
            id TEXT NOT NULL,                 -- public id and idempotency key
            goal TEXT NOT NULL,
            date TEXT NOT NULL,               -- ISO date the figure describes
            kind TEXT NOT NULL CHECK (kind IN ('total', 'increment', 'status', 'note')),
            units INTEGER,                    -- value x 10^4 (exact) for total / increment
            bound TEXT CHECK (bound IS NULL OR bound = 'lower'),
            status TEXT CHECK (status IS NULL OR status IN ('not_started', 'in_progress', 'done')),
            note TEXT,
            source TEXT,
            recorded_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,        -- ISO UTC timestamp
            UNIQUE (plan, id),
            CHECK ((kind IN ('total', 'increment')) = (units IS NOT NULL)),
            CHECK ((kind = 'status') = (status IS NOT NULL))
        )
        """
    )
    db.execute("CREATE INDEX entries_by_goal ON entries (plan, goal, date, seq)")
    db.execute(
        """
        CREATE TABLE voids (
            seq INTEGER PRIMARY KEY REFERENCES entries (seq),
            reason TEXT NOT NULL,
            voided_by TEXT NOT NULL,
            voided_at TEXT NOT NULL
        )
        """
    )


@migration
def m002_status_index(db: sqlite3.Connection) -> None:
    # Milestone statuses are few among many numeric entries: a partial index lets
    # "latest status per goal" seek instead of reading every entry of the goal.
    db.execute(
        "CREATE INDEX entries_status ON entries (plan, goal, date, seq) WHERE kind = 'status'"
    )


@migration
def m003_covering_goal_index(db: sqlite3.Connection) -> None:
    # Reports seek each goal's latest total and later increments: with kind,
    # recorded_at, units and bound in the index those seeks never touch the
    # table (a 1,000,000-entry ledger: 1.0 s -> 0.46 s for the figures query).
    # Same leading columns, so it serves every query entries_by_goal served.
    db.execute(
        "CREATE INDEX entries_cover ON entries"
        " (plan, goal, date, seq, kind, recorded_at, units, bound)"
    )
    db.execute("DROP INDEX entries_by_goal")


@migration
def m004_actions_restores_append_only(db: sqlite3.Connection) -> None:
    # Every change is an action of one user (so `undo` reverts your own last one);
    # a void can be reversed by a restore, and an entry voided again later, so
    # voids get an id of their own; and history is append-only in the schema
    # itself: UPDATE and DELETE are refused on every history table.
    db.execute(
        """
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            plan TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('record', 'import', 'void', 'restore',
                                               'amend', 'undo', 'ledger-restore')),
            done_by TEXT NOT NULL,
            done_at TEXT NOT NULL,   -- ISO UTC timestamp
            about TEXT NOT NULL      -- the import's file, the entry id, ...
        )
        """
    )
    db.execute("CREATE INDEX actions_by_user ON actions (plan, done_by, id)")
    db.execute("ALTER TABLE entries ADD COLUMN action INTEGER REFERENCES actions (id)")
    db.execute(
        """
        CREATE TABLE voids_m004 (
            id INTEGER PRIMARY KEY,
            seq INTEGER NOT NULL REFERENCES entries (seq),
            reason TEXT NOT NULL,
            voided_by TEXT NOT NULL,
            voided_at TEXT NOT NULL,
            action INTEGER REFERENCES actions (id)
        )
        """
    )
    db.execute(
        "INSERT INTO voids_m004 (seq, reason, voided_by, voided_at)"
        " SELECT seq, reason, voided_by, voided_at FROM voids ORDER BY voided_at, seq"
    )
    db.execute("DROP TABLE voids")
    db.execute("ALTER TABLE voids_m004 RENAME TO voids")
    db.execute("CREATE INDEX voids_by_entry ON voids (seq)")
    db.execute(
        """
        CREATE TABLE restores (
            void INTEGER PRIMARY KEY REFERENCES voids (id),
            restored_by TEXT NOT NULL,
            restored_at TEXT NOT NULL,
            action INTEGER REFERENCES actions (id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE undos (
            action INTEGER PRIMARY KEY REFERENCES actions (id),
            undone_by INTEGER NOT NULL REFERENCES actions (id)
        )
        """
    )
    for table in ("entries", "voids", "restores", "actions", "undos"):
        for change in ("UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_no_{change.lower()} BEFORE {change} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"
            )


_BOUND_LOWER = "bound TEXT CHECK (bound IS NULL OR bound = 'lower')"
_BOUND_APPROX = "bound TEXT CHECK (bound IS NULL OR bound IN ('lower', 'approx'))"


@migration
def m005_approximate_figures(db: sqlite3.Connection) -> None:
    # A figure published as approximate (约2万, 2万左右) is kept as such: bound 'approx'.
    # Widening a CHECK changes no stored row, so it is made as SQLite's documentation
    # describes for such changes (lang_altertable.html, "simpler procedure"): the table's
    # CREATE text is edited in place, and the schema version bumped so every connection
    # reads it again. A table rebuild would need foreign keys off, outside a transaction.
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        changed = db.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' "
            "AND name = 'entries' AND instr(sql, ?) > 0", (_BOUND_LOWER, _BOUND_APPROX,
                                                          _BOUND_LOWER),
        ).rowcount  # fmt: skip
        if changed != 1:  # a table another tool has changed: leave it as it is
            raise ChangedTable(say("err.ledger.entries_changed"))
        db.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")


@migration
def m006_entry_units(db: sqlite3.Connection) -> None:
    # A figure can be of one unit of a goal's breakdown (a city, a department): '' is the
    # whole (a provincial figure), so that an equality, not IS, picks either and the index
    # seeks stay exact. The unit follows the goal in both indexes, so a goal's provincial
    # figures and each unit's are each one range. Adding a column with a constant default
    # rewrites no row; the two indexes are built again.
    db.execute("ALTER TABLE entries ADD COLUMN unit TEXT NOT NULL DEFAULT ''")
    db.execute("DROP INDEX entries_cover")
    db.execute(
        "CREATE INDEX entries_cover ON entries"
        " (plan, goal, unit, date, seq, kind, recorded_at, units, bound)"
    )
    db.execute("DROP INDEX entries_status")
    db.execute(
        "CREATE INDEX entries_status ON entries (plan, goal, unit, date, seq)"
        " WHERE kind = 'status'"
    )
