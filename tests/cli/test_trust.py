"""The findings of the ledger-trust review, one test each (F1-F17 and the unnamed ones).

Each reproduces what a new user or an attacker did, and checks the answer now:
a refusal with its reason and exit code, or the right figure; never a wrong
answer with exit 0, never exit 70, never a lost or merged entry.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import EXAMPLES, PUBLISHED, fails, ok, run

LABS, COVERAGE, KEY_LABS = "provincial-labs", "rd-institution-coverage", "state-key-labs"
def current(db: Path, goal: str, as_of: str = "2025-12-31") -> object:
    data = json.loads(ok("status", "--json", "--as-of", as_of, "--db", str(db)).stdout)
    return next(g for g in data["goals"] if g["id"] == goal)["current"]


def test_an_entry_before_the_plan_period_is_refused(db: Path) -> None:
    # Was: a 2015 entry counted (state key labs 14 -> 17) and doctor said all was well.
    ok("record", KEY_LABS, "+14", "--date", "2023-06-30", "--db", str(db))
    Path("old.csv").write_text(f"goal,date,value\n{KEY_LABS},2015-06-30,+3\n")
    result = fails(2, "import", "old.csv", "--db", str(db))
    assert ("old.csv:2: date 2015-06-30 is before the baseline date 2021-01-01 of goal "
            "'state-key-labs'") in result.stderr  # fmt: skip
    fails(2, "record", KEY_LABS, "+3", "--date", "2015-06-30", "--db", str(db))
    assert current(db, KEY_LABS) == 14


def test_a_coverage_of_20000_percent_is_refused(db: Path) -> None:
    # Was: accepted, and the goal reported "achieved".
    result = fails(2, "record", COVERAGE, "20000", "--date", "2023-06-30", "--db", str(db))
    assert "is in %: a share is between 0 and 100, got 20000" in result.stderr
    ok("record", COVERAGE, "100", "--date", "2023-06-30", "--db", str(db))  # full coverage is fine
    fails(2, "record", COVERAGE, "+150", "--date", "2023-07-30", "--db", str(db))


def test_record_warns_when_the_same_figure_is_there_for_that_date(db: Path) -> None:
    first = ok("record", LABS, "20", "--date", "2024-05-09", "--db", str(db))
    key = first.stdout.split("(entry ")[1].rstrip(")\n")
    again = ok("record", LABS, "20", "--date", "2024-05-09", "--db", str(db))
    assert again.stderr.startswith(
        f"plantrack: warning: the same figure was already recorded for {LABS} on 2024-05-09 "
        f"(entry {key})"
    )
    other = ok("record", LABS, "21", "--date", "2024-05-09", "--db", str(db))
    assert other.stderr == ""  # another figure: no warning


def test_check_on_a_missing_ledger_is_not_a_false_green(tmp_path: Path) -> None:
    # Was: "ok", exit 0 (cron saw green). Also status showed "31 no data".
    typo = tmp_path / "typo.db"
    assert "no ledger at" in fails(3, "check", "--db", str(typo)).stderr
    fails(3, "status", "--db", str(typo))
    assert not typo.exists()


@pytest.mark.parametrize("location", ["file:ledger.db?mode=memory", "file:ledger.db", ":memory:"])
def test_a_file_uri_or_memory_ledger_is_refused(location: str) -> None:
    # F9: printed "recorded" and stored nothing.
    result = fails(2, "record", LABS, "3", "--date", "2022-01-01", "--db", location)
    assert "file: URIs and :memory: are refused" in result.stderr
    assert list(Path.cwd().iterdir()) == []


def test_another_applications_sqlite_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    # F11: status added plantrack's tables to another application's file.
    other = tmp_path / "other-app.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO customers (name) VALUES ('x')")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    for args in (["status"], ["record", LABS, "3", "--date", "2022-01-01"], ["doctor"]):
        result = fails(6, *args, "--db", str(other))
        assert "is not a plantrack ledger (it holds other tables)" in result.stderr, args
    assert other.read_bytes() == before


def _damage(db: Path, sql: str) -> None:
    """Change stored content as another tool could (history triggers dropped first)."""
    conn = sqlite3.connect(db)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_one_damaged_date_is_exit_6_naming_the_entry_and_doctor_finds_it(db: Path) -> None:
    # F12: doctor, status, history and export exited 70.
    ok("import", str(EXAMPLES), "--db", str(db))
    # the latest figure of the provincial labs (20 on 2024-05-09): every report reads it
    _damage(db, "UPDATE entries SET date = '2024-13-45' WHERE id = 'henan-pub-005-2024-05-09'")
    for args in (["status", "--as-of", "2025-12-31"], ["gaps", "--as-of", "2025-12-31"],
                 ["check"], ["history"], ["export", "entries"], ["export", "status"],
                 ["show", LABS, "--as-of", "2025-12-31"], ["history", "--json"]):  # fmt: skip
        result = fails(6, *args, "--db", str(db))
        assert ("entry 'henan-pub-005-2024-05-09': date '2024-13-45' is not a calendar date"
                in result.stderr), args  # fmt: skip
    doctor = run("doctor", "--db", str(db))
    assert doctor.exit_code == 1 and "damaged entry 'henan-pub-005-2024-05-09'" in doctor.stderr
    _damage(db, "UPDATE entries SET units = 'lots' WHERE id = 'henan-pub-005-2021-12-31'")
    assert "is not an exact stored number" in fails(6, "history", "--db", str(db)).stderr


def test_a_1_000_000_column_header_fails_fast_with_a_short_message(db: Path) -> None:
    # F8: took 34 s and printed a 26 MB error line.
    for columns, message in (
        (1_000_000, "wide.csv:1: the line is longer than 1,048,576 bytes; nothing more was read"),
        (100_000, "wide.csv:1: 100,003 columns in the header; the format has 10"),  # < 1 MiB
    ):
        Path("wide.csv").write_text("goal,date,value" + ",x" * columns + "\n")
        began = time.perf_counter()
        result = fails(2, "import", "wide.csv", "--db", str(db))
        assert time.perf_counter() - began < 1.0
        assert result.stderr == f"plantrack: error: {message}\n"


def test_an_endless_input_is_refused_with_bounded_memory(db: Path) -> None:
    # F7: import /dev/zero grew without bound (MemoryError).
    done = subprocess.run([sys.executable, "-m", "plantrack", "import", "/dev/zero", "--format",
                           "csv", "--db", str(db)], capture_output=True, text=True,
                          timeout=120)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "/dev/zero:1: the line is longer than 1,048,576 bytes" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_cell_over_the_limit_is_named(db: Path) -> None:
    Path("big.csv").write_text(f"goal,date,value,note\n{LABS},2022-01-01,3,{'x' * 70_000}\n")
    assert "big.csv:2: CSV error: field larger than field limit" in fails(
        2, "import", "big.csv", "--db", str(db)).stderr  # fmt: skip


def test_undo_is_your_own_and_says_what_it_reverted(db: Path) -> None:
    # F15: `undo --by bob` voided alice's entry; repeated undo walked through everyone's.
    ok("record", LABS, "5", "--date", "2022-01-01", "--by", "alice", "--db", str(db))
    Path("bob.csv").write_text(f"goal,date,value\n{LABS},2022-02-01,+2\n{LABS},2022-03-01,+1\n")
    ok("import", "bob.csv", "--by", "bob", "--db", str(db))
    assert current(db, LABS) == 8  # 5 + 2 + 1
    undone = ok("undo", "--by", "bob", "--db", str(db)).stdout
    assert undone.startswith("undid your import bob.csv of ") and undone.endswith(
        ": 2 entries voided\n")  # fmt: skip
    assert current(db, LABS) == 5  # alice's 5 stays
    assert "nothing of yours (bob)" in fails(3, "undo", "--by", "bob", "--db", str(db)).stderr


def test_restore_and_amend_keep_history(db: Path) -> None:
    key = ok("record", LABS, "5", "--date", "2022-01-01", "--db", str(db)).stdout.split(
        "(entry ")[1].rstrip(")\n")  # fmt: skip
    ok("void", key, "--reason", "typo", "--db", str(db))
    assert ok("restore", key, "--db", str(db)).stdout == (
        f"restored entry {key}: {LABS} on 2022-01-01\n"
    )
    amended = ok("amend", key, "6", "--reason", "bulletin corrected", "--db", str(db)).stdout
    assert amended.startswith(f"amended entry {key}: {LABS} on 2022-01-01 is now entry ")
    assert current(db, LABS) == 6
    every = json.loads(ok("history", "--all", "--json", "--db", str(db)).stdout)["entries"]
    old = next(e for e in every if e["id"] == key)
    assert old["void_reason"] == "bulletin corrected"
    assert [v["reason"] for v in old["restored_voids"]] == ["typo"]
    fails(2, "amend", key, "7", "--db", str(db))  # voided now: amend the replacement instead
    shown = ok("history", "--all", LABS, "--db", str(db)).stdout
    assert "[voided: typo; restored by " in " ".join(shown.split())  # the reversed void, kept


def test_a_backup_is_consistent_while_the_log_is_unmerged(db: Path, tmp_path: Path) -> None:
    # F16: copying the .db file after a full disk left the WAL unmerged gave a short copy.
    ok("import", str(EXAMPLES), "--db", str(db))
    # A writer that ends without closing (killed): its commits stay in the -wal file.
    code = (
        "import os, sys\n"
        "from datetime import date\n"
        "from decimal import Decimal\n"
        "from plantrack.ledger import open_ledger\n"
        "from plantrack.model.entries import NewEntry\n"
        "with open_ledger(sys.argv[1], write=True) as ledger:\n"
        "    ledger.add('henan-14th-fyp-sti', [NewEntry(f'k{i}', 'provincial-labs',"
        " date(2025, 6, 30), 'increment', Decimal(1)) for i in range(3)], by='t',"
        " at='2026-01-01T00:00:00.000000Z')\n"
        "    os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)
    assert Path(f"{db}-wal").stat().st_size > 0
    copied = tmp_path / "copied.db"
    copied.write_bytes(db.read_bytes())  # the old advice: copy the file
    copy_count = sqlite3.connect(copied).execute("SELECT count(*) FROM entries").fetchone()[0]
    backup = tmp_path / "backup.db"
    assert ok("ledger", "backup", str(backup), "--db", str(db)).stdout == (
        f"backed up {db} to {backup}\n"
    )
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == PUBLISHED + 3
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert copy_count < PUBLISHED + 3  # what a plain copy missed
    assert current(backup, LABS) == current(db, LABS)
    again = fails(2, "ledger", "backup", str(backup), "--db", str(db))  # never overwritten
    assert "it exists" in again.stderr


def test_the_plan_refuses_nul_escape_and_bidi_characters(tmp_path: Path) -> None:
    # F13: NUL and U+202E were accepted in plan titles.
    from support import BROKEN_PLANS

    base = (BROKEN_PLANS / "valid_minimal.yaml").read_text(encoding="utf-8")
    for escape, shown in (("\\0", "U+0000"), ("\\e", "U+001B"), ("\\u202e", "U+202E")):
        plan = tmp_path / "p.yaml"
        lines = base.splitlines()
        i = next(n for n, line in enumerate(lines) if line.strip().startswith("title_en:"))
        lines[i] = f'    title_en: "Labs{escape}built"'
        plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = fails(2, "validate", str(plan))
        assert f"title_en holds the control character {shown}" in result.stderr, escape
