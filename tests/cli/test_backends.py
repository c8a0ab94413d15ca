"""Every command gives the same output on SQLite and on PostgreSQL.

One session of a planning office (import the published figures, record, note,
void, restore, amend, undo, then every report and export) runs against a
SQLite file and against a PostgreSQL database. What may differ is only what
each ledger records itself: its location, who recorded (the OS user or
``--by``, against the database user) and when. Those are replaced by
placeholders; everything else must be byte for byte the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import EXAMPLES, run

from plantrack.ledger.postgres_conn import Target

LABS, ACADEMY = "provincial-labs", "academy-of-sciences"
# The recording times: "2026-12-02T00:07:12.123456Z" in JSON and CSV, "2026-12-02 00:07 UTC" in
# the history, "of 2026-12-02 00:07 UTC" in undo's message, and today's date where a
# command dates an entry today.
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}\.\d{6}Z| UTC)")


Results = list[tuple[str, int, str]]


def session(db: str, by: list[str]) -> Results:
    """(command, exit code, stdout) of each step of the session."""
    steps = [
        ["import", str(EXAMPLES)],
        ["import", str(EXAMPLES)],  # again: nothing new
        ["record", LABS, "+1", "--date", "2025-06-30", "--note", "unveiled", *by],
        ["record", ACADEMY, "done", "--date", "2025-06-30", *by],
        ["note", LABS, "site visit", "--date", "2025-07-01", *by],
        ["void", "henan-pub-005-2022-03-22", "--reason", "double count", *by],
        ["restore", "henan-pub-005-2022-03-22", *by],
        ["void", "henan-pub-005-2022-03-22", "--reason", "double count again", *by],
        ["amend", "henan-pub-005-2021-12-31", "4", "--reason", "corrected", *by],
        ["undo", *by],  # the amend
        ["status", "--as-of", "2025-12-31"],
        ["status", "--json", "--as-of", "2025-12-31"],
        ["status", "--lang", "zh", "--as-of", "2025-12-31", "--known-at", "2025-01-01"],
        ["gaps", "--as-of", "2025-12-31"],
        ["gaps", "--json", "--as-of", "2025-12-31"],
        ["show", LABS, "--as-of", "2025-12-31"],
        ["show", LABS, "--json", "--as-of", "2025-12-31"],
        ["history", LABS, "--all"],
        ["history", "--json", "--all"],
        ["export", "status", "--as-of", "2025-12-31"],
        ["export", "gaps", "--as-of", "2025-12-31", "--format", "md"],
        ["export", "entries"],
        ["check", "--as-of", "2025-12-31"],
        ["doctor"],
    ]
    results = []
    for step in steps:
        result = run(*step, "--db", db)
        results.append((" ".join(step[:2]), int(result.exit_code), result.stdout))
    return results


def normalised(results: Results, location: str, users: set[str]) -> Results:
    out = []
    for step, code, stdout in results:
        text = stdout.replace(location, "<ledger>")
        text = _STAMP.sub("<recorded>", text)
        text = re.sub(r"\(entry [0-9a-f]{12}\)|entry [0-9a-f]{12}\b|\b[0-9a-f]{12}\b", "<id>",
                      text)  # (record and amend give new entries random ids)
        for user in users:
            text = re.sub(rf"\b{re.escape(user)}\b", "<user>", text)
        out.append((step, code, text))
    return out


@pytest.mark.slow
def test_every_command_gives_the_same_output_on_both_backends(tmp_path: Path, pg_url: str
                                                               ) -> None:  # fmt: skip
    sqlite_db = str(tmp_path / "office.db")
    on_sqlite = session(sqlite_db, ["--by", "analyst"])
    on_postgres = session(pg_url, [])
    database_user = pg_url.split("//")[1].split(":")[0].split("@")[0]
    assert [code for _, code, _ in on_sqlite] == [0] * 22 + [1, 0]  # check finds goals behind
    left = normalised(on_sqlite, sqlite_db, {"analyst", _os_user()})
    right = normalised(on_postgres, Target(pg_url).location, {database_user})
    for (step, a_code, a), (_, b_code, b) in zip(left, right, strict=True):
        assert (a_code, a) == (b_code, b), step


def _os_user() -> str:
    import getpass

    return getpass.getuser()
