"""Recording progress: record, note, import."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

from plantrack.cli.app import command, count, out
from plantrack.cli.options import (
    ByOpt,
    DbOpt,
    GoalArg,
    JsonOpt,
    PlanOpt,
    author,
    choose_plan,
    ledger_at,
    now,
    say_which_plan,
    text,
    today,
)
from plantrack.errors import NotFoundError, ValidationError, said
from plantrack.i18n import say

if TYPE_CHECKING:
    from plantrack.inputs.rows import RowReader
    from plantrack.ledger import Ledger
    from plantrack.ledger.base import AddResult
    from plantrack.model.entries import Entry, NewEntry
    from plantrack.model.plan import Goal, Plan


class ImportFormat(StrEnum):
    auto = "auto"
    csv = "csv"
    jsonl = "jsonl"
    xlsx = "xlsx"


class Encoding(StrEnum):
    auto = "auto"
    utf8 = "utf-8"
    gb18030 = "gb18030"
    gbk = "gbk"  # read as GB18030, which contains it


DateOpt = Annotated[
    str | None,
    typer.Option("--date", metavar="YYYY-MM-DD", help="Date the value describes. Default: today."),
]


@command(context_settings={"ignore_unknown_options": True})
def record(
    goal: GoalArg,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The goal's value on that date: 12, 0.5, 1,000 (= 1000), 1.5万 (= 15000), "
            "2亿, full-width １２, 2.05% for a goal in %; >13000, 突破1.3万, 超过1.3万 or "
            "1.3万以上 is a lower bound; 约2万 or 2万左右 is approximate; +3 or -2 records "
            "a change; a milestone takes "
            "not_started, in_progress or done (未开始, 进行中, 完成).",
        ),
    ],
    on: DateOpt = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Free text kept with the entry.")
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where the figure comes from.")
    ] = None,
    add: Annotated[bool, typer.Option("--add", help="VALUE is a change, not a value.")] = False,
    lower_bound: Annotated[
        bool, typer.Option("--lower-bound", help="VALUE is a lower bound (突破/超过: 'more than').")
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option("--unit", metavar="UNIT", help="The figure is this unit's, of the goal's "
                     "breakdown: its id or Chinese name (zhengzhou, 郑州, 郑州市)."),
    ] = None,
    by: ByOpt = None,
    json: JsonOpt = False,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Record a goal's value (or a change, or a milestone's status) on a date."""
    from plantrack.inputs.values import parse_value

    def build(g: Goal) -> dict[str, Any]:
        try:
            parsed = parse_value(value, milestone=g.is_milestone, add=add or g.counts_amounts,
                                 percent=g.unit == "%")  # fmt: skip
        except ValueError as exc:
            raise ValidationError(say("err.goal_at", goal=repr(g.id), what=said(exc))) from None
        if lower_bound and parsed.bound == "approx":
            raise ValidationError(say("err.cli.lower_and_approx"))
        bound = parsed.bound or ("lower" if lower_bound else None)
        if bound and parsed.kind != "total":
            raise ValidationError(say("err.cli.lower_not_value"))
        fields = {"kind": parsed.kind, "value": parsed.value, "status": parsed.status}
        return {**fields, "bound": bound, "note": text(note)}

    _append(plan, db, goal, on, source, by, json, "recorded", build, unit)


@command(name="note")
def note_cmd(
    goal: GoalArg,
    note: Annotated[
        str, typer.Argument(metavar="TEXT", help="The evidence, e.g. 'preliminary approval'.")
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Date the note describes. Default: today."
        ),
    ] = None,
    source: Annotated[str | None, typer.Option("--source", help="Where it comes from.")] = None,
    by: ByOpt = None,
    json: JsonOpt = False,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Record dated evidence without a number (shown in history and show, not counted)."""
    if not note.strip():
        raise ValidationError(say("err.cli.empty_note"))
    _append(plan, db, goal, on, source, by, json, "noted",
            lambda g: {"kind": "note", "note": note.strip()})  # fmt: skip


def _append(
    plan: str | None,
    db: str | None,
    goal: str,
    on: str | None,
    source: str | None,
    by: str | None,
    as_json: bool,
    verb: str,
    build: Callable[[Goal], dict[str, Any]],
    unit: str | None = None,
) -> None:
    """Load the goal, check the date, append one entry built by ``build(goal)`` (of ``unit``
    of its breakdown, if given), report it."""
    import uuid

    from plantrack.inputs.values import ParsedValue, check_figure, parse_date
    from plantrack.model.entries import NewEntry

    chosen = choose_plan(plan)
    loaded, path, bundled = chosen.plan, chosen.path, chosen.bundled
    g = loaded.named(goal)
    of_unit = loaded.unit_of(g, unit) if unit is not None else None
    try:
        day = parse_date(on, today(), "--date") if on else today()
        fields = build(g)
        check_figure(g, day, ParsedValue(fields["kind"], fields.get("value")))
    except ValueError as exc:
        raise ValidationError(said(exc)) from None
    entry = NewEntry(id=uuid.uuid4().hex[:12], goal=g.id, date=day, source=text(source),
                     unit=of_unit, **fields)  # fmt: skip
    with ledger_at(db, path, bundled, write=True) as ledger:
        say_which_plan(ledger, chosen, writing=True)
        ledger.add(loaded.id, [entry], by=author(by, ledger), at=now(), kind="record",
                   about=entry.id)  # fmt: skip
        live = ledger.entries(loaded.id, g.id, include_voided=False)
    stored = next(e for e in live if e.id == entry.id)
    same = [e.id for e in live
            if e.id != entry.id and e.date == day and e.content() == replace(entry, id=e.id)]
    _report_entry(verb, stored, as_json)
    if same:
        warn(f"the same figure was already recorded for {g.id} on {day} (entry {same[0]}); "
             f"if this one is a repeat, plantrack undo reverts it")


def _report_entry(verb: str, entry: Entry, as_json: bool) -> None:
    from plantrack.model.textforms import format_value

    if as_json:
        from plantrack.output.tabular import entries_json

        out(entries_json([entry]))
        return
    shown = format_value(entry.kind, entry.value, entry.status)
    if entry.bound == "lower":
        shown = f">= {shown}"
    elif entry.bound == "approx":
        shown = f"~{shown}"
    goal = f"{entry.goal} ({entry.unit})" if entry.unit else entry.goal
    what = f"{goal} = {shown}" if shown else goal
    from plantrack.cli.options import lang_of
    from plantrack.i18n import t

    out(t(f"msg.{verb}", lang_of(None), what=what, day=entry.date, id=entry.id))


def warn(message: str) -> None:
    sys.stderr.write(f"plantrack: warning: {message}\n")


@command(name="import")
def import_cmd(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="CSV or JSON Lines file, or - for stdin.")
    ],
    fmt: Annotated[
        ImportFormat,
        typer.Option(
            "--format", help="Input format. Default: from the file name, else by content."
        ),
    ] = ImportFormat.auto,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Check every row and say what would be added; write nothing."
        ),
    ] = False,
    encoding: Annotated[
        Encoding,
        typer.Option(
            "--encoding",
            help="Text encoding of a CSV or JSON Lines file. Default: UTF-8 (with or without "
            "BOM) or GB18030/GBK, as Chinese Excel saves CSV, told from the bytes.",
        ),
    ] = Encoding.auto,
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="The worksheet of an .xlsx file. Default: the first."),
    ] = None,
    by: ByOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Import figures from CSV (goal,date,value[,id,kind,bound,note,source]), an Excel
    workbook (.xlsx, the same columns) or JSON Lines.

    Every row is checked first; then all rows are written in one transaction, or none (a
    file of several plans, in its `plan` column: each plan's rows in one of their own).
    A row already in the ledger (same id, or without an id the same content) is skipped;
    an id already recorded with other content is refused. Who and when are set by plantrack.
    """
    from plantrack.errors import EntryConflictError
    from plantrack.inputs.rows import RowReader, SeveralPlans
    from plantrack.ledger.base import AddResult

    chosen = choose_plan(plan)
    loaded, path, bundled = chosen.plan, chosen.path, chosen.bundled
    stream, name = _open_input(file)
    try:
        # bytes: RowReader decodes line by line, so a bad byte is named exactly
        kind, day = _input_format(fmt, name, stream), today()
        if sheet is not None and kind != "xlsx":
            raise ValidationError(say("err.cli.sheet_not_xlsx"))
        text_encoding = {Encoding.auto: "auto", Encoding.utf8: "utf-8"}.get(encoding, "gb18030")

        once = not stream.seekable()

        def reader_of(of: Plan, elsewhere: str = "skip") -> Callable[[], RowReader]:
            return lambda: RowReader(stream, name, of, fmt=kind, today=day,
                                     encoding=text_encoding, sheet=sheet,
                                     default_plan=loaded.id, elsewhere=elsewhere)  # fmt: skip

        # Read once, other plans' rows are refused; else they stop the first pass, which is
        # then rolled back. (A wrong header fails here, first.)
        rows = _Passes(stream, reader_of(loaded, "refuse" if once else "stop"), name)
        with _import_ledger(db, path, bundled, dry_run) as ledger:
            say_which_plan(ledger, chosen, writing=True)
            who, at = author(by, ledger), now()

            def add(of: Plan, passes: _Passes, check_only: bool) -> AddResult:
                return ledger.add(of.id, iter(passes) if once else passes, by=who,
                                  at=at, kind="import", about=name, dry_run=check_only)  # fmt: skip

            every = [(loaded, rows)]
            try:
                result = add(loaded, rows, dry_run)
            except SeveralPlans as found:  # rolled back: check every plan's rows, then write
                rows = _Passes.again(stream, reader_of(loaded), name, rows.start)
                every = [(loaded, rows), *_other_plans(found.plans, rows, reader_of, name)]
                checked = [add(plan_of, passes, True) for plan_of, passes in every]
                done = checked if dry_run else _write_each(every, add)
                result = AddResult(sum(r.added for r in done), sum(r.skipped for r in done))
            read = sum(passes.last.rows for _, passes in every)
    except EntryConflictError as exc:
        problems = [say("err.cli.conflict", where=f"{name}:{new.line}", id=repr(new.id),
                        differs=_differs(new, old)) for new, old in exc.conflicts[:20]]
        n = len(exc.conflicts)
        summary = say("err.cli.conflicts", count=count(n, "conflict"), n=n, name=name)
        raise ValidationError(problems, summary) from None
    except ValidationError as exc:
        n = len(exc.problems)
        summary = say("err.cli.import_problems", count=count(n, "problem"), n=n, name=name)
        raise ValidationError(exc.said_all, summary) from None
    finally:
        stream.close()
    from plantrack.cli.options import lang_of
    from plantrack.i18n import t

    if dry_run:
        out(t("msg.dry_run", lang_of(None), rows=read, added=result.added,
              skipped=result.skipped))  # fmt: skip
        return
    out(t("msg.imported", lang_of(None), name=name, added=result.added, skipped=result.skipped,
          rows=read))  # fmt: skip


def _write_each(every: list[tuple[Plan, _Passes]],
                add: Callable[[Plan, _Passes, bool], AddResult]) -> list[AddResult]:
    """Each plan's rows, in a transaction of its own; if one fails after others were
    written, the error says which were (they stay: each is whole)."""
    from plantrack.errors import PlantrackError

    done: list[AddResult] = []
    for plan, passes in every:
        try:
            done.append(add(plan, passes, False))
        except PlantrackError as exc:
            if not done:
                raise
            written = ", ".join(p.id for p, _ in every[:len(done)])
            raise PlantrackError(say("err.cli.partly_imported", written=written, plan=plan.id,
                                     error=exc.said), exc.exit_code) from None
    return done


def _other_plans(plans: dict[str, int], rows: _Passes,
                 reader_of: Callable[[Plan], Callable[[], RowReader]],
                 name: str) -> list[tuple[Plan, _Passes]]:  # fmt: skip
    """The other plans the file's `plan` column names (each known, by its id), with the
    passes that read their rows; an unknown plan is a problem on its first line."""
    from plantrack.planfile.known import find_id

    found: list[tuple[Plan, _Passes]] = []
    for plan_id, line in plans.items():
        try:
            other = find_id(plan_id)[0]
        except NotFoundError as exc:
            raise ValidationError(say("err.at", where=f"{name}:{line}", what=exc.said)) from None
        found.append((other, _Passes.again(rows.stream, reader_of(other), name, rows.start)))
    return found


def _import_ledger(
    db: str | None, path: Path, bundled: bool, dry_run: bool
) -> AbstractContextManager[Ledger]:
    """The ledger to import into; for a dry run on a ledger not made yet, a scratch one."""
    from plantrack.paths import resolve_db

    location = str(resolve_db(db))
    is_file = "://" not in location or location.startswith("sqlite://")
    if dry_run and is_file and not Path(location.removeprefix("sqlite://")).exists():
        return _scratch_ledger()
    return ledger_at(db, path, bundled, write=True)


@contextmanager
def _scratch_ledger() -> Iterator[Ledger]:
    import tempfile

    from plantrack.ledger import open_ledger

    with (
        tempfile.TemporaryDirectory(prefix="plantrack-dry-run-") as folder,
        open_ledger(str(Path(folder) / "dry-run.db"), write=True) as ledger,
    ):
        yield ledger


def _differs(new: NewEntry, old: NewEntry) -> str:
    """Which fields of an entry differ from the one recorded under its id."""
    names = ("goal", "date", "kind", "value", "bound", "status", "note", "source")
    changed = [f"{n} {getattr(old, n)!s} -> {getattr(new, n)!s}" for n in names
               if getattr(new, n) != getattr(old, n)]  # fmt: skip
    text = "; ".join(changed)
    return text if len(text) <= 200 else text[:197] + "..."


def _open_input(file: str) -> tuple[IO[bytes], str]:
    """The import file (or stdin for ``-``) as a buffered byte stream, and its name."""
    import io

    if file == "-":
        raw: IO[bytes] = sys.stdin.buffer
        name = "<stdin>"
    else:
        try:
            # a large buffer: the encoding is told from the first megabyte (detect_encoding)
            raw = open(file, "rb", buffering=1 << 20)  # noqa: SIM115 - the caller closes it
        except FileNotFoundError:
            raise NotFoundError(say("err.cli.file_not_found", file=file)) from None
        except OSError as exc:
            why = say("err.cli.cannot_read", file=file, reason=exc.strerror)
            raise ValidationError(why) from None
        name = file
    if not hasattr(raw, "peek"):
        raw = io.BufferedReader(raw)  # type: ignore[arg-type]
    return raw, name


def _input_format(fmt: ImportFormat, name: str, stream: IO[bytes]) -> str:
    """csv, jsonl or xlsx: as asked, else by the file name, else by the first bytes."""
    if fmt is not ImportFormat.auto:
        return fmt.value
    lower = name.lower()
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    if lower.endswith(".csv"):
        return "csv"
    if lower.endswith((".xlsx", ".xlsm")):
        return "xlsx"
    raw = stream.peek(64)[:64]  # type: ignore[attr-defined]
    if raw.startswith(b"PK\x03\x04"):  # a zip: what an .xlsx is
        return "xlsx"
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    return "jsonl" if head.startswith(b"{") else "csv"


class _Passes:
    """An import file's rows, which a ledger may read twice (PostgreSQL does, when the
    file repeats ids): each pass after the first reads the file again from where the
    first began (stdin from a file may have been read partway before), with a fresh
    reader; ``last`` is the reader of the latest pass."""

    def __init__(self, stream: IO[bytes], reader: Callable[[], RowReader], name: str) -> None:
        self.stream, self.reader, self.name = stream, reader, name
        self.start = stream.tell() if stream.seekable() else 0
        self.last, self._passes = reader(), 0

    @classmethod
    def again(cls, stream: IO[bytes], reader: Callable[[], RowReader], name: str,
              start: int) -> _Passes:  # fmt: skip
        """Passes over the file from ``start`` (where the first began), each reading it
        anew: other passes move the stream between them."""
        stream.seek(start)
        passes = cls(stream, reader, name)
        passes._passes = 1  # the next pass seeks back to start, whatever moved the stream
        return passes

    def __iter__(self) -> Iterator[NewEntry]:
        if self._passes:
            self.stream.seek(self.start)
            self.last = self.reader()
        self._passes += 1
        return iter(_with_progress(self.last, self.name))


def _with_progress(rows: Iterable[NewEntry], name: str) -> Iterable[NewEntry]:
    """The rows, with a spinner and a count on stderr for long imports at a terminal."""
    return _counted(rows, name) if sys.stderr.isatty() else rows


def _counted(rows: Iterable[NewEntry], name: str) -> Iterator[NewEntry]:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("importing {task.description}: {task.completed:,.0f} rows"),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(name, total=None)
        for i, row in enumerate(rows, 1):
            if i % 5000 == 0:
                progress.update(task, completed=i)
            yield row
