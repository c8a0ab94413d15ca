"""The hand-written SVG charts: axis values, escaping, geometry for extreme values, and
golden files of a goal's chart and the summary chart of the final review."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import EXAMPLES, PLAN

from plantrack.inputs.rows import RowReader
from plantrack.ledger import open_ledger
from plantrack.model.plan import Goal
from plantrack.output.svg import chart_file, escape_text, nice_ticks, summary_chart, tick_label
from plantrack.planfile import load_plan
from plantrack.reports.build import ReviewData, build_review
from plantrack.reports.goalviews import ChartSeries
from plantrack.reports.query import ReportQuery
from plantrack.reports.review import review_view

SVG = "{http://www.w3.org/2000/svg}"


def goal(**kw: object) -> Goal:
    base = dict(id="g", title_zh="目标", title_en="Goal", section="s", kind="level", unit="点",
                target=Decimal(102), deadline=date(2025, 12, 31), baseline=Decimal(100),
                baseline_date=date(2021, 1, 1), baseline_stock=None, direction="up",
                approximate=False, tolerance=Decimal(0), stretch=False, method=None,
                source="")  # fmt: skip
    base.update(kw)
    return Goal(**base)  # type: ignore[arg-type]


def series(g: Goal, values: list[str], start: float, end: float) -> ChartSeries:
    days = [date(2022 + i, 6, 30) for i in range(len(values))]
    exact = tuple(Decimal(v) for v in values)
    return ChartSeries(g, g.baseline_date, date(2025, 12, 31), start, end,
                       tuple((d, float(v), False) for d, v in zip(days, exact, strict=True)),
                       "", date(2025, 12, 31), None, False, exact)  # fmt: skip


def test_nice_ticks_by_hand() -> None:
    # 100..102 in about 5 steps: raw step 0.5 -> 0.5; from 100 to 102.
    assert nice_ticks(100, 102) == [100, 100.5, 101, 101.5, 102]
    # 0..13,000: raw step 3,250 -> 5,000: 0, 5,000, 10,000, 15,000.
    assert nice_ticks(0, 13_000) == [0, 5_000, 10_000, 15_000]
    # a flat line (lo == hi == 7): widened to 7..14, raw 1.75 -> 2: from 6.
    assert nice_ticks(7, 7) == [6, 8, 10, 12, 14]


def test_tick_labels_have_the_decimals_their_step_needs() -> None:
    ticks = nice_ticks(99, 100)  # raw step 0.25 -> 0.25
    # every label with the same two places, as an axis reads (not 99, 99.2, 99.5, 99.8)
    assert [tick_label(v, ticks) for v in ticks] == ["99.00", "99.25", "99.50", "99.75",
                                                     "100.00"]  # fmt: skip
    big = nice_ticks(0, 1.2e13)
    assert tick_label(big[-1], big) == "15,000,000,000,000"


# Ledger values have at most 4 decimal places and fewer than 15 digits before the point.
FOUR_PLACES = st.integers(-(10**18), 10**18).map(lambda n: n / 10_000)


@given(FOUR_PLACES, st.one_of(st.just(0.0), st.floats(1e-4, 1e14)))
def test_nice_ticks_cover_the_range_in_a_few_round_steps(lo: float, span: float) -> None:
    hi = lo + span
    ticks = nice_ticks(lo, hi)
    slack = max(abs(lo), abs(hi)) * 1e-12  # ticks are rounded to 10 places: float noise
    assert ticks[0] <= lo + slack and ticks[-1] >= hi - slack
    assert 2 <= len(ticks) <= 12


def test_values_in_the_data_are_exact_and_labels_are_not_cut() -> None:
    g = goal(target=Decimal("20000000000000"), baseline=Decimal(0), unit="元")
    s = series(g, ["12345678901234.5678"], 0.0, 2e13)
    root = ET.fromstring(chart_file(s, "Huge", "en").split("\n", 1)[1])
    point = next(e for e in root.iter(f"{SVG}circle") if e.get("data-value"))
    # the decimal as recorded, not its float (which would read 12345678901234.568)
    assert point.get("data-value") == "12345678901234.5678"
    labels = [e for e in root.iter(f"{SVG}text") if e.get("class") == "ylabel"]
    # the plot's left edge moved right so the longest label ("20,000,000,000,000") fits
    left = min(float(e.get("x1", 0)) for e in root.iter(f"{SVG}line")
               if e.get("class") == "grid")  # fmt: skip
    longest = max(len(e.text or "") for e in labels)
    assert longest == len("20,000,000,000,000") and left > 64


def test_text_that_xml_cannot_hold_is_replaced_not_written() -> None:
    assert escape_text("a\uffffb\x01<c>&") == "a\ufffdb\ufffd&lt;c&gt;&amp;"
    s = series(goal(), ["101"], 100.0, 102.0)
    drawn = chart_file(s, "Goal \uffff end <x>", "en")
    ET.fromstring(drawn.split("\n", 1)[1])  # well-formed XML
    assert "\uffff" not in drawn


# --------------------------------------------------------------------------- golden files

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("PLANTRACK_UPDATE_GOLDEN"))


def check_golden(name: str, text: str) -> None:
    """As tests/output/test_terminal.py: PLANTRACK_UPDATE_GOLDEN=1 rewrites the file; read
    the SVG (open it in a browser) before committing it."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"{path} is missing: run with PLANTRACK_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_bytes().decode("utf-8"), f"output differs from {path.name}"


@pytest.fixture(scope="module")
def final_review(tmp_path_factory: pytest.TempPathFactory) -> ReviewData:
    """The final review's data on the published figures (ledger named '', for the files)."""
    plan = load_plan(PLAN)
    path = tmp_path_factory.mktemp("svg") / "sample.db"
    with EXAMPLES.open(encoding="utf-8-sig", newline="") as stream:
        reader = RowReader(stream, str(EXAMPLES), plan, fmt="csv", today=date(2026, 3, 1))
        with open_ledger(path, write=True) as ledger:
            ledger.add(plan.id, reader, by="test", at="2026-03-01T00:00:00.000000Z")
    with open_ledger(path, write=False) as ledger:
        data = build_review(plan, ledger, ReportQuery(date(2025, 12, 31)), None)
    return replace(data, report=replace(data.report, ledger=""))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_golden_goal_chart_and_summary_chart(final_review: ReviewData, lang: str) -> None:
    review = review_view(final_review, lang)
    smes = next(g for g in review.goals if g.id == "tech-smes").view
    assert smes.chart is not None
    check_golden(f"chart-tech-smes-final-{lang}.svg", chart_file(smes.chart, smes.title, lang))
    check_golden(f"summary-final-{lang}.svg", summary_chart(review.summary, lang) + "\n")
