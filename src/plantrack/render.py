"""Rich renderables for the terminal. Pure: builds objects, never prints.

The report tables are laid out for the width Rich gives them at print time
(``_AtWidth``), so one report reads well at 80 and at 120 columns:

- number columns always get their full width, so a number is never cut;
- the title column gets what is left; a title wraps to at most two lines
  (three for milestones) and ends in "…" beyond that;
- a column that says nothing at this date is left out and said once above
  the table instead (the expected value in a final review is the target; the
  time left is the same for every goal when they share one deadline);
- on a very narrow terminal the least needed columns go first.

Rich measures East Asian wide characters (``cell_len``), and titles are
wrapped here by cells too, so Chinese text aligns.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.control import STRIP_CONTROL_CODES, strip_control_codes
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from plantrack.analysis import BEHIND, DAYS_PER_YEAR, ON_TRACK, GoalResult, Report, running_values
from plantrack.ledger import Entry
from plantrack.numbers import grouped
from plantrack.plan import Goal, Plan

MIN_WIDTH = 40
# The control codes Rich strips from text (BEL, BS, VT, FF, CR).
_CONTROL = re.compile("[" + re.escape("".join(map(chr, STRIP_CONTROL_CODES))) + "]")


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


STATUS_STYLE = {
    "achieved": "bold green", "on_track": "green", "tracked": "cyan", "in_progress": "cyan",
    "behind": "yellow", "off_track": "red", "regressing": "bold red", "missed": "bold red",
    "no_data": "dim", "not_started": "dim",
}  # fmt: skip
# Summary order: good news first, then the problems by severity, gaps in the data last.
SUMMARY_ORDER = (
    "achieved", "tracked", "on_track", "in_progress", "behind", "off_track", "regressing",
    "missed", "not_started", "no_data",
)  # fmt: skip
STATUS_LABEL = {
    "en": {
        "achieved": "achieved", "on_track": "on track", "tracked": "tracked",
        "in_progress": "in progress", "behind": "behind", "off_track": "off track",
        "regressing": "regressing", "missed": "missed", "no_data": "no data",
        "not_started": "not started",
    },
    "zh": {
        "achieved": "已完成", "on_track": "进度正常", "tracked": "监测中", "in_progress": "进行中",
        "behind": "滞后", "off_track": "严重滞后", "regressing": "倒退", "missed": "未完成",
        "no_data": "无数据", "not_started": "未开始",
    },
}  # fmt: skip
# Labels; a "\n" marks where a column header breaks into two lines (narrow columns).
WORDS = {
    "en": {
        "goal": "Goal", "current": "Current / target", "progress": "Progress", "pct": "Progress",
        "expected": "Expected", "status": "Status", "targets": "Targets",
        "milestones": "Milestones", "indicators": "Indicators", "deadline": "Deadline",
        "latest": "Latest", "summary": "Summary", "plan": "whole plan", "gap": "Gap",
        "left": "Years\nleft", "required": "Need\n/ yr", "actual": "Actual\n/ yr",
        "projected": "At\ndeadline", "projected_date": "Projected\ndate", "id": "ID",
        "date": "Date", "kind": "Kind", "value": "Value", "stock": "Stock", "change": "Change",
        "by": "By", "recorded": "Recorded", "note": "Note", "source": "Source",
        "void": "voided", "title": "Title", "other_title": "Title (zh)", "section": "Section",
        "unit": "Unit", "target": "Target", "flags": "Flags", "baseline": "Baseline",
        "tolerance": "Tolerance", "method": "Method", "as_of": "as of", "entries": "Entries",
        "entry": "Entry", "sources": "Sources", "notes": "Notes", "figures": "Figures",
        "plan_text": "Plan text", "pace": "Pace ratio", "chart": "Chart",
        "approx": "about", "stretch": "stretch", "current_value": "Current",
    },
    "zh": {
        "goal": "目标", "current": "当前 / 目标", "progress": "进度", "pct": "完成率",
        "expected": "应达", "status": "状态", "targets": "量化目标", "milestones": "里程碑",
        "indicators": "监测指标", "deadline": "期限", "latest": "最新", "summary": "汇总",
        "plan": "全部", "gap": "差距", "left": "剩余\n年数", "required": "每年\n需完成",
        "actual": "每年\n实际", "projected": "期末\n预计", "projected_date": "预计\n达成日期",
        "id": "编号", "date": "日期", "kind": "类型", "value": "数值", "stock": "存量",
        "change": "变化", "by": "记录人", "recorded": "记录时间", "note": "备注",
        "source": "来源", "void": "已作废", "title": "名称", "other_title": "英文名称",
        "section": "类别", "unit": "单位", "target": "目标值", "flags": "标记",
        "baseline": "基期", "tolerance": "容差", "method": "方法", "as_of": "截至",
        "entries": "记录", "entry": "记录编号", "sources": "来源", "notes": "说明",
        "figures": "测算", "plan_text": "规划原文", "pace": "进度比", "chart": "图示",
        "approx": "左右", "stretch": "力争", "current_value": "当前值",
    },
}  # fmt: skip
MILESTONE_LABEL = {
    "en": {"not_started": "not started", "in_progress": "in progress", "done": "done"},
    "zh": {"not_started": "未开始", "in_progress": "进行中", "done": "已完成"},
}
KIND_TEXT = {
    "en": {"increase": "increase (counted from the baseline)", "level": "level",
           "milestone": "milestone", "indicator": "indicator (tracked, no target)"},
    "zh": {"increase": "增量(自基期起累计)", "level": "水平值", "milestone": "里程碑",
           "indicator": "监测指标(无目标值)"},
}  # fmt: skip
KIND_SHORT = {
    "en": {"milestone": "milestone", "indicator": "indicator"},
    "zh": {"milestone": "里程碑", "indicator": "监测指标"},
}
DIRECTION_TEXT = {
    "en": {"up": "higher is better", "down": "lower is better"},
    "zh": {"up": "越高越好", "down": "越低越好"},
}
METHOD_TEXT = {
    "en": {
        "linear": "linear (progress share compared with the share of time elapsed)",
        "cagr": "cagr (observed compound growth rate compared with the rate required)",
        "per goal": "each goal's own method (linear unless the plan says cagr)",
    },
    "zh": {
        "linear": "线性法(完成比例与时间进度比例对比)",
        "cagr": "复合增长率法(实际年均增速与所需年均增速对比)",
        "per goal": "按各目标设定的方法(默认线性法)",
    },
}  # fmt: skip
TITLE_LINES = 2  # a goal title in a report table wraps to at most this many lines
SIDE_MIN = 28  # cells: a narrower title column puts titles on lines of their own


# --------------------------------------------------------------------------- numbers


def status_text(status: str, lang: str) -> Text:
    return Text(STATUS_LABEL[lang].get(status, status), style=STATUS_STYLE.get(status, ""))


def fmt_num(
    value: Decimal | float | None, lower_bound: bool = False, lang: str = "en",
    estimate: bool = False,
) -> str:
    """A recorded figure, exact, grouped; a lower bound as ``≥ 13,000`` (zh ``超过13,000``),
    an estimate as ``≈ 20,000`` (zh ``约20,000``)."""
    if value is None:
        return "-"
    text = grouped(value) if isinstance(value, Decimal) else grouped(round(value, 2))
    if lower_bound:
        return f"超过{text}" if lang == "zh" else f"≥ {text}"
    if estimate:
        return f"约{text}" if lang == "zh" else f"≈ {text}"
    return text


def fmt_calc(value: float | None, goal: Goal) -> str:
    """A computed figure (expected, gap, pace, projection), rounded to what it can mean.

    Whole above 100; one decimal from 10 (two below 1), or as many as the
    goal's target has; trailing zeros dropped, so 5.99 labs expected shows 6.
    """
    if value is None:
        return "-"
    target_places = 0
    if goal.target is not None:
        exponent = goal.target.normalize().as_tuple().exponent
        target_places = max(0, -exponent) if isinstance(exponent, int) else 0
    size = abs(value)
    places = (0 if size >= 100 else max(1, target_places) if size >= 1
              else max(2, target_places))  # fmt: skip
    text = grouped(value, places)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _unit(text: str, unit: str, lang: str) -> str:
    """``6,290 家`` in English; Chinese sets no space between a number and its unit."""
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" or lang == "zh" else f"{text} {unit}"


def _target_text(goal: Goal, lang: str) -> str:
    """``~50`` / ``约50`` for a goal the plan gives as "about" (左右)."""
    text = fmt_num(goal.target)
    if goal.approximate:
        text = f"约{text}" if lang == "zh" else f"~{text}"
    return text


def _pct(result: GoalResult) -> str:
    return "-" if result.percent is None else f"{result.percent:.0f}%"


def _bar(result: GoalResult, width: int = 10) -> Text:
    if result.percent is None:
        return Text("·" * width, style="dim")
    share = min(max(result.percent / 100, 0.0), 1.0)
    filled = round(share * width)
    return Text("█" * filled + "░" * (width - filled), style=STATUS_STYLE.get(result.status, ""))


# --------------------------------------------------------------------------- text layout

# A line may not start with closing punctuation, nor end with opening punctuation.
_NO_START = set("、,。.;:!?)]}」』”’》〉〕】%,。;:!?)…·")
_NO_END = set("([{「『“‘《〈〔【(")


def _tokens(text: str) -> list[str]:
    """Break points: words, spaces, single wide characters; punctuation kept with its neighbour."""
    out: list[str] = []
    word = ""
    for ch in text:
        if ch == " ":
            if word:
                out.append(word)
                word = ""
            out.append(ch)
        elif cell_len(ch) > 1 and ch not in _NO_START:
            if word:
                out.append(word)
            word = ch
            out.append(word)
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    merged: list[str] = []
    for tok in out:
        glue = (merged and tok[0] in _NO_START and merged[-1] != " ") or (
            merged and merged[-1][-1] in _NO_END)  # fmt: skip
        if glue:
            merged[-1] += tok
        else:
            merged.append(tok)
    return merged


def wrap_cells(text: str, width: int) -> list[str]:
    """Wrap ``text`` to lines of at most ``width`` cells (Chinese breaks between characters)."""
    width = max(width, 1)
    if text.isprintable() and cell_len(text) <= width:  # fits: the common case, kept fast
        fitted = text.lstrip(" ").rstrip()
        return [fitted if fitted.strip() else ""]
    lines: list[str] = []
    line = ""
    for tok in _tokens(text):
        if cell_len(line + tok) <= width:
            if tok != " " or line:
                line += tok
            continue
        if line.strip():
            lines.append(line.rstrip())
        line = "" if tok == " " else tok
        while cell_len(line) > width:  # a single word longer than the line: fold it
            cut = ""
            for ch in line:
                if cell_len(cut + ch) > width:
                    break
                cut += ch
            cut = cut or line[0]  # a wide character in a one-cell line: it must still move on
            lines.append(cut)
            line = line[len(cut):]
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def clip_lines(text: str, width: int, max_lines: int) -> str:
    """``text`` wrapped to ``width`` cells; past ``max_lines`` lines it is cut and ends in "…"."""
    lines = wrap_cells(text, width)
    if 1 < len(lines) <= max_lines:
        # Balance the lines (no one-character orphan): the narrowest width giving as many.
        for narrower in range((cell_len(text) + len(lines) - 1) // len(lines), width):
            balanced = wrap_cells(text, narrower)
            if len(balanced) == len(lines):
                return "\n".join(balanced)
    if len(lines) <= max_lines:
        return "\n".join(lines)
    kept = lines[:max_lines]
    last = kept[-1]
    while last and cell_len(last.rstrip() + "…") > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return "\n".join(kept)


def _cells(value: str | Text) -> int:
    plain = value.plain if isinstance(value, Text) else value
    return max((cell_len(line) for line in plain.split("\n")), default=0)


class _AtWidth:
    """A renderable built when Rich knows the width: ``build(width)`` is a pure function."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def _para(text: str, style: str = "") -> _AtWidth:
    """A paragraph wrapped by cells (Rich would break Chinese only at spaces)."""
    return _AtWidth(lambda width: Text("\n".join(wrap_cells(text, width)), style=style))


@dataclass
class _Col:
    """A no-wrap column: header, cells, justification and drop order (0: never dropped)."""

    header: str
    cells: list[Text]
    justify: str = "right"
    drop: int = 0

    @property
    def width(self) -> int:
        return max(_cells(c) for c in [self.header, *self.cells])


GAP = 2  # cells between two columns (padding collapsed to one space plus the divider)


def _grid_table(title: str | None = None) -> Table:
    return Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold",
                 pad_edge=False, show_edge=False, collapse_padding=True)  # fmt: skip


def _goal_table(
    width: int,
    header: str,
    titles: Sequence[str],
    cols: list[_Col],
    *,
    title: str | None = None,
    max_lines: int = TITLE_LINES,
) -> RenderableType:
    """Goal rows for ``width`` cells: side by side, or stacked when the titles would be squeezed.

    Side by side, the title column gets what the number columns leave. When
    that is under SIDE_MIN cells and a title would have to be cut (Chinese
    titles are short and usually fit), each goal takes a line for its title
    (the whole width) and a line for its figures; only then, if the figures
    still do not fit, the least needed columns are dropped.
    """
    cols = list(cols)
    # No wider than the longest title, so the figures stay near their titles.
    title_w = min(width - sum(c.width for c in cols) - GAP * len(cols),
                  max(cell_len(x) for x in [header, *titles]))  # fmt: skip
    fits = title_w >= 8 and all(len(wrap_cells(x, title_w)) <= max_lines for x in titles)
    if title_w >= SIDE_MIN or fits:
        t = _grid_table(title)
        t.add_column(header, width=title_w, no_wrap=True)
        for c in cols:
            t.add_column(c.header, justify=c.justify, no_wrap=True, width=c.width)  # type: ignore[arg-type]
        for i, text in enumerate(titles):
            t.add_row(clip_lines(text, title_w, max_lines), *(c.cells[i] for c in cols))
        return t
    indent = max(4, cell_len(header))
    while width - indent - sum(c.width for c in cols) - GAP * len(cols) < 0:
        droppable = [c for c in cols if c.drop]
        if not droppable:
            break
        cols.remove(min(droppable, key=lambda c: c.drop))
    t = _grid_table(title)
    t.expand = True
    t.add_column(header, ratio=1, min_width=indent, no_wrap=True)
    for c in cols:
        t.add_column(c.header, justify=c.justify, no_wrap=True, width=c.width)  # type: ignore[arg-type]
    for i in range(len(titles)):
        t.add_row("", *(c.cells[i] for c in cols))
    return _Stacked(t, [clip_lines(text, width, max_lines) for text in titles])


class _Stacked:
    """A table whose rows are each preceded by a full-width title line (Rich has no colspan)."""

    def __init__(self, table: Table, titles: list[str]) -> None:
        self.table, self.titles = table, titles

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = console.render_lines(self.table, options, pad=False)
        head = len(lines) - len(self.titles)  # every figures row is one line (no_wrap)
        for line in lines[:head]:
            yield from line
            yield Segment.line()
        for title, line in zip(self.titles, lines[head:], strict=True):
            yield Text(title)
            yield from line
            yield Segment.line()


# --------------------------------------------------------------------------- report heads


def _years(start: date, end: date) -> float:
    return max((end - start).days, 0) / DAYS_PER_YEAR


def _head(report: Report, lang: str) -> list[RenderableType]:
    """Plan name, the kind of review, and the method, as every report states them."""
    name = report.plan_name_zh if lang == "zh" else report.plan_name_en
    end, as_of = report.period_end, report.as_of
    if lang == "zh":
        if end is None:
            review = f"进展评估(截至{as_of})"
        elif as_of >= end:
            review = f"期末总结(截至{as_of};规划期已于{end}结束,未达到目标的即为未完成)"
        else:
            review = f"中期评估(截至{as_of};距规划期结束({end})还有{_years(as_of, end):.1f}年)"
        if report.known_at:
            review += f";仅计入{report.known_at}及以前录入的数据"
    else:
        if end is None:
            review = f"Progress review as of {as_of}"
        elif as_of >= end:
            review = (f"Final review as of {as_of}: the plan period ended on {end}, "
                      "so a goal not reached is missed")  # fmt: skip
        else:
            review = (f"Mid-term review as of {as_of}: {_years(as_of, end):.1f} years left "
                      f"until the plan period ends on {end}")  # fmt: skip
        if report.known_at:
            review += f"; only entries recorded by {report.known_at}"
    parts = [_para(name, "bold"), _para(review), _para(_method_text(report.method, lang), "dim")]
    if report.results and all(r.status == "no_data" for r in report.results):
        known = ""
        if report.known_at:
            known = f"(按{report.known_at}已录入的数据)" if lang == "zh" else (
                f" (entries recorded by {report.known_at})")  # fmt: skip
        parts.append(_para(
            f"截至{as_of},这些目标都还没有数据{known}。可用 plantrack record 目标编号 数值 录入,"
            "或用 plantrack import 文件名 导入。" if lang == "zh" else
            f"No figures for these goals as of {as_of}{known}. Record them with plantrack "
            "record GOAL VALUE, or load a file with plantrack import FILE.", "yellow"))  # fmt: skip
    return parts


def _method_text(method: str, lang: str) -> str:
    text = METHOD_TEXT[lang].get(method, method)
    if lang == "zh":
        ratio = "实际年均增速 ÷ 所需年均增速" if method == "cagr" else "完成比例 ÷ 时间进度比例"
        return (f"方法:{text}。进度比 = {ratio};≥{ON_TRACK} 进度正常,≥{BEHIND} 滞后,"
                f"≥0 严重滞后,<0 倒退。")  # fmt: skip
    ratio = ("observed growth rate ÷ rate required" if method == "cagr"
             else "share of the target done ÷ share of the time elapsed")  # fmt: skip
    return (f"Method: {text}. Pace ratio = {ratio}; on track ≥ {ON_TRACK}, "
            f"behind ≥ {BEHIND}, off track ≥ 0, regressing < 0.")  # fmt: skip


def _footnotes(results: Sequence[GoalResult], lang: str) -> list[RenderableType]:
    notes: list[RenderableType] = []
    if any(r.lower_bound for r in results):
        notes.append(_para(
            "超过:公布数据为下限值(如“突破1.3万家”),按下限值测算。" if lang == "zh" else
            "≥: the figure was published as a lower bound (\"more than\"); "
            "progress is computed on the bound.", "dim"))  # fmt: skip
    if any(r.estimate and r.current is not None for r in results):
        notes.append(_para(
            "约:基期存量本身为下限值(如“突破1万家”),增量为估算值,可能偏高。" if lang == "zh" else
            "≈: the baseline stock was itself published as a lower bound (\"more than\"); "
            "the increase is an estimate and may be overstated.", "dim"))  # fmt: skip
    fallback = [r.goal.id for r in results if r.method_note]
    if fallback:
        notes.append(_para(
            f"无法使用复合增长率法,改用线性法:{', '.join(fallback)}" if lang == "zh" else
            f"cagr needs positive values and elapsed time; linear used for: "
            f"{', '.join(fallback)}", "dim"))  # fmt: skip
    return notes


def summary_text(counts: dict[str, int], lang: str, width: int = 0, lead: str = "") -> Text:
    """``4 achieved · 2 missed · 19 no data`` (zh ``已完成4项 · 未完成2项 · 无数据19项``).

    With ``width``, lines break between items, never inside one.
    """
    order = [s for s in SUMMARY_ORDER if s in counts]
    order += [s for s in counts if s not in SUMMARY_ORDER]
    text = Text(lead)
    used = cell_len(lead)
    for i, status in enumerate(order):
        label = STATUS_LABEL[lang].get(status, status)
        n = counts[status]
        item = f"{label}{n}项" if lang == "zh" else f"{n} {label}"
        room = 3 + cell_len(item) + (2 if i < len(order) - 1 else 0)  # this line's " ·" too
        if i and width and used + room > width:
            text.append(" ·\n", style="dim")
            used = 0
        elif i:
            text.append(" · ", style="dim")
            used += 3
        text.append(item, style=STATUS_STYLE.get(status, ""))
        used += cell_len(item)
    return text


def _summary_block(report: Report, lang: str) -> RenderableType:
    w = WORDS[lang]
    n = len(report.results)
    rows = [
        (report.section_name(name, lang), counts, "")
        for name, counts in report.sections().items()
    ]
    rows = rows if len(rows) > 1 else []
    total = f"共{n}项:" if lang == "zh" else f"{n} goal{'s' if n != 1 else ''}: "
    rows.append((w["plan"], report.summary, total))
    label_w = max(cell_len(name) for name, _, _ in rows)

    def build(width: int) -> Table:
        t = Table.grid(padding=(0, 2))
        t.add_column(no_wrap=True, style="bold")
        t.add_column(no_wrap=True)
        for name, counts, lead in rows:
            t.add_row(name, summary_text(counts, lang, width - label_w - 2, lead))
        return t

    return Group(Text(""), Text(w["summary"], style="bold"), _AtWidth(build))


# --------------------------------------------------------------------------- status


def status_view(report: Report, lang: str) -> RenderableType:
    """The status report: targets, milestones and indicators tables, summary lines."""
    targets = [r for r in report.results if r.goal.has_target]
    milestones = [r for r in report.results if r.goal.kind == "milestone"]
    indicators = [r for r in report.results if r.goal.kind == "indicator"]
    parts: list[RenderableType] = _head(report, lang)
    if targets:
        # Expected by now is the target itself once every deadline has passed.
        mid_term = any(r.goal.deadline and report.as_of < r.goal.deadline for r in targets)
        parts += [Text(""), _AtWidth(lambda width: _targets_table(targets, lang, width, mid_term))]
        parts += _footnotes(targets, lang)
    if milestones:
        parts += [Text(""), _AtWidth(lambda width: _milestones_table(milestones, lang, width))]
    if indicators:
        parts += [Text(""), _AtWidth(lambda width: _indicators_table(indicators, lang, width))]
    parts.append(_summary_block(report, lang))
    return Group(*parts)


def _targets_table(rows: list[GoalResult], lang: str, width: int, mid_term: bool) -> RenderableType:
    w = WORDS[lang]
    bar = 10 if width >= 100 else 8 if width >= 70 else 6 if width >= 56 else 0
    pcts = [_pct(r) for r in rows]
    pct_w = max(cell_len(p) for p in pcts)
    current = [Text(_unit(f"{fmt_num(r.current, r.lower_bound, lang, r.estimate)} / "
                          f"{_target_text(r.goal, lang)}", r.goal.unit, lang))
               for r in rows]  # fmt: skip
    progress = [_bar(r, bar) + Text((" " if bar else "") + p.rjust(pct_w))
                for r, p in zip(rows, pcts, strict=True)]  # fmt: skip
    cols = [_Col(w["current"], current), _Col(w["progress"], progress, justify="left")]
    if mid_term:
        cols.append(_Col(w["expected"], [Text(fmt_calc(r.expected, r.goal)) for r in rows], drop=1))
    cols.append(_Col(w["status"], [status_text(r.status, lang) for r in rows], justify="left"))
    return _goal_table(width, w["goal"], [r.goal.title(lang) for r in rows], cols,
                       title=w["targets"])  # fmt: skip


def _milestones_table(rows: list[GoalResult], lang: str, width: int) -> RenderableType:
    w = WORDS[lang]
    latest = []
    for r in rows:
        text = MILESTONE_LABEL[lang].get(r.milestone_status or "", "-")
        latest.append(Text(f"{text} ({r.last_date})" if r.last_date else text))
    cols = [
        _Col(w["deadline"], [Text(str(r.goal.deadline)) for r in rows], justify="left"),
        _Col(w["latest"], latest, justify="left"),
        _Col(w["status"], [status_text(r.status, lang) for r in rows], justify="left"),
    ]
    return _goal_table(width, w["goal"], [r.goal.title(lang) for r in rows], cols,
                       title=w["milestones"], max_lines=3)  # fmt: skip


def _indicators_table(rows: list[GoalResult], lang: str, width: int) -> RenderableType:
    w = WORDS[lang]
    cols = [
        _Col(w["latest"], [Text("-" if r.current is None else
                                _unit(fmt_num(r.current, r.lower_bound, lang, r.estimate),
                                      r.goal.unit, lang))
                           for r in rows]),
        _Col(w["date"], [Text(str(r.last_date or "-")) for r in rows], justify="left"),
    ]  # fmt: skip
    return _goal_table(width, w["goal"], [r.goal.title(lang) for r in rows], cols,
                       title=w["indicators"], max_lines=3)  # fmt: skip


# --------------------------------------------------------------------------- gaps


def gaps_view(report: Report, lang: str) -> RenderableType:
    """The gap report (rows in the order given: worst first by default)."""
    rows = [r for r in report.results if r.goal.has_target]
    parts: list[RenderableType] = _head(report, lang)
    deadlines = {r.goal.deadline for r in rows}
    common = deadlines.pop() if len(deadlines) == 1 else None
    if common is not None:
        left = _years(report.as_of, common)
        parts.append(_para(
            (f"全部目标期限为{common},剩余{left:.1f}年。" if lang == "zh"
             else f"Every goal is due on {common}: {left:.1f} years left.")
            if left > 0 else
            (f"全部目标期限为{common},已无剩余时间,不再列出每年需完成量。" if lang == "zh"
             else f"Every goal was due on {common}: no time is left, so there is no "
             "required pace.")))  # fmt: skip
    if not rows:
        parts.append(_para("所选目标均无目标值,没有差距可算。" if lang == "zh" else
                           "None of these goals has a target, so there is no gap to report."))
        parts.append(_summary_block(report, lang))
        return Group(*parts)
    parts += [Text(""), _AtWidth(lambda width: _gaps_table(rows, lang, width, common is None))]
    parts += _footnotes(rows, lang)
    parts.append(_para(
        "差距:距目标尚差;每年需完成 = 差距 ÷ 剩余年数;每年实际 = 已完成 ÷ 已过年数;"
        "期末预计:按目前平均进度到期限时的数值;预计达成日期:按目前平均进度达到目标的日期。"
        if lang == "zh" else
        "Gap: still to go. Need / yr = gap ÷ years left. Actual / yr = progress so far ÷ "
        "years elapsed. At deadline: the value at the deadline if the pace so far holds. "
        "Projected date: when the pace so far reaches the target.", "dim"))  # fmt: skip
    parts.append(_summary_block(report, lang))
    return Group(*parts)


def _gaps_table(
    rows: list[GoalResult], lang: str, width: int, years_column: bool
) -> RenderableType:
    w = WORDS[lang]

    def done(r: GoalResult) -> bool:  # reached (or within the tolerance band): nothing to go
        return r.status == "achieved" or (r.gap is not None and r.gap <= 0)

    def gap(r: GoalResult) -> str:
        if r.gap is None:
            return "-"
        return _unit("0" if r.gap <= 0 else fmt_calc(r.gap, r.goal), r.goal.unit, lang)

    need = [None if done(r) else r.required_per_year for r in rows]
    cols = [_Col(w["gap"], [Text(gap(r)) for r in rows])]
    if years_column:
        cols.append(_Col(w["left"], [Text("-" if r.years_left is None else f"{r.years_left:.1f}")
                                     for r in rows], drop=3))  # fmt: skip
    if any(n is not None for n in need):
        cols.append(_Col(w["required"], [Text(fmt_calc(n, r.goal))
                                         for n, r in zip(need, rows, strict=True)]))  # fmt: skip
    cols += [
        _Col(w["actual"], [Text(fmt_calc(r.actual_per_year, r.goal)) for r in rows]),
        _Col(w["projected"], [Text(fmt_calc(r.projected, r.goal)) for r in rows], drop=2),
        _Col(w["projected_date"], [Text("-" if done(r) else str(r.projected_date or "-"))
                                   for r in rows], justify="left", drop=1),
        _Col(w["status"], [status_text(r.status, lang) for r in rows], justify="left"),
    ]  # fmt: skip
    return _goal_table(width, w["goal"], [r.goal.title(lang) for r in rows], cols)


# --------------------------------------------------------------------------- goals, history


def goals_table(plan: Plan, goals: Sequence[Goal], lang: str) -> RenderableType:
    """The plan's goals in plan order: title, id (what commands take), section, target."""
    w = WORDS[lang]
    targets = []
    for g in goals:
        if g.target is None:
            targets.append(Text(KIND_SHORT[lang].get(g.kind, g.kind)))
        else:
            sign = "+" if g.kind == "increase" else ""
            targets.append(Text(_unit(sign + fmt_num(g.target), g.unit, lang)))
    flags = [Text(", ".join(w[k] for k, on in (("approx", g.approximate), ("stretch", g.stretch))
                            if on)) for g in goals]  # fmt: skip
    cols = [
        _Col(w["id"], [Text(g.id, style="cyan") for g in goals], justify="left"),
        _Col(w["section"], [Text(plan.section_name(g.section, lang)) for g in goals],
             justify="left", drop=1),
        _Col(w["target"], targets),
        _Col(w["deadline"], [Text(str(g.deadline or "-")) for g in goals], justify="left",
             drop=3),
    ]
    if any(g.approximate or g.stretch for g in goals):
        cols.append(_Col(w["flags"], flags, justify="left", drop=2))
    titles = [g.title(lang) for g in goals]
    return Group(_para(plan.name(lang), "bold"),
                 _AtWidth(lambda width: _goal_table(width, w["title"], titles, cols)))  # fmt: skip


def history_table(plan: Plan, entries: Sequence[Entry], lang: str) -> RenderableType:
    """Ledger entries by goal and date: value, change, who; then id, time, note and source."""
    w = WORDS[lang]
    zh = lang == "zh"
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
    rows: list[tuple[list[str], str, list[tuple[str, str]]]] = []
    for e, _after, change in ordered:
        at = e.recorded_at[:16].replace("T", " ")
        details: list[tuple[str, str]] = [(
            f"{w['entry']} {e.id} · {at} UTC" if zh else f"entry {e.id} · recorded {at} UTC",
            "dim")]  # fmt: skip
        if e.voided:
            details.append(_void_mark(e, lang))
        if e.note:
            details.append((e.note, ""))
        if e.source:
            details.append((f"{w['source']}:{e.source}" if zh else f"source: {e.source}", "dim"))
        rows.append(([str(e.date), e.goal, _entry_value(e, lang), _change(change), e.recorded_by],
                     "dim strike" if e.voided else "", details))  # fmt: skip
    title = _para(f"{plan.name(lang)} · {w['entries']}: {len(entries)}", "bold")
    if not rows:
        return title
    heads = [w["date"], w["goal"], w["value"], w["change"], w["by"]]
    return Group(title, _AtWidth(lambda width: _stacked_list(heads, {2, 3}, rows, width)))


def _change(change: Decimal | None) -> str:
    return "-" if change is None else ("+" if change >= 0 else "") + grouped(change)


def _entry_value(e: Entry, lang: str) -> str:
    if e.kind == "status":
        return MILESTONE_LABEL[lang].get(e.status or "", e.status or "")
    if e.kind == "note":
        return "note" if lang == "en" else "说明"
    if e.kind == "increment" and e.value is not None:
        return ("+" if e.value >= 0 else "") + grouped(e.value)
    return fmt_num(e.value, e.bound == "lower", lang)


# --------------------------------------------------------------------------- show


def show_view(result: GoalResult, entries: Sequence[Entry], lang: str) -> RenderableType:
    """One goal in full: definition, figures, entries, their sources, and a chart."""
    g, w = result.goal, WORDS[lang]
    # Sources are numbered in the order the entries cite them.
    sources = list(dict.fromkeys(e.source for e in entries if e.source))
    parts: list[RenderableType] = [
        Panel(_definition(g, result, lang), title=Text(g.title(lang), style="bold"),
              title_align="left", box=box.ROUNDED),
        _review_of_goal(result, lang),
        _figures(result, lang),
    ]  # fmt: skip
    if entries:
        blocks = _AtWidth(lambda width: _entry_blocks(result, entries, sources, lang, width))
        count = f"(共{len(entries)}条)" if lang == "zh" else f" ({len(entries)})"
        parts += [Text(""), Text(w["entries"] + count, style="bold"), blocks]
    if sources:
        st = Table.grid(padding=(0, 1))
        st.add_column(no_wrap=True)
        st.add_column(overflow="fold")
        for i, s in enumerate(sources, 1):
            st.add_row(f"[{i}]", s)
        parts += [Text(""), Text(w["sources"], style="bold"), st]
    if g.has_target and result.baseline is not None:
        counted = [e for e in entries if not e.voided and e.date <= result.as_of]
        plot = _AtWidth(lambda width: chart(result, counted, width=width, lang=lang))
        parts += [Text(""), Text(w["chart"], style="bold"), plot]
    return Group(*parts)


def _definition(g: Goal, result: GoalResult, lang: str) -> Table:
    w = WORDS[lang]
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(overflow="fold")
    info.add_row(w["id"], g.id)
    info.add_row(w["other_title"], g.title("en" if lang == "zh" else "zh"))
    kind = KIND_TEXT[lang].get(g.kind, g.kind)
    info.add_row(w["section"], f"{g.section} · {kind} · {DIRECTION_TEXT[lang][g.direction]}"
                 if g.has_target else f"{g.section} · {kind}")  # fmt: skip
    info.add_row(w["plan_text"], g.source)
    if g.has_target:
        assert g.target is not None
        if lang == "zh":  # 力争新增50家左右,期限 2025-12-31
            line = (("力争" if g.stretch else "") + ("新增" if g.kind == "increase" else "")
                    + _unit(fmt_num(g.target), g.unit, lang) + ("左右" if g.approximate else "")
                    + f",期限 {g.deadline}")  # fmt: skip
        else:  # +50 家 by 2025-12-31 (about; strive for)
            flags = [w[k] for k, on in (("approx", g.approximate), ("stretch", g.stretch)) if on]
            sign = "+" if g.kind == "increase" else ""
            line = (_unit(sign + fmt_num(g.target), g.unit, lang) + f" by {g.deadline}"
                    + (f" ({'; '.join(flags)})" if flags else ""))  # fmt: skip
        info.add_row(w["target"], line)
        info.add_row(w["baseline"], _baseline_text(g, result, lang))
        if g.tolerance:
            reach = g.target + g.tolerance if g.direction == "down" else g.target - g.tolerance
            band = f"± {_unit(fmt_num(g.tolerance), g.unit, lang)}"
            info.add_row(w["tolerance"], f"{band}:达到 {fmt_num(reach)} 即为完成" if lang == "zh"
                         else f"{band}: achieved from {fmt_num(reach)}")  # fmt: skip
    elif g.deadline:
        info.add_row(w["deadline"], str(g.deadline))
    for i, n in enumerate(g.notes, 1):
        info.add_row(w["notes"] if i == 1 else "", f"{i}. {n}" if len(g.notes) > 1 else n)
    return info


def _baseline_text(g: Goal, result: GoalResult, lang: str) -> str:
    base = result.baseline if result.baseline is not None else g.baseline
    day = result.baseline_date or g.baseline_date
    if g.baseline_stock is not None:
        stock = _unit(fmt_num(g.baseline_stock), g.unit, lang)
        origin = fmt_num(g.baseline_stock + (base or 0))
        if lang == "zh":
            return f"{day} 存量 {stock};进展 = 存量读数 − {origin}"
        return f"stock of {stock} on {day}; progress = stock reading − {origin}"
    if base is None:
        return "首个数据(尚无)" if lang == "zh" else "the first reading (none yet)"
    text = f"{_unit(fmt_num(base), g.unit, lang)} ({day})"
    if result.baseline_from_first_reading:
        text += " · 以首个数据为基期" if lang == "zh" else " · the first reading stands in"
    return text


def _review_of_goal(r: GoalResult, lang: str) -> Text:
    deadline = r.goal.deadline
    if lang == "zh":
        kind = ("期末总结" if deadline and r.as_of >= deadline else
                "中期评估" if deadline else "进展")  # fmt: skip
        return Text(f"{kind} · 截至 {r.as_of} · 方法:{METHOD_TEXT[lang].get(r.method, r.method)}"
                    if r.goal.has_target else f"{kind} · 截至 {r.as_of}", style="dim")  # fmt: skip
    kind = ("Final review" if deadline and r.as_of >= deadline else
            "Mid-term review" if deadline else "Review")  # fmt: skip
    return Text(f"{kind} as of {r.as_of} · Method: {METHOD_TEXT[lang].get(r.method, r.method)}"
                if r.goal.has_target else f"{kind} as of {r.as_of}", style="dim")  # fmt: skip


def _figures(r: GoalResult, lang: str) -> RenderableType:
    """The computed figures, in a panel titled with the as-of date."""
    w = WORDS[lang]
    zh = lang == "zh"
    g = r.goal
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold", no_wrap=True)
    t.add_column()
    t.add_row(w["status"], status_text(r.status, lang))
    panel = Panel(t, title=f"{w['figures']} · {w['as_of']} {r.as_of}", title_align="left",
                  box=box.ROUNDED)  # fmt: skip
    if g.kind == "milestone":
        latest = MILESTONE_LABEL[lang].get(r.milestone_status or "", "-")
        t.add_row(w["latest"], f"{latest} ({r.last_date})" if r.last_date else latest)
        return panel
    if r.current is None:
        t.add_row(w["current_value"], "无截至该日的数据" if zh else "no figure by this date")
        return panel
    current = _unit(fmt_num(r.current, r.lower_bound, lang, r.estimate), g.unit, lang)
    if g.baseline_stock is not None and r.reading is not None:
        stock = fmt_num(r.reading, r.reading_lower_bound, lang)
        base = fmt_num(g.baseline_stock, g.baseline_stock_bound == "lower", lang)
        current += (f" = 存量 {stock} − {base}" if zh
                    else f" = stock {stock} − {base}")  # fmt: skip
    if r.last_date:
        current += f"(最新数据 {r.last_date})" if zh else f" (latest figure {r.last_date})"
    t.add_row(w["current_value"], current)
    if r.lower_bound:
        t.add_row("", Text("最新数据为下限值(超过),以下按该下限测算" if zh else
                           "the latest figure is a lower bound; the figures below are "
                           "computed on it", style="yellow"))  # fmt: skip
    if not g.has_target:
        return panel
    # Column headers (two lines in tables) as one-line labels.
    label = {k: w[k].replace("\n", "" if zh else " ")
             for k in ("left", "required", "actual", "projected", "projected_date")}  # fmt: skip
    pct = "-" if r.percent is None else (
        f"{r.percent:.1f}%" + ("(占目标)" if zh else " of the target"))  # fmt: skip
    expected = fmt_calc(r.expected, g)
    if r.expected is not None:
        expected += "(计划线上此时应达)" if zh else " (where the plan line is now)"
    rows = [
        (w["pct"], pct),
        (w["expected"], expected),
        (w["gap"], fmt_calc(r.gap, g)),
        (w["pace"], "-" if r.pace_ratio is None else f"{r.pace_ratio:.2f}"),
        (label["left"], "-" if r.years_left is None else f"{r.years_left:.1f}"),
        (label["required"], fmt_calc(r.required_per_year, g)),
        (label["actual"], fmt_calc(r.actual_per_year, g)),
        (label["projected"], fmt_calc(r.projected, g)),
        (label["projected_date"], str(r.projected_date or "-")),
    ]
    if r.method_note:  # the method itself is stated above the panel
        rows.append((w["method"], f"{r.method} ({r.method_note})"))
    for k, v in rows:
        t.add_row(k, v)
    return panel


def _entry_blocks(
    r: GoalResult, entries: Sequence[Entry], sources: list[str], lang: str, width: int
) -> RenderableType:
    """A goal's entries: date, value, change, source number and id; marks and the note below."""
    w = WORDS[lang]
    zh = lang == "zh"
    value_head = w["stock"] if r.goal.baseline_stock is not None else w["value"]
    rows: list[tuple[list[str], str, list[tuple[str, str]]]] = []
    for e, _after, change in running_values(r.goal, list(entries)):
        details: list[tuple[str, str]] = []
        if e.voided:
            details.append(_void_mark(e, lang))
        elif e.date > r.as_of:
            details.append(("[晚于截至日期,未计入]" if zh else
                            "[after the as-of date, not counted]", "bold"))  # fmt: skip
        if e.note:
            details.append((e.note, "dim" if e.voided else ""))
        source = f"[{sources.index(e.source) + 1}]" if e.source else ""
        rows.append(([str(e.date), _entry_value(e, lang), _change(change), source, e.id],
                     "dim strike" if e.voided else "", details))  # fmt: skip
    heads = [w["date"], value_head, w["change"], w["source"], w["entry"]]
    return _stacked_list(heads, {1, 2}, rows, width)


def _void_mark(e: Entry, lang: str) -> tuple[str, str]:
    reason = f"{WORDS[lang]['void']}:{e.void_reason}" if lang == "zh" else (
        f"{WORDS[lang]['void']}: {e.void_reason}")  # fmt: skip
    return f"[{reason}]", "bold"


def _stacked_list(
    heads: list[str],
    right: set[int],
    rows: list[tuple[list[str], str, list[tuple[str, str]]]],
    width: int,
) -> RenderableType:
    """Rows of short aligned cells, each followed by indented full-width details (notes).

    A notes column beside five others would be a few characters wide at 80
    columns; under its row, a note gets the whole width.
    """
    rows = [([_clean(c) for c in cells], style, [(_clean(t), s) for t, s in details])
            for cells, style, details in rows]  # fmt: skip
    widths = [max(cell_len(x) for x in [h, *(cells[i] for cells, _, _ in rows)])
              for i, h in enumerate(heads)]  # fmt: skip
    last = len(heads) - 1

    def line(cells: list[str], style: str) -> tuple[str, str]:
        cut = []
        for i, (cell, cell_w) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (cell_w - cell_len(cell))
            cut.append(pad + cell if i in right else (cell if i == last else cell + pad))
        return "  ".join(cut), style

    lines = [line(heads, "bold"), ("─" * width, "dim")]
    for cells, style, details in rows:
        lines.append(line(cells, style))
        for text, detail_style in details:  # indented four cells, below the row
            lines += [("    " + part, detail_style) for part in wrap_cells(text, width - 4)]
    return _Lines(lines)


def _clean(text: str) -> str:
    """Text for one line of a list: no control codes (Rich strips the same), tabs as spaces."""
    if _CONTROL.search(text):  # a cheap test first: most text has none
        text = strip_control_codes(text)
    return text.replace("\t", " ")


class _Lines:
    """Lines already laid out, one style each: Rich draws them as they are.

    A 1,205-entry history is ~2,800 lines; as one Text, Rich split, measured
    and cropped it again (55 ms), as segments it takes 10 ms.
    """

    def __init__(self, lines: list[tuple[str, str]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        style = console.get_style
        newline = Segment.line()
        for text, name in self.lines:
            yield Segment(text, style(name) if name else None)
            yield newline


# --------------------------------------------------------------------------- chart


def chart(
    r: GoalResult,
    entries: Sequence[Entry],
    width: int = 80,
    height: int = 10,
    lang: str = "en",
) -> Text:
    """A text chart, ``width`` cells wide: the plan line from baseline to target, and readings.

    Values are plotted as recorded: a stock goal's readings are stocks, so its
    plan line runs from the baseline stock to baseline stock + target.
    """
    g = r.goal
    assert g.target is not None and g.deadline is not None and r.baseline is not None
    zh = lang == "zh"
    stock = g.baseline_stock or Decimal(0)
    start_value, end_value = float(stock + r.baseline), float(stock + g.target)
    t0 = r.baseline_date or g.baseline_date
    points = [(e.date, float(v), e.bound == "lower")
              for e, v, _ in running_values(g, [e for e in entries if not e.voided])
              if v is not None and e.date >= t0]  # fmt: skip
    t1 = max([g.deadline] + [d for d, _, _ in points])
    values = [start_value, end_value] + [v for _, v, _ in points]
    lo, hi = min(values), max(values)
    span_days = max((t1 - t0).days, 1)
    span_val = (hi - lo) or 1.0

    def row(value: float) -> int:
        y = round((value - lo) / span_val * (height - 1))
        return height - 1 - min(max(y, 0), height - 1)

    # Axis labels: the lowest and highest values, baseline and target, and the middle row.
    middle = height // 2
    row_labels = {middle: fmt_calc(hi - middle / (height - 1) * (hi - lo), g)}
    for v in (lo, hi, start_value, end_value):  # later wins: the plan's own values
        row_labels[row(v)] = fmt_calc(v, g)
    label_w = max(cell_len(s) for s in row_labels.values())
    plot_w = max(min(width - label_w - 2, 100), 12)

    def col(day: date) -> int:
        return min(max(round((day - t0).days / span_days * (plot_w - 1)), 0), plot_w - 1)

    grid = [[" "] * plot_w for _ in range(height)]
    last_x = col(g.deadline)
    for x in range(last_x + 1):
        frac = x / last_x if last_x else 1.0
        grid[row(start_value + (end_value - start_value) * frac)][x] = "·"
    for day, value, bound in points:
        grid[row(value)][col(day)] = "▲" if bound else "●"
    out = Text()
    for i, cells in enumerate(grid):
        out.append(f"{row_labels.get(i, ''):>{label_w}} ┤" if i in row_labels
                   else " " * label_w + " │", style="dim")  # fmt: skip
        for ch in cells:
            out.append(ch, style="bold cyan" if ch in "●▲" else "dim" if ch == "·" else "")
        out.append("\n")
    # x axis: a tick at each new year, labelled where the label fits.
    axis = ["─"] * plot_w
    ticks = Text(" " * (label_w + 2))
    free = 0
    for year in range(t0.year + (0 if (t0.month, t0.day) == (1, 1) else 1), t1.year + 1):
        x = col(date(year, 1, 1))
        axis[x] = "┬"
        if x >= free and x + 4 <= plot_w:
            ticks.append(" " * (x - (len(ticks.plain) - label_w - 2)) + str(year))
            free = x + 5
    out.append(" " * label_w + " └" + "".join(axis) + "\n", style="dim")
    out.append_text(ticks)
    out.append("\n")
    legend = ("·:计划线(基期→目标)  ●:实际值" if zh
              else "·: plan line (baseline → target)  ●: reading")
    if any(bound for _, _, bound in points):
        legend += "  ▲:下限值(超过)" if zh else "  ▲: lower bound (more than)"
    if g.baseline_stock is not None:
        total = f"{fmt_num(stock)} + {fmt_num(g.target)} = {fmt_num(stock + g.target)}"
        legend += (f"\n纵轴为存量:目标存量 = {total}" if zh
                   else f"\nvalues are stocks: target stock = {total}")
    out.append(legend, style="dim")
    return out

