"""Units on the PostgreSQL ledger: an entry's unit kept and counted apart (pg003), a ledger
from before units upgraded, and recorders limited to units by row-level security (pg004).

The owner is the cluster's superuser unless a test says otherwise; every refusal of a
unit-limited recorder below comes from the server's policies, not from plantrack.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from pgcluster import Cluster
from support import EXAMPLES, REPO, fails, ok, run

from plantrack.errors import DatabaseReadOnlyError, EntryConflictError
from plantrack.ledger import Ledger, open_ledger
from plantrack.ledger import postgres_schema as schema
from plantrack.ledger.base import same_dump
from plantrack.ledger.postgres_conn import Target
from plantrack.model.entries import NewEntry

BREAKDOWN = str(REPO / "examples" / "breakdown" / "plan.yaml")
PLAN = "henan-14th-breakdown-example"  # the plan of BREAKDOWN
LABS = "provincial-labs"  # broken down over zhengzhou, luoyang, xinxiang, nanyang, kaifeng
ALL_MIGRATIONS = [name for name, _ in schema.MIGRATIONS]


def entry(key: str, day: str, kind: str, value: str, unit: str | None = None,
          goal: str = LABS) -> NewEntry:  # fmt: skip
    return NewEntry(key, goal, date.fromisoformat(day), kind, Decimal(value), unit=unit)


# The owner's entries: a provincial total, Zhengzhou's increments, Luoyang's total and an
# increment after it, and a provincial increment dated after as_of (2024-06-30).
OWNERS = [
    entry("p1", "2024-01-31", "total", "10"),
    entry("z1", "2024-02-29", "increment", "3", "zhengzhou"),
    entry("z2", "2024-03-31", "increment", "2", "zhengzhou"),
    entry("l1", "2024-02-29", "total", "4", "luoyang"),
    entry("l2", "2024-04-30", "increment", "1", "luoyang"),
    entry("p2", "2024-09-30", "increment", "7"),
]
AS_OF = date(2024, 6, 30)


def sql(url: str, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Any SQL, as psql would send it, on the ledger's schema."""
    target = Target(url)
    with psycopg.connect(target.conninfo) as conn:
        conn.execute(f'SET search_path TO "{target.schema}"')
        cur = conn.execute(statement, params or None)
        return cur.fetchall() if cur.description else []


def units_of(url: str, plan: str = PLAN) -> dict[str, str | None]:
    with open_ledger(url, write=False) as ledger:
        return {e.id: e.unit for e in ledger.entries(plan)}


@pytest.fixture
def owned(pg_url: str) -> str:
    """A ledger with the owner's entries in it."""
    with open_ledger(pg_url, write=True) as ledger:
        ledger.add(PLAN, OWNERS, kind="import")
    return pg_url


@pytest.fixture
def granted(pg_cluster: Cluster, owned: str) -> Callable[..., tuple[str, str]]:
    """granted(*grant options) -> (a new role, its URL), granted by the owner through the
    CLI (``ledger grant ROLE --plan BREAKDOWN ...``)."""

    def grant(*options: str) -> tuple[str, str]:
        name = pg_cluster.new_role("clerk")
        ok("ledger", "grant", name, *options, "--plan", BREAKDOWN, "--db", owned)
        return name, pg_cluster.with_user(owned, name)

    return grant


@pytest.fixture
def as_user() -> Iterator[Callable[[str], Ledger]]:
    """as_user(url) -> a ledger opened for writing as that URL's user (closed at the end)."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        yield lambda url: stack.enter_context(open_ledger(url, write=True))


def refusal(call: Callable[[], object]) -> DatabaseReadOnlyError:
    with pytest.raises(DatabaseReadOnlyError) as caught:
        call()
    return caught.value


# --------------------------------------------------------------------------- an entry's unit


def test_an_entrys_unit_is_kept_and_counted_apart(owned: str, pg_cluster: Cluster) -> None:
    with open_ledger(owned, write=True) as ledger:
        got = {e.id: e.unit for e in ledger.entries(PLAN)}
        assert got == {"p1": None, "z1": "zhengzhou", "z2": "zhengzhou", "l1": "luoyang",
                       "l2": "luoyang", "p2": None}  # fmt: skip
        assert ledger.find(PLAN, "z2").unit == "zhengzhou"
        keys = [(LABS, ""), (LABS, "zhengzhou"), (LABS, "luoyang"), (LABS, "xinxiang")]
        by_unit = ledger.unit_figures(PLAN, AS_OF, None, keys)
        whole = ledger.figures(PLAN, AS_OF, None, [LABS])
        # the whole: the total 10 of 31 Jan; p2 is dated after as_of
        assert (whole[LABS].total, whole[LABS].increments) == (Decimal(10), Decimal(0))
        assert by_unit[(LABS, "")] == whole[LABS]
        # Zhengzhou: no total, its increments 3 + 2 = 5, first on 29 Feb, last on 31 Mar
        z = by_unit[(LABS, "zhengzhou")]
        assert (z.total, z.increments, z.first_date, z.last_date) == (
            None, Decimal(5), date(2024, 2, 29), date(2024, 3, 31))  # fmt: skip
        # Luoyang: its total 4, then +1 after it: 5
        lo = by_unit[(LABS, "luoyang")]
        assert (lo.total, lo.increments, lo.total_date) == (Decimal(4), Decimal(1),
                                                            date(2024, 2, 29))  # fmt: skip
        assert (LABS, "xinxiang") not in by_unit  # nothing recorded for it
        # the same figure again is a repeat; the same id of another unit is a conflict
        assert ledger.add(PLAN, [OWNERS[1]]).skipped == 1
        with pytest.raises(EntryConflictError):
            ledger.add(PLAN, [entry("z1", "2024-02-29", "increment", "3", "luoyang")])
        dump = ledger.dump()
        assert [row[-1] for row in dump.entries] == ["", "zhengzhou", "zhengzhou", "luoyang",
                                                      "luoyang", ""]  # fmt: skip
    # a dump loads into another PostgreSQL ledger with its units
    copy = pg_cluster.url(pg_cluster.new_database())
    with open_ledger(owned, write=False) as src, open_ledger(copy, write=True) as dst:
        assert dst.load_dump(src.dump()) == len(OWNERS)
    with open_ledger(owned, write=False) as src, open_ledger(copy, write=False) as dst:
        assert same_dump(src.dump(), dst.dump())
    assert units_of(copy) == got


def test_ledger_copy_carries_units_from_sqlite_to_postgresql_and_back(
    tmp_path: Path, pg_url: str,
) -> None:
    first, last = str(tmp_path / "first.db"), str(tmp_path / "last.db")
    with open_ledger(first, write=True) as ledger:
        ledger.add(PLAN, OWNERS, by="analyst", at="2024-10-01T00:00:00.000000Z")
    assert "copied 6 entries" in ok("ledger", "copy", first, pg_url, "--plan", BREAKDOWN).stdout
    assert "copied 6 entries" in ok("ledger", "copy", pg_url, last, "--plan", BREAKDOWN).stdout
    expected = {"p1": None, "z1": "zhengzhou", "z2": "zhengzhou", "l1": "luoyang",
                "l2": "luoyang", "p2": None}  # fmt: skip
    assert units_of(pg_url) == units_of(last) == expected
    with open_ledger(pg_url, write=False) as ledger:
        z = ledger.unit_figures(PLAN, AS_OF, None, [(LABS, "zhengzhou")])[(LABS, "zhengzhou")]
    assert z.increments == Decimal(5)  # 3 + 2


# --------------------------------------------------------------------------- the upgrade

# What a recorder could write before pg003 (pg001's grant_statements), and the tables then.
OLD_RECORDER_COLUMNS = {
    "actions": "plan, kind, about",
    "entries": "plan, id, goal, date, kind, units, bound, status, note, source, action",
    "voids": "seq, reason, action",
    "restores": "void, action",
    "undos": "action, undone_by",
}
OLD_TABLES = "migrations, actions, entries, voids, restores, undos"


def test_a_ledger_from_before_units_is_upgraded_with_its_entries_and_roles(
    pg_cluster: Cluster, pg_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A ledger as pg002 left it: two entries of the owner's, a recorder and a reader
    # granted as plantrack granted them then.
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:2])
    target = Target(pg_url)
    with psycopg.connect(target.conninfo) as conn, conn.cursor() as cur:
        cur.execute('SET search_path TO "plantrack"')
        schema.migrate(cur, "plantrack")
        cur.execute("INSERT INTO actions (plan, kind) VALUES (%s, 'import')", (PLAN,))
        cur.execute("INSERT INTO entries (plan, id, goal, date, kind, units, action) VALUES"
                    " (%s, 'o1', %s, '2022-12-31', 'total', 30000, 1),"
                    " (%s, 'o2', %s, '2023-12-31', 'increment', 20000, 1)",
                    (PLAN, LABS, PLAN, LABS))  # fmt: skip
    monkeypatch.undo()
    recorder, reader = pg_cluster.new_role("old_recorder"), pg_cluster.new_role("old_reader")
    for who, columns in ((recorder, OLD_RECORDER_COLUMNS), (reader, {})):
        sql(pg_url, f'GRANT USAGE ON SCHEMA plantrack TO "{who}";'
            f' GRANT SELECT ON {OLD_TABLES} TO "{who}";'
            + "".join(f' GRANT INSERT ({c}) ON {t} TO "{who}";' for t, c in columns.items()))
    assert "older plantrack" in fails(6, "status", "--db", pg_url).stderr
    ok("ledger", "upgrade", "--db", pg_url)
    assert [r[0] for r in sql(pg_url, "SELECT name FROM migrations ORDER BY applied_at, name")
            ] == ALL_MIGRATIONS  # fmt: skip
    indexes = dict(sql(pg_url, "SELECT indexname, indexdef FROM pg_indexes"
                               " WHERE schemaname = 'plantrack' AND indexname LIKE 'entries_%'"))
    assert "(goal, unit, plan, date, seq) INCLUDE (kind, recorded_at, units, bound)" in (
        indexes["entries_cover"])  # fmt: skip
    assert "(goal, unit, plan, date, seq) WHERE (kind = 'status'::text)" in (
        indexes["entries_status"])  # fmt: skip
    # the old entries are of the whole: 3 + 2 = 5
    with open_ledger(pg_url, write=False) as ledger:
        assert [(e.id, e.unit) for e in ledger.entries(PLAN)] == [("o1", None), ("o2", None)]
        whole = ledger.figures(PLAN, AS_OF, None, [LABS])[LABS]
        assert (whole.total, whole.increments) == (Decimal(3), Decimal(2))
    # the recorder granted before the upgrade records a unit's figure and the whole's
    with open_ledger(pg_cluster.with_user(pg_url, recorder), write=True) as ledger:
        new = [entry("n1", "2024-01-31", "increment", "1", "zhengzhou"),
               entry("n2", "2024-01-31", "increment", "1")]  # fmt: skip
        assert ledger.add(PLAN, new, kind="record").added == 2
    with open_ledger(pg_cluster.with_user(pg_url, reader), write=False) as ledger:
        assert {e.id: e.unit for e in ledger.entries(PLAN)} == {
            "o1": None, "o2": None, "n1": "zhengzhou", "n2": None}  # fmt: skip
    assert ok("doctor", "--plan", BREAKDOWN, "--db", pg_url).stdout.endswith(
        "every entry matches the plan\n")  # fmt: skip


# --------------------------------------------------------------------------- recorders of units

ENGLISH_RECORD = ("permission denied on {where}: {role} may record figures of zhengzhou only, "
                  "not of another unit or of the whole (no unit); nothing was saved")
CHINESE_RECORD = ("对 {where} 的权限不足：{role} 只能记录 zhengzhou 的数据，不能记录其他单位或全省"
                  "（不分单位）的数据；未保存任何数据")
ENGLISH_CHANGE = ("permission denied on {where}: {role} may void and restore entries of "
                  "zhengzhou only, not of another unit or of the whole (no unit); nothing was "
                  "saved")
CHINESE_CHANGE = ("对 {where} 的权限不足：{role} 只能作废和恢复 zhengzhou 的记录，不能作废或恢复"
                  "其他单位或全省（不分单位）的记录；未保存任何数据")


def test_a_recorder_of_a_unit_records_only_that_units_figures(
    granted: Callable[..., tuple[str, str]], as_user: Callable[[str], Ledger], owned: str,
) -> None:
    name, url = granted("--role", "recorder", "--unit", "郑州")  # named as the plan names it
    where = Target(url).location
    clerk = as_user(url)
    assert clerk.add(PLAN, [entry("c1", "2024-05-31", "increment", "1", "zhengzhou")],
                     kind="record").added == 1  # fmt: skip
    before = sql(owned, "SELECT count(*) FROM entries"), sql(owned, "SELECT count(*) FROM actions")
    for refused in ([entry("c2", "2024-05-31", "increment", "1", "luoyang")],
                    [entry("c3", "2024-05-31", "total", "12")],  # the whole's
                    # one of another unit among the clerk's own: none of them is written
                    [entry("c4", "2024-05-31", "increment", "1", "zhengzhou"),
                     entry("c5", "2024-05-31", "increment", "1", "kaifeng")]):  # fmt: skip
        for given in (refused, iter(refused)):  # (a list is copied as it is; a stream not)
            error = refusal(lambda g=given: clerk.add(PLAN, g, kind="record"))
            assert error.exit_code == 5
            assert str(error) == ENGLISH_RECORD.format(where=where, role=name)
            assert error.text("zh") == CHINESE_RECORD.format(where=where, role=name)
    after = sql(owned, "SELECT count(*) FROM entries"), sql(owned, "SELECT count(*) FROM actions")
    assert after == before  # nothing written, not even an action
    # with psql and the clerk's password, the server itself refuses another unit's row
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        sql(url, "WITH a AS (INSERT INTO actions (plan, kind) VALUES (%s, 'record') RETURNING"
            " id) INSERT INTO entries (plan, id, goal, date, kind, units, unit, action)"
            " SELECT %s, 'by-hand', %s, '2024-05-31', 'increment', 10000, 'luoyang', id FROM a",
            (PLAN, PLAN, LABS))  # fmt: skip
    assert units_of(owned)["c1"] == "zhengzhou" and "by-hand" not in units_of(owned)


def test_a_recorder_of_a_unit_voids_and_restores_only_that_units_entries(
    granted: Callable[..., tuple[str, str]], as_user: Callable[[str], Ledger], owned: str,
) -> None:
    name, url = granted("--role", "recorder", "--unit", "zhengzhou")
    where = Target(url).location
    clerk = as_user(url)
    for ref in ("l1", "p1"):  # Luoyang's entry, the whole's
        error = refusal(lambda r=ref: clerk.void(PLAN, r, "wrong"))
        assert str(error) == ENGLISH_CHANGE.format(where=where, role=name)
        assert error.text("zh") == CHINESE_CHANGE.format(where=where, role=name)
    assert sql(owned, "SELECT count(*) FROM voids") == [(0,)]
    # a Luoyang entry the owner voided: the clerk cannot restore it either
    with open_ledger(owned, write=True) as ledger:
        ledger.void(PLAN, "l2", "double count")
    assert str(refusal(lambda: clerk.restore(PLAN, "l2"))) == ENGLISH_CHANGE.format(
        where=where, role=name)  # fmt: skip
    assert sql(owned, "SELECT count(*) FROM restores") == [(0,)]
    # Zhengzhou's: voided and restored
    assert clerk.void(PLAN, "z1", "typo").voided
    assert not clerk.restore(PLAN, "z1").voided
    # the CLI says it in one line, exit 5
    result = fails(5, "void", "l1", "--reason", "wrong", "--plan", BREAKDOWN, "--db", url,
                   one_line=True)  # fmt: skip
    assert result.stderr == f"plantrack: error: {ENGLISH_CHANGE.format(where=where, role=name)}\n"


def test_a_reader_still_reads_every_unit(
    granted: Callable[..., tuple[str, str]], as_user: Callable[[str], Ledger], owned: str,
) -> None:
    _, clerk_url = granted("--role", "recorder", "--unit", "zhengzhou")
    as_user(clerk_url).add(PLAN, [entry("c1", "2024-05-31", "increment", "1", "zhengzhou")],
                           kind="record")  # fmt: skip
    _, url = granted("--role", "reader")
    assert units_of(url) == {"p1": None, "z1": "zhengzhou", "z2": "zhengzhou", "l1": "luoyang",
                             "l2": "luoyang", "p2": None, "c1": "zhengzhou"}  # fmt: skip
    data = json.loads(ok("history", "--json", "--plan", BREAKDOWN, "--db", url).stdout)
    assert len(data["entries"]) == 7


def test_granting_again_replaces_the_units_and_revoke_clears_them(
    granted: Callable[..., tuple[str, str]], as_user: Callable[[str], Ledger], owned: str,
) -> None:
    name, url = granted("--role", "recorder", "--unit", "zhengzhou", "--unit", "洛阳市")
    listed = f"SELECT unit FROM unit_grants WHERE role::text = '{name}' ORDER BY unit"
    assert sql(owned, listed) == [("luoyang",), ("zhengzhou",)]
    where = Target(owned).location
    said = ok("ledger", "grant", name, "--role", "recorder", "--unit", "kaifeng", "--plan",
              BREAKDOWN, "--db", owned).stdout  # fmt: skip
    assert said == f"{name} is a recorder of {where}, for kaifeng only\n"
    assert sql(owned, listed) == [("kaifeng",)]
    with open_ledger(url, write=True) as clerk:
        assert clerk.add(PLAN, [entry("k1", "2024-05-31", "increment", "1", "kaifeng")]).added
        error = refusal(lambda: clerk.add(PLAN, [entry("k2", "2024-05-31", "increment", "1",
                                                       "zhengzhou")]))  # fmt: skip
        assert "may record figures of kaifeng only" in str(error)
    ok("ledger", "revoke", name, "--plan", BREAKDOWN, "--db", owned)
    assert sql(owned, listed) == []
    assert "permission denied" in fails(5, "history", "--plan", BREAKDOWN, "--db", url).stderr
    # granted again without --unit: a recorder of every unit and of the whole
    ok("ledger", "grant", name, "--role", "recorder", "--plan", BREAKDOWN, "--db", owned)
    with open_ledger(url, write=True) as clerk:
        added = clerk.add(PLAN, [entry("k3", "2024-05-31", "increment", "1", "luoyang"),
                                 entry("k4", "2024-05-31", "increment", "1")])  # fmt: skip
    assert added.added == 2


def test_unit_grants_are_checked_before_the_ledger_is_touched(
    pg_cluster: Cluster, pg_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    name = pg_cluster.new_role("clerk")
    result = fails(2, "ledger", "grant", name, "--role", "reader", "--unit", "zhengzhou",
                   "--plan", BREAKDOWN, "--db", pg_url, one_line=True)  # fmt: skip
    assert result.stderr == ("plantrack: error: --unit limits what a recorder may record; a "
                             "reader reads every unit (give --role recorder, or no --unit)\n")
    unknown = fails(3, "ledger", "grant", name, "--role", "recorder", "--unit", "开封县",
                    "--plan", BREAKDOWN, "--db", pg_url).stderr  # fmt: skip
    assert "no unit '开封县' here" in unknown and "kaifeng (开封市)" in unknown
    # a plan that declares no units: an id as given, in the form of an id
    bad = fails(2, "ledger", "grant", name, "--role", "recorder", "--unit", "Zheng Zhou",
                "--db", pg_url).stderr  # fmt: skip
    assert "unit id 'Zheng Zhou' must be lowercase letters" in bad
    assert sql(pg_url, "SELECT nspname FROM pg_namespace WHERE nspname = 'plantrack'") == []
    monkeypatch.setenv("PLANTRACK_LANG", "zh")
    result = run("ledger", "grant", name, "--role", "reader", "--unit", "zhengzhou", "--db",
                 pg_url)  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == ("plantrack: 错误: --unit 用于限定记录员（recorder）可记录的单位；"
                             "只读用户（reader）可读取所有单位（请用 --role recorder，或不给 "
                             "--unit）\n")
    said = ok("ledger", "grant", name, "--role", "recorder", "--unit", "zhengzhou", "--db",
              pg_url).stdout  # fmt: skip
    assert said == f"{name} 现为 {Target(pg_url).location} 的记录员（recorder），仅限 zhengzhou\n"


# --------------------------------------------------------------------------- bulk paths


def test_an_owner_who_is_not_a_superuser_copies_in_bulk_and_recorders_import(
    pg_cluster: Cluster, pg_url: str, tmp_path: Path,
) -> None:
    """Row-level security is on for everyone but the owner: PostgreSQL refuses a COPY into
    such a table, so the owner's rows go straight in and a recorder's through a table of
    their session. An owner that is a plain role (a superuser bypasses every policy)."""
    office = pg_cluster.new_role("office")
    pg_cluster.admin(f'GRANT CREATE ON DATABASE "{urlsplit(pg_url).path[1:]}" TO "{office}"')
    owner = pg_cluster.with_user(pg_url, office)
    ok("import", str(EXAMPLES), "--db", owner)  # COPY
    with open_ledger(owner, write=True) as ledger:
        ledger.add(PLAN, OWNERS)
    assert sql(owner, "SELECT row_security_active('entries')") == [(False,)]
    backup = tmp_path / "backup.csv"
    ok("export", "entries", "-o", str(backup), "--db", owner)
    empty = pg_cluster.url(pg_cluster.new_database())
    pg_cluster.admin(f'GRANT CREATE ON DATABASE "{urlsplit(empty).path[1:]}" TO "{office}"')
    restored = pg_cluster.with_user(empty, office)
    ok("ledger", "restore", str(backup), "--db", restored)  # the staged backup insert
    copied = str(tmp_path / "copy.db")
    ok("ledger", "copy", owner, copied, "--plan", BREAKDOWN)
    again = pg_cluster.url(pg_cluster.new_database())
    pg_cluster.admin(f'GRANT CREATE ON DATABASE "{urlsplit(again).path[1:]}" TO "{office}"')
    ok("ledger", "copy", copied, pg_cluster.with_user(again, office), "--plan", BREAKDOWN)
    assert units_of(pg_cluster.with_user(again, office)) == units_of(owner)
    # recorders, limited or not, import through their session's table: repeats set aside
    clerk, limited = pg_cluster.new_role("clerk"), pg_cluster.new_role("city")
    ok("ledger", "grant", clerk, "--role", "recorder", "--db", owner)
    ok("ledger", "grant", limited, "--role", "recorder", "--unit", "zhengzhou", "--db", owner)
    rows = [entry(f"r{i}", "2024-05-31", "increment", "1", "zhengzhou") for i in range(50)]
    for who in (clerk, limited):
        with open_ledger(pg_cluster.with_user(owner, who), write=True) as ledger:
            assert sql(pg_cluster.with_user(owner, who),
                       "SELECT row_security_active('entries')") == [(True,)]  # fmt: skip
            mine = [NewEntry(f"{who}-{e.id}", e.goal, e.date, e.kind, e.value, unit=e.unit)
                    for e in rows]  # fmt: skip
            assert (ledger.add(PLAN, mine).added, ledger.add(PLAN, mine[:10]).skipped) == (50, 10)
            again_and_new = [*mine[:5], entry(f"{who}-x", "2024-05-31", "increment", "1",
                                              "zhengzhou")]  # fmt: skip
            result = ledger.add(PLAN, iter(again_and_new))  # streamed: the repeats path
            assert (result.added, result.skipped) == (1, 5)
    seqs = sql(owner, "SELECT id FROM entries WHERE id LIKE %s ORDER BY seq", (f"{clerk}-r%",))
    assert [r[0] for r in seqs] == [f"{clerk}-r{i}" for i in range(50)]  # in their order


def test_doctor_finds_row_level_security_weakened(owned: str) -> None:
    assert ok("doctor", "--plan", BREAKDOWN, "--db", owned).stdout.endswith(
        "every entry matches the plan\n")  # fmt: skip
    sql(owned, "ALTER TABLE voids DISABLE ROW LEVEL SECURITY; DROP POLICY entries_units ON"
        " entries")  # fmt: skip
    result = run("doctor", "--plan", BREAKDOWN, "--db", owned)
    assert result.exit_code == 1
    err = result.stderr
    assert "schema: row-level security is off on voids" in err
    assert "schema: policy 'entries_units' is missing" in err
