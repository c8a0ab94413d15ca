"""Fuzz: malformed CSV and JSON Lines import files through RowReader.

Seeded and exact: 1,309 CSV files (850 random mutations of a valid file, 440
targeted ones that must be refused, 3 bad headers, 8 with many bad rows, 8
with no rows) and 1,005 JSON Lines files (600 random, 375 targeted, 17 bad
objects, 8 with many bad lines, 5 with no rows): 2,314 in all. Plus a
1,000,000-column header (two ways) and 50 MB and endless streams without a
newline (both formats), each refused in under a second with a short message.

Every file is read to the end. Oracles: reading yields entries or raises
ValidationError whose every problem is "name:line: message" with a line
inside the file; never another exception. Every entry yielded satisfies the
documented invariants (checked here, independently of the reader). A file
that must be refused is: the targeted mutations, and any file whose raw
bytes show a documented refusal (an audit, duplicate or missing column in
the CSV header; an audit key, a repeated key or a cell over 64 KiB in a
JSON object; a line over 1 MiB).

The run is computed once per module; the defect families this fuzz found
(since fixed) each have their own test.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import support
from findings import Findings

from plantrack.errors import ValidationError
from plantrack.inputs.rows import RowReader
from plantrack.model.entries import NewEntry
from plantrack.model.plan import Goal, Plan
from plantrack.planfile import load_plan

SEED = 8_125
TODAY = date(2025, 12, 31)
PLAN: Plan = load_plan(support.PLAN)
GOALS: dict[str, Goal] = {g.id: g for g in PLAN.goals}
MAX_LINE, MAX_CELL, MAX_ERRORS = 1 << 20, 1 << 16, 20  # the documented limits
AUDIT = ("by", "recorded_at", "void_reason", "voided_by", "voided_at")
COLUMNS = ("goal", "date", "value", "id", "kind", "bound", "note", "source")
KINDS = ("total", "increment", "status", "note")
STATUSES = ("not_started", "in_progress", "done")

LABS, HIGH_TECH, ACADEMY = "provincial-labs", "high-tech-enterprises", "academy-of-sciences"
COVERAGE, RD = "pilot-base-key-industry-coverage", "rd-intensity"
# A valid import touching every kind of goal and row: totals, changes, lower bounds,
# grouped and 万 numbers, milestone statuses, notes, ids, quoting, export's escape.
BASE: list[dict[str, str]] = [
    {"goal": LABS, "date": "2022-06-30", "value": "5", "note": "a note, with a comma"},
    {"goal": LABS, "date": "2023-06-30", "value": "+3", "kind": "increment", "source": "gov"},
    {"goal": HIGH_TECH, "date": "2020-12-31", "value": "6310"},
    {"goal": HIGH_TECH, "date": "2022-12-31", "value": ">=10000", "note": '突破1万家 "quoted"'},
    {"goal": HIGH_TECH, "date": "2023-12-31", "value": "1.2万", "id": "r-4", "kind": "total"},
    {"goal": HIGH_TECH, "date": "2024-12-31", "value": "13000", "bound": "lower"},
    {"goal": ACADEMY, "date": "2023-01-01", "value": "in_progress"},
    {"goal": ACADEMY, "date": "2024-01-01", "kind": "note", "note": "evidence\non two lines"},
    {"goal": COVERAGE, "date": "2024-12-31", "value": "55.5"},
    {"goal": COVERAGE, "date": "2025-06-30", "value": "-5.5", "note": "'=not a formula"},
    {"goal": "tech-smes", "date": "2021-06-30", "value": "1,000", "source": "统计局"},
    {"goal": RD, "date": "2024-12-31", "value": "2.05"},
]
HEADER = list(COLUMNS)


# --------------------------------------------------------------------------- bookkeeping


@dataclass
class Case:
    name: str  # the file name given to the reader, "in.csv" or "in.jsonl"
    fmt: str
    data: bytes
    how: str  # the mutation, for messages
    must_refuse: str | None = None  # why the file must be refused, if it must


@dataclass
class Run(Findings):
    files: dict[str, int] = field(default_factory=dict)  # per format
    accepted: int = 0
    refused: int = 0
    entries: int = 0

    def bad(self, family: str | None, case: Case, problem: str) -> None:
        self.add(family, f"{case.fmt} [{case.how}] {case.data[:60]!r}: {problem}")


# Defect families this fuzz found, since fixed (their tests are at the end).
NO_LINE = "no-line-number"  # "in.csv: no rows to import": a problem without its line
JSONL_CELL = "jsonl-cell-limit"  # a JSON Lines cell over 64 KiB is accepted
JSONL_DUPLICATE = "jsonl-duplicate-key"  # {"value": "5", "value": "500"} is read as 500
JSONL_FLOOD = "jsonl-error-flood"  # every line that is not JSON is one more problem
LONG_PROBLEM = "long-problem"  # a bad date or value cell is quoted whole in its problem
_QUOTES_WHOLE = re.compile(r"date must be a date YYYY-MM-DD, got '|not a number: '")


# --------------------------------------------------------------------------- writing files


def csv_text(rows: list[dict[str, str]], header: list[str], end: str = "\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=end)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(c, "") for c in header])
    return out.getvalue()


def jsonl_text(rows: list[dict[str, Any]], rng: random.Random) -> str:
    lines = []
    for row in rows:
        obj: dict[str, Any] = {}
        for key, value in row.items():
            # Numbers may be JSON numbers: the reader keeps their text.
            plain_number = isinstance(value, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", value)
            obj[key] = json.loads(value) if plain_number and rng.random() < 0.5 else value
        lines.append(json.dumps(obj, ensure_ascii=rng.random() < 0.5))
    return "\n".join(lines) + "\n"


def base_bytes(fmt: str, rng: random.Random) -> bytes:
    rows = [dict(r) for r in BASE]
    if fmt == "csv":
        return csv_text(rows, HEADER, rng.choice(["\n", "\r\n"])).encode()
    return jsonl_text(rows, rng).encode()


# --------------------------------------------------------------------------- random mutations

HOSTILE_BYTES = b"\x00\r\n\",'\\{}[]:\xff\xc3\xe4\x80 \t"
BAD_UTF8 = [
    b"\xff",
    b"\xc3",
    b"\x80",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf4\x90\x80\x80",
    b"\xe4\xb8",
]
JSON_TOKENS = [b"{", b"}", b"[", b"]", b":", b",", b'"', b"\\", b"null", b"true", b"1e999",
               b"NaN", b"-Infinity", b"\\u0000", b"\\ud800", b'"by":"x",']  # fmt: skip
JSON_NOT_OBJECTS = [b"5", b'"x"', b"null", b"true", b"[]", b"[1, 2]", b'["goal"]', b"1e400", b'""']


def lines_of(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def random_mutation(rng: random.Random, data: bytes, fmt: str) -> tuple[bytes, str]:
    """One random damage to a file's bytes; its name for messages."""
    op = rng.choice([
        "flip", "flip", "truncate", "bad-utf8", "utf16", "quote", "cells", "nul", "cr-only",
        "bom", "lines", "lines", "token", "deep", "not-object", "huge", "long-line", "blank",
        "repeat-key",
    ])  # fmt: skip
    b = bytearray(data)
    i = rng.randrange(len(b) + 1)
    if op == "flip":
        for _ in range(rng.randint(1, 4)):
            j = rng.randrange(len(b))
            b[j] = rng.choice(HOSTILE_BYTES) if rng.random() < 0.6 else rng.randrange(256)
    elif op == "truncate":
        del b[i:]
    elif op == "bad-utf8":
        b[i:i] = rng.choice(BAD_UTF8)
    elif op == "utf16":
        text = bytes(b).decode("utf-8", "replace")
        b = bytearray(rng.choice([
            text.encode("utf-16"), b"\xff\xfe" + text.encode("utf-16-le"),
            b"\xfe\xff" + text.encode("utf-16-be"), text.encode("utf-16-le"),
        ]))  # fmt: skip
    elif op == "quote":
        b[i:i] = b'"'
    elif op == "cells":  # one cell more or less on a line
        lines = lines_of(bytes(b))
        k = rng.randrange(len(lines))
        line = lines[k]
        if b"," in line and rng.random() < 0.5:
            j = line.index(b",")
            lines[k] = line[:j] + line[j + 1 :]
        else:
            lines[k] = b"x," + line
        b = bytearray(b"".join(lines))
    elif op == "nul":
        b[i:i] = b"\x00" * rng.randint(1, 3)
    elif op == "cr-only":
        b = bytearray(bytes(b).replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    elif op == "bom":
        b[0:0] = b"\xef\xbb\xbf" * rng.randint(1, 2)
    elif op == "lines":  # delete, duplicate or swap lines
        lines = lines_of(bytes(b))
        k = rng.randrange(len(lines))
        pick = rng.randrange(3)
        if pick == 0:
            del lines[k]
        elif pick == 1:
            lines.insert(k, lines[k])
        else:
            m = rng.randrange(len(lines))
            lines[k], lines[m] = lines[m], lines[k]
        b = bytearray(b"".join(lines))
    elif op == "token":
        tokens = JSON_TOKENS if fmt == "jsonl" else [b'"', b",", b"\r", b"\n", b'""', b"\t"]
        b[i:i] = rng.choice(tokens)
    elif op == "deep":  # a line replaced by deep nesting
        depth = rng.choice([10, 99, 101, 1_000, 100_000])
        opener, closer = rng.choice([(b"[", b"]"), (b'{"note":', b"}")])
        deep = opener * depth + b"1" + closer * depth + b"\n"
        lines = lines_of(bytes(b))
        lines[rng.randrange(len(lines))] = deep
        b = bytearray(b"".join(lines))
    elif op == "not-object":
        lines = lines_of(bytes(b))
        lines[rng.randrange(len(lines))] = rng.choice(JSON_NOT_OBJECTS) + b"\n"
        b = bytearray(b"".join(lines))
    elif op == "huge":  # a cell over 64 KiB, quoted or not
        b[i:i] = b"x" * rng.choice([MAX_CELL - 10, MAX_CELL + 1, 70_000])
    elif op == "long-line":
        b[i:i] = b"y" * (MAX_LINE + rng.randint(1, 10))
    elif op == "repeat-key":  # a key given twice in one object (CSV: a column twice)
        lines = lines_of(bytes(b))
        k = rng.randrange(len(lines))
        key = rng.choice([b"goal", b"date", b"value", b"note", b"kind"])
        value = rng.choice([b'"7"', b'"2022-01-01"', b'"provincial-labs"', b'"x"', b"null"])
        lines[k] = lines[k].replace(b"}", b', "' + key + b'": ' + value + b"}", 1)
        b = bytearray(b"".join(lines))
    elif op == "blank":
        b[i:i] = rng.choice([b"\n", b"\r\n", b"\n\n\n", b" \n", b",,,\n"])
    return bytes(b), op


def random_cases(fmt: str, n: int, rng: random.Random) -> list[Case]:
    name = f"in.{fmt}"
    cases = []
    for _ in range(n):
        data, hows = base_bytes(fmt, rng), []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            data, how = random_mutation(rng, data, fmt)
            hows.append(how)
        cases.append(Case(name, fmt, data, "+".join(hows)))
    return cases


# --------------------------------------------------------------------------- targeted mutations

# (column, hostile value, goal the row must have or None): each makes a valid row invalid.
BAD_CELLS: list[tuple[str, str, str | None]] = [
    ("date", "2021-02-30", None), ("date", "2025-13-01", None), ("date", "2021-1-32", None),
    ("date", "20210101", None), ("date", "2026-01-01", None), ("date", "2099-12-31", None),
    ("date", "", None), ("date", "yesterday", None), ("date", "２０２２-01-0１-", None),
    ("date", "2022-06-30T00:00", None), ("date", "2020-06-30", LABS),
    ("date", "2020-12-30", HIGH_TECH), ("date", "2021-W01-1", None),
    ("value", "ten", LABS), ("value", "1e3", LABS), ("value", "NaN", LABS),
    ("value", "１２x", LABS), ("value", "1,00", LABS), ("value", "100000000000000", LABS),
    ("value", "0.00001", LABS), ("value", "≥+5", LABS), ("value", "", LABS),
    ("value", "5", ACADEMY), ("value", "+1", ACADEMY), ("value", "finished", ACADEMY),
    ("value", "150", COVERAGE), ("value", "100.5", COVERAGE), ("value", "+150", COVERAGE),
    ("value", "100.0001", COVERAGE), ("value", "in_progress", LABS), ("value", "∞", LABS),
    ("goal", "no-such-goal", None), ("goal", "", None), ("goal", "Provincial-Labs", None),
    ("goal", "provincial_labs", None), ("goal", "x" * 100, None),
    ("kind", "weird", None), ("kind", "Total", None), ("kind", "status", LABS),
    ("kind", "note", LABS), ("kind", "total", ACADEMY),
    ("bound", "upper", LABS), ("bound", "LOWER", LABS), ("bound", "lower", ACADEMY),
]  # fmt: skip


def targeted(rng: random.Random, fmt: str) -> tuple[list[dict[str, Any]], list[str], str, str]:
    """A valid file's rows and header with one change that must be refused:
    (rows, header, how, why)."""
    rows: list[dict[str, Any]] = [dict(r) for r in BASE]
    header = list(HEADER)
    pick = rng.randrange(10)
    if pick < 5:  # one hostile cell in a fitting row
        column, value, goal = rng.choice(BAD_CELLS)
        k = rng.choice([i for i, r in enumerate(rows) if goal is None or r["goal"] == goal])
        row = rows[k]
        if column == "value" and row.get("kind") == "note":
            row.pop("kind")
        if column == "kind" and value == "total":
            row["value"] = "in_progress"
        if column == "bound":
            row["value"] = rng.choice(["+3", "in_progress"]) if value == "lower" else "5"
            if row["goal"] == ACADEMY:
                row["value"] = "done"
        if column == "kind" and value in ("status", "note"):
            row["value"] = "5"
        row[column] = value
        return rows, header, f"cell {column}={value[:20]!r} on {row['goal']}", "a bad cell"
    if pick == 5:  # a bound on a row that is no value
        changes = [r for r in rows if r.get("kind") == "note" or r.get("value", "")[:1] in "+-"]
        row = rng.choice(changes)
        row["bound"] = "lower"
        return rows, header, "bound on a change or note", "a bound on no value"
    if pick == 6:  # a note row without its note, or a note row with a value
        row = next(r for r in rows if r.get("kind") == "note")
        if rng.random() < 0.5:
            row["note"] = rng.choice(["", " ", "\t"])
        else:
            row["value"] = "1"
        return rows, header, "note row", "a note row needs a note and no value"
    if pick == 7:  # an audit column (CSV) or key (JSON Lines)
        column = rng.choice(AUDIT)
        header.insert(rng.randrange(len(header) + 1), column)
        for row in rows[: rng.randint(1, len(rows))]:
            row[column] = rng.choice(["someone", "2021-01-01T00:00:00Z", "x"])
        return rows, header, f"audit {column}", "an audit column"
    if pick == 8:  # unknown or missing columns
        if rng.random() < 0.5:
            column = rng.choice(["valeu", "Value2", "amount", "comment", "目标", "id2"])
            header.append(column)
            rows[rng.randrange(len(rows))][column] = "1"
            return rows, header, f"unknown {column}", "an unknown column"
        column = rng.choice(["goal", "date"])
        header.remove(column)
        for row in rows:
            row.pop(column, None)
        return rows, header, f"missing {column}", "a missing column"
    # a cell over 64 KiB
    size = rng.choice([MAX_CELL + 1, MAX_CELL + 100, 100_000])
    rows[rng.randrange(len(rows))][rng.choice(["note", "source"])] = "长" * size
    return rows, header, f"cell of {size} characters", "a cell over 64 KiB"


def targeted_cases(fmt: str, n: int, rng: random.Random) -> list[Case]:
    name = f"in.{fmt}"
    cases = []
    for _ in range(n):
        rows, header, how, why = targeted(rng, fmt)
        if fmt == "csv":
            text = csv_text(rows, header, rng.choice(["\n", "\r\n"]))
        else:
            text = jsonl_text(rows, rng)
        cases.append(Case(name, fmt, text.encode(), how, why))
    if fmt == "csv":
        cases += [
            Case(name, fmt, b",".join([b"goal", b"date", b"value", b"goal"]) + b"\n", "dup",
                 "a column twice"),
            Case(name, fmt, b"goal,date,value," + b",".join(b"c%d" % i for i in range(70))
                 + b"\n", "70 columns", "too many columns"),
            Case(name, fmt, b"goal,date\nprovincial-labs,2022-01-01\n", "no value", "missing"),
        ]  # fmt: skip
    else:
        # {"value": "5", "value": "500"}: JSON objects with a repeated key (CSV refuses a
        # repeated column); wrong types; nesting; lone surrogates.
        row = '{"goal": "provincial-labs", "date": "2022-06-30", '
        extra = [row + tail for tail in (
            '"value": "5", "value": "500"}', '"value": "5", "goal": "no-such-goal"}',
            '"value": "5", "note": "a", "note": "b"}', '"value": true}', '"value": [5]}',
            '"value": {"v": 5}}', '"value": 1e400}', '"value": 5, "note": ["x"]}',
            '"value": 5, "note": false}', '"value": NaN}', '"value": -Infinity}',
            '"value": 5, "note": "\\ud800"}', '"value": 5, "source": "\\udfff x"}',
            '"value": 1E+2}', '"value": 5, "by": "me"}', '"value": 5, "kind": null, "x": 1}',
        )]  # fmt: skip
        extra.append('{"goal": 5, "date": "2022-06-30", "value": 5}')
        for line in extra:
            good = jsonl_text([dict(r) for r in BASE[:3]], rng)
            cases.append(Case(name, fmt, (good + line + "\n").encode(), line[40:70], "bad line"))
    return cases


def flood_cases(fmt: str, rng: random.Random) -> list[Case]:
    """Files with many bad lines (a CSV imported as JSON Lines, a column shifted in every
    row): the reader reports at most MAX_ERRORS problems, not one per line."""
    name = f"in.{fmt}"
    cases = []
    for n in (25, 60, 200, 1_000):
        if fmt == "jsonl":
            lines = [csv_text(BASE, HEADER)] * (n // 12 + 1)
            data = "".join(lines).encode()
            cases.append(Case(name, fmt, data, f"CSV as JSON Lines, {n}+ lines", "not JSON"))
            bad = "".join(rng.choice(["{\n", "[1]\n", '{"goal": 1}\n', "x\n"]) for _ in range(n))
            cases.append(Case(name, fmt, bad.encode(), f"{n} bad lines", "not rows"))
        else:
            rows = "".join(f"{LABS},2022-06-{1 + i % 28:02d},x{i}\n" for i in range(n))
            data = f"goal,date,value\n{rows}".encode()
            cases.append(Case(name, fmt, data, f"{n} bad values", "bad values"))
            data = ("goal,date,value\n" + "a,b\n" * n).encode()
            cases.append(Case(name, fmt, data, f"{n} short rows", "short rows"))
    return cases


def empty_cases(fmt: str) -> list[Case]:
    """Files with nothing to import."""
    name = f"in.{fmt}"
    datas = [b"", b"\n", b"\n\n\n", b"\xef\xbb\xbf", b" \n\t\n"]
    if fmt == "csv":
        datas += [b"goal,date,value\n", b"goal,date,value\n\n\n", b"goal,date,value\r\n,,\r\n"]
    return [Case(name, fmt, d, "empty", "nothing to import") for d in datas]


def all_cases() -> list[Case]:
    rng = random.Random(SEED)
    cases = random_cases("csv", 850, rng) + random_cases("jsonl", 600, rng)
    cases += targeted_cases("csv", 440, rng) + targeted_cases("jsonl", 375, rng)
    for fmt in ("csv", "jsonl"):
        cases += flood_cases(fmt, rng) + empty_cases(fmt)
    return cases


# --------------------------------------------------------------------------- oracles


def raw_refusal(case: Case) -> tuple[str, str | None] | None:
    """A documented refusal the raw bytes show, independently of the reader:
    (why, defect family or None), or None."""
    data = case.data
    if any(len(line.rstrip(b"\n")) > MAX_LINE for line in data.split(b"\n")):
        return "a line over 1 MiB", None
    if case.fmt == "csv":
        first = data.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
        if b'"' in first or data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return None
        try:
            names = [c.strip().lower() for c in first.decode("utf-8").rstrip("\r").split(",")]
        except UnicodeDecodeError:
            return None
        if any(c in AUDIT for c in names):
            return "an audit column", None
        if len(set(names)) != len(names):
            return "a column twice", None
        if not {"goal", "date", "value"} <= set(names):
            return "a missing column", None
        return None
    why: tuple[str, str | None] | None = None
    for line in data.removeprefix(b"\xef\xbb\xbf").split(b"\n"):
        try:
            text = line.decode("utf-8")
            obj = json.loads(text, object_pairs_hook=list, parse_int=str, parse_float=str,
                             parse_constant=str)  # fmt: skip
        except (ValueError, RecursionError):  # not JSON (or not UTF-8): the reader says so
            continue
        if not isinstance(obj, list) or not all(isinstance(p, tuple) for p in obj):
            continue
        keys = [k for k, _ in obj]
        if any(k in AUDIT for k in keys):
            return "an audit key", None
        if len(set(keys)) != len(keys):
            why = why or ("a repeated key", JSONL_DUPLICATE)
        if any(isinstance(v, str) and len(v) > MAX_CELL for _, v in obj):
            why = why or ("a cell over 64 KiB", JSONL_CELL)
    return why


def entry_problems(e: Any) -> list[str]:
    """Why this yielded entry breaks a documented invariant (empty: it is fine)."""
    out = []
    if not isinstance(e, NewEntry):
        return [f"yielded {type(e).__name__}, not a NewEntry"]
    goal = GOALS.get(e.goal)
    if goal is None:
        return [f"unknown goal {e.goal!r}"]
    if not isinstance(e.id, str) or not e.id:
        out.append(f"id {e.id!r}")
    if type(e.date) is not date or e.date > TODAY or e.date < goal.baseline_date:
        out.append(f"date {e.date!r} (baseline {goal.baseline_date}, today {TODAY})")
    if e.kind not in KINDS:
        out.append(f"kind {e.kind!r}")
    if (e.value is not None) != (e.kind in ("total", "increment")):
        out.append(f"value {e.value!r} with kind {e.kind}")
    if e.value is not None and (
        not isinstance(e.value, Decimal) or not e.value.is_finite() or abs(e.value) >= 10**14
        or e.value != e.value.quantize(Decimal("0.0001"))
    ):  # fmt: skip
        out.append(f"value {e.value!r} is not exact or too large")
    if goal.is_milestone and e.kind not in ("status", "note"):
        out.append(f"a {e.kind} on a milestone")
    if (e.kind == "status") != (e.status is not None) or (
        e.status is not None and (e.status not in STATUSES or not goal.is_milestone)
    ):
        out.append(f"status {e.status!r} with kind {e.kind} on a {goal.kind}")
    if e.bound not in (None, "lower") or (e.bound and e.kind != "total"):
        out.append(f"bound {e.bound!r} with kind {e.kind}")
    if goal.unit == "%" and e.value is not None:
        low = -100 if e.kind == "increment" else 0
        if not low <= e.value <= 100:
            out.append(f"{e.value}% for a {e.kind}")
    if e.kind == "note" and not e.note:
        out.append("a note row without its note")
    for what, text in (("note", e.note), ("source", e.source)):
        # (Their length is judged on the raw file: raw_refusal.)
        if text is not None and (not isinstance(text, str) or not text or text != text.strip()):
            out.append(f"{what} {text!r:.60} is empty or not trimmed")
    return out


PROBLEM = re.compile(r"(?P<name>[^:\n]+):(?P<line>[0-9]+): \S[^\n]*")  # one line each


def read(case: Case, run: Run) -> None:
    """Read one file to the end and judge what happened."""
    entries: list[Any] = []
    error: ValidationError | None = None
    try:
        entries.extend(RowReader(io.BytesIO(case.data), case.name, PLAN, fmt=case.fmt,
                                 today=TODAY))  # fmt: skip
    except ValidationError as exc:
        error = exc
    except Exception as exc:  # an internal error: anything but ValidationError
        run.bad(None, case, f"raised {type(exc).__name__}: {exc}")
        return
    for e in entries:
        run.entries += 1
        for problem in entry_problems(e):
            run.bad(None, case, f"yielded an entry that cannot be: {problem}")
    raw = raw_refusal(case)
    must = case.must_refuse or (raw[0] if raw else None)
    if error is None:
        run.accepted += 1
        if must is not None:
            family = raw[1] if raw else None
            run.bad(family, case, f"accepted ({len(entries)} entries), must be refused: {must}")
        return
    run.refused += 1
    lines = case.data.count(b"\n") + 1
    problems = error.problems
    if not problems:
        run.bad(None, case, "ValidationError without problems")
    for p in problems:
        m = PROBLEM.fullmatch(p)
        if m is None or m["name"] != case.name or not 1 <= int(m["line"]) <= lines + 1:
            family = NO_LINE if p == f"{case.name}: no rows to import" else None
            run.bad(family, case, f"problem not 'name:line: message' in the file: {p[:100]!r}")
        elif len(p) > 1_000:  # one bad cell is one short line (rows._shown: 60 characters)
            family = LONG_PROBLEM if _QUOTES_WHOLE.search(p) else None
            run.bad(family, case, f"a problem of {len(p):,} characters: {p[:80]!r}")
    if len(problems) > MAX_ERRORS + 1:
        json_errors = sum("not valid JSON" in p for p in problems)
        family = JSONL_FLOOD if len(problems) - json_errors <= MAX_ERRORS else None
        run.bad(family, case, f"{len(problems)} problems (at most {MAX_ERRORS} are reported)")


@functools.cache
def rows_run() -> Run:
    run = Run()
    for case in all_cases():
        run.files[case.fmt] = run.files.get(case.fmt, 0) + 1
        if case.data.strip(b"\xef\xbb\xbf \t\r\n") == b"" or case.how == "empty":
            run.count(NO_LINE)
        if case.fmt == "jsonl" and case.must_refuse in ("not JSON", "not rows"):
            run.count(JSONL_FLOOD)
        if b"x" * MAX_CELL in case.data:
            run.count(LONG_PROBLEM)
        raw = raw_refusal(case)
        if raw and raw[1]:
            run.count(raw[1])
        read(case, run)
    return run


def test_malformed_import_files_are_refused_cleanly() -> None:
    """Every malformed CSV or JSON Lines file yields only valid entries or is refused with
    ValidationError, each problem 'name:line: message'; what must be refused is."""
    run = rows_run()
    assert run.files["csv"] >= 1_000 and run.files["jsonl"] >= 1_000
    assert sum(run.files.values()) >= 2_000
    assert run.accepted >= 150 and run.refused >= 1_500 and run.entries >= 1_500
    assert not run.unexpected(), run.unexpected()[:10]


def test_the_unmutated_files_are_valid() -> None:
    """The mutations start from files that import whole (else the fuzz tests nothing)."""
    rng = random.Random(SEED)
    for fmt in ("csv", "jsonl"):
        data = base_bytes(fmt, rng)
        entries = list(RowReader(io.BytesIO(data), "in", PLAN, fmt=fmt, today=TODAY))
        assert len(entries) == len(BASE)
        assert [p for e in entries for p in entry_problems(e)] == []


# --------------------------------------------------------------------------- limits


class Endless(io.RawIOBase):
    """A byte stream of b'a' (no newline) that ends after ``size`` bytes, or never."""

    def __init__(self, size: int | None = None) -> None:
        self.left, self.read_bytes = size, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = len(buffer) if self.left is None else min(len(buffer), self.left)
        buffer[:n] = b"a" * n
        self.read_bytes += n
        if self.left is not None:
            self.left -= n
        return n


def refused_quickly(make: Callable[[], Any], fmt: str) -> tuple[float, str]:
    """(seconds, joined problems) of reading a stream that must be refused."""
    start = time.perf_counter()
    with pytest.raises(ValidationError) as info:
        list(RowReader(make(), "big", PLAN, fmt=fmt, today=TODAY))
    return time.perf_counter() - start, "\n".join(info.value.problems)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
@pytest.mark.parametrize("size", [50_000_000, None], ids=["50MB", "endless"])
def test_a_file_without_a_newline_is_refused_in_under_a_second(fmt: str, size: int | None) -> None:
    """50 MB (or an endless /dev/zero-like stream) without a newline: refused at the 1 MiB
    line limit, fast, with a short message, having read little more than that."""
    raw = Endless(size)
    seconds, text = refused_quickly(lambda: io.BufferedReader(raw), fmt)
    assert seconds < 1.0
    assert len(text) < 2_000 and "1,048,576" in text, text[:300]
    assert raw.read_bytes <= 4 * MAX_LINE


@pytest.mark.parametrize(
    "header",
    [b"," * 999_999, b"goal,date,value" + b",x" * 999_997],
    ids=["1M-empty-names", "1M-names"],
)
def test_a_million_column_header_is_refused_in_under_a_second(header: bytes) -> None:
    """A 1,000,000-column header is refused quickly with a short message."""
    assert header.count(b",") + 1 == 1_000_000
    data = header + b"\nprovincial-labs,2022-06-30,5\n"
    seconds, text = refused_quickly(lambda: io.BytesIO(data), "csv")
    assert seconds < 1.0
    assert len(text) < 2_000, text[:300]
    assert text.startswith("big:1: ")


# --------------------------------------------------------------------------- defect families


def known(family: str, minimum: int) -> None:
    run = rows_run()
    run.none_of(family, minimum)


def test_every_problem_has_a_line_number() -> None:
    """Even 'no rows to import' names a line, as every other problem does."""
    known(NO_LINE, 10)


def test_json_lines_cells_over_64_kib_are_refused() -> None:
    """A JSON Lines cell over 64 KiB is refused, as a CSV one is."""
    known(JSONL_CELL, 20)


def test_json_lines_objects_with_a_repeated_key_are_refused() -> None:
    """A JSON Lines row that gives a key twice is refused, as a CSV column twice is."""
    known(JSONL_DUPLICATE, 5)


def test_json_lines_errors_stop_at_the_limit() -> None:
    """At most MAX_ERRORS problems are reported, whatever the lines hold."""
    known(JSONL_FLOOD, 4)


def test_a_bad_cell_is_quoted_short() -> None:
    """A problem quotes at most a short part of the cell it is about."""
    known(LONG_PROBLEM, 10)
