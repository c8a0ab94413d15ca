"""Naming a goal as a person would: id, the start of the id, a piece of a title."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import PLAN, fails, ok

from plantrack.errors import NotFoundError
from plantrack.model.plan import AmbiguousName
from plantrack.planfile import load_plan

plan = load_plan(PLAN)


@pytest.mark.parametrize(
    "name,goal",
    [
        ("provincial-labs", "provincial-labs"),  # the id
        ("provincial-l", "provincial-labs"),  # the start of the id, and only its
        ("PROVINCIAL-L", "provincial-labs"),  # ids are matched without case
        ("省实验室", "provincial-labs"),  # 建设省实验室: the only zh title with it
        ("Provincial laboratories", "provincial-labs"),  # a piece of the English title
        ("中原学者", "zhongyuan-scholars"),
        ("tech-s", "tech-smes"),
    ],
)
def test_a_unique_name_finds_its_goal(name: str, goal: str) -> None:
    assert plan.named(name).id == goal


def test_the_start_of_an_id_comes_before_a_title() -> None:
    # "national" starts several ids, so titles are not looked at, and it is ambiguous.
    with pytest.raises(AmbiguousName) as info:
        plan.named("national")
    ids = [line.split()[0] for line in info.value.problems]
    assert ids == [g.id for g in plan.goals if g.id.startswith("national")]
    assert len(ids) > 1


def test_an_ambiguous_name_lists_each_candidate_with_its_titles() -> None:
    with pytest.raises(AmbiguousName) as info:
        plan.named("实验室")
    wanted = [g for g in plan.goals if "实验室" in g.title_zh]
    assert info.value.problems == [f"  {g.id}  {g.title_zh} / {g.title_en}" for g in wanted]
    assert len(wanted) == 4 and "fits 4 goals" in str(info.value.summary)


def test_no_match_is_not_found_with_a_suggestion() -> None:
    with pytest.raises(NotFoundError, match="did you mean 'provincial-labs'"):
        plan.named("provincial-lab5")
    with pytest.raises(NotFoundError):
        plan.named("")


def test_commands_take_names(db: Path) -> None:
    ok("record", "省实验室", "21", "--date", "2025/6/30", "--db", str(db))
    shown = ok("show", "provincial-l", "--as-of", "2025-06-30", "--db", str(db)).stdout
    assert "Provincial laboratories built" in shown and "21" in shown
    result = fails(2, "record", "实验室", "1", "--db", str(db))
    lines = result.stderr.splitlines()
    assert lines[-1] == ("plantrack: error: '实验室' fits 4 goals (above): give more of its id "
                         "or title")  # fmt: skip
    assert "  provincial-labs  建设省实验室 / Provincial laboratories built" in lines


def test_a_short_entry_id_says_why_it_finds_nothing(db: Path) -> None:
    ok("record", "provincial-labs", "3", "--date", "2024-06-30", "--db", str(db))
    result = fails(3, "void", "65", "--reason", "typo", "--db", str(db), one_line=True)
    assert "first 4 or more characters" in result.stderr
