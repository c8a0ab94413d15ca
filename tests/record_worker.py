"""One of several writers at once, for the concurrency tests and the benchmark.

    python record_worker.py DB GOAL NAME CALLS START_AT [ARG...]

Waits until the clock reaches START_AT (so that every writer starts together),
then runs ``plantrack record GOAL +1 --date 2022-01-01 --db DB --note NAME-i
ARG...`` CALLS times, and writes the exit codes as a JSON list, the last line
on stderr. Starting an interpreter per record would take minutes, so the Typer
command is built once (what ``plantrack.cli:app()`` does on every call) and run
CALLS times with fresh arguments: every call parses its options, opens and
closes its own database connection and exits through the CLI's error boundary,
as a shell invocation does; only the interpreter start-up is shared.
"""

import json
import sys
import time

import typer

from plantrack.cli import app


def main(argv: list[str]) -> None:
    db, goal, name, calls, start_at, *extra = argv
    command = typer.main.get_command(app)
    while time.time() < float(start_at):
        time.sleep(0.001)
    codes: list[object] = []
    for i in range(int(calls)):
        args = ["record", goal, "+1", "--date", "2022-01-01", "--db", db,
                "--note", f"{name}-{i}", *extra]  # fmt: skip
        try:
            command.main(args, prog_name="plantrack")  # standalone: always ends in SystemExit
            codes.append("no exit")
        except SystemExit as exc:
            codes.append(exc.code or 0)
    sys.stderr.write(json.dumps(codes) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
