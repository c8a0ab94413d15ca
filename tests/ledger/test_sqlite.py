"""ledger.py: storage settings, the write path, and every database failure a user can meet.

Each failure must give one line on stderr and its documented exit code, no
traceback, no "recorded"/"imported" on stdout, and leave earlier entries intact.

Read-only files and folders: we run as root in CI, where permission bits do not
stop writes. The CLI then runs in a child process that drops CAP_DAC_OVERRIDE
and CAP_DAC_READ_SEARCH from its capability bounding set before exec (prctl
PR_CAPBSET_DROP): it is still root, and owns the files, but the owner's
permission bits now apply to it (the ``restricted`` fixture, in conftest.py).
(Switching to ``nobody`` does not work here: the interpreter lives under
/root, which is 0700.) As any other user the bits work directly and the child
runs unchanged.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import support
from support import Runner, ok, run
from typer.testing import Result

from plantrack.errors import (
    DatabaseBusyError,
    DatabaseCorruptError,
    DatabaseReadOnlyError,
    ExitCode,
    PlantrackError,
    ValidationError,
    WriteError,
)
from plantrack.ledger import open_ledger, sqlite_files
from plantrack.ledger import sqlite as ledger_module
from plantrack.model.entries import NewEntry
from plantrack.paths import bundled_plan_path
from plantrack.planfile import load_plan

PLAN_TEXT = bundled_plan_path().read_text(encoding="utf-8")
PLAN_ID = load_plan(bundled_plan_path()).id
LABS, ACADEMY = "provincial-labs", "academy-of-sciences"

def fails(code: int, *args: str) -> Result:
    return support.fails(code, *args, one_line=True)


def check_failure(exit_code: int, stdout: str, stderr: str, code: int) -> None:
    """The documented code, a single 'plantrack: error:' line, nothing on stdout."""
    assert exit_code == code, (exit_code, stdout, stderr)
    assert stdout == ""
    assert len(stderr.splitlines()) == 1 and stderr.startswith("plantrack: error: "), stderr
    assert "Traceback" not in stderr


AT = "2022-01-01T00:00:00.000000Z"


def entry(i: int, **kw: object) -> NewEntry:
    fields: dict[str, object] = {
        "id": f"e{i}", "goal": LABS, "date": date(2022, 1, 1), "kind": "increment",
        "value": Decimal(i),
    }  # fmt: skip
    fields.update(kw)
    return NewEntry(**fields)  # type: ignore[arg-type]


def stored_values(db: Path) -> list[Decimal | None]:
    with open_ledger(db, write=False) as ledger:
        return [e.value for e in ledger.entries(PLAN_ID)]


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def seed(db: Path) -> None:
    ok("record", LABS, "3", "--date", "2022-01-01", "--db", str(db))


# --------------------------------------------------------------------------- settings


def test_writer_settings(db: Path) -> None:
    with open_ledger(db, write=True) as ledger:
        conn = ledger._conn
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # 2 = FULL
        assert conn.execute("PRAGMA busy_timeout").fetchone() == (30_000,)
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
    assert names == [name for name, _ in ledger_module.MIGRATIONS]


def test_reports_and_checks_on_a_missing_ledger_are_not_found_and_create_nothing(
    db: Path,
) -> None:
    # `check --db typo.db` must not say "ok" (a false green in cron), nor a report
    # show "31 no data": a ledger that is not there is exit 3, and stays not there.
    for command in (["history"], ["status"], ["gaps"], ["show", LABS], ["check"],
                    ["export", "entries"], ["doctor"], ["undo"], ["ledger", "backup", "b.db"],
                    ["void", "abcd", "--reason", "typo"], ["restore", "abcd"],
                    ["amend", "abcd", "3"], ["ledger", "upgrade"]):  # fmt: skip
        result = fails(3, *command, "--db", str(db))
        assert f"no ledger at {db}" in result.stderr, command
    assert not db.exists() and not Path("b.db").exists()
    db.touch()  # an empty file (another tool's touch) is no ledger either
    fails(3, "status", "--db", str(db))
    assert db.stat().st_size == 0


def old_ledger(db: Path) -> None:
    """A ledger as plantrack wrote it before migration m004: entries and one void."""
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, fn in ledger_module.MIGRATIONS[:3]:
        fn(conn)
        conn.execute("INSERT INTO migrations VALUES (?, '2025-01-01')", (name,))
    conn.executemany(
        "INSERT INTO entries (plan, id, goal, date, kind, units, recorded_by, recorded_at)"
        " VALUES (?, ?, ?, '2022-01-01', 'increment', ?, 'old', '2025-01-01T00:00:00.000000Z')",
        [(PLAN_ID, "o1", LABS, 30_000), (PLAN_ID, "o2", LABS, 50_000)],
    )
    conn.execute("INSERT INTO voids VALUES (2, 'typo', 'old', '2025-01-02T00:00:00.000000Z')")
    conn.commit()
    conn.close()


def test_reports_never_upgrade_an_older_ledger_but_writers_and_upgrade_do(db: Path) -> None:
    old_ledger(db)
    before = db.read_bytes()
    message = fails(6, "status", "--db", str(db)).stderr
    assert "from an older plantrack" in message and "plantrack ledger upgrade" in message
    assert db.read_bytes() == before  # a read changed nothing
    assert ok("ledger", "upgrade", "--db", str(db)).stdout == f"{db}: up to date\n"
    conn = sqlite3.connect(db)
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid")]
    conn.close()
    assert names == [name for name, _ in ledger_module.MIGRATIONS]
    with open_ledger(db, write=False) as ledger:  # the old void is kept: o2 still void
        got = [(e.id, e.value, e.void_reason) for e in ledger.entries(PLAN_ID)]
    assert got == [("o1", 3, None), ("o2", 5, "typo")]


def test_an_upgraded_ledger_takes_approximate_figures_and_is_clean(db: Path) -> None:
    # m005 widens the bound CHECK of a ledger written before it; the upgraded schema is
    # the one a new ledger gets (doctor compares them), and its rows are untouched.
    old_ledger(db)
    conn = sqlite3.connect(db)
    with pytest.raises(sqlite3.IntegrityError):  # before: 'approx' is refused
        conn.execute("INSERT INTO entries (plan, id, goal, date, kind, units, bound, "
                     "recorded_by, recorded_at) VALUES ('p', 'x', 'g', '2022-01-01', "
                     "'total', 1, 'approx', 'u', 't')")  # fmt: skip
    conn.close()
    ok("ledger", "upgrade", "--db", str(db))
    ok("record", LABS, "约8", "--date", "2023-06-30", "--db", str(db))
    with open_ledger(db, write=False) as ledger:
        got = [(e.id, e.value, e.bound) for e in ledger.entries(PLAN_ID)][-1][1:]
    assert got == (8, "approx")
    assert "ok" in ok("doctor", "--db", str(db)).stdout


def test_readers_never_write(db: Path) -> None:
    seed(db)
    with pytest.raises(DatabaseReadOnlyError), open_ledger(db, write=False) as ledger:
        ledger.add(PLAN_ID, [entry(1)], by="t", at=AT)
    assert stored_values(db) == [3]


def test_one_database_serves_several_plans(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(PLAN_TEXT.replace(f"id: {PLAN_ID}", "id: other-plan", 1), encoding="utf-8")
    seed(db)
    ok("record", LABS, "7", "--date", "2022-01-01", "--db", str(db), "--plan", str(other))
    with open_ledger(db, write=False) as ledger:
        assert [e.value for e in ledger.entries(PLAN_ID)] == [3]
        assert [e.value for e in ledger.entries("other-plan")] == [7]


# --------------------------------------------------------------------------- the write path


def test_add_counts_added_and_skipped_across_chunks(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_module, "INSERT_CHUNK", 3)
    with open_ledger(db, write=True) as ledger:
        # 10 entries, e2 and e5 repeated: 10 added, 2 skipped, over 4 chunks.
        first = ledger.add(PLAN_ID, [entry(i) for i in [*range(10), 2, 5]], by="t", at=AT)
        again = ledger.add(PLAN_ID, [entry(i) for i in range(12)], by="t", at=AT)  # e10, e11
    assert (first.added, first.skipped) == (10, 2)
    assert (again.added, again.skipped) == (2, 10)
    assert stored_values(db) == list(range(12))


def test_an_error_mid_stream_rolls_back_every_chunk(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger_module, "INSERT_CHUNK", 3)
    seed(db)

    def stream() -> Iterator[NewEntry]:
        yield from (entry(i) for i in range(10))  # three chunks are written first
        raise ValidationError("rows.csv:12: bad row")

    with open_ledger(db, write=True) as ledger, pytest.raises(ValidationError):
        ledger.add(PLAN_ID, stream(), by="t", at=AT)
    assert stored_values(db) == [3]
    assert integrity(db) == "ok"


def test_history_tables_refuse_update_and_delete(db: Path) -> None:
    # Append-only in the schema: even a plain SQLite connection cannot edit history.
    seed(db)
    conn = sqlite3.connect(db)
    try:
        for sql in ("UPDATE entries SET units = 90000", "DELETE FROM entries",
                    "DELETE FROM actions", "UPDATE actions SET done_by = 'x'"):  # fmt: skip
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                conn.execute(sql)
    finally:
        conn.close()
    assert stored_values(db) == [3]


def test_sums_near_the_limit_are_exact(db: Path) -> None:
    # Ten changes of 99,999,999,999,999.9999 (the largest value) sum to
    # 999,999,999,999,999.999: more than SQLite's SUM of 64-bit integers holds.
    big = Decimal("99999999999999.9999")
    with open_ledger(db, write=True) as ledger:
        ledger.add(PLAN_ID, [entry(i, value=big) for i in range(10)], by="t", at=AT)
        ledger.add(PLAN_ID, [entry(10, value=-big), entry(11, value=Decimal("-0.0001"))],
                   by="t", at=AT)  # fmt: skip
        f = ledger.figures(PLAN_ID, date(2022, 12, 31), None, [LABS])[LABS]
    # 10 x big - big - 0.0001 = 9 x big - 0.0001 = 899,999,999,999,999.9990
    assert f.increments == Decimal("899999999999999.999")
    assert f.total is None and f.first_date is not None
    result = run("status", "--json", "--as-of", "2022-12-31", "--db", str(db))
    assert result.exit_code == 0, result.stderr


# --------------------------------------------------------------------------- figures


@pytest.fixture
def sample_db(db: Path) -> Path:
    from support import EXAMPLES

    ok("import", str(EXAMPLES), "--db", str(db))
    return db


def test_figures_for_every_goal_are_one_statement(sample_db: Path) -> None:
    ids = [g.id for g in load_plan(bundled_plan_path()).goals]
    with open_ledger(sample_db, write=False) as ledger:
        statements: list[str] = []
        ledger._conn.set_trace_callback(statements.append)  # type: ignore[union-attr]
        together = ledger.figures(PLAN_ID, date(2025, 12, 31), None, ids)
        ledger._conn.set_trace_callback(None)  # type: ignore[union-attr]
        one_by_one = {}
        for goal in ids:
            one_by_one.update(ledger.figures(PLAN_ID, date(2025, 12, 31), None, [goal]))
    assert len(statements) == 1 and "FROM entries" in statements[0]
    assert together == one_by_one
    # The sample data has numeric figures for 7 goals (README: 4 achieved, 1 tracked, 2 missed;
    # the other goals have notes at most).
    assert len(together) == 7
    assert ACADEMY not in together  # no entry: left out, not an empty row


def test_void_prefix_is_exact_and_case_sensitive(db: Path) -> None:
    with open_ledger(db, write=True) as ledger:
        ledger.add(PLAN_ID, [entry(1, id="abcd_1"), entry(2, id="abcdX2"), entry(3, id="ABCD%3")],
                   by="t", at=AT)  # fmt: skip
        assert ledger.void(PLAN_ID, "abcd_", "r", "t", "2022-03-01T00:00:00.000000Z").id == "abcd_1"
        assert ledger.void(PLAN_ID, "ABCD", "r", "t", "2022-03-01T00:00:00.000000Z").id == "ABCD%3"
        with pytest.raises(PlantrackError, match="no entry with id 'abcd\\*'"):
            ledger.void(PLAN_ID, "abcd*", "r", "t", "2022-03-01T00:00:00.000000Z")


# --------------------------------------------------------------------------- busy


def test_a_locked_database_is_exit_4_and_readers_still_read(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(db)
    monkeypatch.setattr(sqlite_files, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
    try:
        result = fails(4, "record", LABS, "+1", "--date", "2022-02-01", "--db", str(db))
        assert "is busy" in result.stderr
        Path("p.csv").write_text("goal,date,value\nprovincial-labs,2022-02-01,+1\n")
        fails(4, "import", "p.csv", "--db", str(db))
        fails(4, "undo", "--db", str(db))
        assert ok("history", "--json", "--db", str(db)).stdout.count('"id"') == 1  # WAL
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    ok("record", LABS, "+1", "--date", "2022-02-01", "--db", str(db))
    assert stored_values(db) == [3, 1]


# --------------------------------------------------------------------------- corrupt


def test_a_file_that_is_not_a_database_is_exit_6_and_untouched(db: Path) -> None:
    garbage = b"this is not a database\n" * 200
    db.write_bytes(garbage)
    for command in (["record", LABS, "3"], ["history"], ["status"], ["doctor"], ["undo"]):
        result = fails(6, *command, "--db", str(db))
        assert "damaged or not a plantrack database" in result.stderr
    assert db.read_bytes() == garbage
    assert sorted(p.name for p in db.parent.iterdir() if p.name.startswith(db.name)) == [db.name]


def test_a_damaged_database_is_exit_6(db: Path) -> None:
    rows = "".join(f"{LABS},2022-01-01,+1,k{i}\n" for i in range(2000))
    Path("p.csv").write_text("goal,date,value,id\n" + rows)
    ok("import", "p.csv", "--db", str(db))
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    roots = [r for (r,) in conn.execute("SELECT rootpage FROM sqlite_master WHERE rootpage > 1")]
    conn.close()
    with db.open("r+b") as f:  # overwrite the root page of every table and index
        for root in roots:
            f.seek(4096 * (root - 1))
            f.write(b"\xff" * 4096)
    for command in (["record", LABS, "3"], ["history"], ["status"], ["doctor"]):
        fails(6, *command, "--db", str(db))


def test_a_database_from_a_newer_plantrack_is_exit_6(db: Path) -> None:
    seed(db)
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO migrations VALUES ('m999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    assert "newer plantrack" in fails(6, "history", "--db", str(db)).stderr
    fails(6, "record", LABS, "4", "--db", str(db))
    assert integrity(db) == "ok"


def test_a_writer_turns_an_empty_file_into_a_ledger(db: Path) -> None:
    db.write_bytes(b"")
    seed(db)
    assert stored_values(db) == [3]


def test_a_database_path_that_is_a_folder(db: Path) -> None:
    db.mkdir()
    for command in (["record", LABS, "3"], ["history"], ["status"]):
        assert "is a folder" in fails(6, *command, "--db", str(db)).stderr


def test_a_database_under_a_file_instead_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    fails(5, "record", LABS, "3", "--db", str(tmp_path / "afile" / "ledger.db"))


def test_known_at_hides_what_was_recorded_or_voided_later(db: Path) -> None:
    # SQLite keeps the recording times it is given: here, times in the past.
    first = entry(1, id="a", date=date(2021, 6, 30), kind="total", value=Decimal(3))
    second = entry(2, id="b", date=date(2021, 9, 30))  # +2
    with open_ledger(db, write=True) as ledger:
        ledger.add(PLAN_ID, [first], by="t", at="2022-01-10T08:00:00.000000Z")
        ledger.add(PLAN_ID, [second], by="t", at="2022-02-10T23:59:59.999999Z")
        ledger.void(PLAN_ID, "a", "typo", "auditor", "2022-03-01T00:00:00.000000Z")

        def reading(known_at: date | None) -> Decimal | None:
            got = ledger.figures(PLAN_ID, date(2025, 12, 31), known_at, [LABS]).get(LABS)
            return None if got is None else (got.total or 0) + got.increments

        assert reading(date(2022, 1, 9)) is None  # nothing recorded yet
        assert reading(date(2022, 1, 10)) == 3  # the end of that day (UTC) counts
        assert reading(date(2022, 2, 10)) == 5  # 3 + 2
        assert reading(date(2022, 3, 1)) == 2  # the void of "a" counts from 2022-03-01
        assert reading(None) == 2
        at_feb = ledger.entries(PLAN_ID, LABS, known_at=date(2022, 2, 28))
        assert [(e.id, e.voided) for e in at_feb] == [("a", False), ("b", False)]


# --------------------------------------------------------------------------- doctor


def plan_without(tmp_path: Path, goal: str) -> Path:
    start = PLAN_TEXT.index(f"  - id: {goal}\n")
    end = PLAN_TEXT.index("  - id: ", start + 1)
    path = tmp_path / "edited.yaml"
    path.write_text(PLAN_TEXT[:start] + PLAN_TEXT[end:], encoding="utf-8")
    return path


def test_doctor_on_a_clean_ledger(db: Path) -> None:
    seed(db)
    ok("record", ACADEMY, "in_progress", "--date", "2022-01-01", "--db", str(db))
    ok("undo", "--db", str(db))
    result = ok("doctor", "--db", str(db))
    assert result.stdout == (
        f"{db}: ok: 2 entries (1 voided), integrity and foreign keys "
        "clean, every entry matches the plan\n"
    )


def test_doctor_finds_entries_for_a_goal_the_plan_no_longer_has(db: Path, tmp_path: Path) -> None:
    seed(db)
    edited = plan_without(tmp_path, LABS)
    result = run("doctor", "--db", str(db), "--plan", str(edited))
    assert result.exit_code == ExitCode.CHECK_FAILED == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"entries for goal '{LABS}', which the plan no longer has",
        f"plantrack: check failed: 1 problem found in {db}",
    ]
    assert ok("doctor", "--db", str(db)).stdout.startswith(f"{db}: ok: 1 entries")


def test_doctor_finds_a_status_on_a_goal_that_is_no_longer_a_milestone(
    db: Path, tmp_path: Path
) -> None:
    ok("record", ACADEMY, "done", "--date", "2022-01-01", "--db", str(db))
    edited = tmp_path / "edited.yaml"
    milestone = f"  - id: {ACADEMY}\n"
    start = PLAN_TEXT.index(milestone)
    block_end = PLAN_TEXT.index("    kind: milestone\n", start) + len("    kind: milestone\n")
    edited.write_text(
        PLAN_TEXT[:start]
        + PLAN_TEXT[start:block_end].replace(
            "kind: milestone", "kind: level\n    unit: '%'\n    target: 100"
        )
        + PLAN_TEXT[block_end:],
        encoding="utf-8",
    )
    result = run("doctor", "--db", str(db), "--plan", str(edited))
    assert result.exit_code == 1, result.stderr
    assert f"goal '{ACADEMY}' takes numbers, not a milestone status" in result.stderr


# --------------------------------------------------------------------------- read-only


def leftovers(db: Path) -> list[str]:
    return sorted(
        p.name for p in db.parent.iterdir() if p.name != db.name and p.name.startswith(db.name)
    )


@pytest.fixture
def data_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "data"
    folder.mkdir()
    yield folder
    folder.chmod(0o755)  # so pytest can clean up


def test_a_read_only_database_file(restricted: Runner, data_folder: Path) -> None:
    db = data_folder / "ledger.db"
    seed(db)
    db.chmod(0o444)  # the folder stays writable: only the file is read-only
    before = db.read_bytes()
    Path("p.csv").write_text("goal,date,value\nprovincial-labs,2022-02-01,+1\n")
    for args in (
        ["record", LABS, "+1", "--date", "2022-02-01"],
        ["import", "p.csv"],
        ["undo"],
        ["note", LABS, "evidence"],
    ):
        done = restricted(*args, "--db", str(db))
        check_failure(done.returncode, done.stdout, done.stderr, ExitCode.DB_READONLY)
        assert done.stderr == f"plantrack: error: database {db} is read-only; nothing was saved\n"
    assert leftovers(db) == []  # no -wal or -shm left behind for the owner to trip on
    reading = restricted("history", "--json", "--db", str(db))
    assert reading.returncode == 0 and reading.stdout.count('"id"') == 1, reading.stderr
    assert db.read_bytes() == before
    assert stored_values(db) == [3] and integrity(db) == "ok"


def test_an_unwritable_folder(restricted: Runner, data_folder: Path) -> None:
    db = data_folder / "ledger.db"
    seed(db)
    data_folder.chmod(0o555)  # the file itself stays writable, its folder is not
    done = restricted("record", LABS, "+1", "--date", "2022-02-01", "--db", str(db))
    check_failure(done.returncode, done.stdout, done.stderr, ExitCode.DB_READONLY)
    assert "not writable" in done.stderr
    done = restricted("record", LABS, "+1", "--db", str(data_folder / "new.db"))
    check_failure(done.returncode, done.stdout, done.stderr, ExitCode.DB_READONLY)
    assert not (data_folder / "new.db").exists()
    # Reports still work: SQLite cannot create its -shm index here, so plantrack
    # reads the (complete) file as immutable.
    for args in (["history", "--json"], ["status", "--json"], ["doctor"]):
        reading = restricted(*args, "--db", str(db))
        assert reading.returncode == 0, (args, reading.stderr)
    assert leftovers(db) == []
    data_folder.chmod(0o755)
    assert stored_values(db) == [3] and integrity(db) == "ok"


def test_a_read_only_open_never_shows_less_than_was_committed(
    restricted: Runner, data_folder: Path
) -> None:
    # F10: with -shm missing in a folder it cannot write, a read-only open read the file
    # as immutable and ignored committed changes still in -wal (status showed 2, not 8).
    db = data_folder / "ledger.db"
    seed(db)  # 3, checkpointed into the file when the writer closed
    code = (
        "import os, sys\n"
        "from datetime import date\n"
        "from decimal import Decimal\n"
        "from plantrack.ledger import open_ledger\n"
        "from plantrack.model.entries import NewEntry\n"
        "with open_ledger(sys.argv[1], write=True) as ledger:\n"
        f"    ledger.add({PLAN_ID!r}, [NewEntry('w5', {LABS!r}, date(2022, 6, 30), 'increment',"
        " Decimal(5))], by='t', at='2022-07-01T00:00:00.000000Z')\n"
        "    os._exit(0)  # killed: the commit stays in the write-ahead log\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)
    Path(f"{db}-shm").unlink()
    assert Path(f"{db}-wal").stat().st_size > 0
    data_folder.chmod(0o555)
    done = restricted("status", "--json", "--as-of", "2022-12-31", "--db", str(db))
    check_failure(done.returncode, done.stdout, done.stderr, ExitCode.DB_READONLY)
    assert "has changes in ledger.db-wal that a read-only open cannot see" in done.stderr
    data_folder.chmod(0o755)
    # with write access to the folder, the committed +5 is there: 3 + 5 = 8
    report = json.loads(ok("status", "--json", "--as-of", "2022-12-31", "--db", str(db)).stdout)
    assert next(g for g in report["goals"] if g["id"] == LABS)["current"] == 8


def test_an_unreadable_database(restricted: Runner, data_folder: Path) -> None:
    db = data_folder / "ledger.db"
    seed(db)
    db.chmod(0o000)
    done = restricted("history", "--db", str(db))
    check_failure(done.returncode, done.stdout, done.stderr, ExitCode.DB_READONLY)
    assert "for reading" in done.stderr


# --------------------------------------------------------------------------- disk full


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))


def test_a_write_past_the_file_size_limit_is_exit_7(db: Path) -> None:
    # Works for any user: RLIMIT_FSIZE makes writes past 64 KiB fail, as a full disk would.
    seed(db)
    before = db.read_bytes()
    rows = "".join(f"{LABS},2022-01-01,+1,k{i},{'x' * 50}\n" for i in range(3000))
    Path("p.csv").write_text("goal,date,value,id,note\n" + rows)
    done = subprocess.run(
        [sys.executable, "-m", "plantrack", "import", "p.csv", "--db", str(db)],
        env=os.environ,
        cwd=os.getcwd(),
        preexec_fn=_limit_file_size,
        capture_output=True,
        text=True,
        timeout=60,
    )
    check_failure(done.returncode, done.stdout, done.stderr, ExitCode.IO_ERROR)
    assert "nothing was saved" in done.stderr
    assert db.read_bytes() == before
    assert stored_values(db) == [3] and integrity(db) == "ok"


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "tiny"
    mount.mkdir()
    try:
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=320k", "tmpfs", str(mount)],
            check=True,
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False, capture_output=True, timeout=10)


def test_a_full_disk_is_exit_7_and_nothing_is_saved(tiny_disk: Path) -> None:
    db = tiny_disk / "ledger.db"
    seed(db)
    rows = "".join(f"{LABS},2022-01-01,+1,k{i},{'x' * 50}\n" for i in range(3000))
    Path("p.csv").write_text("goal,date,value,id,note\n" + rows)
    result = fails(7, "import", "p.csv", "--db", str(db))
    assert result.stderr == f"plantrack: error: disk full while writing {db}; nothing was saved\n"
    assert stored_values(db) == [3] and integrity(db) == "ok"
    ok("record", LABS, "+1", "--date", "2022-02-01", "--db", str(db))  # space came back
    assert stored_values(db) == [3, 1]


# --------------------------------------------------------------------------- error mapping


def _error(message: str, code: int) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(
    ("message", "code", "kind", "exit_code"),
    [
        ("database is locked", 5, DatabaseBusyError, 4),
        ("database table is locked", 6, DatabaseBusyError, 4),
        ("attempt to write a readonly database", 8, DatabaseReadOnlyError, 5),
        ("attempt to write a readonly database", 1544, DatabaseReadOnlyError, 5),  # _DIRECTORY
        ("database disk image is malformed", 11, DatabaseCorruptError, 6),
        ("file is not a database", 26, DatabaseCorruptError, 6),
        ("database or disk is full", 13, WriteError, 7),
        ("disk I/O error", 778, WriteError, 7),  # SQLITE_IOERR_WRITE
        ("unable to open database file", 14, DatabaseReadOnlyError, 5),
    ],
)
def test_sqlite_errors_map_to_documented_exit_codes(
    message: str, code: int, kind: type[PlantrackError], exit_code: int
) -> None:
    mapped = sqlite_files.sqlite_error(_error(message, code), Path("l.db"))
    assert type(mapped) is kind and mapped.exit_code == exit_code
    assert "l.db" in str(mapped)


@pytest.mark.parametrize(
    ("number", "exit_code"),
    [(errno.ENOSPC, 7), (errno.EACCES, 5), (errno.EROFS, 5), (errno.EIO, 7)],
)
def test_os_errors_map_to_documented_exit_codes(number: int, exit_code: int) -> None:
    mapped = sqlite_files.os_error(OSError(number, os.strerror(number)), Path("l.db"))
    assert mapped.exit_code == exit_code
