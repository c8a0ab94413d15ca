"""The plan-file rules of the goal fields that lean on other values: waypoints, target_ref
(a target taken from an indicator of the same plan), baseline_from (a baseline taken from
another plan's goal). Functions of the validator's Checker, kept apart so that each file
stays short."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from plantrack.errors import quoted
from plantrack.i18n import say
from plantrack.model.numbers import plain
from plantrack.model.plan import WAYPOINT_KINDS, Goal, suggest
from plantrack.planfile.yamltree import Map, Node, Pos

if TYPE_CHECKING:
    from plantrack.planfile.validate import Checker

# How a message names a goal of a kind ("a milestone has no target; remove it").
KIND_PHRASE = {"milestone": "err.plan.milestone", "indicator": "err.plan.indicator",
               "growth": "err.plan.growth", "cumulative": "err.plan.cumulative"}  # fmt: skip


def target_ref(c: Checker, m: dict[str, Node], node: Node, label: str, kind: str | None,
               gid: str | None, unit: str | None) -> str | None:  # fmt: skip
    """The indicator goal whose latest figure is this level goal's target (checked once
    every goal is read: see check_refs)."""
    ref = c.text(m, "target_ref", node, label, required="target_ref" in m)
    if ref is None:
        return None
    if kind not in ("level", None):
        c.err(m["target_ref"].pos, say("err.plan.ref_kind"), label)
    elif gid is not None:
        c.refs.append((gid, ref, m["target_ref"].pos, unit or ""))
    return ref


def check_refs(c: Checker, ids: dict[str, int], goals: dict[str, Goal]) -> None:
    """Each target_ref names an indicator goal of the plan, counted in the same unit."""
    for gid, ref, pos, unit in c.refs:
        other = goals.get(ref)
        if ref not in ids:
            c.err(pos, say("err.plan.ref_unknown", ref=quoted(ref), hint=suggest(ref, ids)), gid)
        elif other is not None and other.kind != "indicator":
            c.err(pos, say("err.plan.ref_not_indicator", ref=quoted(ref), kind=other.kind), gid)
        elif other is not None and other.unit != unit:
            message = say("err.plan.ref_unit", ref=quoted(ref), other=quoted(other.unit),
                          unit=quoted(unit))  # fmt: skip
            c.err(pos, message, gid)


def baseline_from(c: Checker, m: dict[str, Node], node: Node, label: str,
                  kind: str | None) -> str | None:  # fmt: skip
    """PLAN_ID/GOAL_ID: the baseline is that goal's reading, read from the same ledger."""
    from plantrack.planfile.validate import _ID

    text = c.text(m, "baseline_from", node, label, required="baseline_from" in m)
    if text is None:
        return None
    pos = m["baseline_from"].pos
    plan_id, _, goal = text.partition("/")
    if not (_ID.fullmatch(plan_id) and _ID.fullmatch(goal)):
        c.err(pos, say("err.plan.baseline_from_form", text=quoted(text)), label)
        return None
    if kind not in ("level", "growth", None):
        c.err(pos, say("err.plan.baseline_from_kind"), label)
    elif "baseline" in m:
        c.err(pos, say("err.plan.baseline_from_and_baseline"), label)
    return text


def waypoints(c: Checker, m: dict[str, Node], label: str, kind: str | None, direction: str,
              start: tuple[date | None, Decimal | None],
              end: tuple[date | None, Decimal | None]) -> tuple[tuple[date, Decimal], ...]:
    """Interim targets ``{date: value}``: each date once, strictly between the baseline date
    and the deadline; the values strictly between the baseline and the target, moving
    towards the target; in date order."""
    node = m.get("waypoints")
    if node is None or kind is None:
        return ()
    if kind not in WAYPOINT_KINDS:
        phrase = say(KIND_PHRASE[kind])
        c.err(node.pos, say("err.plan.kind_has_no", kind=phrase, key="waypoints"), label)
        return ()
    if not isinstance(node, Map) or not node.items:
        c.err(node.pos, say("err.plan.waypoints_form", form="{2026-12-31: 2.2}"), label)
        return ()
    (first, base), (deadline, target) = start, end
    found: list[tuple[date, Decimal, Pos]] = []
    seen: dict[str, Pos] = {}
    for key, value in node.items:
        if key.value in seen:
            message = say("err.plan.duplicate_key", key=quoted(key.value),
                          line=seen[key.value].line)  # fmt: skip
            c.err(key.pos, message, label)
            continue
        seen[key.value] = key.pos
        day, _ = c.day({"waypoints": key}, "waypoints", node, label)
        name = f"waypoints {key.value}"
        number, _ = c.number({name: value}, name, label, required=True)
        if day is None or number is None:
            continue
        if first and deadline and not first < day < deadline:
            message = say("err.plan.waypoint_date", day=str(day), start=str(first),
                          deadline=str(deadline))  # fmt: skip
            c.err(key.pos, message, label)
        found.append((day, number, key.pos))
    found.sort()
    sign = -1 if direction == "down" else 1
    before = base
    for day, value, pos in found:
        if ((before is not None and (value - before) * sign <= 0)
                or (target is not None and (target - value) * sign <= 0)):  # fmt: skip
            low = say("err.plan.the_baseline") if before is None else plain(before)
            high = say("err.plan.the_target") if target is None else plain(target)
            message = say("err.plan.waypoint_order", day=str(day), value=plain(value),
                          before=low, target=high)  # fmt: skip
            c.err(pos, message, label)
        before = value
    return tuple((day, value) for day, value, _ in found)
