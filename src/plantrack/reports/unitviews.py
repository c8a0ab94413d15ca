"""Target breakdowns as plain data for people: the goal x unit table of ``status --by unit``
and the units of one goal in ``show``. Figures are worded by reports.formatting, as in
every other view; layout is the output's."""

from __future__ import annotations

from dataclasses import dataclass

from plantrack.i18n import t
from plantrack.model.plan import Goal, Plan
from plantrack.reports.analysis import GoalResult
from plantrack.reports.build import Report
from plantrack.reports.formatting import fmt_num, pct, shown, with_unit
from plantrack.reports.units import Breakdown
from plantrack.reports.views import Head, current_text, head


@dataclass(frozen=True)
class Cell:
    text: str  # "3 / 5", "- / 2" (no figure yet)
    status: str


@dataclass(frozen=True)
class MatrixRow:
    title: str
    cells: tuple[Cell | None, ...]  # by the plan's units; None: not broken down over it
    rollup: str
    whole: str  # the figure of the whole (an entry without a unit)
    difference: str
    drives: str  # which figure the goal's status is judged on, worded


@dataclass(frozen=True)
class MatrixView:
    head: Head
    units: tuple[str, ...]  # the units' names, in the plan's order
    rows: tuple[MatrixRow, ...]
    empty: str | None  # no goal of the report is broken down
    note: str  # which figure drives the status


@dataclass(frozen=True)
class UnitRow:
    name: str
    share: str
    current: str
    pct: str
    status: str  # the slice's status (a code: the output words and colours it)


@dataclass(frozen=True)
class BreakdownView:
    """One goal's units against their shares, its roll-up and the figure of the whole."""

    rows: tuple[UnitRow, ...]
    rollup: str
    whole: str
    difference: str
    drives: str
    lead: str | None


def _share(goal: Goal, result: GoalResult, lang: str) -> str:
    figure = "-" if result.current is None else current_text(result, lang)
    return f"{figure} / {fmt_num(goal.target)}"


def _signed(b: Breakdown) -> str:
    d = b.difference
    return "-" if d is None else ("+" if d > 0 else "") + fmt_num(d)


def _drives(b: Breakdown, lang: str) -> str:
    return t(f"unit.drives.{b.drives}", lang, n=b.reported, of=len(b.units))


def matrix_view(report: Report, lang: str) -> MatrixView:
    """``status --by unit``: a row per broken-down goal, a cell per unit of the plan."""
    units = list(report.plan.units)
    rows = []
    for b in report.breakdowns:
        by_unit = {u.unit: u for u in b.units}
        cells = tuple(None if u not in by_unit else
                      Cell(_share(by_unit[u].result.goal, by_unit[u].result, lang),
                           by_unit[u].result.status) for u in units)  # fmt: skip
        rows.append(MatrixRow(shown(b.goal.title(lang)), cells, fmt_num(b.rollup),
                              fmt_num(b.whole), _signed(b), _drives(b, lang)))  # fmt: skip
    names = tuple(shown(report.plan.unit_name(u, lang)) for u in units)
    empty = None if rows else t("unit.none_broken_down", lang)
    return MatrixView(head(report, lang), names, tuple(rows), empty, t("unit.drives_note", lang))


def breakdown_view(plan: Plan, b: Breakdown, lang: str) -> BreakdownView:
    """``show GOAL``: each unit against its share, the roll-up beside the whole's figure."""
    rows = tuple(
        UnitRow(shown(plan.unit_name(u.unit, lang)), with_unit(fmt_num(u.share),
                b.goal.unit, lang), current_text(u.result, lang) if u.result.current is not None
                else "-", pct(u.result.percent), u.result.status)
        for u in b.units
    )  # fmt: skip
    return BreakdownView(rows, fmt_num(b.rollup), fmt_num(b.whole), _signed(b), _drives(b, lang),
                         shown(b.goal.lead) if b.goal.lead else None)  # fmt: skip
