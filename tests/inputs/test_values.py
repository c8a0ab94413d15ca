"""Typed values and dates: the blanks around them, and the control characters that are not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from plantrack.inputs.values import ParsedValue, parse_date, parse_value

TODAY = date(2025, 6, 30)


@pytest.mark.parametrize(
    "text",
    ["12", " 12", "12\t", "12\n", "\r\n12\r\n", "12\xa0", "\u300012\u3000"],
)
def test_blanks_around_a_value_are_dropped(text: str) -> None:
    assert parse_value(text, milestone=False) == ParsedValue("total", Decimal(12))


@pytest.mark.parametrize(
    "text",
    ["12\x0b", "\x0c12", "12\x1c", "12\x1f", "12\x85", "12\u2028", "\u202912", "12\x00",
     "\u200b12", "\ufeff12", "\u202e12"],
)  # fmt: skip
def test_control_characters_around_a_value_are_refused(text: str) -> None:
    # str.strip() drops VT, FF, U+001C-U+001F, NEL and U+2028/9: '12\x0b' was read as 12.
    with pytest.raises(ValueError):
        parse_value(text, milestone=False)


@pytest.mark.parametrize("text", ["done\x85", "\x0bdone", "done\u2028"])
def test_control_characters_around_a_status_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_value(text, milestone=True)
    assert parse_value(f" {text.strip()}\t", milestone=True) == ParsedValue("status", status="done")


@pytest.mark.parametrize("text", ["2024-05-15\x0b", "\x1c2024-05-15", "2024-05-15\u2029"])
def test_control_characters_around_a_date_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="must be a date YYYY-MM-DD"):
        parse_date(text, TODAY)
    assert parse_date(f"\u3000{text.strip()} ", TODAY) == date(2024, 5, 15)


def test_messages_quote_a_long_text_short() -> None:
    # 10,000 characters in, 60 out: the first 57 and '...'
    with pytest.raises(ValueError) as value:
        parse_value("x" * 10_000, milestone=False)
    assert str(value.value).startswith("not a number: '" + "x" * 57 + "...' (accepted: 12,")
    with pytest.raises(ValueError) as day:
        parse_date("2024-" + "1" * 10_000, TODAY)
    assert str(day.value) == ("date must be a date YYYY-MM-DD (also 2024/12/31, 2024-1-5, "
                              "2024.12.31, 2024年12月31日), got '2024-" + "1" * 52 + "...'")
    with pytest.raises(ValueError) as status:
        parse_value("d" * 10_000, milestone=True)
    assert len(str(status.value)) < 200


# --------------------------------------------------------------------------- as offices write


@pytest.mark.parametrize(
    "text,value,bound",
    [
        ("突破1.3万", "13000", "lower"),  # 1.3 x 10,000
        ("超过1.3万", "13000", "lower"),
        ("逾1.3万", "13000", "lower"),
        ("超1.3万", "13000", "lower"),
        ("1.3万以上", "13000", "lower"),
        ("1.3万 以上", "13000", "lower"),
        ("＞13000", "13000", "lower"),  # full-width >
        ("１２", "12", None),  # full-width digits
        ("１，０００", "1000", None),  # full-width digits and comma: 1,000
        ("2亿", "200000000", None),  # 2 x 100,000,000
    ],
)
def test_bulletin_wording_is_read_as_the_value_it_says(text: str, value: str,
                                                       bound: str | None) -> None:  # fmt: skip
    assert parse_value(text, milestone=False) == ParsedValue("total", Decimal(value), None,
                                                             bound)  # fmt: skip


def test_a_percentage_for_a_goal_in_percent() -> None:
    assert parse_value("2.05%", milestone=False, percent=True).value == Decimal("2.05")
    assert parse_value("2.05％", milestone=False, percent=True).value == Decimal("2.05")
    assert parse_value("+0.1%", milestone=False, percent=True).kind == "increment"
    with pytest.raises(ValueError, match="not counted in %"):
        parse_value("12%", milestone=False)


@pytest.mark.parametrize("text,value", [("约1.3万", "13000"), ("1.3万左右", "13000"),
                                        ("≈12", "12"), ("~12", "12"), ("～12", "12"),
                                        ("约 2万 左右", "20000")])  # fmt: skip
def test_an_approximate_figure_is_kept_as_such(text: str, value: str) -> None:
    assert parse_value(text, milestone=False) == ParsedValue("total", Decimal(value), None,
                                                             "approx")  # fmt: skip


@pytest.mark.parametrize("text", ["约+3", "超过约2万", "约2万以上", "突破2万左右"])
def test_about_is_neither_a_change_nor_a_bound(text: str) -> None:
    with pytest.raises(ValueError):
        parse_value(text, milestone=False)


def test_a_lower_bound_change_is_still_refused() -> None:
    with pytest.raises(ValueError, match="lower bound must be a value"):
        parse_value("突破+3", milestone=False)


@pytest.mark.parametrize(
    "text,state",
    [("完成", "done"), ("已完成", "done"), ("进行中", "in_progress"), ("未开始", "not_started")],
)
def test_milestone_states_in_chinese(text: str, state: str) -> None:
    assert parse_value(text, milestone=True) == ParsedValue("status", status=state)


@pytest.mark.parametrize(
    "text",
    ["2023-02-28", "2023/2/28", "2023-2-28", "2023.2.28", "2023年2月28日", "２０２３/２/２８",
     " 2023/02/28 "],
)  # fmt: skip
def test_dates_as_excel_and_chinese_offices_write_them(text: str) -> None:
    assert parse_date(text, TODAY) == date(2023, 2, 28)


@pytest.mark.parametrize("text", ["2023/2-28", "2023.2/28", "2023年2月28", "23/2/28",
                                  "2023/02/29", "28/2/2023", "2023年13月1日"])  # fmt: skip
def test_dates_in_no_accepted_form_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="2024年12月31日"):
        parse_date(text, TODAY)


@pytest.mark.parametrize("text", ["约", "以上", "≈", "左右", "超过"])
def test_a_mark_without_a_number_says_so(text: str) -> None:
    with pytest.raises(ValueError, match="no number in"):
        parse_value(text, milestone=False)
