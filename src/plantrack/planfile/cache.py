"""A small cache of validated plans, so a plan is not re-validated on every run.

Validating YAML costs about 0.1 ms per line; a national plan with 10,000 goals
takes over a second, and even the 31-goal shipped plan costs ~13 ms (importing
PyYAML is most of it) against ~1 ms from the cache. The cache stores the
*validated* plan as JSON (never pickle: it is only data) in the user data
folder, keyed by the SHA-256 of the file's bytes and of the validator's own
source, so any edit to the file, or to a validation rule, means a fresh
validation. The KEEP most recently used files are kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from dataclasses import MISSING, fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from plantrack import __version__
from plantrack.model.plan import Goal, Plan
from plantrack.paths import user_data_dir
from plantrack.planfile.load import MAX_PLAN_BYTES, load_plan, parse_plan

# The sources whose rules decide what a valid plan is (read, not imported: a
# cache hit needs none of them).
_RULES = [Path(__file__).parent / name
          for name in ("load.py", "validate.py", "kinds.py", "units.py", "yamltree.py")]
_RULES += [Path(__file__).parent.parent / "model" / name
           for name in ("plan.py", "numbers.py", "textforms.py")]

KEEP = 16  # cache files kept: a few plans, each through a few edits
# 6: the whole plan in one JSON object, goals as lists of values; 7: waypoints, target_ref,
# baseline_from and the plan's partial; 8: the plan's units, a goal's breakdown, weights, lead
_FORMAT = 8
_GOAL_FIELDS = tuple(f.name for f in fields(Goal))
_DATES = {"issued", "period_start", "period_end", "deadline", "baseline_date"}
_DECIMALS = {"target", "baseline", "baseline_stock", "tolerance"}
_GOAL_DATES = [i for i, name in enumerate(_GOAL_FIELDS) if name in _DATES]
_GOAL_DECIMALS = [i for i, name in enumerate(_GOAL_FIELDS) if name in _DECIMALS]
_GOAL_NOTES = _GOAL_FIELDS.index("notes")
_GOAL_WAYPOINTS = _GOAL_FIELDS.index("waypoints")  # [[date, value], ...]
_GOAL_SHARES = [_GOAL_FIELDS.index(name) for name in ("breakdown", "weights")]  # [[unit, value]]
# The trailing fields' defaults, as cached: a goal's row leaves out the trailing values that
# are their defaults (most goals have no waypoints, target_ref or baseline_from), so that
# fields most goals do not use cost a cache read nothing.
_GOAL_DEFAULTS = [f.default for f in fields(Goal)]
_GOAL_REQUIRED = max(i for i, d in enumerate(_GOAL_DEFAULTS) if d is MISSING) + 1
# A cache file that cannot be used: missing, cut off, damaged, or of another
# layout. It is never an error: the plan is validated afresh.
_DAMAGED = (OSError, ValueError, KeyError, TypeError, IndexError, ArithmeticError)


def read_plan(path: Path) -> Plan:
    """The validated plan in ``path``: from the cache if this content was validated before."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_PLAN_BYTES:
            return load_plan(path)  # a folder, a device, too big: load_plan says so
        with path.open("rb") as f:
            data = f.read(st.st_size + 1)
        folder = user_data_dir() / "cache"
    except (OSError, RuntimeError, KeyError):  # unreadable; or no home folder for the cache
        return load_plan(path)  # which reads it again and names the problem, or validates
    if len(data) > st.st_size:  # it grew while we read: read it as load_plan does
        return load_plan(path)
    key = hashlib.sha256(data + _validator_digest()).hexdigest()
    cache = folder / f"plan-{key[:32]}.json"
    with contextlib.suppress(*_DAMAGED):
        plan = _read(cache, key, str(path))
        with contextlib.suppress(OSError):  # a read-only cache still serves
            os.utime(cache)  # in use: not the oldest when pruning
        return plan
    plan = parse_plan(data, str(path))
    _write(cache, key, plan)
    _prune(folder)
    return plan


def _validator_digest() -> bytes:
    """Digest of the validator's sources and of the cache's format (two plantracks
    writing different formats for one plan must not take turns overwriting one file)."""
    h = hashlib.sha256(f"{__version__} format {_FORMAT}".encode())
    for source in _RULES:
        h.update(source.read_bytes())
    return h.digest()


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def _write(cache: Path, key: str, plan: Plan) -> None:
    """Write the cache file atomically; a cache that cannot be written is only a slower run."""
    meta = {k: _encode(v) for k, v in vars(plan).items() if k not in ("goals", "path", "_index")}
    doc = {
        "format": _FORMAT,
        "version": __version__,
        "sha256": key,
        "plan": meta,
        "fields": _GOAL_FIELDS,
        "goals": [_row(g) for g in plan.goals],
    }
    tmp = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(json.dumps(doc, ensure_ascii=False).encode())
        os.replace(tmp, cache)
    except OSError:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _row(goal: Goal) -> list[Any]:
    """A goal's values in _GOAL_FIELDS order, without the trailing ones that are defaults."""
    values = [getattr(goal, name) for name in _GOAL_FIELDS]
    end = len(values)
    while end > _GOAL_REQUIRED and values[end - 1] == _GOAL_DEFAULTS[end - 1]:
        end -= 1
    return [_encode(v) for v in values[:end]]


def _read(cache: Path, key: str, name: str) -> Plan:
    """The plan in a cache file; raises one of _DAMAGED if the file cannot be used."""
    doc = json.loads(cache.read_bytes())
    if doc["format"] != _FORMAT or doc["version"] != __version__ or doc["sha256"] != key:
        raise ValueError("another cache format, or another plan")
    if doc["fields"] != list(_GOAL_FIELDS):
        raise ValueError("another layout of Goal")
    meta = doc["plan"]
    for k in ("issued", "period_start", "period_end"):
        meta[k] = None if meta[k] is None else date.fromisoformat(meta[k])
    return Plan(**meta, goals=tuple(map(_goal, doc["goals"])), path=name)


def _goal(row: list[Any]) -> Goal:
    """A Goal from its cached values, in _GOAL_FIELDS order."""
    for i in _GOAL_DATES:
        if row[i] is not None:
            row[i] = date.fromisoformat(row[i])
    for i in _GOAL_DECIMALS:
        if row[i] is not None:
            row[i] = Decimal(row[i])
    if len(row) > _GOAL_NOTES:
        row[_GOAL_NOTES] = tuple(row[_GOAL_NOTES])
    if len(row) > _GOAL_WAYPOINTS:
        row[_GOAL_WAYPOINTS] = tuple((date.fromisoformat(d), Decimal(v))
                                     for d, v in row[_GOAL_WAYPOINTS])  # fmt: skip
    for i in _GOAL_SHARES:
        if len(row) > i:
            row[i] = tuple((unit, Decimal(v)) for unit, v in row[i])
    return Goal(*row)


def _prune(folder: Path) -> None:
    """Delete all but the KEEP most recently used cache files, and temporary
    files a killed run left (older than an hour: a running one may be writing)."""
    try:
        files = sorted(folder.glob("plan-*.json"), key=lambda p: p.stat().st_mtime)
        for old in files[:-KEEP]:
            old.unlink()
        hour_ago = time.time() - 3600
        for tmp in folder.glob("*.tmp"):
            if tmp.stat().st_mtime < hour_ago:
                tmp.unlink()
    except OSError:
        pass  # another run pruned first, or the folder is read-only
