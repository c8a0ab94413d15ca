"""Charts as inline SVG, written by hand: a goal's plan line and readings, and the summary
of statuses by section. Every chart carries its data (``data-goal``, ``data-date``,
``data-value``) and a ``<title>`` and ``<desc>`` for screen readers.

The SVGs have a viewBox and no fixed size, so a page (or a printed A4 sheet) scales
them to its width instead of cutting them.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from html import escape

from plantrack.i18n import t
from plantrack.model.numbers import grouped, plain
from plantrack.output.palette import FONT_STACK, STATUS_COLOURS
from plantrack.reports.formatting import fmt_calc, fmt_num
from plantrack.reports.goalviews import ChartSeries
from plantrack.reports.review import SummaryTable

W, H = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 14, 62  # the plot area's margins; legend at the bottom
PLAN, READING, BOUND, AS_OF = "#7a808a", "#1f5fa8", "#c25e00", "#b0b4ba"


# What XML 1.0 cannot hold at all (controls, lone surrogates, U+FFFE/U+FFFF): shown as
# U+FFFD, so a plan title or a note can never make the SVG or the page ill-formed.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape_text(text: object) -> str:
    """Text for an attribute or element content, in SVG and in the HTML page."""
    return escape(_NOT_XML.sub("\ufffd", str(text)), quote=True)


_a = escape_text


def _exact(value: float) -> str:
    """A plotted value as the data attribute carries it: the recorded decimal, exactly."""
    return plain(Decimal(repr(value)))


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round axis values (steps of 1, 2 or 5 × 10^k) covering [lo, hi]."""
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    value = first
    while value <= hi + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < hi:
        ticks.append(round(value, 10))
    return ticks


def tick_label(value: float, ticks: list[float]) -> str:
    """An axis value with the decimals its step needs (steps of 0.25 need two)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    places = 0
    while places < 6 and abs(step * 10**places - round(step * 10**places)) > 1e-6:
        places += 1
    return grouped(value, places)


def goal_chart(series: ChartSeries, title: str, lang: str, *, standalone: bool = False) -> str:
    """One goal's chart: the plan line, the readings (▲ a lower bound), the projection to
    the deadline at the pace so far, and the as-of date."""
    g = series.goal
    points = series.points
    t0 = series.start
    t1 = max([series.deadline, *(d for d, _, _ in points)])
    values = [series.start_value, series.end_value, *(v for _, v, _ in points)]
    values += [v for _, v in series.road]  # the plan line's corners (waypoints)
    if series.projected is not None:
        values.append(series.projected)
    ticks = nice_ticks(min(values), max(values))
    labels = [tick_label(v, ticks) for v in ticks]
    lo, hi = ticks[0], ticks[-1]
    span_days = max((t1 - t0).days, 1)
    # The plot starts where the longest axis label ends (1e13 needs more than 64 px).
    left = max(LEFT, round(max(_text_width(lb, 10.5) for lb in labels)) + 12)
    plot_w, plot_h = W - left - RIGHT, H - TOP - BOTTOM

    def x(day: date) -> float:
        return round(left + (day - t0).days / span_days * plot_w, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h - (value - lo) / ((hi - lo) or 1) * plot_h, 1)

    parts: list[str] = []
    for v, text in zip(ticks, labels, strict=True):  # grid and y labels
        parts.append(f'<line class="grid" x1="{left}" x2="{W - RIGHT}" y1="{y(v)}" y2="{y(v)}"/>')
        parts.append(f'<text class="ylabel" x="{left - 6}" y="{y(v) + 4}" text-anchor="end">'
                     f"{_a(text)}</text>")  # fmt: skip
    first_year = t0.year + (0 if (t0.month, t0.day) == (1, 1) else 1)
    for year in range(first_year, t1.year + 1):
        xx = x(date(year, 1, 1))
        parts.append(f'<line class="tick" x1="{xx}" x2="{xx}" y1="{TOP + plot_h}" '
                     f'y2="{TOP + plot_h + 5}"/>')  # fmt: skip
        parts.append(f'<text class="xlabel" x="{xx}" y="{TOP + plot_h + 18}" '
                     f'text-anchor="middle">{year}</text>')  # fmt: skip
    parts.append(f'<line class="axis" x1="{left}" x2="{W - RIGHT}" y1="{TOP + plot_h}" '
                 f'y2="{TOP + plot_h}"/>')  # fmt: skip
    as_of_drawn = series.as_of is not None and t0 <= series.as_of <= t1
    if as_of_drawn:
        assert series.as_of is not None
        xx = x(series.as_of)
        parts.append(f'<line class="as-of" data-date="{series.as_of}" x1="{xx}" x2="{xx}" '
                     f'y1="{TOP}" y2="{TOP + plot_h}"/>')  # fmt: skip
    # The plan line, baseline to target; its start hollow when it is a lower bound.
    ends = (f'data-date-start="{t0}" data-value-start="{_exact(series.start_value)}" '
            f'data-date-end="{series.deadline}" data-value-end="{_exact(series.end_value)}"')
    if series.road:  # through the waypoints (or a growth goal's path, year by year)
        corners = " ".join(f"{x(d)},{y(v)}" for d, v in series.road)
        parts.append(f'<polyline class="plan" fill="none" {ends} points="{corners}"/>')
    else:
        parts.append(f'<line class="plan" {ends} x1="{x(t0)}" y1="{y(series.start_value)}" '
                     f'x2="{x(series.deadline)}" y2="{y(series.end_value)}"/>')  # fmt: skip
    if series.estimate:
        parts.append(f'<circle class="plan-start estimate" cx="{x(t0)}" '
                     f'cy="{y(series.start_value)}" r="4"/>')  # fmt: skip
    if len(points) > 1:
        line = " ".join(f"{x(d)},{y(v)}" for d, v, _ in points)
        parts.append(f'<polyline class="readings" points="{line}"/>')
    if series.projected is not None and points:
        d, v, _ = points[-1]
        parts.append(f'<line class="projection" data-date="{series.deadline}" '
                     f'data-value="{_exact(series.projected)}" x1="{x(d)}" y1="{y(v)}" '
                     f'x2="{x(series.deadline)}" y2="{y(series.projected)}"/>')  # fmt: skip
    exact = series.exact or tuple(Decimal(repr(v)) for _, v, _ in points)
    for (d, v, bound), value in zip(points, exact, strict=True):
        label = f"{d}: {fmt_num(value, bound, lang)}"
        attrs = f'data-date="{d}" data-value="{plain(value)}"'
        if bound:
            cx, cy = x(d), y(v)
            parts.append(f'<path class="reading bound" {attrs} data-bound="lower" '
                         f'd="M{cx},{cy - 6} L{cx + 5.5},{cy + 4} L{cx - 5.5},{cy + 4} Z">'
                         f"<title>{_a(label)}</title></path>")  # fmt: skip
        else:
            parts.append(f'<circle class="reading" {attrs} cx="{x(d)}" cy="{y(v)}" r="4">'
                         f"<title>{_a(label)}</title></circle>")  # fmt: skip
    parts.append(_legend(series, lang, left, as_of_drawn))
    desc = _goal_desc(series, lang)
    return _svg(f'data-goal="{_a(g.id)}"', t("review.chart.title", lang, title=title), desc,
                "".join(parts), standalone)  # fmt: skip


def _goal_desc(series: ChartSeries, lang: str) -> str:
    g = series.goal
    latest = t("review.chart.desc.none", lang)
    if series.points:
        d, v, bound = series.points[-1]
        value = series.exact[-1] if series.exact else Decimal(repr(v))
        latest = f"{fmt_num(value, bound, lang)} ({d})"
    projected = ""
    if series.projected is not None:
        projected = t("review.chart.desc.projected", lang, value=fmt_calc(series.projected, g))
    return t("review.chart.desc", lang, start=fmt_calc(series.start_value, g), t0=series.start,
             end=fmt_calc(series.end_value, g), deadline=series.deadline,
             n=len(series.points), latest=latest, projected=projected)  # fmt: skip


def _legend(series: ChartSeries, lang: str, left: int, as_of_drawn: bool) -> str:
    """The legend row under the x axis: only the marks this chart uses."""
    items: list[tuple[str, str]] = [
        ('<line class="plan" x1="0" x2="18" y1="-4" y2="-4"/>', t("review.chart.plan", lang)),
        ('<circle class="reading" cx="9" cy="-4" r="4"/>', t("review.chart.reading", lang)),
    ]
    if any(b for _, _, b in series.points):
        items.append(('<path class="reading bound" d="M9,-10 L14.5,0 L3.5,0 Z"/>',
                      t("review.chart.bound", lang)))  # fmt: skip
    if series.projected is not None:
        items.append(('<line class="projection" x1="0" x2="18" y1="-4" y2="-4"/>',
                      t("review.chart.projection", lang)))  # fmt: skip
    if as_of_drawn:
        items.append(('<line class="as-of" x1="9" x2="9" y1="-12" y2="4"/>',
                      f"{t('review.chart.as_of', lang)} {series.as_of}"))  # fmt: skip
    if series.estimate:
        items.append(('<circle class="plan-start estimate" cx="9" cy="-4" r="4"/>',
                      t("review.chart.estimate", lang)))  # fmt: skip
    out, xx, row = [], float(left), H - 22
    for mark, text in items:
        width = 26 + _text_width(text, 11)
        if xx + width > W - RIGHT and xx > left:
            xx, row = float(left), row + 16
        out.append(f'<g class="legend" transform="translate({xx},{row})">{mark}'
                   f'<text x="24" y="0">{_a(text)}</text></g>')  # fmt: skip
        xx += width + 10
    return "".join(out)


def _text_width(text: str, size: float) -> float:
    """About how wide ``text`` is at ``size`` px: CJK characters are square, Latin ~0.55."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.56 for ch in text)


CSS = (
    ".grid{stroke:#e4e6ea;stroke-width:1}.axis,.tick{stroke:#9aa0a8;stroke-width:1}"
    f".plan{{stroke:{PLAN};stroke-width:2;stroke-dasharray:6 4}}"
    f".readings{{fill:none;stroke:{READING};stroke-width:1.5}}"
    f".reading{{fill:{READING};stroke:#fff;stroke-width:1}}"
    f".reading.bound{{fill:{BOUND}}}"
    f".projection{{stroke:{READING};stroke-width:1.5;stroke-dasharray:2 4}}"
    f".as-of{{stroke:{AS_OF};stroke-width:1;stroke-dasharray:1 3}}"
    f".estimate{{fill:#fff;stroke:{BOUND};stroke-width:1.5}}"
    "text{fill:#3a3f47;font-size:11px}.ylabel,.xlabel{font-size:10.5px}"
    ".bar-label{font-size:12px}.bar-count{fill:#fff;font-size:11px;font-weight:600}"
)


def _svg(data: str, title: str, desc: str, body: str, standalone: bool, height: int = H) -> str:
    """An <svg> with its title and description first, as screen readers expect them."""
    size = f' width="{W * 2}" height="{height * 2}"' if standalone else ""
    style = ""
    if standalone:
        style = (f"<style>{CSS}text{{font-family:{FONT_STACK}}}</style>"
                 f'<rect width="{W}" height="{height}" fill="#fff"/>')
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' if standalone else ""
    return (f'{head}<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height}"{size} '
            f'role="img" {data}><title>{_a(title)}</title><desc>{_a(desc)}</desc>'
            f"{style}{body}</svg>")  # fmt: skip


def summary_chart(table: SummaryTable, lang: str) -> str:
    """Goals by status in each section, one stacked bar per section."""
    rows = table.rows[:-1] if len(table.rows) > 1 else table.rows  # the sections
    bar_h, gap = 20, 10
    # Section names as wide as the longest, up to a third of the chart; longer ones cut.
    label_w = min(max((_text_width(r.name, 12) for r in rows), default=0) + 4, W // 3)
    height = TOP + len(rows) * (bar_h + gap) + 40
    most = max((r.total for r in rows), default=1) or 1
    scale = (W - RIGHT - label_w - 10) / most
    parts = []
    for i, r in enumerate(rows):
        yy = TOP + i * (bar_h + gap)
        parts.append(f'<text class="bar-label" x="{label_w}" y="{yy + bar_h - 5}" '
                     f'text-anchor="end"><title>{_a(r.name)}</title>'
                     f"{_a(_cut(r.name, label_w, 12))}</text>")  # fmt: skip
        xx = label_w + 10.0
        for code, n in zip(table.statuses, r.counts, strict=True):
            if not n:
                continue
            w = round(n * scale, 1)
            parts.append(f'<rect class="bar" data-section="{_a(r.name)}" data-status="{code}" '
                         f'data-value="{n}" x="{round(xx, 1)}" y="{yy}" width="{w}" '
                         f'height="{bar_h}" fill="{STATUS_COLOURS.get(code, "#888")}">'
                         f"<title>{_a(r.name)}: {n} {_a(_label(table, code))}</title>"
                         "</rect>")  # fmt: skip
            if w >= 16:
                parts.append(f'<text class="bar-count" x="{round(xx + w / 2, 1)}" '
                             f'y="{yy + bar_h - 6}" text-anchor="middle">{n}</text>')  # fmt: skip
            xx += w
    xx, row = float(label_w + 10), height - 14
    for code, text in zip(table.statuses, table.labels, strict=True):
        width = 18 + _text_width(text, 11)
        if xx + width > W - RIGHT:
            xx, row = float(label_w + 10), row + 16
        parts.append(f'<g class="legend" transform="translate({round(xx, 1)},{row})">'
                     f'<rect x="0" y="-10" width="12" height="12" '
                     f'fill="{STATUS_COLOURS.get(code, "#888")}"/>'
                     f'<text x="16" y="0">{_a(text)}</text></g>')  # fmt: skip
        xx += width + 12
    whole = table.rows[-1]
    items = "; ".join(f"{_label(table, c)} {n}" for c, n in
                      zip(table.statuses, whole.counts, strict=True) if n)  # fmt: skip
    desc = t("review.summary.desc", lang, total=whole.total, items=items)
    return _svg('data-chart="summary"', t("review.summary.chart", lang), desc, "".join(parts),
                False, height)  # fmt: skip


def _cut(text: str, width: float, size: float) -> str:
    """``text`` cut with an ellipsis to about ``width`` px at ``size`` px."""
    if _text_width(text, size) <= width:
        return text
    while text and _text_width(text + "…", size) > width:
        text = text[:-1]
    return text + "…"


def _label(table: SummaryTable, code: str) -> str:
    return table.labels[table.statuses.index(code)]


def chart_file(series: ChartSeries, title: str, lang: str) -> str:
    """A goal's chart as a file of its own (for slides): sized, styled, on white."""
    return goal_chart(series, title, lang, standalone=True) + "\n"

