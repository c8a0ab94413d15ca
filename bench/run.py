"""plantrack benchmark: start-up, import, reports at scale, lookups (issue 7).

    python bench/run.py [--quick] [--repeat N] [--only startup,import,reports,lookup,postgres]

Builds deterministic synthetic data with bench/synth.py (cached in bench/out/),
then runs every command as a real subprocess with stdout to a pipe, and
prints medians over repeated runs with each child's own peak RSS (os.wait4
on that child's pid, in a small spawner process: see SPAWNER_APP). Full size:
a 10,000-goal plan and a 1,000,000-row import; --quick: 1,000 goals and
100,000 rows (the targets are for the full size). Run it from a venv where
plantrack is installed (pip install -e .): it uses the ``plantrack`` script
beside sys.executable, else ``python -m plantrack``. Needs ``sqlite3`` (the
SQLite shell) on PATH for the reference and traced SQL rows; without it the
reports have no ratio.

Nothing here is a test assertion: the table says PASS or MISS per target.
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import synth  # noqa: E402  (bench/synth.py, beside this file)

AS_OF = "2025-12-31"
FULL = {"goals": 10_000, "rows": 1_000_000}
QUICK = {"goals": 1_000, "rows": 100_000}
SEED = 7

# Targets (full size only).
STARTUP_RATIO = 1.25  # status on the shipped plan, x the floor app
IMPORT_S, IMPORT_MB = 15, 200  # 1,000,000 rows into an empty database
REPORT_S, REPORT_MB = 1.5, 250  # the ratio to the reference SQL is shown, not judged
LOOKUP_S = 0.3  # history / record
PG_STATUS_RATIO = 2.0  # PostgreSQL status --json, x SQLite's on the same data
PG_WRITERS, PG_CALLS = 8, 200  # database users recording at once, records each

FLOOR_APP = '''"""The start-up floor: a minimal Typer app importing what plantrack imports."""
import sqlite3  # noqa: F401
import rich  # noqa: F401
import typer
import yaml  # noqa: F401

app = typer.Typer()


@app.command()
def status() -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
'''

# Runs plantrack in-process with every connection traced: the statements it
# executes, parameters expanded, one JSON string per line. The benchmark replays
# them in the sqlite3 shell (the "traced SQL" info row), so that row is exactly
# the SQL plantrack runs, whatever it becomes. Each statement is written and
# flushed under a lock: a report may read on a worker thread, and a process
# that ends without tearing down (os._exit, a daemon thread) loses nothing.
TRACE_APP = '''"""plantrack with its SQL traced into the file named by argv[1]."""
import json
import sqlite3
import sqlite3.dbapi2
import sys
import threading

_log = open(sys.argv[1], "a", encoding="utf-8")
_lock = threading.Lock()
_connect = sqlite3.connect


def trace(sql):
    with _lock:
        _log.write(json.dumps(sql) + "\\n")
        _log.flush()


def connect(*args, **kwargs):
    conn = _connect(*args, **kwargs)
    conn.set_trace_callback(trace)
    return conn


sqlite3.connect = sqlite3.dbapi2.connect = connect
sys.argv = ["plantrack", *sys.argv[2:]]
from plantrack.cli import main  # noqa: E402

main()
'''

# Starts every measured command. On Linux a child's ru_maxrss keeps the high-water
# mark of the process it was forked from across exec, so children of the benchmark
# itself (hundreds of MB) would all read at least that; children of this ~10 MB
# helper read their own peak. It is started before any data is loaded.
SPAWNER_APP = r'''"""Runs bench/run.py's commands: a JSON request in, a JSON reply out, per line."""
import json
import os
import signal
import sys
import time

STDERR_TAIL = 1 << 16  # bytes of a child's stderr sent back


def run(req):
    """Fork and exec one command, drain its stdout, reap it with os.wait4."""
    argv = req["argv"]
    stdin = os.open(req["stdin"] or os.devnull, os.O_RDONLY)
    err = os.open(req["stderr"], os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    # Kept stdout goes to a file as it arrives, so this process stays small.
    keep = open(req["keep"], "wb") if req["keep"] else None
    if req["capture"]:
        read_end, write_end = os.pipe()
    else:
        read_end, write_end = None, os.open(os.devnull, os.O_WRONLY)
    timed_out = False

    def kill(signum, frame):
        nonlocal timed_out
        timed_out = True
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    t0 = time.perf_counter()
    # A plain fork, not the vfork / posix_spawn that subprocess uses: the child
    # then starts as a copy of this process's few MB of private memory only.
    pid = os.fork()
    if pid == 0:
        try:
            # As subprocess does: Python ignores these two, a child should not inherit that.
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
            signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
            os.dup2(stdin, 0)
            os.dup2(write_end, 1)
            os.dup2(err, 2)
            os.execvpe(argv[0], argv, req["env"])
        except BaseException as exc:
            os.write(2, f"cannot run {argv[0]}: {exc}\n".encode())
        finally:
            os._exit(127)
    os.close(stdin)
    os.close(write_end)
    if req["timeout"]:
        signal.signal(signal.SIGALRM, kill)
        signal.setitimer(signal.ITIMER_REAL, req["timeout"])
    size = 0
    if read_end is not None:
        while block := os.read(read_end, 1 << 16):
            size += len(block)
            if keep:
                keep.write(block)
        os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    signal.setitimer(signal.ITIMER_REAL, 0)
    if keep:
        keep.close()
    end = os.lseek(err, 0, os.SEEK_END)
    os.lseek(err, max(0, end - STDERR_TAIL), os.SEEK_SET)
    stderr = os.read(err, STDERR_TAIL).decode("utf-8", "replace")
    os.close(err)
    return {
        "wall": wall,
        "rss_mb": usage.ru_maxrss / (2**20 if sys.platform == "darwin" else 1024),
        "cpu": usage.ru_utime + usage.ru_stime,
        "rc": os.waitstatus_to_exitcode(status),
        "out_bytes": size,
        "stderr": stderr,
        "timed_out": timed_out,
    }


for line in sys.stdin:
    try:
        reply = run(json.loads(line))
    except Exception as exc:
        reply = {"error": f"{type(exc).__name__}: {exc}"}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
'''

# The fixed denominator of the reports ratio: one index seek per goal of the plan
# for its latest entry value. It does not depend on plantrack's SQL, so a faster
# plantrack query can only improve the ratio.
LATEST_SQL = """WITH g(goal) AS (VALUES {goals})
SELECT g.goal,
       (SELECT e.units FROM entries e
        WHERE e.plan = {plan} AND e.goal = g.goal AND e.date <= {as_of}
        ORDER BY e.date DESC, e.seq DESC LIMIT 1)
FROM g;
"""

# The per-goal figures in one window pass, written independently of plantrack's
# SQL: the correctness spot check compares its readings with a replay of the CSV.
REFERENCE_SQL = """
WITH live AS (
    SELECT e.seq, e.goal, e.date, e.kind, e.units, e.bound
    FROM entries e
    WHERE e.plan = :plan AND e.date <= :as_of AND e.recorded_at < :known
      AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.seq = e.seq AND v.voided_at < :known)
      AND e.kind IN ('total', 'increment')
),
numeric AS (
    SELECT goal, date, kind, units, bound,
           SUM(kind = 'total') OVER (PARTITION BY goal ORDER BY date, seq
                                     ROWS UNBOUNDED PRECEDING) AS grp
    FROM live
),
tagged AS (SELECT *, MAX(grp) OVER (PARTITION BY goal) AS last_grp FROM numeric)
SELECT goal,
       MAX(CASE WHEN kind = 'total' AND grp = last_grp THEN units END),
       MAX(CASE WHEN kind = 'total' AND grp = last_grp THEN date END),
       SUM(CASE WHEN kind = 'increment' AND grp = last_grp THEN units ELSE 0 END),
       MAX(CASE WHEN kind = 'total' AND grp = last_grp THEN bound END),
       MAX(CASE WHEN kind = 'total' AND grp = 1 THEN units END),
       MIN(date), MAX(date), COUNT(*)
FROM tagged GROUP BY goal
"""


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    wall: float
    rss_mb: float
    cpu: float
    rc: int
    out_bytes: int
    stderr: str
    timed_out: bool = False
    stdout: bytes | None = None


class Spawner:
    """The helper process that starts every measured command (see SPAWNER_APP)."""

    def __init__(self) -> None:
        script = OUT / "spawner.py"
        script.write_text(SPAWNER_APP, encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-I", str(script)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        """Send one request, wait for its reply."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        reply = json.loads(line) if line else {"error": f"exited ({self.proc.poll()})"}
        if "error" in reply:
            raise RuntimeError(f"spawner: {reply['error']}")
        return reply

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


@functools.cache
def spawner() -> Spawner:
    """The one spawner, started on first use (main starts it before loading any data)."""
    return Spawner()


def run_once(
    cmd: list[str],
    env: dict[str, str],
    *,
    stdin: Path | None = None,
    timeout: float | None = None,
    discard: bool = False,
    keep: bool = False,
) -> Run:
    """One child, started by the spawner: wall time to reaping, its own rusage via
    os.wait4, stdout drained from a pipe (or /dev/null with discard; kept with keep)."""
    kept = OUT / "stdout.tmp"
    reply = spawner().run(
        {
            "argv": cmd,
            "env": env,
            "stdin": str(stdin) if stdin else None,
            "stderr": str(OUT / "stderr.tmp"),
            "capture": not discard,
            "keep": str(kept) if keep else None,
            "timeout": timeout,
        }
    )
    stdout = None
    if keep:
        stdout = kept.read_bytes()
        kept.unlink()
    return Run(
        wall=reply["wall"],
        rss_mb=reply["rss_mb"],
        cpu=reply["cpu"],
        rc=reply["rc"],
        out_bytes=reply["out_bytes"],
        stderr=reply["stderr"],
        timed_out=reply["timed_out"],
        stdout=stdout,
    )


@dataclass
class Row:
    section: str
    name: str
    runs: list[Run] = field(default_factory=list)
    target: str = ""
    result: str = ""  # PASS / MISS / info / ERROR / TIMEOUT
    note: str = ""

    @property
    def ok_runs(self) -> list[Run]:
        return [r for r in self.runs if r.rc == 0 and not r.timed_out]

    @property
    def median(self) -> float | None:
        ok = self.ok_runs
        return statistics.median(r.wall for r in ok) if ok else None

    @property
    def min(self) -> float | None:
        ok = self.ok_runs
        return min(r.wall for r in ok) if ok else None

    @property
    def rss(self) -> float | None:
        ok = self.ok_runs
        return max(r.rss_mb for r in ok) if ok else None

    @property
    def cpu(self) -> float | None:
        ok = self.ok_runs
        return statistics.median(r.cpu for r in ok) if ok else None

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if r.rc != 0 or r.timed_out), None)


def log(msg: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {msg}\n")
    sys.stderr.flush()


def measure(
    row: Row,
    cmd: list[str],
    env: dict[str, str],
    n: int,
    *,
    warmup: int = 1,
    timeout: float | None = None,
    **kw: Any,
) -> Row:
    """warmup + n runs; stops at the first failure or timeout (and says so)."""
    for i in range(warmup + n):
        r = run_once(cmd, env, timeout=timeout, **kw)
        if r.timed_out or r.rc != 0:
            row.runs.append(r)
            what = f"timed out after {timeout:.0f} s" if r.timed_out else f"exit {r.rc}"
            log(f"{row.name}: {what}: {r.stderr.strip()[-300:]}")
            return row
        if i >= warmup:
            row.runs.append(r)
        elif i == 0:
            row.note = row.note or f"first run {r.wall:.2f} s"
    log(f"{row.name}: median {row.median:.3f} s, peak RSS {row.rss:.0f} MB")
    return row


def interleaved(
    rows_cmds: list[tuple[Row, list[str]]], env: dict[str, str], n: int, warmup: int = 2
) -> None:
    """Round-robin the commands, so background load drifts hit all of them alike."""
    for i in range(warmup + n):
        for row, cmd in rows_cmds:
            if row.failed:
                continue
            r = run_once(cmd, env, timeout=60)
            if r.rc != 0 or r.timed_out:
                row.runs.append(r)
                log(f"{row.name}: exit {r.rc}: {r.stderr.strip()[-300:]}")
            elif i >= warmup:
                row.runs.append(r)
    for row, _ in rows_cmds:
        if row.median is not None:
            log(f"{row.name}: median {row.median * 1000:.1f} ms")


def check(
    row: Row,
    *,
    seconds: float | None = None,
    rss: float | None = None,
    ratio: float | None = None,
    limit_ratio: float | None = None,
) -> None:
    """Set PASS / MISS / ERROR / TIMEOUT from the measured values."""
    bad = row.failed
    if bad is not None:
        row.result = "TIMEOUT" if bad.timed_out else "ERROR"
        if bad.timed_out:
            row.note = f"killed after {bad.wall:.0f} s; " + row.note
        else:
            row.note = f"exit {bad.rc}: {bad.stderr.strip().splitlines()[-1:]}"
        return
    ok = True
    if seconds is not None and (row.median is None or row.median >= seconds):
        ok = False
    if rss is not None and (row.rss is None or row.rss >= rss):
        ok = False
    if limit_ratio is not None and (ratio is None or ratio > limit_ratio):
        ok = False
    row.result = "PASS" if ok else "MISS"


# --------------------------------------------------------------------------- data


def figures_file(backup: Path) -> Path:
    """The figure columns of a backup-format CSV: what `plantrack import` takes."""
    out = backup.with_name(f"{backup.stem}-figures.csv")
    if out.exists() and out.stat().st_mtime >= backup.stat().st_mtime:
        return out
    keep = ["id", "goal", "date", "kind", "value", "bound", "note", "source"]
    with open(backup, encoding="utf-8", newline="") as src, open(
        out, "w", encoding="utf-8", newline=""
    ) as dst:
        reader = csv.DictReader(src)
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(keep)
        writer.writerows([r[c] for c in keep] for r in reader)
    return out


def prepare_data(size: dict[str, int]) -> tuple[Path, dict]:
    source_hash = hashlib.sha256((HERE / "synth.py").read_bytes()).hexdigest()[:12]
    folder = OUT / f"data-{size['goals']}g-{size['rows']}r-seed{SEED}"
    meta_path = folder / "meta.json"
    if meta_path.exists():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("synth_sha") == source_hash:
            log(f"using cached data in {folder}")
            return folder, meta
    log(f"generating {size['goals']:,} goals and {size['rows']:,} rows into {folder} ...")
    meta = synth.build(folder, size["goals"], size["rows"], SEED, ROOT / "targets.yaml")
    meta["synth_sha"] = source_hash
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log(f"generated in {meta['seconds']} s")
    return folder, meta


# --------------------------------------------------------------------------- correctness


def _parse_value(text: str) -> Decimal:
    """The import file's value text -> Decimal, independently of plantrack's parser."""
    s = text.strip()
    for prefix in (">=", "≥", ">"):
        if s.startswith(prefix):
            s = s[len(prefix) :]
            break
    mult = Decimal(1)
    if s.endswith("万"):
        s, mult = s[:-1], Decimal(10_000)
    return Decimal(s.replace(",", "")) * mult


def replay(csv_path: Path, plan_goals: dict[str, dict], wanted: set[str]) -> dict[str, Any]:
    """Expected reading (or milestone status) per wanted goal, from the CSV alone."""
    rows: dict[str, list[tuple[str, int, str, str]]] = {g: [] for g in wanted}
    with open(csv_path, encoding="utf-8", newline="") as f:
        for seq, r in enumerate(csv.DictReader(f)):
            if r["goal"] in wanted and not r["void_reason"] and r["date"] <= AS_OF:
                kind = r["kind"]
                v = r["value"].strip()
                if kind == "":
                    if plan_goals[r["goal"]]["kind"] == "milestone":
                        kind = "status"
                    else:
                        kind = "increment" if v[:1] in "+-" else "total"
                rows[r["goal"]].append((r["date"], seq, kind, v))
    out: dict[str, Any] = {}
    for gid, entries in rows.items():
        entries.sort()
        g = plan_goals[gid]
        if g["kind"] == "milestone":
            statuses = [v for _, _, k, v in entries if k == "status"]
            out[gid] = statuses[-1] if statuses else None
            continue
        numeric = [(k, v) for _, _, k, v in entries if k in ("total", "increment")]
        if not numeric:
            out[gid] = None
            continue
        reading = g["origin"]
        for k, v in numeric:
            reading = _parse_value(v) if k == "total" else reading + _parse_value(v)
        out[gid] = reading
    return out


def load_plan(data: Path) -> dict[str, Any]:
    """The synthetic plan.yaml (with libyaml's loader when there is one: ~8x faster)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load((data / "plan.yaml").read_text(encoding="utf-8"), Loader=loader)


def spot_check(
    data: Path, plan: dict[str, Any], meta: dict, report_json: bytes | None, db: Path, n: int = 25
) -> list[str]:
    """Compare readings for ~n goals with a replay of the CSV: plantrack's status --json
    (when it finished) and REFERENCE_SQL run in-process on the benchmark database."""
    goals = {}
    for g in plan["goals"]:
        stock = Decimal(str(g.get("baseline_stock") or 0))
        base = Decimal(str(g.get("baseline") or 0))
        goals[g["id"]] = {"kind": g["kind"], "origin": stock + base}
    ids = sorted(goals)
    wanted = {ids[i] for i in range(0, len(ids), max(1, len(ids) // n))}
    wanted |= {meta["max_rows_goal"][0], meta["median_rows_goal"][0]}
    expected = replay(data / "entries.csv", goals, wanted)
    lines = []

    def compare(source: str, got: dict[str, Any]) -> None:
        bad = []
        for gid in sorted(wanted):
            want, have = expected[gid], got.get(gid)
            if goals[gid]["kind"] == "milestone":
                if source == "status --json" and have != want:
                    bad.append(f"{gid}: {have!r}, replay {want!r}")
                continue
            if want is None or have is None:
                if want is not have:
                    bad.append(f"{gid}: {have!r}, replay {want!r}")
                continue
            if abs(Decimal(str(have)) - want) > max(Decimal("1e-6"), abs(want) * Decimal("1e-12")):
                bad.append(f"{gid}: {have!r}, replay {want}")
        verdict = "all match" if not bad else f"{len(bad)} MISMATCHES"
        lines.append(
            f"correctness: {source} vs a replay of the CSV for {len(wanted)} goals: {verdict}"
        )
        lines.extend(f"  mismatch {b}" for b in bad[:10])

    if report_json is not None:
        doc = json.loads(report_json)
        compare(
            "status --json",
            {
                g["id"]: g.get("milestone_status") if g["kind"] == "milestone" else g.get("reading")
                for g in doc["goals"]
            },
        )
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    params = {"plan": plan["plan"]["id"], "as_of": AS_OF, "known": "9999-12-31"}
    got = {}
    for gid, total, _, inc, *_ in conn.execute(REFERENCE_SQL, params):
        if gid in wanted:
            origin = goals[gid]["origin"] * 10_000
            got[gid] = ((Decimal(total) if total is not None else origin) + inc) / 10_000
    conn.close()
    compare("window-function SQL (REFERENCE_SQL)", got)
    return lines


# --------------------------------------------------------------------------- main


def fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def print_table(rows: list[Row], header: list[str]) -> str:
    cols = [
        "section",
        "measurement",
        "n",
        "median",
        "min",
        "CPU",
        "peak RSS",
        "target",
        "result",
        "note",
    ]
    table = []
    for r in rows:
        table.append(
            [
                r.section,
                r.name,
                str(len(r.ok_runs)) if r.runs else "-",
                fmt_s(r.median),
                fmt_s(r.min),
                fmt_s(r.cpu),
                f"{r.rss:.0f} MB" if r.rss is not None else "-",
                r.target,
                r.result,
                r.note,
            ]
        )
    widths = [max(len(c), *(len(t[i]) for t in table)) for i, c in enumerate(cols)]
    lines = [*header, ""]
    lines.append("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip())
    lines.append("  ".join("-" * w for w in widths))
    for t in table:
        lines.append("  ".join(c.ljust(w) for c, w in zip(t, widths, strict=True)).rstrip())
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    return text


def machine_header(size: dict[str, int], meta: dict) -> list[str]:
    def git(*args: str) -> str:
        try:
            return subprocess.run(
                ["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return "?"

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    shell = shutil.which("sqlite3")
    shell_version = (
        subprocess.run([shell, "--version"], capture_output=True, text=True).stdout.split()[:1]
        if shell
        else ["none"]
    )
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "src")
    return [
        f"plantrack bench ({'quick' if size is QUICK else 'full'}): {size['goals']:,} goals, "
        f"{size['rows']:,} import rows, as-of {AS_OF}",
        "rows: "
        + ", ".join(f"{v:,} {k}" for k, v in meta["row_kinds"].items())
        + f"; goals: {meta['kinds']}, {meta['without_entries']} without entries",
        f"machine: {os.cpu_count()} CPUs ({cpu}), {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; SQLite lib {sqlite3.sqlite_version}, "
        f"shell {shell_version[0]}",
        f"code: {git('rev-parse', '--short', 'HEAD')}"
        + (f" + uncommitted changes in src/ ({len(dirty.splitlines())} files)" if dirty else ""),
    ]


_NOT_REPLAYED = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA"}


def _first_keyword(sql: str) -> str:
    """The statement's first keyword, after any leading comments."""
    text = sql.lstrip()
    while text.startswith(("--", "/*")):
        text = (text.partition("\n") if text.startswith("--") else text.partition("*/"))[2]
        text = text.lstrip()
    word = re.match(r"[A-Za-z]+", text)
    return word.group().upper() if word else ""


def _replayable(sql: str) -> bool:
    """A traced statement the replay keeps: everything but transaction control, PRAGMAs
    (connection set-up) and schema or migration bookkeeping. Temporary tables and their
    inserts stay, so the replay is plantrack's SQL whatever its shape; a write to the
    database itself fails the read-only shell, visibly, instead of being skipped."""
    text = sql.upper()
    return (
        _first_keyword(sql) not in _NOT_REPLAYED
        and "SQLITE_MASTER" not in text
        and "SQLITE_SCHEMA" not in text
        and "FROM MIGRATIONS" not in text
    )


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def reference_sql(
    plan: dict[str, Any], db: Path, env: dict[str, str], work: Path, n: int, timeout: float
) -> tuple[Row, str]:
    """Time the reports' fixed denominator (LATEST_SQL over every goal of the plan) in the
    sqlite3 shell, after checking with EXPLAIN QUERY PLAN that each goal is an index seek."""
    ref = Row(
        "reports",
        "reference SQL: one index seek per goal for its latest value (sqlite3 shell)",
        result="info",
    )
    shell = shutil.which("sqlite3")
    if not shell:
        ref.note = "no sqlite3 shell on PATH: no ratio"
        return ref, ""
    ids = [g["id"] for g in plan["goals"]]
    sql = LATEST_SQL.format(
        goals=",".join(f"({_sql_text(g)})" for g in ids),
        plan=_sql_text(plan["plan"]["id"]),
        as_of=_sql_text(AS_OF),
    )
    sql_file = work / "reference.sql"
    sql_file.write_text(sql, encoding="utf-8")
    explained = subprocess.run(
        [shell, "-readonly", str(db)],
        input="EXPLAIN QUERY PLAN " + sql,
        capture_output=True,
        text=True,
        timeout=60,
    )
    query_plan = explained.stdout.strip()
    # A seek per goal is "SEARCH e USING COVERING INDEX entries_cover (plan=? AND goal=? ...)";
    # any "SCAN e" would make the denominator a table or index scan instead.
    seek = re.search(r"SEARCH e USING COVERING INDEX (\w+) \(plan=\? AND goal=\?", query_plan)
    if explained.returncode != 0 or not seek or re.search(r"\bSCAN e\b", query_plan):
        ref.result = "ERROR"
        ref.note = "not an index seek per goal: " + " / ".join(
            line.strip("|-` ") for line in (query_plan or explained.stderr).splitlines()
        )
        return ref, query_plan
    log(f"{ref.name} ({len(ids):,} goals, {sql_file.stat().st_size:,} bytes) ...")
    measure(
        ref, [shell, "-readonly", str(db)], env, n, timeout=timeout, stdin=sql_file, discard=True
    )
    if ref.failed:
        ref.result = "TIMEOUT" if ref.failed.timed_out else "ERROR"
        ref.note = f"killed after {ref.failed.wall:.0f} s" if ref.failed.timed_out else ""
    else:
        ref.note = f"{len(ids):,} goals, a SEARCH on {seek.group(1)} each; {ref.note}"
    return ref, query_plan


def traced_sql(
    big: list[str], db: Path, env: dict[str, str], work: Path, n: int, timeout: float
) -> Row:
    """Time, in the sqlite3 shell, the statements `status --json` executes on the database
    (information only: it shows plantrack's own SQL time, it is no target)."""
    raw = Row(
        "reports", "traced SQL: the statements of status --json (sqlite3 shell)", result="info"
    )
    shell = shutil.which("sqlite3")
    if not shell:
        raw.note = "no sqlite3 shell on PATH"
        return raw
    trace_py = OUT / "trace_sql.py"
    trace_py.write_text(TRACE_APP, encoding="utf-8")
    trace_log = work / "status-sql.jsonl"
    trace_log.unlink(missing_ok=True)
    log("tracing the SQL of status --json ...")
    r = run_once(
        [
            sys.executable,
            str(trace_py),
            str(trace_log),
            "status",
            "--json",
            "--as-of",
            AS_OF,
            *big,
            str(db),
        ],
        env,
        timeout=timeout,
        discard=True,
    )
    lines = trace_log.read_text(encoding="utf-8").splitlines() if trace_log.exists() else []
    statements = [s for s in map(json.loads, lines) if _replayable(s)]
    if r.rc != 0 or r.timed_out or not statements:
        raw.result = "ERROR"
        raw.note = "could not trace the SQL: " + (r.stderr.strip()[-200:] or "no statements")
        return raw
    sql_file = work / "figures.sql"
    sql_file.write_text(
        "".join(s.strip().rstrip(";") + ";\n" for s in statements), encoding="utf-8"
    )
    log(f"{raw.name} ({len(statements)} statements, {sql_file.stat().st_size:,} bytes) ...")
    measure(
        raw,
        [shell, "-readonly", "-bail", str(db)],
        env,
        n,
        timeout=timeout,
        stdin=sql_file,
        discard=True,
    )
    if raw.failed:
        raw.result = "TIMEOUT" if raw.failed.timed_out else "ERROR"
        raw.note = (
            f"killed after {raw.failed.wall:.0f} s"
            if raw.failed.timed_out
            else f"exit {raw.failed.rc}: {raw.failed.stderr.strip()[-200:]}"
        )
    else:
        raw.note = f"{len(statements)} statement(s), traced; {raw.note}"
    return raw


def postgres_rows(pt: list[str], env: dict[str, str], big: list[str], figures_csv: Path,
                  db: Path, meta: dict, size: dict[str, int],
                  args: argparse.Namespace) -> list[Row]:  # fmt: skip
    """The same import and report on PostgreSQL, and 8 database users recording at once,
    on a server of tests/pgcluster.py (a throwaway cluster with PostgreSQL's default
    durability: fsync and synchronous commits on)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pgcluster import Cluster, NoServer

    try:
        cluster = Cluster.start(durable=True)
    except (NoServer, OSError, subprocess.CalledProcessError) as exc:
        log(f"PostgreSQL: {exc}")
        return [Row("postgres", "a PostgreSQL server", result="ERROR", note=str(exc))]
    try:
        return _postgres_rows(cluster, pt, env, big, figures_csv, db, meta, size, args)
    finally:
        cluster.stop()


def _postgres_rows(cluster: Any, pt: list[str], env: dict[str, str], big: list[str],
                   figures_csv: Path, db: Path, meta: dict, size: dict[str, int],
                   args: argparse.Namespace) -> list[Row]:  # fmt: skip
    plan_args = big[:-1]  # --plan PLAN (without --db)
    rows = []
    row = Row("postgres", f"import {size['rows']:,} rows into an empty PostgreSQL ledger",
              target=f"< {IMPORT_S} s, < {IMPORT_MB} MB")  # fmt: skip
    log(f"PostgreSQL import x{args.import_repeat} ...")
    for i in range(max(1, args.import_repeat)):
        url = cluster.url(cluster.new_database())
        r = run_once([*pt, "import", str(figures_csv), *plan_args, "--db", url], env,
                     timeout=max(args.timeout, 900))  # fmt: skip
        row.runs.append(r)
        log(f"PostgreSQL import run {i + 1}: {r.wall:.1f} s, {r.rss_mb:.0f} MB, exit {r.rc}")
        if r.rc != 0 or r.timed_out:
            break
    check(row, seconds=IMPORT_S, rss=IMPORT_MB)
    if row.median:
        walls = " / ".join(f"{r.wall:.1f}" for r in row.runs)
        row.note = f"{size['rows'] / row.median:,.0f} rows/s; runs {walls} s"
    again = Row("postgres", "the same import again (every row already recorded)",
                result="info")  # fmt: skip
    if not row.failed:
        log("PostgreSQL import again ...")
        again.runs.append(run_once([*pt, "import", str(figures_csv), *plan_args, "--db", url],
                                   env, timeout=max(args.timeout, 900)))  # fmt: skip
        check(again)
        again.result = again.result if again.failed else "info"
    rows += [row, again]

    # The reports' ledger: the SQLite one of the reports, copied (who, when and voids).
    url = cluster.url(cluster.new_database())
    copy = Row("postgres", f"ledger copy of the {size['rows']:,}-entry SQLite ledger, "
               "checked", result="info")  # fmt: skip
    log("ledger copy to PostgreSQL ...")
    copy.runs.append(run_once([*pt, "ledger", "copy", str(db), url, *plan_args], env,
                              timeout=max(args.timeout, 900)))  # fmt: skip
    check(copy)  # (ERROR if it failed)
    if not copy.failed:
        copy.result = "info"
    rows.append(copy)
    if copy.failed:
        return rows

    pg_status = Row("postgres", "status --json on PostgreSQL",
                    target=f"<= {PG_STATUS_RATIO}x SQLite")  # fmt: skip
    sqlite_status = Row("postgres", "status --json on SQLite (the same data)", result="info")
    log("status --json, PostgreSQL and SQLite ...")
    report = [*pt, "status", "--json", "--as-of", AS_OF, *plan_args, "--db"]
    interleaved([(pg_status, [*report, url]), (sqlite_status, [*report, str(db)])], env,
                args.repeat, warmup=1)  # fmt: skip
    ratio = (pg_status.median / sqlite_status.median
             if pg_status.median and sqlite_status.median else None)  # fmt: skip
    check(pg_status, rss=REPORT_MB, ratio=ratio, limit_ratio=PG_STATUS_RATIO)
    pg_status.note = f"{ratio:.2f}x SQLite" if ratio else ""
    rows += [pg_status, sqlite_status]

    # 8 database users, each a recorder, record 200 times each at once: into that ledger,
    # and into a new one of the shipped plan (where reading the plan costs little).
    rows.append(_parallel_records(cluster, pt, env, url, plan_args, meta["record_goal"],
                                  "into that ledger"))  # fmt: skip
    shipped = ["--plan", str(ROOT / "targets.yaml")]
    rows.append(_parallel_records(cluster, pt, env, cluster.url(cluster.new_database()),
                                  shipped, "provincial-labs", "into a new shipped-plan ledger"))
    return rows


def _parallel_records(cluster: Any, pt: list[str], env: dict[str, str], url: str,
                      plan_args: list[str], goal: str, where: str) -> Row:  # fmt: skip
    """PG_WRITERS new database users (recorders) record PG_CALLS times each, all at once
    (tests/record_worker.py); every record must be kept, under its writer's name."""
    import psycopg

    writers = [cluster.new_role("writer") for _ in range(PG_WRITERS)]
    for name in writers:
        run_once([*pt, "ledger", "grant", name, "--role", "recorder", *plan_args, "--db", url],
                 env)  # fmt: skip
    worker = str(ROOT / "tests" / "record_worker.py")
    start_at = time.time() + 3.0  # every interpreter started and imported by then
    procs = [subprocess.Popen([sys.executable, worker, cluster.with_user(url, name), goal,
                               f"w{w}", str(PG_CALLS), str(start_at), *plan_args], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for w, name in enumerate(writers)]  # fmt: skip
    errors = [p.communicate(timeout=900)[1] for p in procs]
    took = time.time() - start_at
    codes = [c for err in errors for c in _last_json(err)]
    with psycopg.connect(url) as conn:
        kept, users = conn.execute(
            "SELECT count(*), count(DISTINCT recorded_by) FROM plantrack.entries"
            " WHERE note ~ '^w[0-9]+-[0-9]+$' AND recorded_by = ANY(%s)", (writers,)
        ).fetchone()  # fmt: skip
    wanted = PG_WRITERS * PG_CALLS
    row = Row("postgres", f"{PG_WRITERS} users x {PG_CALLS} record at once, {where}",
              target=f"{wanted:,} of {wanted:,} kept")  # fmt: skip
    row.result = "PASS" if kept == wanted and codes == [0] * wanted else "MISS"
    row.note = f"{kept:,} of {wanted:,} kept, by {users} users; {kept / took:.0f} records/s"
    row.runs.append(Run(wall=took, rss_mb=0.0, cpu=0.0, rc=0, out_bytes=0, stderr=""))
    log(f"parallel records {where}: {took:.1f} s, {row.note}")
    return row


def document_rows(pt: list[str], env: dict[str, str], big: list[str], db: Path, data: Path,
                  work: Path, n: int, timeout: float) -> list[Row]:  # fmt: skip
    """The review document and the workbook: on the shipped plan and its published
    figures (what an office hands out), and on the 10,000-goal ledger (how it scales)."""
    shipped_db = work / "documents-shipped.db"
    for p in shipped_db.parent.glob(shipped_db.name + "*"):
        p.unlink()
    r = run_once([*pt, "ledger", "restore", str(data / "shipped.csv"), "--plan",
                  str(ROOT / "targets.yaml"), "--db", str(shipped_db)], env)  # fmt: skip
    if r.rc != 0:
        log(f"restore of shipped.csv failed: {r.stderr}")
    shipped = ["--plan", str(ROOT / "targets.yaml"), "--db", str(shipped_db), "--as-of", AS_OF]
    ten_k = ["--as-of", AS_OF, *big, str(db)]
    out = []
    # (name, command, file suffix, on which ledger, runs): the 10,000-goal document once
    for name, sub, suffix, where, runs in (
        ("report, shipped plan (HTML)", ["report", "--lang", "zh"], "html", shipped, n),
        ("report, shipped plan (PDF, Chromium)", ["report", "--lang", "zh", "-f", "pdf"], "pdf",
         shipped, n),
        ("export status --format xlsx, shipped plan", ["export", "status", "--format", "xlsx"],
         "xlsx", shipped, n),
        ("report (HTML), 10,000 goals, 1,000,000 entries", ["report"], "html", ten_k, 1),
        ("export status --format xlsx, 10,000 goals", ["export", "status", "--format", "xlsx"],
         "xlsx", ten_k, n),
    ):  # fmt: skip
        target = work / f"doc.{suffix}"
        row = Row("documents", name, result="info")
        log(f"{name} ...")
        measure(row, [*pt, *sub, *where, "-o", str(target)], env, runs,
                warmup=1 if where is shipped else 0, timeout=max(timeout, 600))  # fmt: skip
        if target.exists():
            row.note = f"{target.stat().st_size / 1024:,.0f} KB"
        out.append(row)
    return out


def _last_json(text: str) -> list[Any]:
    """A worker's exit codes (the last line of its stderr), or none if it crashed."""
    try:
        return list(json.loads(text.splitlines()[-1]))
    except (IndexError, ValueError):
        log(f"a writer failed: {text.strip()[-300:]}")
        return []


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="plantrack benchmark (issue 7)")
    ap.add_argument("--quick", action="store_true", help="1,000 goals / 100,000 rows")
    ap.add_argument("--repeat", type=int, default=5, help="runs per measurement (default 5)")
    ap.add_argument("--import-repeat", type=int, default=3, help="import runs (default 3)")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before a run is killed")
    ap.add_argument(
        "--only", default="startup,import,reports,lookup,documents,postgres",
        help="comma-separated sections",
    )
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    spawner()  # first, while this process is small (see SPAWNER_APP)
    try:
        return bench(args)
    finally:
        spawner().close()


def bench(args: argparse.Namespace) -> int:
    """Every section of the benchmark, then the table and the JSON results."""
    sections = set(args.only.split(","))
    size = QUICK if args.quick else FULL
    data, meta = prepare_data(size)
    work = OUT / f"work-{'quick' if args.quick else 'full'}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    exe = Path(sys.executable).with_name("plantrack")
    pt = [str(exe)] if exe.exists() else [sys.executable, "-m", "plantrack"]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("PLANTRACK_") and k not in ("PYTHONDONTWRITEBYTECODE", "COLUMNS")
    }
    # Bytecode cached as on a user's machine, but outside the source tree.
    env.update(
        PLANTRACK_HOME=str(work / "home"),
        PYTHONPYCACHEPREFIX=str(OUT / "pycache"),
        PLANTRACK_LANG="en",
        COLUMNS="120",
    )
    plan, csv_path = data / "plan.yaml", data / "entries.csv"
    shipped_plan = ROOT / "targets.yaml"
    big = ["--plan", str(plan), "--db"]
    rows: list[Row] = []
    n = args.repeat
    results: dict[str, Any] = {"meta": meta}
    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())

    # ------------------------------------------------------------------ start-up
    if "startup" in sections:
        shipped_db = work / "shipped.db"
        r = run_once(
            [*pt, "ledger", "restore", str(data / "shipped.csv"), "--plan", str(shipped_plan),
             "--db", str(shipped_db)],
            env,
        )  # fmt: skip
        if r.rc != 0:
            log(f"import of shipped.csv failed: {r.stderr}")
        floor_py = OUT / "floor.py"
        floor_py.write_text(FLOOR_APP, encoding="utf-8")
        status = Row("start-up", f"status, shipped plan + {meta['shipped_rows']} entries")
        floor = Row(
            "start-up", "floor: Typer app importing typer, rich, yaml, sqlite3", result="info"
        )
        st_json = Row("start-up", "status --json, same data (no Rich)", result="info")
        helps = Row("start-up", "plantrack --help", result="info")
        imp = Row("start-up", 'python -c "import plantrack.cli"', result="info")
        bare = Row("start-up", 'python -c "pass" (interpreter only)', result="info")
        st_cmd = [
            *pt,
            "status",
            "--plan",
            str(shipped_plan),
            "--db",
            str(shipped_db),
            "--as-of",
            AS_OF,
        ]
        log("start-up ...")
        interleaved(
            [
                (status, st_cmd),
                (st_json, [*st_cmd, "--json"]),
                (floor, [sys.executable, str(floor_py)]),
                (helps, [*pt, "--help"]),
                (imp, [sys.executable, "-c", "import plantrack.cli"]),
                (bare, [sys.executable, "-c", "pass"]),
            ],
            env,
            max(10, 4 * n),
        )
        ratio = status.median / floor.median if status.median and floor.median else None
        status.target = f"<= {STARTUP_RATIO}x floor"
        status.note = f"ratio {ratio:.2f}x floor" if ratio else ""
        check(status, ratio=ratio, limit_ratio=STARTUP_RATIO)
        if st_json.median and floor.median:
            st_json.note = f"ratio {st_json.median / floor.median:.2f}x floor"
        rows += [status, floor, st_json, helps, imp, bare]
        results["startup_ratio"] = ratio

    # ------------------------------------------------------------------ import
    # entries.csv is a backup (export entries' format: who, when and voids); an import
    # takes figures only, so the import is timed on its figure columns (figures.csv),
    # and the reports' ledger is made by restoring the backup, voids and all.
    figures_csv = figures_file(csv_path)
    db = data / "bench.db"  # kept between runs, so --only reports can reuse it
    if "import" in sections:
        row = Row(
            "import",
            f"import {size['rows']:,} rows into an empty db",
            target=f"< {IMPORT_S} s, < {IMPORT_MB} MB",
        )
        log(f"import x{args.import_repeat} ...")
        for i in range(max(1, args.import_repeat)):
            target_db = work / f"import-{i}.db"
            r = run_once(
                [*pt, "import", str(figures_csv), *big, str(target_db)],
                env,
                timeout=max(args.timeout, 900),
            )
            row.runs.append(r)
            log(f"import run {i + 1}: {r.wall:.1f} s, {r.rss_mb:.0f} MB, exit {r.rc}")
            size_mb = target_db.stat().st_size / 2**20 if target_db.exists() else 0
            for p in target_db.parent.glob(target_db.name + "*"):
                p.unlink()
            if r.rc != 0 or r.timed_out:
                break
        check(row, seconds=IMPORT_S, rss=IMPORT_MB)
        if row.median:
            walls = " / ".join(f"{r.wall:.1f}" for r in row.runs)
            row.note = (
                f"{size['rows'] / row.median:,.0f} rows/s; runs {walls} s; db {size_mb:.0f} MB"
            )
        rows.append(row)
    if "import" in sections or not db.exists():
        restore = Row("import", f"ledger restore of the {size['rows']:,}-row backup", result="info")
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
        log("ledger restore ...")
        r = run_once([*pt, "ledger", "restore", str(csv_path), *big, str(db)], env,
                     timeout=max(args.timeout, 900))  # fmt: skip
        restore.runs.append(r)
        if r.rc != 0 or r.timed_out:
            log(f"ledger restore: exit {r.rc}: {r.stderr.strip()[-300:]}")
            restore.result = "ERROR"
        if "import" in sections:
            rows.append(restore)

    # A ledger kept from a run of an older plantrack: brought up to date first (reports
    # refuse an older ledger; the upgrade is not timed).
    if db.exists():
        r = run_once([*pt, "ledger", "upgrade", *big, str(db)], env, timeout=max(args.timeout, 900))
        if r.rc != 0:
            log(f"ledger upgrade: exit {r.rc}: {r.stderr.strip()[-300:]}")

    # ------------------------------------------------------------------ reports
    kept_status: bytes | None = None
    plan_doc: dict[str, Any] = {}
    if "reports" in sections:
        plan_doc = load_plan(data)
        report_rows = []
        for name, sub in (
            ("status --json", ["status", "--json"]),
            ("gaps --json", ["gaps", "--json"]),
            ("export status (CSV)", ["export", "status"]),
        ):
            row = Row(
                "reports",
                name,
                target=f"< {REPORT_S} s, < {REPORT_MB} MB",
            )
            log(f"{name} ...")
            cmd = [*pt, *sub, "--as-of", AS_OF, *big, str(db)]
            # The first run fills the plan cache (cold); the median is over warm runs.
            shutil.rmtree(work / "home" / "cache", ignore_errors=True)
            first = run_once(cmd, env, timeout=args.timeout, keep=sub[0] == "status")
            if first.rc != 0 or first.timed_out:
                row.runs.append(first)
                log(
                    f"{name}: {'timed out' if first.timed_out else f'exit {first.rc}'}"
                    f" {first.stderr.strip()[-300:]}"
                )
            else:
                if sub[0] == "status":
                    kept_status = first.stdout
                measure(row, cmd, env, n, warmup=0, timeout=args.timeout)
                row.note = f"cold plan cache {fmt_s(first.wall)}"
            report_rows.append(row)
        ref, query_plan = reference_sql(plan_doc, db, env, work, n, args.timeout)
        traced = traced_sql(big, db, env, work, n, args.timeout)
        results["reference_sql_plan"] = query_plan
        for row in report_rows:
            ratio = row.median / ref.median if row.median and ref.median else None
            check(row, seconds=REPORT_S, rss=REPORT_MB)
            if row.median is None:
                continue
            row.note += f"; {ratio:.1f}x reference" if ratio else "; no reference timing"
            if traced.median:
                row.note += f", {row.median / traced.median:.1f}x traced SQL"
        rows += [ref, traced, *report_rows]

    # ------------------------------------------------------------------ lookup
    if "lookup" in sections:
        mid_goal, mid_n = meta["median_rows_goal"]
        max_goal, max_n = meta["max_rows_goal"]
        for name, goal in (
            (f"history {mid_goal} ({mid_n} entries, median goal)", mid_goal),
            (f"history {max_goal} ({max_n} entries, busiest goal)", max_goal),
        ):
            row = Row("lookup", name, target=f"< {LOOKUP_S} s")
            log(f"{name} ...")
            measure(row, [*pt, "history", goal, *big, str(db)], env, n, timeout=args.timeout)
            check(row, seconds=LOOKUP_S)
            rows.append(row)
        copy = work / "record.db"
        shutil.copyfile(db, copy)
        row = Row(
            "lookup",
            f"record {meta['record_goal']} +1 --date 2025-06-30 (db copy)",
            target=f"< {LOOKUP_S} s",
        )
        log("record ...")
        measure(
            row,
            [*pt, "record", meta["record_goal"], "+1", "--date", "2025-06-30", *big, str(copy)],
            env,
            n,
            timeout=args.timeout,
        )
        check(row, seconds=LOOKUP_S)
        rows.append(row)

    # ------------------------------------------------------------------ documents
    if "documents" in sections:
        rows += document_rows(pt, env, big, db, data, work, n, args.timeout)

    # ------------------------------------------------------------------ PostgreSQL
    if "postgres" in sections:
        rows += postgres_rows(pt, env, big, figures_csv, db, meta, size, args)

    # ------------------------------------------------------------------ report
    header = machine_header(size, meta)
    header.append(
        f"load average (1/5/15 min) at start: {load_start}; at end: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    if "reports" in sections and db.exists():
        log("spot check ...")
        checks = spot_check(data, plan_doc, meta, kept_status, db)
        header += checks
        results["spot_check"] = checks
    print()
    text = print_table(rows, header)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (OUT / f"results-{stamp}.txt").write_text(text, encoding="utf-8")
    results["rows"] = [
        {
            "section": r.section,
            "name": r.name,
            "median": r.median,
            "min": r.min,
            "rss_mb": r.rss,
            "cpu": r.cpu,
            "walls": [x.wall for x in r.runs],
            "target": r.target,
            "result": r.result,
            "note": r.note,
        }
        for r in rows
    ]
    (OUT / f"results-{stamp}.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
