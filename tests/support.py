"""What the tests share: the checkout's paths, and running the CLI in-process."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner, Result

from plantrack.cli import app

REPO = Path(__file__).resolve().parent.parent
PLAN = REPO / "targets.yaml"
EXAMPLES = REPO / "examples" / "henan-reported-2021-2025.csv"
# The sample data's rows, one entry each (counted, not written down: the data grows).
PUBLISHED = EXAMPLES.read_text(encoding="utf-8").count("\nhenan-pub-")
BROKEN_PLANS = REPO / "tests" / "planfile" / "broken_plans"
RUNNER = CliRunner()
# The real CLI in a child process that file permission bits apply to (conftest: restricted).
Runner = Callable[..., subprocess.CompletedProcess[str]]


def run(*args: str, input: str | bytes | None = None) -> Result:
    return RUNNER.invoke(app, list(args), input=input)


def ok(*args: str, input: str | bytes | None = None) -> Result:
    """Exit 0 (else the assertion shows stderr)."""
    result = run(*args, input=input)
    assert result.exit_code == 0, result.stderr
    return result


def fails(code: int, *args: str, input: str | bytes | None = None,
          one_line: bool = False) -> Result:  # fmt: skip
    """The documented exit code, nothing on stdout, no traceback, and a last line
    'plantrack: error: ...' (``one_line``: and nothing before it)."""
    result = run(*args, input=input)
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines and lines[-1].startswith("plantrack: error: "), result.stderr
    assert not one_line or len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result
