"""Domain errors and the exit codes they map to (documented in the README)."""

from __future__ import annotations

from enum import IntEnum
from typing import Any


class ExitCode(IntEnum):
    OK = 0
    CHECK_FAILED = 1  # `check` found goals at or past --fail-on; `doctor` found problems
    INVALID = 2  # usage error (Typer's own code), invalid plan, value or import file
    NOT_FOUND = 3  # unknown goal, entry, plan or input file
    DB_BUSY = 4  # database locked by another writer past the busy timeout
    DB_READONLY = 5  # database or its folder cannot be written
    DB_CORRUPT = 6  # not a database, corrupted, or from a newer plantrack
    IO_ERROR = 7  # disk full or another I/O failure while writing
    DB_UNREACHABLE = 8  # a database server that cannot be reached or refuses the login
    INTERNAL = 70  # a bug: the traceback is shown with PLANTRACK_DEBUG=1
    INTERRUPTED = 130  # Ctrl-C


def quoted(text: str, width: int = 60) -> str:
    """A user's text quoted for a message: repr (control characters escaped), cut to
    ``width`` characters so one bad cell or line stays one short line."""
    return repr(text if len(text) <= width else text[: width - 3] + "...")


class PlantrackError(Exception):
    """Base class: carries the exit code the CLI should return."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class ValidationError(PlantrackError):
    """One or more problems in user input; `problems` holds every message."""

    exit_code = ExitCode.INVALID

    def __init__(self, problems: list[str] | str, summary: str | None = None) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.summary = summary  # the closing line when several problems are listed
        first = self.problems[0] if self.problems else "invalid input"
        more = len(self.problems) - 1
        super().__init__(first if more == 0 else f"{first} (and {more} more)")


class EntryConflictError(ValidationError):
    """Entries whose id is already recorded with other content: ``conflicts`` holds
    (the new entry, the one recorded) pairs. Nothing of the import was written."""

    def __init__(self, conflicts: list[tuple[Any, Any]]) -> None:
        self.conflicts = conflicts
        super().__init__([f"line {new.line}: entry id {new.id!r} is already recorded with "
                          "other content" for new, _ in conflicts])  # fmt: skip


class NotFoundError(PlantrackError):
    exit_code = ExitCode.NOT_FOUND


class DatabaseBusyError(PlantrackError):
    exit_code = ExitCode.DB_BUSY


class DatabaseReadOnlyError(PlantrackError):
    exit_code = ExitCode.DB_READONLY


class DatabaseCorruptError(PlantrackError):
    exit_code = ExitCode.DB_CORRUPT


class DatabaseUnreachableError(PlantrackError):
    exit_code = ExitCode.DB_UNREACHABLE


class WriteError(PlantrackError):
    exit_code = ExitCode.IO_ERROR


class CheckFailed(PlantrackError):
    exit_code = ExitCode.CHECK_FAILED
