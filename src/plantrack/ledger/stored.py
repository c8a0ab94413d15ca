"""Stored rows <-> entries, for every backend: no SQL here.

Stored rows are read back defensively: a value that is not what plantrack
writes (a damaged file, another tool's edit) raises DamagedRow, which the
ledger reports as a damaged database (exit 6) naming the entry.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from plantrack.errors import NotFoundError
from plantrack.model.entries import ENTRY_KINDS, Entry, GoalFigures, NewEntry, PastVoid
from plantrack.model.numbers import MAX_ABS, SCALE, from_units, to_units
from plantrack.model.plan import MILESTONE_STATUSES

# Sums of changes arrive in two parts, units // SPLIT and units % SPLIT, each far from
# 64-bit overflow (SQLite's SUM raises "integer overflow" on ten values near 10^14).
SPLIT = 1_000_000_000
_FOREVER = "9999-12-31"  # a recorded_at bound above every stamp
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z")
_MAX_UNITS = int(MAX_ABS) * 10**SCALE


class DamagedRow(Exception):
    """A stored row plantrack cannot have written: ``entry`` names it, ``what`` says why."""

    def __init__(self, entry: str, what: str) -> None:
        super().__init__(f"entry {entry!r}: {what}")
        self.entry, self.what = entry, what


# A total's mark: None (exact), "lower" (突破/超过: more than), "approx" (约/左右: about).
BOUNDS = (None, "lower", "approx")


def known_bound(known_at: date | None) -> str:
    """The recorded_at bound for "known by the end of this day (UTC)": the next day's start."""
    if known_at is None or known_at == date.max:
        return _FOREVER
    return (known_at + timedelta(days=1)).isoformat()


# --------------------------------------------------------------------------- reading rows


def stored_date(entry: str, text: object) -> date:
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        raise DamagedRow(entry, f"date {text!r} is not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DamagedRow(entry, f"date {text!r} is not a calendar date") from None


def stored_stamp(entry: str, text: object, what: str) -> str:
    if not isinstance(text, str) or not _STAMP.fullmatch(text):
        raise DamagedRow(entry, f"{what} {text!r} is not a UTC timestamp")
    return text


def stored_value(entry: str, units: object) -> Any:
    if units is None:
        return None
    if type(units) is not int or abs(units) >= _MAX_UNITS:
        raise DamagedRow(entry, f"value {units!r} is not an exact stored number")
    return from_units(units)


def entry_of(row: tuple[Any, ...], past: tuple[PastVoid, ...] = ()) -> Entry:
    """An Entry from a row of ENTRY_COLUMNS (v: its void now, if any)."""
    (seq, key, goal, day, kind, units, bound, status, note, source, by, at, reason,
     voided_by, voided_at) = row  # fmt: skip
    name = key if isinstance(key, str) else repr(key)
    if not isinstance(key, str) or not isinstance(goal, str) or not isinstance(by, str):
        raise DamagedRow(name, "its id, goal or author is not text")
    if kind not in ENTRY_KINDS or (kind in ("total", "increment")) != (units is not None):
        raise DamagedRow(name, f"kind {kind!r} does not fit its value")
    if (kind == "status") != (status in MILESTONE_STATUSES) or bound not in BOUNDS:
        raise DamagedRow(name, f"status {status!r} or bound {bound!r} does not fit kind {kind}")
    if any(t is not None and not isinstance(t, str) for t in (note, source, reason, voided_by)):
        raise DamagedRow(name, "a note, source or void reason is not text")
    if bound is not None and kind != "total":
        mark = "a lower bound" if bound == "lower" else "approximate"
        raise DamagedRow(name, f"only a total can be {mark}, not a {kind}")
    if not key.strip() or not by.strip() or (kind == "note" and not (note or "").strip()):
        raise DamagedRow(name, "its id, its author or a note row's text is empty")
    return Entry(
        id=key, goal=goal, date=stored_date(name, day), kind=kind,
        value=stored_value(name, units), bound=bound, status=status, note=note, source=source,
        seq=seq, recorded_by=by, recorded_at=stored_stamp(name, at, "recorded_at"),
        void_reason=reason, voided_by=voided_by,
        voided_at=None if reason is None else stored_stamp(name, voided_at, "voided_at"),
        past_voids=past,
    )  # fmt: skip


def content_of(row: tuple[Any, ...]) -> NewEntry:
    """The figure of a stored entry (id, goal, date, kind, units, bound, status, note, source)."""
    key, goal, day, kind, units, bound, status, note, source = row
    return NewEntry(key, goal, stored_date(key, day), kind, stored_value(key, units), bound,
                    status, note, source)  # fmt: skip


def entry_row(e: NewEntry, by: str, at: str, action: int) -> tuple[Any, ...]:
    """The stored columns of a new entry after ``plan``, in INSERT_ENTRIES order."""
    units = None if e.value is None else to_units(e.value)
    return (e.id, e.goal, e.date.isoformat(), e.kind, units, e.bound, e.status, e.note,
            e.source, by, at, action)  # fmt: skip


def figures_of(row: tuple[Any, ...]) -> GoalFigures:
    """One goal's figures from a row of FIGURES_SQL."""
    (goal, total, total_date, bound, inc_high, inc_low, first_total, first_date, last_date,
     status, status_date, total_id, status_id) = row  # fmt: skip
    name = total_id or status_id or f"(an entry of goal {goal})"
    if status is not None and status not in MILESTONE_STATUSES:
        raise DamagedRow(name, f"status {status!r} is not a milestone status")
    if any(type(x) is not int for x in (inc_high or 0, inc_low or 0)):
        raise DamagedRow(name, "a change is not an exact stored number")
    return GoalFigures(
        goal=goal,
        total=stored_value(name, total),
        total_date=stored_date(name, total_date) if total_date is not None else None,
        increments=from_units((inc_high or 0) * SPLIT + (inc_low or 0)),
        bound=bound,
        first_total=stored_value(name, first_total),
        first_date=stored_date(name, first_date) if first_date is not None else None,
        last_date=stored_date(name, last_date or status_date),
        status=status,
    )


def no_entry(ref: str) -> NotFoundError:
    """The error for an entry id that names no entry (and, for a short one, why)."""
    short = " (an id is named by its first 4 or more characters)" if len(ref) < 4 else ""
    return NotFoundError(f"no entry with id {ref!r}{short}; see 'plantrack history'")
