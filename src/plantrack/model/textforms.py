"""Text forms that the readers (inputs/) and the writers (output/) of entry files share.

Defined once, so an exported ledger always imports back exactly.
"""

from __future__ import annotations

import re
from decimal import Decimal

from plantrack.model.numbers import plain

# Characters that would act on a terminal or reorder what it shows instead of being
# shown: C0 controls but tab and newline, DEL, C1 controls (ESC starts a terminal
# command; U+009B is one on its own), the bidirectional marks, overrides and
# isolates, and the line and paragraph separators. A plan may not hold them; what
# a ledger holds is shown with them escaped.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")
_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def format_value(kind: str, value: Decimal | None, status: str | None) -> str:
    """An entry's VALUE as the import format writes it: '12', '+3', '-2', 'done', ''."""
    if kind == "status":
        return status or ""
    if value is None:
        return ""
    if kind == "increment":
        return ("+" if value >= 0 else "") + plain(value)
    return plain(value)


def neutralise(text: str) -> str:
    """Make a CSV text cell safe to open in a spreadsheet (OWASP CSV injection).

    A cell a spreadsheet would run as a formula (leading = + - @ tab CR) gets
    a leading apostrophe; numbers such as -3 or +5 stay as they are. The escape
    is reversible (see restore), so an exported ledger imports back exactly.
    """
    if not text:
        return text
    if text[0] in _TRIGGERS and not _NUMBER.fullmatch(text):
        return "'" + text
    if text[0] == "'" and len(text) > 1 and text[1] in (*_TRIGGERS, "'"):
        return "'" + text
    return text


def restore(text: str) -> str:
    """Undo neutralise() on a cell read back from a CSV."""
    if len(text) > 1 and text[0] == "'" and text[1] in (*_TRIGGERS, "'"):
        return text[1:]
    return text
