"""The validated-plan cache: same Plan as a fresh parse, invalidated by any edit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plantrack.errors import ValidationError
from plantrack.paths import user_data_dir
from plantrack.planfile import cache as plancache
from plantrack.planfile import load_plan

GOAL = """  - id: g{i:05d}
    title_zh: 目标{i}
    title_en: Goal {i}
    section: s{s}
    kind: {kind}
    unit: '%'
    target: {target}
    baseline: 10.5
    baseline_stock_placeholder
    deadline: 2025-12-31
    approximate: true
    notes: ['counted so', 'and so']
    source: 'Sentence {i}.'
"""


def big_plan(path: Path, goals: int) -> Path:
    head = (
        "plan:\n  id: big\n  name_zh: 大计划\n  name_en: Big\n  issued: 2021-06-30\n"
        "  period_start: 2021-01-01\n  period_end: 2025-12-31\ngoals:\n"
    )
    body = "".join(
        GOAL.format(i=i, s=i % 7, kind="level", target=50 + i % 40).replace(
            "    baseline_stock_placeholder\n", ""
        )
        for i in range(goals)
    )
    path.write_text(head + body, encoding="utf-8")
    return path


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return big_plan(tmp_path / "big.yaml", 60)


def cache_files() -> list[Path]:
    return sorted((user_data_dir() / "cache").glob("plan-*.json"))


def test_cached_plan_equals_a_fresh_parse(plan_file: Path) -> None:
    fresh = load_plan(plan_file)
    first = plancache.read_plan(plan_file)
    assert len(cache_files()) == 1
    second = plancache.read_plan(plan_file)  # from the cache
    assert first == fresh and second == fresh
    assert second.goals == fresh.goals  # Decimal, date and tuple fields round-trip
    assert second.goal("g00007").notes == ("counted so", "and so")


def test_an_edit_invalidates_the_cache(plan_file: Path) -> None:
    plancache.read_plan(plan_file)
    text = plan_file.read_text(encoding="utf-8").replace("target: 57", "target: 58", 1)
    plan_file.write_text(text, encoding="utf-8")
    assert plancache.read_plan(plan_file).goal("g00007").target == 58
    broken = text.replace("target: 58", "target: fifty-eight", 1)
    plan_file.write_text(broken, encoding="utf-8")
    with pytest.raises(ValidationError):
        plancache.read_plan(plan_file)  # an invalid plan is never served from the cache


def test_a_damaged_cache_file_is_ignored(plan_file: Path) -> None:
    plancache.read_plan(plan_file)
    (cache,) = cache_files()
    cache.write_text("{not json", encoding="utf-8")
    assert plancache.read_plan(plan_file) == load_plan(plan_file)


def test_another_cache_format_gets_its_own_file(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An older and a newer plantrack on one machine must not overwrite each
    # other's cache file for the same plan on every run.
    plancache.read_plan(plan_file)
    monkeypatch.setattr(plancache, "_FORMAT", plancache._FORMAT + 1)
    plancache.read_plan(plan_file)
    assert len(cache_files()) == 2


def test_a_cut_off_cache_file_is_ignored(plan_file: Path) -> None:
    plancache.read_plan(plan_file)
    (cache,) = cache_files()
    data = cache.read_bytes()
    cache.write_bytes(data[: len(data) - 40])  # e.g. a full disk while another run wrote it
    assert plancache.read_plan(plan_file) == load_plan(plan_file)
    assert cache.read_bytes() == data  # and rewritten whole


def test_a_damaged_goal_is_validated_afresh(plan_file: Path) -> None:
    # The file parses, but one goal's target is no longer a number: the plan
    # is validated again from the YAML, and the cache file replaced.
    plancache.read_plan(plan_file)
    (cache,) = cache_files()
    data = cache.read_bytes()
    start = data.index(b'["g00007"')
    goal = data[start : data.index(b'["g00008"')]
    assert goal.count(b'"57"') == 1  # its target
    cache.write_bytes(data.replace(goal, goal.replace(b'"57"', b'"x7"')))
    assert plancache.read_plan(plan_file) == load_plan(plan_file)
    assert cache.read_bytes() == data  # rewritten


def test_without_a_home_folder_plans_are_validated_every_time(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # e.g. a service user with no passwd entry and no HOME: Path.home() raises.
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(plancache, "user_data_dir", no_home)
    assert plancache.read_plan(plan_file) == load_plan(plan_file)


def test_a_cache_that_cannot_be_written_leaves_no_temporary_file(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(plancache.os, "replace", refuse)
    assert plancache.read_plan(plan_file) == load_plan(plan_file)
    assert list((user_data_dir() / "cache").iterdir()) == []


def test_a_folder_or_a_device_as_the_plan_is_refused_unread(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="is a folder"):
        plancache.read_plan(tmp_path)
    with pytest.raises(ValidationError, match="larger than the limit"):
        plancache.read_plan(Path("/dev/zero"))  # never ends: read up to the limit only


def test_only_the_most_recently_used_cache_files_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plancache, "KEEP", 3)
    plans = [big_plan(tmp_path / f"p{i}.yaml", 2 + i) for i in range(5)]
    for p in plans[:3]:
        plancache.read_plan(p)
    assert len(cache_files()) == 3
    # p0 is used again (mtime only has to order: step it past the others by hand)
    before = {f: f.stat().st_mtime for f in cache_files()}
    plancache.read_plan(plans[0])
    (p0_cache,) = [f for f in cache_files() if f.stat().st_mtime != before[f]]
    os.utime(p0_cache, (max(before.values()) + 10,) * 2)
    plancache.read_plan(plans[3])  # a fourth plan: the least recently used (p1) goes
    plancache.read_plan(plans[4])  # a fifth: then p2
    assert len(cache_files()) == 3
    assert p0_cache in cache_files()
    served = plancache.read_plan(plans[0])  # still from the cache, and equal to a fresh parse
    assert served == load_plan(plans[0])


def test_a_changed_validation_rule_invalidates_the_cache(
    plan_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plancache.read_plan(plan_file)
    monkeypatch.setattr(plancache, "_validator_digest", lambda: b"rules v2")
    plancache.read_plan(plan_file)
    assert len(cache_files()) == 2  # a new key: validated afresh, not served stale
