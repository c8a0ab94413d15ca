"""numbers.py: which texts are numbers, their exact values, scaled-integer storage."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from oracles import DIGITS, reference_units  # noqa: F401

from plantrack.model.numbers import (
    NumberError,
    from_units,
    grouped,
    normalize,
    parse_number,
    plain,
    to_units,
)


def test_reference_parser_agrees_with_hand_values() -> None:
    # The oracle itself, checked against values worked out by hand.
    assert reference_units("12") == 120_000
    assert reference_units("-3.5") == -35_000
    assert reference_units("1,000") == 10_000_000  # 1000 x 10^4
    assert reference_units("1.5万") == 150_000_000  # 15000 x 10^4
    assert reference_units("0.00001万") == 1_000  # 0.1 x 10^4
    assert reference_units("1.00001") is None
    assert reference_units("1,00") is None
    assert reference_units("１２") is None


# --------------------------------------------------------------------------- accepted forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", "12"),
        ("0", "0"),
        ("-0", "0"),
        ("+0.25", "0.25"),
        ("-3.5", "-3.5"),
        ("5.", "5"),
        (".5", "0.5"),
        ("007", "7"),
        ("12.5000", "12.5"),  # trailing zeros are not extra decimal places
        (" 12 ", "12"),
        ("\t12\t", "12"),
        ("+ 5", "5"),  # space after the sign
        ("1,000", "1000"),  # documented: groups of three are thousands separators
        ("1,000,000.5", "1000000.5"),
        ("-1,234", "-1234"),
        ("1万", "10000"),  # 1 x 10^4
        ("1.5万", "15000"),  # 1.5 x 10^4
        ("1.2345万", "12345"),  # 1.2345 x 10^4
        ("0.00001万", "0.1"),  # 0.00001 x 10^4 = 0.1: four places after scaling
        ("1 万", "10000"),
        ("-2.5万", "-25000"),
        ("2亿", "200000000"),  # 2 x 10^8
        ("1,000万", "10000000"),  # 1000 x 10^4
        ("99999999999999.9999", "99999999999999.9999"),  # just below 10^14
        ("0.0001", "0.0001"),
    ],
)
def test_accepted(text: str, expected: str) -> None:
    value = parse_number(text)
    assert value == Decimal(expected)
    assert plain(value) == expected


# --------------------------------------------------------------------------- rejected forms


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\t",
        "NaN",
        "nan",
        "-nan",
        "sNaN",
        "inf",
        "-inf",
        "Infinity",
        "-Infinity",
        "1e999",
        "1e3",
        "1E3",
        "1e-3",
        "0x10",
        "1_000",
        "abc",
        "12abc",
        "1.2.3",
        "--1",
        "+-1",
        "+",
        "-",
        ".",
        "万",
        "亿",
        "1万万",
        "1亿万",
        "1,00",
        "1,0000",
        ",100",
        "1,000.",
        "12,34,567",
        "１２",
        "١٢",
        "١٢٫٥",
        "१२",
        "12\n",
        "1.00001",
        "0.00001",
        "100000000000000",
        "-100000000000000",
        "1亿亿",
        "2,000,000亿",
        "1/2",
        "½",
        "³",
        "0" * 41 + "1",
    ],
)
def test_rejected(text: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert str(info.value)  # a message for the user, never empty


def test_rejection_messages_say_why() -> None:
    with pytest.raises(NumberError, match="too many decimal places"):
        parse_number("1.00001")
    with pytest.raises(NumberError, match="too large"):
        parse_number("1000000亿")  # 10^6 x 10^8 = 10^14, the first value too large
    with pytest.raises(NumberError, match="empty"):
        parse_number("  ")
    with pytest.raises(NumberError, match="not a number"):
        parse_number("1e999")


# --------------------------------------------------------------------------- exactness


def test_point_one_plus_point_two_is_exactly_point_three() -> None:
    # In binary floating point 0.1 + 0.2 == 0.30000000000000004; here
    # 1000 + 2000 = 3000 units of 10^-4 = 0.3 exactly.
    units = to_units(parse_number("0.1")) + to_units(parse_number("0.2"))
    assert units == 3000
    assert from_units(units) == Decimal("0.3")
    assert plain(from_units(units)) == "0.3"
    assert 0.1 + 0.2 != 0.3  # the float drift this avoids


def test_units_round_trip_at_the_limits() -> None:
    biggest = parse_number("99999999999999.9999")
    assert to_units(biggest) == 999_999_999_999_999_999
    assert from_units(to_units(biggest)) == biggest
    assert to_units(parse_number("-0.0001")) == -1


def test_from_units_is_exact_beyond_28_digits() -> None:
    # A sum of many large values: 10^30 + 1 units = 10^26 + 0.0001. The default
    # decimal context (28 digits) would round the last digit away.
    assert from_units(10**30 + 1) == Decimal("100000000000000000000000000.0001")
    assert plain(from_units(10**30 + 1)) == "100000000000000000000000000.0001"


@given(st.integers(min_value=-(10**30), max_value=10**30), st.booleans())
@example(0, True)
@example(-30_000, True)
@example(-15_000, False)
def test_from_units_is_units_over_ten_thousand_in_canonical_form(units: int, whole: bool) -> None:
    # Whole numbers take a shortcut (Decimal(units // 10**4)); every value must
    # equal units / 10**4 exactly and print as normalize() prints it: no exponent,
    # no trailing zeros ("13000", "0.3", "-1.5").
    if whole:
        units -= units % 10_000
    value = from_units(units)
    with localcontext() as ctx:
        ctx.prec = 100  # the default 28 digits would round these test sums
        assert value * 10_000 == units
        canonical = normalize(Decimal(units).scaleb(-4))
    assert str(value) == str(canonical) and "E" not in str(value)


def test_normalize_and_display() -> None:
    assert str(normalize(Decimal("1E+3"))) == "1000"  # never exponent notation
    assert str(normalize(Decimal("12.500"))) == "12.5"
    assert str(normalize(Decimal("-0.0"))) == "0"
    assert grouped(Decimal("1234.5")) == "1,234.5"
    assert grouped(Decimal("13000")) == "13,000"


# --------------------------------------------------------------------------- properties


@settings(max_examples=400)
@given(st.text(max_size=30))
@example("1,000")
@example("1.5万")
@example("0.00001万")
@example("99999999999999.99995")
def test_any_text_is_a_number_or_a_number_error(text: str) -> None:
    """Arbitrary text: the exact value the reference computes, or NumberError."""
    expected = reference_units(text)
    try:
        value = parse_number(text)
    except NumberError:
        assert expected is None, f"{text!r} should be accepted as {expected} units"
        return
    assert expected is not None, f"{text!r} was accepted as {value}"
    assert to_units(value) == expected
    assert value == Decimal(expected) / 10_000


_DECIMALS = st.decimals(
    min_value=Decimal("-99999999999999.9999"),
    max_value=Decimal("99999999999999.9999"),
    places=4,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=300)
@given(_DECIMALS, st.sampled_from(["plain", "grouped", "signed", "myriad", "padded"]))
def test_well_formed_decimals_keep_their_exact_value(value: Decimal, style: str) -> None:
    """Numbers written the ways people write them parse back to the same value."""
    text = format(value, "f")
    expected = value
    if style == "grouped":
        text = format(value, ",f")
    elif style == "signed" and value >= 0:
        text = "+" + text
    elif style == "myriad":  # the value in 万: exact only when it is a whole 0.0001 of 万
        text = format(value / 10_000, "f") + "万"
        expected = value
    elif style == "padded":
        text = f"  {text}\t"
    assert parse_number(text) == expected


@settings(max_examples=200)
@given(st.from_regex(r"\A[ \t]*[+-]?[ \t]*[0-9,.]{0,22}[ \t]*[万亿]?[ \t]*\Z"))
def test_near_miss_shapes_agree_with_the_reference(text: str) -> None:
    """Texts made only of number characters hit the grammar's edges hardest."""
    expected = reference_units(text)
    try:
        value = parse_number(text)
    except NumberError:
        assert expected is None, f"{text!r} should be accepted"
        return
    assert expected is not None and to_units(value) == expected, text
