"""CSV and JSON Lines rows -> NewEntry (an import) or Entry (a backup), one validator.

An import takes figures, never history: who recorded them and when is set by
the ledger, and a void only by ``void``, ``undo`` or ``amend``. A backup (what
``export entries`` writes) carries the audit fields and is read only by
``plantrack ledger restore``, into an empty ledger.

Rows are read as a stream, so a million-row import holds one row at a time,
and every limit is checked as it is met: line length, cell size, columns.
Every row is checked; problems are collected with their file:line and raised
together once the stream ends, so the caller's transaction rolls back whole.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import IO, Any, NamedTuple

from plantrack.errors import ValidationError, quoted, said
from plantrack.i18n import Message, say
from plantrack.inputs.encodings import BOM as _BOM
from plantrack.inputs.encodings import detect_encoding, looks_like_gbk
from plantrack.inputs.sheets import SheetReader
from plantrack.inputs.values import (
    MARGIN,
    ParsedValue,
    check_figure,
    content_digest,
    parse_date,
    parse_value,
    utc_stamp,
)
from plantrack.model.entries import ENTRY_KINDS, Entry, NewEntry
from plantrack.model.plan import Goal, Plan, suggest
from plantrack.model.textforms import restore

REQUIRED_COLUMNS = ("goal", "date", "value")
FIGURE_COLUMNS = (*REQUIRED_COLUMNS, "id", "kind", "bound", "note", "source", "plan", "unit")
AUDIT_COLUMNS = ("by", "recorded_at", "void_reason", "voided_by", "voided_at")
BACKUP_COLUMNS = (*FIGURE_COLUMNS, *AUDIT_COLUMNS)
MAX_ERRORS = 20  # enough to fix a file in one pass without flooding the terminal
MAX_LINE = 1 << 20  # bytes in one line of a file
MAX_CELL = 1 << 16  # characters in one cell (a long note is a few thousand)
MAX_HEADER = 64  # columns in a header: the formats have 8 and 13
# A row's cells in the order of the reader's columns, whatever order the file has.
Cells = tuple[str, ...]
_DATE_CACHE = 100_000  # a file repeats few dates; this bounds a hostile one
_AUDIT_HINT = say("err.import.audit_hint")  # who and when are set by plantrack


class RowReader:
    """Iterates entries from CSV or JSON Lines, collecting problems: NewEntry, or with
    ``backup`` Entry (audit fields included).

    ``stream`` is best given as bytes: each line is then decoded on its own, so
    a byte that is not UTF-8 is reported on its exact line. A UTF-8 BOM is
    dropped. When the stream ends with problems, iteration raises
    ValidationError: inside a write transaction this rolls the whole import back.
    """

    def __init__(self, stream: IO[str] | IO[bytes], name: str, plan: Plan, *, fmt: str,
                 today: date, backup: bool = False, encoding: str = "utf-8",
                 sheet: str | None = None, default_plan: str | None = None,
                 elsewhere: str = "skip") -> None:  # fmt: skip
        self.stream, self.name, self.plan, self.fmt = stream, name, plan, fmt
        # A row's `plan` cell names its plan; an empty one is the import's own plan
        # (``default_plan``, else ``plan``). Rows of other plans (``elsewhere``) are
        # "skip": passed over, and counted in ``other_plans`` (plan id -> first line) for
        # their own pass; "stop": the same, and the rows end in SeveralPlans; "refuse": a
        # problem (the file is read once: stdin). A backup's always are a problem.
        self.default_plan, self.elsewhere = default_plan or plan.id, elsewhere
        self.other_plans: dict[str, int] = {}
        self.today, self.backup, self.encoding, self.sheet = today, backup, encoding, sheet
        self._units: dict[tuple[str, str], str] = {}  # (goal, a unit's name) -> unit id
        # "auto": told from the first megabyte; a file whose lines were all ASCII until
        # then may still turn out to be GB18030 on the first line that is not UTF-8.
        self._may_switch = encoding == "auto"
        self._told = encoding == "auto"  # the encoding was told from the bytes, not given
        if encoding == "auto":
            self.encoding = detect_encoding(stream) if fmt != "xlsx" else "utf-8"  # type: ignore[arg-type]
            self._may_switch = self.encoding == "utf-8"
        self._all_ascii = True
        self.columns = BACKUP_COLUMNS if backup else FIGURE_COLUMNS
        self.problems: list[str | Message] = []
        self.rows = 0
        self._goals = {g.id: g for g in plan.goals}
        self._dates: dict[str, date] = {}  # a file repeats few dates: parse each once
        # Rows without an id, by their content digest: how often each was seen.
        self._seen: set[str] = set()
        self._again: dict[str, int] = {}
        self._now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        self._line = 0  # physical line the reader has reached (for CSV errors)
        self._undecodable = False
        self._csv: Any = None  # the csv reader, past the header
        self._pick: Any = None
        if fmt in ("csv", "xlsx"):  # a wrong header fails here, before any database is opened
            self._read_header()

    def __iter__(self) -> Iterator[NewEntry]:
        rows = self._jsonl_rows() if self.fmt == "jsonl" else self._csv_rows()
        try:
            yield from self._checked(rows)
        except UnicodeDecodeError:  # a text stream decodes blocks ahead of the lines read
            self._problem(self._line + 1, self._undecodable_ahead)
        except csv.Error as exc:
            if not self._undecodable:  # a cut-off quoted cell after a bad byte says nothing new
                self._problem(max(self._line, 1), say("err.import.csv", reason=str(exc)))
        if self.problems:
            raise ValidationError(self.problems)
        if self.elsewhere == "stop" and self.other_plans:  # (inside the write: rolled back)
            raise SeveralPlans(self.other_plans)
        if self.rows == 0 and not self.other_plans:
            raise ValidationError(self._at(1, say("err.import.no_rows")))

    def _at(self, line: int, msg: str | Message) -> Message:
        """``msg`` after its place, NAME:LINE."""
        return say("err.at", where=f"{self.name}:{line}", what=msg)

    def _problem(self, line: int, msg: str | Message) -> None:
        self.problems.append(self._at(line, msg))

    def _lines(self) -> Iterator[str]:
        """Text lines (with their line ends), each at most MAX_LINE long."""
        read = self.stream.readline
        while raw := read(MAX_LINE + 1):
            self._line += 1
            if len(raw) > MAX_LINE:
                self._problem(self._line, say("err.import.line_too_long", limit=f"{MAX_LINE:,}"))
                raise ValidationError(self.problems)
            if isinstance(raw, str):
                yield raw.removeprefix("\ufeff") if self._line == 1 else raw
                continue
            if self._line == 1:
                if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                    raise ValidationError(self._at(1, say("err.import.utf16")))
                if raw.startswith(b"PK\x03\x04"):
                    raise ValidationError(self._at(1, say("err.import.zip")))
                raw = raw.removeprefix(_BOM)
            if self._all_ascii and not raw.isascii():
                self._all_ascii = False
                if self._may_switch and self._is_gb18030(raw):
                    self.encoding = "gb18030"
            elif self._told and self.encoding == "gb18030" and not raw.isascii():
                self._check_not_utf8(raw)
            try:
                yield raw.decode(self.encoding)
            except UnicodeDecodeError as exc:
                self._undecodable = True
                way_out = self._save_as
                if self.encoding == "utf-8" and not self.backup and not looks_like_gbk(raw):
                    way_out = say("err.import.save_utf8_not_gbk")
                self._problem(self._line, say("err.import.undecodable", codec=self._codec,
                                              byte=exc.start + 1, way_out=way_out))  # fmt: skip
                return

    @staticmethod
    def _is_gb18030(raw: bytes) -> bool:
        """The first line that is not ASCII is GBK (GB18030) and not UTF-8."""
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                raw.decode("gb18030")
            except UnicodeDecodeError:
                return False
            return looks_like_gbk(raw)
        return False

    def _check_not_utf8(self, raw: bytes) -> None:
        """In a file told to be GBK, a line of UTF-8 Chinese: the file mixes encodings, and
        reading on would store that line garbled."""
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return
        self._problem(self._line, say("err.import.mixed"))
        self._undecodable = True
        raise ValidationError(self.problems)

    @property
    def _codec(self) -> str:
        return "UTF-8" if self.encoding == "utf-8" else "GB18030/GBK"

    @property
    def _save_as(self) -> Message:
        if self.backup:
            return say("err.import.save_utf8")
        other = "gb18030" if self.encoding == "utf-8" else "utf-8"
        return say("err.import.save_utf8_or", encoding=other)

    @property
    def _undecodable_ahead(self) -> Message:
        """A text stream's decode error: it decodes blocks ahead of the lines read."""
        return say("err.import.undecodable_ahead", codec=self._codec, way_out=self._save_as)

    def _read_header(self) -> None:
        csv.field_size_limit(MAX_CELL)
        # strict: a quote left open at the end (a cut-off file) or text after a
        # closing quote is an error, not silently a different value.
        reader: Any = (SheetReader(self.stream, self.name, self.sheet) if self.fmt == "xlsx"
                       else csv.reader(self._lines(), strict=True))  # fmt: skip
        try:
            header = next(reader, None)
        except csv.Error as exc:
            raise ValidationError(self._at(1, say("err.import.csv", reason=str(exc)))) from None
        except UnicodeDecodeError:
            raise ValidationError(self._at(1, self._undecodable_ahead)) from None
        if header is None:
            if self._undecodable:
                raise ValidationError(self.problems)
            raise ValidationError(self._at(1, say("err.import.empty_file")))
        if self.fmt == "xlsx":  # a sheet's header row may run on in empty cells
            while header and not header[-1].strip(MARGIN):
                header.pop()
        if len(header) > MAX_HEADER:
            raise ValidationError(self._at(1, say("err.import.header_width", n=f"{len(header):,}",
                                                  width=len(self.columns))))  # fmt: skip
        columns = [h.strip(MARGIN).lower() for h in header]
        problem = _header_problem(columns, self.columns, self.backup)
        if problem:
            raise ValidationError(self._at(1, problem))
        width = len(columns)
        self._pick = itemgetter(*(columns.index(c) if c in columns else width
                                  for c in self.columns))  # fmt: skip
        self._csv, self._width, self._header = reader, width, columns
        if isinstance(reader, SheetReader):
            reader.dates, reader.width = columns.index("date"), width

    def _checked(self, rows: Iterable[tuple[int, Cells]]) -> Iterator[NewEntry]:
        """Every row through _new_entry; nothing more is yielded once a problem is found."""
        new_entry, problems = self._new_entry, self.problems
        for line, cells in rows:
            self.rows += 1
            try:
                entry = new_entry(line, cells)
            except _Elsewhere:  # another plan's row: read in that plan's pass
                self.rows -= 1
                continue
            except _RowProblem as exc:
                self._problem(line, exc.said)
                if len(problems) >= MAX_ERRORS:
                    return
                continue
            if not problems:
                yield entry

    def _csv_rows(self) -> Iterator[tuple[int, Cells]]:
        """Each row's cells in the reader's column order; a column not in the header is empty."""
        reader, width, pick = self._csv, self._width, self._pick
        pad = set(self.columns) - set(self._header)  # columns the header lacks read as ""
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            text = "".join(cells)
            if not text.strip():
                continue  # blank line
            if len(cells) != width:
                self._problem(line, say("err.import.cells", expected=width, found=len(cells)))
                if len(self.problems) >= MAX_ERRORS:
                    return
                continue
            if "'" in text:  # only then can a cell carry export's escape
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
                obj = json.loads(text, parse_float=str, parse_int=str, parse_constant=str,
                                 object_pairs_hook=_object)  # fmt: skip
                problem = _json_row_problem(obj, self.columns, self.backup)
            except json.JSONDecodeError as exc:
                problem = say("err.import.json", reason=exc.msg, column=exc.colno)
            except (ValueError, RecursionError):
                problem = say("err.import.json_deep")
            if problem:
                self._problem(line, problem)
                if len(self.problems) >= MAX_ERRORS:
                    return
                continue
            yield line, tuple(obj.get(c) or "" for c in self.columns)

    def _new_entry(self, line: int, cells: Cells) -> NewEntry:
        """The entry a row describes; _RowProblem says why it cannot be one."""
        # (Blanks only: a control character around a cell is part of it, and refused.)
        goal_id, date_text, value_text, key, kind, bound, note, source, plan_id, unit_text = (
            c.strip(MARGIN) for c in (cells[:10] if self.backup else cells))
        if (plan_id or self.default_plan) != self.plan.id:
            if self.backup:  # a backup is restored into one plan: never pass rows over
                raise _RowProblem(say("err.import.backup_other_plan", plan=quoted(plan_id)))
            if self.elsewhere == "refuse":
                raise _RowProblem(say("err.import.other_plan_once", plan=quoted(plan_id)))
            self.other_plans.setdefault(plan_id or self.default_plan, line)
            raise _Elsewhere
        goal = self._goals.get(goal_id)
        if goal is None:
            if not goal_id:
                raise _RowProblem(say("err.import.goal_empty"))
            hint = suggest(goal_id, self._goals) if len(goal_id) <= 80 else ""
            raise _RowProblem(say("err.goal.unknown", goal=quoted(goal_id), hint=hint))
        day = self._date(date_text)
        unit = self._unit(goal, unit_text) if unit_text else None
        if kind and kind not in ENTRY_KINDS:
            raise _RowProblem(say("err.import.bad_kind", kinds=", ".join(ENTRY_KINDS),
                                  text=quoted(kind)))  # fmt: skip
        if bound and bound not in ("lower", "approx"):
            raise _RowProblem(say("err.import.bad_bound", text=quoted(bound)))
        parsed = _parsed(goal.id, goal.is_milestone, value_text, kind, note, goal.unit == "%",
                         goal.counts_amounts)  # fmt: skip
        if bound and parsed.kind != "total":
            raise _RowProblem(say("err.import.bound_not_value"))
        if bound and parsed.bound and parsed.bound != bound:
            raise _RowProblem(say("err.import.bound_disagrees", value=quoted(value_text),
                                  bound=repr(bound)))  # fmt: skip
        if bound:
            parsed = parsed._replace(bound=bound)
        try:
            check_figure(goal, day, parsed)
        except ValueError as exc:
            raise _RowProblem(said(exc)) from None
        if not key:
            if self.backup:
                raise _RowProblem(say("err.import.no_id"))
            key = self._content_key(goal.id, day, parsed, note, source, unit)
        entry = NewEntry(key, goal.id, day, parsed.kind, parsed.value, parsed.bound,
                         parsed.status, note or None, source or None, unit, line)  # fmt: skip
        return self._audited(entry, cells[10:]) if self.backup else entry

    def _unit(self, goal: Goal, name: str) -> str:
        """The unit of the goal's breakdown a cell names (郑州 or zhengzhou), read once."""
        known = self._units.get((goal.id, name))
        if known is None:
            try:
                known = self._units[goal.id, name] = self.plan.unit_of(goal, name)
            except ValidationError as exc:
                raise _RowProblem(said(exc)) from None
        return known

    def _content_key(self, goal: str, day: date, parsed: ParsedValue, note: str,
                     source: str, unit: str | None) -> str:  # fmt: skip
        """The key of a row without an id: its content, and which copy of that content it
        is in this file (two genuine +1 rows of one day are two entries, and importing
        the same file again adds nothing)."""
        digest = content_digest(goal, day, parsed, note, source, unit)
        if digest not in self._seen:
            self._seen.add(digest)
            return f"h-{digest}"
        n = self._again[digest] = self._again.get(digest, 1) + 1
        return f"h-{digest}-{n}"

    def _audited(self, e: NewEntry, audit: Cells) -> Entry:
        """A backup's entry with who recorded it, when, and its void (all or none of it)."""
        by, at, reason, voided_by, voided_at = (c.strip(MARGIN) for c in audit)
        if not by or not at:
            raise _RowProblem(say("err.import.no_author"))
        recorded_at = self._stamp("recorded_at", at)
        if any((reason, voided_by, voided_at)) and not all((reason, voided_by, voided_at)):
            raise _RowProblem(say("err.import.void_parts"))
        void_at = self._stamp("voided_at", voided_at) if voided_at else None
        if void_at is not None and void_at < recorded_at:
            raise _RowProblem(say("err.import.void_before", voided_at=voided_at, recorded_at=at))
        return Entry(e.id, e.goal, e.date, e.kind, e.value, e.bound, e.status, e.note, e.source,
                     e.unit, e.line, recorded_by=by, recorded_at=recorded_at,
                     void_reason=reason or None, voided_by=voided_by or None,
                     voided_at=void_at)  # fmt: skip

    def _stamp(self, column: str, text: str) -> str:
        try:
            stamp = utc_stamp(text)
        except ValueError:
            raise _RowProblem(say("err.import.stamp", column=column, text=quoted(text))) from None
        if stamp > self._now:
            raise _RowProblem(say("err.import.stamp_future", column=column, text=text))
        return stamp

    def _date(self, text: str) -> date:
        day = self._dates.get(text)
        if day is None:
            try:
                day = parse_date(text, self.today)
            except ValueError as exc:
                raise _RowProblem(said(exc)) from None
            if len(self._dates) < _DATE_CACHE:
                self._dates[text] = day
        return day


class SeveralPlans(Exception):
    """The rows are of several plans (``plans``: plan id -> first line): the import reads
    each plan's rows in a pass of its own."""

    def __init__(self, plans: dict[str, int]) -> None:
        super().__init__(", ".join(plans))
        self.plans = plans


class _Elsewhere(Exception):
    """A row of another plan than the one being read (its `plan` cell)."""


class _RowProblem(Exception):
    """Why one row cannot be imported (reported with its line): ``said``, as said."""

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.said = message


def _parsed(goal_id: str, milestone: bool, value_text: str, kind: str, note: str,
            percent: bool, amounts: bool = False) -> ParsedValue:  # fmt: skip
    """A row's value, checked against its kind cell (empty: by the value's form; on a goal
    that adds up ``amounts``, a plain value is the period's amount, an increment)."""
    if kind == "note":
        if value_text:
            raise _RowProblem(say("err.import.note_value"))
        if not note:
            raise _RowProblem(say("err.import.note_text"))
        return ParsedValue("note")
    try:
        parsed = parse_value(value_text, milestone=milestone, percent=percent,
                             add=(kind == "increment" or (not kind and amounts))
                             and not milestone)  # fmt: skip
    except ValueError as exc:
        raise _RowProblem(say("err.goal_at", goal=repr(goal_id), what=said(exc))) from None
    if kind and kind != parsed.kind:
        raise _RowProblem(say("err.import.not_kind", value=quoted(value_text), kind=kind))
    return parsed


def _header_problem(columns: list[str], allowed: tuple[str, ...],
                    backup: bool) -> Message | None:  # fmt: skip
    """Why a header cannot be read, or None."""
    if len(set(columns)) != len(columns):
        return say("err.import.column_twice")
    # plan and unit: optional (a backup made before units has no unit column)
    needed = [c for c in allowed if c not in ("plan", "unit")] if backup else REQUIRED_COLUMNS
    missing = [c for c in needed if c not in columns]
    audit = [c for c in columns if c in AUDIT_COLUMNS and not backup]
    unknown = [c for c in columns if c not in allowed and c not in audit]
    parts = [say("err.import.missing_columns", columns=", ".join(missing))] if missing else []
    if audit:
        parts.append(say("err.import.audit_columns", columns=", ".join(audit), hint=_AUDIT_HINT))
    parts += [say("err.import.unknown_column", column=quoted(c),
                  hint=suggest(c, allowed) if len(c) <= 40 else "")
              for c in unknown[:5]]  # fmt: skip
    if len(unknown) > 5:
        parts.append(say("err.import.more_unknown", n=len(unknown) - 5))
    if not parts:
        return None
    problem = parts[0]
    for part in parts[1:]:  # "a; b; c", worded in one language
        problem = say("err.import.also", first=problem, then=part)
    return problem


class _Repeated(NamedTuple):
    """What a JSON object that gives a key twice reads as (a CSV header with a column
    twice is refused too, and JSON readers disagree on which value wins)."""

    key: str


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Repeated:
    obj = dict(pairs)
    if len(obj) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                return _Repeated(key)
            seen.add(key)
    return obj


def _json_row_problem(obj: object, allowed: tuple[str, ...], backup: bool) -> Message | None:
    """Why a JSON Lines value cannot be a row, or None (a key left out reads as empty)."""
    if isinstance(obj, _Repeated):
        return say("err.import.key_twice", key=quoted(obj.key))
    if not isinstance(obj, dict):
        return say("err.import.not_object")
    for key in obj:
        if key in AUDIT_COLUMNS and not backup:
            return say("err.import.audit_key", key=repr(key), hint=_AUDIT_HINT)
        if key not in allowed:
            return say("err.import.unknown_key", key=quoted(key),
                       hint=suggest(key, allowed) if len(key) <= 40 else "")  # fmt: skip
    for key, value in obj.items():
        if value is not None and not isinstance(value, str):
            return say("err.import.not_text", key=key)
        if value and len(value) > MAX_CELL:
            return say("err.import.cell_too_long", key=key, limit=f"{MAX_CELL:,}")
        if value and not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # "\ud800": a lone surrogate SQLite cannot store
                return say("err.import.surrogate", key=key)
    return None
