"""Stage 1 — load: YAML text to plain data plus the source position of every node.

Why not `yaml.safe_load`: it loses positions, expands aliases without bound, accepts
duplicate keys silently and turns `2024-02-30` into a crash. We compose the node graph with
PyYAML's safe composer (no arbitrary tags can construct objects there) and convert nodes
ourselves: dates stay strings for the validator to judge, duplicate keys are errors, any
non-standard tag is refused, and alias expansion is bounded by a node budget.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, HandbookError, error
from generator.messages import Text

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 50_000
MAX_DEPTH = 64

JsonPath = tuple[str | int, ...]

STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

try:  # the C composer is ~5x faster; both produce the same nodes
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass
class LoadedFile:
    """A YAML file as plain data, with positions for values and for mapping keys."""

    path: Path
    display_path: str
    data: Any
    text: str = ""
    value_positions: dict[JsonPath, Position] = field(default_factory=dict)
    key_positions: dict[JsonPath, Position] = field(default_factory=dict)

    def position_of(self, path: JsonPath, *, key: bool = False) -> Position:
        """The position of `path`, or of its nearest located ancestor (never fails)."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return Position(1, 1)

    def source_of(self, path: JsonPath) -> str:
        """The value at `path` as written in the file (rest of its line), for hints."""
        position = self.position_of(path)
        lines = self.text.splitlines()
        if not 0 < position.line <= len(lines):
            return ""
        written = lines[position.line - 1][position.column - 1 :].split(" #")[0].strip()
        if written[:1] in ("[", "{", "'", '"'):
            return written
        return re.split(r"\s*[,\]}]", written, maxsplit=1)[0]

    def error(self, path: JsonPath, message: str, hint: str = "", *, key: bool = False) -> Diagnostic:
        position = self.position_of(path, key=key)
        return error(self.display_path, position.line, position.column, message, hint)


class _Converter:
    """Turns a composed node graph into data, recording positions and enforcing limits."""

    def __init__(self, loaded: LoadedFile):
        self.loaded = loaded
        self.nodes_seen = 0
        self.diagnostics: list[Diagnostic] = []

    def _fail(self, node: yaml.Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.diagnostics.append(error(self.loaded.display_path, mark.line + 1, mark.column + 1, message, hint))

    def convert(self, node: yaml.Node, path: JsonPath, depth: int = 0) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise _Abort(
                node,
                Text("the document expands to more than {count} values", count=MAX_NODES),
                Text("this is usually an alias bomb (&a [*a, *a, ...]); write the values out instead"),
            )
        if depth > MAX_DEPTH:
            raise _Abort(
                node,
                Text("nesting deeper than {count} levels", count=MAX_DEPTH),
                Text("check the indentation, or a recursive alias (&a [*a])"),
            )
        self.loaded.value_positions.setdefault(path, Position(node.start_mark.line + 1, node.start_mark.column + 1))
        if node.tag not in STANDARD_TAGS:
            self._fail(
                node,
                Text("unsupported YAML tag {tag!r}", tag=node.tag),
                Text("handbook files use plain YAML only; remove the '!' tag"),
            )
            return None
        if node.tag not in _TAGS_FOR_KIND[type(node)]:
            self._fail(
                node,
                Text("the tag {tag!r} does not fit this kind of value", tag=node.tag),
                Text("remove the '!!' tag; plain YAML needs none"),
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # PyYAML composes only these three kinds of node
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, path: JsonPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._fail(
                    key_node,
                    Text("merge keys ('<<') are not supported"),
                    Text("write the fields out; merge keys hide where a value comes from"),
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, Text("a mapping key must be a plain name"), Text("use a simple word as the key"))
                continue
            key = str(key_node.value)
            key_path = path + (key,)
            if key in result:
                first = self.loaded.key_positions[key_path]
                self._fail(
                    key_node,
                    Text("duplicate key {key!r} (first defined on line {line})", key=key, line=first.line),
                    Text("remove one of the two; YAML would silently keep only the last"),
                )
                continue
            self.loaded.key_positions[key_path] = Position(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.convert(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # the validator judges dates, so 2024-02-30 is a message, not a crash
        method = _SCALAR_CONSTRUCTOR.yaml_constructors[node.tag]
        try:
            return method(_SCALAR_CONSTRUCTOR, node)
        except (ValueError, OverflowError, IndexError, KeyError, yaml.YAMLError):
            if node.style is None and node.tag in _IMPLICIT_TAGS:
                return node.value  # e.g. an int too large for a float: keep the text, the schema will judge
            self._fail(
                node,
                Text("{value!r} cannot be read as {type}", value=node.value, type=node.tag.rsplit(":", 1)[-1]),
                Text("remove the '!!' tag, or write a value of that type"),
            )
            return None


_SCALAR_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_IMPLICIT_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_TAGS_FOR_KIND = {
    yaml.ScalarNode: STANDARD_TAGS - {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"},
    yaml.SequenceNode: {"tag:yaml.org,2002:seq"},
    yaml.MappingNode: {"tag:yaml.org,2002:map"},
}


def _is_empty_document(node: yaml.Node) -> bool:
    """`---` with nothing after it composes to an empty plain null scalar."""
    return (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:null"
        and node.value == ""
        and not node.style
    )


class _Abort(Exception):
    def __init__(self, node: yaml.Node, message: str, hint: str):
        self.node, self.message, self.hint = node, message, hint


def _read_text(path: Path, display_path: str) -> str:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise HandbookError(
            [
                error(
                    display_path,
                    1,
                    1,
                    Text("file is {size:,} bytes, more than the limit of {limit:,}", size=size, limit=MAX_FILE_BYTES),
                    Text(
                        "a controlled document or form fits in far less; split it or check that this is the right file"
                    ),
                )
            ]
        )
    raw = path.read_bytes()
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw  # a UTF-8 byte order mark is allowed
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        line_start = raw.rfind(b"\n", 0, problem.start) + 1
        column = len(raw[line_start : problem.start].decode("utf-8", errors="replace")) + 1
        raise HandbookError(
            [
                error(
                    display_path,
                    line,
                    column,
                    Text("file is not valid UTF-8 text"),
                    Text("save the file as UTF-8 (GBK/GB2312 files must be converted, e.g. `iconv -f GBK -t UTF-8`)"),
                )
            ]
        ) from None
    if not text.strip() or all(line.lstrip().startswith("#") or not line.strip() for line in text.splitlines()):
        raise HandbookError(
            [
                error(
                    display_path,
                    1,
                    1,
                    Text("file is empty"),
                    Text("write the document's fields as a YAML mapping, see README"),
                )
            ]
        )
    return text


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based position of a character index, counting lines as editors do."""
    lines = re.split(r"\r\n|\r|\n", text[:index])
    return len(lines), len(lines[-1]) + 1


def _syntax_error(display_path: str, problem: yaml.YAMLError, text: str) -> Diagnostic:
    if isinstance(problem, yaml.reader.ReaderError):  # a character YAML does not allow
        index = text.find(chr(problem.character))  # libyaml reports a byte offset, not a character index
        line, column = _line_and_column(text, index if index >= 0 else 0)
        return error(
            display_path,
            line,
            column,
            Text("character U+{code:04X} is not allowed in YAML text", code=problem.character),
            Text("remove it (control characters often come from copying out of Word or web pages)"),
        )
    mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
    context_mark = getattr(problem, "context_mark", None)
    context = getattr(problem, "context", None) or ""
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    description = getattr(problem, "problem", None) or Text(
        "the text cannot be read as YAML"
    )  # str() would quote lines
    hint = Text(
        "check the indentation and the ':' after each key; quote values that contain ': ' or start with a special character"
    )
    if mark is not None and 0 <= mark.index < len(text) and text[mark.index] == "\t":
        description = Text("a tab character is used for indentation")
        hint = Text("YAML indents with spaces only; replace the tab with spaces")
    elif "quoted scalar" in context and context_mark is not None:
        line, column = context_mark.line + 1, context_mark.column + 1
        description = Text("a quoted value is not closed")
        hint = Text("add the closing quote mark on the same line")
    elif context_mark is not None and "flow" in context:
        kind = context.replace("while parsing a ", "")
        hint = Text(
            "the {kind} opened at line {line}, column {column} is not closed: "
            "add the closing ']' or '}}', or the missing ','",
            kind=kind,
            line=context_mark.line + 1,
            column=context_mark.column + 1,
        )
    elif context_mark is not None and context:
        hint = Text(
            "{hint} (in the {kind} that starts at line {line})",
            hint=hint,
            kind=context.replace("while parsing a ", ""),
            line=context_mark.line + 1,
        )
    return error(display_path, line, column, Text("YAML syntax error: {description}", description=description), hint)


_EDITOR_INVISIBLE_BREAKS = {"\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR", "\x85": "NEXT LINE"}


def _refuse_invisible_breaks(text: str, display: str) -> None:
    """YAML counts U+2028/U+2029/U+0085 as line breaks and editors do not, so every later
    position would be off by one: refuse them, with the position an editor shows."""
    for character, name in _EDITOR_INVISIBLE_BREAKS.items():
        index = text.find(character)
        if index >= 0:
            line, column = _line_and_column(text, index)
            raise HandbookError(
                [
                    error(
                        display,
                        line,
                        column,
                        Text("invisible line break U+{code:04X} ({name}) in the text", code=ord(character), name=name),
                        Text("delete it (it usually comes with text pasted from a web page or Word)"),
                    )
                ]
            )


_DEEP_BLOCK_CHAIN = re.compile(r"(?:-[ \t]+){" + str(MAX_DEPTH + 1) + "}")


def _may_nest_deeply(text: str) -> bool:
    """libyaml's composer recurses in C and 50,000 nested '[' (or '- - - …') crash the
    process. Files that could nest that deep are parsed by PyYAML's pure-Python composer,
    which fails with a catchable RecursionError instead; ordinary files keep the fast path."""
    return text.count("[") + text.count("{") > MAX_DEPTH * 4 or _DEEP_BLOCK_CHAIN.search(text) is not None


def _too_deep(text: str, display: str) -> HandbookError:
    """Locate the first opening past MAX_DEPTH (brackets outside quotes, or a '- ' chain)."""
    depth, quote = 0, ""
    for index, character in enumerate(text):
        if quote:
            quote = "" if character == quote else quote
        elif character in "'\"":
            quote = character
        elif character in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return HandbookError(
                    [
                        error(
                            display,
                            *_line_and_column(text, index),
                            Text("nesting deeper than {count} levels", count=MAX_DEPTH),
                            Text(
                                "check the brackets: each '[' or '{{' needs its partner, and a handbook file needs only a few levels"
                            ),
                        )
                    ]
                )
        elif character in "]}":
            depth = max(0, depth - 1)
    chain = _DEEP_BLOCK_CHAIN.search(text)
    index = chain.end() if chain else 0  # the first list deeper than MAX_DEPTH (the root list is level 0)
    return HandbookError(
        [
            error(
                display,
                *_line_and_column(text, index),
                Text("nesting deeper than {count} levels", count=MAX_DEPTH),
                Text("a handbook file needs only a few levels of lists; check the '- ' markers"),
            )
        ]
    )


def load_text(text: str, path: Path, display_path: str | None = None) -> LoadedFile:
    """Parse YAML text; raise HandbookError with located diagnostics on any problem."""
    display = display_path or str(path)
    loaded = LoadedFile(path=path, display_path=display, data=None, text=text)
    _refuse_invisible_breaks(text, display)
    composer = yaml.SafeLoader if _may_nest_deeply(text) else SafeLoader
    try:
        nodes = list(yaml.compose_all(text, Loader=composer))
    except yaml.YAMLError as problem:
        raise HandbookError([_syntax_error(display, problem, text)]) from None
    except RecursionError:
        raise _too_deep(text, display) from None
    nodes = [node for node in nodes if node is not None and not _is_empty_document(node)]
    if not nodes:
        raise HandbookError(
            [error(display, 1, 1, Text("file is empty"), Text("write the fields as a YAML mapping, see README"))]
        )
    if len(nodes) > 1:
        mark = nodes[1].start_mark
        raise HandbookError(
            [
                error(
                    display,
                    mark.line + 1,
                    mark.column + 1,
                    Text("file holds more than one YAML document"),
                    Text("one document or form per file; remove the '---' separator and split the file"),
                )
            ]
        )
    converter = _Converter(loaded)
    try:
        loaded.data = converter.convert(nodes[0], ())
    except _Abort as abort:
        mark = abort.node.start_mark
        raise HandbookError([error(display, mark.line + 1, mark.column + 1, abort.message, abort.hint)]) from None
    except RecursionError:
        raise HandbookError(
            [error(display, 1, 1, Text("nesting is too deep to read"), Text("check for a recursive alias (&a [*a])"))]
        ) from None
    if converter.diagnostics:
        raise HandbookError(converter.diagnostics)
    if not isinstance(loaded.data, dict):
        kind = Text("a list") if isinstance(loaded.data, list) else Text("a single value")
        raise HandbookError(
            [
                error(
                    display,
                    1,
                    1,
                    Text("the file is {kind}, but a mapping of fields is expected", kind=kind),
                    Text("start the file with `number: ...` and the other fields, one `key: value` per line"),
                )
            ]
        )
    return loaded


def load_file(path: Path, root: Path | None = None) -> LoadedFile:
    """Read and parse one YAML file; diagnostics name it relative to `root`."""
    display = _display_path(path, root)
    try:
        text = _read_text(path, display)
    except OSError as problem:
        raise HandbookError(
            [
                error(
                    display,
                    1,
                    1,
                    Text("cannot read file: {reason}", reason=problem.strerror),
                    Text("check the path and permissions"),
                )
            ]
        ) from None
    return load_text(text, path, display)


def _display_path(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            pass
    return str(path)
