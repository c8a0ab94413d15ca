"""The plan validator: walks the YAML tree and builds Goals, collecting every problem."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from plantrack.errors import quoted
from plantrack.i18n import Message, say
from plantrack.model.numbers import NumberError, parse_number
from plantrack.model.plan import DIRECTIONS, KINDS, METHODS, TARGET_KINDS, Goal, Plan, suggest
from plantrack.model.textforms import UNSHOWABLE
from plantrack.planfile import kinds, units
from plantrack.planfile.kinds import KIND_PHRASE as _KIND_PHRASE
from plantrack.planfile.yamltree import Map, Node, Pos, Scalar, Seq

_ID = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# YAML 1.1 tools (and the editor schema check) read a plain 010 as octal 8.
_LEADING_ZERO = re.compile(r"[+-]?0[0-9]+")
# Plain scalars that YAML 1.1 would silently turn into booleans or null.
YAML11_SPECIAL = {
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
}  # fmt: skip

PLAN_KEYS = (
    "id", "name_zh", "name_en", "issuer", "issued", "document",
    "period_start", "period_end", "source", "url", "partial",
)  # fmt: skip
GOAL_KEYS = (
    "id", "title_zh", "title_en", "section", "kind", "unit", "target", "deadline",
    "baseline", "baseline_date", "baseline_stock", "baseline_stock_bound", "direction",
    "approximate", "tolerance", "stretch", "method", "source", "notes", "waypoints",
    "target_ref", "baseline_from", "breakdown", "weights", "lead",
)  # fmt: skip
TOP_KEYS = ("plan", "sections", "units", "goals")


def goal_id(goal: Node) -> str | None:
    """The goal's id if it is a valid one (the same test the checker applies)."""
    if isinstance(goal, Map):
        for k, v in goal.items:
            if k.value == "id":
                if (
                    isinstance(v, Scalar)
                    and _ID.fullmatch(v.value)
                    and not (v.plain and v.value in YAML11_SPECIAL)
                ):
                    return v.value
                return None
    return None


def goal_label(goal: Node) -> str:
    """How messages name a goal: its id when that is a valid one, else '#line'."""
    return goal_id(goal) or f"#{goal.pos.line}"


def _got(node: Node) -> Message:
    """What was found instead: 'got 'ten'', 'got a list or mapping', 'got an empty value'."""
    if not isinstance(node, Scalar):
        return say("err.plan.got_collection")
    return say("err.plan.got", text=quoted(node.value)) if node.value else say("err.plan.got_empty")


def _is_number(text: str) -> bool:
    try:
        parse_number(text)
    except NumberError:
        return False
    return True


class Checker:
    """Walks the YAML tree, collecting every problem with its position."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.found: list[tuple[int, int, Message]] = []  # (line, column, message)
        self.refs: list[tuple[str, str, Pos, str]] = []  # (goal, its target_ref, where, unit)
        self.units: dict[str, dict[str, str]] = {}  # the plan's units, read before its goals

    def err(self, pos: Pos, msg: str | Message, goal: str | None = None) -> None:
        what = say("err.goal_at", goal=quoted(goal), what=msg) if goal else msg
        message = say("err.at", where=f"{self.name}:{pos.line}:{pos.column}", what=what)
        self.found.append((pos.line, pos.column, message))

    @property
    def problems(self) -> list[Message]:
        """Every problem, top to bottom (a stable sort keeps same-place ones in order)."""
        return [message for *_, message in sorted(self.found, key=lambda f: f[:2])]

    # -- structure helpers

    def mapping(
        self, node: Node, allowed: tuple[str, ...], what: Message, goal: str | None = None
    ) -> dict[str, Node] | None:
        if not isinstance(node, Map):
            self.err(node.pos, say("err.plan.not_mapping", where=what), goal)
            return None
        out: dict[str, Node] = {}
        first_at: dict[str, Pos] = {}
        for key, value in node.items:
            k = key.value
            if k in out:
                prev = first_at[k]
                self.err(key.pos, say("err.plan.duplicate_key", key=quoted(k), line=prev.line),
                         goal)  # fmt: skip
                continue
            if k not in allowed:
                unknown = "err.plan.unknown_goal_key" if goal else "err.plan.unknown_key"
                message = say(unknown, key=quoted(k), where=what, hint=suggest(k, allowed))
                self.err(key.pos, message, goal)
                continue
            out[k] = value
            first_at[k] = key.pos
        return out

    def text(
        self, m: dict[str, Node], key: str, parent: Node, goal: str | None, required: bool = True
    ) -> str | None:
        node = m.get(key)
        if node is None:
            if required:
                self.err(parent.pos, say("err.plan.missing_key", key=quoted(key)), goal)
            return None
        if not isinstance(node, Scalar):
            self.err(node.pos, say("err.plan.not_text", key=key), goal)
            return None
        if not node.value.strip():  # quoted "" is as empty as a bare key
            if required:
                self.err(node.pos, say("err.plan.empty", key=key), goal)
            return None
        if node.plain and node.value.lower() in YAML11_SPECIAL:
            message = say("err.plan.yaml11_word", key=key, text=quoted(node.value), raw=node.value)
            self.err(node.pos, message, goal)
            return None
        return self.showable(node, key, goal)

    def showable(self, node: Scalar, key: str, goal: str | None) -> str | None:
        """The text, unless it holds a character that would act on a terminal or reorder
        what is shown (a NUL or ESC written as an escape, a bidirectional override)."""
        bad = UNSHOWABLE.search(node.value)
        if bad is None:
            return node.value
        message = say("err.plan.control_character", key=key, code=f"{ord(bad[0]):04X}")
        self.err(node.pos, message, goal)
        return None

    def number(
        self, m: dict[str, Node], key: str, goal: str | None, required: bool = False
    ) -> tuple[Decimal | None, Pos | None]:
        node = m.get(key)
        if node is None:
            return None, None
        if not isinstance(node, Scalar):
            self.err(node.pos, say("err.plan.not_number", key=key, got=_got(node), hint=""), goal)
            return None, node.pos
        text = quoted(node.value)
        if not node.plain:
            hint = say("err.plan.quoted_number") if _is_number(node.value) else ""
            self.err(node.pos, say("err.plan.not_number", key=key, got=_got(node), hint=hint),
                     goal)  # fmt: skip
            return None, node.pos
        if node.value in ("", "~", "null"):
            if required:
                message = say("err.plan.not_number", key=key, got=say("err.plan.got_empty"),
                              hint="")  # fmt: skip
                self.err(node.pos, message, goal)
            return None, node.pos
        if _LEADING_ZERO.fullmatch(node.value):
            self.err(node.pos, say("err.plan.leading_zero", key=key, text=text), goal)
            return None, node.pos
        try:
            return parse_number(node.value), node.pos
        except NumberError as exc:
            why = exc.said.key if isinstance(exc.said, Message) else ""
            if why == "err.value.too_large":
                # A number, but not one plantrack can keep exactly: say why.
                message = say("err.plan.too_large", key=key, text=text)
            elif why == "err.value.decimals":
                message = say("err.plan.decimals", key=key, text=text, n=exc.said.values["n"])
            else:
                message = say("err.plan.not_number", key=key, got=_got(node), hint="")
            self.err(node.pos, message, goal)
            return None, node.pos

    def day(self, m: dict[str, Node], key: str, parent: Node, goal: str | None,
            required: bool = True) -> tuple[date | None, Pos | None]:  # fmt: skip
        node = m.get(key)
        if node is None:
            if required:
                self.err(parent.pos, say("err.plan.missing_key", key=quoted(key)), goal)
            return None, None
        if not isinstance(node, Scalar) or not _DATE.fullmatch(node.value):
            self.err(node.pos, say("err.plan.not_date", key=key, got=_got(node)), goal)
            return None, node.pos
        try:
            return date.fromisoformat(node.value), node.pos
        except ValueError:
            message = say("err.plan.no_such_date", key=key, text=quoted(node.value))
            self.err(node.pos, message, goal)
            return None, node.pos

    def flag(self, m: dict[str, Node], key: str, goal: str | None) -> bool:
        node = m.get(key)
        if node is None:
            return False
        if isinstance(node, Scalar) and node.plain and node.value in ("true", "false"):
            return node.value == "true"
        self.err(node.pos, say("err.plan.not_flag", key=key, got=_got(node)), goal)
        return False

    def choice(self, m: dict[str, Node], key: str, options: tuple[str, ...], parent: Node,
               goal: str | None, default: str | None) -> str | None:  # fmt: skip
        node = m.get(key)
        if node is None:
            if default is None:
                self.err(parent.pos, say("err.plan.missing_key", key=quoted(key)), goal)
            return default
        if not isinstance(node, Scalar) or node.value not in options:
            hint = suggest(node.value, options) if isinstance(node, Scalar) else ""
            message = say("err.plan.not_choice", key=key, options=", ".join(options),
                          got=_got(node), hint=hint)  # fmt: skip
            self.err(node.pos, message, goal)
            return default
        return node.value

    # -- the document

    def plan(self, root: Node | None) -> Plan | None:
        if root is None:
            self.err(Pos(1, 1), say("err.plan.no_content"))
            return None
        top = self.mapping(root, TOP_KEYS, say("err.plan.in_file"))
        if top is None:
            return None
        meta_node = top.get("plan")
        goals_node = top.get("goals")
        self.units = units.declared(self, top.get("units"))
        if meta_node is None:
            self.err(root.pos, say("err.plan.missing_key", key=quoted("plan")))
        if goals_node is None:
            self.err(root.pos, say("err.plan.missing_key", key=quoted("goals")))
        in_plan = say("err.plan.in_plan")
        meta = self.mapping(meta_node, PLAN_KEYS, in_plan) if meta_node is not None else None
        if meta is None or meta_node is None:
            if goals_node is not None:  # still check them: one run reports every problem
                self.goals(goals_node, None)
            return None
        plan_id = self.text(meta, "id", meta_node, None)
        if plan_id is not None and not _ID.fullmatch(plan_id):
            self.err(meta["id"].pos, say("err.plan.plan_id", text=quoted(plan_id)))
        start, _ = self.day(meta, "period_start", meta_node, None)
        end, end_pos = self.day(meta, "period_end", meta_node, None)
        if start and end and end <= start:
            self.err(end_pos or meta_node.pos, say("err.plan.period"))
        issued, _ = self.day(meta, "issued", meta_node, None, required=False)
        fields = {
            k: self.text(meta, k, meta_node, None, required=k in ("name_zh", "name_en"))
            for k in ("name_zh", "name_en", "issuer", "document", "source", "url", "partial")
        }
        names = self.section_names(top.get("sections"))
        goals = self.goals(goals_node, start) if goals_node is not None else []
        if names and goals_node is not None:
            self.known_sections(goals_node, names)
        if self.found or plan_id is None or start is None or end is None:
            return None
        return Plan(
            id=plan_id,
            name_zh=fields["name_zh"] or "",
            name_en=fields["name_en"] or "",
            issuer=fields["issuer"] or "",
            issued=issued,
            document=fields["document"] or "",
            period_start=start,
            period_end=end,
            source=fields["source"] or "",
            url=fields["url"] or "",
            goals=tuple(goals),
            path=self.name,
            section_names=names,
            partial=fields["partial"] or "",
            units=self.units,
        )

    def section_names(self, node: Node | None) -> dict[str, dict[str, str]]:
        """Optional `sections:` mapping: id -> {zh: name, en: name}."""
        if node is None:
            return {}
        if not isinstance(node, Map):
            self.err(node.pos, say("err.plan.sections", form="{zh: ..., en: ...}"))
            return {}
        names: dict[str, dict[str, str]] = {}
        for key, value in node.items:
            if key.value in names:
                self.err(key.pos, say("err.plan.duplicate_section", section=quoted(key.value)))
                continue
            where = say("err.plan.in_section", section=quoted(key.value))
            m = self.mapping(value, ("zh", "en"), where)
            if m is None:
                continue
            zh, en = self.text(m, "zh", value, None), self.text(m, "en", value, None)
            if zh is not None and en is not None:
                names[key.value] = {"zh": zh, "en": en}
        return names

    def known_sections(self, goals_node: Node, names: dict[str, dict[str, str]]) -> None:
        """With `sections:` given, every goal's section must be one of them."""
        if not isinstance(goals_node, Seq):
            return
        for item in goals_node.items:
            if not isinstance(item, Map):
                continue
            for key, value in item.items:
                known = not isinstance(value, Scalar) or value.value in names
                if key.value == "section" and not known:
                    assert isinstance(value, Scalar)
                    hint = suggest(value.value, names)
                    message = say("err.plan.unlisted_section", section=quoted(value.value),
                                  hint=hint)  # fmt: skip
                    self.err(value.pos, message, goal_id(item))

    def goals(self, node: Node, start: date | None) -> list[Goal]:
        if not isinstance(node, Seq):
            self.err(node.pos, say("err.plan.goals_list"))
            return []
        if not node.items:
            self.err(node.pos, say("err.plan.no_goals"))
        out: list[Goal] = []
        seen: dict[str, int] = {}
        for item in node.items:
            goal = self.goal(item, start)
            # Judged on the id alone, so a duplicate is found even when either
            # copy has other problems too.
            gid = goal_id(item)
            if gid is not None:
                if gid in seen:
                    self.err(item.pos, say("err.plan.duplicate_goal", line=seen[gid]), gid)
                    continue
                seen[gid] = item.pos.line
            if goal is not None:
                out.append(goal)
        if self.refs:
            kinds.check_refs(self, seen, {g.id: g for g in out})
        return out

    def goal(self, node: Node, start: date | None) -> Goal | None:
        label = goal_label(node)
        m = self.mapping(node, GOAL_KEYS, say("err.plan.in_goal"),
                         label if isinstance(node, Map) else None)  # fmt: skip
        if m is None:
            return None
        before = len(self.found)
        gid = self.text(m, "id", node, None)
        if gid is not None and not _ID.fullmatch(gid):
            self.err(m["id"].pos, say("err.plan.goal_id", text=quoted(gid)))
            gid = None
        kind = self.choice(m, "kind", KINDS, node, label, None)
        title_zh = self.text(m, "title_zh", node, label)
        title_en = self.text(m, "title_en", node, label)
        section = self.text(m, "section", node, label)
        unit = self.text(m, "unit", node, label, required=kind not in ("milestone", None))
        source = self.text(m, "source", node, label)
        direction = self.choice(m, "direction", DIRECTIONS, node, label, "up") or "up"
        method = self.choice(m, "method", METHODS, node, label, "") or None
        if kind == "growth" and "method" in m:  # judged by its own measure: the growth rate
            self.err(m["method"].pos, say("err.plan.kind_has_no", kind=say("err.plan.growth"),
                                          key="method"), label)  # fmt: skip
        approximate = self.flag(m, "approximate", label)
        stretch = self.flag(m, "stretch", label)
        notes = self.notes(m, label)
        # Dates first: a goal missing both lists the missing deadline, then the target.
        deadline, baseline_date = self.dates(m, node, label, kind, start)
        target, baseline = self.target(m, node, label, kind, direction)
        stock, stock_bound = self.stock(m, node, label, kind)
        tolerance = self.tolerance(m, label, kind, unit, target, baseline, approximate)
        ref = carried = None
        waypoints: tuple[tuple[date, Decimal], ...] = ()
        lead = self.text(m, "lead", node, label, required=False) if "lead" in m else None
        shares = weights = ()
        if "breakdown" in m or "weights" in m:
            shares, weights = units.breakdown(self, m, label, kind, target, baseline, direction,
                                              self.units)  # fmt: skip
        if "target_ref" in m:  # (most goals have none of these: no calls for them)
            ref = kinds.target_ref(self, m, node, label, kind, gid, unit)
        if "baseline_from" in m:
            carried = kinds.baseline_from(self, m, node, label, kind)
        if "waypoints" in m:
            waypoints = kinds.waypoints(self, m, label, kind, direction,
                                        (baseline_date, baseline), (deadline, target))
        if len(self.found) > before or gid is None or kind is None or baseline_date is None:
            return None
        return Goal(
            id=gid, title_zh=title_zh or "", title_en=title_en or "", section=section or "",
            kind=kind, unit=unit or "", target=target, deadline=deadline, baseline=baseline,
            baseline_date=baseline_date, baseline_stock=stock, direction=direction,
            approximate=approximate, tolerance=tolerance, stretch=stretch, method=method,
            source=source or "", notes=notes, line=node.pos.line,
            baseline_stock_bound=stock_bound, waypoints=waypoints, target_ref=ref,
            baseline_from=carried, breakdown=shares, weights=weights, lead=lead or "",
        )  # fmt: skip

    def target(
        self, m: dict[str, Node], node: Node, label: str, kind: str | None, direction: str
    ) -> tuple[Decimal | None, Decimal | None]:
        """(target, baseline): required for the kinds with a target, refused for the others;
        a level goal's target_ref stands for its target."""
        has_target = kind in TARGET_KINDS
        by_ref = kind == "level" and "target_ref" in m
        target, target_pos = self.number(m, "target", label, required=has_target and not by_ref)
        baseline, baseline_pos = self.number(m, "baseline", label)
        if not has_target:
            if kind is not None:  # an unknown kind is reported already
                for key, pos in (("target", target_pos), ("baseline", baseline_pos)):
                    if pos is not None:
                        message = say("err.plan.kind_has_no", kind=say(_KIND_PHRASE[kind]),
                                      key=key)  # fmt: skip
                        self.err(pos, message, label)
            return None, None
        where = target_pos or node.pos
        if by_ref:
            if target_pos is not None:
                self.err(target_pos, say("err.plan.ref_and_target"), label)
            return None, baseline
        if "target" not in m:
            self.err(node.pos, say("err.plan.missing_key", key=quoted("target")), label)
        elif target is not None and target < 0:
            got = say("err.plan.got", text=str(target))
            self.err(where, say("err.plan.negative_got", key="target", got=got), label)
        if kind == "growth":  # a rate in % a year, from the series' value at the baseline date
            if target == 0:
                self.err(where, say("err.plan.growth_target"), label)
            if baseline is not None and baseline <= 0:
                self.err(baseline_pos or where, say("err.plan.growth_baseline"), label)
            if direction == "down":
                self.err(m["direction"].pos, say("err.plan.growth_down"), label)
            return target, baseline
        if kind == "cumulative" and baseline_pos is not None:  # a sum since the baseline date
            message = say("err.plan.kind_has_no", kind=say("err.plan.cumulative"), key="baseline")
            self.err(baseline_pos, message, label)
        if kind in ("increase", "cumulative") and baseline is None:
            baseline = Decimal(0)  # "新增/新建": nothing added yet at the period start
        if baseline is not None and target is not None and target >= 0:
            values = {"target": str(target), "baseline": str(baseline)}
            if direction == "up" and target <= baseline:
                self.err(where, say("err.plan.above_baseline", **values), label)
            if direction == "down" and target >= baseline:
                self.err(where, say("err.plan.below_baseline", **values), label)
        return target, baseline

    def stock(
        self, m: dict[str, Node], node: Node, label: str, kind: str | None
    ) -> tuple[Decimal | None, str | None]:
        """(baseline_stock, baseline_stock_bound) of an increase goal counted from a stock."""
        stock, stock_pos = self.number(m, "baseline_stock", label)
        bound = self.choice(m, "baseline_stock_bound", ("lower", ""), node, label, "") or None
        if bound and stock is None:
            self.err(m["baseline_stock_bound"].pos, say("err.plan.bound_without_stock"), label)
        if stock is not None:
            if kind not in ("increase", None):
                self.err(stock_pos or node.pos, say("err.plan.stock_not_increase"), label)
            elif stock < 0:
                message = say("err.plan.negative", key="baseline_stock")
                self.err(stock_pos or node.pos, message, label)
        return stock, bound

    def dates(
        self, m: dict[str, Node], node: Node, label: str, kind: str | None, start: date | None
    ) -> tuple[date | None, date | None]:
        """(deadline, baseline_date): the deadline inside the plan period, after the baseline."""
        deadline, deadline_pos = self.day(
            m, "deadline", node, label, required=kind not in ("indicator", None)
        )
        written, bdate_pos = self.day(m, "baseline_date", node, label, required=False)
        baseline_date = written or start
        if start and deadline and deadline < start:
            message = say("err.plan.deadline_before_period", deadline=str(deadline),
                          start=str(start))  # fmt: skip
            self.err(deadline_pos or node.pos, message, label)
        elif baseline_date and deadline and baseline_date >= deadline:
            if bdate_pos is None:  # baseline_date is the period start, not written
                message = say("err.plan.deadline_at_period_start", deadline=str(deadline),
                              start=str(start))  # fmt: skip
                self.err(deadline_pos or node.pos, message, label)
            else:
                self.err(bdate_pos, say("err.plan.baseline_date"), label)
        return deadline, baseline_date

    def notes(self, m: dict[str, Node], goal: str) -> tuple[str, ...]:
        node = m.get("notes")
        if node is None:
            return ()
        items = [node] if isinstance(node, Scalar) else node.items if isinstance(node, Seq) else []
        if not items or not all(isinstance(i, Scalar) for i in items):
            if not (isinstance(node, Seq) and not node.items):
                self.err(node.pos, say("err.plan.notes"), goal)
            return ()
        texts = [self.showable(i, "notes", goal) for i in items if isinstance(i, Scalar)]
        return tuple(t for t in texts if t)

    def tolerance(
        self,
        m: dict[str, Node],
        goal: str,
        kind: str | None,
        unit: str | None,
        target: Decimal | None,
        baseline: Decimal | None,
        approximate: bool,
    ) -> Decimal:
        """Absolute tolerance in the goal's unit.

        Explicit ``tolerance: 5`` (units) or ``tolerance: "10%"`` (of the
        target's span) wins. Otherwise: a coverage goal (unit %, target 100)
        gets 1 percentage point; another approximate goal ("左右", "约") gets
        10% of its span; every other goal must be met exactly.
        """
        span = abs(target - (baseline or 0)) if target is not None else None
        if kind == "growth" and target is not None:  # a rate: its span runs from no growth
            span = target
        node = m.get("tolerance")
        by_ref = kind == "level" and "target_ref" in m  # the target, and so its span, unknown
        if by_ref and ((approximate and node is None) or (isinstance(node, Scalar)
                       and node.value.strip().endswith("%"))):  # fmt: skip
            self.err((node or m["target_ref"]).pos, say("err.plan.ref_tolerance"), goal)
            return Decimal(0)
        if by_ref:
            span = Decimal(0)  # an absolute tolerance is all it can have
        if node is not None:
            if kind in ("milestone", "indicator"):
                self.err(node.pos, say("err.plan.no_tolerance", kind=say(_KIND_PHRASE[kind])), goal)
                return Decimal(0)
            if not isinstance(node, Scalar):
                self.err(node.pos, say("err.plan.tolerance_form"), goal)
                return Decimal(0)
            if span is None:  # the target itself is missing or wrong: reported already
                return Decimal(0)
            text = node.value.strip()
            percent = text.endswith("%")
            try:
                value = parse_number(text[:-1] if percent else text)
            except NumberError:
                got = say("err.plan.got", text=quoted(text))
                self.err(node.pos, say("err.plan.tolerance_got", got=got), goal)
                return Decimal(0)
            if value < 0:
                self.err(node.pos, say("err.plan.negative", key="tolerance"), goal)
                return Decimal(0)
            return span * value / 100 if percent else value
        if kind == "level" and unit == "%" and target == 100:
            return Decimal(1)
        if approximate and span is not None:
            return span / 10
        return Decimal(0)
