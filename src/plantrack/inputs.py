"""Turn user input (a VALUE argument, CSV or JSON Lines rows) into ledger entries.

Rows are read as a stream, so a million-row import holds one row at a time.
Every row is checked; problems are collected with their file:line and raised
together once the stream ends, so the caller's transaction rolls back whole.
The common CSV row (a known numeric goal, a date already seen, a plain decimal)
goes straight to its stored form; any other row takes the general path.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from operator import itemgetter
from typing import IO, Any

from plantrack.errors import ValidationError
from plantrack.ledger import EntryRow
from plantrack.numbers import NumberError, parse_number, plain, to_units
from plantrack.plan import MILESTONE_STATUSES, Plan, suggest

REQUIRED_COLUMNS = ("goal", "date", "value")
OPTIONAL_COLUMNS = (
    "id", "kind", "bound", "note", "source", "by", "recorded_at",
    "void_reason", "voided_by", "voided_at",
)  # fmt: skip
COLUMNS = (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
KINDS = ("total", "increment", "status", "note")
MAX_ERRORS = 20  # enough to fix a file in one pass without flooding the terminal
_REQUIRED = frozenset(REQUIRED_COLUMNS)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN_VALUE = re.compile(r"[+-]?[0-9]{1,14}(?:\.[0-9]{1,4})?")
_UNITS_PER_DIGIT = (10_000, 1_000, 100, 10, 1)  # by places after the point (SCALE = 4)
_DATE_CACHE = 100_000  # a file repeats few dates; this bounds a hostile one
_BOM = b"\xef\xbb\xbf"
_LOWER_PREFIXES = ("≥", ">=", ">")


@dataclass(frozen=True)
class ParsedValue:
    kind: str
    value: Decimal | None = None
    status: str | None = None
    bound: str | None = None


def parse_value(text: str, *, milestone: bool, add: bool = False) -> ParsedValue:
    """VALUE as typed by a user. Raises ValueError with a user-facing message.

    ``12`` is the goal's value on the date; ``+3`` / ``-2`` (or add=True) is a
    change; ``>13000``, ``>=13000`` or ``≥13000`` is a lower bound (突破/超过);
    a milestone takes not_started, in_progress or done.
    """
    s = text.strip()
    if milestone:
        if add:
            raise ValueError("a milestone takes a status, not a change (--add)")
        if s not in MILESTONE_STATUSES:
            raise ValueError(
                f"a milestone takes one of {', '.join(MILESTONE_STATUSES)}, got {text!r}"
                + suggest(s, MILESTONE_STATUSES)
            )
        return ParsedValue("status", status=s)
    bound = None
    for prefix in _LOWER_PREFIXES:
        if s.startswith(prefix):
            bound, s = "lower", s[len(prefix):].strip()
            break
    increment = add or s[:1] in ("+", "-")
    try:
        value = parse_number(s)
    except NumberError as exc:
        raise ValueError(str(exc)) from None
    if bound and increment:
        raise ValueError("a lower bound must be a value, not a change (+/-)")
    return ParsedValue("increment" if increment else "total", value, None, bound)


def format_value(kind: str, value: Decimal | None, status: str | None) -> str:
    """The inverse of parse_value for exports: '12', '+3', '-2', 'done', ''."""
    if kind == "status":
        return status or ""
    if value is None:
        return ""
    if kind == "increment":
        return ("+" if value >= 0 else "") + plain(value)
    return plain(value)


_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def neutralise(text: str) -> str:
    """Make a CSV text cell safe to open in a spreadsheet (OWASP CSV injection).

    A cell a spreadsheet would run as a formula (leading = + - @ tab CR) gets
    a leading apostrophe; numbers such as -3 or +5 stay as they are. The escape
    is reversible (see restore), so an exported ledger imports back exactly.
    """
    if not text:
        return text
    if text[0] in _TRIGGERS and not _NUMBER.fullmatch(text):
        return "'" + text
    if text[0] == "'" and len(text) > 1 and text[1] in (*_TRIGGERS, "'"):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo neutralise() on a cell read back from a CSV."""
    if len(text) > 1 and text[0] == "'" and text[1] in (*_TRIGGERS, "'"):
        return text[1:]
    return text


def parse_date(text: str, today: date, what: str = "date") -> date:
    """A strict ISO date that is not in the future. Raises ValueError."""
    s = text.strip()
    try:
        # fromisoformat alone also takes week dates (2021-W01-1) and other forms
        if not _DATE.fullmatch(s):
            raise ValueError
        d = date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"{what} must be a date YYYY-MM-DD, got {text!r}") from None
    if d > today:
        raise ValueError(f"{what} {s} is in the future (today is {today})")
    return d


_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")
# UTC with seconds, with or without microseconds: the fast path completes it by hand
_UTC_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?Z")


def utc_stamp(text: str) -> str:
    """A timestamp as stored: UTC, 'YYYY-MM-DDTHH:MM:SS.ffffffZ'. Raises ValueError.

    Offsets are converted (08:00+08:00 is 00:00Z); a time without an offset is
    taken as UTC. Date-only and week forms are refused: --known-at compares
    these stamps as text, so every one must have the same shape.
    """
    s = text.strip()
    if not _STAMP.match(s):
        raise ValueError(f"not an ISO timestamp (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]): {text!r}")
    moment = datetime.fromisoformat(s.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_key(goal: str, day: date, value_text: str, source: str) -> str:
    """Idempotency key of a row without an id: same goal, date, value, source -> same key."""
    return _key(goal, day.isoformat(), value_text, source)


def _key(goal: str, iso_day: str, value_text: str, source: str) -> str:
    raw = "\x1f".join((goal, iso_day, value_text, source))
    return "h-" + hashlib.sha256(raw.encode()).hexdigest()[:16]


class RowReader:
    """Iterates entries (as EntryRow) from CSV or JSON Lines, collecting problems.

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
        self._iso: dict[str, str] = {}  # the same dates as ISO text, for the fast path
        # Goals whose rows the fast path may take: numeric, and an id that the
        # cell's strip() and restore() leave as it is.
        self._numeric_goals = frozenset(
            g.id for g in plan.goals
            if not g.is_milestone and g.id == g.id.strip() and restore(g.id) == g.id
        )  # fmt: skip
        self._line = 0  # physical line the reader has reached (for CSV errors)
        self._undecodable = False
        self._csv: Any = None  # the csv reader, past the header
        self._columns: list[str] = []
        if fmt == "csv":  # a wrong header fails here, before any database is opened
            self._read_header()

    def __iter__(self) -> Iterator[EntryRow]:
        entries = self._csv_entries() if self.fmt == "csv" else self._checked(self._jsonl_rows())
        try:
            yield from entries
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

    def _checked(self, rows: Iterable[tuple[int, dict[str, str]]]) -> Iterator[EntryRow]:
        """Every row through _entry; nothing more is yielded once a problem is found."""
        for line, row in rows:
            self.rows += 1
            entry = self._entry(line, row)
            if entry is not None and not self.problems:
                yield entry
            if len(self.problems) >= MAX_ERRORS:
                return

    def _csv_entries(self) -> Iterator[EntryRow]:
        reader, columns, problems = self._csv, self._columns, self.problems
        assert reader is not None
        width = len(columns)
        fast = self._fast_entry()
        start = reader.line_num + 1
        for cells in reader:
            line, start = start, reader.line_num + 1
            if len(cells) == width and (entry := fast(cells)) is not None:
                self.rows += 1
                if not problems:
                    yield entry
                elif len(problems) >= MAX_ERRORS:
                    return
                continue
            if not "".join(cells).strip():
                continue  # blank line
            if len(cells) != width:
                self._problem(line, f"expected {width} cells, found {len(cells)}")
                continue
            row = dict(zip(columns, cells, strict=True))
            if "'" in "".join(cells):  # only then can a cell carry export's escape
                row = {c: restore(v) for c, v in row.items()}
            self.rows += 1
            entry = self._entry(line, row)
            if entry is not None and not problems:
                yield entry
            if len(problems) >= MAX_ERRORS:
                return

    def _fast_entry(self) -> Callable[[list[str]], EntryRow | None]:
        """A function: a CSV row's cells -> its EntryRow, or None to take _entry.

        It takes only rows _entry would accept as they are and store the same
        way: a numeric goal, a date _entry has already checked (the cache), a plain
        decimal (_PLAIN_VALUE, converted to units exactly from its digits), kind
        empty / total / increment, bound empty / lower, no voids, no cell that
        needs restore(), and a valid recorded_at. Anything else, including any
        row with a problem, goes to _entry, so its message is the usual one.
        """
        columns = self._columns
        width = len(columns)
        # A column the header lacks reads an empty cell appended to the row.
        pad = not set(COLUMNS) <= set(columns)
        pick = itemgetter(*(columns.index(c) if c in columns else width for c in COLUMNS))
        goals, dates, plain_value = self._numeric_goals, self._iso, _PLAIN_VALUE.fullmatch
        default_by, default_at = self.recorded_by, self.recorded_at
        new_row = tuple.__new__  # EntryRow's own __new__ is Python code: 0.25 us a row more

        def fast(cells: list[str]) -> EntryRow | None:
            if pad:
                cells.append("")
            (goal, day, value, key, kind, bound, note, source, by, at,
             void_reason, voided_by, voided_at) = pick(cells)  # fmt: skip
            if pad:
                del cells[-1]
            if goal not in goals or void_reason or voided_by or voided_at:
                return None
            iso = dates.get(day)
            if iso is None or not plain_value(value) or "'" in "".join(cells):
                return None
            change = value[0] in "+-"
            if not kind:
                kind = "increment" if change else "total"
            elif kind != "increment" and (kind != "total" or change):
                return None
            if not bound:
                bound = None
            elif bound != "lower" or kind != "total":
                return None
            at = at.strip()
            if not at:
                at = default_at
            else:
                utc = _UTC_STAMP.fullmatch(at)
                if utc is None:
                    return None  # another form: the slow path converts it to UTC (or says why not)
                try:
                    datetime.fromisoformat(at[:-1])
                except ValueError:
                    return None
                if utc.group(1) is None:  # ...:57Z -> ...:57.000000Z, the stored form
                    at = at[:-1] + ".000000Z"
            source = source.strip()
            # value x 10^4 from its digits: '-3.5' -> -35 x 1000 (no Decimal, no float)
            dot = value.find(".")
            if dot < 0:
                units = int(value) * 10_000
            else:
                units = int(value.replace(".", "")) * _UNITS_PER_DIGIT[len(value) - dot - 1]
            return new_row(EntryRow, (
                key.strip() or _key(goal, iso, value, source), goal, iso, kind, units, bound,
                None, note.strip() or None, source or None, by.strip() or default_by, at,
                None, None, None,
            ))  # fmt: skip

        return fast

    def _jsonl_rows(self) -> Iterator[tuple[int, dict[str, str]]]:
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
            yield line, {k: "" if v is None else v for k, v in obj.items()}

    def _entry(self, line: int, row: dict[str, str]) -> EntryRow | None:
        goal_id = row.get("goal", "").strip()
        goal = self._goals.get(goal_id)
        if goal is None:
            if not goal_id:
                self._problem(line, "goal is empty")
            else:
                self._problem(line, f"unknown goal {goal_id!r}{suggest(goal_id, self._goals)}")
            return None
        date_text = row.get("date", "")
        day = self._dates.get(date_text)
        if day is None:
            try:
                day = parse_date(date_text, self.today)
            except ValueError as exc:
                self._problem(line, str(exc))
                return None
            if len(self._dates) < _DATE_CACHE:
                self._dates[date_text] = day
                self._iso[date_text] = day.isoformat()
        value_text = row.get("value", "").strip()
        # The optional cells that hold something, stripped (most rows have few or none).
        opt = {k: t for k, v in row.items() if k not in _REQUIRED and (t := v.strip())}
        kind, bound, note = opt.get("kind"), opt.get("bound"), opt.get("note")
        if kind is not None and kind not in KINDS:
            self._problem(line, f"kind must be one of {', '.join(KINDS)}, got {kind!r}")
            return None
        if bound not in (None, "lower"):
            self._problem(line, f"bound must be empty or 'lower', got {bound!r}")
            return None
        if kind == "note":
            if value_text:
                self._problem(line, "a note row has no value; leave value empty")
                return None
            if not note:
                self._problem(line, "a note row needs the note text")
                return None
            parsed = ParsedValue("note")
        elif kind is None and not goal.is_milestone and _PLAIN_VALUE.fullmatch(value_text):
            # The bulk of a big import: a plain decimal, exact as written (no grouping,
            # no 万, at most 4 places, below 10^14); parse_value would say the same.
            change = value_text[0] in "+-"
            parsed = ParsedValue("increment" if change else "total", Decimal(value_text))
        else:
            try:
                parsed = parse_value(value_text, milestone=goal.is_milestone,
                                     add=kind == "increment" and not goal.is_milestone)  # fmt: skip
            except ValueError as exc:
                self._problem(line, f"goal {goal_id!r}: {exc}")
                return None
            if kind is not None and kind != parsed.kind:
                self._problem(line, f"value {value_text!r} is not a {kind}")
                return None
        if bound and parsed.kind != "total":
            self._problem(line, "only a value (not a change, status or note) can be a lower bound")
            return None
        for stamp in ("recorded_at", "voided_at"):
            if stamp in opt:
                try:
                    opt[stamp] = utc_stamp(opt[stamp])
                except ValueError:
                    self._problem(line, f"{stamp} must be an ISO timestamp such as "
                                  f"2024-06-01T08:00:00Z, got {opt[stamp]!r}")  # fmt: skip
                    return None
        source = opt.get("source")
        return EntryRow(
            # a note row has no value: its text tells two notes of one day apart
            id=opt.get("id") or entry_key(goal_id, day, value_text or note or "", source or ""),
            goal=goal_id, date=day.isoformat(), kind=parsed.kind,
            units=None if parsed.value is None else to_units(parsed.value),
            bound=bound or parsed.bound, status=parsed.status, note=note, source=source,
            recorded_by=opt.get("by") or self.recorded_by,
            recorded_at=opt.get("recorded_at") or self.recorded_at,
            void_reason=opt.get("void_reason"), voided_by=opt.get("voided_by"),
            voided_at=opt.get("voided_at"),
        )  # fmt: skip


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


def count_new(entries: Iterable[EntryRow], exists: object) -> tuple[int, int]:
    """(new, already present) for a dry run; ``exists(id) -> bool``."""
    new = present = 0
    for e in entries:
        if exists(e.id):  # type: ignore[operator]
            present += 1
        else:
            new += 1
    return new, present
