"""Reports and ledger entries as JSON, CSV (Excel-ready) and Markdown. Stdlib only.

CSV text cells that a spreadsheet would run as a formula (leading = + - @ tab
or CR) get a leading apostrophe (OWASP CSV injection advice); numbers stay
numbers. The escape is reversible, and ``plantrack import`` reverses it, so an
exported ledger imports back exactly.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import io
import json
import math
import os
import stat
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from plantrack.analysis import GoalResult, Report
from plantrack.errors import NotFoundError, ValidationError, WriteError
from plantrack.inputs import format_value, neutralise
from plantrack.ledger import Entry, NewEntry
from plantrack.numbers import json_number, plain
from plantrack.plan import Goal, Plan

SCHEMA_VERSION = 1
BOM = b"\xef\xbb\xbf"
SQLITE_MAGIC = b"SQLite format 3\x00"

ENTRY_COLUMNS = (
    "id", "goal", "date", "kind", "value", "bound", "note", "source", "by",
    "recorded_at", "void_reason", "voided_by", "voided_at",
)  # fmt: skip

# (key, English header, Chinese header) per report column.
STATUS_COLUMNS = (
    ("id", "id", "编号"), ("section", "section", "类别"), ("title", "title", "目标"),
    ("unit", "unit", "单位"), ("kind", "kind", "类型"), ("baseline", "baseline", "基期值"),
    ("baseline_date", "baseline_date", "基期"), ("target", "target", "目标值"),
    ("deadline", "deadline", "期限"), ("current", "current", "当前值"),
    ("lower_bound", "lower_bound", "是否下限"), ("last_date", "last_date", "最新数据日期"),
    ("percent", "percent", "完成率%"), ("expected", "expected", "应达值"),
    ("gap", "gap", "差距"), ("pace_ratio", "pace_ratio", "进度比"),
    ("status", "status", "状态"), ("method", "method", "方法"),
)  # fmt: skip
# A gap row carries section, deadline and the lower-bound flag so it reads on its own:
# "161 (a lower bound) of 1500 by 2025-12-31" is a different gap from "161 of 1500".
GAPS_COLUMNS = (
    ("id", "id", "编号"), ("section", "section", "类别"), ("title", "title", "目标"),
    ("unit", "unit", "单位"), ("current", "current", "当前值"),
    ("lower_bound", "lower_bound", "是否下限"), ("target", "target", "目标值"),
    ("deadline", "deadline", "期限"), ("gap", "gap", "差距"),
    ("years_left", "years_left", "剩余年数"),
    ("required_per_year", "required_per_year", "每年需完成"),
    ("actual_per_year", "actual_per_year", "每年实际完成"),
    ("projected", "projected", "期末预计值"), ("projected_date", "projected_date", "预计达成日期"),
    ("pace_ratio", "pace_ratio", "进度比"), ("status", "status", "状态"),
    ("method", "method", "方法"),
)  # fmt: skip


# --------------------------------------------------------------------------- dicts


def _num(x: float | Decimal | None, places: int = 4) -> int | float | None:
    if x is None:
        return None
    if isinstance(x, Decimal):
        return json_number(x)
    if not math.isfinite(x):  # NaN / inf never reach JSON
        return None
    r = round(x, places)
    return int(r) if r == int(r) and abs(r) < 2**53 else r


def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


def goal_dict(g: Goal) -> dict[str, Any]:
    return {
        "id": g.id, "title_zh": g.title_zh, "title_en": g.title_en, "section": g.section,
        "kind": g.kind, "unit": g.unit, "target": json_number(g.target),
        "baseline": json_number(g.baseline), "baseline_date": _day(g.baseline_date),
        "baseline_stock": json_number(g.baseline_stock), "deadline": _day(g.deadline),
        "approximate": g.approximate, "tolerance": json_number(g.tolerance),
        "stretch": g.stretch, "direction": g.direction, "method": g.method,
        "source": g.source, "notes": list(g.notes),
    }  # fmt: skip


def result_dict(r: GoalResult) -> dict[str, Any]:
    g = r.goal
    return {
        "id": g.id, "title_zh": g.title_zh, "title_en": g.title_en, "section": g.section,
        "unit": g.unit, "kind": g.kind, "target": json_number(g.target),
        "baseline": json_number(r.baseline if r.baseline is not None else g.baseline),
        "baseline_date": _day(r.baseline_date or g.baseline_date),
        "baseline_from_first_reading": r.baseline_from_first_reading,
        "baseline_stock": json_number(g.baseline_stock), "deadline": _day(g.deadline),
        "approximate": g.approximate, "tolerance": json_number(g.tolerance),
        "stretch": g.stretch, "direction": g.direction,
        "current": json_number(r.current), "reading": json_number(r.reading),
        "lower_bound": r.lower_bound, "estimate": r.estimate, "last_date": _day(r.last_date),
        "percent": _num(r.percent, 2), "expected": _num(r.expected),
        "gap": _num(r.gap), "elapsed_fraction": _num(r.elapsed_fraction),
        "pace_ratio": _num(r.pace_ratio), "projected": _num(r.projected),
        "projected_date": _day(r.projected_date),
        "required_per_year": _num(r.required_per_year),
        "actual_per_year": _num(r.actual_per_year), "years_left": _num(r.years_left),
        "status": r.status, "method": r.method, "method_note": r.method_note,
        "milestone_status": r.milestone_status,
    }  # fmt: skip


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "id": report.plan_id,
            "name_zh": report.plan_name_zh,
            "name_en": report.plan_name_en,
        },
        "as_of": report.as_of.isoformat(),
        "known_at": _day(report.known_at),
        "method": report.method,
        "goals": [result_dict(r) for r in report.results],
        "summary": {"total": len(report.results), **report.summary},
        "sections": report.sections(),
        "section_names": report.section_names,
    }


def entry_dict(e: NewEntry) -> dict[str, Any]:
    voided = isinstance(e, Entry) and e.voided
    return {
        "id": e.id, "goal": e.goal, "date": e.date.isoformat(), "kind": e.kind,
        "value": json_number(e.value), "status": e.status, "bound": e.bound,
        "note": e.note, "source": e.source, "by": e.recorded_by,
        "recorded_at": e.recorded_at, "voided": voided, "void_reason": e.void_reason,
        "voided_by": e.voided_by, "voided_at": e.voided_at,
    }  # fmt: skip


def _dumps(obj: Any) -> str:
    """Indented JSON, except that each item of a long list sits on one line.

    json's indenting encoder is pure Python (1 s for a 10,000-goal report); one
    compact object per line uses the C encoder, and stays readable and greppable.
    """
    if isinstance(obj, list):
        return _dumps_list(obj, "")
    if not isinstance(obj, dict):
        return json.dumps(obj, ensure_ascii=False, indent=2)
    parts = []
    for key, value in obj.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            text = _dumps_list(value, "  ")
        else:
            text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(f"  {json.dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}" if parts else "{}"


_COMPACT = json.JSONEncoder(ensure_ascii=False)  # one encoder: json.dumps() builds one per call


def _dumps_list(items: list[Any], indent: str) -> str:
    if not items:
        return "[]"
    lead = f",\n{indent}  "
    return f"[\n{indent}  " + lead.join(map(_COMPACT.encode, items)) + f"\n{indent}]"


def goals_json(goals: Sequence[Goal]) -> str:
    return _dumps([goal_dict(g) for g in goals])


def report_json(report: Report) -> str:
    return _dumps(report_dict(report))


def entries_json(entries: Sequence[NewEntry], plan: Plan | None = None) -> str:
    rows = [entry_dict(e) for e in entries]
    if plan is None:
        return _dumps(rows[0] if len(rows) == 1 else rows)
    return _dumps({"schema_version": SCHEMA_VERSION, "plan": plan.id, "entries": rows})


def show_json(report: Report, entries: Sequence[Entry]) -> str:
    out = report_dict(report)
    goal = out.pop("goals")[0]
    goal["notes"] = list(report.results[0].goal.notes)
    goal["source"] = report.results[0].goal.source
    goal["entries"] = [entry_dict(e) for e in entries]
    goal["sources"] = sorted({e.source for e in entries if e.source and not e.void_reason})
    del out["summary"], out["sections"]
    return _dumps({**out, "goal": goal})


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


def _report_rows(report: Report, what: str, lang: str) -> tuple[list[str], list[list[Any]]]:
    columns = STATUS_COLUMNS if what == "status" else GAPS_COLUMNS
    header = [zh if lang == "zh" else en for _, en, zh in columns]
    rows = []
    for r in report.results:
        d = result_dict(r)
        d["title"] = r.goal.title(lang)
        # Exact decimals, not the floats JSON needs: 99999999999999.9999 stays exact.
        g = r.goal
        d.update(current=r.current, target=g.target,
                 baseline=r.baseline if r.baseline is not None else g.baseline)  # fmt: skip
        rows.append([d.get(key) for key, _, _ in columns])
    return header, rows


def _entry_rows(entries: Sequence[Entry]) -> list[list[Any]]:
    return [
        [e.id, e.goal, e.date.isoformat(), e.kind, format_value(e.kind, e.value, e.status),
         e.bound, e.note, e.source, e.recorded_by, e.recorded_at, e.void_reason,
         e.voided_by, e.voided_at]
        for e in entries
    ]  # fmt: skip


def _write_csv(stream: IO[bytes], header: Sequence[str], rows: list[list[Any]], bom: bool) -> None:
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
    try:
        if bom:
            stream.write(BOM)
        writer = csv.writer(text, lineterminator="\r\n")
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
    stream: IO[bytes], report: Report, what: str, fmt: str, *, bom: bool, lang: str
) -> None:
    """status or gaps report as csv, json or md."""
    if fmt == "json":
        stream.write((report_json(report) + "\n").encode("utf-8"))
        return
    header, rows = _report_rows(report, what, lang)
    if fmt == "md":
        _write_md(stream, header, rows)
    else:
        _write_csv(stream, header, rows, bom)


def write_entries(
    stream: IO[bytes], entries: Sequence[Entry], plan: Plan, fmt: str, *, bom: bool, lang: str
) -> None:
    """Ledger entries; the CSV is exactly what `plantrack import` reads back."""
    if fmt == "json":
        stream.write((entries_json(entries, plan) + "\n").encode("utf-8"))
    elif fmt == "md":
        _write_md(stream, ENTRY_COLUMNS, _entry_rows(entries))
    else:
        _write_csv(stream, ENTRY_COLUMNS, _entry_rows(entries), bom)


def _write_error(exc: OSError, where: str, *, file: bool = True) -> WriteError:
    if exc.errno == errno.ENOSPC:
        kept = "; the old file is unchanged" if file else ""
        return WriteError(f"disk full while writing {where}{kept}")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return WriteError(f"cannot write {where}: permission denied")
    return WriteError(f"cannot write {where}: {exc.strerror or exc}")


def write_stream(stream: IO[bytes], write: Callable[[IO[bytes]], None]) -> None:
    """Write to an open stream (stdout) and flush; an OS error becomes a WriteError.

    BrokenPipeError passes through: the CLI treats a reader that went away
    (``| head``) as a quiet stop, not as a failure.
    """
    try:
        write(stream)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise _write_error(exc, "standard output", file=False) from None


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _new_file_mode() -> int:
    umask = os.umask(0)  # the only portable way to read it; restored at once
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write to a temp file beside ``path``, fsync, then rename over it.

    An interrupted export leaves the old file or the complete new one. A
    process killed outright (SIGKILL, power loss) cannot remove its temp file:
    a hidden ``.NAME.*.tmp`` may stay beside the target, which is never
    touched. A symlink target is written through (the link stays a link), and
    the new file keeps the old one's permissions (else the usual 0666 - umask,
    not mkstemp's private 0600). An SQLite file is never overwritten: ``-o
    plantrack.db`` is a slip that would replace the ledger with a report.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    if _is_sqlite(path):
        raise ValidationError(f"refusing to overwrite {path}: it is a database, not an export")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        if folder.exists():
            raise WriteError(f"cannot write {path}: {folder} is not a folder")
        raise NotFoundError(f"cannot write {path}: folder {folder} does not exist")
    tmp_name = None
    try:
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except FileNotFoundError:
            mode = _new_file_mode()
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as tmp:
            if hasattr(os, "fchmod"):  # not on Windows, where modes barely apply
                os.fchmod(tmp.fileno(), mode)
            write(tmp)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
        try:
            dir_fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return  # e.g. Windows: no directory handles; the rename is done
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError as exc:
        raise _write_error(exc, str(path)) from None
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
