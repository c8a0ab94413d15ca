"""doctor on ledgers changed behind plantrack's back: rows no plantrack command writes.

Each ledger is built with the CLI, then changed through sqlite3 with the
append-only triggers dropped for the change and put back after it, so it differs
from a real ledger by that change only. doctor must name what is wrong (exit 1);
the reports refuse what they cannot read (exit 6), in one line.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from support import ok, run

LABS, COVERAGE = "provincial-labs", "pilot-base-key-industry-coverage"
def doctor_finds(db: Path, *found: str) -> list[str]:
    """doctor's exit 1, and each of ``found`` among the problems it lists."""
    result = run("doctor", "--db", str(db))
    assert result.exit_code == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("plantrack: check failed: "), lines
    for text in found:
        assert any(text in line for line in lines[:-1]), (text, lines)
    return lines[:-1]


def refused(*args: str) -> str:
    """Exit 6 with one 'plantrack: error:' line, nothing on stdout."""
    result = run(*args)
    assert result.exit_code == 6, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    return result.stderr


def tamper(db: Path, *statements: str, triggers: bool = True) -> None:
    """Run statements on the ledger with its triggers and CHECKs off (triggers: put back)."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        saved = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        saved = saved.fetchall()
        for name, _ in saved:
            conn.execute(f"DROP TRIGGER {name}")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        for sql in statements:
            conn.execute(sql)
        if triggers:
            for _, sql in saved:
                conn.execute(sql)
    finally:
        conn.close()


@pytest.fixture
def ledger(db: Path) -> Path:
    ok("record", LABS, "3", "--date", "2022-01-01", "--db", str(db))  # seq 1
    ok("record", LABS, "+2", "--date", "2023-01-01", "--db", str(db))  # seq 2
    ok("record", COVERAGE, "40", "--date", "2024-12-31", "--db", str(db))  # seq 3
    ok("void", entry_id(db, 2), "--reason", "typo", "--db", str(db))
    ok("doctor", "--db", str(db))
    return db


def entry_id(db: Path, seq: int) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT id FROM entries WHERE seq = ?", (seq,)).fetchone()[0]
    finally:
        conn.close()


def test_the_fixture_voids_one_entry(ledger: Path) -> None:
    conn = sqlite3.connect(ledger)
    assert conn.execute("SELECT count(*) FROM voids").fetchone() == (1,)
    conn.close()


def test_a_void_without_a_reason(ledger: Path) -> None:
    tamper(ledger, "UPDATE voids SET reason = '  '")
    doctor_finds(ledger, "damaged void #1 of entry ", ": its reason or author is empty")


def test_a_void_at_no_time(ledger: Path) -> None:
    # 'never' sorts after every bound: the void would count from no moment on.
    tamper(ledger, "UPDATE voids SET voided_at = 'never'")
    doctor_finds(ledger, ": voided_at is not a UTC timestamp")


def test_a_void_dated_before_its_entry_was_recorded(ledger: Path) -> None:
    tamper(ledger, "UPDATE voids SET voided_at = '2000-01-01T00:00:00.000000Z'")
    doctor_finds(ledger, ": it is dated before the entry was recorded")


def test_two_voids_in_force_on_one_entry(ledger: Path) -> None:
    tamper(ledger, "INSERT INTO voids (seq, reason, voided_by, voided_at, action)"
                   " SELECT seq, 'again', 'x', voided_at, action FROM voids")  # fmt: skip
    doctor_finds(ledger, ": it has two voids in force at once")
    # history --all would list the voided entry twice: it refuses instead
    assert "it has two voids in force at once" in refused("history", "--all", "--db", str(ledger))


def test_a_restore_before_its_void_and_at_no_time(ledger: Path) -> None:
    tamper(ledger, "INSERT INTO restores (void, restored_by, restored_at, action)"
                   " SELECT id, 'x', '2000-01-01T00:00:00.000000Z', action FROM voids")
    doctor_finds(ledger, "damaged restore of void #1 of entry ", "dated before the void")
    tamper(ledger, "UPDATE restores SET restored_at = 'later'")
    doctor_finds(ledger, ": restored_at is not a UTC timestamp")


def test_an_action_no_command_writes(ledger: Path) -> None:
    tamper(ledger, "UPDATE actions SET kind = 'forge', done_by = '' WHERE id = 2")
    doctor_finds(ledger, "damaged action #2: its kind, author or time is not one plantrack")


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ("UPDATE entries SET bound = 'lower' WHERE seq = 2",
         "only a total can be a lower bound, not a increment"),
        ("UPDATE entries SET id = '' WHERE seq = 2", "its id, its author or a note"),
        ("UPDATE entries SET recorded_by = ' ' WHERE seq = 2", "its id, its author or a note"),
        ("UPDATE entries SET kind = 'note', units = NULL, note = NULL WHERE seq = 2",
         "its id, its author or a note row's text is empty"),
        # 150% as stored units (value x 10^4): 150 x 10,000 = 1,500,000
        ("UPDATE entries SET units = 1500000 WHERE seq = 3",
         f"goal '{COVERAGE}' is in %: a share is between 0 and 100, got 150"),
        ("UPDATE entries SET date = '2019-06-30' WHERE seq = 1",  # (2021-01-01: period start)
         f"date 2019-06-30 is before the baseline date 2021-01-01 of goal '{LABS}'"),
    ],
)  # fmt: skip
def test_entries_no_input_could_write(ledger: Path, change: str, found: str) -> None:
    tamper(ledger, change)
    doctor_finds(ledger, found)


def test_text_that_is_not_utf8(ledger: Path) -> None:
    tamper(ledger, "UPDATE entries SET note = CAST(X'41FF' AS TEXT) WHERE seq = 1")
    doctor_finds(ledger, f"damaged entry '{entry_id(ledger, 1)}': its text is not UTF-8")
    assert "is damaged" in refused("history", "--db", str(ledger))


def test_dropped_triggers_are_named(ledger: Path) -> None:
    tamper(ledger, "SELECT 1", triggers=False)
    found = doctor_finds(ledger, "schema: trigger 'entries_no_update' is missing")
    assert len([p for p in found if p.startswith("schema: trigger ")]) == 10  # 5 tables x 2


def test_a_missing_index_is_named_and_reports_refuse_in_one_line(ledger: Path) -> None:
    tamper(ledger, "DROP INDEX entries_status")
    doctor_finds(ledger, "schema: index 'entries_status' is missing")
    message = refused("status", "--db", str(ledger))
    assert message.startswith(f"plantrack: error: database {ledger} is damaged: ")
    assert "no such index: entries_status" in message


def test_a_changed_table_is_named(ledger: Path) -> None:
    tamper(ledger, "ALTER TABLE actions ADD COLUMN extra TEXT")
    doctor_finds(ledger, "schema: table 'actions' is not the one plantrack creates")
