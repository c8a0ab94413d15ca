"""Independent readings of plantrack's documented grammars, for the tests to compare with."""

from __future__ import annotations

DIGITS = "0123456789"  # ASCII only: str.isdigit() would also take '１' and '١'
LIMIT_UNITS = 10**18  # |value| < 10^14, stored in units of 10^-4
MAX_LITERAL = 40  # the documented cap on the digits-and-point part


def _unsigned_units(s: str, power: int) -> int | None:
    """'123.45' scaled by 10^power, in units of 10^-4; None if not that form or inexact."""
    head, dot, tail = s.partition(".")
    if "," in head:  # thousands groups: 1-3 digits, then groups of exactly 3
        groups = head.split(",")
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            return None
        if dot and not tail:
            return None  # "1,000." is not in the grouped form
        head = "".join(groups)
    if not head and not tail:
        return None
    if any(c not in DIGITS for c in head + tail):
        return None
    if len(head) + len(dot) + len(tail) > MAX_LITERAL:
        return None
    digits = int(head + tail or "0")
    shift = power + 4 - len(tail)  # value = digits * 10^(power - len(tail))
    if shift >= 0:
        return digits * 10**shift
    scale = 10**-shift
    return digits // scale if digits % scale == 0 else None


def reference_units(text: str) -> int | None:
    """An independent reading of parse_number's documented grammar, in integers.

    [ws] [+|-] [ws] number [ws] [万|亿] [ws], where number is 12, 12.5, .5, 5.
    or 1,000(.5); 万 = 10^4, 亿 = 10^8; at most 4 decimals after scaling; below
    10^14; ws is spaces and tabs. Returns units of 10^-4, or None if rejected.
    """
    s = text.strip(" \t")
    sign = 1
    if s[:1] in ("+", "-"):
        sign = -1 if s[0] == "-" else 1
        s = s[1:].strip(" \t")
    power = 0
    if s[-1:] == "万":
        power, s = 4, s[:-1].strip(" \t")
    elif s[-1:] == "亿":
        power, s = 8, s[:-1].strip(" \t")
    units = _unsigned_units(s, power)
    if units is None or units >= LIMIT_UNITS:
        return None
    return sign * units
