"""What doctor checks in an SQLite ledger beyond SQLite's own checks: that its schema
is plantrack's, and that the history tables hold only rows plantrack writes.

CHECK constraints, triggers and foreign keys can all be bypassed by another tool
(or switched off), so these read the rows themselves.
"""

from __future__ import annotations

import sqlite3

from plantrack.ledger.sqlite_migrations import migrate

_D = "[0-9]"
_STAMP = f"{_D * 4}-{_D * 2}-{_D * 2}T{_D * 2}:{_D * 2}:{_D * 2}.{_D * 6}Z"  # a GLOB pattern
_ACTION_KINDS = "('record', 'import', 'void', 'restore', 'amend', 'undo', 'ledger-restore')"


def _not_stamp(column: str) -> str:
    return f"(typeof({column}) != 'text' OR {column} NOT GLOB '{_STAMP}')"


def _no_text(column: str) -> str:
    return f"(typeof({column}) != 'text' OR trim({column}) = '')"


_VOID = "'void #' || v.id || ' of entry ' || quote(e.id)"
# (what is wrong, the rows it is wrong of: one text column naming each)
HISTORY_CHECKS = (
    ("voided_at is not a UTC timestamp",
     f"SELECT {_VOID} FROM voids v JOIN entries e ON e.seq = v.seq"
     f" WHERE {_not_stamp('v.voided_at')}"),
    ("its reason or author is empty",
     f"SELECT {_VOID} FROM voids v JOIN entries e ON e.seq = v.seq"
     f" WHERE {_no_text('v.reason')} OR {_no_text('v.voided_by')}"),
    ("it is dated before the entry was recorded",
     f"SELECT {_VOID} FROM voids v JOIN entries e ON e.seq = v.seq"
     " WHERE v.voided_at < e.recorded_at"),
    ("restored_at is not a UTC timestamp",
     f"SELECT 'restore of ' || {_VOID} FROM restores r JOIN voids v ON v.id = r.void"
     f" JOIN entries e ON e.seq = v.seq WHERE {_not_stamp('r.restored_at')}"),
    ("its author is empty, or it is dated before the void",
     f"SELECT 'restore of ' || {_VOID} FROM restores r JOIN voids v ON v.id = r.void"
     f" JOIN entries e ON e.seq = v.seq"
     f" WHERE {_no_text('r.restored_by')} OR r.restored_at < v.voided_at"),
    ("it has two voids in force at once",
     "SELECT 'entry ' || quote(e.id) FROM voids v JOIN entries e ON e.seq = v.seq"
     " WHERE NOT EXISTS (SELECT 1 FROM restores r WHERE r.void = v.id)"
     " GROUP BY v.seq HAVING count(*) > 1"),
    ("its kind, author or time is not one plantrack writes",
     "SELECT 'action #' || a.id FROM actions a"
     f" WHERE a.kind NOT IN {_ACTION_KINDS} OR {_no_text('a.done_by')}"
     f" OR {_not_stamp('a.done_at')} OR {_no_text('a.plan')}"),
)  # fmt: skip
_OBJECTS = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"


def history_problems(conn: sqlite3.Connection) -> list[str]:
    """Voids, restores and actions that plantrack cannot have written."""
    return [f"damaged {row[0]}: {what}"
            for what, sql in HISTORY_CHECKS for row in conn.execute(sql)]  # fmt: skip


def schema_problems(conn: sqlite3.Connection) -> list[str]:
    """Tables, indexes and triggers missing or unlike those plantrack creates."""
    fresh = sqlite3.connect(":memory:")
    try:
        migrate(fresh)
        expected = {(kind, name): sql for kind, name, sql in fresh.execute(_OBJECTS)}
    finally:
        fresh.close()
    found = {(kind, name): sql for kind, name, sql in conn.execute(_OBJECTS)}
    problems = []
    for (kind, name), sql in sorted(expected.items()):
        if (kind, name) not in found:
            problems.append(f"schema: {kind} {name!r} is missing")
        elif found[kind, name] != sql:
            problems.append(f"schema: {kind} {name!r} is not the one plantrack creates")
    problems += [f"schema: {kind} {name!r} is not plantrack's"
                 for kind, name in sorted(found.keys() - expected.keys())]  # fmt: skip
    return problems
