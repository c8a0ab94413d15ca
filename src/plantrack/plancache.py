"""A cache of validated plans, so a plan is not re-parsed on every run.

Validating YAML costs about 0.1 ms per line in Python; a national plan with
10,000 goals takes over a second. Even the 31-goal shipped plan costs ~13 ms
(importing PyYAML is most of it) against ~1 ms from the cache: a tenth of a
report's start-up. The cache stores the *validated* plan as JSON (never
pickle: it is only data) under the user data folder, keyed by the SHA-256 of
the file's bytes and of the validator's own source, so any edit to the file,
or to a validation rule, means a fresh validation. The newest KEEP files are
kept (a hit counts as use); older ones are deleted when a new one is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from plantrack import __version__
from plantrack.paths import user_data_dir
from plantrack.plan import MAX_PLAN_BYTES, Goal, Plan, load_plan, parse_plan

KEEP = 16  # cache files kept: a few plans, each through a few edits
_FORMAT = 5  # 5: goals as lists of values, with offsets; ids and sections up front
_DATES = {"issued", "period_start", "period_end", "deadline", "baseline_date"}
_DECIMALS = {"target", "baseline", "baseline_stock", "tolerance"}


@dataclass(frozen=True)
class Outline:
    """A plan's id and its goals' ids and sections, and ``plan()`` for the rest.

    From the cache the goals are built only when ``plan()`` is called, so a
    report can start its query first and build them while the query runs.
    """

    id: str
    goal_ids: tuple[str, ...]
    goal_sections: tuple[str, ...]  # each goal's section, in plan order
    plan: Callable[[], Plan]


def load(path: Path) -> Plan:
    """load_plan(path), through the cache."""
    return outline(path).plan()


def load_for_goal(path: Path, goal_id: str) -> Plan:
    """The plan with only ``goal_id`` among its goals, for commands about one goal.

    From the cache this reads one goal instead of building all 10,000; an
    unknown id loads the whole plan, so the error can suggest a close match.
    """
    found = _find(path)
    if isinstance(found, Plan):
        return found
    with contextlib.suppress(*_DAMAGED):
        if goal_id in found.ids:
            return found.build(goal_id)
    return found.plan()


def outline(path: Path) -> Outline:
    """The plan's outline; the goals themselves are built by ``plan()``."""
    found = _find(path)
    if isinstance(found, Plan):
        plan = found
        ids = tuple(g.id for g in plan.goals)
        return Outline(plan.id, ids, tuple(g.section for g in plan.goals), lambda: plan)
    return Outline(found.plan_id, tuple(found.ids), tuple(found.sections), found.plan)


def _find(path: Path) -> Plan | _Cached:
    """The cached plan if there is one for this file's content, else the plan validated now."""
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
    cache = folder / f"plan-{key[:32]}.jsonl"
    with contextlib.suppress(*_DAMAGED):
        found = _Cached(cache, key, data, str(path))
        with contextlib.suppress(OSError):  # a read-only cache still serves
            os.utime(cache)  # in use: not the oldest when pruning
        return found
    return _validate(data, str(path), cache, key)


def _validate(data: bytes, name: str, cache: Path, key: str) -> Plan:
    plan = parse_plan(data, name)
    _write(cache, key, plan)
    _prune(cache.parent)
    return plan


def _prune(folder: Path) -> None:
    """Delete all but the KEEP most recently used cache files, and temporary
    files a killed run left (older than an hour: a running one may be writing)."""
    try:
        files = sorted(folder.glob("plan-*.jsonl"), key=lambda p: p.stat().st_mtime)
        for old in files[:-KEEP]:
            old.unlink()
        hour_ago = time.time() - 3600
        for tmp in folder.glob("*.tmp"):
            if tmp.stat().st_mtime < hour_ago:
                tmp.unlink()
    except OSError:
        pass  # another run pruned first, or the folder is read-only


def _validator_digest() -> bytes:
    """Digest of the modules whose rules decide what a valid plan is, and of
    the cache's format (two plantracks writing different formats for one plan
    must not take turns overwriting one file)."""
    import plantrack.numbers
    import plantrack.plan
    import plantrack.yamltree

    h = hashlib.sha256(f"{__version__} format {_FORMAT}".encode())
    for module in (plantrack.plan, plantrack.yamltree, plantrack.numbers):
        h.update(Path(module.__file__ or "").read_bytes())
    return h.digest()


def _encode(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _decode(field: str, value: Any) -> Any:
    if value is None:
        return None
    if field in _DATES:
        return date.fromisoformat(value)
    if field in _DECIMALS:
        return Decimal(value)
    if field == "notes":
        return tuple(value)
    return value


_GOAL_FIELDS = tuple(f.name for f in fields(Goal))
_GOAL_DATES = [i for i, name in enumerate(_GOAL_FIELDS) if name in _DATES]
_GOAL_DECIMALS = [i for i, name in enumerate(_GOAL_FIELDS) if name in _DECIMALS]
_GOAL_NOTES = _GOAL_FIELDS.index("notes")


def _goal(row: list[Any]) -> Goal:
    """A Goal from its cached values (in _GOAL_FIELDS order), without the
    frozen dataclass's __init__.

    The data was validated before it was cached; filling __dict__ directly
    builds 10,000 goals in a tenth of the time the generated __init__ takes.
    """
    for i in _GOAL_DATES:
        if row[i] is not None:
            row[i] = date.fromisoformat(row[i])
    for i in _GOAL_DECIMALS:
        if row[i] is not None:
            row[i] = Decimal(row[i])
    row[_GOAL_NOTES] = tuple(row[_GOAL_NOTES])
    goal = object.__new__(Goal)
    goal.__dict__.update(zip(_GOAL_FIELDS, row, strict=True))  # else ValueError
    return goal


def _fields(obj: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    return {k: _encode(v) for k, v in vars(obj).items() if not k.startswith("_") and k not in skip}


def _write(cache: Path, key: str, plan: Plan) -> None:
    """JSON Lines: a header (plan fields, goal ids, goal field names, where each
    goal's line starts), then one goal per line as a list of values, so that
    all goals parse in one call and one goal is read without the others."""
    lines = [
        json.dumps([_encode(getattr(g, name)) for name in _GOAL_FIELDS], ensure_ascii=False)
        .encode()
        + b"\n"
        for g in plan.goals
    ]
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    header = {
        "format": _FORMAT,
        "version": __version__,
        "sha256": key,
        "plan": _fields(plan, skip=("goals", "path")),
        "ids": [g.id for g in plan.goals],
        "sections": [g.section for g in plan.goals],
        "fields": _GOAL_FIELDS,
        "offsets": offsets,  # of each goal's line after the header; the last: the end
    }
    tmp = None
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
            f.writelines(lines)
        os.replace(tmp, cache)
    except OSError:  # a cache that cannot be written is only a slower next run
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


# A cache file that cannot be used: missing, cut off, damaged, or from another
# layout. It is never an error: the plan is validated afresh.
_DAMAGED = (OSError, ValueError, KeyError, TypeError, IndexError, ArithmeticError)


class _Cached:
    """A cache file whose header checks out; its goals are read on demand."""

    def __init__(self, cache: Path, key: str, data: bytes, name: str) -> None:
        raw = cache.read_bytes()
        end = raw.index(b"\n") + 1
        header = json.loads(raw[:end])
        if header["format"] != _FORMAT or header["version"] != __version__:
            raise ValueError("another cache format")
        offsets, ids, sections = header["offsets"], header["ids"], header["sections"]
        if header["sha256"] != key or not len(offsets) - 1 == len(ids) == len(sections):
            raise ValueError("not this plan's cache")
        if offsets[-1] != len(raw) - end or header["fields"] != list(_GOAL_FIELDS):
            raise ValueError("cut short, or from another layout of Goal")
        self.raw, self.end, self.offsets = raw, end, offsets
        self.ids: list[str] = ids
        self.sections: list[str] = sections
        self.plan_id: str = header["plan"]["id"]
        self.meta = {k: _decode(k, v) for k, v in header["plan"].items()}
        self.cache, self.key, self.data, self.name = cache, key, data, name

    def build(self, goal_id: str) -> Plan:
        """The plan with only this goal (one line of the file read)."""
        i = self.ids.index(goal_id)
        line = self.raw[self.end + self.offsets[i] : self.end + self.offsets[i + 1]]
        return Plan(**self.meta, goals=(_goal(json.loads(line)),), path=self.name)

    def plan(self) -> Plan:
        """The whole plan; a body that does not parse is validated afresh."""
        try:
            body = self.raw[self.end : -1].replace(b"\n", b",")
            goals = tuple(map(_goal, json.loads(b"[" + body + b"]"))) if self.ids else ()
            return Plan(**self.meta, goals=goals, path=self.name)
        except _DAMAGED:
            return _validate(self.data, self.name, self.cache, self.key)
