"""What every ledger backend provides: the Ledger protocol the core programs against."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import zip_longest
from pathlib import Path
from typing import Any, Protocol

from plantrack.model.entries import Entry, GoalFigures, NewEntry, Undone


@dataclass(frozen=True)
class AddResult:
    added: int
    skipped: int  # already recorded with the same content: an idempotent re-import


@dataclass(frozen=True)
class LedgerDump:
    """A whole ledger as rows, with its ids and audit fields as stored (times as UTC
    text): what ``ledger copy`` moves from one backend to another."""

    actions: list[tuple[Any, ...]]  # id, plan, kind, done_by, done_at, about
    voids: list[tuple[Any, ...]]  # id, seq, reason, voided_by, voided_at, action
    restores: list[tuple[Any, ...]]  # void, restored_by, restored_at, action
    undos: list[tuple[Any, ...]]  # action, undone_by
    # seq, plan, id, goal, date, kind, units, bound, status, note, source, recorded_by,
    # recorded_at, action, unit ('': none); read as they are copied, so a large ledger is
    # never all in memory
    entries: Iterable[tuple[Any, ...]]


def same_dump(a: LedgerDump, b: LedgerDump) -> bool:
    """Two ledgers hold the same rows (read to the end, one entry at a time)."""
    if (a.actions, a.voids, a.restores, a.undos) != (b.actions, b.voids, b.restores, b.undos):
        return False
    missing = object()
    return all(x == y for x, y in zip_longest(a.entries, b.entries, fillvalue=missing))


class Ledger(Protocol):
    """An open ledger. History is append-only: entries, voids and restores are added,
    never changed. Every change is one action of one user (``by``, at ``at``; where
    the database names the user itself, ``user`` is set and ``by`` and ``at`` are
    ignored: the database's user and clock are recorded).

    ``known_at`` everywhere means "as the ledger stood at the end of that day
    (UTC)": entries, voids and restores recorded later are ignored. None: all.
    How a backend compares it with its recording times is its own business.
    """

    location: str  # what messages and reports name: a file path or a URL without secrets
    # The user the database itself records as the author of every change (PostgreSQL's
    # current_user), or None where the caller names it (``by``: SQLite).
    user: str | None

    def add(self, plan: str, entries: Iterable[NewEntry], *, by: str, at: str,
            kind: str = "import", about: str = "", dry_run: bool = False) -> AddResult:
        """Append entries as one action; an id recorded with other content is an
        EntryConflictError and nothing is written. ``dry_run``: check, then write nothing."""
        ...  # fmt: skip

    def load_backup(self, plan: str, entries: Iterable[Entry], *, by: str, at: str,
                    about: str) -> int:
        """Restore a backup, audit fields included, into an empty ledger only."""
        ...  # fmt: skip

    def find(self, plan: str, ref: str) -> Entry:
        """The entry whose id is ``ref``, or the one whose id starts with it (4 or more)."""
        ...

    def void(self, plan: str, ref: str, reason: str, by: str, at: str) -> Entry:
        """Void the entry whose id is ``ref`` (or starts with it, if unique)."""
        ...

    def restore(self, plan: str, ref: str, by: str, at: str) -> Entry:
        """Reverse an entry's void; both stay in history."""
        ...

    def amend(self, plan: str, ref: str, replacement: NewEntry, reason: str, by: str,
              at: str) -> tuple[Entry, Entry]:
        """Void an entry and record its replacement in one step."""
        ...  # fmt: skip

    def undo(self, plan: str, by: str, at: str) -> Undone:
        """Revert ``by``'s own last action that is not undone yet."""
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
        """Per-goal figures as of a date, of the entries without a unit, by goal id; goals
        with nothing counted are left out."""
        ...

    def unit_figures(
        self, plan: str, as_of: date, known_at: date | None, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], GoalFigures]:
        """The same, of each (goal, unit) pair (unit '': the entries without a unit)."""
        ...

    def counts(self, plan: str) -> tuple[int, int]:
        """(entries, voided now) for this plan."""
        ...

    def goal_ids(self, plan: str) -> list[str]:
        """Every goal id that has entries in this plan."""
        ...

    def plans(self) -> dict[str, int]:
        """Every plan with entries in this ledger, and its number of entries (voided ones
        included), by plan id."""
        ...

    def plan_ids(self) -> list[str]:
        """Every plan anything was ever recorded in (read from the actions: cheap)."""
        ...

    def integrity_problems(self) -> list[str]:
        """The storage's own consistency checks, and every stored row read back; []: clean."""
        ...

    def backup(self, target: Path) -> None:
        """Write a consistent copy of the whole ledger to ``target`` (a new file)."""
        ...

    def dump(self) -> LedgerDump:
        """The whole ledger, every plan, as it is stored (one consistent reading)."""
        ...

    def load_dump(self, dump: LedgerDump) -> int:
        """Write a dump into this empty ledger, ids and audit fields as they are; the
        entries written."""
        ...

    def is_empty(self) -> bool:
        """Nothing recorded yet, in any plan."""
        ...

    def grant(self, role: str, as_what: str, units: Sequence[str] = ()) -> None:
        """Make a database role a "reader" or a "recorder" (where the database has roles);
        a recorder given ``units`` (unit ids) records, voids and restores entries of those
        units only. Granting again replaces what the role had, its units included."""
        ...

    def revoke(self, role: str) -> None:
        """Take every right on the ledger from a database role, and its units."""
        ...
