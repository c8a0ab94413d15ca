"""What every ledger backend provides: the Ledger protocol the core programs against."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from plantrack.model.entries import Entry, GoalFigures, NewEntry


@dataclass(frozen=True)
class AddResult:
    added: int
    skipped: int  # already present (same id): idempotent re-import


class Ledger(Protocol):
    """An open ledger. Entries are appended, never changed; a correction is a void.

    ``known_at`` everywhere means "as the ledger stood at the end of that day
    (UTC)": entries and voids recorded later are ignored. None: everything.
    How a backend compares it with its recording times is its own business.
    """

    location: str  # what messages and reports name: a file path or a URL without secrets

    def add(self, plan: str, entries: Iterable[NewEntry]) -> AddResult:
        """Append entries in one transaction; entries whose id exists are skipped."""
        ...

    def void(self, plan: str, ref: str, reason: str, by: str, at: str) -> Entry:
        """Void the entry whose id is ``ref`` (or starts with it, if unique)."""
        ...

    def undo(self, plan: str, by: str, at: str) -> Entry:
        """Void the most recently recorded entry that is not voided yet."""
        ...

    def entries(
        self,
        plan: str,
        goal: str | None = None,
        *,
        include_voided: bool = True,
        as_of: date | None = None,
        known_at: date | None = None,
    ) -> list[Entry]:
        """Entries by goal, then date and recording order."""
        ...

    def figures(
        self, plan: str, as_of: date, known_at: date | None, goals: Sequence[str]
    ) -> dict[str, GoalFigures]:
        """Per-goal figures as of a date, by goal id; goals with nothing counted are left out."""
        ...

    def has_entry(self, plan: str, entry_id: str) -> bool: ...

    def counts(self, plan: str) -> tuple[int, int]:
        """(entries, voided) for this plan."""
        ...

    def goal_ids(self, plan: str) -> list[str]:
        """Every goal id that has entries in this plan."""
        ...

    def integrity_problems(self) -> list[str]:
        """The storage's own consistency checks; [] when clean."""
        ...
