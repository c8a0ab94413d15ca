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
    assert str(value.value).startswith("not a number: '" + "x" * 57 + "...' (use plain")
    with pytest.raises(ValueError) as day:
        parse_date("2024-" + "1" * 10_000, TODAY)
    assert str(day.value) == "date must be a date YYYY-MM-DD, got '2024-" + "1" * 52 + "...'"
    with pytest.raises(ValueError) as status:
        parse_value("d" * 10_000, milestone=True)
    assert len(str(status.value)) < 200
