"""The review document as HTML, read back with the standard library's parser.

The shipped plan and the published sample data (examples/henan-reported-2021-2025.csv)
as of 2025-12-31, the final review. The oracle for every figure is ``status --json``
and ``export entries --format json`` of the same query, not the document's own code.
The same document in a real browser: tests/browser.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from support import EXAMPLES, fails, ok

from plantrack.i18n import CATALOGUE

AS_OF = "2025-12-31"


class Dom(HTMLParser):
    """Elements as (tag, attributes, path of enclosing tags), and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str], tuple[dict[str, str], ...]]] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.in_style = False

    VOID: ClassVar[set[str]] = {"meta", "br", "link", "img", "input", "hr"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a, tuple(x for _, x in self.stack)))
        if tag == "style":
            self.in_style = True
        if tag not in self.VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs},
                              tuple(x for _, x in self.stack)))  # fmt: skip

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.in_style:
            self.text.append(data)


def parse(html: str) -> Dom:
    dom = Dom()
    dom.feed(html)
    dom.close()
    return dom


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The documents (en, zh, with --since) and the JSON oracles, written once."""
    folder = tmp_path_factory.mktemp("review")
    db = str(folder / "ledger.db")
    ok("import", str(EXAMPLES), "--db", db)
    out: dict[str, Any] = {"db": db}
    for lang in ("en", "zh"):
        path = folder / f"{lang}.html"
        ok("report", "--as-of", AS_OF, "--lang", lang, "--db", db, "-o", str(path))
        out[lang] = path.read_text("utf-8")
    out["since"] = ok("report", "--as-of", AS_OF, "--since", "2025-06-30", "--known-at",
                      "2026-01-31", "--db", db).stdout  # fmt: skip
    out["status"] = json.loads(ok("status", "--as-of", AS_OF, "--json", "--db", db).stdout)
    out["entries"] = json.loads(ok("export", "entries", "--format", "json", "--db", db).stdout)
    return out


def test_one_file_with_nothing_fetched_and_no_script(published: dict[str, Any]) -> None:
    for lang in ("en", "zh"):
        html = published[lang]
        dom = parse(html)
        tags = {tag for tag, _, _ in dom.elements}
        assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
        for _, attrs, _ in dom.elements:
            assert "src" not in attrs
            href = attrs.get("href")
            assert href is None or href.startswith("#"), href  # in-page links only
            assert not any(k.startswith("on") for k in attrs)  # no event handlers
        styles = re.findall(r"<style>(.*?)</style>", html, re.S)
        assert styles and not any("url(" in s or "@import" in s for s in styles)
        assert "@page{size:A4" in html and "break-before:page" in html


def test_every_goal_is_there_with_its_status(published: dict[str, Any]) -> None:
    dom = parse(published["en"])
    articles = {a["data-goal"]: a["data-status"] for tag, a, _ in dom.elements
                if tag == "article" and "data-goal" in a}  # fmt: skip
    assert articles == {g["id"]: g["status"] for g in published["status"]["goals"]}


def _running(entries: list[dict[str, Any]], goal: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """The oracle: a goal's readings by date, on the entries as exported (voids left out):
    a total sets the reading, an increment adds to it. From the baseline date on."""
    stock = Decimal(str(goal["baseline_stock"] or 0))
    reading = stock + Decimal(str(goal["baseline"] or 0))
    out = []
    mine = [e for e in entries if e["goal"] == goal["id"] and not e["voided"]
            and e["value"] is not None and e["date"] <= AS_OF]  # fmt: skip
    for e in sorted(mine, key=lambda e: e["date"]):  # stable: recording order within a day
        value = Decimal(str(e["value"]))
        reading = value if e["kind"] == "total" else reading + value
        if e["date"] >= goal["baseline_date"]:
            out.append((e["date"], reading))
    return out


def test_each_chart_plots_the_figures_of_status_json(published: dict[str, Any]) -> None:
    dom = parse(published["en"])
    charts: dict[str, list[tuple[str, Decimal]]] = {}
    for tag, a, parents in dom.elements:
        if tag == "svg" and "data-goal" in a:
            charts[a["data-goal"]] = []
        owner = next((p["data-goal"] for p in reversed(parents) if "data-goal" in p
                      and "viewbox" in p), None)  # fmt: skip
        if owner and "reading" in a.get("class", "").split() and "data-date" in a:
            charts[owner].append((a["data-date"], Decimal(a["data-value"])))
    goals = {g["id"]: g for g in published["status"]["goals"]}
    # A chart for every goal with a target and figures, and only for those (a goal with
    # no data has a plan line and nothing to set against it).
    assert set(charts) == {i for i, g in goals.items() if g["kind"] in ("increase", "level")
                           and g["status"] != "no_data"}  # fmt: skip
    plotted = 0
    for goal_id, points in charts.items():
        g = goals[goal_id]
        assert points == _running(published["entries"]["entries"], g), goal_id
        if points:  # the latest plotted reading is the report's reading, on its date
            assert points[-1] == (g["last_date"], Decimal(str(g["reading"]))), goal_id
            plotted += 1
    assert plotted >= 5  # the published figures reach several goals


def test_lower_bounds_are_marked_on_the_chart(published: dict[str, Any]) -> None:
    dom = parse(published["en"])
    bounds = {(a["data-date"], a["data-value"]) for tag, a, _ in dom.elements
              if a.get("data-bound") == "lower"}  # fmt: skip
    lower = {(e["date"], str(Decimal(str(e["value"])).normalize()))
             for e in published["entries"]["entries"]
             if e["bound"] == "lower" and e["kind"] == "total" and not e["voided"]}  # fmt: skip
    assert lower and {(d, str(Decimal(v).normalize())) for d, v in bounds} == lower


def test_every_chart_has_a_title_and_a_description(published: dict[str, Any]) -> None:
    html = published["zh"]
    svgs = re.findall(r"<svg [^>]*>(.*?)</svg>", html, re.S)
    assert len(svgs) >= 6
    for body in svgs:
        assert body.startswith("<title>") and "<desc>" in body
        title = re.match(r"<title>(.*?)</title>", body)
        assert title and re.search(r"[\u4e00-\u9fff]", title.group(1))


def test_the_chinese_document_speaks_chinese(published: dict[str, Any]) -> None:
    html = published["zh"]
    dom = parse(html)
    assert '<html lang="zh-CN">' in html
    text = "".join(dom.text)
    for g in published["status"]["goals"]:
        assert g["title_zh"] in text
    # The words come from the one catalogue: every status shown is its zh label, and no
    # status code or English status word is left in the text.
    for code in {g["status"] for g in published["status"]["goals"]}:
        zh = CATALOGUE[f"status.{code}"][1]
        assert zh in text
        assert code not in text.replace("_", " ").split() or code == "tracked"
    for heading in ("终期评估", "分类汇总", "分项目标", "分年度进展", "注释与数据来源"):
        assert heading in text
    assert "Final review" not in text and "no data" not in text


def test_since_section_lists_changes(published: dict[str, Any]) -> None:
    dom = parse(published["since"])
    ids = [a.get("id") for _, a, _ in dom.elements]
    assert "since" in ids
    text = "".join(dom.text)
    assert "What changed since 2025-06-30" in text


def test_a_pdf_goes_to_a_file_not_a_terminal(published: dict[str, Any], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # Without a browser on the PATH: one line naming what to install (exit 3).
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PLANTRACK_BROWSER", raising=False)
    result = fails(3, "report", "--db", published["db"], "-f", "pdf", "-o",
                   str(tmp_path / "r.pdf"), one_line=True)  # fmt: skip
    assert "apt install chromium" in result.stderr
    assert not (tmp_path / "r.pdf").exists()
