"""The shipped sample data: the plan's published progress, imported and reported faithfully."""

from __future__ import annotations

import csv
import json
import re

from support import EXAMPLES, REPO
from typer.testing import CliRunner

from plantrack.cli import app

# The research table the sample CSV was made from, kept beside it.
DATA = REPO / "examples" / "henan-reported-progress.md"
runner = CliRunner()


def published_rows() -> list[list[str]]:
    """Table rows of the research file that are published figures (not DERIVED, not 'no figure')."""
    text = DATA.read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith(("| goal#", "|---")):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if cells[1] == "DERIVED" or "no figure found" in cells[2]:
            continue
        rows.append(cells)
    return rows


def csv_rows() -> list[dict[str, str]]:
    with EXAMPLES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_published_figure_is_in_the_csv_with_its_source() -> None:
    rows = csv_rows()
    assert all(r["source"].strip() for r in rows)
    published = published_rows()
    assert len(rows) == len(published)  # one entry per published figure
    notes = "\n".join(r["note"] for r in rows)
    for cells in published:
        quote = cells[4].strip()
        if quote in ("—", ""):
            continue
        fragment = re.sub(r'^["“]', "", quote)[:10]
        assert fragment in notes, f"quote not in the CSV: {fragment!r} ({cells[0]}, {cells[1]})"


def test_imports_cleanly_and_twice_adds_nothing() -> None:
    first = runner.invoke(app, ["import", str(EXAMPLES)])
    assert first.exit_code == 0, first.stderr
    assert first.stderr == ""  # no warnings
    n = len(csv_rows())
    assert f"{n} added, 0 already recorded" in first.stdout
    second = runner.invoke(app, ["import", str(EXAMPLES)])
    assert second.exit_code == 0
    assert f"0 added, {n} already recorded" in second.stdout


def final_review() -> dict[str, dict]:  # type: ignore[type-arg]
    runner.invoke(app, ["import", str(EXAMPLES)])
    r = runner.invoke(app, ["status", "--as-of", "2025-12-31", "--json"])
    assert r.exit_code == 0, r.stderr
    return {g["id"]: g for g in json.loads(r.stdout)["goals"]}


def test_final_review_on_real_data() -> None:
    goals = final_review()
    # Provincial laboratories: 20 published (2024-05-09) against a target of 10.
    labs = goals["provincial-labs"]
    assert (labs["current"], labs["target"], labs["status"]) == (20, 10, "achieved")
    # High-tech enterprises: stock 12,600 at the end of the period, baseline stock 6,310:
    # increase 12,600 - 6,310 = 6,290 of 10,000 -> not achieved (missed at the period end).
    hte = goals["high-tech-enterprises"]
    assert hte["reading"] == 12600
    assert hte["current"] == 6290
    assert hte["baseline_stock"] == 6310
    assert hte["status"] == "missed"
    assert hte["lower_bound"] is False  # the latest figure (1.26万) is exact
    # Tech SMEs: latest ">30,000" (突破3万家) minus the end-2020 ">10,000" (突破1万家):
    # 30,000 - 10,000 = 20,000, but both are "more than", so the difference is neither
    # a lower bound nor exact: an estimate.
    smes = goals["tech-smes"]
    assert smes["lower_bound"] is False
    assert smes["estimate"] is True
    assert smes["current"] == 20000
    # Goals with no published figure stay no_data, not missed.
    assert goals["provincial-tech-innovation-centres"]["status"] == "no_data"


def test_show_lists_stock_readings_baseline_and_every_source() -> None:
    runner.invoke(app, ["import", str(EXAMPLES)])
    r = runner.invoke(
        app, ["show", "high-tech-enterprises", "--as-of", "2025-12-31"], env={"COLUMNS": "200"}
    )
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    for figure in ("6,310", "12,000", "≥ 13,000", "12,600", "6,290"):
        assert figure in out, figure
    sources = {row["source"] for row in csv_rows() if row["goal"] == "high-tech-enterprises"}
    flat = " ".join(out.split())
    for s in sources:
        assert " ".join(s.split()) in flat, s


def test_lower_bounds_are_marked_in_both_languages() -> None:
    runner.invoke(app, ["import", str(EXAMPLES)])
    en = runner.invoke(
        app, ["status", "--as-of", "2025-12-31", "--lang", "en"], env={"COLUMNS": "160"}
    ).stdout
    zh = runner.invoke(
        app, ["status", "--as-of", "2025-12-31", "--lang", "zh"], env={"COLUMNS": "160"}
    ).stdout
    assert "≥ 161 / 1,500" in en  # engineering research centres: "at least 161" (lower bound)
    assert "超过161 / 1,500" in zh
    assert "≈ 20,000" in en  # tech SMEs: an estimate from two lower bounds
    assert "约20,000" in zh
