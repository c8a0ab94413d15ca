"""The package layers: the domain and the reports never reach for storage or a terminal."""

from __future__ import annotations

import ast

import pytest
from support import REPO

SRC = REPO / "src" / "plantrack"
# package -> what it must not import (the ledger, SQL drivers, the CLI and terminal libraries)
FORBIDDEN = ("plantrack.ledger", "plantrack.cli", "plantrack.output", "sqlite3", "psycopg",
             "typer", "rich", "click")  # fmt: skip


def imports(path: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(path):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


@pytest.mark.parametrize("package", ["model", "reports", "i18n"])
def test_the_core_imports_no_storage_cli_or_terminal(package: str) -> None:
    files = sorted((SRC / package).rglob("*.py"))
    assert files
    for path in files:
        names = imports(ast.parse(path.read_text(encoding="utf-8")))
        bad = sorted(n for n in names if n.startswith(FORBIDDEN))
        assert bad == [], f"{path.relative_to(SRC)} imports {bad}"


def test_nothing_imports_click_directly() -> None:
    # Typer ships its own copy of Click; a second one would be a different Click.
    for path in SRC.rglob("*.py"):
        names = imports(ast.parse(path.read_text(encoding="utf-8")))
        assert not [n for n in names if n == "click" or n.startswith("click.")], path


def test_no_source_file_is_over_600_lines() -> None:
    for path in SRC.rglob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 600, path
