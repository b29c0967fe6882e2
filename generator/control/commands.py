"""Document control: revise → approve (编制, 审核, 批准) → release, as edits of the YAML file.

Each command is the same short pipeline, so none of them can skip a step:

    open_document      find the file by number or path; it must pass the structural check
    precondition       is the command allowed in the document's state? (a clear refusal if not)
    edit               change the few keys concerned in a ruamel round-trip copy
    check              the edited text must pass what `handbook check` checks for that file
    write              atomically (temporary file, fsync, rename), or not at all

The effective-date rule: `revise` requires `--effective`, the planned date the new revision
takes effect (what a 文件更改申请 states). It is written to `effective` and to the new history
entry at once, so the draft always passes the checks. Sign-off must come on or before it;
`release --effective DATE` moves it when the release is later than planned.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.control.files import ControlledFile, Outcome, apply_edit, open_document
from generator.control.roundtrip import (
    attach_trailing_comment,
    detach_trailing_comment,
    insert_after,
    like_style,
    replace_scalar,
    separate,
)
from generator.messages import Text
from generator.source.model import Revision, Signature, Status
from generator.source.revisions import next_revision
from generator.source.sign_off import FORM_TYPE, signer_refusal
from generator.source.validate_documents import ROLE_NAMES

SIGN_OFF_ORDER = ("prepared", "reviewed", "approved")
ROLES_BY_NAME = {name: role for role, name in ROLE_NAMES.items()} | {role: role for role in SIGN_OFF_ORDER}
ENTRY_KEYS_BEFORE = {
    "prepared": ("revision", "date", "change"),
    "reviewed": ("revision", "date", "change", "prepared"),
    "approved": ("revision", "date", "change", "prepared", "reviewed"),
}


# --------------------------------------------------------------------------- revise


def require_status(controlled: ControlledFile, wanted: Status, action: str) -> None:
    document = controlled.document
    if document.status is wanted:
        return
    number, revision = document.number, document.revision
    if document.status is Status.OBSOLETE:
        raise controlled.refuse(
            ("status",),
            Text("{number} is withdrawn (已作废); it cannot be {action}", number=number, action=action),
            Text("a withdrawn document stays as archived; create a new document instead"),
        )
    if document.status is Status.DRAFT:
        raise controlled.refuse(
            ("status",),
            Text(
                "{number} revision {revision} is a draft (草稿) that has not been released; it cannot be {action}",
                number=number,
                revision=revision,
                action=action,
            ),
            Text(
                "finish it first: `handbook approve {number} --as 编制|审核|批准 --name …`, then `handbook release {number}`; or edit the draft itself",
                number=number,
            ),
        )
    raise controlled.refuse(
        ("status",),
        Text(
            "{number} revision {revision} is already released (生效); it cannot be {action}",
            number=number,
            revision=revision,
            action=action,
        ),
        Text(
            'start a new revision first: `handbook revise {number} --change "…" --effective YYYY-MM-DD`', number=number
        ),
    )


def _first_entry(revision: str, date: datetime.date) -> CommentedMap:
    """The history line of a revision issued before the file had a history (a form's first)."""
    return CommentedMap([("revision", revision), ("date", separate(date)), ("change", "首次发布")])


def revise_document(root: Path, reference: str, change: str, effective: datetime.date, major: bool = False) -> Outcome:
    """Start the next revision as a draft: new label, planned date, history entry unsigned."""
    controlled = open_document(root, reference)
    require_status(controlled, Status.EFFECTIVE, Text("revised"))
    document = controlled.document
    try:
        label = next_revision(document.revision, controlled.scheme, major=major)
    except ValueError as problem:
        raise controlled.refuse(
            ("revision",), Text("cannot revise {revision}: {detail}", revision=document.revision, detail=problem), ""
        ) from None

    def edit(data: CommentedMap) -> None:
        replace_scalar(data, "revision", label)
        replace_scalar(data, "effective", separate(effective))
        if "status" in data:
            replace_scalar(data, "status", Status.DRAFT.value)
        else:  # a form may leave its status out while it is 生效
            insert_after(data, ("effective",), "status", Status.DRAFT.value)
        if "history" not in data:  # a form's first controlled revision: record the one it replaces
            data["history"] = CommentedSeq([_first_entry(document.revision, document.effective)])
        history = data["history"]
        entry = CommentedMap([("revision", label), ("date", separate(effective)), ("change", change.strip())])
        like_style(entry, history[-1])
        comment = detach_trailing_comment(history)
        history.append(entry)
        attach_trailing_comment(history, comment)

    notes = apply_edit(root, controlled, edit)
    return Outcome(
        controlled.path,
        controlled.display_path,
        Text(
            "{number}: {revision} → {label} (草稿), planned to take effect on {effective}",
            number=document.number,
            revision=document.revision,
            label=label,
            effective=effective,
        ),
        f"handbook approve {document.number} --as 编制 --name …",
        notes,
    )


# --------------------------------------------------------------------------- approve


def _signatures(entry: Revision) -> dict[str, Signature]:
    return {role: getattr(entry, role) for role in SIGN_OFF_ORDER if getattr(entry, role) is not None}


def _check_sign_off(controlled: ControlledFile, role: str, date: datetime.date) -> None:
    """Sign-off goes 编制 → 审核 → 批准, each on or after the one before, all before taking effect."""
    entry, path = controlled.newest, controlled.newest_path
    signed = _signatures(entry)
    name = ROLE_NAMES[role]
    if role in signed:
        done = signed[role]
        raise controlled.refuse(
            path + (role,),
            Text(
                "{role} of {revision} is already recorded ({name}, {date})",
                role=name,
                revision=entry.revision,
                name=done.name,
                date=done.date,
            ),
            Text("to correct it, edit the entry in the file; a recorded sign-off is never overwritten by a command"),
        )
    earlier = SIGN_OFF_ORDER[: SIGN_OFF_ORDER.index(role)]
    missing = [ROLE_NAMES[item] for item in earlier if item not in signed]
    if missing:
        raise controlled.refuse(
            path,
            Text(
                "{role} cannot be recorded before {missing} for {revision}",
                role=name,
                missing="、".join(missing),
                revision=entry.revision,
            ),
            Text("sign-off goes 编制 → 审核 → 批准; record {role} first", role=missing[0]),
        )
    if earlier:
        previous = signed[earlier[-1]]
        if date < previous.date:
            raise controlled.refuse(
                path + (earlier[-1], "date"),
                Text(
                    "{role} dated {date} is before {previous} ({previous_date})",
                    role=name,
                    date=date,
                    previous=ROLE_NAMES[earlier[-1]],
                    previous_date=previous.date,
                ),
                Text(
                    "sign-off goes 编制 → 审核 → 批准; date the {role} on or after {date}",
                    role=name,
                    date=previous.date,
                ),
            )
    if date > entry.date:
        raise controlled.refuse(
            path + ("date",),
            Text(
                "{role} dated {date} is after {revision} takes effect ({effective})",
                role=name,
                date=date,
                revision=entry.revision,
                effective=entry.date,
            ),
            Text(
                "sign on or before {effective}; if the revision will take effect later, change `effective` and this entry's `date` in {path} first",
                effective=entry.date,
                path=controlled.display_path,
            ),
        )


def _check_signer(controlled: ControlledFile, role: str, name: str, date: datetime.date) -> None:
    """handbook.yml's sign-off rules, and no signature dated ahead of today."""
    entry, path = controlled.newest, controlled.newest_path
    today = datetime.date.today()
    if date > today:
        raise controlled.refuse(
            path,
            Text("{role} dated {date} is after today ({today})", role=ROLE_NAMES[role], date=date, today=today),
            Text("a signature is recorded on or after the day it is given; leave out --date to sign today"),
        )
    document_type = getattr(controlled.document, "type", FORM_TYPE)
    refusal = signer_refusal(controlled.settings, document_type, entry, role, name)
    if refusal is not None:
        raise controlled.refuse(path, *refusal)


def _signature_style_example(history: list) -> CommentedMap | None:
    """An existing signature, so a new one is written in the same (flow or block) style."""
    for entry in reversed(history):
        for role in SIGN_OFF_ORDER:
            if isinstance(entry, CommentedMap) and isinstance(entry.get(role), CommentedMap):
                return entry[role]
    return None


def approve_document(root: Path, reference: str, role_name: str, name: str, date: datetime.date) -> Outcome:
    """Record one sign-off (编制 / 审核 / 批准) on the newest history entry of a draft."""
    controlled = open_document(root, reference)
    role = ROLES_BY_NAME[role_name]
    require_status(controlled, Status.DRAFT, Text("signed off"))
    if not name.strip():
        raise controlled.refuse(
            controlled.newest_path, Text("the signer's name is empty"), Text("give --name, e.g. --name 品质部经理")
        )
    _check_sign_off(controlled, role, date)
    _check_signer(controlled, role, name.strip(), date)

    def edit(data: CommentedMap) -> None:
        history = data["history"]
        signature = CommentedMap([("name", name.strip()), ("date", separate(date))])
        example = _signature_style_example(history)
        if example is None:
            signature.fa.set_flow_style()
        else:
            like_style(signature, example)
        entry = history[-1]
        comment = detach_trailing_comment(entry)
        insert_after(entry, ENTRY_KEYS_BEFORE[role], role, signature)
        attach_trailing_comment(entry, comment)

    notes = apply_edit(root, controlled, edit)
    entry = controlled.newest
    missing = [ROLE_NAMES[item] for item in SIGN_OFF_ORDER if item != role and getattr(entry, item) is None]
    number = controlled.document.number
    next_step = f"handbook approve {number} --as {missing[0]} --name …" if missing else f"handbook release {number}"
    return Outcome(
        controlled.path,
        controlled.display_path,
        Text(
            "{number} {revision}: {role} {name} ({date}); still missing: {missing}",
            number=number,
            revision=entry.revision,
            role=ROLE_NAMES[role],
            name=name.strip(),
            date=date,
            missing="、".join(missing),
        )
        if missing
        else Text(
            "{number} {revision}: {role} {name} ({date}); sign-off complete",
            number=number,
            revision=entry.revision,
            role=ROLE_NAMES[role],
            name=name.strip(),
            date=date,
        ),
        next_step,
        notes,
    )


# --------------------------------------------------------------------------- release


def missing_sign_offs(entry: Revision) -> list[str]:
    return [ROLE_NAMES[role] for role in SIGN_OFF_ORDER if getattr(entry, role) is None]


def release_document(root: Path, reference: str, effective: datetime.date | None = None) -> Outcome:
    """Make the draft revision effective (生效) once 编制, 审核 and 批准 are all recorded."""
    controlled = open_document(root, reference)
    require_status(controlled, Status.DRAFT, Text("released"))
    entry, path = controlled.newest, controlled.newest_path
    number = controlled.document.number
    missing = missing_sign_offs(entry)
    if missing:
        raise controlled.refuse(
            path,
            Text(
                "{number} {revision} cannot be released: no {missing} sign-off",
                number=number,
                revision=entry.revision,
                missing="、".join(missing),
            ),
            Text(
                "record it first: `handbook approve {number} --as {role} --name … --date YYYY-MM-DD`",
                number=number,
                role=missing[0],
            ),
        )
    latest_signature = max(signature.date for signature in _signatures(entry).values())
    if effective is not None and effective < latest_signature:
        raise controlled.refuse(
            path + ("approved", "date"),
            Text(
                "{revision} cannot take effect on {effective}, before its last sign-off ({signed})",
                revision=entry.revision,
                effective=effective,
                signed=latest_signature,
            ),
            Text("choose an effective date on or after {date}", date=latest_signature),
        )
    taking_effect = effective or entry.date

    def edit(data: CommentedMap) -> None:
        replace_scalar(data, "status", Status.EFFECTIVE.value)
        if effective is not None:
            replace_scalar(data, "effective", separate(effective))
            replace_scalar(data["history"][-1], "date", separate(effective))

    notes = apply_edit(root, controlled, edit)
    previous = controlled.document.history[-2].revision if len(controlled.document.history) > 1 else None
    summary = Text(
        "{number} {revision} released (生效), takes effect on {effective}",
        number=number,
        revision=entry.revision,
        effective=taking_effect,
    )
    if previous:
        summary = Text("{summary}; {previous} is superseded from that date", summary=summary, previous=previous)
    return Outcome(controlled.path, controlled.display_path, summary, notes=notes)
