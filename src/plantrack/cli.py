"""The plantrack command line: parse options, call the core, pick a renderer.

No SQL and no arithmetic here. Heavy modules (Rich, the renderers) are
imported inside the commands that need them, so `plantrack record` starts fast.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from plantrack.errors import (
    CheckFailed,
    ExitCode,
    NotFoundError,
    PlantrackError,
    ValidationError,
)

if TYPE_CHECKING:
    from plantrack.analysis import Report
    from plantrack.plan import Plan

app = typer.Typer(
    name="plantrack",
    help="Track a development plan's quantified goals: record progress, see where each goal "
    "stands, how far behind it is and what pace is needed, and export reports.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


# --------------------------------------------------------------------------- error boundary


def _fail(message: str, code: int, label: str = "error") -> typer.Exit:
    sys.stderr.write(f"plantrack: {label}: {message}\n")
    return typer.Exit(code)


def command(*args: Any, **kwargs: Any) -> Callable[[F], F]:
    """app.command() plus the one error boundary: domain errors -> one line + exit code."""

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def guarded(*a: Any, **kw: Any) -> Any:
            try:
                result = fn(*a, **kw)
                sys.stdout.flush()  # a full disk or closed pipe shows here, inside the boundary
                return result
            except ValidationError as exc:
                if len(exc.problems) > 1:
                    for problem in exc.problems:
                        sys.stderr.write(f"{problem}\n")
                    n = len(exc.problems)
                    raise _fail(exc.summary or f"{n} problems", exc.exit_code) from None
                raise _fail(str(exc), exc.exit_code) from None
            except CheckFailed as exc:  # a finding, not a failure of the tool
                raise _fail(str(exc), exc.exit_code, "check failed") from None
            except PlantrackError as exc:
                raise _fail(str(exc), exc.exit_code) from None
            except KeyboardInterrupt:
                raise _fail("interrupted", ExitCode.INTERRUPTED) from None
            except BrokenPipeError:
                # The reader went away (e.g. `| head`): stop quietly.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
                raise typer.Exit(0) from None
            except OSError as exc:  # writing the output failed (e.g. disk full: > /dev/full)
                reason = exc.strerror or str(exc)
                raise _fail(f"cannot write the output: {reason}", ExitCode.IO_ERROR) from None
            except Exception as exc:
                if os.environ.get("PLANTRACK_DEBUG"):
                    raise
                raise _fail(
                    f"internal error: {type(exc).__name__}: {exc} "
                    "(set PLANTRACK_DEBUG=1 to see the traceback)",
                    ExitCode.INTERNAL,
                ) from None

        app.command(*args, **kwargs)(guarded)
        return fn

    return decorate


def main() -> None:
    """Entry point. Builds only the command being run: Typer inspects every
    registered command's signature on each start (~10 ms for all of them).

    The cyclic garbage collector is off while a command runs (reference
    counting frees what the commands make; they build no reference cycles in
    bulk) and everything still alive is frozen at the end, so the collection
    Python runs at exit has nothing to walk. Together that is ~30 ms of a
    ~200 ms start, measured by bench/run.py; peak memory is unchanged.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        _run()
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _run() -> None:
    wanted = sys.argv[1] if len(sys.argv) > 1 else ""
    chosen = [c for c in app.registered_commands if _name(c) == wanted]
    if not chosen:  # --help, --version, completion, a typo: the full app
        app()
        return
    everything = app.registered_commands
    app.registered_commands = chosen
    try:
        app()
    finally:
        app.registered_commands = everything


def _name(info: Any) -> str:
    return info.name or info.callback.__name__.replace("_", "-")


# --------------------------------------------------------------------------- shared options


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Method(StrEnum):
    linear = "linear"
    cagr = "cagr"


class Sort(StrEnum):
    plan = "plan"
    status = "status"
    progress = "progress"
    pace = "pace"
    id = "id"


class ExportWhat(StrEnum):
    status = "status"
    gaps = "gaps"
    entries = "entries"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    md = "md"


class ImportFormat(StrEnum):
    auto = "auto"
    csv = "csv"
    jsonl = "jsonl"


PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        envvar="PLANTRACK_PLAN",
        show_envvar=True,
        help="Plan file. Default: ./targets.yaml, else the bundled Henan plan.",
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="PLANTRACK_DB",
        show_envvar=True,
        help="Ledger database. Default: plantrack.db beside the plan file, or in "
        "the user data folder for the bundled plan.",
    ),
]
LangOpt = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of titles and headers. Default: $PLANTRACK_LANG, "
        "else zh under a Chinese locale, else en.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Report date: use entries dated on or before it. Default: today.",
    ),
]
KnownAtOpt = Annotated[
    str | None,
    typer.Option(
        "--known-at",
        metavar="YYYY-MM-DD",
        help="Also ignore entries and voids recorded after this day (UTC), "
        "to reproduce a past report exactly.",
    ),
]
SectionOpt = Annotated[str | None, typer.Option("--section", help="Only goals in this section.")]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option("--status", help="Only goals with this status (repeatable)."),
]
SortOpt = Annotated[Sort | None, typer.Option("--sort", help="Row order.")]
MethodOpt = Annotated[
    Method | None,
    typer.Option(
        "--method", help="Pace method for every goal. Default: each goal's own, else linear."
    ),
]
ByOpt = Annotated[str | None, typer.Option("--by", help="Who records this. Default: OS user.")]


def _lang(option: Lang | None) -> str:
    if option is not None:
        return option.value
    env = os.environ.get("PLANTRACK_LANG", "").lower()
    if env in ("zh", "en"):
        return env
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def _today() -> date:
    return date.today()


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _text(option: str | None) -> str | None:
    """Free text as stored: ends trimmed (as `import` trims them), empty -> None."""
    return (option or "").strip() or None


def _user(option: str | None) -> str:
    if option and option.strip():
        return option.strip()
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "unknown"


def _date_option(text: str | None, name: str, default: date | None) -> date | None:
    if text is None:
        return default
    try:
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{name} must be a date YYYY-MM-DD, got {text!r}") from None


def _report_dates(
    as_of: str | None, known_at: str | None, *, default_today: bool = True
) -> tuple[Any, date | None, str]:
    """(as-of day, known-at day, the ledger's recorded_at bound) from the report options."""
    from plantrack.ledger import known_bound

    day = _date_option(as_of, "--as-of", _today() if default_today else None)
    known = _date_option(known_at, "--known-at", None)
    return day, known, known_bound(known)


def _load(plan_opt: str | None, goal: str | None = None) -> tuple[Plan, Path, bool]:
    """(plan, its path, is_bundled). With ``goal``, only that goal may be loaded."""
    from plantrack import plancache
    from plantrack.paths import resolve_plan

    path, bundled = resolve_plan(plan_opt)
    if goal is not None:
        return plancache.load_for_goal(path, goal), path, bundled
    return plancache.load(path), path, bundled


def _ledger(
    db_opt: str | None, plan_path: Path, bundled: bool, *, write: bool, existing: bool = False
) -> Any:
    """The ledger; with ``existing``, a missing database is an error, never created."""
    from plantrack.ledger import Ledger
    from plantrack.paths import resolve_db

    path = resolve_db(db_opt, plan_path, bundled)
    if existing and not path.exists():
        raise NotFoundError(f"no database at {path}")
    return Ledger.open(path, write=write)


def _out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _print(renderable: Any) -> None:
    from plantrack.render import console

    console().print(renderable)


# --------------------------------------------------------------------------- plan commands


@command()
def validate(
    path: Annotated[
        str | None, typer.Argument(metavar="PATH", help="Plan file. Default: as --plan.")
    ] = None,
    plan: PlanOpt = None,
) -> None:
    """Check a plan file; print a one-line summary, or every problem with file:line:column."""
    from plantrack.paths import resolve_plan
    from plantrack.plan import load_plan

    where, _ = resolve_plan(path or plan)
    try:
        loaded = load_plan(where)  # always a fresh validation, never the plan cache
    except ValidationError as exc:
        n = len(exc.problems)
        raise ValidationError(exc.problems, f"{where}: {_count(n, 'problem')}") from None
    kinds: dict[str, int] = {}
    for g in loaded.goals:
        kinds[g.kind] = kinds.get(g.kind, 0) + 1
    detail = ", ".join(f"{n} {k}" for k, n in kinds.items())
    _out(
        f"{where}: valid: plan {loaded.id!r}, {_count(len(loaded.goals), 'goal')} ({detail}), "
        f"{_count(len(loaded.sections), 'section')}, "
        f"period {loaded.period_start} to {loaded.period_end}"
    )


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


@command()
def goals(
    section: SectionOpt = None,
    json: JsonOpt = False,
    lang: LangOpt = None,
    plan: PlanOpt = None,
) -> None:
    """List the plan's goals."""
    loaded, _, _ = _load(plan)
    selected = [g for g in loaded.goals if section is None or g.section == section]
    if section is not None and not selected:
        from plantrack.plan import suggest

        raise NotFoundError(f"no section {section!r}{suggest(section, loaded.sections)}")
    if json:
        from plantrack.export import goals_json

        _out(goals_json(selected))
        return
    from plantrack.render import goals_table

    _print(goals_table(loaded, selected, _lang(lang)))


@command()
def schema() -> None:
    """Print the JSON Schema of the plan file format (targets.yaml)."""
    from plantrack.paths import schema_path

    _out(schema_path().read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- ledger commands


@command(context_settings={"ignore_unknown_options": True})
def record(
    goal: Annotated[str, typer.Argument(metavar="GOAL", help="Goal id (see 'plantrack goals').")],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The goal's value on that date: 12, 0.5, 1,000 (= 1000), 1.5万 (= 15000); "
            ">13000 is a lower bound; +3 or -2 records a change; a milestone takes "
            "not_started, in_progress or done.",
        ),
    ],
    on: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Date the value describes. Default: today."
        ),
    ] = None,
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
    by: ByOpt = None,
    json: JsonOpt = False,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Record a goal's value (or a change, or a milestone's status) on a date."""
    from plantrack.inputs import parse_value

    def build(g: Any) -> dict[str, Any]:
        try:
            parsed = parse_value(value, milestone=g.is_milestone, add=add)
        except ValueError as exc:
            raise ValidationError(f"goal {g.id!r}: {exc}") from None
        bound = parsed.bound or ("lower" if lower_bound else None)
        if bound and parsed.kind != "total":
            raise ValidationError("--lower-bound applies to a value, not to a change or a status")
        fields = {"kind": parsed.kind, "value": parsed.value, "status": parsed.status}
        return {**fields, "bound": bound, "note": _text(note)}

    _append(plan, db, goal, on, source, by, json, "recorded", build)


@command(name="note")
def note_cmd(
    goal: Annotated[str, typer.Argument(metavar="GOAL", help="Goal id.")],
    text: Annotated[
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
    if not text.strip():
        raise ValidationError("the note text is empty")
    _append(plan, db, goal, on, source, by, json, "noted",
            lambda g: {"kind": "note", "note": text.strip()})  # fmt: skip


def _append(
    plan: str | None,
    db: str | None,
    goal: str,
    on: str | None,
    source: str | None,
    by: str | None,
    as_json: bool,
    verb: str,
    build: Callable[[Any], dict[str, Any]],
) -> None:
    """Load the goal, check the date, append one entry built by ``build(goal)``, report it."""
    import uuid

    from plantrack.inputs import parse_date
    from plantrack.ledger import NewEntry

    loaded, path, bundled = _load(plan, goal)
    g = loaded.goal(goal)
    try:
        day = parse_date(on, _today(), "--date") if on else _today()
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    entry = NewEntry(
        id=uuid.uuid4().hex[:12], goal=g.id, date=day, source=_text(source),
        recorded_by=_user(by), recorded_at=_now(), **build(g),
    )  # fmt: skip
    with _ledger(db, path, bundled, write=True) as ledger:
        ledger.add(loaded.id, [entry])
    _report_entry(verb, entry, as_json)


def _report_entry(verb: str, entry: Any, as_json: bool) -> None:
    from plantrack.inputs import format_value

    if as_json:
        from plantrack.export import entries_json

        _out(entries_json([entry]))
        return
    shown = format_value(entry.kind, entry.value, entry.status)
    if entry.bound == "lower":
        shown = f">= {shown}"
    what = f"{entry.goal} = {shown}" if shown else entry.goal
    _out(f"{verb} {what} on {entry.date} (entry {entry.id})")


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
    by: ByOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Import entries from CSV (goal,date,value[,note,source,by,id,...]) or JSON Lines.

    Every row is checked first; then all rows are written in one transaction, or none.
    Rows already in the ledger (same id, or same goal, date, value and source) are skipped.
    """
    import io

    from plantrack.inputs import RowReader

    loaded, path, bundled = _load(plan)
    if file == "-":
        raw = sys.stdin.buffer
        name = "<stdin>"
    else:
        try:
            raw = open(file, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            raise NotFoundError(f"file not found: {file}") from None
        except OSError as exc:
            raise ValidationError(f"cannot read {file}: {exc.strerror}") from None
        name = file
    buffered = io.BufferedReader(raw) if not hasattr(raw, "peek") else raw
    kind = fmt.value
    if kind == "auto":
        lower = name.lower()
        if lower.endswith((".jsonl", ".ndjson", ".json")):
            kind = "jsonl"
        elif lower.endswith(".csv"):
            kind = "csv"
        else:
            head = buffered.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
            kind = "jsonl" if head.startswith(b"{") else "csv"
    stream = buffered  # bytes: RowReader decodes line by line, so a bad byte is named exactly
    reader = RowReader(
        stream, name, loaded, fmt=kind, today=_today(), recorded_by=_user(by), recorded_at=_now()
    )
    rows = _with_progress(reader, name)
    try:
        if dry_run:
            from plantrack.inputs import count_new

            with _ledger(db, path, bundled, write=False) as ledger:
                new, present = count_new(rows, lambda i: ledger.has_entry(loaded.id, i))
            _out(
                f"dry run: {reader.rows} rows valid; would add {new}, {present} already "
                "recorded; nothing was written"
            )
            return
        with _ledger(db, path, bundled, write=True) as ledger:
            result = ledger.add(loaded.id, rows)
    except ValidationError as exc:
        n = len(exc.problems)
        summary = f"{_count(n, 'problem')} in {name}; nothing was imported"
        raise ValidationError(exc.problems, summary) from None
    finally:
        stream.close()
    _out(
        f"imported {name}: {result.added} added, {result.skipped} already recorded "
        f"({reader.rows} rows)"
    )


def _with_progress(rows: Any, name: str) -> Any:
    """Yield rows, showing a spinner with a count on stderr for long imports at a terminal."""
    if not sys.stderr.isatty():
        yield from rows
        return
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


@command()
def history(
    goal: Annotated[str | None, typer.Argument(metavar="GOAL", help="Only this goal.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Include voided entries.")] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """List ledger entries: ids, dates, values, changes, who and when, notes, sources."""
    loaded, path, bundled = _load(plan, goal)
    goal_id = loaded.goal(goal).id if goal else None
    with _ledger(db, path, bundled, write=False) as ledger:
        entries = ledger.entries(loaded.id, goal_id, include_voided=show_all)
    if json:
        from plantrack.export import entries_json

        _out(entries_json(entries, loaded))
        return
    from plantrack.render import history_table

    _print(history_table(loaded, entries, _lang(lang)))


@command()
def undo(by: ByOpt = None, plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Void the last entry recorded in this database (it stays in history as voided)."""
    loaded, path, bundled = _load(plan)
    with _ledger(db, path, bundled, write=True, existing=True) as ledger:
        entry = ledger.undo(loaded.id, _user(by), _now())
    _out(f"voided entry {entry.id}: {entry.goal} on {entry.date} (reason: undo)")


@command()
def void(
    entry_id: Annotated[
        str, typer.Argument(metavar="ENTRY_ID", help="Entry id, or its first characters.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why it is voided (kept in history).")],
    by: ByOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Void an entry: reports ignore it, history keeps it with the reason."""
    if not reason.strip():
        raise ValidationError("--reason must not be empty")
    loaded, path, bundled = _load(plan)
    with _ledger(db, path, bundled, write=True, existing=True) as ledger:
        entry = ledger.void(loaded.id, entry_id, reason.strip(), _user(by), _now())
    _out(f"voided entry {entry.id}: {entry.goal} on {entry.date} (reason: {reason.strip()})")


@command()
def doctor(plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Check the database (integrity, foreign keys) and every entry against the plan."""
    loaded, path, bundled = _load(plan)
    with _ledger(db, path, bundled, write=False, existing=True) as ledger:
        problems = ledger.integrity_problems()
        unknown = [g for g in ledger.goal_ids(loaded.id) if not loaded.has_goal(g)]
        problems += [f"entries for goal {g!r}, which the plan no longer has" for g in unknown]
        for e in ledger.entries(loaded.id, include_voided=False):
            if not loaded.has_goal(e.goal):
                continue
            g = loaded.goal(e.goal)
            if g.is_milestone and e.kind not in ("status", "note"):
                problems.append(f"entry {e.id}: milestone {g.id!r} has a numeric value")
            elif not g.is_milestone and e.kind == "status":
                problems.append(f"entry {e.id}: goal {g.id!r} has a milestone status")
        total, voided = ledger.counts(loaded.id)
        where = ledger.path
    for p in problems:
        sys.stderr.write(f"{p}\n")
    if problems:
        raise CheckFailed(f"{_count(len(problems), 'problem')} found in {where}")
    _out(
        f"{where}: ok: {total} entries ({voided} voided), integrity and foreign keys clean, "
        "every entry matches the plan"
    )


# --------------------------------------------------------------------------- reports


def _report(
    plan_opt: str | None,
    db_opt: str | None,
    as_of: str | None,
    known_at: str | None,
    section: str | None,
    status: list[str] | None,
    sort: Sort | None,
    method: Method | None,
    default_sort: Sort = Sort.plan,
) -> tuple[Plan, Report]:
    from plantrack import plancache
    from plantrack.analysis import SEVERITY, make_report
    from plantrack.paths import resolve_plan
    from plantrack.plan import suggest

    path, bundled = resolve_plan(plan_opt)
    outline = plancache.outline(path)
    day, known, bound = _report_dates(as_of, known_at)
    for s in status or []:
        if s not in SEVERITY:
            raise ValidationError(f"unknown status {s!r}{suggest(s, SEVERITY)}")
    sections = list(dict.fromkeys(outline.goal_sections))
    if section is not None and section not in sections:
        raise NotFoundError(f"no section {section!r}{suggest(section, sections)}")
    ids = [i for i, s in zip(outline.goal_ids, outline.goal_sections, strict=True)
           if section is None or s == section]  # fmt: skip
    with _ledger(db_opt, path, bundled, write=False) as ledger:
        # The query starts first; the goals are built, then analysed chunk by
        # chunk, while it runs.
        figures = ledger.iter_figures(outline.id, day, bound, ids)
        loaded = outline.plan()
        goals = [g for g in loaded.goals if section is None or g.section == section]
        report = make_report(
            loaded, goals, figures, day, known_at=known, method=method.value if method else None,
            statuses=status or (), sort=(sort or default_sort).value,
        )  # fmt: skip
    return loaded, report


@command()
def status(
    as_of: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    section: SectionOpt = None,
    status: StatusOpt = None,
    sort: SortOpt = None,
    lang: LangOpt = None,
    method: MethodOpt = None,
    json: JsonOpt = False,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Where each goal stands: current vs target, progress, expected by now, status."""
    _, report = _report(plan, db, as_of, known_at, section, status, sort, method)
    if json:
        from plantrack.export import report_json

        _out(report_json(report))
        return
    from plantrack.render import status_view

    _print(status_view(report, _lang(lang)))


@command()
def gaps(
    as_of: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    section: SectionOpt = None,
    status: StatusOpt = None,
    sort: SortOpt = None,
    lang: LangOpt = None,
    method: MethodOpt = None,
    json: JsonOpt = False,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """The gap report, worst first: gap, time left, required vs actual pace, projections."""
    _, report = _report(
        plan, db, as_of, known_at, section, status, sort, method, default_sort=Sort.status
    )
    if json:
        from plantrack.export import report_json

        _out(report_json(report))
        return
    from plantrack.render import gaps_view

    _print(gaps_view(report, _lang(lang)))


@command()
def show(
    goal: Annotated[str, typer.Argument(metavar="GOAL", help="Goal id.")],
    as_of: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    lang: LangOpt = None,
    method: MethodOpt = None,
    json: JsonOpt = False,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Everything about one goal: source, baseline, target, entries, figures and a chart."""
    from plantrack.analysis import make_report
    loaded, path, bundled = _load(plan, goal)
    g = loaded.goal(goal)
    day, known, bound = _report_dates(as_of, known_at)
    with _ledger(db, path, bundled, write=False) as ledger:
        figures = ledger.figures(loaded.id, day, bound, [g.id]).values()
        entries = ledger.entries(loaded.id, g.id, known_at=bound)
    report = make_report(
        loaded, [g], figures, day, known_at=known, method=method.value if method else None
    )
    result = report.results[0]
    if json:
        from plantrack.export import show_json

        _out(show_json(report, entries))
        return
    from plantrack.render import show_view

    _print(show_view(result, entries, _lang(lang)))


@command()
def check(
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Fail when any goal is at this "
            "status or worse: behind, off_track, regressing, "
            "missed, no_data.",
        ),
    ] = "off_track",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
    as_of: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    section: SectionOpt = None,
    method: MethodOpt = None,
    lang: LangOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """For cron and CI: exit 1 when a goal is at or worse than --fail-on, listing them."""
    from plantrack.analysis import SEVERITY, at_or_worse
    from plantrack.plan import suggest

    if fail_on not in SEVERITY:
        raise ValidationError(f"unknown status {fail_on!r}{suggest(fail_on, SEVERITY)}")
    _, report = _report(plan, db, as_of, known_at, section, None, Sort.status, method)
    offenders = at_or_worse(report.results, fail_on)
    language = _lang(lang)
    for r in offenders:
        _out(f"{r.status}\t{r.goal.id}\t{r.goal.title(language)}")
    if offenders:
        raise CheckFailed(
            f"{_count(len(offenders), 'goal')} at or worse than {fail_on} as of {report.as_of}"
        )
    if not quiet:
        _out(
            f"ok: no goal at or worse than {fail_on} as of {report.as_of} "
            f"({_count(len(report.results), 'goal')} checked)"
        )


@command()
def export(
    what: Annotated[ExportWhat, typer.Argument(metavar="WHAT", help="status, gaps or entries.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.csv,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", help="File to write (atomically). Default: stdout."),
    ] = None,
    no_bom: Annotated[
        bool,
        typer.Option(
            "--no-bom", help="CSV without the UTF-8 BOM that Excel needs to show Chinese."
        ),
    ] = False,
    as_of: AsOfOpt = None,
    known_at: KnownAtOpt = None,
    section: SectionOpt = None,
    status: StatusOpt = None,
    sort: SortOpt = None,
    lang: LangOpt = None,
    method: MethodOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Export a report or the ledger as CSV (Excel-ready), JSON or Markdown."""
    from plantrack import export as ex

    language = _lang(lang)
    if what is ExportWhat.entries:
        from plantrack.plan import suggest

        loaded, path, bundled = _load(plan)
        day, _, bound = _report_dates(as_of, known_at, default_today=False)
        if section is not None and section not in loaded.sections:
            raise NotFoundError(f"no section {section!r}{suggest(section, loaded.sections)}")
        goal_ids = None
        if status:  # the entries behind the goals at these statuses (as of --as-of or today)
            _, selected = _report(plan, db, as_of, known_at, section, status, None, method)
            goal_ids = {r.goal.id for r in selected.results}
        with _ledger(db, path, bundled, write=False) as ledger:
            entries = ledger.entries(loaded.id, known_at=bound, as_of=day)
        if section is not None or goal_ids is not None:
            entries = [
                e
                for e in entries
                if loaded.has_goal(e.goal)
                and (section is None or loaded.goal(e.goal).section == section)
                and (goal_ids is None or e.goal in goal_ids)
            ]

        def write(stream: Any) -> None:
            ex.write_entries(stream, entries, loaded, fmt.value, bom=not no_bom, lang=language)
    else:
        _, report = _report(
            plan,
            db,
            as_of,
            known_at,
            section,
            status,
            sort,
            method,
            default_sort=Sort.status if what is ExportWhat.gaps else Sort.plan,
        )

        def write(stream: Any) -> None:
            ex.write_report(stream, report, what.value, fmt.value, bom=not no_bom, lang=language)

    if output is None:
        ex.write_stream(sys.stdout.buffer, write)
    else:
        ex.write_atomic(Path(output), write)
        sys.stderr.write(f"wrote {output}\n")


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
) -> None:
    if version:
        from plantrack import __version__

        _out(f"plantrack {__version__}")
        raise typer.Exit(0)
