"""How figures read in a report: grouped, rounded to what they can mean, with units and marks."""

from __future__ import annotations

from decimal import Decimal

from plantrack.i18n import t
from plantrack.model.numbers import grouped
from plantrack.model.plan import Goal
from plantrack.model.textforms import UNSHOWABLE


def fmt_num(
    value: Decimal | float | None, lower_bound: bool = False, lang: str = "en",
    estimate: bool = False,
) -> str:  # fmt: skip
    """A recorded figure, exact, grouped; a lower bound as ``≥ 13,000`` (zh ``超过13,000``),
    an estimate as ``≈ 20,000`` (zh ``约20,000``)."""
    if value is None:
        return "-"
    text = grouped(value) if isinstance(value, Decimal) else grouped(round(value, 2))
    if lower_bound:
        return t("num.lower_bound", lang, n=text)
    if estimate:
        return t("num.estimate", lang, n=text)
    return text


def fmt_calc(value: float | None, goal: Goal) -> str:
    """A computed figure (expected, gap, pace, projection), rounded to what it can mean.

    Whole above 100; one decimal from 10 (two below 1), or as many as the
    goal's target has; trailing zeros dropped, so 5.99 labs expected shows 6.
    """
    if value is None:
        return "-"
    target_places = 0
    if goal.target is not None:
        exponent = goal.target.normalize().as_tuple().exponent
        target_places = max(0, -exponent) if isinstance(exponent, int) else 0
    size = abs(value)
    places = (0 if size >= 100 else max(1, target_places) if size >= 1
              else max(2, target_places))  # fmt: skip
    text = grouped(value, places)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def with_unit(text: str, unit: str, lang: str) -> str:
    """``6,290 家`` in English; Chinese sets no space between a number and its unit; ``%``
    always follows at once."""
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else t("num.with_unit", lang, n=text, unit=unit)


def target_text(goal: Goal, lang: str) -> str:
    """``~50`` / ``约50`` for a goal the plan gives as "about" (左右); a growth goal's rate as
    ``≥ 10%/yr`` (zh ``年均增长≥10%``)."""
    text = fmt_num(goal.target)
    if goal.kind == "growth" and goal.target is not None:
        return t("num.growth_about" if goal.approximate else "num.growth_target", lang, n=text)
    return t("num.approx_target", lang, n=text) if goal.approximate else text


def rate_text(value: float | Decimal | None, lang: str) -> str:
    """An average annual growth: ``10.0%/yr`` (zh ``年均10.0%``)."""
    return "-" if value is None else t("num.growth", lang, n=f"{float(value):.1f}")


def in_goal_terms(value: float | None, goal: Goal, what: str, lang: str) -> str:
    """A computed figure as the goal counts it. A growth goal: the gap in percentage points,
    the rates (``what`` = ``rate``) in % a year, the series' values (expected, projected)
    with their unit; any other goal: ``fmt_calc``."""
    if goal.kind != "growth" or value is None:
        return fmt_calc(value, goal)
    if what == "gap":
        return t("num.points", lang, n=f"{value:.1f}")
    if what == "rate":
        return rate_text(value, lang)
    return with_unit(fmt_calc(value, goal), goal.unit, lang)


def pct(percent: float | None) -> str:
    return "-" if percent is None else f"{percent:.0f}%"


def change_text(change: Decimal | None) -> str:
    """A change between readings: ``+3``, ``-400``, ``+0``; ``-`` where there is none."""
    return "-" if change is None else ("+" if change >= 0 else "") + grouped(change)


def shown(text: str) -> str:
    """``text`` with every character that would act on a terminal written as an escape
    (ESC as ``\\x1b``, U+202E as ``\\u202e``): what a ledger holds is shown, never run."""
    if not UNSHOWABLE.search(text):  # the common case: nothing to escape
        return text
    return UNSHOWABLE.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100
                           else f"\\u{ord(m[0]):04x}", text)  # fmt: skip
