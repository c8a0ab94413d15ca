"""Fuzz: damaged ledgers through every reading command, in-process.

A real ledger is built with the CLI (import of the examples, a second import
with a milestone status and two shares, two voids and a restore). Then
damaged copies are made, seeded: 100 with raw byte damage (bytes, runs,
zeroed or swapped pages, truncation, the header), 112 with content damage
written through sqlite3 with the append-only triggers and CHECK constraints
bypassed (the triggers are put back afterwards, so each copy differs from the
ledger by its damage only), and 16 with schema damage: 228 copies. Each copy
goes through 8 commands: status --json --as-of 2025-12-31, gaps, show
high-tech-enterprises, history, history --json, export entries, check,
doctor (1,824 invocations, and 8 on the undamaged ledger).

Oracles: every exit code is 0, 1, 3, 5 or 6 (never 2 or 70); no traceback;
stderr is empty or ends with one 'plantrack: error: ...' or 'plantrack:
check failed: ...' line. Content damage (a row plantrack cannot have
written) is never reported as a clean ledger: doctor exits 1 or status
exits 6. The defect families this fuzz found (since fixed) each have their
own test.
"""

from __future__ import annotations

import csv
import random
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import support
import typer.main
import typer.testing
from findings import Findings
from typer.testing import CliRunner, Result

from plantrack.cli import app
from plantrack.planfile import load_plan

SEED = 6_2025
COMMANDS = [
    ["status", "--json", "--as-of", "2025-12-31"], ["gaps"], ["show", "high-tech-enterprises"],
    ["history"], ["history", "--json"], ["export", "entries"], ["check"], ["doctor"],
]  # fmt: skip
STATUS, DOCTOR = " ".join(COMMANDS[0]), "doctor"
ALLOWED_EXITS = {0, 1, 3, 5, 6}
LAST_LINE = re.compile(r"plantrack: (?:error|check failed): \S.*")
PAGE = 4096
SHARE_GOALS = tuple(g.id for g in load_plan(support.PLAN).goals if g.unit == "%")
# The second import: a milestone status and two shares (a total and a change), so that
# every kind of row is in the ledger.
EXTRA_ROWS = [
    ["fuzz-status-1", "academy-of-sciences", "2023-06-30", "status", "in_progress", "", ""],
    ["fuzz-share-1", "pilot-base-key-industry-coverage", "2024-12-31", "total", "40", "", "a"],
    ["fuzz-share-2", "rd-institution-coverage", "2024-12-31", "increment", "+5", "", ""],
]  # fmt: skip
VOIDED, RESTORED = "henan-pub-005-2022-03-22", "henan-pub-010-2021-10-16"

# Defect families this fuzz found, since fixed (their tests are at the end).
SQLITE_EXIT_2 = "sqlite-error-exit-2"  # an unrecognised sqlite3 error is exit 2, not 6
UNDECODABLE_70 = "undecodable-message-exit-70"  # sqlite3's message is not UTF-8: exit 70
DOCTOR_ENTRIES = "doctor-misses-entries"  # entries no input path can write pass doctor
DOCTOR_VOIDS = "doctor-misses-voids"  # voids and restores are never checked


# --------------------------------------------------------------------------- bookkeeping


@dataclass
class LedgerRun(Findings):
    copies: dict[str, int] = field(default_factory=dict)  # raw, content, schema
    invocations: int = 0
    refused_copies: int = 0  # copies on which some command exited 6
    pristine: dict[str, int] = field(default_factory=dict)  # exit codes on the ledger itself

    def bad(self, family: str | None, how: str, problem: str) -> None:
        self.add(family, f"[{how}] {problem}")


RUNNER = CliRunner()


# The ledgers are built and read in module fixtures, outside conftest's PLANTRACK_PLAN:
# the plan is named (the sample data's).
PLAN_ARGS = ("--plan", "henan-14th-fyp-sti")


def invoke(args: list[str]) -> Result:
    return RUNNER.invoke(app, args)


def result_problems(result: Result) -> list[tuple[str | None, str]]:
    """How one command's result breaks the oracle: (known family or None, problem)."""
    out: list[tuple[str | None, str]] = []
    err, code = result.stderr, result.exit_code
    database_error = "plantrack: error: database error on " in err
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        out.append((None, f"raised {type(result.exception).__name__}: {result.exception}"))
    if code not in ALLOWED_EXITS:
        family = None
        if code == 2 and database_error:
            family = SQLITE_EXIT_2
        elif code == 70 and "internal error: UnicodeDecodeError" in err:
            family = UNDECODABLE_70
        out.append((family, f"exit {code}: {err.strip()[-160:]!r}"))
    if "Traceback (most recent call last)" in err + result.stdout:
        out.append((None, "a traceback"))
    # (a "plantrack: note: ..." line may come first: the plan shown, or a ledger beside it)
    lines = [x for x in err.splitlines() if not x.startswith("plantrack: note: ")]
    said = [x for x in lines[:-1] if x.startswith("plantrack: ")]
    if lines and (not LAST_LINE.fullmatch(lines[-1]) or said):
        # The message of an unrecognised sqlite3 error quotes undecodable text, newlines too.
        problem = f"stderr does not end in one 'plantrack: ...' line: {err[-160:]!r}"
        out.append((SQLITE_EXIT_2 if database_error else None, problem))
    return out


def run_commands(run: LedgerRun, db: Path, how: str) -> dict[str, Result]:
    """Every reading command on one ledger file; each result judged."""
    results = {}
    for command in COMMANDS:
        result = invoke([*command, "--db", str(db), *PLAN_ARGS])
        run.invocations += 1
        results[" ".join(command)] = result
        for family, problem in result_problems(result):
            run.bad(family, how, f"{' '.join(command)}: {problem}")
    if any(r.exit_code == 6 for r in results.values()):
        run.refused_copies += 1
    return results


# --------------------------------------------------------------------------- the ledger


def build(root: Path) -> Path:
    """A real ledger, written by plantrack itself."""
    db = root / "pristine.db"
    extra = root / "extra.csv"
    with extra.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "goal", "date", "kind", "value", "bound", "note"])
        writer.writerows(EXTRA_ROWS)
    for args in (
        ["import", str(support.EXAMPLES)], ["import", str(extra)],
        ["void", VOIDED, "--reason", "superseded"], ["void", RESTORED, "--reason", "typo"],
        ["restore", RESTORED],
    ):  # fmt: skip
        result = invoke([*args, "--db", str(db), *PLAN_ARGS])
        assert result.exit_code == 0, (args, result.stderr)
    for suffix in ("-wal", "-shm"):  # every connection is closed: the log is checkpointed
        assert not db.with_name(db.name + suffix).exists() or suffix == "-shm"
    return db


def fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


# --------------------------------------------------------------------------- raw damage


def raw_damage(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    b = bytearray(data)
    op = rng.choice(["bytes", "bytes", "bytes", "run", "run", "zero-page", "truncate",
                     "swap-pages", "header"])  # fmt: skip
    if op == "bytes":
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif op == "run":
        at, n = rng.randrange(len(b)), rng.randint(2, 64)
        b[at : at + n] = bytes(rng.randrange(256) for _ in range(n))[: len(b) - at]
    elif op == "zero-page":
        page = rng.randrange(len(b) // PAGE)
        b[page * PAGE : (page + 1) * PAGE] = bytes(PAGE)
    elif op == "truncate":
        del b[rng.randrange(1, len(b)) :]
    elif op == "swap-pages":
        p, q = rng.sample(range(len(b) // PAGE), 2)
        b[p * PAGE : (p + 1) * PAGE], b[q * PAGE : (q + 1) * PAGE] = (
            b[q * PAGE : (q + 1) * PAGE], b[p * PAGE : (p + 1) * PAGE],
        )  # fmt: skip
    else:  # the 100-byte database header: page size, versions, counters, encoding
        b[rng.randrange(100)] = rng.randrange(256)
    return bytes(b), op


# --------------------------------------------------------------------------- content damage


@dataclass(frozen=True)
class Sql:
    """An SQL expression written as is (not a parameter), e.g. CAST(X'FF' AS TEXT)."""

    text: str


LIVE = "seq NOT IN (SELECT seq FROM voids)"  # (the one void that was restored is not live)
# (what, column, which rows, values, family when it goes unnoticed: None = must be noticed)
UPDATES: list[tuple[str, str, str, list[Any], str | None]] = [
    ("kind", "kind", "1 = 1", ["weird", "TOTAL", "", "void", "note ", "status"], None),
    ("units", "units", "kind IN ('total', 'increment')",
     ["12x", 1.5, 10**18, -(10**18), "NaN", b"\x00", "", None], None),
    ("units on a note", "units", "kind = 'note'", [10_000, 0], None),
    ("date", "date", "1 = 1", ["2021-13-45", "garbage", "2021-1-1", "20210101", "2021-02-30",
                               "", " 2021-06-30", "2021-06-30T00:00", 20210630, 2021.5,
                               b"2021-06-30"], None),
    ("recorded_at", "recorded_at", "1 = 1", ["yesterday", "2024-01-01", "", "garbage",
                                             "2024-01-01 00:00:00", 5, "2024-01-01T00:00:00Z",
                                             b"x"], None),
    ("status", "status", "kind = 'status'", ["maybe", "DONE", "", None], None),
    ("status on a value", "status", "kind IN ('total', 'increment', 'note')",
     ["done", "in_progress"], None),
    ("bound", "bound", "kind = 'total'", ["upper", "LOWER", "", 1], None),
    ("goal", "goal", "1 = 1", ["no-such-goal", "Provincial-Labs", "", " provincial-labs",
                               b"provincial-labs"], None),
    ("blob text", "note", "1 = 1", [b"\xff\xfe", b"abc"], None),
    ("blob author", "recorded_by", "1 = 1", [b"\xff\xfe", b"abc"], None),
    ("blob id", "id", "1 = 1", [b"\xff\xfe", b"abc"], None),
    # Judged against the plan, so on entries that count (doctor checks the plan against
    # the entries in force: a voided entry may predate a change of the plan).
    ("a number on a milestone", "goal", f"kind IN ('total', 'increment') AND {LIVE}",
     ["academy-of-sciences"], None),
    ("a status on a number goal", "goal", f"kind = 'status' AND {LIVE}", ["provincial-labs"],
     None),
    ("before the baseline", "date", f"goal = 'provincial-labs' AND {LIVE}",
     ["2019-06-30", "2020-12-31"], None),
    ("an action that is not there", "action", "1 = 1", [999, -1], None),
    # Rows that record, import, amend and ledger restore all refuse, but doctor passes:
    ("a share outside 0-100%", "units", f"goal IN {SHARE_GOALS} AND kind = 'total'",
     [1_500_000, -10_000, 10_000_000], DOCTOR_ENTRIES),
    ("a change of a share outside -100..100", "units",
     f"goal IN {SHARE_GOALS} AND kind = 'increment'", [1_500_000, -1_500_000], DOCTOR_ENTRIES),
    ("a bound on no value", "bound", "kind IN ('increment', 'note', 'status')", ["lower"],
     DOCTOR_ENTRIES),
    ("a note row without its note", "note", "kind = 'note'", [None, "", "  "], DOCTOR_ENTRIES),
    ("an empty id", "id", "1 = 1", [""], DOCTOR_ENTRIES),
    ("an empty author", "recorded_by", "1 = 1", ["", " "], DOCTOR_ENTRIES),
    # Text SQLite holds but Python cannot decode.
    ("text that is not UTF-8", "note", "1 = 1",
     [Sql("CAST(X'FF' AS TEXT)"), Sql("CAST(X'41C3' AS TEXT)")], SQLITE_EXIT_2),
    ("a source that is not UTF-8", "source", "1 = 1", [Sql("CAST(X'EDA080' AS TEXT)")],
     SQLITE_EXIT_2),
    ("an author that is not UTF-8", "recorded_by", "1 = 1", [Sql("CAST(X'C0AF' AS TEXT)")],
     SQLITE_EXIT_2),
    ("a date that is not UTF-8", "date", "1 = 1", [Sql("CAST(X'32303231FF' AS TEXT)")],
     SQLITE_EXIT_2),
]  # fmt: skip
VALID_STAMP = "2024-06-01T00:00:00.000000Z"


INSERTS = 8  # the kinds of damage insert_rows makes
RAW_COPIES = 100
CONTENT_COPIES = 4 * (len(UPDATES) + 2)  # every UPDATE 4 times, every INSERT once


def insert_rows(rng: random.Random, conn: sqlite3.Connection, pick: int) -> tuple[str, str | None]:
    """Damage by an INSERT into the history tables (triggers only refuse UPDATE, DELETE)."""
    seq = rng.choice([r[0] for r in conn.execute("SELECT seq FROM entries")])
    void = "INSERT INTO voids (seq, reason, voided_by, voided_at, action) VALUES (?, ?, ?, ?, ?)"
    if pick == 0:
        conn.execute(void, (9_999, "x", "y", VALID_STAMP, 1))
        return "a void of no entry", None
    if pick == 1:
        conn.execute(void, (seq, "x", "y", VALID_STAMP, 999))
        return "a void of no action", None
    if pick == 2:
        conn.execute("INSERT INTO restores (void, restored_by, restored_at, action)"
                     " VALUES (9999, 'z', ?, 1)", (VALID_STAMP,))  # fmt: skip
        return "a restore of no void", None
    if pick == 3:
        conn.execute("INSERT INTO undos (action, undone_by) VALUES (999, 1)")
        return "an undo of no action", None
    if pick == 4:  # a void in force from no moment: voided_at sorts after every bound
        conn.execute(void, (seq, "x", "y", rng.choice(["garbage", "yesterday", "never", "Z"]), 1))
        return "a void at no time", DOCTOR_VOIDS
    if pick == 5:
        cursor = conn.execute(void, (seq, "x", "y", VALID_STAMP, 1))
        conn.execute(
            "INSERT INTO restores (void, restored_by, restored_at, action) VALUES (?, 'z', ?, 1)",
            (cursor.lastrowid, rng.choice(["zzz", "later"])),
        )
        return "a restore at no time", DOCTOR_VOIDS  # fmt: skip
    if pick == 6:
        conn.execute(void, (seq, rng.choice(["", " "]), "y", VALID_STAMP, 1))
        return "a void without a reason", DOCTOR_VOIDS
    conn.execute(void, (seq, "a", "y", VALID_STAMP, 1))
    conn.execute(void, (seq, "b", "y", "2024-07-01T00:00:00.000000Z", 1))
    return "two voids in force on one entry", DOCTOR_VOIDS


def content_damage(rng: random.Random, conn: sqlite3.Connection, i: int) -> tuple[str, str | None]:
    """The i-th damage, through SQL, of a row chosen at random; (description, family).
    The UPDATES take turns with two INSERTs, which take turns among themselves."""
    recipes = len(UPDATES) + 2
    pick = i % recipes
    if pick >= len(UPDATES):
        return insert_rows(rng, conn, (2 * (i // recipes) + pick - len(UPDATES)) % INSERTS)
    what, column, where, values, family = UPDATES[pick]
    seq = rng.choice([r[0] for r in conn.execute(f"SELECT seq FROM entries WHERE {where}")])
    value = rng.choice(values)
    if isinstance(value, Sql):
        conn.execute(f"UPDATE entries SET {column} = {value.text} WHERE seq = ?", (seq,))
    else:
        conn.execute(f"UPDATE entries SET {column} = ? WHERE seq = ?", (value, seq))
    return f"{what}: {column} = {value!r} on entry {seq}", family


def damaged_copy(pristine: Path, path: Path, damage: Callable[[sqlite3.Connection], Any],
                 triggers: str = "restore") -> Any:  # fmt: skip
    """A copy of the ledger with damage written through sqlite3, the append-only triggers
    and the CHECK constraints bypassed. ``triggers``: "restore" puts the triggers back
    after the damage (the copy differs by its damage only), "first" before it (damage to
    the schema text itself), "dropped" leaves them out."""
    fresh(path)
    shutil.copyfile(pristine, path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        saved = conn.execute("SELECT name, tbl_name, sql FROM sqlite_master"
                             " WHERE type = 'trigger'").fetchall()  # fmt: skip
        for name, _, _ in saved:
            conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("PRAGMA ignore_check_constraints = ON")

        def put_back() -> None:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            for _, table, sql in saved:
                if table in tables:  # (a damage may have dropped the table)
                    conn.execute(sql)

        if triggers == "first":
            put_back()
        outcome = damage(conn)
        if isinstance(outcome, sqlite3.Cursor):  # a statement's rows: read them to the end
            outcome = outcome.fetchall()
        if triggers == "restore":
            put_back()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return outcome


# --------------------------------------------------------------------------- schema damage


def _writable(conn: sqlite3.Connection, sql: str) -> None:
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(sql)
    conn.execute("PRAGMA writable_schema = OFF")


# (what, damage, triggers: see damaged_copy)
SCHEMA: list[tuple[str, Callable[[sqlite3.Connection], Any], str]] = [
    ("drop index entries_status", lambda c: c.execute("DROP INDEX entries_status"), "restore"),
    ("drop index entries_cover", lambda c: c.execute("DROP INDEX entries_cover"), "restore"),
    ("drop index voids_by_entry", lambda c: c.execute("DROP INDEX voids_by_entry"), "restore"),
    ("drop table undos", lambda c: c.execute("DROP TABLE undos"), "restore"),
    ("drop table restores", lambda c: c.execute("DROP TABLE restores"), "restore"),
    ("another application's table", lambda c: c.execute("CREATE TABLE notes (x)"), "restore"),
    ("a migration missing", lambda c: c.execute("DELETE FROM migrations WHERE name LIKE 'm004%'"),
     "restore"),
    ("no migrations", lambda c: c.execute("DELETE FROM migrations"), "restore"),
    ("a newer migration", lambda c: c.execute("INSERT INTO migrations VALUES ('m999_x', 'x')"),
     "restore"),
    ("a renamed column", lambda c: c.execute(
        "ALTER TABLE restores RENAME COLUMN restored_at TO at"), "restore"),
    ("a renamed table", lambda c: c.execute("ALTER TABLE entries RENAME TO entries_old"),
     "restore"),
    ("a dropped column", lambda c: c.execute("ALTER TABLE actions DROP COLUMN about"), "restore"),
    ("an index on nothing", lambda c: _writable(
        c, "UPDATE sqlite_master SET sql = 'CREATE INDEX entries_status ON nothing (x)'"
           " WHERE name = 'entries_status'"), "first"),
    ("schema text not UTF-8", lambda c: _writable(
        c, "UPDATE sqlite_master SET sql = CAST(X'435245415445FF' AS TEXT)"
           " WHERE name = 'entries_status'"), "first"),
    ("append-only triggers dropped", lambda c: None, "dropped"),
    ("journal mode DELETE", lambda c: c.execute("PRAGMA journal_mode = DELETE"), "restore"),
]  # fmt: skip


# --------------------------------------------------------------------------- the run


def isolate(mp: pytest.MonkeyPatch, root: Path) -> None:
    """What conftest's _isolated does for each test, for this module's shared run."""
    mp.setenv("PLANTRACK_HOME", str(root / "home"))
    for var in ("PLANTRACK_DB", "PLANTRACK_PLAN", "PLANTRACK_LANG", "PLANTRACK_DEBUG",
                "LC_ALL", "LC_MESSAGES", "LANG"):  # fmt: skip
        mp.delenv(var, raising=False)
    mp.setenv("NO_COLOR", "1")
    mp.setenv("COLUMNS", "100")
    (root / "work").mkdir()
    mp.chdir(root / "work")
    # Typer builds the click command again on every invoke (~10 ms, 2,000 times here);
    # the app does not change, so build it once.
    command = typer.main.get_command(app)
    mp.setattr(typer.testing, "_get_command", lambda _app: command)


Copy = tuple[str, Path, str, str | None]  # kind, file, description, family if unnoticed


def copies(rng: random.Random, pristine: Path, root: Path) -> Iterator[Copy]:
    """(kind, path, description, family if content damage goes unnoticed) of each copy."""
    data = pristine.read_bytes()
    for i in range(RAW_COPIES):
        damaged, how = raw_damage(rng, data)
        path = root / f"raw-{i}.db"
        fresh(path)
        path.write_bytes(damaged)
        yield "raw", path, f"raw {how} #{i}", None
    for i in range(CONTENT_COPIES):
        path = root / f"content-{i}.db"
        how, family = damaged_copy(pristine, path, lambda c, i=i: content_damage(rng, c, i))
        yield "content", path, f"content {how}", family
    for i, (how, damage, triggers) in enumerate(SCHEMA):
        path = root / f"schema-{i}.db"
        damaged_copy(pristine, path, damage, triggers)
        yield "schema", path, f"schema {how}", None


@pytest.fixture(scope="module")
def ledger_run(tmp_path_factory: pytest.TempPathFactory) -> LedgerRun:
    """The whole fuzz, once for this module's tests (building it takes most of the time)."""
    root = tmp_path_factory.mktemp("ledgers")
    run = LedgerRun()
    with pytest.MonkeyPatch.context() as mp:
        isolate(mp, root)
        pristine = build(root)
        healthy = run_commands(run, pristine, "the ledger itself")
        run.pristine = {k: r.exit_code for k, r in healthy.items()}
        run.invocations = 0
        for kind, path, how, family in copies(random.Random(SEED), pristine, root):
            run.copies[kind] = run.copies.get(kind, 0) + 1
            if family is not None:
                run.count(family)
            if kind == "raw":
                run.count(UNDECODABLE_70)
                run.count(SQLITE_EXIT_2)
            results = run_commands(run, path, how)
            if kind == "content" and not (
                results[DOCTOR].exit_code == 1 or results[STATUS].exit_code == 6
            ):
                run.bad(
                    family,
                    how,
                    f"damage reported as a clean ledger: doctor exit "
                    f"{results[DOCTOR].exit_code}, status exit {results[STATUS].exit_code}",
                )
    return run


def test_damaged_ledgers_fail_cleanly(ledger_run: LedgerRun) -> None:
    """Every reading command on every damaged copy exits 0, 1, 3, 5 or 6 with at most one
    'plantrack: ...' line, and content damage is never reported as a clean ledger."""
    run = ledger_run
    assert run.copies["raw"] >= 100 and run.copies["content"] >= 100
    assert sum(run.copies.values()) >= 200
    assert run.invocations == len(COMMANDS) * sum(run.copies.values())
    assert run.refused_copies >= 50  # the damage is real: many copies are refused outright
    assert not run.unexpected(), run.unexpected()[:10]


def test_the_ledger_itself_is_clean(ledger_run: LedgerRun) -> None:
    """The undamaged ledger reads cleanly (check may find goals behind: exit 1), so what
    the damaged copies do is the damage's doing."""
    codes = dict(ledger_run.pristine)
    assert len(codes) == len(COMMANDS)
    assert codes.pop("check") in (0, 1)
    assert codes == dict.fromkeys(codes, 0)


# --------------------------------------------------------------------------- defect families


def known(run: LedgerRun, family: str, minimum: int) -> None:
    run.none_of(family, minimum)


def test_unrecognised_sqlite_errors_are_reported_as_damage(ledger_run: LedgerRun) -> None:
    """Whatever sqlite3 raises on a damaged file, the exit code is 6, not 2."""
    known(ledger_run, SQLITE_EXIT_2, 50)


def test_undecodable_sqlite_messages_are_not_internal_errors(ledger_run: LedgerRun) -> None:
    """A ledger whose schema text is damaged is reported as damaged (6), never exit 70."""
    known(ledger_run, UNDECODABLE_70, 50)


def test_doctor_finds_entries_no_input_could_write(ledger_run: LedgerRun) -> None:
    """Content damage in entries is reported by doctor (exit 1) or status (exit 6)."""
    known(ledger_run, DOCTOR_ENTRIES, 20)


def test_doctor_checks_voids_and_restores(ledger_run: LedgerRun) -> None:
    """Damaged voids and restores are reported by doctor (exit 1) or status (exit 6)."""
    known(ledger_run, DOCTOR_VOIDS, 4)
