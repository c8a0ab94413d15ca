"""Exact decimal values: parsing user input, scaled-integer storage, display.

Values are kept as Python ``Decimal`` in the core and as integers scaled by
10**SCALE in the database, so sums in SQL are exact (0.1 + 0.2 is 0.3).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Context, Decimal, InvalidOperation, localcontext

from plantrack.errors import BadValue, quoted
from plantrack.i18n import say

SCALE = 4  # decimal places kept exactly
_PER_ONE = 10**SCALE  # units in 1
# Precision for exact rescaling and normalising: far more digits than any ledger
# value or sum can have, so these operations never round.
_EXACT = Context(prec=200, Emax=999_999, Emin=-999_999)
_ONE = Decimal(1)
MAX_ABS = Decimal(10) ** 14  # one value is < 10**18 units: inside a 64-bit integer

_PLAIN = re.compile(r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
# The common case (a signed decimal within range, at most SCALE places), checked
# in one step: import speed depends on it. Everything else takes the full path.
_FAST = re.compile(r"[+-]?[0-9]{1,14}(?:\.[0-9]{1,4})?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}


class NumberError(BadValue):
    """Raised with a user-facing message when text is not an accepted number."""


def parse_number(text: str) -> Decimal:
    """Parse an unsigned-or-signed decimal as plantrack accepts it.

    Accepted: ``12``, ``-3.5``, ``+0.25``, ``5.``, ``.5``, ``1,000`` (thousands
    groups of three: ``1,000`` is 1000, ``1,00`` is rejected), ``1万`` / ``1.5万``
    (x 10,000) and ``2亿`` (x 100,000,000); spaces and tabs around the text, after
    the sign and before 万/亿 are ignored. Rejected: empty text, NaN, infinities,
    exponents (``1e3``), non-ASCII digits (``１２``, ``١٢``), values with more than
    four decimal places once scaled (``0.00001``; ``0.00001万`` = 0.1 is fine) and
    magnitudes of 10**14 or more.
    """
    if _FAST.fullmatch(text):  # <= 18 digits: exact in the default context
        # Normal as written unless it has a trailing zero after the point ("2.50") or is
        # a zero ("-0.0"); a whole number is normal as an int is ("007" is 7, "-0" is 0).
        if "." not in text:
            return Decimal(int(text))
        return normalize(Decimal(text)) if text.endswith(("0", ".")) else Decimal(text)
    raw = text
    s = text.strip(" \t")
    if not s:
        raise NumberError(say("err.value.empty"))
    sign = 1
    if s[0] in "+-":
        sign = -1 if s[0] == "-" else 1
        s = s[1:].strip(" \t")
    multiplier = Decimal(1)
    if s and s[-1] in _MULTIPLIERS:
        multiplier = _MULTIPLIERS[s[-1]]
        s = s[:-1].strip(" \t")
    if _GROUPED.fullmatch(s):
        s = s.replace(",", "")
    if not _PLAIN.fullmatch(s):
        raise NumberError(say("err.value.plain_number", text=quoted(raw)))
    if len(s) > 40:
        raise NumberError(say("err.value.too_long", text=quoted(raw, 20)))
    with localcontext() as ctx:
        ctx.prec = 80  # exact for every literal the checks above admit
        try:
            value = Decimal(s) * multiplier * sign
        except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
            raise NumberError(say("err.value.plain_number", text=quoted(raw))) from None
        if abs(value) >= MAX_ABS:
            raise NumberError(say("err.value.too_large", text=quoted(raw)))
        if value != value.quantize(Decimal(1).scaleb(-SCALE)):
            raise NumberError(say("err.value.decimals", text=quoted(raw), n=SCALE))
    return normalize(value)


def normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (exact at any size)."""
    if value == 0:
        return Decimal(0)
    n = value.normalize(_EXACT)
    return n.quantize(_ONE, context=_EXACT) if n == n.to_integral_value() else n


def to_units(value: Decimal) -> int:
    """Decimal -> integer in units of 10**-SCALE (exact; input already validated)."""
    return int(value.scaleb(SCALE, _EXACT))


def from_units(units: int) -> Decimal:
    """Integer units -> Decimal, exactly (the default context would round past 28 digits)."""
    whole, rest = divmod(units, _PER_ONE)
    if rest == 0:  # most figures are counts: 8x faster, same Decimal as the general path
        return Decimal(whole)
    return normalize(Decimal(units).scaleb(-SCALE, _EXACT))


def plain(value: Decimal) -> str:
    """Canonical text: no exponent, no grouping, no trailing zeros ("0.3", "13000")."""
    return format(normalize(value), "f")


def grouped(value: Decimal | float | int, places: int | None = None) -> str:
    """Human text with thousands separators ("13,000", "0.3", "1,234.5")."""
    if isinstance(value, float):
        if places is None:
            places = 0 if abs(value) >= 100 or value == int(value) else 2
        return f"{value:,.{places}f}"
    d = normalize(Decimal(value))
    if places is not None:
        return f"{d:,.{places}f}"
    return f"{d:,f}"


def json_number(value: Decimal | None) -> int | float | None:
    """Decimal -> int when integral, else float (for JSON); None stays None."""
    if value is None:
        return None
    i = int(value)  # exact comparison with the Decimal: 2x faster than normalising
    return i if i == value else float(value)


def weighted_mean(values: Iterable[tuple[str, Decimal]],
                  weights: Iterable[tuple[str, Decimal]]) -> Decimal:  # fmt: skip
    """Σ wᵢ·vᵢ / Σ wᵢ over the keys of ``values`` (each with a weight > 0 in ``weights``)."""
    w = dict(weights)
    pairs = [(w[k], v) for k, v in values]
    return sum((a * v for a, v in pairs), Decimal(0)) / sum((a for a, _ in pairs), Decimal(0))
