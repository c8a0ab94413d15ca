"""Read a plan file: bytes -> text -> YAML tree -> validated Plan.

Every problem is reported as ``file:line:column: goal 'id': message`` and all
problems are collected, in file order, before failing, so a user fixes a file
in one pass.
"""

from __future__ import annotations

import bisect
import codecs
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from plantrack.errors import NotFoundError, ValidationError
from plantrack.i18n import Message, say
from plantrack.model.plan import Plan

if TYPE_CHECKING:
    from plantrack.planfile.yamltree import Node, Pos

MAX_PLAN_BYTES = 16 * 1024 * 1024  # a 10,000-goal plan is about 5 MB

_BREAK = re.compile(rb"\r\n|\r|\n")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A goal's first line, `id: provincial-labs` (used only to name a goal after a syntax error).
_ID_LINE = re.compile(r"id:[ \t]+(['\"]?)([a-z][a-z0-9]*(?:[-_.][a-z0-9]+)*)\1[ \t]*(?:#.*)?")


def load_plan(path: str | Path) -> Plan:
    """Read and validate a plan file; raise ValidationError listing every problem."""
    p = Path(path)
    name = str(path)
    try:
        with p.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_PLAN_BYTES:
                raise ValidationError(_too_big(name, size))
            # Read at most one byte past the limit: a device has no size to
            # check up front, and /dev/zero never ends.
            data = f.read(MAX_PLAN_BYTES + 1)
            if len(data) > MAX_PLAN_BYTES:
                raise ValidationError(_too_big(name, None))
    except (FileNotFoundError, NotADirectoryError):
        raise NotFoundError(say("err.plan.not_found", name=name)) from None
    except IsADirectoryError:
        raise ValidationError(say("err.at", where=name, what=say("err.plan.folder"))) from None
    except PermissionError:
        raise ValidationError(say("err.at", where=name, what=say("err.plan.permission"))) from None
    except OSError as exc:  # name too long, symlink loop, I/O error ...
        # The system's own words for the failure (exc.strerror) stay as they are.
        what = say("err.plan.unreadable", reason=exc.strerror)
        raise ValidationError(say("err.at", where=name, what=what)) from None
    return parse_plan(data, name)


def _too_big(name: str, size: int | None) -> Message:
    limit = say("err.plan.limit", size=f"{MAX_PLAN_BYTES:,}", mib=MAX_PLAN_BYTES >> 20)
    if size is None:  # a device or a growing file: it did not stop at the limit
        what = say("err.plan.too_big_growing", limit=limit)
    else:
        what = say("err.plan.too_big", size=f"{size:,}", limit=limit)
    return say("err.at", where=f"{name}:1:1", what=what)


def parse_plan(data: bytes, name: str = "targets.yaml") -> Plan:
    """Validate plan bytes; ``name`` is used in messages."""
    if len(data) > MAX_PLAN_BYTES:
        raise ValidationError(_too_big(name, len(data)))
    if not data.strip():
        raise ValidationError(say("err.at", where=f"{name}:1:1", what=say("err.plan.empty_file")))
    # Drop the BOM before decoding so error offsets index these very bytes.
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, line_start = 1, 0
        for m in _BREAK.finditer(body, 0, exc.start):  # CRLF, CR or LF, as YAML counts
            line, line_start = line + 1, m.end()
        # Editors count columns in characters, not bytes.
        column = len(body[line_start : exc.start].decode("utf-8", "replace")) + 1
        what = say("err.plan.not_utf8", byte=f"{body[exc.start]:02x}")
        raise ValidationError(say("err.at", where=f"{name}:{line}:{column}", what=what)) from None
    return _validate(text, name)


def _validate(text: str, name: str) -> Plan:
    # The reader and the validator are imported only when a plan is validated:
    # a plan from the cache needs neither.
    from plantrack.planfile import yamltree
    from plantrack.planfile.validate import Checker

    checker = Checker(name)
    try:
        tree = yamltree.read(text)
    except yamltree.YamlError as exc:
        # Nothing after a syntax error can be trusted; name the goal it is in.
        checker.err(exc.pos, exc.said, _goal_at(exc.root, exc.pos, text))
        raise ValidationError(checker.problems) from None
    plan = checker.plan(tree.root)
    if tree.refused:
        # An alias stands in for a value it never copies; whatever the
        # checker said about that stand-in is noise next to the refusal.
        # (Anchors and tags leave the tree as written: their problems stay.)
        aliases = {r.pos for r in tree.refused if _is_alias(r.said)}
        kept = [f for f in checker.found if f[:2] not in aliases]
        checker.found = []  # refusals first where both are at one place: read first
        for r in tree.refused:
            checker.err(r.pos, r.said, _goal_at(tree.root, r.pos))
        checker.found += kept
    if checker.found or plan is None:
        invalid = say("err.at", where=f"{name}:1:1", what=say("err.plan.invalid"))
        raise ValidationError(checker.problems or [invalid])
    return plan


def _is_alias(said: str | Message) -> bool:
    return isinstance(said, Message) and said.key == "err.yaml.alias"


def _goal_at(root: Node | None, pos: Pos, text: str = "") -> str | None:
    """The label of the goal whose text contains ``pos``, if any.

    ``root`` may be the part of the tree read before a syntax error; the
    goal's id may then be unread (the scanner looks ahead), so its first line
    in ``text`` is consulted.
    """
    from plantrack.planfile.validate import YAML11_SPECIAL, goal_id, goal_label
    from plantrack.planfile.yamltree import Map, Seq

    if not isinstance(root, Map):
        return None
    goals = next((v for k, v in root.items if k.value == "goals"), None)
    if not isinstance(goals, Seq) or not goals.items:
        return None
    starts = [item.pos for item in goals.items]
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return None
    item = goals.items[i]
    end = item.end if isinstance(item, Map | Seq) else None
    if end is None and i + 1 < len(goals.items):
        end = goals.items[i + 1].pos
    if end is None and goals.end is not None:
        end = goals.end
    if end is not None and pos >= end:
        return None
    if not isinstance(item, Map):
        return None
    if goal_id(item) is None and item.end is None and text:
        first = _LINE_BREAK.split(text, maxsplit=item.pos.line)[item.pos.line - 1]
        m = _ID_LINE.fullmatch(first, item.pos.column - 1)
        if m and (m.group(1) or m.group(2) not in YAML11_SPECIAL):
            return m.group(2)
    return goal_label(item)


