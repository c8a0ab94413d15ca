"""Paths the tests share: the checkout, the shipped plan, the sample data."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "targets.yaml"
EXAMPLES = REPO / "examples" / "henan-reported-2021-2025.csv"
BROKEN_PLANS = REPO / "tests" / "planfile" / "broken_plans"
