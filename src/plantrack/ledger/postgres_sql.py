"""The PostgreSQL ledger's statements: the same questions as the SQLite ones, in its SQL.

Rows come back in the forms plantrack.ledger.stored reads (dates and times as
text, times as UTC 'YYYY-MM-DDTHH:MM:SS.ffffffZ'), so both backends give the
same entries, figures and reports.
"""

from __future__ import annotations

from plantrack.ledger.postgres_schema import REPEATS


def stamp(column: str) -> str:
    """A timestamptz column as the text every backend stores and compares."""
    return f"""to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"""


KNOWN = "(%(known)s::timestamp AT TIME ZONE 'UTC')"  # stored.known_bound, as a moment
ENTRY_COLUMNS = f"""
    e.seq, e.id, e.goal, e.date::text, e.kind, e.units, e.bound, e.status, e.note, e.source,
    e.recorded_by, {stamp("e.recorded_at")}, v.reason, v.voided_by, {stamp("v.voided_at")},
    e.unit
"""
CONTENT_COLUMNS = "id, goal, date::text, kind, units, bound, status, note, source, unit"


def void_now(e: str) -> str:
    """Entry alias ``e`` has no void in force at the known bound."""
    return (
        f"NOT EXISTS (SELECT 1 FROM voids v WHERE v.seq = {e}.seq AND v.voided_at < {KNOWN}"
        f" AND NOT EXISTS (SELECT 1 FROM restores r WHERE r.void = v.id"
        f" AND r.restored_at < {KNOWN}))"
    )


def live(e: str) -> str:
    """Entry alias ``e`` counts: this plan, dated by as_of, known by known_at, not void then."""
    return (f"{e}.plan = %(plan)s AND {e}.date <= %(as_of)s::date AND {e}.recorded_at < {KNOWN}"
            f" AND {void_now(e)}")  # fmt: skip


ACTIVE_VOID = f"""
    LEFT JOIN voids v ON v.seq = e.seq AND v.voided_at < {KNOWN} AND NOT EXISTS
        (SELECT 1 FROM restores r WHERE r.void = v.id AND r.restored_at < {KNOWN})
"""
PAST_VOIDS = f"""
    SELECT v.seq, v.reason, v.voided_by, {stamp("v.voided_at")}, r.restored_by,
           {stamp("r.restored_at")}
    FROM restores r JOIN voids v ON v.id = r.void JOIN entries e ON e.seq = v.seq
    WHERE e.plan = %(plan)s AND r.restored_at < {KNOWN}
    ORDER BY v.id
"""

# Per goal, or per goal and unit of its breakdown (unit '': the entries of the whole), as
# in SQLite's FIGURES_SQL: the latest total, the first total and the first and last
# numeric dates, the latest milestone status, each an index seek on (goal, unit, plan),
# and the changes after the latest total summed once, an index range (exactly: SUM of
# bigint is numeric here, split in two parts for stored.figures_of). The 14th column is
# the unit.
_NUMERIC = "IN ('total', 'increment')"


def _of(e: str) -> str:
    """Entry alias ``e`` is of the key's goal and unit, and counts (see live)."""
    return f"{e}.goal = a.goal AND {e}.unit = a.unit AND {live(e)}"


FIGURES_SQL = f"""
SELECT a.goal, t.units, t.date::text, t.bound, i.high, i.low, f.units, n.date::text,
       z.date::text, s.status, s.date::text, t.id, s.id, a.unit
FROM unnest(%(goals)s::text[], %(units)s::text[]) AS a (goal, unit)
LEFT JOIN LATERAL (
    SELECT t.seq, t.units, t.date, t.bound, t.id FROM entries t
    WHERE t.kind = 'total' AND {_of("t")}
    ORDER BY t.date DESC, t.seq DESC LIMIT 1) t ON true
LEFT JOIN LATERAL (
    SELECT f.units FROM entries f WHERE f.kind = 'total' AND {_of("f")}
    ORDER BY f.date, f.seq LIMIT 1) f ON true
LEFT JOIN LATERAL (
    SELECT n.date FROM entries n WHERE n.kind {_NUMERIC} AND {_of("n")}
    ORDER BY n.date, n.seq LIMIT 1) n ON true
LEFT JOIN LATERAL (
    SELECT z.date FROM entries z WHERE z.kind {_NUMERIC} AND {_of("z")}
    ORDER BY z.date DESC, z.seq DESC LIMIT 1) z ON true
LEFT JOIN LATERAL (
    SELECT s.status, s.date, s.id FROM entries s
    WHERE s.kind = 'status' AND {_of("s")}
    ORDER BY s.date DESC, s.seq DESC LIMIT 1) s ON true
LEFT JOIN LATERAL (
    SELECT div(SUM(i.units), %(split)s)::bigint AS high,
           mod(SUM(i.units), %(split)s)::bigint AS low
    FROM entries i WHERE i.kind = 'increment' AND {_of("i")}
      AND (i.date, i.seq) > (COALESCE(t.date, '-infinity'::date), COALESCE(t.seq, -1))) i
    ON true
WHERE n.date IS NOT NULL OR s.status IS NOT NULL
"""

# --------------------------------------------------------------------------- writing

NEW_ACTION = f"""
    INSERT INTO actions (plan, kind, about) VALUES (%s, %s, %s)
    RETURNING id, done_by, {stamp("done_at")}
"""
# An import's repeats (see postgres_schema: entries_repeats), for its transaction only.
REPEATS_TABLE = f"""
    CREATE TEMP TABLE {REPEATS} (
        seq bigint, id text, goal text, date date, kind text, units bigint, bound text,
        status text, note text, source text, unit text
    ) ON COMMIT DROP
"""
_COPIED = "plan, id, goal, date, kind, units, bound, status, note, source, unit, action"
COPY_ENTRIES = f"COPY entries ({_COPIED}) FROM STDIN (FORMAT BINARY)"
COPY_ENTRIES_TYPES = ("text", "text", "text", "date", "text", "int8", "text", "text", "text",
                      "text", "text", "int8")  # fmt: skip
# PostgreSQL refuses COPY FROM into a table under row-level security (postgres_schema:
# pg004), which holds for every role but the owner: theirs are copied into a table of
# their session, then inserted from it in the order they came (the policies check each).
INCOMING = "pg_temp.plantrack_incoming"
INCOMING_TABLE = f"""
    CREATE TEMP TABLE {INCOMING} (
        ord bigint GENERATED ALWAYS AS IDENTITY, plan text, id text, goal text, date date,
        kind text, units bigint, bound text, status text, note text, source text, unit text,
        action bigint
    ) ON COMMIT DROP
"""
COPY_INCOMING = f"COPY {INCOMING} ({_COPIED}) FROM STDIN (FORMAT BINARY)"
INSERT_INCOMING = f"""
    INSERT INTO entries ({_COPIED}) SELECT {_COPIED} FROM {INCOMING} ORDER BY ord
"""
# The repeats whose content differs from the entry recorded under their id (an id
# recorded before, or the first of an id given twice in the file): the repeat's content,
# then the recorded one's, each as stored.content_of reads it.
CONFLICTS = f"""
    SELECT r.seq, r.id, r.goal, r.date::text, r.kind, r.units, r.bound, r.status, r.note,
           r.source, r.unit,
           e.id, e.goal, e.date::text, e.kind, e.units, e.bound, e.status, e.note, e.source,
           e.unit
    FROM {REPEATS} r JOIN entries e ON e.plan = %(plan)s AND e.id = r.id
    WHERE (e.goal, e.date, e.kind, e.units, e.bound, e.status, e.note, e.source, e.unit)
          IS DISTINCT FROM (r.goal, r.date, r.kind, r.units, r.bound, r.status, r.note, r.source,
                            r.unit)
    ORDER BY r.seq
"""
# Where rows of the COPY stood in it: its rows took increasing seqs, and each one is
# either in entries (under the import's action) or a repeat.
COPY_ORDER = f"""
    SELECT seq, ord FROM (
        SELECT seq, row_number() OVER (ORDER BY seq) - 1 AS ord FROM (
            SELECT seq FROM entries WHERE plan = %(plan)s AND action = %(action)s
            UNION ALL SELECT seq FROM {REPEATS}) mine
    ) numbered WHERE seq = ANY(%(seqs)s)
"""
STAGING = """
    CREATE TEMP TABLE staging (
        ord bigint, line bigint, id text, goal text, date date, kind text, units bigint,
        bound text, status text, note text, source text, unit text,
        recorded_by text, recorded_at timestamptz,
        void_reason text, voided_by text, voided_at timestamptz
    ) ON COMMIT DROP
"""
STAGED_BACKUP = ("ord, line, id, goal, date, kind, units, bound, status, note, source, unit,"
                 " recorded_by, recorded_at, void_reason, voided_by, voided_at")  # fmt: skip
INSERT_BACKUP = """
    INSERT INTO entries (plan, id, goal, date, kind, units, bound, status, note, source, unit,
                         recorded_by, recorded_at, action)
    SELECT %(plan)s, id, goal, date, kind, units, bound, status, note, source, unit,
           recorded_by, recorded_at, %(action)s
    FROM staging ORDER BY ord
    ON CONFLICT (plan, id) DO NOTHING
"""
BACKUP_VOIDS = """
    INSERT INTO voids (seq, reason, voided_by, voided_at, action)
    SELECT e.seq, s.void_reason, s.voided_by, s.voided_at, %(action)s
    FROM staging s JOIN entries e ON e.plan = %(plan)s AND e.id = s.id
    WHERE s.void_reason IS NOT NULL
    ORDER BY s.ord
"""
_ACTIVE = "NOT EXISTS (SELECT 1 FROM restores r WHERE r.void = v.id)"
VOID = "INSERT INTO voids (seq, reason, action) VALUES (%s, %s, %s)"
RESTORE_ACTIVE = f"""
    INSERT INTO restores (void, action)
    SELECT v.id, %s FROM voids v WHERE v.seq = %s AND {_ACTIVE}
"""
LAST_OWN_ACTION = f"""
    SELECT a.id, a.kind, {stamp("a.done_at")}, a.about FROM actions a
    WHERE a.plan = %s AND a.done_by = current_user AND a.kind <> 'undo'
      AND NOT EXISTS (SELECT 1 FROM undos u WHERE u.action = a.id)
    ORDER BY a.id DESC LIMIT 1
"""
VOID_ACTION_ENTRIES = f"""
    INSERT INTO voids (seq, reason, action)
    SELECT e.seq, %s, %s FROM entries e
    WHERE e.action = %s AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.seq = e.seq AND {_ACTIVE})
"""
RESTORE_ACTION_VOIDS = f"""
    INSERT INTO restores (void, action)
    SELECT v.id, %s FROM voids v WHERE v.action = %s AND {_ACTIVE}
"""
VOID_AGAIN = """
    INSERT INTO voids (seq, reason, action)
    SELECT v.seq, %s, %s FROM restores r JOIN voids v ON v.id = r.void
    WHERE r.action = %s AND NOT EXISTS (
        SELECT 1 FROM voids w WHERE w.seq = v.seq
          AND NOT EXISTS (SELECT 1 FROM restores q WHERE q.void = w.id))
"""
# The units the current user is limited to (postgres_schema: pg004); none: any unit.
MY_UNITS = """
    SELECT g.unit FROM unit_grants g
    WHERE g.role = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)
    ORDER BY g.unit
"""
