"""Where plantrack finds the plan and keeps its database: one place decides."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

DB_NAME = "plantrack.db"


def bundled_plan_path() -> Path:
    """The plan shipped inside the package (the Henan 14th FYP S&T plan)."""
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


def resolve_plan(option: str | None) -> tuple[Path, bool]:
    """(plan path, is_bundled): --plan, then $PLANTRACK_PLAN, ./targets.yaml, the bundled plan."""
    chosen = option or os.environ.get("PLANTRACK_PLAN")
    if chosen:
        return Path(chosen), False
    local = Path("targets.yaml")
    if local.is_file():
        return local, False
    return bundled_plan_path(), True


def resolve_db(option: str | None, plan_path: Path, bundled: bool) -> str | Path:
    """--db, then $PLANTRACK_DB, then beside a user's plan file, else the user data folder.

    A URL (postgresql://...) is kept as written; the bundled plan lives inside
    the installed package, which may be read-only and is replaced on upgrade,
    so its ledger goes to the user data folder.
    """
    chosen = option or os.environ.get("PLANTRACK_DB")
    if chosen and "://" in chosen:
        return chosen
    if chosen:
        return Path(chosen)
    if bundled:
        return user_data_dir() / DB_NAME
    return plan_path.parent / DB_NAME
