"""`handbook --help` and click's usage errors in the reader's language, from the one catalog.

The help stays in English in the code (a command's docstring and `short_help=`, an option's
`help=`) and click's words stay click's (it marks them for gettext: "Usage:", "Options",
"Show this message and exit.", "No such option {name!r}." …); `messages/cli.py` gives the
Chinese of both, in `CATALOG` like every other message. What is here puts them on the page:

- `HelpFormatter` (made by `HandbookContext.make_formatter`, cli/shared.py) says "Usage:" and
  the section headings in the language, and wraps by display width (a Chinese character takes
  two columns and a line may break between two of them; click counts characters and breaks at
  spaces only). Text without wide characters is wrapped by click itself, as before.
- `help_text`, `short_help` and `option_record` give the texts `HandbookCommand` formats.
- `UsageErrorInLanguage` says a click `UsageError` (exit code 2) in the language: by the kind
  of error where click builds its message from several sentences, else by matching the message
  against click's English sentences in `messages/cli.py` (`sentence`).
"""

from __future__ import annotations

import inspect
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from functools import cache
from typing import IO, Any

import click
from click.formatting import wrap_text

from generator.messages import Text, render, translate
from generator.messages.cli import CLICK

NO_LINE_START = frozenset("，。、；：？！）」』”’》〉】…,.;:?!)]")  # punctuation that closes: never starts a line
NO_LINE_END = frozenset("（「『“‘《〈【(")  # punctuation that opens: never ends a line
ITEM_SEPARATOR = {"zh": "；", "en": "; "}  # between click's notes in "[default: .; required]"


# --------------------------------------------------------------------------- the texts


def help_key(text: str | None) -> str:
    """A help text as the catalog holds it: cleaned like click does (indentation, the part
    before a form feed), each paragraph's lines joined by one space."""
    if not text:
        return ""
    cleaned = inspect.cleandoc(text).partition("\f")[0]
    paragraphs = (" ".join(line.strip() for line in part.splitlines()) for part in re.split(r"\n\s*\n", cleaned))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def help_text(text: str | None, language: str) -> str:
    """A docstring or `help=` in `language` (the English itself when the catalog lacks it)."""
    key = help_key(text)
    return translate(key, language) if key else ""


def short_help(command: click.Command, limit: int, language: str) -> str:
    """The line of `command` in its group's list of commands."""
    if command.short_help:
        return help_text(command.short_help, language)
    return translate(command.get_short_help_str(limit), language)


def option_record(option: click.Option, context: click.Context, language: str) -> tuple[str, str] | None:
    """`(--name METAVAR, help  [default: …; required])` as click's `Option.get_help_record`,
    with the help and click's notes in `language`."""
    if option.hidden:
        return None
    text = help_text(option.help, language)
    extra = option.get_help_extra(context)
    notes: list[str] = []
    if "envvars" in extra:
        notes.append(render(Text("env var: {var}", var=", ".join(extra["envvars"])), language))
    if "default" in extra:
        notes.append(render(Text("default: {default}", default=extra["default"]), language))
    if "range" in extra:
        notes.append(extra["range"])
    if "required" in extra:
        notes.append(translate(extra["required"], language))  # click's word "required"
    if notes:
        said = ITEM_SEPARATOR.get(language, "; ").join(notes)
        text = f"{text}  [{said}]" if text else f"[{said}]"
    return option.get_help_spec(context), text


# --------------------------------------------------------------------------- the page


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: two for a wide (CJK) character."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


NOTE = re.compile(r"\[[^\[\]\n]{1,30}\]")  # click's "[默认：.]" after a help text: kept on one line


def _units(text: str) -> list[str]:
    """Words, runs of spaces, a short "[…]" note, and each wide character on its own (a line
    may break after it)."""
    units: list[str] = []
    start = 0
    for note in [*NOTE.finditer(text), None]:
        for char in text[start : note.start() if note else len(text)]:
            last = units[-1][-1] if units else ""
            if display_width(char) == 1 and display_width(last) == 1 and last.isspace() == char.isspace():
                units[-1] += char
            else:
                units.append(char)
        if note is not None:
            units.append(note.group())
            start = note.end()
    return units


def _wrap_paragraph(text: str, width: int, initial_indent: str, subsequent_indent: str) -> list[str]:
    """Greedy wrapping by columns; a closing mark takes the unit before it to the next line
    rather than start one, and an opening mark goes down with the unit after it."""
    lines: list[str] = []
    indent, line, space = initial_indent, list[tuple[str, str]](), ""  # line: (space before, unit)

    def shown(units: list[tuple[str, str]]) -> str:
        return indent + "".join(gap + unit for gap, unit in units)[len(units[0][0]) if units else 0 :]

    for unit in _units(text):
        if unit.isspace():
            space = unit if line else ""
            continue
        if line and display_width(shown([*line, (space, unit)])) > width:
            carried: list[tuple[str, str]] = []
            while len(line) > 1 and (
                (unit if not carried else carried[0][1])[0] in NO_LINE_START or line[-1][1][-1] in NO_LINE_END
            ):
                carried.insert(0, line.pop())
            lines.append(shown(line).rstrip())
            indent, line, space = subsequent_indent, carried, space if carried else ""
        line.append((space, unit))
        space = ""
    lines.append(shown(line).rstrip())
    return lines


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "") -> str:
    """`text` wrapped to `width` columns, paragraph by paragraph (click's `wrap_text` with
    `preserve_paragraphs` when no character is wide)."""
    if all(display_width(char) == 1 for char in text):
        return wrap_text(text, width, initial_indent, subsequent_indent, preserve_paragraphs=True)
    paragraphs = [" ".join(line.strip() for line in part.splitlines()) for part in re.split(r"\n\s*\n", text)]
    wrapped = [_wrap_paragraph(paragraph, width, initial_indent, subsequent_indent) for paragraph in paragraphs]
    return "\n\n".join("\n".join(lines) for lines in wrapped)


class HelpFormatter(click.HelpFormatter):
    """click's help page, with click's words in `language` and lines measured in columns."""

    def __init__(self, language: str, **settings: Any) -> None:
        super().__init__(**settings)
        self.language = language

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = translate("Usage:", self.language)
            prefix += "" if prefix.endswith("：") else " "  # a full-width colon holds its own space
        if display_width(prefix) == len(prefix):
            super().write_usage(prog, args, prefix)
            return
        first = f"{prefix:>{self.current_indent}}{prog} "  # as click's, measured in columns
        if not args:
            self.write(first.rstrip(" ") + "\n")
            return
        width = self.width - self.current_indent
        indent = " " * display_width(first)
        if width < display_width(first) + 20:
            self.write(first.rstrip(" ") + "\n")
            first = indent = " " * (max(self.current_indent, display_width(prefix)) + 4)
        self.write("\n".join(_wrap_paragraph(args, width, first, indent)) + "\n")

    def write_heading(self, heading: str) -> None:
        said = render(Text("{heading}:", heading=translate(heading, self.language)), self.language)
        self.write(f"{'':>{self.current_indent}}{said}\n")

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        self.write(wrap(text, self.width, indent, indent))
        self.write("\n")

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        rows = list(rows)
        first_column = min(max((display_width(first) for first, _ in rows), default=0), col_max) + col_spacing
        text_width = max(self.width - first_column - 2, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if display_width(first) <= first_column - col_spacing:
                self.write(" " * (first_column - display_width(first)))
            else:
                self.write("\n" + " " * (first_column + self.current_indent))
            first_line, *more = wrap(second, text_width).splitlines() or [""]
            self.write(f"{first_line}\n")
            for line in more:
                self.write(f"{'':>{first_column + self.current_indent}}{line}\n")


# --------------------------------------------------------------------------- usage errors


@cache
def _click_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each sentence of click's with `{fields}`, as a pattern that finds their values again;
    the most specific first ("is not one of {choices}." before "is not {choice}.")."""
    patterns = []
    literal_length = {english: sum(len(part[0]) for part in string.Formatter().parse(english)) for english in CLICK}
    for english in sorted(CLICK, key=literal_length.__getitem__, reverse=True):
        parts = list(string.Formatter().parse(english))
        if all(name is None for _, name, _, _ in parts):
            continue
        pattern = "".join(
            re.escape(literal) + (f"(?P<{name}>.+?)" if name is not None else "") for literal, name, _, _ in parts
        )
        patterns.append((re.compile(pattern, re.DOTALL), english))
    return tuple(patterns)


WORD_FIELDS = frozenset({"name", "number_type"})  # fields click fills with its own words ("Directory")


def sentence(text: str, language: str) -> str:
    """One sentence click said in English, in `language`; any other text is left as it is
    (a message of ours, such as DateType's, is in the language already)."""
    if language == "en" or text in CLICK:
        return translate(text, language)
    for pattern, english in _click_patterns():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        said = []
        for literal, name, _, conversion in string.Formatter().parse(CLICK[english]):
            said.append(literal)
            if name is not None:
                value = found[name]
                said.append(translate(value, language) if name in WORD_FIELDS and conversion is None else value)
        return "".join(said)
    return text


def _hint(hint: Sequence[str] | str | None, problem: click.BadParameter) -> str | None:
    """Which parameter, as click names it in an error: `'--format'`, `'DOCUMENT'`."""
    if hint is None and problem.param is not None and problem.ctx is not None:
        hint = problem.param.get_error_hint(problem.ctx)
    if hint is None or isinstance(hint, str):
        return hint
    return " / ".join(repr(item) for item in hint)


def usage_message(problem: click.UsageError, language: str) -> str:
    """The message of a click usage error in `language`."""
    if language == "en":
        return problem.format_message()
    if isinstance(problem, click.NoSuchOption | click.exceptions.NoSuchCommand):
        said = sentence(problem.message, language)
        if problem.possibilities:
            shown = ", ".join(repr(item) for item in sorted(problem.possibilities))
            if len(problem.possibilities) == 1:
                said += render(Text("Did you mean {possibility}?", possibility=shown), language)
            else:
                said += render(Text("(Did you mean one of: {possibilities}?)", possibilities=shown), language)
        return said
    if isinstance(problem, click.MissingParameter):
        param = problem.param
        kind = problem.param_type or (param.param_type_name if param is not None else "parameter")
        missing = {"argument": "Missing argument", "option": "Missing option"}.get(kind, "Missing parameter")
        hint = _hint(problem.param_hint, problem)
        said = translate(missing, language) + (f" {hint}" if hint else "") + "。"
        if problem.message:
            said += sentence(problem.message, language)
        extra = param.type.get_missing_message(param=param, ctx=problem.ctx) if param is not None else None
        return said + (sentence(extra, language) if extra else "")
    if isinstance(problem, click.BadParameter):
        message = sentence(problem.message, language)
        hint = _hint(problem.param_hint, problem)
        if hint is None:
            return render(Text("Invalid value: {message}", message=message), language)
        return render(Text("Invalid value for {param_hint}: {message}", param_hint=hint, message=message), language)
    return sentence(problem.format_message(), language)


class UsageErrorInLanguage(click.UsageError):
    """A click usage error said in `language`, laid out as click lays it out: the usage line,
    "Try 'handbook check --help' for help.", then "Error: …"; exit code 2 like click's."""

    def __init__(self, original: click.UsageError, language: str) -> None:
        super().__init__(original.message, original.ctx)
        self.original = original
        self.language = language

    def format_message(self) -> str:
        return usage_message(self.original, self.language)

    def show(self, file: IO[Any] | None = None) -> None:
        context = self.ctx
        color = context.color if context is not None else None
        if context is not None:
            hint = ""
            if context.command.get_help_option(context) is not None:
                names = context.command.get_help_option_names(context)
                hint = Text(
                    "Try '{command} {option}' for help.", command=context.command_path, option=max(names, key=len)
                )
                hint = render(hint, self.language) + "\n"
            click.echo(f"{context.get_usage()}\n{hint}", file=file, err=True, color=color)
        error = Text("Error: {message}", message=self.format_message())
        click.echo(render(error, self.language), file=file, err=True, color=color)


def in_language(problem: click.UsageError, language: str) -> click.UsageError:
    """`problem` to be shown in `language` (click's own when that is English, or when it is
    the help page that a bare `handbook` shows)."""
    if language == "en" or isinstance(problem, UsageErrorInLanguage | click.exceptions.NoArgsIsHelpError):
        return problem
    return UsageErrorInLanguage(problem, language)
