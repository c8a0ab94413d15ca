"""ReportQuery: what a report is asked for, built once by the CLI and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plantrack.errors import ValidationError
from plantrack.model.plan import METHODS, suggest
from plantrack.reports.analysis import SEVERITY

SORTS = ("plan", "status", "progress", "pace", "id")


@dataclass(frozen=True)
class ReportQuery:
    """A report's date, what it knows, which goals, in which order, by which method, in
    which language. ``known_at``: only what the ledger held at the end of that day."""

    as_of: date
    known_at: date | None = None
    section: str | None = None
    statuses: tuple[str, ...] = ()
    sort: str = "plan"
    method: str | None = None  # None: each goal's own
    lang: str = "en"

    def __post_init__(self) -> None:
        for s in self.statuses:
            if s not in SEVERITY:
                raise ValidationError(f"unknown status {s!r}{suggest(s, SEVERITY)}")
        if self.sort not in SORTS:
            raise ValidationError(f"unknown sort {self.sort!r}{suggest(self.sort, SORTS)}")
        if self.method is not None and self.method not in METHODS:
            raise ValidationError(f"unknown method {self.method!r}{suggest(self.method, METHODS)}")
