"""The reports for the terminal: Rich renderables built from the report views. Never prints.

A column that says nothing at this date is left out and said once above the
table instead (the expected value in a final review is the target; the time
left is the same for every goal when they share one deadline). Rich measures
East Asian wide characters, and titles are wrapped by cells too, so Chinese
text aligns.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from plantrack.i18n import t
from plantrack.output.tables import AtWidth, Col, goal_table, para, stacked_list
from plantrack.reports.views import status_label

if TYPE_CHECKING:
    from plantrack.reports.goalviews import EntryList, GoalView, History
    from plantrack.reports.views import (
        GapRow,
        GapsView,
        GoalList,
        Head,
        IndicatorRow,
        MilestoneRow,
        StatusView,
        SummaryLine,
        TargetRow,
    )

MIN_WIDTH = 40
STATUS_STYLE = {
    "achieved": "bold green", "on_track": "green", "tracked": "cyan", "in_progress": "cyan",
    "behind": "yellow", "off_track": "red", "regressing": "bold red", "missed": "bold red",
    "no_data": "dim", "not_started": "dim",
}  # fmt: skip
DETAIL_STYLE = {"meta": "dim", "mark": "bold", "note": "", "source": "dim"}


def console() -> Console:
    """The stdout console: colours only on a terminal; none at all under NO_COLOR.

    Rich alone drops colours under NO_COLOR but keeps bold and dim; setting
    no colour system drops every escape code, which is what a NO_COLOR user
    piping or logging the output expects. Made afresh per call (it is cheap),
    so the environment of each run counts.

    Plain strings are never read as Rich markup or emoji codes: a title or
    source that says "[bold]" or ":fire:" is printed as written (and Rich's
    emoji table is never imported).
    """
    plain = {"color_system": None} if os.environ.get("NO_COLOR") else {}
    console = Console(highlight=False, markup=False, emoji=False, **plain)  # type: ignore[arg-type]
    if console.width < MIN_WIDTH:  # e.g. COLUMNS=1: lay out at a usable width instead
        console = Console(  # type: ignore[arg-type]
            highlight=False, markup=False, emoji=False, width=MIN_WIDTH, **plain
        )
    return console


# Blanks at the end of a line, before any escape codes that close it.
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


def drawn(console: Console, renderable: RenderableType) -> str:
    """``renderable`` as ``console`` draws it, without the blanks Rich pads lines with:
    a line ends at its last character, so a copy into a document or a diff stays clean."""
    with console.capture() as captured:
        console.print(renderable)
    return _TRAILING.sub(r"\1", captured.get())


def status_text(status: str, lang: str) -> Text:
    return Text(status_label(status, lang), style=STATUS_STYLE.get(status, ""))


# --------------------------------------------------------------------------- shared parts


def _head(head: Head) -> list[RenderableType]:
    parts: list[RenderableType] = [para(head.name, "bold"), para(head.review),
                                   para(head.method, "dim")]  # fmt: skip
    if head.ledger:
        parts.append(para(head.ledger, "dim"))
    if head.empty:
        parts.append(para(head.empty, "yellow"))
    return parts


def summary_text(line: SummaryLine, width: int = 0) -> Text:
    """``4 achieved · 2 missed · 19 no data``; with ``width``, lines break between items."""
    text = Text(line.lead)
    used = cell_len(line.lead)
    for i, (status, item) in enumerate(line.items):
        room = 3 + cell_len(item) + (2 if i < len(line.items) - 1 else 0)  # this line's " ·" too
        if i and width and used + room > width:
            text.append(" ·\n", style="dim")
            used = 0
        elif i:
            text.append(" · ", style="dim")
            used += 3
        text.append(item, style=STATUS_STYLE.get(status, ""))
        used += cell_len(item)
    return text


def _summary_block(lines: tuple[SummaryLine, ...], lang: str) -> RenderableType:
    label_w = max(cell_len(line.name) for line in lines)

    def build(width: int) -> Table:
        t = Table.grid(padding=(0, 2))
        t.add_column(no_wrap=True, style="bold")
        t.add_column(no_wrap=True)
        for line in lines:
            t.add_row(line.name, summary_text(line, width - label_w - 2))
        return t

    return Group(Text(""), Text(t("word.summary", lang), style="bold"), AtWidth(build))


def _notes(texts: tuple[str, ...]) -> list[RenderableType]:
    return [para(text, "dim") for text in texts]


# --------------------------------------------------------------------------- status


def render_status(view: StatusView, lang: str) -> RenderableType:
    """The status report: targets, milestones and indicators tables, summary lines."""
    parts = _head(view.head)
    if view.targets:
        parts += [Text(""), AtWidth(lambda w: _targets_table(view.targets, lang, w, view.mid_term))]
        parts += _notes(view.footnotes)
    if view.milestones:
        parts += [Text(""), AtWidth(lambda w: _milestones_table(view.milestones, lang, w))]
    if view.indicators:
        parts += [Text(""), AtWidth(lambda w: _indicators_table(view.indicators, lang, w))]
    parts.append(_summary_block(view.summary, lang))
    return Group(*parts)


def _bar(row: TargetRow, width: int) -> Text:
    if row.percent is None:
        return Text("·" * width, style="dim")
    share = min(max(row.percent / 100, 0.0), 1.0)
    filled = round(share * width)
    return Text("█" * filled + "░" * (width - filled), style=STATUS_STYLE.get(row.status, ""))


def _targets_table(
    rows: tuple[TargetRow, ...], lang: str, width: int, mid_term: bool
) -> RenderableType:
    bar = 10 if width >= 100 else 8 if width >= 70 else 6 if width >= 56 else 0
    pct_w = max(cell_len(r.pct) for r in rows)
    progress = [_bar(r, bar) + Text((" " if bar else "") + r.pct.rjust(pct_w)) for r in rows]
    cols = [Col(t("word.current", lang), [Text(r.current) for r in rows]),
            Col(t("word.progress", lang), progress, justify="left")]  # fmt: skip
    if mid_term:
        cols.append(Col(t("word.expected", lang), [Text(r.expected) for r in rows], drop=1))
    cols.append(Col(t("word.status", lang), [status_text(r.status, lang) for r in rows],
                    justify="left"))  # fmt: skip
    return goal_table(width, t("word.goal", lang), [r.title for r in rows], cols,
                      title=t("word.targets", lang))  # fmt: skip


def _milestones_table(rows: tuple[MilestoneRow, ...], lang: str, width: int) -> RenderableType:
    cols = [
        Col(t("word.deadline", lang), [Text(r.deadline) for r in rows], justify="left"),
        Col(t("word.latest", lang), [Text(r.latest) for r in rows], justify="left"),
        Col(t("word.status", lang), [status_text(r.status, lang) for r in rows], justify="left"),
    ]
    return goal_table(width, t("word.goal", lang), [r.title for r in rows], cols,
                      title=t("word.milestones", lang), max_lines=3)  # fmt: skip


def _indicators_table(rows: tuple[IndicatorRow, ...], lang: str, width: int) -> RenderableType:
    cols = [
        Col(t("word.latest", lang), [Text(r.latest) for r in rows]),
        Col(t("word.date", lang), [Text(r.day) for r in rows], justify="left"),
    ]
    return goal_table(width, t("word.goal", lang), [r.title for r in rows], cols,
                      title=t("word.indicators", lang), max_lines=3)  # fmt: skip


# --------------------------------------------------------------------------- gaps


def render_gaps(view: GapsView, lang: str) -> RenderableType:
    """The gap report (rows in the order given: worst first by default)."""
    parts = _head(view.head)
    if view.due:
        parts.append(para(view.due))
    if view.empty:
        parts += [para(view.empty), _summary_block(view.summary, lang)]
        return Group(*parts)
    parts += [Text(""), AtWidth(lambda width: _gaps_table(view, lang, width))]
    parts += _notes(view.footnotes)
    parts += [para(view.legend, "dim"), _summary_block(view.summary, lang)]
    return Group(*parts)


def _gaps_table(view: GapsView, lang: str, width: int) -> RenderableType:
    rows: tuple[GapRow, ...] = view.rows

    def col(key: str, cells: list[str], **kw: object) -> Col:
        return Col(t(key, lang), [Text(c) for c in cells], **kw)  # type: ignore[arg-type]

    cols = [col("word.gap", [r.gap for r in rows])]
    if view.years_column:
        cols.append(col("word.left", [r.years_left for r in rows], drop=3))
    if any(r.need is not None for r in rows):
        cols.append(col("word.required", [r.need or "-" for r in rows]))
    cols += [
        col("word.actual", [r.actual for r in rows]),
        col("word.projected", [r.projected for r in rows], drop=2),
        col("word.projected_date", [r.projected_date for r in rows], justify="left", drop=1),
        Col(t("word.status", lang), [status_text(r.status, lang) for r in rows], justify="left"),
    ]
    return goal_table(width, t("word.goal", lang), [r.title for r in rows], cols)


# --------------------------------------------------------------------------- goals, history


def render_goal_list(view: GoalList, lang: str) -> RenderableType:
    """The plan's goals in plan order: title, id (what commands take), section, target."""
    rows = view.rows
    cols = [
        Col(t("word.id", lang), [Text(r.id, style="cyan") for r in rows], justify="left"),
        Col(t("word.section", lang), [Text(r.section) for r in rows], justify="left", drop=1),
        Col(t("word.target", lang), [Text(r.target) for r in rows]),
        Col(t("word.deadline", lang), [Text(r.deadline) for r in rows], justify="left", drop=2),
    ]
    if view.flags_column:
        # kept longest: "about" (左右) and "stretch" (力争) change what a target means
        cols.append(Col(t("word.flags", lang), [Text(r.flags) for r in rows], justify="left",
                        drop=3))  # fmt: skip
    titles = [r.title for r in rows]
    return Group(para(view.name, "bold"),
                 AtWidth(lambda width: goal_table(width, t("word.title", lang), titles, cols)))


def _entry_list(entries: EntryList, width: int) -> RenderableType:
    rows = [
        (list(e.cells), "dim strike" if e.voided else "",
         [(d.text, "dim" if e.voided and d.kind == "note" else DETAIL_STYLE[d.kind])
          for d in e.details])
        for e in entries.rows
    ]  # fmt: skip
    return stacked_list(list(entries.heads), set(entries.right), rows, width)


def render_history(view: History) -> RenderableType:
    """Ledger entries by goal and date: value, change, who; then id, time, note and source."""
    title = para(view.title, "bold")
    if view.entries is None:
        return title
    listed = view.entries
    return Group(title, AtWidth(lambda width: _entry_list(listed, width)))


# --------------------------------------------------------------------------- show


def render_goal(view: GoalView, lang: str) -> RenderableType:
    """One goal in full: definition, figures, entries, their sources, and a chart."""
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(overflow="fold")
    for name, text in view.definition:
        info.add_row(name, text)
    parts: list[RenderableType] = [
        Panel(info, title=Text(view.title, style="bold"), title_align="left", box=box.ROUNDED),
        Text(view.review, style="dim"),
        *([Text(view.ledger, style="dim")] if view.ledger else []),
        _figures(view, lang),
    ]
    if view.entries is not None and view.entries_title is not None:
        listed = view.entries
        parts += [Text(""), Text(view.entries_title, style="bold"),
                  AtWidth(lambda width: _entry_list(listed, width))]  # fmt: skip
    if view.sources:
        st = Table.grid(padding=(0, 1))
        st.add_column(no_wrap=True)
        st.add_column(overflow="fold")
        for i, s in enumerate(view.sources, 1):
            st.add_row(f"[{i}]", s)
        parts += [Text(""), Text(t("word.sources", lang), style="bold"), st]
    if view.chart is not None:
        from plantrack.output.chart import chart

        series = view.chart
        parts += [Text(""), Text(t("word.chart", lang), style="bold"),
                  AtWidth(lambda width: chart(series, width=width))]  # fmt: skip
    return Group(*parts)


def _figures(view: GoalView, lang: str) -> RenderableType:
    """The computed figures, in a panel titled with the as-of date."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row(t("word.status", lang), status_text(view.status, lang))
    for i, (name, text) in enumerate(view.figures):
        grid.add_row(name, text)
        if i == 0 and view.lower_bound_note:  # right under the current figure
            grid.add_row("", Text(view.lower_bound_note, style="yellow"))
    return Panel(grid, title=view.figures_title, title_align="left", box=box.ROUNDED)
