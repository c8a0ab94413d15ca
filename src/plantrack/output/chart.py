"""A text chart of one goal for the terminal: the plan line and the readings, by cells."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from plantrack.reports.formatting import fmt_calc
from plantrack.reports.goalviews import ChartSeries


def chart(series: ChartSeries, width: int = 80, height: int = 10) -> Text:
    """``series`` drawn ``width`` cells wide and ``height`` rows high, with axes and a legend."""
    g, t0 = series.goal, series.start
    t1 = max([series.deadline] + [d for d, _, _ in series.points])
    values = [series.start_value, series.end_value] + [v for _, v, _ in series.points]
    values += [v for _, v in series.road]  # the plan line's corners (waypoints)
    lo, hi = min(values), max(values)
    span_days = max((t1 - t0).days, 1)
    span_val = (hi - lo) or 1.0

    def row(value: float) -> int:
        y = round((value - lo) / span_val * (height - 1))
        return height - 1 - min(max(y, 0), height - 1)

    # Axis labels: the lowest and highest values, baseline and target, and the middle row.
    middle = height // 2
    row_labels = {middle: fmt_calc(hi - middle / (height - 1) * (hi - lo), g)}
    for v in (lo, hi, series.start_value, series.end_value):  # later wins: the plan's own
        row_labels[row(v)] = fmt_calc(v, g)
    label_w = max(cell_len(s) for s in row_labels.values())
    plot_w = max(min(width - label_w - 2, 100), 12)

    def col(day: date) -> int:
        return min(max(round((day - t0).days / span_days * (plot_w - 1)), 0), plot_w - 1)

    out = Text()
    for i, cells in enumerate(_grid(series, height, plot_w, row, col)):
        out.append(f"{row_labels.get(i, ''):>{label_w}} ┤" if i in row_labels
                   else " " * label_w + " │", style="dim")  # fmt: skip
        for ch in cells:
            out.append(ch, style="bold cyan" if ch in "●▲" else "dim" if ch == "·" else "")
        out.append("\n")
    _x_axis(out, t0, t1, label_w, plot_w, col)
    out.append(series.legend, style="dim")
    return out


def _grid(
    series: ChartSeries,
    height: int,
    plot_w: int,
    row: Callable[[float], int],
    col: Callable[[date], int],
) -> list[list[str]]:
    """The plot area: the plan line in dots, each reading a ● (a lower bound a ▲)."""
    grid = [[" "] * plot_w for _ in range(height)]
    last_x = col(series.deadline)
    rise = series.end_value - series.start_value
    days = (series.deadline - series.start).days
    for x in range(last_x + 1):
        frac = x / last_x if last_x else 1.0
        value = (series.line_at(series.start + timedelta(days=round(frac * days)))
                 if series.road else series.start_value + rise * frac)  # fmt: skip
        grid[row(value)][x] = "·"
    for day, value, bound in series.points:
        grid[row(value)][col(day)] = "▲" if bound else "●"
    return grid


def _x_axis(
    out: Text, t0: date, t1: date, label_w: int, plot_w: int, col: Callable[[date], int]
) -> None:
    """The x axis: a tick at each new year, labelled where the label fits."""
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
