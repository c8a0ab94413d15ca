"""One goal in full (``show``) and ledger entries (``history``), as plain data for people."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import pairwise

from plantrack.i18n import label, one_line, t
from plantrack.model.entries import Entry
from plantrack.model.plan import Goal, Plan
from plantrack.reports.analysis import (
    GoalResult,
    anniversary,
    calendar_years,
    plan_road,
    running_values,
)
from plantrack.reports.formatting import (
    change_text,
    fmt_num,
    in_goal_terms,
    shown,
    target_text,
    with_unit,
)
from plantrack.reports.views import current_text, goal_flags


@dataclass(frozen=True)
class Detail:
    """A line under a listed entry. kind: meta (id, time), mark ([voided: ...]), note, source."""

    text: str
    kind: str


@dataclass(frozen=True)
class ListedEntry:
    cells: tuple[str, ...]
    voided: bool
    details: tuple[Detail, ...]


@dataclass(frozen=True)
class EntryList:
    heads: tuple[str, ...]
    right: frozenset[int]  # the columns that hold numbers (right-aligned)
    rows: tuple[ListedEntry, ...]


@dataclass(frozen=True)
class History:
    title: str
    entries: EntryList | None  # None: no entries


@dataclass(frozen=True)
class ChartSeries:
    """The plan line from baseline to target, and the readings, in the goal's own values
    (a stock goal's readings are stocks, so its line runs from the stock to stock + target)."""

    goal: Goal  # for the precision of axis labels
    start: date
    deadline: date
    start_value: float
    end_value: float
    points: tuple[tuple[date, float, bool], ...]  # (date, reading, is a lower bound)
    legend: str
    as_of: date | None = None
    # the value at the deadline if the pace so far holds (None once the deadline is past)
    projected: float | None = None
    # the start of the plan line is a stock published as "more than": progress read off
    # this chart is an estimate (≈)
    estimate: bool = False
    exact: tuple[Decimal, ...] = ()  # the readings as recorded, in the order of points
    # the plan line's corners (date, value), start to deadline, where it is not one straight
    # line: through a goal's waypoints, or a growth goal's compound path year by year
    road: tuple[tuple[date, float], ...] = ()

    def line_at(self, day: date) -> float:
        """The plan line's value on ``day`` (clamped to its start and deadline)."""
        road = self.road or ((self.start, self.start_value), (self.deadline, self.end_value))
        if day <= road[0][0]:
            return road[0][1]
        for (d0, v0), (d1, v1) in pairwise(road):
            if day <= d1:
                return v0 + (v1 - v0) * (day - d0).days / max((d1 - d0).days, 1)
        return road[-1][1]


@dataclass(frozen=True)
class GoalView:
    title: str
    definition: tuple[tuple[str, str], ...]  # (label, text)
    review: str
    figures_title: str
    status: str
    figures: tuple[tuple[str, str], ...]  # after the status row
    lower_bound_note: str | None  # a warning under the current figure
    entries_title: str | None
    entries: EntryList | None
    sources: tuple[str, ...]
    ledger: str | None  # which ledger the entries are from
    chart: ChartSeries | None


def entry_value(e: Entry, lang: str) -> str:
    """An entry's value as a list shows it: ``12``, ``+3``, ``≥ 13,000``, ``done``, ``note``."""
    if e.kind == "status":
        return label("state", e.status or "", lang)
    if e.kind == "note":
        return t("word.note", lang)
    if e.kind == "increment" and e.value is not None:
        return change_text(e.value)
    return fmt_num(e.value, e.bound == "lower", lang, e.bound == "approx")


def _past_voids(e: Entry, lang: str) -> list[Detail]:
    """Voids of the entry that were reversed: they stay in its history."""
    return [Detail(t("entry.restored", lang, word=t("word.void", lang), reason=shown(p.reason),
                     by=shown(p.restored_by), at=p.restored_at[:16].replace("T", " ")), "mark")
            for p in e.past_voids]  # fmt: skip


def _void_mark(e: Entry, lang: str) -> Detail:
    reason = shown(e.void_reason or "")
    return Detail(t("entry.voided", lang, word=t("word.void", lang), reason=reason), "mark")


# --------------------------------------------------------------------------- history


def history(plan: Plan, entries: Sequence[Entry], lang: str,
            shown_if: Callable[[Entry], bool] | None = None) -> History:  # fmt: skip
    """Ledger entries by goal and date: value, change, who; then id, time, note and source.

    ``shown_if`` picks the entries listed; changes are still counted over all of
    ``entries``, so the first one listed changes from the one before it, not from 0."""
    by_goal: dict[str, list[Entry]] = {}
    for e in entries:
        by_goal.setdefault(e.goal, []).append(e)
    ordered: list[tuple[Entry, Decimal | None, Decimal | None]] = []
    for goal_id, es in by_goal.items():
        if plan.has_goal(goal_id):
            ordered += running_values(plan.goal(goal_id), es)
        else:
            ordered += [(e, None, None) for e in es]
    ordered.sort(key=lambda x: (x[0].goal, x[0].date, x[0].seq))
    if shown_if is not None:
        ordered = [x for x in ordered if shown_if(x[0])]
    rows = []
    for e, _after, change in ordered:
        at = e.recorded_at[:16].replace("T", " ")
        details = [Detail(t("entry.recorded", lang, id=shown(e.id), at=shown(at)), "meta")]
        details += _past_voids(e, lang)
        if e.voided:
            details.append(_void_mark(e, lang))
        if e.note:
            details.append(Detail(shown(e.note), "note"))
        if e.source:
            details.append(Detail(t("entry.source", lang, source=shown(e.source)), "source"))
        cells = (str(e.date), shown(e.goal), entry_value(e, lang), change_text(change),
                 shown(e.recorded_by))
        rows.append(ListedEntry(cells, e.voided, tuple(details)))
    title = f"{shown(plan.name(lang))} · {t('word.entries', lang)}: {len(ordered)}"
    if not rows:
        return History(title, None)
    heads = tuple(t(k, lang) for k in ("word.date", "word.goal", "word.value", "word.change",
                                       "word.by"))  # fmt: skip
    return History(title, EntryList(heads, frozenset({2, 3}), tuple(rows)))


# --------------------------------------------------------------------------- show


def goal_view(
    result: GoalResult,
    entries: Sequence[Entry],
    lang: str,
    ledger: str = "",
    numbered: Mapping[str, int] | None = None,
    section: str | None = None,
) -> GoalView:
    """One goal in full: definition, figures, entries, their sources, and a chart.

    Sources are numbered in the order the entries cite them, or as ``numbered`` says
    (a whole report's list of sources: source -> its number). ``section``: the section's name
    (its id without one)."""
    g = result.goal
    sources = tuple(dict.fromkeys(e.source for e in entries if e.source))
    if numbered is None:
        numbered = {source: n for n, source in enumerate(sources, 1)}
    listed = _entry_list(result, entries, numbered, lang) if entries else None
    counted = [e for e in entries if not e.voided and e.date <= result.as_of]
    figures, lower_note = _figures(result, lang)
    return GoalView(
        title=shown(g.title(lang)),
        definition=_definition(g, result, lang, section or g.section),
        review=_review(result, lang),
        figures_title=f"{t('word.figures', lang)} · {t('word.as_of', lang)} {result.as_of}",
        status=result.status,
        figures=figures,
        lower_bound_note=lower_note,
        entries_title=(t("goal.entries", lang, word=t("word.entries", lang), n=len(entries))
                       if entries else None),
        entries=listed,
        sources=tuple(shown(s) for s in sources),
        ledger=t("head.ledger", lang, ledger=shown(ledger)) if ledger else None,
        chart=(chart_series(result, counted, lang) if g.has_target and g.target is not None
               and result.baseline is not None else None),
    )


def _definition(
    g: Goal, result: GoalResult, lang: str, name: str
) -> tuple[tuple[str, str], ...]:
    other = "en" if lang == "zh" else "zh"
    kind = label("kind", g.kind, lang)
    section = (f"{name} · {kind} · {t('direction.' + g.direction, lang)}" if g.has_target
               else f"{name} · {kind}")  # fmt: skip
    rows = [(t("word.id", lang), g.id), (t("word.other_title", lang), shown(g.title(other))),
            (t("word.section", lang), section),
            (t("word.plan_text", lang), shown(g.source))]  # fmt: skip
    if g.has_target:
        flags = goal_flags(g, lang, "; ")
        added = {"increase": t("goal.target.added", lang),
                 "cumulative": t("goal.target.cumulative", lang)}.get(g.kind, "")  # fmt: skip
        line = t("goal.target", lang, added=added, value=_target_value(g, result, lang),
                 deadline=g.deadline, flags=f" ({flags})" if flags else "",
                 stretch=t("word.stretch", lang) if g.stretch else "",
                 approx=t("word.approx", lang) if g.approximate else "")  # fmt: skip
        rows += [(t("word.target", lang), line), (t("word.baseline", lang),
                                                  _baseline(g, result, lang))]  # fmt: skip
        if g.waypoints:
            rows.append((t("word.waypoints", lang), t("goal.waypoints.sep", lang).join(
                _waypoint(day, value, g, lang) for day, value in g.waypoints)))  # fmt: skip
        if g.tolerance and g.target is not None:
            reach = g.target + g.tolerance if g.direction == "down" else g.target - g.tolerance
            band = f"± {with_unit(fmt_num(g.tolerance), g.unit, lang)}"
            reached = fmt_num(reach)
            if g.kind == "growth":
                band = "± " + t("num.points", lang, n=fmt_num(g.tolerance))
                reached = t("num.growth", lang, n=reached)
            rows.append((t("word.tolerance", lang),
                         t("goal.tolerance", lang, band=band, reach=reached)))  # fmt: skip
    elif g.deadline:
        rows.append((t("word.deadline", lang), str(g.deadline)))
    for i, n in enumerate(g.notes, 1):
        rows.append((t("word.notes", lang) if i == 1 else "",
                     shown(f"{i}. {n}" if len(g.notes) > 1 else n)))  # fmt: skip
    return tuple(rows)


def _target_value(g: Goal, result: GoalResult, lang: str) -> str:
    """The target as the definition states it: ``10,000 家``, ``≥ 10%/yr``, or the latest
    figure of the goal it is taken from (target_ref)."""
    if g.kind == "growth":
        return target_text(g, lang)
    value = with_unit(fmt_num(g.target), g.unit, lang)
    if not g.target_ref:
        return value
    if g.target is None:
        return t("goal.target.ref_none", lang, ref=g.target_ref)
    return t("goal.target.ref", lang, ref=g.target_ref, value=value, day=result.target_date)


def _waypoint(day: date, value: Decimal, g: Goal, lang: str) -> str:
    return t("goal.waypoint", lang, day=day, value=with_unit(
        ("+" if g.kind == "increase" else "") + fmt_num(value), g.unit, lang))  # fmt: skip


def _baseline(g: Goal, result: GoalResult, lang: str) -> str:
    base = result.baseline if result.baseline is not None else g.baseline
    day = result.baseline_date or g.baseline_date
    carried = (t("goal.baseline.carried", lang, source=g.baseline_from)
               if g.baseline_from and result.note != "baseline_not_carried" else "")  # fmt: skip
    if g.baseline_stock is not None:
        stock = with_unit(fmt_num(g.baseline_stock), g.unit, lang)
        origin = fmt_num(g.baseline_stock + (base or 0))
        return t("goal.baseline.stock", lang, stock=stock, day=day, origin=origin)
    if base is None:
        return t("goal.baseline.none", lang)
    text = f"{with_unit(fmt_num(base), g.unit, lang)} ({day})"
    if result.baseline_from_first_reading:
        text += t("goal.baseline.first", lang)
    return text + carried


def _review(r: GoalResult, lang: str) -> str:
    deadline = r.goal.deadline
    kind = t("goal.review.final" if deadline and r.as_of >= deadline else
             "goal.review.mid_term" if deadline else "goal.review.progress", lang)  # fmt: skip
    if not r.goal.has_target:
        return t("goal.review", lang, kind=kind, as_of=r.as_of)
    return t("goal.review.method", lang, kind=kind, as_of=r.as_of,
             method=label("method", r.method, lang))  # fmt: skip


def _figures(r: GoalResult, lang: str) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """The computed figures after the status row, and a lower-bound warning if one applies."""
    g = r.goal
    if g.kind == "milestone":
        latest = label("state", r.milestone_status, lang) if r.milestone_status else "-"
        return ((t("word.latest", lang), f"{latest} ({r.last_date})" if r.last_date
                 else latest),), None  # fmt: skip
    if r.current is None:
        return ((t("word.current_value", lang), t("goal.no_figure", lang)),), None
    current = with_unit(current_text(r, lang), g.unit, lang)
    if g.kind == "growth":
        current = current_text(r, lang)
        if r.reading is not None and r.baseline is not None and r.last_date:
            current += t("goal.growth_reading", lang, reading=with_unit(fmt_num(
                r.reading, r.reading_lower_bound, lang), g.unit, lang), day=r.last_date,
                base=with_unit(fmt_num(r.baseline), g.unit, lang), base_day=r.baseline_date,
                years=f"{calendar_years(r.baseline_date or r.last_date, r.last_date):.2f}")
    elif g.baseline_stock is not None and r.reading is not None:
        current += t("goal.stock_reading", lang, stock=fmt_num(r.reading, r.reading_lower_bound,
                     lang), base=fmt_num(g.baseline_stock, g.baseline_stock_bound == "lower",
                     lang))  # fmt: skip
    if r.last_date and g.kind != "growth":
        current += t("goal.latest", lang, day=r.last_date)
    rows = [(t("word.current_value", lang), current)]
    lower_note = t("goal.lower_bound", lang) if r.lower_bound else None
    if not g.has_target:
        return tuple(rows), lower_note
    pct = "-" if r.percent is None else f"{r.percent:.1f}%" + t("goal.of_target", lang)
    expected = in_goal_terms(r.expected, g, "value", lang)
    if r.expected is not None:
        expected += t("goal.plan_line", lang)
    rows += [
        (t("word.pct", lang), pct),
        (t("word.expected", lang), expected),
        (t("word.gap", lang), in_goal_terms(r.gap, g, "gap", lang)),
        (t("word.pace", lang), "-" if r.pace_ratio is None else f"{r.pace_ratio:.2f}"),
        (one_line(t("word.left", lang), lang),
         "-" if r.years_left is None else f"{r.years_left:.1f}"),
        (one_line(t("word.required", lang), lang),
         in_goal_terms(r.required_per_year, g, "rate", lang)),
        (one_line(t("word.actual", lang), lang),
         in_goal_terms(r.actual_per_year, g, "rate", lang)),
        (one_line(t("word.projected", lang), lang), in_goal_terms(r.projected, g, "value", lang)),
        (one_line(t("word.projected_date", lang), lang), str(r.projected_date or "-")),
    ]  # fmt: skip
    if r.next_waypoint is not None:
        rows.insert(3, (t("word.next_waypoint", lang), _waypoint(*r.next_waypoint, g, lang)))
    if r.note:
        rows.append((t("word.notes", lang), _note(r, lang)))
    if r.method_note:  # the method itself is stated above the figures
        rows.append((t("word.method", lang), f"{r.method} ({r.method_note})"))
    return tuple(rows), lower_note


def _note(r: GoalResult, lang: str) -> str:
    """Why a figure is missing or stands in (GoalResult.note), worded."""
    g = r.goal
    day = min(r.as_of, g.deadline) if g.deadline else r.as_of
    return t(f"note.{r.note}", lang, ref=g.target_ref or "", day=day,
             source=g.baseline_from or "", base_day=g.baseline_date)  # fmt: skip


def _entry_list(
    r: GoalResult, entries: Sequence[Entry], numbered: Mapping[str, int], lang: str
) -> EntryList:
    """A goal's entries: date, value, change, source number and id; marks and the note below."""
    rows = []
    for e, _after, change in running_values(r.goal, list(entries)):
        details = _past_voids(e, lang)
        if e.voided:
            details.append(_void_mark(e, lang))
        elif e.date > r.as_of:
            details.append(Detail(t("entry.after_as_of", lang), "mark"))
        if e.note:
            details.append(Detail(shown(e.note), "note"))
        source = f"[{numbered[e.source]}]" if e.source else ""
        cells = (str(e.date), entry_value(e, lang), change_text(change), source, shown(e.id))
        rows.append(ListedEntry(cells, e.voided, tuple(details)))
    value = "word.stock" if r.goal.baseline_stock is not None else "word.value"
    heads = tuple(t(k, lang) for k in ("word.date", value, "word.change", "word.source",
                                       "word.entry"))  # fmt: skip
    return EntryList(heads, frozenset({1, 2}), tuple(rows))


def chart_series(r: GoalResult, entries: Sequence[Entry], lang: str) -> ChartSeries:
    """The readings (voided entries left out) against the plan line, from the baseline on:
    through the goal's waypoints; for a growth goal, the series' path at the target rate."""
    g = r.goal
    assert g.target is not None and g.deadline is not None and r.baseline is not None
    stock = g.baseline_stock or Decimal(0)
    t0 = r.baseline_date or g.baseline_date
    readings = [(e.date, v, e.bound == "lower")
                for e, v, _ in running_values(g, [e for e in entries if not e.voided])
                if v is not None and e.date >= t0]  # fmt: skip
    points = tuple((d, float(v), bound) for d, v, bound in readings)
    legend = t("chart.legend", lang)
    if any(bound for _, _, bound in points):
        legend += t("chart.legend.bound", lang)
    if g.baseline_stock is not None:
        total = f"{fmt_num(stock)} + {fmt_num(g.target)} = {fmt_num(stock + g.target)}"
        legend += t("chart.legend.stock", lang, total=total)
    projected = (float(stock) + r.projected
                 if r.projected is not None and r.as_of < g.deadline else None)  # fmt: skip
    start, end = float(stock + r.baseline), float(stock + g.target)
    road: tuple[tuple[date, float], ...] = ()
    if g.kind == "growth":
        road = _growth_path(t0, start, g.deadline, float(g.target) / 100)
        end = road[-1][1]
    elif g.waypoints:  # the road the pace is judged on, with the stock under it
        road = tuple((d, float(stock) + v) for d, v in plan_road(g, float(r.baseline), t0))
    return ChartSeries(g, t0, g.deadline, start, end, points, legend, r.as_of, projected,
                       g.baseline_stock_bound == "lower",
                       tuple(v for _, v, _ in readings), road)  # fmt: skip


def _growth_path(t0: date, base: float, deadline: date, rate: float) -> tuple[
        tuple[date, float], ...]:  # fmt: skip
    """The series at ``rate`` a year from ``base`` on ``t0``: at each anniversary of ``t0``
    before the deadline, and at the deadline."""
    days = [t0]
    years = 1
    with contextlib.suppress(ValueError):  # (past the calendar: past the deadline too)
        while (day := anniversary(t0, years)) < deadline:
            days.append(day)
            years += 1
    days.append(deadline)
    return tuple((d, base * (1 + rate) ** calendar_years(t0, d)) for d in days)
