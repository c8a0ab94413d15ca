"""The colours of the statuses and the fonts, shared by every output that draws."""

from __future__ import annotations

# Good news green, the problems amber to red by severity, gaps in the data grey: the
# same order as the summary (views.SUMMARY_ORDER), readable in greyscale print.
STATUS_COLOURS = {
    "achieved": "#2e7d32",
    "tracked": "#5b8def",
    "on_track": "#66a85b",
    "in_progress": "#8fbf6a",
    "behind": "#e0a100",
    "off_track": "#e06c00",
    "regressing": "#b3261e",
    "missed": "#c62828",
    "not_started": "#9e9e9e",
    "no_data": "#bdbdbd",
}

# Chinese first: Noto CJK (Debian's fonts-noto-cjk), then what Windows and macOS have.
FONT_STACK = ('"Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", '
              '"PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif')
