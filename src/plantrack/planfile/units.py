"""The plan's units (cities, departments) and each goal's breakdown over them (指标分解):
the shares of a sum goal add up to its target, exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from plantrack.errors import quoted
from plantrack.i18n import say
from plantrack.model.numbers import plain, weighted_mean
from plantrack.model.plan import suggest
from plantrack.planfile.kinds import KIND_PHRASE
from plantrack.planfile.yamltree import Map, Node, Pos

if TYPE_CHECKING:
    from plantrack.planfile.validate import Checker

# The kinds a breakdown can split: a sum (shares add up to the target) or a level (each
# share is that unit's own level to reach).
BREAKDOWN_KINDS = ("increase", "cumulative", "level")
SUM_KINDS = ("increase", "cumulative")


def declared(c: Checker, node: Node | None) -> dict[str, dict[str, str]]:
    """Optional top-level ``units:`` mapping: id -> {zh: name, en: name}."""
    from plantrack.planfile.validate import _ID

    if node is None:
        return {}
    if not isinstance(node, Map):
        c.err(node.pos, say("err.plan.units", form="{zh: 郑州市, en: Zhengzhou}"))
        return {}
    names: dict[str, dict[str, str]] = {}
    for key, value in node.items:
        if key.value in names:
            c.err(key.pos, say("err.plan.duplicate_unit", unit=quoted(key.value)))
            continue
        if not _ID.fullmatch(key.value):
            c.err(key.pos, say("err.plan.unit_id", text=quoted(key.value)))
            continue
        m = c.mapping(value, ("zh", "en"), say("err.plan.in_unit", unit=quoted(key.value)))
        if m is None:
            continue
        zh, en = c.text(m, "zh", value, None), c.text(m, "en", value, None)
        if zh is not None and en is not None:
            names[key.value] = {"zh": zh, "en": en}
    return names


def _shares(c: Checker, node: Node, key: str, label: str,
            units: dict[str, dict[str, str]]) -> list[tuple[str, Decimal, Pos]]:  # fmt: skip
    """A ``{unit: number}`` mapping: each unit declared and given once, each number >= 0."""
    if not isinstance(node, Map) or not node.items:
        c.err(node.pos, say("err.plan.breakdown_form", key=key, form="{zhengzhou: 5, luoyang: 3}"),
              label)  # fmt: skip
        return []
    found: list[tuple[str, Decimal, Pos]] = []
    seen: dict[str, Pos] = {}
    for k, value in node.items:
        unit = k.value
        if unit in seen:
            c.err(k.pos, say("err.plan.duplicate_key", key=quoted(unit), line=seen[unit].line),
                  label)  # fmt: skip
            continue
        seen[unit] = k.pos
        if unit not in units:
            why = (say("err.plan.undeclared_unit", unit=quoted(unit), hint=suggest(unit, units))
                   if units else say("err.plan.no_units", unit=quoted(unit)))  # fmt: skip
            c.err(k.pos, why, label)
            continue
        number, _ = c.number({f"{key}.{unit}": value}, f"{key}.{unit}", label, required=True)
        if number is not None and number < 0:
            c.err(value.pos, say("err.plan.negative", key=f"{key}.{unit}"), label)
        elif number is not None:
            found.append((unit, number, value.pos))
    return found


def breakdown(
    c: Checker,
    m: dict[str, Node],
    label: str,
    kind: str | None,
    target: Decimal | None,
    baseline: Decimal | None,
    direction: str,
    units: dict[str, dict[str, str]],
) -> tuple[tuple[tuple[str, Decimal], ...], tuple[tuple[str, Decimal], ...]]:
    """(breakdown, weights) of a goal: declared units, the kind's rule on the shares."""
    node, weights_node = m.get("breakdown"), m.get("weights")
    if node is None:
        if weights_node is not None:
            c.err(weights_node.pos, say("err.plan.weights_alone"), label)
        return (), ()
    if kind is None:  # an unknown kind is reported already
        return (), ()
    if kind not in BREAKDOWN_KINDS:
        c.err(node.pos, say("err.plan.kind_has_no", kind=say(KIND_PHRASE[kind]), key="breakdown"),
              label)  # fmt: skip
        return (), ()
    for key, why in (("baseline_stock", "err.plan.breakdown_stock"),
                     ("target_ref", "err.plan.breakdown_ref")):  # fmt: skip
        if key in m:
            c.err(node.pos, say(why), label)
            return (), ()
    if kind in SUM_KINDS and baseline:
        c.err(node.pos, say("err.plan.breakdown_baseline", baseline=plain(baseline)), label)
        return (), ()
    found = _shares(c, node, "breakdown", label, units)
    if not isinstance(node, Map) or len(found) != len(node.items):
        return (), ()  # reported already; the sum of what is left would say nothing
    shares = tuple((u, v) for u, v, _ in found)
    weights: tuple[tuple[str, Decimal], ...] = ()
    if weights_node is not None:
        weights = _weights(c, weights_node, label, kind, shares, units)
    if target is None:
        return shares, weights  # the target is wrong: reported already
    if kind in SUM_KINDS:
        total = sum((v for _, v in shares), Decimal(0))
        if total != target:
            c.err(node.pos, say("err.plan.breakdown_sum", total=plain(total), target=plain(target),
                                n=len(shares)), label)  # fmt: skip
    elif weights:
        mean = weighted_mean(shares, weights)
        short = mean < target if direction == "up" else mean > target
        if short:
            c.err(node.pos, say("err.plan.breakdown_weighted", mean=plain(round(mean, 4)),
                                target=plain(target)), label)  # fmt: skip
    return shares, weights


def _weights(c: Checker, node: Node, label: str, kind: str,
             shares: tuple[tuple[str, Decimal], ...],
             units: dict[str, dict[str, str]]) -> tuple[tuple[str, Decimal], ...]:  # fmt: skip
    """A level goal's weights: one positive weight for each unit of its breakdown."""
    if kind != "level":
        c.err(node.pos, say("err.plan.weights_kind"), label)
        return ()
    found = _shares(c, node, "weights", label, units)
    zero = [(u, pos) for u, w, pos in found if w == 0]
    for unit, pos in zero:
        c.err(pos, say("err.plan.weight_zero", unit=quoted(unit)), label)
    if zero:
        return ()
    given, wanted = [u for u, _, _ in found], [u for u, _ in shares]
    if set(given) != set(wanted) and len(found) == len(node.items if isinstance(node, Map) else ()):
        c.err(node.pos, say("err.plan.weights_units", units=", ".join(wanted)), label)
        return ()
    by_unit = {u: w for u, w, _ in found}
    return tuple((u, by_unit[u]) for u in wanted if u in by_unit)
