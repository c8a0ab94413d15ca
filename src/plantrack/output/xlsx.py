"""Reports and ledger entries as an Excel workbook (XlsxWriter), for people who read
them in a spreadsheet.

Each data sheet states what it is first (plan, dates, method, ledger), then one
table header row (frozen, with an autofilter) and the rows. Figures are real
numbers with number formats, dates real dates, and every code (status, kind,
section, method, yes/no, entry kind, bound) a word in the report's language.
The figures are the report's own (``records``), the sentences the views' own
(``views``): nothing is computed here. No cell is ever a formula: text goes in
with ``write_string`` and XlsxWriter's string conversions are off, so a note
``=1+1`` stays the text ``=1+1``.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from rich.cells import cell_len
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from plantrack.errors import ValidationError
from plantrack.i18n import label, say, t
from plantrack.model.entries import Entry
from plantrack.model.plan import Plan
from plantrack.reports.build import Report
from plantrack.reports.formatting import shown
from plantrack.reports.records import (
    ENTRY_COLUMNS,
    FLAG_COLUMNS,
    WORDED,
    entry_dict,
    report_columns,
    report_table,
    worded,
)
from plantrack.reports.review import NOT_BROKEN_DOWN, UnitsTable, units_table
from plantrack.reports.views import footnotes, head, status_label

OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False, "in_memory": True}  # fmt: skip
MAX_WIDTH = 60  # cells (a CJK character is two); longer text wraps
MIN_WIDTH = 6
EXCEL_ROWS = 1_048_576
EXCEL_CELL = 32_767  # characters in one cell
DAY = "yyyy-mm-dd"
# Excel's own "Good / Neutral / Bad" cell styles, plus blue for tracked and grey for no figure.
GREEN, AMBER, RED = ("#C6EFCE", "#006100"), ("#FFEB9C", "#9C5700"), ("#FFC7CE", "#9C0006")
BLUE, GREY = ("#DDEBF7", "#1F4E78"), ("#EDEDED", "#595959")
STATUS_FILL = {
    "achieved": GREEN, "on_track": GREEN, "tracked": BLUE, "in_progress": BLUE,
    "behind": AMBER, "off_track": RED, "regressing": RED, "missed": RED,
    "no_data": GREY, "not_started": GREY,
}  # fmt: skip
# Figures whose decimals vary: whole numbers show none, others up to the 4 places records keep.
FIGURES = {"baseline", "target", "current", "expected", "gap", "required_per_year",
           "actual_per_year", "projected", "value"}  # fmt: skip
FIXED = {"percent": "0.0", "pace_ratio": "0.00", "years_left": "0.0"}
DATES = {"baseline_date", "deadline", "last_date", "projected_date", "date"}


# --------------------------------------------------------------------------- cells


class _Book:
    """A workbook in memory, each cell format made once however many cells use it."""

    def __init__(self, title: str) -> None:
        self.buffer = io.BytesIO()
        self.workbook = xlsxwriter.Workbook(self.buffer, OPTIONS)
        self.workbook.set_properties({"title": title, "comments": "plantrack export"})
        self._formats: dict[tuple[tuple[str, Any], ...], Format] = {}

    def fmt(self, **props: Any) -> Format | None:
        if not props:
            return None
        key = tuple(sorted(props.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(props)
        return self._formats[key]

    def sheet(self, name: str) -> _Sheet:
        return _Sheet(self, name)

    def write(self, stream: IO[bytes]) -> None:
        self.workbook.close()
        stream.write(self.buffer.getvalue())


class _Sheet:
    """A worksheet that remembers how wide each column's content is (in cells)."""

    def __init__(self, book: _Book, name: str) -> None:
        self.ws: Worksheet = book.workbook.add_worksheet(name)
        self.fmt = book.fmt
        self.widths: dict[int, int] = {}

    def rows_fit(self, top: int, n: int) -> None:
        """Excel's sheets end at row 1,048,576; XlsxWriter would drop the rest unsaid."""
        if top + 1 + n > EXCEL_ROWS:
            raise ValidationError(say("err.xlsx.rows", n=f"{n:,}", limit=f"{EXCEL_ROWS:,}"))

    def _fit(self, col: int, width: int) -> None:
        self.widths[col] = max(self.widths.get(col, 0), width)

    def text(self, row: int, col: int, text: str, *, fit: bool = True, **props: Any) -> None:
        text = shown(text)
        if len(text) > EXCEL_CELL:  # XlsxWriter would cut it short unsaid
            raise ValidationError(say("err.xlsx.cell", n=f"{len(text):,}",
                                      limit=f"{EXCEL_CELL:,}"))  # fmt: skip
        width = max(cell_len(line) for line in text.split("\n"))
        if fit and (width > MAX_WIDTH or "\n" in text):
            props.update(text_wrap=True, valign="top")
        self.ws.write_string(row, col, text, self.fmt(**props))
        if fit:
            self._fit(col, min(width, MAX_WIDTH))

    def number(self, row: int, col: int, value: float | Decimal, num_format: str,
               shown_as: str, **props: Any) -> None:  # fmt: skip
        self.ws.write_number(row, col, float(value), self.fmt(num_format=num_format, **props))
        self._fit(col, cell_len(shown_as))

    def day(self, row: int, col: int, day: date, **props: Any) -> None:
        self.ws.write_datetime(row, col, day, self.fmt(num_format=DAY, **props))
        self._fit(col, len(DAY))

    def pair(self, row: int, name: str, value: str | date) -> None:
        """A header line: a bold name in column A, its value in column B."""
        self.text(row, 0, name, fit=False, bold=True)
        if isinstance(value, date):
            self.ws.write_datetime(row, 1, value, self.fmt(num_format=DAY, align="left"))
        else:
            self.text(row, 1, value, fit=False)

    def header(self, row: int, keys: Sequence[str], lang: str) -> None:
        for col, key in enumerate(keys):
            self.text(row, col, t(f"col.{key}", lang), bold=True, bg_color="#F2F2F2",
                      bottom=1)  # fmt: skip

    def finish(self, header_row: int, last_row: int, ncols: int) -> None:
        """Freeze everything down to the table header; filter the table; fit the columns."""
        self.ws.freeze_panes(header_row + 1, 0)
        self.ws.autofilter(header_row, 0, max(last_row, header_row), ncols - 1)
        for col in range(ncols):
            # +2: room for the autofilter's drop-down button
            self.ws.set_column(col, col, max(MIN_WIDTH, self.widths.get(col, 0) + 2))


def _num_format(value: float | Decimal, marks: tuple[str, str] = ("", ""),
                signed: bool = False) -> tuple[str, str]:  # fmt: skip
    """(Excel number format, the text it shows) for a figure: ``#,##0`` when whole,
    else up to four decimals; ``marks`` a prefix and suffix such as ``≥ `` or ``约``."""
    whole = (value == value.to_integral_value() if isinstance(value, Decimal)
             else float(value).is_integer())  # fmt: skip
    body = "#,##0" if whole else "#,##0.0###"
    before, after = marks
    quoted = (f'"{before}"' if before else "") + "{}" + (f'"{after}"' if after else "")
    fmt = quoted.format(body)
    if signed:
        fmt = f"{quoted.format('+' + body)};{quoted.format('-' + body)};{quoted.format('0')}"
    text = f"{float(value):,.4f}".rstrip("0").rstrip(".")
    return fmt, f"{before}{'+' if signed else ''}{text}{after}"


def _marks(key: str, lang: str) -> tuple[str, str]:
    """The prefix and suffix that a catalogue template such as ``≥ {n}`` puts round a number."""
    before, _, after = t(key, lang, n="\0").partition("\0")
    return before, after


# --------------------------------------------------------------------------- status, gaps


def _report_columns(what: str, report: Report, lang: str) -> tuple[list[str], list[dict]]:
    """The status or gaps table as records.report_table has it: (column keys, one dict
    per goal)."""
    keys = list(report_columns(report, what))
    _, rows = report_table(report, what, lang)
    records = []
    for r, row in zip(report.results, rows, strict=True):
        d = dict(zip(keys, row, strict=True))
        d["_approximate"] = r.goal.approximate
        records.append(d)
    return keys, records


def _report_cell(sheet: _Sheet, row: int, col: int, key: str, d: dict, plan: Plan,
                 lang: str) -> None:  # fmt: skip
    value = d.get(key)
    if key in FLAG_COLUMNS or (key in ("section", *WORDED) and value not in (None, "")):
        fill = {}  # a code cell: its word, as CSV has it (records.worded); a status coloured
        if key == "status":
            bg, fg = STATUS_FILL.get(value, GREY)
            fill = {"bg_color": bg, "font_color": fg}
        sheet.text(row, col, worded(key, value, plan, lang), **fill)
    elif value is None or value == "":
        return
    elif key in DATES:
        sheet.day(row, col, date.fromisoformat(value))
    elif key in FIXED:
        sheet.number(row, col, value, FIXED[key], f"{float(value):,.2f}")
    elif key in FIGURES:
        marks = ("", "")
        if key == "current" and d["lower_bound"]:
            marks = _marks("num.lower_bound", lang)
        elif key == "current" and d["estimate"]:
            marks = _marks("num.estimate", lang)
        elif key == "target" and d["_approximate"]:
            marks = _marks("num.approx_target", lang)
        sheet.number(row, col, value, *_num_format(value, marks))
    else:
        sheet.text(row, col, str(value))


def _report_head(sheet: _Sheet, report: Report, lang: str) -> int:
    """The lines above the table; returns the table header's row."""
    h = head(report, lang)
    sheet.text(0, 0, h.name, fit=False, bold=True, font_size=14)
    sheet.text(1, 0, h.review, fit=False)
    sheet.pair(2, t("xlsx.as_of", lang), report.as_of)
    sheet.pair(3, t("xlsx.known_at", lang), report.known_at or t("xlsx.none", lang))
    lines = [h.method, *(x for x in (h.ledger, h.empty) if x)]
    for i, line in enumerate(lines):
        sheet.text(4 + i, 0, line, fit=False)
    return 4 + len(lines) + 1


def _goal_sources(sheet: _Sheet, report: Report, lang: str) -> None:
    plan = report.plan
    sheet.text(0, 0, plan.name(lang), fit=False, bold=True, font_size=14)
    row = 1
    for key, value in (("xlsx.document", plan.document), ("xlsx.issuer", plan.issuer),
                       ("xlsx.issued", plan.issued), ("xlsx.published", plan.source),
                       ("xlsx.url", plan.url)):  # fmt: skip
        if value:
            sheet.pair(row, t(key, lang), value)
            row += 1
    top = row + 1
    keys = ("id", "title", "plan_text")
    sheet.header(top, keys, lang)
    for i, r in enumerate(report.results, start=top + 1):
        for col, text in enumerate((r.goal.id, r.goal.title(lang), r.goal.source)):
            sheet.text(i, col, text)
    sheet.finish(top, top + len(report.results), len(keys))


def write_report(stream: IO[bytes], report: Report, what: str, *, lang: str) -> None:
    """A status or gaps report as a workbook: the report's sheet, then its sources."""
    book = _Book(shown(report.plan.name(lang)))
    sheet = book.sheet(t(f"sheet.{what}", lang))
    top = _report_head(sheet, report, lang)
    keys, records = _report_columns(what, report, lang)
    sheet.header(top, keys, lang)
    for i, d in enumerate(records, start=top + 1):
        for col, key in enumerate(keys):
            _report_cell(sheet, i, col, key, d, report.plan, lang)
    last = top + len(records)
    _notes(sheet, last + 2, footnotes(report.results, lang))
    sheet.finish(top, last, len(keys))
    units = units_table(report, lang)
    if units is not None:
        _units_sheet(book.sheet(t("review.units.sheet", lang)), report, units, lang)
    _goal_sources(book.sheet(t("sheet.sources", lang)), report, lang)
    book.write(stream)


def _units_sheet(sheet: _Sheet, report: Report, table: UnitsTable, lang: str) -> None:
    """The goal x unit table of the review (指标分解): each unit's cell its figure / its
    share, filled in its part's status colour; the roll-up, the figure of the whole and
    their difference as numbers; then the note and what each colour means."""
    top = _report_head(sheet, report, lang)
    heads = (table.goal_head, *table.names, *table.heads)
    for col, text in enumerate(heads):
        sheet.text(top, col, text, bold=True, bg_color="#F2F2F2", bottom=1)
    after = 1 + len(table.units)  # the first column after the units
    for i, r in enumerate(table.rows, start=top + 1):
        sheet.text(i, 0, r.title)
        for col, c in enumerate(r.cells, start=1):
            if c is None:
                sheet.text(i, col, NOT_BROKEN_DOWN, align="center", font_color=GREY[1])
            else:
                bg, fg = STATUS_FILL.get(c.status, GREY)
                sheet.text(i, col, c.text, align="right", bg_color=bg, font_color=fg)
        for col, value, signed in ((after, r.rollup_value, False), (after + 1, r.whole_value,
                                   False), (after + 2, r.difference_value, True)):  # fmt: skip
            if value is not None:
                sheet.number(i, col, value, *_num_format(value, signed=signed))
        sheet.text(i, after + 3, r.drives)
        if table.leads and r.lead:
            sheet.text(i, after + 4, r.lead)
    last = top + len(table.rows)
    sheet.text(last + 2, 0, table.note, fit=False, italic=True)
    present = dict.fromkeys(c.status for r in table.rows for c in r.cells if c is not None)
    sheet.text(last + 3, 0, t("word.status", lang), fit=False, bold=True)
    for col, code in enumerate(present, start=1):
        bg, fg = STATUS_FILL.get(code, GREY)
        sheet.text(last + 3, col, status_label(code, lang), bg_color=bg, font_color=fg)
    sheet.finish(top, last, len(heads))


def _notes(sheet: _Sheet, row: int, notes: Iterable[str]) -> None:
    for i, note in enumerate(notes):
        sheet.text(row + i, 0, note, fit=False, italic=True)


# --------------------------------------------------------------------------- entries


_AT = ENTRY_COLUMNS.index("goal") + 1
ENTRY_SHEET_COLUMNS = (*ENTRY_COLUMNS[:_AT], "title", *ENTRY_COLUMNS[_AT:])  # the goal's title


def _entry_cell(sheet: _Sheet, row: int, col: int, key: str, d: dict, plan: Plan,
                lang: str) -> None:  # fmt: skip
    grey = {"font_color": GREY[1]} if d["voided"] else {}
    value = d.get(key)
    if key == "title":
        if plan.has_goal(d["goal"]):
            sheet.text(row, col, plan.goal(d["goal"]).title(lang), **grey)
    elif key == "plan":
        sheet.text(row, col, plan.id, **grey)
    elif key == "kind":
        sheet.text(row, col, label("entry_kind", value, lang), **grey)
    elif key == "value" and d["kind"] == "status":
        if d["status"]:
            sheet.text(row, col, label("state", d["status"], lang), **grey)
    elif value is None or value == "":
        return
    elif key == "value":
        sheet.number(row, col, value, *_num_format(value, signed=d["kind"] == "increment"),
                     **grey)  # fmt: skip
    elif key == "bound":
        sheet.text(row, col, label("bound", value, lang), **grey)
    elif key in DATES:
        sheet.day(row, col, date.fromisoformat(value), **grey)
    else:  # recorded_at and voided_at stay ISO text: exact to the microsecond, marked UTC
        sheet.text(row, col, str(value), **grey)


def write_entries(stream: IO[bytes], entries: Sequence[Entry], plan: Plan, *, lang: str,
                  dated_by: date | None, known_at: date | None, ledger: str) -> None:  # fmt: skip
    """Ledger entries as a workbook: the entries' sheet, then their sources numbered."""
    book = _Book(shown(plan.name(lang)))
    sheet = book.sheet(t("sheet.entries", lang))
    top = 5
    sheet.rows_fit(top, len(entries))
    sheet.text(0, 0, plan.name(lang), fit=False, bold=True, font_size=14)
    sheet.pair(1, t("xlsx.dated_by", lang), dated_by or t("xlsx.all_dates", lang))
    sheet.pair(2, t("xlsx.known_at", lang), known_at or t("xlsx.none", lang))
    sheet.text(3, 0, t("head.ledger", lang, ledger=shown(ledger)), fit=False)
    sheet.header(top, ENTRY_SHEET_COLUMNS, lang)
    records = [entry_dict(e) for e in entries]
    for i, d in enumerate(records, start=top + 1):
        for col, key in enumerate(ENTRY_SHEET_COLUMNS):
            _entry_cell(sheet, i, col, key, d, plan, lang)
    sheet.finish(top, top + len(records), len(ENTRY_SHEET_COLUMNS))
    _entry_sources(book.sheet(t("sheet.sources", lang)), records, plan, lang)
    book.write(stream)


def _entry_sources(sheet: _Sheet, records: list[dict], plan: Plan, lang: str) -> None:
    """Each distinct source of the exported entries, numbered, with the goals citing it."""
    goals: dict[str, list[str]] = {}
    for d in records:
        if d["source"]:
            cited = goals.setdefault(d["source"], [])
            if d["goal"] not in cited:
                cited.append(d["goal"])
    sheet.text(0, 0, plan.name(lang), fit=False, bold=True, font_size=14)
    top = 2
    keys = ("no", "source", "goals")
    sheet.header(top, keys, lang)
    for no, (source, ids) in enumerate(goals.items(), start=1):
        sheet.number(top + no, 0, no, "0", str(no))
        sheet.text(top + no, 1, source)
        sheet.text(top + no, 2, ", ".join(ids))
    sheet.finish(top, top + len(goals), len(keys))
