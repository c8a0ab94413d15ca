"""The review's goal x unit table (指标分解): as plain data, in the HTML document and in
the workbook, and absent from a plan without units.

A small plan with three units and three broken-down goals; entries of each unit and of
the whole province are recorded through the CLI into a real SQLite ledger. Every
expected figure and status is worked out by hand in a comment.
"""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from support import ok

from plantrack.i18n import t
from plantrack.ledger import open_ledger
from plantrack.output.html import render_review
from plantrack.planfile import read_plan
from plantrack.reports.build import build_review
from plantrack.reports.query import ReportQuery
from plantrack.reports.review import Review, UnitsTable, review_view

AS_OF = "2023-12-31"

HEAD = """\
plan:
  id: units-review
  name_zh: 分解测试规划
  name_en: Breakdown test plan
  issuer: 测试厅
  period_start: 2021-01-01
  period_end: 2025-12-31
"""
UNITS = """\
units:
  zhengzhou: {zh: 郑州市, en: Zhengzhou}
  luoyang:   {zh: 洛阳市, en: Luoyang}
  xinxiang:  {zh: 新乡市, en: Xinxiang}
"""


def goal(gid: str, zh: str, en: str, target: int, extra: str = "") -> str:
    return (f"  - id: {gid}\n    title_zh: {zh}\n    title_en: {en}\n    section: s\n"
            f"    kind: increase\n    unit: 个\n    target: {target}\n"
            f"    deadline: 2025-12-31\n    source: 原文\n{extra}")  # fmt: skip


GOALS = (
    "goals:\n"
    + goal("labs", "省实验室", "Provincial labs", 10,
           "    breakdown: {zhengzhou: 5, luoyang: 3, xinxiang: 2}\n    lead: 省科技厅\n")
    # written out of the plan's order: the table's columns still follow the plan's units
    + goal("incubators", "孵化器", "Incubators", 8, "    breakdown: {luoyang: 2, zhengzhou: 6}\n")
    + goal("scholars", "学者", "Scholars", 4, "    breakdown: {zhengzhou: 2, xinxiang: 2}\n")
    + goal("patents", "专利", "Patents", 100)  # not broken down: no row
)  # fmt: skip


def write_plan(folder: Path, text: str) -> Path:
    path = folder / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def record(plan: Path, db: Path, *args: str) -> None:
    ok("record", *args, "--plan", str(plan), "--db", str(db))


@pytest.fixture
def recorded(tmp_path: Path, db: Path) -> tuple[Path, Path]:
    plan = write_plan(tmp_path, HEAD + UNITS + GOALS)
    record(plan, db, "labs", "2", "--unit", "zhengzhou", "--date", "2022-06-30")
    record(plan, db, "labs", "+1", "--unit", "郑州", "--date", "2023-06-30")  # 2 + 1 = 3
    record(plan, db, "labs", "1", "--unit", "luoyang", "--date", "2023-06-30")
    record(plan, db, "labs", "4", "--date", "2022-12-31")  # the whole province
    record(plan, db, "labs", "5", "--date", "2023-06-30")  # ... its latest figure
    record(plan, db, "incubators", "2", "--unit", "luoyang", "--date", "2023-03-31")
    record(plan, db, "scholars", "1", "--date", "2023-06-30")  # only the whole
    record(plan, db, "patents", "40", "--date", "2023-06-30")
    return plan, db


def review(plan_file: Path, db: Path, lang: str) -> Review:
    plan = read_plan(plan_file)
    query = ReportQuery(as_of=date.fromisoformat(AS_OF), lang=lang)
    with open_ledger(db, write=False) as ledger:
        data = build_review(plan, ledger, query, None)
    return review_view(data, lang)


def table_of(plan_file: Path, db: Path, lang: str) -> UnitsTable:
    units = review(plan_file, db, lang).units
    assert units is not None
    return units


# Time elapsed as of 2023-12-31, from the baseline date (the period's start, 2021-01-01)
# to the deadline 2025-12-31: 1094 of 1825 days, f = 0.5995.
#   labs, zhengzhou: 3 of its 5 = 0.6 done; 0.6 / 0.5995 = 1.001 >= 0.95: on track
#   labs, luoyang:   1 of its 3 = 0.333;    0.333 / 0.5995 = 0.556 < 0.6: off track
#   labs, xinxiang:  no entry: no data
#   incubators, luoyang: 2 of its 2: achieved; zhengzhou (6): no entry: no data
#   scholars: no unit has a figure: both its units no data
LABS = [("3 / 5", "on_track"), ("1 / 3", "off_track"), ("- / 2", "no_data")]
INCUBATORS = [("- / 6", "no_data"), ("2 / 2", "achieved"), None]  # not over xinxiang
SCHOLARS = [("- / 2", "no_data"), None, ("- / 2", "no_data")]  # not over luoyang


def test_the_table_as_plain_data_by_hand(recorded: tuple[Path, Path]) -> None:
    table = table_of(*recorded, "en")
    assert table.units == ("zhengzhou", "luoyang", "xinxiang")  # the plan's order
    assert table.names == ("Zhengzhou", "Luoyang", "Xinxiang")
    assert [r.goal for r in table.rows] == ["labs", "incubators", "scholars"]  # no patents
    labs, incubators, scholars = table.rows
    cells = [[None if c is None else (c.text, c.status) for c in r.cells] for r in table.rows]
    assert cells == [LABS, INCUBATORS, SCHOLARS]
    assert [c.status_label for c in labs.cells if c] == ["on track", "off track", "no data"]
    # labs: roll-up 3 + 1 = 4 (xinxiang adds nothing); the whole's latest figure is 5 (of
    # 2023-06-30, not the 4 of 2022); difference 4 - 5 = -1; two of three units reported,
    # so the roll-up drives the status
    assert (labs.rollup, labs.whole, labs.difference) == ("4", "5", "-1")
    assert (labs.rollup_value, labs.whole_value, labs.difference_value) == (4, 5, -1)
    assert labs.drives == "units (2 of 3)"
    assert labs.lead == "省科技厅"
    # incubators: roll-up 0 + 2 = 2; no figure of the whole, so no difference
    assert (incubators.rollup, incubators.whole, incubators.difference) == ("2", "-", "-")
    assert incubators.drives == "units (1 of 2)" and incubators.lead == ""
    # scholars: no unit has a figure, nothing to roll up; the whole's 1 drives the status
    assert (scholars.rollup, scholars.whole, scholars.difference) == ("-", "1", "-")
    assert scholars.whole_value == 1 and scholars.rollup_value is None
    assert scholars.drives == "whole"
    assert table.leads  # labs names its lead department: the lead column is there
    assert len(table.heads) == 5


def test_the_table_speaks_chinese(recorded: tuple[Path, Path]) -> None:
    table = table_of(*recorded, "zh")
    assert table.names == ("郑州市", "洛阳市", "新乡市")
    assert table.title == "指标分解落实情况"
    labs, _, scholars = table.rows
    assert labs.title == "省实验室"
    assert [c.status_label for c in labs.cells if c] == ["进度正常", "严重滞后", "无数据"]
    assert labs.drives == "分单位合计（2/3）"  # 2 of the 3 units reported
    assert scholars.drives == "全省数"


# --------------------------------------------------------------------------- HTML


class Tables(HTMLParser):
    """The texts of the cells of the tables inside <section id="units">: per row, per
    cell, the cell's text pieces and its data-status."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = 0  # depth inside the section (0: outside)
        self.title = ""
        self.rows: list[list[tuple[list[str], str | None]]] = []
        self.cell: list[str] | None = None
        self.in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section" and a.get("id") == "units":
            self.inside = 1
        elif self.inside:
            if tag == "section":
                self.inside += 1
            elif tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []
                self.rows[-1].append((self.cell, a.get("data-status")))
            elif tag == "h2":
                self.in_h2 = True

    def handle_endtag(self, tag: str) -> None:
        if self.inside and tag == "section":
            self.inside -= 1
        elif tag in ("td", "th"):
            self.cell = None
        elif tag == "h2":
            self.in_h2 = False

    def handle_data(self, data: str) -> None:
        if self.in_h2 and self.inside:
            self.title += data
        elif self.cell is not None and data.strip():
            self.cell.append(data.strip())


def parsed(html: str) -> Tables:
    p = Tables()
    p.feed(html)
    return p


def html_review(plan: Path, db: Path, folder: Path, lang: str) -> str:
    out = folder / f"review-{lang}.html"
    ok("report", "--as-of", AS_OF, "--lang", lang, "--plan", str(plan), "--db", str(db),
       "-o", str(out))  # fmt: skip
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_html_holds_the_table(recorded: tuple[Path, Path], tmp_path: Path,
                                  lang: str) -> None:  # fmt: skip
    html = html_review(*recorded, tmp_path, lang)
    doc = parsed(html)
    words = {k: t(f"unit.word.{k}", lang) for k in ("rollup", "whole", "difference", "drives",
                                                     "lead")}  # fmt: skip
    names = ["Zhengzhou", "Luoyang", "Xinxiang"] if lang == "en" else ["郑州市", "洛阳市", "新乡市"]
    assert doc.title == ("Targets by unit" if lang == "en" else "指标分解落实情况")
    head, *rows = doc.rows
    assert [" ".join(text) for text, _ in head] == [
        "Goal" if lang == "en" else "目标", *names, *words.values()]
    assert len(rows) == 3
    labs = rows[0]
    assert labs[0][0] == (["Provincial labs"] if lang == "en" else ["省实验室"])
    # each unit's cell: its figure / its share, then its status's word, marked by code
    on, off, none = ((["on track"], ["off track"], ["no data"]) if lang == "en" else
                     (["进度正常"], ["严重滞后"], ["无数据"]))  # fmt: skip
    assert labs[1:4] == [(["3 / 5", *on], "on_track"), (["1 / 3", *off], "off_track"),
                         (["- / 2", *none], "no_data")]  # fmt: skip
    # roll-up 3 + 1 = 4, the whole's 5, difference 4 - 5 = -1, each with the goal's unit
    unit = " 个" if lang == "en" else "个"
    assert [c[0] for c in labs[4:7]] == [[f"4{unit}"], [f"5{unit}"], [f"-1{unit}"]]
    assert labs[7][0] == (["units (2 of 3)"] if lang == "en" else ["分单位合计（2/3）"])
    assert labs[8][0] == ["省科技厅"]
    incubators = rows[1]
    # not broken down over xinxiang: an empty cell, marked —, with no status
    assert incubators[3] == (["—"], None)
    assert incubators[1:3] == [(["- / 6", *none], "no_data"),
                               (["2 / 2", "achieved" if lang == "en" else "已完成"],
                                "achieved")]  # fmt: skip
    assert incubators[8][0] == []  # no lead department named
    # the contents list links to the table
    assert f'<a href="#units">{doc.title}</a>' in html


def test_many_units_are_split_over_tables_that_print_landscape(tmp_path: Path,
                                                                db: Path) -> None:  # fmt: skip
    ids = [f"u{i:02d}" for i in range(1, 19)]  # eighteen units, as Henan has cities
    units = "units:\n" + "".join(f"  {u}: {{zh: 单位{u}, en: Unit {u}}}\n" for u in ids)
    breakdown = "{" + ", ".join(f"{u}: 1" for u in ids) + "}"
    plan = write_plan(tmp_path, HEAD + units + "goals:\n" + goal(
        "labs", "省实验室", "Provincial labs", 18, f"    breakdown: {breakdown}\n"))
    record(plan, db, "labs", "1", "--unit", "u18", "--date", "2023-06-30")
    html = html_review(plan, db, tmp_path, "en")
    assert '<section id="units" class="page wide">' in html
    doc = parsed(html)
    heads = [r for r in doc.rows if r[0][0] == ["Goal"]]
    # 18 units in tables of at most 8, as even as can be: 3 tables of 6 units; the roll-up
    # and the columns after it only in the last one
    assert [len(h) for h in heads] == [1 + 6, 1 + 6, 1 + 6 + 4]
    last = doc.rows[-1]
    assert last[6] == (["1 / 1", "achieved"], "achieved")  # u18: 1 of its 1
    assert last[7][0] == ["1 个"]  # roll-up: only u18's 1


def test_a_plan_without_units_has_no_table(tmp_path: Path, db: Path) -> None:
    plan = write_plan(tmp_path, HEAD + "goals:\n" + goal("labs", "省实验室", "Labs", 10))
    record(plan, db, "labs", "3", "--date", "2023-06-30")
    view = review(plan, db, "zh")
    assert view.units is None
    html = render_review(view)
    assert 'id="units"' not in html and "table.units" not in html
    assert "指标分解" not in html and 'href="#units"' not in html
    assert parsed(html).rows == []


def test_units_without_a_broken_down_goal_have_no_table(tmp_path: Path, db: Path) -> None:
    plan = write_plan(tmp_path, HEAD + UNITS + "goals:\n" + goal("labs", "省实验室", "Labs", 10))
    record(plan, db, "labs", "3", "--date", "2023-06-30")
    view = review(plan, db, "en")
    assert view.units is None
    assert 'id="units"' not in render_review(view)


# --------------------------------------------------------------------------- workbook


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_workbook_holds_the_table(recorded: tuple[Path, Path], tmp_path: Path,
                                      lang: str) -> None:  # fmt: skip
    plan, db = recorded
    out = tmp_path / f"status-{lang}.xlsx"
    ok("export", "status", "--as-of", AS_OF, "--lang", lang, "--plan", str(plan), "--db",
       str(db), "--format", "xlsx", "-o", str(out))  # fmt: skip
    book = openpyxl.load_workbook(out)
    name = "Breakdown" if lang == "en" else "指标分解"
    assert name in book.sheetnames
    rows = [list(r) for r in book[name].iter_rows()]
    goal_word = "Goal" if lang == "en" else "目标"
    top = next(i for i, r in enumerate(rows) if r[0].value == goal_word)
    names = ["Zhengzhou", "Luoyang", "Xinxiang"] if lang == "en" else ["郑州市", "洛阳市", "新乡市"]
    words = [t(f"unit.word.{k}", lang) for k in ("rollup", "whole", "difference", "drives",
                                                  "lead")]  # fmt: skip
    assert [c.value for c in rows[top]] == [goal_word, *names, *words]
    labs, incubators, scholars = rows[top + 1: top + 4]
    # the cells as the document has them; roll-up 3 + 1 = 4, whole 5, difference 4 - 5 = -1
    # as numbers
    assert [c.value for c in labs[1:7]] == ["3 / 5", "1 / 3", "- / 2", 4, 5, -1]
    assert labs[8].value == "省科技厅"
    # each unit's cell filled in its status's colour: on track green, off track red
    fills = [c.fill.fgColor.rgb[-6:] for c in labs[1:4]]
    assert fills == ["C6EFCE", "FFC7CE", "EDEDED"]
    assert incubators[3].value == "—"  # not broken down over xinxiang
    assert [c.value for c in incubators[4:7]] == [2, None, None]  # no whole: no difference
    assert [c.value for c in scholars[4:6]] == [None, 1]  # nothing rolled up; the whole's 1


def test_a_workbook_without_units_has_no_breakdown_sheet(tmp_path: Path, db: Path) -> None:
    plan = write_plan(tmp_path, HEAD + "goals:\n" + goal("labs", "省实验室", "Labs", 10))
    record(plan, db, "labs", "3", "--date", "2023-06-30")
    out = tmp_path / "status.xlsx"
    ok("export", "status", "--as-of", AS_OF, "--plan", str(plan), "--db", str(db),
       "--format", "xlsx", "-o", str(out))  # fmt: skip
    assert openpyxl.load_workbook(out).sheetnames == ["Status", "Sources"]
