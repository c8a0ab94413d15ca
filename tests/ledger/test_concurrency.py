"""Many writers at once, and writers killed mid-import: nothing lost, nothing doubled.

Both tests run the real CLI in separate processes: the writers are
tests/record_worker.py, 200 records each (its docstring says how).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from pgcluster import Cluster
from typer.testing import CliRunner

from plantrack.cli import app
from plantrack.errors import NotFoundError
from plantrack.ledger import open_ledger
from plantrack.paths import bundled_plan_path
from plantrack.planfile import load_plan

PLAN_ID = load_plan(bundled_plan_path()).id
LABS = "provincial-labs"

WORKER = str(Path(__file__).parent.parent / "record_worker.py")  # (see its docstring)


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)  # a plain connection also recovers the WAL of a killed writer
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def ids(db: Path) -> list[str]:
    if not db.exists():
        return []
    conn = sqlite3.connect(db)
    try:
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'entries'").fetchone()
        return [r[0] for r in conn.execute("SELECT id FROM entries")] if exists else []
    finally:
        conn.close()


@pytest.mark.slow
def test_8_processes_record_200_times_each(db: Path) -> None:
    writers, calls = 8, 200
    start_at = time.time() + 2.0  # time for every interpreter to start and import
    procs = [
        subprocess.Popen(
            [sys.executable, WORKER, str(db), LABS, str(w), str(calls), str(start_at),
             "--by", f"worker-{w}"],
            env=os.environ, cwd=os.getcwd(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=300) for p in procs]
    for w, (proc, (out, err)) in enumerate(zip(procs, outputs, strict=True)):
        assert proc.returncode == 0, err
        codes = json.loads(err.splitlines()[-1])
        assert codes == [0] * calls, f"worker {w}: {sorted(set(map(str, codes)))}\n{err}"
        assert out.count("recorded provincial-labs = +1 on 2022-01-01") == calls
        assert "error" not in err.lower()
    assert integrity(db) == "ok"
    with open_ledger(db, write=False) as ledger:
        every = ledger.entries(PLAN_ID)
        figures = ledger.figures(PLAN_ID, date(2022, 12, 31), None, [LABS])[LABS]
    assert len(every) == writers * calls == 1600
    assert sorted(e.note or "" for e in every) == sorted(
        f"{w}-{i}" for w in range(writers) for i in range(calls)
    )
    assert len({e.id for e in every}) == 1600
    # 1,600 changes of +1 and no total: the current value is 1,600.
    assert figures.increments == 1600 and figures.total is None


SETUP = """
import sys, time
from datetime import date
from decimal import Decimal
from plantrack.ledger import open_ledger
from plantrack.model.entries import NewEntry
db, worker, start_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
while time.time() < start_at:
    pass
with open_ledger(db, write=True) as ledger:  # (a busy error exits 4, as the CLI's would)
    ledger.add("p", [NewEntry(id=worker, goal="g", date=date(2024, 1, 1), kind="increment",
                              value=Decimal(1))], by=worker, at="2024-01-01T00:00:00.000000Z")
"""


@pytest.mark.slow
def test_8_writers_setting_up_one_new_ledger_at_once(tmp_path: Path) -> None:
    # A new ledger turns to WAL only with the file to itself, and SQLite does not wait for
    # that: writers arriving together failed "busy" at once (9 of 320 here, before).
    for trial in range(30):
        db = tmp_path / f"new-{trial}.db"
        start_at = time.time() + 0.8
        procs = [subprocess.Popen([sys.executable, "-c", SETUP, str(db), f"w{w}", str(start_at)],
                                  env=os.environ, stderr=subprocess.PIPE, text=True)
                 for w in range(8)]  # fmt: skip
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, f"trial {trial}: {err[-500:]}"
        with open_ledger(db, write=False) as ledger:
            assert ledger.counts("p") == (8, 0)


# --------------------------------------------------------------------------- SIGKILL


ROWS = 8_000  # a fifth of a second of importing here: long enough to land kills inside it
SEEDED = ROWS // 10  # rows already in the ledger before each trial
TRIALS = 101  # 100 kills at random moments, and one after the import has finished


@pytest.fixture(scope="module")
def big_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[str]]:
    """(an 8,000-row CSV, a ledger that already holds its first 800 rows, every id)."""
    folder = tmp_path_factory.mktemp("sigkill")
    start = date(2021, 1, 1)
    lines = ["goal,date,value,id,source"]
    keys = []
    for i in range(ROWS):
        keys.append(f"k{i:06}")
        lines.append(f"{LABS},{start + timedelta(days=i % 1500)},+{i % 9}.5,{keys[-1]},bulletin")
    big = folder / "big.csv"
    big.write_text("\n".join(lines) + "\n")
    part = folder / "part.csv"
    part.write_text("\n".join(lines[: SEEDED + 1]) + "\n")
    seeded = folder / "seeded.db"
    result = CliRunner().invoke(app, ["import", str(part), "--db", str(seeded)])
    assert result.exit_code == 0, result.stderr
    return big, seeded, keys


def _import(big: Path, db: Path | str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "plantrack", "import", str(big), "--db", str(db)],
        env=os.environ, cwd=os.getcwd(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.mark.slow
def test_sigkill_during_import_leaves_all_or_nothing(
    big_import: tuple[Path, Path, list[str]], tmp_path: Path
) -> None:
    big, seeded, keys = big_import
    everything = sorted(keys)

    # How long an import takes here, start-up included, to aim the kills.
    timing = tmp_path / "timing.db"
    shutil.copyfile(seeded, timing)
    began = time.monotonic()
    assert _import(big, timing).wait(timeout=120) == 0
    duration = time.monotonic() - began
    assert sorted(ids(timing)) == everything

    rng = random.Random(20210101)
    delays = [rng.uniform(0, 1.2 * duration) for _ in range(TRIALS - 1)]
    delays.append(1.5 * duration)  # one that surely completes first: the kill finds no process
    outcomes = {"absent": 0, "present": 0}
    for trial, delay in enumerate(delays):
        db = tmp_path / f"trial-{trial}.db"
        fresh = trial % 4 == 3  # every fourth starts with no database: kills during creation
        before = [] if fresh else sorted(ids(shutil.copyfile(seeded, db)))
        proc = _import(big, db)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)

        # Only a trial that starts with no database can be killed before creating one.
        assert db.exists() or fresh, f"trial {trial}: the database went missing"
        if db.exists():
            assert integrity(db) == "ok", f"trial {trial}"
        after = sorted(ids(db))
        if after == before:
            outcomes["absent"] += 1
        else:
            assert after == everything, f"trial {trial}: {len(after)} rows, a partial import"
            outcomes["present"] += 1

        # Re-running the import adds exactly the missing rows, never a duplicate.
        missing = len(everything) - len(after)
        result = CliRunner().invoke(app, ["import", str(big), "--db", str(db)])
        assert result.exit_code == 0, result.stderr
        assert result.stdout == (
            f"imported {big}: {missing} added, {len(after)} already recorded ({ROWS} rows)\n"
        )
        assert sorted(ids(db)) == everything
        assert integrity(db) == "ok"
        for leftover in db.parent.glob(db.name + "*"):
            leftover.unlink()
    assert outcomes["absent"] >= 1 and outcomes["present"] >= 1, outcomes


# --------------------------------------------------------------------------- PostgreSQL



@pytest.mark.slow
def test_8_postgresql_users_record_200_times_each(pg_cluster: Cluster, pg_url: str) -> None:
    # Each writer is its own database user (a recorder): 1,600 records, each one kept,
    # each under the name of the user who made it.
    writers, calls = 8, 200
    CliRunner().invoke(app, ["record", LABS, "0", "--date", "2021-06-30", "--db", pg_url])
    urls = []
    for _ in range(writers):
        name = pg_cluster.new_role("writer")
        granted = CliRunner().invoke(app, ["ledger", "grant", name, "--role", "recorder",
                                           "--db", pg_url])  # fmt: skip
        assert granted.exit_code == 0, granted.stderr
        urls.append(pg_cluster.with_user(pg_url, name))
    start_at = time.time() + 2.0
    began = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, WORKER, url, LABS, str(w), str(calls), str(start_at)],
            env=os.environ, cwd=os.getcwd(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )
        for w, url in enumerate(urls)
    ]  # fmt: skip
    outputs = [p.communicate(timeout=300) for p in procs]
    took = time.monotonic() - began - 2.0
    for w, (proc, (out, err)) in enumerate(zip(procs, outputs, strict=True)):
        assert proc.returncode == 0, err
        assert json.loads(err.splitlines()[-1]) == [0] * calls, f"worker {w}: {err[-500:]}"
        assert out.count("recorded provincial-labs = +1 on 2022-01-01") == calls
    with open_ledger(pg_url, write=False) as ledger:
        every = [e for e in ledger.entries(PLAN_ID) if e.kind == "increment"]
        figures = ledger.figures(PLAN_ID, date(2022, 12, 31), None, [LABS])[LABS]
    assert len(every) == writers * calls == 1600
    by_user = {url.split("//")[1].split(":")[0]: str(w) for w, url in enumerate(urls)}
    assert all(e.note.split("-")[0] == by_user[e.recorded_by] for e in every)  # type: ignore[union-attr]
    assert len({e.id for e in every}) == 1600
    # a total of 0 on 2021-06-30, then 1,600 changes of +1: 1,600
    assert (figures.total, figures.increments) == (0, 1600)
    print(f"\n8 users x 200 records on PostgreSQL: {took:.1f} s")


@pytest.mark.slow
def test_sigkill_during_a_postgresql_import_leaves_all_or_nothing(
    big_import: tuple[Path, Path, list[str]], pg_cluster: Cluster
) -> None:
    # The import is one transaction on the server: a killed client's is rolled back.
    big, _, keys = big_import
    began = time.monotonic()  # how long an import takes here, start-up included
    assert _import(big, pg_cluster.url(pg_cluster.new_database())).wait(timeout=120) == 0
    duration = time.monotonic() - began
    rng = random.Random(20211231)
    outcomes = {"absent": 0, "present": 0}
    for trial in range(20):
        url = pg_cluster.url(pg_cluster.new_database())
        proc = _import(big, url)
        time.sleep(rng.uniform(0, 1.2 * duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        try:
            with open_ledger(url, write=False) as ledger:
                after = sorted(e.id for e in ledger.entries(PLAN_ID))
        except NotFoundError:  # killed before the ledger was set up
            after = []
        assert after in ([], sorted(keys)), f"trial {trial}: {len(after)} rows, a partial import"
        outcomes["present" if after else "absent"] += 1
        result = CliRunner().invoke(app, ["import", str(big), "--db", url])
        assert result.exit_code == 0, result.stderr
        with open_ledger(url, write=False) as ledger:
            assert sorted(e.id for e in ledger.entries(PLAN_ID)) == sorted(keys)
    assert outcomes["absent"] >= 1 and outcomes["present"] >= 1, outcomes
