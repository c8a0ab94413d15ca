"""The strict YAML reader: yamltree.parse keeps text, quoting and positions.

Positions are 1-based and counted in characters, as editors show them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from plantrack.planfile import yamltree
from plantrack.planfile.yamltree import MAX_DEPTH, Map, Pos, Scalar, Seq, YamlError, parse

LOADERS = [yaml.SafeLoader] + ([yaml.CSafeLoader] if yaml.__with_libyaml__ else [])


@pytest.fixture(params=LOADERS, ids=lambda loader: loader.__name__)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run a test with libyaml and with PyYAML's pure-Python fallback."""
    monkeypatch.setattr(yamltree, "_Loader", request.param)
    yield


def error(text: str) -> tuple[int, int, str]:
    with pytest.raises(YamlError) as info:
        parse(text)
    return info.value.pos.line, info.value.pos.column, info.value.message


@pytest.mark.usefixtures("loader")
def test_a_small_document_becomes_a_tree_of_text() -> None:
    text = "plan:\n  id: p\n  name_zh: 计划\ngoals:\n  - id: a\n    target: 010\n"
    assert parse(text) == Map(
        [
            (
                Scalar("plan", True, Pos(1, 1)),
                Map(
                    [
                        (Scalar("id", True, Pos(2, 3)), Scalar("p", True, Pos(2, 7))),
                        (Scalar("name_zh", True, Pos(3, 3)), Scalar("计划", True, Pos(3, 12))),
                    ],
                    Pos(2, 3),
                ),
            ),
            (
                Scalar("goals", True, Pos(4, 1)),
                Seq(
                    [
                        Map(
                            [
                                (Scalar("id", True, Pos(5, 5)), Scalar("a", True, Pos(5, 9))),
                                # No type guessing: 010 stays the text "010".
                                (
                                    Scalar("target", True, Pos(6, 5)),
                                    Scalar("010", True, Pos(6, 13)),
                                ),
                            ],
                            Pos(5, 5),
                        )
                    ],
                    Pos(5, 3),
                ),
            ),
        ],
        Pos(1, 1),
    )


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("value", "text", "plain"),
    [
        ("no", "no", True),
        ("'no'", "no", False),
        ('"no"', "no", False),
        ("true", "true", True),
        ("2021-01-01", "2021-01-01", True),
        ("1.5万", "1.5万", True),
        ("", "", True),
        ("''", "", False),
        ("|\n  two\n  lines", "two\nlines\n", False),
        (">\n  folded\n  text", "folded text\n", False),
        ("'it''s'", "it's", False),
        ('"tab\\there"', "tab\there", False),
    ],
)
def test_scalars_keep_their_text_and_whether_they_were_quoted(
    value: str, text: str, plain: bool
) -> None:
    tree = parse(f"key: {value}".rstrip() + "\n")
    assert isinstance(tree, Map)
    # A value starts after 'key: '; an empty one sits just after the colon.
    assert tree.items[0][1] == Scalar(text, plain, Pos(1, 6 if value else 5))


@pytest.mark.usefixtures("loader")
def test_columns_count_characters_not_bytes() -> None:
    # '{名称: 计划, b: 1}': b is the 10th character, its value the 13th.
    tree = parse("{名称: 计划, b: 1}")
    assert isinstance(tree, Map)
    (_, _), (b, one) = tree.items
    assert (b.pos, one.pos) == (Pos(1, 10), Pos(1, 13))


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_an_empty_document_is_none(text: str) -> None:
    assert parse(text) is None


@pytest.mark.usefixtures("loader")
def test_line_endings_do_not_change_the_tree() -> None:
    lf = "plan:\n  id: p\n  note: 'a\n    b'\ngoals: []\n"
    assert parse(lf.replace("\n", "\r\n")) == parse(lf)
    assert parse(lf.replace("\n", "\r")) == parse(lf)
    tree = parse(lf)
    assert isinstance(tree, Map) and tree.items[1][0].pos == Pos(5, 1)


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: 2\n", (1, 4, "anchors (&name) are not allowed in a plan file")),
        ("a: 1\nb: *x\n", (2, 4, "aliases (*name) are not allowed in a plan file")),
        ("a: !!python/object:os.system x\n",
         (1, 4, "tags such as tag:yaml.org,2002:python/object:os.system are not allowed")),
        ("a: !local x\n", (1, 4, "tags such as !local are not allowed")),
        ("a: 1\n---\nb: 2\n", (2, 1, "only one YAML document is allowed (found a second '---')")),
        ("? [a, b]\n: c\n", (1, 3, "mapping keys must be plain text")),
        ("{a: 1}: x\n", (1, 1, "mapping keys must be plain text")),
    ],
)  # fmt: skip
def test_yaml_features_a_plan_does_not_need_are_refused(
    text: str, expected: tuple[int, int, str]
) -> None:
    assert error(text) == expected


@pytest.mark.usefixtures("loader")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'a: 计划' is 5 characters (7 bytes in UTF-8): the bell is column 6.
        ("x: 1\na: 计划\x07\n", (2, 6, "character U+0007 is not allowed in YAML; remove it")),
        ("\x00", (1, 1, "character U+0000 is not allowed in YAML; remove it")),
        ("a: '\ud800'\n", (1, 5, "character U+D800 is not allowed in YAML; remove it")),
        ("a: '计划\u2028原文'\n",
         (1, 7, "character U+2028 (LINE SEPARATOR) is a line break to some YAML readers and "
                "not to others; replace it with a space or a new line")),
        ("a: 1\x85\n",
         (1, 5, "character U+0085 (NEL) is a line break to some YAML readers and not to "
                "others; replace it with a space or a new line")),
    ],
)  # fmt: skip
def test_forbidden_characters_are_located_exactly(
    text: str, expected: tuple[int, int, str]
) -> None:
    assert error(text) == expected


@pytest.mark.usefixtures("loader")
def test_syntax_errors_are_located_and_tabs_explained() -> None:
    line, column, message = error("a:\n\tb: 1\n")
    assert (line, column) == (2, 1)
    assert message.startswith("YAML syntax error: found character")
    assert message.endswith("(a tab; YAML indents with spaces only)")
    line, column, message = error("a: 'unclosed\n")
    assert (line, column) == (2, 1)  # the end of the file, after the last newline
    assert message.startswith("YAML syntax error: ")


@pytest.mark.usefixtures("loader")
def test_an_error_at_the_end_of_a_file_without_a_final_newline_stays_on_the_last_line() -> None:
    # libyaml puts the end of such a file on a line of its own; an editor does not.
    assert error("a: [1, 2")[:2] == (1, 9)


@pytest.mark.usefixtures("loader")
def test_nesting_is_limited_the_same_way_with_either_reader() -> None:
    deepest = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    tree = parse(deepest)
    for _ in range(MAX_DEPTH - 1):
        assert isinstance(tree, Seq)
        tree = tree.items[0]
    assert tree == Seq([], Pos(1, MAX_DEPTH))
    assert error("[" + deepest + "]") == (
        1, MAX_DEPTH + 1, f"lists and mappings nested more than {MAX_DEPTH} deep"
    )  # fmt: skip
    # Far beyond libyaml's own limit of 1000, and quick with the Python reader too.
    assert error("a:\n" + "- " * 20_000 + "x\n")[:2] == (2, 2 * MAX_DEPTH - 1)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_tree_or_a_located_error(text: str) -> None:
    try:
        parse(text)
    except YamlError as exc:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        assert 1 <= exc.pos.line <= lines and exc.pos.column >= 1, (exc.pos, exc.message)


_YAMLISH = st.lists(
    st.sampled_from([*"ab1-:'\"[]{},#|>?& \n", "  ", "计", "- ", ": ", "\n  "]), max_size=30
).map("".join)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="needs libyaml")
@settings(max_examples=500, deadline=None)
@given(_YAMLISH)
def test_libyaml_and_the_python_reader_build_the_same_tree(text: str) -> None:
    def outcome(loader: type) -> object:
        yamltree._Loader = loader
        try:
            return parse(text)
        except YamlError:
            return "error"  # the readers word and place some errors differently
        finally:
            yamltree._Loader = yaml.CSafeLoader

    c_tree = outcome(yaml.CSafeLoader)
    py_tree = outcome(yaml.SafeLoader)
    if "error" not in (c_tree, py_tree):
        assert _comparable(c_tree) == _comparable(py_tree)


def _comparable(node: object) -> object:
    """The tree as tuples; an implied empty value has no text to point at, so no position."""
    if isinstance(node, Scalar):
        return (node.value, node.plain, None if node.value == "" else node.pos)
    if isinstance(node, Seq):
        return ("seq", node.pos, [_comparable(i) for i in node.items])
    if isinstance(node, Map):
        return ("map", node.pos, [(_comparable(k), _comparable(v)) for k, v in node.items])
    return node
