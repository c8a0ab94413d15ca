"""Deterministic synthetic data for bench/run.py.

    python bench/synth.py [--goals 10000] [--rows 1000000] [--seed 7] [--out bench/out/data]

Writes, into the output folder:

- ``plan.yaml``: a valid plan of N goals (ids g00001...) in sections s01..s50,
  over every kind: mostly increase and level goals, some with direction down,
  approximate, an explicit tolerance, a stretch flag, the cagr method or a
  baseline_stock; some milestones and a few indicators.
- ``entries.csv``: an import file of M rows in recording order (dates never
  after 2025-12-31), mixing totals, signed increments (+3 / -2), lower bounds,
  notes and milestone statuses; about 1% of rows are voided
  (void_reason / voided_by / voided_at); every row has an id and recorded_at.
- ``shipped.csv``: 500 rows for the goals of the repository's own targets.yaml.
- ``meta.json``: what run.py needs to pick goals (entries per goal, kinds).

The same arguments always give byte-identical files (one seeded
``random.Random``, no clock, no hash-order dependence). Rows are written as
they are generated with the csv module, so memory stays flat.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml  # plantrack's own dependency: used only to read the shipped plan's goal ids

VERSION = 1  # bump when the output changes, so run.py's cache is rebuilt
PERIOD_START = date(2021, 1, 1)
PERIOD_END = date(2025, 12, 31)
SECTIONS = [f"s{i:02d}" for i in range(1, 51)]
COLUMNS = [
    "id",
    "goal",
    "date",
    "kind",
    "value",
    "bound",
    "note",
    "source",
    "by",
    "recorded_at",
    "void_reason",
    "voided_by",
    "voided_at",
]
USERS = [f"clerk{i:02d}" for i in range(1, 21)]
SOURCES = [
    "省统计局 统计公报",
    "省科技厅 年度报告",
    "政府工作报告",
    "市级报送表",
    "Provincial statistics bureau, monthly bulletin",
    "Press release",
]
NOTES = [
    "初步数据",
    "修正后数据",
    "含新口径",
    "preliminary figure",
    "revised after audit",
    "from the quarterly return",
    "按新统计口径",
]
VOID_REASONS = ["typo", "duplicate row", "wrong goal", "superseded by audited figure"]
ZH_WORDS = "科技创新实验室企业人才平台研发投入覆盖率高新技术产业园区成果转化专利孵化器"
UNITS_COUNT = ["个", "家", "项", "所", "人", "万人"]


@dataclass
class SynthGoal:
    id: str
    kind: str  # increase | level | milestone | indicator
    direction: str = "up"
    decimals: int = 0
    baseline: float | None = None  # level goals; None = first reading is the baseline
    stock: float | None = None  # increase goals with baseline_stock
    target: float | None = None
    start: float = 0.0  # the true value at the period start (in entry terms)
    end: float = 0.0  # the true value at 2025-12-31 (in entry terms)
    increments_only: bool = False
    total_share: float = 0.7
    weight: float = 1.0
    # generation state
    last: float | None = None  # the ledger's reading after the last live numeric row
    status: int = 0  # milestones: index into STATUSES
    rows: int = 0
    extra: dict[str, str] = field(default_factory=dict)


STATUSES = ("not_started", "in_progress", "done")


def _q(text: str) -> str:
    """A single-quoted YAML scalar (always text, never a guessed type)."""
    return "'" + text.replace("'", "''") + "'"


def _fmt(x: float, decimals: int) -> str:
    s = f"{x:.{decimals}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def make_goals(rng: random.Random, n: int) -> list[SynthGoal]:
    goals = []
    for i in range(1, n + 1):
        gid = f"g{i:05d}"
        r = rng.random()
        kind = (
            "increase"
            if r < 0.46
            else "level"
            if r < 0.86
            else "milestone"
            if r < 0.97
            else "indicator"
        )
        g = SynthGoal(gid, kind)
        if kind == "increase":
            g.decimals = 0 if rng.random() < 0.8 else 2
            g.target = float(rng.choice([5, 10, 20, 50, 100, 300, 1000, 5000, 12000]))
            if g.decimals:
                g.target = round(g.target * rng.uniform(0.5, 2), 2)
            if rng.random() < 0.12:  # entries are stock readings
                g.stock = float(rng.randrange(100, 50000))
            g.start = g.stock or 0.0
            g.end = g.start + g.target * rng.uniform(0.2, 1.4)
            g.increments_only = rng.random() < 0.3
            g.total_share = 0.0 if g.increments_only else 0.75
        elif kind == "level":
            g.decimals = rng.choice([0, 1, 2, 2])
            base = round(rng.uniform(5, 500), g.decimals)
            g.direction = "down" if rng.random() < 0.18 else "up"
            factor = rng.uniform(1.1, 2.0)
            g.target = round(base / factor if g.direction == "down" else base * factor, g.decimals)
            if g.target == base:
                g.target = base + (-1 if g.direction == "down" else 1)
            g.baseline = base if rng.random() < 0.8 else None
            g.start = base
            g.end = base + (g.target - base) * rng.uniform(-0.2, 1.3)
            g.total_share = 0.9
        elif kind == "indicator":
            g.decimals = 2
            g.start = rng.uniform(1, 100)
            g.end = g.start * rng.uniform(0.7, 1.5)
            g.total_share = 1.0
        # entries per goal: lognormal spread (a few goals very busy), some never reported
        g.weight = 0.0 if rng.random() < 0.03 else rng.lognormvariate(0, 0.8)
        if kind == "milestone":
            g.weight *= 0.1
        goals.append(g)
    return goals


def write_plan(path: Path, goals: list[SynthGoal], rng: random.Random) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        w = f.write
        w("# Synthetic plan for bench/run.py (generated by bench/synth.py; do not edit)\n")
        w(
            "plan:\n  id: bench-plan\n  name_zh: 基准测试规划\n  name_en: Benchmark plan\n"
            "  issuer: plantrack bench\n  issued: 2021-03-01\n  document: BENCH-1\n"
            "  period_start: 2021-01-01\n  period_end: 2025-12-31\n"
            "  source: 'bench/synth.py'\n\ngoals:\n"
        )
        for n, g in enumerate(goals):
            section = SECTIONS[n * len(SECTIONS) // len(goals)]
            title = "".join(rng.choice(ZH_WORDS) for _ in range(rng.randrange(6, 16)))
            lines = [
                f"  - id: {g.id}",
                f"    title_zh: {_q(title)}",
                f"    title_en: {_q(f'Synthetic goal {g.id} ({g.kind}) in {section}')}",
                f"    section: {section}",
                f"    kind: {g.kind}",
            ]
            if g.kind == "increase":
                lines.append(f"    unit: {rng.choice(UNITS_COUNT)}")
            elif g.kind in ("level", "indicator"):
                # not '%': plantrack refuses shares outside 0-100, and these levels wander
                lines.append(f"    unit: {_q(rng.choice(['‰', '亿元', '万吨', 'index']))}")
            if g.kind in ("increase", "level"):
                assert g.target is not None
                lines.append(f"    target: {_fmt(g.target, g.decimals)}")
                if g.baseline is not None:
                    lines.append(f"    baseline: {_fmt(g.baseline, g.decimals)}")
                if g.stock is not None:
                    lines.append(f"    baseline_stock: {_fmt(g.stock, 0)}")
                    lines.append("    baseline_date: 2020-12-31")
                if g.direction == "down":
                    lines.append("    direction: down")
                r = rng.random()
                if r < 0.10:
                    lines.append("    approximate: true")
                elif r < 0.14:
                    lines.append(f"    tolerance: {_q(rng.choice(['5%', '10%']))}")
                if rng.random() < 0.05:
                    lines.append("    stretch: true")
                if g.kind == "level" and g.baseline is not None and rng.random() < 0.15:
                    lines.append("    method: cagr")
            if g.kind != "indicator":
                d = rng.random()
                deadline = (
                    "2023-12-31"
                    if d < 0.06
                    else "2024-12-31"
                    if d < 0.12
                    else "2030-12-31"
                    if d < 0.17
                    else "2025-12-31"
                )
                lines.append(f"    deadline: {deadline}")
            lines.append(
                f"    source: {_q('《基准规划》第' + str(n + 1) + '条: 到2025年' + title)}"
            )
            if rng.random() < 0.2:
                lines.append("    notes:")
                for _ in range(rng.randrange(1, 3)):
                    lines.append(f"      - {_q(rng.choice(NOTES) + ': ' + title)}")
            w("\n".join(lines) + "\n\n")


def _true_value(g: SynthGoal, frac: float, rng: random.Random) -> float:
    v = g.start + (g.end - g.start) * frac
    if g.kind in ("level", "indicator"):
        v *= 1 + rng.gauss(0, 0.02)
    else:  # increase goals grow, with a little reporting noise
        v += (g.end - g.start) * rng.gauss(0, 0.01)
    return max(v, 0.0)


def _value_text(x: float, decimals: int, rng: random.Random) -> str:
    text = _fmt(x, decimals)
    r = rng.random()
    if r < 0.01 and x >= 10000 and decimals == 0:
        return _fmt(x / 10000, 4) + "万"  # exact: an integer / 10^4 has at most 4 places
    if r < 0.02 and x >= 1000 and decimals == 0:
        return f"{round(x):,}"
    return text


def _stamp(d: date, rng: random.Random, after_days: int) -> str:
    day = d + timedelta(days=rng.randrange(0, after_days + 1))
    secs = rng.randrange(0, 86400)
    return f"{day.isoformat()}T{secs // 3600:02d}:{secs // 60 % 60:02d}:{secs % 60:02d}Z"


def write_entries(path: Path, goals: list[SynthGoal], n_rows: int, rng: random.Random) -> dict:
    """Rows in recording order: day by day, goals drawn by weight."""
    days = (PERIOD_END - PERIOD_START).days + 1
    cum: list[float] = []
    acc = 0.0
    for g in goals:
        acc += g.weight
        cum.append(acc)
    stats = {"total": 0, "increment": 0, "status": 0, "note": 0, "voided": 0, "lower": 0}
    seq = 0
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for day_index in range(days):
            d = PERIOD_START + timedelta(days=day_index)
            frac = day_index / (days - 1)
            iso = d.isoformat()
            count = (day_index + 1) * n_rows // days - day_index * n_rows // days
            batch = []
            for g in rng.choices(goals, cum_weights=cum, k=count):
                seq += 1
                g.rows += 1
                row = _row(g, seq, iso, d, frac, rng, stats)
                batch.append(row)
            writer.writerows(batch)
    return stats


def _row(
    g: SynthGoal, seq: int, iso: str, d: date, frac: float, rng: random.Random, stats: dict
) -> list[str]:
    kind_col = value = bound = note = source = ""
    void = rng.random() < 0.01
    r = rng.random()
    if r < 0.01:  # evidence without a number
        kind_col, note = "note", rng.choice(NOTES) + f" ({g.id} {iso})"
        kind = "note"
    elif g.kind == "milestone":
        if not void and g.status < 2 and rng.random() < 0.08:
            g.status += 1
        value = STATUSES[g.status] if not void else STATUSES[(g.status + 1) % 3]
        kind_col = "status" if rng.random() < 0.5 else ""
        kind = "status"
    else:
        true = _true_value(g, frac, rng)
        total = g.last is None or rng.random() < g.total_share
        if g.increments_only and g.last is None:
            g.last = g.stock or 0.0  # the ledger's origin (baseline 0 + stock)
            total = False
        if total:
            x = round(true, g.decimals)
            if void:
                x = round(x * 10 + 1, g.decimals)  # the typo that gets voided
            value = _value_text(x, g.decimals, rng)
            if rng.random() < 0.02:
                stats["lower"] += 1
                if rng.random() < 0.5:
                    bound = "lower"
                else:
                    value = ">=" + _fmt(x, g.decimals)
            kind_col = "total" if rng.random() < 0.5 else ""
            kind = "total"
            if not void:
                g.last = x
        else:
            assert g.last is not None
            delta = round(true - g.last, g.decimals)
            if void:
                delta = round(delta + 7, g.decimals)
            sign = "-" if delta < 0 else "+"
            value = sign + _fmt(abs(delta), g.decimals)
            kind_col = "increment" if rng.random() < 0.5 else ""
            kind = "increment"
            if not void:
                g.last = round(g.last + delta, 4)
        if rng.random() < 0.05:
            note = rng.choice(NOTES)
    stats[kind] += 1
    if rng.random() < 0.3:
        source = rng.choice(SOURCES)
    recorded_at = _stamp(d, rng, 45)
    void_cols = ["", "", ""]
    if void:
        stats["voided"] += 1
        voided_at = date.fromisoformat(recorded_at[:10]) + timedelta(days=rng.randrange(1, 30))
        void_cols = [
            rng.choice(VOID_REASONS),
            rng.choice(USERS),
            voided_at.isoformat() + "T09:00:00Z",
        ]
    return [
        f"e{seq:07d}",
        g.id,
        iso,
        kind_col,
        value,
        bound,
        note,
        source,
        rng.choice(USERS),
        recorded_at,
        *void_cols,
    ]


def write_shipped(path: Path, plan_path: Path, n_rows: int, rng: random.Random) -> None:
    """n_rows plausible entries for the shipped plan's own goals."""
    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    goals = plan["goals"]
    days = (PERIOD_END - PERIOD_START).days
    picks = sorted(
        (
            (PERIOD_START + timedelta(days=rng.randrange(days + 1)), rng.randrange(len(goals)))
            for _ in range(n_rows)
        ),
        key=lambda t: t[0],
    )
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i, (d, gi) in enumerate(picks, 1):
            g = goals[gi]
            kind, value = "", ""
            frac = (d - PERIOD_START).days / days
            if g["kind"] == "milestone":
                value = STATUSES[min(2, int(frac * 3))]
            else:
                target = float(g.get("target") or 10)
                stock = float(g.get("baseline_stock") or 0)
                base = float(g.get("baseline") or 0)
                x = stock + base + (target - base) * frac * rng.uniform(0.6, 1.2)
                value = _fmt(max(x, 0), 2 if target < 100 else 0)
                if rng.random() < 0.2 and g["kind"] == "increase":
                    kind, value = "increment", "+" + _fmt(rng.randrange(0, 3), 0)
            writer.writerow(
                [
                    f"s{i:05d}",
                    g["id"],
                    d.isoformat(),
                    kind,
                    value,
                    "",
                    "",
                    rng.choice(SOURCES),
                    rng.choice(USERS),
                    _stamp(d, rng, 30),
                    "",
                    "",
                    "",
                ]
            )


def build(
    out: Path, n_goals: int, n_rows: int, seed: int, shipped_plan: Path, shipped_rows: int = 500
) -> dict:
    """Write every file into ``out`` and return the metadata (also in meta.json)."""
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rng = random.Random(seed)
    goals = make_goals(rng, n_goals)
    write_plan(out / "plan.yaml", goals, random.Random(seed + 1))
    stats = write_entries(out / "entries.csv", goals, n_rows, random.Random(seed + 2))
    write_shipped(out / "shipped.csv", shipped_plan, shipped_rows, random.Random(seed + 3))
    by_rows = sorted((g for g in goals if g.rows), key=lambda g: (g.rows, g.id))
    numeric = [g for g in by_rows if g.kind in ("increase", "level")]
    meta = {
        "version": VERSION,
        "seed": seed,
        "goals": n_goals,
        "rows": n_rows,
        "shipped_rows": shipped_rows,
        "kinds": {
            k: sum(g.kind == k for g in goals)
            for k in ("increase", "level", "milestone", "indicator")
        },
        "down": sum(g.direction == "down" for g in goals),
        "with_stock": sum(g.stock is not None for g in goals),
        "without_entries": sum(g.rows == 0 for g in goals),
        "row_kinds": stats,
        "max_rows_goal": [by_rows[-1].id, by_rows[-1].rows],
        "median_rows_goal": [numeric[len(numeric) // 2].id, numeric[len(numeric) // 2].rows],
        "record_goal": next(g.id for g in numeric if g.kind == "increase"),
        "seconds": round(time.perf_counter() - t0, 2),
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--goals", type=int, default=10_000)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=here / "out" / "data")
    ap.add_argument("--shipped-plan", type=Path, default=here.parent / "targets.yaml")
    args = ap.parse_args(argv)
    meta = build(args.out, args.goals, args.rows, args.seed, args.shipped_plan)
    json.dump(meta, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
