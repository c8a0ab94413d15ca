"""User values as typed: VALUE arguments, dates and timestamps. Raise ValueError with
a user-facing message."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from plantrack.errors import quoted
from plantrack.model.numbers import NumberError, parse_number, plain
from plantrack.model.plan import MILESTONE_STATUSES, Goal, suggest

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LOWER_PREFIXES = ("≥", ">=", ">")
# The documented form, and nothing looser: datetime.fromisoformat also takes
# '+08:00:30', '00:00.5' (read as seconds, not a fraction of a minute) and
# cuts a seventh decimal off.
_STAMP = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:\.([0-9]{1,6}))?)?"
    r"(Z|([+-])([0-9]{2}):([0-9]{2}))?"
)
STAMP_YEARS = (1900, 2200)  # recording times outside these are not believable
# Around a typed value: spaces, tabs, line ends and the other blanks a paste brings
# (NBSP, the ideographic space). Not what str.strip() also drops: VT, FF, U+001C-
# U+001F, NEL and U+2028/U+2029 are control characters, so '12\x0b' is refused.
MARGIN = " \t\n\r\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"


class ParsedValue(NamedTuple):
    """A VALUE as understood: its kind and its value, status or bound."""

    kind: str
    value: Decimal | None = None
    status: str | None = None
    bound: str | None = None


def parse_value(text: str, *, milestone: bool, add: bool = False) -> ParsedValue:
    """VALUE as typed by a user.

    ``12`` is the goal's value on the date; ``+3`` / ``-2`` (or add=True) is a
    change; ``>13000``, ``>=13000`` or ``≥13000`` is a lower bound (突破/超过);
    a milestone takes not_started, in_progress or done.
    """
    s = text.strip(MARGIN)
    if milestone:
        if add:
            raise ValueError("a milestone takes a status, not a change (--add)")
        if s not in MILESTONE_STATUSES:
            raise ValueError(
                f"a milestone takes one of {', '.join(MILESTONE_STATUSES)}, got {quoted(text)}"
                + suggest(s, MILESTONE_STATUSES)
            )
        return ParsedValue("status", status=s)
    bound = None
    if s[:1] in ("≥", ">"):  # a lower bound: 突破 / 超过
        for prefix in _LOWER_PREFIXES:
            if s.startswith(prefix):
                bound, s = "lower", s[len(prefix):].strip(MARGIN)
                break
    increment = add or s[:1] in ("+", "-")
    try:
        value = parse_number(s)
    except NumberError as exc:
        raise ValueError(str(exc)) from None
    if bound and increment:
        raise ValueError("a lower bound must be a value, not a change (+/-)")
    return ParsedValue("increment" if increment else "total", value, None, bound)


def parse_date(text: str, today: date, what: str = "date") -> date:
    """A strict ISO date that is not in the future."""
    s = text.strip(MARGIN)
    try:
        # fromisoformat alone also takes week dates (2021-W01-1) and other forms
        if not _DATE.fullmatch(s):
            raise ValueError
        d = date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"{what} must be a date YYYY-MM-DD, got {quoted(text)}") from None
    if d > today:
        raise ValueError(f"{what} {s} is in the future (today is {today})")
    return d


def utc_stamp(text: str) -> str:
    """A timestamp as stored: UTC, 'YYYY-MM-DDTHH:MM:SS.ffffffZ', in the years 1900-2200.

    Offsets are converted (08:00+08:00 is 00:00Z); a time without an offset is
    taken as UTC. Date-only and week forms are refused: --known-at compares
    these stamps as text, so every one must have the same shape.
    """
    s = text.strip(MARGIN)
    m = _STAMP.fullmatch(s)
    if m is None:
        raise ValueError("not an ISO timestamp (YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|+HH:MM]): "
                         f"{quoted(text)}")  # fmt: skip
    year, month, day, hour, minute, second, fraction, _, sign, off_h, off_m = m.groups()
    low, high = STAMP_YEARS
    if not low <= int(year) <= high:  # also before any conversion could overflow
        raise ValueError(f"timestamp {quoted(text)} is outside the years {low}-{high}")
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute),
                          int(second or 0), int((fraction or "").ljust(6, "0")))  # fmt: skip
    except ValueError:
        raise ValueError(f"timestamp {quoted(text)} names no real moment") from None
    if sign is not None:
        if int(off_h) > 23 or int(off_m) > 59:
            raise ValueError(f"timestamp {quoted(text)} has no real UTC offset")
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        moment = moment - offset if sign == "+" else moment + offset
        if not low <= moment.year <= high:
            raise ValueError(f"timestamp {quoted(text)} is outside the years "
                             f"{low}-{high} in UTC")  # fmt: skip
    return f"{moment:%Y-%m-%dT%H:%M:%S.%f}Z"  # four-digit years: %Y gives 999 for 0999


def check_figure(goal: Goal, day: date, parsed: ParsedValue) -> None:
    """Refuse what cannot be true of this goal (see Goal.figure_problem)."""
    problem = goal.figure_problem(day, parsed.kind, parsed.value)
    if problem:
        raise ValueError(problem)


def content_digest(goal: str, day: date, parsed: ParsedValue, note: str, source: str) -> str:
    """A digest of every content field of a figure (not of who recorded it or when)."""
    value = parsed.status or ("" if parsed.value is None else plain(parsed.value))
    raw = "\x1f".join((goal, day.isoformat(), parsed.kind, value, parsed.bound or "", note,
                       source))  # fmt: skip
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
