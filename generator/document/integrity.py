"""Released revisions are immutable: `handbook check` holds the working copy against git.

The site and the PDFs must show, for a revision, exactly the text that was released. A
released revision is therefore frozen in the commit that released it (the archive's
source, generator/document/git_history.py), and this check fails when:

- the working copy of a released revision differs from that commit in any controlled fact
  (only the status, a withdrawal and periodic reviews may be added without a new revision);
- the revision goes backwards (a rollback with `git checkout <old> -- file`), or a released
  revision turns back into a draft, or a withdrawn document comes back into force;
- the file of a document with issued revisions was deleted instead of withdrawn.

Identity is the document number: history reached through a copied file that carried
another number is not this document's history. Without git history nothing can be held
against it, and the check is silent (the build says why the archive is thin).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostic, error, has_errors
from generator.document.git_history import IssuedRevision, committed_versions, issued_revisions, top_level_number
from generator.document.git_reader import deleted_files, file_at, history_unavailable, settled_files
from generator.document.outline import build_outline, iter_clauses
from generator.document.versions import relative_path
from generator.messages import Text
from generator.records.compatibility import breaking_changes
from generator.source.load import LoadedFile, load_file
from generator.source.model import Document, Form, Handbook, RevisionScheme, Status, Step
from generator.source.project import FORMS_FOLDER, PROCEDURES_FOLDER, ReadResult
from generator.source.revisions import RevisionKey, parse_revision, revision_scheme_of
from generator.source.validate import describe_path

# Keys that may change on a released revision without a new one.
# `distribution` is document-control data (who holds copies), not approved text: a department
# may receive a copy without a new revision (generator/document/distribution.py).
UNCONTROLLED_KEYS = {"schema_", "status", "withdrawal", "reviews", "distribution"}
JsonPath = tuple[str | int, ...]


def controlled_content(document: Document) -> dict[str, Any]:
    return document.model_dump(mode="json", exclude=UNCONTROLLED_KEYS)


def first_difference(old: Any, new: Any, path: JsonPath = ()) -> JsonPath | None:
    """The path of the first place two dumped documents differ, in document order."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(new) + [key for key in old if key not in new]:
            found = first_difference(old.get(key), new.get(key), path + (key,))
            if found is not None:
                return found
        return None
    if isinstance(old, list) and isinstance(new, list):
        for index in range(max(len(old), len(new))):
            if index >= len(old) or index >= len(new):
                return path + (index,)
            found = first_difference(old[index], new[index], path + (index,))
            if found is not None:
                return found
        return None
    return None if old == new else path


def _step_at(document: Document, path: JsonPath) -> Step | None:
    """The deepest body step on `path` (body.i.steps.j…), if the path goes into the body."""
    if not path or path[0] != "body" or len(path) < 2 or not isinstance(path[1], int):
        return None
    steps, found, position = document.body, None, 1
    while position < len(path):
        index = path[position]
        if not isinstance(index, int) or index >= len(steps):
            break
        found = steps[index]
        if position + 2 < len(path) and path[position + 1] == "steps":
            steps, position = found.steps, position + 2
        else:
            break
    return found


def describe_place(handbook: Handbook, document: Document, path: JsonPath) -> str:
    """'clause 五、（一） (body.1.steps.0.text)' for a body path, else the field path."""
    step = _step_at(document, path)
    where = describe_path(path)
    if step is None:
        return where
    for clause in iter_clauses(build_outline(document, handbook.numbering_of(document))):
        if clause.step is step:
            return Text(
                "clause {clause} ({where})", clause=clause.label or clause.title or clause.text or "", where=where
            )
    return where


def _revision_key(document: Document, label: str, default: RevisionScheme) -> RevisionKey | None:
    return parse_revision(label, revision_scheme_of(document, default))


def _changed_in_place(
    handbook: Handbook, document: Document, loaded: LoadedFile, released: IssuedRevision
) -> Iterator[Diagnostic]:
    commit, released_document = released.commit, released.document
    assert commit is not None and isinstance(released_document, Document)  # a committed release of this file
    path = first_difference(controlled_content(released_document), controlled_content(document))
    if path is None:
        return
    place = describe_place(handbook, document, path)
    yield loaded.error(
        path,
        Text(
            "released revision {revision} was changed without a new revision: {place} differs from commit {commit} that released it",
            revision=document.revision,
            place=place,
            commit=commit[:10],
        ),
        Text(
            'released text is frozen; undo the edit (`git checkout {commit} -- {path}`) and make the change as a new revision: `handbook revise {number} --change "…" --effective YYYY-MM-DD`',
            commit=commit[:10],
            path=loaded.display_path,
            number=document.number,
        ),
    )


def _went_backwards(
    handbook: Handbook, document: Document, loaded: LoadedFile, issued: tuple[IssuedRevision, ...], versions: list
) -> Iterator[Diagnostic]:
    scheme = handbook.settings.revision_scheme
    current_key = _revision_key(document, document.revision, scheme)
    newest = issued[-1] if issued else None
    if newest is not None and current_key is not None:
        newest_key = _revision_key(document, newest.revision, scheme)
        if newest_key is not None and current_key < newest_key:
            yield loaded.error(
                ("revision",),
                Text(
                    "revision goes backwards: {revision} is older than {newest}, released in commit {commit}",
                    revision=document.revision,
                    newest=newest.revision,
                    commit=newest.commit[:10] if newest.commit else Text("working copy"),
                ),
                Text(
                    'a released revision cannot be rolled back; to restore earlier text, make it a new revision: `git checkout {commit} -- {path}`, then `handbook revise {number} --change "恢复 …" --effective YYYY-MM-DD`',
                    commit=(newest.commit or "HEAD")[:10],
                    path=loaded.display_path,
                    number=document.number,
                ),
            )
            return
    released = {item.revision: item for item in issued}
    if document.status is Status.DRAFT and document.revision in released:
        item = released[document.revision]
        yield loaded.error(
            ("status",),
            Text(
                "status goes backwards: revision {revision} was released (生效) in commit {commit} and is now 草稿 again",
                revision=document.revision,
                commit=item.commit[:10] if item.commit else Text("working copy"),
            ),
            Text(
                'a released revision stays released; start a new one: `handbook revise {number} --change "…" --effective YYYY-MM-DD`',
                number=document.number,
            ),
        )
    withdrawn = next((item for item in versions if item.status == Status.OBSOLETE.value), None)
    if withdrawn is not None and document.status is not Status.OBSOLETE:
        yield loaded.error(
            ("status",),
            Text(
                "status goes backwards: {number} was withdrawn (已作废) in commit {commit} and is now {status} again",
                number=document.number,
                commit=withdrawn.commit[:10],
                status=document.status.value,
            ),
            Text("a withdrawn document stays withdrawn; issue the text again as a new document number"),
        )


def check_document(root: Path, handbook: Handbook, document: Document, path: Path) -> list[Diagnostic]:
    """Everything the git history says about one document file."""
    history = issued_revisions(root, path, handbook.settings.revision_scheme, number=document.number)
    versions = committed_versions(root, path, document.number)
    loaded = load_file(path, root)
    problems = list(_went_backwards(handbook, document, loaded, history.revisions, versions))
    released = history.by_revision(document.revision)
    if released is not None and released.commit is not None and document.status is not Status.DRAFT:
        problems += _changed_in_place(handbook, document, loaded, released)
    return problems


def _deleted_with_issues(root: Path, numbers: set[str]) -> Iterator[Diagnostic]:
    """A deleted document file whose number is gone and which had a released version."""
    for path, commit in deleted_files(root, PROCEDURES_FOLDER):
        content = file_at(root, commit, path)
        number = top_level_number(content)
        if number is None or number in numbers:
            continue  # renamed or re-created under another file name
        released = [
            item
            for item in committed_versions(root, Path(path), number)
            if item.status in (Status.EFFECTIVE.value, Status.OBSOLETE.value)
        ]
        if not released:
            continue
        first = released[0]
        yield error(
            path,
            1,
            1,
            Text(
                "{number} was deleted, but it has issued revisions ({revision} released in commit {commit}); its archive would disappear",
                number=number,
                revision=first.revision,
                commit=first.commit[:10],
            ),
            Text(
                'restore the file (`git checkout {commit} -- {path}`) and withdraw it: `handbook withdraw {number} --reason "…" --effective YYYY-MM-DD`',
                commit=commit,
                path=path,
                number=number,
            ),
        )


def check_form(root: Path, handbook: Handbook, form: Form, path: Path) -> list[Diagnostic]:
    """A released form revision is frozen too; a change that breaks records is named as such."""
    history = issued_revisions(root, path, handbook.settings.revision_scheme, number=form.number, kind="form")
    released = history.by_revision(form.revision)
    loaded = load_file(path, root)
    problems: list[Diagnostic] = []
    newest = history.revisions[-1] if history.revisions else None
    scheme = revision_scheme_of(form, handbook.settings)
    if newest is not None and newest.revision != form.revision:
        current, latest = parse_revision(form.revision, scheme), parse_revision(newest.revision, scheme)
        if current is not None and latest is not None and current < latest:
            problems.append(
                loaded.error(
                    ("revision",),
                    Text(
                        "revision goes backwards: {revision} is older than {newest}, released in commit {commit}",
                        revision=form.revision,
                        newest=newest.revision,
                        commit=newest.commit[:10] if newest.commit else Text("working copy"),
                    ),
                    Text(
                        'a released form revision cannot be rolled back; make a new one: `handbook revise {number} --change "…" --effective YYYY-MM-DD`',
                        number=form.number,
                    ),
                )
            )
    if released is None or released.commit is None or form.status is Status.DRAFT:
        return problems
    old = released.document.model_dump(mode="json", exclude=UNCONTROLLED_KEYS)
    new = form.model_dump(mode="json", exclude=UNCONTROLLED_KEYS)
    difference = first_difference(old, new)
    if difference is None:
        return problems
    assert isinstance(released.document, Form)  # a form file's history holds forms
    breaking = breaking_changes(released.document, form)
    what = (
        Text(
            "breaking change {changes} (records kept under it would no longer validate)",
            changes="; ".join(change.describe() for change in breaking),
        )
        if breaking
        else Text("{where} differs", where=describe_path(difference))
    )
    problems.append(
        loaded.error(
            difference,
            Text(
                "released form revision {revision} was changed without a new revision: {what}; it was released in commit {commit}",
                revision=form.revision,
                what=what,
                commit=released.commit[:10],
            ),
            Text(
                'undo the edit (`git checkout {commit} -- {path}`) and make the change as a new revision: `handbook revise {number} --change "…" --effective YYYY-MM-DD`',
                commit=released.commit[:10],
                path=loaded.display_path,
                number=form.number,
            ),
        )
    )
    return problems


def check_integrity(
    root: Path, handbook: Handbook, document_paths: dict[str, Path], form_paths: dict[str, Path] | None = None
) -> list[Diagnostic]:
    """Every released revision against the commit that released it; [] without git history."""
    if history_unavailable(root) is not None:
        return []
    settled = settled_files(root, (PROCEDURES_FOLDER, FORMS_FOLDER))

    def unsettled(path: Path) -> bool:
        return relative_path(root, path) not in settled

    problems: list[Diagnostic] = []
    for document in handbook.documents:
        if unsettled(document_paths[document.number]):
            problems += check_document(root, handbook, document, document_paths[document.number])
    for form in handbook.forms:
        if form_paths is not None and unsettled(form_paths[form.number]):
            problems += check_form(root, handbook, form, form_paths[form.number])
    problems += _deleted_with_issues(root, {document.number for document in handbook.documents})
    return problems


def with_integrity(root: Path, result: ReadResult) -> ReadResult:
    """`read_handbook` plus the checks against git: what `handbook check` and `build` report."""
    if result.handbook is None:
        return result
    found = check_integrity(root, result.handbook, result.document_paths, result.form_paths)
    if not found:
        return result
    diagnostics = tuple(sorted(result.diagnostics + tuple(found), key=lambda item: item.sort_key))
    handbook = None if has_errors(found) else result.handbook
    return dataclasses.replace(result, handbook=handbook, diagnostics=diagnostics)
