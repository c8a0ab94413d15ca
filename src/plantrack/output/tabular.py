"""Reports and ledger entries as JSON, CSV (Excel-ready) and Markdown. Stdlib only.

CSV text cells that a spreadsheet would run as a formula (leading = + - @ tab
or CR) get a leading apostrophe (OWASP CSV injection advice); numbers stay
numbers. The escape is reversible, and ``plantrack import`` reverses it, so an
exported ledger imports back exactly.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any

from plantrack.model.entries import Entry
from plantrack.model.numbers import plain
from plantrack.model.plan import Goal, Plan
from plantrack.model.textforms import neutralise
from plantrack.reports.analysis import GoalResult
from plantrack.reports.build import Report
from plantrack.reports.records import (
    check_dict,
    entries_dict,
    entry_dict,
    entry_table,
    goal_dict,
    report_dict,
    report_head,
    report_table,
    show_dict,
)

BOM = b"\xef\xbb\xbf"


# --------------------------------------------------------------------------- JSON


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)


def goals_json(goals: Sequence[Goal]) -> str:
    return _dumps([goal_dict(g) for g in goals])


def report_json(report: Report) -> str:
    return _dumps(report_dict(report))


def entries_json(entries: Sequence[Entry], plan: Plan | None = None) -> str:
    """Entries for a script: a bare object for one entry (as ``record --json``), else the
    plan's versioned list."""
    if plan is None:
        rows = [entry_dict(e) for e in entries]
        return _dumps(rows[0] if len(rows) == 1 else rows)
    return _dumps(entries_dict(entries, plan))


def check_json(report: Report, fail_on: str, offenders: Sequence[GoalResult]) -> str:
    """``check --json``: what was checked against what, and the goals that fail it."""
    return _dumps(check_dict(report, fail_on, offenders))


def show_json(report: Report, entries: Sequence[Entry]) -> str:
    return _dumps(show_dict(report, entries))


# --------------------------------------------------------------------------- CSV / Markdown


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, float):
        # repr would give "1e-05" or "1e+16", which a spreadsheet may read as text
        return plain(Decimal(repr(value))) if math.isfinite(value) else ""
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def _write_csv(stream: IO[bytes], header: Sequence[str], rows: list[list[Any]], bom: bool,
               above: Sequence[Sequence[Any]] = ()) -> None:  # fmt: skip
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        if bom:
            stream.write(BOM)
        writer = csv.writer(text, lineterminator="\r\n")
        for row in above:
            writer.writerow([_cell(v) for v in row])
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(v) for v in row])
        text.flush()
    finally:
        text.detach()


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    s = _cell(value) if not isinstance(value, str) else value
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


def _write_md(stream: IO[bytes], header: Sequence[str], rows: list[list[Any]]) -> None:
    lines = ["| " + " | ".join(_md_cell(h) for h in header) + " |",
             "|" + "|".join("---" for _ in header) + "|"]  # fmt: skip
    lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
    stream.write(("\n".join(lines) + "\n").encode("utf-8"))


def write_report(
    stream: IO[bytes], report: Report, what: str, fmt: str, *, bom: bool, lang: str,
    head: bool = True,
) -> None:  # fmt: skip
    """A status or gaps report as csv, json or md. CSV and Markdown say first what they
    are (plan, as-of, known-at, method, ledger) unless ``head`` is off; under zh every
    code cell is its Chinese word."""
    if fmt == "json":
        stream.write((report_json(report) + "\n").encode("utf-8"))
        return
    header, rows = report_table(report, what, lang, words=lang == "zh")
    block = report_head(report, lang) if head else []
    if fmt == "md":
        if block:
            lines = [f"**{_md_cell(k)}**: {_md_cell(v) or '-'}  " for k, v in block]
            stream.write(("\n".join(lines) + "\n\n").encode("utf-8"))
        _write_md(stream, header, rows)
    else:
        # the title block's rows, a blank row, then the table: as a spreadsheet shows it
        above = [[k, v] for k, v in block] + ([[]] if block else [])
        _write_csv(stream, header, rows, bom, above)


def write_entries(stream: IO[bytes], entries: Sequence[Entry], plan: Plan, fmt: str, *,
                  bom: bool) -> None:  # fmt: skip
    """Ledger entries; the CSV is exactly what `plantrack import` reads back."""
    if fmt == "json":
        stream.write((entries_json(entries, plan) + "\n").encode("utf-8"))
        return
    header, rows = entry_table(entries, plan.id)
    if fmt == "md":
        _write_md(stream, header, rows)
    else:
        _write_csv(stream, header, rows, bom)
