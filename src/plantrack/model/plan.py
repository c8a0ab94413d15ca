"""A plan and its goals, as validated from a plan file: frozen, no I/O."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from plantrack.errors import NotFoundError, ValidationError
from plantrack.i18n import Message, say
from plantrack.model.numbers import plain

KINDS = ("increase", "level", "growth", "cumulative", "milestone", "indicator")
# The kinds with a number to reach (a milestone has a status, an indicator nothing to reach).
TARGET_KINDS = ("increase", "level", "growth", "cumulative")
# The kinds whose plan line may run through interim targets (``waypoints``).
WAYPOINT_KINDS = ("increase", "level", "cumulative")
DIRECTIONS = ("up", "down")
METHODS = ("linear", "cagr")
MILESTONE_STATUSES = ("not_started", "in_progress", "done")


@dataclass(frozen=True)
class Goal:
    id: str
    title_zh: str
    title_en: str
    section: str
    kind: str
    unit: str
    target: Decimal | None
    deadline: date | None
    baseline: Decimal | None  # None: a level goal whose first reading is its baseline
    baseline_date: date
    baseline_stock: Decimal | None  # set: entries are stock readings, progress = stock - this
    direction: str
    approximate: bool
    tolerance: Decimal  # absolute, in the goal's unit; 0 = exact
    stretch: bool
    method: str | None
    source: str
    notes: tuple[str, ...] = ()
    line: int = 0
    # "lower": the baseline stock was itself published as a lower bound (突破/超过),
    # so progress computed from it is an estimate, not a bound
    baseline_stock_bound: str | None = None
    # interim targets (date, value) in the goal's terms, in date order, strictly between the
    # baseline date and the deadline: the plan line runs through each of them
    waypoints: tuple[tuple[date, Decimal], ...] = ()
    # a level goal whose target is the latest figure of this indicator goal of the same plan
    # ("达到全国平均水平"); its ``target`` is None in the plan and set by the report
    target_ref: str | None = None
    # "PLAN_ID/GOAL_ID": the baseline is that goal's reading on or before baseline_date, from
    # the same ledger (a goal carried over from an earlier plan); set by the report
    baseline_from: str | None = None
    # the target split over units of the plan (指标分解): (unit id, its share), in the
    # plan's order. A sum goal's shares add up to its target; a level goal's are each
    # unit's own level to reach, rolled up only by ``weights`` (unit id, weight).
    breakdown: tuple[tuple[str, Decimal], ...] = ()
    weights: tuple[tuple[str, Decimal], ...] = ()
    lead: str = ""  # the lead unit or department (牵头单位)
    # set on one unit's slice of a broken-down goal (see ``slice``): that unit's id
    part: str = ""

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    @property
    def is_milestone(self) -> bool:
        return self.kind == "milestone"

    @property
    def has_target(self) -> bool:
        """A goal with a number to reach (which a target_ref goal may not have yet)."""
        return self.kind in TARGET_KINDS

    @property
    def counts_amounts(self) -> bool:
        """Entries are each period's amount (a year's spending), added up: a plain value is
        recorded as an increment, not as a total."""
        return self.kind == "cumulative"

    @property
    def shares(self) -> dict[str, Decimal]:
        return dict(self.breakdown)

    @property
    def rolls_up(self) -> bool:
        """The units' figures make the goal's: added up (increase, cumulative), or as a
        weighted mean (a level goal with weights)."""
        return bool(self.breakdown) and (self.kind != "level" or bool(self.weights))

    def slice(self, unit: str) -> Goal:
        """One unit's part of a broken-down goal: its share is the target, reached at the
        same pace (a sum goal's tolerance in proportion to the share)."""
        share = self.shares[unit]
        tolerance = self.tolerance
        if self.kind != "level" and self.target:
            tolerance = self.tolerance * share / self.target
        baseline = None if self.kind == "level" else self.baseline
        return replace(self, target=share, baseline=baseline, tolerance=tolerance,
                       waypoints=(), breakdown=(), weights=(), part=unit)  # fmt: skip

    def figure_problem(self, day: date, kind: str, value: Decimal | None) -> Message | None:
        """Why a figure cannot be true of this goal, or None: a number on a milestone, a
        status on a number goal, a date before the baseline, a share outside 0-100%."""
        if self.is_milestone and kind not in ("status", "note"):
            kind_word = say(f"err.kind.{kind}")
            return say("err.goal.milestone_number", goal=repr(self.id), kind=kind_word)
        if not self.is_milestone and kind == "status":
            return say("err.goal.number_status", goal=repr(self.id))
        if day < self.baseline_date:
            return say("err.goal.before_baseline", day=day, baseline=self.baseline_date,
                       goal=repr(self.id))
        if self.unit == "%" and value is not None:
            low = -100 if kind == "increment" else 0
            if not low <= value <= 100:
                what = say("err.share_change" if kind == "increment" else "err.share")
                return say("err.goal.percent_range", goal=repr(self.id), what=what, low=low,
                           value=plain(value))
        return None


@dataclass(frozen=True)
class Plan:
    id: str
    name_zh: str
    name_en: str
    issuer: str
    issued: date | None
    document: str
    period_start: date
    period_end: date
    source: str
    url: str
    goals: tuple[Goal, ...]
    path: str = ""
    # section id -> {"zh": name, "en": name}; sections without names show their id
    section_names: dict[str, dict[str, str]] = field(default_factory=dict)
    # what the plan file leaves out, when it encodes only part of the plan ("" : all of it)
    partial: str = ""
    # unit id -> {"zh": name, "en": name}: the cities or departments targets are split over
    units: dict[str, dict[str, str]] = field(default_factory=dict)
    # Not an init field, so dataclasses.replace() builds a fresh index.
    _index: dict[str, Goal] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {g.id: g for g in self.goals})

    def name(self, lang: str) -> str:
        return self.name_zh if lang == "zh" else self.name_en

    def goal(self, goal_id: str) -> Goal:
        """The goal with this id, or NotFoundError with a did-you-mean hint."""
        try:
            return self._index[goal_id]
        except KeyError:
            hint = suggest(goal_id, self._index)
            raise NotFoundError(say("err.goal.unknown", goal=repr(goal_id), hint=hint)) from None

    def named(self, name: str) -> Goal:
        """The goal a person names: by its id, by the start of its id, or by a piece of its
        Chinese or English title (``省实验室``, ``provincial lab``), when only one goal has
        it. None: NotFoundError; several: AmbiguousName, listing them."""
        if name in self._index:
            return self._index[name]
        key = name.strip().casefold()
        if key:
            by_id = [g for g in self.goals if g.id.casefold().startswith(key)]
            found = by_id or [g for g in self.goals if key in g.title_zh.casefold()
                              or key in g.title_en.casefold()]  # fmt: skip
            if len(found) == 1:
                return found[0]
            if found:
                raise AmbiguousName(name, found)
        return self.goal(name)  # not found: the did-you-mean message

    def has_goal(self, goal_id: str) -> bool:
        return goal_id in self._index

    @property
    def sections(self) -> list[str]:
        return list(dict.fromkeys(g.section for g in self.goals))

    def section_name(self, section: str, lang: str) -> str:
        return self.section_names.get(section, {}).get(lang, section)

    def unit_name(self, unit: str, lang: str) -> str:
        return self.units.get(unit, {}).get(lang, unit)

    def unit_named(self, name: str, among: Iterable[str] | None = None) -> str:
        """The id of the unit a person names: its id, its English name, or its Chinese name
        with or without the 市/省/县/区 that ends it (郑州 or 郑州市). ``among``: the units to
        choose from (a goal's breakdown); a name outside them is NotFoundError listing them."""
        choices = list(self.units if among is None else among)
        key = name.strip()
        for unit in choices:
            names = self.units.get(unit, {})
            zh, en = names.get("zh", ""), names.get("en", "")
            if key in (unit, zh, _bare(zh)) or key.casefold() == en.casefold():
                return unit
        listed = "、".join(f"{u} ({self.unit_name(u, 'zh')})" for u in choices)
        if not choices:
            raise NotFoundError(say("err.unit.none", unit=repr(name)))
        raise NotFoundError(say("err.unit.unknown", unit=repr(name), units=listed))

    def unit_of(self, goal: Goal, name: str) -> str:
        """The unit of ``goal``'s breakdown a person names (see ``unit_named``); a goal without
        a breakdown, or a unit outside it, is a ValidationError listing its units."""
        if not goal.breakdown:
            raise ValidationError(say("err.unit.no_breakdown", goal=repr(goal.id)))
        units = [u for u, _ in goal.breakdown]
        try:
            return self.unit_named(name, among=units)
        except NotFoundError:
            listed = "、".join(f"{u} ({self.unit_name(u, 'zh')})" for u in units)
            raise ValidationError(say("err.unit.not_in_breakdown", goal=repr(goal.id),
                                      unit=repr(name), units=listed)) from None


def _bare(name: str) -> str:
    """A Chinese unit name without the 市/省/县/区 that ends it (郑州市 -> 郑州)."""
    return name[:-1] if len(name) > 2 and name[-1] in "市省县区" else name


class AmbiguousName(ValidationError):
    """A name that fits several goals: each is listed with its id and titles."""

    def __init__(self, name: str, goals: list[Goal]) -> None:
        shown = goals[:MAX_CANDIDATES]
        lines: list[str | Message] = [f"  {g.id}  {g.title_zh} / {g.title_en}" for g in shown]
        if len(goals) > len(shown):
            lines.append(say("err.goal.more", n=len(goals) - len(shown)))
        super().__init__(lines, say("err.goal.ambiguous", name=repr(name), n=len(goals)))


MAX_CANDIDATES = 12


def suggest(word: str, choices: Iterable[str]) -> Message | str:
    """'; did you mean 'x'?' when a close match exists, else ''."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return say("err.did_you_mean", word=repr(close[0])) if close else ""
