"""A handbook whose git repository has no commit yet: nothing earlier is missing.

`handbook init` runs `git init`, and a new handbook is checked and built before its first
commit. Git history cannot be read then, but no revision was ever issued before, so the
"only the current revision is available" warning would be noise that fails `build --strict`
of a project that is exactly as `init` made it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.diagnostics import Diagnostic, warning
from generator.messages import Text


def no_commits_yet(root: Path) -> bool:
    """True inside a git repository whose current branch has no commit (`git init` only)."""
    git = shutil.which("git")
    if git is None:
        return False
    inside = subprocess.run([git, "rev-parse", "--git-dir"], cwd=root, capture_output=True, check=False)
    if inside.returncode != 0:
        return False
    head = subprocess.run([git, "rev-parse", "--verify", "--quiet", "HEAD"], cwd=root, capture_output=True, check=False)
    return head.returncode != 0


def history_warnings(root: Path, display: str, reason: str, hint: str) -> list[Diagnostic]:
    """The warning that earlier revisions cannot be read, or none before the first commit."""
    if no_commits_yet(root):
        return []
    return [warning(display, 1, 1, Text("only the current revision is available: {reason}", reason=reason), hint)]
