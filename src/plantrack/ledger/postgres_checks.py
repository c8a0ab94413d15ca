"""What doctor checks in a PostgreSQL ledger: that the guarantees still hold (the
append-only triggers are there and enabled, row-level security holds recorders to
their units, no role but the owner may change history, write who and when, or
change whose units are which), that history is consistent, and that every entry
reads back."""

from __future__ import annotations

from typing import Any

from plantrack.ledger import postgres_sql as sql
from plantrack.ledger.postgres_schema import HISTORY_TABLES, UNIT_TABLES
from plantrack.ledger.stored import DamagedRow, entry_of, known_bound

_EXPECTED_TRIGGERS = {
    *(f"{t}_append_only" for t in HISTORY_TABLES),
    *(f"{t}_own_action" for t in ("entries", "voids", "restores", "undos")),
    "entries_repeats",
}
_EXPECTED_POLICIES = {f"{t}_{p}" for t in UNIT_TABLES for p in ("read", "units")}
_AUDIT_COLUMNS = {
    "actions": ("id", "done_by", "done_at"),
    "entries": ("seq", "recorded_by", "recorded_at"),
    "voids": ("id", "voided_by", "voided_at"),
    "restores": ("restored_by", "restored_at"),
}
# Grants on the ledger's tables (and on their who-and-when columns) to a role that
# is not the owner, of a privilege that could change history or write its authors.
_TABLE_GRANTS = """
    SELECT c.relname, a.grantee::regrole::text, a.privilege_type
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
    WHERE c.relnamespace = %(schema)s::regnamespace AND c.relkind = 'r'
      AND a.grantee <> c.relowner
      AND a.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES')
"""
_COLUMN_GRANTS = """
    SELECT c.relname, t.attname, a.grantee::regrole::text, a.privilege_type
    FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid
    CROSS JOIN LATERAL aclexplode(t.attacl) a
    WHERE c.relnamespace = %(schema)s::regnamespace AND a.grantee <> c.relowner
      AND (a.privilege_type = 'UPDATE' OR (c.relname, t.attname) IN ({audit}))
"""
_INSERT_ALL = """
    SELECT c.relname, a.grantee::regrole::text
    FROM pg_class c CROSS JOIN LATERAL aclexplode(c.relacl) a
    WHERE c.relnamespace = %(schema)s::regnamespace AND c.relkind = 'r'
      AND a.grantee <> c.relowner AND a.privilege_type = 'INSERT'
"""
_HISTORY = (
    ("it has two voids in force at once",
     "SELECT 'entry ' || quote_literal(e.id) FROM voids v JOIN entries e ON e.seq = v.seq"
     " WHERE NOT EXISTS (SELECT 1 FROM restores r WHERE r.void = v.id)"
     " GROUP BY v.seq, e.id HAVING count(*) > 1"),
    ("it is dated before the entry was recorded",
     "SELECT 'void #' || v.id || ' of entry ' || quote_literal(e.id) FROM voids v"
     " JOIN entries e ON e.seq = v.seq WHERE v.voided_at < e.recorded_at"),
    ("its action does not exist",
     "SELECT 'entry ' || quote_literal(e.id) FROM entries e WHERE e.action IS NOT NULL"
     " AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.id = e.action)"),
    ("it is dated before the void",
     "SELECT 'restore of void #' || v.id FROM restores r JOIN voids v ON v.id = r.void"
     " WHERE r.restored_at < v.voided_at"),
)  # fmt: skip


def integrity_problems(conn: Any, schema: str) -> list[str]:
    params = {"schema": schema}
    problems = []
    triggers = dict(conn.execute(
        "SELECT tgname, tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        " WHERE c.relnamespace = %(schema)s::regnamespace AND NOT t.tgisinternal", params))
    for name in sorted(_EXPECTED_TRIGGERS):
        if name not in triggers:
            problems.append(f"schema: trigger {name!r} is missing")
        elif triggers[name] == "D":
            problems.append(f"schema: trigger {name!r} is disabled")
    policed = dict(conn.execute(
        "SELECT relname, relrowsecurity FROM pg_class WHERE relnamespace ="
        " %(schema)s::regnamespace AND relname = ANY(%(tables)s)",
        {**params, "tables": list(UNIT_TABLES)}))  # fmt: skip
    problems += [f"schema: row-level security is off on {t}" for t in UNIT_TABLES
                 if not policed.get(t)]  # fmt: skip
    policies = {r[0] for r in conn.execute(
        "SELECT policyname FROM pg_policies WHERE schemaname = %(schema)s", params)}
    problems += [f"schema: policy {name!r} is missing" for name in sorted(_EXPECTED_POLICIES)
                 if name not in policies]  # fmt: skip
    for table, role, privilege in conn.execute(_TABLE_GRANTS, params):
        problems.append(f"privileges: {role} may {privilege} {table}")
    audit = ", ".join(f"('{t}', '{c}')" for t, cs in _AUDIT_COLUMNS.items() for c in cs)
    for table, column, role, privilege in conn.execute(_COLUMN_GRANTS.format(audit=audit),
                                                       params):  # fmt: skip
        problems.append(f"privileges: {role} may {privilege} {table}.{column}")
    for table, role in conn.execute(_INSERT_ALL, params):  # INSERT of every column
        if table in _AUDIT_COLUMNS:
            problems.append(f"privileges: {role} may INSERT every column of {table}, who and "
                            "when included")  # fmt: skip
        elif table == "unit_grants":  # (limiting others: only the owner says whose units)
            problems.append(f"privileges: {role} may INSERT unit_grants")
    for what, query in _HISTORY:
        problems += [f"damaged {row[0]}: {what}" for row in conn.execute(query)]
    rows = conn.execute(f"SELECT {sql.ENTRY_COLUMNS} FROM entries e {sql.ACTIVE_VOID}",
                        {"known": known_bound(None)})  # fmt: skip
    for row in rows:
        try:
            entry_of(row)
        except DamagedRow as exc:
            problems.append(f"damaged {exc}")
    return problems
