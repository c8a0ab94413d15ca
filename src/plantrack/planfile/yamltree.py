"""A strict YAML reader that keeps every value as text with its position.

PyYAML's event stream (the C parser when available) is turned, in one pass,
into a small tree of Map / Seq / Scalar nodes. Nothing is constructed from
tags, and no YAML 1.1 type guessing happens here: a plain ``no`` stays the
text ``no`` and the plan validator decides what it may mean.

Anchors, aliases, explicit tags and a second document are refused, which
rules out alias bombs and ``!!python/object`` tricks by construction: an
alias is never resolved, a tag never looked up. ``parse`` stops at the first
refusal; ``read`` records each one with its position and reads on (an alias
becomes an inert placeholder), so that the plan validator can report every
problem of a file in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from plantrack.i18n import Message, say

# The characters YAML 1.1 forbids (both PyYAML readers check the same set).
# Searched for only after a reader complains: libyaml reports the place as a
# UTF-8 byte offset, and editors count characters. Compiled on first use.
_NOT_ALLOWED = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
# NEL, LS and PS are line breaks to YAML 1.1 but not to editors or YAML 1.2:
# they would shift every position after them and change what a value means.
_ODD_BREAKS = {"\x85": "NEL", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_BREAK = re.compile("\r\n|\r|\n")
_Loader: type | None = None  # None: libyaml's CSafeLoader if PyYAML has it (tests set one)

# A plan nests four levels deep. libyaml stops at 1000; PyYAML's pure-Python
# reader has no limit and slows down quadratically with depth.
MAX_DEPTH = 100
MAX_REFUSALS = 100  # then stop reading: a file of 10**6 aliases needs no 10**6 messages


class Pos(NamedTuple):
    """1-based line and column, in characters. Tuples order by place in the file."""

    line: int
    column: int


@dataclass(slots=True)
class Scalar:
    value: str
    plain: bool  # unquoted: YAML 1.1 would have guessed a type for it
    pos: Pos


@dataclass(slots=True)
class Seq:
    items: list[Node]
    pos: Pos
    # Where the token after the list starts; None if reading stopped inside it.
    end: Pos | None = field(default=None, compare=False, repr=False)


@dataclass(slots=True)
class Map:
    items: list[tuple[Scalar, Node]]
    pos: Pos
    end: Pos | None = field(default=None, compare=False, repr=False)


Node = Scalar | Seq | Map


class YamlError(Exception):
    """A YAML problem at ``pos``; ``root`` is the tree read before it (may be partial).
    ``said`` is the problem as said (worded in the user's language), ``message`` in English."""

    def __init__(self, message: str | Message, pos: Pos, root: Node | None = None) -> None:
        super().__init__(str(message))
        self.said = message
        self.message = str(message)
        self.pos = pos
        self.root = root


@dataclass
class Tree:
    root: Node | None  # None: the document is empty
    refused: list[YamlError] = field(default_factory=list)  # in file order


def parse(text: str) -> Node | None:
    """Parse one YAML document into a tree; None for an empty document.

    Raises YamlError for the first problem: a syntax error, a character YAML
    does not allow, or a refused feature (anchor, alias, tag, second document).
    """
    return _read(text, strict=True).root


def read(text: str) -> Tree:
    """Like parse, but refused features are recorded in ``Tree.refused`` and
    reading goes on. Still raises YamlError for what cannot be read past."""
    return _read(text, strict=False)


def _pos(mark: object) -> Pos:
    return Pos(mark.line + 1, mark.column + 1)  # type: ignore[attr-defined]


def _pos_of(text: str, index: int) -> Pos:
    """The position of text[index], counting CRLF, CR and LF as YAML does (errors only)."""
    line, line_start = 1, 0
    for m in _BREAK.finditer(text, 0, index):
        line, line_start = line + 1, m.end()
    return Pos(line, index - line_start + 1)


def _bad_character(text: str, end: int | None = None) -> YamlError | None:
    bad = re.compile(_NOT_ALLOWED).search(text, 0, len(text) if end is None else end)
    if bad is None:
        return None
    message = say("err.yaml.character", code=f"{ord(bad.group()):04X}")
    return YamlError(message, _pos_of(text, bad.start()))


def _read(text: str, strict: bool) -> Tree:
    odd = [i for i in (text.find(c) for c in _ODD_BREAKS) if i >= 0]
    if odd:
        first = min(odd)
        earlier = _bad_character(text, first)
        if earlier is not None:
            raise earlier
        message = say("err.yaml.odd_break", code=f"{ord(text[first]):04X}",
                      name=_ODD_BREAKS[text[first]])  # fmt: skip
        raise YamlError(message, _pos_of(text, first))
    return _build(text, strict)


class _Builder:
    """Turns PyYAML events into a Tree: one method per kind of event."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.tree = Tree(None)
        # The open container and, for a mapping, its key waiting for a value;
        # outer ones wait on ``stack``.
        self.stack: list[tuple[Map | Seq | None, Scalar | None]] = []
        self.parent: Map | Seq | None = None
        self.key: Scalar | None = None
        self.documents = 0

    def refuse(self, message: Message, pos: Pos) -> None:
        error = YamlError(message, pos)
        if self.strict:
            raise error
        self.tree.refused.append(error)

    def refuse_properties(self, event: object, pos: Pos) -> None:
        if getattr(event, "anchor", None) is not None:
            self.refuse(say("err.yaml.anchor"), pos)
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!":  # `! x` only says "text": treated as quoted
            self.refuse(say("err.yaml.tag", tag=tag), pos)

    def attach(self, node: Node) -> None:
        parent = self.parent
        if parent is None:
            self.tree.root = node
        elif type(parent) is Seq:
            parent.items.append(node)
        elif self.key is not None:
            parent.items.append((self.key, node))  # type: ignore[arg-type]
            self.key = None
        elif type(node) is Scalar:
            self.key = node
        else:
            raise YamlError(say("err.yaml.key_not_text"), node.pos)

    def scalar(self, event: Any) -> None:
        pos = _pos(event.start_mark)
        plain = event.implicit[0] and not event.style
        if event.anchor is not None or event.tag is not None:
            self.refuse_properties(event, pos)
            plain = False  # `! 10` is the text "10" in YAML (PyYAML would resolve it as plain)
        self.attach(Scalar(event.value, plain, pos))

    def start(self, event: Any, mapping: bool) -> None:
        pos = _pos(event.start_mark)
        if len(self.stack) == MAX_DEPTH:
            raise YamlError(say("err.yaml.too_deep", n=MAX_DEPTH), pos)
        if event.anchor is not None or event.tag is not None:
            self.refuse_properties(event, pos)
        node: Map | Seq = Map([], pos) if mapping else Seq([], pos)
        self.attach(node)
        self.stack.append((self.parent, self.key))
        self.parent, self.key = node, None

    def end(self, event: Any) -> None:
        self.parent.end = _pos(event.start_mark)  # type: ignore[union-attr]
        self.parent, self.key = self.stack.pop()

    def alias(self, event: Any) -> None:
        pos = _pos(event.start_mark)
        self.refuse(say("err.yaml.alias"), pos)
        self.attach(Scalar(f"*{event.anchor}", False, pos))  # an inert stand-in: nothing copied

    def document(self, event: Any) -> bool:
        """False once a second document starts: the rest is not read."""
        self.documents += 1
        if self.documents > 1:
            self.refuse(say("err.yaml.second_document"), _pos(event.start_mark))
            return False
        return True

    def too_many_refusals(self) -> bool:
        refused = self.tree.refused
        if len(refused) <= MAX_REFUSALS:
            return False
        refused[-1] = YamlError(say("err.yaml.too_many_refusals", n=MAX_REFUSALS), refused[-1].pos)
        return True


def _build(text: str, strict: bool) -> Tree:
    # PyYAML is imported here, not at the top: a plan read from the plan
    # cache never needs it (~10 ms of start-up).
    import yaml
    from yaml import events

    # The C parser is several times faster on large plans; same events, same marks.
    loader_class = _Loader or getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    builder = _Builder(strict)
    handlers = {
        events.ScalarEvent: builder.scalar,
        events.MappingStartEvent: lambda e: builder.start(e, mapping=True),
        events.SequenceStartEvent: lambda e: builder.start(e, mapping=False),
        events.MappingEndEvent: builder.end,
        events.SequenceEndEvent: builder.end,
        events.AliasEvent: builder.alias,
    }
    loader = None
    try:
        loader = loader_class(text)  # the pure-Python reader checks every character here
        while (event := loader.get_event()) is not None:
            if type(event) is events.DocumentStartEvent and not builder.document(event):
                break  # the rest is another document: not read
            handle = handlers.get(type(event))
            if handle is not None:
                handle(event)
            if builder.too_many_refusals():
                break
    except YamlError as exc:
        exc.root = builder.tree.root
        raise
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, builder.tree.root) from None
    except UnicodeEncodeError:  # a lone surrogate cannot even be encoded
        raise _yaml_error(None, text, builder.tree.root) from None
    finally:
        if loader is not None:
            loader.dispose()
    return builder.tree


def _yaml_error(exc: Exception | None, text: str, root: Node | None) -> YamlError:
    """PyYAML's error (None: a character it cannot encode) as a YamlError at its place."""
    import yaml

    if exc is None or isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow.
        error = _bad_character(text) or YamlError(say("err.yaml.a_character"), Pos(1, 1))
        error.root = root
        return error
    if not isinstance(exc, yaml.MarkedYAMLError):  # pragma: no cover - PyYAML marks its errors
        return YamlError(say("err.yaml.error", reason=str(exc).splitlines()[0]), Pos(1, 1), root)
    mark = exc.problem_mark or exc.context_mark
    # PyYAML's own words for the problem stay as they are, inside a worded frame.
    problem: str | Message = exc.problem or exc.context or say("err.yaml.invalid")
    hint: str | Message = ""
    if mark is None:  # pragma: no cover - PyYAML marks its errors
        pos = Pos(1, 1)
    elif mark.index >= len(text):
        # At the end of a file without a final newline libyaml counts a
        # line the file does not have; an editor does not.
        pos = _pos_of(text, len(text))
    else:
        pos = _pos(mark)
        if text[mark.index] == "\t" and "tab" not in str(problem):
            hint = say("err.yaml.tab")
    return YamlError(say("err.yaml.syntax", problem=problem, hint=hint), pos, root)
