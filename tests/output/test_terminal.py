"""Terminal rendering: golden files of status, gaps and show, and the layout rules.

The reports are built from the shipped plan and the published sample data
(examples/henan-reported-2021-2025.csv) as of 2025-12-31 (the final review)
and 2023-12-31 (a mid-term review), rendered by the pure functions of
plantrack.output.terminal into Console(file=io.StringIO(), width=W, color_system=None)
at 80 and 120 columns, in English and Chinese, and compared whole with
tests/output/golden/*.txt.

After an intended change of the output, regenerate the golden files with

    PLANTRACK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest -q tests/output/test_terminal.py

and read every changed file (git diff tests/output/golden) before committing: Chinese
columns aligned, nothing cut, every number whole.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console, RenderableType
from support import EXAMPLES, PLAN

from plantrack.i18n import t
from plantrack.inputs.rows import RowReader
from plantrack.ledger import open_ledger
from plantrack.model.entries import Entry, NewEntry
from plantrack.model.plan import Plan
from plantrack.output import terminal
from plantrack.output.textlayout import clip_lines, wrap_cells
from plantrack.planfile import load_plan
from plantrack.reports import goalviews, views
from plantrack.reports.analysis import analyze
from plantrack.reports.build import Report, make_report
from plantrack.reports.query import ReportQuery

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("PLANTRACK_UPDATE_GOLDEN"))
FINAL, MID_TERM = date(2025, 12, 31), date(2023, 12, 31)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory, plan: Plan) -> Path:
    """The published figures, imported once for the module."""
    path = tmp_path_factory.mktemp("ledger") / "sample.db"
    stamp = "2026-03-01T00:00:00.000000Z"
    with EXAMPLES.open(encoding="utf-8-sig", newline="") as stream:
        reader = RowReader(stream, str(EXAMPLES), plan, fmt="csv", today=date(2026, 3, 1))
        with open_ledger(path, write=True) as ledger:
            assert ledger.add(plan.id, reader, by="test", at=stamp).added > 40
    return path


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("empty") / "empty.db"
    with open_ledger(path, write=True):  # a new ledger, nothing recorded
        pass
    return path


def report(plan: Plan, db: Path, as_of: date, order: str = "plan") -> Report:
    """The report the CLI builds: plan order for status, worst first for gaps."""
    with open_ledger(db, write=False) as ledger:
        figures = ledger.figures(plan.id, as_of, None, [g.id for g in plan.goals])
    return make_report(plan, plan.goals, figures, ReportQuery(as_of, sort=order))


def status_view(report: Report, lang: str) -> RenderableType:
    return terminal.render_status(views.status_view(report, lang), lang)


def gaps_view(report: Report, lang: str) -> RenderableType:
    return terminal.render_gaps(views.gaps_view(report, lang), lang)


def show_view(result: object, entries: list[Entry], lang: str) -> RenderableType:
    return terminal.render_goal(goalviews.goal_view(result, entries, lang), lang)  # type: ignore[arg-type]


def history_table(plan: Plan, entries: list[Entry], lang: str) -> RenderableType:
    return terminal.render_history(goalviews.history(plan, entries, lang))


def goals_table(plan: Plan, goals: object, lang: str) -> RenderableType:
    return terminal.render_goal_list(views.goal_list(plan, goals, lang), lang)  # type: ignore[arg-type]


def show(plan: Plan, db: Path, goal: str, as_of: date, lang: str) -> RenderableType:
    g = plan.goal(goal)
    with open_ledger(db, write=False) as ledger:
        figures = ledger.figures(plan.id, as_of, None, [goal]).get(goal)
        entries = ledger.entries(plan.id, goal)
    return show_view(analyze(g, figures, as_of), entries, lang)


def render(renderable: RenderableType, width: int) -> str:
    """As the CLI prints it (terminal.drawn): no blanks at the ends of lines."""
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    text = terminal.drawn(console, renderable)
    assert not any(line.endswith(" ") for line in text.split("\n")), "a line ends in a blank"
    return text


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} is missing: run with PLANTRACK_UPDATE_GOLDEN=1 and review it"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"output differs from {path.name} (see the module docstring)"


def lines(text: str) -> Iterator[str]:
    yield from text.rstrip("\n").split("\n")


# --------------------------------------------------------------------------- golden files

LANGS, WIDTHS = ("en", "zh"), (80, 120)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("review", "as_of"), [("final", FINAL), ("midterm", MID_TERM)])
def test_status_golden(
    plan: Plan, sample_db: Path, review: str, as_of: date, width: int, lang: str
) -> None:
    text = render(status_view(report(plan, sample_db, as_of), lang), width)
    check_golden(f"status-{review}-{lang}-{width}.txt", text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("review", "as_of"), [("final", FINAL), ("midterm", MID_TERM)])
def test_gaps_golden(
    plan: Plan, sample_db: Path, review: str, as_of: date, width: int, lang: str
) -> None:
    text = render(gaps_view(report(plan, sample_db, as_of, "status"), lang), width)
    check_golden(f"gaps-{review}-{lang}-{width}.txt", text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", WIDTHS)
def test_show_golden(plan: Plan, sample_db: Path, width: int, lang: str) -> None:
    # The stock goal: stock readings, the 6,310 baseline, lower bounds, a note, a fall.
    text = render(show(plan, sample_db, "high-tech-enterprises", FINAL, lang), width)
    check_golden(f"show-high-tech-enterprises-final-{lang}-{width}.txt", text)


@pytest.mark.parametrize("lang", LANGS)
def test_show_midterm_golden(plan: Plan, sample_db: Path, lang: str) -> None:
    # An approximate goal (tolerance band), an increment, entries after the as-of date.
    text = render(show(plan, sample_db, "pilot-bases", MID_TERM, lang), 80)
    check_golden(f"show-pilot-bases-midterm-{lang}-80.txt", text)


@pytest.mark.parametrize("lang", LANGS)
def test_empty_ledger_golden(plan: Plan, empty_db: Path, lang: str) -> None:
    rep = report(plan, empty_db, FINAL)
    assert {r.status for r in rep.results} == {"no_data"}
    text = render(status_view(rep, lang), 80)
    check_golden(f"status-empty-{lang}-80.txt", text)


# --------------------------------------------------------------------------- layout rules


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
def test_no_line_is_wider_than_the_terminal(
    plan: Plan, sample_db: Path, width: int, lang: str
) -> None:
    views = [
        status_view(report(plan, sample_db, FINAL), lang),
        status_view(report(plan, sample_db, MID_TERM), lang),
        gaps_view(report(plan, sample_db, MID_TERM, "status"), lang),
        gaps_view(report(plan, sample_db, FINAL, "status"), lang),
        show(plan, sample_db, "high-tech-enterprises", FINAL, lang),
        show(plan, sample_db, "pilot-bases", MID_TERM, lang),
    ]
    for view in views:
        for line in lines(render(view, width)):
            assert cell_len(line) <= width, line


# Figures from the published data, worked out by hand (not read back from the code):
# high-tech enterprises: stock 12,600 at the end of 2025 - baseline stock 6,310 = 6,290 of
# 10,000; provincial labs: 20 of 10; tech SMEs: "more than 30,000" - 10,000 = more than
# 20,000; engineering research centres: "more than 161" of 1,500. Mid-term (end 2023):
# high-tech enterprises "more than 10,000" - 6,310 = more than 3,690; provincial labs 16.
FINAL_ROWS = {
    "en": ["6,290 / 10,000 家", "20 / 10 个", "≈ 20,000 / 10,000 家", "≥ 161 / 1,500 家"],
    "zh": ["6,290 / 10,000家", "20 / 10个", "约20,000 / 10,000家", "超过161 / 1,500家"],
}
MID_TERM_ROWS = {
    "en": ["≥ 3,690 / 10,000 家", "16 / 10 个"],
    "zh": ["超过3,690 / 10,000家", "16 / 10个"],
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [60, 80, 120])
def test_numbers_in_goal_rows_are_whole(
    plan: Plan, sample_db: Path, width: int, lang: str
) -> None:
    final = render(status_view(report(plan, sample_db, FINAL), lang), width)
    for cell in FINAL_ROWS[lang]:
        assert cell in final
    mid = render(status_view(report(plan, sample_db, MID_TERM), lang), width)
    for cell in MID_TERM_ROWS[lang]:
        assert cell in mid
    # Expected by now, end 2023, linear from 0 at 2020-12-31 to 10,000 at 2025-12-31:
    # 10,000 x 1,095 / 1,826 days = 5,996.7, shown whole.
    assert re.search(r"\b5,997\b", mid)
    # Gaps: 10,000 - 6,290 = 3,710 still to go; 1,500 - 161 = 1,339.
    gaps = render(gaps_view(report(plan, sample_db, FINAL, "status"), lang), width)
    unit = "家" if lang == "zh" else " 家"  # Chinese sets no space before a unit
    assert f"3,710{unit}" in gaps and f"1,339{unit}" in gaps


def test_the_80_column_english_status_has_whole_numbers(plan: Plan, sample_db: Path) -> None:
    text = render(status_view(report(plan, sample_db, FINAL), "en"), 80)
    assert "10,000" in text and "6,290" in text
    assert not re.search(r"\d…|…\d", text)  # an ellipsis never cuts a number


def test_chinese_status_has_chinese_headers_and_status_words(
    plan: Plan, sample_db: Path
) -> None:
    text = render(status_view(report(plan, sample_db, MID_TERM), "zh"), 80)
    for word in ("目标", "当前 / 目标", "进度", "应达", "状态", "里程碑", "监测指标", "汇总",
                 "已完成", "进度正常", "滞后", "严重滞后", "无数据", "中期评估"):  # fmt: skip
        assert word in text, word
    for word in ("Goal", "Status", "achieved", "behind", "no data", "review"):
        assert word not in text, word


@pytest.mark.parametrize(("as_of", "en", "zh"), [
    (FINAL, "Final review as of 2025-12-31", "期末总结"),
    (MID_TERM, "Mid-term review as of 2023-12-31", "中期评估"),
])  # fmt: skip
def test_every_report_states_its_kind_and_method(
    plan: Plan, sample_db: Path, as_of: date, en: str, zh: str
) -> None:
    for view in (status_view, gaps_view):
        text_en = render(view(report(plan, sample_db, as_of), "en"), 120)
        assert en in text_en and "Method: each goal's own method" in text_en
        text_zh = render(view(report(plan, sample_db, as_of), "zh"), 120)
        assert zh in text_zh and "方法：按各目标设定的方法" in text_zh


def test_summary_counts_every_goal(plan: Plan, sample_db: Path) -> None:
    rep = report(plan, sample_db, FINAL)
    text = render(status_view(rep, "en"), 120)
    counts = {s: sum(r.status == s for r in rep.results) for s in ("achieved", "missed")}
    line = next(x for x in lines(text) if x.startswith("whole plan"))
    assert f"{len(plan.goals)} goals: {counts['achieved']} achieved" in line
    assert f"{counts['missed']} missed" in line


def test_show_marks_voided_entries_and_lower_bounds(plan: Plan, tmp_path: Path) -> None:
    db = tmp_path / "v.db"
    stamp = "2024-01-01T00:00:00.000000Z"
    with open_ledger(db, write=True) as ledger:
        ledger.add(plan.id, [
            NewEntry(id="e1", goal="provincial-labs", date=date(2022, 12, 31), kind="total",
                     value=Decimal(9), source="Report A"),
            NewEntry(id="e2", goal="provincial-labs", date=date(2023, 6, 30), kind="total",
                     value=Decimal(13), bound="lower", source="Report B"),
        ], by="t", at=stamp)  # fmt: skip
        ledger.void(plan.id, "e1", "wrong year", "t", stamp)
    en = render(show(plan, db, "provincial-labs", MID_TERM, "en"), 80)
    voided = next(x for x in lines(en) if "e1" in x)
    assert voided.startswith("2022-12-31") and "[voided: wrong year]" in en
    assert "≥ 13" in en and "[1] Report A" in en and "[2] Report B" in en
    zh = render(show(plan, db, "provincial-labs", MID_TERM, "zh"), 80)
    assert "[已作废：wrong year]" in zh and "超过13" in zh


def test_no_color_means_no_escape_codes(tmp_path: Path, env_path: dict[str, str]) -> None:
    # FORCE_COLOR makes Rich treat the pipe as a terminal; NO_COLOR must still win.
    env = {**env_path, "FORCE_COLOR": "1", "TERM": "xterm-256color",
           "PLANTRACK_DB": str(tmp_path / "x.db")}  # fmt: skip
    subprocess.run([sys.executable, "-m", "plantrack", "note", "national-lab", "talks",
                    "--date", "2022-01-01"], env=env, check=True, capture_output=True)
    cmd = [sys.executable, "-m", "plantrack", "status", "--as-of", "2023-12-31"]
    env.pop("NO_COLOR", None)
    coloured = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    assert "\x1b[" in coloured.stdout  # the control: a terminal gets colours
    plain = subprocess.run(cmd, env={**env, "NO_COLOR": "1"}, capture_output=True, text=True,
                           check=True)  # fmt: skip
    assert "\x1b" not in plain.stdout
    assert "no data" in plain.stdout


# --------------------------------------------------------------------------- wrapping


@given(st.text(alphabet=st.sampled_from("ab 中文,、。()-“”x1"), max_size=60),
       st.integers(min_value=2, max_value=30))  # fmt: skip
def test_wrap_fits_the_width_and_keeps_every_character(text: str, width: int) -> None:
    wrapped = wrap_cells(text, width)
    assert all(cell_len(line) <= width for line in wrapped)
    assert "".join(wrapped).replace(" ", "") == text.replace(" ", "")


@given(st.text(alphabet=st.sampled_from("ab 中文,、。()x"), max_size=80),
       st.integers(min_value=3, max_value=30), st.integers(min_value=1, max_value=3))  # fmt: skip
def test_clip_keeps_to_its_lines(text: str, width: int, max_lines: int) -> None:
    clipped = clip_lines(text, width, max_lines).split("\n")
    assert len(clipped) <= max_lines
    assert all(cell_len(line) <= width for line in clipped)


def test_chinese_wrap_keeps_punctuation_off_the_line_start() -> None:
    # 12 cells a line: 6 characters; "、" goes with the character before it.
    assert wrap_cells("建设示范作用大、辐射带动", 12) == ["建设示范作用", "大、辐射带动"]
    assert wrap_cells("Pilot-scale (中试) bases", 12) == ["Pilot-scale", "(中试) bases"]


def test_clip_balances_lines_and_marks_a_cut() -> None:
    assert clip_lines("Net increase in high-tech enterprises", 30, 2) == (
        "Net increase in\nhigh-tech enterprises")  # balanced, not 28 + 9
    assert clip_lines("布局建设工程(技术)研究中心", 24, 2) == "布局建设工程\n(技术)研究中心"
    cut = clip_lines("Every large and medium industrial firm has a provincial-or-higher R&D "
                     "institution", 30, 2)  # fmt: skip
    assert cut == "Every large and medium\nindustrial firm has a…"  # cut between words


STATUS_WORDS = ("已完成", "进度正常", "严重滞后", "滞后", "无数据")


@pytest.mark.parametrize("width", WIDTHS)
def test_chinese_rows_line_up(plan: Plan, sample_db: Path, width: int) -> None:
    # Rich counts a Chinese character as two cells; if it did not, the status words of
    # rows with longer Chinese titles would start further right.
    text = render(status_view(report(plan, sample_db, MID_TERM), "zh"), width)
    table = text[text.index("量化目标"):text.index("里程碑")]
    starts = set()
    for line in lines(table):
        word = next((w for w in STATUS_WORDS if w in line), None)
        if word and " / " in line:
            starts.add(cell_len(line[: line.index(word)]))
    assert len(starts) == 1, starts


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [60, 80, 120])
def test_history_and_goals_fit_and_keep_ids_whole(
    plan: Plan, sample_db: Path, width: int, lang: str
) -> None:
    with open_ledger(sample_db, write=False) as ledger:
        entries = ledger.entries(plan.id)
    history = render(history_table(plan, entries, lang), width)
    goals = render(goals_table(plan, plan.goals, lang), width)
    for text in (history, goals):
        assert all(cell_len(line) <= width for line in lines(text))
    # Ids are what commands take: never folded. The end-2025 stock and the lower bound
    # published as 突破1.3万家 are shown as recorded.
    assert "henan-pub-006-2022-12-31-bluebook" in history
    assert "12,600" in history and ("超过13,000" if lang == "zh" else "≥ 13,000") in history
    for g in plan.goals:
        assert re.search(rf"(^|\s){re.escape(g.id)}(\s|$)", goals, re.M), g.id


@pytest.mark.parametrize("lang", LANGS)
def test_narrow_goal_lists_keep_about_and_stretch(plan: Plan, lang: str) -> None:
    # At 80 columns the Flags column stays (Section and Deadline go first); narrower, the
    # target itself keeps "about": ~+5 (zh 约+5).
    about = [g for g in plan.goals if g.approximate]
    assert about
    word = t("word.approx", lang)
    at_80 = render(goals_table(plan, plan.goals, lang), 80)
    header = next(line for line in lines(at_80) if t("word.id", lang) in line)
    assert header.rstrip().endswith(t("word.flags", lang))
    assert sum(word in line for line in lines(at_80)) == len(about)
    at_60 = render(goals_table(plan, plan.goals, lang), 60)
    mark = t("num.approx_target", lang, n="+")
    assert sum(mark in line for line in lines(at_60)) == len(about)


def test_text_from_the_ledger_never_drives_the_terminal(plan: Plan) -> None:
    # F13: a note that would set the window title and clear the screen, and a
    # right-to-left override, are shown as escapes; a tab is a space (a tab stop
    # could push a wrapped line past the width); each line keeps its own style.
    def entry(seq: int, note: str, source: str | None = None) -> Entry:
        return Entry(
            id=f"e{seq}", goal="provincial-labs", date=date(2022, seq, 1), kind="increment",
            value=Decimal(1), note=note, source=source, seq=seq, recorded_by="t\x1b[31m",
            recorded_at="2022-01-01T00:00:00.000000Z",
        )  # fmt: skip

    attack = "\x1b]0;TITLE\x07\x1b[2J"
    entries = [entry(1, f"a{attack}b\tc", "src\u202eevil"), entry(2, "plain")]
    for view in (history_table(plan, entries, "en"),
                 show_view(analyze(plan.goal("provincial-labs"), None, MID_TERM), entries, "en")):
        console = Console(file=io.StringIO(), width=80, color_system="truecolor",
                          force_terminal=True)  # fmt: skip
        console.print(view)
        out = console.file.getvalue()  # type: ignore[attr-defined]
        assert "\x1b]" not in out and "\x07" not in out and "\u202e" not in out
        assert "a\\x1b]0;TITLE\\x07\\x1b[2Jb c" in out  # shown, escaped; the tab a space
        assert "src\\u202eevil" in out
    history = Console(file=io.StringIO(), width=80, color_system="truecolor", force_terminal=True)
    history.print(history_table(plan, entries, "en"))
    out = history.file.getvalue()  # type: ignore[attr-defined]
    for seq in (1, 2):  # each entry's id line is dim, exactly its own text
        assert f"\x1b[2m    entry e{seq} · recorded 2022-01-01 00:00 UTC\x1b[0m\n" in out


def test_wrap_cells_always_moves_on() -> None:

    # A two-cell character cannot fit a one-cell line: it gets a line of its own
    # instead of looping for ever.
    assert wrap_cells("建设省实验室", 1) == ["建", "设", "省", "实", "验", "室"]
    assert wrap_cells("ab建", 1) == ["a", "b", "建"]


def test_a_tiny_terminal_still_gets_a_report(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from plantrack.cli import app

    monkeypatch.setenv("COLUMNS", "1")
    CliRunner().invoke(app, ["note", "national-lab", "talks", "--date", "2022-01-01"])
    result = CliRunner().invoke(app, ["status", "--as-of", "2023-12-31", "--lang", "zh"])
    assert result.exit_code == 0, result.stderr
    assert max(len(x) for x in result.stdout.splitlines()) <= 40
