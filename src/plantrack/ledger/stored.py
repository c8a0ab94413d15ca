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
from plantrack.i18n import Message, say
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
    """A stored row plantrack cannot have written: ``entry`` names it, ``what`` says why
    (``goal``: the goal whose figures it is, where no id names it). ``str()`` is English
    (doctor lists it so); ``said`` is the sentence to word in the user's language."""

    def __init__(self, entry: str, what: str | Message, goal: str | None = None) -> None:
        super().__init__(f"entry {entry!r}: {what}")
        self.entry, self.what, self.goal = entry, what, goal

    @property
    def said(self) -> Message:
        if self.goal is None:
            return say("err.ledger.row", entry=repr(self.entry), what=self.what)
        return say("err.ledger.row_of_goal", entry=repr(self.entry), goal=repr(self.goal),
                   what=self.what)  # fmt: skip


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
        raise DamagedRow(entry, say("err.ledger.row.date_form", text=repr(text)))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DamagedRow(entry, say("err.ledger.row.date_calendar", text=repr(text))) from None


def stored_stamp(entry: str, text: object, what: str) -> str:
    if not isinstance(text, str) or not _STAMP.fullmatch(text):
        raise DamagedRow(entry, say("err.ledger.row.stamp", column=what, text=repr(text)))
    return text


def stored_value(entry: str, units: object) -> Any:
    if units is None:
        return None
    if type(units) is not int or abs(units) >= _MAX_UNITS:
        raise DamagedRow(entry, say("err.ledger.row.value", units=repr(units)))
    return from_units(units)


def entry_of(row: tuple[Any, ...], past: tuple[PastVoid, ...] = ()) -> Entry:
    """An Entry from a row of ENTRY_COLUMNS (v: its void now, if any)."""
    (seq, key, goal, day, kind, units, bound, status, note, source, by, at, reason,
     voided_by, voided_at, unit) = row  # fmt: skip
    name = key if isinstance(key, str) else repr(key)
    if not isinstance(key, str) or not isinstance(goal, str) or not isinstance(by, str):
        raise DamagedRow(name, say("err.ledger.row.not_text"))
    if kind not in ENTRY_KINDS or (kind in ("total", "increment")) != (units is not None):
        raise DamagedRow(name, say("err.ledger.row.kind", kind=repr(kind)))
    if (kind == "status") != (status in MILESTONE_STATUSES) or bound not in BOUNDS:
        raise DamagedRow(name, say("err.ledger.row.status_bound", status=repr(status),
                                   bound=repr(bound), kind=kind))  # fmt: skip
    if not isinstance(unit, str) or any(t is not None and not isinstance(t, str)
                                        for t in (note, source, reason, voided_by)):  # fmt: skip
        raise DamagedRow(name, say("err.ledger.row.texts"))
    if bound is not None and kind != "total":
        lower = bound == "lower"
        mark = say("err.ledger.row.mark_lower") if lower else say("err.ledger.row.mark_approx")
        raise DamagedRow(name, say("err.ledger.row.bound_kind", mark=mark, kind=kind))
    if not key.strip() or not by.strip() or (kind == "note" and not (note or "").strip()):
        raise DamagedRow(name, say("err.ledger.row.empty"))
    return Entry(
        id=key, goal=goal, date=stored_date(name, day), kind=kind,
        value=stored_value(name, units), bound=bound, status=status, note=note, source=source,
        seq=seq, recorded_by=by, recorded_at=stored_stamp(name, at, "recorded_at"),
        void_reason=reason, voided_by=voided_by,
        voided_at=None if reason is None else stored_stamp(name, voided_at, "voided_at"),
        past_voids=past, unit=unit or None,
    )  # fmt: skip


def content_of(row: tuple[Any, ...]) -> NewEntry:
    """The figure of a stored entry (id, goal, date, kind, units, bound, status, note, source,
    unit)."""
    key, goal, day, kind, units, bound, status, note, source, unit = row
    return NewEntry(key, goal, stored_date(key, day), kind, stored_value(key, units), bound,
                    status, note, source, unit or None)  # fmt: skip


def entry_row(e: NewEntry, by: str, at: str, action: int) -> tuple[Any, ...]:
    """The stored columns of a new entry after ``plan``, in INSERT_ENTRIES order (a figure
    of the whole, without a unit, is stored with the unit '')."""
    units = None if e.value is None else to_units(e.value)
    return (e.id, e.goal, e.date.isoformat(), e.kind, units, e.bound, e.status, e.note,
            e.source, e.unit or "", by, at, action)  # fmt: skip


def figures_of(row: tuple[Any, ...]) -> GoalFigures:
    """One goal's figures from a row of FIGURES_SQL."""
    goal, total_id, status_id = row[0], row[11], row[12]
    named = total_id or status_id  # (only changes counted: no entry's id to name)
    try:
        return _figures(row, named or f"(an entry of goal {goal})")
    except DamagedRow as exc:
        if not named:
            exc.goal = goal  # so that Chinese names the goal in Chinese words
        raise


def _figures(row: tuple[Any, ...], name: str) -> GoalFigures:
    (goal, total, total_date, bound, inc_high, inc_low, first_total, first_date, last_date,
     status, status_date, *_) = row  # fmt: skip
    if status is not None and status not in MILESTONE_STATUSES:
        raise DamagedRow(name, say("err.ledger.row.status", status=repr(status)))
    if any(type(x) is not int for x in (inc_high or 0, inc_low or 0)):
        raise DamagedRow(name, say("err.ledger.row.change"))
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
    short = say("err.ledger.short_id") if len(ref) < 4 else ""
    return NotFoundError(say("err.ledger.no_entry", ref=repr(ref), short=short))
