"""The reports: status, gaps, show, check, export."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from plantrack.cli import completion
from plantrack.cli.app import command, count, out
from plantrack.cli.options import (
    AsOfOpt,
    DbOpt,
    GoalArg,
    JsonOpt,
    PlanOpt,
    SortOpt,
    date_option,
    report_ledger,
    report_options,
)
from plantrack.errors import CheckFailed, ValidationError
from plantrack.i18n import say

if TYPE_CHECKING:
    from plantrack.model.entries import Entry
    from plantrack.model.plan import Plan
    from plantrack.reports.build import Report
    from plantrack.reports.query import ReportQuery


class ExportWhat(StrEnum):
    status = "status"
    gaps = "gaps"
    entries = "entries"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    md = "md"
    xlsx = "xlsx"


def _report(plan: str | None, db: str | None, query: ReportQuery) -> tuple[Plan, Report]:
    from plantrack.reports.build import build_report

    with report_ledger(plan, db, query.lang) as (loaded, ledger):
        return loaded, build_report(loaded, ledger, query)


ALL = ("as_of", "known_at", "section", "status", "sort", "lang", "method", "unit", "by")


@command()
@report_options(*ALL)
def status(query: ReportQuery, json: JsonOpt = False, plan: PlanOpt = None,
           db: DbOpt = None) -> None:  # fmt: skip
    """Where each goal stands: current vs target, progress, expected by now, status."""
    _print_report(plan, db, query, json, "status")


@command()
@report_options(*ALL, default_sort="status")
def gaps(query: ReportQuery, json: JsonOpt = False, plan: PlanOpt = None,
         db: DbOpt = None) -> None:  # fmt: skip
    """The gap report, worst first: gap, time left, required vs actual pace, projections."""
    _print_report(plan, db, query, json, "gaps")


def _print_report(
    plan: str | None, db: str | None, query: ReportQuery, as_json: bool, kind: str
) -> None:
    """The status or gaps report as JSON, or drawn for the terminal."""
    _, report = _report(plan, db, query)
    if as_json:
        from plantrack.output.tabular import report_json

        out(report_json(report))
        return
    from plantrack.output import terminal
    from plantrack.reports import views

    if kind == "status" and query.by_unit:
        from plantrack.output.unit_tables import render_matrix
        from plantrack.reports.unitviews import matrix_view

        table = render_matrix(matrix_view(report, query.lang), query.lang)
    elif kind == "status":
        table = terminal.render_status(views.status_view(report, query.lang), query.lang)
    else:
        table = terminal.render_gaps(views.gaps_view(report, query.lang), query.lang)
    out(terminal.drawn(terminal.console(), table))


@command()
@report_options("as_of", "known_at", "lang", "method")
def show(
    goal: GoalArg,
    query: ReportQuery,
    json: JsonOpt = False,
    chart: Annotated[
        str | None,
        typer.Option(
            "--chart",
            metavar="FILE",
            help="Write the goal's chart to FILE instead: .svg, or .png (needs Chromium "
            "or Chrome), for slides.",
        ),
    ] = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Everything about one goal: source, baseline, target, entries, figures and a chart."""
    from plantrack.reports.build import build_goal_report

    if chart is not None and json:
        raise ValidationError(say("err.cli.chart_json"))
    if chart is not None and Path(chart).suffix.lower() not in (".svg", ".png"):
        raise ValidationError(say("err.cli.chart_suffix", name=repr(Path(chart).name)))
    with report_ledger(plan, db, query.lang) as (loaded, ledger):
        report, entries = build_goal_report(loaded, ledger, query, goal)
    if chart is not None:
        _write_chart(report, entries, query.lang, Path(chart))
        return
    if json:
        from plantrack.output.tabular import show_json

        out(show_json(report, entries))
        return
    from plantrack.output.terminal import console, drawn, render_goal
    from plantrack.reports.formatting import shown
    from plantrack.reports.goalviews import goal_view

    view = goal_view(report.results[0], entries, query.lang, report.ledger)
    out(drawn(console(), render_goal(view, query.lang)))
    if report.breakdowns:
        from plantrack.output.unit_tables import render_breakdown
        from plantrack.reports.unitviews import breakdown_view

        units = breakdown_view(loaded, report.breakdowns[0], query.lang)
        out(drawn(console(), render_breakdown(units, query.lang)))
    elif report.results[0].goal.lead:
        from plantrack.i18n import t

        out(t("unit.line", query.lang, label=t("unit.word.lead", query.lang),
              value=shown(report.results[0].goal.lead)))  # fmt: skip


def _write_chart(report: Report, entries: list[Entry], lang: str, path: Path) -> None:
    """One goal's chart as an SVG file, or a PNG drawn from it by the browser."""
    from plantrack.output import files, svg
    from plantrack.reports.formatting import shown
    from plantrack.reports.goalviews import goal_view

    result = report.results[0]
    view = goal_view(result, entries, lang, report.ledger)
    if view.chart is None:
        why = (say("err.cli.no_chart_target") if not result.goal.has_target
               else say("err.cli.no_chart_figures", as_of=report.as_of))  # fmt: skip
        raise ValidationError(say("err.cli.no_chart", goal=repr(shown(result.goal.id)), why=why))
    drawn = svg.chart_file(view.chart, view.title, lang)
    if path.suffix.lower() == ".png":
        from plantrack.output.browser import screenshot_svg

        content = screenshot_svg(drawn, svg.W * 2, svg.H * 2)
    else:
        content = drawn.encode("utf-8")
    files.write_atomic(path, lambda stream: stream.write(content))
    from plantrack.i18n import t

    sys.stderr.write(t("msg.wrote", lang, file=path) + "\n")


@command()
@report_options("as_of", "known_at", "section", "method", "lang", "unit", "by",
                default_sort="status")
def check(
    query: ReportQuery,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="Fail when any goal is at this "
            "status or worse: behind, off_track, regressing, "
            "missed, no_data.",
            autocompletion=completion.statuses,
        ),
    ] = "off_track",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing on success.")] = False,
    json: Annotated[
        bool,
        typer.Option("--json", help="Print the result as JSON (the exit code is the same)."),
    ] = False,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """For cron and CI: exit 1 when a goal is at or worse than --fail-on, listing them."""
    from plantrack.model.plan import suggest
    from plantrack.reports.analysis import SEVERITY, at_or_worse

    if fail_on not in SEVERITY:
        raise ValidationError(say("err.cli.unknown_status", status=repr(fail_on),
                                  hint=suggest(fail_on, SEVERITY)))  # fmt: skip
    _, report = _report(plan, db, query)
    offenders = at_or_worse(list(report.results), fail_on)
    from plantrack.reports.formatting import fmt_num, shown
    from plantrack.reports.units import mismatches

    unequal = mismatches(report.breakdowns)

    if json:
        from plantrack.output.tabular import check_json

        out(check_json(report, fail_on, offenders))
    else:
        for r in offenders:
            part = f"\t{r.goal.part}" if r.goal.part else ""
            out(f"{r.status}\t{r.goal.id}{part}\t{shown(r.goal.title(query.lang))}")
        for b in unequal:
            out(f"mismatch\t{b.goal.id}\t{fmt_num(b.rollup)}\t{fmt_num(b.whole)}")
    from plantrack.i18n import t

    lang = query.lang
    status = fail_on if lang == "en" else t(f"status.{fail_on}", lang)
    if unequal and not offenders:
        raise CheckFailed(t("msg.check_mismatch", lang, n=len(unequal), as_of=report.as_of))
    if offenders:
        n = count(len(offenders), "goal") if lang == "en" else str(len(offenders))
        raise CheckFailed(t("msg.check_failed", lang, n=n, fail_on=status, as_of=report.as_of))
    if not quiet and not json:
        n = count(len(report.results), "goal") if lang == "en" else str(len(report.results))
        out(t("msg.check_ok", lang, fail_on=status, as_of=report.as_of, n=n,
              ledger=report.ledger))  # fmt: skip


@command()
@report_options(*ALL)
def export(
    what: Annotated[ExportWhat, typer.Argument(metavar="WHAT", help="status, gaps or entries.")],
    query: ReportQuery,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format", "-f", help="Output format (xlsx: an Excel workbook; give -o FILE)."
        ),
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
    no_head: Annotated[
        bool,
        typer.Option(
            "--no-head",
            help="A status or gaps CSV or Markdown without the lines before the table that "
            "say what it is (plan, as-of, known-at, method, ledger): for scripts.",
        ),
    ] = False,
    as_of: AsOfOpt = None,
    sort: SortOpt = None,
    plan: PlanOpt = None,
    db: DbOpt = None,
) -> None:
    """Export a report or the ledger as CSV (Excel-ready), JSON, Markdown or an Excel workbook."""
    from dataclasses import replace

    from plantrack.output import files, tabular
    from plantrack.reports.build import build_report, exported_entries

    if fmt is ExportFormat.xlsx and output is None and sys.stdout.isatty():
        # A workbook is binary: on a terminal it would be noise, and the terminal may act on it.
        raise ValidationError(say("err.cli.xlsx_stdout"))
    with report_ledger(plan, db, query.lang) as (loaded, ledger):
        if what is ExportWhat.entries:
            # Entries of every date unless --as-of is given (it also dates the statuses).
            dated_by = date_option(as_of, "--as-of", None)
            entries = exported_entries(loaded, ledger, query, dated_by)
            location = ledger.location

            def write(stream: IO[bytes]) -> None:
                if fmt is ExportFormat.xlsx:
                    from plantrack.output import xlsx

                    xlsx.write_entries(stream, entries, loaded, lang=query.lang,
                                       dated_by=dated_by, known_at=query.known_at,
                                       ledger=location)  # fmt: skip
                    return
                tabular.write_entries(stream, entries, loaded, fmt.value, bom=not no_bom)
        else:
            if what is ExportWhat.gaps and sort is None:
                query = replace(query, sort="status")  # the gap report's own order
            report = build_report(loaded, ledger, query)

            def write(stream: IO[bytes]) -> None:
                if fmt is ExportFormat.xlsx:
                    from plantrack.output import xlsx

                    xlsx.write_report(stream, report, what.value, lang=query.lang)
                    return
                tabular.write_report(stream, report, what.value, fmt.value, bom=not no_bom,
                                     lang=query.lang, head=not no_head)  # fmt: skip
    if output is None:
        files.write_stream(sys.stdout.buffer, write)
    else:
        files.write_atomic(Path(output), write)
        from plantrack.i18n import t

        sys.stderr.write(t("msg.wrote", query.lang, file=output) + "\n")
