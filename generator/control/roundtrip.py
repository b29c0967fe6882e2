"""Editing a YAML source file in place without disturbing what a person wrote.

The document controller's commands (`revise`, `approve`, `release`) change two or three keys
of a file that people also edit by hand and review as git diffs. A plain load-and-dump would
re-indent, re-wrap and drop comments, turning a one-line change into a diff of the whole
file. ruamel.yaml's round-trip mode keeps comments, key order and quoting; this module adds
what it does not do by itself: detect the file's own indentation, keep a comment that trails
the last history entry at the end when entries are appended, and replace the file atomically
so an interruption never leaves half a file behind.
"""

from __future__ import annotations

import datetime
import difflib
import io
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

NEVER_WRAP = 1_000_000  # a line is never re-wrapped, whatever its length
BYTE_ORDER_MARK = "\ufeff"

_KEY_ONLY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?[^\s#'\"\-][^#]*?:\s*(#.*)?$")
_BLOCK_SCALAR = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


@dataclass(frozen=True)
class Indentation:
    """ruamel's three numbers: mapping indent, sequence indent, and the dash's offset in it."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


def _leading_spaces(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_lines(text: str) -> list[str]:
    """Lines that carry structure: no blanks, no comments, no block-scalar bodies."""
    lines: list[str] = []
    scalar_indent: int | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if scalar_indent is not None and _leading_spaces(line) > scalar_indent:
            continue
        scalar_indent = None
        lines.append(line)
        if _BLOCK_SCALAR.search(line):
            scalar_indent = _leading_spaces(line) + (2 if stripped.startswith("- ") else 0)
    return lines


def detect_indentation(text: str) -> Indentation:
    """The indentation the file itself uses, so re-emitted lines look like their neighbours.

    Every `key:` line followed by a deeper line is a sample: a following `- ` line gives the
    dash offset and the sequence indent, a following key the mapping indent. The most common
    sample wins, so one odd line does not re-indent a consistent file.
    """
    mapping: Counter[int] = Counter()
    sequence: Counter[tuple[int, int]] = Counter()
    lines = _content_lines(text)
    for line, following in zip(lines, lines[1:]):
        match = _KEY_ONLY.match(line)
        if match is None:
            continue
        key_column = len(match["indent"]) + len(match["dash"] or "")
        deeper = _leading_spaces(following)
        rest = following[deeper:]
        if rest.startswith("- ") and deeper >= key_column:  # a dash may sit under its key
            content = deeper + 1 + _leading_spaces(rest[1:])
            sequence[(content - key_column, deeper - key_column)] += 1
        elif deeper > key_column and not rest.startswith("- "):
            mapping[deeper - key_column] += 1
    default = Indentation()
    mapping_indent = mapping.most_common(1)[0][0] if mapping else default.mapping
    sequence_indent, offset = sequence.most_common(1)[0][0] if sequence else (default.sequence, default.offset)
    return Indentation(mapping_indent, sequence_indent, offset)


def round_trip_yaml(indentation: Indentation) -> YAML:
    """A ruamel loader/dumper that keeps quotes, never re-wraps and indents like the file."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = NEVER_WRAP
    yaml.allow_unicode = True
    yaml.indent(mapping=indentation.mapping, sequence=indentation.sequence, offset=indentation.offset)
    return yaml


@dataclass
class RoundTripDocument:
    """A YAML file's text parsed for editing, and everything needed to write it back alike."""

    data: CommentedMap
    yaml: YAML
    newline: str
    byte_order_mark: bool

    @classmethod
    def parse(cls, text: str) -> RoundTripDocument:
        byte_order_mark = text.startswith(BYTE_ORDER_MARK)
        body = text.removeprefix(BYTE_ORDER_MARK)
        newline = "\r\n" if "\r\n" in body else "\n"
        body = body.replace("\r\n", "\n")
        yaml = round_trip_yaml(detect_indentation(body))
        return cls(yaml.load(body), yaml, newline, byte_order_mark)

    def dump(self) -> str:
        """The edited file as text, with the original's line endings and byte order mark."""
        stream = io.StringIO()
        self.yaml.dump(self.data, stream)
        text = stream.getvalue().replace("\n", self.newline)
        return (BYTE_ORDER_MARK if self.byte_order_mark else "") + text


def lines_reformatted(text: str) -> int:
    """How many lines even an unedited round trip changes (0 for a consistently written file).

    ruamel re-emits the whole file with one indentation; a file that mixes styles, or spaces
    a value unusually, gets those lines normalised too. The commands say so instead of
    letting it pass unnoticed in the diff.
    """
    unchanged = RoundTripDocument.parse(text).dump()
    if unchanged == text:
        return 0
    matcher = difflib.SequenceMatcher(None, text.splitlines(), unchanged.splitlines(), autojunk=False)
    return sum(
        max(end - start, new_end - new_start)
        for operation, start, end, new_start, new_end in matcher.get_opcodes()
        if operation != "equal"
    )


# --------------------------------------------------------------------------- values


def replace_scalar(mapping: CommentedMap, key: str, value: Any) -> None:
    """Set `mapping[key]`, keeping the old value's quoting (preserve_quotes string types).

    A date written in quotes stays a quoted string; a plain one stays a plain date.
    """
    old = mapping.get(key)
    if isinstance(old, str):
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
        value = type(old)(text) if type(old) is not str else text
    mapping[key] = value


def separate(value: datetime.date) -> datetime.date:
    """A distinct date object: ruamel writes one object used twice as an &anchor/*alias pair."""
    return datetime.date(value.year, value.month, value.day)


def insert_after(mapping: CommentedMap, preceding: tuple[str, ...], key: str, value: Any) -> None:
    """Insert `key` right after the last of `preceding` present, or at the end.

    Keeps the canonical key order (revision, date, change, prepared, reviewed, approved) even
    when a hand-written entry has other keys after them.
    """
    keys = list(mapping.keys())
    positions = [keys.index(name) for name in preceding if name in mapping]
    position = max(positions) + 1 if positions else len(keys)
    if position >= len(keys):
        mapping[key] = value
    else:
        mapping.insert(position, key, value)


def like_style(value: CommentedMap | CommentedSeq, example: Any) -> None:
    """Give a new collection the flow/block style of an existing sibling."""
    flow = bool(getattr(example, "fa", None) is not None and example.fa.flow_style())
    if flow:
        value.fa.set_flow_style()
    else:
        value.fa.set_block_style()


# --------------------------------------------------------------------------- trailing comments


def _comment_slot(container: Any) -> tuple[Any, Any] | None:
    """(the token list, its index) holding the comment after `container`'s last line."""
    if isinstance(container, CommentedMap) and container:
        last_key = list(container.keys())[-1]
        slot = container.ca.items.get(last_key)
        if slot is not None and len(slot) > 2 and slot[2] is not None:
            return slot, 2
        return _comment_slot(container[last_key])
    if isinstance(container, CommentedSeq) and container:
        last_index = len(container) - 1
        slot = container.ca.items.get(last_index)
        if slot is not None and slot[0] is not None:
            return slot, 0
        return _comment_slot(container[last_index])
    return None


def detach_trailing_comment(container: Any) -> str:
    """Remove and return the full-line comments that follow `container`'s last line.

    ruamel attaches a comment block that follows a mapping to its last key. Appending a key
    or an entry after it would leave the comment stranded in the middle; detaching it first
    and re-attaching it to the new last key keeps it where the author put it.
    """
    found = _comment_slot(container)
    if found is None:
        return ""
    slot, index = found
    token = slot[index]
    end_of_line, newline, rest = token.value.partition("\n")
    if not rest:
        return ""
    token.value = end_of_line + newline
    return rest


def attach_trailing_comment(container: Any, comment: str) -> None:
    """Put a detached comment block after `container`'s (new) last line."""
    if not comment:
        return
    found = _comment_slot(container)
    if found is not None:
        slot, index = found
        slot[index].value = slot[index].value + comment
        return
    target = container
    while True:
        if isinstance(target, CommentedMap) and target:
            last_key = list(target.keys())[-1]
            value = target[last_key]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
                target = value
                continue
            target.ca.items[last_key] = [None, None, CommentToken("\n" + comment, CommentMark(0), None), None]
            return
        if isinstance(target, CommentedSeq) and target:
            value = target[-1]
            if isinstance(value, (CommentedMap, CommentedSeq)) and value and not value.fa.flow_style():
                target = value
                continue
            target.ca.items[len(target) - 1] = [CommentToken("\n" + comment, CommentMark(0), None), None, None, None]
            return
        return


# --------------------------------------------------------------------------- writing


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` by `text` all at once: temporary file in the same folder, fsync, rename.

    Any interruption (an error, Ctrl-C, a full disk) before the rename leaves the original
    file untouched and no temporary file behind; after it, the new content is complete. The
    temporary file is in the same folder so the rename never crosses a file system.
    """
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, before the rename
        "wb", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    temporary = Path(handle.name)
    try:
        with handle:
            handle.write(text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
