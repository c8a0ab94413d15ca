"""A strict YAML reader that keeps every value as text with its position.

PyYAML's event stream (the C parser when available) is turned into a small
tree of Map / Seq / Scalar nodes. Nothing is constructed from tags, and no
YAML 1.1 type guessing happens here: a plain ``no`` stays the text ``no`` and
the plan validator decides what it may mean. Anchors, aliases, explicit tags
and multi-document streams are refused, which rules out alias bombs and
``!!python/object`` tricks by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

try:  # the C parser is ~10x faster on large plans; same events, same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


# The characters YAML 1.1 forbids, as both PyYAML readers check them (found
# here because libyaml reports them at a UTF-8 byte offset, not a character),
# plus NEL, LS and PS: line breaks to YAML 1.1 but not to editors or YAML 1.2,
# so they would shift every position after them and change what a value means.
_NOT_ALLOWED = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# A plan nests four levels deep. libyaml stops at 1000; PyYAML's pure-Python
# reader has no limit and slows down quadratically with depth.
MAX_DEPTH = 100
_ODD_BREAKS = {0x85: "NEL", 0x2028: "LINE SEPARATOR", 0x2029: "PARAGRAPH SEPARATOR"}


@dataclass(frozen=True)
class Pos:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Scalar:
    value: str
    plain: bool  # unquoted: YAML 1.1 would have guessed a type for it
    pos: Pos


@dataclass
class Seq:
    items: list[Node]
    pos: Pos


@dataclass
class Map:
    items: list[tuple[Scalar, Node]]
    pos: Pos


Node = Scalar | Seq | Map


class YamlError(Exception):
    def __init__(self, message: str, pos: Pos) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos


def _pos(mark: object) -> Pos:
    return Pos(getattr(mark, "line", 0) + 1, getattr(mark, "column", 0) + 1)


def _pos_of(text: str, index: int) -> Pos:
    line_start = text.rfind("\n", 0, index) + 1
    return Pos(text.count("\n", 0, index) + 1, index - line_start + 1)


def parse(text: str) -> Node | None:
    """Parse one YAML document into a tree; None for an empty document."""
    # YAML reads every line break as "\n"; doing it first lets error positions
    # count lines by "\n" alone, for CRLF and old Mac (CR) files alike.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _NOT_ALLOWED.search(text)
    if bad:
        code = ord(bad.group())
        message = f"character U+{code:04X} is not allowed in YAML; remove it"
        if code in _ODD_BREAKS:
            message = (
                f"character U+{code:04X} ({_ODD_BREAKS[code]}) is a line break to some YAML "
                "readers and not to others; replace it with a space or a new line"
            )
        raise YamlError(message, _pos_of(text, bad.start()))
    events = yaml.parse(text, Loader=_Loader)
    stack: list[Map | Seq] = []
    pending_key: list[Scalar | None] = []
    root: Node | None = None
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if isinstance(parent, Seq):
            parent.items.append(node)
        elif pending_key[-1] is None:
            if not isinstance(node, Scalar):
                raise YamlError("mapping keys must be plain text", node.pos)
            pending_key[-1] = node
        else:
            key = pending_key[-1]
            assert key is not None
            parent.items.append((key, node))
            pending_key[-1] = None

    try:
        for event in events:
            kind = type(event).__name__
            if kind == "AliasEvent":
                raise YamlError(
                    "aliases (*name) are not allowed in a plan file", _pos(event.start_mark)
                )
            if getattr(event, "anchor", None) is not None:
                raise YamlError(
                    "anchors (&name) are not allowed in a plan file", _pos(event.start_mark)
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag != "!":
                raise YamlError(f"tags such as {tag} are not allowed", _pos(event.start_mark))
            if kind == "DocumentStartEvent":
                documents += 1
                if documents > 1:
                    raise YamlError(
                        "only one YAML document is allowed (found a second '---')",
                        _pos(event.start_mark),
                    )
            elif kind == "ScalarEvent":
                plain = bool(event.implicit[0]) and event.style in (None, "")
                attach(Scalar(event.value, plain, _pos(event.start_mark)))
            elif kind in ("SequenceStartEvent", "MappingStartEvent"):
                pos = _pos(event.start_mark)
                if len(stack) == MAX_DEPTH:
                    raise YamlError(f"lists and mappings nested more than {MAX_DEPTH} deep", pos)
                node = Seq([], pos) if kind == "SequenceStartEvent" else Map([], pos)
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif kind in ("SequenceEndEvent", "MappingEndEvent"):
                stack.pop()
                pending_key.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        # mark.index counts characters with either loader; libyaml puts the end
        # of a file without a final newline on a line of its own, so clamp.
        index = min(getattr(mark, "index", 0), len(text))
        if text[index : index + 1] == "\t" and "tab" not in problem:
            problem += " (a tab; YAML indents with spaces only)"
        raise YamlError(f"YAML syntax error: {problem}", _pos_of(text, index)) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML error: {str(exc).splitlines()[0]}", Pos(1, 1)) from None
    return root
