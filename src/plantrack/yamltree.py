"""A strict YAML reader that keeps every value as text with its position.

PyYAML's event stream (the C parser when available) is turned into a small
tree of Map / Seq / Scalar nodes. Nothing is constructed from tags, and no
YAML 1.1 type guessing happens here: a plain ``no`` stays the text ``no`` and
the plan validator decides what it may mean. Anchors, aliases, explicit tags
and multi-document streams are refused, which rules out alias bombs and
``!!python/object`` tricks by construction.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

try:  # the C parser is ~10x faster on large plans; same events, same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


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


def parse(text: str) -> Node | None:
    """Parse one YAML document into a tree; None for an empty document."""
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
            elif kind == "SequenceStartEvent":
                node = Seq([], _pos(event.start_mark))
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif kind == "MappingStartEvent":
                node = Map([], _pos(event.start_mark))
                attach(node)
                stack.append(node)
                pending_key.append(None)
            elif kind in ("SequenceEndEvent", "MappingEndEvent"):
                stack.pop()
                pending_key.pop()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlError(f"YAML syntax error: {problem}", _pos(mark)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        before = text[: exc.position]
        pos = Pos(before.count("\n") + 1, len(before) - before.rfind("\n"))
        raise YamlError(f"character {exc.character!r} is not allowed in YAML", pos) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"YAML error: {str(exc).splitlines()[0]}", Pos(1, 1)) from None
    return root
