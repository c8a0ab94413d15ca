"""CJK wrapping: a short quoted term moves whole, longer text still breaks between
characters, and nothing is lost."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from plantrack.output.textlayout import wrap_cells

TITLE = "新增达到国家“双一流”建设水平高校"


@pytest.mark.parametrize("width", [10, 12, 14, 16, 18, 20, 24])
def test_a_quoted_term_is_never_split(width: int) -> None:
    lines = wrap_cells(TITLE, width)
    assert any("“双一流”" in line for line in lines)  # whole on one line
    assert "".join(lines) == TITLE and all(cell_len(x) <= width for x in lines)


def test_a_term_wider_than_the_line_still_folds() -> None:
    # “双一流” is 10 cells: at 6 it cannot stay whole, and it is folded, not lost
    lines = wrap_cells(TITLE, 6)
    assert "".join(lines) == TITLE and all(cell_len(x) <= 6 for x in lines)


@given(st.text(alphabet="国家“”《》双一流建设 ab,。", max_size=40), st.integers(2, 30))
def test_wrapping_keeps_every_character_and_the_width(text: str, width: int) -> None:
    lines = wrap_cells(text, width)
    assert all(cell_len(x) <= width for x in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@pytest.mark.parametrize(
    "text,width,lines",
    [
        # 10 characters, 20 cells: 建设|重大|科技|基础设施. At 16 cells (8 characters)
        # the first line takes 建设重大科技 (12 cells); 基础设施 (8) would overflow it, so
        # it moves whole: never 建设重大科技基/础设施.
        ("建设重大科技基础设施", 16, ["建设重大科技", "基础设施"]),
        # At 10 cells: 建设重大 (8) + 科技 (4) = 12 > 10, so 科技 starts line 2; 科技 +
        # 基础设施 = 12 > 10 again, so 基础设施 is line 3.
        ("建设重大科技基础设施", 10, ["建设重大", "科技", "基础设施"]),
        # Unquoted, 一流 stays one word: 建设|双|一流|高校 at 8 cells is 建设双 (6) then
        # 一流高校 (8), never 建设双一/流高校.
        ("建设双一流高校", 8, ["建设双", "一流高校"]),
        # A word wider than the line is still folded between its characters.
        ("基础设施", 4, ["基础", "设施"]),
    ],
)  # fmt: skip
def test_chinese_breaks_between_words(text: str, width: int, lines: list[str]) -> None:
    assert wrap_cells(text, width) == lines
