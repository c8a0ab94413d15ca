"""The PostgreSQL ledger against a real server: roles, guarantees, setup and failures.

Three people are tried on every guarantee: a reader, a recorder, and someone with
psql and a recorder's password (here: psycopg with the same login, sending any
SQL). The owner is the cluster's superuser, who set the ledger up. What each may
do is decided by PostgreSQL itself, so every refusal below comes from the server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from pgcluster import Cluster
from support import EXAMPLES, PUBLISHED, fails, ok, run

from plantrack.ledger import postgres_conn
from plantrack.ledger.postgres_schema import MIGRATIONS as PG_MIGRATIONS

LABS = "provincial-labs"
PLAN_ID = "henan-14th-fyp-sti"


@pytest.fixture
def ledger_url(pg_url: str) -> str:
    """A ledger with the published figures in it, set up by its owner."""
    ok("import", str(EXAMPLES), "--db", pg_url)
    return pg_url


@pytest.fixture
def role(pg_cluster: Cluster, ledger_url: str) -> Callable[[str | None], str]:
    """role(as_what) -> the URL of a new user of the ledger, a reader or a recorder (None:
    a user with no rights on it)."""

    def make(as_what: str | None) -> str:
        name = pg_cluster.new_role(as_what or "nobody")
        if as_what:
            ok("ledger", "grant", name, "--role", as_what, "--db", ledger_url)
        return pg_cluster.with_user(ledger_url, name)

    return make


def with_schema(url: str, schema: str) -> str:
    return url + ("&" if "?" in url else "?") + f"schema={schema}"


def user_of(url: str) -> str:
    return url.split("//", 1)[1].split(":", 1)[0]


def sql(url: str, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Any SQL, as psql would send it, on the ledger's schema, in its own transaction."""
    from plantrack.ledger.postgres_conn import Target

    target = Target(url)
    with psycopg.connect(target.conninfo) as conn:
        conn.execute(f'SET search_path TO "{target.schema}"')
        cur = conn.execute(statement, params)
        return cur.fetchall() if cur.description else []


def refused(url: str, statement: str, params: tuple[object, ...] = ()) -> str:
    """The server's refusal of a statement (it must refuse), as its message."""
    with pytest.raises(psycopg.Error) as info:
        sql(url, statement, params)
    return str(info.value)


# --------------------------------------------------------------------------- the three people


def test_a_reader_reads_and_cannot_write(role: Callable[[str | None], str]) -> None:
    reader = role("reader")
    data = json.loads(ok("status", "--json", "--as-of", "2025-12-31", "--db", reader).stdout)
    login, _, rest = reader.partition("@")
    assert data["ledger"] == f"{login.rpartition(':')[0]}@{rest}"  # the URL, no password
    for command in (["record", LABS, "+1"], ["import", str(EXAMPLES)],
                    ["note", LABS, "a note"]):  # fmt: skip
        result = fails(5, *command, "--db", reader, one_line=True)
        assert "permission denied" in result.stderr and "nothing was saved" in result.stderr
    first = ok("history", "--json", "--db", reader).stdout
    assert json.loads(first)["entries"][0]["id"].startswith("henan-pub-")


def test_a_recorder_records_under_their_own_name_only(role: Callable[[str | None], str]) -> None:
    recorder = role("recorder")
    name = user_of(recorder)
    ok("record", LABS, "+1", "--date", "2025-06-30", "--note", "mine", "--db", recorder)
    fails(2, "record", LABS, "+1", "--by", "the-governor", "--db", recorder, one_line=True)
    entries = json.loads(ok("history", LABS, "--json", "--db", recorder).stdout)["entries"]
    mine = [e for e in entries if e["note"] == "mine"]
    assert [e["by"] for e in mine] == [name]
    # undo reverts the recorder's own record, not the owner's import before it
    assert "undid your record" in ok("undo", "--db", recorder).stdout
    assert "nothing of yours" in fails(3, "undo", "--db", recorder).stderr
    after = json.loads(ok("history", "--json", "--db", recorder).stdout)["entries"]
    assert len(after) == PUBLISHED  # the import stands


def test_someone_with_psql_and_a_recorders_password_cannot_change_history(
    role: Callable[[str | None], str],
) -> None:
    recorder = role("recorder")
    # No privilege to change or remove anything, on any history table.
    for statement in ("UPDATE entries SET units = 999", "DELETE FROM entries",
                      "TRUNCATE entries", "UPDATE voids SET reason = 'x'", "DELETE FROM actions",
                      "TRUNCATE actions CASCADE", "DROP TABLE entries",
                      "ALTER TABLE entries DISABLE TRIGGER entries_append_only",
                      "DROP TRIGGER entries_append_only ON entries"):  # fmt: skip
        assert refused(recorder, statement)
    # Who and when are the database's: a recorder cannot write them.
    assert "permission denied" in refused(
        recorder, "INSERT INTO actions (plan, kind, done_by) VALUES (%s, 'record', 'the-boss')",
        (PLAN_ID,))  # fmt: skip
    assert "permission denied" in refused(
        recorder, "INSERT INTO entries (plan, id, goal, date, kind, units, recorded_at, action)"
        " VALUES (%s, 'x1', %s, '2025-06-30', 'increment', 10000, '2020-01-01', 1)",
        (PLAN_ID, LABS))  # fmt: skip
    # Nor attach a row to another user's action (action 1 is the owner's import).
    assert "must belong to an action of its own user" in refused(
        recorder, "INSERT INTO entries (plan, id, goal, date, kind, units, action)"
        " VALUES (%s, 'x2', %s, '2025-06-30', 'increment', 10000, 1)", (PLAN_ID, LABS))  # fmt: skip
    assert "must belong to an action" in refused(
        recorder, "INSERT INTO voids (seq, reason, action) VALUES (1, 'gone', 1)")
    assert "reverts only its own user's action" in refused(
        recorder, "WITH a AS (INSERT INTO actions (plan, kind) VALUES (%s, 'undo') RETURNING id)"
        " INSERT INTO undos (action, undone_by) SELECT 1, id FROM a", (PLAN_ID,))  # fmt: skip
    # Nor become someone else.
    assert refused(recorder, "SET ROLE admin")
    # What a recorder may do by hand is what plantrack does: record as themself.
    sql(recorder, "WITH a AS (INSERT INTO actions (plan, kind, about) VALUES (%s, 'record',"
        " 'psql') RETURNING id) INSERT INTO entries (plan, id, goal, date, kind, units, action)"
        " SELECT %s, 'by-hand', %s, '2025-06-30', 'increment', 10000, id FROM a",
        (PLAN_ID, PLAN_ID, LABS))  # fmt: skip
    (by,) = sql(recorder, "SELECT recorded_by FROM entries WHERE id = 'by-hand'")
    assert by == (user_of(recorder),)
    assert ok("doctor", "--db", recorder).stdout.endswith("every entry matches the plan\n")


def test_temporary_tables_cannot_stand_in_for_the_ledgers(
    role: Callable[[str | None], str],
) -> None:
    """A session's temporary tables come before its search_path: a psql user's own
    "actions" or "pg_namespace" must not answer for the ledger's in the triggers."""
    recorder = role("recorder")
    me = user_of(recorder)
    forged = (
        "CREATE TEMP TABLE actions (id bigint, done_by text);"
        f" INSERT INTO actions VALUES (1, '{me}');"
        " CREATE TEMP TABLE pg_namespace (nspname text, nspowner oid);"
        f" INSERT INTO pg_namespace SELECT 'plantrack', oid FROM pg_roles WHERE rolname = '{me}';"
        " INSERT INTO entries (plan, id, goal, date, kind, units, action)"
        f" VALUES ('{PLAN_ID}', 'x3', '{LABS}', '2025-06-30', 'increment', 10000, 1)")  # fmt: skip
    assert "must belong to an action of its own user" in refused(recorder, forged)


def test_a_schema_of_ones_own_cannot_stand_in_for_postgresqls_functions(
    role: Callable[[str | None], str], pg_cluster: Cluster, ledger_url: str,
) -> None:
    """A recorder who may create a schema puts a pg_has_role and an <> of their own first
    on their search_path: the checks still run on PostgreSQL's (action 1 is the owner's)."""
    recorder = role("recorder")
    me, database = user_of(recorder), urlsplit(ledger_url).path.lstrip("/")
    pg_cluster.admin(f'GRANT CREATE ON DATABASE "{database}" TO "{me}"')
    sql(recorder, "CREATE SCHEMA mine")
    sql(recorder, "CREATE FUNCTION mine.pg_has_role(name, oid, text) RETURNS bool"
        " LANGUAGE sql AS 'SELECT true'")  # fmt: skip
    sql(recorder, "CREATE FUNCTION mine.never(text, text) RETURNS bool LANGUAGE sql"
        " AS 'SELECT false'; CREATE OPERATOR mine.<> (FUNCTION = mine.never,"
        " LEFTARG = text, RIGHTARG = text)")  # fmt: skip
    shadowed = "SET search_path = mine, pg_catalog, plantrack; "
    assert "must belong to an action of its own user" in refused(
        recorder, shadowed + "INSERT INTO entries (plan, id, goal, date, kind, units, action)"
        f" VALUES ('{PLAN_ID}', 'x5', '{LABS}', '2025-06-30', 'increment', 10000, 1)")  # fmt: skip
    assert "reverts only its own user's action" in refused(
        recorder, shadowed + "WITH a AS (INSERT INTO actions (plan, kind) VALUES"
        f" ('{PLAN_ID}', 'undo') RETURNING id) INSERT INTO undos (action, undone_by)"
        " SELECT 1, id FROM a")  # fmt: skip


def test_an_entry_must_name_an_action_that_exists(ledger_url: str) -> None:
    # (the statement trigger that stands for a foreign key: for the owner too)
    insert = ("INSERT INTO entries (plan, id, goal, date, kind, units, action)"
              " VALUES (%s, 'x4', %s, '2025-06-30', 'increment', 10000, 999999)")
    assert "names an action that does not exist" in refused(ledger_url, insert, (PLAN_ID, LABS))


def test_a_user_without_rights_sees_nothing(role: Callable[[str | None], str]) -> None:
    nobody = role(None)
    result = fails(5, "status", "--db", nobody, one_line=True)
    assert "permission denied" in result.stderr
    assert refused(nobody, "SELECT count(*) FROM entries")


def test_even_the_owner_cannot_update_delete_or_truncate_history(ledger_url: str) -> None:
    for statement in ("UPDATE entries SET units = 999", "DELETE FROM voids",
                      "TRUNCATE restores", "UPDATE actions SET done_by = 'x'"):  # fmt: skip
        assert "plantrack history is append-only" in refused(ledger_url, statement)


def test_revoke_takes_every_right(role: Callable[[str | None], str], ledger_url: str) -> None:
    recorder = role("recorder")
    ok("record", LABS, "+1", "--db", recorder)
    ok("ledger", "revoke", user_of(recorder), "--db", ledger_url)
    assert "permission denied" in fails(5, "status", "--db", recorder).stderr
    entries = json.loads(ok("history", "--json", "--db", ledger_url).stdout)["entries"]
    assert user_of(recorder) in {e["by"] for e in entries}  # what they recorded stays theirs


def test_a_recorder_cannot_grant(role: Callable[[str | None], str], pg_cluster: Cluster) -> None:
    recorder = role("recorder")
    other = pg_cluster.new_role("other")
    assert "permission denied" in fails(5, "ledger", "grant", other, "--role", "recorder",
                                        "--db", recorder).stderr  # fmt: skip


# --------------------------------------------------------------------------- set-up


def test_reading_a_database_without_a_ledger_creates_nothing(pg_url: str) -> None:
    for command in (["status"], ["history"], ["check"], ["doctor"], ["undo"]):
        assert "no ledger at" in fails(3, *command, "--db", pg_url, one_line=True).stderr
    assert sql(pg_url, "SELECT nspname FROM pg_namespace WHERE nspname = 'plantrack'") == []


def test_the_ledger_lives_in_its_own_schema(pg_url: str) -> None:
    ok("record", LABS, "3", "--date", "2022-01-01", "--db", pg_url)
    office = with_schema(pg_url, "office_two")
    ok("record", LABS, "5", "--date", "2022-01-01", "--db", office)
    tables = sql(pg_url, "SELECT schemaname, count(*) FROM pg_tables WHERE schemaname IN"
                 " ('public', 'plantrack', 'office_two') GROUP BY 1 ORDER BY 1")  # fmt: skip
    # (migrations, actions, entries, voids, restores, undos, unit_grants); nothing in public
    assert tables == [("office_two", 7), ("plantrack", 7)]
    for url, value in ((pg_url, 3), (office, 5)):
        data = json.loads(ok("status", "--json", "--as-of", "2025-12-31", "--db", url).stdout)
        assert next(g for g in data["goals"] if g["id"] == LABS)["current"] == value


def test_another_applications_schema_is_refused_and_left_alone(pg_url: str) -> None:
    sql(pg_url, "CREATE SCHEMA plantrack; CREATE TABLE plantrack.customers (x int)")
    for command in (["record", LABS, "3"], ["status"], ["doctor"]):
        assert "not a plantrack ledger" in fails(6, *command, "--db", pg_url).stderr
    assert sql(pg_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'plantrack'") == [
        ("customers",)]  # fmt: skip


def test_a_bad_schema_name_is_refused(pg_url: str) -> None:
    assert "schema" in fails(2, "status", "--db", with_schema(pg_url, "Robert%27);--")).stderr


@pytest.mark.slow
def test_clients_that_start_at_once_set_the_ledger_up_once(pg_url: str) -> None:
    code = ("import sys, time\nfrom plantrack.cli import main\nwhile time.time() < float("
            "sys.argv[1]): time.sleep(0.001)\nsys.argv = ['plantrack', 'record', "
            f"'{LABS}', '+1', '--date', '2022-01-01', '--db', sys.argv[2]]\nmain()\n")  # fmt: skip
    start_at = str(time.time() + 2)
    procs = [subprocess.Popen([sys.executable, "-c", code, start_at, pg_url], env=os.environ,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(8)]  # fmt: skip
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    # each migration applied once, however many clients started at once
    assert sql(pg_url, "SELECT count(*) FROM migrations") == [(len(PG_MIGRATIONS),)]
    assert sql(pg_url, "SELECT count(*) FROM entries") == [(8,)]


# --------------------------------------------------------------------------- failures


def test_a_server_that_cannot_be_reached_is_exit_8(tmp_path: Path) -> None:
    url = f"postgresql://nobody@{str(tmp_path).replace('/', '%2F')}/none"
    result = fails(8, "status", "--db", url, one_line=True)
    assert result.stderr.startswith(f"plantrack: error: cannot connect to {url}: ")


def test_a_wrong_password_is_exit_8_and_never_shown(
    role: Callable[[str | None], str],
) -> None:
    reader = role("reader")
    name = user_of(reader)
    wrong = reader.replace(f"{name}:", f"{name}:wrong-secret-")
    assert wrong != reader  # (the test cluster's logins take passwords)
    result = fails(8, "status", "--db", wrong, one_line=True)
    assert "password authentication failed" in result.stderr
    assert "secret" not in result.stderr and "wrong" not in result.stderr


def test_libpq_finds_the_host_and_password_in_its_environment(
    role: Callable[[str | None], str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    from urllib.parse import parse_qsl, unquote, urlsplit

    parts = urlsplit(role("reader"))
    user, _, secret = parts.netloc.rpartition("@")[0].partition(":")
    host, _, port = parts.netloc.rpartition("@")[2].partition(":")
    host = dict(parse_qsl(parts.query)).get("host", unquote(host))  # (pgserver's URLs)
    bare = f"postgresql://{user}@{parts.path}"  # no host, no password: libpq's to find
    for name in ("PGPASSWORD", "PGHOST", "PGPORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    monkeypatch.setenv("PGHOST", host)
    if port:
        monkeypatch.setenv("PGPORT", port)
    assert "password" in fails(8, "status", "--db", bare, one_line=True).stderr
    monkeypatch.setenv("PGPASSWORD", unquote(secret))
    assert "Ledger: " in ok("status", "--db", bare).stdout
    monkeypatch.delenv("PGPASSWORD")
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:{unquote(user)}:{unquote(secret)}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert "Ledger: " in ok("status", "--db", bare).stdout


def test_an_import_file_is_read_again_when_it_repeats_ids(pg_url: str, tmp_path: Path) -> None:
    # A file is first copied as it is; a repeat makes the unique index refuse it, and the
    # file is read again from its start with repeats set aside: the same counts and lines
    # as from stdin, which is read once.
    head = "id,goal,date,value\n"
    new = "".join(f"r{i},{LABS},2024-0{1 + i % 9}-01,+1\n" for i in range(50))
    first = tmp_path / "first.csv"
    first.write_text(head + new + f"r0,{LABS},2024-01-01,+1\n")  # r0 again, the same
    assert "50 added, 1 already recorded (51 rows)" in ok("import", str(first), "--db",
                                                           pg_url).stdout  # fmt: skip
    later = tmp_path / "later.csv"
    later.write_text(head + f"s1,{LABS},2024-06-01,+1\n" + new + f"r7,{LABS},2024-06-01,+9\n")
    for source, given in ((str(later), None), ("-", later.read_text())):
        result = fails(2, "import", source, "--db", pg_url, input=given)
        assert ":53: entry id 'r7' is already recorded with other content" in result.stderr
    again = ok("import", "-", "--db", pg_url, input=head + f"s2,{LABS},2024-07-01,+1\n" + new)
    assert "1 added, 50 already recorded (51 rows)" in again.stdout


def test_stdin_read_partway_is_read_again_from_where_it_began(
    pg_url: str, tmp_path: Path,
) -> None:
    # (a second pass must not start at the file's first byte: the caller read a line)
    data = tmp_path / "partway.csv"
    data.write_bytes(b"not,a,header\nid,goal,date,value\n"
                     + f"p1,{LABS},2024-01-01,+1\np1,{LABS},2024-01-01,+1\n".encode())
    with open(data, "rb", buffering=0) as raw:
        raw.read(len(b"not,a,header\n"))
        done = subprocess.run([sys.executable, "-m", "plantrack", "import", "-", "--db", pg_url],
                              stdin=raw, capture_output=True, text=True, env=os.environ,
                              timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "1 added, 1 already recorded (2 rows)" in done.stdout


def test_a_table_busy_after_a_big_import_does_not_undo_its_report(
    pg_url: str, tmp_path: Path,
) -> None:
    # After the commit the import vacuums; a table another session holds is skipped, and
    # the import says what it committed (it used to wait 30 s and say "nothing was saved").
    rows = "".join(f"b{i},{LABS},2024-0{1 + i % 9}-01,+1\n" for i in range(10_000))
    big = tmp_path / "big.csv"
    big.write_text("id,goal,date,value\n" + rows)
    ok("record", LABS, "+1", "--date", "2024-01-01", "--db", pg_url)
    with psycopg.connect(pg_url) as holder:
        holder.execute("LOCK TABLE plantrack.entries IN SHARE UPDATE EXCLUSIVE MODE")
        assert "10000 added" in ok("import", str(big), "--db", pg_url).stdout
    assert "0 added, 10000 already recorded" in ok("import", str(big), "--db", pg_url).stdout


def test_granting_a_user_the_server_does_not_have_is_exit_3(ledger_url: str) -> None:
    result = fails(3, "ledger", "grant", "nobody-here", "--role", "reader", "--db", ledger_url)
    assert "no database user 'nobody-here'" in result.stderr


def test_a_writer_kept_waiting_past_the_lock_timeout_is_exit_4(
    ledger_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postgres_conn, "LOCK_TIMEOUT", "200ms")
    from plantrack.ledger.postgres_schema import lock_key

    target = postgres_conn.Target(ledger_url)
    with psycopg.connect(target.conninfo) as holder:  # another writer, in the middle
        holder.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))",
                       (lock_key("plantrack"),))  # fmt: skip
        result = fails(4, "record", LABS, "+1", "--db", ledger_url, one_line=True)
    assert "is busy" in result.stderr and "nothing was saved" in result.stderr
    listed = json.loads(ok("history", "--json", "--db", ledger_url).stdout)["entries"]
    assert len(listed) == PUBLISHED


def test_without_psycopg_a_postgresql_url_says_what_to_install(pg_url: str) -> None:
    code = ("import sys\nsys.modules['psycopg'] = None\nfrom plantrack.cli import main\n"
            "sys.argv = ['plantrack', 'status', '--db', sys.argv[1]]\nmain()\n")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code, pg_url], capture_output=True, text=True,
                          env=os.environ, timeout=60)  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert done.stderr.endswith("install it with pip install 'plantrack[postgres]'\n")
    assert len(done.stderr.splitlines()) == 1


def test_serialization_failures_are_tried_again(
    ledger_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plantrack.ledger import postgres

    calls = []
    real = postgres.PostgresLedger._action

    def flaky(self: object, *args: object) -> object:
        calls.append(1)
        if len(calls) <= 2:
            raise psycopg.errors.SerializationFailure("could not serialize access")
        return real(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(postgres.PostgresLedger, "_action", flaky)
    ok("record", LABS, "+1", "--db", ledger_url)
    assert len(calls) == 3  # two failures, then it went through
    calls.clear()
    monkeypatch.setattr(postgres, "RETRIES", 2)
    assert "is busy" in fails(4, "record", LABS, "+1", "--db", ledger_url).stderr


def test_doctor_finds_a_weakened_guarantee(ledger_url: str, pg_cluster: Cluster) -> None:
    assert ok("doctor", "--db", ledger_url).stdout.endswith("every entry matches the plan\n")
    careless = pg_cluster.new_role("careless")
    sql(ledger_url, f'GRANT USAGE ON SCHEMA plantrack TO "{careless}";'
        f' GRANT UPDATE ON entries TO "{careless}";'
        f' GRANT INSERT ON actions TO "{careless}";'
        " ALTER TABLE voids DISABLE TRIGGER voids_append_only")  # fmt: skip
    result = run("doctor", "--db", ledger_url)
    assert result.exit_code == 1
    err = result.stderr
    assert f"privileges: {careless} may UPDATE entries" in err
    assert f"privileges: {careless} may INSERT every column of actions" in err
    assert "schema: trigger 'voids_append_only' is disabled" in err


def test_a_backup_restores_into_postgresql_exactly(tmp_path: Path, pg_url: str) -> None:
    sqlite_db = str(tmp_path / "old.db")
    ok("import", str(EXAMPLES), "--db", sqlite_db, "--by", "analyst")
    ok("void", "henan-pub-005-2022-03-22", "--reason", "double count", "--by", "auditor",
       "--db", sqlite_db)  # fmt: skip
    backup = tmp_path / "backup.csv"
    ok("export", "entries", "-o", str(backup), "--db", sqlite_db)
    ok("ledger", "restore", str(backup), "--db", pg_url)
    again = tmp_path / "again.csv"
    ok("export", "entries", "-o", str(again), "--db", pg_url)
    assert again.read_bytes() == backup.read_bytes()  # who, when and the void, as they were
    assert "not empty" in fails(2, "ledger", "restore", str(backup), "--db", pg_url).stderr


def test_only_the_owner_restores_a_backup(tmp_path: Path, pg_cluster: Cluster,
                                          ledger_url: str) -> None:  # fmt: skip
    backup = tmp_path / "backup.csv"
    ok("export", "entries", "-o", str(backup), "--db", ledger_url)
    empty = pg_cluster.url(pg_cluster.new_database())
    name = pg_cluster.new_role("recorder")
    ok("ledger", "grant", name, "--role", "recorder", "--db", empty)  # sets the ledger up
    recorder = pg_cluster.with_user(empty, name)
    result = fails(5, "ledger", "restore", str(backup), "--db", recorder, one_line=True)
    assert "permission denied" in result.stderr
    assert "Entries: 0" in ok("history", "--db", recorder).stdout  # nothing was restored
