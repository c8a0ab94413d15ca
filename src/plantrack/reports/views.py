"""Reports as plain data for people: rows of text, footnotes, summaries.

Every human-readable output (the terminal today) is drawn from these views,
so a figure is worded once: ``≥ 13,000``, ``约20,000``, "3 achieved". The
views say what is shown; layout (widths, wrapping, colours) is the output's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from plantrack.i18n import label, t
from plantrack.model.plan import Goal, Plan
from plantrack.reports.analysis import BEHIND, CAGR_FALLBACK, DAYS_PER_YEAR, ON_TRACK, GoalResult
from plantrack.reports.build import Report
from plantrack.reports.formatting import (
    fmt_calc,
    fmt_num,
    in_goal_terms,
    pct,
    rate_text,
    shown,
    target_text,
    with_unit,
)

# Summary order: good news first, then the problems by severity, gaps in the data last.
SUMMARY_ORDER = (
    "achieved", "tracked", "on_track", "in_progress", "behind", "off_track", "regressing",
    "missed", "not_started", "no_data",
)  # fmt: skip


@dataclass(frozen=True)
class Head:
    """What every report states first: the plan, the kind of review, the method."""

    name: str
    review: str
    method: str
    ledger: str | None  # which ledger the figures are from
    empty: str | None  # said when no goal has a figure yet: how to record some


@dataclass(frozen=True)
class SummaryLine:
    name: str  # a section's name, or the whole plan
    lead: str  # "31 goals: " on the whole-plan line
    items: tuple[tuple[str, str], ...]  # (status, "4 achieved"), in SUMMARY_ORDER


@dataclass(frozen=True)
class TargetRow:
    title: str
    current: str  # "6,290 / 10,000 家"
    percent: float | None
    pct: str  # "63%"
    expected: str
    status: str


@dataclass(frozen=True)
class MilestoneRow:
    title: str
    deadline: str
    latest: str  # "done (2024-05-09)"
    status: str


@dataclass(frozen=True)
class IndicatorRow:
    title: str
    latest: str
    day: str


@dataclass(frozen=True)
class StatusView:
    head: Head
    targets: tuple[TargetRow, ...]
    mid_term: bool  # some deadline is still ahead: the expected value says something
    footnotes: tuple[str, ...]
    milestones: tuple[MilestoneRow, ...]
    indicators: tuple[IndicatorRow, ...]
    summary: tuple[SummaryLine, ...]


@dataclass(frozen=True)
class GapRow:
    title: str
    gap: str
    years_left: str
    need: str | None  # None: nothing to go (reached, or within the tolerance band)
    actual: str
    projected: str
    projected_date: str
    status: str


@dataclass(frozen=True)
class GapsView:
    head: Head
    due: str | None  # the one deadline every goal shares, and the time left
    rows: tuple[GapRow, ...]
    years_column: bool  # the goals have different deadlines
    footnotes: tuple[str, ...]
    legend: str
    empty: str | None  # no goal has a target
    summary: tuple[SummaryLine, ...]


@dataclass(frozen=True)
class GoalListRow:
    title: str
    id: str
    section: str
    target: str
    deadline: str
    flags: str  # "about, stretch"


@dataclass(frozen=True)
class GoalList:
    name: str
    rows: tuple[GoalListRow, ...]
    flags_column: bool


def status_label(status: str, lang: str) -> str:
    return label("status", status, lang)


def _years(start: date, end: date) -> float:
    return max((end - start).days, 0) / DAYS_PER_YEAR


# --------------------------------------------------------------------------- shared parts


def head(report: Report, lang: str) -> Head:
    """Plan name, the kind of review, and the method, as every report states them."""
    end, as_of, known_at = report.plan.period_end, report.as_of, report.known_at
    if as_of >= end:
        review = t("head.review.final", lang, as_of=as_of, end=end)
    else:
        review = t("head.review.mid_term", lang, as_of=as_of, end=end,
                   years=f"{_years(as_of, end):.1f}")  # fmt: skip
    if known_at:
        review += t("head.known_at", lang, known_at=known_at)
    method = report.method
    ratio = t("head.ratio.cagr" if method == "cagr" else "head.ratio.linear", lang)
    method_text = t("head.method", lang, method=label("method", method, lang), ratio=ratio,
                    on_track=ON_TRACK, behind=BEHIND)  # fmt: skip
    empty = None
    if report.results and all(r.status == "no_data" for r in report.results):
        known = t("head.empty.known_at", lang, known_at=known_at) if known_at else ""
        empty = t("head.empty", lang, as_of=as_of, known=known)
    ledger = t("head.ledger", lang, ledger=shown(report.ledger)) if report.ledger else None
    name = shown(report.plan.name(lang))
    if report.unit is not None:
        name = t("unit.head", lang, plan=name, unit=shown(report.plan.unit_name(report.unit, lang)))
    elif report.query.by_unit:
        name = t("unit.head.all", lang, plan=name)
    return Head(name, review, method_text, ledger, empty)


def row_title(report: Report, r: GoalResult, lang: str) -> str:
    """A row's title: the goal's; with the unit's name for a unit's slice in a report of
    every unit's (省实验室（郑州市）)."""
    title = shown(r.goal.title(lang))
    if not r.goal.part or report.unit is not None:
        return title
    return t("unit.slice_title", lang, title=title,
             unit=shown(report.plan.unit_name(r.goal.part, lang)))  # fmt: skip


def footnotes(results: Sequence[GoalResult], lang: str) -> tuple[str, ...]:
    """What the marks in the rows mean (≥, ≈), and which goals fell back to linear."""
    notes = []
    if any(r.lower_bound for r in results):
        notes.append(t("foot.lower_bound", lang))
    if any(r.estimate and r.current is not None and not r.reading_approx for r in results):
        notes.append(t("foot.estimate", lang))
    if any(r.reading_approx and r.current is not None for r in results):
        notes.append(t("foot.approx", lang))
    fallback = [r.goal.id for r in results if r.method_note == CAGR_FALLBACK]
    if fallback:
        notes.append(t("foot.fallback", lang, goals=", ".join(fallback)))
    growth = waypoints = False
    taken = []
    for r in results:  # one pass for the three (a plan may have 10,000 goals)
        g = r.goal
        if g.kind == "growth":
            growth = True
        if g.waypoints:
            waypoints = True
        if g.target_ref:
            taken.append(g.id)
    notes += [t(key, lang) for key, on in (("foot.growth", growth),
                                           ("foot.waypoints", waypoints)) if on]  # fmt: skip
    if taken:
        notes.append(t("foot.target_ref", lang, goals=", ".join(taken)))
    return tuple(notes)


def summary_items(counts: dict[str, int], lang: str) -> tuple[tuple[str, str], ...]:
    """``4 achieved``, ``2 missed``... (zh ``已完成4项``) in SUMMARY_ORDER."""
    order = [s for s in SUMMARY_ORDER if s in counts]
    order += [s for s in counts if s not in SUMMARY_ORDER]
    return tuple(
        (s, t("summary.item", lang, n=counts[s], label=status_label(s, lang))) for s in order
    )


def summary(report: Report, lang: str) -> tuple[SummaryLine, ...]:
    """One line per section (when there are several), then the whole plan."""
    sections = report.sections()
    lines = []
    if len(sections) > 1:
        lines = [SummaryLine(shown(report.plan.section_name(name, lang)), "",
                             summary_items(c, lang)) for name, c in sections.items()]  # fmt: skip
    n = len(report.results)
    lead = t("summary.total.one" if n == 1 else "summary.total", lang, n=n)
    lines.append(SummaryLine(t("word.plan", lang), lead, summary_items(report.summary, lang)))
    return tuple(lines)


def current_text(r: GoalResult, lang: str) -> str:
    """The current figure with its marks: ``6,290``, ``≥ 161``, ``≈ 20,000``; a growth
    goal's achieved rate, ``10.0%/yr``."""
    if r.goal.kind != "growth" or r.current is None:
        return fmt_num(r.current, r.lower_bound, lang, r.estimate)
    rate = rate_text(r.current, lang)
    return t("num.lower_bound", lang, n=rate) if r.lower_bound else (
        t("num.estimate", lang, n=rate) if r.estimate else rate)  # fmt: skip


def current_of_target(r: GoalResult, lang: str) -> str:
    """``6,290 / 10,000 家``; a growth goal's ``8.0%/yr / ≥ 10%/yr``."""
    text = f"{current_text(r, lang)} / {target_text(r.goal, lang)}"
    return text if r.goal.kind == "growth" else with_unit(text, r.goal.unit, lang)


# --------------------------------------------------------------------------- status


def status_view(report: Report, lang: str) -> StatusView:
    """The status report: targets, milestones, indicators, and the summary."""
    targets = [r for r in report.results if r.goal.has_target]
    # Expected by now is the target itself once every deadline has passed.
    mid_term = any(r.goal.deadline and report.as_of < r.goal.deadline for r in targets)
    target_rows = tuple(
        TargetRow(
            row_title(report, r, lang),
            current_of_target(r, lang), r.percent, pct(r.percent),
            (in_goal_terms(r.expected, r.goal, "value", lang) if r.goal.kind == "growth"
             else fmt_calc(r.expected, r.goal)), r.status,
        )
        for r in targets
    )
    milestones = tuple(
        MilestoneRow(shown(r.goal.title(lang)), str(r.goal.deadline), _latest_state(r, lang),
                     r.status)
        for r in report.results
        if r.goal.kind == "milestone"
    )
    indicators = tuple(
        IndicatorRow(
            shown(r.goal.title(lang)),
            "-" if r.current is None else with_unit(current_text(r, lang), r.goal.unit, lang),
            str(r.last_date or "-"),
        )
        for r in report.results
        if r.goal.kind == "indicator"
    )
    return StatusView(head(report, lang), target_rows, mid_term, footnotes(targets, lang),
                      milestones, indicators, summary(report, lang))  # fmt: skip


def _latest_state(r: GoalResult, lang: str) -> str:
    text = label("state", r.milestone_status, lang) if r.milestone_status else "-"
    return f"{text} ({r.last_date})" if r.last_date else text


# --------------------------------------------------------------------------- gaps


def gaps_view(report: Report, lang: str) -> GapsView:
    """The gap report (rows in the report's order: worst first by default)."""
    rows = [r for r in report.results if r.goal.has_target]
    deadlines = {r.goal.deadline for r in rows}
    common = deadlines.pop() if len(deadlines) == 1 else None
    due = None
    if common is not None:
        left = _years(report.as_of, common)
        due = (t("gaps.due", lang, deadline=common, years=f"{left:.1f}") if left > 0
               else t("gaps.due_passed", lang, deadline=common))  # fmt: skip
    return GapsView(
        head=head(report, lang),
        due=due,
        rows=tuple(_gap_row(r, row_title(report, r, lang), lang) for r in rows),
        years_column=common is None,
        footnotes=footnotes(rows, lang),
        legend=t("gaps.legend", lang),
        empty=None if rows else t("gaps.no_targets", lang),
        summary=summary(report, lang),
    )


def _gap_row(r: GoalResult, title: str, lang: str) -> GapRow:
    g = r.goal
    done = r.status == "achieved" or (r.gap is not None and r.gap <= 0)  # nothing to go
    # One sign everywhere (status, gaps, show, every export): still to go is positive,
    # beyond the target negative (10,000 done of a 5,000 target: -5,000).
    need = None if done or r.required_per_year is None else r.required_per_year
    if g.kind == "growth":  # in points, % a year, and the series' values
        gap, actual = in_goal_terms(r.gap, g, "gap", lang), rate_text(r.actual_per_year, lang)
        need_text = None if need is None else rate_text(need, lang)
        projected = in_goal_terms(r.projected, g, "value", lang)
    else:
        gap = "-" if r.gap is None else with_unit(fmt_calc(r.gap, g), g.unit, lang)
        need_text = None if need is None else fmt_calc(need, g)
        actual, projected = fmt_calc(r.actual_per_year, g), fmt_calc(r.projected, g)
    return GapRow(
        title=title,
        gap=gap,
        years_left="-" if r.years_left is None else f"{r.years_left:.1f}",
        need=need_text,
        actual=actual,
        projected=projected,
        projected_date="-" if done else str(r.projected_date or "-"),
        status=r.status,
    )


# --------------------------------------------------------------------------- the goals


def goal_list(plan: Plan, goals: Sequence[Goal], lang: str) -> GoalList:
    """The plan's goals in plan order: title, id (what commands take), section, target."""
    rows = []
    for g in goals:
        if g.target_ref:
            target = t("num.ref", lang, ref=g.target_ref)
        elif g.target is None:
            target = label("kind_short", g.kind, lang)
        elif g.kind == "growth":
            target = target_text(g, lang)
        else:
            # "about" stays on the target itself (~+5), should a narrow table drop Flags
            number = ("+" if g.kind == "increase" else "") + fmt_num(g.target)
            if g.kind == "cumulative":
                number = t("num.cumulative", lang, n=number)
            if g.approximate:
                number = t("num.approx_target", lang, n=number)
            target = with_unit(number, g.unit, lang)
        section = shown(plan.section_name(g.section, lang))
        rows.append(GoalListRow(shown(g.title(lang)), g.id, section, target,
                                str(g.deadline or "-"), goal_flags(g, lang, ", ")))  # fmt: skip
    flags = any(g.approximate or g.stretch for g in goals)
    return GoalList(shown(plan.name(lang)), tuple(rows), flags)


def goal_flags(g: Goal, lang: str, sep: str) -> str:
    """"about" (左右) and "stretch" (力争), as the goal has them."""
    return sep.join(t(k, lang) for k, on in (("word.approx", g.approximate),
                                             ("word.stretch", g.stretch)) if on)  # fmt: skip
