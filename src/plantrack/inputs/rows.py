"""CSV and JSON Lines rows -> NewEntry, every row checked by one validator.

Rows are read as a stream, so a million-row import holds one row at a time.
Every row is checked; problems are collected with their file:line and raised
together once the stream ends, so the caller's transaction rolls back whole.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date
from operator import itemgetter
from typing import IO, Any

from plantrack.errors import ValidationError
from plantrack.inputs.values import ParsedValue, entry_key, parse_date, parse_value, utc_stamp
from plantrack.model.entries import ENTRY_KINDS, NewEntry
from plantrack.model.plan import Plan, suggest
from plantrack.model.textforms import restore

REQUIRED_COLUMNS = ("goal", "date", "value")
OPTIONAL_COLUMNS = (
    "id", "kind", "bound", "note", "source", "by", "recorded_at",
    "void_reason", "voided_by", "voided_at",
)  # fmt: skip
COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
MAX_ERRORS = 20  # enough to fix a file in one pass without flooding the terminal
# A row's cells in COLUMNS order, whatever order the file has them in.
Cells = tuple[str, ...]
_DATE_CACHE = 100_000  # a file repeats few dates; this bounds a hostile one
_BOM = b"\xef\xbb\xbf"


class RowReader:
    """Iterates entries (as NewEntry) from CSV or JSON Lines, collecting problems.

    ``stream`` is best given as bytes: each line is then decoded on its own, so
    a byte that is not UTF-8 is reported on its exact line (a text stream decodes
    ahead in blocks and the line is approximate). A UTF-8 BOM is dropped.
    When the stream ends with problems, iteration raises ValidationError: inside
    a write transaction this rolls the whole import back.
    """

    def __init__(
        self,
        stream: IO[str] | IO[bytes],
        name: str,
        plan: Plan,
        *,
        fmt: str,
        today: date,
        recorded_by: str,
        recorded_at: str,
    ) -> None:
        self.stream, self.name, self.plan, self.fmt = stream, name, plan, fmt
        self.today, self.recorded_by, self.recorded_at = today, recorded_by, recorded_at
        self.problems: list[str] = []
        self.rows = 0
        self._goals = {g.id: g for g in plan.goals}
        self._dates: dict[str, date] = {}  # a file repeats few dates: parse each once
        self._line = 0  # physical line the reader has reached (for CSV errors)
        self._undecodable = False
        self._csv: Any = None  # the csv reader, past the header
        self._columns: list[str] = []
        if fmt == "csv":  # a wrong header fails here, before any database is opened
            self._read_header()

    def __iter__(self) -> Iterator[NewEntry]:
        rows = self._csv_rows() if self.fmt == "csv" else self._jsonl_rows()
        try:
            yield from self._checked(rows)
        except UnicodeDecodeError:  # a text stream decodes blocks ahead of the lines read
            self._problem(self._line + 1, "not valid UTF-8 (on this line or a later one); "
                          "save the file as UTF-8")  # fmt: skip
        except csv.Error as exc:
            if not self._undecodable:  # a cut-off quoted cell after a bad byte says nothing new
                self._problem(max(self._line, 1), f"CSV error: {exc}")
        if self.problems:
            raise ValidationError(self.problems)
        if self.rows == 0:
            raise ValidationError(f"{self.name}: no rows to import")

    def _problem(self, line: int, msg: str) -> None:
        self.problems.append(f"{self.name}:{line}: {msg}")

    def _lines(self) -> Iterator[str]:
        """Text lines (with their line ends) from a text or binary stream."""
        if isinstance(self.stream, io.TextIOBase):
            for text in self.stream:
                self._line += 1
                yield text.removeprefix("\ufeff") if self._line == 1 else text
            return
        for number, raw in enumerate(self.stream, start=1):
            self._line = number
            if number == 1:
                if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise ValidationError(f"{self.name}:1: the file is UTF-16; save it as UTF-8")
                raw = raw.removeprefix(_BOM)
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._undecodable = True
                self._problem(number, f"not valid UTF-8 (byte {exc.start + 1} of the line); "
                              "save the file as UTF-8")  # fmt: skip
                return

    def _read_header(self) -> None:
        # strict: a quote left open at the end (a cut-off file) or text after a
        # closing quote is an error, not silently a different value.
        reader = csv.reader(self._lines(), strict=True)
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise ValidationError(f"{self.name}:1: CSV error: {exc}") from None
        except UnicodeDecodeError:
            raise ValidationError(
                f"{self.name}:1: not valid UTF-8 (on this line or a later one); save it as UTF-8"
            ) from None
        if header is None:
            if self._undecodable:
                raise ValidationError(self.problems)
            raise ValidationError(f"{self.name}:1: empty file; expected a header goal,date,value")
        columns = [h.strip().lower() for h in header]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        unknown = [c for c in columns if c not in COLUMNS]
        if missing or unknown:
            parts = []
            if missing:
                parts.append(f"missing column(s) {', '.join(missing)}")
            parts += [f"unknown column {c!r}{suggest(c, COLUMNS)}" for c in unknown]
            raise ValidationError(f"{self.name}:1: {'; '.join(parts)}")
        if len(set(columns)) != len(columns):
            raise ValidationError(f"{self.name}:1: a column name appears twice")
        self._csv, self._columns = reader, columns

    def _checked(self, rows: Iterable[tuple[int, Cells]]) -> Iterator[NewEntry]:
        """Every row through _new_entry; nothing more is yielded once a problem is found."""
        for line, cells in rows:
            self.rows += 1
            try:
                entry = self._new_entry(cells)
            except _RowProblem as exc:
                self._problem(line, str(exc))
                if len(self.problems) >= MAX_ERRORS:
                    return
                continue
            if not self.problems:
                yield entry

    def _csv_rows(self) -> Iterator[tuple[int, Cells]]:
        """Each row's cells in COLUMNS order; a column the header lacks reads as empty."""
        reader, columns = self._csv, self._columns
        assert reader is not None
        width = len(columns)
        pad = not set(COLUMNS) <= set(columns)  # then index `width` is an empty cell
        pick = itemgetter(*(columns.index(c) if c in columns else width for c in COLUMNS))
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not "".join(cells).strip():
                continue  # blank line
            if len(cells) != width:
                self._problem(line, f"expected {width} cells, found {len(cells)}")
                continue
            if "'" in "".join(cells):  # only then can a cell carry export's escape
                cells = [restore(c) for c in cells]
            if pad:
                cells.append("")
            yield line, pick(cells)

    def _jsonl_rows(self) -> Iterator[tuple[int, Cells]]:
        for line, text in enumerate(self._lines(), start=1):
            if not text.strip():
                continue
            try:
                # Numbers stay as their text (0.1 is exactly 0.1; no float, no
                # 4300-digit int limit); NaN and Infinity reach the number check.
                obj = json.loads(text, parse_float=str, parse_int=str, parse_constant=str)
            except json.JSONDecodeError as exc:
                self._problem(line, f"not valid JSON: {exc.msg} (column {exc.colno})")
                continue
            except (ValueError, RecursionError):
                self._problem(line, "not valid JSON (nested too deeply)")
                continue
            if not isinstance(obj, dict):
                self._problem(line, "each line must be a JSON object")
                continue
            problem = _json_row_problem(obj)
            if problem:
                self._problem(line, problem)
                continue
            yield line, tuple(obj.get(c) or "" for c in COLUMNS)

    def _new_entry(self, cells: Cells) -> NewEntry:
        """The entry a row describes; _RowProblem says why it cannot be one."""
        (goal_id, date_text, value_text, key, kind, bound, note, source, by, at, void_reason,
         voided_by, voided_at) = map(str.strip, cells)  # fmt: skip
        goal = self._goals.get(goal_id)
        if goal is None:
            if not goal_id:
                raise _RowProblem("goal is empty")
            raise _RowProblem(f"unknown goal {goal_id!r}{suggest(goal_id, self._goals)}")
        day = self._date(date_text)
        if kind and kind not in ENTRY_KINDS:
            raise _RowProblem(f"kind must be one of {', '.join(ENTRY_KINDS)}, got {kind!r}")
        if bound and bound != "lower":
            raise _RowProblem(f"bound must be empty or 'lower', got {bound!r}")
        parsed = _parsed(goal.id, goal.is_milestone, value_text, kind, note)
        if bound and parsed.kind != "total":
            raise _RowProblem("only a value (not a change, status or note) can be a lower bound")
        return NewEntry(
            # a note row has no value: its text tells two notes of one day apart
            id=key or entry_key(goal.id, day, value_text or note, source),
            goal=goal.id, date=day, kind=parsed.kind, value=parsed.value,
            bound=bound or parsed.bound, status=parsed.status, note=note or None,
            source=source or None, recorded_by=by or self.recorded_by,
            recorded_at=_stamp("recorded_at", at) if at else self.recorded_at,
            void_reason=void_reason or None, voided_by=voided_by or None,
            voided_at=_stamp("voided_at", voided_at) if voided_at else None,
        )  # fmt: skip

    def _date(self, text: str) -> date:
        day = self._dates.get(text)
        if day is None:
            try:
                day = parse_date(text, self.today)
            except ValueError as exc:
                raise _RowProblem(str(exc)) from None
            if len(self._dates) < _DATE_CACHE:
                self._dates[text] = day
        return day


class _RowProblem(Exception):
    """Why one row cannot be imported (reported with its line)."""


def _stamp(column: str, text: str) -> str:
    """A timestamp cell in the stored UTC form."""
    try:
        return utc_stamp(text)
    except ValueError:
        raise _RowProblem(f"{column} must be an ISO timestamp such as 2024-06-01T08:00:00Z, "
                          f"got {text!r}") from None  # fmt: skip


def _parsed(goal_id: str, milestone: bool, value_text: str, kind: str, note: str) -> ParsedValue:
    """A row's value, checked against its kind cell (empty: by the value's form)."""
    if kind == "note":
        if value_text:
            raise _RowProblem("a note row has no value; leave value empty")
        if not note:
            raise _RowProblem("a note row needs the note text")
        return ParsedValue("note")
    try:
        parsed = parse_value(value_text, milestone=milestone,
                             add=kind == "increment" and not milestone)  # fmt: skip
    except ValueError as exc:
        raise _RowProblem(f"goal {goal_id!r}: {exc}") from None
    if kind and kind != parsed.kind:
        raise _RowProblem(f"value {value_text!r} is not a {kind}")
    return parsed


def _json_row_problem(obj: dict[str, Any]) -> str | None:
    """Why a JSON Lines object cannot be a row, or None."""
    for key, value in obj.items():
        if key not in COLUMNS:
            return f"unknown key {key!r}{suggest(key, COLUMNS)}"
        if value is not None and not isinstance(value, str):
            return f"{key} must be text or a number"
        if value and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # "\ud800": a lone surrogate SQLite cannot store
                return f"{key} holds an invalid character (a lone UTF-16 surrogate)"
    return None


def count_new(entries: Iterable[NewEntry], exists: object) -> tuple[int, int]:
    """(new, already present) for a dry run; ``exists(id) -> bool``."""
    new = present = 0
    for e in entries:
        if exists(e.id):  # type: ignore[operator]
            present += 1
        else:
            new += 1
    return new, present
