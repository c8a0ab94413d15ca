"""Property tests for the plan loader: whatever the input, plan.parse_plan returns
a Plan or raises the project's ValidationError, never another exception; and
every problem it reports is one well-formed line that points inside the file.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import BROKEN_PLANS, PLAN

from plantrack.errors import ValidationError
from plantrack.model.plan import Plan
from plantrack.planfile import parse_plan

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# name:line:column: [goal 'label': ]message -- and nothing else, on one line.
PROBLEM = re.compile(r"t\.yaml:(\d+):(\d+): (?:goal '([^'\n]+)': )?(\S[^\n]*)")
PLAN_LINES = PLAN.read_bytes().splitlines(keepends=True)
VALID_MINIMAL = (BROKEN_PLANS / "valid_minimal.yaml").read_text("utf-8")


def outcome(data: bytes) -> Plan | ValidationError:
    """parse_plan's result; any exception but ValidationError fails the test."""
    try:
        plan = parse_plan(data, "t.yaml")
    except ValidationError as exc:
        check_problems(exc, data)
        return exc
    assert isinstance(plan, Plan)
    assert plan.goals
    assert len({g.id for g in plan.goals}) == len(plan.goals)
    return plan


def check_problems(exc: ValidationError, data: bytes) -> None:
    assert exc.problems
    assert exc.exit_code == 2
    # Lines as YAML counts them; an error at the very end may name the line after the last.
    lines = len(re.split(rb"\r\n|\r|\n", data))
    for problem in exc.problems:
        m = PROBLEM.fullmatch(problem)
        assert m, problem
        line, column, label = int(m.group(1)), int(m.group(2)), m.group(3)
        assert 1 <= line <= lines + 1, problem
        assert column >= 1, problem
        if label is not None and not label.startswith("#"):
            # A goal is named by an id that really is in the file.
            assert label.encode() in data, problem


# --------------------------------------------------------------------------- arbitrary input


@FUZZ
@given(st.binary(max_size=600))
def test_any_bytes(data: bytes) -> None:
    outcome(data)


@FUZZ
@given(st.text(max_size=400))
def test_any_text(text: str) -> None:
    outcome(text.encode("utf-8", "surrogatepass"))


# --------------------------------------------------------------------------- YAML-ish input

KEYS = [
    "plan", "goals", "id", "title_zh", "title_en", "section", "kind", "unit", "target",
    "deadline", "baseline", "baseline_date", "baseline_stock", "direction", "approximate",
    "tolerance", "stretch", "method", "source", "notes", "name_zh", "name_en", "period_start",
    "period_end", "issued", "traget", "<<", "? a", "目标", "",
]  # fmt: skip
VALUES = [
    "", "10", "-5", "0", "0123", "1.5万", "1,000", "1e3", "1:20", ".inf", "~", "null", "no",
    "yes", "on", "true", "false", "2025-12-31", "2025-02-30", "2020-06-30", "increase",
    "level", "milestone", "indicator", "up", "down", "10%", "'quoted'", '"dq\\x41"', "'",
    '"', "&a x", "*a", "&a", "!!python/object/apply:os.system [ls]", "!!str 5", "! 7",
    "!local x", "[a, b]", "{a: 1}", "[", "{", "|", ">", "- x", "# comment", "a: b", "中文",
    "建设10个省实验室", "😀", "\t", "\u2028", "\x85", "\x00", "\ufeff", "---", "...", "%YAML 1.1",
]  # fmt: skip


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 25))):
        indent = draw(st.sampled_from(["", "  ", "    ", "      ", "  - ", "    - ", "\t", "- "]))
        key = draw(st.sampled_from(KEYS))
        if draw(st.booleans()):
            value = draw(st.sampled_from(VALUES))
        else:
            value = "".join(draw(st.lists(st.sampled_from(VALUES), max_size=3)))
        line = f"{indent}{key}: {value}" if key else f"{indent}{value}"
        lines.append(line)
    end = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return end.join(lines) + draw(st.sampled_from(["", end]))


@FUZZ
@given(yamlish())
def test_yamlish_text(text: str) -> None:
    outcome(text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.data())
def test_a_valid_plan_with_one_value_replaced(data: st.DataObject) -> None:
    # Replace the value of one `key: value` line of a valid plan, so the
    # checker (not only the YAML reader) sees hostile values in every field.
    lines = VALID_MINIMAL.splitlines(keepends=True)
    candidates = [i for i, line in enumerate(lines) if ": " in line]
    i = data.draw(st.sampled_from(candidates))
    value = data.draw(st.sampled_from(VALUES) | st.text(max_size=12))
    head = lines[i].split(": ", 1)[0]
    lines[i] = f"{head}: {value}\n"
    result = outcome("".join(lines).encode("utf-8", "surrogatepass"))
    if isinstance(result, ValidationError) and len(result.problems) == 1:
        # One changed value: when it alone is the problem, it is reported on its line
        # (a YAML syntax error may surface on a later line, never an earlier one).
        line = int(PROBLEM.fullmatch(result.problems[0]).group(1))  # type: ignore[union-attr]
        assert line >= i + 1 or line == 1, result.problems


# --------------------------------------------------------------------------- the real plan, mutated


@FUZZ
@given(st.integers(0, len(PLAN_LINES) - 1))
def test_the_henan_plan_with_a_line_deleted(i: int) -> None:
    outcome(b"".join(PLAN_LINES[:i] + PLAN_LINES[i + 1 :]))


@FUZZ
@given(st.integers(0, len(PLAN_LINES) - 1))
def test_the_henan_plan_with_a_line_duplicated(i: int) -> None:
    result = outcome(b"".join(PLAN_LINES[: i + 1] + PLAN_LINES[i:]))
    line = PLAN_LINES[i].strip()
    if line.startswith(b"- id:"):
        # A copy of a goal's first line starts a second goal with the same id.
        assert isinstance(result, ValidationError)
        assert (
            f"t.yaml:{i + 2}:5: goal '{line[6:].decode()}': duplicate goal id (first "
            f"defined at line {i + 1})" in result.problems
        ), result.problems
    elif line.startswith((b"id:", b"target:", b"kind:")):
        # A second id/target/kind key in the same mapping.
        assert isinstance(result, ValidationError)
        assert any(f"t.yaml:{i + 2}:" in p and "duplicate key" in p for p in result.problems)


@FUZZ
@given(st.data())
def test_the_henan_plan_with_characters_swapped(data: st.DataObject) -> None:
    text = PLAN.read_text(encoding="utf-8")
    chars = list(text)
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(chars) - 2))
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    outcome("".join(chars).encode("utf-8"))


@FUZZ
@given(st.data())
def test_the_henan_plan_with_bytes_replaced(data: st.DataObject) -> None:
    raw = bytearray(PLAN.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.sampled_from(b"\x00\t\n\r #&*!:-'\"[]{}|>\xff\xe4"))
    outcome(bytes(raw))


def test_the_unmutated_henan_plan_is_valid() -> None:
    # The mutations above start from a valid file.
    assert isinstance(outcome(b"".join(PLAN_LINES)), Plan)
