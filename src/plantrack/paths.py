"""Where plantrack finds the plan and keeps its database: one place decides."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

DB_NAME = "plantrack.db"


def bundled_plan_path() -> Path:
    """The first plan shipped inside the package (the Henan 14th FYP S&T plan, 2021-2025);
    planfile.known lists them all."""
    return Path(str(resources.files("plantrack") / "data" / "targets.yaml"))


def schema_path() -> Path:
    return Path(str(resources.files("plantrack") / "data" / "targets.schema.json"))


def user_data_dir() -> Path:
    """Per-user data folder; ``PLANTRACK_HOME`` overrides it (tests use this)."""
    override = os.environ.get("PLANTRACK_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "plantrack"


def resolve_db(option: str | None) -> str | Path:
    """--db, then $PLANTRACK_DB, else the user's one ledger, which holds every plan:
    plantrack.db in the user data folder, whatever the current folder.

    A URL (postgresql://...) is kept as written.
    """
    chosen = option or os.environ.get("PLANTRACK_DB")
    if chosen and "://" in chosen:
        return chosen
    if chosen:
        return Path(chosen)
    return user_data_dir() / DB_NAME


def ledger_beside(plan_path: Path) -> Path | None:
    """The ledger an earlier plantrack kept beside a plan file (``plantrack.db`` there),
    if there is one and it is not the user's ledger."""
    beside = plan_path.parent / DB_NAME
    try:
        if not beside.is_file() or beside.stat().st_size == 0:
            return None
        if beside.resolve() == (user_data_dir() / DB_NAME).resolve():
            return None
    except OSError:
        return None
    return beside
