"""`handbook check` against the bad-input corpus in tests/bad_inputs/ (one folder per case).

Every case is a small complete handbook project with one fault and an `expected.txt` (format in
tests/bad_inputs/README.md). The real console script runs in a subprocess, so the exit code,
the absence of any traceback and even a crash of the interpreter are observed end to end,
exactly as a document controller or CI would see them.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).parent / "bad_inputs"
BASELINE = CASES_DIR / "_baseline"
HANDBOOK = Path(sys.executable).parent / "handbook"
TIMEOUT_SECONDS = 120
CASE_FILES_NOT_COPIED = ("expected.txt", "generate.py", "README.md", "__pycache__")

# --------------------------------------------------------------------------- expected.txt


@dataclass(frozen=True)
class Expected:
    """One line of expected.txt: `path:line:column: severity: message-substring [| hint-substring]`."""

    path: str
    line: int
    column: int
    severity: str
    message: str
    hint: str | None  # None: hint not checked; "": any non-empty hint; else a substring of it

    _LINE = re.compile(
        r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): ?(?P<rest>.*)$"
    )

    @classmethod
    def parse(cls, text: str) -> Expected:
        match = cls._LINE.match(text)
        if match is None:
            raise ValueError(f"malformed expected line: {text!r}")
        rest, hint = match["rest"], None
        if " | " in rest:
            rest, hint = rest.split(" | ", 1)
        elif rest.endswith(" |") or rest == "|":
            rest, hint = rest[:-1], ""
        return cls(
            match["path"],
            int(match["line"]),
            int(match["column"]),
            match["severity"],
            rest.strip(),
            hint.strip() if hint is not None else None,
        )

    def matches(self, diagnostic: dict) -> bool:
        if (diagnostic["path"], diagnostic["line"], diagnostic["column"], diagnostic["severity"]) != (
            self.path,
            self.line,
            self.column,
            self.severity,
        ):
            return False
        if self.message not in diagnostic["message"]:
            return False
        return not (self.hint is not None and not (diagnostic.get("hint") and self.hint in diagnostic["hint"]))

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}"
        return text if self.hint is None else f"{text} | {self.hint}"


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path
    expected: tuple[Expected, ...]
    xfail: str | None  # reason, when the case documents a known validator bug


def read_case(folder: Path) -> Case:
    expected, xfail = [], None
    for raw in (folder / "expected.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("# xfail:"):
            xfail = line.removeprefix("# xfail:").strip()
        elif line and not line.startswith("#"):
            expected.append(Expected.parse(line))
    return Case(folder.name, folder, tuple(expected), xfail)


def all_cases() -> list[Case]:
    return [
        read_case(folder)
        for folder in sorted(CASES_DIR.iterdir())
        if folder.is_dir() and (folder / "expected.txt").exists()
    ]


CASES = all_cases()


def case_params(cases: list[Case] = CASES) -> list:
    return [
        pytest.param(
            case, id=case.name, marks=[pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        )
        for case in cases
    ]


# --------------------------------------------------------------------------- running the CLI


@dataclass(frozen=True)
class Run:
    returncode: int | None  # None: timed out
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def materialise(source: Path, target: Path) -> Path:
    """Copy a case folder to `target` and run its generate.py, if any (for files too big for git)."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*CASE_FILES_NOT_COPIED))
    generator = source / "generate.py"
    if generator.exists():
        runpy.run_path(str(generator))["generate"](target)
    return target


def run_check(root: Path, *options: str) -> Run:
    environment = dict(os.environ, PYTHONUTF8="1")
    try:
        done = subprocess.run(
            [str(HANDBOOK), "check", "--root", str(root), *options],
            cwd=root,
            env=environment,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired as expired:
        return Run(
            None,
            (expired.stdout or b"").decode("utf-8", "replace"),
            "TIMEOUT " + (expired.stderr or b"").decode("utf-8", "replace"),
        )
    return Run(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


@dataclass(frozen=True)
class CaseRun:
    root: Path
    text: Run
    json: Run


@pytest.fixture(scope="module")
def run_case(tmp_path_factory):
    """Case → its text and JSON runs (both at once: two processes, two CPUs), cached per module."""
    cache: dict[str, CaseRun] = {}

    def get(case: Case) -> CaseRun:
        if case.name not in cache:
            root = materialise(case.folder, tmp_path_factory.mktemp("case") / case.name)
            with ThreadPoolExecutor(max_workers=2) as pool:
                text = pool.submit(run_check, root)
                as_json = pool.submit(run_check, root, "--format", "json")
                cache[case.name] = CaseRun(root, text.result(), as_json.result())
        return cache[case.name]

    return get


# --------------------------------------------------------------------------- reading the output

_HEADER = re.compile(
    r"^(?P<path>[^:\s][^:]*):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.*)$"
)
_SUMMARY = re.compile(r"^\d+ error\(s\), \d+ warning\(s\)$")
_OK = re.compile(r"^ok: \d+ documents, \d+ forms$")
_HINT_PREFIX = "    hint: "
_PYTHON_REPR = re.compile(r"<[^<>\n]* object [^<>\n]*at 0x[0-9a-fA-F]+>")


def parse_text_report(output: str) -> tuple[list[dict], list[str]]:
    """Diagnostics of the text format, and every line that is not part of that format."""
    diagnostics: list[dict] = []
    stray: list[str] = []
    for line in output.splitlines():
        header = _HEADER.match(line)
        if header:
            diagnostics.append(
                {
                    "path": header["path"],
                    "line": int(header["line"]),
                    "column": int(header["column"]),
                    "severity": header["severity"],
                    "message": header["message"],
                    "hint": "",
                }
            )
        elif line.startswith(_HINT_PREFIX) and diagnostics and not diagnostics[-1]["hint"]:
            diagnostics[-1]["hint"] = line.removeprefix(_HINT_PREFIX)
        elif line.strip() and not _SUMMARY.match(line) and not _OK.match(line):
            stray.append(line)
    return diagnostics, stray


def describe(diagnostics: list[dict]) -> str:
    return (
        "\n".join(
            f"  {item['path']}:{item['line']}:{item['column']}: {item['severity']}: {item['message']}"
            + (f"\n      hint: {item['hint']}" if item.get("hint") else "")
            for item in diagnostics
        )
        or "  (none)"
    )


def assert_matches_expected(case: Case, diagnostics: list[dict]) -> None:
    """Every expected line matches its own diagnostic; every reported error was expected."""
    unmatched = list(diagnostics)
    missing = []
    for expected in case.expected:
        found = next((item for item in unmatched if expected.matches(item)), None)
        if found is None:
            missing.append(expected)
        else:
            unmatched.remove(found)
    unexpected_errors = [item for item in unmatched if item["severity"] == "error"]
    assert not missing and not unexpected_errors, (
        f"case {case.name}\nmissing:\n"
        + "\n".join(f"  {item}" for item in missing)
        + f"\nunexpected errors:\n{describe(unexpected_errors)}\nreported:\n{describe(diagnostics)}"
    )


def assert_no_crash(run: Run) -> None:
    assert run.returncode is not None, f"timed out after {TIMEOUT_SECONDS}s"
    assert run.returncode >= 0, f"killed by signal {-run.returncode} (crash)\n{run.output[-2000:]}"
    assert "Traceback" not in run.output, run.output[-4000:]
    assert not _PYTHON_REPR.search(run.output), f"a Python object repr leaked into the report:\n{run.output}"


# --------------------------------------------------------------------------- the corpus


def test_corpus_is_complete():
    assert len(CASES) >= 32
    for case in CASES:
        assert case.expected, f"{case.name}: expected.txt lists no diagnostic"
        has_sources = any((case.folder / folder).is_dir() for folder in ("procedures", "forms"))
        assert has_sources or (case.folder / "generate.py").exists(), f"{case.name}: no procedures/ or forms/"


def test_baseline_is_valid(tmp_path):
    """The project every case is a variation of passes without a single diagnostic."""
    root = materialise(BASELINE, tmp_path / "baseline")
    run = run_check(root, "--strict", "--format", "json")
    assert run.returncode == 0, run.output
    assert json.loads(run.stdout) == []


@pytest.mark.parametrize("case", case_params())
def test_text_report(case: Case, run_case):
    run = run_case(case).text
    assert_no_crash(run)
    assert run.returncode == 1, run.output
    diagnostics, stray = parse_text_report(run.output)
    assert not stray, "lines outside the `path:line:col: severity: message` / `    hint:` format:\n" + "\n".join(stray)
    assert_matches_expected(case, diagnostics)


@pytest.mark.parametrize("case", case_params())
def test_json_report(case: Case, run_case):
    run = run_case(case).json
    assert_no_crash(run)
    assert run.returncode == 1, run.output
    report = json.loads(run.stdout)
    assert isinstance(report, list) and report
    for item in report:
        assert set(item) == {"path", "line", "column", "severity", "message", "hint"}, item
        assert isinstance(item["path"], str) and item["path"]
        assert isinstance(item["line"], int) and item["line"] >= 1
        assert isinstance(item["column"], int) and item["column"] >= 1
        assert item["severity"] in ("error", "warning")
        assert isinstance(item["message"], str) and item["message"]
        assert isinstance(item["hint"], str)
    assert_matches_expected(case, report)


# Every problem is meant to come with a hint (generator/source/validate.py: "every problem of a run,
# each located, each with a hint"); a case that documents a missing one is an xfail case.
@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES if not case.xfail])
def test_every_diagnostic_has_a_hint(case: Case, run_case):
    report = json.loads(run_case(case).json.stdout)
    without = [item for item in report if not item["hint"].strip()]
    assert not without, f"diagnostics without a hint:\n{describe(without)}"


def test_python_tag_runs_nothing(run_case):
    """`!!python/object/apply:os.system ["touch PWNED"]` is refused, never executed."""
    case = next(case for case in CASES if case.name == "python_tag")
    root = run_case(case).root
    assert not (root / "PWNED").exists()
    assert not (root / "procedures" / "PWNED").exists()


# --------------------------------------------------------------------------- several problems, one run


def write(root: Path, relative: str, text: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def test_all_problems_of_all_files_in_one_run(tmp_path):
    """One run reports a syntax error, an encoding error, a schema error and semantic errors of
    five different files: the author sees every mistake at once, not one per run."""
    root = materialise(BASELINE, tmp_path / "project")
    document = (BASELINE / "procedures" / "SH-GZ-001.yml").read_text(encoding="utf-8")
    form = (BASELINE / "forms" / "QR-GZ001-01.yml").read_text(encoding="utf-8")
    # 1. the form's owner: current revision B0 is not in its history (semantic error)
    write(root, "procedures/SH-GZ-001.yml", document.replace("revision: A0\n", "revision: B0\n", 1))
    # 2. a second document, without the form, with a typo in a nested key (schema error)
    second = document.replace("SH/GZ-001", "SH/GZ-002").replace("time_limit: 当天", "tiem_limit: 当天")
    second = re.sub(r"records:\n(  - .*\n)+", "", second.replace("        forms: [QR-GZ001-01]\n", ""))
    write(root, "procedures/SH-GZ-002.yml", second)
    # 3. a document with a YAML syntax error: the '[' is never closed
    write(root, "procedures/SH-GZ-003.yml", "number: SH/GZ-003\ntitle: [售后服务\n")
    # 4. a GBK-encoded document
    write(root, "procedures/SH-GZ-004.yml", "number: SH/GZ-004\ntitle: 售后服务\n".encode("gbk"))
    # 5. the form, with a field id used twice (semantic error in another kind of file)
    form += "      - {id: engineer, label: 随行工程师}\n"
    write(root, "forms/QR-GZ001-01.yml", form)

    second_lines, form_lines = second.splitlines(), form.splitlines()
    typo_line = next(number for number, line in enumerate(second_lines, 1) if "tiem_limit" in line)
    expected = {
        ("procedures/SH-GZ-001.yml", 4, 11): "current revision B0 is not the newest history entry",
        (
            "procedures/SH-GZ-002.yml",
            typo_line,
            second_lines[typo_line - 1].index("tiem_limit") + 1,
        ): "unknown field 'tiem_limit'",
        ("procedures/SH-GZ-003.yml", 3, 1): "YAML syntax error",
        ("procedures/SH-GZ-004.yml", 2, 8): "not valid UTF-8",
        (
            "forms/QR-GZ001-01.yml",
            len(form_lines),
            form_lines[-1].index("engineer") + 1,
        ): "duplicate field id 'engineer'",
    }

    run = run_check(root, "--format", "json")
    assert_no_crash(run)
    assert run.returncode == 1
    errors = {
        (item["path"], item["line"], item["column"]): item["message"]
        for item in json.loads(run.stdout)
        if item["severity"] == "error"
    }
    assert set(errors) == set(expected), describe(json.loads(run.stdout))
    for location, fragment in expected.items():
        assert fragment in errors[location]

    text = run_check(root)  # the same five problems in the text format
    assert_no_crash(text)
    assert text.returncode == 1
    diagnostics, stray = parse_text_report(text.output)
    assert not stray
    assert {(item["path"], item["line"], item["column"]) for item in diagnostics if item["severity"] == "error"} == set(
        expected
    )
    assert re.search(r"^5 error\(s\), \d+ warning\(s\)$", text.stderr, re.MULTILINE)


# --------------------------------------------------------------------------- --strict


def test_strict_turns_warnings_into_failure(tmp_path):
    """A form nobody references is a warning: exit 0 normally, exit 1 with --strict."""
    root = materialise(BASELINE, tmp_path / "project")
    write(
        root,
        "forms/QR-GZ001-02.yml",
        """
        number: QR-GZ001-02
        title: 顾客回访记录
        revision: A0
        effective: 2024-01-01
        documents: [SH/GZ-001]
        retention: 3年
        sections:
          - fields:
              - {id: customer, label: 顾客}
        """,
    )
    relaxed = run_check(root)
    assert relaxed.returncode == 0, relaxed.output
    assert "forms/QR-GZ001-02.yml:1:9: warning: form QR-GZ001-02 is not used by any document" in relaxed.stdout
    assert "forms/QR-GZ001-02.yml:5:13: warning: owner SH/GZ-001 never names this form" in relaxed.stdout
    assert "0 error(s), 2 warning(s)" in relaxed.stdout
    assert "ok: 1 documents, 2 forms" in relaxed.stdout

    strict = run_check(root, "--strict")
    assert strict.returncode == 1, strict.output
    assert "forms/QR-GZ001-02.yml:1:9: warning: form QR-GZ001-02 is not used by any document" in strict.stderr
    assert "ok:" not in strict.output and "Traceback" not in strict.output

    relaxed_json = run_check(root, "--format", "json")
    strict_json = run_check(root, "--format", "json", "--strict")
    assert relaxed_json.returncode == 0 and strict_json.returncode == 1
    assert json.loads(relaxed_json.stdout) == json.loads(strict_json.stdout)
    assert {item["severity"] for item in json.loads(strict_json.stdout)} == {"warning"}


# --------------------------------------------------------------------------- messages that should say more


def test_unclosed_bracket_names_where_it_opened(run_case):
    case = next(case for case in CASES if case.name == "yaml_unclosed_bracket")
    report = json.loads(run_case(case).json.stdout)
    (item,) = report
    # the parser gave up on line 13 (the message keeps its words); the '[' opened on line 12, column 16
    assert (item["path"], item["line"], item["column"], item["severity"]) == (
        "procedures/SH-GZ-001.yml",
        13,
        8,
        "error",
    )
    assert item["message"] == "YAML syntax error: did not find expected ',' or ']'"
    assert (
        item["hint"]
        == "the flow sequence opened at line 12, column 16 is not closed: add the closing ']' or '}', or the missing ','"
    )


def with_width(tmp_path: Path, width: str) -> tuple[Path, int, int]:
    """The baseline with `width: <width>` on the form's first field, and where that value is."""
    root = materialise(BASELINE, tmp_path / "project")
    form = root / "forms" / "QR-GZ001-01.yml"
    text = form.read_text(encoding="utf-8").replace(
        "type: text, required: true}", f"type: text, required: true, width: {width}}}"
    )
    form.write_text(text, encoding="utf-8")
    line = next(number for number, content in enumerate(text.splitlines(), 1) if f"width: {width}" in content)
    return root, line, text.splitlines()[line - 1].index(f"width: {width}") + len("width: ") + 1


def test_whole_number_written_with_a_decimal_point(tmp_path):
    """`width: 2.0` is a whole number for the published JSON Schema (and so for the editor): accepted."""
    root, _, _ = with_width(tmp_path, "2.0")
    run = run_check(root, "--format", "json")
    assert_no_crash(run)
    assert run.returncode == 0 and json.loads(run.stdout) == [], describe(json.loads(run.stdout))
    text = run_check(root, "--strict")
    assert text.returncode == 0 and "ok: 1 documents, 1 forms" in text.stdout, text.output


def test_a_fraction_is_still_not_a_whole_number(tmp_path):
    """The lax fallback that accepts 2.0 does not round 2.5: one located error, nothing else."""
    root, line, column = with_width(tmp_path, "2.5")
    run = run_check(root, "--format", "json")
    assert_no_crash(run)
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert [(item["path"], item["line"], item["column"], item["severity"]) for item in report] == [
        ("forms/QR-GZ001-01.yml", line, column, "error")
    ], describe(report)
    assert "width should be a whole number" in report[0]["message"]


# --------------------------------------------------------------------------- no cascades

CASCADE_CASES = [case for case in CASES if case.name.startswith("cascade_")]


@pytest.mark.parametrize("case", case_params(CASCADE_CASES))
def test_a_file_with_errors_of_its_own_causes_nothing_elsewhere(case: Case, run_case):
    """A document or form that cannot be read makes no other file report 'unknown document' or
    'unknown form' for its number, and no 'never names this form' / 'not used by any document'
    warning is given while it is unreadable: only the broken file is named, and only its errors."""
    report = json.loads(run_case(case).json.stdout)
    assert {item["path"] for item in report} == {expected.path for expected in case.expected}, describe(report)
    assert [item for item in report if item["severity"] == "warning"] == [], describe(report)


_TRANSLATED = re.compile(r"[\u4e00-\u9fff：，（）“”]")


@pytest.mark.slow  # one more process per case: the corpus in the users' language, in the full suite
@pytest.mark.parametrize("case", case_params([case for case in CASES if not case.xfail]))
def test_chinese_report(case: Case, run_case):
    """The same diagnostics in Chinese (the default for users): same places, translated words."""
    english = json.loads(run_case(case).json.stdout)
    done = subprocess.run(
        [str(HANDBOOK), "check", "--lang", "zh", "--format", "json", "--root", str(run_case(case).root)],
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    chinese = json.loads(done.stdout.decode("utf-8"))
    places = [(item["path"], item["line"], item["column"], item["severity"]) for item in chinese]
    assert places == [(item["path"], item["line"], item["column"], item["severity"]) for item in english]
    for item, original in zip(chinese, english):
        assert item["message"] != original["message"] and _TRANSLATED.search(item["message"]), item
        # a hint may be a field's description from the model, written in Chinese in both
        assert item["hint"] != original["hint"] or _TRANSLATED.search(item["hint"]) or not item["hint"], item
