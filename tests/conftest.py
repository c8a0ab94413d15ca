"""Shared fixtures: every test runs in its own folder with its own data dir."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the repo, the real home or a user's environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("PLANTRACK_HOME", str(home))
    for var in ("PLANTRACK_DB", "PLANTRACK_PLAN", "PLANTRACK_LANG", "PLANTRACK_DEBUG",
                "LC_ALL", "LC_MESSAGES", "LANG"):  # fmt: skip
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def env_path() -> dict[str, str]:
    """Environment for subprocess runs of the real CLI (same isolation)."""
    return dict(os.environ)
