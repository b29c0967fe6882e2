"""Unit tests of generator/source/load.py: positions, duplicate keys, scalars, aliases, limits, refusals."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.diagnostics import HandbookError, Severity, error
from generator.source.load import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, LoadedFile, Position, load_file, load_text

DISPLAY = "procedures/x.yml"


def load(text: str) -> LoadedFile:
    return load_text(textwrap.dedent(text).lstrip("\n") if text.startswith("\n") else text, Path(DISPLAY), DISPLAY)


def problems(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, message, hint) of every diagnostic `text` raises; fails if it loads."""
    with pytest.raises(HandbookError) as raised:
        load(text)
    for item in raised.value.diagnostics:
        assert item.path == DISPLAY and item.severity is Severity.ERROR
    return [(item.line, item.column, item.message, item.hint) for item in raised.value.diagnostics]


def at(loaded: LoadedFile, *path, key: bool = False) -> tuple[int, int]:
    positions = loaded.key_positions if key else loaded.value_positions
    position = positions[tuple(path)]
    return position.line, position.column


# --------------------------------------------------------------------------- positions

DOCUMENT = """
number: SH/GZ-001
title: 售后服务
body:
  - title: 服务
    steps:
      - {text: 填写, forms: [QR-1, QR-2]}
  - text: |
      第一行
      第二行
empty:
last: ~
"""


def test_positions_of_values():
    loaded = load(DOCUMENT)
    assert at(loaded) == (1, 1)
    assert at(loaded, "number") == (1, 9)
    assert at(loaded, "title") == (2, 8)
    assert at(loaded, "body") == (4, 3)  # a block sequence starts at its first '-'
    assert at(loaded, "body", 0) == (4, 5)  # a mapping in a sequence starts at its first key
    assert at(loaded, "body", 0, "title") == (4, 12)
    assert at(loaded, "body", 0, "steps") == (6, 7)
    assert at(loaded, "body", 0, "steps", 0) == (6, 9)  # the '{'
    assert at(loaded, "body", 0, "steps", 0, "text") == (6, 16)  # columns count characters: 填写 is two
    assert at(loaded, "body", 0, "steps", 0, "forms") == (6, 27)
    assert at(loaded, "body", 0, "steps", 0, "forms", 0) == (6, 28)
    assert at(loaded, "body", 0, "steps", 0, "forms", 1) == (6, 34)
    assert at(loaded, "body", 1, "text") == (7, 11)  # the '|' of a block scalar
    assert at(loaded, "empty") == (10, 7)  # an empty value sits right after its ':'
    assert at(loaded, "last") == (11, 7)


def test_positions_of_keys():
    loaded = load(DOCUMENT)
    assert at(loaded, "number", key=True) == (1, 1)
    assert at(loaded, "body", key=True) == (3, 1)
    assert at(loaded, "body", 0, "title", key=True) == (4, 5)
    assert at(loaded, "body", 0, "steps", key=True) == (5, 5)
    assert at(loaded, "body", 0, "steps", 0, "text", key=True) == (6, 10)
    assert at(loaded, "body", 0, "steps", 0, "forms", key=True) == (6, 20)
    assert at(loaded, "body", 1, "text", key=True) == (7, 5)
    assert at(loaded, "empty", key=True) == (10, 1)


def test_every_value_and_key_is_located():
    loaded = load(DOCUMENT)

    def paths(value, path=()):
        yield path
        if isinstance(value, dict):
            for key, item in value.items():
                yield from paths(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from paths(item, path + (index,))

    all_paths = list(paths(loaded.data))
    assert set(loaded.value_positions) == set(all_paths)
    assert set(loaded.key_positions) == {path for path in all_paths if path and isinstance(path[-1], str)}


def test_data_of_the_positioned_document():
    assert load(DOCUMENT).data == {
        "number": "SH/GZ-001",
        "title": "售后服务",
        "body": [
            {"title": "服务", "steps": [{"text": "填写", "forms": ["QR-1", "QR-2"]}]},
            {"text": "第一行\n第二行\n"},
        ],
        "empty": None,
        "last": None,
    }


def test_crlf_and_byte_order_mark_do_not_move_positions(tmp_path):
    text = textwrap.dedent(DOCUMENT).lstrip("\n")
    plain = load(text)
    crlf = load(text.replace("\n", "\r\n"))
    assert crlf.data == plain.data
    assert crlf.value_positions == plain.value_positions and crlf.key_positions == plain.key_positions
    path = tmp_path / "procedures" / "x.yml"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with_bom = load_file(path, tmp_path)
    assert with_bom.display_path == "procedures/x.yml"
    assert with_bom.data == plain.data and with_bom.value_positions == plain.value_positions


def test_position_of_falls_back_to_the_nearest_located_ancestor():
    loaded = load(DOCUMENT)
    assert loaded.position_of(("body", 0, "steps", 0, "owner")) == Position(6, 9)  # the step that lacks it
    assert loaded.position_of(("body", 7)) == Position(4, 3)
    assert loaded.position_of(("title",), key=True) == Position(2, 1)
    assert loaded.position_of(("nowhere",), key=True) == Position(1, 1)  # an unknown key: the root
    diagnostic = loaded.error(("body", 0, "title"), "message", "hint")
    assert diagnostic == error(DISPLAY, 4, 12, "message", "hint")


# --------------------------------------------------------------------------- duplicate keys


def test_duplicate_key_is_an_error_at_the_second_key():
    assert problems("""
        number: SH/GZ-001
        title: 一
        title: 二
        """) == [
        (
            3,
            1,
            "duplicate key 'title' (first defined on line 2)",
            "remove one of the two; YAML would silently keep only the last",
        )
    ]


def test_every_duplicate_key_is_reported_nested_ones_too():
    found = problems("""
        a: 1
        b:
          c: 1
          d: 2
          c: 3
        a: 4
        """)
    assert [(line, column) for line, column, _, _ in found] == [(5, 3), (6, 1)]
    assert "duplicate key 'c' (first defined on line 3)" in found[0][2]
    assert "duplicate key 'a' (first defined on line 1)" in found[1][2]


def test_duplicate_key_in_a_flow_mapping():
    assert [(line, column) for line, column, _, _ in problems("a: {x: 1, y: 2, x: 3}\n")] == [(1, 17)]


def test_same_key_in_different_mappings_is_fine():
    loaded = load("""
        body:
          - title: 一
          - title: 二
        history:
          title: 三
        """)
    assert [step["title"] for step in loaded.data["body"]] == ["一", "二"]


# --------------------------------------------------------------------------- scalars


@pytest.mark.parametrize(
    "written",
    ["2024-01-01", "2024-02-30", "2024-1-5", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2018.04.01"],
)
def test_timestamps_stay_text(written):
    value = load(f"effective: {written}\n").data["effective"]
    assert value == written and type(value) is str


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("12", 12),
        ("-3", -3),
        ("1.5", 1.5),
        ("'12'", "12"),
        ('"1.0"', "1.0"),
        ("true", True),
        ("false", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("售后服务部", "售后服务部"),
        ("'2024-01-01'", "2024-01-01"),
        ("!!str 12", "12"),
        ("!!int '12'", 12),
        ("!!float 1", 1.0),
        ("123456789012345678901234567890", 123456789012345678901234567890),
    ],
)
def test_scalars(written, value):
    loaded = load(f"a: {written}\n").data["a"]
    assert loaded == value and type(loaded) is type(value)


@pytest.mark.parametrize(
    ("written", "kind"), [("!!int 0x", "int"), ("!!int ''", "int"), ("!!float abc", "float"), ("!!float ''", "float")]
)
def test_explicit_tag_on_text_it_cannot_read_is_a_diagnostic(written, kind):
    ((line, column, message, hint),) = problems(f"a: 1\nb: {written}\n")
    assert (line, column) == (2, 4)
    assert message.endswith(f"cannot be read as {kind}")
    assert "remove the '!!' tag" in hint


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("!!bool maybe", "'maybe' cannot be read as bool"),
        ("!!bool ''", "'' cannot be read as bool"),
        ("!!bool 是", "'是' cannot be read as bool"),
    ],
)
def test_bool_tag_on_a_non_boolean_is_a_diagnostic(written, message):
    assert problems(f"a: 1\nb: {written}\n") == [(2, 4, message, "remove the '!!' tag, or write a value of that type")]


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("!!map x", "map"),
        ("!!seq x", "seq"),
        ("!!str [1]", "str"),
        ("!!null {a: 1}", "null"),
        ("!!seq {a: 1}", "seq"),
        ("!!map [1]", "map"),
    ],
)
def test_tag_that_does_not_fit_the_value_is_a_diagnostic(written, tag):
    ((line, column, message, hint),) = problems(f"a: 1\nb: {written}\n")
    assert (line, column) == (2, 4)
    assert message == f"the tag 'tag:yaml.org,2002:{tag}' does not fit this kind of value"
    assert "remove the '!!' tag" in hint


# --------------------------------------------------------------------------- aliases


def test_aliases_within_budget_expand():
    loaded = load("""
        owner: &dept 售后服务部
        forms: &forms [QR-1, QR-2]
        step: &step {text: 填写, forms: *forms}
        steps: [*step, *step]
        again: *dept
        """)
    assert loaded.data["again"] == "售后服务部"
    assert loaded.data["steps"] == [{"text": "填写", "forms": ["QR-1", "QR-2"]}] * 2
    assert loaded.data["step"]["forms"] == ["QR-1", "QR-2"]
    assert loaded.data["steps"][0] is not loaded.data["steps"][1]  # copies, not shared objects
    # what an alias brings in is located where it is written (after the anchor)
    assert at(loaded, "steps", 1, "forms", key=True) == (3, 24)
    assert at(loaded, "steps", 1, "forms", 1) == (2, 22)
    assert at(loaded, "again", key=True) == (5, 1)


@pytest.mark.xfail(
    strict=True,
    reason="a value given by an alias is located at the anchor (`owner: &dept …`, line 1), "
    "so `forms: *dept` being text, not a list, is reported on the wrong line",
)
def test_a_whole_aliased_value_is_located_where_the_alias_is_used():
    loaded = load("""
        owner: &dept 售后服务部
        forms: *dept
        """)
    assert at(loaded, "forms") == (2, 8)


def test_exactly_the_node_budget_loads():
    # root mapping + the list + MAX_NODES - 2 items = MAX_NODES values
    text = "a: &x [" + ", ".join(["1"] * (MAX_NODES - 2)) + "]\n"
    assert len(load(text).data["a"]) == MAX_NODES - 2


def test_one_value_over_the_node_budget_is_an_error():
    text = "a: [" + ", ".join(["1"] * (MAX_NODES - 1)) + "]\n"
    ((line, column, message, hint),) = problems(text)
    assert (line, column) == (1, 5 + 3 * (MAX_NODES - 2))  # the last item, the one over the budget
    assert message == f"the document expands to more than {MAX_NODES} values"
    assert "alias bomb" in hint


def test_billion_laughs_stops_at_the_budget_quickly():
    levels = ["a: &a [" + ", ".join(["哈"] * 10) + "]"]
    for index, name in enumerate("bcdefghi"):
        previous = "abcdefghi"[index]
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    ((line, _column, message, _hint),) = problems("\n".join(levels) + "\n")
    assert message == f"the document expands to more than {MAX_NODES} values"
    assert line == 1  # inside the anchored list the aliases multiply


def test_recursive_alias_is_an_error():
    ((line, column, message, hint),) = problems("a: &a [*a]\n")
    assert (line, column) == (1, 4)
    assert message == f"nesting deeper than {MAX_DEPTH} levels"
    assert "recursive alias" in hint


def test_undefined_alias_is_a_syntax_error():
    ((line, column, message, _),) = problems("a: 1\nb: *nothing\n")
    assert (line, column) == (2, 4)
    assert "undefined alias" in message


# --------------------------------------------------------------------------- nesting


def test_nesting_at_the_limit_loads():
    text = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"  # the innermost list is at depth MAX_DEPTH
    value = load(text).data["a"]
    for _ in range(MAX_DEPTH - 1):
        (value,) = value
    assert value == []


def test_nesting_over_the_limit_is_an_error_at_the_first_level_too_deep():
    depth = MAX_DEPTH + 1
    ((line, column, message, _),) = problems("a: " + "[" * depth + "]" * depth + "\n")
    assert (line, column) == (1, 3 + depth)
    assert message == f"nesting deeper than {MAX_DEPTH} levels"


def load_in_a_subprocess(expression: str) -> str:
    """`(line, column, message, hint)` of the diagnostics of load_text(<expression>), printed by a
    separate interpreter: a crash of the C parser kills that one, not the test run."""
    script = (
        "from pathlib import Path\nfrom generator.source.load import load_text\nfrom generator.diagnostics import HandbookError\n"
        f"try:\n    load_text({expression}, Path('x.yml'))\n"
        "except HandbookError as problem:\n"
        "    for item in problem.diagnostics:\n        print(repr((item.line, item.column, item.message, item.hint)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=Path(__file__).parent.parent
    )
    assert done.returncode == 0, f"exit code {done.returncode}: {done.stderr[-500:]}"
    return done.stdout


@pytest.mark.parametrize(
    "expression", ["'a: ' + '[' * 50000 + ']' * 50000", "'a: ' + '[{' * 25000", "'a: ' + '[' * 50000"]
)
def test_very_deep_flow_nesting_is_a_diagnostic_not_a_crash(expression):
    # the 65th opening bracket, the first one too deep, is the 68th character
    assert (
        load_in_a_subprocess(expression)
        == repr(
            (
                1,
                68,
                f"nesting deeper than {MAX_DEPTH} levels",
                "check the brackets: each '[' or '{' needs its partner, and a handbook file needs only a few levels",
            )
        )
        + "\n"
    )


def test_very_deep_block_nesting_is_a_diagnostic_not_a_crash():
    # as for 1,000 levels: the 66th '-' (depth 65; the first '-' is the root) is the first node too deep
    ((line, column, message, hint),) = [
        ast.literal_eval(item) for item in load_in_a_subprocess("'- ' * 50000 + 'x'").splitlines()
    ]
    assert (line, column, message) == (1, 131, f"nesting deeper than {MAX_DEPTH} levels")
    assert hint


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ('a: "' + "[" * 300 + '"\n', {"a": "[" * 300}),
        ("a: '" + "[" * 300 + "'\n", {"a": "[" * 300}),
        ("a: |\n  " + "{" * 300 + "\n", {"a": "{" * 300 + "\n"}),
        ("# " + "[" * 300 + "\na: 1\n", {"a": 1}),
    ],
)
def test_brackets_inside_text_are_not_nesting(text, data):
    assert load(text).data == data


# --------------------------------------------------------------------------- refused YAML


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ('!!python/object/apply:os.system ["true"]', "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!include other.yml", "!include"),
        ("!!binary aGVsbG8=", "tag:yaml.org,2002:binary"),
        ("!!set {a, b}", "tag:yaml.org,2002:set"),
        ("!!omap [a: 1]", "tag:yaml.org,2002:omap"),
    ],
)
def test_non_standard_tags_are_refused(written, tag):
    ((line, column, message, hint),) = problems(f"number: x\nvalue: {written}\n")
    assert (line, column) == (2, 8)
    assert message == f"unsupported YAML tag {tag!r}"
    assert "remove the '!' tag" in hint


def test_every_refused_tag_is_reported():
    found = problems("a: !x 1\nb: [!y 2, !z 3]\n")
    assert [(line, column) for line, column, _, _ in found] == [(1, 4), (2, 5), (2, 11)]


def test_merge_key_is_refused():
    found = problems("""
        base: &base {text: 一}
        step:
          <<: *base
          title: 二
        """)
    assert found == [
        (3, 3, "merge keys ('<<') are not supported", "write the fields out; merge keys hide where a value comes from")
    ]


def test_quoted_merge_key_is_a_plain_key():
    assert load("'<<': 1\n").data == {"<<": 1}


def test_complex_key_is_refused():
    ((line, column, message, _),) = problems("? [a, b]\n: 1\n")
    assert (line, column) == (1, 3)
    assert message == "a mapping key must be a plain name"


def test_second_document_is_refused():
    ((line, column, message, hint),) = problems("a: 1\n---\nb: 2\n")
    assert (line, column) == (3, 1)
    assert message == "file holds more than one YAML document"
    assert "'---'" in hint


@pytest.mark.parametrize("text", ["---\na: 1\n", "a: 1\n...\n", "--- \na: 1\n...\n", "%YAML 1.1\n---\na: 1\n"])
def test_one_document_with_markers_is_fine(text):
    assert load(text).data == {"a": 1}


def test_trailing_document_marker_is_fine():
    assert load("a: 1\n---\n").data == {"a": 1}


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n"])
def test_nothing_in_the_file(text):
    assert problems(text) == [(1, 1, "file is empty", "write the fields as a YAML mapping, see README")]


@pytest.mark.parametrize(
    ("text", "kind"), [("- a\n- b\n", "a list"), ("售后服务\n", "a single value"), ("12\n", "a single value")]
)
def test_the_file_must_be_a_mapping(text, kind):
    ((line, column, message, hint),) = problems(text)
    assert (line, column) == (1, 1)
    assert message == f"the file is {kind}, but a mapping of fields is expected"
    assert hint


# --------------------------------------------------------------------------- syntax errors


BLOCK_HINT = (
    "check the indentation and the ':' after each key; quote values that contain ': ' or start with a special character"
)


@pytest.mark.parametrize(
    ("text", "where", "fragment", "hint"),
    [
        ("a: 1\ntitle: 售后服务 说明: 无\n", (2, 15), "mapping values are not allowed", BLOCK_HINT),
        ("a: 1\n b: 2\n", (2, 3), "mapping values are not allowed", BLOCK_HINT),
        (
            "a:\n  - x\n - y\n",
            (3, 2),
            "did not find expected key",
            BLOCK_HINT + " (in the block mapping that starts at line 1)",
        ),
    ],
)
def test_syntax_errors_are_located(text, where, fragment, hint):
    ((line, column, message, found_hint),) = problems(text)
    assert (line, column) == where
    assert message.startswith("YAML syntax error: ") and fragment in message
    assert found_hint == hint


@pytest.mark.parametrize(
    ("text", "where", "message", "opened"),
    [
        (
            "a: 1\nb: [1, 2\nc: 3\n",
            (3, 2),
            "did not find expected ',' or ']'",
            "flow sequence opened at line 2, column 4",
        ),
        (
            "a: 1\nb: {x: 1\nc: 3\n",
            (3, 2),
            "did not find expected ',' or '}'",
            "flow mapping opened at line 2, column 4",
        ),
        ("a: 1\nb: [1, {x: 2\n", (3, 1), "did not find expected ',' or '}'", "flow mapping opened at line 2, column 8"),
        ("a: {b: [售后, 1}\n", (1, 14), "did not find expected ',' or ']'", "flow sequence opened at line 1, column 8"),
    ],
)
def test_unclosed_flow_collection_names_where_it_opened(text, where, message, opened):
    """The parser gives up where it notices (the message keeps PyYAML's words); the hint says
    where the '[' or '{' that is never closed was opened (columns count characters)."""
    assert problems(text) == [
        (
            *where,
            f"YAML syntax error: {message}",
            f"the {opened} is not closed: add the closing ']' or '}}', or the missing ','",
        )
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [("a:\n\tb: 1\n", (2, 1)), ("a:\n  b: 1\n  \tc: 2\n", (3, 3)), ("title: 售后服务\n\t- x\n", (2, 1))],
)
def test_tab_indentation_is_named(text, where):
    ((line, column, message, hint),) = problems(text)
    assert (line, column) == where
    assert message == "YAML syntax error: a tab character is used for indentation"
    assert "spaces" in hint


def test_a_tab_inside_a_value_is_fine():
    assert load("a: x\ty\n").data == {"a": "x\ty"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('a: 1\ntitle: "售后服务\nb: 2\nc: 3\n', (2, 8)),
        ("a: 1\ntitle: '售后服务\nb: 2\n", (2, 8)),
        ('a: [售后, "服务]\n', (1, 9)),
    ],
)
def test_unclosed_quote_is_located_at_the_quote(text, where):
    assert problems(text) == [
        (*where, "YAML syntax error: a quoted value is not closed", "add the closing quote mark on the same line")
    ]


CONTROL_HINT = "remove it (control characters often come from copying out of Word or web pages)"


@pytest.mark.parametrize(
    ("text", "where", "code"),
    [
        ("a: 1\nb: 售后\x07服务\n", (2, 6), "0007"),
        ("a: 1\r\nb: 售后\x07服务\r\n", (2, 6), "0007"),  # \r\n is one line break
        ("a: 1\rb: 售后\x07服务\r", (2, 6), "0007"),  # so is a lone \r
        ("# 注释\x01\na: 1\n", (1, 5), "0001"),  # in a comment too
        ("a: \U0001f600\x1b\n", (1, 5), "001B"),  # a character outside the BMP is one column
        ('a: "x\x00"\n', (1, 6), "0000"),
    ],
)
def test_control_character_is_located(text, where, code):
    assert problems(text) == [(*where, f"character U+{code} is not allowed in YAML text", CONTROL_HINT)]


INVISIBLE_BREAK_HINT = "delete it (it usually comes with text pasted from a web page or Word)"


@pytest.mark.parametrize(
    ("text", "where", "character"),
    [
        ('a: "售后\u2028服务"\nb: 1\nb: 2\n', (1, 7), "U+2028 (LINE SEPARATOR)"),  # refused before the duplicate key
        ("a: 1\r\nb: x\u2029y\r\n", (2, 5), "U+2029 (PARAGRAPH SEPARATOR)"),
        ("a: 1\rb: 2\n# 注释\x85\n", (3, 5), "U+0085 (NEXT LINE)"),
        ("a: |\n  第一行\u2028第二行\n", (2, 6), "U+2028 (LINE SEPARATOR)"),
    ],
)
def test_invisible_line_breaks_are_refused_where_the_editor_shows_them(text, where, character):
    """YAML counts U+2028, U+2029 and U+0085 as line breaks, editors and git do not: every later
    position would be off. The file is refused, at the line and column an editor shows."""
    assert problems(text) == [(*where, f"invisible line break {character} in the text", INVISIBLE_BREAK_HINT)]


# --------------------------------------------------------------------------- files


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "procedures" / "x.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def file_problems(path: Path, root: Path) -> list[tuple[int, int, str, str]]:
    with pytest.raises(HandbookError) as raised:
        load_file(path, root)
    for item in raised.value.diagnostics:
        assert item.path == "procedures/x.yml"
    return [(item.line, item.column, item.message, item.hint) for item in raised.value.diagnostics]


def test_gbk_file_is_located_at_the_first_bad_byte(tmp_path):
    path = write(tmp_path, "number: SH/GZ-001\ntitle: 售后服务\n".encode("gbk"))
    ((line, column, message, hint),) = file_problems(path, tmp_path)
    assert (line, column) == (2, 8)
    assert message == "file is not valid UTF-8 text"
    assert "iconv -f GBK -t UTF-8" in hint


def test_encoding_error_column_counts_characters(tmp_path):
    path = write(tmp_path, "number: SH/GZ-001\ntitle: 售后服务".encode() + "管理制度".encode("gbk") + b"\n")
    ((line, column, message, hint),) = file_problems(path, tmp_path)
    assert (line, column) == (2, 12)  # not 2:20, the byte offset
    assert message == "file is not valid UTF-8 text"
    assert "iconv -f GBK -t UTF-8" in hint


@pytest.mark.parametrize(("text", "where"), [("a: 1\ntitle: 售后", (2, 10)), ("a: 1\ntitle: x\n", (3, 1))])
def test_encoding_error_position_ignores_the_byte_order_mark(tmp_path, text, where):
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8") + "管理".encode("gbk") + b"\n")
    ((line, column, message, _),) = file_problems(path, tmp_path)
    assert (line, column, message) == (*where, "file is not valid UTF-8 text")


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = write(tmp_path, b"a: 1\n" + b"#" * MAX_FILE_BYTES)
    ((line, column, message, hint),) = file_problems(path, tmp_path)
    assert (line, column) == (1, 1)
    assert message == f"file is {MAX_FILE_BYTES + 5:,} bytes, more than the limit of {MAX_FILE_BYTES:,}"
    assert hint


def test_file_at_the_size_limit_is_read(tmp_path):
    body = b"a: 1\n"
    path = write(tmp_path, body + b"#" * (MAX_FILE_BYTES - len(body)))
    assert load_file(path, tmp_path).data == {"a": 1}


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# comment\n  # indented comment\n", b"\xef\xbb\xbf"])
def test_empty_files(tmp_path, data):
    ((line, column, message, _),) = file_problems(write(tmp_path, data), tmp_path)
    assert (line, column, message) == (1, 1, "file is empty")


def test_missing_file(tmp_path):
    ((line, column, message, _hint),) = file_problems(tmp_path / "procedures" / "x.yml", tmp_path)
    assert (line, column) == (1, 1)
    assert message.startswith("cannot read file")


def test_display_path_outside_the_root_is_the_path(tmp_path):
    path = write(tmp_path, b"a: 1\n")
    assert load_file(path, tmp_path / "elsewhere").display_path == str(path)
    assert load_file(path).display_path == str(path)


def test_diagnostics_come_sorted_by_position():
    found = problems("b: !x 1\na: !y 2\na: 3\n")
    assert [(line, column) for line, column, _, _ in found] == [(1, 4), (2, 4), (3, 1)]
