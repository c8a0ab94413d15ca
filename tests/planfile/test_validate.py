"""The plan loader and validator (plan.py, yamltree.py) and `plantrack validate`.

Part 1 runs a corpus of broken plan files (tests/broken_plans/) through the
real CLI. Each file is tests/broken_plans/valid_minimal.yaml with one change
(or a few, for several_errors.yaml); the expected line:column of every
problem below was counted by hand from that file. In valid_minimal.yaml a
goal's keys start at column 5, so a value starts at column 5 + len(key) + 2:

     8    - id: provincial-labs          id value at column 9
    14      target: 10                   target value at column 13
    15      deadline: 2025-12-31         deadline value at column 15
    18    - id: young-scientists
    25      approximate: true            approximate value at column 18

Part 2 checks single rules through parse_plan, with positions found in the
YAML text each test writes. The fuzz tests are in test_plan_fuzz.py and the
shipped Henan plan is checked against its article in test_targets.py.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from support import BROKEN_PLANS, PLAN, Runner
from typer.testing import CliRunner

from plantrack import paths
from plantrack.cli import app
from plantrack.errors import ExitCode, NotFoundError, PlantrackError, ValidationError
from plantrack.model.plan import Plan
from plantrack.planfile import MAX_PLAN_BYTES, load_plan, parse_plan

BROKEN = BROKEN_PLANS
VALID = BROKEN / "valid_minimal.yaml"
LABS = "goal 'provincial-labs': "
YOUNG = "goal 'young-scientists': "
ERROR = "plantrack: error: "


def validate(path: Path | str, *args: str) -> tuple[int, str, list[str]]:
    """(exit code, stdout, problems) of `plantrack validate PATH`; the error boundary's
    prefix and summary line are removed from the problems."""
    result = CliRunner().invoke(app, ["validate", str(path), *args])
    lines = result.stderr.splitlines()
    if len(lines) == 1 and lines[0].startswith(ERROR):  # one problem: printed with the prefix
        lines = [lines[0].removeprefix(ERROR)]
    elif lines:
        assert lines[-1] == f"{ERROR}{path}: {len(lines) - 1} problems", lines
        lines = lines[:-1]
    return result.exit_code, result.stdout, lines


# --------------------------------------------------------------------------- part 1: the corpus

CORPUS: list[tuple[str, list[str]]] = [
    # wrong type
    ("target_not_a_number.yaml", [f"14:13: {LABS}target must be a number, got 'ten'"]),
    ("approximate_yes.yaml", [f"25:18: {YOUNG}approximate must be true or false, got 'yes'"]),
    ("target_quoted.yaml", [
        f"24:13: {YOUNG}target must be a number, got '1000' (quoted, so it is text; "
        "remove the quotes)"]),
    ("target_empty.yaml", [f"14:12: {LABS}target must be a number, got an empty value"]),
    ("kind_typo.yaml", [
        f"12:11: {LABS}kind must be one of increase, level, growth, cumulative, "
        "milestone, indicator, "
        "got 'increse'; did you mean 'increase'?"]),
    ("plan_not_a_mapping.yaml", [
        "1:7: plan must be a mapping of keys to values",
        # the goals are still checked: line 19 is the second goal's target
        f"19:13: {YOUNG}target must not be negative, got -1000"]),
    # missing and unknown keys
    ("missing_title_en.yaml", [f"8:5: {LABS}missing required key 'title_en'"]),
    ("unknown_key.yaml", [
        f"25:5: {YOUNG}unknown key 'aproximate' in a goal; did you mean 'approximate'?"]),
    ("goals_key_typo.yaml", [
        "1:1: missing required key 'goals'",
        "7:1: unknown key 'goal' in the plan file; did you mean 'goals'?"]),
    # duplicates
    ("duplicate_goal_id.yaml", [
        f"18:5: {LABS}duplicate goal id (first defined at line 8)"]),
    ("duplicate_key.yaml", [f"15:5: {LABS}duplicate key 'target' (first at line 14)"]),
    # YAML 1.1 guesses: never silently coerced
    ("id_no.yaml", [
        "8:9: id 'no' would be read as a boolean or null by YAML 1.1 tools; quote it (\"no\")"]),
    ("id_leading_zero.yaml", [
        "8:9: id '0123' must be lowercase ASCII: a letter, then letters and digits, "
        "parts joined by '-', '_' or '.'"]),
    ("section_null.yaml", [
        f"21:14: {YOUNG}section 'null' would be read as a boolean or null by YAML 1.1 tools; "
        "quote it (\"null\")"]),
    ("target_leading_zero.yaml", [
        f"24:13: {YOUNG}target '0100' has a leading zero, which YAML 1.1 tools read as an "
        "octal number; remove the leading zero"]),
    ("deadline_sexagesimal.yaml", [
        f"15:15: {LABS}deadline must be a date YYYY-MM-DD, got '1:20'"]),
    ("deadline_feb_30.yaml", [f"15:15: {LABS}deadline '2025-02-30' is not a real calendar date"]),
    # values out of range
    ("target_negative.yaml", [f"14:13: {LABS}target must not be negative, got -5"]),
    ("deadline_before_period.yaml", [
        f"15:15: {LABS}deadline 2020-06-30 is before the plan period starts (2021-01-01)"]),
    ("tolerance_negative_percent.yaml", [f"26:16: {YOUNG}tolerance must not be negative"]),
    # YAML features a plan does not need
    ("python_tag.yaml", [
        f"16:13: {LABS}tags such as tag:yaml.org,2002:python/object/apply:os.system are not "
        "allowed",
        # the tag is refused, not obeyed: what is left is a list where text belongs
        f"16:13: {LABS}source must be text"]),
    ("alias_without_anchor.yaml", [
        f"10:15: {LABS}aliases (*name) are not allowed in a plan file"]),
    ("second_document.yaml", ["28:1: only one YAML document is allowed (found a second '---')"]),
    # syntax and bytes
    ("syntax_error.yaml", [
        # 'Provincial' is columns 15-24 of line 10; its ':' is column 25
        f"10:25: {LABS}YAML syntax error: mapping values are not allowed"]),
    ("tab_indent.yaml", [f"9:1: {LABS}YAML syntax error: found "]),
    ("control_character.yaml", [
        # '    title_zh: ' is 14 characters, 建设省 3 more: ESC is column 18
        "9:18: character U+001B is not allowed in YAML; remove it"]),
    ("not_utf8_gbk.yaml", [
        # '  name_zh: ' is 11 characters; 测 is GBK 0xb2 0xe2
        "3:12: not valid UTF-8 (byte 0xb2); save the file as UTF-8"]),
    ("empty.yaml", ["1:1: file is empty; expected 'plan:' and 'goals:'"]),
    ("whitespace_only.yaml", ["1:1: file is empty; expected 'plan:' and 'goals:'"]),
    # a byte order mark and CRLF line ends shift nothing
    ("crlf_with_bom.yaml", [f"14:13: {LABS}target must be a number, got 'ten'"]),
    # every problem of a file at once, top to bottom
    ("several_errors.yaml", [
        "2:7: plan id 'Test Plan' must be lowercase ASCII like 'my-plan'",
        f"14:13: {LABS}target must be a number, got 'ten'",
        f"15:15: {LABS}deadline '2025-02-30' is not a real calendar date",
        f"20:15: {YOUNG}title_en 'off' would be read as a boolean or null by YAML 1.1 tools; "
        "quote it (\"off\")",
        f"25:5: {YOUNG}unknown key 'aproximate' in a goal; did you mean 'approximate'?"]),
]  # fmt: skip
# PyYAML words some messages differently in its C and pure-Python parsers:
# for these files the expected problems are prefixes, and a word must follow.
PREFIX_ONLY = {"syntax_error.yaml": "", "tab_indent.yaml": "tab"}


@pytest.mark.parametrize(("name", "expected"), CORPUS, ids=[c[0] for c in CORPUS])
def test_each_broken_plan_fails_validate_with_exit_2_at_its_line(
    name: str, expected: list[str]
) -> None:
    path = BROKEN / name
    code, stdout, found = validate(path)
    assert code == ExitCode.INVALID == 2
    assert stdout == ""
    want = [f"{path}:{e}" for e in expected]
    if name in PREFIX_ONLY:
        assert len(found) == len(want), found
        assert all(f.startswith(w) for f, w in zip(found, want, strict=True)), found
        assert PREFIX_ONLY[name] in found[0]
    else:
        assert found == want


def test_the_corpus_is_big_and_every_file_in_it_is_tested() -> None:
    files = {p.name for p in BROKEN.iterdir()} - {VALID.name}
    assert files == {name for name, _ in CORPUS} | {"alias_bomb.yaml"}
    assert len(files) >= 18


def test_the_minimal_plan_the_corpus_is_made_from_is_valid() -> None:
    # Otherwise a broken file could fail for a reason other than its one change.
    code, stdout, found = validate(VALID)
    assert (code, found) == (0, [])
    assert stdout == (
        f"{VALID}: valid: plan 'test-plan', 2 goals (2 increase), 2 sections, "
        "period 2021-01-01 to 2025-12-31\n"
    )


def test_a_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    # python_tag.yaml asks for os.system("touch pwned"); cwd is a fresh folder.
    code, _, _ = validate(BROKEN / "python_tag.yaml")
    assert code == 2
    assert not Path("pwned").exists()


def test_an_alias_bomb_is_refused_without_expanding_it() -> None:
    # Nine levels of nine aliases would expand to 9**9 = 387,420,489 'lol's.
    # Every anchor and alias is reported instead; nothing is copied: 1 problem
    # for notes (a list of lists), 9 anchors (&a..&i), 8 x 9 = 72 aliases.
    path = BROKEN / "alias_bomb.yaml"
    code, _, found = validate(path)
    assert code == 2
    assert len(found) == 1 + 9 + 72
    assert found[:3] == [
        f"{path}:18:7: {LABS}notes must be text or a list of text",
        f"{path}:18:9: {LABS}anchors (&name) are not allowed in a plan file",
        f"{path}:19:9: {LABS}anchors (&name) are not allowed in a plan file",
    ]
    # '      - &b [' is 12 characters: the first *a is column 13, then every 4.
    assert found[3] == f"{path}:19:13: {LABS}aliases (*name) are not allowed in a plan file"
    assert sum("aliases (*name)" in f for f in found) == 72


def test_a_file_with_thousands_of_aliases_is_cut_short() -> None:
    text = "plan: [" + ", ".join(["*a"] * 10_000) + "]\n"
    found = problems(text)
    # 100 reported, the 101st replaced by a note that reading stopped there.
    assert sum("aliases (*name)" in f for f in found) == 100
    assert found[-1].endswith("more than 100 anchors, aliases or tags; stopped reading here")


def test_a_50_mb_plan_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    line = b"# " + b"x" * 1021 + b"\n"  # 1 KiB
    with path.open("wb") as f:
        for _ in range(50 * 1024):
            f.write(line)
    assert path.stat().st_size == 50 * 2**20 == 52_428_800
    code, stdout, found = validate(path)
    assert (code, stdout) == (2, "")
    assert found == [
        f"{path}:1:1: file is 52,428,800 bytes; a plan file may be at most 16,777,216 bytes "
        "(16 MiB)"
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_without_an_end_is_read_only_up_to_the_limit() -> None:
    # /dev/zero says its size is 0 and never ends: read_bytes() would never return.
    with pytest.raises(ValidationError) as info:
        load_plan("/dev/zero")
    assert info.value.problems == [
        "/dev/zero:1:1: file is larger than the limit; a plan file may be at most "
        "16,777,216 bytes (16 MiB)"
    ]


# --------------------------------------------------------------------------- validate, plan path


def test_the_shipped_plan_validates_with_a_one_line_summary() -> None:
    code, stdout, found = validate(PLAN)
    assert (code, found) == (0, [])
    assert stdout.count("\n") == 1
    # 22 increase + 5 milestone + 3 level + 1 indicator goals: see test_targets.py.
    assert stdout.startswith(f"{PLAN}: valid: plan 'henan-14th-fyp-sti', 31 goals (")
    assert "period 2021-01-01 to 2025-12-31" in stdout


def _plan_copy(folder: Path, plan_id: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "targets.yaml"
    path.write_text(VALID.read_text(encoding="utf-8").replace("test-plan", plan_id), "utf-8")
    return path


def _validated_id(*args: str) -> str:
    result = CliRunner().invoke(app, ["validate", *args])
    assert result.exit_code == 0, result.stderr
    return result.stdout.split("valid: plan ", 1)[1].split(",", 1)[0].strip("'")


def test_plan_resolution_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from plantrack.planfile import known

    monkeypatch.delenv("PLANTRACK_PLAN")  # (conftest names the 2021-2025 plan)
    option = _plan_copy(tmp_path / "option", "from-option")
    env = _plan_copy(tmp_path / "env", "from-env")
    # cwd is an empty folder: no ./targets.yaml, so the bundled plan of the current period.
    current, path = known.current_bundled(date.today())
    assert known.path_of(None, date.today()) == path
    assert _validated_id() == current.id
    # in 2023 that is the 2021-2025 plan
    assert known.current_bundled(date(2023, 6, 30))[0].id == "henan-14th-fyp-sti"
    # ./targets.yaml beats the bundled plan.
    _plan_copy(Path.cwd(), "from-cwd")
    assert known.path_of(None, date.today()) == Path("targets.yaml")
    assert _validated_id() == "from-cwd"
    # $PLANTRACK_PLAN beats ./targets.yaml.
    monkeypatch.setenv("PLANTRACK_PLAN", str(env))
    assert known.path_of(None, date.today()) == env
    assert _validated_id() == "from-env"
    # --plan beats $PLANTRACK_PLAN, and so does validate's PATH argument.
    assert known.path_of(str(option), date.today()) == option
    assert _validated_id("--plan", str(option)) == "from-option"
    assert _validated_id(str(option)) == "from-option"
    # and a plan is also named by its id
    assert _validated_id("--plan", "henan-14th-fyp-sti") == "henan-14th-fyp-sti"


def test_a_folder_named_targets_yaml_is_not_taken_for_the_plan(
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from datetime import date

    from plantrack.planfile import known

    monkeypatch.delenv("PLANTRACK_PLAN")
    Path("targets.yaml").mkdir()
    assert known.path_of(None, date.today()) == known.current_bundled(date.today())[1]


def test_a_plan_named_on_the_command_line_must_exist(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = CliRunner().invoke(app, ["validate", "--plan", str(missing)])
    assert result.exit_code == ExitCode.NOT_FOUND == 3
    assert result.stderr == f"{ERROR}plan file not found: {missing}\n"


def test_schema_prints_the_json_schema() -> None:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["properties"]) == {"plan", "sections", "units", "goals"}
    assert result.stdout.strip() == paths.schema_path().read_text(encoding="utf-8").strip()


# --------------------------------------------------------------------------- part 2: single rules

HEAD = """\
plan:
  id: test-plan
  name_zh: 测试规划
  name_en: Test plan
  period_start: 2021-01-01
  period_end: 2025-12-31
goals:
"""  # seven lines: the first goal starts on line 8

LAB_FIELDS = {
    "id": "labs",
    "title_zh": "新建实验室",
    "title_en": "New labs",
    "section": "platforms",
    "kind": "increase",
    "unit": "个",
    "target": "10",
    "deadline": "2025-12-31",
    "source": "'新建10个实验室。'",
}


def goal_yaml(**changes: str | None) -> str:
    """A valid increase goal as a YAML list item; a change of None drops that key."""
    fields: dict[str, str | None] = {**LAB_FIELDS, **changes}
    lines = [f"{k}: {v}" if v != "" else f"{k}:" for k, v in fields.items() if v is not None]
    return "  - " + "\n    ".join(lines) + "\n"


def plan_yaml(*goals: str) -> str:
    return HEAD + "".join(goals or (goal_yaml(),))


def problems(text: str | bytes, name: str = "t.yaml") -> list[str]:
    """The problems parse_plan reports; fails the test if the text is valid."""
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ValidationError) as info:
        parse_plan(data, name)
    return info.value.problems


def one_problem(text: str | bytes) -> str:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


def at(text: str, needle: str, skip: int = 0) -> str:
    """'t.yaml:line:column' of the character `skip` places into the only `needle` in text."""
    assert text.count(needle) == 1, needle
    i = text.index(needle) + skip
    line = text.count("\n", 0, i) + 1
    column = i - (text.rfind("\n", 0, i) + 1) + 1
    return f"t.yaml:{line}:{column}"


def load(text: str) -> Plan:
    return parse_plan(text.encode(), "t.yaml")


def test_defaults_of_a_minimal_increase_goal() -> None:
    plan = load(plan_yaml())
    assert plan.path == "t.yaml"
    (lab,) = plan.goals
    assert lab.line == 8
    assert (lab.kind, lab.target, lab.deadline) == ("increase", 10, date(2025, 12, 31))
    # Increase goals count what was added since the period start.
    assert (lab.baseline, lab.baseline_date, lab.baseline_stock) == (0, date(2021, 1, 1), None)
    assert (lab.direction, lab.method, lab.tolerance) == ("up", None, 0)
    assert (lab.approximate, lab.stretch, lab.notes) == (False, False, ())
    assert (lab.title("zh"), lab.title("en")) == ("新建实验室", "New labs")
    assert lab.source == "新建10个实验室。"


def test_milestone_and_indicator_goals_need_no_target() -> None:
    milestone = goal_yaml(id="rebuild", kind="milestone", unit=None, target=None)
    indicator = goal_yaml(id="rd", kind="indicator", unit="'%'", target=None, deadline=None)
    rebuild, rd = load(plan_yaml(milestone, indicator)).goals
    assert (rebuild.target, rebuild.baseline, rebuild.deadline) == (None, None, date(2025, 12, 31))
    assert rebuild.is_milestone and not rebuild.has_target
    assert (rd.target, rd.deadline, rd.unit, rd.has_target) == (None, None, "%", False)


def test_a_level_goal_without_baseline_keeps_none() -> None:
    # None tells the analysis to take the first reading as the baseline.
    (share,) = load(plan_yaml(goal_yaml(kind="level", unit="'%'", target="60"))).goals
    assert share.baseline is None


def test_numbers_are_exact_decimals_in_the_forms_the_plan_uses() -> None:
    # 1.5万 = 15,000; 1,000 is grouped thousands; 0.1 stays exactly 0.1.
    plan = load(plan_yaml(
        goal_yaml(id="a", target="1.5万"),
        goal_yaml(id="b", target="1,000"),
        goal_yaml(id="c", kind="level", baseline="0.1", target="0.3"),
    ))  # fmt: skip
    assert [g.target for g in plan.goals] == [15000, 1000, Decimal("0.3")]
    assert plan.goal("c").baseline == Decimal("0.1")


def test_quoted_text_that_yaml_11_would_guess_is_kept_as_text() -> None:
    # Quoting is the cure the messages recommend; it must work.
    plan = load(plan_yaml(goal_yaml(id="'no'", section="'off'", unit="'~'")))
    (g,) = plan.goals
    assert (g.id, g.section, g.unit) == ("no", "off", "~")


def test_notes_may_be_one_text_or_a_list() -> None:
    one = goal_yaml(id="a", notes="'counted by the ministry'")
    many = goal_yaml(id="b") + "    notes:\n      - first\n      - 'second'\n"
    plan = load(plan_yaml(one, many))
    assert plan.goal("a").notes == ("counted by the ministry",)
    assert plan.goal("b").notes == ("first", "second")


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_plan(b"\xef\xbb\xbf" + plan_yaml().encode()).id == "test-plan"


def test_goal_lookup_suggests_a_close_id() -> None:
    plan = load(plan_yaml(goal_yaml(id="provincial-labs"), goal_yaml(id="pilot-bases")))
    assert plan.has_goal("pilot-bases") and not plan.has_goal("pilot")
    with pytest.raises(NotFoundError, match="unknown goal 'provincal-labs'; did you mean "
                       "'provincial-labs'") as info:  # fmt: skip
        plan.goal("provincal-labs")
    assert info.value.exit_code == ExitCode.NOT_FOUND
    with pytest.raises(NotFoundError, match=r"^unknown goal 'zzz'$"):
        plan.goal("zzz")


def test_a_copy_with_other_goals_has_its_own_index() -> None:
    plan = load(plan_yaml(goal_yaml(id="a"), goal_yaml(id="b")))
    only_b = dataclasses.replace(plan, goals=plan.goals[1:])
    assert not only_b.has_goal("a")
    assert plan.has_goal("a")
    assert only_b.goal("b") is plan.goal("b")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # Exact unless told otherwise.
        ({}, "0"),
        # Explicit units win: 2 units.
        ({"tolerance": "2"}, "2"),
        # Percent of the span: target 10, baseline 0, span 10; 15% of 10 = 1.5.
        ({"tolerance": "15%"}, "1.5"),
        # Approximate ("左右"): 10% of the span 10 - 0 = 1.
        ({"approximate": "true"}, "1"),
        # Approximate level from baseline 40 to 60: span 20, 10% = 2.
        ({"kind": "level", "baseline": "40", "target": "60", "approximate": "true"}, "2"),
        # Going down from 80 to 50: span |50 - 80| = 30; 10% = 3.
        ({"kind": "level", "direction": "down", "baseline": "80", "target": "50",
          "approximate": "true"}, "3"),
        # Coverage (unit %, target 100): 1 point by default, even when approximate.
        ({"kind": "level", "unit": "'%'", "target": "100"}, "1"),
        ({"kind": "level", "unit": "'%'", "target": "100", "approximate": "true"}, "1"),
        # ... unless set: 50% of the span 100 - 90 = 5.
        ({"kind": "level", "unit": "'%'", "baseline": "90", "target": "100",
          "tolerance": "50%"}, "5"),
    ],
)  # fmt: skip
def test_tolerance_worked_examples(changes: dict[str, str], expected: str) -> None:
    (g,) = load(plan_yaml(goal_yaml(**changes))).goals
    assert g.tolerance == Decimal(expected)


@pytest.mark.parametrize(
    ("changes", "needle", "skip", "message"),
    [
        ({"direction": "dwon"}, "direction: dwon", 11,
         "direction must be one of up, down, got 'dwon'; did you mean 'down'?"),
        ({"direction": "upward"}, "direction: upward", 11,
         "direction must be one of up, down, got 'upward'"),
        ({"method": "lin"}, "method: lin", 8,
         "method must be one of linear, cagr, got 'lin'; did you mean 'linear'?"),
        ({"method": ""}, "method:", 7, "method must be one of linear, cagr, got an empty value"),
        ({"stretch": "'true'"}, "stretch: 'true'", 9,
         "stretch must be true or false, got 'true'"),
        ({"stretch": "True"}, "stretch: True", 9, "stretch must be true or false, got 'True'"),
        ({"unit": "~"}, "unit: ~", 6,
         "unit '~' would be read as a boolean or null by YAML 1.1 tools; quote it (\"~\")"),
        ({"title_en": "Yes"}, "title_en: Yes", 10,
         "title_en 'Yes' would be read as a boolean or null by YAML 1.1 tools; quote it (\"Yes\")"),
        ({"title_en": "''"}, "title_en: ''", 10, "title_en is empty"),
        ({"title_en": ""}, "title_en:", 9, "title_en is empty"),
        ({"title_zh": "'  '"}, "title_zh: '  '", 10, "title_zh is empty"),
        ({"unit": "''"}, "unit: ''", 6, "unit is empty"),
        ({"section": "[a, b]"}, "section: [a, b]", 9, "section must be text"),
        ({"target": "~"}, "target: ~", 8, "target must be a number, got an empty value"),
        ({"target": "null"}, "target: null", 8, "target must be a number, got an empty value"),
        ({"target": "'ten'"}, "target: 'ten'", 8, "target must be a number, got 'ten'"),
        ({"target": "1e3"}, "target: 1e3", 8, "target must be a number, got '1e3'"),
        ({"target": "0x10"}, "target: 0x10", 8, "target must be a number, got '0x10'"),
        ({"target": ".inf"}, "target: .inf", 8, "target must be a number, got '.inf'"),
        ({"target": "1_000"}, "target: 1_000", 8, "target must be a number, got '1_000'"),
        ({"target": "10.12345"}, "target: 10.12345", 8,
         "target '10.12345': too many decimal places (at most 4)"),
        ({"target": "100000000000000"}, "target: 100000000000000", 8,
         "target '100000000000000': value too large (must be below 10^14)"),
        ({"target": "{a: 1}"}, "target: {a: 1}", 8,
         "target must be a number, got a list or mapping"),
        ({"target": "0"}, "target: 0", 8, "target 0 must be above the baseline 0"),
        ({"kind": "level", "baseline": "20"}, "target: 10", 8,
         "target 10 must be above the baseline 20"),
        ({"kind": "level", "baseline": "5", "direction": "down"}, "target: 10", 8,
         "target 10 must be below the baseline 5"),
        ({"kind": "level", "baseline_stock": "3"}, "baseline_stock: 3", 16,
         "baseline_stock is only for increase goals"),
        ({"baseline_stock": "-3"}, "baseline_stock: -3", 16,
         "baseline_stock must not be negative"),
        ({"deadline": "2025-12-32"}, "deadline: 2025-12-32", 10,
         "deadline '2025-12-32' is not a real calendar date"),
        ({"deadline": "0000-01-01"}, "deadline: 0000-01-01", 10,
         "deadline '0000-01-01' is not a real calendar date"),
        ({"deadline": "2025/12/31"}, "deadline: 2025/12/31", 10,
         "deadline must be a date YYYY-MM-DD, got '2025/12/31'"),
        ({"deadline": "2025-1-31"}, "deadline: 2025-1-31", 10,
         "deadline must be a date YYYY-MM-DD, got '2025-1-31'"),
        ({"deadline": "~"}, "deadline: ~", 10, "deadline must be a date YYYY-MM-DD, got '~'"),
        # The default baseline date is the period start, so a deadline on it is too early.
        ({"deadline": "2021-01-01"}, "deadline: 2021-01-01", 10,
         "deadline 2021-01-01 must be after the plan period starts (2021-01-01)"),
        ({"baseline_date": "2025-12-31"}, "baseline_date: 2025-12-31", 15,
         "baseline_date must be before the deadline"),
        ({"tolerance": "-1"}, "tolerance: -1", 11, "tolerance must not be negative"),
        ({"tolerance": "lots"}, "tolerance: lots", 11,
         "tolerance must be a number or like '10%', got 'lots'"),
        ({"tolerance": "[1]"}, "tolerance: [1]", 11,
         "tolerance must be a number or a percentage like '10%'"),
        ({"notes": "{a: b}"}, "notes: {a: b}", 7, "notes must be text or a list of text"),
    ],
)  # fmt: skip
def test_each_problem_has_its_message_and_position(
    changes: dict[str, str], needle: str, skip: int, message: str
) -> None:
    text = plan_yaml(goal_yaml(**changes))
    assert one_problem(text) == f"{at(text, needle, skip)}: goal 'labs': {message}"


@pytest.mark.parametrize(
    ("kind", "key", "message"),
    [
        ("milestone", "target", "a milestone has no target; remove it"),
        ("indicator", "baseline", "an indicator has no baseline; remove it"),
        ("milestone", "tolerance", "a milestone has no target, so no tolerance; remove it"),
    ],
)
def test_goals_without_a_target_refuse_target_keys(kind: str, key: str, message: str) -> None:
    text = plan_yaml(goal_yaml(**{"kind": kind, "target": None, key: "5"}))
    assert one_problem(text) == f"{at(text, f'{key}: 5', len(key) + 2)}: goal 'labs': {message}"


def test_long_values_are_shortened_in_messages() -> None:
    text = plan_yaml(goal_yaml(target="x" * 5000))
    message = one_problem(text)
    assert message == f"t.yaml:14:13: goal 'labs': target must be a number, got '{'x' * 57}...'"


def test_a_bad_goal_id_is_explained_and_the_goal_labelled_by_line() -> None:
    text = plan_yaml(goal_yaml(id="Labs 2", kind="wrong"))
    assert problems(text) == [
        "t.yaml:8:9: id 'Labs 2' must be lowercase ASCII: a letter, then letters and digits, "
        "parts joined by '-', '_' or '.'",
        "t.yaml:12:11: goal '#8': kind must be one of increase, level, growth, cumulative, "
        "milestone, indicator, "
        "got 'wrong'",
    ]


def test_a_duplicate_id_is_found_even_when_both_goals_have_other_problems() -> None:
    text = plan_yaml(goal_yaml(target="ten"), goal_yaml(deadline="2025-02-30"))
    # Each goal is 9 lines: the second starts on line 17.
    assert problems(text) == [
        "t.yaml:14:13: goal 'labs': target must be a number, got 'ten'",
        "t.yaml:17:5: goal 'labs': duplicate goal id (first defined at line 8)",
        "t.yaml:24:15: goal 'labs': deadline '2025-02-30' is not a real calendar date",
    ]


@pytest.mark.parametrize(
    ("replace", "by", "message"),
    [
        ("  id: test-plan\n", "  id: Test Plan\n",
         "t.yaml:2:7: plan id 'Test Plan' must be lowercase ASCII like 'my-plan'"),
        ("  period_end: 2025-12-31\n", "  period_end: 2021-01-01\n",
         "t.yaml:6:15: period_end must be after period_start"),
        ("  period_end: 2025-12-31\n", "",
         "t.yaml:2:3: missing required key 'period_end'"),
        ("  name_en: Test plan\n", "  name_en: Test plan\n  nmae_zh: x\n",
         "t.yaml:5:3: unknown key 'nmae_zh' in plan; did you mean 'name_zh'?"),
        ("  name_en: Test plan\n", "  name_en: Test plan\n  issued: 2021-13-01\n",
         "t.yaml:5:11: issued '2021-13-01' is not a real calendar date"),
        ("  name_en: Test plan\n", "  name_en: Test plan\n  name_en: Again\n",
         "t.yaml:5:3: duplicate key 'name_en' (first at line 4)"),
        ("plan:\n", "extra: 1\nplan:\n",
         "t.yaml:1:1: unknown key 'extra' in the plan file"),
    ],
)  # fmt: skip
def test_plan_level_problems(replace: str, by: str, message: str) -> None:
    assert one_problem(plan_yaml().replace(replace, by)) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"\xef\xbb\xbf", ["t.yaml:1:1: file has no content; expected 'plan:' and 'goals:'"]),
        (b"# only a comment\n", ["t.yaml:1:1: file has no content; expected 'plan:' and 'goals:'"]),
        (b"---\n", ["t.yaml:2:1: the plan file must be a mapping of keys to values"]),
        (b"- a\n- b\n", ["t.yaml:1:1: the plan file must be a mapping of keys to values"]),
        (b"plan: x\ngoals: y\n", ["t.yaml:1:7: plan must be a mapping of keys to values",
                                  "t.yaml:2:8: goals must be a list (each item starting with "
                                  "'- id: ...')"]),
        (HEAD.encode() + b"  []\n", ["t.yaml:8:3: goals is empty; a plan needs at least one goal"]),
        (HEAD.encode() + b"  - just text\n",
         ["t.yaml:8:5: a goal must be a mapping of keys to values"]),
        (b"? [a]\n: 1\n", ["t.yaml:1:3: mapping keys must be plain text"]),
    ],
)  # fmt: skip
def test_file_level_problems(text: bytes, expected: list[str]) -> None:
    assert problems(text) == expected


def test_every_problem_is_reported_in_one_pass_in_file_order() -> None:
    text = plan_yaml(
        goal_yaml(id="a", target="-1"),
        goal_yaml(id="b", deadline="2025-02-30", section="off"),
        goal_yaml(id="c"),
        goal_yaml(id="d", kind="milestone", target="1", unit=None),
    )
    found = problems(text)
    assert [p.split(": ", 1)[0] for p in found] == [
        at(text, "target: -1", 8),
        at(text, "section: off", 9),
        at(text, "deadline: 2025-02-30", 10),
        at(text, "target: 1\n", 8),
    ]
    assert str(ValidationError(found)).endswith("(and 3 more)")


def test_goals_are_checked_even_when_the_plan_block_is_missing() -> None:
    assert problems("goals:\n" + goal_yaml(kind="wrong")) == [
        "t.yaml:1:1: missing required key 'plan'",
        "t.yaml:6:11: goal 'labs': kind must be one of increase, level, growth, cumulative, "
        "milestone, indicator, "
        "got 'wrong'",
    ]


def test_yaml_refusals_are_reported_with_the_other_problems() -> None:
    text = plan_yaml(goal_yaml(title_en="!!str x", target="ten"))
    assert problems(text) == [
        f"{at(text, '!!str', 0)}: goal 'labs': tags such as tag:yaml.org,2002:str are not allowed",
        f"{at(text, 'target: ten', 8)}: goal 'labs': target must be a number, got 'ten'",
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        # Each extra line is line 17, after the goal's nine lines; values start at column 12.
        ("    notes: &n x\n",
         ["17:12: goal 'labs': anchors (&name) are not allowed in a plan file"]),
        ("    notes: !!binary aGk=\n",
         ["17:12: goal 'labs': tags such as tag:yaml.org,2002:binary are not allowed"]),
        ("    notes: !!python/object/new:os.system [ls]\n",
         ["17:12: goal 'labs': tags such as tag:yaml.org,2002:python/object/new:os.system are "
          "not allowed"]),
        ("    notes: !local x\n",
         ["17:12: goal 'labs': tags such as !local are not allowed"]),
        ("    <<: *base\n",
         ["17:5: goal 'labs': unknown key '<<' in a goal",
          "17:9: goal 'labs': aliases (*name) are not allowed in a plan file"]),
        ("---\nplan: {}\n", ["17:1: only one YAML document is allowed (found a second '---')"]),
    ],
)  # fmt: skip
def test_yaml_features_a_plan_does_not_need_are_refused(extra: str, expected: list[str]) -> None:
    assert problems(plan_yaml(goal_yaml() + extra)) == [f"t.yaml:{e}" for e in expected]


def test_an_anchored_goal_still_has_its_own_problems_reported() -> None:
    # '&g' on the goal itself: refused, but the goal as written is still checked.
    text = plan_yaml(goal_yaml(unit=None).replace("  - id: labs", "  - &g\n    id: labs"))
    assert problems(text) == [
        "t.yaml:8:5: goal 'labs': anchors (&name) are not allowed in a plan file",
        "t.yaml:8:5: goal 'labs': missing required key 'unit'",
    ]


def test_a_non_specific_tag_only_means_text() -> None:
    # `! 10` is the YAML way to say "the text 10": allowed, and not a number.
    (g,) = load(plan_yaml(goal_yaml(title_en="! 2025"))).goals
    assert g.title_en == "2025"
    assert one_problem(plan_yaml(goal_yaml(target="! 10"))).endswith(
        "target must be a number, got '10' (quoted, so it is text; remove the quotes)"
    )


def test_invalid_utf8_is_located_in_characters() -> None:
    # Line 2 is '  name_zh: ' (11 characters) + 计划 (2 characters, 6 bytes), then 0xff.
    data = "plan:\n  name_zh: 计划".encode() + b"\xff\n"
    assert problems(data) == ["t.yaml:2:14: not valid UTF-8 (byte 0xff); save the file as UTF-8"]
    # A byte order mark is not part of the text and does not shift the column.
    assert problems(b"\xef\xbb\xbf" + data) == problems(data)
    # Old Mac line ends (CR) count as line breaks, as they do for YAML.
    assert problems(data.replace(b"\n", b"\r")) == problems(data)


@pytest.mark.parametrize(
    ("char", "message"),
    [
        ("\x00", "character U+0000 is not allowed in YAML; remove it"),
        ("\x1b", "character U+001B is not allowed in YAML; remove it"),
        ("\x7f", "character U+007F is not allowed in YAML; remove it"),
        ("\ufffe", "character U+FFFE is not allowed in YAML; remove it"),
        ("\x85", "character U+0085 (NEL) is a line break to some YAML readers and not to "
                 "others; replace it with a space or a new line"),
        ("\u2028", "character U+2028 (LINE SEPARATOR) is a line break to some YAML readers "
                   "and not to others; replace it with a space or a new line"),
    ],
)  # fmt: skip
def test_forbidden_characters_are_located_in_characters(char: str, message: str) -> None:
    # '  name_zh: 测试' is 13 characters, so the character is column 14 of line 3.
    text = HEAD.replace("name_zh: 测试规划", f"name_zh: 测试{char}规划") + goal_yaml()
    assert problems(text) == [f"t.yaml:3:14: {message}"]


def test_yaml_syntax_errors_keep_the_file_position_and_the_goal() -> None:
    text = plan_yaml(goal_yaml(), goal_yaml(id="second", title_en="'New labs"))
    # The quote opened on line 19 closes at the next "'", which opens source's
    # value on line 25 ("    source: '新建..."), column 13; 新 (column 14) is
    # then where a key was expected.
    (found,) = problems(text)
    assert found.startswith("t.yaml:25:14: goal 'second': YAML syntax error: ")
    # A double quote never closed runs to the end of the file: the line after
    # the last one, or, without a final newline, the end of the last line
    # ('    source: ' + 11 characters of quoted text = 23 characters).
    text = plan_yaml(goal_yaml(), goal_yaml(id="second", title_en='"New labs'))
    (found,) = problems(text)
    assert found.startswith("t.yaml:26:1: goal 'second': YAML syntax error: ")
    (found,) = problems(text.rstrip("\n"))
    assert found.startswith("t.yaml:25:24: goal 'second': YAML syntax error: ")


def test_a_deeply_nested_file_is_a_clean_error() -> None:
    (found,) = problems("plan: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "YAML syntax error" in found


# --------------------------------------------------------------------------- load_plan


def test_load_plan_reads_a_file_and_names_it_in_messages(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(plan_yaml(), encoding="utf-8")
    assert load_plan(good).path == str(good)
    bad = tmp_path / "bad.yaml"
    bad.write_text(plan_yaml(goal_yaml(unit=None)), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_plan(str(bad))
    assert info.value.problems == [f"{bad}:8:5: goal 'labs': missing required key 'unit'"]
    assert info.value.exit_code == ExitCode.INVALID


@pytest.mark.parametrize(
    ("name", "error", "message"),
    [
        ("missing.yaml", NotFoundError, "plan file not found: {path}"),
        ("file.txt/targets.yaml", NotFoundError, "plan file not found: {path}"),
        (".", ValidationError, "{path}: is a folder, not a plan file"),
        ("x" * 300 + ".yaml", ValidationError,
         "{path}: cannot read the plan file: File name too long"),
    ],
)  # fmt: skip
def test_load_plan_turns_os_errors_into_clean_errors(
    tmp_path: Path, name: str, error: type[PlantrackError], message: str
) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    path = tmp_path / name
    with pytest.raises(error) as info:
        load_plan(path)
    assert str(info.value) == message.format(path=path)


def test_an_unreadable_plan_file(restricted: Runner, tmp_path: Path) -> None:
    # (As root, in CI, the child drops its power to read any file: see conftest.)
    path = tmp_path / "secret.yaml"
    path.write_text(plan_yaml(), encoding="utf-8")
    path.chmod(0)
    done = restricted("validate", str(path))
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert done.stderr == f"plantrack: error: {path}: permission denied\n"


def test_parse_plan_refuses_oversized_bytes_too() -> None:
    data = b"#" * (MAX_PLAN_BYTES + 1)
    assert problems(data) == [
        "t.yaml:1:1: file is 16,777,217 bytes; a plan file may be at most 16,777,216 bytes (16 MiB)"
    ]


def test_named_sections(tmp_path: Path) -> None:
    # valid_minimal.yaml has goals in 'platforms' (line 11) and 'talent' (line 21)
    base = VALID.read_text(encoding="utf-8")
    both = (
        "sections:\n  platforms: {zh: 创新平台, en: Platforms}\n"
        "  talent: {zh: 创新人才, en: Talent}\n"
    )
    path = tmp_path / "named.yaml"
    path.write_text(base.replace("goals:\n", both + "goals:\n", 1), encoding="utf-8")
    plan = load_plan(path)
    assert plan.section_name("talent", "zh") == "创新人才"
    assert plan.section_name("platforms", "en") == "Platforms"
    # Listing only 'talent' leaves the platforms goal's section unknown: an error at
    # its section value, which moved down by the two added lines (11 + 2 = 13).
    only = "sections:\n  talent: {zh: 创新人才, en: Talent}\n"
    path.write_text(base.replace("goals:\n", only + "goals:\n", 1), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert problem.startswith(f"{path}:13:14: goal 'provincial-labs': section 'platforms'")
    assert "is not listed under 'sections'" in problem
    shipped = load_plan(PLAN)
    assert shipped.section_name("platforms", "zh") == "创新平台"
    assert shipped.section_name("nowhere", "en") == "nowhere"


@pytest.mark.parametrize("escape", ["\\u202e", "\\u200f", "\\u061c", "\\u2066", "\\e", "\\x9b"])
def test_characters_that_would_act_on_the_screen_are_refused(escape: str) -> None:
    # Written as YAML escapes, so the file itself holds only printable text; U+061C
    # (ARABIC LETTER MARK) is the third implicit bidi mark, beside U+200E and U+200F.
    text = HEAD.replace("name_zh: 测试规划", f'name_zh: "测试{escape}规划"') + goal_yaml()
    code = {"\\e": 0x1B, "\\x9b": 0x9B}.get(escape) or int(escape[2:], 16)
    assert problems(text) == [
        f"t.yaml:3:12: name_zh holds the control character U+{code:04X}, which would act on "
        "the screen instead of being shown; remove it"
    ]
