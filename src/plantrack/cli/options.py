"""Options shared by the commands, and what they resolve to: the plan, the ledger, the query."""

from __future__ import annotations

import functools
import inspect
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from plantrack.cli import completion
from plantrack.errors import ValidationError, said
from plantrack.i18n import Message, say

if TYPE_CHECKING:
    from plantrack.ledger import Ledger
    from plantrack.model.plan import Plan
    from plantrack.planfile.known import Chosen
    from plantrack.reports.query import ReportQuery

F = TypeVar("F", bound=Callable[..., Any])


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class Method(StrEnum):
    linear = "linear"
    cagr = "cagr"


class By(StrEnum):
    unit = "unit"


class Sort(StrEnum):
    plan = "plan"
    status = "status"
    progress = "progress"
    pace = "pace"
    id = "id"


PlanOpt = Annotated[
    str | None,
    typer.Option(
        "--plan",
        envvar="PLANTRACK_PLAN",
        show_envvar=True,
        help="Plan id or plan file (plantrack plans lists them). Default: ./targets.yaml, "
        "else the bundled plan of the current period.",
        autocompletion=completion.plans,
    ),
]
DbOpt = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="PLANTRACK_DB",
        show_envvar=True,
        help="Ledger database. Default: the user's one ledger, plantrack.db in the user "
        "data folder (PLANTRACK_HOME), holding every plan.",
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
GOAL_HELP = ("The goal: its id, the start of its id, or a piece of its title that only it "
             "has (省实验室); see 'plantrack goals'.")
GoalArg = Annotated[str, typer.Argument(metavar="GOAL", help=GOAL_HELP,
                                        autocompletion=completion.goals)]  # fmt: skip
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
SectionOpt = Annotated[
    str | None,
    typer.Option("--section", help="Only goals in this section.",
                 autocompletion=completion.sections),
]
StatusOpt = Annotated[
    list[str] | None,
    typer.Option("--status", help="Only goals with this status (repeatable).",
                 autocompletion=completion.statuses),
]
SortOpt = Annotated[Sort | None, typer.Option("--sort", help="Row order.")]
MethodOpt = Annotated[
    Method | None,
    typer.Option(
        "--method", help="Pace method for every goal. Default: each goal's own, else linear."
    ),
]
ByOpt = Annotated[str | None, typer.Option("--by", help="Who records this. Default: OS user.")]

UnitOpt = Annotated[
    str | None,
    typer.Option("--unit", metavar="UNIT",
                 help="One unit's part of the goals broken down over it (指标分解): its share "
                 "is the target. Its id or Chinese name: zhengzhou, 郑州, 郑州市."),
]
ByUnitOpt = Annotated[
    By | None,
    typer.Option("--by", help="unit: the goals broken down over units, unit by unit "
                 "(status: a goal x unit table; gaps and check: every unit's part)."),
]
# The options that make a ReportQuery, in the order --help lists them.
REPORT_OPTIONS: dict[str, Any] = {
    "as_of": AsOfOpt, "known_at": KnownAtOpt, "section": SectionOpt, "status": StatusOpt,
    "sort": SortOpt, "lang": LangOpt, "method": MethodOpt, "unit": UnitOpt, "by": ByUnitOpt,
}  # fmt: skip


# --------------------------------------------------------------------------- simple values


def lang_of(option: Lang | None) -> str:
    """--lang, else $PLANTRACK_LANG, else zh under a Chinese locale, else en."""
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


def today() -> date:
    return date.today()


def now() -> str:
    """The recording time, as the ledger stores it: UTC with microseconds."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def text(option: str | None) -> str | None:
    """Free text as stored: ends trimmed (as `import` trims them), empty -> None."""
    return (option or "").strip() or None


def user(option: str | None) -> str:
    """--by, else the OS user."""
    if option and option.strip():
        return option.strip()
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no user name in some containers
        return "unknown"


def author(option: str | None, ledger: Ledger) -> str:
    """Who records a change: where the database names its users (PostgreSQL), its user,
    and --by is refused (nobody may record as someone else); else --by, else the OS user."""
    if ledger.user is None:
        return user(option)
    if option is not None:
        raise ValidationError(say("err.cli.by_refused", where=ledger.location, user=ledger.user))
    return ledger.user


def date_option(value: str | None, name: str, default: date | None) -> date | None:
    """A date option (YYYY-MM-DD, or 2024/12/31, 2024年12月31日...), or ``default``."""
    if value is None:
        return default
    from plantrack.inputs.values import parse_day

    try:
        return parse_day(value, name)
    except ValueError as exc:
        raise ValidationError(said(exc)) from None


# --------------------------------------------------------------------------- plan and ledger


def plan_at(option: str | None) -> tuple[Plan, Path, bool]:
    """(the validated plan, its path, whether it is a bundled one), through the plan cache."""
    chosen = choose_plan(option)
    return chosen.plan, chosen.path, chosen.bundled


def choose_plan(option: str | None) -> Chosen:
    """The plan --plan names (an id or a file), else the default (planfile.known.choose)."""
    from plantrack.planfile.known import choose

    return choose(option, today())


def ledger_at(
    option: str | None, plan_path: Path, bundled: bool, *, write: bool, must_exist: bool = False,
    quiet: bool = False,
) -> AbstractContextManager[Ledger]:
    """The ledger --db names (else the user's one ledger), opened for reading or writing.
    A ledger an earlier plantrack kept beside the plan file is named on stderr, with the
    command that moves it in: it is never read in silence, nor ignored in silence."""
    from plantrack.ledger import open_ledger
    from plantrack.paths import ledger_beside, resolve_db

    location = resolve_db(option)
    if option is None and not bundled and not quiet:  # (quiet: a shell completion)
        beside = ledger_beside(plan_path)
        if beside is not None:
            note(say("msg.ledger_beside", beside=beside, ledger=location))
    return open_ledger(location, write=write, must_exist=must_exist)


@contextmanager
def report_ledger(plan: str | None, db: str | None, lang: str) -> Iterator[tuple[Plan, Ledger]]:
    """(the plan --plan names, its ledger opened for reading) for a report, having said
    which plan it is when the ledger holds others (say_which_plan)."""
    chosen = choose_plan(plan)
    with ledger_at(db, chosen.path, chosen.bundled, write=False) as ledger:
        say_which_plan(ledger, chosen, lang)
        yield chosen.plan, ledger


def say_which_plan(ledger: Ledger, chosen: Chosen, lang: str | None = None, *,
                   writing: bool = False) -> None:  # fmt: skip
    """With no --plan, on a ledger holding other plans too: name the plan shown (or
    written to), why it was chosen, and how to pick another (on stderr: the output itself
    is unchanged)."""
    if not chosen.by_default:
        return
    others = [p for p in ledger.plan_ids() if p != chosen.plan.id]
    if others:
        why = say("msg.why.current" if chosen.bundled else "msg.why.local")
        key = "msg.other_plans.write" if writing else "msg.other_plans"
        note(say(key, plan=chosen.plan.id, why=why, others=", ".join(others)), lang)


def note(message: Message, lang: str | None = None) -> None:
    """One line on stderr, ``plantrack: note: ...``, in the user's language (``lang``:
    a report's --lang)."""
    from plantrack.i18n import t, worded

    lang = lang or lang_of(None)
    sys.stderr.write(f"plantrack: {t('msg.note', lang)}: {worded(message, lang)}\n")


# --------------------------------------------------------------------------- the report query


def report_query(
    *,
    as_of: str | None = None,
    known_at: str | None = None,
    section: str | None = None,
    status: list[str] | None = None,
    sort: Sort | None = None,
    lang: Lang | None = None,
    method: Method | None = None,
    unit: str | None = None,
    by: By | None = None,
    default_sort: str = "plan",
) -> ReportQuery:
    """The ReportQuery the report options describe (as-of: today by default)."""
    from plantrack.reports.query import ReportQuery

    return ReportQuery(
        as_of=date_option(as_of, "--as-of", today()) or today(),
        known_at=date_option(known_at, "--known-at", None),
        section=section,
        statuses=tuple(status or ()),
        sort=sort.value if sort else default_sort,
        method=method.value if method else None,
        lang=lang_of(lang),
        unit=unit,
        by_unit=by is not None,
    )


def report_options(*names: str, default_sort: str = "plan") -> Callable[[F], F]:
    """Give a command the report options ``names`` and pass it one ``query: ReportQuery``.

    The options are written once (REPORT_OPTIONS) instead of in every report
    command. A command that also needs an option's raw value (``export``
    tells an --as-of given from the default) declares that parameter itself.
    """

    def decorate(fn: F) -> F:
        sig = inspect.signature(fn)
        own = {n: p.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=_evaluated(fn, p))
               for n, p in sig.parameters.items() if n != "query"}  # fmt: skip
        added = {n: inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None,
                                      annotation=REPORT_OPTIONS[n])
                 for n in names if n not in own}  # fmt: skip
        required = [p for p in own.values() if p.default is inspect.Parameter.empty]
        rest = [p for p in own.values() if p.default is not inspect.Parameter.empty]

        @functools.wraps(fn)
        def with_query(**kwargs: Any) -> Any:
            shared = {n: kwargs[n] for n in names}
            for n in added:
                del kwargs[n]
            return fn(query=report_query(**shared, default_sort=default_sort), **kwargs)

        params = [*required, *added.values(), *rest]
        with_query.__signature__ = sig.replace(  # type: ignore[attr-defined]
            parameters=params, return_annotation=None
        )
        # Typer reads the annotations too: these, not the wrapped function's ``query``.
        with_query.__annotations__ = {p.name: p.annotation for p in params}
        return with_query  # type: ignore[return-value]

    return decorate


def _evaluated(fn: Callable[..., Any], p: inspect.Parameter) -> Any:
    """A parameter's annotation as an object (the command modules write them as text)."""
    if isinstance(p.annotation, str):
        return eval(p.annotation, fn.__globals__)
    return p.annotation
