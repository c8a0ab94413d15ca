"""The review document in a real browser: Debian's Chromium driven by Playwright.

What is checked is what a reader gets: the page as Chromium lays it out at desktop
and phone widths, the figures on the charts against ``status --json``, the PDF that
``report --format pdf`` prints (pages, Chinese text, embedded fonts), and a goal's
chart as a PNG. Under PLANTRACK_REQUIRE_BROWSER=1 (set by .ci/run) a test here that
is skipped fails instead.
"""

from __future__ import annotations

import io
import json
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageStat
from support import EXAMPLES, ok

AS_OF = "2025-12-31"
DESKTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The final review of the shipped plan on the published figures, both languages."""
    folder = tmp_path_factory.mktemp("browser")
    db = str(folder / "ledger.db")
    ok("import", str(EXAMPLES), "--db", db)
    out: dict[str, Any] = {"db": db, "folder": folder}
    for lang in ("en", "zh"):
        path = folder / f"{lang}.html"
        ok("report", "--as-of", AS_OF, "--lang", lang, "--db", db, "-o", str(path))
        out[lang] = path
    out["status"] = json.loads(ok("status", "--as-of", AS_OF, "--json", "--db", db).stdout)
    return out


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    yield context.new_page()
    context.close()


def not_blank(png: bytes, size: tuple[int, int] | None = None) -> Image.Image:
    """The screenshot as an image, after checking it shows something: many colours and
    real contrast, not one flat fill."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    if size is not None:
        assert image.size[0] == size[0]
    colours = image.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "a flat or nearly flat image"
    spread = ImageStat.Stat(image.convert("L")).stddev[0]
    assert spread > 10, f"no contrast (stddev {spread:.1f})"
    return image


def test_every_goal_and_every_plotted_value_in_the_browser(page: Any, review: dict) -> None:
    page.goto(review["en"].as_uri())
    shown = page.eval_on_selector_all(
        "article[data-goal]", "els => els.map(e => [e.dataset.goal, e.dataset.status, "
        "e.getBoundingClientRect().height > 0])")  # fmt: skip
    goals = {g["id"]: g for g in review["status"]["goals"]}
    assert {(i, s) for i, s, _ in shown} == {(i, g["status"]) for i, g in goals.items()}
    assert all(visible for _, _, visible in shown)
    charts = page.eval_on_selector_all(
        "svg[data-goal]", "els => els.map(svg => [svg.dataset.goal, "
        "[...svg.querySelectorAll('.reading[data-date]')].map(p => "
        "[p.dataset.date, p.dataset.value, p.getBoundingClientRect().width > 0])])")  # fmt: skip
    assert len(charts) >= 5
    for goal_id, points in charts:
        g = goals[goal_id]
        assert points, goal_id
        assert all(drawn for _, _, drawn in points)  # each reading is drawn, not just listed
        last_date, last_value, _ = points[-1]
        # the latest plotted reading is the reading of status --json, on its date
        assert (last_date, Decimal(last_value)) == (g["last_date"], Decimal(str(g["reading"])))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("width,height", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_at_desktop_and_phone_widths(browser: Any, review: dict, lang: str,
                                                 width: int, height: int) -> None:  # fmt: skip
    context = browser.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(review[lang].as_uri())
        # Nothing wider than the screen: tables scroll inside their own box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{overflow}px wider than the {width}px screen"
        png = page.screenshot(full_page=False)
        not_blank(png, (width, height))
        # The first chart, alone, is drawn too (not an empty box).
        chart = page.locator("svg[data-goal]").first
        chart.scroll_into_view_if_needed()
        not_blank(chart.screenshot())
        path = Path(review["folder"]) / f"{lang}-{width}.png"
        path.write_bytes(page.screenshot(full_page=True))
    finally:
        context.close()


def test_chinese_is_drawn_in_a_cjk_font(page: Any, review: dict) -> None:
    page.goto(review["zh"].as_uri())
    title = page.text_content("h1")
    assert title == review["status"]["plan"]["name_zh"]
    # The fonts Chromium really drew the title's glyphs with (DevTools' own account): a
    # CJK font, not a fallback that would draw boxes.
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    h1 = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "h1"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": h1})["fonts"]
    drawn = {f["familyName"]: f["glyphCount"] for f in fonts}
    cjk = sum(n for name, n in drawn.items() if "CJK" in name)
    # every Chinese character of the title is a CJK font's glyph
    assert cjk >= sum(1 for ch in title if "\u4e00" <= ch <= "\u9fff"), drawn


def pdf_text(path: Path, *pages: int) -> str:
    args = ["pdftotext", "-layout"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_pdf_has_pages_chinese_text_and_embedded_fonts(review: dict, browser: Any) -> None:
    out = Path(review["folder"]) / "zh.pdf"
    ok("report", "--as-of", AS_OF, "--lang", "zh", "-f", "pdf", "--db", review["db"],
       "-o", str(out))  # fmt: skip
    pages = pdf_pages(out)
    # The cover; the summary; 31 goals; the year table; the notes: each section starts a
    # page, so at least 5, and a goal takes at most a page or so.
    assert 5 <= pages <= 60, pages
    info = subprocess.run(["pdfinfo", str(out)], check=True, capture_output=True, text=True)
    assert "A4" in info.stdout
    text = "".join(pdf_text(out).split())  # titles may wrap across lines
    for g in review["status"]["goals"]:
        assert "".join(g["title_zh"].split()) in text, g["title_zh"]
    # The cover and the summary share page 1; then each section starts a page: the goals
    # open page 2, and the year table and the notes each open a page of their own.
    assert "分类汇总" in pdf_text(out, 1, 1)
    assert pdf_text(out, 2, 2).split()[0] == "分项目标"
    firsts = [pdf_text(out, n, n).split()[0] for n in range(3, pages + 1)]
    assert "分年度进展" in firsts and "注释与数据来源" in firsts
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]  # fmt: skip
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # emb
    assert all(line.split()[-3] == "yes" for line in fonts), fonts  # a unicode map: real text


def test_a_goal_chart_as_svg_and_png(review: dict, browser: Any) -> None:
    folder = Path(review["folder"])
    ok("show", "tech-smes", "--as-of", AS_OF, "--db", review["db"], "--chart",
       str(folder / "chart.svg"))  # fmt: skip
    svg = (folder / "chart.svg").read_text("utf-8")
    assert svg.startswith("<?xml") and 'data-goal="tech-smes"' in svg
    ok("show", "tech-smes", "--as-of", AS_OF, "--lang", "zh", "--db", review["db"], "--chart",
       str(folder / "chart.png"))  # fmt: skip
    image = not_blank((folder / "chart.png").read_bytes())
    assert image.size == (1280, 600)
