"""The Ledger contract, run against every registered backend (plantrack.ledger.BACKENDS).

A new backend registers itself and adds its way of making a fresh, empty
location to LOCATIONS below; these tests then hold it to what the reports
and commands rely on. Figures are worked out by hand in the comments.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from plantrack.errors import NotFoundError, PlantrackError
from plantrack.ledger import BACKENDS, Ledger, open_ledger
from plantrack.model.entries import NewEntry

PLAN, OTHER_PLAN = "contract-plan", "other-plan"
LABS, COVER, MILESTONE = "labs", "coverage", "academy"

# backend module -> a fresh location: (tmp_path, the pytest request) -> location
LOCATIONS: dict[str, Callable[[Path, pytest.FixtureRequest], str]] = {
    "plantrack.ledger.sqlite": lambda tmp, _: str(tmp / "contract.db"),
    "plantrack.ledger.postgres": lambda _, request: request.getfixturevalue("pg_url"),
}


@pytest.fixture(params=sorted(set(BACKENDS.values())))
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    assert request.param in LOCATIONS, f"backend {request.param} has no contract location"
    return LOCATIONS[request.param](tmp_path, request)


AT = "2024-01-01T00:00:00.000000Z"


def entry(key: str, goal: str, day: str, kind: str, value: str | None = None,
          **kw: object) -> NewEntry:  # fmt: skip
    return NewEntry(
        id=key, goal=goal, date=date.fromisoformat(day), kind=kind,
        value=None if value is None else Decimal(value), **kw,  # type: ignore[arg-type]
    )  # fmt: skip


@pytest.fixture
def ledger(location: str) -> Iterator[Ledger]:
    with open_ledger(location, write=True) as opened:
        yield opened


Users = Callable[[str], tuple[Ledger, str]]


@pytest.fixture
def users(location: str, ledger: Ledger, request: pytest.FixtureRequest) -> Iterator[Users]:
    """users(name) -> (that user's ledger, the name to pass as ``by``). Where the
    database names its users, a recorder role of its own; else the name itself."""
    opened: list[ExitStack] = []

    def as_user(name: str) -> tuple[Ledger, str]:
        if ledger.user is None:
            return ledger, name
        cluster = request.getfixturevalue("pg_cluster")
        role = cluster.new_role(name)
        ledger.grant(role, "recorder")
        stack = ExitStack()
        opened.append(stack)
        url = cluster.with_user(location, role)
        return stack.enter_context(open_ledger(url, write=True)), role

    yield as_user
    for stack in opened:
        stack.close()


def test_a_missing_ledger_is_not_found_and_not_created(location: str) -> None:
    for write in (False, True):
        with pytest.raises(NotFoundError), open_ledger(location, write=write, must_exist=True):
            pass
    with pytest.raises(NotFoundError), open_ledger(location, write=False):
        pass  # reading never creates one
    if "://" not in location:  # a file backend leaves no file behind
        assert not Path(location).exists()


def test_a_new_ledger_is_empty(ledger: Ledger) -> None:
    assert ledger.entries(PLAN) == []
    assert ledger.figures(PLAN, date(2025, 12, 31), None, [LABS]) == {}
    assert (ledger.counts(PLAN), ledger.goal_ids(PLAN)) == ((0, 0), [])


def test_adding_again_skips_what_is_there(ledger: Ledger) -> None:
    first = ledger.add(PLAN, by="t", at=AT, entries=[entry("a", LABS, "2021-06-30", "total", "3"),
                              entry("b", LABS, "2021-09-30", "increment", "2")])  # fmt: skip
    again = ledger.add(PLAN, by="t", at=AT, entries=[entry("a", LABS, "2021-06-30", "total", "3"),
                              entry("c", LABS, "2021-12-31", "increment", "1")])  # fmt: skip
    assert (first.added, first.skipped, again.added, again.skipped) == (2, 0, 1, 1)
    assert ledger.counts(PLAN) == (3, 0)
    ledger.add(OTHER_PLAN, [entry("a", LABS, "2021-06-30", "total", "9")], by="t", at=AT)
    assert ledger.counts(OTHER_PLAN) == (1, 0)  # ids are per plan


def test_an_id_given_again_with_other_content_is_a_conflict_by_line(ledger: Ledger) -> None:
    from plantrack.errors import EntryConflictError

    ledger.add(PLAN, [entry("a", LABS, "2021-06-30", "total", "3")], by="t", at=AT)
    batch = [entry("n1", LABS, "2021-09-30", "increment", "1", line=2),
             entry("a", LABS, "2021-06-30", "total", "3", line=3),  # the same: skipped
             entry("n1", LABS, "2021-09-30", "increment", "1", line=4),  # the same again
             entry("a", LABS, "2021-06-30", "total", "4", line=5),  # 4, not 3
             entry("n2", LABS, "2021-12-31", "increment", "1", line=6),
             entry("n1", LABS, "2021-10-31", "increment", "1", line=7)]  # not the line-2 one
    with pytest.raises(EntryConflictError) as info:
        ledger.add(PLAN, batch, by="t", at=AT)
    assert [(new.line, new.id, old.value) for new, old in info.value.conflicts] == [
        (5, "a", Decimal("3")), (7, "n1", Decimal("1"))]  # fmt: skip
    assert ledger.counts(PLAN) == (1, 0)  # nothing of the batch was written
    with pytest.raises(EntryConflictError) as again:  # read once only: the same answer
        ledger.add(PLAN, iter(batch), by="t", at=AT)
    assert [new.line for new, _ in again.value.conflicts] == [5, 7]
    result = ledger.add(PLAN, iter([batch[i] for i in (0, 1, 2, 4)]), by="t", at=AT)
    assert (result.added, result.skipped) == (2, 2)  # n1, n2 added; a and n1 again skipped
    result = ledger.add(PLAN, [entry("n3", LABS, "2021-12-31", "increment", "5"), batch[4]],
                        by="t", at=AT)  # fmt: skip
    assert (result.added, result.skipped) == (1, 1)  # a list: n3 added, n2 skipped


def test_figures_worked_out_by_hand(ledger: Ledger) -> None:
    ledger.add(PLAN, by="t", at=AT, entries=[
        entry("i0", LABS, "2021-03-31", "increment", "4"),  # before any total: replaced by it
        entry("t1", LABS, "2021-06-30", "total", "10"),
        entry("i1", LABS, "2021-09-30", "increment", "2.5"),
        entry("i2", LABS, "2022-03-31", "increment", "-0.5"),
        entry("n1", LABS, "2022-04-01", "note", note="site visit"),  # never counted
        entry("i3", LABS, "2026-01-31", "increment", "7"),  # after the as-of date
        entry("t2", COVER, "2021-12-31", "total", "80", bound="lower"),
        entry("s1", MILESTONE, "2021-05-01", "status", status="in_progress"),
        entry("s2", MILESTONE, "2023-05-01", "status", status="done"),
    ])  # fmt: skip
    f = ledger.figures(PLAN, date(2025, 12, 31), None, [LABS, COVER, MILESTONE, "none"])
    labs = f[LABS]
    # latest total 10 (2021-06-30), then +2.5 and -0.5 after it: increments = 2
    assert (labs.total, labs.increments) == (Decimal(10), Decimal(2))
    assert labs.total_date == date(2021, 6, 30)
    # the first numeric entry is the +4 of 2021-03-31; the first total is 10; the
    # latest numeric entry by the as-of date is the -0.5 of 2022-03-31
    assert (labs.first_date, labs.first_total, labs.last_date) == (
        date(2021, 3, 31), Decimal(10), date(2022, 3, 31))  # fmt: skip
    assert (f[COVER].total, f[COVER].bound, f[COVER].increments) == (Decimal(80), "lower", 0)
    assert (f[MILESTONE].status, f[MILESTONE].last_date) == ("done", date(2023, 5, 1))
    assert "none" not in f  # no entries: no figures
    # As of 2021-12-31: 10 + 2.5 = 12.5; the milestone was in progress.
    earlier = ledger.figures(PLAN, date(2021, 12, 31), None, [LABS, MILESTONE])
    assert earlier[LABS].total + earlier[LABS].increments == Decimal("12.5")
    assert earlier[MILESTONE].status == "in_progress"


def test_known_at_hides_what_was_recorded_after_that_day(ledger: Ledger) -> None:
    # Everything here is recorded now (a backend whose database keeps the time uses
    # its own clock): known at the end of yesterday (UTC), none of it was there yet.
    now = datetime.now(UTC)
    stamp = now.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    ledger.add(PLAN, [entry("a", LABS, "2021-06-30", "total", "3")], by="t", at=stamp)
    ledger.add(PLAN, [entry("b", LABS, "2021-09-30", "increment", "2")], by="t", at=stamp)
    ledger.void(PLAN, "a", "typo", "t", stamp)
    today, yesterday = now.date(), now.date() - timedelta(days=1)
    assert reading(ledger, known_at=yesterday) is None
    assert ledger.entries(PLAN, known_at=yesterday) == []
    assert reading(ledger, known_at=today) == 2  # "a" was voided today: only the +2 counts
    assert reading(ledger) == 2


def test_entries_in_order_voids_kept_or_left_out(ledger: Ledger) -> None:
    ledger.add(PLAN, by="t", at=AT, entries=[
        entry("x2", COVER, "2021-02-01", "total", "5"),
        entry("x1", LABS, "2022-01-01", "total", "2"),
        entry("x3", LABS, "2021-01-01", "total", "1"),
    ])  # fmt: skip
    ledger.void(PLAN, "x1", "wrong", "t", "2024-02-01T00:00:00.000000Z")
    assert [e.id for e in ledger.entries(PLAN)] == ["x2", "x3", "x1"]  # by goal, then date
    assert [e.id for e in ledger.entries(PLAN, include_voided=False)] == ["x2", "x3"]
    assert [e.id for e in ledger.entries(PLAN, as_of=date(2021, 6, 30))] == ["x2", "x3"]
    assert sorted(ledger.goal_ids(PLAN)) == [COVER, LABS]
    assert ledger.counts(PLAN) == (3, 1)
    voided = next(e for e in ledger.entries(PLAN) if e.id == "x1")
    assert (voided.void_reason, voided.voided_by) == ("wrong", ledger.user or "t")


def reading(ledger: Ledger, goal: str = LABS, known_at: date | None = None) -> Decimal | None:
    got = ledger.figures(PLAN, date(2025, 12, 31), known_at, [goal]).get(goal)
    return None if got is None else (got.total or 0) + got.increments


def test_void_by_prefix_restore_and_their_errors(ledger: Ledger) -> None:
    ledger.add(PLAN, [entry("abcd1", LABS, "2021-01-01", "total", "1"),
                      entry("abcd2", LABS, "2021-02-01", "increment", "2")], by="t", at=AT)
    with pytest.raises(NotFoundError, match="ambiguous"):
        ledger.void(PLAN, "abcd", "x", "t", AT)
    assert ledger.void(PLAN, "abcd2", "typo", "t", "2024-02-01T00:00:00.000000Z").voided
    assert reading(ledger) == 1  # 1, and the +2 is void
    with pytest.raises(PlantrackError, match="already voided"):
        ledger.void(PLAN, "abcd2", "x", "t", AT)
    restored = ledger.restore(PLAN, "abcd2", "t", "2024-02-02T00:00:00.000000Z")
    assert not restored.voided and reading(ledger) == 3  # 1 + 2
    (past,) = restored.past_voids  # the void stays in history, reversed
    assert (past.reason, past.restored_by) == ("typo", ledger.user or "t")
    with pytest.raises(PlantrackError, match="not voided"):
        ledger.restore(PLAN, "abcd2", "t", AT)
    assert ledger.void(PLAN, "abcd2", "again", "t", AT).void_reason == "again"  # voided again
    assert ledger.integrity_problems() == []


def test_undo_reverts_your_own_last_action_only(ledger: Ledger, users: Users) -> None:
    (alice, a), (bob, b) = users("alice"), users("bob")
    alice.add(PLAN, [entry("a1", LABS, "2021-01-01", "total", "10")], by=a, at=AT)
    bob.add(PLAN, [entry("b1", LABS, "2021-02-01", "increment", "5"),
                   entry("b2", LABS, "2021-03-01", "increment", "1")], by=b, at=AT,
            about="bob.csv")  # fmt: skip
    alice.add(PLAN, [entry("a2", LABS, "2021-04-01", "increment", "3")], by=a, at=AT,
              kind="record", about="a2")  # fmt: skip
    assert reading(ledger) == 19  # 10 + 5 + 1 + 3
    # alice's last action is her record of a2: only it goes, not bob's import
    done = alice.undo(PLAN, a, "2024-02-01T00:00:00.000000Z")
    assert (done.kind, done.about, done.entries) == ("record", "a2", 1)
    assert reading(ledger) == 16  # 10 + 5 + 1
    # her next undo reaches her first import, past bob's
    assert alice.undo(PLAN, a, AT).entries == 1 and reading(ledger) == 6  # 5 + 1
    with pytest.raises(NotFoundError, match="nothing of yours"):
        alice.undo(PLAN, a, AT)
    done = bob.undo(PLAN, b, AT)
    assert (done.kind, done.about, done.entries) == ("import", "bob.csv", 2)
    assert reading(ledger) is None  # every entry is void now
    entries = ledger.entries(PLAN)
    assert {e.id: e.recorded_by for e in entries} == {"a1": a, "b1": b, "b2": b, "a2": a}
    assert {e.id: e.voided_by for e in entries} == {"a1": a, "b1": b, "b2": b, "a2": a}


def test_undo_of_a_void_a_restore_and_an_amend(ledger: Ledger) -> None:
    ledger.add(PLAN, [entry("a1", LABS, "2021-01-01", "total", "10")], by="t", at=AT)
    ledger.void(PLAN, "a1", "typo", "t", AT)
    assert ledger.undo(PLAN, "t", AT).kind == "void" and reading(ledger) == 10  # restored
    ledger.void(PLAN, "a1", "typo", "t", AT)
    ledger.restore(PLAN, "a1", "t", AT)
    assert ledger.undo(PLAN, "t", AT).kind == "restore" and reading(ledger) is None  # void again
    ledger.restore(PLAN, "a1", "t", AT)
    before, after = ledger.amend(PLAN, "a1", entry("a1-fixed", LABS, "2021-01-01", "total", "12"),
                                 "wrong figure", "t", AT)  # fmt: skip
    assert before.voided and not after.voided and reading(ledger) == 12
    done = ledger.undo(PLAN, "t", AT)  # the amend: the replacement goes, the original is back
    assert (done.kind, done.entries) == ("amend", 2) and reading(ledger) == 10


def test_an_approximate_total_is_kept_and_read_back(ledger: Ledger) -> None:
    # 约2万: bound "approx", like "lower" a mark of totals only, kept exactly as given
    ledger.add(PLAN, by="t", at=AT, entries=[
        entry("a1", LABS, "2024-12-31", "total", "20000", bound="approx"),
        entry("a2", COVER, "2024-12-31", "total", "80", bound="lower"),
    ])  # fmt: skip
    by_id = {e.id: e for e in ledger.entries(PLAN)}
    assert (by_id["a1"].bound, by_id["a1"].value) == ("approx", Decimal(20000))
    assert by_id["a2"].bound == "lower"
    f = ledger.figures(PLAN, date(2025, 12, 31), None, [LABS, COVER])
    assert (f[LABS].bound, f[LABS].total) == ("approx", Decimal(20000))
    assert f[COVER].bound == "lower"
