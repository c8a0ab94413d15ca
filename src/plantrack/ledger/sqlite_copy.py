"""A whole SQLite ledger as rows and back (ledger copy), ids and audit fields as stored."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import suppress
from itertools import islice
from typing import Any

from plantrack.ledger.base import LedgerDump

_ENTRY_COLUMNS = ("seq, plan, id, goal, date, kind, units, bound, status, note, source,"
                  " recorded_by, recorded_at, action, unit")  # fmt: skip
_TABLES = {
    "actions": "id, plan, kind, done_by, done_at, about",
    "voids": "id, seq, reason, voided_by, voided_at, action",
    "restores": "void, restored_by, restored_at, action",
    "undos": "action, undone_by",
}
_CHUNK = 5_000


def dump(conn: sqlite3.Connection) -> LedgerDump:
    """Every row, in id order; the entries are read as they are consumed."""

    def rows(table: str, key: str) -> list[tuple[Any, ...]]:
        return conn.execute(f"SELECT {_TABLES[table]} FROM {table} ORDER BY {key}").fetchall()

    def entries() -> Iterator[tuple[Any, ...]]:
        cursor = conn.execute(f"SELECT {_ENTRY_COLUMNS} FROM entries ORDER BY seq")
        try:
            while rows := cursor.fetchmany(_CHUNK):
                yield from rows
        finally:  # (left unread when a copy stops early, perhaps after the file was closed)
            with suppress(sqlite3.ProgrammingError):
                cursor.close()

    return LedgerDump(rows("actions", "id"), rows("voids", "id"), rows("restores", "void"),
                      rows("undos", "action"), entries())  # fmt: skip


def load(conn: sqlite3.Connection, dump: LedgerDump) -> int:
    """Insert a dump, ids as they are (the caller's transaction, an empty ledger)."""
    _insert(conn, "actions", dump.actions)
    n = 0
    pending = iter(dump.entries)
    marks = ", ".join("?" * 15)
    while chunk := list(islice(pending, _CHUNK)):
        conn.executemany(f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES ({marks})", chunk)
        n += len(chunk)
    for table in ("voids", "restores", "undos"):
        _insert(conn, table, getattr(dump, table))
    return n


def _insert(conn: sqlite3.Connection, table: str, rows: Iterable[tuple[Any, ...]]) -> None:
    columns = _TABLES[table]
    marks = ", ".join("?" * (columns.count(",") + 1))
    conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
