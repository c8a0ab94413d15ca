"""Ledger entries and per-goal figures as the core sees them: frozen, no storage detail."""

from __future__ import annotations

from dataclasses import dataclass
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
    bound: str | None = None  # "lower": the figure is a lower bound (突破/超过)
    status: str | None = None  # milestones: not_started | in_progress | done
    note: str | None = None
    source: str | None = None
    recorded_by: str = ""
    recorded_at: str = ""  # UTC, YYYY-MM-DDTHH:MM:SS.ffffffZ
    # Set only when re-importing an exported ledger that holds voids.
    void_reason: str | None = None
    voided_by: str | None = None
    voided_at: str | None = None


@dataclass(frozen=True, slots=True)
class Entry(NewEntry):
    """An entry as recorded; ``seq`` is its place in the ledger's recording order."""

    seq: int = 0

    @property
    def voided(self) -> bool:
        return self.void_reason is not None


@dataclass(frozen=True, slots=True)
class GoalFigures:
    """Per-goal aggregate as of a date: what analysis needs, computed by the ledger."""

    goal: str
    total: Decimal | None  # latest total on or before as_of
    total_date: date | None
    increments: Decimal  # sum of increments after that total (or all, if none)
    bound: str | None  # bound of the latest total
    first_total: Decimal | None
    first_date: date | None  # date of the first numeric entry
    last_date: date | None  # date of the latest numeric (or, for a milestone, status) entry
    status: str | None = None  # latest milestone status
