"""The hand-written SVG charts: axis values, escaping, geometry for extreme values."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from plantrack.model.plan import Goal
from plantrack.output.svg import chart_file, escape_text, nice_ticks, tick_label
from plantrack.reports.goalviews import ChartSeries

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
    assert ticks[0] <= lo and ticks[-1] >= hi - abs(hi) * 1e-12
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
