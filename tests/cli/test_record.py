"""`plantrack record`, `note`, `history`, `undo` and `void` through the CLI.

Worked examples give the current value a person computes by hand, checked
twice: through `status --json` and through the ledger's own figures().
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import support
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from oracles import reference_units
from support import run
from typer.testing import Result

from plantrack.ledger import open_ledger
from plantrack.model.entries import Entry
from plantrack.paths import bundled_plan_path
from plantrack.planfile import load_plan

PLAN_ID = load_plan(bundled_plan_path()).id
LABS = "provincial-labs"  # increase goal, baseline 0, target 10 (个) by 2025-12-31
COVERAGE = "rd-institution-coverage"  # level goal in %, no published baseline
FIRMS = "high-tech-enterprises"  # increase goal measured on a stock of 6310
ACADEMY = "academy-of-sciences"  # milestone

def ok(*args: str) -> Result:
    """Exit 0 and nothing on stderr."""
    result = support.ok(*args)
    assert result.stderr == ""
    return result


def fails(code: int, *args: str) -> Result:
    return support.fails(code, *args, one_line=True)


def record(db: Path, goal: str, value: str, *extra: str) -> str:
    """Record and return the new entry's id (from the one-line confirmation)."""
    out = ok("record", goal, value, "--db", str(db), *extra).stdout
    assert out.startswith("recorded ") and out.endswith(")\n"), out
    return out.rsplit("(entry ", 1)[1].rstrip(")\n")


def entries(db: Path, include_voided: bool = True) -> list[Entry]:
    with open_ledger(db, write=False) as ledger:
        return ledger.entries(PLAN_ID, include_voided=include_voided)


def status_current(db: Path, goal: str, as_of: str) -> Decimal | None:
    out = ok("status", "--json", "--as-of", as_of, "--db", str(db)).stdout
    report = json.loads(out, parse_float=Decimal)
    (row,) = [g for g in report["goals"] if g["id"] == goal]
    return None if row["current"] is None else Decimal(row["current"])


def figures_current(db: Path, goal: str, as_of: str) -> Decimal | None:
    """The latest total plus the increments after it, straight from the ledger."""
    with open_ledger(db, write=False) as ledger:
        f = ledger.figures(PLAN_ID, date.fromisoformat(as_of), None, [goal]).get(goal)
    if f is None:
        return None
    return (f.total if f.total is not None else Decimal(0)) + f.increments


def current(db: Path, goal: str, as_of: str) -> Decimal | None:
    """Both ways of reading the current value must agree (goals without a stock)."""
    via_status = status_current(db, goal, as_of)
    assert figures_current(db, goal, as_of) == via_status
    return via_status


def history_json(db: Path, *extra: str) -> list[dict[str, Any]]:
    out = ok("history", "--json", "--db", str(db), *extra).stdout
    doc = json.loads(out, parse_float=Decimal)
    assert doc["plan"] == PLAN_ID
    return doc["entries"]


# --------------------------------------------------------------------------- kinds of values


def test_a_value_is_recorded_as_a_total(db: Path) -> None:
    result = ok("record", LABS, "3", "--date", "2022-01-01", "--db", str(db))
    (e,) = entries(db)
    assert result.stdout == f"recorded {LABS} = 3 on 2022-01-01 (entry {e.id})\n"
    assert (e.goal, e.date, e.kind, e.value, e.bound) == (
        LABS,
        date(2022, 1, 1),
        "total",
        Decimal(3),
        None,
    )


@pytest.mark.parametrize(
    ("args", "kind", "value"),
    [
        (["+2"], "increment", "2"),
        (["-5"], "increment", "-5"),  # a bare negative number: ignore_unknown_options
        (["-1.5"], "increment", "-1.5"),
        (["+0.25"], "increment", "0.25"),
        (["4", "--add"], "increment", "4"),
        (["--add", "-2"], "increment", "-2"),
        (["7"], "total", "7"),
        (["1,000"], "total", "1000"),  # documented: thousands separators
        (["1万"], "total", "10000"),  # 1 x 10^4
        (["1.5万"], "total", "15000"),  # 1.5 x 10^4
        (["-0.5万"], "increment", "-5000"),  # -0.5 x 10^4
    ],
)
def test_values_and_changes(db: Path, args: list[str], kind: str, value: str) -> None:
    ok("record", LABS, *args, "--date", "2022-01-01", "--db", str(db))
    (e,) = entries(db)
    assert (e.kind, e.value) == (kind, Decimal(value))


@pytest.mark.parametrize(
    "args",
    [
        [">13000"],
        [">=13000"],
        ["≥13000"],
        ["13000", "--lower-bound"],
        ["> 13000"],
        ["1.3万", "--lower-bound"],
    ],
)
def test_lower_bounds(db: Path, args: list[str]) -> None:
    # 突破1.3万家: "more than 13,000" is stored as 13000 with bound 'lower'.
    result = ok("record", FIRMS, *args, "--date", "2022-12-31", "--db", str(db))
    assert f"{FIRMS} = >= 13000 on 2022-12-31" in result.stdout
    (e,) = entries(db)
    assert (e.kind, e.value, e.bound) == ("total", Decimal(13000), "lower")


@pytest.mark.parametrize(
    "args", [[">+5"], ["+5", "--lower-bound"], ["--add", "5", "--lower-bound"], [">done"]]
)
def test_a_change_cannot_be_a_lower_bound(db: Path, args: list[str]) -> None:
    fails(2, "record", FIRMS, *args, "--db", str(db))
    assert not db.exists()


@pytest.mark.parametrize("status", ["not_started", "in_progress", "done"])
def test_milestone_statuses(db: Path, status: str) -> None:
    ok("record", ACADEMY, status, "--date", "2023-06-30", "--note", "reported", "--db", str(db))
    (e,) = entries(db)
    assert (e.kind, e.status, e.value, e.note) == ("status", status, None, "reported")
    report = json.loads(ok("status", "--json", "--as-of", "2023-12-31", "--db", str(db)).stdout)
    (row,) = [g for g in report["goals"] if g["id"] == ACADEMY]
    assert row["milestone_status"] == status


@pytest.mark.parametrize(
    ("goal", "value", "message"),
    [
        (ACADEMY, "finished", "not_started, in_progress, done"),
        (ACADEMY, "dne", "did you mean 'done'?"),
        (ACADEMY, "5", "a milestone takes"),
        (LABS, "done", "not a number"),
    ],
)
def test_status_and_number_do_not_mix(db: Path, goal: str, value: str, message: str) -> None:
    result = fails(2, "record", goal, value, "--db", str(db))
    assert message in result.stderr
    assert not db.exists()


def test_a_milestone_takes_no_change(db: Path) -> None:
    result = fails(2, "record", ACADEMY, "done", "--add", "--db", str(db))
    assert "not a change" in result.stderr


# --------------------------------------------------------------------------- rejected input


@pytest.mark.parametrize(
    "value",
    [
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "",
        " ",
        "1e999",
        "1e3",
        "١٢",
        "约+12",
        "约12以上",
        "12%",
        "abc",
        "12abc",
        "1.00001",
        "1,00",
        "0x10",
        "++1",
        "1万万",
        "100000000000000",
        "--",
    ],
)
def test_bad_values_are_rejected_and_nothing_is_written(db: Path, value: str) -> None:
    record(db, LABS, "1", "--date", "2021-06-30")
    result = fails(2, "record", LABS, "--date", "2022-01-01", "--db", str(db), "--", value)
    assert f"goal '{LABS}'" in result.stderr
    assert [e.value for e in entries(db)] == [Decimal(1)]


def test_unknown_goal_gets_a_suggestion_and_nothing_is_created(db: Path) -> None:
    # (provincial-lab, the start of the id, names the goal: tests/model/test_goal_names.py)
    result = fails(3, "record", "provincial-lbas", "3", "--db", str(db))
    assert "unknown goal 'provincial-lbas'; did you mean 'provincial-labs'?" in result.stderr
    assert not db.exists()


def test_a_future_date_is_rejected(db: Path) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    result = fails(2, "record", LABS, "3", "--date", tomorrow, "--db", str(db))
    assert f"--date {tomorrow} is in the future" in result.stderr
    assert not db.exists()


@pytest.mark.parametrize(
    "day",
    [
        "2022-13-01",
        "2022-02-30",
        "2022-1-32",
        "20220101",
        "2021-W01-1",
        "2022/01-01",
        "2022年1月1",
        "yesterday",
    ],
)
def test_malformed_dates_are_rejected(db: Path, day: str) -> None:
    result = fails(2, "record", LABS, "3", "--date", day, "--db", str(db))
    # the refusal says every form that would have been accepted
    assert "must be a date YYYY-MM-DD (also 2024/12/31, 2024-1-5, 2024.12.31, 2024年12月31日)" \
        in result.stderr


def test_the_date_defaults_to_today(db: Path) -> None:
    record(db, LABS, "3")
    assert entries(db)[0].date == date.today()


def test_text_that_is_not_unicode_is_a_clean_error(db: Path) -> None:
    # A non-UTF-8 byte in argv arrives as a lone surrogate; SQLite cannot store it.
    result = fails(2, "record", LABS, "3", "--note", "bad \udcff byte", "--db", str(db))
    assert "not valid Unicode" in result.stderr


# --------------------------------------------------------------------------- who and when


def test_who_records_defaults_to_the_os_user(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(var, "alice")
    before = datetime.now(UTC)
    record(db, LABS, "3", "--date", "2022-01-01")
    record(db, LABS, "+1", "--date", "2022-02-01", "--by", "bob")
    after = datetime.now(UTC)
    first, second = entries(db)
    assert (first.recorded_by, second.recorded_by) == ("alice", "bob")
    for e in (first, second):
        when = datetime.fromisoformat(e.recorded_at.replace("Z", "+00:00"))
        assert before <= when <= after


# --------------------------------------------------------------------------- worked examples


def test_mixed_totals_and_increments_worked_example(db: Path) -> None:
    """Provincial labs (increase goal, baseline 0): totals reset, changes add on."""
    record(db, LABS, "2", "--date", "2021-06-30")  # e1: 2 labs so far
    record(db, LABS, "+1", "--date", "2021-09-30")  # e2: one more
    record(db, LABS, "4", "--date", "2021-12-31")  # e3: year-end bulletin says 4
    record(db, LABS, "+2", "--date", "2022-03-01")  # e4
    record(db, LABS, "-1", "--date", "2022-03-01")  # e5: one was merged away
    record(db, LABS, "+3", "--date", "2021-11-01")  # e6: entered late, dated before e3
    record(db, LABS, "+1", "--date", "2021-12-31")  # e7: same day as e3, recorded after it

    assert current(db, LABS, "2021-05-01") is None  # nothing dated yet
    assert current(db, LABS, "2021-07-31") == 2  # e1
    assert current(db, LABS, "2021-10-31") == 3  # e1 + e2 = 2 + 1
    assert current(db, LABS, "2021-11-15") == 6  # e1 + e2 + e6 = 2 + 1 + 3
    # e3's total already counts e2 and e6 (dated before it); e7 comes after it:
    assert current(db, LABS, "2021-12-31") == 5  # 4 + 1
    assert current(db, LABS, "2022-12-31") == 6  # 4 + 1 + 2 - 1


def test_voids_and_undo_worked_example(db: Path) -> None:
    ids = [
        record(db, LABS, "2", "--date", "2021-06-30"),  # e1
        record(db, LABS, "+1", "--date", "2021-09-30"),  # e2
        record(db, LABS, "4", "--date", "2021-12-31"),  # e3
        record(db, LABS, "+2", "--date", "2022-03-01"),  # e4
        record(db, LABS, "-1", "--date", "2022-03-01"),  # e5
        record(db, LABS, "+3", "--date", "2021-11-01"),  # e6
        record(db, LABS, "+1", "--date", "2021-12-31"),  # e7
    ]
    e1, e2, e3, e4, e5, e6, e7 = ids
    assert current(db, LABS, "2022-12-31") == 6  # as in the example above: 4 + 1 + 2 - 1

    out = ok("void", e3, "--reason", "bulletin misprint", "--db", str(db)).stdout
    assert out == f"voided entry {e3}: {LABS} on 2021-12-31 (reason: bulletin misprint)\n"
    # Without e3 the latest total is e1 (2); every change after it counts:
    assert current(db, LABS, "2022-12-31") == 8  # 2 + 1 + 3 + 1 + 2 - 1

    out = ok("undo", "--db", str(db)).stdout  # my last action was that void: e3 is back
    assert re.fullmatch(rf"undid your void {e3} of .* UTC: 1 entry restored\n", out)
    assert current(db, LABS, "2022-12-31") == 6  # 4 + 1 + 2 - 1 again

    out = ok("undo", "--db", str(db)).stdout  # then my record of e7 (+1 on 2021-12-31)
    assert re.fullmatch(rf"undid your record {e7} of .* UTC: 1 entry voided\n", out)
    assert current(db, LABS, "2022-12-31") == 5  # 4 + 2 - 1

    ok("undo", "--db", str(db))  # then e6: +3 on 2021-11-01, before e3's total of 4
    assert current(db, LABS, "2022-12-31") == 5  # so nothing counted changes

    # Nothing is deleted: history --all still has all seven; e3's void is kept, reversed.
    every = {e["id"]: e for e in history_json(db, "--all")}
    assert set(every) == set(ids)
    assert {i: every[i]["void_reason"] for i in ids if every[i]["voided"]} == {
        e7: f"undo of record {e7}",
        e6: f"undo of record {e6}",
    }
    assert [v["reason"] for v in every[e3]["restored_voids"]] == ["bulletin misprint"]
    assert [e["id"] for e in history_json(db)] == [e1, e2, e3, e4, e5]  # by date, then recording
    # Someone else's undo never reaches my entries.
    other = fails(3, "undo", "--by", "bob", "--db", str(db))
    assert other.stderr == "plantrack: error: nothing of yours (bob) to undo in this ledger\n"


def test_exact_decimals_worked_example(db: Path) -> None:
    # Coverage 0.1 %, then +0.2 points: 0.3 exactly (a float sum gives 0.30000000000000004).
    record(db, COVERAGE, "0.1", "--date", "2022-01-01")
    record(db, COVERAGE, "+0.2", "--date", "2022-02-01")
    assert current(db, COVERAGE, "2022-12-31") == Decimal("0.3")
    out = ok("status", "--json", "--as-of", "2022-12-31", "--db", str(db)).stdout
    assert '"current": 0.3,' in out


def test_a_stock_goal_counts_from_its_stock(db: Path) -> None:
    # High-tech enterprises: stock 6310 at the start; the target is +10,000 firms.
    # A registered count of 1.5万 = 15000 is an increase of 15000 - 6310 = 8690.
    record(db, FIRMS, "1.5万", "--date", "2023-12-31")
    assert figures_current(db, FIRMS, "2023-12-31") == 15000  # the raw reading
    assert status_current(db, FIRMS, "2023-12-31") == 8690


def test_notes_are_kept_but_not_counted(db: Path) -> None:
    record(db, LABS, "3", "--date", "2022-01-01")
    out = ok(
        "note",
        LABS,
        "preliminary approval",
        "--date",
        "2022-02-01",
        "--source",
        "Henan Daily",
        "--db",
        str(db),
    ).stdout
    assert out.startswith(f"noted {LABS} on 2022-02-01 (entry ")
    assert current(db, LABS, "2022-12-31") == 3
    note = entries(db)[1]
    assert (note.kind, note.note, note.source, note.value) == (
        "note",
        "preliminary approval",
        "Henan Daily",
        None,
    )


def test_an_empty_note_is_rejected(db: Path) -> None:
    fails(2, "note", LABS, "   ", "--db", str(db))
    assert not db.exists()


# --------------------------------------------------------------------------- history


def test_history_table_shows_every_field(db: Path) -> None:
    # The layout belongs to render.py; here only that each fact is on screen.
    first = record(
        db,
        LABS,
        "2",
        "--date",
        "2021-06-30",
        "--by",
        "alice",
        "--note",
        "bulletin",
        "--source",
        "gov.cn",
    )
    second = record(db, LABS, "+3", "--date", "2021-09-30", "--by", "bob")
    ok("void", second, "--reason", "duplicate", "--db", str(db))
    recorded_on = entries(db)[0].recorded_at[:10]  # today (UTC), not an entry date
    shown = ok("history", "--db", str(db)).stdout
    for fact in (first, "2021-06-30", LABS, "alice", "bulletin", "gov.cn", recorded_on):
        assert fact in shown, fact
    assert second not in shown and "duplicate" not in shown and "bob" not in shown
    everything = ok("history", "--all", "--db", str(db)).stdout
    for fact in (first, second, "2021-09-30", "+3", "bob", "voided: duplicate"):
        assert fact in everything, fact


def test_history_changes_column(db: Path) -> None:
    # Each value and the change it makes: 2 (+2), +1 (+1), then a total of 5
    # after 3, so +2.
    record(db, LABS, "2", "--date", "2021-06-30")
    record(db, LABS, "+1", "--date", "2021-09-30")
    record(db, LABS, "5", "--date", "2021-12-31")
    lines = ok("history", "--db", str(db)).stdout.splitlines()
    rows = {line.split()[0]: line.split()[2:4] for line in lines if line.startswith("2021-")}
    assert rows == {
        "2021-06-30": ["2", "+2"],
        "2021-09-30": ["+1", "+1"],
        "2021-12-31": ["5", "+2"],
    }


def test_history_json(db: Path) -> None:
    kept = record(
        db, LABS, "2", "--date", "2021-06-30", "--by", "alice", "--note", "n", "--source", "s"
    )
    dropped = record(db, LABS, "+1.5", "--date", "2021-09-30")
    ok("void", dropped, "--reason", "typo", "--by", "carol", "--db", str(db))
    (only,) = history_json(db)
    assert {
        k: only[k]
        for k in ("id", "goal", "date", "kind", "value", "note", "source", "by", "voided")
    } == {
        "id": kept,
        "goal": LABS,
        "date": "2021-06-30",
        "kind": "total",
        "value": 2,
        "note": "n",
        "source": "s",
        "by": "alice",
        "voided": False,
    }
    datetime.fromisoformat(only["recorded_at"].replace("Z", "+00:00"))
    both = history_json(db, "--all")
    assert [e["id"] for e in both] == [kept, dropped]
    assert both[1]["value"] == Decimal("1.5") and both[1]["kind"] == "increment"
    assert (both[1]["voided"], both[1]["void_reason"], both[1]["voided_by"]) == (
        True,
        "typo",
        "carol",
    )


def test_history_of_one_goal_and_of_an_unknown_goal(db: Path) -> None:
    record(db, LABS, "2", "--date", "2021-06-30")
    record(db, COVERAGE, "50", "--date", "2021-06-30")
    assert [e["goal"] for e in history_json(db, COVERAGE)] == [COVERAGE]
    assert "did you mean" in fails(3, "history", "provincial-lbas", "--db", str(db)).stderr


def test_history_of_a_missing_ledger_is_not_found_and_creates_nothing(db: Path) -> None:
    assert "no ledger at" in fails(3, "history", "--db", str(db)).stderr
    assert not db.exists()


# --------------------------------------------------------------------------- void / undo errors


def test_void_by_unique_prefix_and_errors(db: Path) -> None:
    entry = record(db, LABS, "2", "--date", "2021-06-30")
    ok("void", entry[:6], "--reason", "wrong", "--db", str(db))
    assert entries(db)[0].void_reason == "wrong"
    assert "already voided" in fails(2, "void", entry, "--reason", "again", "--db", str(db)).stderr
    fails(3, "void", "zzzzzzzz", "--reason", "x", "--db", str(db))
    # ids are exact: a prefix in another case does not match (an id with letters, so
    # that upper() really changes it; a random id may be all digits)
    Path("one.csv").write_text(f"id,goal,date,value\nabcdef-1,{LABS},2021-06-30,3\n")
    ok("import", "one.csv", "--db", str(db))
    fails(3, "void", "ABCDEF", "--reason", "x", "--db", str(db))
    fails(2, "void", entry, "--reason", "  ", "--db", str(db))


def test_undo_with_nothing_left(db: Path) -> None:
    fails(3, "undo", "--db", str(db))
    record(db, LABS, "2", "--date", "2021-06-30")
    ok("undo", "--db", str(db))
    assert "nothing of yours" in fails(3, "undo", "--db", str(db)).stderr


def test_default_database_is_in_the_user_data_folder(tmp_path: Path) -> None:
    ok("record", LABS, "2", "--date", "2021-06-30")
    assert (tmp_path / "home" / "plantrack.db").is_file()
    assert not list(Path.cwd().iterdir())  # nothing beside the bundled plan or here


# --------------------------------------------------------------------------- any VALUE text


def expected_value(text: str) -> tuple[str, int, str | None] | None:
    """(kind, units, bound) the documented VALUE rules give, or None if rejected."""
    s = text.strip()
    bound = None
    for prefix in ("≥", ">=", ">"):
        if s.startswith(prefix):
            bound, s = "lower", s[len(prefix) :].strip()
            break
    units = reference_units(s)
    if units is None:
        return None
    kind = "increment" if s[:1] in ("+", "-") else "total"
    if bound and kind == "increment":
        return None
    return kind, units, bound


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.one_of(
        st.text(max_size=16),
        st.from_regex(r"\A[ >=≥+-]{0,2}[0-9,.]{1,8}[万亿]?\Z"),
        st.decimals(min_value=-(10**15), max_value=10**15, places=5).map(lambda d: format(d, "f")),
    )
)
@example("-5")
@example(">=1.5万")
@example("1,000")
def test_any_value_text_is_recorded_exactly_or_rejected(db: Path, text: str) -> None:
    before = len(entries(db)) if db.exists() else 0
    result = run("record", LABS, "--date", "2022-01-01", "--db", str(db), "--", text)
    expected = expected_value(text)
    if expected is None:
        assert result.exit_code == 2, (text, result.stdout, result.stderr)
        assert result.stderr.startswith("plantrack: error: goal ")
        assert result.stdout == ""
        assert (len(entries(db)) if db.exists() else 0) == before
        return
    assert result.exit_code == 0, (text, result.stderr)
    last = entries(db)[-1]
    kind, units, bound = expected
    assert (last.kind, last.value, last.bound) == (kind, Decimal(units) / 10_000, bound)


def test_an_approximate_figure_reads_as_about_in_every_report(db: Path) -> None:
    # 12左右 ("about 12") on provincial labs, target 10: the figure is 12, marked ≈ as
    # approximate (neither exact nor a lower bound) wherever it is shown.
    record(db, LABS, "12左右", "--date", "2024-12-31")
    status = json.loads(ok("status", "--as-of", "2024-12-31", "--json", "--db", str(db)).stdout)
    labs = next(g for g in status["goals"] if g["id"] == LABS)
    assert (labs["current"], labs["estimate"], labs["lower_bound"]) == (12, True, False)
    assert labs["reading_approximate"] is True
    table = ok("status", "--as-of", "2024-12-31", "--db", str(db)).stdout
    assert "≈ 12 / 10" in table and "published as approximate" in table
    zh = ok("status", "--as-of", "2024-12-31", "--lang", "zh", "--db", str(db)).stdout
    assert "约12 / 10个" in zh and "公布数据为约数" in zh
    history = ok("history", LABS, "--db", str(db)).stdout
    assert "≈ 12" in history
    exported = ok("export", "entries", "--format", "json", "--db", str(db)).stdout
    assert json.loads(exported)["entries"][0]["bound"] == "approx"
