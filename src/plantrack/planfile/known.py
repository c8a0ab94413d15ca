"""The plans a user has, and which one a command reads.

Known plans: the ones bundled with plantrack, the files registered with ``plantrack plans
add`` (kept in ``plans.json`` in the user data folder), and a ``./targets.yaml``. A
command names one by its id or by its file (``--plan``, else ``$PLANTRACK_PLAN``); with
neither, it reads ``./targets.yaml`` if there is one, else the bundled plan of the
current period (the one whose period holds today; after the last one ends, the latest).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from plantrack.errors import NotFoundError, ValidationError
from plantrack.i18n import say
from plantrack.model.plan import Plan
from plantrack.paths import user_data_dir
from plantrack.planfile.cache import read_plan
from plantrack.planfile.load import load_plan

LOCAL = Path("targets.yaml")


@dataclass(frozen=True)
class KnownPlan:
    plan: Plan
    path: Path
    origin: str  # "bundled", "registered" or "local" (./targets.yaml)


@dataclass(frozen=True)
class Chosen:
    """The plan a command reads, and how it was chosen."""

    plan: Plan
    path: Path
    bundled: bool
    by_default: bool  # neither --plan nor $PLANTRACK_PLAN named it


def bundled_paths() -> list[Path]:
    """The plan files shipped inside the package, by name."""
    folder = Path(str(resources.files("plantrack") / "data"))
    return sorted(folder.glob("*.yaml"))


def registry_file() -> Path:
    return user_data_dir() / "plans.json"


def registered_paths() -> list[Path]:
    """The files registered with ``plans add`` (absolute paths), in the order added."""
    try:
        doc = json.loads(registry_file().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise ValidationError(say("err.plans.registry", path=registry_file(),
                                  reason=str(exc))) from None  # fmt: skip
    files = doc.get("files") if isinstance(doc, dict) else None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        raise ValidationError(say("err.plans.registry", path=registry_file(),
                                  reason='not {"files": [paths]}'))  # fmt: skip
    return [Path(f) for f in files]


def registry_bytes(paths: list[Path]) -> bytes:
    """The registry file holding ``paths`` (the CLI writes it)."""
    return json.dumps({"files": [str(p) for p in paths]}, ensure_ascii=False,
                      indent=1).encode() + b"\n"  # fmt: skip


def known() -> list[KnownPlan]:
    """Every known plan that reads as one: bundled, then registered, then ./targets.yaml
    (a file missing or invalid is left out)."""
    out: list[KnownPlan] = []
    candidates = [(p, "bundled") for p in bundled_paths()]
    candidates += [(p, "registered") for p in registered_paths()]
    if LOCAL.is_file():
        candidates.append((LOCAL, "local"))
    for path, origin in candidates:
        with contextlib.suppress(NotFoundError, ValidationError):
            out.append(KnownPlan(read_plan(path), path, origin))
    return out


def added(path: Path) -> tuple[Plan, list[Path]]:
    """(the plan in ``path``, validated; the registered files with it added): registering
    a file twice changes nothing; a second plan with a known plan's id is refused."""
    plan = load_plan(path)
    absolute = path.resolve()
    ids = {k.plan.id: k for k in known() if k.path.resolve() != absolute}
    if plan.id in ids:
        other = ids[plan.id]
        raise ValidationError(say("err.plans.same_id", id=plan.id, path=other.path,
                                  origin=say(f"plans.origin.{other.origin}")))  # fmt: skip
    files = registered_paths()
    return plan, files if absolute in files else [*files, absolute]


def removed(name: str) -> tuple[Path, list[Path]]:
    """(the registered file ``name`` names, by its id or its path; the registered files
    without it). The file itself is left alone."""
    files = registered_paths()
    for path in files:
        if path == Path(name).resolve():
            return path, [p for p in files if p != path]
    for path in files:
        with contextlib.suppress(NotFoundError, ValidationError):
            if read_plan(path).id == name:
                return path, [p for p in files if p != path]
    raise NotFoundError(say("err.plans.not_registered", name=repr(name)))


def _looks_like_a_file(name: str) -> bool:
    return name.endswith((".yaml", ".yml")) or os.sep in name or "/" in name or Path(name).is_file()


def find(name: str) -> tuple[Plan, Path, bool]:
    """The plan named by ``name``: a plan file, or the id of a known plan."""
    if _looks_like_a_file(name):
        path = Path(name)
        bundled = path.resolve() in {p.resolve() for p in bundled_paths()}
        return read_plan(path), path, bundled
    return find_id(name)


def find_id(plan_id: str) -> tuple[Plan, Path, bool]:
    """The known plan with this id (never a file: an import's `plan` cell is an id). Where
    ./targets.yaml shares an id with a bundled plan, ./targets.yaml is the one (as without
    --plan), then a registered file, then the bundled one."""
    plans = known()
    rank = {"local": 0, "registered": 1, "bundled": 2}
    for k in sorted(plans, key=lambda k: rank[k.origin]):
        if k.plan.id == plan_id:
            return k.plan, k.path, k.origin == "bundled"
    ids = ", ".join(dict.fromkeys(k.plan.id for k in plans))
    raise NotFoundError(say("err.plans.unknown", name=repr(plan_id), ids=ids))


def current_bundled(today: date) -> tuple[Plan, Path]:
    """The bundled plan whose period holds ``today``; else the latest one that has begun;
    else the earliest."""
    plans = sorted(((read_plan(p), p) for p in bundled_paths()), key=lambda x: x[0].period_start)
    for plan, path in plans:
        if plan.period_start <= today <= plan.period_end:
            return plan, path
    begun = [x for x in plans if x[0].period_start <= today]
    return begun[-1] if begun else plans[0]


def path_of(option: str | None, today: date) -> Path:
    """The file ``choose`` would read, without validating a file that is named as one
    (``validate`` reports its problems itself)."""
    name = option or os.environ.get("PLANTRACK_PLAN")
    if name:
        return Path(name) if _looks_like_a_file(name) else find(name)[1]
    if LOCAL.is_file():
        return LOCAL
    return current_bundled(today)[1]


def choose(option: str | None, today: date) -> Chosen:
    """--plan, else $PLANTRACK_PLAN, else ./targets.yaml, else the current bundled plan."""
    name = option or os.environ.get("PLANTRACK_PLAN")
    if name:
        plan, path, bundled = find(name)
        return Chosen(plan, path, bundled, by_default=False)
    if LOCAL.is_file():
        return Chosen(read_plan(LOCAL), LOCAL, False, by_default=True)
    plan, path = current_bundled(today)
    return Chosen(plan, path, True, by_default=True)
