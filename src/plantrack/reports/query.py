"""ReportQuery: what a report is asked for, built once by the CLI and passed down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from plantrack.errors import ValidationError
from plantrack.i18n import say
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
    unit: str | None = None  # one unit's slices (its id or a name, resolved by the report)
    by_unit: bool = False  # every unit's slices, and the breakdowns

    def __post_init__(self) -> None:
        for s in self.statuses:
            if s not in SEVERITY:
                raise ValidationError(say("err.cli.unknown_status", status=repr(s),
                                          hint=suggest(s, SEVERITY)))  # fmt: skip
        if self.sort not in SORTS:
            raise ValidationError(say("err.cli.unknown_sort", sort=repr(self.sort),
                                      hint=suggest(self.sort, SORTS)))  # fmt: skip
        if self.unit is not None and self.by_unit:
            raise ValidationError(say("err.unit.unit_and_by"))
        if self.method is not None and self.method not in METHODS:
            raise ValidationError(say("err.cli.unknown_method", method=repr(self.method),
                                      hint=suggest(self.method, METHODS)))  # fmt: skip
