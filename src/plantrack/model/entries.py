"""Ledger entries and per-goal figures as the core sees them: frozen, no storage detail.

A NewEntry is what a user gives: a figure and where it comes from. Who
recorded it and when are set by the ledger at the moment it is written, so
no input can claim another author or another time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

ENTRY_KINDS = ("total", "increment", "status", "note")


@dataclass(frozen=True, slots=True)
class NewEntry:
    """An entry to append. ``value`` is set for total/increment kinds only."""

    id: str
    goal: str
    date: date
    kind: str  # total | increment | status | note
    value: Decimal | None = None
    bound: str | None = None  # "lower": a lower bound (突破/超过); "approx": about (约/左右)
    status: str | None = None  # milestones: not_started | in_progress | done
    note: str | None = None
    source: str | None = None
    # The unit of the goal's breakdown (a city, a department) the figure is of; None: the
    # whole (a provincial figure).
    unit: str | None = None
    # The input line it was read from, for messages (0: typed, not read); not content.
    line: int = field(default=0, compare=False)


@dataclass(frozen=True, slots=True)
class PastVoid:
    """A void that was reversed (``plantrack restore``): it stays in the entry's history."""

    reason: str
    voided_by: str
    voided_at: str
    restored_by: str
    restored_at: str


@dataclass(frozen=True, slots=True)
class Entry(NewEntry):
    """An entry as recorded: who and when, and its void if it is void now."""

    seq: int = 0  # its place in the ledger's recording order
    recorded_by: str = ""
    recorded_at: str = ""  # UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ
    void_reason: str | None = None
    voided_by: str | None = None
    voided_at: str | None = None
    past_voids: tuple[PastVoid, ...] = ()

    @property
    def voided(self) -> bool:
        return self.void_reason is not None

    def content(self) -> NewEntry:
        """The figure itself, without who recorded it, when, or its voids."""
        return NewEntry(self.id, self.goal, self.date, self.kind, self.value, self.bound,
                        self.status, self.note, self.source, self.unit)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GoalFigures:
    """Per-goal aggregate as of a date: what analysis needs, computed by the ledger (of
    one unit of the goal's breakdown, or of the entries without a unit)."""

    goal: str
    total: Decimal | None  # latest total on or before as_of
    total_date: date | None
    increments: Decimal  # sum of increments after that total (or all, if none)
    bound: str | None  # bound of the latest total
    first_total: Decimal | None
    first_date: date | None  # date of the first numeric entry
    last_date: date | None  # date of the latest numeric (or, for a milestone, status) entry
    status: str | None = None  # latest milestone status


@dataclass(frozen=True, slots=True)
class Undone:
    """What ``undo`` reverted: one of the user's own actions."""

    kind: str  # record | import | void | restore | amend | ledger-restore
    at: str  # when that action was taken
    about: str  # e.g. the import's file name, or the entry id
    entries: int  # entries voided, or voids reversed or made again
