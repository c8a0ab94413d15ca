"""plantrack export --format xlsx: workbooks read back with openpyxl.

The oracle is the same query's JSON (``status --json``, ``gaps --json``, ``export
entries --format json``, ``goals --json``) and the catalogue, never values copied
from a workbook: figures are numbers equal to the JSON's, dates real dates, every
code a word in the report's language, and no cell a formula.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from rich.cells import cell_len
from support import EXAMPLES, PLAN, PUBLISHED, ok, run

from plantrack.i18n import label, t
from plantrack.planfile import load_plan
from plantrack.reports.records import ENTRY_COLUMNS, GAPS_COLUMNS, STATUS_COLUMNS
from plantrack.reports.views import SUMMARY_ORDER

AS_OF = "2025-12-31"
CJK = re.compile(r"[\u4e00-\u9fff]")
STATUS_NUMBERS = ("baseline", "target", "current", "percent", "expected", "gap", "pace_ratio")
GAPS_NUMBERS = ("current", "target", "gap", "years_left", "required_per_year",
                "actual_per_year", "projected", "pace_ratio")  # fmt: skip


@pytest.fixture(autouse=True)
def _examples() -> None:
    ok("import", str(EXAMPLES))


def workbook(*args: str, name: str = "out.xlsx") -> openpyxl.Workbook:
    ok("export", *args, "--format", "xlsx", "-o", name)
    return openpyxl.load_workbook(name)


def report_json(what: str, *args: str) -> dict[str, Any]:
    return json.loads(ok(what, "--as-of", AS_OF, *args, "--json").stdout)


def header_row(ws: Worksheet, first_header: str) -> int:
    """The table header's row (1-based): the row whose column A is the first header."""
    rows = [c.row for c in ws["A"] if c.value == first_header]
    assert len(rows) == 1, (first_header, rows)
    return rows[0]


def table(ws: Worksheet, keys: tuple[str, ...], lang: str) -> list[dict[str, Cell]]:
    """The table under its header, one {column key: cell} per row, to the first blank row.
    The header must be the catalogue's col.* words for ``keys``, in this order."""
    top = header_row(ws, t(f"col.{keys[0]}", lang))
    header = [c.value for c in ws[top] if c.value is not None]
    assert header == [t(f"col.{k}", lang) for k in keys]
    rows = []
    for row in ws.iter_rows(min_row=top + 1):
        if row[0].value is None:
            break
        rows.append(dict(zip(keys, row, strict=False)))
    return rows


def texts(wb: openpyxl.Workbook) -> list[str]:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str)]  # fmt: skip


def with_estimate(columns: tuple[str, ...]) -> tuple[str, ...]:
    """The report's columns (records has the estimate flag beside lower_bound now)."""
    assert "estimate" in columns
    return columns


def assert_number(cell: Cell, expected: float | None, key: str) -> None:
    if expected is None:
        assert cell.value is None, (key, cell.value)
        return
    assert isinstance(cell.value, int | float), (key, cell.value)  # not text
    assert cell.data_type == "n"
    assert cell.value == pytest.approx(expected, rel=1e-12), key


def assert_day(cell: Cell, expected: str | None, key: str) -> None:
    if expected is None:
        assert cell.value is None, key
        return
    assert isinstance(cell.value, datetime), (key, cell.value)
    assert cell.value.date().isoformat() == expected and cell.number_format == "yyyy-mm-dd"


def width(ws: Worksheet, col: int) -> float:
    """A column's width; openpyxl keeps neighbours of equal width as one min..max range."""
    for dim in ws.column_dimensions.values():
        if dim.min <= col <= dim.max:
            return dim.width
    raise AssertionError(f"no width for column {col}")


# --------------------------------------------------------------------------- figures


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_status_figures_are_the_json_reports_as_numbers_and_dates(lang: str) -> None:
    data = report_json("status", "--lang", lang)
    wb = workbook("status", "--as-of", AS_OF, "--lang", lang)
    ws = wb.worksheets[0]
    assert ws.title == t("sheet.status", lang)
    rows = table(ws, with_estimate(STATUS_COLUMNS), lang)
    assert [r["id"].value for r in rows] == [g["id"] for g in data["goals"]]
    for row, goal in zip(rows, data["goals"], strict=True):
        for key in STATUS_NUMBERS:
            assert_number(row[key], goal[key], key)
        for key in ("baseline_date", "deadline", "last_date"):
            assert_day(row[key], goal[key], key)
    assert any(isinstance(r["current"].value, int | float) for r in rows)  # some goal has data


def test_gaps_figures_are_the_json_reports_in_its_order() -> None:
    data = report_json("gaps")
    rows = table(workbook("gaps", "--as-of", AS_OF).worksheets[0],
                 with_estimate(GAPS_COLUMNS), "en")  # fmt: skip
    assert [r["id"].value for r in rows] == [g["id"] for g in data["goals"]]  # worst first
    for row, goal in zip(rows, data["goals"], strict=True):
        for key in GAPS_NUMBERS:
            assert_number(row[key], goal[key], key)
        assert_day(row["projected_date"], goal["projected_date"], "projected_date")
    # high-tech-enterprises: 6,290 of 10,000 at the deadline, so the gap is 10,000 - 6,290 = 3,710
    hte = next(r for r in rows if r["id"].value == "high-tech-enterprises")
    assert hte["gap"].value == 3710 and hte["gap"].number_format == "#,##0"


def test_number_formats() -> None:
    rows = table(workbook("status", "--as-of", AS_OF).worksheets[0],
                 with_estimate(STATUS_COLUMNS), "en")  # fmt: skip
    labs = next(r for r in rows if r["id"].value == "provincial-labs")
    assert labs["target"].number_format == "#,##0"
    assert labs["percent"].number_format == "0.0"
    assert labs["pace_ratio"].number_format == "0.00"
    # A lower bound keeps its number and shows the report's mark: 161 reads "≥ 161".
    lower = next(r for r in rows if r["lower_bound"].value == t("xlsx.yes", "en"))
    mark = t("num.lower_bound", "en", n="").strip()
    assert isinstance(lower["current"].value, int) and mark in lower["current"].number_format


# --------------------------------------------------------------------------- words


def _check_labels(rows: list[dict[str, Cell]], data: dict[str, Any], lang: str) -> None:
    names = data["section_names"]
    for row, goal in zip(rows, data["goals"], strict=True):
        assert row["status"].value == label("status", goal["status"], lang)
        assert row["kind"].value == label("kind_short", goal["kind"], lang)
        assert row["section"].value == names[goal["section"]][lang]
        assert row["method"].value == label("method_short", goal["method"], lang)
        for flag in ("lower_bound", "estimate"):
            assert row[flag].value == t("xlsx.yes" if goal[flag] else "xlsx.no", lang)


def test_zh_every_code_is_a_chinese_word() -> None:
    data = report_json("status", "--lang", "zh")
    wb = workbook("status", "--as-of", AS_OF, "--lang", "zh")
    rows = table(wb.worksheets[0], with_estimate(STATUS_COLUMNS), "zh")
    _check_labels(rows, data, "zh")
    for row in rows:
        for key in ("status", "kind", "section", "method", "lower_bound", "estimate"):
            assert CJK.search(row[key].value), (key, row[key].value)
    # No code, and no English word for one, anywhere in the workbook.
    codes = {*SUMMARY_ORDER, "increase", "level", "milestone", "indicator", "linear", "cagr",
             "none", "yes", "no", "true", "false"}  # fmt: skip
    english = codes | {label("status", s, "en") for s in SUMMARY_ORDER}
    cells = texts(wb)
    assert not [c for c in cells if c in english]
    assert not [c for c in cells if re.search(r"\b(no_data|on_track|off_track|not_started|"
                                              r"in_progress|missed|achieved)\b", c)]  # fmt: skip


def test_en_codes_are_english_words() -> None:
    data = report_json("status", "--lang", "en")
    rows = table(workbook("status", "--as-of", AS_OF, "--lang", "en").worksheets[0],
                 with_estimate(STATUS_COLUMNS), "en")  # fmt: skip
    _check_labels(rows, data, "en")
    assert {r["status"].value for r in rows} >= {"achieved", "missed", "no data"}


def test_status_fills_differ_between_achieved_and_missed() -> None:
    data = report_json("status")
    rows = table(workbook("status", "--as-of", AS_OF).worksheets[0],
                 with_estimate(STATUS_COLUMNS), "en")  # fmt: skip
    by_status = {g["status"]: g["id"] for g in data["goals"]}
    fill = {r["id"].value: r["status"].fill for r in rows}
    achieved, missed = fill[by_status["achieved"]], fill[by_status["missed"]]
    assert achieved.fill_type == missed.fill_type == "solid"
    assert achieved.fgColor.rgb != missed.fgColor.rgb


# --------------------------------------------------------------------------- the head


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_header_rows_state_plan_dates_method_and_ledger(lang: str) -> None:
    data = report_json("status", "--lang", lang)
    ws = workbook("status", "--as-of", AS_OF, "--lang", lang).worksheets[0]
    top = header_row(ws, t("col.id", lang))
    head = [c for row in ws.iter_rows(max_row=top - 1) for c in row if c.value is not None]
    head_text = [c.value for c in head if isinstance(c.value, str)]
    assert head_text[0] == data["plan"][f"name_{lang}"]
    as_of = header_row(ws, t("xlsx.as_of", lang))
    assert ws.cell(as_of, 2).value.date().isoformat() == data["as_of"]
    assert ws.cell(header_row(ws, t("xlsx.known_at", lang)), 2).value == t("xlsx.none", lang)
    assert any(label("method", data["method"], lang) in s for s in head_text)
    assert any(data["ledger"] in s for s in head_text)
    # The rows above the table stay in view: frozen just below the table header.
    assert ws.freeze_panes == f"A{top + 1}"
    assert ws.auto_filter.ref.startswith(f"A{top}:")


def test_known_at_is_a_date_in_the_head() -> None:
    ws = workbook("status", "--as-of", AS_OF, "--known-at", "2099-01-01").worksheets[0]
    known = ws.cell(header_row(ws, t("xlsx.known_at", "en")), 2).value
    assert isinstance(known, datetime) and known.date().isoformat() == "2099-01-01"


def test_footnotes_only_where_they_apply() -> None:
    data = report_json("gaps")
    assert any(g["lower_bound"] for g in data["goals"])
    assert any(g["estimate"] and g["current"] is not None for g in data["goals"])
    cells = texts(workbook("gaps", "--as-of", AS_OF))
    assert t("foot.lower_bound", "en") in cells and t("foot.estimate", "en") in cells
    # The coverage goals have no figures, so nothing is a bound or an estimate.
    cells = texts(workbook("gaps", "--as-of", AS_OF, "--section", "coverage", name="c.xlsx"))
    assert t("foot.lower_bound", "en") not in cells and t("foot.estimate", "en") not in cells


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_column_widths_count_cjk_twice_and_long_text_wraps(lang: str) -> None:
    goals = json.loads(ok("goals", "--json").stdout)
    wb = workbook("status", "--as-of", AS_OF, "--lang", lang)
    ws = wb.worksheets[0]
    title_col = with_estimate(STATUS_COLUMNS).index("title") + 1
    longest = max(cell_len(g[f"title_{lang}"]) for g in goals)
    # Wide enough for the longest title (a CJK character is two cells), up to the cap of 60.
    assert min(longest, 60) <= width(ws, title_col) <= 60 + 3
    if lang == "zh":  # a title of wide characters only: counted in characters, half as wide
        wide = max((g["title_zh"] for g in goals if cell_len(g["title_zh"]) == 2 * len(
            g["title_zh"])), key=len)  # fmt: skip
        assert len(wide) >= 15 and width(ws, title_col) >= 2 * len(wide)
    # The plan's sentences in the table of the Sources sheet are longer than 60 cells: wrapped.
    sources = wb[t("sheet.sources", lang)]
    top = header_row(sources, t("col.id", lang))
    long = [c for row in sources.iter_rows(min_row=top + 1) for c in row
            if isinstance(c.value, str) and cell_len(c.value) > 60]  # fmt: skip
    assert long and all(c.alignment.wrap_text for c in long)


# --------------------------------------------------------------------------- sources


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_sources_sheet_lists_each_goals_plan_text_and_the_plans_source(lang: str) -> None:
    goals = {g["id"]: g for g in json.loads(ok("goals", "--json").stdout)}
    plan = load_plan(PLAN)
    wb = workbook("status", "--as-of", AS_OF, "--lang", lang)
    ws = wb[t("sheet.sources", lang)]
    rows = table(ws, ("id", "title", "plan_text"), lang)
    assert {r["id"].value for r in rows} == set(goals)
    for r in rows:
        goal = goals[r["id"].value]
        assert r["title"].value == goal[f"title_{lang}"]
        assert r["plan_text"].value == goal["source"]
    cells = texts(wb)
    assert plan.source in cells and plan.document in cells


def test_entries_sources_are_numbered_once_each() -> None:
    data = json.loads(ok("export", "entries", "--format", "json").stdout)
    wb = workbook("entries", "--lang", "zh")
    rows = table(wb[t("sheet.sources", "zh")], ("no", "source", "goals"), "zh")
    sources = {e["source"] for e in data["entries"] if e["source"]}
    assert [r["no"].value for r in rows] == list(range(1, len(sources) + 1))
    assert sorted(r["source"].value for r in rows) == sorted(sources)
    for r in rows:
        cited = {e["goal"] for e in data["entries"] if e["source"] == r["source"].value}
        assert set(r["goals"].value.split(", ")) == cited


# --------------------------------------------------------------------------- entries


ENTRY_SHEET = ("id", "goal", "title", *ENTRY_COLUMNS[2:])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_entries_are_the_json_export_with_words_for_codes(lang: str) -> None:
    data = json.loads(ok("export", "entries", "--format", "json").stdout)
    wb = workbook("entries", "--lang", lang)
    ws = wb.worksheets[0]
    assert ws.title == t("sheet.entries", lang)
    rows = table(ws, ENTRY_SHEET, lang)
    assert [r["id"].value for r in rows] == [e["id"] for e in data["entries"]]
    for row, e in zip(rows, data["entries"], strict=True):
        assert_day(row["date"], e["date"], "date")
        assert row["kind"].value == label("entry_kind", e["kind"], lang)
        if e["kind"] in ("total", "increment"):
            assert_number(row["value"], e["value"], "value")
        assert row["bound"].value == (label("bound", e["bound"], lang) if e["bound"] else None)
    assert any(e["bound"] == "lower" for e in data["entries"])
    if lang == "zh":
        assert {r["bound"].value for r in rows} == {"下限", None}  # the catalogue's bound.lower
    head = [c.value for row in ws.iter_rows(max_row=5) for c in row if c.value is not None]
    assert head[0] == load_plan(PLAN).name(lang)
    assert t("xlsx.all_dates", lang) in head  # no --as-of: entries of every date


def test_entries_filter_date_is_in_the_head() -> None:
    ws = workbook("entries", "--as-of", "2024-12-31").worksheets[0]
    dated = ws.cell(header_row(ws, t("xlsx.dated_by", "en")), 2).value
    assert dated.date().isoformat() == "2024-12-31"


def test_entries_past_excels_last_row_are_refused_not_dropped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # N example entries under a 5-row table head and the header: 6 + N rows; a sheet of
    # 6 + N - 2 rows is too short, one of exactly 6 + N is full.
    from plantrack.output import xlsx

    monkeypatch.setattr(xlsx, "EXCEL_ROWS", 6 + PUBLISHED - 2)
    result = run("export", "entries", "--format", "xlsx", "-o", "big.xlsx")
    assert result.exit_code == 2, result.stderr
    assert "--format csv" in result.stderr and not Path("big.xlsx").exists()
    monkeypatch.setattr(xlsx, "EXCEL_ROWS", 6 + PUBLISHED)  # exactly full: written
    ok("export", "entries", "--format", "xlsx", "-o", "big.xlsx")
    sheet = openpyxl.load_workbook("big.xlsx").worksheets[0]
    assert len(table(sheet, ENTRY_SHEET, "en")) == PUBLISHED


# --------------------------------------------------------------------------- no formulas


def test_text_that_looks_like_a_formula_stays_text() -> None:
    ok("record", "provincial-labs", "3", "--add", "--date", "2025-06-30", "--note", "=1+1",
       "--source", "=HYPERLINK(\"http://x\",\"y\")")  # fmt: skip
    ok("note", "pilot-bases", "@SUM(A1)", "--date", "2025-06-30", "--source", "=1+1")
    wb = workbook("entries")
    rows = table(wb.worksheets[0], ENTRY_SHEET, "en")
    added = next(r for r in rows if r["note"].value == "=1+1")
    assert added["note"].data_type == "s" and added["source"].data_type == "s"
    assert added["source"].value == '=HYPERLINK("http://x","y")'
    assert added["value"].value == 3  # recorded as +3: a number, shown with its sign
    assert added["value"].number_format.startswith("+")
    note = next(r for r in rows if r["note"].value == "@SUM(A1)")
    assert note["note"].data_type == "s" and note["source"].value == "=1+1"
    sources = wb[t("sheet.sources", "en")]
    assert "=1+1" in [c.value for c in sources["B"]]
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row)


@pytest.mark.parametrize("what", ["status", "gaps", "entries"])
def test_no_cell_is_a_formula(what: str) -> None:
    wb = workbook(what, "--as-of", AS_OF, "--lang", "zh")
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert len(cells) > 100
    assert all(c.data_type != "f" for c in cells)


# --------------------------------------------------------------------------- stdout


def test_a_pipe_gets_the_workbook_bytes() -> None:
    result = run("export", "status", "--format", "xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes[:4] == b"PK\x03\x04"  # a zip container, as .xlsx is


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux pty")
def test_a_terminal_is_refused_with_one_line() -> None:
    master, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "plantrack", "export", "status",
                               "--format", "xlsx"], stdout=terminal, stderr=subprocess.PIPE,
                              text=True, env=os.environ, timeout=60, check=False)  # fmt: skip
        os.set_blocking(master, False)
        with pytest.raises(BlockingIOError):  # nothing was written to the terminal
            os.read(master, 1024)
    finally:
        os.close(terminal)
        os.close(master)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("plantrack: error: ") and "-o FILE" in lines[0]
    assert not list(Path().glob("*.xlsx"))


def test_a_text_longer_than_an_excel_cell_is_refused_not_cut() -> None:
    # Excel holds 32,767 characters in a cell; XlsxWriter would keep the first 32,767
    # and say nothing. A note of 40,000 characters is refused (exit 2), no file written.
    ok("record", "provincial-labs", "3", "--date", "2024-06-30", "--note", "a" * 40_000)
    result = run("export", "entries", "--format", "xlsx", "-o", "long.xlsx")
    assert result.exit_code == 2, result.stderr
    assert "40,000 characters" in result.stderr and "--format csv" in result.stderr
    assert not Path("long.xlsx").exists()
