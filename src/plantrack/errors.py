"""Domain errors and the exit codes they map to (documented in the README)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from plantrack.i18n import Message, say, worded


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
    """Base class: carries the exit code the CLI should return, and the message as said
    (a ``Message`` from the catalogue, worded in the user's language, or plain text)."""

    exit_code: ExitCode = ExitCode.INVALID

    def __init__(self, message: str | Message, exit_code: ExitCode | None = None) -> None:
        super().__init__(str(message))
        self.said = message
        if exit_code is not None:
            self.exit_code = exit_code

    def text(self, lang: str) -> str:
        """The message in ``lang`` (zh or en)."""
        return worded(self.said, lang)


def said(exc: BaseException) -> str | Message:
    """What an exception says: a domain error's message as said, else its text."""
    return exc.said if isinstance(exc, PlantrackError) else str(exc)


class ValidationError(PlantrackError):
    """One or more problems in user input: ``said`` holds each as said, ``problems`` each
    in English."""

    exit_code = ExitCode.INVALID

    def __init__(self, problems: Sequence[str | Message] | str | Message,
                 summary: str | Message | None = None) -> None:  # fmt: skip
        self.said_all = [problems] if isinstance(problems, str | Message) else list(problems)
        self.problems = [str(p) for p in self.said_all]
        self.summary = summary  # the closing line when several problems are listed
        first: str | Message = self.said_all[0] if self.said_all else "invalid input"
        more = len(self.said_all) - 1
        super().__init__(first if more == 0 else say("err.and_more", first=first, n=more))

    def texts(self, lang: str) -> list[str]:
        """Every problem in ``lang``."""
        return [worded(p, lang) for p in self.said_all]


class BadValue(ValidationError, ValueError):
    """A value, date or name refused as the user typed it: a ValidationError that parsers'
    callers may also catch as the ValueError it is."""


class EntryConflictError(ValidationError):
    """Entries whose id is already recorded with other content: ``conflicts`` holds
    (the new entry, the one recorded) pairs. Nothing of the import was written."""

    def __init__(self, conflicts: list[tuple[Any, Any]]) -> None:
        self.conflicts = conflicts
        super().__init__([say("err.ledger.conflict", line=new.line, id=repr(new.id))
                          for new, _ in conflicts])  # fmt: skip


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
