"""Breaking changes between two revisions of a form: what makes stored records invalid.

A filled record (JSON, fillable PDF) is keyed by field ids and checked against the form's
record schema. So a change breaks the records already kept when it removes or renames a
field id, adds a required field, or changes a field's type; such a change must come as a
new form revision (with the old record schema kept at its versioned path, so old records
still validate), is reported by `handbook check` when made in place, and is listed on the
form page. Labels, help texts, layout and new optional fields break nothing.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from generator.source.model import Form, FormField


class BreakingKind(enum.StrEnum):
    REMOVED = "字段删除"
    RENAMED = "字段改名"
    REQUIRED = "新增必填字段"
    TYPE = "字段类型变化"
    NOW_REQUIRED = "字段改为必填"


@dataclass(frozen=True)
class BreakingChange:
    kind: BreakingKind
    field: str  # the field id (table columns as table.column), as in the record
    detail: str

    def describe(self) -> str:
        return f"{self.kind.value}：{self.detail}"


def _flat_fields(form: Form) -> dict[str, FormField]:
    """Field id → field, table columns as `table.column` (their id in a record row)."""
    found: dict[str, FormField] = {}
    for field in form.all_fields():
        found[field.id] = field
        for column in field.columns:
            found[f"{field.id}.{column.id}"] = column
    return found


def _renamed_to(field: FormField, added: dict[str, FormField]) -> str | None:
    """An added field with the same label and type is the removed one renamed."""
    for identifier, candidate in added.items():
        if candidate.label == field.label and candidate.type == field.type:
            return identifier
    return None


def breaking_changes(old: Form, new: Form) -> tuple[BreakingChange, ...]:
    """Every change from `old` to `new` that invalidates records kept under `old`."""
    old_fields, new_fields = _flat_fields(old), _flat_fields(new)
    added = {identifier: field for identifier, field in new_fields.items() if identifier not in old_fields}
    changes: list[BreakingChange] = []
    renamed_targets: set[str] = set()
    for identifier, field in old_fields.items():
        if identifier in new_fields:
            current = new_fields[identifier]
            if current.type != field.type:
                changes.append(
                    BreakingChange(
                        BreakingKind.TYPE, identifier, f"{identifier} {field.type.value} → {current.type.value}"
                    )
                )
            if current.required and not field.required:
                changes.append(
                    BreakingChange(BreakingKind.NOW_REQUIRED, identifier, f"{identifier}（{current.label}）")
                )
            continue
        target = _renamed_to(field, added)
        if target is not None:
            renamed_targets.add(target)
            changes.append(
                BreakingChange(BreakingKind.RENAMED, identifier, f"{identifier} → {target}（{field.label}）")
            )
        else:
            changes.append(BreakingChange(BreakingKind.REMOVED, identifier, f"{identifier}（{field.label}）"))
    for identifier, field in added.items():
        if field.required and identifier not in renamed_targets:
            changes.append(BreakingChange(BreakingKind.REQUIRED, identifier, f"{identifier}（{field.label}）"))
    return tuple(changes)
