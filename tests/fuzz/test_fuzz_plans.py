"""Fuzz: mutated plan files through parse_plan (a larger, seeded companion to
tests/planfile/test_fuzz.py, which samples a few hundred with hypothesis).

Seeded and exact: 1,700 random mutations (1,150 of valid_minimal.yaml, 550 of
the shipped targets.yaml) and 727 targeted mutations whose outcome must be a
refusal (720 from ten recipes, 7 whole files): 2,427 plan files in all.

Oracles: parse_plan returns a Plan or raises ValidationError whose problems
are each one "name:line:column: message" line inside the file; never another
exception. A Plan returned satisfies the invariants checked here,
independently of the validator. A targeted mutation is always refused.
The defect families this fuzz found (since fixed) each have their own test.
"""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import support
from findings import Findings

from plantrack.errors import ValidationError
from plantrack.model.plan import Plan
from plantrack.planfile import parse_plan

SEED = 14_2025
NAME = "fuzz.yaml"
MINIMAL = (support.BROKEN_PLANS / "valid_minimal.yaml").read_text("utf-8")
HENAN = support.PLAN.read_text("utf-8")
ID = re.compile(r"[a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*")
# What no text of a plan may hold (README: a plan may not hold characters that act on a
# terminal or reorder what it shows): C0 controls but tab and newline, DEL, C1 controls,
# the bidi marks, embeddings, overrides and isolates, and the line/paragraph separators.
UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                        "\u2028\u2029]")  # fmt: skip
ALM = "\u061c"  # ARABIC LETTER MARK: Unicode's other Bidi_Control character
PROBLEM = re.compile(re.escape(NAME) + r":(?P<line>[0-9]+):(?P<column>[0-9]+): \S[^\n]*")
GOAL_LABEL = re.compile(r"(?<=: )goal '[^'\n]*': ")
KINDS = ("increase", "level", "milestone", "indicator")
DIRECTIONS, METHODS = ("up", "down"), ("linear", "cagr")


# --------------------------------------------------------------------------- bookkeeping


@dataclass
class Run(Findings):
    plans: dict[str, int] = field(default_factory=dict)  # per kind of mutation
    accepted: int = 0
    refused: int = 0

    def bad(self, family: str | None, how: str, problem: str) -> None:
        self.add(family, f"[{how}] {problem}")


# Defect families this fuzz found, since fixed (their tests are at the end).
BIDI_ALM = "bidi-alm"  # U+061C is accepted in titles, names, notes and sources
LONG_PROBLEM = "long-problem"  # an unknown key or bad id is quoted whole in its problem


# --------------------------------------------------------------------------- oracles


def texts_of(plan: Plan) -> list[tuple[str, str]]:
    """(where, text) for every text a plan shows."""
    out = [(f"plan.{k}", getattr(plan, k)) for k in
           ("id", "name_zh", "name_en", "issuer", "document", "source", "url")]  # fmt: skip
    for section, names in plan.section_names.items():
        out += [(f"sections.{section}", section), *((f"sections.{section}.{k}", v)
                for k, v in names.items())]  # fmt: skip
    for g in plan.goals:
        out += [(f"{g.id}.{k}", getattr(g, k)) for k in
                ("title_zh", "title_en", "section", "unit", "source")]  # fmt: skip
        out += [(f"{g.id}.notes", n) for n in g.notes]
    return out


def exact(value: Decimal | None) -> bool:
    return value is None or (
        value.is_finite() and abs(value) < 10**14 and value == value.quantize(Decimal("0.0001"))
    )


def plan_problems(plan: Plan) -> list[tuple[str | None, str]]:
    """Why a returned Plan breaks an invariant: (defect family or None, problem)."""
    out: list[tuple[str | None, str]] = []

    def check(ok: object, problem: str) -> None:
        if not ok:
            out.append((None, problem))

    check(isinstance(plan, Plan), f"returned {type(plan).__name__}")
    check(ID.fullmatch(plan.id), f"plan id {plan.id!r}")
    check(plan.name_zh and plan.name_en, "a plan name is empty")
    check(plan.period_start < plan.period_end, "period_end is not after period_start")
    check(plan.goals, "no goals")
    ids = [g.id for g in plan.goals]
    check(len(set(ids)) == len(ids), f"goal ids repeat: {ids}")
    for where, text in texts_of(plan):
        bad = UNSHOWABLE.search(text)
        check(bad is None, f"{where} holds U+{ord(bad[0]) if bad else 0:04X}")
        if ALM in text:
            out.append((BIDI_ALM, f"{where} holds U+061C (a bidi control)"))
    for g in plan.goals:
        what = f"goal {g.id!r}"
        check(ID.fullmatch(g.id) and g.id.isascii(), f"{what}: id is not lowercase ASCII")
        check(g.kind in KINDS and g.direction in DIRECTIONS, f"{what}: kind or direction")
        check(g.method is None or g.method in METHODS, f"{what}: method {g.method!r}")
        check(g.title_zh and g.title_en and g.section and g.source, f"{what}: empty text")
        check(g.unit or g.kind == "milestone", f"{what}: no unit")
        check(all(exact(v) for v in (g.target, g.baseline, g.baseline_stock)), f"{what}: inexact")
        check(g.tolerance >= 0, f"{what}: tolerance {g.tolerance}")
        if g.kind in ("increase", "level"):
            check(g.target is not None and g.deadline is not None, f"{what}: no target/deadline")
            check(g.target is None or g.target >= 0, f"{what}: target {g.target}")
            if g.target is not None and g.baseline is not None:
                up = g.target > g.baseline if g.direction == "up" else g.target < g.baseline
                check(up, f"{what}: target {g.target} vs baseline {g.baseline} ({g.direction})")
            if g.deadline is not None:
                check(g.deadline >= plan.period_start, f"{what}: deadline before the period")
        else:
            check(g.target is None and g.baseline is None, f"{what}: a {g.kind} with a target")
        if g.kind == "milestone":
            check(g.deadline is not None, f"{what}: a milestone without a deadline")
        if g.deadline is not None:
            check(g.baseline_date < g.deadline, f"{what}: baseline_date not before deadline")
        check(g.baseline_stock is None or (g.kind == "increase" and g.baseline_stock >= 0),
              f"{what}: baseline_stock {g.baseline_stock}")  # fmt: skip
        check(g.baseline_stock_bound in (None, "lower")
              and (g.baseline_stock_bound is None or g.baseline_stock is not None),
              f"{what}: baseline_stock_bound")  # fmt: skip
        if plan.section_names:
            check(g.section in plan.section_names, f"{what}: section {g.section!r} not listed")
    return out


def judge(run: Run, data: bytes, how: str, must_refuse: bool) -> None:
    """Parse one plan file and judge the outcome."""
    run.plans[how.split(":")[0]] = run.plans.get(how.split(":")[0], 0) + 1
    if ALM.encode() in data:
        run.count(BIDI_ALM)
    if "long-" in how:  # a value, key or id of 100 to 5,000 characters
        run.count(LONG_PROBLEM)
    try:
        plan = parse_plan(data, NAME)
    except ValidationError as exc:
        run.refused += 1
        lines = len(re.split(rb"\r\n|\r|\n", data))
        if not exc.problems:
            run.bad(None, how, "ValidationError without problems")
        for p in exc.problems:
            m = PROBLEM.fullmatch(p)
            if m is None or not 1 <= int(m["line"]) <= lines + 1 or int(m["column"]) < 1:
                run.bad(None, how, f"problem not 'name:line:column: message': {p[:120]!r}")
            elif len(message := GOAL_LABEL.sub("", p, count=1)) > 1_000:
                # (The goal's own id may be long: a valid id has no length limit.)
                family = LONG_PROBLEM if re.search(r"(unknown|duplicate) key|id '", p) else None
                run.bad(family, how, f"a problem of {len(message):,} characters: {p[:100]!r}")
        return
    except Exception as exc:  # an internal error: anything but ValidationError
        run.bad(None, how, f"raised {type(exc).__name__}: {exc}")
        return
    run.accepted += 1
    found = plan_problems(plan)
    for family, problem in found:
        run.bad(family, how, f"accepted a plan that cannot be: {problem}")
    if must_refuse:
        # A targeted mutation that is accepted: a known family only if that is the reason.
        families = {f for f, _ in found}
        family = BIDI_ALM if families == {BIDI_ALM} else None
        run.bad(family, how, "accepted, must be refused")


# --------------------------------------------------------------------------- random mutations

YAML_SYNTAX = [
    "- ", "? ", ": ", "&a ", "*a", "!!python/object/apply:os.system ['ls']", "!!str ", "! ",
    "!local ", "|", ">", "[", "]", "{", "}", "#", "'", '"', "%YAML 1.1\n", "---\n", "...\n",
    "<<: *a", ",", "@", "`", "\t", "&", "*", "!", "~", "null", "- - ", "{a: [", "\\",
]  # fmt: skip
CHARS = (
    ":-#&*!|>'\"%@`{}[],? \t\n\r" "abcXYZ019._" "中文😀\u00a0\ufeff"
    "\x00\x1b\x7f\x85\x9b\u200e\u202e\u2066\u2028\u061c"
)  # fmt: skip
HOSTILE = b"\x00\t\n\r #&*!:-'\"[]{}|>\xff\xe4\x1b\x85"
NOT_UTF8 = [b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xc0\xaf", "标题".encode("gbk")]


def enc(text: str) -> bytes:
    """A text back to the bytes it was decoded from (surrogateescape keeps bad bytes)."""
    return text.encode("utf-8", "surrogateescape")


def random_mutation(rng: random.Random, text: str) -> tuple[str | bytes, str]:
    """One random damage to a plan's text (or bytes); its name for messages."""
    if not text.strip():  # truncated to nothing: only adding something is left
        return text + rng.choice(YAML_SYNTAX), "syntax"
    op = rng.choice([
        "bytes", "chars", "line-delete", "line-duplicate", "line-swap", "truncate", "syntax",
        "syntax", "tab", "alias", "tag", "document", "title-char", "title-char", "unknown-key",
        "list-value", "map-value", "indent", "line-ends", "long-value", "not-utf8", "bom",
        "long-key",
    ])  # fmt: skip
    lines = text.splitlines(keepends=True)
    k = rng.randrange(len(lines))
    if op == "bytes":
        raw = bytearray(enc(text))
        for _ in range(rng.randint(1, 4)):
            raw[rng.randrange(len(raw))] = rng.choice(HOSTILE)
        return bytes(raw), op
    if op == "chars":
        chars = list(text)
        for _ in range(rng.randint(1, 4)):
            chars[rng.randrange(len(chars))] = rng.choice(CHARS)
        return "".join(chars), op
    if op == "line-delete":
        del lines[k]
    elif op == "line-duplicate":
        lines.insert(k, lines[k])
    elif op == "line-swap":
        m = rng.randrange(len(lines))
        lines[k], lines[m] = lines[m], lines[k]
    elif op == "truncate":
        return enc(text)[: rng.randrange(len(enc(text)))], op
    elif op == "syntax":
        line = lines[k]
        i = rng.randint(0, len(line.rstrip("\n")))
        lines[k] = line[:i] + rng.choice(YAML_SYNTAX) + line[i:]
    elif op == "tab":
        lines[k] = "\t" + lines[k].lstrip(" ") if lines[k].startswith(" ") else "\t" + lines[k]
    elif op in ("alias", "tag", "list-value", "map-value", "long-value", "title-char"):
        values = [i for i, line in enumerate(lines) if re.match(r" *[a-z_]+: \S", line)]
        titles = [i for i in values if re.match(r" +(title_|name_|source)", lines[i])]
        if not titles:  # mutated beyond recognition already
            return text + rng.choice(YAML_SYNTAX), "syntax"
        k = rng.choice(values)
        key, value = lines[k].rstrip("\n").split(": ", 1)
        if op == "alias":
            lines[k] = f"{key}: &x {value}\n"
            m = rng.choice(values)
            lines[m] = lines[m].split(": ", 1)[0] + rng.choice([": *x\n", ": *y\n", ": [*x]\n"])
        elif op == "tag":
            tag = rng.choice(["!!str", "!!int", "!!python/object:os.system", "!foo", "!", "!!map"])
            lines[k] = f"{key}: {tag} {value}\n"
        elif op == "list-value":
            lines[k] = f"{key}: [{value}, {value}]\n"
        elif op == "map-value":
            lines[k] = f"{key}: {{a: {value}}}\n"
        elif op == "long-value":
            lines[k] = f"{key}: {rng.choice(['x', 'X', '-']) * rng.choice([100, 5_000])}\n"
        else:  # a control or bidi character in a text, raw or as a YAML escape
            titles = [
                i for i, line in enumerate(lines) if re.match(r" +(title_|name_|source)", line)
            ]
            k = rng.choice(titles)
            key, value = lines[k].rstrip("\n").split(": ", 1)
            char = rng.choice("\x00\x1b\u202e\u200e\u2066\x9b\x7f\u2028\x85\u061c\x07")
            if rng.random() < 0.5:
                escaped = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
                lines[k] = f'{key}: "{value.strip(chr(39))[:20]}{escaped}x"\n'
            else:
                lines[k] = f"{key}: x{char}{value}\n"
    elif op == "long-key":  # a long unknown key, or a long id
        long = rng.choice(["k", "Ab", "中"]) * rng.choice([100, 2_000])
        if rng.random() < 0.5:
            lines.insert(k, f"{rng.choice(['', '  ', '    '])}{long}: x\n")
        else:
            ids = [i for i, line in enumerate(lines) if re.match(r" *(- )?id: ", line)]
            i = rng.choice(ids or [k])
            lines[i] = lines[i].split("id:")[0] + f"id: {long}\n"
    elif op == "document":
        lines.append(rng.choice(["---\n", "---\nplan: {}\n", "...\n---\n", "--- |\n  x\n"]))
    elif op == "unknown-key":
        indent = rng.choice(["", "  ", "    "])
        lines.insert(k, f"{indent}{rng.choice(['tilte_en', 'extra', 'owner', '目标', 'Id'])}: x\n")
    elif op == "indent":
        lines[k] = rng.choice([" ", "  ", ""]) + lines[k][rng.choice([0, 1, 2]) :]
    elif op == "line-ends":
        return text.replace("\n", rng.choice(["\r\n", "\r"])), op
    elif op == "not-utf8":
        raw = enc(text)
        i = rng.randrange(len(raw))
        return raw[:i] + rng.choice(NOT_UTF8) + raw[i:], op
    elif op == "bom":
        return "\ufeff" + text, op
    return "".join(lines), op


def random_plans(rng: random.Random, source: str, n: int, label: str) -> list[tuple[bytes, str]]:
    out = []
    for _ in range(n):
        data: str | bytes = source
        hows = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            text = data if isinstance(data, str) else data.decode("utf-8", "surrogateescape")
            data, how = random_mutation(rng, text)
            hows.append(how)
        raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogateescape")
        out.append((raw, f"random-{label}:{'+'.join(hows)}"))
    return out


# --------------------------------------------------------------------------- targeted mutations


class PlanText:
    """A plan file as lines, edited by goal and key (the layout both sources share)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines(keepends=True)

    def text(self) -> str:
        return "".join(self.lines)

    def goals(self, kind: str | None = None) -> list[int]:
        """The first line of each goal (of this kind)."""
        starts = [i for i, line in enumerate(self.lines) if line.startswith("  - id:")]
        return [s for s in starts if kind is None or f"    kind: {kind}\n" in self.block(s)]

    def block(self, start: int) -> list[str]:
        end = start + 1
        while end < len(self.lines) and self.lines[end].startswith("    "):
            end += 1
        return self.lines[start:end]

    def span(self, start: int) -> range:
        """The lines of the goal starting at start, or of plan: (start -1), after its first."""
        if start >= 0:
            return range(start + 1, start + len(self.block(start)))
        first = end = self.lines.index("plan:\n") + 1
        while end < len(self.lines) and self.lines[end].startswith("  "):
            end += 1
        return range(first, end)

    def find(self, start: int, key: str) -> int | None:
        """The line of key in the goal starting at start (or in plan: for start -1)."""
        if start >= 0 and key == "id":
            return start
        prefix = f"{'  ' if start < 0 else '    '}{key}:"
        return next((i for i in self.span(start) if self.lines[i].startswith(prefix)), None)

    def set(self, start: int, key: str, value: str) -> None:
        i = self.find(start, key)
        indent = "  " if start < 0 else "    "
        if i is None:
            at = (self.lines.index("plan:\n") if start < 0 else start) + 1
            self.lines.insert(at, f"{indent}{key}: {value}\n")
        elif key == "id" and start >= 0:
            self.lines[i] = f"  - id: {value}\n"
        else:
            self.lines[i] = f"{indent}{key}: {value}\n"
            while i + 1 < len(self.lines) and self.lines[i + 1].startswith(indent + "  "):
                del self.lines[i + 1]  # the old value's own lines (a list of notes)

    def delete(self, start: int, key: str) -> None:
        i = self.find(start, key)
        assert i is not None, key
        if key == "id" and start >= 0:
            self.lines[i] = "  -\n"
        else:
            del self.lines[i]


BAD_NUMBERS = ["ten", '"10"', "'10'", "010", "1e3", ".inf", ".nan", "NaN", "1:20", "-5", "0",
               "100000000000000", "1.00001", "[1, 2]", "{a: 1}", '""', "~", "0x10", "1_000",
               "１０", "10 个", "+-1"]  # fmt: skip
BAD_DATES = ["2025-02-30", "2025-13-01", "2025-1-1", "20251231", "2025-12-31T00:00", "2020-12-31",
             "'2025-12-31x'", "yesterday", "2025-00-10", "[2025-12-31]", "0000-01-01"]  # fmt: skip
# Characters a title may not hold, as YAML double-quoted escapes.
ESCAPES = ["\\e", "\\e[31m", "\\x1b", "\\0", "\\x00", "\\a", "\\x7f", "\\x9b", "\\u202e",
           "\\u202a", "\\u200e", "\\u200f", "\\u2066", "\\u2069", "\\x85", "\\x0b",
           "\\u2028", "\\u2029", "\\x01", "\\b", "\\v", "\\f", "\\r", "\\u061c"]  # fmt: skip
BAD_IDS = ["Provincial-Labs", "provincial labs", "1abc", "no", "yes", "on", "中文", "labs!",
           "provincial--labs", "provincial-labs-", "-labs", '""', "[a]", "A_b"]  # fmt: skip
GOAL_REQUIRED = ["id", "title_zh", "title_en", "section", "kind", "source", "unit", "target",
                 "deadline"]  # fmt: skip
PLAN_REQUIRED = ["id", "name_zh", "name_en", "period_start", "period_end"]

Recipe = Callable[[random.Random, PlanText], str]


def _goal(rng: random.Random, p: PlanText, kind: str | None = None) -> int:
    return rng.choice(p.goals(kind) or p.goals())


def bad_number(rng: random.Random, p: PlanText) -> str:
    value = rng.choice(BAD_NUMBERS)
    p.set(_goal(rng, p, "increase"), "target", value)
    return f"target {value}"


def missing_key(rng: random.Random, p: PlanText) -> str:
    if rng.random() < 0.3:
        key = rng.choice(PLAN_REQUIRED)
        p.delete(-1, key)
        return f"plan without {key}"
    key = rng.choice(GOAL_REQUIRED)
    p.delete(_goal(rng, p, "increase"), key)
    return f"goal without {key}"


def control_in_text(rng: random.Random, p: PlanText) -> str:
    escape = rng.choice(ESCAPES)
    if rng.random() < 0.25:
        key = rng.choice(["name_en", "name_zh"])
        p.set(-1, key, f'"Plan {escape} name"')
    else:
        key = rng.choice(["title_en", "title_zh", "source", "section", "unit", "notes"])
        p.set(_goal(rng, p, "increase"), key, f'"x{escape}y"')
    return f"{key} with {escape}"


def raw_bidi(rng: random.Random, p: PlanText) -> str:
    char = rng.choice("\u202e\u202d\u2067\u200f\u061c")
    key = rng.choice(["title_en", "title_zh", "source"])
    p.set(_goal(rng, p), key, f"abc{char}def")
    return f"raw U+{ord(char):04X} in {key}"


def duplicate_id(rng: random.Random, p: PlanText) -> str:
    first, second = rng.sample(p.goals(), 2)
    gid = p.lines[first].split(": ", 1)[1].strip()
    p.set(second, "id", gid)
    return "duplicate goal id"


def bad_date(rng: random.Random, p: PlanText) -> str:
    value = rng.choice(BAD_DATES)
    if rng.random() < 0.3:
        key = rng.choice(["period_start", "period_end"])
        value = value if value != "2020-12-31" or key == "period_end" else "2025-02-29"
        p.set(-1, key, value)
    else:
        key = "deadline"
        p.set(_goal(rng, p, "increase"), key, value)
    return f"{key} {value}"


def bad_order(rng: random.Random, p: PlanText) -> str:
    pick = rng.randrange(4)
    g = _goal(rng, p, "increase")
    if pick == 0:
        p.set(g, "baseline_date", "2026-06-30")
        return "baseline_date after the deadline"
    if pick == 1:
        p.set(g, "baseline_date", "2025-12-31")
        return "baseline_date on the deadline"
    if pick == 2:
        p.set(-1, "period_end", rng.choice(["2020-12-31", "2021-01-01"]))
        return "period_end not after period_start"
    if p.find(g, "baseline_date") is not None:
        p.delete(g, "baseline_date")  # the baseline is then the period start
    p.set(g, "deadline", "2021-01-01")
    return "deadline on the period start"


def yaml_feature(rng: random.Random, p: PlanText) -> str:
    g = _goal(rng, p)
    pick = rng.randrange(6)
    if pick == 0:
        p.set(g, "title_en", "&t Title")
        p.set(g, "title_zh", "*t")
        return "anchor and alias"
    if pick == 1:
        p.set(g, "title_en", "*nothing")
        return "alias without anchor"
    if pick == 2:
        tag = rng.choice(["!!python/object/apply:os.system ['ls']", "!!str x", "!!binary aGk=",
                          "!foo x", "!!python/name:os.system"])  # fmt: skip
        p.set(g, rng.choice(["source", "title_en"]), tag)
        return f"tag {tag}"
    if pick == 3:
        p.lines.append(rng.choice(["---\nplan: {}\n", "---\n", "--- x\n"]))
        return "second document"
    if pick == 4:
        p.set(g, "notes", "&n [a, b]")
        return "anchor on notes"
    p.set(g, "target", "&n 10")
    return "anchor on a number"


def bad_structure(rng: random.Random, p: PlanText) -> str:
    g = _goal(rng, p, "increase")
    pick = rng.randrange(12)
    if pick == 0:
        i = p.find(g, "title_en")
        assert i is not None
        p.lines.insert(i, p.lines[i])
        return "duplicate key"
    if pick == 1:
        p.set(g, rng.choice(["tilte_en", "deadlin", "owner", "Kind"]), "x")
        return "unknown goal key"
    if pick == 2:
        p.lines.insert(0, rng.choice(["extra: 1\n", "Plan: {}\n", "goal: []\n"]))
        return "unknown top key"
    if pick == 3:
        p.set(-1, rng.choice(["owner", "period", "Name_en"]), "x")
        return "unknown plan key"
    if pick == 4:
        p.set(g, "kind", rng.choice(["increse", "Increase", '""', "[increase]", "level up"]))
        return "bad kind"
    if pick == 5:
        key, value = rng.choice([("direction", "sideways"), ("method", "exponential"),
                                 ("approximate", "yes"), ("approximate", '"true"'),
                                 ("stretch", "1"), ("approximate", "True")])  # fmt: skip
        p.set(g, key, value)
        return f"{key}: {value}"
    if pick == 6:
        value = rng.choice(BAD_IDS)
        if rng.random() < 0.3:
            p.set(-1, "id", value)
            return f"plan id {value}"
        p.set(g, "id", value)
        return f"goal id {value}"
    if pick == 7:
        key, value = rng.choice([("tolerance", "-5"), ("tolerance", '"-10%"'),
                                 ("tolerance", "abc"), ("baseline_stock", "-1"),
                                 ("baseline_stock_bound", "lower"),
                                 ("baseline_stock_bound", "upper"), ("notes", "{a: b}"),
                                 ("notes", "[[x]]"), ("title_en", "[a, b]"),
                                 ("source", "{a: b}"), ("title_en", "no"),
                                 ("section", "null")])  # fmt: skip
        if key == "baseline_stock_bound":  # on a goal without a stock (else it may be right)
            g = rng.choice([s for s in p.goals() if p.find(s, "baseline_stock") is None])
        p.set(g, key, value)
        return f"{key}: {value}"
    if pick == 8:
        m = _goal(rng, p, "milestone")
        if "kind: milestone" not in "".join(p.block(m)):
            p.set(m, "kind", "milestone")
        key, value = rng.choice([("target", "10"), ("baseline", "0"), ("tolerance", "1")])
        p.set(m, key, value)
        return f"milestone with {key}"
    if pick == 9:
        i = p.find(g, "section")
        assert i is not None
        p.lines[i] = "\t" + p.lines[i].lstrip(" ")
        return "tab indentation"
    if pick == 10:
        i = p.lines.index("goals:\n")
        p.lines[i + 1 :] = [rng.choice(["", "  []\n", "  {}\n", "  x\n"])]
        return "goals not a list of goals"
    p.lines.insert(p.lines.index("goals:\n"), "sections:\n  nowhere: {zh: 无, en: None}\n")
    return "a section not listed"


def bad_encoding(rng: random.Random, p: PlanText) -> str:
    g = _goal(rng, p)
    pick = rng.randrange(4)
    if pick == 0:
        p.set(g, "title_zh", "\udcff\udcfe")  # written below as the bytes FF FE
        return "not UTF-8"
    if pick == 1:
        p.set(g, "title_en", "a" + rng.choice(["\x85", "\u2028", "\u2029"]) + "b")
        return "odd line break"
    if pick == 2:
        p.set(g, "title_en", "a" + rng.choice(["\x00", "\x1b", "\x07", "\x7f"]) + "b")
        return "raw control character"
    p.set(g, "title_zh", "\udcb1\udcea")  # GBK-like bytes
    return "GBK bytes"


RECIPES: list[tuple[Recipe, int]] = [
    (bad_number, 90), (missing_key, 80), (control_in_text, 110), (raw_bidi, 30),
    (duplicate_id, 30), (bad_date, 80), (bad_order, 40), (yaml_feature, 60),
    (bad_structure, 160), (bad_encoding, 40),
]  # fmt: skip


def targeted_plans(rng: random.Random) -> list[tuple[bytes, str]]:
    out = []
    for recipe, n in RECIPES:
        for i in range(n):
            p = PlanText(HENAN if i % 3 == 0 else MINIMAL)
            how = recipe(rng, p)
            out.append((p.text().encode("utf-8", "surrogateescape"), f"targeted:{how}"))
    # Whole-file refusals.
    out += [(b"", "targeted:empty"), (b"   \n\t\n", "targeted:blank"), (b"# only\n", "targeted:"
            "comment"), (b"#" * (16 * 1024 * 1024 + 1), "targeted:over 16 MiB"),
            (b"[]\n", "targeted:a list"), (b"plan: x\ngoals: x\n", "targeted:scalars"),
            (MINIMAL.encode("utf-16"), "targeted:UTF-16")]  # fmt: skip
    return out


# --------------------------------------------------------------------------- the run


@functools.cache
def plans_run() -> Run:
    run = Run()
    rng = random.Random(SEED)
    for data, how in random_plans(rng, MINIMAL, 1_150, "minimal"):
        judge(run, data, how, must_refuse=False)
    for data, how in random_plans(rng, HENAN, 550, "henan"):
        judge(run, data, how, must_refuse=False)
    for data, how in targeted_plans(rng):
        judge(run, data, how, must_refuse=True)
    return run


def test_the_unmutated_plans_are_valid() -> None:
    """Both starting points are valid plans (else the mutations test nothing)."""
    for text in (MINIMAL, HENAN):
        assert plan_problems(parse_plan(text.encode(), NAME)) == []


def test_mutated_plans_are_refused_cleanly_or_valid() -> None:
    """2,000+ mutated plans: a Plan that satisfies every invariant, or ValidationError with
    'name:line:column: message' problems; never another exception; every targeted
    mutation refused."""
    run = plans_run()
    random_count = sum(n for how, n in run.plans.items() if how.startswith("random"))
    assert random_count >= 1_500 and run.plans["targeted"] >= 700
    assert random_count + run.plans["targeted"] >= 2_000
    assert run.accepted >= 150 and run.refused >= 1_500
    assert not run.unexpected(), run.unexpected()[:10]


# --------------------------------------------------------------------------- defect families


def test_plan_texts_refuse_the_arabic_letter_mark() -> None:
    """No text of an accepted plan holds U+061C, a bidi control like U+200E/U+200F."""
    run = plans_run()
    run.none_of(BIDI_ALM, 10)


def test_plan_problems_quote_values_short() -> None:
    """Every problem stays one short line, whatever the value it is about."""
    run = plans_run()
    run.none_of(LONG_PROBLEM, 20)
