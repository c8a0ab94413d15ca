"""Rich renderables for the terminal. Pure: builds objects, never prints.

Rich measures East Asian wide characters, so Chinese titles align. Number
columns never wrap; titles wrap within their column.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from plantrack.analysis import GoalResult, Report, running_values
from plantrack.ledger import Entry
from plantrack.numbers import grouped
from plantrack.plan import Goal, Plan

_console: Console | None = None


def console() -> Console:
    """The stdout console (Rich honours NO_COLOR and only colours a terminal)."""
    global _console
    if _console is None:
        _console = Console(highlight=False)
    return _console


STATUS_STYLE = {
    "achieved": "bold green", "on_track": "green", "tracked": "cyan", "in_progress": "cyan",
    "behind": "yellow", "off_track": "red", "regressing": "bold red", "missed": "bold red",
    "no_data": "dim", "not_started": "dim",
}  # fmt: skip
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
WORDS = {
    "en": {
        "goal": "Goal", "current": "Current / target", "progress": "Progress", "pct": "%",
        "expected": "Expected", "status": "Status", "milestones": "Milestones",
        "indicators": "Indicators", "deadline": "Deadline", "latest": "Latest",
        "summary": "Summary", "plan": "whole plan", "gap": "Gap", "left": "Years left",
        "required": "Need / yr", "actual": "Actual / yr", "projected": "At deadline",
        "projected_date": "Reached on", "id": "ID", "date": "Date", "kind": "Kind",
        "value": "Value", "change": "Change", "by": "By", "recorded": "Recorded",
        "note": "Note", "source": "Source", "void": "Voided", "title": "Title",
        "section": "Section", "unit": "Unit", "target": "Target", "flags": "Flags",
        "baseline": "Baseline", "tolerance": "Tolerance", "method": "Method",
        "as_of": "as of", "entries": "Entries", "sources": "Sources", "notes": "Notes",
        "figures": "Figures", "chart": "Plan line (·) and readings (●)",
        "approx": "about", "stretch": "strive for",
    },
    "zh": {
        "goal": "目标", "current": "当前 / 目标", "progress": "进度", "pct": "完成率",
        "expected": "应达", "status": "状态", "milestones": "里程碑", "indicators": "监测指标",
        "deadline": "期限", "latest": "最新", "summary": "汇总", "plan": "全部",
        "gap": "差距", "left": "剩余年数", "required": "每年需完成", "actual": "每年实际",
        "projected": "期末预计", "projected_date": "预计达成", "id": "编号", "date": "日期",
        "kind": "类型", "value": "数值", "change": "变化", "by": "记录人",
        "recorded": "记录时间", "note": "备注", "source": "来源", "void": "作废",
        "title": "名称", "section": "类别", "unit": "单位", "target": "目标值",
        "flags": "标记", "baseline": "基期", "tolerance": "容差", "method": "方法",
        "as_of": "截至", "entries": "记录", "sources": "来源", "notes": "说明",
        "figures": "测算", "chart": "计划线(·)与实际值(●)", "approx": "左右",
        "stretch": "力争",
    },
}  # fmt: skip
MILESTONE_LABEL = {
    "en": {"not_started": "not started", "in_progress": "in progress", "done": "done"},
    "zh": {"not_started": "未开始", "in_progress": "进行中", "done": "已完成"},
}
METHOD_TEXT = {
    "en": {
        "linear": "linear: progress share compared with the share of time elapsed",
        "cagr": "cagr: observed compound growth rate compared with the rate required",
        "per goal": "each goal's own method (linear unless the plan says cagr)",
    },
    "zh": {
        "linear": "线性法:完成比例与时间进度比例对比",
        "cagr": "复合增长率法:实际年均增速与所需年均增速对比",
        "per goal": "按各目标设定的方法(默认线性法)",
    },
}  # fmt: skip


def status_text(status: str, lang: str) -> Text:
    return Text(STATUS_LABEL[lang].get(status, status), style=STATUS_STYLE.get(status, ""))


def fmt_num(value: Decimal | float | None, lower_bound: bool = False, lang: str = "en") -> str:
    if value is None:
        return "-"
    text = grouped(value) if isinstance(value, Decimal) else grouped(round(value, 2))
    if lower_bound:
        return f"超过{text}" if lang == "zh" else f"≥ {text}"
    return text


def _bar(result: GoalResult, width: int = 10) -> Text:
    if result.percent is None:
        return Text("·" * width, style="dim")
    share = min(max(result.percent / 100, 0.0), 1.0)
    filled = round(share * width)
    return Text("█" * filled + "░" * (width - filled), style=STATUS_STYLE.get(result.status, ""))


def _review_line(report: Report, lang: str) -> Text:
    period_end = report.period_end
    w = WORDS[lang]
    method = METHOD_TEXT[lang].get(report.method, report.method)
    known = f", known at {report.known_at}" if report.known_at and lang == "en" else (
        f",截至{report.known_at}已录入的数据" if report.known_at else "")  # fmt: skip
    if lang == "zh":
        kind = "期末总结" if period_end and report.as_of >= period_end else "中期评估"
        return Text(f"{kind} · {w['as_of']} {report.as_of}{known} · {w['method']}:{method}",
                    style="dim")  # fmt: skip
    kind = "final review" if period_end and report.as_of >= period_end else "progress review"
    return Text(f"{kind} · {w['as_of']} {report.as_of}{known} · {w['method']}: {method}",
                style="dim")  # fmt: skip


def summary_text(counts: dict[str, int], lang: str) -> Text:
    text = Text()
    for i, (status, n) in enumerate(counts.items()):
        if i:
            text.append(" · ", style="dim")
        label = STATUS_LABEL[lang].get(status, status)
        text.append(f"{label} {n}" if lang == "zh" else f"{n} {label}",
                    style=STATUS_STYLE.get(status, ""))  # fmt: skip
    return text


def _table(*, title: str | None = None) -> Table:
    return Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False,
                 show_edge=False, expand=True)  # fmt: skip


def _fit(table: Table) -> Table:
    """Give every no-wrap column (numbers, dates, statuses) its full width.

    Rich then narrows only the wrapping text columns (titles, notes) when the
    terminal is narrow, so numbers are never cut.
    """
    for column in table.columns:
        if column.no_wrap:
            cells = [column.header, *column.cells]
            column.min_width = max(
                cell_len(c.plain if isinstance(c, Text) else str(c)) for c in cells
            )
    return table


def status_view(report: Report, lang: str) -> RenderableType:
    """The status report: targets table, milestones, indicators, summary lines."""
    w = WORDS[lang]
    targets = [r for r in report.results if r.goal.has_target]
    milestones = [r for r in report.results if r.goal.kind == "milestone"]
    indicators = [r for r in report.results if r.goal.kind == "indicator"]
    parts: list[RenderableType] = [
        Text(report.plan_name_zh if lang == "zh" else report.plan_name_en, style="bold"),
        _review_line(report, lang),
    ]
    if targets:
        t = _table()
        t.add_column(w["goal"], ratio=1, min_width=12, overflow="fold")
        t.add_column(w["current"], justify="right", no_wrap=True)
        t.add_column(w["progress"], no_wrap=True)
        t.add_column(w["pct"], justify="right", no_wrap=True)
        t.add_column(w["expected"], justify="right", no_wrap=True)
        t.add_column(w["status"], no_wrap=True)
        for r in targets:
            g = r.goal
            current = fmt_num(r.current, r.lower_bound, lang)
            t.add_row(
                g.title(lang),
                f"{current} / {fmt_num(g.target)} {g.unit}".strip(),
                _bar(r),
                "-" if r.percent is None else f"{r.percent:.0f}%",
                fmt_num(r.expected),
                status_text(r.status, lang),
            )
        parts.append(_fit(t))
    if milestones:
        t = _table(title=w["milestones"])
        t.add_column(w["goal"], ratio=1, min_width=12, overflow="fold")
        t.add_column(w["deadline"], no_wrap=True)
        t.add_column(w["latest"], no_wrap=True)
        t.add_column(w["status"], no_wrap=True)
        for r in milestones:
            latest = MILESTONE_LABEL[lang].get(r.milestone_status or "", "-")
            if r.last_date:
                latest = f"{latest} ({r.last_date})"
            t.add_row(r.goal.title(lang), str(r.goal.deadline), latest,
                      status_text(r.status, lang))  # fmt: skip
        parts.append(_fit(t))
    if indicators:
        t = _table(title=w["indicators"])
        t.add_column(w["goal"], ratio=1, min_width=12, overflow="fold")
        t.add_column(w["latest"], justify="right", no_wrap=True)
        t.add_column(w["date"], no_wrap=True)
        for r in indicators:
            t.add_row(r.goal.title(lang),
                      f"{fmt_num(r.current, r.lower_bound, lang)} {r.goal.unit}".strip()
                      if r.current is not None else "-",
                      str(r.last_date or "-"))  # fmt: skip
        parts.append(_fit(t))
    parts.append(_summary_block(report, lang))
    return Group(*parts)


def _summary_block(report: Report, lang: str) -> RenderableType:
    w = WORDS[lang]
    t = Table.grid(padding=(0, 2))
    t.add_column(no_wrap=True, style="bold")
    t.add_column()
    sections = report.sections()
    if len(sections) > 1:
        for name, counts in sections.items():
            t.add_row(name, summary_text(counts, lang))
    t.add_row(w["plan"], summary_text(report.summary, lang))
    return Group(Text(""), Text(w["summary"], style="bold"), t)


def gaps_view(report: Report, lang: str) -> RenderableType:
    """The gap report table (rows in the order given: worst first by default)."""
    w = WORDS[lang]
    rows = [r for r in report.results if r.goal.has_target]
    t = _table()
    t.add_column(w["goal"], ratio=1, min_width=12, overflow="fold")
    t.add_column(w["gap"], justify="right", no_wrap=True)
    t.add_column(w["left"], justify="right", no_wrap=True)
    t.add_column(w["required"], justify="right", no_wrap=True)
    t.add_column(w["actual"], justify="right", no_wrap=True)
    t.add_column(w["projected"], justify="right", no_wrap=True)
    t.add_column(w["projected_date"], no_wrap=True)
    t.add_column(w["status"], no_wrap=True)
    for r in rows:
        t.add_row(
            f"{r.goal.title(lang)} ({r.goal.unit})" if r.goal.unit else r.goal.title(lang),
            fmt_num(r.gap),
            "-" if r.years_left is None else f"{r.years_left:.1f}",
            fmt_num(r.required_per_year),
            fmt_num(r.actual_per_year),
            fmt_num(r.projected),
            str(r.projected_date or "-"),
            status_text(r.status, lang),
        )
    return Group(
        Text(report.plan_name_zh if lang == "zh" else report.plan_name_en, style="bold"),
        _review_line(report, lang), _fit(t), _summary_block(report, lang),
    )  # fmt: skip


def goals_table(plan: Plan, goals: Sequence[Goal], lang: str) -> RenderableType:
    w = WORDS[lang]
    t = _table(title=plan.name(lang))
    t.add_column(w["id"], style="cyan", overflow="fold", ratio=2)
    t.add_column(w["title"], ratio=3, min_width=12, overflow="fold")
    t.add_column(w["target"], justify="right", no_wrap=True)
    t.add_column(w["deadline"], no_wrap=True)
    t.add_column(w["flags"], no_wrap=True)
    section = None
    for g in goals:
        if g.section != section:
            section = g.section
            t.add_row(Text(section, style="bold"), "", "", "", "")
        flags = [w["approx"]] if g.approximate else []
        if g.stretch:
            flags.append(w["stretch"])
        if g.target is None:
            target = g.kind
        else:
            target = f"{'+' if g.kind == 'increase' else ''}{fmt_num(g.target)} {g.unit}".strip()
        t.add_row(g.id, g.title(lang), target, str(g.deadline or "-"), ", ".join(flags))
    return _fit(t)


def history_table(plan: Plan, entries: Sequence[Entry], lang: str) -> RenderableType:
    w = WORDS[lang]
    t = _table(title=f"{plan.name(lang)} · {w['entries']}: {len(entries)}")
    t.add_column(w["id"], no_wrap=True, style="cyan")
    t.add_column(w["date"], no_wrap=True)
    t.add_column(w["goal"], no_wrap=True)
    t.add_column(w["value"], justify="right", no_wrap=True)
    t.add_column(w["change"], justify="right", no_wrap=True)
    t.add_column(w["by"], no_wrap=True)
    t.add_column(w["note"], ratio=1, overflow="fold")
    by_goal: dict[str, list[Entry]] = {}
    for e in entries:
        by_goal.setdefault(e.goal, []).append(e)
    rows: list[tuple[Entry, Decimal | None, Decimal | None]] = []
    for goal_id, es in by_goal.items():
        if plan.has_goal(goal_id):
            rows += running_values(plan.goal(goal_id), es)
        else:
            rows += [(e, None, None) for e in es]
    rows.sort(key=lambda x: (x[0].goal, x[0].date, x[0].seq))
    for e, after, change in rows:
        value = _entry_value(e, lang)
        change_text = "-" if change is None else (("+" if change >= 0 else "") + grouped(change))
        note = " · ".join(x for x in (e.note, e.source) if x)
        style = "dim strike" if e.voided else ""
        if e.voided:
            note = f"[{w['void']}: {e.void_reason}] {note}"
        t.add_row(e.id, str(e.date), e.goal, value, change_text, e.recorded_by, note, style=style)
    return _fit(t)


def _entry_value(e: Entry, lang: str) -> str:
    if e.kind == "status":
        return MILESTONE_LABEL[lang].get(e.status or "", e.status or "")
    if e.kind == "note":
        return "note" if lang == "en" else "说明"
    if e.kind == "increment" and e.value is not None:
        return ("+" if e.value >= 0 else "") + grouped(e.value)
    return fmt_num(e.value, e.bound == "lower", lang)


def show_view(result: GoalResult, entries: Sequence[Entry], lang: str) -> RenderableType:
    """One goal in full: definition, figures, entries, sources, chart."""
    g, w = result.goal, WORDS[lang]
    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(overflow="fold")
    info.add_row(w["id"], g.id)
    info.add_row(w["title"], g.title(lang))
    info.add_row(w["section"], f"{g.section} · {g.kind} · {g.direction}")
    if g.has_target:
        flags = [w["approx"]] if g.approximate else []
        if g.stretch:
            flags.append(w["stretch"])
        info.add_row(w["target"], f"{fmt_num(g.target)} {g.unit} · {w['deadline']} {g.deadline}"
                     + (f" · {', '.join(flags)}" if flags else ""))  # fmt: skip
        base = "-" if result.baseline is None and g.baseline is None else fmt_num(
            result.baseline if result.baseline is not None else g.baseline)  # fmt: skip
        base_line = f"{base} ({result.baseline_date or g.baseline_date})"
        if result.baseline_from_first_reading:
            base_line += " · first reading" if lang == "en" else " · 以首个数据为基期"
        if g.baseline_stock is not None:
            stock = "stock" if lang == "en" else "存量"
            base_line += f" · {stock} {fmt_num(g.baseline_stock)} {g.unit}"
        info.add_row(w["baseline"], base_line)
        if g.tolerance:
            info.add_row(w["tolerance"], f"± {fmt_num(g.tolerance)} {g.unit}")
    elif g.deadline:
        info.add_row(w["deadline"], str(g.deadline))
    info.add_row(w["source"], g.source)
    for n in g.notes:
        info.add_row(w["notes"], n)
    parts: list[RenderableType] = [Panel(info, title=g.title(lang), title_align="left",
                                         box=box.ROUNDED)]  # fmt: skip
    parts.append(_figures(result, lang))
    live = [e for e in entries if not e.voided]
    if entries:
        t = _table(title=w["entries"])
        t.add_column(w["id"], no_wrap=True, style="cyan")
        t.add_column(w["date"], no_wrap=True)
        t.add_column(w["value"], justify="right", no_wrap=True)
        t.add_column(w["change"], justify="right", no_wrap=True)
        t.add_column(w["note"], ratio=1, overflow="fold")
        for e, _after, change in running_values(g, list(entries)):
            change_text = "-" if change is None else (("+" if change >= 0 else "") + grouped(change))
            note = e.note or ""
            if e.voided:
                note = f"[{w['void']}: {e.void_reason}] {note}"
            t.add_row(e.id, str(e.date), _entry_value(e, lang), change_text, note,
                      style="dim strike" if e.voided else "")  # fmt: skip
        parts.append(_fit(t))
    sources = list(dict.fromkeys(e.source for e in live if e.source))
    if sources:
        st = Table.grid(padding=(0, 1))
        st.add_column(no_wrap=True)
        st.add_column(overflow="fold")
        for i, s in enumerate(sources, 1):
            st.add_row(f"[{i}]", s)
        parts += [Text(w["sources"], style="bold"), st]
    if g.has_target and result.baseline is not None:
        parts += [Text(""), Text(w["chart"], style="bold"), chart(result, live)]
    return Group(*parts)


def _figures(r: GoalResult, lang: str) -> RenderableType:
    w = WORDS[lang]
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold", no_wrap=True)
    t.add_column()
    t.add_row(w["status"], status_text(r.status, lang))
    if r.goal.kind == "milestone":
        t.add_row(w["latest"], MILESTONE_LABEL[lang].get(r.milestone_status or "", "-"))
        return t
    unit = r.goal.unit
    t.add_row(w["current"].split(" /")[0],
              f"{fmt_num(r.current, r.lower_bound, lang)} {unit} ({w['as_of']} {r.as_of}; "
              f"{w['latest']} {r.last_date or '-'})")  # fmt: skip
    if r.goal.baseline_stock is not None and r.reading is not None:
        stock = "Stock reading" if lang == "en" else "存量读数"
        t.add_row(stock, f"{fmt_num(r.reading, r.lower_bound, lang)} {unit}")
    if r.lower_bound:
        t.add_row("", Text("the latest figure is a lower bound; figures below are computed on it"
                           if lang == "en" else "最新数据为下限值(超过),以下按该下限测算",
                           style="yellow"))  # fmt: skip
    if not r.goal.has_target:
        return t
    rows = [
        (w["pct"], "-" if r.percent is None else f"{r.percent:.1f}%"),
        (w["expected"], fmt_num(r.expected)),
        (w["gap"], fmt_num(r.gap)),
        ("Pace ratio" if lang == "en" else "进度比",
         "-" if r.pace_ratio is None else f"{r.pace_ratio:.2f}"),
        (w["required"], fmt_num(r.required_per_year)),
        (w["actual"], fmt_num(r.actual_per_year)),
        (w["projected"], fmt_num(r.projected)),
        (w["projected_date"], str(r.projected_date or "-")),
        (w["method"], r.method + (f" ({r.method_note})" if r.method_note else "")),
    ]  # fmt: skip
    for k, v in rows:
        t.add_row(k, v)
    return Panel(t, title=w["figures"], title_align="left", box=box.ROUNDED)


def chart(r: GoalResult, entries: Sequence[Entry], width: int = 56, height: int = 10) -> Text:
    """A small text chart: the plan line from baseline to target, and the readings."""
    g = r.goal
    assert g.target is not None and g.deadline is not None and r.baseline is not None
    t0 = r.baseline_date or g.baseline_date
    t1 = max(g.deadline, r.as_of)
    stock = float(g.baseline_stock or 0)
    points = [(e, v) for e, v, _ in running_values(g, list(entries)) if v is not None]
    values = [float(r.baseline), float(g.target)] + [float(v) - stock for _, v in points]
    lo, hi = min(values), max(values)
    span_days = max((t1 - t0).days, 1)
    span_val = (hi - lo) or 1.0
    grid = [[" "] * width for _ in range(height)]

    def cell(day: date, value: float) -> tuple[int, int]:
        x = round((day - t0).days / span_days * (width - 1))
        y = round((value - lo) / span_val * (height - 1))
        return min(max(x, 0), width - 1), height - 1 - min(max(y, 0), height - 1)

    plan_days = (g.deadline - t0).days or 1
    for x in range(width):
        day_offset = x / (width - 1) * span_days
        if day_offset <= plan_days:
            frac = day_offset / plan_days
            value = float(r.baseline) + (float(g.target) - float(r.baseline)) * frac
            cx, cy = cell(t0.fromordinal(t0.toordinal() + round(day_offset)), value)
            grid[cy][cx] = "·"
    for e, v in points:
        if e.date >= t0:
            cx, cy = cell(e.date, float(v) - stock)
            grid[cy][cx] = "●"
    label_w = max(len(grouped(round(hi, 2))), len(grouped(round(lo, 2))))
    out = Text()
    for i, row in enumerate(grid):
        label = grouped(round(hi, 2)) if i == 0 else grouped(round(lo, 2)) if i == height - 1 else ""
        out.append(f"{label:>{label_w}} ┤", style="dim")
        for ch in row:
            out.append(ch, style="bold cyan" if ch == "●" else "dim" if ch == "·" else "")
        out.append("\n")
    pad = " " * (label_w + 2)
    out.append(f"{pad}{t0}{str(t1):>{width - 10}}", style="dim")
    return out
