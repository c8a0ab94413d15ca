"""Rich layout for the reports: goal tables that fit the width they are given, and lists of
entries with their details below. Built when Rich knows the width; never printed here.

The report tables are laid out for the width Rich gives them at print time
(``AtWidth``), so one report reads well at 80 and at 120 columns:

- number columns always get their full width, so a number is never cut;
- the title column gets what is left; a title wraps to at most two lines
  (three for milestones) and ends in "…" beyond that;
- on a very narrow terminal the least needed columns go first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.control import STRIP_CONTROL_CODES, strip_control_codes
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from plantrack.output.textlayout import clip_lines, wrap_cells

TITLE_LINES = 2  # a goal title in a report table wraps to at most this many lines
SIDE_MIN = 28  # cells: a narrower title column puts titles on lines of their own
GAP = 2  # cells between two columns (padding collapsed to one space plus the divider)
# The control codes Rich strips from text (BEL, BS, VT, FF, CR).
_CONTROL = re.compile("[" + re.escape("".join(map(chr, STRIP_CONTROL_CODES))) + "]")


def cells_of(value: str | Text) -> int:
    plain = value.plain if isinstance(value, Text) else value
    return max((cell_len(line) for line in plain.split("\n")), default=0)


class AtWidth:
    """A renderable built when Rich knows the width: ``build(width)`` is a pure function."""

    def __init__(self, build: Callable[[int], RenderableType]) -> None:
        self.build = build

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.build(options.max_width)


def para(text: str, style: str = "") -> AtWidth:
    """A paragraph wrapped by cells (Rich would break Chinese only at spaces)."""
    return AtWidth(lambda width: Text("\n".join(wrap_cells(text, width)), style=style))


@dataclass
class Col:
    """A no-wrap column: header, cells, justification and drop order (0: never dropped)."""

    header: str
    cells: list[Text]
    justify: str = "right"
    drop: int = 0

    @property
    def width(self) -> int:
        return max(cells_of(c) for c in [self.header, *self.cells])


def grid_table(title: str | None = None) -> Table:
    return Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold",
                 pad_edge=False, show_edge=False, collapse_padding=True)  # fmt: skip


def goal_table(
    width: int,
    header: str,
    titles: Sequence[str],
    cols: list[Col],
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
        t = grid_table(title)
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
    t = grid_table(title)
    t.expand = True
    t.add_column(header, ratio=1, min_width=indent, no_wrap=True)
    for c in cols:
        t.add_column(c.header, justify=c.justify, no_wrap=True, width=c.width)  # type: ignore[arg-type]
    for i in range(len(titles)):
        t.add_row("", *(c.cells[i] for c in cols))
    return Stacked(t, [clip_lines(text, width, max_lines) for text in titles])


class Stacked:
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


def stacked_list(
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

    def line(cells: list[str]) -> str:
        cut = []
        for i, (cell, cell_w) in enumerate(zip(cells, widths, strict=True)):
            pad = " " * (cell_w - cell_len(cell))
            cut.append(pad + cell if i in right else (cell if i == last else cell + pad))
        return "  ".join(cut)

    out = Text(no_wrap=True, overflow="ignore", end="")
    out.append(line(heads) + "\n", "bold")
    out.append("─" * width + "\n", "dim")
    for cells, style, details in rows:
        out.append(line(cells) + "\n", style)
        for text, detail_style in details:  # indented four cells, below the row
            for part in wrap_cells(text, width - 4):
                out.append(f"    {part}\n", detail_style)
    return out


def _clean(text: str) -> str:
    """Text for one line of a list: no control codes (Rich strips the same), tabs as spaces."""
    if _CONTROL.search(text):  # a cheap test first: most text has none
        text = strip_control_codes(text)
    return text.replace("\t", " ")
