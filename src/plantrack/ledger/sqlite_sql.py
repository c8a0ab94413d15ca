"""The SQLite ledger's statements (stored rows <-> entries: plantrack.ledger.stored)."""

from __future__ import annotations

import functools

ENTRY_COLUMNS = """
    e.seq, e.id, e.goal, e.date, e.kind, e.units, e.bound, e.status, e.note, e.source,
    e.recorded_by, e.recorded_at, v.reason, v.voided_by, v.voided_at, e.unit
"""


# --------------------------------------------------------------------------- statements


def live(e: str) -> str:
    """Entry alias ``e`` counts: this plan, dated by as_of, known by known_at, and not void
    then (a void counts from its voided_at until a restore of it)."""
    return (
        f"{e}.plan = :plan AND {e}.date <= :as_of AND {e}.recorded_at < :known AND "
        + void_now(e)
    )


def void_now(e: str) -> str:
    """Entry alias ``e`` has no void in force at :known."""
    return (
        f"NOT EXISTS (SELECT 1 FROM voids v WHERE v.seq = {e}.seq AND v.voided_at < :known"
        " AND NOT EXISTS (SELECT 1 FROM restores r WHERE r.void = v.id"
        " AND r.restored_at < :known))"
    )


# The void in force at :known of entry e (at most one: a new void needs the last restored).
ACTIVE_VOID = """
    LEFT JOIN voids v ON v.seq = e.seq AND v.voided_at < :known AND NOT EXISTS
        (SELECT 1 FROM restores r WHERE r.void = v.id AND r.restored_at < :known)
"""
# Reversed voids, from the (few) restores out: CROSS JOIN keeps that order, so the
# query never walks a plan's entries.
PAST_VOIDS = """
    SELECT v.seq, v.reason, v.voided_by, v.voided_at, r.restored_by, r.restored_at
    FROM restores r CROSS JOIN voids v ON v.id = r.void CROSS JOIN entries e ON e.seq = v.seq
    WHERE e.plan = :plan AND r.restored_at < :known
    ORDER BY v.id
"""
INSERT_ENTRIES = """
    INSERT INTO entries (plan, id, goal, date, kind, units, bound, status,
                         note, source, unit, recorded_by, recorded_at, action)
    VALUES {values}
    ON CONFLICT (plan, id) DO NOTHING
"""
COLUMNS_PER_ENTRY = 13  # entry_row(); the plan is the statement's ?1
# Entries per INSERT statement. One row per statement (executemany) rebuilds the
# CHECK's "kind IN (...)" lookup table for every row: on 1,000,000 rows 6.5 s
# against 3.4 s with 500 rows per statement. Same checks, same order of seq.
ROWS_PER_INSERT = 500


@functools.lru_cache(maxsize=8)  # a load uses two sizes: the full one and the last part
def insert_sql(rows: int) -> str:
    """An INSERT of ``rows`` entries: ?1 is the plan, then the values of each entry."""
    n = COLUMNS_PER_ENTRY
    values = ", ".join(
        "(?1, " + ", ".join(f"?{2 + n * i + j}" for j in range(n)) + ")" for i in range(rows)
    )
    return INSERT_ENTRIES.format(values=values)


# Per goal (or per goal and unit of its breakdown: :keys holds [goal, unit] pairs, unit ''
# for the entries of the whole): the latest total, plus the increments after it (by date, then
# recording order): "12 on 1 March, then +3" is 15 however the two are mixed.
# Every figure is an index seek, so the cost grows with the number of goals,
# not of entries: the numeric ones on entries_cover (plan, goal, unit, date, seq, ...),
# the latest milestone status on the partial index entries_status, and the
# increments after the latest total in one range of entries_cover, summed once.
# They are summed in two parts (stored.SPLIT), joined exactly in Python.
_NUMERIC = "IN ('total', 'increment')"
FIGURES_SQL = f"""
WITH latest AS MATERIALIZED (
    SELECT a.goal, a.unit,
        (SELECT e.seq FROM entries e WHERE e.goal = a.goal AND e.unit = a.unit
           AND e.kind = 'total' AND {live("e")} ORDER BY e.date DESC, e.seq DESC LIMIT 1)
           AS total_seq,
        (SELECT f.units FROM entries f WHERE f.goal = a.goal AND f.unit = a.unit
           AND f.kind = 'total' AND {live("f")} ORDER BY f.date, f.seq LIMIT 1) AS first_total,
        (SELECT n.date FROM entries n WHERE n.goal = a.goal AND n.unit = a.unit
           AND n.kind {_NUMERIC} AND {live("n")} ORDER BY n.date, n.seq LIMIT 1) AS first_date,
        (SELECT z.date FROM entries z WHERE z.goal = a.goal AND z.unit = a.unit
           AND z.kind {_NUMERIC} AND {live("z")} ORDER BY z.date DESC, z.seq DESC LIMIT 1)
           AS last_date,
        (SELECT s.seq FROM entries s INDEXED BY entries_status WHERE s.goal = a.goal
           AND s.unit = a.unit AND s.kind = 'status' AND {live("s")}
           ORDER BY s.date DESC, s.seq DESC LIMIT 1)
           AS status_seq
    FROM (SELECT json_extract(value, '$[0]') AS goal, json_extract(value, '$[1]') AS unit
          FROM json_each(:keys)) a
)
SELECT l.goal, t.units, t.date, t.bound, SUM(i.units / :split), SUM(i.units % :split),
       l.first_total, l.first_date, l.last_date, s.status, s.date, t.id, s.id, l.unit
FROM latest l
LEFT JOIN entries t ON t.seq = l.total_seq
LEFT JOIN entries s ON s.seq = l.status_seq
LEFT JOIN entries i ON i.goal = l.goal AND i.unit = l.unit AND i.kind = 'increment'
     AND {live("i")} AND (i.date, i.seq) > (COALESCE(t.date, ''), COALESCE(t.seq, -1))
WHERE l.first_date IS NOT NULL OR l.status_seq IS NOT NULL
GROUP BY l.goal, l.unit
"""


