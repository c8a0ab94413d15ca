"""The ledger itself: history, undo, void, restore, amend, doctor; ledger backup/restore/upgrade."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plantrack.cli import completion
from plantrack.cli.app import _summary_zh, app, command, count, out
from plantrack.cli.options import (
    ByOpt,
    DbOpt,
    JsonOpt,
    KnownAtOpt,
    LangOpt,
    PlanOpt,
    SectionOpt,
    author,
    date_option,
    lang_of,
    ledger_at,
    now,
    plan_at,
    today,
)
from plantrack.errors import CheckFailed, ValidationError, said
from plantrack.i18n import say

if TYPE_CHECKING:
    from plantrack.model.entries import Entry
    from plantrack.model.plan import Plan

EntryArg = Annotated[
    str,
    typer.Argument(metavar="ENTRY_ID", help="Entry id, or its first characters (4 or more).",
                   autocompletion=completion.entries),
]
ReasonOpt = Annotated[str, typer.Option("--reason", help="Why (kept in history).")]

ledger_app = typer.Typer(
    name="ledger",
    help=_summary_zh("ledger")
    or "The ledger itself: back it up, restore a backup, upgrade an older one, copy it "
    "to another database, grant and revoke its roles (PostgreSQL).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(ledger_app)


@command()
def history(
    goal: Annotated[
        str | None,
        typer.Argument(metavar="GOAL", help="Only this goal (id, id start or title).",
                       autocompletion=completion.goals),
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Include voided entries.")] = False,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="YYYY-MM-DD", help="Only entries dated on or after it."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="YYYY-MM-DD", help="Only entries dated on or before it."),
    ] = None,
    section: SectionOpt = None,
    by: Annotated[
        str | None, typer.Option("--by", help="Only entries recorded by this user.")
    ] = None,
    known_at: KnownAtOpt = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page (a list longer than the terminal goes through $PAGER, else less).",
        ),
    ] = False,
    json: JsonOpt = False,
    lang: LangOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """List ledger entries: ids, dates, values, changes, who and when, notes, sources."""
    loaded, path, bundled = plan_at(plan)
    goal_id = loaded.named(goal).id if goal else None
    first = date_option(since, "--since", None)
    last = date_option(until, "--until", None)
    if first is not None and last is not None and first > last:
        raise ValidationError(say("err.cli.since_after_until", since=first, until=last))
    known = date_option(known_at, "--known-at", None)
    if section is not None:
        from plantrack.reports.build import selected_goals

        in_section = {g.id for g in selected_goals(loaded, section)}  # an unknown one: exit 3
    with ledger_at(db, path, bundled, write=False) as ledger:
        entries = ledger.entries(loaded.id, goal_id, include_voided=show_all, as_of=last,
                                 known_at=known)  # fmt: skip
    if section is not None:
        entries = [e for e in entries if e.goal in in_section]

    def listed(e: Entry) -> bool:  # the other filters leave the changes counted on all
        return (first is None or e.date >= first) and (by is None or e.recorded_by == by)

    if json:
        from plantrack.output.tabular import entries_json

        out(entries_json([e for e in entries if listed(e)], loaded))
        return
    from plantrack.output.terminal import console, drawn, render_history
    from plantrack.reports.goalviews import history as history_view

    view = history_view(loaded, entries, lang_of(lang), listed)
    text = drawn(console(), render_history(view))
    if no_pager or not _page(text):
        out(text)


def _page(text: str) -> bool:
    """Show ``text`` through a pager when it is longer than the terminal (as git does):
    $PAGER, else less, with LESS=FRX unless set (colours kept; gone at once when it fits).
    False: not paged."""
    import os
    import shlex
    import shutil
    import subprocess

    if not sys.stdout.isatty() or text.count("\n") < shutil.get_terminal_size().lines:
        return False
    command = os.environ.get("PAGER", "less").strip()
    if not command or command == "cat":
        return False
    # as git does: less keeps colours, quits when the text fits, leaves the screen as is
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(shlex.split(command), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return False  # no such pager: print instead
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode("utf-8"))
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit the pager early
        pass
    pager.wait()
    return True


@command()
def undo(by: ByOpt = None, plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Revert your own last action (a record, an import, a void, a restore, an amend)."""
    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        done = ledger.undo(loaded.id, author(by, ledger), now())
    what = f"{done.kind} {done.about}".strip()
    effect = {"void": "restored", "restore": "voided again"}.get(done.kind, "voided")
    out(f"undid your {what} of {done.at[:16].replace('T', ' ')} UTC: "
        f"{count(done.entries, 'entry', 'entries')} {effect}")  # fmt: skip


@command()
def void(
    entry_id: EntryArg,
    reason: ReasonOpt,
    by: ByOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Void an entry: reports ignore it, history keeps it with the reason."""
    why = _reason(reason)
    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        entry = ledger.void(loaded.id, entry_id, why, author(by, ledger), now())
    from plantrack.i18n import t

    out(t("msg.voided", lang_of(None), id=entry.id, goal=entry.goal, day=entry.date, why=why))


@command()
def restore(entry_id: EntryArg, by: ByOpt = None, plan: PlanOpt = None,
            db: DbOpt = None) -> None:  # fmt: skip
    """Reverse the void of an entry: it counts again; the void stays in history."""
    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        entry = ledger.restore(loaded.id, entry_id, author(by, ledger), now())
    from plantrack.i18n import t

    out(t("msg.restored", lang_of(None), id=entry.id, goal=entry.goal, day=entry.date))


@command(context_settings={"ignore_unknown_options": True})
def amend(
    entry_id: EntryArg,
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The right value (as record takes it).")
    ],
    reason: Annotated[
        str, typer.Option("--reason", help="Why (kept in history).")
    ] = "amended",
    by: ByOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Replace an entry's value: the old entry is voided and the new one recorded, in one step."""
    import uuid
    from dataclasses import replace

    from plantrack.inputs.values import check_figure, parse_value

    why = _reason(reason)
    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        old = ledger.find(loaded.id, entry_id)
        goal = loaded.goal(old.goal)
        try:
            parsed = parse_value(value, milestone=goal.is_milestone, percent=goal.unit == "%",
                                 add=goal.counts_amounts)  # fmt: skip
            check_figure(goal, old.date, parsed)
        except ValueError as exc:
            raise ValidationError(say("err.goal_at", goal=repr(goal.id), what=said(exc))) from None
        new = replace(old.content(), id=uuid.uuid4().hex[:12], kind=parsed.kind,
                      value=parsed.value, status=parsed.status, bound=parsed.bound)  # fmt: skip
        before, after = ledger.amend(loaded.id, old.id, new, why, author(by, ledger), now())
    from plantrack.i18n import t

    out(t("msg.amended", lang_of(None), old=before.id, goal=after.goal, day=after.date,
          new=after.id))  # fmt: skip


def _reason(text: str) -> str:
    if not text.strip():
        raise ValidationError(say("err.cli.empty_reason"))
    return text.strip()


@command()
def doctor(plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Check the database (integrity, foreign keys, every stored entry) against the plan."""
    from plantrack.reports.doctor import plan_problems

    loaded, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=False) as ledger:
        problems = ledger.integrity_problems()
        if not problems:  # entries can be read: check them against the plan
            live = ledger.entries(loaded.id, include_voided=False)
            problems = plan_problems(loaded, ledger.goal_ids(loaded.id), live)
        total, voided = ledger.counts(loaded.id)
        where = ledger.location
    for p in problems[:100]:
        sys.stderr.write(f"{p}\n")
    if problems:
        n = len(problems)
        raise CheckFailed(say("err.cli.doctor_problems", count=count(n, "problem"), n=n,
                              where=where))  # fmt: skip
    out(f"{where}: ok: {total} entries ({voided} voided), integrity and foreign keys clean, "
        "every entry matches the plan")  # fmt: skip


# --------------------------------------------------------------------------- ledger ...


@command("backup", on=ledger_app)
def ledger_backup(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The copy to write (a new file).")],
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Copy the whole ledger, consistently, while others may be writing, to a new SQLite
    file (SQLite's online backup; from PostgreSQL, a copy of every row)."""
    from plantrack.output.files import write_new_file

    _, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=False) as ledger:
        write_new_file(Path(file), ledger.backup)
        where = ledger.location
    out(f"backed up {where} to {file}")


@command("restore", on=ledger_app)
def ledger_restore(
    file: Annotated[
        str, typer.Argument(metavar="FILE", help="A backup written by export entries (CSV).")
    ],
    by: ByOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Restore a backup made by export entries, with who recorded each entry and when,
    into an empty ledger. The file is checked whole first."""
    from plantrack.cli.entry_cmds import _open_input
    from plantrack.inputs.rows import RowReader

    loaded, path, bundled = plan_at(plan)
    stream, name = _open_input(file)
    try:
        reader = RowReader(stream, name, loaded, fmt="csv", today=today(), backup=True)
        with ledger_at(db, path, bundled, write=True) as ledger:
            added = ledger.load_backup(loaded.id, reader, by=author(by, ledger), at=now(),  # type: ignore[arg-type]
                                       about=name)  # fmt: skip
            where = ledger.location
    except ValidationError as exc:
        n = len(exc.problems)
        summary = say("err.cli.restore_problems", count=count(n, "problem"), n=n, name=name)
        raise ValidationError(exc.said_all, summary) from None
    finally:
        stream.close()
    out(f"restored {name} into {where}: {count(added, 'entry', 'entries')}")


@command("upgrade", on=ledger_app)
def ledger_upgrade(plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Bring a ledger from an older plantrack up to this version (reports never change one)."""
    _, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        where = ledger.location
    out(f"{where}: up to date")


class Role(StrEnum):
    reader = "reader"
    recorder = "recorder"


UserArg = Annotated[str, typer.Argument(metavar="USER", help="A database role (user).")]
RoleOpt = Annotated[
    Role,
    typer.Option("--role", help="reader: reports only; recorder: also record, import, void, "
                 "restore, amend and undo their own."),
]
TargetArg = Annotated[
    str, typer.Argument(metavar="TO", help="An empty ledger: a new SQLite file or a URL.")
]


UnitsOpt = Annotated[
    list[str] | None,
    typer.Option("--unit", metavar="UNIT",
                 help="A recorder for this unit only (its id, or its name in the plan: 郑州); "
                 "repeat for more. They record, void and restore only that unit's entries. "
                 "Granting again replaces the units; none: every unit."),
]


@command("grant", on=ledger_app)
def ledger_grant(
    role_name: UserArg,
    role: RoleOpt,
    unit: UnitsOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Let a database user read or record in a PostgreSQL ledger (the owner runs this; it
    sets the ledger up on first use)."""
    from plantrack.i18n import t

    loaded, path, bundled = plan_at(plan)
    units = _units_named(loaded, unit or [], role)
    with ledger_at(db, path, bundled, write=True) as ledger:
        ledger.grant(role_name, role.value, units)
        where = ledger.location
    if units:
        out(t("msg.granted_units", lang_of(None), role=role_name, where=where,
              units=", ".join(units)))  # fmt: skip
    else:
        said = {Role.reader: "msg.granted_reader", Role.recorder: "msg.granted_recorder"}
        out(t(said[role], lang_of(None), role=role_name, where=where))


def _units_named(loaded: Plan, names: list[str], role: Role) -> list[str]:
    """The unit ids a recorder is limited to: each named as the plan names its units (an
    id, 郑州 or 郑州市), or, where the plan declares none, an id as given."""
    if names and role is not Role.recorder:
        raise ValidationError(say("err.pg.units_reader"))
    if loaded.units:
        return list(dict.fromkeys(loaded.unit_named(name) for name in names))
    from plantrack.errors import quoted
    from plantrack.planfile.validate import _ID

    for name in names:
        if not _ID.fullmatch(name):
            raise ValidationError(say("err.plan.unit_id", text=quoted(name)))
    return list(dict.fromkeys(names))


@command("revoke", on=ledger_app)
def ledger_revoke(role_name: UserArg, plan: PlanOpt = None, db: DbOpt = None) -> None:
    """Take every right on a PostgreSQL ledger from a database user (what they recorded
    stays, with their name)."""
    _, path, bundled = plan_at(plan)
    with ledger_at(db, path, bundled, write=True, must_exist=True) as ledger:
        ledger.revoke(role_name)
        where = ledger.location
    out(f"{role_name} has no rights on {where} now")


@command("copy", on=ledger_app)
def ledger_copy(
    source: Annotated[str, typer.Argument(metavar="FROM", help="The ledger to copy.")],
    target: TargetArg,
    plan: PlanOpt = None,
) -> None:
    """Copy a whole ledger, who and when intact, between SQLite and PostgreSQL. Run
    again, it finds the copy done; then it checks that both give the same reports."""
    loaded, _, _ = plan_at(plan)
    out(_copy(loaded, source, target))


def _copy(loaded: Plan, source: str, target: str) -> str:
    """Copy the ledger ``source`` into the empty ledger ``target`` (or find it copied),
    check both give the same reports on ``loaded``, and say so."""
    from plantrack.ledger import open_ledger
    from plantrack.ledger.base import same_dump

    with open_ledger(source, write=False) as src, open_ledger(target, write=True) as dst:
        if dst.is_empty():
            copied = dst.load_dump(src.dump())
        elif same_dump(src.dump(), dst.dump()):
            copied = 0
        else:
            raise ValidationError(say("err.cli.copy_not_empty", dst=dst.location,
                                      src=src.location))  # fmt: skip
        where, to = src.location, dst.location
    checked = _same_reports(loaded, source, target)
    done = f"copied {count(copied, 'entry', 'entries')}" if copied else "already a copy"
    return f"{where} -> {to}: {done}; {checked}"


@command("adopt", on=ledger_app)
def ledger_adopt(
    file: Annotated[str, typer.Argument(metavar="FILE", help="The ledger to move in.")],
    plan: PlanOpt = None,
) -> None:
    """Move in a ledger an earlier plantrack kept beside a plan file.

    It is copied into the user's ledger (an empty one: else nothing moves), both are
    checked to give the same report, and the old file is kept as FILE.adopted."""
    from plantrack.paths import resolve_db

    loaded, _, _ = plan_at(plan)
    target = str(resolve_db(None))
    if Path(file).resolve() == Path(target).resolve():
        raise ValidationError(say("err.cli.adopt_itself", file=file))
    kept = Path(file).with_name(Path(file).name + ".adopted")
    if kept.exists():
        raise ValidationError(say("err.cli.adopted_exists", kept=kept))
    from plantrack.ledger import open_ledger

    with open_ledger(file, write=True, must_exist=True):
        pass  # a ledger of an older plantrack is brought up to this version first
    said_done = _copy(loaded, file, target)
    # The write-ahead log goes with its database (SQLite reads NAME-wal beside NAME).
    for suffix in ("-wal", "-shm", ""):
        part = Path(file + suffix)
        if part.exists():
            part.rename(Path(str(kept) + suffix))
    out(f"{said_done}; {file} is kept as {kept}")


def _same_reports(loaded: Plan, source: str, target: str) -> str:
    """Check that the two ledgers count the same entries of this plan (and voided ones) and
    give the same status report as of today; say what was checked."""
    from plantrack.ledger import open_ledger
    from plantrack.reports.build import build_report
    from plantrack.reports.query import ReportQuery
    from plantrack.reports.records import report_dict

    query = ReportQuery(as_of=today(), known_at=None, section=None, statuses=(),
                        sort="plan", method=None, lang="en")  # fmt: skip
    readings = []
    for location in (source, target):
        with open_ledger(location, write=False) as ledger:
            report = report_dict(build_report(loaded, ledger, query))
            report.pop("ledger", None)
            readings.append((ledger.counts(loaded.id), report))
    if readings[0] != readings[1]:
        raise CheckFailed(say("err.cli.copy_differs", source=source))
    (total, voided), _ = readings[0]
    return f"checked: {total} entries ({voided} voided), the same status report"
