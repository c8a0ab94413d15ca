"""The review document (mid-term or final) as plain data: cover, summary, each goal in
full, the year-by-year table, what changed, footnotes and numbered sources.

Built from the same views as the terminal (head, summary, goal_view, chart_series),
so a figure reads the same in the document as in ``status`` and ``show``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from plantrack.i18n import label, t
from plantrack.model.entries import Entry
from plantrack.model.plan import Plan
from plantrack.reports.analysis import GoalResult
from plantrack.reports.build import Report, ReviewData
from plantrack.reports.formatting import change_text, fmt_num, shown
from plantrack.reports.goalviews import GoalView, entry_value, goal_view
from plantrack.reports.unitviews import matrix_view
from plantrack.reports.views import SUMMARY_ORDER, Head, current_text, footnotes, head, status_label

# A goal's entries listed in the document: the latest ones (a document for people, not the
# ledger: `plantrack history GOAL` and `export entries` have every entry).
LISTED_ENTRIES = 20


@dataclass(frozen=True)
class Cover:
    title: str
    kind: str  # "Final review" / 终期评估
    rows: tuple[tuple[str, str], ...]  # (label, text): issuer, document, as-of, method...


@dataclass(frozen=True)
class SummaryRow:
    name: str  # a section's name, or the whole plan
    counts: tuple[int, ...]  # in the order of SummaryTable.statuses
    total: int


@dataclass(frozen=True)
class SummaryTable:
    statuses: tuple[str, ...]  # the codes present, in SUMMARY_ORDER
    labels: tuple[str, ...]
    rows: tuple[SummaryRow, ...]  # the sections, then the whole plan


@dataclass(frozen=True)
class GoalSection:
    id: str
    section: str  # the section's name
    status_label: str
    view: GoalView
    refs: tuple[int, ...]  # the numbers of its sources in Review.sources
    earlier: str | None = None  # said when only the latest entries are listed


@dataclass(frozen=True)
class YearCell:
    value: str  # "≥ 161", "约20,000", "done", "-"
    change: str  # against the column before: "+3", "-", "≈ +1,200"


@dataclass(frozen=True)
class YearRow:
    goal: str  # the goal's id
    title: str
    unit: str
    cells: tuple[YearCell, ...]  # the baseline, then one per year end


@dataclass(frozen=True)
class YearTable:
    columns: tuple[str, ...]  # "Baseline", "2021", ..., "2026-06-30"
    rows: tuple[YearRow, ...]
    note: str


@dataclass(frozen=True)
class ChangedEntry:
    what: str  # recorded / voided
    when: str  # the day it was recorded or voided (UTC)
    goal: str
    date: str
    value: str
    by: str


@dataclass(frozen=True)
class MovedStatus:
    goal: str
    before: str
    now: str
    before_code: str
    now_code: str


@dataclass(frozen=True)
class SinceView:
    title: str
    entries_title: str
    entries: tuple[ChangedEntry, ...]
    moved: tuple[MovedStatus, ...]
    none: str | None  # said when nothing changed


@dataclass(frozen=True)
class UnitCell:
    text: str  # the unit's figure / its share: "3 / 5"; "- / 2" while it has no figure
    status: str  # the status of the unit's part (a code: the output colours it)
    status_label: str


@dataclass(frozen=True)
class UnitsRow:
    goal: str  # the goal's id
    title: str
    unit: str  # the goal's unit of measure
    cells: tuple[UnitCell | None, ...]  # by the plan's units; None: not broken down over it
    rollup: str
    whole: str  # the figure of the whole (全省数: an entry without a unit)
    difference: str  # roll-up minus whole
    drives: str  # which figure the goal's status is judged on, worded
    lead: str  # the lead department ("" where the plan names none)
    # the same three figures as numbers, the report's own (for a workbook's number cells)
    rollup_value: Decimal | None
    whole_value: Decimal | None
    difference_value: Decimal | None


@dataclass(frozen=True)
class UnitsTable:
    """The goal x unit table (指标分解): a row per broken-down goal, a column per unit."""

    title: str
    units: tuple[str, ...]  # the units' ids, in the plan's order
    names: tuple[str, ...]  # their names in the document's language
    goal_head: str
    heads: tuple[str, ...]  # after the units: roll-up, whole, difference, drives (, lead)
    rows: tuple[UnitsRow, ...]
    leads: bool  # some goal names a lead department: the lead column is shown
    note: str


# What a cell of the goal x unit table shows where the goal is not broken down over the unit.
NOT_BROKEN_DOWN = "—"


@dataclass(frozen=True)
class Review:
    lang: str
    head: Head
    cover: Cover
    summary: SummaryTable
    goals: tuple[GoalSection, ...]
    years: YearTable
    since: SinceView | None
    footnotes: tuple[str, ...]
    sources: tuple[str, ...]  # numbered from 1
    units: UnitsTable | None = None  # the plan has units and the report broken-down goals


def review_view(data: ReviewData, lang: str) -> Review:
    """The whole review document, in ``lang``."""
    report = data.report
    sources = _sources(report, data.entries)
    numbered = {source: n for n, source in enumerate(sources, 1)}
    goals = []
    for r in report.results:
        entries = data.entries.get(r.goal.id, ())
        section = shown(report.plan.section_name(r.goal.section, lang))
        view = goal_view(r, entries, lang, report.ledger, numbered, section)
        refs = tuple(sorted({numbered[e.source] for e in entries if e.source}))
        earlier = None
        if view.entries is not None and len(view.entries.rows) > LISTED_ENTRIES:
            # The document lists the latest entries; the ledger's history has them all.
            hidden = len(view.entries.rows) - LISTED_ENTRIES
            view = replace(view, entries=replace(view.entries,
                                                 rows=view.entries.rows[-LISTED_ENTRIES:]))
            earlier = t("review.earlier", lang, n=hidden, goal=r.goal.id)
        goals.append(GoalSection(r.goal.id, section, status_label(r.status, lang), view, refs,
                                 earlier))  # fmt: skip
    return Review(
        lang=lang,
        head=head(report, lang),
        cover=_cover(report, lang),
        summary=_summary(report, lang),
        goals=tuple(goals),
        years=_years(data, lang),
        since=_since(data, lang),
        footnotes=footnotes(report.results, lang),
        sources=tuple(shown(s) for s in sources),
        units=units_table(report, lang),
    )


def _sources(report: Report, entries: Mapping[str, Sequence[Entry]]) -> tuple[str, ...]:
    """Every source the entries cite, numbered in the order of the goals, then the dates."""
    cited: dict[str, None] = {}
    for r in report.results:
        for e in entries.get(r.goal.id, ()):
            if e.source:
                cited.setdefault(e.source)
    return tuple(cited)


def _cover(report: Report, lang: str) -> Cover:
    plan, as_of = report.plan, report.as_of
    final = as_of >= plan.period_end
    rows = [
        (t("review.issuer", lang), shown(plan.issuer) or "-"),
        (t("review.document", lang), shown(plan.document) or "-"),
        (t("review.issued", lang), str(plan.issued or "-")),
        (t("review.period", lang), f"{plan.period_start} – {plan.period_end}"),
        (t("review.as_of", lang), str(as_of)),
        (t("review.known_at", lang),
         str(report.known_at) if report.known_at else t("review.known_at.all", lang)),
        (t("review.method", lang), label("method", report.method, lang)),
        (t("review.ledger", lang), shown(report.ledger)),
        (t("review.plan_source", lang), shown(plan.source)),
    ]  # fmt: skip
    if plan.url:
        rows.append((t("review.url", lang), shown(plan.url)))
    kind = t("review.kind.final" if final else "review.kind.mid_term", lang)
    return Cover(shown(plan.name(lang)), kind, tuple(rows))


def _summary(report: Report, lang: str) -> SummaryTable:
    counts = report.summary
    statuses = tuple(s for s in SUMMARY_ORDER if s in counts)
    statuses += tuple(s for s in counts if s not in statuses)
    sections = report.sections()
    rows = [SummaryRow(shown(report.plan.section_name(name, lang)),
                       tuple(c.get(s, 0) for s in statuses), sum(c.values()))
            for name, c in sections.items()]  # fmt: skip
    rows.append(SummaryRow(t("word.plan", lang), tuple(counts.get(s, 0) for s in statuses),
                           len(report.results)))  # fmt: skip
    return SummaryTable(statuses, tuple(status_label(s, lang) for s in statuses), tuple(rows))


# --------------------------------------------------------------------------- year by year


def _figure(r: GoalResult, lang: str) -> tuple[str, Decimal | None, bool]:
    """(the goal's figure as the year table shows it, the number, whether it is exact)."""
    if r.goal.kind == "milestone":
        return (label("state", r.milestone_status, lang) if r.milestone_status else "-",
                None, True)  # fmt: skip
    if r.current is None:
        return "-", None, True
    if r.goal.kind == "growth":  # a rate since the base: no change between years to add up
        return current_text(r, lang), None, True
    text = fmt_num(r.current, r.lower_bound, lang, r.estimate)
    return text, r.current, not (r.lower_bound or r.estimate)


def _change(before: tuple[str, Decimal | None, bool], after: tuple[str, Decimal | None, bool],
            after_bound: bool, lang: str) -> str:  # fmt: skip
    """The change between two year ends: ``+3``; ``≥ +3`` when only the later figure is a
    lower bound; ``≈ +3`` when either is otherwise inexact."""
    _, a, a_exact = before
    _, b, b_exact = after
    if a is None or b is None:
        return "-"
    text = change_text(b - a)
    if a_exact and b_exact:
        return text
    if a_exact and after_bound:
        return t("num.lower_bound", lang, n=text)
    return t("num.estimate", lang, n=text)


def _years(data: ReviewData, lang: str) -> YearTable:
    report = data.report
    ends = [y.as_of for y in data.year_ends]
    columns = [t("word.baseline", lang)]
    columns += [str(d.year) if (d.month, d.day) == (12, 31) else
                t("review.year.to_date", lang, day=d) if d < report.plan.period_end else str(d)
                for d in ends]  # fmt: skip
    at_year = [{r.goal.id: r for r in y.results} for y in data.year_ends]
    rows = []
    for r in report.results:
        g = r.goal
        if g.kind == "milestone":
            base: tuple[str, Decimal | None, bool] = (label("state", "not_started", lang), None,
                                                      True)  # fmt: skip
        else:
            # The plan's baseline in the goal's own terms: an increase goal counts from 0, a
            # level from its baseline (or, where the plan gives none, its first reading).
            # A growth goal's figure is a rate since its base: its base has none.
            zero = (Decimal(0) if g.kind in ("increase", "cumulative") else
                    g.baseline if g.baseline is not None else r.baseline)  # fmt: skip
            base = ("-", None, True) if zero is None or g.kind in ("indicator", "growth") else (
                fmt_num(zero), zero, True)
        cells = [YearCell(base[0], "")]
        previous = base
        for year in at_year:
            yr = year.get(g.id)
            now = _figure(yr, lang) if yr is not None else ("-", None, True)
            bound = bool(yr and yr.lower_bound)
            cells.append(YearCell(now[0], _change(previous, now, bound, lang)))
            if now[1] is not None:  # a year without a figure: the next compares with the last
                previous = now
        unit = "" if g.kind == "growth" else g.unit  # a growth goal's cells are worded rates
        rows.append(YearRow(g.id, shown(g.title(lang)), unit, tuple(cells)))
    known = (t("review.year.known_at", lang, known_at=report.known_at) if report.known_at
             else "")  # fmt: skip
    return YearTable(tuple(columns), tuple(rows), t("review.year.note", lang, known=known))


# --------------------------------------------------------------------------- by unit


def units_table(report: Report, lang: str) -> UnitsTable | None:
    """The goal x unit table, worded as ``status --by unit`` words it (unitviews); None
    when the plan has no units or no goal of the report is broken down."""
    if not report.plan.units or not report.breakdowns:
        return None
    matrix = matrix_view(report, lang)
    rows = []
    for b, m in zip(report.breakdowns, matrix.rows, strict=True):
        cells = tuple(None if c is None else UnitCell(c.text, c.status,
                                                      status_label(c.status, lang))
                      for c in m.cells)  # fmt: skip
        rows.append(UnitsRow(b.goal.id, m.title, b.goal.unit, cells, m.rollup, m.whole,
                             m.difference, m.drives, shown(b.goal.lead), b.rollup, b.whole,
                             b.difference))  # fmt: skip
    leads = any(r.lead for r in rows)
    keys = ["unit.word.rollup", "unit.word.whole", "unit.word.difference", "unit.word.drives"]
    if leads:
        keys.append("unit.word.lead")
    return UnitsTable(t("review.units", lang), tuple(report.plan.units), matrix.units,
                      t("word.goal", lang), tuple(t(k, lang) for k in keys), tuple(rows), leads,
                      t("review.units.note", lang))  # fmt: skip


# --------------------------------------------------------------------------- since


def _since(data: ReviewData, lang: str) -> SinceView | None:
    if data.since is None or data.before is None:
        return None
    day = data.since.isoformat()
    plan = data.report.plan
    changed: list[tuple[str, str, Entry]] = []
    for es in data.entries.values():
        for e in es:
            if e.recorded_at[:10] > day:
                changed.append((e.recorded_at[:10], "recorded", e))
            if e.voided_at and e.voided_at[:10] > day:
                changed.append((e.voided_at[:10], "voided", e))
    changed.sort(key=lambda c: (c[0], c[2].goal, c[2].date, c[2].seq))
    rows = tuple(ChangedEntry(t(f"review.since.{what}", lang), when,
                              _title(plan, e.goal, lang), str(e.date), entry_value(e, lang),
                              shown(e.voided_by if what == "voided" and e.voided_by
                                    else e.recorded_by))
                 for when, what, e in changed)  # fmt: skip
    then = {r.goal.id: r.status for r in data.before.results}
    moved = tuple(
        MovedStatus(shown(r.goal.title(lang)), status_label(then[r.goal.id], lang),
                    status_label(r.status, lang), then[r.goal.id], r.status)
        for r in data.report.results
        if r.goal.id in then and then[r.goal.id] != r.status
    )
    title = t("review.since.title", lang, since=data.since)
    none = t("review.since.none", lang, since=data.since) if not rows and not moved else None
    return SinceView(title, t("review.since.entries", lang, since=data.since), rows, moved, none)


def _title(plan: Plan, goal: str, lang: str) -> str:
    return shown(plan.goal(goal).title(lang) if plan.has_goal(goal) else goal)

