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
    e.recorded_by, {stamp("e.recorded_at")}, v.reason, v.voided_by, {stamp("v.voided_at")}
"""
CONTENT_COLUMNS = "id, goal, date::text, kind, units, bound, status, note, source"


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

# Per goal, as in SQLite's FIGURES_SQL: the latest total, the first total and the first
# and last numeric dates, the latest milestone status, each an index seek, and the
# changes after the latest total summed once, an index range (exactly: SUM of bigint is
# numeric here, split in two parts for stored.figures_of).
_NUMERIC = "IN ('total', 'increment')"
FIGURES_SQL = f"""
SELECT a.goal, t.units, t.date::text, t.bound, i.high, i.low, f.units, n.date::text,
       z.date::text, s.status, s.date::text, t.id, s.id
FROM unnest(%(goals)s::text[]) AS a (goal)
LEFT JOIN LATERAL (
    SELECT t.seq, t.units, t.date, t.bound, t.id FROM entries t
    WHERE t.goal = a.goal AND t.kind = 'total' AND {live("t")}
    ORDER BY t.date DESC, t.seq DESC LIMIT 1) t ON true
LEFT JOIN LATERAL (
    SELECT f.units FROM entries f WHERE f.goal = a.goal AND f.kind = 'total' AND {live("f")}
    ORDER BY f.date, f.seq LIMIT 1) f ON true
LEFT JOIN LATERAL (
    SELECT n.date FROM entries n WHERE n.goal = a.goal AND n.kind {_NUMERIC} AND {live("n")}
    ORDER BY n.date, n.seq LIMIT 1) n ON true
LEFT JOIN LATERAL (
    SELECT z.date FROM entries z WHERE z.goal = a.goal AND z.kind {_NUMERIC} AND {live("z")}
    ORDER BY z.date DESC, z.seq DESC LIMIT 1) z ON true
LEFT JOIN LATERAL (
    SELECT s.status, s.date, s.id FROM entries s
    WHERE s.goal = a.goal AND s.kind = 'status' AND {live("s")}
    ORDER BY s.date DESC, s.seq DESC LIMIT 1) s ON true
LEFT JOIN LATERAL (
    SELECT div(SUM(i.units), %(split)s)::bigint AS high,
           mod(SUM(i.units), %(split)s)::bigint AS low
    FROM entries i WHERE i.goal = a.goal AND i.kind = 'increment' AND {live("i")}
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
        status text, note text, source text
    ) ON COMMIT DROP
"""
COPY_ENTRIES = ("COPY entries (plan, id, goal, date, kind, units, bound, status, note, source,"
                " action) FROM STDIN (FORMAT BINARY)")  # fmt: skip
COPY_ENTRIES_TYPES = ("text", "text", "text", "date", "text", "int8", "text", "text", "text",
                      "text", "int8")  # fmt: skip
# The repeats whose content differs from the entry recorded under their id (an id
# recorded before, or the first of an id given twice in the file).
CONFLICTS = f"""
    SELECT r.seq, r.id, r.goal, r.date::text, r.kind, r.units, r.bound, r.status, r.note,
           r.source,
           e.id, e.goal, e.date::text, e.kind, e.units, e.bound, e.status, e.note, e.source
    FROM {REPEATS} r JOIN entries e ON e.plan = %(plan)s AND e.id = r.id
    WHERE (e.goal, e.date, e.kind, e.units, e.bound, e.status, e.note, e.source)
          IS DISTINCT FROM (r.goal, r.date, r.kind, r.units, r.bound, r.status, r.note, r.source)
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
        bound text, status text, note text, source text,
        recorded_by text, recorded_at timestamptz,
        void_reason text, voided_by text, voided_at timestamptz
    ) ON COMMIT DROP
"""
STAGED_BACKUP = ("ord, line, id, goal, date, kind, units, bound, status, note, source,"
                 " recorded_by, recorded_at, void_reason, voided_by, voided_at")  # fmt: skip
INSERT_BACKUP = """
    INSERT INTO entries (plan, id, goal, date, kind, units, bound, status, note, source,
                         recorded_by, recorded_at, action)
    SELECT %(plan)s, id, goal, date, kind, units, bound, status, note, source,
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
