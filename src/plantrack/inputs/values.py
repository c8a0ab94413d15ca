"""User values as typed: VALUE arguments, dates and timestamps. Raise ValueError with
a user-facing message."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import NamedTuple

from plantrack.model.numbers import NumberError, parse_number, plain
from plantrack.model.plan import MILESTONE_STATUSES, Goal, suggest

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LOWER_PREFIXES = ("≥", ">=", ">")
_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}")
# The stored form itself, or it without microseconds: nothing to convert.
STAMP_YEARS = (1900, 2200)  # recording times outside these are not believable
_UTC_STAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{6})?Z")


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
    s = text.strip()
    if milestone:
        if add:
            raise ValueError("a milestone takes a status, not a change (--add)")
        if s not in MILESTONE_STATUSES:
            raise ValueError(
                f"a milestone takes one of {', '.join(MILESTONE_STATUSES)}, got {text!r}"
                + suggest(s, MILESTONE_STATUSES)
            )
        return ParsedValue("status", status=s)
    bound = None
    if s[:1] in ("≥", ">"):  # a lower bound: 突破 / 超过
        for prefix in _LOWER_PREFIXES:
            if s.startswith(prefix):
                bound, s = "lower", s[len(prefix):].strip()
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
    s = text.strip()
    try:
        # fromisoformat alone also takes week dates (2021-W01-1) and other forms
        if not _DATE.fullmatch(s):
            raise ValueError
        d = date.fromisoformat(s)
    except ValueError:
        raise ValueError(f"{what} must be a date YYYY-MM-DD, got {text!r}") from None
    if d > today:
        raise ValueError(f"{what} {s} is in the future (today is {today})")
    return d


def utc_stamp(text: str) -> str:
    """A timestamp as stored: UTC, 'YYYY-MM-DDTHH:MM:SS.ffffffZ', in the years 1900-2200.

    Offsets are converted (08:00+08:00 is 00:00Z); a time without an offset is
    taken as UTC. Date-only and week forms are refused: --known-at compares
    these stamps as text, so every one must have the same shape.
    """
    s = text.strip()
    if not _STAMP.match(s):
        raise ValueError(f"not an ISO timestamp (YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]): {text!r}")
    low, high = STAMP_YEARS
    if not low <= int(s[:4]) <= high:  # also before any conversion could overflow
        raise ValueError(f"timestamp {text!r} is outside the years {low}-{high}")
    utc = _UTC_STAMP.fullmatch(s)
    if utc is not None:  # already UTC: only check that it is a real moment
        datetime.fromisoformat(s[:-1])
        return s if utc.group(1) else s[:-1] + ".000000Z"
    moment = datetime.fromisoformat(s.replace("Z", "+00:00"))
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    if not low <= moment.year <= high:
        raise ValueError(f"timestamp {text!r} is outside the years {low}-{high} in UTC")
    return f"{moment:%Y-%m-%dT%H:%M:%S.%f}Z"  # four-digit years: %Y gives 999 for 0999


def check_figure(goal: Goal, day: date, parsed: ParsedValue) -> None:
    """Refuse what cannot be true of this goal: a date before its baseline, a share
    outside 0-100%."""
    if day < goal.baseline_date:
        raise ValueError(f"date {day} is before goal {goal.id!r}'s baseline date "
                         f"{goal.baseline_date}")  # fmt: skip
    if goal.unit == "%" and parsed.value is not None:
        low = -100 if parsed.kind == "increment" else 0
        if not low <= parsed.value <= 100:
            what = "a change of a share" if parsed.kind == "increment" else "a share"
            raise ValueError(f"goal {goal.id!r} is in %: {what} is between {low} and 100, "
                             f"got {plain(parsed.value)}")  # fmt: skip


def content_digest(goal: str, day: date, parsed: ParsedValue, note: str, source: str) -> str:
    """A digest of every content field of a figure (not of who recorded it or when)."""
    value = parsed.status or ("" if parsed.value is None else plain(parsed.value))
    raw = "\x1f".join((goal, day.isoformat(), parsed.kind, value, parsed.bound or "", note,
                       source))  # fmt: skip
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
