"""Limits checked before a record file is parsed, and refusals that need no parsing.

A record comes from outside document control (a customer's e-mail, a shared folder), so
its reader must fail with a clear message, never a traceback: `json.loads` recurses once per
nesting level (100,000 `[` end in RecursionError) and pypdf asks for the `cryptography`
package when it meets an encrypted PDF instead of saying that the file is encrypted.
The refusals of a file as such (missing, unreadable, huge) are here too, shared by the
JSON/YAML reader (`records/read.py`) and the PDF reader (`records/pdf_values.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.diagnostics import HandbookError, error
from generator.messages import Text, render, translate

MAX_RECORD_BYTES = 20_000_000  # a scanned-and-filled PDF can be large; a JSON/YAML record never is
MAX_TEXT_RECORD_BYTES = 1_000_000  # a JSON/YAML record of the largest form is a few kilobytes
MAX_RECORD_DEPTH = 32  # record → table → row → cell is 4; 32 leaves room and stops bombs
DEFAULT_MAX_ERRORS = 50


def unreadable(display: str, message: str, hint: str = "", line: int = 1, column: int = 1) -> HandbookError:
    """The error that a file cannot be read as a record: one located diagnostic.

    `message` and `hint` come already rendered in the reader's language (`--lang`), not as
    `Text`: the error reads the same wherever it is printed, whatever the environment says."""
    return HandbookError([error(display, line, column, message, hint)])


def check_readable(path: Path, display: str, lang: str) -> None:
    """Refuse what cannot be a record before reading it: missing, unreadable or huge files."""
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass
    except OSError as problem:
        raise unreadable(
            display,
            render(Text("cannot read the file: {reason}", reason=problem.strerror), lang),
            translate("check the path and the permissions", lang),
        ) from None
    if size > MAX_RECORD_BYTES:
        raise unreadable(
            display,
            render(Text("the file has {size:,} bytes, too large to be a record", size=size), lang),
        )


def json_nesting_depth(text: str, limit: int) -> tuple[int, int] | None:
    """Index and depth of the first bracket nested deeper than `limit` (outside strings), or None."""
    depth, in_string, escaped = 0, False, False
    for index, character in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            if depth > limit:
                return index, depth
        elif character in "]}":
            depth = max(0, depth - 1)
    return None


def check_text_record(text: str, display: str, lang: str, *, is_json: bool) -> None:
    """Refuse a JSON/YAML record that is too large or (JSON) nested too deeply, before parsing."""
    size = len(text.encode("utf-8"))
    if size > MAX_TEXT_RECORD_BYTES:
        raise HandbookError(
            [
                error(
                    display,
                    1,
                    1,
                    render(
                        Text(
                            "the file has {size:,} bytes, more than the limit of {limit:,} for a record",
                            size=size,
                            limit=MAX_TEXT_RECORD_BYTES,
                        ),
                        lang,
                    ),
                    translate("check that this is a filled record file", lang),
                )
            ]
        )
    found = json_nesting_depth(text, MAX_RECORD_DEPTH) if is_json else None
    if found is not None:
        index, _ = found
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise HandbookError(
            [
                error(
                    display,
                    line,
                    column,
                    render(Text("nesting deeper than {count} levels", count=MAX_RECORD_DEPTH), lang),
                    translate("a record has only a few levels (fields, table rows, cells); check the brackets", lang),
                )
            ]
        )


def refuse_encrypted_pdf(reader: Any, display: str, lang: str) -> None:
    """An encrypted (password-protected) PDF cannot be checked: say so, not 'install cryptography'."""
    if not reader.is_encrypted:
        return
    raise HandbookError(
        [
            error(
                display,
                1,
                1,
                translate("the PDF is encrypted (password or permissions protection); its fields cannot be read", lang),
                translate("save an unencrypted copy (e.g. qpdf --decrypt in.pdf out.pdf) and check that", lang),
            )
        ]
    )


def refuse_other_form(reader: Any, form_number: str, display: str, lang: str) -> None:
    """A fillable PDF of another form: name the form it is, instead of listing every field as unknown.

    Every fillable PDF the handbook makes says what it is in its metadata: /Subject is
    "number revision" (QR-TY-08 A0), /Title the form's title, /Creator "handbook".
    """
    metadata = reader.metadata or {}
    subject = str(metadata.get("/Subject") or "").split()
    if str(metadata.get("/Creator") or "") != "handbook" or not subject or subject[0] == form_number:
        return
    other, title = " ".join(subject), str(metadata.get("/Title") or "")
    raise HandbookError(
        [
            error(
                display,
                1,
                1,
                render(
                    Text(
                        "this is the fillable PDF of form {other} ({title}), not of form {number}",
                        other=other,
                        title=title,
                        number=form_number,
                    ),
                    lang,
                ),
                render(
                    Text(
                        "check it against its own form: handbook validate-record {number} {path}",
                        number=subject[0],
                        path=display,
                    ),
                    lang,
                ),
            )
        ]
    )


def capped(lines: list[str], max_errors: int, lang: str) -> list[str]:
    """At most `max_errors` lines, then one line saying how many more were left out."""
    if max_errors <= 0 or len(lines) <= max_errors:
        return lines
    left_out = len(lines) - max_errors
    return lines[:max_errors] + [render(Text("… {count} more", count=left_out), lang)]
