"""User values as typed: VALUE arguments, dates and timestamps. Raise BadValue (a
ValueError) with a user-facing message."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import NamedTuple

from plantrack.errors import BadValue, quoted
from plantrack.i18n import Message, say
from plantrack.model.numbers import NumberError, parse_number, plain
from plantrack.model.plan import MILESTONE_STATUSES, Goal, suggest

# YYYY-MM-DD; as Excel and Chinese offices write it, 2023/2/28, 2023-2-28, 2023.2.28 (one
# separator throughout) and 2023年2月28日.
_DATE = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})|([0-9]{4})年([0-9]{1,2})月"
                   r"([0-9]{1,2})日")
# A lower bound as bulletins write it: ≥ 13000, >13000, 突破1.3万, 超过1.3万, 逾1.3万, 超1.3万,
# or 1.3万以上 (longest first: 超过 before 超).
_LOWER_PREFIXES = ("≥", ">=", ">", "突破", "超过", "逾", "超")
_LOWER_SUFFIX = "以上"
# About: 约2万, 2万左右, ≈20000, ~20000 (an approximate figure, shown ≈).
_APPROX_PREFIXES = ("约", "≈", "~")
_APPROX_SUFFIX = "左右"
# Milestone states as Chinese offices write them.
ZH_STATES = {"完成": "done", "已完成": "done", "进行中": "in_progress", "未开始": "not_started"}
# Full-width ASCII (１２, ＞, ％, ＋, ．, ，) as a Chinese input method types it -> ASCII.
_HALF_WIDTH = {0xFF01 + i: 0x21 + i for i in range(94)}
_FORMS = say("err.value.forms")  # every form a value can take
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


def half_width(text: str) -> str:
    """Full-width ASCII forms (１２, ＞, ％) as ASCII; everything else as it is."""
    return text.translate(_HALF_WIDTH)


def parse_value(text: str, *, milestone: bool, add: bool = False,
                percent: bool = False) -> ParsedValue:  # fmt: skip
    """VALUE as typed by a user, or as a bulletin writes it.

    ``12`` is the goal's value on the date; ``+3`` / ``-2`` (or add=True) is a
    change; ``>13000``, ``≥13000``, ``突破1.3万``, ``超过1.3万``, ``逾1.3万`` or
    ``1.3万以上`` is a lower bound; ``约2万``, ``2万左右``, ``≈20000`` or ``~20000`` is
    approximate; full-width digits and signs are read as ASCII;
    with ``percent`` (a goal in %) a trailing ``%`` is allowed. A milestone takes
    not_started, in_progress or done (未开始, 进行中, 完成 or 已完成).
    """
    s = half_width(text.strip(MARGIN))
    if milestone:
        if add:
            raise BadValue(say("err.value.milestone_change"))
        state = ZH_STATES.get(s, s)
        if state not in MILESTONE_STATUSES:
            raise BadValue(say("err.value.milestone_state", states=", ".join(MILESTONE_STATUSES),
                               text=quoted(text), hint=suggest(s, MILESTONE_STATUSES)))
        return ParsedValue("status", status=state)
    bound = None
    for prefix in _LOWER_PREFIXES:
        if s.startswith(prefix):
            bound, s = "lower", s[len(prefix):].strip(MARGIN)
            break
    if s.endswith(_LOWER_SUFFIX):
        bound, s = "lower", s.removesuffix(_LOWER_SUFFIX).strip(MARGIN)
    about = False
    for prefix in _APPROX_PREFIXES:
        if s.startswith(prefix):
            about, s = True, s[len(prefix):].strip(MARGIN)
            break
    if s.endswith(_APPROX_SUFFIX):
        about, s = True, s.removesuffix(_APPROX_SUFFIX).strip(MARGIN)
    if about and bound:
        raise BadValue(say("err.value.bound_and_about", text=quoted(text)))
    if about:
        bound = "approx"
    if not s and (bound or about):
        raise BadValue(say("err.value.no_number", text=quoted(text), forms=_FORMS))
    if s.endswith("%"):
        if not percent:
            raise BadValue(say("err.value.percent", text=quoted(text)))
        s = s.removesuffix("%").strip(MARGIN)
    increment = add or s[:1] in ("+", "-")
    try:
        value = parse_number(s)
    except NumberError as exc:
        if isinstance(exc.said, Message) and exc.said.key == "err.value.plain_number":
            # say every form a value can take
            raise BadValue(say("err.value.not_number", text=quoted(text), forms=_FORMS)) from None
        raise
    if bound and increment:
        raise BadValue(say("err.value.lower_change" if bound == "lower" else
                           "err.value.approx_change"))  # fmt: skip
    return ParsedValue("increment" if increment else "total", value, None, bound)


def parse_day(text: str, what: str = "date") -> date:
    """A date as offices write it (err.date.form); no week dates, times or other ISO forms."""
    s = half_width(text.strip(MARGIN))
    m = _DATE.fullmatch(s)
    try:
        if m is None:
            raise ValueError
        year, _, month, day, zh_year, zh_month, zh_day = m.groups()
        return (date(int(year), int(month), int(day)) if year else
                date(int(zh_year), int(zh_month), int(zh_day)))  # fmt: skip
    except ValueError:
        raise BadValue(say("err.date.form", what=what, text=quoted(text))) from None


def parse_date(text: str, today: date, what: str = "date") -> date:
    """A date (parse_day) that is not in the future."""
    d = parse_day(text, what)
    if d > today:
        raise BadValue(say("err.date.future", what=what, day=d, today=today))
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
        raise BadValue(say("err.stamp.form", text=quoted(text)))
    year, month, day, hour, minute, second, fraction, _, sign, off_h, off_m = m.groups()
    low, high = STAMP_YEARS
    if not low <= int(year) <= high:  # also before any conversion could overflow
        raise BadValue(say("err.stamp.years", text=quoted(text), low=low, high=high))
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute),
                          int(second or 0), int((fraction or "").ljust(6, "0")))  # fmt: skip
    except ValueError:
        raise BadValue(say("err.stamp.moment", text=quoted(text))) from None
    if sign is not None:
        if int(off_h) > 23 or int(off_m) > 59:
            raise BadValue(say("err.stamp.offset", text=quoted(text)))
        offset = timedelta(hours=int(off_h), minutes=int(off_m))
        moment = moment - offset if sign == "+" else moment + offset
        if not low <= moment.year <= high:
            raise BadValue(say("err.stamp.years_utc", text=quoted(text), low=low, high=high))
    return f"{moment:%Y-%m-%dT%H:%M:%S.%f}Z"  # four-digit years: %Y gives 999 for 0999


def check_figure(goal: Goal, day: date, parsed: ParsedValue) -> None:
    """Refuse what cannot be true of this goal (see Goal.figure_problem)."""
    problem = goal.figure_problem(day, parsed.kind, parsed.value)
    if problem:
        raise BadValue(problem)


def content_digest(goal: str, day: date, parsed: ParsedValue, note: str, source: str,
                   unit: str | None = None) -> str:  # fmt: skip
    """A digest of every content field of a figure (not of who recorded it or when). A figure
    of the whole (no unit) has the digest it had before units were recorded, so a file
    imported then adds nothing when imported again."""
    value = parsed.status or ("" if parsed.value is None else plain(parsed.value))
    fields = (goal, day.isoformat(), parsed.kind, value, parsed.bound or "", note, source)
    raw = "\x1f".join((*fields, unit) if unit else fields)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]
