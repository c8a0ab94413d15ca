"""The review's goal x unit table (指标分解) in a real browser: Debian's Chromium driven by
Playwright, as in test_browser.py (and, like it, required under PLANTRACK_REQUIRE_BROWSER=1).

What is checked is what a reader gets: each unit's cell drawn with its status's colour,
nothing wider than the screen, and the PDF: the table on its own page, a landscape one
when the plan has many units, and no word printed beyond the paper's edge.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support import ok

from plantrack.output.palette import STATUS_COLOURS

AS_OF = "2023-12-31"
DESKTOP, PHONE = (1280, 900), (390, 844)
HEAD = """\
plan:
  id: units-browser
  name_zh: 分解测试规划
  name_en: Breakdown test plan
  period_start: 2021-01-01
  period_end: 2025-12-31
"""


def goal(gid: str, zh: str, target: int, breakdown: str, extra: str = "") -> str:
    return (f"  - id: {gid}\n    title_zh: {zh}\n    title_en: {gid}\n    section: s\n"
            f"    kind: increase\n    unit: 个\n    target: {target}\n"
            f"    deadline: 2025-12-31\n    source: 原文\n    breakdown: {breakdown}\n{extra}")


def review(folder: Path, plan_text: str, entries: list[tuple[str, ...]], *args: str) -> Path:
    """The review of this plan on these entries (record's arguments), written by the CLI."""
    plan, db = folder / "plan.yaml", folder / "ledger.db"
    plan.write_text(plan_text, encoding="utf-8")
    for entry in entries:
        ok("record", *entry, "--plan", str(plan), "--db", str(db))
    out = folder / ("review.pdf" if "pdf" in args else "review.html")
    ok("report", "--as-of", AS_OF, "--plan", str(plan), "--db", str(db), *args, "-o", str(out))
    return out


THREE = (HEAD + "units:\n  zhengzhou: {zh: 郑州市, en: Zhengzhou}\n"
         "  luoyang: {zh: 洛阳市, en: Luoyang}\n  xinxiang: {zh: 新乡市, en: Xinxiang}\ngoals:\n"
         + goal("labs", "省实验室", 10, "{zhengzhou: 5, luoyang: 3, xinxiang: 2}",
                "    lead: 省科技厅\n")
         + goal("incubators", "孵化器", 8, "{zhengzhou: 6, luoyang: 2}"))  # fmt: skip
THREE_ENTRIES = [("labs", "3", "--unit", "zhengzhou", "--date", "2023-06-30"),
                 ("labs", "1", "--unit", "luoyang", "--date", "2023-06-30"),
                 ("labs", "5", "--date", "2023-06-30"),
                 ("incubators", "2", "--unit", "luoyang", "--date", "2023-03-31")]  # fmt: skip
# Eighteen units, as Henan has cities: more than a portrait page takes.
IDS = [f"u{i:02d}" for i in range(1, 19)]
MANY = (HEAD + "units:\n" + "".join(f"  {u}: {{zh: 第{u}市, en: City {u}}}\n" for u in IDS)
        + "goals:\n" + goal("labs", "省实验室", 36, "{" + ", ".join(f"{u}: 2" for u in IDS) + "}",
                            "    lead: 省科技厅\n"))  # fmt: skip
MANY_ENTRIES = [("labs", "2", "--unit", u, "--date", "2023-06-30") for u in IDS[::3]]


def rgb(colour: str) -> str:
    """``#2e7d32`` as the browser's computed style writes it: ``rgb(46, 125, 50)``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_unit_cell_is_drawn_in_its_status_colour(browser: Any, tmp_path: Path,
                                                      lang: str) -> None:  # fmt: skip
    path = review(tmp_path, THREE, THREE_ENTRIES, "--lang", lang)
    for width, height in (DESKTOP, PHONE):
        context = browser.new_context(viewport={"width": width, "height": height})
        try:
            page = context.new_page()
            page.goto(path.as_uri())
            cells = page.eval_on_selector_all(
                "#units td[data-status]", "tds => tds.map(td => { const b = "
                "td.querySelector('.badge'); const r = b.getBoundingClientRect(); return "
                "[td.closest('tr').dataset.goal, td.dataset.unit, td.dataset.status, "
                "getComputedStyle(b).backgroundColor, r.width > 0 && r.height > 0]; })")
            # labs 3 of 5 (0.6 done by 0.5995 of the time: on track), 1 of 3 (0.556: off
            # track), xinxiang nothing (no data); incubators zhengzhou nothing, luoyang 2 of 2
            assert [(g, u, s) for g, u, s, _, _ in cells] == [
                ("labs", "zhengzhou", "on_track"), ("labs", "luoyang", "off_track"),
                ("labs", "xinxiang", "no_data"), ("incubators", "zhengzhou", "no_data"),
                ("incubators", "luoyang", "achieved")]  # fmt: skip
            assert all(drawn for *_, drawn in cells)
            assert [c for _, _, _, c, _ in cells] == [rgb(STATUS_COLOURS[s]) for _, _, s, _, _
                                                      in cells]  # fmt: skip
            # nothing wider than the screen: the table scrolls inside its own box
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{overflow}px wider than the {width}px screen"
        finally:
            context.close()


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    return [(float(w), float(h)) for w, h in
            re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]  # fmt: skip


def words_on(pdf: Path, n: int) -> list[tuple[str, float]]:
    """The words of page ``n`` with the right edge of each (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(n), "-l", str(n), str(pdf), "-"],
                         check=True, capture_output=True, text=True).stdout  # fmt: skip
    return [(word, float(x)) for x, word in re.findall(r'<word [^>]*xMax="([\d.]+)"[^>]*>([^<]*)'
                                                       r"</word>", out)]  # fmt: skip


def units_page(pdf: Path, title: str) -> int:
    pages = len(page_sizes(pdf))
    found = [n for n in range(1, pages + 1) if [w for w, _ in words_on(pdf, n)][:1] == [title]]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("plan,entries,landscape", [(THREE, THREE_ENTRIES, False),
                                                    (MANY, MANY_ENTRIES, True)],
                         ids=["three-units", "eighteen-units"])  # fmt: skip
def test_the_pdf_prints_the_table_within_the_paper(browser: Any, tmp_path: Path, plan: str,
                                                   entries: list, landscape: bool) -> None:
    pdf = review(tmp_path, plan, entries, "--lang", "zh", "-f", "pdf")
    sizes = page_sizes(pdf)
    n = units_page(pdf, "指标分解落实情况")  # the table opens a page of its own
    width, height = sizes[n - 1]
    assert (width > height) is landscape, sizes[n - 1]
    # every other page stays portrait A4
    assert all(w < h for i, (w, h) in enumerate(sizes, 1) if i != n), sizes
    words = words_on(pdf, n)
    text = " ".join(w for w, _ in words)
    if landscape:
        # every sixth unit from u01 recorded 2 of its 2 (achieved); roll-up 6 x 2 = 12
        assert text.count("2 / 2") == 6 and text.count("- / 2") == 12
        assert "12个" in text and "第u18市" in text
    else:
        assert "3 / 5" in text and "1 / 3" in text and "分单位合计（2/3）" in text
        assert "4个" in text and "-1个" in text  # roll-up 3 + 1, difference 4 - 5
    # the last column is there, and no word runs into the right margin (14 mm, the print
    # CSS's): a table wider than the page would be cut off there
    assert "省科技厅" in text
    edge = width - 14 / 25.4 * 72 + 1
    assert max(x for _, x in words) <= edge, [w for w, x in words if x > edge]
