"""The PostgreSQL ledger's schema, its migrations (append-only) and its roles.

The guarantees are PostgreSQL's own, not plantrack's good behaviour:

- History is append-only for everyone: a trigger refuses UPDATE, DELETE and
  TRUNCATE on every history table, and no role but the owner has any privilege
  beyond SELECT and INSERT.
- Who and when are the database's: recorders may INSERT only the content
  columns, so recorded_by, voided_by, restored_by and done_by take their
  DEFAULT current_user, and the times their DEFAULT now(). The ledger's owner
  alone may write them (``ledger copy``, ``ledger restore`` of a backup).
- Every row belongs to an action of the user who inserts it (a statement
  trigger checks it), so nobody's change can be passed off as another's.
  The triggers name every table with its schema, so a session's temporary
  tables cannot stand in for the ledger's.
- A recorder limited to units (``ledger grant --unit``) adds entries of those
  units only, and voids and restores only theirs: row-level security (pg004).

Each migration runs in the migrating transaction, with its row in
``migrations``, under an advisory lock: clients that start at once wait for
the first one instead of racing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from plantrack.errors import DatabaseCorruptError
from plantrack.i18n import say

Migration = Callable[[Any, str], None]  # (a psycopg cursor, the schema)
MIGRATIONS: list[tuple[str, Migration]] = []
HISTORY_TABLES = ("actions", "entries", "voids", "restores", "undos")
# The tables pg001 made (it revokes PUBLIC's rights on each): fixed, as pg001 is.
_PG001_TABLES = ("migrations", *HISTORY_TABLES)
# unit_grants (pg004): the units a recorder limited to some may record for; no rows: any.
TABLES = (*_PG001_TABLES, "unit_grants")
ROLES = ("reader", "recorder")
# The tables whose rows a recorder limited to units may add only for their units (pg004).
UNIT_TABLES = ("entries", "voids", "restores")
# The columns a recorder may write; the rest (ids, who, when) are the database's.
RECORDER_COLUMNS = {
    "actions": "plan, kind, about",
    "entries": "plan, id, goal, date, kind, units, bound, status, note, source, unit, action",
    "voids": "seq, reason, action",
    "restores": "void, action",
    "undos": "action, undone_by",
}
# The setting under which a row with an id its plan has already is set aside, not
# inserted (an import's, for its COPY; see _append_only and postgres.PostgresLedger.add).
DIVERT = "plantrack.divert_repeats"
_PINNED = "SET search_path = pg_catalog, pg_temp"  # functions and operators: PostgreSQL's
REPEATS = "pg_temp.plantrack_repeats"
_KINDS = "'record', 'import', 'void', 'restore', 'amend', 'undo', 'ledger-restore', 'ledger-copy'"


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def lock_key(schema: str) -> str:
    """The advisory lock of a ledger's writers and migrations (one ledger: one key)."""
    return f"plantrack:{schema}"


def migrate(cur: Any, schema: str) -> None:
    """Create or bring the schema up to date, inside the caller's transaction."""
    cur.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (lock_key(schema),))
    cur.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    cur.execute(f'REVOKE ALL ON SCHEMA "{schema}" FROM PUBLIC')
    cur.execute("CREATE TABLE IF NOT EXISTS migrations "
                "(name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
    cur.execute("SELECT name FROM migrations")
    applied = {r[0] for r in cur.fetchall()}
    for name, fn in MIGRATIONS:
        if name not in applied:
            fn(cur, schema)
            cur.execute("INSERT INTO migrations (name) VALUES (%s)", (name,))


@migration
def pg001_ledger(cur: Any, schema: str) -> None:
    cur.execute(f"""
        CREATE TABLE actions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            plan text NOT NULL,
            kind text NOT NULL CHECK (kind IN ({_KINDS})),
            done_by text NOT NULL DEFAULT current_user,
            done_at timestamptz NOT NULL DEFAULT now(),
            about text NOT NULL DEFAULT ''
        )""")  # fmt: skip
    cur.execute("CREATE INDEX actions_by_user ON actions (plan, done_by, id)")
    cur.execute("""
        CREATE TABLE entries (
            seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            plan text COLLATE "C" NOT NULL,
            id text COLLATE "C" NOT NULL CHECK (id <> ''),
            goal text COLLATE "C" NOT NULL,
            date date NOT NULL,
            kind text NOT NULL CHECK (kind IN ('total', 'increment', 'status', 'note')),
            units bigint,
            bound text CHECK (bound IS NULL OR (bound = 'lower' AND kind = 'total')),
            status text CHECK (status IS NULL OR status IN ('not_started', 'in_progress', 'done')),
            note text,
            source text,
            recorded_by text NOT NULL DEFAULT current_user,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            action bigint,  -- an action's id: checked by entries_own_action (see below)
            UNIQUE (plan, id),
            CHECK ((kind IN ('total', 'increment')) = (units IS NOT NULL)),
            CHECK ((kind = 'status') = (status IS NOT NULL)),
            CHECK (kind <> 'note' OR btrim(note) <> '')
        )""")  # fmt: skip
    # Each goal's figures are index seeks here (see postgres_sql.FIGURES_SQL). The goal
    # comes first so that no plan-only prefix competes with UNIQUE (plan, id): on a table
    # not analyzed yet, the planner took the cover for an id lookup and scanned the plan.
    cur.execute("CREATE INDEX entries_cover ON entries (goal, plan, date, seq)"
                " INCLUDE (kind, recorded_at, units, bound)")  # fmt: skip
    cur.execute("CREATE INDEX entries_status ON entries (goal, plan, date, seq)"
                " WHERE kind = 'status'")  # fmt: skip
    cur.execute("""
        CREATE TABLE voids (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            seq bigint NOT NULL REFERENCES entries (seq),
            reason text NOT NULL CHECK (btrim(reason) <> ''),
            voided_by text NOT NULL DEFAULT current_user,
            voided_at timestamptz NOT NULL DEFAULT now(),
            action bigint REFERENCES actions (id)
        )""")  # fmt: skip
    cur.execute("CREATE INDEX voids_by_entry ON voids (seq)")
    cur.execute("""
        CREATE TABLE restores (
            void bigint PRIMARY KEY REFERENCES voids (id),
            restored_by text NOT NULL DEFAULT current_user,
            restored_at timestamptz NOT NULL DEFAULT now(),
            action bigint REFERENCES actions (id)
        )""")  # fmt: skip
    cur.execute("""
        CREATE TABLE undos (
            action bigint PRIMARY KEY REFERENCES actions (id),
            undone_by bigint NOT NULL REFERENCES actions (id)
        )""")  # fmt: skip
    _append_only(cur, schema)


@migration
def pg002_approximate_figures(cur: Any, schema: str) -> None:
    # A figure published as approximate (约2万, 2万左右) is kept as such: bound 'approx',
    # like 'lower' a mark of a total only. pg001's CHECK got a name PostgreSQL chose: it
    # is found by what it says.
    cur.execute("SELECT conname FROM pg_constraint WHERE conrelid = 'entries'::regclass "
                "AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%bound%''lower''%'")
    found = cur.fetchone()
    if found is None:  # a table another tool has changed: leave it as it is
        raise DatabaseCorruptError(say("err.pg.entries_changed", schema=schema))
    cur.execute(f"ALTER TABLE entries DROP CONSTRAINT {_ident(found[0])}")
    cur.execute("ALTER TABLE entries ADD CONSTRAINT entries_bound CHECK "
                "(bound IS NULL OR (bound IN ('lower', 'approx') AND kind = 'total'))")


def _append_only(cur: Any, schema: str) -> None:
    """The triggers that keep history append-only and every row its author's own."""
    # Every table is named with its schema: a session's own temporary tables come first
    # on its search_path (before pg_catalog), and a "pg_temp.actions" or
    # "pg_temp.pg_namespace" must not answer for the ledger's. The checks run on a pinned
    # search_path (_PINNED): a user who may create a schema must not put a pg_has_role or
    # an <> of their own in front of PostgreSQL's.
    owner = f"(SELECT nspowner FROM pg_catalog.pg_namespace WHERE nspname = '{schema}')"
    actions = f'"{schema}".actions'
    entries = f'"{schema}".entries'
    cur.execute("""
        CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'plantrack history is append-only: % on % is refused',
                TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
        END $$""")  # fmt: skip
    # An inserted row's action must exist (actions are append-only: this is the foreign
    # key, checked once per statement instead of once per row) and be one of the
    # inserting user's own (the owner may write history as it was: a copy or a backup).
    cur.execute(f"""
        CREATE FUNCTION own_actions() RETURNS trigger LANGUAGE plpgsql {_PINNED} AS $$
        BEGIN
            IF EXISTS (
                SELECT 1 FROM new_rows n LEFT JOIN {actions} a ON a.id = n.action
                WHERE n.action IS NOT NULL AND a.id IS NULL
            ) THEN
                RAISE EXCEPTION 'a % row names an action that does not exist',
                    TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
            END IF;
            IF NOT pg_has_role(current_user, {owner}, 'MEMBER') AND EXISTS (
                SELECT 1 FROM new_rows n LEFT JOIN {actions} a ON a.id = n.action
                WHERE a.id IS NULL OR a.done_by <> current_user
            ) THEN
                RAISE EXCEPTION 'a % row must belong to an action of its own user (%)',
                    TG_TABLE_NAME, current_user USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NULL;
        END $$""")  # fmt: skip
    cur.execute(f"""
        CREATE FUNCTION own_undos() RETURNS trigger LANGUAGE plpgsql {_PINNED} AS $$
        BEGIN
            IF NOT pg_has_role(current_user, {owner}, 'MEMBER') AND EXISTS (
                SELECT 1 FROM new_rows n JOIN {actions} a ON a.id IN (n.action, n.undone_by)
                WHERE a.done_by <> current_user
            ) THEN
                RAISE EXCEPTION 'an undo reverts only its own user''s action (%)',
                    current_user USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NULL;
        END $$""")  # fmt: skip
    # An import COPYs straight into entries. When its rows repeat ids (or can be read
    # once only), it copies them with this trigger on: a row whose id the plan has already
    # is set aside in the importing session's temporary table, for PostgresLedger.add to
    # count and compare (COPY has no ON CONFLICT). Only while an import says so.
    cur.execute(f"""
        CREATE FUNCTION divert_repeat() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM {entries} e WHERE e.plan = NEW.plan AND e.id = NEW.id)
            THEN
                INSERT INTO {REPEATS} VALUES (NEW.seq, NEW.id, NEW.goal,
                    NEW.date, NEW.kind, NEW.units, NEW.bound, NEW.status, NEW.note, NEW.source);
                RETURN NULL;
            END IF;
            RETURN NEW;
        END $$""")  # fmt: skip
    cur.execute("CREATE TRIGGER entries_repeats BEFORE INSERT ON entries FOR EACH ROW"
                f" WHEN (current_setting('{DIVERT}', true) = 'on')"
                " EXECUTE FUNCTION divert_repeat()")  # fmt: skip
    for table in HISTORY_TABLES:  # per statement: refused even when no row matches
        cur.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE"
                    f" ON {table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_change()")  # fmt: skip
    for table in ("entries", "voids", "restores"):
        cur.execute(f"CREATE TRIGGER {table}_own_action AFTER INSERT ON {table}"
                    " REFERENCING NEW TABLE AS new_rows"
                    " FOR EACH STATEMENT EXECUTE FUNCTION own_actions()")  # fmt: skip
    cur.execute("CREATE TRIGGER undos_own_action AFTER INSERT ON undos"
                " REFERENCING NEW TABLE AS new_rows"
                " FOR EACH STATEMENT EXECUTE FUNCTION own_undos()")  # fmt: skip
    for table in _PG001_TABLES:
        cur.execute(f"REVOKE ALL ON {table} FROM PUBLIC")


@migration
def pg003_entry_units(cur: Any, schema: str) -> None:
    # A figure can be of one unit of a goal's breakdown (a city, a department): '' is the
    # whole (a provincial figure), so that plain equality picks either and every index
    # seek stays exact, as in SQLite's m006. The unit follows the goal in both indexes, so
    # a goal's provincial figures and each unit's are each one range. A column with a
    # constant default rewrites no row; the two indexes are built again.
    cur.execute("ALTER TABLE entries ADD COLUMN unit text COLLATE \"C\" NOT NULL DEFAULT ''")
    cur.execute("DROP INDEX entries_cover")
    cur.execute("CREATE INDEX entries_cover ON entries (goal, unit, plan, date, seq)"
                " INCLUDE (kind, recorded_at, units, bound)")  # fmt: skip
    cur.execute("DROP INDEX entries_status")
    cur.execute("CREATE INDEX entries_status ON entries (goal, unit, plan, date, seq)"
                " WHERE kind = 'status'")  # fmt: skip
    # An import's repeats keep their unit, to be compared with the entry recorded.
    cur.execute(f"""
        CREATE OR REPLACE FUNCTION "{schema}".divert_repeat() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM "{schema}".entries e
                       WHERE e.plan = NEW.plan AND e.id = NEW.id)
            THEN
                INSERT INTO {REPEATS} (seq, id, goal, date, kind, units, bound, status, note,
                                       source, unit)
                VALUES (NEW.seq, NEW.id, NEW.goal, NEW.date, NEW.kind, NEW.units, NEW.bound,
                        NEW.status, NEW.note, NEW.source, NEW.unit);
                RETURN NULL;
            END IF;
            RETURN NEW;
        END $$""")  # fmt: skip
    # A recorder granted before this version may write the new content column too.
    for who in _grantees(cur, schema, "entries", "INSERT", column="goal"):
        cur.execute(f"GRANT INSERT (unit) ON entries TO {_ident(who)}")


@migration
def pg004_unit_grants(cur: Any, schema: str) -> None:
    # A recorder may be limited to some units (a city's statistician records for that
    # city): their rows of unit_grants; none, any unit. PostgreSQL enforces it, with
    # row-level security on the tables a recorder adds to: everyone with SELECT reads
    # every row; an entry must be of one of its recorder's units (a figure of the whole,
    # unit '', is of none), a void of such an entry, a restore of a void of one. The
    # owner is not subject to row-level security (not FORCEd): ``ledger copy`` and
    # ``ledger restore`` write any row. A role is kept by its oid (regrole): a renamed
    # role keeps its limits. The policies are bound to these tables when created, so a
    # session's temporary tables cannot stand in for them.
    cur.execute("""
        CREATE TABLE unit_grants (
            role regrole NOT NULL,
            unit text COLLATE "C" NOT NULL CHECK (unit <> ''),
            PRIMARY KEY (role, unit)
        )""")  # fmt: skip
    cur.execute("REVOKE ALL ON unit_grants FROM PUBLIC")
    grants = f'"{schema}".unit_grants'
    me = "(SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)"
    unlimited = f"NOT EXISTS (SELECT 1 FROM {grants} g WHERE g.role = {me})"
    mine = f"JOIN {grants} g ON g.unit = e.unit AND g.role = {me}"
    entries, voids = f'"{schema}".entries', f'"{schema}".voids'
    allowed = {
        "entries": f"EXISTS (SELECT 1 FROM {grants} g WHERE g.role = {me}"
                   " AND g.unit = entries.unit)",
        "voids": f"EXISTS (SELECT 1 FROM {entries} e {mine} WHERE e.seq = voids.seq)",
        "restores": f"EXISTS (SELECT 1 FROM {voids} v JOIN {entries} e ON e.seq = v.seq"
                    f" {mine} WHERE v.id = restores.void)",
    }  # fmt: skip
    for table in UNIT_TABLES:
        cur.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        cur.execute(f"CREATE POLICY {table}_read ON {table} FOR SELECT USING (true)")
        cur.execute(f"CREATE POLICY {table}_units ON {table} FOR INSERT"
                    f" WITH CHECK ({unlimited} OR {allowed[table]})")  # fmt: skip
    # The policies read unit_grants as the user who inserts: every reader and recorder
    # granted before this version may read it (as grant_statements lets them now).
    for who in _grantees(cur, schema, "entries", "SELECT"):
        cur.execute(f"GRANT SELECT ON unit_grants TO {_ident(who)}")


def _grantees(cur: Any, schema: str, table: str, privilege: str,
              column: str | None = None) -> list[str]:  # fmt: skip
    """The roles but the owner (and PUBLIC) that hold ``privilege`` on ``table``, or on
    its ``column``, by name."""
    acl = ("(SELECT t.attacl FROM pg_catalog.pg_attribute t"
           " WHERE t.attrelid = c.oid AND t.attname = %(column)s)") if column else "c.relacl"
    cur.execute(
        "SELECT DISTINCT r.rolname FROM pg_catalog.pg_class c"
        f" CROSS JOIN LATERAL pg_catalog.aclexplode({acl}) a"
        " JOIN pg_catalog.pg_roles r ON r.oid = a.grantee"
        " WHERE c.oid = %(table)s::regclass AND a.grantee <> c.relowner"
        " AND a.privilege_type = %(privilege)s ORDER BY 1",
        {"table": f'"{schema}".{table}', "privilege": privilege, "column": column},
    )  # fmt: skip
    return [r[0] for r in cur.fetchall()]


# --------------------------------------------------------------------------- roles


Statement = tuple[str, tuple[Any, ...]]  # SQL and its parameters


def grant_statements(schema: str, role: str, as_what: str,
                     units: Sequence[str] = ()) -> list[Statement]:  # fmt: skip
    """The GRANTs that make ``role`` a reader (SELECT) or a recorder (and INSERT of the
    content columns only), limited to ``units`` if any are given (see pg004), after
    revoking whatever it had (its units too)."""
    who = _ident(role)
    statements = [*revoke_statements(schema, role),
                  (f'GRANT USAGE ON SCHEMA "{schema}" TO {who}', ())]  # fmt: skip
    statements += [(f"GRANT SELECT ON {t} TO {who}", ()) for t in TABLES]
    if as_what == "recorder":
        statements += [(f"GRANT INSERT ({cols}) ON {t} TO {who}", ())
                       for t, cols in RECORDER_COLUMNS.items()]  # fmt: skip
    if units:
        statements.append((f'INSERT INTO "{schema}".unit_grants (role, unit)'
                           " SELECT r.oid, u FROM pg_catalog.pg_roles r,"
                           " unnest(%s::text[]) AS u WHERE r.rolname = %s",
                           (list(units), role)))  # fmt: skip
    return statements


def revoke_statements(schema: str, role: str) -> list[Statement]:
    """Every privilege ``role`` has on the ledger (a table's REVOKE takes its columns' too),
    and the units it was limited to."""
    who = _ident(role)
    forget = (f'DELETE FROM "{schema}".unit_grants WHERE role ='
              " (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = %s)")  # fmt: skip
    return [(f"REVOKE ALL ON {', '.join(TABLES)} FROM {who}", ()),
            (f'REVOKE ALL ON SCHEMA "{schema}" FROM {who}', ()),
            (forget, (role,))]  # fmt: skip


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
