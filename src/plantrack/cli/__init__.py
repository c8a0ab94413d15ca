"""The plantrack command line: parse options, call the core, pick an output.

No SQL and no arithmetic here. Heavy modules (Rich, the reports, the ledger)
are imported inside the commands that need them, so `plantrack record` starts
fast. One module per command group; importing it registers its commands.
"""

from plantrack.cli import entry_cmds, ledger_cmds, plan_cmds, report_cmds, review_cmds
from plantrack.cli.app import app

__all__ = ["app", "entry_cmds", "ledger_cmds", "main", "plan_cmds", "report_cmds", "review_cmds"]


def main() -> None:
    """Entry point of the ``plantrack`` script."""
    app()
