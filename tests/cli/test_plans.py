"""Several plans, one ledger: the user's ledger in the user data folder whatever the
current folder, `plans` (bundled, registered, ./targets.yaml), --plan by id, a ledger
beside a plan file named and moved in with `ledger adopt`, and one CSV for several plans."""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from pathlib import Path

import pytest
from support import BROKEN_PLANS, EXAMPLES, PLAN, fails, ok, run

HENAN = "henan-14th-fyp-sti"
with EXAMPLES.open(encoding="utf-8") as _f:
    PUBLISHED = sum(1 for _ in csv.DictReader(_f))  # the sample data's rows, one entry each
MINIMAL = BROKEN_PLANS / "valid_minimal.yaml"  # plan test-plan: provincial-labs, young-scientists


def _plan_file(folder: Path, plan_id: str = "test-plan") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.yaml"
    path.write_text(MINIMAL.read_text(encoding="utf-8").replace("test-plan", plan_id), "utf-8")
    return path


def test_the_ledger_does_not_depend_on_the_current_folder(tmp_path: Path) -> None:
    # The Quickstart's import in one folder, then status from another: the same figures.
    ok("import", str(EXAMPLES))
    here = ok("status", "--as-of", "2025-12-31", "--json").stdout
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chdir(elsewhere)
    there = ok("status", "--as-of", "2025-12-31", "--json").stdout
    assert json.loads(here) == json.loads(there)
    data = json.loads(there)
    assert data["plan"]["id"] == HENAN  # every report names its plan and its ledger
    assert data["ledger"] == str(Path(os.environ["PLANTRACK_HOME"]) / "plantrack.db")
    assert data["summary"]["achieved"] == 4  # not "31 goals: 31 no data"


def test_status_without_plan_says_which_plan_it_shows(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:  # fmt: skip
    ok("import", str(EXAMPLES))  # into the 2021-2025 plan (conftest names it)
    other = _plan_file(tmp_path / "p", "other-plan")
    ok("record", "provincial-labs", "2", "--date", "2024-06-30", "--plan", str(other))
    monkeypatch.delenv("PLANTRACK_PLAN")
    (Path.cwd() / "targets.yaml").write_bytes(PLAN.read_bytes())  # ./targets.yaml: the default
    result = run("status", "--as-of", "2025-12-31")
    assert result.exit_code == 0
    assert result.stderr == (
        f"plantrack: note: showing {HENAN} (./targets.yaml); the ledger also holds "
        "other-plan: pick one with --plan ID (plantrack plans lists them)\n")
    quiet = run("status", "--as-of", "2025-12-31", "--plan", HENAN)  # named: no note
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_plans_lists_bundled_registered_and_local_plans(tmp_path: Path) -> None:
    ok("import", str(EXAMPLES))
    registered = _plan_file(tmp_path / "plans", "other-plan")
    said = ok("plans", "add", str(registered)).stdout
    assert said == f"registered {registered.resolve()}: plan other-plan, 2 goals\n"
    ok("record", "provincial-labs", "3", "--date", "2024-06-30", "--plan", "other-plan")
    listed = json.loads(ok("plans", "--json").stdout)
    rows = {p["id"]: p for p in listed["plans"]}
    assert rows[HENAN]["origin"] == "bundled" and rows[HENAN]["entries"] == PUBLISHED
    assert rows[HENAN]["goals"] == 31 and rows[HENAN]["period"] == "2021-01-01..2025-12-31"
    assert rows["other-plan"]["origin"] == "registered" and rows["other-plan"]["entries"] == 1
    assert rows["other-plan"]["path"] == str(registered.resolve())
    assert listed["ledger"].endswith("plantrack.db")
    text = ok("plans").stdout
    assert "other-plan" in text and HENAN in text and "registered" in text
    # a second file with a known plan's id is refused; registering one twice is no change
    again = _plan_file(tmp_path / "again", "other-plan")
    assert "plan id other-plan is already known" in fails(2, "plans", "add", str(again)).stderr
    ok("plans", "add", str(registered))
    # --plan takes the id from any folder; remove by id leaves the file and its entries
    os.chdir(tmp_path)
    assert ok("history", "--plan", "other-plan", "--json").stdout.count('"provincial-labs"') == 1
    ok("plans", "remove", "other-plan")
    assert registered.exists()
    assert "other-plan" not in {p["id"] for p in json.loads(ok("plans", "--json").stdout)["plans"]}
    gone = json.loads(ok("plans", "--json").stdout)["unknown_plans_in_ledger"]
    assert gone == [{"id": "other-plan", "entries": 1}]  # its entries are not hidden either


def test_a_local_targets_yaml_is_listed_as_such(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANTRACK_PLAN")
    _plan_file(Path.cwd(), "local-plan").rename("targets.yaml")
    rows = json.loads(ok("plans", "--json").stdout)["plans"]
    local = [p for p in rows if p["origin"] == "local"]
    assert [(p["id"], p["path"], p["default"]) for p in local] == [
        ("local-plan", "targets.yaml", True)]
    assert not any(p["default"] for p in rows if p["origin"] == "bundled")


def test_an_unknown_plan_id_lists_the_known_ones() -> None:
    result = fails(3, "status", "--plan", "no-such-plan")
    said = result.stderr.removesuffix("\n")
    assert said.startswith("plantrack: error: no plan 'no-such-plan': give a plan file or one "
                           "of the known ids: ")
    assert set(said.rsplit(": ", 1)[1].split(", ")) == {HENAN, "henan-15th-fyp-sti"}


def test_a_ledger_beside_the_plan_is_named_and_adopted(tmp_path: Path) -> None:
    plan = _plan_file(tmp_path / "office")
    beside = plan.parent / "plantrack.db"
    # as an earlier plantrack made it: the default ledger beside the plan file
    ok("record", "provincial-labs", "4", "--date", "2024-06-30", "--plan", str(plan),
       "--db", str(beside))
    result = run("status", "--plan", str(plan), "--as-of", "2024-12-31")
    user_ledger = Path(os.environ["PLANTRACK_HOME"]) / "plantrack.db"
    assert result.exit_code == 3  # the user's ledger does not exist yet ...
    assert result.stderr.splitlines()[0] == (  # ... and the old one is named, not ignored
        f"plantrack: note: {beside} beside the plan is a ledger of an earlier plantrack; this "
        f"reads the user's ledger {user_ledger}. Move it in with: plantrack ledger adopt "
        f"{beside} (or read it with --db {beside})")
    moved = ok("ledger", "adopt", str(beside), "--plan", str(plan)).stdout
    assert moved.endswith(f"{beside} is kept as {beside}.adopted\n")
    assert "copied 1 entry" in moved and not beside.exists()
    assert Path(f"{beside}.adopted").exists()  # nothing is deleted
    status = json.loads(ok("status", "--plan", str(plan), "--as-of", "2024-12-31",
                           "--json").stdout)  # fmt: skip
    assert status["goals"][0]["current"] == 4 and status["ledger"] == str(user_ledger)


def test_adopting_into_a_ledger_that_holds_entries_is_refused(tmp_path: Path) -> None:
    ok("record", "provincial-labs", "1", "--date", "2024-06-30")  # the user's ledger
    plan = _plan_file(tmp_path / "office")
    beside = plan.parent / "plantrack.db"
    ok("record", "provincial-labs", "4", "--date", "2024-06-30", "--plan", str(plan),
       "--db", str(beside))
    result = fails(2, "ledger", "adopt", str(beside), "--plan", str(plan))
    assert "holds other entries than" in result.stderr and "nothing was copied" in result.stderr
    assert beside.exists()  # kept where it was, readable with --db
    with sqlite3.connect(beside) as conn:
        assert conn.execute("SELECT count(*) FROM entries").fetchone() == (1,)


CSV_TWO_PLANS = (
    "goal,date,value,plan\n"
    "provincial-labs,2022-12-31,9,\n"  # empty: the import's own plan
    "provincial-labs,2023-06-30,3,other-plan\n"
    f"state-key-labs,2023-12-31,2,{HENAN}\n"
    "young-scientists,2024-06-30,+40,other-plan\n"
)


def test_one_csv_for_several_plans(tmp_path: Path) -> None:
    other = _plan_file(tmp_path / "plans", "other-plan")
    ok("plans", "add", str(other))
    csv_file = tmp_path / "two.csv"
    csv_file.write_text(CSV_TWO_PLANS, encoding="utf-8")
    # 2 rows of the 2021-2025 plan (one by its empty cell) and 2 of other-plan
    said = ok("import", str(csv_file)).stdout
    assert said == f"imported {csv_file}: 4 added, 0 already recorded (4 rows)\n"
    henan = json.loads(ok("history", "--json").stdout)
    other_rows = json.loads(ok("history", "--plan", "other-plan", "--json").stdout)
    assert sorted((e["goal"], e["value"]) for e in henan["entries"]) == [
        ("provincial-labs", 9), ("state-key-labs", 2)]
    assert sorted((e["goal"], e["value"]) for e in other_rows["entries"]) == [
        ("provincial-labs", 3), ("young-scientists", 40)]
    assert ok("import", str(csv_file)).stdout.startswith(f"imported {csv_file}: 0 added, 4 already")
    # exports carry the plan, and read back into each plan
    out = tmp_path / "back.csv"
    ok("export", "entries", "--plan", "other-plan", "-o", str(out), "--no-bom")
    header, first = out.read_text(encoding="utf-8").splitlines()[:2]
    assert header.split(",")[8] == "plan" and first.split(",")[8] == "other-plan"


def test_a_row_of_an_unknown_plan_refuses_the_whole_file(tmp_path: Path) -> None:
    csv_file = tmp_path / "bad.csv"
    csv_file.write_text("goal,date,value,plan\nprovincial-labs,2022-12-31,9,\n"
                   "provincial-labs,2023-06-30,3,nobody\n", encoding="utf-8")  # fmt: skip
    result = fails(2, "import", str(csv_file))  # a problem of the file, as an unknown goal is
    assert result.stderr.startswith(f"plantrack: error: {csv_file}:3: no plan 'nobody'")
    history = run("history", "--json")  # nothing written (the ledger may exist, empty)
    assert history.exit_code == 3 or json.loads(history.stdout)["entries"] == []


def test_a_local_link_to_a_bundled_plan_is_the_default_not_the_bundled_file(
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    # As in the repository, where ./targets.yaml and the bundled file are one file by a link.
    from plantrack.paths import bundled_plan_path

    monkeypatch.delenv("PLANTRACK_PLAN")
    Path("targets.yaml").symlink_to(bundled_plan_path())
    rows = json.loads(ok("plans", "--json").stdout)["plans"]
    assert [(p["origin"], p["id"]) for p in rows if p["default"]] == [("local", HENAN)]


def test_a_plan_cell_is_an_id_never_a_file(tmp_path: Path) -> None:
    # A cell naming a plan file is not a plan id: refused with its line, nothing written
    # (it was read as the file, and its rows were then passed over by every reader).
    other = _plan_file(tmp_path / "plans", "other-plan")
    ok("plans", "add", str(other))
    csv_file = tmp_path / "cells.csv"
    csv_file.write_text("goal,date,value,plan\nprovincial-labs,2022-12-31,9,\n"
                        f"provincial-labs,2023-06-30,3,{other}\n", encoding="utf-8")  # fmt: skip
    result = fails(2, "import", str(csv_file))
    assert result.stderr.startswith(f"plantrack: error: {csv_file}:3: no plan '{other}'")


def test_the_local_file_is_the_plan_of_its_id(monkeypatch: pytest.MonkeyPatch) -> None:
    # ./targets.yaml and the bundled file share an id: --plan ID reads the local one, as
    # a command without --plan does (it has a goal the bundled file lacks).
    text = PLAN.read_text(encoding="utf-8").replace(
        "  - id: national-lab\n", "  - id: local-only\n    title_zh: 本地\n    title_en: Local\n"
        "    section: platforms\n    kind: increase\n    unit: 个\n    target: 1\n"
        "    deadline: 2025-12-31\n    source: 本地目标\n\n  - id: national-lab\n", 1)
    Path("targets.yaml").write_text(text, encoding="utf-8")
    ok("record", "local-only", "1", "--date", "2024-06-30", "--plan", HENAN)
    monkeypatch.delenv("PLANTRACK_PLAN")
    assert json.loads(ok("show", "local-only", "--json").stdout)["goal"]["current"] == 1


def test_a_registry_that_is_not_a_list_of_files_is_refused() -> None:
    registry = Path(os.environ["PLANTRACK_HOME"]) / "plans.json"
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text('{"files": "/tmp"}', encoding="utf-8")  # read letter by letter before
    assert "cannot read the plan registry" in fails(2, "plans", "add", str(MINIMAL)).stderr
    assert json.loads(registry.read_text(encoding="utf-8")) == {"files": "/tmp"}  # unchanged


def test_a_write_without_plan_says_which_plan_it_goes_into(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:  # fmt: skip
    ok("import", str(EXAMPLES))  # the 2021-2025 plan's entries
    monkeypatch.delenv("PLANTRACK_PLAN")  # the default: the plan of the current period
    result = run("record", "rd-intensity", "2.2", "--date", "2026-06-30")
    assert result.exit_code == 0
    assert result.stderr.startswith("plantrack: note: this goes into henan-15th-fyp-sti (the "
                                    f"bundled plan of the current period); the ledger also holds "
                                    f"{HENAN}: name another with --plan ID")


def test_adopt_never_overwrites_an_earlier_adopted_file(tmp_path: Path) -> None:
    plan = _plan_file(tmp_path / "office")
    beside = plan.parent / "plantrack.db"
    ok("record", "provincial-labs", "4", "--date", "2024-06-30", "--plan", str(plan),
       "--db", str(beside))
    Path(f"{beside}.adopted").write_bytes(b"kept")
    refused = fails(2, "ledger", "adopt", str(beside), "--plan", str(plan))
    assert "exists already (an earlier adopt)" in refused.stderr
    assert Path(f"{beside}.adopted").read_bytes() == b"kept" and beside.exists()
